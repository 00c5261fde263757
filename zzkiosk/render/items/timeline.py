"""Timeline: milestones along a line that draws itself left to right; figures count up."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from zzkiosk.deck.plain import Timeline, TimelineStep
from zzkiosk.numbers import FigureText, count_up_text, format_figure
from zzkiosk.render.items.base import BlockItem
from zzkiosk.render.items.figureline import FigureLine
from zzkiosk.render.items.icons import icon_path
from zzkiosk.render.typesetting import LaidLine, Run, TextBox

DOT = 14.0
GAP = 22.0
ICON_DISC = DOT + GAP * 0.7
"""Radius of the disc that takes the place of a milestone's dot when it has an icon."""
FIGURE_SCALE = 0.62
"""Milestone figures are this share of a counter's size."""


def _step_text(step: TimelineStep, progress: float) -> FigureText:
    if step.value is None:
        return FigureText(before="", number=step.at, infix="", unit="", suffix="")
    args = dict(decimals=step.decimals, unit=step.unit, before=step.before, after=step.after, signed=step.signed)
    if progress >= 1.0:
        return format_figure(step.value, **args)
    return count_up_text(step.value, progress, **args)


class TimelineItem(BlockItem):
    """A timeline block: each milestone's figure (or date) above the line, its label below."""

    kind = "timeline"
    size_class = "wide"
    animated = True

    def __init__(self, model: Timeline, style):
        super().__init__(model, style)
        self.figures = [_step_text(step, 1.0) for step in model.items]
        self._lines: list[FigureLine] = []
        self._labels: list[TextBox] = []
        self._title: TextBox | None = None
        self._line_y = self._figure_baseline = 0.0

    @property
    def display_texts(self) -> list[str]:
        """Each milestone's figure or date as currently drawn."""
        return [str(figure) for figure in self.figures]

    def progress_changed(self) -> None:
        """Recount the milestone figures."""
        self.figures = [_step_text(step, self.progress) for step in self.model.items]

    def _column(self) -> float:
        return self._box.width() / len(self.model.items)

    def _title_runs(self) -> list[Run]:
        style = self.style
        return [Run(self.model.title, style.font(style.size("label"), bold=True), style.colour("muted"),
                    Qt.AlignmentFlag.AlignHCenter, max_lines=1)] if self.model.title else []

    def _label_box(self, step: TimelineStep, width: float, height: float) -> TextBox:
        style = self.style
        run = Run(step.label, style.font(style.size("label")), style.colour("text"),
                  Qt.AlignmentFlag.AlignHCenter, max_lines=3)
        return TextBox([run], width, height, f"timeline label '{step.label}'")

    def _figure_line(self, index: int, scale: float) -> FigureLine:
        style, figure = self.style, _step_text(self.model.items[index], 1.0)
        digits = style.figure_font(style.size("figure") * FIGURE_SCALE * scale)
        if self.model.items[index].value is None:
            digits = style.font(style.size("headline") * scale, bold=True)
        return FigureLine(figure, digits, style.font(style.size("unit") * 0.8 * scale, bold=True))

    def preferred_height(self, width: float) -> float:
        """Title, figures, the line and the tallest label at full size."""
        column = width / len(self.model.items) - GAP
        labels = max(self._label_box(step, column, 10_000.0).used_height for step in self.model.items)
        title = TextBox(self._title_runs(), width, 10_000.0).used_height + GAP if self.model.title else 0.0
        figure = max(self._figure_line(i, 1.0).height for i in range(len(self.model.items)))
        return title + figure + 2 * GAP + DOT * 2 + labels + 16

    def relayout(self) -> None:
        """Fit figures to their columns and labels below the line."""
        width, column = self._box.width(), self._column() - GAP
        self._title = TextBox(self._title_runs(), width, self._box.height() * 0.2, "timeline title")
        top = self._title.used_height + GAP if self.model.title else 0.0
        natural = [self._figure_line(i, 1.0) for i in range(len(self.model.items))]
        scale = min([1.0] + [column / line.width for line in natural if line.width > column])
        self._lines = [self._figure_line(i, scale * 0.98) if scale < 1 else natural[i]
                       for i in range(len(natural))]
        figure_height = max(line.height for line in self._lines)
        self._figure_baseline = top + max(line.ascent for line in self._lines)
        self._line_y = top + figure_height + GAP + DOT
        label_top = self._line_y + DOT + GAP
        self._labels = [self._label_box(step, column, max(1.0, self._box.height() - label_top))
                        for step in self.model.items]
        self._label_top = label_top

    def _centre_x(self, index: int) -> float:
        return self._column() * (index + 0.5)

    def content_rect(self) -> QRectF:
        """Title, figures, line and labels."""
        rect = QRectF(self._centre_x(0) - DOT, self._line_y - DOT,
                      self._centre_x(len(self.model.items) - 1) - self._centre_x(0) + 2 * DOT, 2 * DOT)
        for index, line in enumerate(self._lines):
            left = self._centre_x(index) - line.width / 2
            rect = rect.united(QRectF(left, self._figure_baseline - line.ascent, line.width, line.height))
            label_origin = QPointF(self._centre_x(index) - (self._column() - GAP) / 2, self._label_top)
            rect = rect.united(self._labels[index].content_rect(label_origin))
        if self._title is not None and self.model.title:
            rect = rect.united(self._title.content_rect())
        return rect

    def laid_lines(self) -> list[LaidLine]:
        """The title, then each milestone's figure and label lines, as set."""
        if not self._lines:
            return []
        found = self._title.laid_lines(QPointF()) if self._title else []
        column = self._column()
        for index, (step, line) in enumerate(zip(self.model.items, self._lines)):
            centre = self._centre_x(index)
            found.append(line.laid_line(_step_text(step, 1.0), centre - line.width / 2, self._figure_baseline))
            found += self._labels[index].laid_lines(QPointF(centre - column / 2, self._label_top))
        return found

    def overflowed(self) -> bool:
        """True when a label was elided."""
        return any(label.elided for label in self._labels)

    def _paint_line(self, painter: QPainter) -> float:
        """Draw the line as far as progress has got; returns its end x."""
        start, end = self._centre_x(0), self._centre_x(len(self.model.items) - 1)
        reach = start + (end - start) * self.progress if end > start else end
        pen = QPen(self.style.colour("muted"), 4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QLineF(start, self._line_y, reach, self._line_y))
        return reach

    def _paint_step(self, painter: QPainter, index: int) -> None:
        style, centre = self.style, QPointF(self._centre_x(index), self._line_y)
        icon = self.model.items[index].icon
        if icon:
            self._paint_icon(painter, centre, icon)
        else:
            painter.setPen(QPen(style.colour("accent"), 4))
            painter.setBrush(style.colour("background"))
            painter.drawEllipse(centre, DOT - 2, DOT - 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.colour("accent"))
            painter.drawEllipse(centre, DOT * 0.45, DOT * 0.45)
        line = self._lines[index]
        line.draw(painter, self.figures[index], centre.x() - line.width / 2, self._figure_baseline,
                  (style.colour("accent"), style.colour("primary")))
        column = self._column() - GAP
        self._labels[index].draw(painter, QPointF(centre.x() - column / 2, self._label_top))

    def _paint_icon(self, painter: QPainter, centre: QPointF, icon: str) -> None:
        """An accent disc with the icon cut out of it, in place of the dot."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.colour("accent"))
        painter.drawEllipse(centre, ICON_DISC, ICON_DISC)
        painter.setBrush(self.style.colour("background"))
        side = ICON_DISC * 1.2
        painter.drawPath(icon_path(icon, QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)))

    def paint_static(self, painter: QPainter) -> None:
        """The title."""
        if self._title is not None and self.model.title:
            self._title.draw(painter, QPointF())

    def paint_dynamic(self, painter: QPainter) -> None:
        """The line so far, and every milestone the line has reached."""
        if not self._lines:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        reach = self._paint_line(painter)
        for index in range(len(self.model.items)):
            if self._centre_x(index) <= reach + 0.5:
                self._paint_step(painter, index)
