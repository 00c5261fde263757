"""The deck as the player plays it: plain frozen twins of the validated models.

`zzkiosk.deck.model` and `zzkiosk.deck.theme` say what a deck may contain and check it
(pydantic). Once a deck has passed, the loader turns each model into its twin here
(`plain_of`): a frozen object of the same class name with the same fields, values and
defaults, and the few properties the player reads (`Block.kind`, `Block.content`,
`Chart.whole`). Each field is documented on its model. The deck cache stores these twins,
so a start that plays a cached deck imports neither pydantic nor the models (50-90 ms and
8 MB of a warm start; docs/architecture.md, "The deck cache"). A copy with changes is
`replace(twin, field=value)`.

The twins are `zzkiosk.deck.frozen.Plain` objects, not dataclasses: why is said there.

This module imports nothing of the deck's validation: keep it so. A field added to a
model needs its twin here; tests/test_deck_plain.py fails until it has one.
"""

from __future__ import annotations

from zzkiosk.deck.frozen import TWINS, Factory, Plain, plain_of, replace

__all__ = ["BLOCK_KINDS", "TWINS", "Factory", "Plain", "plain_of", "replace"]  # for the loader, tests and the bench

BLOCK_KINDS = ("counter", "chart", "text", "badge", "timeline", "image", "tasks", "keywords", "flow")
"""The block types a slide can hold (as zzkiosk.deck.blocks.BLOCK_KINDS)."""


class Transition(Plain):
    """How a slide replaces the one before it (model.Transition)."""

    type: str = "fade"
    direction: str = "left"
    duration: float = 0.8
    easing: str = "in-out-cubic"


class Entrance(Plain):
    """How a slide's blocks come in after the transition (model.Entrance)."""

    type: str = "rise"
    duration: float = 0.7
    stagger: float = 0.15
    easing: str = "out-cubic"


class Counter(Plain):
    """A big figure that counts up (figures.Counter)."""

    value: float
    decimals: int | None = None
    unit: str = ""
    before: str = ""
    after: str = ""
    signed: bool = False
    label: str
    note: str = ""
    start: float = 0
    grouping: bool = False
    trend: str = "none"
    icon: str | None = None


class ChartEntry(Plain):
    """One bar, point or slice of a chart (figures.ChartEntry)."""

    value: float
    decimals: int | None = None
    unit: str = ""
    before: str = ""
    after: str = ""
    signed: bool = False
    label: str


class Chart(Plain):
    """A chart (figures.Chart)."""

    kind: str
    title: str = ""
    unit: str = ""
    items: list[ChartEntry] = Factory(list)
    value: float | None = None
    of: float | None = None
    max: float = 100
    decimals: int | None = None
    label: str = ""
    before: str = ""
    after: str = ""

    @property
    def whole(self) -> float:
        """For ring: the value of the full circle (`of`, else `max`)."""
        return self.of if self.of is not None else self.max


class Text(Plain):
    """Words on a slide (blocks.Text)."""

    style: str = "paragraph"
    text: str = ""
    items: list[str] = Factory(list)
    by: str = ""


class Task(Plain):
    """One task card (blocks.Task)."""

    title: str
    text: str = ""
    icon: str | None = None


class Tasks(Plain):
    """Task cards in a grid (blocks.Tasks)."""

    items: list[Task]
    numbering: str = "none"


class Keyword(Plain):
    """One slogan set very large (blocks.Keyword)."""

    text: str
    label: str = ""
    icon: str | None = None


class Keywords(Plain):
    """Slogans side by side (blocks.Keywords)."""

    items: list[Keyword]


class FlowStep(Plain):
    """One step of a flow (blocks.FlowStep)."""

    text: str
    label: str = ""
    icon: str | None = None


class Flow(Plain):
    """Steps joined by arrows (blocks.Flow)."""

    items: list[FlowStep]


class Badge(Plain):
    """A ranking or honour (blocks.Badge)."""

    text: str
    label: str = ""
    icon: str = "star"


