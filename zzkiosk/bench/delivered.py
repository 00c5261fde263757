"""Frames delivered by a real fullscreen window: transitions and entrances, counted as painted.

The `delivered` probe runs inside a player process on an Xvfb screen. Each time the slide
stands still it moves the show on, and counts the frames Qt really made: the transition
overlay's paints while a transition runs (every frame repaints it), then the animation
timer's ticks while the new slide's entrance runs (each tick steps the entrance and its
repaint follows; a frame that took too long delays the next tick, so ticks drop as paints
would; paints themselves are no measure there, since a tick that changes nothing, a
counter's digits near the end of its count, paints nothing). Frames a second here is what
visitors see; the frame-cost cases time each frame instead.

- ZZKIOSK_BENCH_CHANGES: how many changes;
- ZZKIOSK_BENCH_TRANSITION: every slide's transition set to this type (fade, slide, zoom),
  as the frame-cost cases do; unset: the deck's own transitions.

The changes visit slides of every entrance case in turn (charts, counters, text and
others), so that a short run still measures each of them.
"""

from __future__ import annotations

import os
import time
from itertools import chain, zip_longest
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from zzkiosk.bench.frames import entrance_case, with_transitions
from zzkiosk.player.presentation import FRAME_MS

if TYPE_CHECKING:
    from zzkiosk.player.window import PlayerWindow


class FrameClock(QObject):
    """The times (time.perf_counter()) of every paint event of a widget, or every tick of a timer."""

    def __init__(self, widget=None, timer: QTimer | None = None):
        super().__init__(widget or timer)
        self.times: list[float] = []
        if widget is not None:
            widget.installEventFilter(self)
        if timer is not None:
            timer.timeout.connect(self.note)

    def note(self) -> None:
        """Note a frame now."""
        self.times.append(time.perf_counter())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Note the paint, and let it through."""
        if event.type() == QEvent.Type.Paint:
            self.note()
        return False

    def between(self, start: float, end: float) -> list[float]:
        """Paint times from `start` to `end`."""
        return [moment for moment in self.times if start <= moment <= end]


def visiting_order(cases: list[str]) -> list[int]:
    """Slide indices (the first left out: the show starts there) taking the entrance cases in
    turn: the first slide of each case, then the second of each, and so on."""
    by_case: dict[str, list[int]] = {}
    for index, case in enumerate(cases[1:], start=1):
        by_case.setdefault(case, []).append(index)
    turns = zip_longest(*by_case.values())
    return [index for index in chain.from_iterable(turns) if index is not None]


def entrance_figures(ticks: list[float], start: float, seconds: float) -> dict:
    """Frames a second over an entrance of `seconds` begun at `start`, and its longest gap."""
    frames = [moment for moment in ticks if start <= moment <= start + seconds]
    edges = [start, *frames]
    gap, at = max(((b - a, a - start) for a, b in zip(edges, edges[1:])), default=(seconds, 0.0))
    return {"frames": len(frames), "seconds": seconds, "fps": round(len(frames) / seconds, 1),
            "longest_gap_ms": round(gap * 1000, 1), "longest_gap_at_s": round(at, 3)}


def watch_delivered(window: PlayerWindow, when_still, finish) -> None:
    """Play ZZKIOSK_BENCH_CHANGES changes and `finish` with what was painted."""
    wanted = int(os.environ.get("ZZKIOSK_BENCH_CHANGES", "10"))
    presentation = window.presentation
    kind = os.environ.get("ZZKIOSK_BENCH_TRANSITION")
    if kind:
        presentation.replace_deck(with_transitions(presentation.deck, kind), 0)
    order = visiting_order([entrance_case(at.slide) for at in presentation.deck.slides])
    overlay = FrameClock(widget=window.stage.overlay)
    ticks = FrameClock(timer=next(timer for timer in presentation.findChildren(QTimer) if timer.interval() == FRAME_MS))
    transitions: list[dict] = []
    entrances: list[dict] = []
    mark: dict = {}

    def change() -> None:
        mark["asked"] = True
        presentation.go_to(order[len(transitions) % len(order)])

    def changed(index: int) -> None:  # the new slide is built and grabbed: its transition begins
        if mark.pop("asked", False):
            mark["start"] = time.perf_counter()

    def transition_done() -> None:
        if "start" not in mark:
            return
        now, start = time.perf_counter(), mark.pop("start")
        slide = presentation.current.slide
        frames = len(overlay.between(start, now))
        transitions.append({"slide": slide.id, "kind": slide.transition.type, "frames": frames,
                            "seconds": round(now - start, 4), "fps": round(frames / (now - start), 1)})
        mark.update(entrance=now, seconds=presentation.scene.entrance_duration, case=entrance_case(slide))
        when_still(window, entrance_done)

    def entrance_done() -> None:
        if mark.get("seconds"):
            figures = entrance_figures(ticks.times, mark["entrance"], mark["seconds"])
            entrances.append({"slide": presentation.current.slide.id, "case": mark["case"], **figures})
        if len(transitions) >= wanted:
            finish(_report(transitions, entrances))
        else:
            change()

    presentation.slide_changed.connect(changed)
    presentation.transition_finished.connect(transition_done)
    when_still(window, change)


def frame_rate(runs: list[dict]) -> float | None:
    """Frames a second over `runs` (each with its `frames` and `seconds`)."""
    seconds = sum(run["seconds"] for run in runs)
    return round(sum(run["frames"] for run in runs) / seconds, 1) if seconds else None


def entrances_by_case(entrances: list[dict]) -> dict[str, list[dict]]:
    """The entrance runs grouped by their case, cases in name order."""
    cases: dict[str, list[dict]] = {}
    for run in sorted(entrances, key=lambda run: run["case"]):
        cases.setdefault(run["case"], []).append(run)
    return cases


def _report(transitions: list[dict], entrances: list[dict]) -> dict:
    """Frames a second over all transitions, and over each entrance case (with its longest gap)."""
    by_case = {case: {"fps": frame_rate(runs), "longest_gap_ms": max(run["longest_gap_ms"] for run in runs)}
               for case, runs in entrances_by_case(entrances).items()}
    return {"fps": frame_rate(transitions), "transitions": transitions, "entrances": entrances, "entrance_fps": by_case}
