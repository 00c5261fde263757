"""A clean stop on SIGTERM and SIGINT: the kiosk quits the way the staff chord quits it.

`systemctl stop`, `kill` and Ctrl+C in a terminal send these. Without a handler Python
dies on SIGTERM at once: the position is not saved, the fleet's broker reports the kiosk
`offline` only through its last will, and the service manager sees a kill. With
`StopSignals`, the signal runs the same quit as Ctrl+Shift+Q: the window closes, the
application's quit handlers run (the fleet says `offline` itself, the control port and
the guide's page close), the position and the deck cache are written, and the process
exits 0.

Qt's event loop runs in C++, and Python runs a signal handler only when it next runs
Python code, which in an idle kiosk may be minutes later. `signal.set_wakeup_fd` makes
the interpreter write the signal's number to a socket the moment it arrives, and a
QSocketNotifier on the other end wakes the event loop. This costs nothing while nothing
happens; a timer polling for signals (the other usual trick) would wake an idle kiosk
several times a second for ever, and would still answer only at its next tick.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, Slot

from zzkiosk.i18n import tr

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
"""The signals that stop the kiosk cleanly: systemd's stop and `kill` send SIGTERM, Ctrl+C SIGINT."""
STOP_BOUND_S = 10.0
"""A stop that has not ended the process after this many seconds ends it at once (exit 1):
systemd's own limit is 90 s, and a hall's IT expects a stop to be quick."""
EXIT_STOP_TIMED_OUT = 1
"""The exit code when the clean stop did not finish within STOP_BOUND_S."""


class StopSignals(QObject):
    """Runs `stop` (on the Qt thread) when SIGTERM or SIGINT arrives.

    `bind()` takes the signals over (main thread only, as Python requires); `unbind()`
    gives them back. After the first signal a watchdog ends the process if the stop
    takes longer than `bound_s` seconds.
    """

    def __init__(self, stop: Callable[[], None], parent: QObject | None = None, *, bound_s: float = STOP_BOUND_S):
        super().__init__(parent)
        self._stop = stop
        self._bound_s = bound_s
        self._stopping = False
        self._previous: dict[int, object] = {}
        self._previous_fd = -1
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None
        self._watchdog: threading.Timer | None = None

    def bind(self) -> None:
        """Take SIGTERM and SIGINT over and wake the event loop when one arrives."""
        if self._sockets is not None:
            return
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        self._sockets = reader, writer
        self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        for number in STOP_SIGNALS:
            # The Python handler only has to exist: the signal's number arrives on the socket.
            self._previous[number] = signal.signal(number, _noted)

    def unbind(self) -> None:
        """Give the signals back to what handled them before (and call off a watchdog)."""
        if self._watchdog is not None:
            self._watchdog.cancel()
        if self._sockets is None:
            return
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        for end in self._sockets:
            end.close()
        self._sockets, self._notifier, self._previous = None, None, {}

    @Slot()
    def _woken(self) -> None:
        try:
            numbers = self._sockets[0].recv(64)
        except (BlockingIOError, OSError):
            return
        names = [signal.Signals(number).name for number in numbers if number in STOP_SIGNALS]
        if not names or self._stopping:
            return
        self._stopping = True
        log.info("%s", tr("{signal}: stopping as the staff chord does (within {seconds:g} s)",
                          signal=names[0], seconds=self._bound_s))
        self._watchdog = _start_watchdog(self._bound_s)
        self._stop()


def _noted(number: int, frame: object) -> None:
    """The Python side of a stop signal: nothing to do, the wakeup socket carries it."""


def _start_watchdog(seconds: float) -> threading.Timer:
    """End the process after `seconds` unless it has ended by then (a daemon thread dies with it)."""

    def give_up() -> None:
        log.error("%s", tr("the stop did not finish within {seconds:g} s: exiting now", seconds=seconds))
        logging.shutdown()
        os._exit(EXIT_STOP_TIMED_OUT)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    return timer


def stop_on_signals(stop: Callable[[], None], parent: QObject | None = None) -> StopSignals:
    """Run `stop` on SIGTERM and SIGINT from now on (see StopSignals)."""
    stopper = StopSignals(stop, parent)
    stopper.bind()
    return stopper
