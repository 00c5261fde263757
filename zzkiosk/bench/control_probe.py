"""The `control` probe, inside a kiosk started with --control: `next` by UDP to the first frame."""

from __future__ import annotations

import os
import socket
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from zzkiosk.player.window import PlayerWindow


class _FirstFrame(QObject):
    """Notes when the transition overlay's first paint after `arm()` has been done."""

    def __init__(self, widget):
        super().__init__(widget)
        self.painted_at: float | None = None
        self._armed = False
        widget.installEventFilter(self)

    def arm(self) -> None:
        """Wait for the next paint."""
        self.painted_at, self._armed = None, True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """On the first paint once armed: note the time once the paint is done."""
        if self._armed and event.type() == QEvent.Type.Paint:
            self._armed = False
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        self.painted_at = time.perf_counter()


class _ControlProbe:
    """Sends `next` when the show stands still, and notes arrival, run and first frame."""

    def __init__(self, window: PlayerWindow, when_still, finish, settle_ms: int, wanted: int):
        from zzkiosk.control.port import ControlPort

        self._window, self._when_still, self._finish = window, when_still, finish
        self._settle_ms, self._wanted = settle_ms, wanted
        port = next(child for child in window.children() if isinstance(child, ControlPort))
        self._target = ("127.0.0.1", port.transports["udp"].port)
        self._sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sender.setblocking(False)
        self._frame = _FirstFrame(window.stage.overlay)
        self._mark: dict[str, float] = {}
        self._figures: dict[str, list[float]] = {"received_to_frame_ms": [], "sent_to_frame_ms": [], "handled_ms": []}
        self._handle = port.dispatcher.handle
        port.dispatcher.handle = self._timed_handle

    def start(self) -> None:
        """Send the first command once the show stands still."""
        self._when_still(self._window, lambda: QTimer.singleShot(self._settle_ms, self._send))

    def _timed_handle(self, line: str, peer: str) -> str:
        if "sent" not in self._mark or "received" in self._mark:
            return self._handle(line, peer)
        self._mark["received"] = time.perf_counter()
        self._frame.arm()
        reply = self._handle(line, peer)
        self._mark["handled"] = time.perf_counter()
        return reply

    def _send(self) -> None:
        _drain(self._sender)
        self._mark = {"sent": time.perf_counter()}
        self._sender.sendto(b"next", self._target)
        QTimer.singleShot(5, self._collect)

    def _collect(self) -> None:
        painted, mark = self._frame.painted_at, self._mark
        if painted is None or "handled" not in mark:
            QTimer.singleShot(5, self._collect)
            return
        self._figures["received_to_frame_ms"].append((painted - mark["received"]) * 1000)
        self._figures["sent_to_frame_ms"].append((painted - mark["sent"]) * 1000)
        self._figures["handled_ms"].append((mark["handled"] - mark["received"]) * 1000)
        if len(self._figures["handled_ms"]) >= self._wanted:
            self._sender.close()
            self._finish(self._figures)
        else:
            self.start()


def watch_control(window: PlayerWindow, when_still, finish, settle_ms: int) -> None:
    """Send `next` to this kiosk's UDP control port ZZKIOSK_BENCH_CHANGES times and report the
    milliseconds from the command's arrival (and from sending it) to the transition's first frame,
    and how long the command itself took to run (the show's `next`, which starts the change)."""
    probe = _ControlProbe(window, when_still, finish, settle_ms, int(os.environ.get("ZZKIOSK_BENCH_CHANGES", "200")))
    window._bench_control_probe = probe  # kept alive with the window
    probe.start()


def _drain(sock: socket.socket) -> None:
    """Throw away the kiosk's replies to earlier commands."""
    while True:
        try:
            sock.recv(4096)
        except BlockingIOError:
            return
