"""Icons as painter paths, so they stay sharp at any size: zzkiosk's own four emblems,
and any glyph of the icon fonts shipped with qtawesome (read with QRawFont from the font
file, never from the network or the system's fonts)."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QRawFont, QTransform

from zzkiosk.icons import code_point

GLYPH_PIXELS = 256.0
"""The size glyph outlines are read at; they are scaled to their rect afterwards."""


def star(rect: QRectF) -> QPainterPath:
    """A five-pointed star, as on the national flag."""
    path = QPainterPath()
    centre, outer = rect.center(), min(rect.width(), rect.height()) / 2
    inner = outer * 0.382
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.radians(-90 + index * 36)
        point = QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
        path.lineTo(point) if index else path.moveTo(point)
    path.closeSubpath()
    return path


def medal(rect: QRectF) -> QPainterPath:
    """A medal: two ribbon tails over a disc with a star cut out."""
    size = min(rect.width(), rect.height())
    left, top = rect.center().x() - size / 2, rect.center().y() - size / 2
    path = QPainterPath()
    for side in (-1, 1):
        x = left + size / 2 + side * size * 0.16
        path.moveTo(x - size * 0.12, top)
        path.lineTo(x + size * 0.12, top)
        path.lineTo(x + side * size * 0.08 + size * 0.06, top + size * 0.42)
        path.lineTo(x + side * size * 0.08 - size * 0.06, top + size * 0.42)
        path.closeSubpath()
    disc = QRectF(left + size * 0.18, top + size * 0.36, size * 0.64, size * 0.64)
    round_part = QPainterPath()
    round_part.addEllipse(disc)
    cut = star(disc.adjusted(size * 0.14, size * 0.14, -size * 0.14, -size * 0.14))
    return path.united(round_part).subtracted(cut)


def flag(rect: QRectF) -> QPainterPath:
    """A flag waving from a pole."""
    size = min(rect.width(), rect.height())
    left, top = rect.center().x() - size / 2, rect.center().y() - size / 2
    path = QPainterPath()
    path.addRoundedRect(QRectF(left + size * 0.12, top, size * 0.07, size), size * 0.03, size * 0.03)
    cloth = QPainterPath(QPointF(left + size * 0.19, top + size * 0.04))
    cloth.cubicTo(QPointF(left + size * 0.45, top - size * 0.06), QPointF(left + size * 0.6, top + size * 0.16),
                  QPointF(left + size * 0.9, top + size * 0.06))
    cloth.lineTo(QPointF(left + size * 0.9, top + size * 0.56))
    cloth.cubicTo(QPointF(left + size * 0.6, top + size * 0.66), QPointF(left + size * 0.45, top + size * 0.44),
                  QPointF(left + size * 0.19, top + size * 0.54))
    cloth.closeSubpath()
    path.addPath(cloth)
    return path


def trophy(rect: QRectF) -> QPainterPath:
    """A cup with handles on a stepped base."""
    size = min(rect.width(), rect.height())
    left, top = rect.center().x() - size / 2, rect.center().y() - size / 2
    x = lambda share: left + size * share  # noqa: E731
    y = lambda share: top + size * share  # noqa: E731
    cup = QPainterPath(QPointF(x(0.22), y(0.04)))
    cup.lineTo(QPointF(x(0.78), y(0.04)))
    cup.cubicTo(QPointF(x(0.78), y(0.42)), QPointF(x(0.64), y(0.58)), QPointF(x(0.5), y(0.6)))
    cup.cubicTo(QPointF(x(0.36), y(0.58)), QPointF(x(0.22), y(0.42)), QPointF(x(0.22), y(0.04)))
    cup.closeSubpath()
    handles = QPainterPath()
    handles.addEllipse(QRectF(x(0.06), y(0.1), size * 0.24, size * 0.26))
    handles.addEllipse(QRectF(x(0.70), y(0.1), size * 0.24, size * 0.26))
    holes = QPainterPath()
    holes.addEllipse(QRectF(x(0.11), y(0.15), size * 0.14, size * 0.16))
    holes.addEllipse(QRectF(x(0.75), y(0.15), size * 0.14, size * 0.16))
    path = cup.united(handles.subtracted(holes))
    path.addRect(QRectF(x(0.45), y(0.58), size * 0.1, size * 0.2))
    path.addRoundedRect(QRectF(x(0.28), y(0.78), size * 0.44, size * 0.1), size * 0.02, size * 0.02)
    path.addRoundedRect(QRectF(x(0.22), y(0.88), size * 0.56, size * 0.12), size * 0.02, size * 0.02)
    return path


ICONS: dict[str, Callable[[QRectF], QPainterPath]] = {
    "star": star, "medal": medal, "flag": flag, "trophy": trophy,
}
"""Badge icon names (as in the deck model) and the function that draws each in a rect."""


@lru_cache(maxsize=None)
def _glyph_outline(name: str) -> QPainterPath:
    """The outline of icon `name` (prefix.name) at GLYPH_PIXELS, read from its font file once."""
    font_file, code = code_point(name)
    raw = _raw_font(str(font_file))
    glyphs = raw.glyphIndexesForString(chr(code))
    if not raw.isValid() or not glyphs:
        raise ValueError(f"icon {name}: {font_file.name} has no glyph for U+{code:04X}")
    return raw.pathForGlyph(glyphs[0])


@lru_cache(maxsize=None)
def _raw_font(path: str) -> QRawFont:
    return QRawFont(path, GLYPH_PIXELS)


def icon_path(name: str, rect: QRectF) -> QPainterPath:
    """Icon `name` (an emblem or prefix.name) as large as fits in `rect`, centred in it."""
    if name in ICONS:
        return ICONS[name](rect)
    outline = _glyph_outline(name)
    bounds = outline.boundingRect()
    if bounds.isEmpty():
        return QPainterPath()
    scale = min(rect.width() / bounds.width(), rect.height() / bounds.height())
    transform = QTransform()
    transform.translate(rect.center().x(), rect.center().y())
    transform.scale(scale, scale)
    transform.translate(-bounds.center().x(), -bounds.center().y())
    return transform.map(outline)
