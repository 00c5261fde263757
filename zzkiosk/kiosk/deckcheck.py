"""What a reloaded deck is checked for before HotReload swaps it in, beside its own validation."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtGui import QImageReader

from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.kiosk.watch import Snapshot


def shrunken_sections(before: Deck, after: Deck) -> str:
    """The sections of `after` with fewer slides than in `before`, in words ("" when none)."""
    counts = {section.id: len(section.slides) for section in before.sections}
    lost = [tr("section {id} has {now} slides, {before} before", id=section.id, now=len(section.slides),
               before=counts[section.id]) for section in after.sections if len(section.slides) < counts.get(section.id, 0)]
    return "; ".join(lost)


def unreadable_pictures(deck: Deck) -> list[str]:
    """A problem for each image block whose file is not a picture Qt can read.

    Only the file's header is looked at (cheap); the current slide's scene is built
    before the swap too, which reads its pictures in full.
    """
    from zzkiosk.render.errors import oversized, unreadable

    problems = []
    for path in sorted({deck.folder / block.content.src for _, slide in deck.slides
                        for block in slide.blocks if block.kind == "image"}):
        reader = QImageReader(str(path))
        if not reader.canRead():
            problems.append(unreadable(path, tr("image"), reader.errorString()))
        elif too_big := oversized(reader):
            problems.append(tr("{file}: the {what} {too_big}", file=path, what=tr("image"), too_big=too_big))
    return problems


def pictures_of(deck: Deck) -> set[str]:
    """The files besides YAML that the show draws from: block images, the theme's
    background image, logo and fonts (as paths in the form snapshots use)."""
    theme, folder = deck.theme, deck.theme_folder
    names = [folder / theme.background.image] if theme.background.image else []
    names += [folder / theme.logo] if theme.logo else []
    names += [folder / name for name in theme.fonts.files]
    names += [deck.folder / block.content.src for _, slide in deck.slides
              for block in slide.blocks if block.kind == "image"]
    return {os.path.normpath(name) for name in names}


def pictures_changed(deck: Deck, before: Snapshot, now: Snapshot) -> bool:
    """True when a picture or font `deck` uses differs between the snapshots `before` and `now`."""
    return any(before.get(path) != now.get(path) for path in pictures_of(deck))
