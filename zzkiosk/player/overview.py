"""Overview: every slide as a thumbnail, grouped under its section's title; choose one to go there.

The grid opens at once with each slide's title in its cell; thumbnails are rendered one
per turn of the event loop (visible ones first) and kept for an opening soon after, then let
go (THUMBNAILS_KEPT_MS).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import QWidget

from zzkiosk.deck.deck import shape_of
from zzkiosk.player.controllers.pointer import TAP_PIXELS
from zzkiosk.render.memory import trim_heap

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

Thumbnailer = Callable[["Deck", int, QSize], QImage]
"""Renders slide `index` of a deck as an image of the given size."""

COLUMNS = {("landscape", "landscape"): 5, ("portrait", "landscape"): 7,
           ("landscape", "portrait"): 3, ("portrait", "portrait"): 4}
"""Thumbnails per row, by the shape of the deck's canvas and of the window."""

THUMBNAILS_KEPT_MS = 120_000
"""How long the thumbnails stay after the grid closes: a guide opening it again meanwhile
sees them at once. Kept for good they held ~12 MB at 1080p (the bundled deck's 42, in the
C heap) for the rest of a kiosk's day after one opening (docs/performance.md, "Memory
(issue 20)"); rendered again they fill the grid in about a second, titles first."""


def render_thumbnail(deck: Deck, index: int, size: QSize) -> QImage:
    """The final frame of slide `index`, rendered at `size`."""
    from zzkiosk.render.export import render_slide_image

    section, slide = deck.slides[index]
    return render_slide_image(deck, section, slide, (size.width(), size.height()))


