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
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGraphicsScene

from zzkiosk.player.scenes import BlankScene, SceneFactory, SceneKeeper
from zzkiosk.render.easing import ease
from zzkiosk.render.memory import collect_garbage, trim_heap
from zzkiosk.show.navigation import Navigation

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck, SlideAt

FRAME_MS = 16
"""Interval of the animation timer: one frame of a 60 Hz screen."""

HURRY_SECONDS = 0.12
"""A transition asked to make way for a queued change ends within this long."""

PREPARE_DELAY_MS = 100
"""Once a slide stands still, wait this long (its last frame is painted), collect garbage and
make the less likely slides ahead."""

PICTURED_AHEAD = 1
"""Of the slides made ahead, the likeliest this many (a number being typed, else the next) are
also grabbed ahead, with their items' caches built for the view; the others are made ahead as
scenes only. Each one grabbed ahead held 12-30 MB more at 1080p in the benchmark's tour
(its picture, 8 MB, and its caches): docs/performance.md, input latency."""

AHEAD_GAP_MS = 100
"""Between two slides made ahead: the event loop runs (a press is served in between), and
the next slide, the likeliest, is alone ahead for a moment."""

log = logging.getLogger(__name__)


class StageLike(Protocol):
    """The surface a presentation draws on (zzkiosk.player.stage.Stage)."""

    def show_scene(self, scene: QGraphicsScene | None) -> None: ...

    def grab_canvas(self) -> QPixmap: ...

    def grab_scene(self, scene: QGraphicsScene) -> QPixmap: ...

    def layout(self) -> tuple[int, int, float]: ...

    def begin_transition(self, old: QPixmap, new: QPixmap, kind: str, direction: str) -> None: ...

    def draw_transition(self, progress: float, *, now: bool = False) -> None: ...

    def end_transition(self) -> None: ...


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
        self._expected: int | None = None
        self._still_picture: tuple[int, object, QPixmap] | None = None
        """(index, stage layout, picture) of the current slide as it stands still: the old
        picture of the next transition, taken while nothing moves (docs/performance.md)."""
        self._phase = Phase.STILL
        self._progress = 0.0
        self._rate = 1.0
        self._last_tick = 0.0
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(FRAME_MS)
        self._ticker.timeout.connect(self._tick)

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
        self._still_picture = None
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
        old_picture = (self._kept_still() or self._grab()) if animate and self._moves(index) else None
        self._still_picture = self._expected = None
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
        spec = self._navigation.at(index).slide.transition
        return spec is not None and spec.type != "none" and spec.duration > 0

    def _kept_still(self) -> QPixmap | None:
        """The picture of the current slide taken once it stood still, if the stage is laid out as then."""
        kept = self._still_picture
        if kept is None or kept[0] != self._index or kept[1] != self._stage.layout():
            return None
        return kept[2]

    def _grab(self) -> QPixmap | None:
        """The canvas as shown now; None (a cut) if the slide on it fails to paint."""
        try:
            return self._stage.grab_canvas()
        except Exception as error:
            if self._index >= 0:
                self._mark_broken(self._index, error)
            return None

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
        self._get_ahead()
        QTimer.singleShot(PREPARE_DELAY_MS, self, self.prepare_next)

    def _get_ahead(self) -> None:
        """Grab the slide as it now stands and make the likeliest next one ahead (grabbed too),
        at once: the last frame goes out after this, and a press a moment later moves at once."""
        self._keep_still_picture()
        self._prepare_one_more()

    @Slot()
    def prepare_next(self) -> None:
        """While the slide stands still: grab it, build (and grab) the likeliest next slide
        ahead, the others AHEAD_GAP_MS apart after it, and give the memory the last change
        freed back to the system. Runs by itself shortly after every
        slide comes to rest (collecting garbage then, not during the next animation);
        tests and the benchmark may call it at once."""
        if self._phase is not Phase.STILL:
            return
        self._keep_still_picture()  # kept already when the slide came to rest by itself
        if self._prepare_one_more():
            QTimer.singleShot(AHEAD_GAP_MS, self, self._prepare_more)
        collect_garbage()  # last: it may free the window this presentation belongs to (a closed one)
        trim_heap()

    @Slot()
    def _prepare_more(self) -> None:
        """Make one more of the likely slides ahead, then give the event loop a turn: a press
        arriving meanwhile waits for one slide's build at most."""
        if self._prepare_one_more():
            QTimer.singleShot(AHEAD_GAP_MS, self, self._prepare_more)

    def prepare_all_ahead(self) -> None:
        """Make every likely slide ahead now (what the kiosk spreads over the first moments
        of a still slide); for the benchmark's memory tour and tests."""
        self.prepare_next()
        while self._prepare_one_more():
            pass

    def _prepare_one_more(self) -> bool:
        """Make the likeliest slide not made yet ahead; False when there is none (or something moves)."""
        if self._phase is not Phase.STILL:
            return False
        targets = self._ahead_targets()
        self._scenes.keep_only(targets, pictured=targets[:PICTURED_AHEAD])
        for position, index in enumerate(targets):
            pictured = position < PICTURED_AHEAD and self._moves(index)
            if self._scenes.prepared(index) is None or (pictured and self._scenes.picture(index, self._stage.layout()) is None):
                self._prepare_ahead(index, pictured=pictured)
                return True
        return False

    def _prepare_ahead(self, index: int, *, pictured: bool) -> None:
        """Build slide `index`'s scene ahead (and its picture, `pictured`); mark it broken if that fails."""
        try:
            self._scenes.prepare(index)
            if pictured:
                self._picture_ahead(index)
        except Exception as error:
            self._scenes.keep_only([target for target in self._ahead_targets() if target != index])
            self._mark_broken(index, error)

    @Slot(int)
    def expect(self, index: int) -> None:
        """A move to slide `index` is likely soon (its number is being typed): make it ahead
        as soon as nothing moves, beside the next and previous slides."""
        self._expected = self._navigation.clamp(index)
        if self._phase is Phase.STILL and self._index >= 0:
            QTimer.singleShot(0, self, self._prepare_more)

    def _ahead_targets(self) -> list[int]:
        """The slides made ahead, likeliest first: a number being typed, the next, the
        previous, the next and previous sections' starts."""
        wanted = [] if self._expected is None else [self._expected]
        wanted += [self._step(1), self._step(-1), self._navigation.section_step(self._index, 1),
                   self._navigation.section_step(self._index, -1)]
        targets = []
        for index in wanted:
            if index != self._index and index not in targets and not self._navigation.is_broken(index):
                targets.append(index)
        return targets

    def _keep_still_picture(self) -> None:
        """Take the picture the next transition starts from now, while nothing moves: a press
        then starts its transition without grabbing the slide (docs/performance.md)."""
        if self._still_picture is not None and self._still_picture[0] == self._index:
            return
        picture = self._grab()
        self._still_picture = None if picture is None else (self._index, self._stage.layout(), picture)

    def _picture_ahead(self, index: int) -> None:
        """Grab the prepared slide `index` at entrance time 0 (building its caches for the
        view on the way), so that going there starts its transition at once."""
        scene = self._scenes.prepared(index)
        if scene is None or self._scenes.picture(index, self._stage.layout()) is not None:
            return
        scene.set_entrance_time(0.0)
        self._scenes.keep_picture(index, self._stage.layout(), self._stage.grab_scene(scene))

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
