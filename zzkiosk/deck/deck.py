"""The loaded deck: validated, defaults resolved, ready to play (its parts are the plain
twins of zzkiosk.deck.plain, so that playing it needs no pydantic)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from zzkiosk.deck.errors import Problem
from zzkiosk.deck.plain import Kiosk, Presenter, Slide, Theme, Tour

CANVAS_SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
"""Design canvas size in pixels for each canvas orientation."""


def shape_of(width: float, height: float) -> str:
    """"portrait" for a size taller than wide, else "landscape" (a canvas, a window, a screen)."""
    return "portrait" if height > width else "landscape"


@dataclass(frozen=True)
class Section:
    """A section of the show with its slides, each with duration, transition and entrance set."""

    id: str
    """Section id from its file."""
    title: str
    """Section title."""
    file: Path
    """The section file it came from."""
    slides: tuple[Slide, ...]
    """Its slides, in order."""


class SlideAt(NamedTuple):
    """One slide of the deck with the section it belongs to."""

    section: Section
    """The slide's section."""
    slide: Slide
    """The slide."""


@dataclass(frozen=True)
class Deck:
    """A whole show, as loaded from a deck folder."""

    folder: Path
    """The deck folder; images and theme files are relative to it."""
    file: Path
    """The deck file (deck.yaml)."""
    title: str
    """The show's title."""
    credit: str
    """Who made it."""
    canvas: tuple[int, int]
    """Design canvas (width, height) in pixels."""
    theme: Theme
    """The theme, loaded and validated."""
    theme_folder: Path
    """Folder the theme's relative paths (background image, logo, fonts) start from."""
    kiosk: Kiosk
    """Kiosk settings."""
    sections: tuple[Section, ...]
    """Sections in playing order."""
    files: tuple[Path, ...]
    """Every file the deck was read from (for hot reload)."""
    fonts: tuple[Path, ...] = ()
    """The theme's font files, resolved (beside the theme, else shipped) and checked readable."""
    warnings: tuple[Problem, ...] = ()
    """Problems that do not stop the deck from playing."""
    tours: tuple[Tour, ...] = ()
    """Guided tours, their stops checked against the deck's sections and slides."""
    presenter: Presenter = Presenter()
    """Presenter view settings."""
    digests: tuple[str, ...] = ()
    """SHA-256 of each of `files` as it was read and validated (the deck cache's key)."""

    @cached_property
    def slides(self) -> tuple[SlideAt, ...]:
        """Every slide in playing order, with its section (built once: the deck is frozen)."""
        return tuple(SlideAt(section, slide) for section in self.sections for slide in section.slides)

