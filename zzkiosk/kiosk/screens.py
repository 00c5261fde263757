"""Screens: find the configured screen (number or name), fall back to the primary, follow changes."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QScreen

log = logging.getLogger(__name__)

SETTLE_MS = 300
"""Screens come and go in bursts (a monitor waking up): wait this long before moving the window."""


def describe_screens() -> str:
    """Every screen as "number (name)", for log lines and errors."""
    return ", ".join(f"{number} ({screen.name()})" for number, screen in enumerate(QGuiApplication.screens()))


def find_screen(wanted: int | str | None) -> QScreen | None:
    """The screen by number (0 first) or name; None when `wanted` is empty or names no screen."""
    text = "" if wanted is None else str(wanted).strip()
    screens = QGuiApplication.screens()
    if text.isascii() and text.isdigit():  # str.isdigit alone takes ① and ², which int() refuses
        return screens[int(text)] if int(text) < len(screens) else None
    return next((screen for screen in screens if text and screen.name() == text), None)


def pick_screen(wanted: int | str | None) -> QScreen:
    """The screen `wanted`, or the primary screen (with a log line when `wanted` is absent)."""
    screen = find_screen(wanted)
    if screen is not None:
        return screen
    primary = QGuiApplication.primaryScreen()
    if wanted is not None and str(wanted).strip():
        log.warning("no screen '%s' (screens: %s); playing on the primary screen %s",
                    wanted, describe_screens(), primary.name())
    return primary


def screen_key(screen: QScreen) -> str:
    """A file-name-safe key for `screen` (its name), for per-screen locks and state."""
    name = screen.name() or "screen"
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


class ScreenWindow(Protocol):
    """A window that can be put over a whole screen (PlayerWindow)."""

    def place_on(self, screen: QScreen) -> None: ...

    def screen(self) -> QScreen: ...


class ScreenFollower(QObject):
    """Keeps a kiosk window over the wanted screen as screens are plugged in, removed or resized.

    When the wanted screen is absent the window goes to the primary screen; when it comes
    back the window returns to it.
    """

    def __init__(self, window: ScreenWindow, wanted: int | str | None, parent: QObject | None = None):
        super().__init__(parent)
        self._window = window
        self._wanted = wanted
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.follow)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._changed)
        app.screenRemoved.connect(self._changed)
        app.primaryScreenChanged.connect(self._changed)
        for screen in QGuiApplication.screens():
            self._watch(screen)

    def _watch(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._settle.start)

    @Slot(QScreen)
    def _changed(self, screen: QScreen) -> None:
        if screen in QGuiApplication.screens():
            self._watch(screen)
        self._settle.start()

    @Slot()
    def follow(self) -> None:
        """Put the window over the wanted screen (or the primary one) as it is now."""
        screen = find_screen(self._wanted) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        if self._window.screen() is not screen:
            log.info("screens changed (%s): playing on %s", describe_screens(), screen.name())
        self._window.place_on(screen)
