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
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)


import pytest  # noqa: E402

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
