"""Qt side of the shipped fonts: register them once and build fonts for figures.

The kiosk never relies on system fonts: under ``QT_QPA_PLATFORM=offscreen`` (tests,
CI) Qt may find no fontconfig fonts at all, and exhibition PCs differ. Fonts are
therefore always named explicitly with ``QFont.setFamilies([family])`` after
:func:`register_fonts` has loaded the files from :data:`zzkiosk.fonts.FONT_FILES`.

The shipped subset is renamed "ZZKiosk Sans SC" (see resources/fonts/make_subset.py): with
the original name, Qt resolved the family to a system-wide Noto Sans CJK SC where
fonts-noto-cjk is installed, so a dev machine could draw characters the kiosk lacks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from zzkiosk.fonts import FONT_FILES

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

log = logging.getLogger(__name__)

TABULAR_FIGURES = QFont.Tag("tnum")
"""OpenType feature giving every digit the same advance, so counters do not jitter."""

_registered: dict[Path, list[str]] = {}


class FontError(Exception):
    """A font file could not be loaded into Qt; names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        """The font file that failed."""
        self.reason = reason
        """Why it failed, for people."""


def _register_one(path: Path) -> list[str]:
    """Load one font file into Qt's application font database; return its families."""
    if not path.is_file():
        raise FontError(path, "font file not found (run resources/fonts/make_subset.py?)")
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        raise FontError(path, "Qt refused the font file (corrupt or unsupported format)")
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise FontError(path, "Qt loaded the file but found no font family in it")
    return list(families)


def register_fonts(paths: Iterable[str | Path] = FONT_FILES) -> list[str]:
    """Register font files with Qt once per process; return their distinct families.

    Calling it again with the same files does not load them twice. A
    ``QGuiApplication`` must exist. Raises :class:`FontError` for a missing file or
    one Qt refuses.
    """
    families: list[str] = []
    for path in (Path(p).resolve() for p in paths):
        if QGuiApplication.instance() is None:
            raise FontError(path, "create the QGuiApplication before registering fonts")
        if path not in _registered:
            _registered[path] = _register_one(path)
        families += [f for f in _registered[path] if f not in families]
    return families


def register_deck_fonts(deck: Deck) -> None:
    """Register the font files of the deck's theme, as the loader resolved and checked them
    (files registered before are skipped). One that fails is logged and text falls back to
    the system fonts: the show goes on."""
    try:
        register_fonts(deck.fonts)
    except FontError as error:
        log.error("%s; text falls back to the system fonts", error)


def figure_font(family: str, pixel_size: int, bold: bool = True) -> QFont:
    """Return a font for numbers: tabular figures, so every digit has the same advance.

    Noto Sans CJK's default digits are already equal-width and it has no 'tnum'
    feature; the feature is still requested so another family behaves the same.
    """
    font = QFont()
    font.setFamilies([family])
    font.setPixelSize(pixel_size)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    font.setFeature(TABULAR_FIGURES, 1)
    return font
