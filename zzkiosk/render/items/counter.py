"""Counter: a big figure that counts up, with its unit, qualifiers, label and note."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath

from zzkiosk.deck.plain import Counter
from zzkiosk.numbers import FigureText, count_up_text, format_figure
from zzkiosk.render.items.base import BlockItem, LastTwo
from zzkiosk.render.items.card import paint_card
from zzkiosk.render.items.figureline import ARROWS, SMALL, FigureLine
from zzkiosk.render.items.icons import icon_path
from zzkiosk.render.typesetting import LaidLine, Run, TextBox

PADDING = 28.0
ICON_SHARE, ICON_GAP = 0.62, 0.16
"""A counter's icon beside its figure: its side and the gap after it, as shares of the
figure line's height (about the digits' height: the icon reads as part of the figure)."""


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
        self._icon = QPainterPath()
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

    def _icon_room(self, line: FigureLine) -> float:
        """Width the icon and its gap take left of the figure (0 without an icon)."""
        return line.height * (ICON_SHARE + ICON_GAP) if self.model.icon else 0.0

    def fitted_scale(self) -> float:
        """The figure's size (share of the theme's) that fits this box alone."""
        inner, line = self._inner(), self._make_line(1.0)
        width = line.width + self._icon_room(line)
        scale = min(1.0, inner.width() / width, inner.height() * 0.62 / line.height)
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
        room = self._icon_room(line)
        self._line_left = inner.left() + (inner.width() - line.width - room) / 2 + room
        self._baseline = top + line.ascent
        self._labels_top = top + line.height + 12
        self._place_icon(line, room)

    def _place_icon(self, line: FigureLine, room: float) -> None:
        """The icon left of the figure, centred on the digits' height."""
        if not self.model.icon:
            return
        side = line.height * ICON_SHARE
        centre = self._baseline - QFontMetricsF(line.digits).capHeight() / 2
        rect = QRectF(self._line_left - room, centre - side / 2, side, side)
        self._icon = icon_path(self.model.icon, rect)

    def content_rect(self) -> QRectF:
        """The figure line and the label lines."""
        if self._line is None:
            return QRectF()
        line = QRectF(self._line_left, self._baseline - self._line.ascent, self._line.width,
                      self._line.height).united(self._icon.boundingRect())
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

    def let_go_of_painting(self) -> None:
        """Free the figure's sprites too (the next paint fetches them again)."""
        super().let_go_of_painting()
        if self._line is not None:
            self._line.let_go()

    def paint_static(self, painter: QPainter) -> None:
        """The card, the icon and the label."""
        if self._line is None:
            return
        paint_card(painter, self._box, self.style)
        if self.model.icon:
            painter.fillPath(self._icon, self._colours[SMALL])
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
