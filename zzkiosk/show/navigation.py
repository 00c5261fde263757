"""Navigation: where each move leads in a deck, written once and without Qt.

Wrap or clamp at the ends (the deck's `kiosk.loop`), sections, positions named the way
people write them (SECTION[/SLIDE], by id or 1-based number), the slide that comes next,
slides to skip because they cannot be shown, and the attract loop's playlist. The
presentation, autoplay, the show and the command line all ask this class.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from zzkiosk.i18n import N_, tr

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck, Section, SlideAt
    from zzkiosk.deck.plain import Slide


class Navigation:
    """Moves through `deck`, leaving out slides marked broken (until `clear_broken`)."""

    def __init__(self, deck: Deck):
        self.deck = deck
        """The deck moved through."""
        self._broken: set[int] = set()
        self._starts = _section_starts(deck)

    @property
    def count(self) -> int:
        """Number of slides."""
        return len(self.deck.slides)

    def at(self, index: int) -> SlideAt:
        """Slide `index` with its section."""
        return self.deck.slides[index]

    # -- broken slides -------------------------------------------------------------

    def mark_broken(self, index: int) -> bool:
        """Leave slide `index` out from now on; True the first time it is marked."""
        new = index not in self._broken
        self._broken.add(index)
        return new

    def is_broken(self, index: int) -> bool:
        """True when slide `index` is marked broken."""
        return index in self._broken

    def clear_broken(self) -> None:
        """Forget every mark."""
        self._broken.clear()

    def candidates(self, index: int, direction: int) -> Iterator[int]:
        """Slides to show in place of `index`, best first, broken ones left out.

        `index` itself, then onwards in the direction of travel (`direction` 1 or -1),
        wrapping when the deck loops; a deck that does not loop turns back at its end.
        """
        count = self.count
        if self.deck.kiosk.loop:
            order = [(index + direction * offset) % count for offset in range(count)]
        else:
            order = list(range(index, count if direction > 0 else -1, direction))
            order += list(range(index - direction, -1 if direction > 0 else count, -direction))
        return (candidate for candidate in order if candidate not in self._broken)

    # -- steps ---------------------------------------------------------------------

    def clamp(self, index: int) -> int:
        """`index` kept inside the deck."""
        return min(max(index, 0), self.count - 1)

    def step(self, index: int, delta: int) -> int:
        """The slide `delta` away from `index`: wrapping when the deck loops, else clamped."""
        wanted = index + delta
        if 0 <= wanted < self.count:
            return wanted
        return wanted % self.count if self.deck.kiosk.loop else self.clamp(wanted)

    def upcoming(self, index: int) -> int | None:
        """The slide `next` brings from `index`, broken ones skipped; None when there is none
        (the end of a deck that does not loop)."""
        if index < 0:
            return None
        wanted = self.step(index, 1)
        if wanted == index:
            return None
        found = next(self.candidates(wanted, 1), None)
        return None if found is None or found == index else found

    # -- sections ------------------------------------------------------------------

    @property
    def section_starts(self) -> list[int]:
        """The flat index of each section's first slide."""
        return list(self._starts)

    def section_of(self, index: int) -> int:
        """The number (0 first) of the section that slide `index` belongs to."""
        return max(number for number, start in enumerate(self._starts) if start <= max(index, 0))

    def section_step(self, index: int, delta: int) -> int:
        """The first slide of the section `delta` sections away from slide `index`'s.

        Past either end it wraps when the deck loops; otherwise next stays put at the last
        section and previous goes to the very first slide.
        """
        starts = self._starts
        wanted = self.section_of(index) + delta
        if 0 <= wanted < len(starts):
            return starts[wanted]
        if self.deck.kiosk.loop:
            return starts[wanted % len(starts)]
        return index if wanted >= len(starts) else 0

    def label(self, index: int) -> str:
        """What the indicator says for slide `index`: section title, then number / count."""
        return f"{self.at(index).section.title}   {index + 1} / {self.count}"

    # -- positions by name ---------------------------------------------------------

    def resolve(self, spec: str | None) -> int:
        """The flat slide index of `spec`: `section`, `section/slide`, ids or 1-based numbers.

        None or an empty spec is the first slide. Raises ValueError naming what exists.
        """
        if not spec:
            return 0
        sections = self.deck.sections
        section_part, _, slide_part = spec.partition("/")
        number = _find(sections, section_part.strip(), N_("no section '{wanted}': give an id ({known}) or a number from 1 to {count}"))
        section = sections[number]
        missing_slide = N_("no slide '{wanted}' in section '{section}': give an id ({known}) or a number from 1 to {count}")
        within = _find(section.slides, slide_part.strip(), missing_slide, section.id) if slide_part else 0
        return self._starts[number] + within

    # -- the attract loop ----------------------------------------------------------

    def playlist(self, loop_sections: Iterable[str] = ()) -> list[int]:
        """Flat indices of the slides the attract loop plays (sections `loop_sections`; empty: all)."""
        wanted = set(loop_sections)
        chosen = [i for i, (section, _) in enumerate(self.deck.slides) if not wanted or section.id in wanted]
        return chosen or list(range(self.count))

    def loop_next(self, index: int, loop_sections: Iterable[str] = ()) -> int:
        """Where the attract loop goes after slide `index` (`index` when it stops there)."""
        playlist = self.playlist(loop_sections)
        later = [candidate for candidate in playlist if candidate > index]
        if later:
            return later[0]
        return playlist[0] if self.deck.kiosk.loop else index


def _section_starts(deck: Deck) -> list[int]:
    starts, index = [], 0
    for section in deck.sections:
        starts.append(index)
        index += len(section.slides)
    return starts


def _find(items: Sequence[Section | Slide], wanted: str, missing: str, section: str = "") -> int:
    for number, item in enumerate(items):
        if item.id == wanted:
            return number
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(items):  # not ② or ²
        return int(wanted) - 1
    known = ", ".join(item.id for item in items)
    raise ValueError(tr(missing, wanted=wanted, section=section, known=known, count=len(items)))
