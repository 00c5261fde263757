"""Show: the one way into a running show, for every input channel.

Keys, the pointer, touch, autoplay, idle, the overview grid and (later) the control port,
the presenter view or a phone all call `Show.run(action, source)` with an action of the
one table (zzkiosk.show.actions), and read `Show.state()`. The rules live here, whatever
the source: while something covers the slide (black, white, help, overview) any other
action only takes the cover away; presenter input pauses autoplay and restarts the idle
count; when nobody has touched the kiosk for the idle time, the cover goes and autoplay
plays on. What covers the slide is plain state (`cover`); the window's overlays follow it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from zzkiosk.player.controllers.autoplay import AutoplayController
from zzkiosk.player.controllers.idle import IdleController
from zzkiosk.show.actions import ACTIONS, MACHINE_SOURCES, ActionSpec
from zzkiosk.show.state import Cover, ShowState, slide_refs

if TYPE_CHECKING:
    from collections.abc import Callable

    from zzkiosk.deck.deck import Deck, SlideAt
    from zzkiosk.player.presentation import Presentation

log = logging.getLogger(__name__)

OWN_TOGGLES: dict[str, tuple[str, ...]] = {"overview": ("overview",), "help": ("help",),
                                           "black": ("black", "white"), "white": ("black", "white")}
"""Cover -> the actions that change it rather than take it away (B over white turns black)."""


@dataclass(frozen=True)
class AutoplayChoice:
    """How autoplay was asked for (command line or test); what it leaves out follows the deck."""

    always: bool
    """Play even while the deck's `kiosk.autoplay` is off; else switch with it."""
    loop_sections: tuple[str, ...] = ()
    """Section ids of the attract loop (--loop-sections); empty: the deck's `kiosk.loop_sections`."""
    idle_seconds: float | None = None
    """Quiet time before autoplay resumes; None: the deck's `kiosk.idle_resume`."""
    resume_from: str | None = None
    """"current" or "start"; None: the deck's `kiosk.resume_from`."""


