"""Text blocks: headline, paragraph, bullets and quote, wrapped and fitted to their box."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from zzkiosk.deck.model import Text
from zzkiosk.render.items.base import BlockItem
from zzkiosk.render.typesetting import Run, TextBox

UNBOUNDED = 100_000.0
QUOTE_SCALE = 0.75
"""A quote's words, as a share of the cover title size."""


def quote_mark(rect: QRectF) -> QPainterPath:
    """An opening double quotation mark (two 6-shaped strokes) filling `rect`."""
    path = QPainterPath()
    radius = rect.height() * 0.3
    for left in (rect.left(), rect.left() + radius * 2.6):
        centre = QPointF(left + radius, rect.bottom() - radius)
        path.addEllipse(centre, radius, radius)
        tail = QPainterPath(QPointF(left, centre.y()))
        tail.quadTo(QPointF(left, rect.top()), QPointF(left + radius * 2.1, rect.top()))
        tail.lineTo(QPointF(left + radius * 2.1, rect.top() + radius * 0.5))
        tail.quadTo(QPointF(left + radius * 0.7, rect.top() + radius * 0.7), centre)
        tail.closeSubpath()
        path = path.united(tail)
    return path


class TextItem(BlockItem):
    """A text block; its words shrink to fit the box and are elided (with a warning) only
    when even the smallest size would overflow."""

    kind = "text"
    size_class = "wide"

    def __init__(self, model: Text, style):
        super().__init__(model, style)
        self.text_box: TextBox | None = None
        self._origin = QPointF()

    # -- content ---------------------------------------------------------------------------

    def _body_runs(self) -> list[Run]:
        style, model = self.style, self.model
        if model.style == "headline":
            font = style.font(style.size("headline"), bold=True)
            return [Run(model.text, font, style.colour("primary"), Qt.AlignmentFlag.AlignHCenter)]
        if model.style == "quote":
            font = style.font(style.size("cover_title") * QUOTE_SCALE, bold=True)
            runs = [Run(model.text, font, style.colour("primary"), Qt.AlignmentFlag.AlignHCenter)]
            if model.by:
                by_font = style.font(style.size("label"))
                runs.append(Run(f"\u2014\u2014 {model.by}", by_font, style.colour("muted"),
                                Qt.AlignmentFlag.AlignHCenter, space_before=style.size("label")))
            return runs
        body = style.font(style.size("body"))
        if model.style == "bullets":
            indent, gap = style.size("body") * 1.3, style.size("body") * 0.55
            return [Run(item, body, style.colour("text"), space_before=gap, indent=indent)
                    for item in model.items]
        return [Run(model.text, body, style.colour("text"), Qt.AlignmentFlag.AlignJustify)]

    def _mark_height(self) -> float:
        """Room above a quote for its big quotation mark."""
        return self.style.size("headline") * 1.6 if self.model.style == "quote" else 0.0

    def preferred_height(self, width: float) -> float:
        """Height of the words set at full size in `width`."""
        box = TextBox(self._body_runs(), width, UNBOUNDED, "text")
        return box.used_height + self._mark_height() + 8

    def relayout(self) -> None:
        """Set the words in the box, shrinking or eliding as needed, centred vertically."""
        mark = self._mark_height()
        width, height = self._box.width(), self._box.height() - mark
        self.text_box = TextBox(self._body_runs(), width, height, f"{self.model.style} text")
        top = mark + max(0.0, (height - self.text_box.used_height) / 2)
        self._origin = QPointF(0, top)

    def content_rect(self) -> QRectF:
        """Where the words (and a quote's mark) are drawn."""
        if self.text_box is None:
            return QRectF()
        rect = self.text_box.content_rect(self._origin)
        if self.model.style == "quote":
            rect = rect.united(self._quote_mark_rect())
        return rect

    def overflowed(self) -> bool:
        """True when words were elided."""
        return bool(self.text_box and self.text_box.elided)

    def display_text(self) -> str:
        """The words as drawn, line by line."""
        if self.text_box is None:
            return ""
        return "\n".join(line.layout.text() for line in self.text_box.lines)

    # -- drawing ---------------------------------------------------------------------------

    def _quote_mark_rect(self) -> QRectF:
        height = self._mark_height() * 0.6
        width = height * 0.3 * 4.6
        top = max(0.0, self._origin.y() - self._mark_height())
        return QRectF(self._box.width() / 2 - width / 2, top, width, height)

    def _paint_bullets(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.colour("accent"))
        for set_line in self.text_box.lines:
            first = set_line.layout.lineAt(0)
            size = first.ascent() * 0.32
            centre = self._origin + set_line.origin + QPointF(0, first.y() + first.ascent() * 0.62)
            centre.setX(size * 1.2)
            path = QPainterPath()
            path.addRect(QRectF(-size / 2, -size / 2, size, size))
            painter.save()
            painter.translate(centre)
            painter.rotate(45)
            painter.drawPath(path)
            painter.restore()

    def _paint_quote_mark(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.colour("accent"))
        painter.drawPath(quote_mark(self._quote_mark_rect()))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Draw the words (and bullets or the quotation mark)."""
        if self.text_box is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.model.style == "bullets":
            self._paint_bullets(painter)
        elif self.model.style == "quote":
            self._paint_quote_mark(painter)
        self.text_box.draw(painter, self._origin)
