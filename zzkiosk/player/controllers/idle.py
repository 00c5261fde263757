"""IdleController: notices when presenters have stopped touching the kiosk."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from zzkiosk.player.controllers import set_timer_seconds


class IdleController(QObject):
    """A single-shot timer restarted by every `poke()`; `timed_out` when nobody pokes for `seconds`.

    The window pokes it on every presenter input; autoplay resumes on `timed_out`.
    """

    timed_out = Signal()
    """Nobody has used the kiosk for the idle time."""

    def __init__(self, seconds: float, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        set_timer_seconds(self._timer, seconds)
        self._timer.timeout.connect(self.timed_out)
        self._bound = False

    def set_seconds(self, seconds: float) -> None:
        """Time out after `seconds` of quiet from now on (a count under way starts again if it changed)."""
        set_timer_seconds(self._timer, seconds)

    @property
    def waiting(self) -> bool:
        """True while the idle time is being counted."""
        return self._timer.isActive()

    def bind(self) -> None:
        """Accept pokes from now on."""
        self._bound = True

    def unbind(self) -> None:
        """Stop counting and ignore pokes."""
        self._bound = False
        self._timer.stop()

    @Slot()
    def poke(self) -> None:
        """Someone used the kiosk: count the idle time again from now."""
        if self._bound:
            self._timer.start()

    @Slot()
    def cancel(self) -> None:
        """Stop counting until the next poke."""
        self._timer.stop()
