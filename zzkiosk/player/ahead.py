"""Made ahead: what a press is likely to need, prepared while the slide stands still.

A press should move at once (input latency, docs/performance.md). So while a slide stands
still, the presentation keeps its picture (the next transition's old picture; the screen
shows it meanwhile, and the slide's items let go of their caches), builds the
likeliest next slide and grabs it (the transition's new picture, with its items' caches
built for the view), and builds the other likely slides as scenes only, one every
AHEAD_GAP_MS. A number being typed becomes the likeliest slide.

`Ahead` holds that state and that policy; the presentation tells it when the slide came to
rest, when a number is being typed and when everything made ahead is stale, and asks it
for the old picture when a change starts. What it made lives in the presentation's
SceneKeeper (scenes and their pictures); the still picture lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QPixmap

if TYPE_CHECKING:
    from zzkiosk.player.scenes import SceneKeeper
    from zzkiosk.player.stage import StageLike
    from zzkiosk.show.navigation import Navigation

PICTURED_AHEAD = 1
"""Of the slides made ahead, the likeliest this many (a number being typed, else the next) are
also grabbed ahead, with their items' caches built for the view; the others are made ahead as
scenes only. Each one grabbed ahead held 12-30 MB more at 1080p in the benchmark's tour
(its picture, 8 MB, and its caches): docs/performance.md, input latency."""

PICTURED_AHEAD_LARGE = 5
"""On a screen larger than LARGE_SCREEN_PIXELS every likely slide is grabbed ahead: there a grab
at the press (~70-90 ms at 4K) put previous and the section jumps at the 100 ms target; the
price: the 4K tour peaks at ~556 MB instead of ~374 (no memory target is set for 4K kiosks)."""

LARGE_SCREEN_PIXELS = 2560 * 1440
"""Device pixels of a canvas above which PICTURED_AHEAD_LARGE applies."""


def pictured_ahead(layout: tuple[int, int, float]) -> int:
    """How many of the likely slides are grabbed ahead on a stage laid out as `layout`."""
    width, height, ratio = layout
    return PICTURED_AHEAD_LARGE if width * height * ratio * ratio > LARGE_SCREEN_PIXELS else PICTURED_AHEAD


AHEAD_GAP_MS = 100
"""Between two slides made ahead: the event loop runs (a press is served in between), and
the next slide, the likeliest, is alone ahead for a moment."""


class AheadHost(Protocol):
    """The presentation as `Ahead` sees it (zzkiosk.player.presentation.Presentation)."""

    @property
    def index(self) -> int: ...

    @property
    def navigation(self) -> Navigation: ...

    @property
    def is_animating(self) -> bool: ...

    @property
    def scenes(self) -> SceneKeeper: ...


def comes_in_moving(navigation: Navigation, index: int) -> bool:
    """True when slide `index` comes in with a transition that takes time (so it needs pictures)."""
    spec = navigation.at(index).slide.transition
    return spec is not None and spec.type != "none" and spec.duration > 0


class Ahead(QObject):
    """The still slide's picture and the likely slides made ahead, for one presentation.

    `mark_broken(index, error)` is called for a slide that fails while it is made or
    grabbed ahead: the presentation logs it and skips it from then on.
    """

    def __init__(self, host: AheadHost, stage: StageLike, mark_broken: Callable[[int, BaseException], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._host, self._stage, self._mark_broken = host, stage, mark_broken
        self._expected: int | None = None
        self._still_picture: tuple[int, object, QPixmap] | None = None
        """(index, stage layout, picture) of the current slide as it stands still."""
        self._more = QTimer(self, singleShot=True, interval=AHEAD_GAP_MS)
        """The next turn of making ahead (one timer, restarted: a `QTimer.singleShot` with a
        delay and a context leaks a weak reference in PySide6, see Presentation._prepare_timer)."""
        self._more.timeout.connect(self._prepare_more)

    # -- what the presentation tells it ---------------------------------------------

    def forget(self, destination: int | None = None) -> None:
        """A change starts: the still picture and the typed number are spent. With the change's
        `destination`, when no picture of it was taken ahead (it is built or grabbed now, at the
        press), what was made ahead for the slide being left goes first, except the
        destination's own scene and the slides made ahead for it: it would go at the
        destination's first turn of making ahead anyway, and going now it is not held while
        the destination is built and grabbed (a jump held it all, the peak of a kiosk's memory:
        docs/performance.md, "Memory (issue 20)"). Letting go costs the press time (1080p
        ~2 ms, 4K 11 ms for a jump), so a destination grabbed ahead (nothing is grabbed at the
        press) leaves it to that turn, and so does a large screen, where every likely slide is
        grabbed ahead for the presses' sake (PICTURED_AHEAD_LARGE)."""
        self._still_picture = self._expected = None
        self._stage.paint_live()
        scenes, layout = self._host.scenes, self._stage.layout()
        grabbed_ahead = scenes.picture(destination, layout) is not None if destination is not None else True
        if grabbed_ahead or pictured_ahead(layout) > PICTURED_AHEAD:
            return
        targets = self._targets(destination)
        scenes.keep_only([destination, *targets], pictured=targets[:PICTURED_AHEAD])

    def forget_still(self) -> None:
        """The slide on screen was replaced without a change (a reload): its picture is stale."""
        self._still_picture = None
        self._stage.paint_live()

    def expect(self, index: int) -> None:
        """Slide `index` is likely next (its number is being typed): make it ahead, first,
        as soon as nothing moves."""
        self._expected = self._host.navigation.clamp(index)
        if not self._host.is_animating and self._host.index >= 0:
            QTimer.singleShot(0, self, self.prepare)

    def came_to_rest(self) -> None:
        """The slide just stood still: keep its picture and make the likeliest slide ahead,
        at once (the last frame goes out after this; a press a moment later moves at once)."""
        self._keep_still_picture()
        self.prepare_one_more()

    @Slot()
    def prepare(self) -> None:
        """Keep the still picture, make the likeliest slide ahead now and the others
        AHEAD_GAP_MS apart after it (nothing while something moves)."""
        if self._host.is_animating:
            return
        self._keep_still_picture()  # kept already when the slide came to rest by itself
        if self.prepare_one_more():
            self._more.start()

    # -- what it gives -------------------------------------------------------------

    def old_picture(self) -> QPixmap | None:
        """The picture a change from the current slide starts from: the one taken as it stood
        still if the stage is laid out as then, else the canvas grabbed now (None, a cut,
        if the slide on it fails to paint)."""
        kept = self._still_picture
        if kept is not None and kept[0] == self._host.index and kept[1] == self._stage.layout():
            return kept[2]
        return self._grab_shown()

    def _grab_shown(self) -> QPixmap | None:
        """The canvas as shown now; None if the slide on it fails to paint (marked broken)."""
        try:
            return self._stage.grab_canvas()
        except Exception as error:
            if self._host.index >= 0:
                self._mark_broken(self._host.index, error)
            return None

    # -- making ahead --------------------------------------------------------------

    @Slot()
    def _prepare_more(self) -> None:
        """Make one more of the likely slides ahead, then give the event loop a turn: a press
        arriving meanwhile waits for one slide's build at most.

        Only for the slide whose still picture is kept: a turn left over from a slide since
        left waits for the new slide's picture, taken first so that its items' caches go
        before the next slide builds its own (otherwise both slides' caches and the two
        pictures were held at once, ~12 MB more at 1080p)."""
        if self._still_picture is None or self._still_picture[0] != self._host.index:
            return
        if self.prepare_one_more():
            self._more.start()

    def prepare_one_more(self) -> bool:
        """Make the likeliest slide not made yet ahead; False when there is none (or something moves)."""
        if self._host.is_animating:
            return False
        scenes, layout = self._host.scenes, self._stage.layout()
        targets, pictures = self._targets(), pictured_ahead(layout)
        scenes.keep_only(targets, pictured=targets[:pictures])
        for position, index in enumerate(targets):
            pictured = position < pictures and comes_in_moving(self._host.navigation, index)
            if scenes.prepared(index) is None or (pictured and scenes.picture(index, layout) is None):
                self._prepare(index, pictured=pictured)
                return True
        return False

    def _prepare(self, index: int, *, pictured: bool) -> None:
        """Build slide `index`'s scene ahead (and its picture, `pictured`); mark it broken if that fails."""
        scenes = self._host.scenes
        try:
            scenes.prepare(index)
            if pictured:
                self._picture(index)
        except Exception as error:
            scenes.keep_only([target for target in self._targets() if target != index])
            self._mark_broken(index, error)

    def _targets(self, current: int | None = None) -> list[int]:
        """The slides made ahead while slide `current` (default: the one shown) stands still,
        likeliest first: a number being typed, the next, the previous, the next and previous
        sections' starts (broken ones left out)."""
        navigation = self._host.navigation
        current = self._host.index if current is None else current
        wanted = [] if self._expected is None else [self._expected]
        wanted += [navigation.step(current, 1), navigation.step(current, -1),
                   navigation.section_step(current, 1), navigation.section_step(current, -1)]
        targets = []
        for index in wanted:
            if index != current and index not in targets and not navigation.is_broken(index):
                targets.append(index)
        return targets

    def _keep_still_picture(self) -> None:
        """Take the picture the next transition starts from now, while nothing moves: a press
        then starts its transition without grabbing the slide (docs/performance.md)."""
        current = self._host.index
        if self._still_picture is not None and self._still_picture[0] == current:
            return
        picture = self._grab_shown()
        self._still_picture = None if picture is None else (current, self._stage.layout(), picture)
        if picture is not None:  # the screen shows this picture from now on, not the items
            self._stage.paint_still(picture)

    def _picture(self, index: int) -> None:
        """Grab the prepared slide `index` at entrance time 0 (building its caches for the
        view on the way), so that going there starts its transition at once."""
        scenes, layout = self._host.scenes, self._stage.layout()
        scene = scenes.prepared(index)
        if scene is None or scenes.picture(index, layout) is not None:
            return
        scene.set_entrance_time(0.0)
        scenes.keep_picture(index, layout, self._stage.grab_scene(scene))
