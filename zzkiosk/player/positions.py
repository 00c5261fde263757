"""Positions in a deck named the way people write them: SECTION[/SLIDE], by id or number.

No Qt here: the command line's --start, section steps and the indicator share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck, Section
    from zzkiosk.deck.model import Slide


def resolve_start(deck: Deck, spec: str | None) -> int:
    """The flat slide index of `spec`: `section`, `section/slide`, ids or 1-based numbers.

    None or an empty spec is the first slide. Raises ValueError naming what exists.
    """
    if not spec:
        return 0
    section_part, _, slide_part = spec.partition("/")
    section_number = _find(deck.sections, section_part.strip(), "section")
    section = deck.sections[section_number]
    slide_number = _find(section.slides, slide_part.strip(), "slide", f" in section '{section.id}'") if slide_part else 0
    return sum(len(s.slides) for s in deck.sections[:section_number]) + slide_number


def _find(items: Sequence[Section | Slide], wanted: str, noun: str, where: str = "") -> int:
    for number, item in enumerate(items):
        if item.id == wanted:
            return number
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(items):  # not ② or ²
        return int(wanted) - 1
    known = ", ".join(item.id for item in items)
    raise ValueError(f"no {noun} '{wanted}'{where}: give an id ({known}) or a number from 1 to {len(items)}")


def section_starts(deck: Deck) -> list[int]:
    """The flat index of each section's first slide."""
    starts, index = [], 0
    for section in deck.sections:
        starts.append(index)
        index += len(section.slides)
    return starts


def section_of(deck: Deck, index: int) -> int:
    """The number (0 first) of the section that slide `index` belongs to."""
    return max(number for number, start in enumerate(section_starts(deck)) if start <= max(index, 0))


def section_step(deck: Deck, index: int, delta: int) -> int:
    """The first slide of the section `delta` sections away from slide `index`'s.

    Past either end it wraps when the deck loops; otherwise next stays put at the last
    section and previous goes to the very first slide.
    """
    starts = section_starts(deck)
    wanted = section_of(deck, index) + delta
    if 0 <= wanted < len(starts):
        return starts[wanted]
    if deck.kiosk.loop:
        return starts[wanted % len(starts)]
    return index if wanted >= len(starts) else 0


def slide_label(deck: Deck, index: int) -> str:
    """What the indicator says for slide `index`: section title, then number / count."""
    section, _ = deck.slides[index]
    return f"{section.title}   {index + 1} / {len(deck.slides)}"
