"""Image: a picture from the deck folder, contained or covering its box, with a caption."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from zzkiosk.deck.plain import Image
from zzkiosk.render.errors import read_image
from zzkiosk.render.items.base import CARD_RADIUS, BlockItem
from zzkiosk.render.typesetting import LaidLine, Run, TextBox

CAPTION_GAP = 14.0


def fitted_rect(image_size: QSizeF, box: QRectF, fit: str) -> QRectF:
    """The rect to draw a picture of `image_size` in: inside `box` (contain) or over it (cover)."""
    if image_size.isEmpty():
        return QRectF(box)
    mode = (Qt.AspectRatioMode.KeepAspectRatioByExpanding if fit == "cover"
            else Qt.AspectRatioMode.KeepAspectRatio)
    size = image_size.scaled(box.size(), mode)
    return QRectF(box.center().x() - size.width() / 2, box.center().y() - size.height() / 2,
                  size.width(), size.height())


class ImageItem(BlockItem):
    """An image block; a missing or unreadable file raises RenderError naming it."""

    kind = "image"
    size_class = "medium"
    flexible = True

    def __init__(self, model: Image, style):
        super().__init__(model, style)
        self.path = style.deck_folder / model.src
        self.image = read_image(self.path)
        self._picture = self._target = QRectF()
        self._caption: TextBox | None = None
        self._caption_top = 0.0

    def _caption_runs(self) -> list[Run]:
        style = self.style
        if not self.model.caption:
            return []
        return [Run(self.model.caption, style.font(style.size("note")), style.colour("muted"),
                    Qt.AlignmentFlag.AlignHCenter, max_lines=2)]

    def preferred_height(self, width: float) -> float:
        """The picture at `width` (at most 16:10 tall) and its caption."""
        ratio = min(self.image.height() / max(1, self.image.width()), 0.625)
        caption = TextBox(self._caption_runs(), width, 10_000.0).used_height
        return width * ratio + (caption + CAPTION_GAP if caption else 0.0)

    def relayout(self) -> None:
        """Caption at the bottom, the picture fitted into the rest."""
        box = self._box
        self._caption = TextBox(self._caption_runs(), box.width(), box.height() * 0.25,
                                f"caption of {self.model.src}")
        caption_height = self._caption.used_height + CAPTION_GAP if self.model.caption else 0.0
        self._picture = QRectF(0, 0, box.width(), box.height() - caption_height)
        size = QSizeF(self.image.width(), self.image.height())
        self._target = fitted_rect(size, self._picture, self.model.fit)
        shown = self._target.intersected(self._picture)
        self._caption_top = shown.bottom() + CAPTION_GAP

    def content_rect(self) -> QRectF:
        """The visible picture and the caption."""
        shown = self._target.intersected(self._picture)
        if self._caption is None:
            return shown
        return shown.united(self._caption.content_rect(QPointF(0, self._caption_top)))

    def laid_lines(self) -> list[LaidLine]:
        """The caption's lines, as set."""
        return self._caption.laid_lines(QPointF(0, self._caption_top)) if self._caption else []

    def overflowed(self) -> bool:
        """True when the caption was elided."""
        return bool(self._caption and self._caption.elided)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Draw the picture (clipped to its area, rounded corners) and the caption."""
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.save()
        clip = QPainterPath()
        clip.addRoundedRect(self._target.intersected(self._picture), CARD_RADIUS / 2, CARD_RADIUS / 2)
        painter.setClipPath(clip)
        painter.drawImage(self._target, self.image)
        painter.restore()
        if self._caption is not None:
            self._caption.draw(painter, QPointF(0, self._caption_top))
