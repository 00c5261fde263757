"""Positions in a deck named the way people write them: SECTION[/SLIDE], by id or number.

No Qt here: the command line's --start and later a "go to" prompt share it.
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
    if wanted.isdigit() and 1 <= int(wanted) <= len(items):
        return int(wanted) - 1
    known = ", ".join(item.id for item in items)
    raise ValueError(f"no {noun} '{wanted}'{where}: give an id ({known}) or a number from 1 to {len(items)}")
