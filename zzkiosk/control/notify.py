"""Status pushed out: one line to each `notify` address (and an OSC message to each
`notify_osc` one) whenever what the show is doing changes, so a 中控 panel shows what plays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QHostAddress, QUdpSocket

from zzkiosk.control.plain import parse_host_port

if TYPE_CHECKING:
    from zzkiosk.show.state import ShowState


class Notifier(QObject):
    """Sends each status to the configured addresses over UDP (fire and forget)."""

    def __init__(self, text_targets: list[str], osc_targets: list[str], parent: QObject):
        super().__init__(parent)
        self._socket = QUdpSocket(self)
        self._text = [_address(target) for target in text_targets]
        self._osc = [_address(target) for target in osc_targets]

    def push(self, status_line: str, state: ShowState) -> None:
        """Send `status_line` (one line of JSON) as text, and `state` as OSC, to every target."""
        data = (status_line + "\r\n").encode()
        for host, port in self._text:
            self._socket.writeDatagram(data, host, port)
        if self._osc:
            from zzkiosk.control.osc import status_message

            message = status_message(state)
            for host, port in self._osc:
                self._socket.writeDatagram(message, host, port)


def _address(target: str) -> tuple[QHostAddress, int]:
    host, port = parse_host_port(target, default_port=None)
    return QHostAddress(host), port

