"""Chinese figure formatting: 385个, 近1100亿元, 4.5万家, 2600余件, 3%以上.

Pure Python, no Qt: the counters, charts and timelines all format through here, so a
figure reads the same wherever it is drawn. Rounding is half away from zero on the
decimal digits as written (2.675 -> 2.68), never banker's rounding on the binary float.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

MAX_INFERRED_DECIMALS = 6
"""`infer_decimals` never reports more digits than this; the rest is float noise."""

AFTER_NUMBER = frozenset({"余", "多", "余万", "多万", "余亿", "多亿"})
"""Qualifiers that attach to the number (余, 多: "and some more") rather than the quantity.

After a round number they go between number and unit: 2600余件, 20多倍, 1100多亿元.
After any other number Chinese puts them after the unit, or after the 万/亿 of the
unit: 2倍多, 3年多, 5万余人, 4.5万余家. The placement follows the final figure, so it
does not move while a counter counts. The 万/亿 forms are for staff who write value 30,
after 余万, unit 人 (30余万人). Every other qualifier (以上, 以下, 左右, 上下, 以内, 之多)
is about the whole quantity and goes after the unit: 3%以上, 30%以上.
"""

MAGNITUDES = ("万", "亿")
"""Chinese magnitude characters that may open a unit (万人, 亿元)."""

SCALES = ((Decimal("1e8"), "亿"), (Decimal("1e4"), "万"))
"""Chinese magnitudes from the largest down, used by `scale_to_chinese`."""

MINUS = "\u2212"
"""The true minus sign of a signed figure (−5.2%): as wide as + and set at the digits' height."""

SIGNS = ("+", MINUS)
"""How a signed figure's number starts: + above zero, − below."""

PartKind = Literal["qualifier", "number", "unit"]
"""What a piece of a figure is, so a renderer can draw digits large and the rest small."""


class WrittenNumber(float):
    """A number read from a deck file that remembers how it was written: +4.1, 3.50, -2.

    YAML reads `+4.1` as 4.1 and `3.50` as 3.5; the figure models read the sign and the
    decimals back from `text`, so a figure shows what the source prints."""

    text: str
    """The scalar as written in the file."""

    def __new__(cls, value: float, text: str) -> WrittenNumber:
        number = super().__new__(cls, value)
        number.text = text.strip()
        return number

    @property
    def signed(self) -> bool:
        """Written with an explicit + or - sign."""
        return self.text[:1] in ("+", "-")

    @property
    def decimals(self) -> int | None:
        """Digits written after the decimal point (1.0 -> 1, 3.50 -> 2); None without a point."""
        if "." not in self.text or any(mark in self.text for mark in "eE_") or not math.isfinite(self):
            return None
        return min(len(self.text.split(".", 1)[1]), MAX_INFERRED_DECIMALS)

    def __repr__(self) -> str:
        return repr(float(self))


def _exact_decimal(value: float) -> Decimal:
    """The value as its shortest written form (repr), so 0.125 and 2.675 stay exact."""
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}: a figure must be a finite number")
    return Decimal(repr(float(value)))


def infer_decimals(value: float) -> int:
    """Digits after the point as the value was written: 17.1 -> 1, 385.0 -> 0, 0.25 -> 2.

    Float noise (0.1 + 0.2) is rounded away, and the count is capped at
    `MAX_INFERRED_DECIMALS`.
    """
    cleaned = round(float(value), MAX_INFERRED_DECIMALS)
    exponent = _exact_decimal(cleaned).normalize().as_tuple().exponent
    return min(max(0, -int(exponent)), MAX_INFERRED_DECIMALS)


def format_number(value: float, decimals: int | None = None, grouping: bool = False) -> str:
    """The digits of a figure: rounded half away from zero, exactly `decimals` after the point.

    `decimals=None` keeps as many as the value has; `grouping` adds thousands separators
    (11,153). A result that rounds to zero never carries a minus sign. NaN and infinity
    raise ValueError.
    """
    if decimals is None:
        decimals = infer_decimals(value)
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    exact = _exact_decimal(value)
    # Enough precision for every digit that survives, however large the value.
    context = Context(prec=max(28, exact.adjusted() + decimals + 2), rounding=ROUND_HALF_UP)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), context=context)
    if rounded.is_zero():
        rounded = abs(rounded)
    separator = "," if grouping else ""
    return f"{rounded:{separator}.{decimals}f}"


