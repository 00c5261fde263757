"""run_player: load a deck and play it in a window until the application quits."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.window import PlayerWindow

log = logging.getLogger(__name__)


def run_player(deck_path: Path, *, windowed: bool = False, screen: str | None = None,
               start: str | None = None, autoplay: bool = True) -> int:
    """Play the deck in folder `deck_path`; return the process exit code.

    Fullscreen and frameless on `screen` (a number, 0 first, or a name; default the
    deck's `kiosk.screen`, else the primary screen) unless `windowed`. `start` is
    SECTION[/SLIDE] by id or 1-based number. Returns 1 when the deck cannot be played
    (every problem printed to stderr), 2 when `start` names no slide.
    """
    deck = _load(deck_path)
    if deck is None:
        return 1
    first = _start_index(deck, start)
    if first is None:
        return 2
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("zzkiosk")
    _register_fonts(deck)
    window = _open_window(deck, windowed, _pick_screen(screen if screen is not None else deck.kiosk.screen))
    if autoplay and deck.kiosk.autoplay:
        from zzkiosk.player.controllers.autoplay import AutoplayController

        window.add_controller(AutoplayController(window.presentation))
    from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard

    attach_hot_reload_and_crash_guard(window, deck.file, preview=windowed)
    window.presentation.start(first)
    if os.environ.get("ZZKIOSK_BENCH_PROBE"):  # zzkiosk bench measures this process
        from zzkiosk.bench.probe import attach
        attach(window)
    return app.exec()


def _load(deck_path: Path) -> Deck | None:
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck

    try:
        deck = load_deck(deck_path)
    except DeckError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None
    for problem in deck.warnings:
        log.warning("%s", problem)
    return deck


def _start_index(deck: Deck, start: str | None) -> int | None:
    from zzkiosk.player.positions import resolve_start

    try:
        return resolve_start(deck, start)
    except ValueError as error:
        print(f"--start {start}: {error}", file=sys.stderr)
        return None


def _register_fonts(deck: Deck) -> None:
    """Load the theme's font files (beside the theme, else shipped in resources/fonts)."""
    from zzkiosk.fonts import resource_path
    from zzkiosk.render.fonts import FontError, register_fonts

    files = []
    for name in deck.theme.fonts.files:
        local = deck.theme_folder / name
        files.append(local if local.is_file() else resource_path("fonts", name))
    try:
        register_fonts(files)
    except FontError as error:
        log.error("%s; text falls back to the system fonts", error)


def _pick_screen(wanted: int | str | None) -> QScreen:
    """The screen by number (0 first) or name; the primary screen when absent or unknown."""
    screens = QGuiApplication.screens()
    text = "" if wanted is None else str(wanted).strip()
    if text.isdigit() and int(text) < len(screens):
        return screens[int(text)]
    for screen in screens:
        if text and screen.name() == text:
            return screen
    if text:
        names = ", ".join(f"{number} ({screen.name()})" for number, screen in enumerate(screens))
        log.warning("no screen '%s' (screens: %s); playing on the primary screen", text, names)
    return QGuiApplication.primaryScreen()


def _open_window(deck: Deck, windowed: bool, screen: QScreen) -> PlayerWindow:
    from zzkiosk.player.window import PlayerWindow

    window = PlayerWindow(deck)
    if windowed:
        window.show_windowed()
    else:
        window.show_fullscreen(screen)
    return window