class TimelineStep(Plain):
    """One milestone (blocks.TimelineStep)."""

    label: str
    at: str = ""
    value: float | None = None
    decimals: int | None = None
    unit: str = ""
    before: str = ""
    after: str = ""
    signed: bool = False
    icon: str | None = None


class Timeline(Plain):
    """Milestones along a line (blocks.Timeline)."""

    title: str = ""
    items: list[TimelineStep]


class Image(Plain):
    """A picture from the deck's folder (blocks.Image)."""

    src: str
    caption: str = ""
    fit: str = "contain"


class Block(Plain):
    """One element of a slide: exactly one of its fields is set (blocks.Block)."""

    counter: Counter | None = None
    chart: Chart | None = None
    text: Text | None = None
    badge: Badge | None = None
    timeline: Timeline | None = None
    image: Image | None = None
    tasks: Tasks | None = None
    keywords: Keywords | None = None
    flow: Flow | None = None

    @property
    def kind(self) -> str:
        """The block type: one of BLOCK_KINDS."""
        return next(kind for kind in BLOCK_KINDS if getattr(self, kind) is not None)

    @property
    def content(self) -> Counter | Chart | Text | Badge | Timeline | Image | Tasks | Keywords | Flow:
        """The block's own content."""
        return getattr(self, self.kind)


class Slide(Plain):
    """One screenful; in a loaded deck duration, transition and entrance are set (model.Slide)."""

    duration: float | None = None
    transition: Transition | None = None
    entrance: Entrance | None = None
    id: str
    title: str = ""
    subtitle: str = ""
    layout: str = "grid"
    show_title: bool | None = None
    notes: str = ""
    blocks: list[Block] = Factory(list)


class Kiosk(Plain):
    """How the kiosk runs when nobody is presenting (model.Kiosk)."""

    autoplay: bool = True
    loop: bool = True
    loop_sections: list[str] = Factory(list)
    idle_resume: float = 120
    resume_from: str = "current"
    cursor_hide: float = 3
    quit_chord: str = "Ctrl+Shift+Q"
    screen: int | str | None = None
    keys: dict[str, list[str]] = Factory(dict)


class Tour(Plain):
    """A guided tour through the deck (model.Tour)."""

    id: str
    title: str
    stops: list[str]
    minutes: float


class Presenter(Plain):
    """The presenter view's settings (model.Presenter)."""

    screen: int | str | None = None
    tour_minutes: float | None = None
    notes_size: int = 40


class Palette(Plain):
    """Colours of everything drawn (theme.Palette)."""

    background: str = "#8f0b0b"
    surface: str = "#00000033"
    primary: str = "#ffffff"
    accent: str = "#f5c86b"
    text: str = "#fff4e0"
    muted: str = "#f2d6b3"
    up: str = "#ffb0a3"
    down: str = "#8fe3a8"
    series: list[str] = Factory(lambda: ["#f5c86b", "#ffffff", "#ff9f5a", "#ffd9a0"])


class Background(Plain):
    """The canvas background (theme.Background)."""

    color: str | None = None
    gradient: list[str] | None = None
    angle: float = 90
    image: str | None = None


class Fonts(Plain):
    """Font families and files (theme.Fonts)."""

    family: str = "ZZKiosk Sans SC"
    figures: str = "ZZKiosk Sans SC"
    files: list[str] = Factory(lambda: ["NotoSansSC-zzkiosk-Regular.otf", "NotoSansSC-zzkiosk-Bold.otf"])


class Sizes(Plain):
    """Text sizes and spacing in design pixels (theme.Sizes)."""

    cover_title: float = 96
    title: float = 64
    subtitle: float = 34
    headline: float = 48
    body: float = 36
    figure: float = 120
    unit: float = 44
    label: float = 32
    note: float = 26
    fill_max: float = 72
    keyword: float = 150
    margin: float = 96
    gap: float = 40


class Theme(Plain):
    """A complete look for a deck (theme.Theme)."""

    name: str = ""
    palette: Palette = Factory(Palette)
    background: Background = Factory(Background)
    fonts: Fonts = Factory(Fonts)
    sizes: Sizes = Factory(Sizes)
    logo: str | None = None
    show_progress: bool = True
    show_indicator: bool = True
