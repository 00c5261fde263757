"""Shared test set-up: Qt runs offscreen, pyqtgraph uses PySide6, and nothing a test
runs writes saved positions or logs into the real user's folders. The window fixtures
shared by several test modules live here too (their helpers stay in the *_support modules)."""

import os
import shutil
import subprocess
import tempfile

import pytest

from zzkiosk.qt_environment import prepare_qt_environment

prepare_qt_environment(offscreen=True)
_HOME = tempfile.mkdtemp(prefix="zzkiosk-test-home-")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ["XDG_RUNTIME_DIR"] = os.path.join(_HOME, "runtime")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")  # the per-machine config.yaml
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
# Tests assert English messages unless they choose a language themselves
# (tests/test_translations.py): a developer's Chinese locale must not fail them.
os.environ["ZZKIOSK_LANG"] = "en"


@pytest.fixture
def style(qapp, tmp_path):
    """The default theme's Style on a 1920x1080 canvas, its fonts loaded."""
    from zzkiosk.deck.theme import Theme
    from zzkiosk.render.style import Style, ensure_theme_fonts

    theme = Theme()
    ensure_theme_fonts(theme, tmp_path)
    return Style(theme, (1920, 1080), tmp_path, tmp_path)


@pytest.fixture
def xvfb():
    """Start a virtual X server (Xvfb, 1280x720) and return its DISPLAY, e.g. ":93".

    `xvfb()` may be called more than once for more servers; each is stopped after the test.
    Skips the test when Xvfb is not installed (.ci/run installs it)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb xdotool)")
    servers = []

    def start() -> str:
        read, write = os.pipe()
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                                  pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        servers.append(server)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # Xvfb writes the display number once it accepts clients
        if not number:
            pytest.fail("Xvfb did not start")
        return f":{number}"

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def kiosk_window(qtbot):
    """A factory: kiosk_window(deck=None, kiosk=False, **kiosk_settings) -> a shown, started PlayerWindow.

    With `kiosk`, it is shown fullscreen on the primary screen (kiosk mode); else as the preview.
    """
    from PySide6.QtWidgets import QApplication
    from test_navigation_support import MINI, with_kiosk

    from zzkiosk.deck.loader import load_deck
    from zzkiosk.player.window import PlayerWindow

    made = []

    def make(deck=None, kiosk=False, start=0, **settings):
        deck = with_kiosk(deck or load_deck(MINI), **settings) if settings else (deck or load_deck(MINI))
        window = PlayerWindow(deck)
        qtbot.addWidget(window)
        made.append(window)
        if kiosk:
            window.show_fullscreen(QApplication.primaryScreen())
        else:
            window.resize(1280, 720)
            window.show()
        qtbot.waitExposed(window)
        window.presentation.start(start)
        return window

    yield make
    for window in made:  # a kiosk window ignores qtbot's close(): let it go, or it covers the next test
        if window.isVisible():
            window.quit_kiosk()


@pytest.fixture
def player(qtbot):
    """A factory: player(width, height, **kiosk) -> a shown PlayerWindow on the mini deck, started."""
    from test_player_support import mini_deck

    from zzkiosk.player.window import PlayerWindow

    def make(width=1280, height=720, **kiosk):
        window = PlayerWindow(mini_deck(**kiosk))
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        window.presentation.start()
        return window

    return make


@pytest.fixture
def live(qtbot, tmp_path):
    """A shown player on the live deck in `tmp_path` with hot reload attached (preview mode),
    at slide `index`: live(index=0) -> (window, reload)."""
    from test_reload_support import write_live_deck

    from zzkiosk.deck.loader import load_deck
    from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard
    from zzkiosk.player.window import PlayerWindow

    def make(index=0, preview=True):
        write_live_deck(tmp_path)
        window = PlayerWindow(load_deck(tmp_path))
        qtbot.addWidget(window)
        window.resize(960, 540)
        window.show()
        qtbot.waitExposed(window)
        reload = attach_hot_reload_and_crash_guard(window, tmp_path, preview=preview)
        window.presentation.start(index)
        qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)
        return window, reload

    return make


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


# -- a real MQTT broker (Debian's mosquitto) for the fleet tests --------------------------

import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402


class Broker:
    """A mosquitto process on a free loopback port, with its config file in a temporary folder."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.url = f"mqtt://127.0.0.1:{self.port}"
        self._config = folder / "mosquitto.conf"
        self._config.write_text(f"listener {self.port} 127.0.0.1\nallow_anonymous true\n"
                                "persistence false\nlog_dest stderr\nlog_type error\n", encoding="utf-8")
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start mosquitto and wait until it accepts connections (10 s at most)."""
        executable = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        self._process = subprocess.Popen([executable, "-c", str(self._config)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"mosquitto ended: {self._process.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"mosquitto did not listen on port {self.port} within 10 s")

    def stop(self) -> None:
        """Stop mosquitto (retained messages go with it: persistence is off)."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)
        self._process = None


