"""The composition root: a running show assembled from parts, in one place.

`run_player` loads the deck, builds the window (stage, presentation, the Show and the
input controllers it always has) and then `attach_parts` adds everything that runs beside
it: hot reload with the crash guard and the preview's error banner, the position keeper,
screen following and the screen-saver inhibitor in kiosk mode, the benchmark's probe. A
new input channel (the control port, a presenter view) is one more line in
`attach_parts`, built with the Show: see docs/architecture.md. Lower layers never import
this module; `zzkiosk.player` imports neither `zzkiosk.kiosk` nor `zzkiosk.bench`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zzkiosk.deck.cache import CacheWriter, load_deck_cached
from zzkiosk.deck.errors import DeckError
from zzkiosk.i18n import tr
from zzkiosk.qt_environment import prepare_qt_environment

# Qt is imported only once the deck is loaded, on purpose: once PySide6 is loaded, it reads
# the source of every module imported after it (its __feature__ check), which cost about
# 50 ms and 2 MB of every start when pydantic came after it; the deck loader (pydantic,
# yaml) is imported only when the deck's cache cannot be used (zzkiosk.deck.cache).

if TYPE_CHECKING:
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QApplication

    from zzkiosk.control.plain import ControlSettings
    from zzkiosk.control.port import ControlPort
    from zzkiosk.deck.deck import Deck
    from zzkiosk.fleet.plain import MqttSettings
    from zzkiosk.kiosk.instance import InstanceLock
    from zzkiosk.kiosk.reload import HotReload
    from zzkiosk.player.show import Show
    from zzkiosk.player.window import PlayerWindow

log = logging.getLogger(__name__)

INHIBIT_AFTER_MS = 2000
"""The screen saver is turned off this long after the window is shown: `xset` runs as a
child process and D-Bus needs a connection, and either would hold up the first slide's
first paint (no screen saver starts within seconds of a kiosk starting)."""

FLEET_AFTER_MS = 100
"""The fleet's MQTT client starts this long after the first slide: importing paho-mqtt
(~40 ms) must not stand between start-up and the first paint; connecting runs on its own
thread anyway, so a broker that is down never holds up the show."""

CACHE_AFTER_MS = 3000
"""The deck's cache is written this long after the first slide (when the deck was loaded in
full): pickling and writing it (~5 ms) must not hold up the first paint or its entrance."""

EXIT_BAD_DECK, EXIT_BAD_OPTION, EXIT_ALREADY_PLAYING = 1, 2, 3
"""Exit codes: the deck cannot be played; --start or --loop-sections names nothing; the screen is taken."""


def run_player(deck_path: Path, *, windowed: bool = False, screen: str | None = None,
               presenter: str | None = None, start: str | None = None, autoplay: bool = True,
               loop_sections: Sequence[str] = (), control: ControlSettings | None = None,
               mqtt: MqttSettings | None = None) -> int:
    """Play the deck in folder `deck_path`; return the process exit code.

    Kiosk mode (fullscreen, frameless, locked down) on `screen` (a number, 0 first, or a
    name; default the deck's `kiosk.screen`, else the primary screen) unless `windowed`.
    `start` is SECTION[/SLIDE] by id or 1-based number; without it the position saved
    by the last run is restored. `loop_sections` replaces the deck's `kiosk.loop_sections`.
    `control` turns on the control port (zzkiosk.control) with those settings.
    With `mqtt`, the kiosk reports to that broker and takes its commands (zzkiosk.fleet).
    Returns 0 after the staff chord (or closing the preview), 1 when the deck cannot be
    played, 2 for a bad option, 3 when a kiosk already plays on that screen. `presenter`
    (default the deck's `presenter.screen`) puts the presenter view on that screen.
    """
    deck, cache = _load(deck_path)
    if deck is None:
        return EXIT_BAD_DECK
    first = _start_index(deck, start)
    if first is None or not _loop_sections_ok(deck, loop_sections):
        return EXIT_BAD_OPTION
    prepare_qt_environment()
    from PySide6.QtWidgets import QApplication

    from zzkiosk.render.memory import lean_source_checks

    # Every module imported from here on (the player's ~100 at start-up, the control port's,
    # the presenter's) is checked by PySide6 for its __feature__ switch by reading its file,
    # not through inspect and the line cache: ~10 ms of a start, and no lines kept.
    with lean_source_checks():
        from zzkiosk.render.fonts import register_deck_fonts

        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName("zzkiosk")
        register_deck_fonts(deck)
        return _play(app, deck, windowed=windowed, screen=screen if screen is not None else deck.kiosk.screen,
                     start=first if start else None, autoplay=autoplay, loop=list(loop_sections),
                     control=control, mqtt=mqtt,
                     presenter=presenter if presenter is not None else deck.presenter.screen, cache=cache)


@dataclass(frozen=True)
class Settings:
    """What this run was asked for, as the parts read it."""

    deck_file: Path
    """The deck file being played (hot reload watches its folder)."""
    windowed: bool
    """The staff preview rather than kiosk mode."""
    screen: QScreen
    """The screen the show plays on."""
    wanted_screen: int | str | None
    """The screen asked for (--screen or `kiosk.screen`); the window goes back to it when it returns."""
    position_file: Path
    """Where the position is saved for the next start."""
    control: ControlSettings | None = None
    """The hall control port's settings (--control, config.yaml); None: no port."""
    mqtt: MqttSettings | None = None
    """The museum broker's settings (--mqtt, config.yaml's mqtt:); None: no fleet reporting."""
    presenter: int | str | None = None
    """The screen of the presenter view (--presenter, the deck's `presenter.screen`); None: none."""


def _play(app: QApplication, deck: Deck, *, windowed: bool, screen: int | str | None,
          start: int | None, autoplay: bool, loop: list[str], control: ControlSettings | None = None,
          mqtt: MqttSettings | None = None, presenter: int | str | None = None,
          cache: CacheWriter | None = None) -> int:
    """Play `deck` until the application quits. Unless `autoplay` is off (--no-autoplay),
    autoplay follows the deck's `kiosk.autoplay`, also after a reload; `loop` (--loop-sections)
    wins over the deck's loop sections. `cache` (a deck loaded in full) is written soon after
    the first slide, or when the show ends if that comes first."""
    from PySide6.QtCore import QTimer

    from zzkiosk.kiosk.screens import pick_screen, screen_key
    from zzkiosk.kiosk.state import load_position, position_file
    from zzkiosk.player.window import PlayerWindow
    from zzkiosk.render.memory import forget_module_sources, freeze_long_lived

    target = pick_screen(screen)
    lock = None if windowed else _claim(target)
    if lock is False:
        return EXIT_ALREADY_PLAYING
    state = position_file(deck.folder, "preview" if windowed else screen_key(target))
    settings = Settings(deck.file, windowed, target, screen, state, control, mqtt, presenter)
    first = start if start is not None else (load_position(settings.position_file, deck) or 0)
    window = PlayerWindow(deck)
    if autoplay:
        window.follow_deck_autoplay(loop)
    at_exit = attach_parts(window.slideshow, window, settings)
    if cache is not None:
        QTimer.singleShot(CACHE_AFTER_MS, cache.write)
        at_exit.append(cache.write)
    window.presentation.start(first)
    forget_module_sources()
    freeze_long_lived()
    log.info("playing %s from slide %d of %d (%s)", deck.folder, first + 1, len(deck.slides),
             "preview" if windowed else f"kiosk on {target.name()}")
    code = app.exec()
    for stop in at_exit:
        stop()
    if lock is not None:
        lock.release()
    return code


def attach_parts(show: Show, window: PlayerWindow, settings: Settings) -> list[Callable[[], None]]:
    """Show the window and attach everything that runs beside it; return what to do when the show ends.

    Where to add an input channel (docs/architecture.md): one line below, building it
    with `show`. It runs actions with `show.run(action, "its source")`, reads
    `show.state()` and listens to `show.state_changed`; if it takes settings from the deck,
    `window.add_controller(part)` gives it `configure(deck)` now and on every hot reload.
    """
    from PySide6.QtCore import QTimer

    from zzkiosk.kiosk.state import PositionKeeper
    from zzkiosk.kiosk.stopping import stop_on_signals
    from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard

    keeper = PositionKeeper(show.presentation, settings.position_file)
    at_exit = [keeper.save_now, *_show_window(window, settings)]
    reload = attach_hot_reload_and_crash_guard(window, settings.deck_file, preview=settings.windowed)
    show.reload_requested.connect(reload.reload_now)
    stop_on_signals(window.quit_kiosk, window)  # SIGTERM, SIGINT: quit as the staff chord does
    # -- input channels: one line each, built with the show ------------------------
    port = _attach_control(show, settings.control, window)  # the hall's central control (zzkiosk.control)
    if port is not None:  # closed when the show ends, with the guide's page it serves
        at_exit.append(port.unbind)
    if settings.mqtt is not None:  # the museum's broker (zzkiosk.fleet), once the first slide is up
        QTimer.singleShot(FLEET_AFTER_MS, lambda: _attach_fleet(window, reload, settings.mqtt))
    _attach_guide_console(window, settings.presenter, port)  # the guide's console (zzkiosk.presenter)
    if os.environ.get("ZZKIOSK_BENCH_PROBE"):  # zzkiosk bench measures this process
        from zzkiosk.bench.probe import attach

        attach(window)
    return at_exit


def _attach_control(show: Show, settings: ControlSettings | None, window: PlayerWindow) -> ControlPort | None:
    """The control port when config.yaml or --control turns it on; its modules are imported only then."""
    if settings is None:
        return None
    from zzkiosk.control.port import attach_control

    return attach_control(show, settings, window)


def _attach_fleet(window: PlayerWindow, reload: HotReload, settings: MqttSettings) -> None:
    """Report the show to the museum's broker and take its commands (zzkiosk.fleet)."""
    from zzkiosk.fleet.agent import attach_fleet

    attach_fleet(window.slideshow, settings, window, reload=reload, overlay=window.stage.overlay)


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
    from zzkiosk.kiosk.instance import InstanceLock, describe_display, lock_key

    lock = InstanceLock(lock_key(target))
    if lock.acquire():
        return lock
    print(tr("zzkiosk is already playing on screen {screen}{display} ({holder}); "
             "give another one with --screen, or quit that one first (Ctrl+Shift+Q)",
             screen=target.name(), display=describe_display(), holder=lock.holder()), file=sys.stderr)
    return False


def _show_window(window: PlayerWindow, settings: Settings) -> list[Callable[[], None]]:
    """Show the window; in kiosk mode also follow the screens and keep the display awake.
    Returns what to stop when the show ends."""
    if settings.windowed:
        window.show_windowed()
        return []
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from zzkiosk.kiosk.screens import ScreenFollower

    from zzkiosk.kiosk.windowloss import WindowLossGuard

    window.show_fullscreen(settings.screen)
    WindowLossGuard(window)  # destroyed from outside: exit non-zero for the service manager
    ScreenFollower(window, settings.wanted_screen, window)
    inhibitors = []  # made when it starts: its module (subprocess, ~5 ms) is not needed for the first slide

    def inhibit() -> None:
        from zzkiosk.kiosk.inhibit import SleepInhibitor

        inhibitors.append(SleepInhibitor())
        inhibitors[0].start(QGuiApplication.platformName())

    QTimer.singleShot(INHIBIT_AFTER_MS, inhibit)
    return [lambda: [inhibitor.stop() for inhibitor in inhibitors]]


def _load(deck_path: Path) -> tuple[Deck | None, CacheWriter | None]:
    """The deck (None after printing its problems) and, when it was loaded in full, its cache's writer."""
    try:
        deck, cache = load_deck_cached(deck_path)
    except DeckError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None, None
    for problem in deck.warnings:
        log.warning("%s", problem)
    return deck, cache


def _start_index(deck: Deck, start: str | None) -> int | None:
    from zzkiosk.show.navigation import Navigation

    try:
        return Navigation(deck).resolve(start)
    except ValueError as error:
        print(f"--start {start}: {error}", file=sys.stderr)  # the error is in words already (tr)
        return None


def _loop_sections_ok(deck: Deck, wanted: Sequence[str]) -> bool:
    """True when every section id of --loop-sections (`wanted`) is in the deck; says which
    are not otherwise. (The deck's own kiosk.loop_sections are checked by the loader.)"""
    known = [section.id for section in deck.sections]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        print(tr("--loop-sections: no section {unknown}: the sections are {known}",
                 unknown=", ".join(map(repr, unknown)), known=", ".join(known)), file=sys.stderr)
    return not unknown
