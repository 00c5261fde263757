"""Measurements made inside a real player process, started with ZZKIOSK_BENCH_PROBE set.

`zzkiosk.app.run_player` calls `attach(window)` when that variable is set; the
probe then watches the window and writes one JSON object to ZZKIOSK_BENCH_OUT:

- `startup`: the wall-clock time (time.time()) when the first slide's first frame has
  been painted, and the peak RSS so far; then the process exits;
- `idle`: CPU seconds used over ZZKIOSK_BENCH_SECONDS once the first slide stands still
  (autoplay still waiting), and whether any paint or slide change happened meanwhile;
- `delivered`: moves the show on as soon as each slide stands still and counts the
  frames painted during each transition and each entrance, for ZZKIOSK_BENCH_CHANGES
  changes (zzkiosk.bench.delivered);
- `control`: sends `next` to the kiosk's own UDP control port (a real datagram over
  loopback) once each slide stands still and the next is made ahead, and times from the
  command's arrival at the control port to the first frame of the transition painted,
  ZZKIOSK_BENCH_CHANGES times.
- `latency`: presses keys on the window and times key event -> first frame painted
  (zzkiosk.bench.latency);
- `tour`: plays every slide once and reports the peak RSS and how memory is mapped
  (zzkiosk.bench.tour_probe).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

if TYPE_CHECKING:
    from zzkiosk.player.window import PlayerWindow

SETTLE_MS = 500
"""After the slide stands still, wait this long (the next slide is made ahead) before measuring idle."""

IDLE_MARGIN_S = 0.3
"""Idle measurement ends this long before autoplay would change the slide."""


def peak_rss_mb() -> float:
    """The process's peak resident set size so far, in MB (MiB).

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over fork and exec, so a
    player started by the benchmark would report the benchmark's own peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cpu_seconds() -> float:
    """User plus system CPU seconds used by the process (all threads) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _finish(result: dict) -> None:
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    with open(os.environ["ZZKIOSK_BENCH_OUT"], "w", encoding="utf-8") as out:
        json.dump(result, out)
    QCoreApplication.exit(0)


class PaintCounter(QObject):
    """Counts paint events of one widget; calls `first` after the first one has been painted."""

    def __init__(self, widget, first=None):
        super().__init__(widget)
        self.count = 0
        self._first = first
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Count the paint, and let it through."""
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            if self.count == 1 and self._first is not None:
                QTimer.singleShot(0, self._first)  # runs once this paint has reached the screen
        return False


def _watch_startup(window: PlayerWindow) -> None:
    # "validated": whether this start validated anything in full (pydantic imported) or
    # played from the caches of the deck and the settings alone.
    window._bench_counter = PaintCounter(window.stage.view.viewport(),
                                         lambda: _finish({"painted_at": time.time(), "cpu_seconds": cpu_seconds(),
                                                          "validated": "pydantic" in sys.modules}))


def _when_still(window: PlayerWindow, then) -> None:
    """Call `then` once the presentation has started and nothing moves."""
    presentation = window.presentation

    def check():
        if presentation.index >= 0 and not presentation.is_animating:
            then()
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(20, check)


def _watch_idle(window: PlayerWindow) -> None:
    """Go to the slide that stays longest, and once it stands still measure CPU time until
    just before autoplay moves on (at most ZZKIOSK_BENCH_SECONDS)."""
    seconds = float(os.environ.get("ZZKIOSK_BENCH_SECONDS", "10"))
    presentation = window.presentation
    durations = [slide.duration or 0.0 for _, slide in presentation.deck.slides]
    target = durations.index(max(durations))
    changes, arrived = [], [time.perf_counter()]
    presentation.transition_finished.connect(lambda: arrived.append(time.perf_counter()))

    def measure():
        left = durations[target] - (time.perf_counter() - arrived[-1]) - IDLE_MARGIN_S
        presentation.slide_changed.connect(changes.append)
        counter = PaintCounter(window.stage.view.viewport())
        started, cpu = time.perf_counter(), cpu_seconds()

        def report():
            used, wall = cpu_seconds() - cpu, time.perf_counter() - started
            _finish({"cpu_seconds": used, "wall_seconds": wall, "paints": counter.count,
                     "slide_changes": len(changes), "slide": presentation.current.slide.id})

        QTimer.singleShot(round(max(1.0, min(seconds, left)) * 1000), report)

    presentation.go_to(target)
    QTimer.singleShot(100, lambda: _when_still(window, lambda: QTimer.singleShot(SETTLE_MS, measure)))


def _watch_delivered(window: PlayerWindow) -> None:
    from zzkiosk.bench.delivered import watch_delivered

    watch_delivered(window, _when_still, _finish)


def _watch_control(window: PlayerWindow) -> None:
    from zzkiosk.bench.control_probe import watch_control

    watch_control(window, _when_still, _finish, SETTLE_MS)


def _watch_latency(window: PlayerWindow) -> None:
    from zzkiosk.bench.latency import watch_latency

    watch_latency(window, _finish)


def _watch_tour(window: PlayerWindow) -> None:
    from zzkiosk.bench.tour_probe import watch_tour

    watch_tour(window, _when_still, _finish)


_PROBES = {"startup": _watch_startup, "idle": _watch_idle, "delivered": _watch_delivered,
           "control": _watch_control, "latency": _watch_latency, "tour": _watch_tour}


def attach(window: PlayerWindow) -> None:
    """Install the probe named by ZZKIOSK_BENCH_PROBE on the player's `window`.

    The player attaches it just before it starts its first slide: the startup probe
    watches from now (no paint happens before the event loop runs); the others begin in
    the event loop's first turn, once the show has started (their slide changes are theirs)."""
    probe = _PROBES[os.environ["ZZKIOSK_BENCH_PROBE"]]
    if probe is _watch_startup:
        probe(window)
    else:
        QTimer.singleShot(0, lambda: probe(window))
