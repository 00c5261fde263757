"""What every block item shares: a box from the layout, a preferred height, entrance progress."""

from __future__ import annotations

from typing import ClassVar, Literal

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from zzkiosk.render.style import Style

SizeClass = Literal["small", "medium", "wide"]
"""How a grid layout places a block: small ones share a row (up to four), medium ones
go two to a row, wide ones take a whole row."""

CARD_RADIUS = 18.0
"""Corner radius of the panels behind blocks, in design pixels."""


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
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def preferred_height(self, width: float) -> float:
        """The height the block would like at `width`, with its theme sizes."""
        raise NotImplementedError

    def place(self, rect: QRectF) -> None:
        """Move the block into `rect` (scene coordinates) and lay its content out there."""
        self.prepareGeometryChange()
        self._box = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.setTransformOriginPoint(self._box.center())
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
        """Show the count or growth `progress` (0 to 1) of the way to the final values."""
        progress = min(max(progress, 0.0), 1.0)
        if progress == self._progress:
            return
        self._progress = progress
        final = progress >= 1.0
        mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if final else QGraphicsItem.CacheMode.NoCache
        if self.cacheMode() != mode:
            self.setCacheMode(mode)
        self.progress_changed()
        self.update()

    def progress_changed(self) -> None:
        """Hook: update whatever depends on progress (counter text, bar heights)."""

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        """The block's box: it never draws outside it."""
        return QRectF(self._box)

    def content_rect(self) -> QRectF:
        """The area actually inked, in item coordinates (always inside the box)."""
        return QRectF(self._box)

    def overflowed(self) -> bool:
        """True when some text had to be elided because it would not fit even shrunk."""
        return False
