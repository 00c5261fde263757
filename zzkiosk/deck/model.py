"""The deck contract: what content staff may write in deck and section files.

Every model is frozen and forbids unknown keys. Shorthands that staff like to write
(`transition: fade`, `text: 一句话`, `duration: 12s`) are expanded before validation, and
the JSON Schema exported by `zzkiosk schema` accepts both forms.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from zzkiosk.deck.screens import parse_screen
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


def _finite(value: float) -> float:
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


def _shorthand(key: str):
    """Accept a bare scalar in place of a mapping: `fade` means `{key: fade}`."""

    def expand(value: Any) -> Any:
        if isinstance(value, str):
            return {key: value}
        return value

    return expand


class Transition(StrictModel):
    """How a slide replaces the one before it. Shorthand: `transition: fade`."""

    type: Literal["none", "fade", "slide", "zoom"] = "fade"
    """none (cut), fade (crossfade), slide (push in from a side), zoom (grow in while fading)."""
    direction: Literal["left", "right", "up", "down"] = "left"
    """For slide: the direction the new slide moves in."""
    duration: Seconds = 0.8
    """How long the transition takes."""
    easing: Easing = "in-out-cubic"
    """Easing curve name."""


class Entrance(StrictModel):
    """How a slide's blocks come in after the transition. Shorthand: `entrance: rise`."""

    type: Literal["none", "fade", "rise", "zoom"] = "rise"
    """none (all at once), fade, rise (fade in while moving up), zoom (grow from 90%)."""
    duration: Seconds = 0.7
    """How long each block's entrance takes; counters count up over 2.5 times this."""
    stagger: Seconds = 0.15
    """Delay between one block and the next."""
    easing: Easing = "out-cubic"
    """Easing curve name."""


TransitionField = Annotated[
    Transition, BeforeValidator(_shorthand("type"), json_schema_input_type=Transition | str)
]
EntranceField = Annotated[
    Entrance, BeforeValidator(_shorthand("type"), json_schema_input_type=Entrance | str)
]


class Defaults(StrictModel):
    """Slide settings that cascade deck -> section -> slide; a key set lower wins."""

    duration: Seconds | None = None
    """How long a slide stays up in autoplay."""
    transition: TransitionField | None = None
    """Transition into each slide; keys not given are taken from the level above."""
    entrance: EntranceField | None = None
    """Entrance of each slide's blocks; keys not given are taken from the level above."""


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
        _finite(self.value)
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


class Text(StrictModel):
    """Words on a slide. Shorthands: `text: 一句话` and `text: [要点一, 要点二]` (bullets)."""

    style: Literal["headline", "paragraph", "bullets", "quote"] = "paragraph"
    """headline (large), paragraph, bullets (a list), quote (a slogan, centred)."""
    text: str = ""
    """The words, for every style but bullets."""
    items: list[str] = []
    """The points, for bullets."""
    by: str = ""
    """For quote: who said or wrote it."""

    @model_validator(mode="after")
    def _check_style(self) -> Text:
        if self.style == "bullets" and not self.items:
            raise DeckValueError("bullets-need-items", tr("bullets need `items`: a list of short lines"))
        if self.style != "bullets" and not self.text:
            raise DeckValueError("text-needs-text", tr("a {style} needs `text`", style=self.style))
        if self.style != "bullets" and self.items:
            raise DeckValueError("items-not-bullets", tr("`items` is for style: bullets"))
        return self


def _expand_text(value: Any) -> Any:
    if isinstance(value, str):
        return {"text": value}
    if isinstance(value, list):
        return {"style": "bullets", "items": value}
    return value


# -- lists of tasks and keywords (tasks, keywords, flow) --------------------------------

def _list_of_items(value: Any) -> Any:
    """Accept a bare list in place of `{items: [...]}`."""
    return {"items": value} if isinstance(value, list) else value


