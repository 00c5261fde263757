"""A large deck for the benchmark: the bundled deck's slides repeated to any length."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

SLIDES_PER_SECTION = 50
"""Slides in each generated section file."""

_SLIDE_START = re.compile(r"^  - id: (\S+)", re.MULTILINE)
_TOURS = re.compile(r"^tours:.*\n(?:(?:[ #].*)?\n)*", re.MULTILINE)
"""The deck's `tours:` block: its stops name the source's sections and slides, which the
large deck renames, so it is left out."""


def write_large_deck(source: Path, target: Path, slides: int = 1000) -> Path:
    """Write a deck of `slides` slides into `target`, cycling through the slides of `source`."""
    templates = _slide_texts(source)
    target.mkdir(parents=True, exist_ok=True)
    (target / "sections").mkdir(exist_ok=True)
    names = []
    for section_number in range((slides + SLIDES_PER_SECTION - 1) // SLIDES_PER_SECTION):
        first = section_number * SLIDES_PER_SECTION
        count = min(SLIDES_PER_SECTION, slides - first)
        body = "".join(
            _SLIDE_START.sub(f"  - id: s{first + offset}", templates[(first + offset) % len(templates)], count=1)
            for offset in range(count)
        )
        name = f"sections/part-{section_number:03d}.yaml"
        (target / name).write_text(f"id: part-{section_number}\ntitle: 第{section_number + 1}部分\nslides:\n{body}", encoding="utf-8")
        names.append(name)
    deck = (source / "deck.yaml").read_text(encoding="utf-8")
    deck = _TOURS.sub("", deck[: deck.index("\nsections:")] + "\n")
    deck += "sections:\n" + "".join(f"  - {name}\n" for name in names)
    (target / "deck.yaml").write_text(deck, encoding="utf-8")
    for folder in ("images",):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder, dirs_exist_ok=True)
    return target


def _slide_texts(source: Path) -> list[str]:
    """The text of each slide of every section file of `source`, as written."""
    texts = []
    for path in sorted((source / "sections").glob("*.yaml")):
        content = path.read_text(encoding="utf-8")
        content = content[content.index("\nslides:\n") + len("\nslides:\n"):]
        starts = [match.start() for match in _SLIDE_START.finditer(content)] + [len(content)]
        texts += [content[start:end].rstrip() + "\n" for start, end in zip(starts, starts[1:])]
    return texts