def scale_to_chinese(value: float) -> tuple[float, str]:
    """Express a raw large value in 亿 or 万: 45000 -> (4.5, "万"), 1.1e11 -> (1100.0, "亿").

    Values under 10,000 (in size) come back unchanged with an empty magnitude.
    """
    exact = _exact_decimal(value)
    for size, name in SCALES:
        if abs(exact) >= size:
            return float(exact / size), name
    return float(value), ""


@dataclass(frozen=True)
class FigureText:
    """A formatted figure in its printed order: before, number, infix, unit, suffix."""

    before: str
    """Qualifier before the number: 近, 超过, 约, 至少."""
    number: str
    """The digits: 1100, 4.5, 11,153."""
    infix: str
    """Qualifier between number and unit: 余, 多."""
    unit: str
    """Unit after the number: 亿元, 万家, %."""
    suffix: str
    """Qualifier after the unit: 以上, 左右."""

    def __str__(self) -> str:
        return "".join((self.before, self.number, self.infix, self.unit, self.suffix))

    def parts(self) -> tuple[tuple[PartKind, str], ...]:
        """The non-empty pieces in order, each with its kind: qualifier, number or unit."""
        pieces: tuple[tuple[PartKind, str], ...] = (
            ("qualifier", self.before),
            ("number", self.number),
            ("qualifier", self.infix),
            ("unit", self.unit),
            ("qualifier", self.suffix),
        )
        return tuple((kind, text) for kind, text in pieces if text)


def _is_round(number: str) -> bool:
    """Whether printed digits are a whole multiple of ten, which 余/多 may follow directly."""
    return "." not in number and number.endswith("0") and number.strip("0,") != ""


def _place_after(after: str, unit: str, number: str) -> tuple[str, str, str]:
    """Place the `after` qualifier: (infix, unit, suffix) for the printed `number`."""
    if after in AFTER_NUMBER and len(after) > 1:
        after, unit = after[0], after[1:] + unit
    if not after or after in unit:
        return "", unit, ""
    if after not in AFTER_NUMBER:
        return "", unit, after
    if _is_round(number):
        return after, unit, ""
    if unit.startswith(MAGNITUDES):
        return "", unit[0] + after + unit[1:], ""
    return "", unit, after


def format_figure(
    value: float,
    *,
    decimals: int | None = None,
    unit: str = "",
    before: str = "",
    after: str = "",
    grouping: bool = False,
    signed: bool = False,
) -> FigureText:
    """Format a figure as the article prints it: 近1100亿元, 2600余件, 3%以上, +4.1%.

    `after` is placed as `AFTER_NUMBER` describes: 余 and 多 by the number, 以上, 以下
    and 左右 after the unit. A qualifier the unit already carries (unit "%以上" with
    after "以上") is not written twice. `decimals=None` infers them from the value.
    A `signed` figure starts with + or − (U+2212) unless it rounds to zero.
    """
    number = format_number(value, decimals, grouping)
    if signed:
        number = _sign_of(number, value) + number.lstrip("-")
    infix, unit, suffix = _place_after(after.strip(), unit.strip(), number)
    before = before.strip()
    return FigureText(before=before, number=number, infix=infix, unit=unit, suffix=suffix)


def _sign_of(number: str, value: float) -> str:
    """The sign a signed figure printed as `number` carries: none for zero."""
    if number.strip("-0.,") == "":
        return ""
    return SIGNS[0] if value > 0 else SIGNS[1]


def count_up_text(
    figure_value: float,
    progress: float,
    *,
    start: float = 0.0,
    decimals: int | None = None,
    unit: str = "",
    before: str = "",
    after: str = "",
    grouping: bool = False,
    signed: bool = False,
) -> FigureText:
    """The text of a counter `progress` (0..1) of the way from `start` to `figure_value`.

    Every frame uses the final figure's decimals, so the width does not jitter, and the
    qualifiers and unit stay where the final figure has them; at progress 1 (or beyond)
    the text is exactly `format_figure` of the final value.
    """
    final = format_figure(
        figure_value, decimals=decimals, unit=unit, before=before, after=after, grouping=grouping, signed=signed
    )
    if not progress < 1.0:
        return final
    value = start + (figure_value - start) * max(progress, 0.0)
    if decimals is None:
        decimals = infer_decimals(figure_value)
    number = format_number(value, decimals, grouping)
    if signed:  # the final figure's sign throughout, so the count never flips it
        number = (final.number[:1] if final.number[:1] in SIGNS else "") + number.lstrip("-")
    return replace(final, number=number)
