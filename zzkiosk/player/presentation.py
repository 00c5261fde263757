"""Presentation: the deck, where the show is, and how it moves from one slide to the next.

It builds the current slide's scene (and discards the old one), runs the transition
between pre-rendered pictures of the two slides, then drives the new slide's entrance
from one 60 Hz timer that stops as soon as nothing moves. Controllers (keys, autoplay,
touch, reload, ...) call its public methods and listen to its signals; they never call each other.

A slide that cannot be built or drawn (an unreadable picture, a bug in a block item) is
skipped with a log line, never allowed to stop the show: see `skip_slide`.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGraphicsScene

from zzkiosk.player.ahead import Ahead, comes_in_moving
from zzkiosk.player.scenes import BlankScene, SceneFactory, SceneKeeper
from zzkiosk.render.easing import ease
from zzkiosk.render.memory import collect_garbage, trim_heap
from zzkiosk.show.navigation import Navigation

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck, SlideAt
    from zzkiosk.player.stage import StageLike

FRAME_MS = 16
"""Interval of the animation timer: one frame of a 60 Hz screen."""

HURRY_SECONDS = 0.12
"""A transition asked to make way for a queued change ends within this long."""

PREPARE_DELAY_MS = 100
"""Once a slide stands still, wait this long (its last frame is painted), collect garbage and
make the less likely slides ahead (zzkiosk.player.ahead)."""

log = logging.getLogger(__name__)


class Phase(Enum):
    """What the animation timer is doing."""

    STILL = "still"
    TRANSITION = "transition"
    ENTRANCE = "entrance"


class Presentation(QObject):
    """Plays a deck on a stage: navigation, transitions, entrances.

    Navigation asked for while a transition runs is queued, never lost: the running
    transition hurries to its end and the show goes straight on to where all the queued
    requests lead. Next at the last slide wraps to the first when the deck loops
    (`kiosk.loop`), else stays; previous at the first wraps to the last likewise.

    Crash policy: a slide whose scene raises while it is built, stepped or grabbed is
    marked broken, logged once, and skipped in the direction of travel; when no slide of
    the deck can be shown, the theme background is. `replace_deck` clears the marks.
    """

    slide_changed = Signal(int)
    """A new slide (flat index) became current; its transition starts now."""
    transition_finished = Signal()
    """The current slide has fully replaced the old one (at once for a cut or the first slide)."""
    deck_replaced = Signal()
    """`replace_deck` put a new deck in (hot reload); `slide_changed` follows. Refresh what
    was built from the old deck (overview thumbnails, section lists, ...)."""

    def __init__(self, deck: Deck, stage: StageLike, *, scene_factory: SceneFactory | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._navigation = Navigation(deck)
        self._stage = stage
        self._factory = scene_factory
        self._scenes = SceneKeeper(deck, scene_factory, self)
        self._direction = 1
        self._index = -1
        self._queued: int | None = None
        self._ahead = Ahead(self, stage, self._mark_broken, self)
        """The still slide's picture and the likely slides made ahead (docs/performance.md)."""
        self._phase = Phase.STILL
        self._progress = 0.0
        self._rate = 1.0
        self._last_tick = 0.0
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(FRAME_MS)
        self._ticker.timeout.connect(self._tick)
        self._prepare_timer = QTimer(self, singleShot=True, interval=PREPARE_DELAY_MS)
        """Runs prepare_next once a slide has stood still a moment. One timer, restarted: PySide6
        keeps a weak reference for good on every `QTimer.singleShot(msec > 0, context, method)`
        (docs/performance.md, "Memory (issue 20)": 2 a change, the 10,000-change soak's growth)."""
        self._prepare_timer.timeout.connect(self.prepare_next)

    # -- what is shown -------------------------------------------------------------

    @property
    def deck(self) -> Deck:
        """The deck being played."""
        return self._navigation.deck

    @property
    def navigation(self) -> Navigation:
        """Where moves lead in the deck being played (broken slides left out)."""
        return self._navigation

    @property
    def index(self) -> int:
        """Flat index of the current slide (-1 before start); mid-transition, the new one."""
        return self._index

    @property
    def count(self) -> int:
        """Number of slides in the deck."""
        return self._navigation.count

    @property
    def current(self) -> SlideAt:
        """The current slide with its section."""
        return self._navigation.at(self._index)

    @property
    def scene(self) -> QGraphicsScene | None:
        """The current slide's scene."""
        return self._scenes.current

    @property
    def scenes(self) -> SceneKeeper:
        """The scenes of the deck being played: the current one and those made ahead."""
        return self._scenes

    @property
    def is_animating(self) -> bool:
        """True while a transition or an entrance is running."""
        return self._phase is not Phase.STILL

    @property
    def in_transition(self) -> bool:
        """True while a transition is running."""
        return self._phase is Phase.TRANSITION

    # -- navigation ----------------------------------------------------------------

    def start(self, index: int = 0) -> None:
        """Show slide `index` at once (no transition) and run its entrance."""
        self._change_to(self._navigation.clamp(index), animate=False)

    @Slot()
    def next(self) -> None:
        """Go to the next slide (wrapping when the deck loops)."""
        self._request(self._step(1), 1)

    @Slot()
    def previous(self) -> None:
        """Go to the previous slide (wrapping when the deck loops)."""
        self._request(self._step(-1), -1)

    @Slot()
    def first(self) -> None:
        """Go to the first slide."""
        self._request(0, 1)

    @Slot()
    def last(self) -> None:
        """Go to the last slide."""
        self._request(self.count - 1, -1)

    @Slot(int)
    def go_to(self, index: int) -> None:
        """Go to slide `index` (clamped to the deck)."""
        self._request(self._navigation.clamp(index), 1)

    # -- replacing the deck and skipping broken slides ------------------------------

    def replace_deck(self, deck: Deck, index: int) -> None:
        """Play `deck` from now on, showing its slide `index` at once (no transition).

        The new slide's scene is built first: if that raises (say RenderError for a
        picture that cannot be read), the exception propagates and the old deck plays on
        untouched. Otherwise every old scene is freed and the new slide's entrance runs.
        """
        keeper = SceneKeeper(deck, self._factory, self)
        index = min(max(index, 0), len(deck.slides) - 1)
        try:
            scene = keeper.take(index)
        except Exception:
            keeper.deleteLater()
            raise
        self._stop()
        self._queued = None
        self._ahead.forget_still()
        self._stage.show_scene(scene)
        self._scenes.deleteLater()
        self._scenes, self._navigation = keeper, Navigation(deck)
        self._index = index
        self.deck_replaced.emit()
        self.slide_changed.emit(index)
        self._arrived()

    def skip_slide(self, error: BaseException) -> None:
        """The current slide failed while it was drawn: log it and show the next one that works.

        The show's own steps catch errors themselves; this is for errors raised where the
        presentation cannot catch them (an item's paint, called by Qt: see SlideCrashGuard).
        """
        if self._index < 0 or isinstance(self.scene, BlankScene):
            return
        self._mark_broken(self._index, error)
        self._change_to(self._index, animate=False)

    def _mark_broken(self, index: int, error: BaseException) -> None:
        """Skip slide `index` from now on, and log why the first time (one line; the
        traceback at debug level): an unattended loop does not retry and log the same
        broken picture every few minutes all day."""
        if not self._navigation.mark_broken(index):
            return
        section, slide = self._navigation.at(index)
        log.error("slide %d (%s/%s) skipped: %s: %s", index + 1, section.id, slide.id, type(error).__name__, error)
        log.debug("why slide %d failed", index + 1, exc_info=error)

    def _destination(self) -> int:
        """Where the show ends up once every queued request is served."""
        return self._index if self._queued is None else self._queued

    def _step(self, delta: int) -> int:
        return self._navigation.step(self._destination(), delta)

    def _request(self, index: int, direction: int) -> None:
        self._direction = direction
        if self._index < 0:
            self.start(index)
        elif self._phase is Phase.TRANSITION:
            self._queued = index
            self._rate = max(self._rate, (1.0 - self._progress) / HURRY_SECONDS)
        elif index != self._index:
            self._change_to(index, animate=True)

    # -- changing slides -----------------------------------------------------------

    def _change_to(self, index: int, *, animate: bool) -> None:
        self._stop()
        old_picture = self._ahead.old_picture() if animate and self._moves(index) else None
        self._ahead.forget(index)
        index, new_picture = self._show_working(index, with_picture=old_picture is not None)
        self._index = index
        self.slide_changed.emit(index)
        if new_picture is None:
            self._arrived()
            return
        spec = self._navigation.at(index).slide.transition
        self._stage.begin_transition(old_picture, new_picture, spec.type, spec.direction)
        self._progress, self._rate = 0.0, 1.0 / spec.duration
        self._run(Phase.TRANSITION)

    def _moves(self, index: int) -> bool:
        """True when slide `index` comes in with a transition that takes time."""
        return comes_in_moving(self._navigation, index)

    def _show_working(self, index: int, *, with_picture: bool) -> tuple[int, QPixmap | None]:
        """Show the first slide from `index` on that builds (and grabs, `with_picture`).

        Returns its index and its picture (None for a cut); the theme background alone
        (at `index`) when no slide of the deck can be shown.
        """
        for candidate in self._navigation.candidates(index, self._direction):
            try:
                wanted = with_picture and self._moves(candidate)
                kept = self._scenes.picture(candidate, self._stage.layout()) if wanted else None
                self._stage.show_scene(self._scenes.take(candidate))
                return candidate, (kept or self._stage.grab_canvas()) if wanted else None
            except Exception as error:
                self._mark_broken(candidate, error)
        log.error("no slide of the deck can be shown: showing the theme background")
        self._stage.show_scene(self._scenes.take_blank())
        return index, None

    def _arrived(self) -> None:
        """The current slide is fully in: serve the queue, or run its entrance."""
        queued, self._queued = self._queued, None
        if queued is not None and queued != self._index:
            self._change_to(queued, animate=True)
            return
        if self.scene.entrance_duration > 0:
            self._run(Phase.ENTRANCE)
        else:
            self._still()
        self.transition_finished.emit()

    def _still(self) -> None:
        """The slide has its final picture: stop the timer, then make the next slide ahead."""
        self._stop()
        try:
            self.scene.finish_entrance()
        except Exception as error:
            self.skip_slide(error)
            return
        self._ahead.came_to_rest()
        self._prepare_timer.start()

    @Slot()
    def prepare_next(self) -> None:
        """While the slide stands still: grab it, build (and grab) the likeliest next slide
        ahead, the others a moment apart after it (zzkiosk.player.ahead), and give the memory
        the last change freed back to the system. Runs by itself shortly after every
        slide comes to rest (collecting garbage then, not during the next animation);
        tests and the benchmark may call it at once."""
        if self._phase is not Phase.STILL:
            return
        self._ahead.prepare()
        collect_garbage()  # last: it may free the window this presentation belongs to (a closed one)
        trim_heap()

    def prepare_all_ahead(self) -> None:
        """Make every likely slide ahead now (what the kiosk spreads over the first moments
        of a still slide); for the benchmark's memory tour and tests."""
        self.prepare_next()
        while self._ahead.prepare_one_more():
            pass

    @Slot(int)
    def expect(self, index: int) -> None:
        """A move to slide `index` is likely soon (its number is being typed): make it ahead
        as soon as nothing moves, beside the next and previous slides."""
        self._ahead.expect(index)

    # -- frames --------------------------------------------------------------------

    def finish_transition(self) -> None:
        """End the running transition now and go on (to the queue, or the entrance)."""
        if self._phase is not Phase.TRANSITION:
            return
        self._stop()
        self._arrived()

    def transition_frame(self, progress: float) -> None:
        """Paint the running transition at linear `progress` (0..1) now, and stop its timer.

        Deterministic stepping for tests and the benchmark; `finish_transition()` ends it.
        """
        if self._phase is not Phase.TRANSITION:
            return
        self._ticker.stop()
        self._progress = min(max(progress, 0.0), 1.0)
        self._stage.draw_transition(self._eased(self._progress), now=True)

    def entrance_frame(self, seconds: float) -> None:
        """Show the current slide `seconds` into its entrance now, and stop the entrance timer.

        Deterministic stepping for tests and the benchmark; pending repaints are flushed.
        """
        if self.scene is None or self._phase is Phase.TRANSITION:
            return
        self._stop()
        if self._step_entrance(seconds):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _step_entrance(self, seconds: float) -> bool:
        """Put the current slide `seconds` into its entrance; False when it failed and was skipped."""
        try:
            self.scene.set_entrance_time(seconds)
        except Exception as error:
            self.skip_slide(error)
            return False
        return True

    def _eased(self, progress: float) -> float:
        return ease(self.current.slide.transition.easing, progress)

    def _run(self, phase: Phase) -> None:
        self._phase = phase
        self._clock.start()
        self._last_tick = 0.0
        self._ticker.start()

    def _stop(self) -> None:
        """Stop the timer, and take a transition's overlay down if one is up."""
        self._ticker.stop()
        if self._phase is Phase.TRANSITION:
            self._stage.end_transition()
        self._phase = Phase.STILL

    @Slot()
    def _tick(self) -> None:
        seconds = self._clock.elapsed() / 1000.0
        if self._phase is Phase.TRANSITION:
            self._progress = min(1.0, self._progress + (seconds - self._last_tick) * self._rate)
            self._last_tick = seconds
            if self._progress >= 1.0:
                self.finish_transition()
            else:
                self._stage.draw_transition(self._eased(self._progress))
        elif self._phase is Phase.ENTRANCE:
            if self._step_entrance(seconds) and seconds >= self.scene.entrance_duration:
                self._still()
