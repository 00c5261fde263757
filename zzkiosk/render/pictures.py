"""Every picture a deck shows, read in full the way the player reads it (for `validate`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zzkiosk.deck.errors import Problem
from zzkiosk.i18n import tr
from zzkiosk.render.errors import RenderError, read_image

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck


def shown_pictures(deck: Deck) -> list[tuple[Path, str]]:
    """(file, what it is) for each picture the show draws: image blocks, the theme's
    background image and logo; each file once, in the order they first appear."""
    theme, folder = deck.theme, deck.theme_folder
    found = [(folder / theme.background.image, "background image")] if theme.background.image else []
    found += [(folder / theme.logo, "logo")] if theme.logo else []
    found += [(deck.folder / block.content.src, "image") for _, slide in deck.slides
              for block in slide.blocks if block.kind == "image"]
    first: dict[Path, str] = {}
    for path, what in found:
        first.setdefault(path, what)
    return list(first.items())


def picture_problems(deck: Deck) -> list[Problem]:
    """A problem for each picture the player could not draw (missing, not a picture, cut
    short, too many pixels): each is decoded in full, as the player does before showing it."""
    problems = []
    for path, what in shown_pictures(deck):
        try:
            read_image(path, what)
        except RenderError as error:
            message = str(error).removeprefix(f"{path}: ")
            consequence = tr("the player skips the slides that show it") if what == "image" else tr("the deck cannot play")
            problems.append(Problem(path, 0, 0, f"{message} ({consequence})", code="bad-picture"))
    return problems
