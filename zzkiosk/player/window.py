"""PlayerWindow: the stage in a window, as a windowed preview or a locked-down fullscreen kiosk."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QResizeEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from zzkiosk.player.actions import Actions
from zzkiosk.player.controllers import Controller
from zzkiosk.player.controllers.keyboard import KeyboardController
from zzkiosk.player.controllers.keys import KeyNameError, kiosk_key_table
from zzkiosk.player.controllers.pointer import PointerController
from zzkiosk.player.hud import ProgressLine, SlideIndicator
from zzkiosk.render.canvas_fit import canvas_rect_in
from zzkiosk.player.overlays import BlankScreen, HelpCard, NumberPrompt
from zzkiosk.player.overview import Overview
from zzkiosk.player.positions import slide_label
from zzkiosk.player.presentation import Presentation
from zzkiosk.player.scenes import SceneFactory
from zzkiosk.player.stage import Stage

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.controllers.cursor import CursorController

log = logging.getLogger(__name__)

PREVIEW_SIZE = (1280, 720)
"""Size of the windowed preview (a portrait deck is letterboxed in it; staff may resize)."""


@dataclass(frozen=True)
class AutoplayChoice:
    """How autoplay was asked for (command line or test); what it leaves out follows the deck."""

    always: bool
    """Play even while the deck's `kiosk.autoplay` is off; else switch with it."""
    loop_sections: tuple[str, ...] = ()
    """Section ids of the attract loop (--loop-sections); empty: the deck's `kiosk.loop_sections`."""
    idle_seconds: float | None = None
    """Quiet time before autoplay resumes; None: the deck's `kiosk.idle_resume`."""
    resume_from: str | None = None
    """"current" or "start"; None: the deck's `kiosk.resume_from`."""


