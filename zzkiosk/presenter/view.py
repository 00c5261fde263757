"""PresenterView: the guide's own screen: this slide, the next one, the notes, the times, the sections.

The previews are thumbnails of each slide's final frame (rendered apart from the live
scene, one per turn of the event loop, and kept), so the audience's view keeps its scale
and caches to itself. Keys on the view drive the show through the GuideConsole.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from zzkiosk.i18n import N_, tr
from zzkiosk.player.controllers.keyboard import KeyboardController
from zzkiosk.presenter import panels
from zzkiosk.presenter.panels import BACKGROUND, DIM, TEXT, font

if TYPE_CHECKING:
    from PySide6.QtGui import QScreen

    from zzkiosk.presenter.console import GuideConsole
    from zzkiosk.show.state import ShowState

SOURCE = "presenter"
"""How the view names itself to the show."""

_KEY = Qt.Key
OWN_KEYS = {_KEY.Key_Plus: "bigger", _KEY.Key_Equal: "bigger", _KEY.Key_Minus: "smaller",
            _KEY.Key_T: "tour", _KEY.Key_R: "restart", _KEY.Key_G: "link"}
"""The view's own keys, before the show's: notes size, tours, the clock, the guide page's QR code."""

WINDOW_ONLY = frozenset({"close", "fullscreen"})
"""Show actions that concern the audience's window: not run from the presenter's keyboard."""

BUSY_RETRY_MS = 120
"""While the audience's slide moves, thumbnails wait this long and look again."""

NOTES_STEP = 4
"""+ and - change the notes' size by this many pixels (at 1080p)."""

AUTOPLAY_TEXT = {"off": N_("autoplay off"), "playing": N_("autoplay on"), "paused": N_("autoplay held by the guide")}
"""The autoplay state in words (translated where it is painted)."""


