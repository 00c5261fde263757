"""The tour in a real window: every slide played once by a real player process, then its peak RSS.

The `tour` probe runs inside a player started by `zzkiosk.bench.processes.measure_tour` on an
Xvfb screen (or offscreen). Once a slide stands still and the kiosk has made ahead what it
makes ahead (on its own timers, as in a hall), it moves the show on to the next slide; each
transition and entrance is stepped through a few painted frames to its end, as the offscreen
tour (`zzkiosk.bench.soak`) does, so that 42 slides take seconds, not the two minutes their
animations last. After the last slide it reports the peak RSS, the RSS at rest and how the
process's memory is mapped (`memory_map`), so that a real window can be compared with the
offscreen tour.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from zzkiosk.bench.probe import peak_rss_mb
from zzkiosk.bench.soak import rss_mb
from zzkiosk.player.presentation import PREPARE_DELAY_MS

if TYPE_CHECKING:
    from zzkiosk.player.window import PlayerWindow

POLL_MS = 20
"""How often the probe looks whether the made-ahead work has finished."""

QUIET_MS = 300
"""The made-ahead work is done when nothing more was made ahead for this long (the kiosk
makes one slide every 100 ms, zzkiosk.player.ahead.AHEAD_GAP_MS)."""

TRANSITION_STEPS = (0.3, 0.7)
"""Transition progress painted before it is finished (as the offscreen tour)."""

ENTRANCE_SHARES = (0.2, 0.5, 1.0)
"""Shares of an entrance painted (the last one ends it)."""


def memory_map(pid: str = "self") -> dict[str, float]:
    """Resident MB of a process by kind of mapping (from /proc/PID/smaps): the C heap, anonymous
    mappings (Python's arenas, large pictures), shared memory (X11 MIT-SHM and memfd
    segments), fonts, Qt's libraries, other files."""
    groups: dict[str, float] = {}
    kind = "other files"
    with open(f"/proc/{pid}/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            head = line.split(maxsplit=1)[0]
            if "-" in head and not head.endswith(":"):
                kind = _kind(line)
            elif head == "Rss:":
                groups[kind] = groups.get(kind, 0.0) + int(line.split()[1]) / 1024.0
    return {name: round(mb, 1) for name, mb in sorted(groups.items(), key=lambda item: -item[1])}


def _kind(header: str) -> str:
    """The group of one smaps mapping, from its header line."""
    parts = header.split(maxsplit=5)
    path = parts[5].strip() if len(parts) > 5 else ""
    if path == "[heap]":
        return "C heap"
    if not path or path.startswith("[anon") or path.startswith("[stack"):
        return "anonymous"
    if path.startswith("/SYSV") or path.startswith("/memfd:") or path.startswith("/dev/shm"):
        return "shared memory (X11, memfd)"
    if path.endswith((".ttf", ".otf", ".ttc", ".pcf", ".pfb")) or "/fonts/" in path or path.endswith(".cache-8"):
        return "fonts"
    if "Qt" in path or "PySide6" in path or "shiboken6" in path:
        return "Qt and PySide6 libraries"
    return "other files"


def watch_tour(window: PlayerWindow, when_still, finish) -> None:
    """Play every slide once, moving on once each has stood still and made ahead, then `finish`."""
    TourWalk(window, when_still, finish).begin()


class TourWalk(QObject):
    """One walk through the deck in a player process (see the module's docstring); a child of
    the window, which keeps it alive (PySide6 holds a timer's bound method only weakly).

    ZZKIOSK_BENCH_REAL_TIME=1 lets every transition and entrance run on the presentation's own
    timer instead of stepping it (two minutes for the bundled deck; the same peak within 0.3 MB)."""

    def __init__(self, window: PlayerWindow, when_still, finish):
        super().__init__(window)
        self._window, self._when_still, self._finish = window, when_still, finish
        self._presentation = window.presentation
        self._real_time = os.environ.get("ZZKIOSK_BENCH_REAL_TIME") == "1"
        self._played = 0
        self._made_ahead, self._last_made = -1, time.perf_counter()
        self._peaks: list[list] = []
        """[slide id, peak RSS so far] as each slide is left."""

    def begin(self) -> None:
        """Start once the first slide stands still."""
        self._when_still(self._window, self._ready)

    def _ready(self) -> None:
        """Move on once the still picture is up and nothing more was made ahead for QUIET_MS."""
        scenes = self._presentation.scenes
        made = sum(1 for index in range(self._presentation.count) if scenes.prepared(index) is not None)
        if made != self._made_ahead:
            self._made_ahead, self._last_made = made, time.perf_counter()
        if time.perf_counter() - self._last_made < QUIET_MS / 1000 or not self._window.stage.painting_still:
            QTimer.singleShot(POLL_MS, self._ready)
        elif self._played + 1 >= self._presentation.count:
            self._finish({"slides": self._presentation.count, "rss_mb_after_all": round(rss_mb(), 2),
                          "memory_map": memory_map(), "peak_rss_mb_by_slide": self._peaks})
        else:
            self._move_on()

    def _move_on(self) -> None:
        presentation = self._presentation
        self._peaks.append([presentation.current.slide.id, round(peak_rss_mb(), 1)])
        self._played += 1
        self._last_made = time.perf_counter()
        presentation.next()
        if not self._real_time:
            self._step_through()
        self._when_still(self._window, self._ready)

    def _step_through(self) -> None:
        """Paint a few frames of the transition and the entrance and end both, as the offscreen tour."""
        presentation = self._presentation
        for progress in TRANSITION_STEPS:
            presentation.transition_frame(progress)
        presentation.finish_transition()
        duration = presentation.scene.entrance_duration
        for share in ENTRANCE_SHARES:
            presentation.entrance_frame(duration * share)
        # Stepped to its end, the entrance did not bring the slide to rest by itself: what the
        # kiosk does then (keep the still picture, make ahead on its own timers) starts here.
        QTimer.singleShot(PREPARE_DELAY_MS, presentation.prepare_next)
