"""The theme contract: palette, fonts, background, logo and sizes, in design pixels."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from zzkiosk.deck.errors import DeckValueError
from zzkiosk.deck.fields import Colour, StrictModel
from zzkiosk.i18n import tr

Pixels = Annotated[float, Field(gt=0, le=1000)]


class Palette(StrictModel):
    """Colours of everything drawn."""

    background: Colour = "#8f0b0b"
    """Canvas colour, also the letterbox around it (unless the background is an image)."""
    surface: Colour = "#00000033"
    """Panels behind blocks (cards, chart areas); use alpha for a glassy look."""
    primary: Colour = "#ffffff"
    """Titles and big figures."""
    accent: Colour = "#f5c86b"
    """Emphasis: units, badges, bars, rings, the progress line."""
    text: Colour = "#fff4e0"
    """Body text and labels."""
    muted: Colour = "#f2d6b3"
    """Notes, captions, axis labels, chart tracks."""
    up: Colour = "#ffb0a3"
    """A rise (▲ of a signed figure): red, as Chinese reports mark an increase."""
    down: Colour = "#8fe3a8"
    """A fall (▼ of a signed figure): green, as Chinese reports mark a decrease."""
    series: Annotated[list[Colour], Field(min_length=1)] = ["#f5c86b", "#ffffff", "#ff9f5a", "#ffd9a0"]
    """Colours for chart series and pie slices, in order."""


class Background(StrictModel):
    """The canvas background: one colour, a gradient, or an image from the theme folder."""

    color: Colour | None = None
    """A flat colour (defaults to the palette's background)."""
    gradient: Annotated[list[Colour], Field(min_length=2)] | None = None
    """Two or more colours, blended along `angle`."""
    angle: float = 90
    """Gradient direction in degrees: 90 runs top to bottom, 0 left to right."""
    image: str | None = None
    """A picture file, relative to the theme file, scaled to cover the canvas."""

    @model_validator(mode="after")
    def _one_kind(self) -> Background:
        given = [name for name in ("color", "gradient", "image") if getattr(self, name) is not None]
        if len(given) > 1:
            raise DeckValueError("background-kinds", tr(
                "give one of color, gradient or image, not {given}", given=tr(" and ").join(given)))
        return self


class Fonts(StrictModel):
    """Font families; the files are shipped in resources/fonts and loaded at start."""

    family: str = "ZZKiosk Sans SC"
    """Family for all text."""
    figures: str = "ZZKiosk Sans SC"
    """Family for the digits of counters (tabular figures are used)."""
    files: list[str] = ["NotoSansSC-zzkiosk-Regular.otf", "NotoSansSC-zzkiosk-Bold.otf"]
    """Font files to load: names in resources/fonts or paths relative to the theme file."""


class Sizes(StrictModel):
    """Text sizes and spacing in design pixels (1920x1080 canvas)."""

    cover_title: Pixels = 96
    """The deck's and sections' title on their title pages."""
    title: Pixels = 64
    """A slide's title."""
    subtitle: Pixels = 34
    """The line under a title."""
    headline: Pixels = 48
    """A headline text block."""
    body: Pixels = 36
    """Paragraphs and bullets; they never shrink under 36 (read from 5 m on the 1080-px canvas)."""
    figure: Pixels = 120
    """Digits of a counter."""
    unit: Pixels = 44
    """Units and qualifiers beside the digits."""
    label: Pixels = 32
    """Labels under figures, chart titles and legends."""
    note: Pixels = 26
    """Notes under labels, chart values and axes, captions."""
    fill_max: Pixels = 72
    """The largest the headlines of task cards and flow steps grow to when they have room."""
    keyword: Pixels = 150
    """The largest a keyword (a slogan such as “九个一体化”) grows to."""
    margin: Pixels = 96
    """Space between the canvas edge and content."""
    gap: Pixels = 40
    """Space between blocks."""


class Theme(StrictModel):
    """A complete look for a deck. Every key is optional; the defaults are the red hall theme."""

    name: str = ""
    """Shown in validate output."""
    palette: Palette = Palette.model_construct()
    """The colours of everything drawn."""
    background: Background = Background.model_construct()
    """The canvas behind the slides: a colour, a gradient or a picture."""
    fonts: Fonts = Fonts.model_construct()
    """Font families and the font files to load."""
    sizes: Sizes = Sizes.model_construct()
    """Text sizes and spacing, in design pixels."""
    logo: str | None = None
    """An image file relative to the theme file, drawn in the top-right corner."""
    show_progress: bool = True
    """A thin line along the bottom showing time left on the slide during autoplay."""
    show_indicator: bool = True
    """Section title and slide number in the bottom corner."""
