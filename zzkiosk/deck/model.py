"""The deck contract: what content staff may write in deck and section files.

Every model is frozen and forbids unknown keys. The contract is in four modules: this one
(a slide's settings, the slide, the section and deck files), `zzkiosk.deck.blocks` (what a
slide holds), `zzkiosk.deck.figures` (counters and charts) and `zzkiosk.deck.fields` (the
value types and the base model). Shorthands that staff like to write
(`transition: fade`, `text: 一句话`, `duration: 12s`) are expanded before validation, and
the JSON Schema exported by `zzkiosk schema` accepts both forms.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from zzkiosk.deck.blocks import Block
from zzkiosk.deck.fields import Action, Easing, Identifier, Layout, Seconds, StrictModel, shorthand
from zzkiosk.deck.screens import parse_screen


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
    Transition, BeforeValidator(shorthand("type"), json_schema_input_type=Transition | str)
]
EntranceField = Annotated[
    Entrance, BeforeValidator(shorthand("type"), json_schema_input_type=Entrance | str)
]


class Defaults(StrictModel):
    """Slide settings that cascade deck -> section -> slide; a key set lower wins."""

    duration: Seconds | None = None
    """How long a slide stays up in autoplay."""
    transition: TransitionField | None = None
    """Transition into each slide; keys not given are taken from the level above."""
    entrance: EntranceField | None = None
    """Entrance of each slide's blocks; keys not given are taken from the level above."""


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
