"""Shared test set-up: Qt runs offscreen, pyqtgraph uses PySide6, and nothing a test
runs writes saved positions or logs into the real user's folders. The window fixtures
shared by several test modules live here too (their helpers stay in the *_support modules)."""

import os
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
