"""Fixtures for the guide's console: the tours deck in a window with its console, and
the guide's page served by a control port."""

import os

import pytest

from fixtures_control import free_port

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
    from zzkiosk.control import plain
    from zzkiosk.control.config import ControlSettings
    from zzkiosk.control.port import attach_control
    from zzkiosk.presenter.attach import attach_guide_page

    window, console = guide_kiosk()
    settings = plain.ControlSettings.of(ControlSettings(http=free_port(), token=GUIDE_TOKEN))  # as the kiosk gets them
    port = attach_control(console.show, settings, window)
    assert attach_guide_page(port, console)
    qtbot.waitUntil(lambda: port.started and port.transports["http"].ready.is_set(), timeout=15000)  # HTTP starts late
    yield window, console, f"http://127.0.0.1:{port.transports['http'].port}"
    port.close()
