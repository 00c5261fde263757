"""Finding the compiled message catalogue (.mo), compiling it from the .po when needed.

An installed zzkiosk (pip install, pip install -e, the PyInstaller build) has the .mo
beside the .po: setup.py compiles it at build time. A source checkout run with
PYTHONPATH has only the .po; it is then compiled once with Babel into the user cache
(and again whenever the .po changes), so a translator sees an edit on the next run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from platformdirs import user_cache_dir

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""The catalogues inside the package: locale/<language>/LC_MESSAGES/zzkiosk.po (and .mo)."""


def compiled_catalogue(language: str) -> Path | None:
    """The .mo file for `language` (like zh_CN), or None when there is none to be had."""
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source, built = folder / "zzkiosk.po", folder / "zzkiosk.mo"
    if built.is_file() and (not source.is_file() or built.stat().st_mtime >= source.stat().st_mtime):
        return built
    if not source.is_file():
        return None
    return _cached(source, language)


def compile_catalogue(source: Path, target: Path) -> None:
    """Compile the .po `source` into the .mo `target` with Babel (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        catalogue = read_po(handle)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".mo.partial")
    with partial.open("wb") as handle:
        write_mo(handle, catalogue)
    partial.replace(target)  # a kiosk starting meanwhile never reads half a file


def _cached(source: Path, language: str) -> Path | None:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = Path(user_cache_dir("zzkiosk")) / "locale" / f"{language}-{digest}.mo"
    if target.is_file():
        return target
    try:
        compile_catalogue(source, target)
    except ImportError:  # no Babel: messages stay in English rather than the kiosk failing
        return None
    except OSError:
        return None
    return target
