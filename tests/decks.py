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
