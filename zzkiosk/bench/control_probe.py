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


def watch_control(window: PlayerWindow, when_still, finish, settle_ms: int) -> None:
    """Send `next` to this kiosk's UDP control port ZZKIOSK_BENCH_CHANGES times and report the
    milliseconds from the command's arrival (and from sending it) to the transition's first frame,
    and how long the command itself took to run (the show's `next`, which starts the change)."""
    from zzkiosk.control.port import ControlPort

    wanted = int(os.environ.get("ZZKIOSK_BENCH_CHANGES", "200"))
    port = next(child for child in window.children() if isinstance(child, ControlPort))
    target = ("127.0.0.1", port.transports["udp"].port)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender.setblocking(False)
    frame = _FirstFrame(window.stage.overlay)
    mark: dict = {}
    received_ms: list[float] = []
    sent_ms: list[float] = []
    handled_ms: list[float] = []
    handle = port.dispatcher.handle

    def timed_handle(line: str, peer: str) -> str:
        if "sent" not in mark or "received" in mark:
            return handle(line, peer)
        mark["received"] = time.perf_counter()
        frame.arm()
        reply = handle(line, peer)
        mark["handled"] = time.perf_counter()
        return reply

    port.dispatcher.handle = timed_handle

    def send() -> None:
        _drain(sender)
        mark.clear()
        mark["sent"] = time.perf_counter()
        sender.sendto(b"next", target)
        QTimer.singleShot(5, collect)

    def collect() -> None:
        if frame.painted_at is None or "received" not in mark:
            QTimer.singleShot(5, collect)
            return
        received_ms.append((frame.painted_at - mark["received"]) * 1000)
        sent_ms.append((frame.painted_at - mark["sent"]) * 1000)
        handled_ms.append((mark["handled"] - mark["received"]) * 1000)
        if len(received_ms) >= wanted:
            sender.close()
            finish({"received_to_frame_ms": received_ms, "sent_to_frame_ms": sent_ms, "handled_ms": handled_ms})
        else:
            when_still(window, lambda: QTimer.singleShot(settle_ms, send))

    when_still(window, lambda: QTimer.singleShot(settle_ms, send))


def _drain(sock: socket.socket) -> None:
    """Throw away the kiosk's replies to earlier commands."""
    while True:
        try:
            sock.recv(4096)
        except BlockingIOError:
            return
