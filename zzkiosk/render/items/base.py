"""What every block item shares: a box from the layout, a preferred height, entrance progress."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import ClassVar, Generic, Literal, TypeVar

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from zzkiosk.render.sprites import blit, device_scale
from zzkiosk.render.style import Style

SizeClass = Literal["small", "medium", "wide"]
"""How a grid layout places a block: small ones share a row (up to four), medium ones
go two to a row, wide ones take a whole row."""

Answer = TypeVar("Answer")

CARD_RADIUS = 18.0
"""Corner radius of the panels behind blocks, in design pixels."""


class LastTwo(Generic[Answer]):
    """Answers kept for the last two questions asked: each frame asks about its own
    progress and, to find what changed, again about the previous frame's."""

    def __init__(self):
        self._answers: dict[Hashable, Answer] = {}

    def get(self, question: Hashable, make: Callable[[], Answer]) -> Answer:
        """The answer to `question` (a progress, a figure), from `make()` the first time it is asked."""
        answer = self._answers.get(question)
        if answer is None:
            answer = make()
            if len(self._answers) >= 2:
                del self._answers[next(iter(self._answers))]
            self._answers[question] = answer
        return answer


class BlockItem(QGraphicsObject):
    """A block of a slide, drawn in the box the layout gives it (item coordinates 0,0 to w,h).

    Subclasses set `kind`, `size_class`, `flexible` and `animated`, and implement
    `preferred_height`, `relayout` (when the box changes) and `paint`. Items that count
    or grow implement `set_progress`; they drop their cache while progress changes.
    """

    kind: ClassVar[str] = ""
    """The block type this item draws (the registry key)."""
    size_class: ClassVar[SizeClass] = "small"
    """How the grid layout places it."""
    flexible: ClassVar[bool] = False
    """True when the block looks better with any spare height (charts, pictures)."""
    animated: ClassVar[bool] = False
    """True when the block counts or grows during its entrance."""
    centred: bool = False
    """Set by the scene before placing: the layout wants text centred (cover, quote)."""

    def __init__(self, model, style: Style):
        super().__init__()
        self.model = model
        self.style = style
        self._box = QRectF(0, 0, 1, 1)
        self._progress = 1.0
        self._static_layer: QPixmap | None = None
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def preferred_height(self, width: float) -> float:
        """The height the block would like at `width`, with its theme sizes."""
        raise NotImplementedError

    def minimum_height(self, width: float) -> float:
        """The least height a layout short of room may give it at `width` (0: whatever
        it gets; a text block needs its words at their smallest readable size)."""
        return 0.0

    def place(self, rect: QRectF) -> None:
        """Move the block into `rect` (scene coordinates) and lay its content out there."""
        self.prepareGeometryChange()
        self._box = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.setTransformOriginPoint(self._box.center())
        self._static_layer = None
        self.relayout()
        self.update()

    def relayout(self) -> None:
        """Recompute the content for the current box."""

    @property
    def box(self) -> QRectF:
        """The box given by the layout, in item coordinates."""
        return QRectF(self._box)

    @property
    def progress(self) -> float:
        """How far the count or growth has got, 0 to 1."""
        return self._progress

    def set_progress(self, progress: float) -> None:
        """Show the count or growth `progress` (0 to 1) of the way to the final values.

        Blocks that neither count nor grow ignore it (and keep their cache)."""
        progress = min(max(progress, 0.0), 1.0)
        if not self.animated or progress == self._progress:
            return
        previous, self._progress = self._progress, progress
        final = progress >= 1.0
        mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if final else QGraphicsItem.CacheMode.NoCache
        if self.cacheMode() != mode:
            self.setCacheMode(mode)
            self.progress_changed()
            self.update()
            return
        self.progress_changed()
        for rect in self.changed_rects(previous):  # a smaller repaint: a few digits, not the card
            self.update(rect)

    def progress_changed(self) -> None:
        """Hook: update whatever depends on progress (counter text, bar heights)."""

    def changed_rects(self, previous: float) -> list[QRectF]:
        """Where the picture changed since progress was `previous`, in item coordinates (all
        of `dynamic_rect` unless a subclass knows better): only this is repainted."""
        return [self.dynamic_rect()]

    def dynamic_rect(self) -> QRectF:
        """Where `paint_dynamic` can draw, in item coordinates (the whole box unless a
        subclass knows better): only this is repainted while progress changes."""
        return QRectF(self._box)

    def paint_static(self, painter: QPainter) -> None:
        """Draw what never changes (card, labels, axes)."""

    def paint_dynamic(self, painter: QPainter) -> None:
        """Draw what progress changes (the counting figure, growing bars)."""

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Draw the static part (from a pixmap of it while progress changes) and the rest.

        While counting or growing the item is not cached by Qt, so its static part is kept
        in a pixmap at the device scale instead and only the changing part is drawn anew.
        Once Qt caches the item (final values), its cache is filled from that pixmap too (the
        static part drawn anew, pyqtgraph axes and all, made a 25 ms frame at 1080p), and
        the pixmap is let go.
        """
        cached = self.cacheMode() != QGraphicsItem.CacheMode.NoCache
        if not cached or self._static_layer is not None:
            self._draw_static_layer(painter)
        else:
            self.paint_static(painter)
        self.paint_dynamic(painter)
        if cached:
            self._static_layer = None  # Qt's cache holds the whole item from now on

    def _draw_static_layer(self, painter: QPainter) -> None:
        scale = device_scale(painter)
        layer = self._static_layer
        if layer is None or layer.devicePixelRatio() != scale:
            layer = QPixmap(max(1, math.ceil(self._box.width() * scale)),
                            max(1, math.ceil(self._box.height() * scale)))
            layer.fill(Qt.GlobalColor.transparent)
            layer_painter = QPainter(layer)
            layer_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            layer_painter.scale(scale, scale)
            self.paint_static(layer_painter)
            layer_painter.end()
            layer.setDevicePixelRatio(scale)
            self._static_layer = layer
        blit(painter, QPointF(0, 0), layer)

    def let_go_of_painting(self) -> None:
        """Free what the block keeps only to be painted again quickly (the view paints its
        slide from a picture while it stands still); the next paint makes it anew."""
        self._static_layer = None

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        """The block's box: it never draws outside it."""
        return QRectF(self._box)

    def content_rect(self) -> QRectF:
        """The area actually inked, in item coordinates (always inside the box)."""
        return QRectF(self._box)

    def overflowed(self) -> bool:
        """True when some text had to be elided because it would not fit even shrunk."""
        return False