class Task(StrictModel):
    """One task card. Shorthand: a bare text is its title."""

    title: Annotated[str, Field(min_length=1)]
    """The short headline of the card: 支持国有企业."""
    text: str = ""
    """An optional line under it: 做大做强."""
    icon: IconName | None = None
    """An icon above the headline (unless the cards are numbered)."""


class Tasks(StrictModel):
    """Task cards in a balanced grid, entering one after another. Shorthand: a bare list."""

    items: Annotated[list[Annotated[Task, BeforeValidator(_shorthand("title"), json_schema_input_type=Task | str)]],
                     Field(min_length=2, max_length=8)]
    """Two to eight cards, in order."""
    numbering: Literal["none", "chinese", "arabic"] = "none"
    """Mark each card with its ordinal: chinese (一 二 三), arabic (1 2 3), or none (its icon)."""


class Keyword(StrictModel):
    """One slogan set very large, with what it means under it. Shorthand: a bare text."""

    text: Annotated[str, Field(min_length=1)]
    """The slogan, as short as the article writes it: “九个一体化”, 一谷三区."""
    label: str = ""
    """The supporting words, smaller: 同向发力."""
    icon: IconName | None = None
    """An icon above the slogan."""


class Keywords(StrictModel):
    """One to six slogans side by side, set very large. Shorthand: a bare list."""

    items: Annotated[list[Annotated[Keyword, BeforeValidator(_shorthand("text"),
                                                            json_schema_input_type=Keyword | str)]],
                     Field(min_length=1, max_length=6)]
    """The slogans, left to right."""


class FlowStep(StrictModel):
    """One step of a flow. Shorthand: a bare text."""

    text: Annotated[str, Field(min_length=1)]
    """The step, short: 规划."""
    label: str = ""
    """A line under it."""
    icon: IconName | None = None
    """An icon in the step's disc (otherwise its number)."""


class Flow(StrictModel):
    """Steps whose order matters, joined by arrows: 规划 → 建设 → 运营. Shorthand: a bare list."""

    items: Annotated[list[Annotated[FlowStep, BeforeValidator(_shorthand("text"),
                                                             json_schema_input_type=FlowStep | str)]],
                     Field(min_length=2, max_length=6)]
    """Two to six steps, first to last."""


class Badge(StrictModel):
    """A ranking or honour with emphasis. Shorthand: `badge: 全国文明城市`."""

    text: str
    """The honour: 居全省第一, 全国文明城市."""
    label: str = ""
    """What earned it: 固定资产投资增速."""
    icon: IconName = "star"
    """The emblem drawn over the text: star, medal, flag, trophy, or an icon (mdi6.trophy-award)."""


class TimelineStep(StrictModel):
    """One milestone: a figure (34 天) or a time (2020年), and what happened."""

    label: str
    """What happened."""
    at: str = ""
    """When, as text: 2020年, 一月. Give either `at` or `value`."""
    value: Number | None = None
    """When, as a figure that counts up: 34 (with unit 天)."""
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    """Digits after the decimal point of `value`."""
    unit: str = ""
    """Unit of `value`: 天."""
    before: str = ""
    """Qualifier before `value`: 仅用."""
    after: str = ""
    """Qualifier after `value`."""
    signed: bool = False
    """Show the sign of `value` (+4.1%, −2.3%); writing the value with its sign sets it."""
    icon: IconName | None = None
    """An icon on the milestone's dot."""

    @model_validator(mode="before")
    @classmethod
    def _written(cls, data: Any) -> Any:
        return as_written(data)

    @model_validator(mode="after")
    def _check_when(self) -> TimelineStep:
        if (self.value is None) == (not self.at):
            raise DeckValueError("step-needs-at-or-value", tr("a timeline step needs exactly one of `at` (text) or `value` (figure)"))
        if self.value is not None:
            Figure(value=self.value, unit=self.unit, signed=self.signed)
        return self


