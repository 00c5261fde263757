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


# -- a real MQTT broker (Debian's mosquitto) for the fleet tests --------------------------

import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


class Broker:
    """A mosquitto process on a free loopback port, with its config file in a temporary folder."""

    def __init__(self, folder: Path):
        self.port = _free_port()
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


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
