"""AutoplayController: advance the show when a slide's duration is up."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

from zzkiosk.player.presentation import Presentation

FALLBACK_SECONDS = 12.0
"""How long a slide stays up when the deck gives it no duration."""


class AutoplayController(QObject):
    """One single-shot timer: armed when a slide has fully come in, it calls `next()`.

    Idle resume, attract loop and pausing on presenter input build on `pause()`/`resume()`.
    """

    def __init__(self, presentation: Presentation):
        super().__init__(presentation)
        self._presentation = presentation
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(presentation.next)

    @property
    def paused(self) -> bool:
        """True while autoplay is paused."""
        return self._paused

    def bind(self) -> None:
        """Start advancing slides by their durations."""
        self._presentation.slide_changed.connect(self._on_slide_changed)
        self._presentation.transition_finished.connect(self._on_transition_finished)
        if self._presentation.index >= 0 and not self._presentation.in_transition:
            self._arm()

    def unbind(self) -> None:
        """Stop advancing slides."""
        self._presentation.slide_changed.disconnect(self._on_slide_changed)
        self._presentation.transition_finished.disconnect(self._on_transition_finished)
        self._timer.stop()

    def pause(self) -> None:
        """Keep the current slide up until `resume()`."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        """Advance again: the current slide gets its full duration from now."""
        self._paused = False
        self._arm()

    @Slot(int)
    def _on_slide_changed(self, index: int) -> None:
        self._timer.stop()

    @Slot()
    def _on_transition_finished(self) -> None:
        self._arm()

    def _arm(self) -> None:
        if self._paused or self._presentation.index < 0:
            return
        duration = self._presentation.current[1].duration
        seconds = FALLBACK_SECONDS if duration is None else duration
        self._timer.start(max(1, round(seconds * 1000)))
