"""Stage: the canvas view, and over it the blended pictures while a transition runs, or the
slide's still picture while it stands still."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QRegion, QResizeEvent
from PySide6.QtWidgets import QGraphicsScene, QWidget

from zzkiosk.player.canvas import CanvasView
from zzkiosk.player.transitions import TransitionDraw, strategy_for


class StageLike(Protocol):
    """What a Presentation needs of the surface it draws on: Stage below, or a test's stand-in."""

    def show_scene(self, scene: QGraphicsScene | None) -> None: ...

    def grab_canvas(self) -> QPixmap: ...

    def grab_scene(self, scene: QGraphicsScene) -> QPixmap: ...

    def layout(self) -> tuple[int, int, float]: ...

    def paint_still(self, picture: QPixmap) -> None: ...

    def paint_live(self) -> None: ...

    def begin_transition(self, old: QPixmap, new: QPixmap, kind: str, direction: str) -> None: ...

    def draw_transition(self, progress: float, *, now: bool = False) -> None: ...

    def end_transition(self) -> None: ...


class TransitionOverlay(QWidget):
    """Covers the whole stage during a transition and paints one frame of it at a time.

    It is opaque, so the view under it is never repainted while it is up; it draws the
    two pre-rendered pictures with the transition's strategy, unscaled where it can.
    """

    def __init__(self, letterbox: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        self._letterbox = QColor(letterbox)
        self._area = QRect()
        self._old = QPixmap()
        self._new = QPixmap()
        self._draw: TransitionDraw = strategy_for("none")
        self._direction = "left"
        self._progress = 0.0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def begin(self, area: QRect, old: QPixmap, new: QPixmap, kind: str, direction: str) -> None:
        """Cover the stage with the first frame (exactly `old`) of a `kind` transition."""
        self._area, self._old, self._new = QRect(area), old, new
        self._draw, self._direction, self._progress = strategy_for(kind), direction, 0.0
        self.raise_()
        self.show()

    def set_letterbox(self, colour: QColor) -> None:
        """Fill what the transition leaves uncovered with `colour` from now on."""
        self._letterbox = QColor(colour)

    def set_progress(self, progress: float, *, now: bool = False) -> None:
        """Show the frame at eased `progress`; with `now`, paint it before returning."""
        self._progress = progress
        if now:
            self.repaint()
        else:
            self.update()

    def end(self) -> None:
        """Uncover the stage and let go of the pictures."""
        self.hide()
        self._old, self._new = QPixmap(), QPixmap()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Letterbox around the canvas area, the strategy's frame inside it."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        if not self._area.contains(self.rect()):  # letterboxed
            painter.setClipRegion(QRegion(self.rect()) - QRegion(self._area))
            painter.fillRect(self.rect(), self._letterbox)
        painter.setClipRect(self._area)
        self._draw(painter, self._area, self._old, self._new, self._progress, self._direction)
        painter.end()


class StillCover(QWidget):
    """Covers the view with the still slide's picture (`CanvasView.grab_canvas` of it, the
    very pixels its items paint). It is opaque, so the view under it is not repainted while
    it is up, and the slide's items can let go of their caches (docs/performance.md,
    "Memory (issue 20)"): every grab ahead shows the view another scene for a moment, and
    the view painting the still slide again afterwards built them all anew."""

    def __init__(self, letterbox: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        self._letterbox = QColor(letterbox)
        self._area = QRect()
        self._picture = QPixmap()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def cover(self, area: QRect, picture: QPixmap) -> None:
        """Show `picture` (the canvas at device size) in `area`, the letterbox around it."""
        self._area, self._picture = QRect(area), picture
        self.show()

    def uncover(self) -> None:
        """Let the view be seen again, and the picture go."""
        self.hide()
        self._picture = QPixmap()

    def set_letterbox(self, colour: QColor) -> None:
        """Fill around the canvas with `colour` from now on."""
        self._letterbox = QColor(colour)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        """The letterbox, and the picture unscaled in the canvas area."""
        painter = QPainter(self)
        if not self._area.contains(self.rect()):  # letterboxed
            painter.setClipRegion(QRegion(self.rect()) - QRegion(self._area))
            painter.fillRect(self.rect(), self._letterbox)
            painter.setClipping(False)
        ratio = self._picture.devicePixelRatio()
        share = QRectF(0, 0, min(self._picture.width(), round(self._area.width() * ratio)),
                       min(self._picture.height(), round(self._area.height() * ratio)))
        target = QRectF(self._area.x(), self._area.y(), share.width() / ratio, share.height() / ratio)
        painter.drawPixmap(target, self._picture, share)
        painter.end()


class Stage(QWidget):
    """Where slides are shown: a CanvasView, covered by a TransitionOverlay during changes
    and by a StillCover while a slide stands still.

    This is the whole surface the Presentation draws on: show a scene, grab the canvas
    as it is now, show it as a still picture, and run the frames of a transition.
    """

    def __init__(self, canvas: tuple[int, int], letterbox: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = CanvasView(canvas, letterbox, self)
        """The view showing the current slide's scene."""
        self._cover = StillCover(letterbox, self)
        self._overlay = TransitionOverlay(letterbox, self)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_scene(self, scene: QGraphicsScene | None) -> None:
        """Show `scene` in the view (under the overlay if a transition is up)."""
        self._cover.uncover()
        self.view.show_scene(scene)

    def grab_canvas(self) -> QPixmap:
        """The canvas as the view shows it now, at exact device size."""
        return self.view.grab_canvas()

    def paint_still(self, picture: QPixmap) -> None:
        """Show the slide standing still as `picture` (`grab_canvas` of it) and free what its
        items keep for painting live, until `paint_live`, another scene or a resize. The
        slide must not change meanwhile: the presentation calls this once it stands still,
        and `paint_live` before anything in it moves again."""
        if picture.isNull() or self.view.scene() is None:
            return
        self._cover.setGeometry(self.rect())
        self._cover.cover(self._canvas_area(), picture)
        self.view.let_go_of_painting()

    def paint_live(self) -> None:
        """Show the slide's items again (it is about to move or be replaced)."""
        self._cover.uncover()

    @property
    def painting_still(self) -> bool:
        """True while the slide is shown as its still picture."""
        return not self._cover.isHidden()

    def _canvas_area(self) -> QRect:
        return self.view.canvas_rect().toAlignedRect().translated(self.view.pos())

    def layout(self) -> tuple[int, int, float]:
        """What a grabbed picture depends on besides the slide: the view's size and pixel ratio.
        A picture kept from an earlier grab is only good while this is unchanged."""
        return self.view.width(), self.view.height(), self.view.devicePixelRatioF()

    def grab_scene(self, scene: QGraphicsScene) -> QPixmap:
        """`scene` (not the one shown) as `grab_canvas` would give it once shown, with its
        items' caches for this view built on the way (see docs/performance.md, input latency).

        The view shows `scene` only for the length of the grab, within one turn of the event
        loop: the screen never sees it, and the shown scene repaints once afterwards."""
        shown = self.view.scene()
        self.view.setScene(scene)
        try:
            _tell_scale(self.view, scene)
            return self.view.grab_canvas()
        finally:
            self.view.setScene(shown)
            _tell_scale(self.view, shown)

    def begin_transition(self, old: QPixmap, new: QPixmap, kind: str, direction: str) -> None:
        """Cover the view and show the first frame of a transition from `old` to `new`."""
        self._overlay.begin(self._canvas_area(), old, new, kind, direction)

    def draw_transition(self, progress: float, *, now: bool = False) -> None:
        """Show the transition frame at eased `progress` (painted at once with `now`)."""
        self._overlay.set_progress(progress, now=now)

    def end_transition(self) -> None:
        """Take the overlay away: the view shows the new slide's live scene again."""
        self._overlay.end()

    @property
    def overlay(self) -> QWidget:
        """The widget that paints transition frames (hidden between transitions)."""
        return self._overlay

    @property
    def in_transition(self) -> bool:
        """True while the overlay covers the view."""
        return not self._overlay.isHidden()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """View and overlay both cover the whole stage."""
        super().resizeEvent(event)
        self.view.setGeometry(self.rect())
        self._overlay.setGeometry(self.rect())
        self._cover.uncover()  # the picture no longer fits: the items paint again

    def set_letterbox(self, colour: QColor) -> None:
        """Paint the bars around the canvas in `colour` from now on (a reloaded theme)."""
        self.view.set_letterbox(colour)
        self._cover.set_letterbox(colour)
        self._overlay.set_letterbox(colour)


def _tell_scale(view: CanvasView, scene: QGraphicsScene | None) -> None:
    """Let a slide scene know the view's device scale (it moves blocks by whole device pixels)."""
    tell = getattr(scene, "set_device_scale", None)
    if tell is not None:
        tell(view.transform().m11() * view.devicePixelRatioF())
