"""The deck as the player plays it: plain frozen twins of the validated models.

`zzkiosk.deck.model` and `zzkiosk.deck.theme` say what a deck may contain and check it
(pydantic). Once a deck has passed, the loader turns each model into its twin here
(`plain_of`): a frozen object of the same class name with the same fields, values and
defaults, and the few properties the player reads (`Block.kind`, `Block.content`,
`Chart.whole`). Each field is documented on its model. The deck cache stores these twins,
so a start that plays a cached deck imports neither pydantic nor the models (about a
quarter of a warm start; docs/architecture.md, "The deck cache"). A copy with changes is
`replace(twin, field=value)`.

The twins are not dataclasses on purpose: making 26 dataclasses takes 15-30 ms at import
(each generates and compiles its methods), about what the cache saves by not importing
pydantic's models. `Plain` gives them what the player needs of a dataclass at no cost:
keyword construction, frozen fields, comparison and hashing by value, repr, pickling.

This module imports nothing of the deck's validation: keep it so. A field added to a
model needs its twin here; tests/test_deck_plain.py fails until it has one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BLOCK_KINDS = ("counter", "chart", "text", "badge", "timeline", "image", "tasks", "keywords", "flow")
"""The block types a slide can hold (as zzkiosk.deck.model.BLOCK_KINDS)."""


class Factory:
    """The default of a field that holds a list or a dict: made anew for each object."""

    def __init__(self, make: Callable[[], Any]):
        self.make = make
        """Makes the default value."""


class Plain:
    """Base of the twins: the class's annotations are its fields, in order; a class
    attribute is a field's default (a `Factory` for lists and dicts)."""

    _fields: tuple[str, ...] = ()
    """The field names, in the order of the model's fields."""
    _factories: dict[str, Factory] = {}
    """The fields whose default is made anew for each object."""

    def __init_subclass__(cls) -> None:
        cls._fields = tuple(cls.__dict__.get("__annotations__", {}))
        cls._factories = {name: cls.__dict__[name] for name in cls._fields
                             if isinstance(cls.__dict__.get(name), Factory)}
        for name in cls._factories:
            delattr(cls, name)

    def __init__(self, **values: Any):
        unknown = values.keys() - set(self._fields)
        missing = [name for name in self._fields if name not in values and name not in self._factories
                   and not hasattr(type(self), name)]
        if unknown or missing:
            raise TypeError(f"{type(self).__name__}: unknown fields {sorted(unknown)}, missing {missing}")
        for name, factory in self._factories.items():
            if name not in values:
                values[name] = factory.make()
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: make a changed copy with replace()")

    __delattr__ = __setattr__

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self._fields)})"


def replace(twin: Plain, **changes: Any) -> Plain:
    """A copy of `twin` with `changes` (field=value), as dataclasses.replace does."""
    if not changes.keys() <= set(twin._fields):
        raise TypeError(f"{type(twin).__name__}: unknown fields {sorted(changes.keys() - set(twin._fields))}")
    made = object.__new__(type(twin))
    made.__dict__.update(twin.__dict__)  # the fields given when it was made; defaults stay on the class
    made.__dict__.update(changes)
    return made


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
    """A big figure that counts up (model.Counter)."""

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
    """One bar, point or slice of a chart (model.ChartEntry)."""

    value: float
    decimals: int | None = None
    unit: str = ""
    before: str = ""
    after: str = ""
    signed: bool = False
    label: str


class Chart(Plain):
    """A chart (model.Chart)."""

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
    """Words on a slide (model.Text)."""

    style: str = "paragraph"
    text: str = ""
    items: list[str] = Factory(list)
    by: str = ""


class Task(Plain):
    """One task card (model.Task)."""

    title: str
    text: str = ""
    icon: str | None = None


class Tasks(Plain):
    """Task cards in a grid (model.Tasks)."""

    items: list[Task]
    numbering: str = "none"


class Keyword(Plain):
    """One slogan set very large (model.Keyword)."""

    text: str
    label: str = ""
    icon: str | None = None


class Keywords(Plain):
    """Slogans side by side (model.Keywords)."""

    items: list[Keyword]


class FlowStep(Plain):
    """One step of a flow (model.FlowStep)."""

    text: str
    label: str = ""
    icon: str | None = None


class Flow(Plain):
    """Steps joined by arrows (model.Flow)."""

    items: list[FlowStep]


class Badge(Plain):
    """A ranking or honour (model.Badge)."""

    text: str
    label: str = ""
    icon: str = "star"


class TimelineStep(Plain):
    """One milestone (model.TimelineStep)."""

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
    """Milestones along a line (model.Timeline)."""

    title: str = ""
    items: list[TimelineStep]


class Image(Plain):
    """A picture from the deck's folder (model.Image)."""

    src: str
    caption: str = ""
    fit: str = "contain"


class Block(Plain):
    """One element of a slide: exactly one of its fields is set (model.Block)."""

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


TWINS: dict[str, type[Plain]] = {cls.__name__: cls for cls in (
    Transition, Entrance, Counter, ChartEntry, Chart, Text, Task, Tasks, Keyword, Keywords, FlowStep, Flow,
    Badge, TimelineStep, Timeline, Image, Block, Slide, Kiosk, Tour, Presenter,
    Palette, Background, Fonts, Sizes, Theme,
)}
"""Each twin by the name of its model (the names are unique across model.py and theme.py)."""


def plain_of(value: Any) -> Any:
    """`value` with every validated model in it (in lists and dicts too) turned into its twin.

    Raises TypeError for a model without a twin, or whose fields differ from its twin's:
    a model changed without its twin must not play with a field missing."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [plain_of(item) for item in value]
    if kind is dict:
        return {key: plain_of(item) for key, item in value.items()}
    twin = _TWIN_OF.get(kind) or _twin_of(kind)
    if twin is None:
        return value
    # A model keeps its field values in its __dict__, in the order of its fields; every
    # field is there, so the twin's __init__ and its checks are not needed (5x faster: the
    # 1,000-slide deck's conversion takes ~20 ms).
    values = dict(value.__dict__)
    for name, item in values.items():
        if type(item) not in _SCALARS:
            values[name] = plain_of(item)
    made = twin.__new__(twin)
    made.__dict__.update(values)
    return made


_SCALARS = frozenset({str, float, int, bool, type(None)})
_TWIN_OF: dict[type, type[Plain]] = {}


def _twin_of(model: type) -> type[Plain] | None:
    """The twin of class `model` when it is a validated model (None for anything else)."""
    fields = getattr(model, "model_fields", None)
    if fields is None:
        return None
    twin = TWINS.get(model.__name__)
    if twin is None or twin._fields != tuple(fields):
        raise TypeError(f"{model.__module__}.{model.__name__} has no twin with the same fields in zzkiosk.deck.plain")
    _TWIN_OF[model] = twin
    return twin
