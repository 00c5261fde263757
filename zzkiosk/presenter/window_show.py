"""WindowShow: the show API (`run`, `state`, `state_changed`, `deck`) over a PlayerWindow.

The guide's console speaks only this interface. Until the player's own Show object
(the one every channel shares) is attached in the composition root, this adapter gives
the console the same four names over the window's actions, presentation, black screen
and autoplay, so the presenter view and the guide's page work and are tested against a
real playing window. Replace it by the Show where the kiosk is assembled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

from zzkiosk.show.state import ShowState, slide_refs

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.window import PlayerWindow

_STATE_SETTLE_MS = 0
"""Several changes in one turn of the event loop (a cover taken away, then a slide) make one report."""


class WindowShow(QObject):
    """Runs named actions on `window` and reports its state as a ShowState."""

    state_changed = Signal()
    """What `state()` reports has (probably) changed: the slide, a cover, autoplay."""

    def __init__(self, window: PlayerWindow):
        super().__init__(window)
        self._window = window
        self._report = QTimer(self)
        self._report.setSingleShot(True)
        self._report.setInterval(_STATE_SETTLE_MS)
        self._report.timeout.connect(self.state_changed)
        window.presentation.slide_changed.connect(self._changed)
        window.presentation.deck_replaced.connect(self._changed)
        for overlay in (window.blank, window.overview, window.help_card):
            overlay.installEventFilter(self)  # a cover put up or taken away by a key on the audience screen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report covers shown or hidden; never takes the event."""
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._changed()
        return False

    @property
    def deck(self) -> Deck:
        """The deck being played."""
        return self._window.presentation.deck

    def run(self, action: str, source: str, argument: int | None = None) -> bool:
        """Run `action` ("next", "go_to" with a flat index, "hold", "play", "black", ...) for `source`."""
        actions, presentation = self._window.actions, self._window.presentation
        if action == "go_to":
            if argument is None or not 0 <= argument < presentation.count:
                return False
            self._window.blank.dismiss()
            presentation.go_to(argument)
        elif action in ("hold", "play"):
            self._set_autoplay(action == "play")
        elif action == "clear":
            for overlay in (self._window.blank, self._window.overview, self._window.help_card):
                overlay.dismiss()
        elif action in actions.table():
            actions.run(action)
        else:
            return False
        if action not in ("hold", "play"):
            actions.presenter_input(action)
        self._changed()
        return True

    def _set_autoplay(self, playing: bool) -> None:
        autoplay = self._window.actions.autoplay
        if autoplay is None or autoplay.paused != playing:
            return
        self._window.actions.run("pause")  # the K toggle: resumes or holds, with its idle rules

    def state(self) -> ShowState:
        """What the show is doing now."""
        presentation, window = self._window.presentation, self._window
        refs = slide_refs(presentation.deck)
        index = presentation.index
        current = refs[index] if 0 <= index < len(refs) else None
        following = self._next_index(index, len(refs))
        autoplay = window.actions.autoplay
        return ShowState(
            deck_title=presentation.deck.title, total=len(refs), current=current,
            next=refs[following] if following is not None else None,
            notes=presentation.current[1].notes if current is not None else "",
            autoplay="off" if autoplay is None else ("paused" if autoplay.paused else "playing"),
            seconds_left=None, cover=self._cover(),
        )

    def _next_index(self, index: int, count: int) -> int | None:
        if index < 0 or count == 0:
            return None
        if index + 1 < count:
            return index + 1
        return 0 if self.deck.kiosk.loop else None

    def _cover(self) -> str:
        window = self._window
        if window.blank.colour is not None:
            return window.blank.colour
        if not window.overview.isHidden():
            return "overview"
        return "help" if not window.help_card.isHidden() else "none"

    @Slot()
    def _changed(self) -> None:
        self._report.start()
