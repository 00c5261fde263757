"""The theme turned into Qt: colours, fonts and sizes, in design pixels."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont

from zzkiosk.deck.deck import Deck
from zzkiosk.deck.plain import Theme
from zzkiosk.fonts import resource_path
from zzkiosk.render.fonts import FontError, figure_font, register_fonts

log = logging.getLogger(__name__)

_registered: dict[tuple[str, ...], list[str]] = {}


def parse_colour(text: str) -> QColor:
    """A theme colour (#rgb, #rrggbb or CSS-style #rrggbbaa) as a QColor.

    Qt reads eight hex digits as #aarrggbb, so the alpha form is parsed here.
    """
    digits = text.lstrip("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    red, green, blue = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
    alpha = int(digits[6:8], 16) if len(digits) == 8 else 255
    return QColor(red, green, blue, alpha)


def _font_paths(theme: Theme, theme_folder: Path) -> list[Path]:
    """The theme's font files: beside the theme file, or shipped in resources/fonts."""
    paths = []
    for name in theme.fonts.files:
        local = theme_folder / name
        paths.append(local if local.is_file() else resource_path("fonts", name))
    return paths


def ensure_theme_fonts(theme: Theme, theme_folder: Path) -> list[str]:
    """Register the theme's font files once per process; returns the families loaded.

    A file Qt cannot load leaves the other fonts in use, with a warning in the log: the
    deck loader has already reported it to staff, and the show goes on.
    """
    key = tuple(str(path) for path in _font_paths(theme, theme_folder))
    if key not in _registered:
        try:
            _registered[key] = register_fonts([Path(path) for path in key])
        except FontError as error:
            log.warning("could not load the theme fonts: %s", error)
            _registered[key] = []
    return _registered[key]


@dataclass
class Style:
    """What every item needs to draw: the theme's colours, fonts and sizes, and the deck folder."""

    theme: Theme
    """The deck's theme."""
    canvas: tuple[int, int]
    """Design canvas (width, height)."""
    deck_folder: Path
    """Folder that image paths are relative to."""
    theme_folder: Path
    """Folder that the theme's background image and logo are relative to."""
    _colours: dict[str, QColor] = field(default_factory=dict, repr=False)

    @classmethod
    def for_deck(cls, deck: Deck) -> Style:
        """The style of a loaded deck, with its fonts registered."""
        ensure_theme_fonts(deck.theme, deck.theme_folder)
        return cls(deck.theme, deck.canvas, deck.folder, deck.theme_folder)

    @property
    def portrait(self) -> bool:
        """True on a tall (1080x1920) canvas: layouts stack instead of using columns."""
        return self.canvas[1] > self.canvas[0]

    @property
    def canvas_rect(self) -> QRectF:
        """The whole design canvas."""
        return QRectF(0, 0, *self.canvas)

    def colour(self, name: str) -> QColor:
        """A palette colour by name: background, surface, primary, accent, text, muted."""
        if name not in self._colours:
            self._colours[name] = parse_colour(getattr(self.theme.palette, name))
        return QColor(self._colours[name])

    def series(self, index: int) -> QColor:
        """The colour of the index-th chart series or slice, cycling through the palette."""
        colours = self.theme.palette.series
        return parse_colour(colours[index % len(colours)])

    def size(self, name: str) -> float:
        """A size from the theme in design pixels: title, body, figure, margin, gap ..."""
        return float(getattr(self.theme.sizes, name))

    def font(self, pixel_size: float, bold: bool = False) -> QFont:
        """The text family at a pixel size."""
        font = QFont()
        font.setFamilies([self.theme.fonts.family])
        font.setPixelSize(max(1, round(pixel_size)))
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def figure_font(self, pixel_size: float, bold: bool = True) -> QFont:
        """The figures family at a pixel size, with tabular digits so counting does not jitter."""
        font = figure_font(self.theme.fonts.figures, max(1, round(pixel_size)), bold=bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font
