"""Shared test set-up: Qt runs offscreen, pyqtgraph uses PySide6, and nothing a test
runs writes saved positions or logs into the real user's folders."""

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
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)


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
