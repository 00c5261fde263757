"""Text drawn from pixmaps rendered once: counting figures cost a few blits per frame.

Qt's raster engine caches glyphs only up to a modest size; a counter's 120-pixel digits
(240 at 4K) are filled as paths on every paint, several milliseconds per frame for a
slide of counters. Here each digit (or a whole qualifier or unit) is rendered once per
font, colour and device scale into a pixmap and blitted afterwards; tabular digits
make per-digit sprites line up exactly as the text would.

A sprite lives as long as some block holds it (blocks keep the sprites they draw, and
blocks drawing the same text share one), and the most recently used RECENT_BYTES of them a
while longer: a press back to a slide just left (made ahead as a scene only) then finds
its digits. Kept for good (512 of them), the sprites of slides long gone held 7 MB of the
1080p tour's peak (docs/performance.md, "Memory (issue 20)").
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable
from weakref import WeakValueDictionary

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap, QTransform

RECENT_BYTES = 3 << 20
"""Sprites kept after their last block is gone, most recently used first: about the last few
slides' (a slide of counters uses ~0.3 MB of sprites at 1080p). Without them a press to
previous at 1080p rendered the slide's digits again: its grab 2-5 ms slower (median), 6-13 ms
at the 90th percentile."""
PAD = 2.0
"""Room around the ink, in design pixels, so antialiased edges are not cut."""

_shared: WeakValueDictionary[tuple, QPixmap] = WeakValueDictionary()
"""Every sprite some block holds now, by (text, font, colour, scale)."""
_recent: OrderedDict[tuple, QPixmap] = OrderedDict()
"""The sprites used last, up to RECENT_BYTES, held here too."""
_recent_bytes = 0


def device_scale(painter: QPainter) -> float:
    """How many device pixels one design pixel covers for this painter."""
    transform = painter.worldTransform()
    return max(0.05, round(math.hypot(transform.m11(), transform.m12()), 3))


def _render(text: str, font: QFont, colour: QColor, scale: float) -> QPixmap:
    metrics = QFontMetricsF(font)
    width = metrics.horizontalAdvance(text) + 2 * PAD + metrics.maxWidth() * 0.1
    height = metrics.ascent() + metrics.descent() + 2 * PAD
    pixmap = QPixmap(max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale)))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(PAD, PAD + metrics.ascent()), text)
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def sprite(text: str, font: QFont, colour: QColor, scale: float) -> QPixmap:
    """The pixmap of `text` at a device scale (shared; do not modify). It is freed once
    nobody holds it: keep it as long as it is drawn."""
    key = (text, font.key(), colour.rgba(), scale)
    pixmap = _shared.get(key)
    if pixmap is None:
        pixmap = _render(text, font, colour, scale)
        _shared[key] = pixmap
    _keep_recent(key, pixmap)
    return pixmap


def _keep_recent(key: tuple, pixmap: QPixmap) -> None:
    global _recent_bytes
    if key in _recent:
        _recent.move_to_end(key)
        return
    _recent[key] = pixmap
    _recent_bytes += pixmap.width() * pixmap.height() * 4
    while _recent_bytes > RECENT_BYTES and len(_recent) > 1:
        _, dropped = _recent.popitem(last=False)
        _recent_bytes -= dropped.width() * dropped.height() * 4


WARM_CHARACTERS = "0123456789.,"
"""Rendered together the first time a counting figure is drawn at a scale, so no digit's
first appearance costs a frame its budget mid-animation."""


def warm(font: QFont, colour: QColor, scale: float) -> list[QPixmap]:
    """Every digit's sprite for this font, colour and scale, rendered now unless held
    already; hold the list for as long as the figure may count."""
    return [sprite(character, font, colour, scale) for character in WARM_CHARACTERS]


def sprite_rect(text: str, font: QFont, baseline_left: QPointF) -> QRectF:
    """Where the sprite of `text` drawn at `baseline_left` can put ink, in the painter's
    coordinates, with a margin for its landing on the nearest device pixel."""
    metrics = QFontMetricsF(font)
    width = metrics.horizontalAdvance(text) + 2 * PAD + metrics.maxWidth() * 0.1
    top = baseline_left.y() - metrics.ascent() - PAD
    return QRectF(baseline_left.x() - PAD, top, width, metrics.ascent() + metrics.descent() + 2 * PAD).adjusted(
        -1, -1, 1, 1)


_SCALED = (QTransform.TransformationType.TxScale,)


def blit(painter: QPainter, top_left: QPointF, pixmap: QPixmap) -> None:
    """Draw `pixmap` (made at the painter's device scale) with its top left at `top_left`,
    one pixmap pixel to one device pixel, on the nearest whole device pixel.

    Through a scaled painter (any screen but 1080p) Qt takes the scaling path even when
    the scale cancels out, and a fractional position filters every pixel: a plain blend
    instead costs about half at 4K (counters, static layers)."""
    blit_all(painter, ((top_left, pixmap),))


def blit_all(painter: QPainter, placements: Iterable[tuple[QPointF, QPixmap]]) -> None:
    """`blit` each (top left, pixmap), with the painter's transform set aside once for all."""
    transform = painter.worldTransform()
    if transform.type() not in _SCALED:  # unscaled: Qt blits already; rotated: let Qt map it
        for top_left, pixmap in placements:
            painter.drawPixmap(QRectF(top_left, pixmap.deviceIndependentSize()), pixmap, QRectF(pixmap.rect()))
        return
    painter.setWorldTransform(QTransform())
    for top_left, pixmap in placements:
        at = transform.map(top_left)
        source = QRectF(pixmap.rect())
        painter.drawPixmap(QRectF(round(at.x()), round(at.y()), source.width(), source.height()), pixmap, source)
    painter.setWorldTransform(transform)
