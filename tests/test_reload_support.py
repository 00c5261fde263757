"""Shared pieces of the hot reload tests: a live player on a deck in a temporary folder."""

import os
import time
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from decks import write_deck

DECK = """\
title: 测试展板
theme: hall-red
defaults:
  transition: none
  entrance: none
kiosk:
  autoplay: false
sections:
  - sections/part.yaml
  - sections/more.yaml
"""

PART = """\
id: part
title: 第一部分
slides:
  - id: projects
    title: 项目建设加快推进
    blocks:
      - counter: {value: 385, unit: 个, label: 新签合同项目}
  - id: picture
    title: 新馆
    blocks:
      - image: {src: images/hall.png, caption: 新馆}
"""

MORE = """\
id: more
title: 第二部分
slides:
  - id: tasks
    title: 目标任务
    blocks:
      - counter: {value: 7, unit: '%', label: 增长}
  - id: closing
    title: 谢谢
    blocks:
      - text: 谢谢观看
"""

RELOAD_MS = 1000
"""A saved edit must be on screen within this long."""


def write_live_deck(folder: Path) -> Path:
    """The reload tests' deck: two sections, four slides, one picture."""
    write_deck(folder, DECK, {"sections/part.yaml": PART, "sections/more.yaml": MORE})
    write_picture(folder / "images/hall.png")
    return folder


def write_picture(path: Path, colour: str = "#c0a060") -> None:
    """A small valid PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(64, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")


def save(path: Path, content: str | bytes) -> None:
    """Save like an editor: write the file, and make sure its time stamp moves."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    bump(path)


def bump(path: Path) -> None:
    """Move the modification time forward (coarse-clock file systems would miss a quick save)."""
    bump.count += 1
    stamp = time.time_ns() + bump.count * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


bump.count = 0


def figure(window) -> str | None:
    """The figure of the first counter on screen, None when the slide has none."""
    for item in getattr(window.presentation.scene, "blocks", ()):
        if item.kind == "counter":
            return item.display_text
    return None


def slide_id(window) -> str:
    """The id of the slide the scene on screen was built from."""
    return window.presentation.scene.slide.id


