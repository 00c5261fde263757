"""PointerController: mouse clicks, the wheel and touch (swipe and tap) to next and previous."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QInputDevice, QMouseEvent, QTouchEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.show import Show

CLICKS: dict[Qt.MouseButton, str] = {
    Qt.MouseButton.LeftButton: "next",
    Qt.MouseButton.RightButton: "previous",
}
"""Mouse button -> action (left click next, right click previous: docs/architecture.md)."""

WHEEL_STEP = 120
"""Wheel rotation (in eighths of a degree) that moves one slide: one notch of a mouse wheel."""

SWIPE_SHARE = 0.06
"""A touch that moves sideways more than this share of the widget's width is a swipe."""

TAP_PIXELS = 24
"""A touch that moves less than this is a tap (next)."""


class PointerController(QObject):
    """Turns pointer input on a widget into actions: clicks, wheel notches, swipes and taps.

    Down the wheel (or towards you) is next. A swipe left is next, a swipe right previous;
    a tap is next. Mouse events that Qt makes up from touch are ignored (the touch itself
    counts once). Each runs through `show.run(action, "pointer")` (or "touch").
    """

    def __init__(self, source: QWidget, show: Show):
        super().__init__(source)
        self._source = source
        self._show = show
        self._wheel = 0
        self._touch_start: QPointF | None = None
        self._handlers = {
            QEvent.Type.MouseButtonPress: self._mouse,
            QEvent.Type.MouseButtonDblClick: self._mouse,
            QEvent.Type.Wheel: self._wheel_turned,
            QEvent.Type.TouchBegin: self._touch,
            QEvent.Type.TouchUpdate: self._touch,
            QEvent.Type.TouchEnd: self._touch,
            QEvent.Type.TouchCancel: self._touch,
        }

    def bind(self) -> None:
        """Start watching the source's mouse, wheel and touch events."""
        self._source.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self._source.installEventFilter(self)

    def unbind(self) -> None:
        """Stop watching."""
        self._source.removeEventFilter(self)

    def configure(self, deck: Deck) -> None:
        """Nothing of the deck changes what pointer input does."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Handle pointer events of the source; everything else passes through."""
        # getattr: during teardown Qt may call a fresh wrapper whose Python state is gone
        handler = getattr(self, "_handlers", {}).get(event.type())
        return handler(event) if handler is not None and watched is self._source else False

    def _mouse(self, event: QMouseEvent) -> bool:
        if event.device().type() == QInputDevice.DeviceType.TouchScreen:
            return True
        action = CLICKS.get(event.button())
        return self._show.run(action, "pointer") if action else False

    def _wheel_turned(self, event: QWheelEvent) -> bool:
        delta = event.angleDelta()
        self._wheel += delta.y() if abs(delta.y()) >= abs(delta.x()) else delta.x()
        while abs(self._wheel) >= WHEEL_STEP:
            step = WHEEL_STEP if self._wheel > 0 else -WHEEL_STEP
            self._wheel -= step
            self._show.run("previous" if step > 0 else "next", "pointer")
        event.accept()
        return True

    def _touch(self, event: QTouchEvent) -> bool:
        event.accept()
        points = event.points()
        if event.type() == QEvent.Type.TouchCancel or len(points) != 1:
            self._touch_start = None
            return True
        if event.type() == QEvent.Type.TouchBegin:
            self._touch_start = QPointF(points[0].position())
        elif event.type() == QEvent.Type.TouchEnd and self._touch_start is not None:
            moved = points[0].position() - self._touch_start
            self._touch_start = None
            self._touched(moved.x(), moved.y())
        return True

    def _touched(self, dx: float, dy: float) -> None:
        if abs(dx) > max(TAP_PIXELS, SWIPE_SHARE * self._source.width()) and abs(dx) > abs(dy):
            self._show.run("next" if dx < 0 else "previous", "touch")
        elif abs(dx) < TAP_PIXELS and abs(dy) < TAP_PIXELS:
            self._show.run("next", "touch")
