"""Tours: named routes through a deck, and where next and previous lead while following one.

A tour (`tours:` in deck.yaml) lists section ids (every slide of the section) and slide
ids in the order a guide takes them. `TourRoute` is that list resolved to flat slide
indices; `TourFollower` answers "where does next go now" from wherever the show is,
also after autoplay or another guide moved it off the route. Qt-free: the presenter
view, the guide's page and tests use it alike. The attract loop never reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.deck.plain import Tour

Outline = Sequence[tuple[str, Sequence[str]]]
"""A deck's sections in order, each as (section id, its slide ids in order)."""


def stop_slides(outline: Outline, stop: str) -> list[int] | None:
    """The flat slide indices that stop `stop` names (a section id, else a slide id); None if none."""
    start = 0
    for section_id, slide_ids in outline:
        if section_id == stop:
            return list(range(start, start + len(slide_ids)))
        start += len(slide_ids)
    flat = [slide_id for _, slide_ids in outline for slide_id in slide_ids]
    return [flat.index(stop)] if stop in flat else None


def deck_outline(deck: Deck) -> list[tuple[str, list[str]]]:
    """The outline of a loaded deck."""
    return [(section.id, [slide.id for slide in section.slides]) for section in deck.sections]


@dataclass(frozen=True)
class TourRoute:
    """A tour resolved against a deck."""

    id: str
    """The tour's id."""
    title: str
    """The tour's title."""
    minutes: float
    """Its time budget in minutes."""
    slides: tuple[int, ...]
    """Flat slide indices, in the order the tour shows them."""

    def to_dict(self) -> dict:
        """JSON-ready data (for the guide's page)."""
        return {"id": self.id, "title": self.title, "minutes": self.minutes, "slides": len(self.slides)}


def tour_route(deck: Deck, tour: Tour) -> TourRoute:
    """`tour` as a route through `deck` (its stops were checked by the loader)."""
    outline = deck_outline(deck)
    slides: list[int] = []
    for stop in tour.stops:
        slides.extend(stop_slides(outline, stop) or [])
    return TourRoute(tour.id, tour.title, tour.minutes, tuple(slides))


def tour_routes(deck: Deck) -> tuple[TourRoute, ...]:
    """Every tour of `deck`, resolved."""
    return tuple(tour_route(deck, tour) for tour in deck.tours)


class TourFollower:
    """Follows one route: the slide next and previous lead to, from wherever the show is.

    It remembers the last stop of the route the show stood on. On the route, next is the
    stop after it; off the route (autoplay or a jump moved the show), next takes the guide
    back to the stop after the last one visited and previous to that stop itself. At
    the end of the route next leads nowhere (None): a tour does not wrap.
    """

    def __init__(self, route: TourRoute):
        self.route = route
        """The route followed."""
        self._at = -1

    @property
    def position(self) -> int:
        """Index in the route of the last stop visited (-1 before the first)."""
        return self._at

    def arrived(self, index: int) -> None:
        """The show now stands on flat slide `index`."""
        slides = self.route.slides
        if 0 <= self._at < len(slides) and slides[self._at] == index:
            return
        after = [at for at in range(self._at + 1, len(slides)) if slides[at] == index]
        anywhere = [at for at, slide in enumerate(slides) if slide == index]
        if after or anywhere:
            self._at = (after or anywhere)[0]

    def on_route(self, index: int) -> bool:
        """True when flat slide `index` is the stop last visited."""
        return 0 <= self._at < len(self.route.slides) and self.route.slides[self._at] == index

    def next_slide(self, index: int) -> int | None:
        """Where next leads from flat slide `index`; None at the end of the route."""
        if self._at < 0 and not self.on_route(index):
            return self.route.slides[0]
        following = self._at + 1
        return self.route.slides[following] if following < len(self.route.slides) else None

    def previous_slide(self, index: int) -> int | None:
        """Where previous leads from flat slide `index`; None at the start of the route."""
        if self._at >= 0 and not self.on_route(index):
            return self.route.slides[self._at]
        before = self._at - 1
        return self.route.slides[before] if before >= 0 else None

    def remaining(self) -> int:
        """Stops of the route still to come after the current one."""
        return len(self.route.slides) - 1 - max(self._at, 0) if self._at >= 0 else len(self.route.slides)