class Timeline(StrictModel):
    """Milestones in order, drawn along a line: 34天 -> 54天."""

    title: str = ""
    """Caption over the line."""
    items: Annotated[list[TimelineStep], Field(min_length=1)]
    """The milestones, first to last."""


class Image(StrictModel):
    """A picture from the deck's own folder. Shorthand: `image: images/hall.jpg`."""

    src: Annotated[str, Field(min_length=1)]
    """Path relative to the deck folder; it must stay inside it."""
    caption: str = ""
    """A line under the picture."""
    fit: Literal["contain", "cover"] = "contain"
    """contain (whole picture, may leave margins) or cover (fill, may crop)."""

    @model_validator(mode="after")
    def _check_src(self) -> Image:
        if self.src.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", self.src):
            raise DeckValueError("absolute-path", tr(
                "'{src}' is an absolute path: give a path inside the deck folder", src=self.src))
        if ".." in re.split(r"[\\/]", self.src):
            raise DeckValueError("outside-deck", tr("'{src}' leaves the deck folder: images must be inside it", src=self.src))
        return self


BLOCK_KINDS = ("counter", "chart", "text", "badge", "timeline", "image", "tasks", "keywords", "flow")
"""The block types a slide can hold, each written as a one-key mapping."""


class Block(StrictModel):
    """One element of a slide, written as a mapping with exactly one key: its type."""

    counter: Counter | None = None
    """A figure that counts up."""
    chart: Chart | None = None
    """A bar, line, pie, donut or ring chart."""
    text: Annotated[Text, BeforeValidator(_expand_text, json_schema_input_type=Text | str | list[str])] | None = None
    """A headline, paragraph, bullet list or quote."""
    badge: Annotated[Badge, BeforeValidator(_shorthand("text"), json_schema_input_type=Badge | str)] | None = None
    """A ranking or honour."""
    timeline: Timeline | None = None
    """Milestones along a line."""
    image: Annotated[Image, BeforeValidator(_shorthand("src"), json_schema_input_type=Image | str)] | None = None
    """A picture from the deck folder."""
    tasks: Annotated[Tasks, BeforeValidator(_list_of_items, json_schema_input_type=Tasks | list)] | None = None
    """Task cards with an icon or ordinal each."""
    keywords: Annotated[Keywords, BeforeValidator(_list_of_items, json_schema_input_type=Keywords | list)] | None = None
    """Slogans set very large."""
    flow: Annotated[Flow, BeforeValidator(_list_of_items, json_schema_input_type=Flow | list)] | None = None
    """Steps joined by arrows."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"minProperties": 1, "maxProperties": 1},
    )

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, data: Any) -> Any:
        if isinstance(data, dict):
            kinds = [key for key in data if key in BLOCK_KINDS]
            if len(kinds) > 1:
                raise DeckValueError("two-blocks", tr(
                    "one block per list item: found {kinds}; start each with its own '- '",
                    kinds=tr(" and ").join(kinds)))
            if not data:
                raise DeckValueError("empty-block", tr("an empty block: write one of {kinds}", kinds=", ".join(BLOCK_KINDS)))
        return data

    @property
    def kind(self) -> str:
        """The block type: one of BLOCK_KINDS."""
        return next(kind for kind in BLOCK_KINDS if getattr(self, kind) is not None)

    @property
    def content(self) -> Counter | Chart | Text | Badge | Timeline | Image | Tasks | Keywords | Flow:
        """The block's own model."""
        return getattr(self, self.kind)


class Slide(Defaults):
    """One screenful. After loading, duration, transition and entrance are always set."""

    id: Identifier
    """Unique within the deck: used by --start and to keep the position on reload."""
    title: str = ""
    """The slide's heading."""
    subtitle: str = ""
    """A line under the heading."""
    layout: Layout = "grid"
    """cover, section, grid, split or quote."""
    show_title: bool | None = None
    """Draw the title and subtitle on the slide: by default yes, except on a quote slide
    (the quote stands alone; its title still names it in the overview)."""
    notes: str = ""
    """For the presenter: the fuller sentences to read out."""
    blocks: list[Block] = []
    """What the slide shows, in entrance order."""


