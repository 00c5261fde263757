"""Every YAML example in the manuals (README.md, README.zh-CN.md) loads as the manual says.

Staff copy these examples; one that no longer validates teaches them an error. Each
example is put where it belongs (a deck file, a section file, a slide's blocks or the
deck's `kiosk` settings) in a small deck, and that deck must load without problems.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.decks import DECK, SECTION, write_deck
from zzkiosk.deck.loader import load_deck

ROOT = Path(__file__).resolve().parent.parent
MANUALS = ("README.md", "README.zh-CN.md")
PICTURE = ROOT / "tests" / "decks" / "all-blocks" / "images" / "hall.png"
_FENCE = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[str, int, str]]:
    found = []
    for manual in MANUALS:
        text = (ROOT / manual).read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((manual, line, match.group(1)))
    return found


def _section_with_blocks(blocks: str) -> str:
    indented = "\n".join("      " + line for line in blocks.splitlines())
    return f"id: part\ntitle: 第一部分\nslides:\n  - id: example\n    title: 示例\n    blocks:\n{indented}\n"


MACHINE_SECTIONS = {"control", "mqtt"}
"""Top-level keys of the machine's config.yaml (not a deck: see zzkiosk.control.config)."""


DECK_SETTINGS = {"kiosk", "tours", "presenter"}
"""deck.yaml keys whose examples name the bundled deck's sections and slides."""


def _bundled_deck_with(settings: str, folder: Path) -> Path:
    """A copy of the bundled deck whose deck.yaml has `settings` in place of its own."""
    shutil.copytree(ROOT / "slides", folder, dirs_exist_ok=True)
    deck = yaml.safe_load((folder / "deck.yaml").read_text(encoding="utf-8"))
    for key in yaml.safe_load(settings):
        deck.pop(key, None)
    text = yaml.safe_dump(deck, allow_unicode=True, sort_keys=False)
    (folder / "deck.yaml").write_text(text + settings, encoding="utf-8")
    return folder


def _section(name: str) -> str:
    """A valid section file whose section and slide ids are `name`'s own."""
    return SECTION.replace("id: part", f"id: {name}").replace("id: projects", f"id: {name}-projects")


def _deck_for(example: str, folder: Path) -> Path | None:
    """A deck folder in which `example` stands where it belongs; None for a machine config example."""
    data = yaml.safe_load(example)
    if isinstance(data, list):
        return write_deck(folder, sections={"sections/part.yaml": _section_with_blocks(example)})
    if "sections" in data:
        return write_deck(folder, example, {name: _section(Path(name).stem) for name in data["sections"]})
    if "slides" in data:
        return write_deck(folder, DECK.replace("sections/part.yaml", "sections/example.yaml"),
                          {"sections/example.yaml": example})
    if set(data) <= MACHINE_SECTIONS:
        return None
    if set(data) <= DECK_SETTINGS:
        return _bundled_deck_with(example, folder)
    raise AssertionError(f"an example of an unknown kind: {sorted(data)}")


def _check_machine_config(example: str, folder: Path) -> None:
    """A machine's config.yaml example (control:, mqtt:) loads as the kiosk would load it."""
    from zzkiosk.control.config import load_config

    path = folder / "config.yaml"
    path.write_text(example, encoding="utf-8")
    load_config(path)


@pytest.mark.parametrize("manual, line, example",
                         [pytest.param(*example, id=f"{example[0]}:{example[1]}") for example in _examples()])
def test_manual_example_loads(tmp_path: Path, manual: str, line: int, example: str) -> None:
    """The example at `manual`:`line` loads, with no warning either."""
    folder = _deck_for(example, tmp_path)
    if folder is None:
        _check_machine_config(example, tmp_path)
        return
    (folder / "images").mkdir(exist_ok=True)
    shutil.copy(PICTURE, folder / "images" / "hall.jpg")
    deck = load_deck(folder)
    assert not deck.warnings, f"{manual}:{line}: {[str(w) for w in deck.warnings]}"


def test_both_manuals_have_examples() -> None:
    """The Chinese manual carries the same kinds of examples as the English one."""
    counts = {manual: sum(1 for m, _, _ in _examples() if m == manual) for manual in MANUALS}
    assert counts["README.zh-CN.md"] >= 8 and counts["README.md"] >= 8, counts
