"""UDP text commands: one command a datagram, one reply datagram back to the sender."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QUdpSocket

from zzkiosk.control.commands import MAX_LINE_BYTES
from zzkiosk.control.lines import answer, too_long_reply
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.control.plain import ControlSettings
    from zzkiosk.control.dispatch import Dispatcher
    from zzkiosk.control.guard import Guard

BATCH = 64
"""Datagrams handled per turn of the event loop: a flood waits its turn behind the frames."""


def bind_udp(parent: QObject, listen: str, port: int, what: str) -> QUdpSocket:
    """A UDP socket bound to `listen`:`port`, or OSError saying which transport could not start."""
    socket = QUdpSocket(parent)
    if not socket.bind(QHostAddress(listen), port):
        message = socket.errorString()
        socket.deleteLater()
        raise OSError(f"{what} cannot listen on {listen}:{port}: {message}")
    return socket


class DatagramPort(QObject):
    """A bound UDP socket whose datagrams are read in batches (a flood waits behind the
    frames) and handed to `_one`, which each transport writes for its own format."""

    def __init__(self, settings: ControlSettings, guard: Guard, dispatcher: Dispatcher, parent: QObject,
                 port: int, what: str):
        super().__init__(parent)
        self._guard, self._dispatcher = guard, dispatcher
        self._token_required = settings.token_required
        self._socket = bind_udp(self, settings.listen, port, what)
        self._socket.readyRead.connect(self._read)

    @property
    def port(self) -> int:
        """The bound port."""
        return self._socket.localPort()

    @Slot()
    def _read(self) -> None:
        for _ in range(BATCH):
            if not self._socket.hasPendingDatagrams():
                return
            datagram = self._socket.receiveDatagram(MAX_LINE_BYTES + 1)
            self._one(datagram.data().data(), datagram.senderAddress(), datagram.senderPort())
        QTimer.singleShot(0, self._read)

    def _one(self, raw: bytes, sender: QHostAddress, port: int) -> None:
        raise NotImplementedError


class UdpText(DatagramPort):
    """Answers text commands sent as UDP datagrams; refused senders are dropped and logged."""

    def __init__(self, settings: ControlSettings, guard: Guard, dispatcher: Dispatcher, parent: QObject):
        super().__init__(settings, guard, dispatcher, parent, settings.udp, "UDP control")

    def _one(self, raw: bytes, sender: QHostAddress, port: int) -> None:
        address = sender.toString()
        if port <= 0 or sender.protocol() == QAbstractSocket.NetworkLayerProtocol.UnknownNetworkLayerProtocol:
            return
        if not self._guard.allowed(address):
            self._guard.log.warning("%s", tr("control: UDP from {peer} dropped: not in the allow list", peer=address))
            return
        if not self._guard.rate.allow(address):
            self._guard.log.warning("%s", tr("control: UDP from {peer} dropped: over the rate limit", peer=address))
            return
        if len(raw) > MAX_LINE_BYTES:
            reply = too_long_reply()
        else:
            reply = answer(raw, f"udp {address}:{port}", guard=self._guard, dispatcher=self._dispatcher,
                           authenticated=False, token_required=self._token_required)
        self._socket.writeDatagram((reply + "\r\n").encode(), sender, port)
