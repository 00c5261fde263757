"""The presenter view on a second screen, and never on the audience's: two real X screens under Xvfb.

Qt's offscreen platform has one screen, so the checks run in a child process on an Xvfb
with two screens (no Xinerama: Qt sees two), driven by tests/presenter_two_screens.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CHILD = HERE / "presenter_two_screens.py"
TOURS_DECK = str(HERE / "decks" / "tours")

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (apt-get install xvfb)")


def _free_display() -> int:
    for number in range(140, 240):  # bounded; high numbers to keep clear of desktop sessions
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    pytest.skip("no free X display number")


@pytest.fixture
def two_screens():
    """DISPLAY of an Xvfb with two 1920x1080 screens."""
    number = _free_display()
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-screen", "1", "1920x1080x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):  # bounded: up to 10 s for the socket
        if Path(f"/tmp/.X11-unix/X{number}").exists() or server.poll() is not None:
            break
        time.sleep(0.1)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_the_presenter_view_on_its_own_screen_and_never_on_the_audiences(two_screens, tmp_path):
    environment = {**os.environ, "DISPLAY": two_screens, "QT_QPA_PLATFORM": "xcb",
                   "PYTHONPATH": str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, str(CHILD), TOURS_DECK, str(tmp_path / "screen")],
                            env=environment, capture_output=True, text=True, timeout=180)
    checks = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    failed = [check for check in checks if not check["ok"]]
    assert result.returncode == 0 and not failed, f"{failed or checks}\n{result.stderr[-3000:]}"
    assert len(checks) == 11
    assert (tmp_path / "screen-0.png").stat().st_size > 0 and (tmp_path / "screen-1.png").stat().st_size > 0


GRAB = """
import json, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
colours = [screen.grabWindow(0).toImage().pixelColor(1800, 900).name() for screen in app.screens()]
print(json.dumps(colours))
"""


def test_zzkiosk_presenter_1_opens_the_view_on_screen_1_and_the_show_on_screen_0(two_screens, tmp_path):
    environment = {**os.environ, "DISPLAY": two_screens, "QT_QPA_PLATFORM": "xcb",
                   "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_RUNTIME_DIR": str(tmp_path),
                   "PYTHONPATH": str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    kiosk = subprocess.Popen([sys.executable, "-m", "zzkiosk", TOURS_DECK, "--presenter", "1", "--start", "review"],
                             env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        colours = None
        for _ in range(40):  # bounded: up to 20 s for both windows to be up and painted
            time.sleep(0.5)
            grabbed = subprocess.run([sys.executable, "-c", GRAB], env=environment, capture_output=True, text=True,
                                     timeout=60)
            colours = json.loads(grabbed.stdout) if grabbed.returncode == 0 else None
            if colours and colours[1] != "#000000" and colours[0] != "#000000":
                break
        # (1800, 900): the slide's red background on the audience screen, the view's dark room under the notes
        red, green = int(colours[0][1:3], 16), int(colours[0][3:5], 16)
        assert red > 60 and red > 2 * green, colours  # the theme's red, not black, not the presenter view
        assert colours[1] == "#141414", colours  # the presenter view's background (an empty screen is black)
    finally:
        kiosk.terminate()
        output = kiosk.communicate(timeout=30)[0]
    assert "presenter view on screen" in output
