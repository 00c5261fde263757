"""CanvasView: shows one slide scene, scaled once to the window, centred and letterboxed."""

from __future__ import annotations

from contextlib import nullcontext

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmap, QResizeEvent, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from zzkiosk.render.canvas_fit import canvas_rect_in
from zzkiosk.render.memory import fit_pixmap_cache, return_freed_pictures


STRIDE_PAD = 16
"""Pixels added to the right of a grabbed picture (never shown). Rows as long as the
screen's make a copy to a few pixels right of the same place hit the CPU's 4 KB address
aliasing: a 4K push frame a pixel from its end took 11-18 ms instead of 3-4."""


class CanvasView(QGraphicsView):
    """A view that maps the design canvas onto its whole area with one exact uniform scale.

    The scale is set by hand rather than with `fitInView`, whose 2 px margin makes every
    cached pixmap a scaled draw (docs/performance.md: 4K delivery 20 -> 63 frames a second).
    Whatever lies outside the canvas (the letterbox) is painted in `letterbox`, also over
    items that stray off the canvas while they move in.

    While the slide stands still the stage covers the view with the slide's still picture,
    and the items let go of what they keep for painting live (`let_go_of_painting`).
    """

    def __init__(self, canvas: tuple[int, int], letterbox: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        # A viewport made here is known to PySide6: the one QAbstractScrollArea makes is not,
        # and the first viewport() that returned it made PySide6 look through every QWidget
        # class it has for its type, creating ~70 classes' enums (15 ms of every start).
        self.setViewport(QWidget())
        return_freed_pictures()
        self._canvas = canvas
        self._letterbox = QColor(letterbox)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setInteractive(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_letterbox(self._letterbox)
        self._fit()

    def set_letterbox(self, colour: QColor) -> None:
        """Paint the bars around the canvas in `colour` from now on."""
        self._letterbox = QColor(colour)
        palette = self.viewport().palette()
        palette.setColor(QPalette.ColorRole.Base, self._letterbox)
        palette.setColor(QPalette.ColorRole.Window, self._letterbox)
        self.viewport().setPalette(palette)
        self.viewport().update()

    @property
    def canvas(self) -> tuple[int, int]:
        """The design canvas (width, height) in design pixels."""
        return self._canvas

    def canvas_rect(self) -> QRectF:
        """Where the canvas lands in this view, in view pixels."""
        return canvas_rect_in(self.viewport().size(), self._canvas)

    def show_scene(self, scene: QGraphicsScene | None) -> None:
        """Show `scene` (a slide scene whose sceneRect is the canvas) in place of the current one."""
        old = self.scene()
        self.setScene(scene)
        if old is not None and old is not scene:
            _drop_device_caches(old)
        self._tell_scale()

    def let_go_of_painting(self) -> None:
        """Free what the shown scene's items keep only to be painted again quickly: Qt's
        caches of them (a screenful and more), the cells and layers they drew themselves.
        For a slide the stage covers with its still picture; the next paint makes them anew."""
        scene = self.scene()
        if scene is not None:
            let_go_of_painting(scene)

    def grab_canvas(self) -> QPixmap:
        """The canvas as it is shown now, at the view's exact device size (drawn unscaled).

        The whole view is rendered and the canvas cut out: rendering only the canvas
        rectangle shifts the device origin, and gradients then come out a level apart
        from what the screen shows, a visible step when the transition starts.
        """
        whole = self._render_opaque()
        ratio = whole.devicePixelRatio()
        area = self.canvas_rect().toAlignedRect()
        if area != self.viewport().rect():  # letterboxed: cut the canvas out
            whole = whole.copy(QRect(area.topLeft() * ratio, area.size() * ratio))
        return _opaque(whole, ratio)

    def _render_opaque(self) -> QPixmap:
        """The whole view rendered into an opaque pixmap (what grab() does, without its
        transparent fill: converting that to opaque held three more screenfuls for a moment)."""
        ratio = self.devicePixelRatioF()
        size = self.size() * ratio
        picture = QPixmap(size.width() + STRIDE_PAD, size.height())
        picture.setDevicePixelRatio(ratio)
        if picture.hasAlpha():  # a platform whose pixmaps are not opaque: let Qt do it all
            picture = None
        warming = getattr(self.scene(), "warming", None)  # a SlideScene: build its blocks' caches now
        with warming() if warming is not None else nullcontext():
            if picture is None:
                return self.grab()
            QWidget.render(self, picture)  # the widget, as grab() renders it (not the scene)
        return picture

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the canvas: one scale for the whole slide, never per item."""
        super().resizeEvent(event)
        self._fit()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """Paint the letterbox over whatever of `rect` lies outside the canvas."""
        canvas = QRectF(0, 0, *self._canvas)
        if canvas.contains(rect):
            return
        for bar in _outside(rect, canvas):
            painter.fillRect(bar, self._letterbox)

    def _fit(self) -> None:
        ratio = self.devicePixelRatioF()
        fit_pixmap_cache(round(self.viewport().width() * ratio), round(self.viewport().height() * ratio))
        # The view's own scene rect covers exactly the viewport, so with top-left alignment
        # the canvas origin lands on the whole-pixel offset that canvas_rect_in chose.
        size = self.viewport().size()
        rect = self.canvas_rect()
        scale = rect.width() / self._canvas[0] if rect.width() > 0 else 1.0
        self.setTransform(QTransform.fromScale(scale, scale))
        self.setSceneRect(
            QRectF(-rect.x() / scale, -rect.y() / scale, size.width() / scale, size.height() / scale)
        )
        self._tell_scale()

    def _tell_scale(self) -> None:
        """Let a slide scene know its device scale (it moves blocks by whole device pixels)."""
        tell = getattr(self.scene(), "set_device_scale", None)
        if tell is not None:
            tell(self.transform().m11() * self.devicePixelRatioF())


def let_go_of_painting(scene: QGraphicsScene) -> None:
    """Free what `scene`'s items keep only to be painted again quickly: Qt's caches of them,
    the cells and layers they drew themselves (the next paint makes them anew)."""
    _drop_device_caches(scene)
    for item in scene.items():
        let_go = getattr(item, "let_go_of_painting", None)
        if let_go is not None:
            let_go()


def _drop_device_caches(scene: QGraphicsScene) -> None:
    """Free the pictures Qt cached for `scene`'s items in this view, now that it is not shown.

    The slide it showed is on its way out (deleteLater), but until then its background and
    blocks' caches (a screenful and more: 33 MB at 4K) would sit beside the new slide's,
    built while the new slide is grabbed. A scene shown again rebuilds them on its first paint.
    """
    for item in scene.items():
        mode = item.cacheMode()
        if mode != QGraphicsItem.CacheMode.NoCache:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            item.setCacheMode(mode)


def _opaque(picture: QPixmap, ratio: float) -> QPixmap:
    """`picture` without an alpha channel (a slide is opaque): Qt then draws it as a plain
    copy, and a scaled draw (zoom) costs a quarter less (1080p: 6.6 -> 5.0 ms a frame)."""
    if not picture.hasAlpha():
        return picture
    opaque = QPixmap.fromImage(picture.toImage().convertToFormat(QImage.Format.Format_RGB32))
    opaque.setDevicePixelRatio(ratio)
    return opaque


def _outside(rect: QRectF, canvas: QRectF) -> list[QRectF]:
    """The parts of `rect` left, right, above and below `canvas` (they may overlap)."""
    bars = []
    if rect.left() < canvas.left():
        bars.append(QRectF(rect.left(), rect.top(), canvas.left() - rect.left(), rect.height()))
    if rect.right() > canvas.right():
        bars.append(QRectF(canvas.right(), rect.top(), rect.right() - canvas.right(), rect.height()))
    if rect.top() < canvas.top():
        bars.append(QRectF(rect.left(), rect.top(), rect.width(), canvas.top() - rect.top()))
    if rect.bottom() > canvas.bottom():
        bars.append(QRectF(rect.left(), canvas.bottom(), rect.width(), rect.bottom() - canvas.bottom()))
    return bars

