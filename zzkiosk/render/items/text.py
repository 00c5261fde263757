"""Text blocks: headline, paragraph, bullets and quote, wrapped and fitted to their box."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from zzkiosk.deck.plain import Text
from zzkiosk.render.items.base import BlockItem
from zzkiosk.render.typesetting import LINE_SEPARATOR, LaidLine, Run, TextBox, body_run

UNBOUNDED = 100_000.0
TWO_COLUMNS = (1100.0, 4)
"""Bullets go in two columns in a box at least this wide with at least this many points."""
COLUMN_GAP = 64.0
QUOTE_SCALE = 0.75
"""A quote's words, as a share of the cover title size."""
CLOSING_SCALE = 0.7
"""The closing quotation mark, as a share of the opening one (it sits beside a line)."""
CLOSING_GAP = 12.0
"""Between a quote's last word and its closing mark."""


def closing_quote_mark(rect: QRectF) -> QPainterPath:
    """A closing double quotation mark (two 9-shaped strokes) filling `rect`."""
    centre = rect.center()
    turn = QTransform().translate(centre.x(), centre.y()).rotate(180).translate(-centre.x(), -centre.y())
    return turn.map(quote_mark(rect))


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


def _scaled(run: Run, scale: float) -> Run:
    font = QFont(run.font)
    full = run.font.pixelSize()
    font.setPixelSize(max(1, min(full, max(round(run.floor), round(full * scale)))))
    return replace(run, font=font, space_before=run.space_before * scale, indent=run.indent * scale)