@pytest.fixture
def mqtt_broker(tmp_path: Path):
    """A running mosquitto on 127.0.0.1 (`.url`, `.port`, `.stop()`, `.start()` again on the same port).
    Fails, never skips, when mosquitto is not installed: .ci/run installs it."""
    if shutil.which("mosquitto") is None and not Path("/usr/sbin/mosquitto").exists():
        pytest.fail("mosquitto is not installed: apt-get install mosquitto (.ci/run does)")
    broker = Broker(tmp_path)
    broker.start()
    yield broker
    broker.stop()


class KioskProcess:
    """A real kiosk process (offscreen, kiosk mode) reporting to a broker, with its own home folders."""

    def __init__(self, home: Path, name: str, process: subprocess.Popen):
        self.home, self.name, self.process = home, name, process

    @property
    def log(self) -> str:
        """What the kiosk wrote to standard error so far."""
        return (self.home / "stderr.txt").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """End the process (SIGTERM, then SIGKILL after 10 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def start_kiosk(tmp_path: Path):
    """Start a KioskProcess: `start_kiosk(url, name, groups=(), deck=MINI_DECK, extra=())`; all ended after the test."""
    import sys

    started: list[KioskProcess] = []

    def start(url: str, name: str, groups: tuple[str, ...] = (), deck: Path = MINI_DECK,
              extra: tuple[str, ...] = ()) -> KioskProcess:
        home = tmp_path / f"kiosk-{name}"
        (home / "config" / "zzkiosk").mkdir(parents=True)
        (home / "runtime").mkdir(mode=0o700)
        if groups:
            (home / "config" / "zzkiosk" / "config.yaml").write_text(
                f"mqtt:\n  url: mqtt://127.0.0.1:1\n  groups: [{', '.join(groups)}]\n", encoding="utf-8")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parent.parent),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
               "XDG_CACHE_HOME": str(home / "cache"), "XDG_RUNTIME_DIR": str(home / "runtime")}
        with open(home / "stderr.txt", "wb") as errors:
            process = subprocess.Popen([sys.executable, "-m", "zzkiosk", str(deck), "--mqtt", url, "--name", name,
                                        *extra], env=env, stdout=subprocess.DEVNULL, stderr=errors)
        kiosk = KioskProcess(home, name, process)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.stop()


FLEET_START_S = 60
"""Bound on a kiosk process coming online (start-up on a busy 2-core machine)."""
FLEET_ANSWER_S = 15
"""Bound on an answer from a running kiosk."""


class Staff:
    """The staff's view of the broker (a FleetClient) with the questions the fleet tests ask."""

    def __init__(self, url: str, name: str = "staff"):
        from zzkiosk.fleet.settings import MqttSettings
        from zzkiosk.fleet.staff import FleetClient

        self.client = FleetClient(MqttSettings(url=url, name=name, homeassistant=False))
        """The client itself (send, replies, picture, kiosks)."""
        self.client.connect()

    def wait(self, condition, timeout: float = FLEET_ANSWER_S) -> bool:
        """Poll `condition()` until true or `timeout` s passed; its last answer."""
        from zzkiosk.fleet.staff import wait_for

        return wait_for(condition, timeout)

    def online(self, *names: str) -> bool:
        """True when every kiosk of `names` said online and published a status."""
        known = {kiosk.name: kiosk for kiosk in self.client.kiosks()}
        return all(name in known and known[name].availability == "online" and known[name].status for name in names)

    def wait_online(self, *names: str) -> bool:
        """Wait (FLEET_START_S at most) until every kiosk of `names` is online."""
        return self.wait(lambda: self.online(*names), FLEET_START_S)

    def kiosk(self, name: str):
        """The Kiosk record of `name`."""
        return next(kiosk for kiosk in self.client.kiosks() if kiosk.name == name)

    def status(self, name: str) -> dict:
        """The last status of kiosk `name`."""
        return self.kiosk(name).status

    def slide_number(self, name: str) -> int | None:
        """The slide number kiosk `name` last reported."""
        return (self.status(name).get("current") or {}).get("number")

    def ask(self, line: str, **target) -> dict[str, str]:
        """Send `line` (kiosk=, group= or all) and wait for every online kiosk it reaches; {kiosk: reply}."""
        request = self.client.send(line, **target)
        expected = self.client.expected(target.get("kiosk"), target.get("group"))
        assert self.wait(lambda: {r["kiosk"] for r in self.client.replies(request)} >= expected), \
            self.client.replies(request)
        return {reply["kiosk"]: reply["reply"] for reply in self.client.replies(request)}

    def reconnect(self) -> None:
        """A new connection (what a tool started now would see: the retained messages)."""
        from zzkiosk.fleet.staff import FleetClient

        self.client.close()
        self.client = FleetClient(self.client.settings)
        self.client.connect()

    def close(self) -> None:
        """Disconnect."""
        self.client.close()


@pytest.fixture
def staff(mqtt_broker):
    """A Staff view connected to `mqtt_broker` (closed after the test)."""
    view = Staff(mqtt_broker.url)
    yield view
    view.close()


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
