"""ShowState: a plain snapshot of what the show is doing, for any channel to report or show."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

Cover = Literal["none", "black", "white", "help", "overview"]
"""What covers the slide: nothing, a black or white screen, the help card, the overview."""

AutoplayState = Literal["off", "playing", "paused"]
"""Autoplay: not configured for this show, advancing by durations, or held by a presenter."""


@dataclass(frozen=True)
class SlideRef:
    """One slide of the deck, named every way a channel may want it."""

    index: int
    """Flat index, 0 first."""
    number: int
    """1-based slide number in the whole deck (what `goto N` and the indicator use)."""
    section: str
    """The section's id."""
    section_number: int
    """1-based number of the section."""
    section_title: str
    """The section's title."""
    slide: str
    """The slide's id."""
    title: str
    """The slide's title (may be empty)."""


@dataclass(frozen=True)
class ShowState:
    """What the show is doing now. Qt-free and immutable: safe to hand to any thread."""

    deck_title: str
    """The deck's title."""
    total: int
    """Number of slides in the deck."""
    current: SlideRef | None
    """The slide on screen (mid-transition: the one coming in); None before the show starts."""
    next: SlideRef | None
    """The slide that `next` would bring (None when there is none: the end of a deck that does not loop)."""
    notes: str
    """The current slide's presenter notes (never shown to the audience)."""
    autoplay: AutoplayState
    """Whether autoplay is off, playing or paused."""
    seconds_left: float | None
    """Seconds until autoplay moves on; None when it is not counting down."""
    cover: Cover
    """What covers the slide."""

    def to_dict(self) -> dict[str, Any]:
        """The snapshot as plain JSON-ready data."""
        return asdict(self)


def slide_refs(deck: Deck) -> list[SlideRef]:
    """Every slide of `deck` as a SlideRef, in playing order (what `list` reports)."""
    refs: list[SlideRef] = []
    for section_number, section in enumerate(deck.sections, start=1):
        for slide in section.slides:
            refs.append(SlideRef(index=len(refs), number=len(refs) + 1, section=section.id,
                                 section_number=section_number, section_title=section.title,
                                 slide=slide.id, title=slide.title))
    return refs
