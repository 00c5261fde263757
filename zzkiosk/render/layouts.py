"""Slide layouts as a table: each places the heading and the blocks on the design canvas.

A layout gets the free area and the items (anything with `preferred_height(width)`,
`size_class` and `flexible`) and returns rects; items then fit their content to them.
On a portrait canvas the layouts stack where a landscape one uses columns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QRectF


class Placeable(Protocol):
    """What a layout needs to know about an item."""

    size_class: str
    flexible: bool

    def preferred_height(self, width: float) -> float: ...

    def minimum_height(self, width: float) -> float: ...


@dataclass(frozen=True)
class Frame:
    """The canvas and the spacing a layout works with, in design pixels."""

    canvas: QRectF
    """The whole canvas."""
    margin: float
    """Space kept free along the canvas edges."""
    gap: float
    """Space between blocks."""
    portrait: bool
    """A tall canvas: stack instead of columns."""
    reserved_right: float = 0.0
    """Width kept free right of the heading (the logo)."""

    @property
    def area(self) -> QRectF:
        """The canvas inside its margins."""
        m = self.margin
        return self.canvas.adjusted(m, m * 0.75, -m, -m)


@dataclass(frozen=True)
class Placement:
    """Where a layout puts the heading (None: no heading) and each block."""

    heading: QRectF | None
    blocks: tuple[QRectF, ...]


MAX_PER_ROW = {"small": (4, 2), "medium": (2, 1), "wide": (1, 1)}
"""Blocks of a size class that share one grid row: (landscape, portrait)."""
MAX_CELL_WIDTH = {"small": 600.0}
"""Widest a block of a size class is drawn; a row of fewer is centred."""
GROWTH = 1.25
"""Rows of fixed-size blocks grow at most this much beyond their preferred height."""


def _balanced(count: int, most: int) -> list[int]:
    """Split `count` items into rows of at most `most`, as even as possible (7 -> 4, 3)."""
    rows = math.ceil(count / most)
    base, extra = divmod(count, rows)
    return [base + 1 if row < extra else base for row in range(rows)]


def grid_rows(blocks: Sequence[Placeable], portrait: bool) -> list[list[int]]:
    """Block indices per row: runs of one size class, split into balanced rows."""
    rows, run = [], []
    for index, block in enumerate(blocks):
        if run and blocks[run[0]].size_class != block.size_class:
            rows.extend(_split_run(run, blocks, portrait))
            run = []
        run.append(index)
    if run:
        rows.extend(_split_run(run, blocks, portrait))
    return rows


def _split_run(run: list[int], blocks: Sequence[Placeable], portrait: bool) -> list[list[int]]:
    most = MAX_PER_ROW.get(blocks[run[0]].size_class, (1, 1))[1 if portrait else 0]
    rows, start = [], 0
    for size in _balanced(len(run), most):
        rows.append(run[start:start + size])
        start += size
    return rows


def _row_heights(rows: list[list[int]], blocks: Sequence[Placeable], width: float,
                 height: float, gap: float) -> list[float]:
    """Preferred row heights shrunk to fit (no row under its minimum while others can
    give), or grown into spare room (flexible rows first)."""
    wanted, least = [], []
    for row in rows:
        cell = (width - gap * (len(row) - 1)) / len(row)
        cell = min(cell, MAX_CELL_WIDTH.get(blocks[row[0]].size_class, cell))
        wanted.append(max(blocks[i].preferred_height(cell) for i in row))
        least.append(min(wanted[-1], max(blocks[i].minimum_height(cell) for i in row)))
    room = height - gap * (len(rows) - 1)
    total = sum(wanted)
    if total >= room:
        return _shrunk(wanted, least, room)
    flexible = [any(blocks[i].flexible for i in row) for row in rows]
    if any(flexible):
        spare = room - total
        grow = sum(h for h, f in zip(wanted, flexible) if f)
        return [h + spare * h / grow if f else h for h, f in zip(wanted, flexible)]
    return [h * min(GROWTH, room / total) for h in wanted]


def _shrunk(wanted: list[float], least: list[float], room: float) -> list[float]:
    """Heights summing to `room`: each row gives up the same share of what it has above
    its least height (all shrink alike when even the least heights do not fit)."""
    slack, floor = sum(wanted) - sum(least), sum(least)
    if floor >= room or slack <= 0:
        return [h * room / sum(wanted) for h in wanted]
    keep = (room - floor) / slack
    return [low + (h - low) * keep for h, low in zip(wanted, least)]


def place_rows(area: QRectF, rows: list[list[int]], blocks: Sequence[Placeable], gap: float,
               count: int) -> list[QRectF]:
    """Rects for the blocks, row by row, the whole centred vertically in `area`."""
    rects = [QRectF()] * count
    if not rows:
        return rects
    heights = _row_heights(rows, blocks, area.width(), area.height(), gap)
    used = sum(heights) + gap * (len(rows) - 1)
    y = area.top() + max(0.0, (area.height() - used) / 2)
    for row, height in zip(rows, heights):
        cell = (area.width() - gap * (len(row) - 1)) / len(row)
        cell = min(cell, MAX_CELL_WIDTH.get(blocks[row[0]].size_class, cell))
        left = area.center().x() - (cell * len(row) + gap * (len(row) - 1)) / 2
        for column, index in enumerate(row):
            rects[index] = QRectF(left + column * (cell + gap), y, cell, height)
        y += height + gap
    return rects


def _stack(area: QRectF, blocks: Sequence[Placeable], gap: float) -> list[QRectF]:
    return place_rows(area, [[i] for i in range(len(blocks))], blocks, gap, len(blocks))


def _heading_top(frame: Frame, heading: Placeable | None) -> tuple[QRectF | None, QRectF]:
    """The heading across the top (clear of the logo) and the area left under it."""
    area = frame.area
    if heading is None:
        return None, area
    width = area.width() - frame.reserved_right
    rect = QRectF(area.left(), area.top(), width, heading.preferred_height(width))
    rest = QRectF(area.left(), rect.bottom() + frame.gap, area.width(),
                  area.bottom() - rect.bottom() - frame.gap)
    return rect, rest


def grid(frame: Frame, heading: Placeable | None, blocks: Sequence[Placeable]) -> Placement:
    """Title row on top, blocks in a balanced grid under it."""
    heading_rect, rest = _heading_top(frame, heading)
    rows = grid_rows(blocks, frame.portrait)
    return Placement(heading_rect, tuple(place_rows(rest, rows, blocks, frame.gap, len(blocks))))


def split(frame: Frame, heading: Placeable | None, blocks: Sequence[Placeable]) -> Placement:
    """The first block left (55%), the rest stacked right; on portrait, first on top."""
    heading_rect, rest = _heading_top(frame, heading)
    if len(blocks) < 2:
        return Placement(heading_rect, tuple(_stack(rest, blocks, frame.gap)))
    if frame.portrait:
        first = QRectF(rest.left(), rest.top(), rest.width(), rest.height() * 0.45)
        others = QRectF(rest.left(), first.bottom() + frame.gap, rest.width(),
                        rest.height() - first.height() - frame.gap)
    else:
        first = QRectF(rest.left(), rest.top(), rest.width() * 0.55 - frame.gap / 2, rest.height())
        others = QRectF(first.right() + frame.gap, rest.top(), rest.width() - first.width() - frame.gap,
                        rest.height())
    return Placement(heading_rect, (first, *_stack(others, blocks[1:], frame.gap)))


def _centred_group(frame: Frame, heading: Placeable | None, blocks: Sequence[Placeable],
                   width_share: float, rows: list[list[int]]) -> Placement:
    """Heading and blocks as one group centred on the canvas, `width_share` of the area wide."""
    area = frame.area
    width = area.width() * width_share
    left = area.left() + (area.width() - width) / 2
    heading_height = heading.preferred_height(width) if heading is not None else 0.0
    body_room = area.height() - heading_height - (frame.gap * 1.5 if blocks else 0.0)
    body = QRectF(left, 0, width, max(1.0, body_room))
    heights = _row_heights(rows, blocks, width, body.height(), frame.gap) if rows else []
    body_height = sum(heights) + frame.gap * max(0, len(rows) - 1)
    total = heading_height + (frame.gap * 1.5 + body_height if blocks else 0.0)
    top = area.top() + max(0.0, (area.height() - total) / 2)
    heading_rect = QRectF(left, top, width, heading_height) if heading is not None else None
    body = QRectF(left, top + heading_height + frame.gap * 1.5, width, body_height)
    return Placement(heading_rect, tuple(place_rows(body, rows, blocks, frame.gap, len(blocks))))


def cover(frame: Frame, heading: Placeable | None, blocks: Sequence[Placeable]) -> Placement:
    """The deck title large and centred, subtitle and credit under it, blocks in a row below."""
    rows = grid_rows(blocks, frame.portrait)
    return _centred_group(frame, heading, blocks, 0.86, rows)


def section(frame: Frame, heading: Placeable | None, blocks: Sequence[Placeable]) -> Placement:
    """The section title, then its intro text, centred as a group."""
    rows = [[i] for i in range(len(blocks))]
    return _centred_group(frame, heading, blocks, 1.0 if frame.portrait else 0.8, rows)


def quote(frame: Frame, heading: Placeable | None, blocks: Sequence[Placeable]) -> Placement:
    """One big quote in the middle (the title small on top, when the slide shows one)."""
    heading_rect, rest = _heading_top(frame, heading)
    inset = 0.0 if frame.portrait else rest.width() * 0.08
    body = rest.adjusted(inset, 0, -inset, -frame.gap)
    return Placement(heading_rect, tuple(_stack(body, blocks, frame.gap)))


LayoutFunction = Callable[[Frame, "Placeable | None", Sequence[Placeable]], Placement]

LAYOUTS: dict[str, LayoutFunction] = {
    "cover": cover,
    "section": section,
    "grid": grid,
    "split": split,
    "quote": quote,
}
"""Layout name (as in the deck) -> the function that places a slide's heading and blocks."""

HEADING_STYLES: dict[str, str] = {
    "cover": "cover", "section": "section", "grid": "top", "split": "top", "quote": "top",
}
"""How each layout draws its heading: cover (centred, deck title), section (large, left), top."""
