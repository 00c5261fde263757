"""Where the design canvas lands in a window: one uniform scale, centred, letterboxed.

Pure arithmetic (QtCore value types only), so it is tested without a display. The player
fits its window with it, export its images.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize


def canvas_rect_in(window_size: QSize, canvas: tuple[int, int] = (1920, 1080)) -> QRectF:
    """The rectangle, in window pixels, that the canvas covers inside `window_size`.

    The canvas is scaled uniformly and centred; the rest of the window is letterbox.
    The offset is rounded to whole pixels so that pixmaps of the canvas are drawn
    unscaled and unfiltered (a fractional offset turns every draw into a resample).
    """
    window_w, window_h = window_size.width(), window_size.height()
    if window_w * canvas[1] <= window_h * canvas[0]:
        # Width-bound: exact window width (scale * 1920 may miss it by a rounding error).
        width, height = float(window_w), window_w * canvas[1] / canvas[0]
    else:
        width, height = window_h * canvas[0] / canvas[1], float(window_h)
    left = (window_w - width) // 2
    top = (window_h - height) // 2
    return QRectF(max(left, 0.0), max(top, 0.0), width, height)


def canvas_scale(window_size: QSize, canvas: tuple[int, int] = (1920, 1080)) -> float:
    """The one uniform scale from design pixels to window pixels (1.0 for an empty window)."""
    width = canvas_rect_in(window_size, canvas).width()
    return width / canvas[0] if width > 0 else 1.0
