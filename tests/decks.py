"""Writing small decks into a temporary folder for tests."""

from __future__ import annotations

from pathlib import Path

DECK = """\
title: 测试展板
theme: hall-red
sections:
  - sections/part.yaml
"""

SECTION = """\
id: part
title: 第一部分
slides:
  - id: projects
    title: 项目建设加快推进
    blocks:
      - counter: {value: 385, unit: 个, label: 新签合同项目}
      - counter: {value: 1100, unit: 亿元, before: 近, label: 重点项目完成投资}
"""


def write_deck(folder: Path, deck: str | bytes = DECK, sections: dict[str, str | bytes] | None = None) -> Path:
    """Write deck.yaml and section files (default: one valid section) into `folder`."""
    sections = {"sections/part.yaml": SECTION} if sections is None else sections
    files = {"deck.yaml": deck, **sections}
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


CORPUS = Path(__file__).parent / "data" / "hostile"
"""Hostile files: each takes the place of deck.yaml (deck-*.yaml) or of the section file."""


def generated(folder: Path) -> dict[str, str | bytes]:
    """Hostile files too big to commit, or that must point outside a temporary folder."""
    section = SECTION.replace("第一部分", "第一部分 " + "x" * 70)
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.yaml").write_text(SECTION, encoding="utf-8")
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return {
        "ten-megabytes.yaml": (section * (10_000_000 // len(section.encode()) + 1)),
        "many-values.yaml": "id: part\ntitle: 多\nslides: []\njunk: [" + ",".join(["1"] * 600_000) + "]\n",
        "long-line.yaml": SECTION.replace("counter: {value: 385, unit: 个, label: 新签合同项目}", "text: " + "长" * 50_000),
        "symlink-section-outside": outside / "secret.yaml",
        "symlink-image-outside": outside / "secret.png",
    }


def cases() -> list[str]:
    return sorted(path.name for path in CORPUS.glob("*.yaml")) + [
        "ten-megabytes.yaml", "many-values.yaml", "long-line.yaml", "symlink-section-outside", "symlink-image-outside"]


def place(folder: Path, case: str) -> Path:
    """Write a valid deck into `folder` with the hostile `case` in it; the hostile file's path."""
    write_deck(folder)
    made = generated(folder)
    content = made.get(case) or (CORPUS / case).read_bytes()
    if case == "symlink-section-outside":
        target = folder / "sections/part.yaml"
        target.unlink()
        target.symlink_to(content)
        return target
    if case == "symlink-image-outside":
        (folder / "images").mkdir()
        (folder / "images/hall.png").symlink_to(content)
        section = SECTION + "  - id: picture\n    title: 图\n    blocks:\n      - image: {src: images/hall.png}\n"
        (folder / "sections/part.yaml").write_text(section, encoding="utf-8")
        return folder / "sections/part.yaml"
    target = folder / ("deck.yaml" if case.startswith("deck-") else "sections/part.yaml")
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return target
