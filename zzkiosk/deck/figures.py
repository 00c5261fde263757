"""Figures and charts in the deck contract: counters, chart entries, charts.

A figure is kept as the article prints it: its value, the unit, what stands before and
after it (近, 余, 以上), and whether it was written signed (+4.1) or with decimals (3.50).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from zzkiosk.deck.errors import DeckValueError
from zzkiosk.deck.fields import IconName, Number, StrictModel, as_written, finite
from zzkiosk.i18n import tr
from zzkiosk.numbers import WrittenNumber

class Figure(StrictModel):
    """A number as the article prints it: 近 1100 亿元, 2600 余 件, 3 % 以上."""

    value: Number
    """The number itself, as printed (4.5 with unit 万家, not 45000); written with a sign
    (+4.1, -2.3) it is a signed figure, and its decimals as written are kept (3.50)."""
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    """Digits after the decimal point; by default as many as `value` is written with."""
    unit: str = ""
    """Unit after the number: 个, 家, 亿元, %, 个百分点, 天, 万人 ..."""
    before: str = ""
    """Qualifier before the number: 近, 超过, 约."""
    after: str = ""
    """Qualifier after: 余 and 多 go between number and unit, 以上 after the unit."""
    signed: bool = False
    """Show the sign (+4.1%, −2.3%) and allow a negative value: a change, not a count.
    Writing the value with its sign sets it."""

    @model_validator(mode="before")
    @classmethod
    def _written(cls, data: Any) -> Any:
        return as_written(data)

    @model_validator(mode="after")
    def _check_value(self) -> Figure:
        finite(self.value)
        if self.value < 0 and not self.signed:
            raise DeckValueError("negative-figure", tr(
                "value {value:g} is negative: a figure counts something; "
                "write a decrease in the label (下降13.9%) with a positive value", value=self.value))
        if self.unit.strip() == "%" and self.value > 100 and not self.signed:
            raise DeckValueError("share-over-100", tr(
                "value {value:g}% is over 100%: a share cannot exceed 100", value=self.value))
        return self


class Counter(Figure):
    """A big figure that counts up when the slide comes in."""

    label: str
    """What the figure counts: 新签合同项目."""
    note: str = ""
    """A small line under the label: 预计, 居全省第一."""
    start: Number = 0
    """Where the count starts."""
    grouping: bool = False
    """Write thousands separators (11,153); Chinese print usually does not."""
    trend: Literal["none", "arrow"] = "none"
    """arrow: a ▲ (up, in the theme's `up` colour) or ▼ (down, `down`) before the figure."""
    icon: IconName | None = None
    """An icon beside the figure, in the accent colour: mdi6.handshake, fa6s.industry."""


class ChartEntry(Figure):
    """One bar, point or slice of a chart; its unit defaults to the chart's."""

    label: str
    """The category: 新签合同, 2019年 ..."""


class Chart(StrictModel):
    """A chart drawn with pyqtgraph; bars and arcs grow when the slide comes in.

    bar, hbar, line, pie and donut take `items`; ring (a gauge for one share) takes
    `value`, `label` and `of` (24 of 35) or a unit of %, and optionally `before`, `after`.
    Bars of signed items (`value: -5.2`) go below (or left of) a zero axis; pie, donut and
    ring show parts of a whole and refuse negative values.
    """

    kind: Literal["bar", "hbar", "line", "pie", "donut", "ring"]
    """bar, hbar (horizontal bars), line, pie, donut, or ring (one share as a gauge)."""
    title: str = ""
    """Caption over the chart."""
    unit: str = ""
    """Unit of every value: 个, 件, %."""
    items: list[ChartEntry] = []
    """The data, in order (not for ring)."""
    value: Number | None = None
    """For ring: the share shown."""
    of: Annotated[float, Field(gt=0)] | None = None
    """For ring: the whole the value is part of (value: 24, of: 35 draws 24/35 of the
    circle and shows 24/35); needed unless the unit is %."""
    max: Annotated[float, Field(gt=0)] = 100
    """For ring: the value of a full circle, when the figure is not shown as a part (`of`)."""
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    """For ring: digits after the decimal point."""
    label: str = ""
    """For ring: what the share measures."""
    before: str = ""
    """For ring: qualifier before the number (超过)."""
    after: str = ""
    """For ring: qualifier after the number (以上)."""

    @model_validator(mode="before")
    @classmethod
    def _written(cls, data: Any) -> Any:
        """A ring's decimals as written (0.30), its value never signed; items read with the
        chart's unit (-5.2 in a chart of % is a signed item)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("value"), WrittenNumber):
            written = data["value"]
            if written.decimals is not None:
                data.setdefault("decimals", written.decimals)
            data["value"] = float(written)
        if isinstance(data.get("items"), list):
            data["items"] = [as_written(item, data.get("unit")) for item in data["items"]]
        return data

    @property
    def whole(self) -> float:
        """For ring: the value of the full circle (`of`, else `max`)."""
        return self.of if self.of is not None else self.max

    @model_validator(mode="after")
    def _check_kind(self) -> Chart:
        if self.kind == "ring":
            self._check_ring()
        elif not self.items:
            raise DeckValueError("chart-needs-items", tr(
                "a {kind} chart needs `items`: a list of {{label, value}}", kind=self.kind))
        elif self.value is not None or self.of is not None:
            raise DeckValueError("ring-only-key", tr(
                "`value` and `of` are for ring charts; a {kind} chart takes `items`", kind=self.kind))
        elif self.kind in ("pie", "donut"):
            for item in self.items:
                if item.value < 0:
                    raise DeckValueError("negative-part", tr(
                        "a {kind} shows parts of a whole: '{label}' is negative ({value:g}); "
                        "draw changes as kind: bar (negative bars go below a zero axis)",
                        kind=self.kind, label=item.label, value=item.value))
        return self

    def _check_ring(self) -> None:
        if self.value is None:
            raise DeckValueError("ring-needs-value", tr("a ring chart needs `value` (the share) and `label`"))
        if self.items:
            raise DeckValueError("ring-with-items", tr("a ring chart shows one `value`; remove `items` or use kind: bar"))
        if self.value < 0:
            raise DeckValueError("negative-part", tr(
                "a ring shows a part of a whole and cannot be negative ({value:g}); "
                "draw a change as a counter or kind: bar", value=self.value))
        if self.of is not None and "max" in self.model_fields_set:
            raise DeckValueError("of-and-max", tr("give `of` (the whole: 24 of 35) or `max`, not both"))
        if self.unit.strip() != "%" and self.of is None and "max" not in self.model_fields_set:
            raise DeckValueError("ring-needs-whole", tr(
                "a ring with unit '{unit}' needs the whole it is part of: write `of: 35` "
                "(draws {value:g} of 35 and shows {value:g}/35), or `max:` for a gauge; "
                "without it the ring is read as a percentage", unit=self.unit, value=self.value))
        Figure(value=self.value, unit=self.unit, before=self.before, after=self.after)
        if self.value > self.whole:
            raise DeckValueError("ring-over-whole", tr(
                "ring value {value:g} is over its whole ({key} {whole:g})",
                value=self.value, key="of" if self.of else "max", whole=self.whole))
