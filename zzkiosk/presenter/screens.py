"""PresenterScreen: the presenter view lives on its own screen or nowhere.

The notes are for the guide, never for the visitors. So unlike the kiosk window (which
falls back to the primary screen), the presenter view is hidden when its screen is
unplugged or turns out to be the audience's screen, and comes back when a screen of
that name or number returns. Three guards, because Qt moves the windows of a removed
screen onto a remaining one on its own: the screen list is checked when screens come
and go (at once, not after the settling delay), the view is hidden the moment Qt puts
it on any other screen, and the settled check places it again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QScreen

from zzkiosk.i18n import tr
from zzkiosk.kiosk import screens

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from zzkiosk.presenter.view import PresenterView

log = logging.getLogger(__name__)


def same_screen(one: QScreen | None, other: QScreen | None) -> bool:
    """True when both are the same Qt screen. Compared by the Qt object, not the Python
    wrapper (PySide6 may hand back a new wrapper for a screen it wrapped before, and `is`
    then fails), nor by name and geometry (two X screens without Xinerama are both
    called "screen" at 0,0)."""
    if one is None or other is None:
        return False
    return shiboken6.getCppPointer(one)[0] == shiboken6.getCppPointer(other)[0]


class PresenterScreen(QObject):
    """Shows `view` fullscreen on screen `wanted` while that screen exists and is not `audience`'s."""

    def __init__(self, view: PresenterView, wanted: int | str, audience: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._view = view
        self._wanted = wanted
        self._audience = audience
        self._watched: QObject | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(screens.SETTLE_MS)
        self._settle.timeout.connect(self.follow)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screen_removed)
        app.primaryScreenChanged.connect(self._screens_changed)

    @property
    def screen(self) -> QScreen | None:
        """The screen the view may go on now: the wanted one, unless it is absent or the audience's."""
        screen = screens.find_screen(self._wanted)
        if screen is None or same_screen(screen, self._audience.screen()):
            return None
        return screen

    @Slot()
    def follow(self) -> None:
        """Put the view on its screen, or hide it when there is none for it."""
        screen = self.screen
        if screen is None:
            self._hide(tr("no screen '{wanted}' apart from the audience's ({screens})", wanted=self._wanted,
                          screens=screens.describe_screens()))
            return
        if not self._view.isVisible() or not same_screen(self._view.screen(), screen):
            log.info("%s", tr("presenter view on screen {screen}", screen=screen.name()))
        self._view.place_on(screen)
        handle = self._view.windowHandle()
        if handle is not None and handle is not self._watched:
            handle.screenChanged.connect(self._view_moved)
            self._watched = handle

    @Slot(QScreen)
    def _screen_removed(self, removed: QScreen) -> None:
        if self._view.isVisible() and (same_screen(removed, self._view.screen()) or self.screen is None):
            self._hide(tr("screen {screen} was removed", screen=removed.name()))
        self._settle.start()

    @Slot(QScreen)
    def _screens_changed(self, _screen: QScreen) -> None:
        if self._view.isVisible() and self.screen is None:
            self._hide(tr("the screens changed"))
        self._settle.start()

    @Slot(QScreen)
    def _view_moved(self, screen: QScreen) -> None:
        wanted = self.screen
        if self._view.isVisible() and (wanted is None or not same_screen(screen, wanted)):
            self._hide(tr("Qt moved it to screen {screen}", screen=screen.name() if screen else "?"))
            self._settle.start()

    def _hide(self, why: str) -> None:
        if self._view.isVisible():
            log.warning("%s", tr("presenter view hidden ({why}): the notes never go on the audience's screen", why=why))
        self._view.hide()

