"""Fixtures: player windows (preview, kiosk, live with hot reload), Xvfb servers, a style."""

import os
import shutil
import subprocess

import pytest


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
