"""Chart: bar, hbar, line, pie, donut and ring gauge; bars, lines and arcs grow on entrance.

pyqtgraph (for the axes of bar, hbar and line) is imported on the first such chart only.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from zzkiosk.deck.plain import Chart
from zzkiosk.numbers import FigureText
from zzkiosk.render.items import chart_round as round_
from zzkiosk.render.items.base import BlockItem, LastTwo
from zzkiosk.render.items.card import paint_card
from zzkiosk.render.items.figureline import FigureLine
from zzkiosk.render.typesetting import TEXT_MIN, LaidLine, Run, TextBox

PADDING = 28.0
BAR_WIDTH = 0.56
"""A bar's width as a share of the space per category."""
CARTESIAN = ("bar", "hbar", "line")


class ChartItem(BlockItem):
    """A chart block. `data_marks()` gives one rect per bar, point, slice (or the ring's arc)."""

    kind = "chart"
    size_class = "medium"
    flexible = True
    animated = True

    def __init__(self, model: Chart, style):
        super().__init__(model, style)
        if model.kind == "ring":
            self.size_class, self.flexible = "small", False
        self._frame = None
        if model.kind in CARTESIAN:
            from zzkiosk.render.items.chart_cartesian import new_frame
            self._frame = new_frame(model, style, style.size("note"))
        self._title: TextBox | None = None
        self._body = self._disc = QRectF()
        self._legend: TextBox | None = None
        self._legend_origin = QPointF()
        self._ring_line: FigureLine | None = None
        self._ring_label: TextBox | None = None
        self._ring_figures: LastTwo[FigureText] = LastTwo()
        self._value_font, self._value_unit = style.font(style.size("note"), bold=True), True

    # -- layout ----------------------------------------------------------------------------

    def _title_runs(self) -> list[Run]:
        style = self.style
        return [Run(self.model.title, style.font(style.size("label"), bold=True), style.colour("primary"),
                    Qt.AlignmentFlag.AlignHCenter, max_lines=1)] if self.model.title else []

    def preferred_height(self, width: float) -> float:
        """Charts like room: a ring is square-ish, the others 16:10 at most 520 pixels."""
        if self.model.kind == "ring":
            return min(width * 0.7, 240.0) + self.style.size("label") * 1.5 + 16 + 2 * PADDING
        return min(width * 0.62, 520.0)

    def relayout(self) -> None:
        """Title on top; the plot, pie or ring in the rest."""
        inner = self._box.adjusted(PADDING, PADDING * 0.8, -PADDING, -PADDING * 0.8)
        self._title = TextBox(self._title_runs(), inner.width(), inner.height() * 0.2, "chart title")
        top = inner.top() + (self._title.used_height + 12 if self.model.title else 0.0)
        self._body = QRectF(inner.left(), top, inner.width(), inner.bottom() - top)
        if self._frame is not None:
            self._frame.resize(self._body.width(), self._body.height())
            self._fit_value_labels()
        elif self.model.kind == "ring":
            self._layout_ring()
        else:
            self._layout_pie()

    def _fit_value_labels(self) -> None:
        """Shrink the value labels (then drop their unit) until neighbours do not touch."""
        size, room = self.style.size("note"), self._frame.category_spacing() * 0.92
        texts = [round_.item_text(self.model, i, 1.0) for i in range(len(self.model.items))]
        if self._frame.horizontal:
            room = 10_000.0
        for scale, unit in ((1.0, True), (0.85, True), (0.72, True), (0.85, False), (0.72, False)):
            font = self.style.font(max(TEXT_MIN, size * scale), bold=True)  # readable from 3 m
            shown = texts if unit else [t.removesuffix(self.model.unit) for t in texts]
            if max(QFontMetricsF(font).horizontalAdvance(text) for text in shown) <= room:
                break
        self._value_font, self._value_unit = font, unit

    def _square(self, rect: QRectF) -> QRectF:
        side = max(1.0, min(rect.width(), rect.height()))
        return QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)

    def _layout_pie(self) -> None:
        body, label = self._body, self.style.size("label")
        beside = body.width() > body.height() * 1.4
        if beside:
            disc_area = QRectF(body.left(), body.top(), body.width() * 0.48, body.height())
            legend_area = QRectF(disc_area.right() + label, body.top(), body.width() * 0.52 - label, body.height())
        else:
            legend_height = len(self.model.items) * label * 2.0
            disc_area = QRectF(body.left(), body.top(), body.width(), body.height() - legend_height - label)
            legend_area = QRectF(body.left() + body.width() * 0.15, disc_area.bottom() + label,
                                 body.width() * 0.85, legend_height)
        self._disc = self._square(disc_area.adjusted(8, 8, -8, -8))
        self._legend = round_.legend_box(self.model, self.style, legend_area.width(), legend_area.height())
        top = legend_area.top() + max(0.0, (legend_area.height() - self._legend.used_height) / 2)
        self._legend_origin = QPointF(legend_area.left(), top)

    def _layout_ring(self) -> None:
        style, body = self.style, self._body
        label_run = Run(self.model.label, style.font(style.size("label")), style.colour("text"),
                        Qt.AlignmentFlag.AlignHCenter, max_lines=2)
        self._ring_label = TextBox([label_run], body.width(), body.height() * 0.3, "ring label")
        label_height = self._ring_label.used_height + 16
        self._disc = self._square(QRectF(body.left(), body.top(), body.width(), body.height() - label_height))
        final = round_.ring_text(self.model, 1.0)
        inner = self._disc.width() * 0.7
        line = FigureLine(final, style.figure_font(style.size("figure") * 0.6), style.font(style.size("unit") * 0.75, bold=True))
        scale = min(1.0, inner / max(1.0, line.width))
        self._ring_line = FigureLine(final, style.figure_font(style.size("figure") * 0.6 * scale),
                                     style.font(style.size("unit") * 0.75 * scale, bold=True))

    # -- what is drawn ---------------------------------------------------------------------

    def _bar_rect(self, index: int, value: float) -> QRectF:
        frame, count = self._frame, len(self.model.items)
        half = BAR_WIDTH / 2
        if frame.horizontal:
            slot = count - 1 - index
            corners = frame.map(0, slot - half), frame.map(value, slot + half)
        else:
            corners = frame.map(index - half, 0), frame.map(index + half, value)
        return QRectF(corners[0], corners[1]).normalized().translated(self._body.topLeft())

    def _points(self) -> list[QPointF]:
        offset = self._body.topLeft()
        return [self._frame.map(i, item.value) + offset for i, item in enumerate(self.model.items)]

    def data_marks(self) -> list[QRectF]:
        """One rect per datum as drawn now: bars, line points, slices (bounding) or the ring."""
        kind, progress = self.model.kind, self.progress
        if kind in ("bar", "hbar"):
            return [self._bar_rect(i, item.value * progress) for i, item in enumerate(self.model.items)]
        if kind == "line":
            return [QRectF(point - QPointF(8, 8), point + QPointF(8, 8)) for point in self._points()]
        if kind == "ring":
            return [QRectF(self._disc)]
        return [QRectF(self._disc) for _, span in round_.slice_spans(self.model, progress) if span]

    @property
    def value_texts(self) -> list[str]:
        """The value labels as drawn now (the ring's share for a ring)."""
        if self.model.kind == "ring":
            return [str(round_.ring_text(self.model, self.progress))]
        return [round_.item_text(self.model, i, self.progress) for i in range(len(self.model.items))]

    def content_rect(self) -> QRectF:
        """The chart's card: charts fill their box."""
        return QRectF(self._box)

    def dynamic_rect(self) -> QRectF:
        """The plot across the whole box, with room above it for a full bar's value label:
        the title and the padding stay out of the repaint while the chart grows."""
        if self._title is None:
            return QRectF(self._box)
        top = self._body.top() - self.style.size("note") * 1.6 - 8
        return QRectF(self._box.left(), top, self._box.width(), self._box.bottom() - top).intersected(self._box)

    def changed_rects(self, previous: float) -> list[QRectF]:
        """Bars: the stretch each bar grew by and its value label, before and after; a
        gauge: the stretch of arc and the digits that changed; others: the whole plot."""
        kind = self.model.kind
        if kind in ("bar", "hbar"):
            return [rect for index in range(len(self.model.items)) for rect in self._bar_change(index, previous)]
        if kind == "ring" and self._ring_line is not None:
            centre, line = self._disc.center(), self._ring_line
            left, baseline = centre.x() - line.width / 2, centre.y() + line.ascent - line.height / 2
            digits = line.changed_rects(self._ring_figure(previous), self._ring_figure(self.progress), left, baseline)
            arc = round_.ring_arc_change(self._disc, round_.ring_span(self.model, previous),
                                         round_.ring_span(self.model, self.progress))
            return [arc, *digits]
        return [self.dynamic_rect()]

    def _bar_change(self, index: int, previous: float) -> list[QRectF]:
        """Where bar `index` and its value label differ between `previous` and now."""
        value, horizontal = self.model.items[index].value, self._frame.horizontal
        old, new = self._bar_rect(index, value * previous), self._bar_rect(index, value * self.progress)
        if horizontal:
            edges = [QRectF(min(a, b), new.top(), abs(a - b), new.height())
                     for a, b in ((old.left(), new.left()), (old.right(), new.right()))]
        else:
            edges = [QRectF(new.left(), min(a, b), new.width(), abs(a - b))
                     for a, b in ((old.top(), new.top()), (old.bottom(), new.bottom()))]
        negative = value < 0
        labels = [self._value_rect(round_.item_text(self.model, index, progress), rect, horizontal, negative)[0]
                  .adjusted(-4, -4, 4, 4) for progress, rect in ((previous, old), (self.progress, new))]
        return [edge.adjusted(-2, -2, 2, 2) for edge in edges] + labels

    def _value_rect(self, text: str, bar: QRectF, horizontal: bool, negative: bool) -> tuple[QRectF, Qt.AlignmentFlag]:
        """Where a bar's value label goes and how it is aligned there: past the bar's end,
        above (right of) a bar that grows up (right), below (left of) a negative one."""
        if not self._value_unit:
            text = text.removesuffix(self.model.unit)
        width, height = QFontMetricsF(self._value_font).horizontalAdvance(text) + 8, self.style.size("note") * 1.6
        if horizontal:
            left = bar.left() - 10 - width if negative else bar.right() + 10
            side = Qt.AlignmentFlag.AlignRight if negative else Qt.AlignmentFlag.AlignLeft
            return QRectF(left, bar.center().y() - height / 2, width, height), side | Qt.AlignmentFlag.AlignVCenter
        top = bar.bottom() + 4 if negative else bar.top() - height - 4
        side = Qt.AlignmentFlag.AlignTop if negative else Qt.AlignmentFlag.AlignBottom
        return QRectF(bar.center().x() - width / 2, top, width, height), side | Qt.AlignmentFlag.AlignHCenter

    def overflowed(self) -> bool:
        """True when the title, legend or label was elided."""
        boxes = (self._title, self._legend, self._ring_label)
        return any(box is not None and box.elided for box in boxes)

    # -- painting --------------------------------------------------------------------------

    def _paint_value(self, painter: QPainter, text: str, bar: QRectF, horizontal: bool, negative: bool = False) -> None:
        rect, align = self._value_rect(text, bar, horizontal, negative)
        if not self._value_unit:
            text = text.removesuffix(self.model.unit)
        painter.setFont(self._value_font)
        painter.setPen(self.style.colour("primary"))
        painter.drawText(rect, align, text)

    def _paint_bars(self, painter: QPainter) -> None:
        horizontal = self._frame.horizontal
        for item, rect, text in zip(self.model.items, self.data_marks(), self.value_texts):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.style.colour("accent"))
            painter.drawRect(rect)
            self._paint_value(painter, text, rect, horizontal, item.value < 0)

    def laid_lines(self) -> list[LaidLine]:
        """The title, then the category and value labels (the ring's figure and label, a
        pie's legend), as set at the end of the entrance."""
        if self._title is None:
            return []
        found = self._title.laid_lines(QPointF(self._body.left(), self._box.top() + PADDING * 0.8))
        if self._frame is not None:
            offset = self._body.topLeft()
            found += [LaidLine(text, rect.translated(offset), px) for text, rect, px in self._frame.category_lines()]
            return found + self._value_lines()
        if self.model.kind == "ring":
            line, centre = self._ring_line, self._disc.center()
            baseline = centre.y() + line.ascent - line.height / 2
            found.append(line.laid_line(round_.ring_text(self.model, 1.0), centre.x() - line.width / 2, baseline))
            return found + self._ring_label.laid_lines(QPointF(self._body.left(), self._disc.bottom() + 16))
        return found + self._legend.laid_lines(self._legend_origin)

    def _value_lines(self) -> list[LaidLine]:
        """Every value label as drawn at the end of the entrance."""
        size, found = self._value_font.pixelSize(), []
        for index, item in enumerate(self.model.items):
            text = round_.item_text(self.model, index, 1.0)
            if self.model.kind == "line":
                point = self._points()[index] - QPointF(0, 10)
                rect = self._value_rect(text, QRectF(point, point), False, False)[0]
            else:
                rect = self._value_rect(text, self._bar_rect(index, item.value), self._frame.horizontal, item.value < 0)[0]
            found.append(LaidLine(text if self._value_unit else text.removesuffix(self.model.unit), rect, size))
        return found

    def _paint_line(self, painter: QPainter) -> None:
        points, reach = self._points(), self.progress * (len(self.model.items) - 1)
        whole = int(reach)
        shown = points[: whole + 1]
        if whole + 1 < len(points):
            shown.append(QLineF(points[whole], points[whole + 1]).pointAt(reach - whole))
        pen = QPen(self.style.colour("accent"), 6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPolyline(shown)
        painter.setBrush(self.style.colour("primary"))
        painter.setPen(QPen(self.style.colour("accent"), 4))
        for index, point in enumerate(points[: whole + 1]):
            painter.drawEllipse(point, 9, 9)
            self._paint_value(painter, self.value_texts[index], QRectF(point - QPointF(0, 10), point - QPointF(0, 10)),
                              False)

    def _paint_ring_centre(self, painter: QPainter) -> None:
        line, centre = self._ring_line, self._disc.center()
        baseline = centre.y() + line.ascent - line.height / 2
        line.draw(painter, self._ring_figure(self.progress), centre.x() - line.width / 2, baseline,
                  (self.style.colour("primary"), self.style.colour("accent")))

    def _paint_zero_axis(self, painter: QPainter) -> None:
        """The zero line that negative bars hang from, drawn over the grid."""
        axis = self._frame.zero_axis()
        if axis is not None:
            painter.setPen(QPen(self.style.colour("text"), 3))
            painter.drawLine(axis.translated(self._body.topLeft()))

    def _ring_figure(self, progress: float) -> FigureText:
        """The gauge's share counted `progress` of the way (the last two kept)."""
        return self._ring_figures.get(progress, lambda: round_.ring_text(self.model, progress))

    def paint_static(self, painter: QPainter) -> None:
        """The card, the title, and what does not grow: axes, legend, the ring's track and label."""
        if self._title is None:
            return
        paint_card(painter, self._box, self.style)
        self._title.draw(painter, QPointF(self._body.left(), self._box.top() + PADDING * 0.8))
        if self._frame is not None:
            self._frame.draw(painter, self._body.topLeft())
            self._paint_zero_axis(painter)
        elif self.model.kind == "ring":
            round_.paint_ring_track(painter, self._disc, self.style)
            self._ring_label.draw(painter, QPointF(self._body.left(), self._disc.bottom() + 16))
        else:
            round_.paint_legend(painter, self._legend, self._legend_origin, self.style)

    def paint_dynamic(self, painter: QPainter) -> None:
        """The bars, line, slices or arc grown to the current progress, with their values."""
        if self._title is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        kind = self.model.kind
        if self._frame is not None:
            self._paint_line(painter) if kind == "line" else self._paint_bars(painter)
        elif kind == "ring":
            round_.paint_ring_arc(painter, self._disc, self.model, self.style, self.progress)
            self._paint_ring_centre(painter)
        else:
            round_.paint_slices(painter, self._disc, self.model, self.style, self.progress)