class Show(QObject):
    """The presentation, autoplay with its idle count, and what covers the slide, run by action name.

    Autoplay always exists; `choose_autoplay` and the deck's `kiosk` settings switch it on
    or off (`configure`, also on every hot reload). quit, close and fullscreen are the
    window's business: the show emits a signal the window listens to.
    """

    state_changed = Signal()
    """Something in `state()` other than `seconds_left` changed."""
    cover_changed = Signal(str)
    """What covers the slide changed ("none", "black", "white", "help", "overview")."""
    reload_requested = Signal()
    """run("reload"): re-read the deck now (the composition root connects hot reload)."""
    quit_requested = Signal()
    """run("quit"): the staff chord."""
    close_requested = Signal()
    """run("close"): close the preview (the window ignores it in kiosk mode)."""
    fullscreen_requested = Signal()
    """run("fullscreen"): switch the preview to fullscreen and back."""

    def __init__(self, presentation: Presentation, parent: QObject | None = None):
        super().__init__(parent if parent is not None else presentation)
        self.presentation = presentation
        """What is shown and how it changes."""
        self.autoplay = AutoplayController(presentation, enabled=False,
                                           advance=lambda index: self.run("go_to", "autoplay", index))
        """Advances slides by their durations while switched on."""
        self.idle = IdleController(presentation.deck.kiosk.idle_resume, self)
        """Counts the quiet time after presenter input; autoplay resumes when it runs out."""
        self._cover: Cover = "none"
        self._choice: AutoplayChoice | None = None
        self._resume_from_start = False
        self._refs = slide_refs(presentation.deck)
        self._last: ShowState | None = None
        self._handlers = self._action_handlers()
        self.autoplay.bind()
        self.idle.timed_out.connect(self._idle_timed_out)
        self.autoplay.changed.connect(self._maybe_changed)
        presentation.slide_changed.connect(self._maybe_changed)
        presentation.deck_replaced.connect(self._deck_replaced)

    # -- the one way in -------------------------------------------------------------

    def run(self, action: str, source: str, argument: int | None = None) -> bool:
        """Run `action` for `source` ("keyboard", "pointer", "touch", "autoplay", "idle",
        "overview", "control", "presenter", "guide", "mqtt", "test", ...).

        Returns False, doing nothing, for an unknown action or a bad argument (go_to takes
        a flat slide index in the deck, 0 first; the others none). Presenter input from
        any source but autoplay and idle pauses autoplay; while something covers the slide,
        an action that is not `always` only takes the cover away.
        """
        spec = ACTIONS.get(action)
        if spec is None or not self._argument_fits(spec, argument):
            return False
        if spec.presenter and source not in MACHINE_SOURCES:
            self.note_input(source, action)
        if spec.always or not self._take_cover_away(action):
            self._handlers[action](argument)
        self._maybe_changed()
        return True

    def note_input(self, source: str, action: str = "input") -> None:
        """A presenter used the kiosk (a key ran `action`; or a digit typed, the overview
        browsed): hold autoplay, count the idle time from now."""
        if self.autoplay.enabled and not self.autoplay.paused:
            log.info("presenter input (%s from %s): autoplay paused", action, source)
            self.autoplay.pause()
        self.idle.poke()

    def state(self) -> ShowState:
        """What the show is doing now, as a plain snapshot."""
        presentation, index = self.presentation, self.presentation.index
        upcoming = presentation.navigation.upcoming(index)
        return ShowState(
            deck_title=presentation.deck.title, total=presentation.count,
            current=self._refs[index] if index >= 0 else None,
            next=self._refs[upcoming] if upcoming is not None else None,
            notes=presentation.current.slide.notes if index >= 0 else "",
            autoplay=self._autoplay_state(), seconds_left=self.autoplay.seconds_left, cover=self._cover)

    @property
    def deck(self) -> Deck:
        """The deck being played."""
        return self.presentation.deck

    @property
    def cover(self) -> Cover:
        """What covers the slide now."""
        return self._cover

    def current_slide(self) -> SlideAt | None:
        """The slide on screen with its section (None before the show starts)."""
        index = self.presentation.index
        return self.presentation.current if index >= 0 else None

    def next_slide(self) -> SlideAt | None:
        """The slide `next` brings, with its section (None at the end of a deck that does not loop)."""
        upcoming = self.presentation.navigation.upcoming(self.presentation.index)
        return None if upcoming is None else self.presentation.navigation.at(upcoming)

    # -- settings ---------------------------------------------------------------------

    def choose_autoplay(self, choice: AutoplayChoice) -> None:
        """Switch autoplay on as `choice` says (with the deck's settings for what it leaves out)."""
        self._choice = choice
        self.configure(self.deck)

    def configure(self, deck: Deck) -> None:
        """Take `deck`'s kiosk settings: autoplay on or off, its loop, idle time and resume point."""
        choice, kiosk = self._choice, deck.kiosk
        playing = choice is not None and (choice.always or kiosk.autoplay)
        if playing:
            self.autoplay.set_loop_sections(choice.loop_sections or kiosk.loop_sections)
            self.idle.set_seconds(kiosk.idle_resume if choice.idle_seconds is None else choice.idle_seconds)
            self._resume_from_start = (choice.resume_from or kiosk.resume_from) == "start"
        elif self.autoplay.enabled:
            log.info("autoplay is off: the deck's kiosk.autoplay says so")
        self.autoplay.set_enabled(playing)
        if playing:
            self.idle.bind()
        else:
            self.idle.unbind()
        self._maybe_changed()

    # -- the actions ------------------------------------------------------------------

    def _action_handlers(self) -> dict[str, Callable[[int | None], None]]:
        presentation, navigation = self.presentation, lambda: self.presentation.navigation
        return {
            "next": lambda _: presentation.next(), "previous": lambda _: presentation.previous(),
            "first": lambda _: presentation.first(), "last": lambda _: presentation.last(),
            "next_section": lambda _: presentation.go_to(navigation().section_step(presentation.index, 1)),
            "previous_section": lambda _: presentation.go_to(navigation().section_step(presentation.index, -1)),
            "overview": lambda _: self._toggle_cover("overview"), "help": lambda _: self._toggle_cover("help"),
            "black": lambda _: self._toggle_cover("black"), "white": lambda _: self._toggle_cover("white"),
            "pause": lambda _: self._toggle_autoplay(), "go_to": presentation.go_to,
            "play": lambda _: self._play(), "hold": lambda _: self._hold(),
            "clear": lambda _: self._set_cover("none"), "home": lambda _: self._home(),
            "reload": lambda _: self.reload_requested.emit(), "quit": lambda _: self.quit_requested.emit(),
            "close": lambda _: self.close_requested.emit(), "fullscreen": lambda _: self.fullscreen_requested.emit(),
        }

    def _argument_fits(self, spec: ActionSpec, argument: int | None) -> bool:
        if not spec.argument:
            return argument is None
        return type(argument) is int and 0 <= argument < self.presentation.count

    def _take_cover_away(self, action: str) -> bool:
        """Take down a cover that `action` is not a toggle of; True if one was up."""
        if self._cover == "none" or action in OWN_TOGGLES[self._cover]:
            return False
        self._set_cover("none")
        return True

    def _toggle_cover(self, cover: Cover) -> None:
        self._set_cover("none" if self._cover == cover else cover)

    def _set_cover(self, cover: Cover) -> None:
        if cover != self._cover:
            self._cover = cover
            self.cover_changed.emit(cover)

    def _toggle_autoplay(self) -> None:
        if not self.autoplay.enabled:
            log.info("K: autoplay is off for this show")
        elif self.autoplay.paused:
            log.info("K: autoplay resumed")
            self._play()
        else:
            log.info("K: autoplay paused (resumes by itself after the idle time)")
            self._hold()

    def _play(self) -> None:
        self.idle.cancel()
        self.autoplay.resume()

    def _hold(self) -> None:
        self.autoplay.pause()
        self.idle.poke()

    def _home(self) -> None:
        """The attract loop from its first slide, nothing covering it, autoplay playing."""
        self._set_cover("none")
        self.idle.cancel()
        if self.autoplay.enabled:
            self.autoplay.resume(from_start=True)
        else:
            self.presentation.go_to(self.autoplay.playlist[0])

    @Slot()
    def _idle_timed_out(self) -> None:
        """Nobody has used the kiosk for a while: clear the screen and play on."""
        if not self.autoplay.enabled:
            return
        log.info("idle: autoplay resumes from the %s", "start" if self._resume_from_start else "current slide")
        self.run("clear", "idle")
        self.run("home" if self._resume_from_start else "play", "idle")

    # -- state ------------------------------------------------------------------------

    def _autoplay_state(self) -> str:
        if not self.autoplay.enabled:
            return "off"
        return "paused" if self.autoplay.paused else "playing"

    @Slot()
    def _deck_replaced(self) -> None:
        self._refs = slide_refs(self.deck)
        self.configure(self.deck)

    @Slot()
    def _maybe_changed(self) -> None:
        """Emit state_changed when the state (its countdown aside) differs from the last one told."""
        now = replace(self.state(), seconds_left=None)
        if now != self._last:
            self._last = now
            self.state_changed.emit()
