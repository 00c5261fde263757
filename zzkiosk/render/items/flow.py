"""Flow: steps whose order matters, each a disc with its number or icon, joined by arrows."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen

from zzkiosk.deck.plain import Flow, FlowStep
from zzkiosk.render.items.icons import icon_path
from zzkiosk.render.items.sequence import BODY_MIN, TEXT_MIN, SequenceItem, at_scale, grown, headline_size
from zzkiosk.render.typesetting import Run, TextBox, body_run

DISC = 150.0
"""The step's disc at full size, in design pixels."""
DISC_GAP = 28.0
ARROW_HEAD = 22.0
UNBOUNDED = 100_000.0


class FlowItem(SequenceItem):
    """Steps left to right (top to bottom on a portrait canvas); each step's arrow comes in
    with it, from the step before."""

    kind = "flow"

    def __init__(self, model: Flow, style):
        super().__init__(model, style)
        self._discs: list[QRectF] = []

    @property
    def _vertical(self) -> bool:
        return self.style.portrait

    def _runs(self, step: FlowStep, width: float) -> list[Run]:
        style = self.style
        align = Qt.AlignmentFlag.AlignLeft if self._vertical else Qt.AlignmentFlag.AlignHCenter
        full = grown(style.size("fill_max"), BODY_MIN)
        font = style.font(full, bold=True)
        size = min(headline_size(other.text, full, width, font) for other in self.model.items)
        runs = [body_run(Run(step.text, style.font(size, bold=True), style.colour("primary"), align, max_lines=3))]
        if step.label:
            runs.append(Run(step.label, style.font(grown(style.size("headline"), TEXT_MIN)),
                            style.colour("text"), align, space_before=12, max_lines=3))
        return runs

    def preferred_height(self, width: float) -> float:
        """Disc and the tallest words at full size (landscape); one row per step (portrait)."""
        count = len(self.model.items)
        if self._vertical:
            rows = [max(DISC, TextBox(self._runs(step, width - DISC - DISC_GAP), width - DISC - DISC_GAP,
                                      UNBOUNDED).used_height)
                    for step in self.model.items]
            return sum(rows) + DISC_GAP * 2 * (count - 1)
        column = width / count
        words = max(TextBox(self._runs(step, column * 0.9), column * 0.9, UNBOUNDED).used_height
                    for step in self.model.items)
        return DISC + DISC_GAP + words

    def relayout(self) -> None:
        """Cells along the flow; discs at one size, words at one shared size."""
        count, box = len(self.model.items), self._box
        if self._vertical:
            step = box.height() / count
            rows = [QRectF(0, index * step, box.width(), step) for index in range(count)]
            disc = min(DISC, step - DISC_GAP * 2)
            self._discs = [QRectF(0, row.center().y() - disc / 2, disc, disc) for row in rows]
            areas = [row.adjusted(disc + DISC_GAP, 0, 0, 0) for row in rows]
            # a step's cell reaches back to the step before: its arrow comes in with it
            self.cells = [row.adjusted(0, -step / 2 if index else 0, 0, 0) for index, row in enumerate(rows)]
        else:
            column = box.width() / count
            columns = [QRectF(index * column, 0, column, box.height()) for index in range(count)]
            disc = min(DISC, box.height() * 0.4, column * 0.5)
            self._discs = [QRectF(cell.center().x() - disc / 2, 0, disc, disc) for cell in columns]
            areas = [QRectF(cell.left() + column * 0.05, disc + DISC_GAP, column * 0.9,
                            box.height() - disc - DISC_GAP) for cell in columns]
            # a step's cell reaches back to the step before: its arrow comes in with it
            self.cells = [cell.adjusted(-column / 2 if index else 0, 0, 0, 0) for index, cell in enumerate(columns)]
        self._set_words(areas)

    def _set_words(self, areas: list[QRectF]) -> None:
        boxes = [TextBox(self._runs(step, area.width()), area.width(), area.height(), f"flow step '{step.text}'")
                 for step, area in zip(self.model.items, areas)]
        scale = min(box.scale for box in boxes)
        self._words = [TextBox(at_scale(self._runs(step, area.width()), scale), area.width(), area.height(),
                               f"flow step '{step.text}'") if box.scale != scale else box
                       for step, area, box in zip(self.model.items, areas, boxes)]
        if self._vertical:
            self._origins = [QPointF(area.left(), area.center().y() - words.used_height / 2)
                             for area, words in zip(areas, self._words)]
        else:
            self._origins = [area.topLeft() for area in areas]
        if not self._vertical:  # the whole flow centred vertically in the box
            used = max(words.used_height for words in self._words) + self._discs[0].height() + DISC_GAP
            drop = max(0.0, (self._box.height() - used) / 2)
            self._discs = [disc.translated(0, drop) for disc in self._discs]
            self._origins = [origin + QPointF(0, drop) for origin in self._origins]

    def paint_cell(self, painter: QPainter, index: int) -> None:
        """The disc with the step's number or icon, its words, and the arrow from the step before."""
        style, disc = self.style, self._discs[index]
        if index:
            self._paint_arrow(painter, self._discs[index - 1], disc)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.colour("accent"))
        painter.drawEllipse(disc)
        icon = self.model.items[index].icon
        painter.setBrush(style.colour("background"))
        if icon:
            painter.drawPath(icon_path(icon, disc.adjusted(*(disc.width() * f for f in (0.24, 0.24, -0.24, -0.24)))))
        else:
            painter.setPen(style.colour("background"))
            painter.setFont(style.figure_font(disc.height() * 0.5))
            painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(index + 1))
        self._words[index].draw(painter, self._origins[index])

    def _paint_arrow(self, painter: QPainter, before: QRectF, after: QRectF) -> None:
        """A line with an arrow head from the previous disc's edge to this one's."""
        if self._vertical:
            start = QPointF(before.center().x(), before.bottom() + DISC_GAP * 0.4)
            end = QPointF(after.center().x(), after.top() - DISC_GAP * 0.4)
        else:
            start = QPointF(before.right() + DISC_GAP, before.center().y())
            end = QPointF(after.left() - DISC_GAP, after.center().y())
        pen = QPen(self.style.colour("accent"), 6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(start, end)
        head = QPainterPath(end)
        back = QPointF(0, -ARROW_HEAD) if self._vertical else QPointF(-ARROW_HEAD, 0)
        side = QPointF(ARROW_HEAD * 0.6, 0) if self._vertical else QPointF(0, ARROW_HEAD * 0.6)
        head.lineTo(end + back + side)
        head.lineTo(end + back - side)
        head.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.colour("accent"))
        painter.drawPath(head)
