#!/usr/bin/env python3
"""Set up zzkiosk in its own virtual environment (.venv) and run it.

    python3 run.py                 set up, then play the default deck (kiosk fullscreen)
    python3 run.py --windowed      the same in a preview window; any zzkiosk options work
    python3 run.py validate slides any zzkiosk command: validate, render, schema, bench
    python3 run.py test            set up with the test tools, then run the whole test suite
    python3 run.py test -k loader  extra words go to pytest

The first run creates .venv and installs zzkiosk with its dependencies from PyPI; later
runs reinstall only when pyproject.toml changes. Needs Python 3.11 or newer.
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
    """Create .venv and install zzkiosk[extras] unless that exact install is already there."""
    wanted = f"{extras}:{hashlib.sha256((ROOT / 'pyproject.toml').read_bytes()).hexdigest()}"
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not venv_python().exists():
        print("zzkiosk: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"zzkiosk: installing zzkiosk{f'[{extras}]' if extras else ''} into .venv (first run takes a minute)", flush=True)
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-e", f"{ROOT}[{extras}]" if extras else str(ROOT)], check=True)
    STAMP.write_text(wanted)


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