class TextItem(BlockItem):
    """A text block; its words shrink to fit the box and are elided (with a warning) only
    when even the smallest size would overflow."""

    kind = "text"
    size_class = "wide"

    def __init__(self, model: Text, style):
        super().__init__(model, style)
        self.columns: list[tuple[TextBox, QPointF]] = []
        """The set words: one box per column (bullets in a wide box use two), with its origin."""

    # -- content ---------------------------------------------------------------------------

    def _column_runs(self, width: float) -> list[list[Run]]:
        runs = self._body_runs()
        if self.model.style != "bullets" or width < TWO_COLUMNS[0] or len(runs) < TWO_COLUMNS[1]:
            return [runs]
        half = (len(runs) + 1) // 2
        return [runs[:half], runs[half:]]

    def _closing_room(self) -> float:
        """Room kept on each side of a quote's words, so the closing mark fits after a full line."""
        if self.model.style != "quote":
            return 0.0
        return self._closing_size().width() + CLOSING_GAP

    def _closing_size(self) -> QSizeF:
        height = self._mark_height() * 0.6 * CLOSING_SCALE
        return QSizeF(height * 0.3 * 4.6, height)

    def _set_columns(self, width: float, height: float, scale: float = 1.0) -> list[TextBox]:
        width = max(1.0, width - 2 * self._closing_room())
        groups = self._column_runs(width)
        if scale != 1.0:
            groups = [[_scaled(run, scale) for run in runs] for runs in groups]
        column = (width - COLUMN_GAP * (len(groups) - 1)) / len(groups)
        boxes = [TextBox(runs, column, height, f"{self.model.style} text") for runs in groups]
        if len(boxes) > 1 and boxes[0].scale != boxes[1].scale:  # both columns at one size
            scale = min(box.scale for box in boxes)
            boxes = [TextBox([_scaled(run, scale) for run in runs], column, height, f"{self.model.style} text")
                     for runs in groups]
        return boxes

    def _body_runs(self) -> list[Run]:
        style, model = self.style, self.model
        if model.style == "headline":
            font = style.font(style.size("headline"), bold=True)
            return [body_run(Run(model.text, font, style.colour("primary"), Qt.AlignmentFlag.AlignHCenter))]
        if model.style == "quote":
            font = style.font(style.size("cover_title") * QUOTE_SCALE, bold=True)
            runs = [body_run(Run(model.text, font, style.colour("primary"), Qt.AlignmentFlag.AlignHCenter))]
            if model.by:
                by_font = style.font(style.size("label"))
                runs.append(Run(f"\u2014\u2014 {model.by}", by_font, style.colour("muted"),
                                Qt.AlignmentFlag.AlignHCenter, space_before=style.size("label")))
            return runs
        body = style.font(style.size("body"))
        if model.style == "bullets":
            indent, gap = style.size("body") * 1.3, style.size("body") * 0.55
            return [body_run(Run(item, body, style.colour("text"), space_before=gap, indent=indent))
                    for item in model.items]
        align = Qt.AlignmentFlag.AlignHCenter if self.centred else Qt.AlignmentFlag.AlignJustify
        return [body_run(Run(model.text, body, style.colour("text"), align))]

    def _mark_height(self) -> float:
        """Room above a quote for its big quotation mark."""
        return self.style.size("headline") * 1.6 if self.model.style == "quote" else 0.0

    def preferred_height(self, width: float) -> float:
        """Height of the words set at full size in `width`."""
        boxes = self._set_columns(width, UNBOUNDED)
        return max(box.used_height for box in boxes) + self._mark_height() + 8

    def minimum_height(self, width: float) -> float:
        """Height of the words at their floors (body text at 36 px) in `width`: less and
        they would be elided."""
        boxes = self._set_columns(width, UNBOUNDED, scale=0.0)
        return max(box.used_height for box in boxes) + self._mark_height() + 8

    def relayout(self) -> None:
        """Set the words in the box, shrinking or eliding as needed, centred vertically."""
        mark = self._mark_height()
        width, height = self._box.width(), self._box.height() - mark
        boxes = self._set_columns(width, height)
        used = max(box.used_height for box in boxes)
        top = mark + max(0.0, (height - used) / 2)
        room = self._closing_room()
        column = (width - 2 * room - COLUMN_GAP * (len(boxes) - 1)) / len(boxes)
        self.columns = [(box, QPointF(room + index * (column + COLUMN_GAP), top)) for index, box in enumerate(boxes)]

    def content_rect(self) -> QRectF:
        """Where the words (and a quote's mark) are drawn."""
        rect = QRectF()
        for box, origin in self.columns:
            rect = rect.united(box.content_rect(origin))
        if self.model.style == "quote" and self.columns:
            rect = rect.united(self._quote_mark_rect()).united(self._closing_mark_rect())
        return rect

    def overflowed(self) -> bool:
        """True when words were elided."""
        return any(box.elided for box, _ in self.columns)

    def laid_lines(self) -> list[LaidLine]:
        """Every line as set, column by column."""
        return [line for box, origin in self.columns for line in box.laid_lines(origin)]

    def display_text(self) -> str:
        """The words as drawn, line by line."""
        return "\n".join(line.layout.text().replace(LINE_SEPARATOR, "\n")
                         for box, _ in self.columns for line in box.lines)

    # -- drawing ---------------------------------------------------------------------------

    def _quote_mark_rect(self) -> QRectF:
        height = self._mark_height() * 0.6
        width = height * 0.3 * 4.6
        top = max(0.0, self.columns[0][1].y() - self._mark_height())
        return QRectF(self._box.width() / 2 - width / 2, top, width, height)

    def _closing_mark_rect(self) -> QRectF:
        """Beside the top of the quote's last line (the words, not the attribution)."""
        box, origin = self.columns[0]
        words = [set_line for set_line in box.lines if set_line.run_index == 0]
        if not words:
            return QRectF()
        layout = words[-1].layout
        last = layout.lineAt(layout.lineCount() - 1).naturalTextRect().translated(origin + words[-1].origin)
        size = self._closing_size()
        return QRectF(QPointF(last.right() + CLOSING_GAP, last.top() + last.height() * 0.12), size)

    def _paint_bullets(self, painter: QPainter, box: TextBox, origin: QPointF) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.colour("accent"))
        for set_line in box.lines:
            first = set_line.layout.lineAt(0)
            size = first.ascent() * 0.32
            centre = origin + set_line.origin + QPointF(0, first.y() + first.ascent() * 0.62)
            centre.setX(origin.x() + size * 1.2)
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
        painter.drawPath(closing_quote_mark(self._closing_mark_rect()))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Draw the words (and bullets or the quotation mark)."""
        if not self.columns:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.model.style == "quote":
            self._paint_quote_mark(painter)
        for box, origin in self.columns:
            if self.model.style == "bullets":
                self._paint_bullets(painter, box, origin)
            box.draw(painter, origin)
