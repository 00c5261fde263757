"""CursorController: the mouse cursor stays hidden until the mouse moves, and hides again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QWidget

from zzkiosk.player.controllers import set_timer_seconds

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck


class CursorController(QObject):
    """Hides the cursor over a widget; a mouse move shows it until it has been still `seconds`.

    Used in kiosk mode only: visitors never see a cursor parked in the middle of a slide.
    """

    def __init__(self, source: QWidget, seconds: float):
        super().__init__(source)
        self._source = source
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        set_timer_seconds(self._timer, seconds)
        self._timer.timeout.connect(self.hide)

    def set_seconds(self, seconds: float) -> None:
        """Hide the cursor after it has been still `seconds` from now on."""
        set_timer_seconds(self._timer, seconds)

    def configure(self, deck: Deck) -> None:
        """Take the deck's `kiosk.cursor_hide`."""
        self.set_seconds(deck.kiosk.cursor_hide)

    @property
    def hidden(self) -> bool:
        """True while the cursor is hidden."""
        return self._source.cursor().shape() == Qt.CursorShape.BlankCursor

    def bind(self) -> None:
        """Hide the cursor and watch for mouse moves."""
        self._source.setMouseTracking(True)
        self._source.installEventFilter(self)
        self.hide()

    def unbind(self) -> None:
        """Stop watching and show the ordinary cursor."""
        self._source.removeEventFilter(self)
        self._timer.stop()
        self._source.unsetCursor()

    @Slot()
    def hide(self) -> None:
        """Hide the cursor now."""
        self._source.setCursor(QCursor(Qt.CursorShape.BlankCursor))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a mouse move, show the cursor and count the still time again; never swallow."""
        if event.type() == QEvent.Type.MouseMove and hasattr(self, "_timer"):
            if self.hidden:
                self._source.setCursor(QCursor(Qt.CursorShape.ArrowCursor))
            self._timer.start()
        return False