class PresenterView(QWidget):
    """The presenter's screen over a GuideConsole. `place_on` puts it fullscreen on a screen."""

    def __init__(self, console: GuideConsole, parent: QWidget | None = None):
        super().__init__(parent)
        self.console = console
        """The guide's console this view shows and drives."""
        deck = console.show.deck
        self.notes_size = deck.presenter.notes_size
        """The notes' type size in pixels at 1080p."""
        self._thumbs: dict[tuple[int, int, int], QPixmap] = {}
        self._link: tuple[list[list[bool]], str] | None = None
        self._deck = deck
        self._filler = QTimer(self)
        self._filler.setSingleShot(True)
        self._filler.timeout.connect(self._render_missing)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)  # the clocks show whole seconds
        self._ticker.timeout.connect(self._tick)
        self.setWindowTitle(tr("{title} · presenter view", title=deck.title))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._keys = KeyboardController(self, console.show)  # asked for bindings only, never bound as a filter
        self._keys.configure(deck)
        console.changed.connect(self._console_changed)

    # -- placing -------------------------------------------------------------------

    def place_on(self, screen: QScreen) -> None:
        """Cover the whole of `screen`, frameless (no window manager may size it: done by hand)."""
        self.setWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint)
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def showEvent(self, event) -> None:
        """Start the clocks and the previews."""
        super().showEvent(event)
        self._ticker.start()
        self._filler.start(0)

    def hideEvent(self, event) -> None:
        """Nothing ticks or renders while hidden."""
        super().hideEvent(event)
        self._ticker.stop()
        self._filler.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Only the screen follower hides the view; a close request (Alt+F4) is ignored."""
        event.ignore()

    # -- input ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """+ and - size the notes, T chooses the next tour, R restarts the clock, G shows the guide
        page's QR code; the show's keys (the deck's bindings, as on the kiosk) drive the show."""
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        own = OWN_KEYS.get(Qt.Key(event.key())) if plain else None
        action = self._keys.action_for(event)
        if own is not None:
            self._own_key(own)
        elif action is not None and action not in WINDOW_ONLY:
            self.console.run(action, SOURCE)
        else:
            super().keyPressEvent(event)

    def _own_key(self, name: str) -> None:
        if name in ("bigger", "smaller"):
            self.set_notes_size(self.notes_size + (NOTES_STEP if name == "bigger" else -NOTES_STEP))
        elif name == "tour":
            self._next_tour()
        elif name == "restart":
            self.console.restart_clock()
        else:
            self.set_showing_link(not self.showing_link)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a section goes there; on the next slide, moves on."""
        point = event.position().toPoint()
        cells = self._section_cells()
        hit = next((number for number, cell in enumerate(cells) if cell.contains(point)), None)
        if hit is not None:
            first = self.console.snapshot()["sections"][hit]["first"]
            self.console.run("go_to", SOURCE, first)
        elif self._layout().next.contains(point):
            self.console.run("next", SOURCE)

    @property
    def showing_link(self) -> bool:
        """True while the guide page's QR code is shown in place of the notes."""
        return self._link is not None

    def set_showing_link(self, shown: bool) -> None:
        """Show the guide page's QR code (with its token) in place of the notes, or the notes again.
        Only on a key press (G): the token is not left on the screen."""
        url = self.console.guide_url
        if shown and url:
            from zzkiosk.guide.link import qr_matrix

            self._link = (qr_matrix(url), url.split("#", 1)[0])
        else:
            self._link = None
        self.update()

    def set_notes_size(self, pixels: int) -> None:
        """Set the notes in `pixels` (at 1080p; 12 to 200)."""
        self.notes_size = min(max(pixels, 12), 200)
        self.update()

    def _next_tour(self) -> None:
        ids = [None, *(route.id for route in self.console.routes)]
        current = self.console.tour.id if self.console.tour else None
        self.console.choose_tour(ids[(ids.index(current) + 1) % len(ids)], SOURCE)

    # -- previews ------------------------------------------------------------------

    @Slot()
    def _console_changed(self) -> None:
        if self.console.show.deck is not self._deck:
            self._deck, self._thumbs = self.console.show.deck, {}
            self._keys.configure(self._deck)
        self._filler.start(0)
        self.update()

    def _wanted(self) -> list[tuple[int, QSize]]:
        state, layout = self.console.show.state(), self._layout()
        wanted = []
        for ref, rect in ((state.current, layout.current), (self.console.upcoming(state), layout.next)):
            if ref is not None:
                wanted.append((ref.index, rect.size()))
        return wanted

    @Slot()
    def _render_missing(self) -> None:
        from zzkiosk.player.overview import render_thumbnail

        missing = [(index, size) for index, size in self._wanted() if self._thumb(index, size) is None]
        if not missing or not self.isVisible():
            return
        if self.console.show.presentation.is_animating:  # a thumbnail costs tens of ms: never mid-transition
            self._filler.start(BUSY_RETRY_MS)
            return
        index, size = missing[0]
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(render_thumbnail(self._deck, index, size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        self._thumbs[index, size.width(), size.height()] = pixmap
        self.update()
        self._filler.start(0)

    @property
    def previews_ready(self) -> bool:
        """True when this slide's and the next slide's thumbnails are drawn (not their titles)."""
        return all(self._thumb(index, size) is not None for index, size in self._wanted())

    def _thumb(self, index: int, size: QSize) -> QPixmap | None:
        return self._thumbs.get((index, size.width(), size.height()))

    # -- drawing -------------------------------------------------------------------

    def _layout(self) -> panels.Layout:
        return panels.lay_out(self.width(), self.height(), self._deck.canvas)

    def _section_cells(self) -> list[QRect]:
        rect, count = self._layout().sections, len(self._deck.sections)
        gap = max(4, rect.height() // 6)
        width = (rect.width() - gap * (count - 1)) // max(count, 1)
        return [QRect(rect.x() + n * (width + gap), rect.y(), width, rect.height()) for n in range(count)]

    @property
    def accent(self) -> QColor:
        """The theme's accent colour."""
        return QColor(self._deck.theme.palette.accent)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The parts of the view inside the repainted area (each second, only the times and the bar)."""
        state, layout, dirty = self.console.show.state(), self._layout(), event.rect()
        family, scale = self._deck.theme.fonts.family, self.height() / 1080
        painter = QPainter(self)
        painter.fillRect(dirty, BACKGROUND)
        self._paint_top(painter, layout.top, state, family)
        budget = self.console.budget_minutes()
        share = self.console.tour_seconds() / (budget * 60) if budget else None
        panels.draw_budget(painter, layout.budget, share, self.accent)
        if dirty.intersects(layout.current.united(layout.next).united(layout.next_label)):
            self._paint_current(painter, layout.current, state, family)
            self._paint_next(painter, layout, state, family)
        if dirty.intersects(layout.notes) and self._link is not None:
            panels.draw_qr(painter, layout.notes, self._link[0], tr("guide's phone page: {url}", url=self._link[1]), family)
        elif dirty.intersects(layout.notes):
            panels.draw_notes(painter, layout.notes, state.notes, family, round(self.notes_size * scale))
        if dirty.intersects(layout.sections):
            section = state.current.section_number - 1 if state.current else -1
            titles = [part.title for part in self._deck.sections]
            panels.draw_sections(painter, layout.sections, titles, section, family, self.accent)
        painter.end()

    @Slot()
    def _tick(self) -> None:
        """A second passed: repaint the times and the budget bar only."""
        layout = self._layout()
        self.update(layout.top.united(layout.budget))

    def top_line(self, state: ShowState) -> tuple[str, str, str]:
        """The top line's words: the tour and where it stands, the clocks, the autoplay state."""
        tour, budget = self.console.tour, self.console.budget_minutes()
        left = f"{tour.title}" if tour else tr("whole deck, no tour")
        progress = self.console.tour_progress()
        if progress is not None:
            left += "   ·   " + tr("stop {stop}/{stops}", stop=progress[0], stops=progress[1])
        if state.current is not None:
            left += f"   ·   {state.current.number}/{state.total}"
        spent = panels.clock_text(self.console.tour_seconds())
        times = tr("tour {spent}", spent=spent) + (f" / {panels.clock_text(budget * 60)}" if budget else "")
        times += "    " + tr("this slide {time}", time=panels.clock_text(self.console.slide_seconds()))
        return left, f"{times}    {time.strftime('%H:%M')}", tr(AUTOPLAY_TEXT[state.autoplay])

    def _paint_top(self, painter: QPainter, rect: QRect, state: ShowState, family: str) -> None:
        left, times, autoplay = self.top_line(state)
        painter.setFont(font(family, rect.height() * 2 // 5, bold=True))
        painter.setPen(TEXT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, times)
        painter.setFont(font(family, rect.height() // 4))
        painter.setPen(DIM)
        painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, autoplay)

    def _paint_current(self, painter: QPainter, rect: QRect, state: ShowState, family: str) -> None:
        if state.cover in ("black", "white"):
            panels.draw_cover(painter, rect, state.cover, family)
            return
        self._paint_slide(painter, rect, state.current.index if state.current else None, family)
        painter.setPen(QColor(self.accent))
        painter.drawRect(rect.adjusted(-2, -2, 1, 1))

    def _paint_next(self, painter: QPainter, layout: panels.Layout, state: ShowState, family: str) -> None:
        ref = self.console.upcoming(state)
        painter.setFont(font(family, layout.next_label.height() * 3 // 4))
        painter.setPen(DIM)
        label = tr("next: {title}", title=ref.title or ref.slide) if ref else tr("next: — (this is the end)")
        painter.drawText(layout.next_label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        self._paint_slide(painter, layout.next, ref.index if ref else None, family)

    def _paint_slide(self, painter: QPainter, rect: QRect, index: int | None, family: str) -> None:
        thumb = self._thumb(index, rect.size()) if index is not None else None
        if thumb is not None:
            painter.drawPixmap(rect.topLeft(), thumb)
            return
        painter.fillRect(rect, QColor(255, 255, 255, 18))
        if index is not None:
            painter.setPen(DIM)
            painter.setFont(font(family, rect.height() // 9))
            title = self._deck.slides[index][1].title or self._deck.slides[index][1].id
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, title)
