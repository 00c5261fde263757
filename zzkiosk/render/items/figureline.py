"""A figure set on one baseline (digits large, qualifiers and unit smaller), drawn from
one sprite per digit so a count repaints only the digits that changed: counters, rings
and timeline milestones use it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap

from zzkiosk.numbers import MINUS, FigureText
from zzkiosk.render.items.base import LastTwo
from zzkiosk.render.sprites import PAD, blit_all, device_scale, sprite, sprite_rect, warm
from zzkiosk.render.typesetting import LaidLine

DIGIT_CHARACTERS = frozenset("0123456789.,-+" + MINUS)
"""Characters of a counting number (a signed figure's sign too), drawn from one sprite each."""
DIGITS, SMALL, ARROW = 0, 1, 2
"""What a piece of a figure line is drawn as: in the digits font, in the small font, the trend arrow;
also its index in the colours given to `FigureLine.draw`."""
ARROWS = {"+": "\u25b2", MINUS: "\u25bc"}
"""The trend arrow of a signed figure by its sign: ▲ up, ▼ down."""
QUALIFIER_GAP = 0.06
"""Space between a qualifier or unit and the digits, as a share of the unit size."""


class FigureLine:
    """A figure set on one baseline: digits large in the figures font, the rest smaller.

    The digits' right edge stays where the final value's is while the count runs, so the
    unit never moves and the figure grows to the left, like an odometer.
    """

    def __init__(self, final: FigureText, digits: QFont, small: QFont, arrow: str = ""):
        self.digits, self.small, self.arrow = digits, small, arrow
        self._digits_metrics, self._small_metrics = QFontMetricsF(digits), QFontMetricsF(small)
        self.gap = small.pixelSize() * QUALIFIER_GAP
        self.number_right = self._width_up_to_number(final)
        self.width = self.number_right + self._width_after(final)
        self.ascent = max(self._digits_metrics.ascent(), self._small_metrics.ascent())
        self.height = self.ascent + max(self._digits_metrics.descent(), self._small_metrics.descent())
        self._pieces: LastTwo[list[tuple[str, bool, QPointF]]] = LastTwo()
        self._sprites: dict[tuple, tuple[QPixmap, float]] = {}
        self._warmed: dict[tuple, list[QPixmap]] = {}
        """Every digit's sprite by (colour, scale), held so that a count never renders one mid-animation."""
        self._inks: dict[tuple, QRectF] = {}

    def _width_up_to_number(self, figure: FigureText) -> float:
        lead = figure.before + self.arrow
        before = self._small_metrics.horizontalAdvance(lead) + self.gap * (bool(figure.before) + bool(self.arrow))
        return before + self._digits_metrics.horizontalAdvance(figure.number)

    def _width_after(self, figure: FigureText) -> float:
        rest = figure.infix + figure.unit + figure.suffix
        return self._small_metrics.horizontalAdvance(rest) + self.gap if rest else 0.0

    def pieces(self, figure: FigureText, left: float, baseline: float) -> list[tuple[str, int, QPointF]]:
        """What drawing `figure` with the final figure's left edge at `left` puts where:
        (text, DIGITS/SMALL/ARROW, baseline start) for each sprite, digit by digit.

        The last two answers are kept: a count asks for each figure three times (what
        changed since the last frame, then what to draw)."""
        return self._pieces.get((figure, left, baseline), lambda: self._lay_out(figure, left, baseline))

    def _lay_out(self, figure: FigureText, left: float, baseline: float) -> list[tuple[str, int, QPointF]]:
        number_left = left + self.number_right - self._digits_metrics.horizontalAdvance(figure.number)
        if all(ch in DIGIT_CHARACTERS for ch in figure.number):
            pieces, x = [], number_left
            for character in figure.number:
                pieces.append((character, DIGITS, QPointF(x, baseline)))
                x += self._digits_metrics.horizontalAdvance(character)
        else:
            pieces = [(figure.number, DIGITS, QPointF(number_left, baseline))] if figure.number else []
        lead_right = number_left
        for text, role in ((figure.before, SMALL), (self.arrow, ARROW)):
            if text:
                lead_right -= self.gap + self._small_metrics.horizontalAdvance(text)
                pieces.append((text, role, QPointF(lead_right, baseline)))
        rest = figure.infix + figure.unit + figure.suffix
        if rest:
            pieces.append((rest, SMALL, QPointF(left + self.number_right + self.gap, baseline)))
        return pieces

    def laid_line(self, figure: FigureText, left: float, baseline: float) -> LaidLine:
        """`figure` as one line of the proof sheet: its text, box and digit size."""
        lead = self.arrow + figure.before
        return LaidLine(lead + str(figure)[len(figure.before):],
                        QRectF(left, baseline - self.ascent, self.width, self.height), self.digits.pixelSize())

    def draw(self, painter: QPainter, figure: FigureText, left: float, baseline: float,
             colours: tuple) -> None:
        """Draw `figure` with the final figure's left edge at `left`, from sprites blitted
        in one go (per sprite, looking it up and mapping it cost more than the blit)."""
        scale = device_scale(painter)
        placements = []
        for text, role, at in self.pieces(figure, left, baseline):
            pixmap, top = self._sprite(text, role == DIGITS, colours[role], scale)
            placements.append((QPointF(at.x() - PAD, at.y() - top), pixmap))
        blit_all(painter, placements)

    def _sprite(self, text: str, is_digits: bool, colour: QColor, scale: float) -> tuple[QPixmap, float]:
        """The sprite of `text` and how far above the baseline its top is."""
        key = (text, is_digits, colour.rgba(), scale)
        found = self._sprites.get(key)
        if found is None:
            font = self.digits if is_digits else self.small
            if is_digits and text in DIGIT_CHARACTERS and (colour.rgba(), scale) not in self._warmed:
                self._warmed[colour.rgba(), scale] = warm(font, colour, scale)
            metrics = self._digits_metrics if is_digits else self._small_metrics
            found = self._sprites[key] = (sprite(text, font, colour, scale), metrics.ascent() + PAD)
        return found

    def let_go(self) -> None:
        """Free the sprites held (the figure stands still, painted from elsewhere); the next
        draw fetches or renders them again."""
        self._sprites.clear()
        self._warmed.clear()

    def changed_rects(self, old: FigureText, new: FigureText, left: float, baseline: float) -> list[QRectF]:
        """Where drawing `new` instead of `old` changes the picture: only the sprites that
        differ (a count changes its last digits most frames, not the whole figure)."""
        before = {(text, role == DIGITS, at.x()) for text, role, at in self.pieces(old, left, baseline)}
        after = {(text, role == DIGITS, at.x()) for text, role, at in self.pieces(new, left, baseline)}
        return [self._ink(text, is_digits).translated(x, baseline) for text, is_digits, x in before ^ after]

    def _ink(self, text: str, is_digits: bool) -> QRectF:
        """Where the sprite of `text` can put ink, relative to its baseline start (kept)."""
        key = (text, is_digits)
        rect = self._inks.get(key)
        if rect is None:
            rect = self._inks[key] = sprite_rect(text, self.digits if is_digits else self.small, QPointF())
        return rect
