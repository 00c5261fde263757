"""The value types of the deck contract (zzkiosk.deck.model): durations, ids, colours,
figures as written, icon names, and the base of every model.

Shorthands that staff like to write (`duration: 12s`, `value: +4.1`) are turned into their
values here, before validation.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from zzkiosk.deck.errors import DeckValueError
from zzkiosk.icons import check_icon
from zzkiosk.i18n import tr
from zzkiosk.numbers import WrittenNumber
from zzkiosk.show.actions import BINDABLE

LAYOUTS = ("cover", "section", "grid", "split", "quote")
"""Slide layouts: cover (deck title page), section (section title + intro), grid (title
over a grid of blocks), split (first block left, the rest stacked right), quote
(one full-bleed quote or slogan)."""

EASINGS = (
    "linear",
    "in-quad", "out-quad", "in-out-quad",
    "in-cubic", "out-cubic", "in-out-cubic",
    "in-quart", "out-quart", "in-out-quart",
    "in-sine", "out-sine", "in-out-sine",
    "in-expo", "out-expo", "in-out-expo",
    "out-back",
)
"""Easing curve names, as on easings.net; the player maps each to a Qt curve."""

ACTIONS = BINDABLE
"""Presenter actions that key bindings can be attached to (from the one action table)."""

IconName = Annotated[str, AfterValidator(check_icon)]
"""An icon: star, medal, flag or trophy (drawn by zzkiosk), or prefix.name from an icon
font shipped with qtawesome: mdi6.factory, fa6s.seedling, ph.lightbulb, ri.team-line."""


Layout = Literal["cover", "section", "grid", "split", "quote"]
Easing = Literal[
    "linear", "in-quad", "out-quad", "in-out-quad", "in-cubic", "out-cubic", "in-out-cubic",
    "in-quart", "out-quart", "in-out-quart", "in-sine", "out-sine", "in-out-sine",
    "in-expo", "out-expo", "in-out-expo", "out-back",
]
Action = Literal[BINDABLE]  # type: ignore[valid-type]  # the names of zzkiosk.show.actions' table

MAX_SECONDS = 24 * 3600
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m)?\s*$")
_DURATION_UNITS = {"ms": 0.001, "s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, None: 1.0}


def parse_duration(value: Any) -> Any:
    """Turn `800ms`, `12s`, `2min` or a bare number of seconds into seconds."""
    if isinstance(value, bool):
        raise DeckValueError("not-a-duration", tr("a duration is a number of seconds or text like 12s, 800ms, 2min"))
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match:
            return float(match.group(1)) * _DURATION_UNITS[match.group(2)]
        raise DeckValueError("not-a-duration", tr(
            "'{value}' is not a duration: write 12s, 800ms, 2min or a number of seconds", value=value))
    return value


Seconds = Annotated[
    float,
    BeforeValidator(parse_duration, json_schema_input_type=str | float),
    Field(ge=0, le=MAX_SECONDS),
]
"""A duration in seconds; staff may write 12s, 800ms, 2min or a plain number."""

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
"""An id: letters, digits, - and _, starting with a letter or digit (used in --start)."""

Colour = Annotated[str, Field(pattern=r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$")]
"""A colour as #rgb, #rrggbb or #rrggbbaa."""

MAX_FIGURE = 1e15


def finite(value: float) -> float:
    if not math.isfinite(value):
        raise DeckValueError("not-finite", tr("must be a finite number, not NaN or infinity"))
    if abs(value) > MAX_FIGURE:
        raise DeckValueError("figure-too-large", tr(
            "must be at most {limit:.0e}; use a unit such as 亿元 for large sums", limit=MAX_FIGURE))
    return value


Number = Annotated[float, Field(strict=True)]
"""Any number (not text, not true/false); finiteness and range are checked by the models."""


CHANGE_UNITS = ("%", "‰", "个百分点", "百分点")
"""Units of a rate or a change: written with a minus (-5.2%), such a figure is signed.
A count written with a minus (-5个) is refused: it needs `signed: true` to be a change."""


def _signs(written: WrittenNumber, unit: Any) -> bool:
    """Whether the value as written makes the figure signed: a +, or a - on a rate."""
    return written.text.startswith("+") or (written.signed and isinstance(unit, str) and unit.strip() in CHANGE_UNITS)


def as_written(data: Any, unit: Any = None) -> Any:
    """A figure's mapping with what its `value` says as written: `value: +4.1` (or
    `value: -5.2` with a unit of %) is signed, `value: 3.50` has 2 decimals (unless
    `signed`/`decimals` are given). `unit` is the chart's, for an item without one."""
    if isinstance(data, dict) and isinstance(data.get("value"), WrittenNumber):
        written, data = data["value"], dict(data)
        if _signs(written, data.get("unit") or unit):
            data.setdefault("signed", True)
        if written.decimals is not None:
            data.setdefault("decimals", written.decimals)
        data["value"] = float(written)
    return data


class StrictModel(BaseModel):
    """Frozen, and every key not listed here is an error."""

    # Each model's validator is built on its first validation, not when the class is made
    # (`defer_build`): a start that plays a deck from its cache (zzkiosk.deck.cache) never
    # validates. The defaults below are made with `model_construct` for the same reason: a
    # default made by calling the model would build its validator at import.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def shorthand(key: str):
    """Accept a bare scalar in place of a mapping: `fade` means `{key: fade}`."""

    def expand(value: Any) -> Any:
        if isinstance(value, str):
            return {key: value}
        return value

    return expand
