"""TCP text commands: a connection stays open for many commands, one reply line each."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtNetwork import QHostAddress, QTcpServer, QTcpSocket

from zzkiosk.control.commands import CommandError, error_reply
from zzkiosk.control.lines import LineBuffer, answer, too_long_reply
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.control.plain import ControlSettings
    from zzkiosk.control.dispatch import Dispatcher
    from zzkiosk.control.guard import Guard

HALF_LINE_TIMEOUT = 10.0
"""Seconds a line may take to arrive in full; a slower client (slowloris) is cut off."""
READ_CHUNK = 4096
"""Bytes read from one client per turn of the event loop."""
MAX_UNSENT = 64 * 1024
"""Replies a client has not read, in bytes, before it is cut off (it is not listening)."""
CLOSE_GRACE_MS = 5000
"""How long a closing connection may take to send its last reply."""
SWEEP_MS = 1000
"""How often idle and half-line clients are looked for."""


@dataclass
class _Client:
    """One connected controller."""

    peer: str
    address: str
    lines: LineBuffer = field(default_factory=LineBuffer)
    authenticated: bool = False
    last_seen: float = field(default_factory=time.monotonic)
    partial_since: float | None = None


class TcpText(QObject):
    """Accepts up to `max_clients` controllers and answers their command lines."""

    def __init__(self, settings: ControlSettings, guard: Guard, dispatcher: Dispatcher, parent: QObject):
        super().__init__(parent)
        self._guard, self._dispatcher, self._settings = guard, dispatcher, settings
        self._clients: dict[QTcpSocket, _Client] = {}
        self._server = QTcpServer(self)
        self._server.setMaxPendingConnections(settings.max_clients)
        if not self._server.listen(QHostAddress(settings.listen), settings.tcp):
            raise OSError(f"TCP control cannot listen on {settings.listen}:{settings.tcp}: {self._server.errorString()}")
        self._server.newConnection.connect(self._accept)
        self._sweeper = QTimer(self, interval=SWEEP_MS, timerType=Qt.TimerType.VeryCoarseTimer)
        self._sweeper.timeout.connect(self._sweep)
        self._sweeper.start()

    @property
    def port(self) -> int:
        """The listening port."""
        return self._server.serverPort()

    @property
    def client_count(self) -> int:
        """Controllers connected now."""
        return len(self._clients)

    @Slot()
    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            address = socket.peerAddress().toString()
            if not self._guard.allowed(address):
                self._guard.log.warning("%s", tr("control: TCP from {peer} refused: not in the allow list", peer=address))
                self._refuse(socket, CommandError("forbidden", "this address is not allowed to control the kiosk"))
            elif len(self._clients) >= self._settings.max_clients:
                self._guard.log.warning("%s", tr("control: TCP from {peer} refused: {count} clients already",
                                                 peer=address, count=len(self._clients)))
                self._refuse(socket, CommandError("busy", "too many controllers connected; try again later"))
            else:
                self._clients[socket] = _Client(f"tcp {address}:{socket.peerPort()}", address)
                socket.readyRead.connect(self._read)
                socket.disconnected.connect(self._gone)

    def _refuse(self, socket: QTcpSocket, error: CommandError) -> None:
        socket.write((error_reply(error) + "\r\n").encode())
        self._close(socket)

    @Slot()
    def _read(self) -> None:
        self._drain(self.sender())

    def _drain(self, socket: QTcpSocket) -> None:
        client = self._clients.get(socket)
        if client is None:
            return
        client.last_seen = time.monotonic()
        for line in client.lines.feed(socket.read(READ_CHUNK).data()):
            self._reply(socket, client, line)
            if socket not in self._clients:
                return
        client.partial_since = (client.partial_since or client.last_seen) if client.lines.holds_partial_line else None
        if socket.bytesAvailable():
            QTimer.singleShot(0, self, lambda: self._drain(socket))

    def _reply(self, socket: QTcpSocket, client: _Client, line: bytes | object) -> None:
        if line is LineBuffer.TOO_LONG:
            reply = too_long_reply()
        elif not self._guard.rate.allow(client.address):
            reply = error_reply(CommandError("busy", "too many commands a second; slow down"))
        elif _is_auth(line):
            reply = self._authenticate(client, line)
        else:
            reply = answer(line, client.peer, guard=self._guard, dispatcher=self._dispatcher,
                           authenticated=client.authenticated, token_required=self._settings.token_required)
        socket.write((reply + "\r\n").encode())
        if socket.bytesToWrite() > MAX_UNSENT:
            self._guard.log.warning("%s", tr("control: {peer} cut off: it does not read its replies", peer=client.peer))
            self._close(socket, at_once=True)

    def _authenticate(self, client: _Client, line: bytes) -> str:
        """The reply to `auth TOKEN`; a correct token authenticates the connection."""
        given = line.strip()[4:].strip().decode("utf-8", "replace")
        if not self._guard.token_matches(given):
            self._guard.log.warning("%s", tr("control: {peer} sent a wrong token", peer=client.peer))
            return error_reply(CommandError("unauthorized", "wrong token"))
        client.authenticated = True
        return self._dispatcher.handle("ping", client.peer)

    @Slot()
    def _sweep(self) -> None:
        now = time.monotonic()
        for socket, client in list(self._clients.items()):
            if client.partial_since is not None and now - client.partial_since > HALF_LINE_TIMEOUT:
                self._timeout(socket, client, "a line took too long to arrive")
            elif now - client.last_seen > self._settings.idle_timeout:
                self._timeout(socket, client, "no command for too long")

    def _timeout(self, socket: QTcpSocket, client: _Client, why: str) -> None:
        self._guard.log.warning("%s", tr("control: {peer} cut off: {why}", peer=client.peer, why=why))
        socket.write((error_reply(CommandError("timeout", why)) + "\r\n").encode())
        self._close(socket)

    def _close(self, socket: QTcpSocket, *, at_once: bool = False) -> None:
        """Forget `socket` and close it: after its last reply is sent, or `at_once`."""
        self._clients.pop(socket, None)
        if at_once:
            socket.abort()
        else:
            socket.disconnectFromHost()
        if socket.state() == QTcpSocket.SocketState.UnconnectedState:
            socket.deleteLater()
            return
        socket.disconnected.connect(socket.deleteLater)
        QTimer.singleShot(CLOSE_GRACE_MS, socket, socket.deleteLater)  # a peer that never reads its last reply

    @Slot()
    def _gone(self) -> None:
        socket = self.sender()
        if self._clients.pop(socket, None) is not None:
            socket.deleteLater()

    def close(self) -> None:
        """Stop listening and disconnect every client."""
        self._server.close()
        for socket in list(self._clients):
            self._close(socket, at_once=True)


def _is_auth(line: bytes) -> bool:
    return line.strip()[:5].lower() == b"auth " or line.strip().lower() == b"auth"
