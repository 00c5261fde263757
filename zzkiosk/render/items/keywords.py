"""Keywords: the article's own slogans set very large, side by side, what they mean under them."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from zzkiosk.deck.plain import Keyword, Keywords
from zzkiosk.render.items.icons import icon_path
from zzkiosk.render.items.sequence import TEXT_MIN, SequenceItem, at_scale, balanced_rows, grown, headline_size
from zzkiosk.render.typesetting import Run, TextBox, body_run

ICON = 112.0
ICON_GAP = 20.0
ONE_LINE = 0.4
"""A slogan stays on one line if that keeps 40% of its full size (“九个一体化”, not “九个一 / 体化”)."""
INSET = 0.07
"""Each column keeps this share of its width free at both sides."""
RULE_INSET = 0.18
"""The rules between keywords leave this share of the height free at each end."""
UNBOUNDED = 100_000.0


class KeywordsItem(SequenceItem):
    """Slogans in columns split by thin rules; each grows as large as its column allows,
    up to the theme's keyword size, and the columns share one size."""

    kind = "keywords"

    def __init__(self, model: Keywords, style):
        super().__init__(model, style)
        self._icons: list[QRectF] = []

    def _rows(self) -> list[int]:
        return balanced_rows(len(self.model.items), 2 if self.style.portrait else 6)

    def _slogan_size(self, width: float) -> float:
        """One size for every slogan: the largest at which each fits its column's `width` on
        one line, or else ONE_LINE of the full size, at which a long one wraps."""
        full = self.style.size("keyword")
        font = self.style.font(full, bold=True)
        return min(headline_size(keyword.text, full, width, font, ONE_LINE, wrap_at=full * ONE_LINE)
                   for keyword in self.model.items)

    def _runs(self, keyword: Keyword, size: float) -> list[Run]:
        style, centre = self.style, Qt.AlignmentFlag.AlignHCenter
        runs = [body_run(Run(keyword.text, style.font(size, bold=True), style.colour("accent"), centre, max_lines=2))]
        if keyword.label:
            runs.append(Run(keyword.label, style.font(grown(style.size("headline"), TEXT_MIN)),
                            style.colour("text"), centre, space_before=18, max_lines=3))
        return runs

    def _icon_room(self) -> float:
        return ICON + ICON_GAP if any(keyword.icon for keyword in self.model.items) else 0.0

    def preferred_height(self, width: float) -> float:
        """The tallest column with its slogan at full size, per row."""
        rows = self._rows()
        column = width / max(rows) * (1 - 2 * INSET)
        size = self._slogan_size(column)
        tallest = max(TextBox(self._runs(keyword, size), column, UNBOUNDED).used_height
                      for keyword in self.model.items)
        return len(rows) * (tallest + self._icon_room() + 2 * ICON_GAP)

    def relayout(self) -> None:
        """Columns of equal width; every slogan at the size the tightest column allows."""
        rows, width, height = self._rows(), self._box.width(), self._box.height()
        row_height = height / len(rows)
        self.cells = [QRectF(column * width / count, row * row_height, width / count, row_height)
                      for row, count in enumerate(rows) for column in range(count)]
        icon = min(ICON, row_height * 0.22)
        room = icon + ICON_GAP if self._icon_room() else 0.0
        pad = ICON_GAP if room or any(keyword.label for keyword in self.model.items) else ICON_GAP / 4
        areas = [cell.adjusted(cell.width() * INSET, pad + room, -cell.width() * INSET, -pad)
                 for cell in self.cells]
        size = self._slogan_size(areas[0].width())
        boxes = [TextBox(self._runs(keyword, size), area.width(), area.height(), f"keyword '{keyword.text}'")
                 for keyword, area in zip(self.model.items, areas)]
        scale = min(box.scale for box in boxes)
        self._words = [TextBox(at_scale(self._runs(keyword, size), scale), area.width(), area.height(),
                               f"keyword '{keyword.text}'") if box.scale != scale else box
                       for keyword, area, box in zip(self.model.items, areas, boxes)]
        self._origins, self._icons = [], []
        for cell, area, words in zip(self.cells, areas, self._words):
            top = cell.top() + max(0.0, (cell.height() - words.used_height - room) / 2)
            self._icons.append(QRectF(cell.center().x() - icon / 2, top, icon, icon) if room else QRectF())
            self._origins.append(QPointF(area.left(), top + room))

    def paint_cell(self, painter: QPainter, index: int) -> None:
        """The slogan, its label, its icon, and the rule left of it (but the first in a row)."""
        style, cell = self.style, self.cells[index]
        if cell.left() > 1.0:
            pen = QPen(style.colour("muted"), 2)
            painter.setPen(pen)
            inset = cell.height() * RULE_INSET
            painter.drawLine(QLineF(cell.left() + 1, cell.top() + inset, cell.left() + 1, cell.bottom() - inset))
        icon = self.model.items[index].icon
        if icon:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.colour("accent"))
            painter.drawPath(icon_path(icon, self._icons[index]))
        self._words[index].draw(painter, self._origins[index])
