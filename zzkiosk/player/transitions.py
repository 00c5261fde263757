"""Transitions as strategies: each draws two pre-rendered slide pictures at a progress.

Every strategy has one signature, `draw(painter, area, old, new, progress, direction)`:

- `area` is where the canvas lands on the device, in whole pixels, and the painter is
  clipped to it;
- `old` is the old slide's picture as it was when the change began, `new` the new slide
  at entrance time 0, both rendered once at exactly `area`'s device size, so an unmoved,
  unscaled draw is a plain copy (docs/performance.md: ~1 ms a frame at 1080p against ~30 ms
  for animating live items);
- `progress` is already eased: 0 shows exactly `old`, 1 exactly `new`; some easings
  (out-back) overshoot past 1 for a moment;
- `direction` is the model's direction (left, right, up, down), used by `slide`.

The table `TRANSITIONS` is keyed by the model's transition types.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QPainter, QPixmap

TransitionDraw = Callable[[QPainter, QRect, QPixmap, QPixmap, float, str], None]
"""draw(painter, area, old, new, eased progress, direction): paint one frame."""

ZOOM_FROM = 0.85
"""The size the new slide starts at in a zoom transition."""

SMOOTH_ZOOM_PIXELS = 2560 * 1440
"""Largest canvas area whose zoom is filtered; above it (4K) the scaled draw is
nearest-neighbour: filtering alone costs ~18 ms a frame there, and the pixels are tiny."""

_MOVES = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
"""Unit vector of the way the new slide moves, in device axes (y grows downwards)."""


def _share(area: QRect, picture: QPixmap) -> QRectF:
    """The part of `picture` that is the canvas: pictures may be a few pixels wider than
    `area` (CanvasView.grab_canvas pads their rows), the rest is never shown."""
    ratio = picture.devicePixelRatio()
    return QRectF(0, 0, min(picture.width(), round(area.width() * ratio)),
                  min(picture.height(), round(area.height() * ratio)))


def _put(painter: QPainter, area: QRect, at: QPoint, picture: QPixmap) -> None:
    """Draw the canvas part of `picture` unscaled with its top left at `at`."""
    share = _share(area, picture)
    ratio = picture.devicePixelRatio()
    painter.drawPixmap(QRectF(at.x(), at.y(), share.width() / ratio, share.height() / ratio), picture, share)


def _put_part(painter: QPainter, area: QRect, part: QRect, picture: QPixmap) -> None:
    """Draw the `part` of the canvas (device rect inside `area`) from `picture`, unscaled.

    A copy of just that part needs no clip: drawn through a clip region that is not one
    rectangle, Qt blends span by span (a third of a 1080p zoom frame went to that)."""
    ratio = picture.devicePixelRatio()
    source = QRectF(part.translated(-area.topLeft()))
    painter.drawPixmap(QRectF(part), picture, QRectF(source.topLeft() * ratio, source.size() * ratio))


def _covered(rect: QRectF) -> QRect:
    """The pixels Qt fills when it draws a picture scaled to `rect`: its edges rounded half
    up (checked against Qt on 408 fractional rectangles, filtered and not). toAlignedRect
    also takes the pixels an edge only cuts through; left undrawn, they kept a line of the
    last frame around the growing slide."""
    left, top = math.floor(rect.left() + 0.5), math.floor(rect.top() + 0.5)
    right, bottom = math.floor(rect.right() + 0.5) - 1, math.floor(rect.bottom() + 0.5) - 1
    return QRect(QPoint(left, top), QPoint(right, bottom))


def _around(area: QRect, inside: QRect) -> list[QRect]:
    """The bands of `area` above, below, left and right of `inside` (a rect within it),
    without overlaps; empty bands left out."""
    if inside.isEmpty():
        return [QRect(area)]
    bands = [
        QRect(area.left(), area.top(), area.width(), inside.top() - area.top()),
        QRect(area.left(), inside.bottom() + 1, area.width(), area.bottom() - inside.bottom()),
        QRect(area.left(), inside.top(), inside.left() - area.left(), inside.height()),
        QRect(inside.right() + 1, inside.top(), area.right() - inside.right(), inside.height()),
    ]
    return [band for band in bands if not band.isEmpty()]


def _clamped(progress: float) -> float:
    return min(max(progress, 0.0), 1.0)


def draw_cut(painter: QPainter, area: QRect, old: QPixmap, new: QPixmap, progress: float,
             direction: str) -> None:
    """none: the old slide until the change starts, then the new one."""
    _put(painter, area, area.topLeft(), new if progress > 0 else old)


def draw_fade(painter: QPainter, area: QRect, old: QPixmap, new: QPixmap, progress: float,
              direction: str) -> None:
    """fade: the new slide fades in over the old one (never see-through to the background)."""
    opacity = _clamped(progress)
    if opacity < 1:
        _put(painter, area, area.topLeft(), old)
    if opacity > 0:
        painter.setOpacity(opacity)
        _put(painter, area, area.topLeft(), new)
        painter.setOpacity(1.0)


def draw_slide(painter: QPainter, area: QRect, old: QPixmap, new: QPixmap, progress: float,
               direction: str) -> None:
    """slide: the new slide pushes the old one out, moving towards `direction`."""
    dx, dy = _MOVES.get(direction, _MOVES["left"])
    # Whole-pixel offsets keep both draws plain copies; progress is clamped because an
    # overshooting push would uncover the letterbox behind the two slides.
    shift = _clamped(progress)
    old_at = QPoint(round(dx * area.width() * shift), round(dy * area.height() * shift))
    new_at = QPoint(old_at.x() - dx * area.width(), old_at.y() - dy * area.height())
    if shift < 1:
        _put(painter, area, area.topLeft() + old_at, old)
    _put(painter, area, area.topLeft() + new_at, new)


def draw_zoom(painter: QPainter, area: QRect, old: QPixmap, new: QPixmap, progress: float,
              direction: str) -> None:
    """zoom: the new slide grows from ZOOM_FROM of its size while it fades in over the old."""
    opacity = _clamped(progress)
    scale = ZOOM_FROM + (1 - ZOOM_FROM) * progress
    if opacity <= 0 or (opacity >= 1 and abs(scale - 1) < 1e-4):
        _put(painter, area, area.topLeft(), new if opacity > 0 else old)
        return
    grown = QRectF(0, 0, area.width() * scale, area.height() * scale)
    grown.moveCenter(QRectF(area).center())
    inside = _covered(grown) & area
    # Same picture as the grown new slide at `opacity` over the old, but drawn as an opaque
    # scaled copy with the old one blended over it unscaled: Qt has no fast path for a
    # scaled translucent draw (4K: 27-33 ms a frame against 12-15 ms this way).
    for band in _around(area, inside):
        _put_part(painter, area, band, old)
    painter.save()
    painter.setClipRect(inside)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, area.width() * area.height() <= SMOOTH_ZOOM_PIXELS)
    painter.drawPixmap(grown, new, _share(area, new))
    painter.setOpacity(1 - opacity)
    _put(painter, area, area.topLeft(), old)
    painter.restore()


TRANSITIONS: dict[str, TransitionDraw] = {
    "none": draw_cut,
    "fade": draw_fade,
    "slide": draw_slide,
    "zoom": draw_zoom,
}
"""Transition strategies by the model's transition type."""

def strategy_for(kind: str) -> TransitionDraw:
    """The drawing strategy for a transition type. The deck model admits only the types of
    this table (a test keeps the two in step), so an unknown one is a bug, raised as such
    rather than quietly drawn as another transition."""
    try:
        return TRANSITIONS[kind]
    except KeyError:
        raise ValueError(f"no transition '{kind}': the transitions are {', '.join(TRANSITIONS)}") from None

