#!/usr/bin/env python3
"""Set up zzkiosk in its own virtual environment (.venv) and run it.

    python3 run.py                 set up, then play the default deck (kiosk fullscreen)
    python3 run.py --windowed      the same in a preview window; any zzkiosk options work
    python3 run.py validate slides any zzkiosk command: validate, render, schema, bench
    python3 run.py test            set up with the test tools, then run the whole test suite
    python3 run.py test -k loader  extra words go to pytest

The first run creates .venv and installs zzkiosk with its dependencies from PyPI; later
runs reinstall only when pyproject.toml or this file changes. Needs Python 3.11 or newer.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "zzkiosk-installed.txt"


def venv_python() -> Path:
    """The virtual environment's Python."""
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def set_up(extras: str) -> None:
    """Create .venv and install zzkiosk[extras] unless that exact install is already there
    (the same extras, pyproject.toml and this file)."""
    recipe = (ROOT / "pyproject.toml").read_bytes() + Path(__file__).read_bytes()
    wanted = f"{extras}:{hashlib.sha256(recipe).hexdigest()}"
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not venv_python().exists():
        print("zzkiosk: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"zzkiosk: installing zzkiosk{f'[{extras}]' if extras else ''} into .venv (first run takes a minute)", flush=True)
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-e", f"{ROOT}[{extras}]" if extras else str(ROOT)], check=True)
    unpack_shiboken_support()
    STAMP.write_text(wanted)


UNPACK_SHIBOKEN_SUPPORT = """
import compileall, pathlib, sys
import shiboken6.Shiboken  # with SBK_EMBED=0: unpacks its support modules into files.dir
folder = pathlib.Path(shiboken6.__file__).parent / "files.dir"
sys.exit(0 if folder.is_dir() and compileall.compile_dir(folder, quiet=1) else 1)
"""
"""Run with SBK_EMBED=0: shiboken unpacks its support modules into files.dir as it is
imported; they are then compiled. Exits 1 when there is no folder to compile."""


def unpack_shiboken_support() -> None:
    """Let shiboken load its support modules as bytecode at every start (~10-15 ms less
    to the first slide; docs/performance.md, "Start-up (issue 20)", round 6). Shiboken
    otherwise compiles them from the source embedded in it, every start. Its own switch,
    SBK_EMBED=0, unpacks them into shiboken6/files.dir; SBK_EMBED=1 removes the folder.
    The folder is removed first (SBK_EMBED=1), so that a PySide6 upgraded by this set-up
    never meets the last version's modules. Starting without the folder is only slower, so
    a failure here is reported, not fatal."""
    python = str(venv_python())
    subprocess.run([python, "-c", "import shiboken6"], env=dict(os.environ, SBK_EMBED="1"), check=False)
    done = subprocess.run([python, "-c", UNPACK_SHIBOKEN_SUPPORT], env=dict(os.environ, SBK_EMBED="0"))
    if done.returncode != 0:
        print("zzkiosk: could not unpack shiboken's support modules; starts will be ~15 ms slower", flush=True)


def main(argv: list[str]) -> int:
    """Set up, then run the tests (`test ...`) or zzkiosk with `argv`."""
    if sys.version_info < (3, 11):
        print("zzkiosk needs Python 3.11 or newer", file=sys.stderr)
        return 2
    environment = dict(os.environ, PYQTGRAPH_QT_LIB="PySide6")
    if argv[:1] == ["test"]:
        set_up("test")
        command = [str(venv_python()), "-m", "pytest", *argv[1:]]
    else:
        set_up("test" if STAMP.exists() and STAMP.read_text().startswith("test:") else "")
        command = [str(venv_python()), "-m", "zzkiosk", *argv]
    return subprocess.run(command, cwd=ROOT, env=environment).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