class PlayerWindow(QWidget):
    """The window that plays a deck: the Stage, the Presentation, overlays and controllers.

    Keys, clicks, the wheel and touch drive it from the start (bindings from the deck's
    `kiosk.keys`; a bad key name raises KeyNameError). `enable_autoplay` or
    `follow_deck_autoplay` adds the attract loop. `show_fullscreen` is kiosk mode:
    frameless on a screen, cursor hidden, close requests and quit keys ignored; only the
    staff chord (`kiosk.quit_chord`) quits. When hot reload replaces the deck, the window
    takes the new deck's title, keys, theme colours and fonts, and kiosk settings.
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
        window_actions = {"fullscreen": self.toggle_fullscreen, "quit": self.quit_kiosk, "close": self._close_preview}
        self.actions = Actions(self.presentation, self.overview, self.blank, self.help_card, window_actions)
        """Every action of the key table, by name."""
        self.controllers: list[Controller] = []
        """Bound controllers, in the order they were added."""
        self._cursor: CursorController | None = None
        self._autoplay_choice: AutoplayChoice | None = None
        self._keyboard = KeyboardController(self, self.actions.table(), go_to=self.actions.go_to_number)
        self._apply_keys(deck)
        self._bind_input()
        self.presentation.slide_changed.connect(self._on_slide_changed)
        self.presentation.deck_replaced.connect(self._follow_deck)

    def _bind_input(self) -> None:
        self._keyboard.used.connect(self.actions.presenter_input)
        self._keyboard.number_changed.connect(self._show_number)
        pointer = PointerController(self, self.actions.table())
        pointer.used.connect(self.actions.presenter_input)
        self.add_controller(self._keyboard)
        self.add_controller(pointer)

    def _apply_keys(self, deck: Deck) -> None:
        """Bind the deck's keys and list them on the help card (KeyNameError for a bad name)."""
        table = kiosk_key_table(deck.kiosk.keys, deck.kiosk.quit_chord)
        self._keyboard.set_table(table)
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
        """Hot reload replaced the deck: take its title, keys, theme and kiosk settings.

        HotReload refuses a deck with a bad key name before it gets here; should one come
        in another way, the keys in use stay (logged), never a traceback.
        """
        deck = self.presentation.deck
        self.setWindowTitle(deck.title)
        self._apply_theme(deck)
        try:
            self._apply_keys(deck)
        except KeyNameError as error:
            log.error("%s: %s; the keys stay as they were", deck.file, error)
        self._apply_autoplay()
        if self._cursor is not None:
            self._cursor.set_seconds(deck.kiosk.cursor_hide)
        if self.overview.isVisible():
            self.overview.open(deck, self.presentation.index)

    @property
    def in_kiosk_mode(self) -> bool:
        """True once shown with `show_fullscreen`: close and quit keys are ignored."""
        return self._kiosk

    def add_controller(self, controller: Controller) -> None:
        """Bind `controller` and keep it."""
        controller.bind()
        self.controllers.append(controller)

    def enable_autoplay(self, loop_sections: Sequence[str] = (), *, idle_seconds: float | None = None,
                        resume_from: str | None = None) -> None:
        """Advance by slide durations over `loop_sections`, whatever the deck's `kiosk.autoplay`
        says; presenter input pauses, `idle_seconds` of quiet resumes. What is not given
        follows the deck's `kiosk` settings, also after a reload."""
        self._autoplay_choice = AutoplayChoice(True, tuple(loop_sections), idle_seconds, resume_from)
        self._apply_autoplay()

    def follow_deck_autoplay(self, loop_sections: Sequence[str] = ()) -> None:
        """Autoplay while the deck's `kiosk.autoplay` is on, switched on and off by reloads too
        (zzkiosk without --no-autoplay). `loop_sections` (--loop-sections) wins over the deck's."""
        self._autoplay_choice = AutoplayChoice(False, tuple(loop_sections))
        self._apply_autoplay()

    def _apply_autoplay(self) -> None:
        """Switch autoplay on or off and set it up from the choice and the deck's `kiosk` settings."""
        choice, kiosk = self._autoplay_choice, self.presentation.deck.kiosk
        if choice is None:
            return
        if not (choice.always or kiosk.autoplay):
            self._stop_autoplay()
            return
        loop_sections = choice.loop_sections or kiosk.loop_sections
        idle_seconds = kiosk.idle_resume if choice.idle_seconds is None else choice.idle_seconds
        resume_from = choice.resume_from or kiosk.resume_from
        if self.actions.autoplay is None:
            self._start_autoplay(loop_sections, idle_seconds, resume_from)
            return
        self.actions.autoplay.set_loop_sections(loop_sections)
        self.actions.idle.set_seconds(idle_seconds)
        self.actions.set_resume_from(resume_from)

    def _start_autoplay(self, loop_sections: Sequence[str], idle_seconds: float, resume_from: str) -> None:
        from zzkiosk.player.controllers.autoplay import AutoplayController
        from zzkiosk.player.controllers.idle import IdleController

        autoplay = AutoplayController(self.presentation, loop_sections)
        idle = IdleController(idle_seconds, self)
        autoplay.armed.connect(self._start_progress)
        autoplay.disarmed.connect(self.progress.stop)
        self.actions.attach_autoplay(autoplay, idle, resume_from=resume_from)
        self.add_controller(autoplay)
        self.add_controller(idle)

    def _stop_autoplay(self) -> None:
        autoplay, idle = self.actions.autoplay, self.actions.idle
        if autoplay is None:
            return
        self.actions.detach_autoplay()
        for controller in (autoplay, idle):
            controller.unbind()
            self.controllers.remove(controller)
            controller.deleteLater()
        self.progress.stop()
        log.info("autoplay is off: the deck's kiosk.autoplay says so")

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
        self._cursor = CursorController(self, self.presentation.deck.kiosk.cursor_hide)
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
        self.indicator.set_text(slide_label(self.presentation.deck, index))
        self.indicator.raise_()

    @Slot(str)
    def _show_number(self, number: str) -> None:
        self.prompt.set_number(number, canvas_rect_in(self.size(), self.presentation.deck.canvas).toAlignedRect())
