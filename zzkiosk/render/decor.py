"""What a slide shows besides its blocks: the background, the heading and the logo."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from zzkiosk.render.errors import read_image
from zzkiosk.render.items.image import fitted_rect
from zzkiosk.render.style import Style, parse_colour
from zzkiosk.render.typesetting import LaidLine, Run, TextBox

RULE = 6.0
"""Thickness of the accent rule beside or above a heading."""
RULE_GAP = 28.0


def gradient_line(rect: QRectF, angle: float) -> tuple[QPointF, QPointF]:
    """Start and end of a gradient through `rect`'s centre at `angle` (90: top to bottom)."""
    radians = math.radians(angle)
    dx, dy = math.cos(radians), math.sin(radians)
    half = (abs(rect.width() * dx) + abs(rect.height() * dy)) / 2
    centre = rect.center()
    return centre - QPointF(dx * half, dy * half), centre + QPointF(dx * half, dy * half)


def background_brush(style: Style, rect: QRectF) -> QBrush:
    """The theme background as a brush: a flat colour or a gradient at its angle."""
    background = style.theme.background
    if background.gradient:
        gradient = QLinearGradient(*gradient_line(rect, background.angle))
        stops = background.gradient
        for index, colour in enumerate(stops):
            gradient.setColorAt(index / (len(stops) - 1), parse_colour(colour))
        return QBrush(gradient)
    return QBrush(parse_colour(background.color) if background.color else style.colour("background"))


class BackgroundItem(QGraphicsItem):
    """The canvas background: colour, gradient, or a picture scaled to cover the canvas."""

    def __init__(self, style: Style):
        super().__init__()
        self._rect = style.canvas_rect
        self._brush = background_brush(style, self._rect)
        self._image: QImage | None = None
        if style.theme.background.image:
            self._image = read_image(style.theme_folder / style.theme.background.image, "background image")
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        """The canvas."""
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Fill the canvas."""
        painter.fillRect(self._rect, self._brush)
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            size = QSizeF(self._image.width(), self._image.height())
            painter.setClipRect(self._rect)
            painter.drawImage(fitted_rect(size, self._rect, "cover"), self._image)


class LogoItem(QGraphicsItem):
    """The theme's logo, drawn into a rect in the top-right corner."""

    def __init__(self, style: Style, height: float):
        super().__init__()
        self._image = read_image(style.theme_folder / style.theme.logo, "logo")
        ratio = self._image.width() / max(1, self._image.height())
        self._size = QSizeF(height * ratio, height)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @property
    def width(self) -> float:
        """Width at the logo height."""
        return self._size.width()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        """The logo's rect."""
        return QRectF(QPointF(), self._size)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Draw the logo smoothly scaled."""
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.boundingRect(), self._image)


def heading_runs(style: Style, mode: str, title: str, subtitle: str, credit: str = "") -> list[Run]:
    """The heading's lines for a layout's heading style: cover, section or top."""
    centre = Qt.AlignmentFlag.AlignHCenter if mode == "cover" else Qt.AlignmentFlag.AlignLeft
    title_size = {"cover": "cover_title", "section": "cover_title"}.get(mode, "title")
    scale = 0.85 if mode == "section" else 1.0
    runs = []
    if title:
        runs.append(Run(title, style.font(style.size(title_size) * scale, bold=True), style.colour("primary"),
                        centre, max_lines=2 if mode != "top" else 1, role="title"))
    if subtitle:
        runs.append(Run(subtitle, style.font(style.size("subtitle")), style.colour("accent"), centre,
                        space_before=style.size("subtitle") * 0.6, max_lines=2, role="subtitle"))
    if credit:
        runs.append(Run(credit, style.font(style.size("note")), style.colour("muted"), centre,
                        space_before=style.size("subtitle") * 1.6, max_lines=1, role="credit"))
    return runs


class HeadingItem(QGraphicsItem):
    """A slide's heading with an accent rule: beside it (top) or above it (cover, section)."""

    size_class = "wide"
    flexible = False

    def __init__(self, style: Style, mode: str, runs: list[Run]):
        super().__init__()
        self.style, self.mode, self._runs = style, mode, runs
        self._box = QRectF()
        self.text_box: TextBox | None = None
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def _offset(self) -> QPointF:
        return QPointF(RULE + RULE_GAP, 0) if self.mode == "top" else QPointF(0, RULE + RULE_GAP)

    def preferred_height(self, width: float) -> float:
        """The heading's lines at full size, with the rule."""
        offset = self._offset()
        return TextBox(self._runs, width - offset.x(), 10_000.0).used_height + offset.y() + 4

    def place(self, rect: QRectF) -> None:
        """Move into `rect` and fit the lines to it."""
        self.prepareGeometryChange()
        self._box = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        offset = self._offset()
        self.text_box = TextBox(self._runs, rect.width() - offset.x(), rect.height() - offset.y(), "heading")

    def laid_lines(self) -> list[LaidLine]:
        """The title, subtitle and credit lines as set, each with its run's role."""
        if self.text_box is None:
            return []
        return self.text_box.laid_lines(self._offset(), [run.role for run in self._runs])

    def content_rect(self) -> QRectF:
        """Where the lines are drawn."""
        return self.text_box.content_rect(self._offset()) if self.text_box else QRectF()

    def overflowed(self) -> bool:
        """True when a heading line was elided."""
        return bool(self.text_box and self.text_box.elided)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        """The heading's box."""
        return QRectF(self._box)

    def _rule(self) -> QRectF:
        if self.mode == "top":
            first = self.text_box.lines[0].layout.lineAt(0) if self.text_box.lines else None
            height = first.height() * 0.8 if first else 48.0
            return QRectF(0, (first.height() - height) / 2 if first else 0, RULE, height)
        left = self._box.center().x() - 60 if self.mode == "cover" else 0.0
        return QRectF(left, 0, 120, RULE)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Draw the rule and the lines."""
        if self.text_box is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.style.colour("accent"))
        painter.drawRoundedRect(self._rule(), RULE / 2, RULE / 2)
        self.text_box.draw(painter, self._offset())
