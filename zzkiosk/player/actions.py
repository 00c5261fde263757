"""Actions: what each named action of the key table does, given what is on screen now.

Controllers turn input into action names; this is where the names meet the presentation,
the overlays and autoplay. While the overview, the help card or a blank screen is up,
any other action only takes it away (a stray click never jumps past a black screen).
Every presenter input pauses autoplay and restarts the idle count; when the kiosk has
been idle long enough, overlays close and autoplay resumes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from zzkiosk.player.positions import section_step

if TYPE_CHECKING:
    from zzkiosk.player.controllers.autoplay import AutoplayController
    from zzkiosk.player.controllers.idle import IdleController
    from zzkiosk.player.overlays import BlankScreen, HelpCard
    from zzkiosk.player.overview import Overview
    from zzkiosk.player.presentation import Presentation

log = logging.getLogger(__name__)

NOT_PRESENTING = frozenset({"pause", "quit", "close"})
"""Actions that are not a presenter driving the show (they do not pause autoplay)."""

ALWAYS = frozenset({"quit", "close", "fullscreen"})
"""Actions that run whatever overlay is up."""


class Actions(QObject):
    """Every action by name: `table()` for the controllers, `presenter_input` for the pause rule."""

    def __init__(self, presentation: Presentation, overview: Overview, blank: BlankScreen, help_card: HelpCard,
                 window_actions: dict[str, Callable[[], None]]):
        super().__init__(presentation)
        self._presentation = presentation
        self._overview = overview
        self._blank = blank
        self._help = help_card
        self._window_actions = window_actions
        self.autoplay: AutoplayController | None = None
        """The autoplay controller, once autoplay is on."""
        self.idle: IdleController | None = None
        """The idle timer that resumes autoplay."""
        self._resume_from_start = False
        self._own: dict[str, Callable[[], None]] = {
            "next": presentation.next,
            "previous": presentation.previous,
            "first": presentation.first,
            "last": presentation.last,
            "next_section": lambda: self._go_to_section(1),
            "previous_section": lambda: self._go_to_section(-1),
            "overview": self._toggle_overview,
            "black": lambda: blank.toggle("black"),
            "white": lambda: blank.toggle("white"),
            "pause": self._toggle_autoplay,
            "help": help_card.toggle,
        }
        overview.chosen.connect(presentation.go_to)
        overview.browsed.connect(self._poke)

    def table(self) -> dict[str, Callable[[], None]]:
        """Action name -> callable, for the keyboard and pointer controllers."""
        names = [*self._own, *self._window_actions]
        return {name: (lambda name=name: self.run(name)) for name in names}

    def attach_autoplay(self, autoplay: AutoplayController, idle: IdleController, *, resume_from: str) -> None:
        """Pause `autoplay` on presenter input and resume it when `idle` times out."""
        self.autoplay, self.idle = autoplay, idle
        self.set_resume_from(resume_from)
        idle.timed_out.connect(self.resume_after_idle)

    def detach_autoplay(self) -> None:
        """Autoplay is off from now on (a reloaded deck switched it off)."""
        if self.idle is not None:
            self.idle.timed_out.disconnect(self.resume_after_idle)
        self.autoplay = self.idle = None

    def set_resume_from(self, resume_from: str) -> None:
        """After the idle time, resume from the "current" slide or the loop's "start"."""
        self._resume_from_start = resume_from == "start"

    def run(self, name: str) -> None:
        """Run action `name`, unless an overlay is up: then a different action only closes it."""
        if name not in ALWAYS and self._close_overlay_for(name):
            return
        run = self._window_actions.get(name) or self._own[name]
        run()

    @Slot(str)
    def presenter_input(self, action: str) -> None:
        """A presenter used the kiosk: hold autoplay, count the idle time from now."""
        if action in NOT_PRESENTING:
            return
        if self.autoplay is not None and not self.autoplay.paused:
            log.info("presenter input (%s): autoplay paused", action)
            self.autoplay.pause()
        self._poke()

    @Slot()
    def resume_after_idle(self) -> None:
        """Nobody has used the kiosk for a while: clear the screen and play on."""
        for overlay in (self._overview, self._help, self._blank):
            overlay.dismiss()
        if self.autoplay is not None:
            log.info("idle: autoplay resumes from the %s", "start" if self._resume_from_start else "current slide")
            self.autoplay.resume(from_start=self._resume_from_start)

    def go_to_number(self, number: int) -> None:
        """Go to slide `number` (1 is the first) when nothing covers the show."""
        if not self._close_overlay_for("go_to"):
            self._presentation.go_to(number - 1)

    def _close_overlay_for(self, name: str) -> bool:
        """Take down an overlay that `name` is not the toggle of; True if one was up."""
        for overlay, own in ((self._overview, ("overview",)), (self._help, ("help",)),
                             (self._blank, ("black", "white"))):
            if not overlay.isHidden() and name not in own:
                overlay.dismiss()
                return True
        return False

    @Slot()
    def _poke(self) -> None:
        if self.idle is not None:
            self.idle.poke()

    def _go_to_section(self, delta: int) -> None:
        self._presentation.go_to(section_step(self._presentation.deck, self._presentation.index, delta))

    def _toggle_overview(self) -> None:
        if not self._overview.isHidden():
            self._overview.dismiss()
        else:
            self._overview.open(self._presentation.deck, self._presentation.index)

    def _toggle_autoplay(self) -> None:
        if self.autoplay is None:
            log.info("K: autoplay is off for this show")
        elif self.autoplay.paused:
            log.info("K: autoplay resumed")
            self.idle.cancel()
            self.autoplay.resume()
        else:
            log.info("K: autoplay paused (resumes by itself after the idle time)")
            self.autoplay.pause()
            self.idle.poke()
