"""Fixtures and helpers for the control port: a kiosk window with its port on loopback,
free loopback ports, and a socket exchange that lets Qt run while it waits."""

import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

MINI_DECK = Path(__file__).parent / "decks" / "mini"


def free_port() -> int:
    """A loopback port free for TCP and UDP now, with the next two free as well (OSC, HTTP)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + 2 < 65536 and all(_free(port + offset) for offset in range(3)):
            return port
    raise RuntimeError("no three free loopback ports in a row")


def _free(port: int) -> bool:
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        with socket.socket(socket.AF_INET, kind) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def exchange(qtbot, sock: socket.socket, data: bytes, *, lines: int = 1, timeout: int = 5000) -> list[str]:
    """Send `data` on a connected socket and wait (letting Qt run) for `lines` reply lines."""
    sock.setblocking(False)
    if data:
        sock.sendall(data) if sock.type == socket.SOCK_STREAM else sock.send(data)
    received = bytearray()

    def arrived() -> bool:
        try:
            chunk = sock.recv(1 << 20)
        except BlockingIOError:
            return False
        received.extend(chunk if chunk else b"\n" * lines)  # closed: stop waiting
        return received.count(b"\n") >= lines

    qtbot.waitUntil(arrived, timeout=timeout)
    return [line.rstrip("\r") for line in received.decode("utf-8").split("\n")[:lines]]


@dataclass
class ControlKiosk:
    """A real player window on the mini deck with its control port on loopback."""

    window: object
    show: object
    port: object
    base: int

    def settle(self, qtbot) -> None:
        """Wait until no transition or entrance runs."""
        qtbot.waitUntil(lambda: not self.window.presentation.is_animating, timeout=5000)


@pytest.fixture
def control_kiosk(qtbot, monkeypatch):
    """Make a ControlKiosk: `control_kiosk(udp=True, tcp=True, osc=False, http=False, **settings)`."""
    from zzkiosk.control import plain
    from zzkiosk.control.config import ControlSettings
    from zzkiosk.control.port import attach_control
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.player.window import PlayerWindow

    monkeypatch.setattr("zzkiosk.control.port.LATE_START_MS", 0)  # no first slide to wait for here
    made = []

    def make(*, udp=True, tcp=True, osc=False, http=False, **settings) -> ControlKiosk:
        base = free_port()
        window = PlayerWindow(load_deck(MINI_DECK))
        qtbot.addWidget(window)
        window.resize(640, 360)
        window.show()
        window.presentation.start(0)
        validated = ControlSettings(udp=base if udp else None, tcp=base if tcp else None,
                                    osc=base + 1 if osc else None, http=base + 2 if http else None, **settings)
        chosen = plain.ControlSettings.of(validated)  # what the play command gives the port
        port = attach_control(window.slideshow, chosen, window)
        kiosk = ControlKiosk(window, window.slideshow, port, base)
        qtbot.waitUntil(lambda: port.started, timeout=10000)  # HTTP and discovery start after the first slide
        if http:  # aiohttp starts on its own thread
            qtbot.waitUntil(port.transports["http"].ready.is_set, timeout=20000)
            assert port.transports["http"].failure is None
        kiosk.settle(qtbot)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.port.close()
