"""The panel drawn behind counters, badges and charts."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from zzkiosk.render.items.base import CARD_RADIUS
from zzkiosk.render.style import Style


def paint_card(painter: QPainter, rect: QRectF, style: Style) -> None:
    """A rounded panel in the theme's surface colour with a short accent rule on top."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.colour("surface"))
    painter.drawRoundedRect(rect, CARD_RADIUS, CARD_RADIUS)
    rule = QRectF(rect.center().x() - 28, rect.top(), 56, 5)
    painter.setBrush(style.colour("accent"))
    painter.drawRoundedRect(rule, 2.5, 2.5)
