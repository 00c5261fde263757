"""PlayerWindow: the stage in a window, as a windowed preview or a locked-down fullscreen kiosk."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QResizeEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from zzkiosk.player.controllers import Controller
from zzkiosk.player.controllers.keyboard import KeyboardController
from zzkiosk.player.controllers.pointer import PointerController
from zzkiosk.player.hud import ProgressLine, SlideIndicator
from zzkiosk.player.overlays import BlankScreen, HelpCard, NumberPrompt
from zzkiosk.player.overview import Overview
from zzkiosk.player.presentation import Presentation
from zzkiosk.player.scenes import SceneFactory
from zzkiosk.player.show import AutoplayChoice, Show
from zzkiosk.player.stage import Stage
from zzkiosk.render.canvas_fit import canvas_rect_in

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.controllers.cursor import CursorController

log = logging.getLogger(__name__)

PREVIEW_SIZE = (1280, 720)
"""Size of the windowed preview (a portrait deck is letterboxed in it; staff may resize)."""


class PlayerWindow(QWidget):
    """The window that plays a deck: the Stage, the Presentation, overlays and controllers.

    Keys, clicks, the wheel and touch drive it from the start (bindings from the deck's
    `kiosk.keys`), each through its Show (`slideshow`), which also owns autoplay:
    `enable_autoplay` or `follow_deck_autoplay` switch the attract loop on. `show_fullscreen` is kiosk mode:
    frameless on a screen, cursor hidden, close requests and quit keys ignored; only the
    staff chord (`kiosk.quit_chord`) quits. When hot reload replaces the deck, the window
    takes the new deck's title, theme colours and fonts, and each controller its settings.
    """

    quitting = Signal()
    """The staff chord was pressed: the window closes and the application quits."""

    def __init__(self, deck: Deck, *, scene_factory: SceneFactory | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(deck.title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._kiosk = False
        self._quitting = False
        palette, family = deck.theme.palette, deck.theme.fonts.family
        self.stage = Stage(deck.canvas, QColor(palette.background), self)
        """The canvas view and the transition overlay."""
        self.stage.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        self.presentation = Presentation(deck, self.stage, scene_factory=scene_factory, parent=self)
        """What is shown and how it changes."""
        self.progress = ProgressLine(self, palette.accent, palette.background)
        """The autoplay progress line (theme `show_progress`)."""
        self.indicator = SlideIndicator(self, family, palette.text)
        """Section title and slide number (theme `show_indicator`)."""
        self.indicator.setVisible(deck.theme.show_indicator)
        self.prompt = NumberPrompt(self, family, palette.accent)
        self.blank = BlankScreen(self)
        """The black or white screen."""
        self.help_card = HelpCard(self, family, palette.background, palette.text, palette.accent)
        """The help overlay."""
        self.overview = Overview(self, family, palette.background, palette.text, palette.accent)
        """The grid of all slides."""
        self.slideshow = Show(self.presentation, self)
        """The one way in: every action by name (`run`), the state snapshot, autoplay and idle."""
        self.controllers: list[Controller] = []
        """Bound controllers, in the order they were added."""
        self._cursor: CursorController | None = None
        self._keyboard = KeyboardController(self, self.slideshow)
        self._connect_show()
        self.add_controller(self._keyboard)
        self.add_controller(PointerController(self, self.slideshow))
        self._list_keys()
        self.presentation.slide_changed.connect(self._on_slide_changed)
        self.presentation.deck_replaced.connect(self._follow_deck)

    def _connect_show(self) -> None:
        """Follow the show (covers, the autoplay countdown, window requests) and feed it the overview's choices."""
        show = self.slideshow
        show.cover_changed.connect(self._follow_cover)
        show.quit_requested.connect(self.quit_kiosk)
        show.close_requested.connect(self._close_preview)
        show.fullscreen_requested.connect(self.toggle_fullscreen)
        show.autoplay.armed.connect(self._start_progress)
        show.autoplay.disarmed.connect(self.progress.stop)
        self._keyboard.number_changed.connect(self._show_number)
        self.overview.chosen.connect(lambda index: show.run("go_to", "overview", index))
        self.overview.browsed.connect(lambda: show.note_input("overview"))
        self.overview.dismissed.connect(self._overview_dismissed)

    def _list_keys(self) -> None:
        """List the keys in use on the help card."""
        table = self._keyboard.table
        quit_keys = [key for key, action in table.items() if action == "quit"]
        self.help_card.set_keys({k: a for k, a in table.items() if a not in ("quit", "close")}, quit_keys)

    def _apply_theme(self, deck: Deck) -> None:
        """Colour and font everything around the slides as the deck's theme says."""
        theme = deck.theme
        palette, family = theme.palette, theme.fonts.family
        self.stage.set_letterbox(QColor(palette.background))
        self.progress.set_colours(palette.accent, palette.background)
        if not theme.show_progress:
            self.progress.stop()
        self.indicator.set_look(family, palette.text)
        self.indicator.setVisible(theme.show_indicator)
        self.prompt.set_look(family, palette.accent)
        self.help_card.set_look(family, palette.background, palette.text, palette.accent)
        self.overview.set_look(family, palette.background, palette.text, palette.accent)

    @Slot()
    def _follow_deck(self) -> None:
        """Hot reload replaced the deck: take its title and theme; every controller takes
        its settings (`configure`), the show its kiosk settings."""
        deck = self.presentation.deck
        self.setWindowTitle(deck.title)
        self._apply_theme(deck)
        for controller in self.controllers:
            controller.configure(deck)
        self._list_keys()
        if self.slideshow.cover == "overview":
            self.overview.open(deck, self.presentation.index)

    @Slot(str)
    def _follow_cover(self, cover: str) -> None:
        """Show what the show says covers the slide, and nothing else."""
        for widget, covers in ((self.overview, ("overview",)), (self.help_card, ("help",)),
                               (self.blank, ("black", "white"))):
            if cover not in covers:
                widget.dismiss()
        if cover == "overview":
            self.overview.open(self.presentation.deck, self.presentation.index)
        elif cover == "help":
            self.help_card.open()
        elif cover in ("black", "white"):
            self.blank.cover(cover)

    @Slot()
    def _overview_dismissed(self) -> None:
        """The grid closed itself (Esc, or a slide chosen): the show takes the cover away."""
        if self.slideshow.cover == "overview":
            self.slideshow.run("clear", "overview")

    @property
    def in_kiosk_mode(self) -> bool:
        """True once shown with `show_fullscreen`: close and quit keys are ignored."""
        return self._kiosk

    def add_controller(self, controller: Controller) -> None:
        """Configure `controller` for the deck, bind it and keep it (it is configured again on every reload)."""
        controller.configure(self.presentation.deck)
        controller.bind()
        self.controllers.append(controller)

    def enable_autoplay(self, loop_sections: Sequence[str] = (), *, idle_seconds: float | None = None,
                        resume_from: str | None = None) -> None:
        """Advance by slide durations over `loop_sections`, whatever the deck's `kiosk.autoplay`
        says; presenter input pauses, `idle_seconds` of quiet resumes. What is not given
        follows the deck's `kiosk` settings, also after a reload."""
        self.slideshow.choose_autoplay(AutoplayChoice(True, tuple(loop_sections), idle_seconds, resume_from))

    def follow_deck_autoplay(self, loop_sections: Sequence[str] = ()) -> None:
        """Autoplay while the deck's `kiosk.autoplay` is on, switched on and off by reloads too
        (zzkiosk without --no-autoplay). `loop_sections` (--loop-sections) wins over the deck's."""
        self.slideshow.choose_autoplay(AutoplayChoice(False, tuple(loop_sections)))

    @Slot(int)
    def _start_progress(self, milliseconds: int) -> None:
        if self.presentation.deck.theme.show_progress:
            self.progress.start(milliseconds)

    # -- showing -------------------------------------------------------------------

    def show_windowed(self) -> None:
        """Show as a normal 1280x720 preview window titled with the deck's title."""
        self.resize(*PREVIEW_SIZE)
        self.show()

    def show_fullscreen(self, screen: QScreen) -> None:
        """Kiosk mode: frameless over the whole of `screen`, cursor hidden until the mouse moves."""
        from zzkiosk.player.controllers.cursor import CursorController

        self._kiosk = True
        self.setWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint)
        self._cursor = CursorController(self, self.presentation.deck.kiosk.cursor_hide)  # configured again on add
        self.add_controller(self._cursor)
        self.place_on(screen)
        self.showFullScreen()
        self.activateWindow()

    def place_on(self, screen: QScreen) -> None:
        """Cover the whole of `screen`. The geometry is set by hand: with no window manager
        (a bare X kiosk session) `showFullScreen()` alone leaves the window at its default size."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())

    @Slot()
    def toggle_fullscreen(self) -> None:
        """Preview mode: switch between the preview window and fullscreen (kiosk mode: nothing)."""
        if self._kiosk:
            return
        if self.isFullScreen():
            self.showNormal()
            self.resize(*PREVIEW_SIZE)
        else:
            self.setGeometry(self.screen().geometry())
            self.showFullScreen()

    @Slot()
    def quit_kiosk(self) -> None:
        """The staff chord: close this window (allowed now) and quit the application."""
        log.info("staff quit chord: quitting")
        self._quitting = True
        self.quitting.emit()
        self.close()
        QCoreApplication.quit()

    @Slot()
    def _close_preview(self) -> None:
        if not self._kiosk:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """In kiosk mode only the staff chord closes the window (not Alt+F4, not the window manager)."""
        if self._kiosk and not self._quitting:
            log.info("close request ignored in kiosk mode (the staff chord quits)")
            event.ignore()
            return
        super().closeEvent(event)

    # -- overlays ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the progress line and indicator on the canvas, the covers over the window."""
        super().resizeEvent(event)
        canvas = canvas_rect_in(self.size(), self.presentation.deck.canvas).toAlignedRect()
        scale = canvas.width() / self.presentation.deck.canvas[0]
        self.progress.place(canvas, scale)
        self.indicator.place(canvas, scale)
        for cover in (self.blank, self.help_card, self.overview):
            cover.setGeometry(self.rect())

    @Slot(int)
    def _on_slide_changed(self, index: int) -> None:
        self.indicator.set_text(self.presentation.navigation.label(index))
        self.indicator.raise_()

    @Slot(str)
    def _show_number(self, number: str) -> None:
        self.prompt.set_number(number, canvas_rect_in(self.size(), self.presentation.deck.canvas).toAlignedRect())
        if number:
            self.presentation.expect(int(number) - 1)  # made ahead while the guide types
