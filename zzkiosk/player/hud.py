"""The heads-up display over the canvas: a thin autoplay progress line and the slide indicator.

Both are cheap on purpose (a static slide costs no CPU: docs/performance.md). The progress line is
opaque and repaints only the pixels that changed, once a second; the indicator
draws a cached picture and changes only with the slide.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QMargins, QPoint, QRect, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

PROGRESS_TICK_MS = 1000
"""The progress line moves at most this often: a slide lasts 8-30 s and the line is thin, and
each move is a wakeup and a flush of the window (at 250 ms this cost a still kiosk 0.19% of a core)."""

LINE_HEIGHT = 6
"""Height of the progress line, in design pixels."""

INDICATOR_TEXT = 22
"""Text size of the indicator, in design pixels."""


class ProgressLine(QWidget):
    """A thin line along the bottom of the canvas that fills up as the slide's time runs out.

    Shown while autoplay counts down (`start(ms)`), hidden when it stops (`stop()`).
    """

    def __init__(self, parent: QWidget, done: str, track: str):
        super().__init__(parent)
        self.set_colours(done, track)
        self._length = 1
        self._filled = 0
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self._tick)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def set_colours(self, done: str, track: str) -> None:
        """Fill in `done`; the rest of the line is a darker `track` (the theme's accent and background)."""
        self._done, self._track = QColor(done), QColor(track).darker(160)
        self.update()

    @property
    def filled(self) -> int:
        """How many pixels of the line are filled now."""
        return self._filled

    def place(self, canvas: QRect, scale: float) -> None:
        """Lie along the bottom edge of `canvas` (window pixels) at design `scale`."""
        height = max(2, round(LINE_HEIGHT * scale))
        self.setGeometry(canvas.left(), canvas.bottom() + 1 - height, canvas.width(), height)

    @Slot(int)
    def start(self, milliseconds: int) -> None:
        """Count down `milliseconds` from an empty line."""
        self._length, self._filled = max(1, milliseconds), 0
        self._clock.start()
        self._ticker.start(max(PROGRESS_TICK_MS, milliseconds // max(1, self.width())))
        self.raise_()
        self.show()
        self.update()

    @Slot()
    def stop(self) -> None:
        """Stop counting and take the line away."""
        self._ticker.stop()
        self.hide()

    @Slot()
    def _tick(self) -> None:
        share = min(1.0, self._clock.elapsed() / self._length)
        filled = round(share * self.width())
        if filled != self._filled:
            self.update(QRect(self._filled, 0, filled - self._filled, self.height()))
            self._filled = filled
        if share >= 1.0:
            self._ticker.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The filled part in the accent colour, the rest as a dark track."""
        painter = QPainter(self)
        area = event.rect()
        painter.fillRect(area, self._track)
        painter.fillRect(area.intersected(QRect(0, 0, self._filled, self.height())), self._done)
        painter.end()


class SlideIndicator(QWidget):
    """The section title and "slide / slides" in the bottom-right corner of the canvas."""

    def __init__(self, parent: QWidget, family: str, colour: str):
        super().__init__(parent)
        self._family = family
        self._colour = QColor(colour)
        self._text = ""
        self._scale = 1.0
        self._canvas = QRect()
        self._picture = QPixmap()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_look(self, family: str, colour: str) -> None:
        """Write in font `family` and `colour` from now on (a reloaded theme)."""
        if (family, QColor(colour)) != (self._family, self._colour):
            self._family, self._colour = family, QColor(colour)
            self._redraw()

    @property
    def text(self) -> str:
        """What the indicator says now."""
        return self._text

    def set_text(self, text: str) -> None:
        """Say `text` (e.g. "第一部分  3 / 12")."""
        if text != self._text:
            self._text = text
            self._redraw()

    def place(self, canvas: QRect, scale: float) -> None:
        """Sit in the bottom-right corner of `canvas` (window pixels) at design `scale`."""
        self._canvas, self._scale = QRect(canvas), scale
        self._redraw()

    def _redraw(self) -> None:
        font = QFont(self._family)
        font.setPixelSize(max(9, round(INDICATOR_TEXT * self._scale)))
        metrics = QFontMetrics(font)
        pad = max(4, round(10 * self._scale))
        text = metrics.elidedText(self._text, Qt.TextElideMode.ElideLeft, max(40, self._canvas.width() // 2))
        size = metrics.size(0, text).grownBy(QMargins(pad * 2, pad, pad * 2, pad))
        ratio = self.devicePixelRatioF()
        self._picture = QPixmap(size * ratio)
        self._picture.setDevicePixelRatio(ratio)
        self._picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(self._picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 110))
        painter.drawRoundedRect(QRectF(0, 0, size.width(), size.height()), pad, pad)
        painter.setPen(self._colour)
        painter.setFont(font)
        painter.drawText(QRect(0, 0, size.width(), size.height()), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        inset = round(24 * self._scale)
        bottom_right = self._canvas.bottomRight() - QPoint(inset, inset)
        self.setGeometry(QRect(bottom_right.x() - size.width(), bottom_right.y() - size.height(),
                               size.width(), size.height()))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The cached picture."""
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

