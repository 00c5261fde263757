"""AutoplayController: advance the show when a slide's duration is up, over the attract loop."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from zzkiosk.player.presentation import Presentation

FALLBACK_SECONDS = 12.0
"""How long a slide stays up when the deck gives it no duration."""


class AutoplayController(QObject):
    """One single-shot timer: armed when a slide has fully come in, it moves the show on.

    The attract loop plays the slides of `loop_sections` (section ids; empty: the whole
    deck) in order, wrapping after the last when the deck loops. `pause()` holds the
    current slide; `resume()` goes on from it, `resume(from_start=True)` from the loop's
    first slide.
    """

    armed = Signal(int)
    """The current slide will be left in this many milliseconds."""
    disarmed = Signal()
    """The timer stopped (paused, or the slide is changing)."""

    def __init__(self, presentation: Presentation, loop_sections: Sequence[str] = ()):
        super().__init__(presentation)
        self._presentation = presentation
        self._loop_sections = tuple(loop_sections)
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._advance)

    @property
    def paused(self) -> bool:
        """True while autoplay is paused."""
        return self._paused

    @property
    def playlist(self) -> list[int]:
        """Flat indices of the slides the attract loop plays, in order."""
        wanted = set(self._loop_sections)
        slides = self._presentation.deck.slides
        chosen = [i for i, (section, _) in enumerate(slides) if not wanted or section.id in wanted]
        return chosen or list(range(len(slides)))

    def set_loop_sections(self, loop_sections: Sequence[str]) -> None:
        """Play the slides of `loop_sections` from the next change on (empty: the whole deck)."""
        self._loop_sections = tuple(loop_sections)

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
        self._paused = True
        self._stop()

    def resume(self, *, from_start: bool = False) -> None:
        """Advance again: from the current slide (given its full duration from now), or
        from the first slide of the loop."""
        self._paused = False
        first = self.playlist[0]
        if from_start and self._presentation.index != first:
            self._presentation.go_to(first)
        elif not self._presentation.in_transition:
            self._arm()

    def next_index(self) -> int:
        """Where the loop goes after the current slide (the current one when it stops there)."""
        current, playlist = self._presentation.index, self.playlist
        later = [index for index in playlist if index > current]
        if later:
            return later[0]
        return playlist[0] if self._presentation.deck.kiosk.loop else current

    @Slot()
    def _advance(self) -> None:
        self._presentation.go_to(self.next_index())

    @Slot(int)
    def _on_slide_changed(self, index: int) -> None:
        self._stop()

    @Slot()
    def _arm(self) -> None:
        if self._paused or self._presentation.index < 0:
            return
        duration = self._presentation.current[1].duration
        milliseconds = max(1, round((FALLBACK_SECONDS if duration is None else duration) * 1000))
        self._timer.start(milliseconds)
        self.armed.emit(milliseconds)

    def _stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.disarmed.emit()
