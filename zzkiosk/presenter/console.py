"""GuideConsole: what the presenter view and the guide's page share: the tour, its clock, the moves.

Both channels run their actions through the console, which runs them on the show: next
and previous follow the chosen tour's route (`zzkiosk.show.tours`), everything else goes
to the show as it is. The console also keeps the tour clock (since the tour started, on
this slide) on a monotonic clock. Channels read `snapshot()`; they never call each other.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot

from zzkiosk.i18n import tr
from zzkiosk.show.state import SlideRef, slide_refs
from zzkiosk.show.tours import TourFollower, TourRoute, tour_routes

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.presentation import Presentation
    from zzkiosk.show.state import ShowState

log = logging.getLogger(__name__)

ROUTED = {"next": "next_slide", "previous": "previous_slide"}
"""Actions a chosen tour redirects, and the TourFollower method that says where to."""


class ShowLike(Protocol):
    """The show API the console needs."""

    state_changed: SignalInstance
    presentation: Presentation  # the view asks `is_animating` before rendering a thumbnail

    @property
    def deck(self) -> Deck: ...

    def run(self, action: str, source: str, argument: int | None = None) -> bool: ...

    def state(self) -> ShowState: ...


class GuideConsole(QObject):
    """Tours, the tour clock and routed navigation over `show`, for the guide's channels."""

    changed = Signal()
    """The show moved or its cover or autoplay changed, or a tour was chosen or the clock restarted."""

    def __init__(self, show: ShowLike, *, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self.show = show
        """The show driven."""
        self._clock = clock
        self._follower: TourFollower | None = None
        self._tour_started: float | None = None
        self._slide_started = clock()
        current = show.state().current
        self._index = current.index if current else -1  # a console attached to a show already playing
        self._deck = show.deck
        self.guide_url: str | None = None
        """The guide page's address with its token, once the control port serves it."""
        show.state_changed.connect(self._show_changed)

    # -- tours ---------------------------------------------------------------------

    @property
    def routes(self) -> tuple[TourRoute, ...]:
        """The deck's tours."""
        return tour_routes(self.show.deck)

    @property
    def tour(self) -> TourRoute | None:
        """The tour being followed, or None (next and previous follow the deck)."""
        return self._follower.route if self._follower else None

    def choose_tour(self, tour_id: str | None, source: str) -> bool:
        """Follow tour `tour_id` from now (None: no tour); its clock starts. False for an unknown id."""
        route = next((route for route in self.routes if route.id == tour_id), None)
        if tour_id is not None and route is None:
            return False
        self._follower = TourFollower(route) if route else None
        self._tour_started = self._clock()
        if self._follower is not None:
            self._follower.arrived(self._index)
        log.info("%s", tr("{source}: tour {title}", source=source, title=route.title) if route
                 else tr("{source}: no tour (the whole deck)", source=source))
        self.changed.emit()
        return True

    # -- running actions -------------------------------------------------------------

    def run(self, action: str, source: str, argument: int | None = None) -> bool:
        """Run `action` for `source` ("presenter" or "guide"); next/previous follow the tour."""
        if self._tour_started is None and action not in ("hold", "play"):
            self._tour_started = self._clock()
        state = self.show.state()
        if self._follower is not None and action in ROUTED and state.cover == "none":
            index = state.current.index if state.current else -1
            self._follower.arrived(index)
            target = getattr(self._follower, ROUTED[action])(index)
            return target is not None and self.show.run("go_to", source, target)
        return self.show.run(action, source, argument)

    def upcoming(self, state: ShowState | None = None) -> SlideRef | None:
        """The slide next leads to: the tour's next stop while following one, else the show's next."""
        state = state or self.show.state()
        if self._follower is None or state.current is None:
            return state.next
        self._follower.arrived(state.current.index)
        target = self._follower.next_slide(state.current.index)
        return None if target is None else slide_refs(self.show.deck)[target]

    def tour_progress(self) -> tuple[int, int] | None:
        """(stop reached, stops) of the tour being followed, or None."""
        if self._follower is None:
            return None
        return self._follower.position + 1, len(self._follower.route.slides)

    def restart_clock(self) -> None:
        """Count the tour's time from now."""
        self._tour_started = self._clock()
        self.changed.emit()

    # -- what channels show ----------------------------------------------------------

    def tour_seconds(self) -> float:
        """Seconds since the tour started (0 before it has)."""
        return 0.0 if self._tour_started is None else self._clock() - self._tour_started

    def slide_seconds(self) -> float:
        """Seconds on the current slide."""
        return self._clock() - self._slide_started

    def budget_minutes(self) -> float | None:
        """The time budget: the tour's minutes, else the deck's `presenter.tour_minutes`."""
        return self.tour.minutes if self.tour else self.show.deck.presenter.tour_minutes

    def snapshot(self) -> dict[str, Any]:
        """The show state with the tours, the chosen one and its clock, as JSON-ready data."""
        tour, state = self.tour, self.show.state()
        upcoming = self.upcoming(state)
        return {
            **state.to_dict(),
            "next": asdict(upcoming) if upcoming else None,
            "tours": [route.to_dict() for route in self.routes],
            "tour": tour.id if tour else None,
            "tour_stop": (self._follower.position + 1) if self._follower else None,
            "tour_stops": len(tour.slides) if tour else None,
            "tour_seconds": round(self.tour_seconds(), 1),
            "slide_seconds": round(self.slide_seconds(), 1),
            "budget_minutes": self.budget_minutes(),
            "sections": [{"id": s.id, "title": s.title, "first": self._first_of(s.id)} for s in self.show.deck.sections],
        }

    def _first_of(self, section_id: str) -> int:
        return next(index for index, (section, _) in enumerate(self.show.deck.slides) if section.id == section_id)

    @Slot()
    def deck_replaced(self) -> None:
        """Hot reload put a new deck in: follow the same tour (by id) through it, and tell the channels."""
        self._show_changed()

    @Slot()
    def _show_changed(self) -> None:
        state = self.show.state()
        if self.show.deck is not self._deck:
            self._deck_replaced()
        index = state.current.index if state.current else -1
        if index != self._index:
            self._index, self._slide_started = index, self._clock()
            if self._follower is not None:
                self._follower.arrived(index)
        self.changed.emit()

    def _deck_replaced(self) -> None:
        """Hot reload: follow the same tour (by id) through the new deck, if it still has it."""
        self._deck = self.show.deck
        if self._follower is None:
            return
        route = next((route for route in self.routes if route.id == self._follower.route.id), None)
        self._follower = TourFollower(route) if route else None
