"""Input-to-motion latency: real key presses on a real player window, key event to first frame.

The `latency` probe runs inside a player process on an Xvfb screen. It presses keys with
`xdotool` (XTEST: the X server delivers them to the focused window as a keyboard would, and
Qt reads them from its X connection like any key), and times from the moment the key
event reaches the application (an application-wide event filter, before any widget sees
it; from the X server's stamp on it, so time spent waiting in the queue counts) to the end of the first paint of what the press changed: the transition overlay's
first frame, or the view's new slide for a cut. Each press waits for a still slide, as a
guide's clicker mostly does, with its next slide made ahead.

Cases (`CASES`): next, previous, a typed slide number + Enter, a section jump, and next
right after the overview was closed.
"""

from __future__ import annotations

import os
import subprocess
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer

from zzkiosk.bench.report import LATENCY_CASES

if TYPE_CHECKING:
    from zzkiosk.player.window import PlayerWindow

SETTLE_MS = 800
"""After the slide stands still, wait this long before the next press (a guide lets a slide
be seen; the likely next slides are made ahead in the first moments: at 4K about 0.7 s)."""

PRESS_TIMEOUT_MS = 5000
"""A press that paints nothing within this long is reported as lost (the X key never came)."""

CASES = LATENCY_CASES
"""The measured presses, in the order they run (their targets are in zzkiosk.bench.report)."""


def _keys_for(case: str, press: int, window: PlayerWindow) -> tuple[list[str], list[str]]:
    """(keys pressed before the timed one, [the timed key]) as xdotool names."""
    if case == "next":
        return [], ["Right"]
    if case == "previous":
        return [], ["Left"]
    if case == "section jump":
        return [], ["bracketright" if press % 2 == 0 else "bracketleft"]
    if case == "typed number + Enter":
        count = window.presentation.count
        target = (window.presentation.index + count // 2 + press) % count
        return list(str(target + 1)), ["Return"]  # typed at a guide's pace: see TYPING_DELAY_MS
    return [], ["Right"]  # next after closing the overview: the overview is opened and closed first


QT_KEYS = {"Right": Qt.Key.Key_Right, "Left": Qt.Key.Key_Left, "Return": Qt.Key.Key_Return,
           "bracketright": Qt.Key.Key_BracketRight, "bracketleft": Qt.Key.Key_BracketLeft}
"""The Qt key of each timed xdotool key name."""


TYPING_DELAY_MS = 200
"""Between the keys of one press (digits, then Enter): a guide typing a number on a keypad."""


def xdotool(*keys: str) -> None:
    """Press and release `keys` one after the other on the X display, without waiting."""
    subprocess.Popen(["xdotool", "key", "--delay", str(TYPING_DELAY_MS), *keys],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def key_time(event) -> float:
    """When the X server made the key event, on time.monotonic()'s clock: the X server stamps
    events in milliseconds of the same monotonic clock, so the time a busy event loop left
    the key waiting counts too. Falls back to now if the stamp is not of that clock."""
    now = time.monotonic()
    stamp = event.timestamp() / 1000.0
    return stamp if 0.0 <= now - stamp < 5.0 else now


class LatencyProbe(QObject):
    """Presses every case's keys `presses` times and records key event -> first frame painted."""

    def __init__(self, window: PlayerWindow, presses: int, finish):
        super().__init__(window)
        self._window, self._presses, self._finish = window, presses, finish
        self._results: dict[str, list[float]] = {case: [] for case in CASES}
        self._lost: dict[str, int] = {case: 0 for case in CASES}
        self._queued: dict[str, list[float]] = {case: [] for case in CASES}
        self._plan = [(case, press) for case in CASES for press in range(presses)]
        self._armed: Qt.Key | None = None
        self._key_at: float | None = None
        self._case = ""
        self._timeout = QTimer(self, singleShot=True, interval=PRESS_TIMEOUT_MS)
        self._timeout.timeout.connect(self._lost_press)
        QCoreApplication.instance().installEventFilter(self)
        for widget in (window.stage.overlay, window.stage.view.viewport()):
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Note when the timed key arrives, and when the first paint after it ends."""
        kind = event.type()
        if kind == QEvent.Type.KeyPress and self._armed is not None and self._key_at is None:
            if event.key() == self._armed and not event.isAutoRepeat():
                self._key_at = key_time(event)
                self._queued[self._case].append(round((time.monotonic() - self._key_at) * 1000.0, 2))
        elif kind == QEvent.Type.Paint and self._key_at is not None and self._armed is not None \
                and watched in (self._window.stage.overlay, self._window.stage.view.viewport()):
            self._armed = None
            QTimer.singleShot(0, self._painted)  # runs once this paint has reached the window
        return False

    def start(self) -> None:
        """Begin with the first press once the first slide stands still."""
        self._when_still(self._press)

    def _when_still(self, then, delay: int = SETTLE_MS) -> None:
        presentation = self._window.presentation

        def check():
            if presentation.index >= 0 and not presentation.is_animating and self._window.slideshow.state().cover == "none":
                QTimer.singleShot(delay, then)
            else:
                QTimer.singleShot(20, check)

        QTimer.singleShot(20, check)

    def _press(self) -> None:
        if not self._plan:
            self._report()
            return
        self._case, press = self._plan.pop(0)
        if self._case == "next after closing the overview":
            xdotool("o")
            QTimer.singleShot(600, lambda: (xdotool("o"), self._when_still(lambda: self._timed(press), 200)))
            return
        self._timed(press)

    def _timed(self, press: int) -> None:
        before, timed = _keys_for(self._case, press, self._window)
        self._armed, self._key_at = QT_KEYS[timed[0]], None
        self._timeout.start()
        xdotool(*before, *timed)

    def _painted(self) -> None:
        self._timeout.stop()
        self._results[self._case].append((time.monotonic() - self._key_at) * 1000.0)
        self._key_at = None
        self._when_still(self._press)

    def _lost_press(self) -> None:
        self._lost[self._case] += 1
        self._armed, self._key_at = None, None
        self._when_still(self._press)

    def _report(self) -> None:
        for widget in (self._window.stage.overlay, self._window.stage.view.viewport()):
            widget.removeEventFilter(self)
        QCoreApplication.instance().removeEventFilter(self)
        self._finish({"presses_ms": {case: [round(ms, 2) for ms in samples] for case, samples in self._results.items()},
                      "lost": self._lost, "queued_ms": self._queued})


def watch_latency(window: PlayerWindow, finish) -> None:
    """The `latency` probe: ZZKIOSK_BENCH_PRESSES presses of every case, then `finish(report)`."""
    probe = LatencyProbe(window, int(os.environ.get("ZZKIOSK_BENCH_PRESSES", "20")), finish)
    window._bench_latency = probe
    probe.start()