class Overview(QWidget):
    """A full-window grid of the deck's slides. Arrows, clicks and taps choose; Enter opens.

    A click or tap on a thumbnail opens that slide at once. Esc closes without moving;
    keys it does not handle go on to the window (so its own overview key closes it too).
    """

    chosen = Signal(int)
    """The presenter opened this slide (flat index); the overview has closed."""
    browsed = Signal()
    """The presenter moved around the grid (keys, wheel, touch): input that keeps autoplay paused."""
    dismissed = Signal()
    """The grid closed (Esc, a slide chosen, or `dismiss()`)."""

    def __init__(self, parent: QWidget, family: str, background: str, text: str, accent: str,
                 thumbnailer: Thumbnailer = render_thumbnail):
        super().__init__(parent)
        self.set_look(family, background, text, accent)
        self._thumbnailer = thumbnailer
        self._deck: Deck | None = None
        self._cells: list[QRect] = []
        self._headers: list[tuple[QRect, str]] = []
        self._thumbs: dict[int, QPixmap] = {}
        self._thumb_size = QSize()
        self._selected = 0
        self._scroll = 0
        self._touch: QPointF | None = None
        self._filler = QTimer(self)
        self._filler.setSingleShot(True)
        self._filler.timeout.connect(self._render_one)
        self._forgetting = QTimer(self)
        self._forgetting.setSingleShot(True)
        self._forgetting.timeout.connect(self._let_thumbnails_go)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.hide()

    def set_look(self, family: str, background: str, text: str, accent: str) -> None:
        """Draw the grid in the theme's font `family` and colours from now on."""
        self._family = family
        self._background, self._text, self._accent = QColor(background).darker(200), QColor(text), QColor(accent)
        self.update()

    @property
    def selected(self) -> int:
        """Flat index of the highlighted slide."""
        return self._selected

    @property
    def rendered(self) -> int:
        """How many thumbnails are ready."""
        return len(self._thumbs)

    def cell(self, index: int) -> QRect:
        """Where slide `index` is drawn now, in this widget's pixels."""
        return self._cells[index].translated(0, -self._scroll)

    def open(self, deck: Deck, current: int) -> None:
        """Cover the window with the grid of `deck`, `current` highlighted, and take the keys."""
        self._forgetting.stop()
        if deck is not self._deck:
            self._deck, self._thumbs = deck, {}
        self.setGeometry(self.parentWidget().rect())
        self._lay_out()
        self._select(current)
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._filler.start(0)

    def dismiss(self) -> None:
        """Hide (if shown) and give the keys back to the window."""
        if self.isHidden():
            return
        self._filler.stop()
        self._forgetting.start(THUMBNAILS_KEPT_MS)
        self.hide()
        self.parentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
        self.dismissed.emit()

    def resizeEvent(self, event) -> None:
        """Lay the grid out again for the new size."""
        if self._deck is not None:
            self._lay_out()
            self._select(self._selected)

    def _lay_out(self) -> None:
        deck = self._deck
        width = max(self.width(), 200)
        columns = COLUMNS[shape_of(*deck.canvas), shape_of(self.width(), self.height())]
        gap = max(8, width // 80)
        thumb_w = (width - gap * (columns + 1)) // columns
        size = QSize(thumb_w, thumb_w * deck.canvas[1] // deck.canvas[0])
        if size != self._thumb_size:
            self._thumb_size, self._thumbs = size, {}
        header = max(20, width // 40)
        self._cells, self._headers, y = [], [], gap
        for number, section in enumerate(deck.sections, start=1):
            self._headers.append((QRect(gap, y, width - 2 * gap, header), f"{number}  {section.title}"))
            y += header + gap // 2
            for position in range(len(section.slides)):
                column = position % columns
                if column == 0 and position:
                    y += size.height() + gap
                self._cells.append(QRect(gap + column * (thumb_w + gap), y, size.width(), size.height()))
            y += size.height() + gap * 2
        self._content_height = y

    # -- choosing --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows, Home/End, PageUp/PageDown move; Enter, Return or Space opens; Esc closes."""
        key = Qt.Key(event.key())
        self.browsed.emit()
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Home: -len(self._cells),
                 Qt.Key.Key_End: len(self._cells)}
        if key in moves:
            self._select(self._selected + moves[key])
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            rows = 1 if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) else 3
            self._select(self._row_neighbour(-rows if key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp) else rows))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._choose(self._selected)
        elif key == Qt.Key.Key_Escape:
            self.dismiss()
        else:
            event.ignore()

    def _row_neighbour(self, rows: int) -> int:
        """The slide `rows` rows above (negative) or below, nearest in x to the selected one."""
        here = self._cells[self._selected]
        tops = sorted({cell.top() for cell in self._cells})
        row = min(max(tops.index(here.top()) + rows, 0), len(tops) - 1)
        in_row = [i for i, cell in enumerate(self._cells) if cell.top() == tops[row]]
        return min(in_row, key=lambda i: abs(self._cells[i].center().x() - here.center().x()))

    def _select(self, index: int) -> None:
        self._selected = min(max(index, 0), len(self._cells) - 1)
        cell = self._cells[self._selected]
        header = self._headers[0][0].height() * 2
        if cell.top() - header < self._scroll:
            self._scroll = cell.top() - header
        elif cell.bottom() + header > self._scroll + self.height():
            self._scroll = cell.bottom() + header - self.height()
        self._set_scroll(self._scroll)

    def _set_scroll(self, scroll: int) -> None:
        self._scroll = max(0, min(scroll, self._content_height - self.height()))
        self.update()

    def _choose(self, index: int) -> None:
        self.dismiss()
        self.chosen.emit(index)

    def _index_at(self, point: QPointF) -> int | None:
        for index in range(len(self._cells)):
            if self.cell(index).contains(point.toPoint()):
                return index
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a thumbnail opens it."""
        self.browsed.emit()
        index = self._index_at(event.position())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self._choose(index)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Pass moves on to the window (it shows the hidden cursor)."""
        event.ignore()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel scrolls the grid."""
        self.browsed.emit()
        self._set_scroll(self._scroll - event.angleDelta().y())

    def event(self, event: QEvent) -> bool:
        """Touch: drag scrolls, a tap opens the thumbnail under the finger."""
        kind = event.type()
        if kind not in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            return super().event(event)
        event.accept()
        self.browsed.emit()
        point = event.points()[0].position() if event.points() else QPointF()
        if kind == QEvent.Type.TouchBegin:
            self._touch = QPointF(point)
        elif self._touch is not None and kind == QEvent.Type.TouchUpdate:
            self._set_scroll(self._scroll - round(point.y() - event.points()[0].lastPosition().y()))
        elif self._touch is not None and kind == QEvent.Type.TouchEnd:
            moved = point - self._touch
            index = self._index_at(point)
            if abs(moved.x()) < TAP_PIXELS and abs(moved.y()) < TAP_PIXELS and index is not None:
                self._choose(index)
        return True

    @Slot()
    def _let_thumbnails_go(self) -> None:
        """The grid stayed closed THUMBNAILS_KEPT_MS: free its thumbnails (rendered again at the next opening)."""
        if self.isHidden():
            self._thumbs = {}
            trim_heap()  # pictures of this size come from the C heap: hand its free pages back

    # -- drawing ---------------------------------------------------------------------

    @Slot()
    def _render_one(self) -> None:
        missing = [i for i in range(len(self._cells)) if i not in self._thumbs]
        if not missing or not self.isVisible():
            return
        visible = [i for i in missing if self.cell(i).intersects(self.rect())]
        index = (visible or missing)[0]
        image = self._thumbnailer(self._deck, index, self._thumb_size * self.devicePixelRatioF())
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self._thumbs[index] = pixmap
        self.update(self.cell(index))
        self._filler.start(0)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Section titles, thumbnails (or slide titles until they are ready), the highlight."""
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._background)
        font = QFont(self._family)
        font.setPixelSize(max(12, self._headers[0][0].height() * 3 // 4))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self._accent)
        for rect, title in self._headers:
            painter.drawText(rect.translated(0, -self._scroll), Qt.AlignmentFlag.AlignVCenter, title)
        font.setPixelSize(max(10, min(self._thumb_size.width(), self._thumb_size.height()) // 9))
        painter.setFont(font)
        for index, (section, slide) in enumerate(self._deck.slides):
            cell = self.cell(index)
            if cell.intersects(event.rect()):
                self._paint_cell(painter, index, cell, slide.title or slide.id)
        painter.end()

    def _paint_cell(self, painter: QPainter, index: int, cell: QRect, title: str) -> None:
        thumb = self._thumbs.get(index)
        if thumb is not None:
            painter.drawPixmap(cell.topLeft(), thumb)
        else:
            painter.fillRect(cell, self._background.lighter(140))
            painter.setPen(self._text)
            painter.drawText(cell.adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, title)
        short = min(cell.width(), cell.height())
        number = QRect(0, 0, short * 2 // 7, short // 6)
        number.moveBottomRight(cell.bottomRight())
        painter.fillRect(number, QColor(0, 0, 0, 150))
        painter.setPen(self._text)
        painter.drawText(number, Qt.AlignmentFlag.AlignCenter, str(index + 1))
        if index == self._selected:
            pen_width = max(3, cell.height() // 40)
            painter.setPen(QColor(self._accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = painter.pen()
            pen.setWidth(pen_width)
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(-pen_width // 2, -pen_width // 2, pen_width // 2, pen_width // 2))
