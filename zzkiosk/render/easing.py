"""Easing names from the deck files mapped to Qt curves: one table, shared with the player."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEasingCurve

EASING_CURVES: dict[str, QEasingCurve.Type] = {
    "linear": QEasingCurve.Type.Linear,
    "in-quad": QEasingCurve.Type.InQuad,
    "out-quad": QEasingCurve.Type.OutQuad,
    "in-out-quad": QEasingCurve.Type.InOutQuad,
    "in-cubic": QEasingCurve.Type.InCubic,
    "out-cubic": QEasingCurve.Type.OutCubic,
    "in-out-cubic": QEasingCurve.Type.InOutCubic,
    "in-quart": QEasingCurve.Type.InQuart,
    "out-quart": QEasingCurve.Type.OutQuart,
    "in-out-quart": QEasingCurve.Type.InOutQuart,
    "in-sine": QEasingCurve.Type.InSine,
    "out-sine": QEasingCurve.Type.OutSine,
    "in-out-sine": QEasingCurve.Type.InOutSine,
    "in-expo": QEasingCurve.Type.InExpo,
    "out-expo": QEasingCurve.Type.OutExpo,
    "in-out-expo": QEasingCurve.Type.InOutExpo,
    "out-back": QEasingCurve.Type.OutBack,
}
"""Every easing name of `zzkiosk.deck.fields.EASINGS` and its Qt curve type."""

DEFAULT_EASING = "out-cubic"
"""The curve used when a name is unknown (the models only let known names through)."""


@lru_cache(maxsize=None)
def easing_curve(name: str) -> QEasingCurve:
    """The Qt curve for an easing name; unknown names give `DEFAULT_EASING`'s curve.

    The returned curve is shared: do not modify it.
    """
    curve_type = EASING_CURVES.get(name, EASING_CURVES[DEFAULT_EASING])
    return QEasingCurve(curve_type)


def ease(name: str, progress: float) -> float:
    """The eased value of `progress` (clamped to 0..1) on the named curve."""
    progress = min(max(progress, 0.0), 1.0)
    return easing_curve(name).valueForProgress(progress)
