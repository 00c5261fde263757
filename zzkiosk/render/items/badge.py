"""Badge: a ranking or honour with emphasis and an emblem."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from zzkiosk.deck.plain import Badge
from zzkiosk.render.items.base import BlockItem
from zzkiosk.render.items.card import paint_card
from zzkiosk.render.items.icons import icon_path
from zzkiosk.render.typesetting import LaidLine, Run, TextBox

PADDING = 28.0
ICON_SIZE = 96.0


class BadgeItem(BlockItem):
    """An honour such as 全省第一: the emblem on top, the honour large, what earned it below."""

    kind = "badge"
    size_class = "small"

    def __init__(self, model: Badge, style):
        super().__init__(model, style)
        self._icon = QPainterPath()
        self._words: TextBox | None = None
        self._words_top = 0.0

    def _runs(self) -> list[Run]:
        style = self.style
        runs = [Run(self.model.text, style.font(style.size("headline"), bold=True), style.colour("accent"),
                    Qt.AlignmentFlag.AlignHCenter, max_lines=2)]
        if self.model.label:
            runs.append(Run(self.model.label, style.font(style.size("label")), style.colour("text"),
                            Qt.AlignmentFlag.AlignHCenter, space_before=10, max_lines=2))
        return runs

    def preferred_height(self, width: float) -> float:
        """Emblem, honour and label at full size, with padding."""
        words = TextBox(self._runs(), max(1.0, width - 2 * PADDING), 10_000.0, "badge")
        return ICON_SIZE + 20 + words.used_height + 2 * PADDING

    def relayout(self) -> None:
        """Size the emblem to the box, set the words below it, and centre the whole."""
        inner = self._box.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        icon = min(ICON_SIZE, inner.height() * 0.34)
        self._words = TextBox(self._runs(), inner.width(), max(1.0, inner.height() - icon - 20),
                              f"badge '{self.model.text}'")
        total = icon + 20 + self._words.used_height
        top = inner.top() + max(0.0, (inner.height() - total) / 2)
        self._icon = icon_path(self.model.icon, QRectF(inner.center().x() - icon / 2, top, icon, icon))
        self._words_top = top + icon + 20

    def content_rect(self) -> QRectF:
        """Emblem and words."""
        if self._words is None:
            return QRectF()
        words = self._words.content_rect(QPointF(PADDING, self._words_top))
        return words.united(self._icon.boundingRect())

    def laid_lines(self) -> list[LaidLine]:
        """The honour and label lines, as set."""
        return self._words.laid_lines(QPointF(PADDING, self._words_top)) if self._words else []

    def overflowed(self) -> bool:
        """True when the honour or label was elided."""
        return bool(self._words and self._words.elided)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Draw the card, the emblem and the words."""
        if self._words is None:
            return
        paint_card(painter, self._box, self.style)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.colour("accent"))
        painter.drawPath(self._icon)
        self._words.draw(painter, QPointF(PADDING, self._words_top))
