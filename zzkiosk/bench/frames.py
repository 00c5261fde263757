"""Frame cost: every transition type and every slide's entrance, stepped at 60 Hz by hand.

No timer decides when a frame is drawn: the benchmark sets the animation time itself
(`Presentation.transition_frame`, `entrance_frame`) and times how long producing that
frame takes, paint included, in an offscreen window of the screen's size.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop

from zzkiosk.bench.session import deck_for_screen, Player, settle, stats
from zzkiosk.deck import plain

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.deck.plain import Slide

HZ = 60
"""Frames a second the animations are stepped at."""

TRANSITION_KINDS = ("fade", "slide", "zoom")
"""Animated transition types (`none` is a cut: it has no frames)."""

DIRECTIONS = ("left", "up", "right", "down")
"""Slide transitions cycle through these directions."""


def entrance_case(slide: Slide) -> str:
    """The entrance case a slide belongs to: what its heaviest animated block is."""
    kinds = {block.kind for block in slide.blocks}
    if "chart" in kinds:
        return "entrance: charts"
    if "counter" in kinds:
        return "entrance: counters"
    return "entrance: text and others"


def with_transitions(deck: Deck, kind: str) -> Deck:
    """`deck` with every slide's transition type set to `kind` (directions cycling for slide)."""
    sections = []
    number = 0
    for section in deck.sections:
        slides = []
        for slide in section.slides:
            spec = plain.replace(slide.transition, type=kind, direction=DIRECTIONS[number % 4])
            slides.append(plain.replace(slide, transition=spec))
            number += 1
        sections.append(replace(section, slides=tuple(slides)))
    return replace(deck, sections=tuple(sections))


def _timed(action, *args) -> float:
    start = time.perf_counter()
    action(*args)
    return (time.perf_counter() - start) * 1000.0


def measure_size(deck: Deck, size: tuple[int, int], changes: int | None) -> list[dict]:
    """Frame-cost cases at one screen size: each transition type over `changes` slide
    changes (every slide when None), and the entrances of every slide reached (by kind)."""
    deck = deck_for_screen(deck, size)
    results: dict[str, list[float]] = {}
    worst: dict[str, tuple[float, str]] = {}
    change_ms: list[float] = []
    for pass_number, kind in enumerate(TRANSITION_KINDS):
        window = Player(with_transitions(deck, kind), size)
        presentation = window.presentation
        presentation.start(0)
        presentation.entrance_frame(1e6)
        settle()
        steps = min(changes or presentation.count, presentation.count - 1)
        for target in range(1, steps + 1):
            slide = presentation.deck.slides[target].slide
            change_ms.append(_timed(presentation.go_to, target))
            frames = max(1, round(slide.transition.duration * HZ))
            samples = [_timed(presentation.transition_frame, step / frames) for step in range(1, frames)]
            samples.append(_timed(_end_transition, presentation))
            _record(results, worst, f"transition: {kind}", samples, slide.id)
            if pass_number == 0:
                _record(results, worst, entrance_case(slide), _entrance(presentation), slide.id)
            presentation.entrance_frame(1e6)
            settle()
        window.close()
    cases = [stats(case, size, samples, worst_slide=worst[case][1]) for case, samples in results.items()]
    cases.append(stats("slide change (grab old, build new, grab new)", size, change_ms))
    return cases


def _end_transition(presentation) -> None:
    """The transition's last frame, as the kiosk's timer makes it: the overlay goes and the view
    repaints the new slide (its whole area: the overlay was painted over it), the entrance's
    first step one frame later. Until round 5 the benchmark painted the overlay at progress 1
    here and left this repaint pending, to be counted in the entrance's first frame: two
    frames' work in one sample, at 4K ~15 ms, most of the entrance cases' p99 there."""
    presentation.finish_transition()
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def _entrance(presentation) -> list[float]:
    """Times of every 60 Hz frame of the current slide's entrance, from its first frame."""
    duration = presentation.scene.entrance_duration
    frames = round(duration * HZ)
    return [_timed(presentation.entrance_frame, step / HZ) for step in range(1, frames + 1)]


def _record(results, worst, case: str, samples: list[float], slide_id: str) -> None:
    if not samples:
        return
    results.setdefault(case, []).extend(samples)
    peak = max(samples)
    if peak > worst.get(case, (-1.0, ""))[0]:
        worst[case] = (peak, slide_id)