class SectionFile(StrictModel):
    """A section file: a part of the show with its own slides."""

    id: Identifier
    """Unique within the deck: used by --start and --loop-sections."""
    title: str
    """The section's title, shown in the indicator and the overview."""
    defaults: Defaults = Defaults.model_construct()
    """Slide settings for this section, over the deck's defaults."""
    slides: Annotated[list[Slide], Field(min_length=1)]
    """The section's slides, in order."""


class Kiosk(StrictModel):
    """How the kiosk runs when nobody is presenting."""

    autoplay: bool = True
    """Advance slides by their durations."""
    loop: bool = True
    """After the last slide, start again (otherwise stop on it)."""
    loop_sections: list[Identifier] = []
    """Section ids the attract loop plays; empty means all."""
    idle_resume: Seconds = 120
    """After presenter input, resume autoplay when idle this long."""
    resume_from: Literal["current", "start"] = "current"
    """Where autoplay resumes after the idle timeout."""
    cursor_hide: Seconds = 3
    """Hide the mouse cursor after it has been still this long."""
    quit_chord: str = "Ctrl+Shift+Q"
    """The staff key chord that quits in kiosk mode."""
    screen: Annotated[int | str | None, BeforeValidator(parse_screen, json_schema_input_type=int | str | None)] = None
    """Screen number (0 is the first) or name to play on; absent means the primary screen."""
    keys: dict[Action, list[str]] = {}
    """Extra or replacement key bindings per action, e.g. next: [Right, X]."""


class Tour(StrictModel):
    """A guided tour: a named route through the deck, with its time budget."""

    id: Identifier
    """Unique among the deck's tours (the guide page and `--tour` name it)."""
    title: str
    """What the guide chooses, e.g. VIP 10 分钟."""
    stops: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
    """Section ids (all of that section's slides) or slide ids, in the order the tour takes them."""
    minutes: Annotated[float, Field(gt=0, le=24 * 60)]
    """The time the tour may take, in minutes (the presenter view's budget bar)."""


class Presenter(StrictModel):
    """The guide's presenter view on a second screen."""

    screen: Annotated[int | str | None, BeforeValidator(parse_screen, json_schema_input_type=int | str | None)] = None
    """Screen number (0 is the first) or name for the presenter view; absent means none."""
    tour_minutes: Annotated[float, Field(gt=0, le=24 * 60)] | None = None
    """The time budget of a walk-through that follows no tour, in minutes; absent: no budget bar."""
    notes_size: Annotated[int, Field(ge=12, le=200)] = 40
    """The notes' type size in pixels at 1080p (+ and - change it on the presenter view)."""


class DeckFile(StrictModel):
    """The deck file: what the show is called, how it looks and which sections it plays."""

    title: str
    """The show's title."""
    credit: str = ""
    """Who made it: reporter, graphics."""
    theme: str = "hall-red"
    """A bundled theme name (hall-red, hall-light) or a theme file inside the deck folder."""
    canvas: Literal["landscape", "portrait"] = "landscape"
    """Design canvas: landscape 1920x1080 or portrait 1080x1920."""
    defaults: Defaults = Defaults.model_construct()
    """Slide settings for the whole deck."""
    kiosk: Kiosk = Kiosk.model_construct()
    """Autoplay, loop, idle and key settings."""
    sections: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
    """Section files, in playing order, relative to the deck folder."""
    tours: list[Tour] = []
    """Guided tours through the deck, chosen on the presenter view or the guide's page."""
    presenter: Presenter = Presenter.model_construct()
    """The presenter view: its screen, the notes' size and a time budget."""
