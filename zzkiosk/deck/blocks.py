"""The blocks a slide holds (zzkiosk.deck.model): text, lists, badges, timelines,
images, and `Block`, the one-key mapping that holds any of them or a figure or chart.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from zzkiosk.deck.errors import DeckValueError
from zzkiosk.deck.fields import IconName, Number, StrictModel, as_written, shorthand
from zzkiosk.deck.figures import Chart, Counter, Figure
from zzkiosk.i18n import tr

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

    items: Annotated[list[Annotated[Task, BeforeValidator(shorthand("title"), json_schema_input_type=Task | str)]],
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

    items: Annotated[list[Annotated[Keyword, BeforeValidator(shorthand("text"),
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

    items: Annotated[list[Annotated[FlowStep, BeforeValidator(shorthand("text"),
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
    badge: Annotated[Badge, BeforeValidator(shorthand("text"), json_schema_input_type=Badge | str)] | None = None
    """A ranking or honour."""
    timeline: Timeline | None = None
    """Milestones along a line."""
    image: Annotated[Image, BeforeValidator(shorthand("src"), json_schema_input_type=Image | str)] | None = None
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
