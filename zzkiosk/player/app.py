"""run_player: load a deck and play it in a window until the application quits."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# The deck loader (pydantic, yaml) comes before Qt on purpose: once PySide6 is loaded, it
# reads the source of every module imported after it (its __feature__ check), which cost
# about 50 ms and 2 MB of every start when pydantic came after it.
from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck
from zzkiosk.qt_environment import prepare_qt_environment

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from zzkiosk.render.fonts import register_deck_fonts

if TYPE_CHECKING:
    from zzkiosk.control.config import ControlSettings
    from zzkiosk.control.port import ControlPort
    from zzkiosk.deck.deck import Deck
    from zzkiosk.kiosk.inhibit import SleepInhibitor
    from zzkiosk.kiosk.instance import InstanceLock
    from zzkiosk.player.window import PlayerWindow

log = logging.getLogger(__name__)

INHIBIT_AFTER_MS = 2000
"""The screen saver is turned off this long after the window is shown: `xset` runs as a
child process and D-Bus needs a connection, and either would hold up the first slide's
first paint (no screen saver starts within seconds of a kiosk starting)."""

EXIT_BAD_DECK, EXIT_BAD_OPTION, EXIT_ALREADY_PLAYING = 1, 2, 3
"""Exit codes: the deck cannot be played; --start or --loop-sections names nothing; the screen is taken."""


def run_player(deck_path: Path, *, windowed: bool = False, screen: str | None = None,
               presenter: str | None = None, start: str | None = None, autoplay: bool = True,
               loop_sections: Sequence[str] = (), control: ControlSettings | None = None) -> int:
    """Play the deck in folder `deck_path`; return the process exit code.

    Kiosk mode (fullscreen, frameless, locked down) on `screen` (a number, 0 first, or a
    name; default the deck's `kiosk.screen`, else the primary screen) unless `windowed`.
    `start` is SECTION[/SLIDE] by id or 1-based number; without it the position saved
    by the last run is restored. `loop_sections` replaces the deck's `kiosk.loop_sections`.
    `control` turns on the control port (zzkiosk.control) with those settings.
    Returns 0 after the staff chord (or closing the preview), 1 when the deck cannot be
    played, 2 for a bad option, 3 when a kiosk already plays on that screen. `presenter`
    (default the deck's `presenter.screen`) puts the presenter view on that screen.
    """
    deck = _load(deck_path)
    if deck is None:
        return EXIT_BAD_DECK
    first = _start_index(deck, start)
    if first is None or not _loop_sections_ok(deck, loop_sections):
        return EXIT_BAD_OPTION
    prepare_qt_environment()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("zzkiosk")
    register_deck_fonts(deck)
    return _play(app, deck, windowed=windowed, screen=screen if screen is not None else deck.kiosk.screen,
                 start=first if start else None, autoplay=autoplay, loop=list(loop_sections), control=control,
                 presenter=presenter if presenter is not None else deck.presenter.screen)


def _play(app: QApplication, deck: Deck, *, windowed: bool, screen: int | str | None,
          start: int | None, autoplay: bool, loop: list[str], control: ControlSettings | None = None,
          presenter: int | str | None = None) -> int:
    """Play `deck` until the application quits. Unless `autoplay` is off (--no-autoplay),
    autoplay follows the deck's `kiosk.autoplay`, also after a reload; `loop` (--loop-sections)
    wins over the deck's loop sections."""
    from zzkiosk.kiosk.screens import pick_screen, screen_key
    from zzkiosk.kiosk.state import PositionKeeper, load_position, position_file
    from zzkiosk.player.window import PlayerWindow
    from zzkiosk.render.memory import forget_module_sources, freeze_long_lived

    target = pick_screen(screen)
    lock = None if windowed else _claim(target)
    if lock is False:
        return EXIT_ALREADY_PLAYING
    state = position_file(deck.folder, "preview" if windowed else screen_key(target))
    first = start if start is not None else (load_position(state, deck) or 0)
    window = PlayerWindow(deck)
    if autoplay:
        window.follow_deck_autoplay(loop)
    keeper = PositionKeeper(window.presentation, state)
    inhibitor = _show(window, windowed, target, screen)
    from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard

    reload = attach_hot_reload_and_crash_guard(window, deck.file, preview=windowed)
    window.slideshow.reload_requested.connect(reload.reload_now)
    window.presentation.start(first)
    port = None
    if control is not None:  # the hall's central control: one more input channel of the show
        from zzkiosk.control.port import attach_control

        port = attach_control(window.slideshow, control, window)
    _attach_guide_console(window, presenter, port)
    forget_module_sources()
    freeze_long_lived()
    if os.environ.get("ZZKIOSK_BENCH_PROBE"):  # zzkiosk bench measures this process
        from zzkiosk.bench.probe import attach

        attach(window)
    log.info("playing %s from slide %d of %d (%s)", deck.folder, first + 1, len(deck.slides),
             "preview" if windowed else f"kiosk on {target.name()}")
    code = app.exec()
    keeper.save_now()
    if inhibitor is not None:
        inhibitor.stop()
    if lock is not None:
        lock.release()
    return code


def _attach_guide_console(window: PlayerWindow, presenter: int | str | None, port: ControlPort | None) -> None:
    """The guide's console over the show: the presenter view on screen `presenter` if given,
    the guide's page on the control port's HTTP server if it has one."""
    if presenter is None and (port is None or port.settings.http is None):
        return
    from zzkiosk.presenter.attach import attach_console, attach_guide_page, attach_presenter_view

    console = attach_console(window)
    if presenter is not None:
        attach_presenter_view(console, window, presenter)
    attach_guide_page(port, console)


def _claim(target: QScreen) -> InstanceLock | bool:
    """The lock of `target`, or False (after saying so) when a kiosk already plays there."""
    from zzkiosk.kiosk.instance import InstanceLock
    from zzkiosk.kiosk.screens import screen_key

    lock = InstanceLock(screen_key(target))
    if lock.acquire():
        return lock
    print(f"zzkiosk is already playing on screen {target.name()} ({lock.holder()}); "
          "give another one with --screen, or quit that one first (Ctrl+Shift+Q)", file=sys.stderr)
    return False


def _show(window: PlayerWindow, windowed: bool, target: QScreen, wanted: int | str | None) -> SleepInhibitor | None:
    """Show the window; in kiosk mode also follow the screens and keep the display awake."""
    if windowed:
        window.show_windowed()
        return None
    from zzkiosk.kiosk.inhibit import SleepInhibitor
    from zzkiosk.kiosk.screens import ScreenFollower

    window.show_fullscreen(target)
    ScreenFollower(window, wanted, window)
    inhibitor = SleepInhibitor()
    QTimer.singleShot(INHIBIT_AFTER_MS, lambda: inhibitor.start(QGuiApplication.platformName()))
    return inhibitor


def _load(deck_path: Path) -> Deck | None:
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
    from zzkiosk.show.navigation import Navigation

    try:
        return Navigation(deck).resolve(start)
    except ValueError as error:
        print(f"--start {start}: {error}", file=sys.stderr)
        return None


def _loop_sections_ok(deck: Deck, wanted: Sequence[str]) -> bool:
    """True when every section id of --loop-sections (`wanted`) is in the deck; says which
    are not otherwise. (The deck's own kiosk.loop_sections are checked by the loader.)"""
    known = [section.id for section in deck.sections]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        print(f"--loop-sections: no section {', '.join(map(repr, unknown))}: the sections are {', '.join(known)}",
              file=sys.stderr)
    return not unknown
