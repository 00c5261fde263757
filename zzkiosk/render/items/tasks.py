"""Task cards: a balanced grid of cards, each with an icon or ordinal, a headline and a line."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from zzkiosk.deck.plain import Task, Tasks
from zzkiosk.render.items.card import paint_card
from zzkiosk.render.items.icons import icon_path
from zzkiosk.render.items.sequence import (BODY_MIN, TEXT_MIN, SequenceItem, at_scale, balanced_rows, grown,
                                           headline_size)
from zzkiosk.render.typesetting import Run, TextBox, body_run

PADDING = 32.0
MARK = 104.0
"""The icon or ordinal disc at full size, in design pixels."""
MARK_GAP = 24.0
WIDE_CARD = 1.7
"""A card this many times wider than tall puts its mark left of the words, not above."""
ORDINALS = {"chinese": "一二三四五六七八", "arabic": "12345678"}
UNBOUNDED = 100_000.0


class TasksItem(SequenceItem):
    """Task cards: rows of up to four (two on a portrait canvas), entering one by one."""

    kind = "tasks"

    def __init__(self, model: Tasks, style):
        super().__init__(model, style)
        self._marks: list[QRectF] = []

    # -- content ---------------------------------------------------------------------------

    def _rows(self) -> list[int]:
        return balanced_rows(len(self.model.items), 2 if self.style.portrait else 4)

    def _has_mark(self, task: Task) -> bool:
        return self.model.numbering != "none" or task.icon is not None

    def _title_size(self, widths: list[float]) -> float:
        """One headline size for every card: the largest at which each card's headline that
        can stay on one line does (the others wrap at it)."""
        full = grown(self.style.size("fill_max"), BODY_MIN)
        font = self.style.font(full, bold=True)
        return min(headline_size(task.title, full, width, font) for task, width in zip(self.model.items, widths))

    def _runs(self, task: Task, wide: bool, size: float) -> list[Run]:
        style = self.style
        align = Qt.AlignmentFlag.AlignLeft if wide else Qt.AlignmentFlag.AlignHCenter
        runs = [body_run(Run(task.title, style.font(size, bold=True), style.colour("primary"), align, max_lines=3))]
        if task.text:
            runs.append(Run(task.text, style.font(grown(style.size("headline"), TEXT_MIN)),
                            style.colour("text"), align, space_before=12, max_lines=3))
        return runs

    def _cell_rects(self, width: float, height: float) -> list[QRectF]:
        rows, gap = self._rows(), self.style.size("gap") * 0.6
        row_height = (height - gap * (len(rows) - 1)) / len(rows)
        cells, y = [], 0.0
        for count in rows:
            cell = (width - gap * (count - 1)) / count
            cells += [QRectF(column * (cell + gap), y, cell, row_height) for column in range(count)]
            y += row_height + gap
        return cells

    def preferred_height(self, width: float) -> float:
        """Each row as tall as its tallest card with its words at full size."""
        rows, gap = self._rows(), self.style.size("gap") * 0.6
        cell = (width - gap * (max(rows) - 1)) / max(rows)
        tallest, inner = 0.0, cell - 2 * PADDING
        size = self._title_size([inner] * len(self.model.items))
        for task in self.model.items:
            words = TextBox(self._runs(task, False, size), inner, UNBOUNDED).used_height
            tallest = max(tallest, words + (MARK + MARK_GAP if self._has_mark(task) else 0.0))
        return len(rows) * (tallest + 2 * PADDING) + gap * (len(rows) - 1)

    # -- layout ----------------------------------------------------------------------------

    def relayout(self) -> None:
        """Cut the box into cards, and set every card's words at one shared size."""
        self.cells = self._cell_rects(self._box.width(), self._box.height())
        areas = [self._frame(task, cell)[1] for task, cell in zip(self.model.items, self.cells)]
        size = self._title_size([area.width() for area in areas])
        frames = [self._frame(task, cell, size) for task, cell in zip(self.model.items, self.cells)]
        boxes = [TextBox(runs, area.width(), area.height(), f"task card '{task.title}'")
                 for (runs, area, _), task in zip(frames, self.model.items)]
        scale = min(box.scale for box in boxes)
        self._words = [TextBox(at_scale(runs, scale) if box.scale != scale else runs,
                               area.width(), area.height(), f"task card '{task.title}'")
                       for box, (runs, area, _), task in zip(boxes, frames, self.model.items)]
        self._marks = [mark for _, _, mark in frames]
        self._origins = [self._centred(words, area, mark)
                              for words, (_, area, mark) in zip(self._words, frames)]

    def _frame(self, task: Task, cell: QRectF, size: float = 0.0) -> tuple[list[Run], QRectF, QRectF]:
        """The card's runs (headline at `size`), the area its words may fill, and its mark
        (empty: none)."""
        inner = cell.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        wide = inner.width() > WIDE_CARD * inner.height()
        if not self._has_mark(task):
            return self._runs(task, wide, size), inner, QRectF()
        if wide:
            side = min(MARK * 1.2, inner.height() * 0.8)
            mark = QRectF(inner.left(), inner.center().y() - side / 2, side, side)
            return self._runs(task, wide, size), inner.adjusted(side + MARK_GAP * 1.5, 0, 0, 0), mark
        side = min(MARK, inner.height() * 0.3)
        mark = QRectF(inner.center().x() - side / 2, inner.top(), side, side)
        return self._runs(task, wide, size), inner.adjusted(0, side + MARK_GAP, 0, 0), mark

    def _centred(self, words: TextBox, area: QRectF, mark: QRectF) -> QPointF:
        """Where the words go: centred in their area, and the mark moved to sit on them."""
        top = area.top() + max(0.0, (area.height() - words.used_height) / 2)
        if not mark.isEmpty() and mark.bottom() < area.top() + 1:  # mark above: keep it close
            lift = top - area.top()
            mark.translate(0, lift / 2)
            top -= lift / 2
        return QPointF(area.left(), top)

    # -- drawing ---------------------------------------------------------------------------

    def paint_cell(self, painter: QPainter, index: int) -> None:
        """The card, its mark and its words."""
        paint_card(painter, self.cells[index], self.style)
        mark = self._marks[index]
        if not mark.isEmpty():
            self._paint_mark(painter, index, mark)
        self._words[index].draw(painter, self._origins[index])

    def _paint_mark(self, painter: QPainter, index: int, mark: QRectF) -> None:
        style, numbering = self.style, self.model.numbering
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.colour("accent"))
        if numbering == "none":
            painter.drawPath(icon_path(self.model.items[index].icon, mark))
            return
        painter.drawEllipse(mark)
        painter.setPen(style.colour("background"))
        painter.setFont(style.font(mark.height() * 0.56, bold=True))
        painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, ORDINALS[numbering][index])
