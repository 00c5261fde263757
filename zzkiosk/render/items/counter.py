"""Counter: a big figure that counts up, with its unit, qualifiers, label and note."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap

from zzkiosk.deck.model import Counter
from zzkiosk.numbers import MINUS, FigureText, count_up_text, format_figure
from zzkiosk.render.items.base import BlockItem, LastTwo
from zzkiosk.render.items.card import paint_card
from zzkiosk.render.sprites import PAD, blit_all, device_scale, sprite, sprite_rect, warm
from zzkiosk.render.typesetting import LaidLine, Run, TextBox

PADDING = 28.0
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
            if is_digits and text in DIGIT_CHARACTERS:
                warm(font, colour, scale)
            metrics = self._digits_metrics if is_digits else self._small_metrics
            found = self._sprites[key] = (sprite(text, font, colour, scale), metrics.ascent() + PAD)
        return found

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


class CounterItem(BlockItem):
    """A counter block: counts from `start` to its value with the final decimals throughout."""

    kind = "counter"
    size_class = "small"
    animated = True

    def __init__(self, model: Counter, style):
        super().__init__(model, style)
        self.final_text = format_figure(model.value, **self._format_args())
        self.figure = self.final_text
        self._counted: LastTwo[FigureText] = LastTwo()
        self._colours = (style.colour("primary"), style.colour("accent"),
                         style.colour("up" if self.final_text.number.startswith("+") else "down"))
        self._line: FigureLine | None = None
        self._labels: TextBox | None = None
        self._line_left = self._baseline = self._labels_top = 0.0
        self._pad = PADDING
        self._shared: tuple[float | None, float | None] = (None, None)

    def _format_args(self) -> dict:
        model = self.model
        return dict(decimals=model.decimals, unit=model.unit, before=model.before,
                    after=model.after, grouping=model.grouping, signed=model.signed)

    @property
    def display_text(self) -> str:
        """The figure as currently drawn: 近1100亿元 when finished."""
        return str(self.figure)

    def progress_changed(self) -> None:
        """Recount the figure for the current progress."""
        self.figure = self._figure_at(self.progress)

    def _figure_at(self, progress: float) -> FigureText:
        """The figure counted `progress` of the way (the last two kept)."""
        return self._counted.get(progress, lambda: count_up_text(self.model.value, progress, start=self.model.start,
                                                                  **self._format_args()))

    def changed_rects(self, previous: float) -> list[QRectF]:
        """The sprites of the figure that differ from the figure at `previous`."""
        if self._line is None:
            return [self.dynamic_rect()]
        return self._line.changed_rects(self._figure_at(previous), self.figure, self._line_left, self._baseline)

    def _label_runs(self, scale: float = 1.0) -> list[Run]:
        style = self.style
        runs = [Run(self.model.label, style.font(style.size("label") * scale), style.colour("text"),
                    Qt.AlignmentFlag.AlignHCenter, max_lines=2)]
        if self.model.note:
            runs.append(Run(self.model.note, style.font(style.size("note") * scale), style.colour("muted"),
                            Qt.AlignmentFlag.AlignHCenter, space_before=8, max_lines=1))
        return runs

    def _make_line(self, scale: float) -> FigureLine:
        style = self.style
        arrow = ARROWS.get(self.final_text.number[:1], "") if self.model.trend == "arrow" else ""
        return FigureLine(self.final_text, style.figure_font(style.size("figure") * scale),
                          style.font(style.size("unit") * scale, bold=True), arrow)

    def preferred_height(self, width: float) -> float:
        """Figure line, label and note at full size, with padding."""
        labels = TextBox(self._label_runs(), max(1.0, width - 2 * PADDING), 10_000.0, "counter label")
        return self._make_line(1.0).height + 12 + labels.used_height + 2 * PADDING

    def _inner(self) -> QRectF:
        self._pad = pad = min(PADDING, self._box.height() * 0.08)
        return self._box.adjusted(pad, pad, -pad, -pad)

    def fitted_scale(self) -> float:
        """The figure's size (share of the theme's) that fits this box alone."""
        inner, line = self._inner(), self._make_line(1.0)
        scale = min(1.0, inner.width() / line.width, inner.height() * 0.62 / line.height)
        return scale if scale >= 1.0 else scale * 0.98

    def figure_top(self) -> float:
        """Where the figure line's top is in the box."""
        return self._baseline - (self._line.ascent if self._line else 0.0)

    def share_row(self, scale: float | None, top: float | None = None) -> None:
        """Set the figure at `scale` with its top at `top` (box coordinates), as its
        neighbours in a grid row are set (None: fitted to this box alone, centred)."""
        self._shared = (scale, top)
        self.relayout()

    def relayout(self) -> None:
        """Fit the figure line to the width and the whole to the height; centre it (or
        set it at the size and top it shares with its row)."""
        inner = self._inner()
        scale, shared_top = self._shared
        line = self._make_line(scale if scale is not None else self.fitted_scale())
        labels_height = max(1.0, inner.height() - line.height - 12)
        self._labels = TextBox(self._label_runs(), inner.width(), labels_height,
                               f"counter label '{self.model.label}'")
        total = line.height + 12 + self._labels.used_height
        top = inner.top() + max(0.0, (inner.height() - total) / 2) if shared_top is None else shared_top
        self._line = line
        self._line_left = inner.left() + (inner.width() - line.width) / 2
        self._baseline = top + line.ascent
        self._labels_top = top + line.height + 12

    def content_rect(self) -> QRectF:
        """The figure line and the label lines."""
        if self._line is None:
            return QRectF()
        line = QRectF(self._line_left, self._baseline - self._line.ascent, self._line.width,
                      self._line.height)
        return line.united(self._labels.content_rect(QPointF(self._box.left() + self._pad, self._labels_top)))

    def laid_lines(self) -> list[LaidLine]:
        """The figure (one line) and the label and note lines, as set."""
        if self._line is None:
            return []
        figure = self._line.laid_line(self.final_text, self._line_left, self._baseline)
        return [figure, *self._labels.laid_lines(QPointF(self._box.left() + self._pad, self._labels_top))]

    def dynamic_rect(self) -> QRectF:
        """The figure line's band across the whole box (a count can be wider than its
        final figure), with room for the sprites' padding above and below."""
        if self._line is None:
            return QRectF(self._box)
        margin = self._line.height * 0.25
        band = QRectF(self._box.left(), self._baseline - self._line.ascent - margin,
                      self._box.width(), self._line.height + 2 * margin)
        return band.intersected(self._box)

    def overflowed(self) -> bool:
        """True when the label or note was elided."""
        return bool(self._labels and self._labels.elided)

    def paint_static(self, painter: QPainter) -> None:
        """The card and the label."""
        if self._line is None:
            return
        paint_card(painter, self._box, self.style)
        self._labels.draw(painter, QPointF(self._box.left() + self._pad, self._labels_top))

    def paint_dynamic(self, painter: QPainter) -> None:
        """The figure as counted so far."""
        if self._line is None:
            return
        self._line.draw(painter, self.figure, self._line_left, self._baseline, self._colours)


def share_rows(items) -> None:
    """Counters side by side in one grid row share one digit size (the largest that fits
    all of them) and one baseline: 3105.8亿元 beside +4.1% must not look smaller."""
    rows: dict[tuple[int, int], list[CounterItem]] = {}
    for item in items:
        if isinstance(item, CounterItem):
            rows.setdefault((round(item.pos().y()), round(item.boundingRect().height())), []).append(item)
    for row in rows.values():
        if len(row) < 2:
            continue
        scale = min(item.fitted_scale() for item in row)
        for item in row:
            item.share_row(scale)
        top = min(item.figure_top() for item in row)
        for item in row:
            item.share_row(scale, top)
