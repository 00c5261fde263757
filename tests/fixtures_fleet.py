"""Fixtures for the fleet: a real MQTT broker (Debian's mosquitto), kiosk processes
reporting to it, and the staff's view of the broker."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from fixtures_control import MINI_DECK, free_port


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


GIT = ("git", "-c", "user.name=zzkiosk tests", "-c", "user.email=tests@zzkiosk.invalid", "-c", "init.defaultBranch=main")
"""git with an identity and a branch name of its own, whatever the machine's git configuration says."""


def git(folder: Path, *args: str) -> str:
    """Run git in `folder`; its output, stripped."""
    return subprocess.run([*GIT, "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout.strip()


def committed_mini_deck(folder: Path) -> Path:
    """The mini deck copied to `folder`, made a git repository with one commit."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    shutil.copytree(MINI_DECK, folder)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "the mini deck")
    return folder

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
