"""Health: what staff ask of a kiosk that plays on but may be unwell.

Uptime, memory (RSS), the frame rate of the last transition, slides skipped because they
failed, and hot reloads accepted or refused with the last refusal's error lines. Every
figure is gathered from what the player already does (its transition overlay is shown
and painted, its skipped slides are logged, its hot reload says what it did): nothing
here reaches into the show's workings.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject

MAX_ERROR_LINES = 10
"""Lines of the last refused reload kept (each `file:line:col: message`)."""
SKIP_LOGGER = "zzkiosk.player.presentation"
"""The logger the player names a skipped slide on (`slide N (...) skipped: ...`)."""


def rss_mb() -> float | None:
    """Resident memory of this process in MB (Linux /proc), None elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 1e6, 1)


class TransitionRate(QObject):
    """Counts the frames a transition overlay paints between being shown and hidden."""

    def __init__(self, overlay: QObject, parent: QObject | None = None):
        super().__init__(parent)
        self._clock = QElapsedTimer()
        self._frames = 0
        self.last_fps: float | None = None
        """Frames a second of the last finished transition (None before the first)."""
        overlay.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Count paints while the overlay is up; compute the rate when it goes."""
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._frames = 0
            self._clock.start()
        elif kind == QEvent.Type.Paint and self._clock.isValid():
            self._frames += 1
        elif kind == QEvent.Type.Hide and self._clock.isValid():
            seconds = self._clock.elapsed() / 1000
            if seconds > 0.05 and self._frames > 1:  # a cut or an interrupted start says nothing of the rate
                self.last_fps = round(self._frames / seconds, 1)
            self._clock.invalidate()
        return False


class SkipCounter(logging.Handler):
    """Counts the player's `slide N (...) skipped` log lines."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        """Slides skipped since start."""

    def emit(self, record: logging.LogRecord) -> None:
        """Count one skipped slide."""
        if "skipped" in str(record.msg):
            self.count += 1


class Health:
    """The kiosk's health figures, gathered as things happen."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self.reloads_accepted = 0
        """Hot reloads that put a new deck on screen."""
        self.reloads_refused = 0
        """Hot reloads refused (the last good deck played on)."""
        self.last_reload_errors: list[str] = []
        """The last refusal's problems (at most MAX_ERROR_LINES), empty once a reload is accepted."""
        self.transitions: TransitionRate | None = None
        """The transition frame counter, once the stage is known."""
        self._skips = SkipCounter()
        logging.getLogger(SKIP_LOGGER).addHandler(self._skips)

    def close(self) -> None:
        """Stop counting skipped slides (the log handler is removed)."""
        logging.getLogger(SKIP_LOGGER).removeHandler(self._skips)

    def reload_accepted(self) -> None:
        """A hot reload went on screen."""
        self.reloads_accepted += 1
        self.last_reload_errors = []

    def reload_refused(self, problems: list[str]) -> None:
        """A hot reload was refused for `problems`."""
        self.reloads_refused += 1
        self.last_reload_errors = [str(problem) for problem in problems[:MAX_ERROR_LINES]]

    @property
    def last_reload_refused(self) -> bool:
        """True when the latest edit of the deck was refused and is not yet fixed."""
        return bool(self.last_reload_errors)

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data."""
        return {
            "uptime": round(time.monotonic() - self._started, 1),
            "rss_mb": rss_mb(),
            "transition_fps": self.transitions.last_fps if self.transitions is not None else None,
            "slides_skipped": self._skips.count,
            "reloads": {"accepted": self.reloads_accepted, "refused": self.reloads_refused},
            "last_reload_errors": list(self.last_reload_errors),
        }
