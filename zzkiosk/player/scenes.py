"""SceneKeeper: builds slide scenes, keeps the current one and one made ahead, frees the rest."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import QGraphicsScene

from zzkiosk.render.memory import freeze_long_lived

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck, Section
    from zzkiosk.deck.model import Slide

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
    """Owns the slide scenes: at most the current one and one prepared ahead of time.

    Preparing the likely next slide while the current one stands still takes the scene
    build (and, for the first chart, pyqtgraph's ~0.4 s import) out of the moment a
    visitor presses next. A replaced or unused scene is freed with deleteLater.

    A scene that fails to build raises from `take` or `prepare` and leaves the keeper as
    it was; the presentation decides what to show instead.
    """

    def __init__(self, deck: Deck, factory: SceneFactory | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._deck = deck
        self._slides = deck.slides
        self._factory = factory or slide_scene
        self._current: QGraphicsScene | None = None
        self._ahead: tuple[int, QGraphicsScene] | None = None
        self._ahead_picture: tuple[object, QPixmap] | None = None

    @property
    def current(self) -> QGraphicsScene | None:
        """The scene of the current slide."""
        return self._current

    def take(self, index: int) -> QGraphicsScene:
        """Make slide `index`'s scene current, at entrance time 0; free the one it replaces."""
        if self._ahead is not None and self._ahead[0] == index:
            scene, self._ahead, self._ahead_picture = self._ahead[1], None, None
        else:
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
        """Build slide `index`'s scene now, so that `take(index)` is quick; drop another prepared one."""
        if self._ahead is not None and self._ahead[0] == index:
            return
        self.forget_prepared()
        self._ahead = (index, self._build(index))

    def forget_prepared(self) -> None:
        """Free the scene prepared ahead, if any (the deck file it came from may have changed)."""
        self._ahead_picture = None
        if self._ahead is not None:
            self._ahead[1].deleteLater()
            self._ahead = None

    def prepared(self, index: int) -> QGraphicsScene | None:
        """The scene made ahead for slide `index`, if that is the one made ahead."""
        return self._ahead[1] if self._ahead is not None and self._ahead[0] == index else None

    def keep_picture(self, index: int, layout: object, picture: QPixmap) -> None:
        """Remember `picture`, the prepared slide `index` at entrance time 0 as the stage
        showed it with `layout` (Stage.layout): its transition can start without a grab."""
        if self.prepared(index) is not None:
            self._ahead_picture = (layout, picture)

    def picture(self, index: int, layout: object) -> QPixmap | None:
        """The picture kept for the prepared slide `index`, if it was taken with `layout`."""
        if self.prepared(index) is None or self._ahead_picture is None or self._ahead_picture[0] != layout:
            return None
        return self._ahead_picture[1]

    def _build(self, index: int) -> QGraphicsScene:
        section, slide = self._slides[index]
        charts_loaded = "pyqtgraph" in sys.modules
        scene = self._factory(self._deck, section, slide)
        if not charts_loaded and "pyqtgraph" in sys.modules:
            freeze_long_lived()  # the first chart imported pyqtgraph and numpy: their modules and classes stay for good
        scene.setParent(self)
        return scene
