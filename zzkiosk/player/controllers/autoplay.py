"""AutoplayController: advance the show when a slide's duration is up, over the attract loop."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from zzkiosk.player.presentation import Presentation

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

FALLBACK_SECONDS = 12.0
"""How long a slide stays up when the deck gives it no duration."""


class AutoplayController(QObject):
    """One single-shot timer: armed when a slide has fully come in, it moves the show on.

    The attract loop plays the slides of `loop_sections` (section ids; empty: the whole
    deck) in order, wrapping after the last when the deck loops. `pause()` holds the
    current slide; `resume()` goes on from it, `resume(from_start=True)` from the loop's
    first slide. When a slide's time is up it calls `advance` with the slide to show
    (the Show passes its `run("go_to", "autoplay", index)`; default: the presentation's
    go_to). Switched off (`set_enabled(False)`) it never arms; the Show switches it
    on and off as the deck's settings say, rather than building a new one.
    """

    armed = Signal(int)
    """The current slide will be left in this many milliseconds."""
    disarmed = Signal()
    """The timer stopped (paused, switched off, or the slide is changing)."""
    changed = Signal()
    """Switched on or off, paused or resumed."""

    def __init__(self, presentation: Presentation, loop_sections: Sequence[str] = (), *, enabled: bool = True,
                 advance: Callable[[int], object] | None = None):
        super().__init__(presentation)
        self._presentation = presentation
        self._go_to = advance or presentation.go_to
        self._loop_sections = tuple(loop_sections)
        self._enabled = enabled
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._advance)

    @property
    def enabled(self) -> bool:
        """True while autoplay is switched on (playing or paused)."""
        return self._enabled

    @property
    def paused(self) -> bool:
        """True while autoplay is paused."""
        return self._paused

    @property
    def seconds_left(self) -> float | None:
        """Seconds until the show moves on; None when autoplay is not counting down."""
        return self._timer.remainingTime() / 1000 if self._timer.isActive() else None

    @property
    def playlist(self) -> list[int]:
        """Flat indices of the slides the attract loop plays, in order."""
        return self._presentation.navigation.playlist(self._loop_sections)

    def set_loop_sections(self, loop_sections: Sequence[str]) -> None:
        """Play the slides of `loop_sections` from the next change on (empty: the whole deck)."""
        self._loop_sections = tuple(loop_sections)

    def set_enabled(self, enabled: bool) -> None:
        """Switch autoplay on (playing, from the current slide) or off."""
        if enabled == self._enabled:
            return
        self._enabled, self._paused = enabled, False
        if enabled and self._presentation.index >= 0 and not self._presentation.in_transition:
            self._arm()
        else:
            self._stop()
        self.changed.emit()

    def configure(self, deck: Deck) -> None:
        """Nothing here: the Show sets what the deck's `kiosk` settings say (on or off, the loop)."""

    def bind(self) -> None:
        """Start advancing slides by their durations."""
        self._presentation.slide_changed.connect(self._on_slide_changed)
        self._presentation.transition_finished.connect(self._arm)
        if self._presentation.index >= 0 and not self._presentation.in_transition:
            self._arm()

    def unbind(self) -> None:
        """Stop advancing slides."""
        self._presentation.slide_changed.disconnect(self._on_slide_changed)
        self._presentation.transition_finished.disconnect(self._arm)
        self._stop()

    def pause(self) -> None:
        """Keep the current slide up until `resume()`."""
        changed = not self._paused
        self._paused = True
        self._stop()
        if changed:
            self.changed.emit()

    def resume(self, *, from_start: bool = False) -> None:
        """Advance again: from the current slide (given its full duration from now), or
        from the first slide of the loop."""
        changed = self._paused
        self._paused = False
        first = self.playlist[0]
        if from_start and self._presentation.index != first:
            self._go_to(first)
        elif not self._presentation.in_transition:
            self._arm()
        if changed:
            self.changed.emit()

    def next_index(self) -> int:
        """Where the loop goes after the current slide (the current one when it stops there)."""
        return self._presentation.navigation.loop_next(self._presentation.index, self._loop_sections)

    @Slot()
    def _advance(self) -> None:
        self._go_to(self.next_index())

    @Slot(int)
    def _on_slide_changed(self, index: int) -> None:
        self._stop()

    @Slot()
    def _arm(self) -> None:
        if self._paused or not self._enabled or self._presentation.index < 0:
            return
        duration = self._presentation.current.slide.duration
        milliseconds = max(1, round((FALLBACK_SECONDS if duration is None else duration) * 1000))
        self._timer.start(milliseconds)
        self.armed.emit(milliseconds)

    def _stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.disarmed.emit()
