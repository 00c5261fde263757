"""Shared test set-up: Qt runs offscreen, pyqtgraph uses PySide6, and nothing a test
runs writes saved positions or logs into the real user's folders."""

import os
import tempfile

from zzkiosk.qt_environment import prepare_qt_environment

prepare_qt_environment(offscreen=True)
_HOME = tempfile.mkdtemp(prefix="zzkiosk-test-home-")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ["XDG_RUNTIME_DIR"] = os.path.join(_HOME, "runtime")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")  # the per-machine config.yaml
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)


import socket  # noqa: E402  (the environment above must be set before anything imports Qt)
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

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
        chosen = ControlSettings(udp=base if udp else None, tcp=base if tcp else None,
                                 osc=base + 1 if osc else None, http=base + 2 if http else None, **settings)
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


TOURS_DECK = os.path.join(os.path.dirname(__file__), "decks", "tours")
"""Seven slides in three sections (intro 0-1, review 2-3, plans 4-6), two tours (vip, standard)."""


@pytest.fixture
def guide_kiosk(qtbot):
    """A factory: guide_kiosk(deck_folder=TOURS_DECK) -> (PlayerWindow, GuideConsole), the window
    shown as a 1280x720 preview and started at the first slide, the console over its show."""
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.player.window import PlayerWindow
    from zzkiosk.presenter.attach import attach_console

    def make(deck_folder=TOURS_DECK):
        window = PlayerWindow(load_deck(deck_folder))
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        console = attach_console(window)
        window.presentation.start(0)
        qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)
        return window, console

    return make


GUIDE_TOKEN = "guide-test-token-1"
"""The token of the guide_server fixture's control port."""


@pytest.fixture
def guide_server(qtbot, guide_kiosk):
    """(PlayerWindow, GuideConsole, base URL): the tours deck playing, its HTTP control port on a free
    loopback port with GUIDE_TOKEN, the guide's page served there."""
    from zzkiosk.control.config import ControlSettings
    from zzkiosk.control.port import attach_control
    from zzkiosk.presenter.attach import attach_guide_page

    window, console = guide_kiosk()
    port = attach_control(console.show, ControlSettings(http=free_port(), token=GUIDE_TOKEN), window)
    assert attach_guide_page(port, console)
    qtbot.waitUntil(lambda: port.started and port.transports["http"].ready.is_set(), timeout=15000)  # HTTP starts late
    yield window, console, f"http://127.0.0.1:{port.transports['http'].port}"
    port.close()
