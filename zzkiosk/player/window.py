"""PlayerWindow: the stage in a window, as a windowed preview or a frameless fullscreen kiosk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QCursor, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from zzkiosk.player.controllers import Controller
from zzkiosk.player.controllers.keyboard import KeyboardController
from zzkiosk.player.presentation import Presentation
from zzkiosk.player.scenes import SceneFactory
from zzkiosk.player.stage import Stage

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

PREVIEW_SIZE = (1280, 720)
"""Size of the windowed preview (a portrait deck is letterboxed in it; staff may resize)."""


class PlayerWindow(QWidget):
    """The window that plays a deck: a Stage filling it, the Presentation, the controllers.

    Controllers are bound when the window is built and listed in `controllers`; later
    ones (touch, overview, idle, ...) are added with `add_controller`.
    """

    def __init__(self, deck: Deck, *, scene_factory: SceneFactory | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(deck.title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stage = Stage(deck.canvas, QColor(deck.theme.palette.background), self)
        """The canvas view and the transition overlay."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        self.presentation = Presentation(deck, self.stage, scene_factory=scene_factory, parent=self)
        """What is shown and how it changes."""
        self.controllers: list[Controller] = []
        """Bound controllers, in the order they were added."""
        self.add_controller(KeyboardController(self.presentation, self))

    def add_controller(self, controller: Controller) -> None:
        """Bind `controller` and keep it."""
        controller.bind()
        self.controllers.append(controller)

    def show_windowed(self) -> None:
        """Show as a normal 1280x720 preview window titled with the deck's title."""
        self.resize(*PREVIEW_SIZE)
        self.show()

    def show_fullscreen(self, screen: QScreen) -> None:
        """Show frameless over the whole of `screen`, with no cursor.

        The geometry is set by hand too: with no window manager (a bare X kiosk session)
        `showFullScreen()` alone leaves the window at its default size.
        """
        self.setWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint)
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
