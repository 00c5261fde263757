"""Import pyqtgraph bound to PySide6, under lean source checks.

PySide6 creates a Qt class's Python type the first time its name is read; until then the
module only lists it. pyqtgraph's Qt shim (`pyqtgraph/Qt/__init__.py`, `_copy_attrs`)
mirrors QtCore, QtGui and QtWidgets into its own modules with `dir()` + `getattr` of every
listed name, so importing pyqtgraph created all ~700 of their classes and their enums, most
never used: 5-6 MB of the 1080p tour's peak (docs/performance.md, "Memory (issue 20)").

Here the shim's copy sees no names at all, and each of its three mirror modules gets a
module `__getattr__` (PEP 562) that reads a name from the PySide6 module the first time
pyqtgraph asks for it, and keeps it. pyqtgraph gets the very objects it got before, and
only the classes it uses are created. The narrowing lasts exactly as long as the import.
pyqtgraph has mirrored this way (`dir()`, then `getattr`) through 0.13 and 0.14; should a
later version do otherwise, tests/test_render_charts_memory.py says so.

The import also runs under `lean_source_checks`: PySide6's check of each new module does
not fill Python's line cache with the source of pyqtgraph and numpy (9 MB of the tour's peak).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType

from zzkiosk.qt_environment import prepare_qt_environment
from zzkiosk.render.memory import lean_source_checks

MIRRORED = ("QtCore", "QtGui", "QtWidgets")
"""The PySide6 modules pyqtgraph's shim mirrors, each into `pyqtgraph.Qt.<name>`."""


def import_pyqtgraph() -> ModuleType:
    """pyqtgraph, imported (once) bound to PySide6 with its mirrors resolving names lazily."""
    if "pyqtgraph" in sys.modules:
        return sys.modules["pyqtgraph"]
    prepare_qt_environment()  # pyqtgraph must be bound to PySide6 before its import
    sources = [importlib.import_module(f"PySide6.{name}") for name in MIRRORED]
    with lean_source_checks(), _listing_nothing(sources, _mirror_lazily):
        return importlib.import_module("pyqtgraph")


@contextmanager
def _listing_nothing(sources: list[ModuleType], on_listed: Callable[[ModuleType], None]) -> Iterator[None]:
    """While inside, `dir()` of each of `sources` is empty and calls `on_listed(source)`.

    `dir()` of a PySide6 module calls the `__dir__` PySide6 keeps in the module's dict;
    it is put back on the way out, whatever happens."""
    saved = {source: source.__dict__.get("__dir__") for source in sources}

    def listing(source: ModuleType) -> Callable[[], list[str]]:
        def nothing() -> list[str]:
            on_listed(source)
            return []
        return nothing

    for source in sources:
        source.__dir__ = listing(source)
    try:
        yield
    finally:
        for source, original in saved.items():
            if original is None:
                del source.__dir__
            else:
                source.__dir__ = original


def _mirror_lazily(source: ModuleType) -> None:
    """Give pyqtgraph's mirror of `source` (being filled now) names read on first use.

    The shim lists `source` only after it has imported its mirror module; anyone else
    listing it during the import (before the mirror exists) changes nothing."""
    mirror = sys.modules.get(f"pyqtgraph.Qt.{source.__name__.rpartition('.')[2]}")
    if mirror is None or "__getattr__" in mirror.__dict__:
        return

    def read_on_first_use(name: str) -> object:
        value = getattr(source, name)  # AttributeError for a name Qt does not have, as before
        setattr(mirror, name, value)
        return value

    mirror.__getattr__ = read_on_first_use
    mirror.__dir__ = lambda: sorted(set(mirror.__dict__) | set(dir(source)))
