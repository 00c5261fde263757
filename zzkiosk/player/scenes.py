"""SceneKeeper: builds slide scenes, keeps the current one and one made ahead, frees the rest."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import QGraphicsScene

from zzkiosk.player.canvas import let_go_of_painting
from zzkiosk.render.memory import freeze_long_lived

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck, Section
    from zzkiosk.deck.plain import Slide

SceneFactory = Callable[["Deck", "Section", "Slide"], QGraphicsScene]
"""Builds the scene of one slide: (deck, section, slide) -> scene. The scene has the API of
zzkiosk.render.scene.SlideScene: `entrance_duration`, `set_entrance_time(s)`, `finish_entrance()`."""


def slide_scene(deck: Deck, section: Section, slide: Slide) -> QGraphicsScene:
    """The renderer's scene for one slide (imported on first use: charts pull in pyqtgraph)."""
    from zzkiosk.render.scene import SlideScene

    return SlideScene(deck, section, slide)


log = logging.getLogger(__name__)


class BlankScene(QGraphicsScene):
    """The theme's background and nothing else: shown when no slide of the deck can be drawn.

    It has the entrance API of a slide scene (with no entrance), and holds no items, so
    nothing in it can fail to paint.
    """

    entrance_duration = 0.0
    """A blank canvas has no entrance."""

    def __init__(self, deck: Deck, parent: QObject | None = None):
        super().__init__(parent)
        rect = QRectF(0, 0, *deck.canvas)
        self.setSceneRect(rect)
        self.setBackgroundBrush(_background(deck, rect))

    def set_entrance_time(self, seconds: float) -> None:
        """Nothing moves on a blank canvas."""

    def finish_entrance(self) -> None:
        """Nothing moves on a blank canvas."""


def _background(deck: Deck, rect: QRectF) -> QBrush:
    """The theme's background colour or gradient; its plain palette colour if that fails."""
    try:
        from zzkiosk.render.decor import background_brush
        from zzkiosk.render.style import Style

        return background_brush(Style.for_deck(deck), rect)
    except Exception as error:  # noqa: BLE001 (the last resort must not fail)
        log.warning("theme background cannot be drawn (%s); using its palette colour", error)
        return QBrush(QColor(deck.theme.palette.background))


class SceneKeeper(QObject):
    """Owns the slide scenes: the current one and those prepared ahead of time, with their pictures.

    Preparing the slides a press is likely to go to (next, previous, a section start, a
    number being typed) while the current one stands still takes the scene build (and,
    for the first chart, pyqtgraph's ~0.4 s import) and the grab of the new slide out of
    the moment a visitor presses. A replaced or unused scene is freed with deleteLater.

    A scene that fails to build raises from `take` or `prepare` and leaves the keeper as
    it was; the presentation decides what to show instead.
    """

    def __init__(self, deck: Deck, factory: SceneFactory | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._deck = deck
        self._slides = deck.slides
        self._factory = factory or slide_scene
        self._current: QGraphicsScene | None = None
        self._ahead: dict[int, QGraphicsScene] = {}
        self._pictures: dict[int, tuple[object, QPixmap]] = {}

    @property
    def current(self) -> QGraphicsScene | None:
        """The scene of the current slide."""
        return self._current

    def take(self, index: int) -> QGraphicsScene:
        """Make slide `index`'s scene current, at entrance time 0; free the one it replaces."""
        scene = self._ahead.pop(index, None)
        self._pictures.pop(index, None)
        if scene is None:
            scene = self._build(index)
        try:
            scene.set_entrance_time(0.0)
        except Exception:
            scene.deleteLater()
            raise
        self._replace_current(scene)
        return scene

    def take_blank(self) -> QGraphicsScene:
        """Make a BlankScene (the theme background alone) current; free the one it replaces."""
        scene = BlankScene(self._deck, self)
        self._replace_current(scene)
        return scene

    def _replace_current(self, scene: QGraphicsScene) -> None:
        if self._current is not None:
            self._current.deleteLater()
        self._current = scene

    def prepare(self, index: int) -> None:
        """Build slide `index`'s scene now, so that `take(index)` is quick (kept until
        taken, or dropped by `keep_only` or `forget_prepared`)."""
        if index not in self._ahead:
            self._ahead[index] = self._build(index)

    def keep_only(self, indices: Collection[int], pictured: Collection[int] | None = None) -> None:
        """Free the scenes prepared ahead for slides other than `indices`, and the pictures
        of slides other than `pictured` (default: `indices`)."""
        for index in [index for index in self._ahead if index not in indices]:
            scene = self._ahead.pop(index)
            let_go_of_painting(scene)  # now: deleteLater frees the scene only once the event loop runs
            scene.deleteLater()
        pictured = indices if pictured is None else pictured
        for index in [index for index in self._pictures if index not in pictured]:
            del self._pictures[index]

    def forget_prepared(self) -> None:
        """Free every scene prepared ahead (the deck file they came from may have changed)."""
        self.keep_only(())

    def prepared(self, index: int) -> QGraphicsScene | None:
        """The scene made ahead for slide `index`, if one was."""
        return self._ahead.get(index)

    def keep_picture(self, index: int, layout: object, picture: QPixmap) -> None:
        """Remember `picture`, the prepared slide `index` at entrance time 0 as the stage
        showed it with `layout` (Stage.layout): its transition can start without a grab."""
        if index in self._ahead:
            self._pictures[index] = (layout, picture)

    def picture(self, index: int, layout: object) -> QPixmap | None:
        """The picture kept for the prepared slide `index`, if it was taken with `layout`."""
        kept = self._pictures.get(index)
        return kept[1] if kept is not None and kept[0] == layout else None

    def _build(self, index: int) -> QGraphicsScene:
        section, slide = self._slides[index]
        charts_loaded = "pyqtgraph" in sys.modules
        scene = self._factory(self._deck, section, slide)
        if not charts_loaded and "pyqtgraph" in sys.modules:
            freeze_long_lived()  # the first chart imported pyqtgraph and numpy: their modules and classes stay for good
        scene.setParent(self)
        return scene
