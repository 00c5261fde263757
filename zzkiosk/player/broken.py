"""BrokenSlides: the crash policy's memory of slides that cannot be shown, and what to try instead."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Section
    from zzkiosk.deck.model import Slide

log = logging.getLogger("zzkiosk.player.presentation")


class BrokenSlides:
    """Slides of the deck being played that failed to build or draw.

    Each is logged once (one line; the traceback at debug level) and skipped from then
    on, until the deck is replaced: an unattended loop does not retry and log the same
    broken picture every few minutes all day.
    """

    def __init__(self) -> None:
        self._indices: set[int] = set()

    def __contains__(self, index: int) -> bool:
        return index in self._indices

    def clear(self) -> None:
        """Forget every mark (a new deck is being played)."""
        self._indices.clear()

    def mark(self, index: int, slides: tuple[tuple[Section, Slide], ...], error: BaseException) -> None:
        """Remember slide `index` as one that cannot be shown, and log why (the first time)."""
        if index in self._indices:
            return
        self._indices.add(index)
        section, slide = slides[index]
        log.error("slide %d (%s/%s) skipped: %s: %s", index + 1, section.id, slide.id,
                  type(error).__name__, error)
        log.debug("why slide %d failed", index + 1, exc_info=error)

    def candidates(self, index: int, count: int, step: int, loop: bool) -> Iterator[int]:
        """Slides to try in place of `index`, best first, broken ones left out.

        `index` itself, then onwards in the direction of travel (`step` 1 or -1), wrapping
        when the deck loops; a deck that does not loop turns back at its end instead.
        """
        if loop:
            order = [(index + step * offset) % count for offset in range(count)]
        else:
            order = list(range(index, count if step > 0 else -1, step))
            order += list(range(index - step, -1 if step > 0 else count, -step))
        return (candidate for candidate in order if candidate not in self._indices)
