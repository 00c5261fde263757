"""Where a line of Chinese text may end: the Unicode rules, then never inside a figure.

Break opportunities come from UAX #14 (Qt's `QTextBoundaryFinder` of type Line): Chinese
may break between any two ideographs, never before closing punctuation (，。、」) nor
after opening punctuation (“《), never inside a Latin word or between digits. On top of
that a figure is kept whole with what is written attached to it: UAX #14 would break
地区生产总值3105.8 / 亿元 and 24 / 个行业, and on a hall screen a figure split from its
unit is a misstatement. So no line ends inside a sign, the digits with their . and ,
separators, and the unit written against them (%, ‰, 个百分点, 亿元, 万吨, 个, 年 ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QTextBoundaryFinder
from PySide6.QtGui import QFont, QFontMetricsF

LINE_SEPARATOR = "\u2028"
"""Where QTextLayout starts a new line whatever the width."""

IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""The CJK ideograph blocks (character class body)."""

FIGURE = re.compile(
    r"[+\-\u2212±]?\d+(?:[.,]\d+)*"          # a sign, the digits and their separators
    r"(?:[余多])?"                              # 2600余件, 20多倍
    r"(?:个百分点|百分点|[%‰‱℃°]|[十百千万亿]*[" + IDEOGRAPH + r"])?"  # 4.1%, 1.8个百分点, 3105.8亿元, 24个
)
"""A figure and the unit written against it; no line ends inside one."""

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
"""A Latin word (COVID-19, GDP); no line ends inside one."""


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every figure-with-unit and Latin word in `text`: kept on one line."""
    spans = [match.span() for match in FIGURE.finditer(text)]
    spans += [match.span() for match in LATIN_WORD.finditer(text)]
    return sorted(span for span in spans if span[1] - span[0] > 1)


@lru_cache(maxsize=2048)
def break_positions(text: str) -> tuple[int, ...]:
    """Positions after which a line may end, ascending, ending with len(text).

    UAX #14's opportunities (mandatory ones after U+2028 included) less every position
    inside a figure or a Latin word. Kept for the last texts asked: a text box asks for
    the same text at each size it tries."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    inside = {position for start, end in protected_spans(text) for position in range(start + 1, end)}
    positions = []
    while (position := finder.toNextBoundary()) > 0:
        if position not in inside:
            positions.append(position)
    if not positions or positions[-1] != len(text):
        positions.append(len(text))
    return tuple(positions)


@dataclass(frozen=True)
class Segment:
    """Text between two break opportunities: it always stays on one line."""

    start: int
    """Index of its first character."""
    length: int
    """Characters, trailing spaces included."""
    width: float
    """Its advance, trailing spaces included."""
    ink_width: float
    """Its advance without trailing spaces (what must fit at a line's end)."""
    mandatory: bool
    """It ends in a line separator: the line ends after it whatever the width."""


@lru_cache(maxsize=1024)
def font_segments(text: str, font_description: str) -> tuple[Segment, ...]:
    """`text` cut at its break positions and measured in the font `QFont.toString()`
    describes; kept, since fitting, balancing and the proof sheet measure the same
    texts at the same sizes again."""
    font = QFont()
    font.fromString(font_description)
    return tuple(segments(text, QFontMetricsF(font).horizontalAdvance))


def segments(text: str, advance) -> list[Segment]:
    """`text` cut at its break positions; `advance(str)` measures a piece."""
    pieces, start = [], 0
    for end in break_positions(text):
        piece = text[start:end]
        ink = piece.rstrip(" \u3000" + LINE_SEPARATOR)
        width = advance(piece.rstrip(LINE_SEPARATOR))
        pieces.append(Segment(start, end - start, width, advance(ink) if ink != piece else width,
                              piece.endswith(LINE_SEPARATOR)))
        start = end
    return pieces


def fill_lines(pieces, width: float) -> list[int]:
    """Line lengths (characters) filling each line with as many segments as fit in `width`.

    A segment wider than the whole line gets a line of its own (it overflows; the text box
    shrinks the font until it fits)."""
    lengths: list[int] = []
    used, length = 0.0, 0
    for piece in pieces:
        if length and used + piece.ink_width > width:
            lengths.append(length)
            used, length = 0.0, 0
        used += piece.width
        length += piece.length
        if piece.mandatory:
            lengths.append(length)
            used, length = 0.0, 0
    if length or not lengths:
        lengths.append(length)
    return lengths


def line_widths(pieces, lengths: list[int]) -> list[float]:
    """The ink width of each line of `pieces` broken into `lengths`."""
    widths, index = [], 0
    for length in lengths:
        used, taken, ink = 0.0, 0, 0.0
        while index < len(pieces) and taken < length:
            ink = used + pieces[index].ink_width
            used += pieces[index].width
            taken += pieces[index].length
            index += 1
        widths.append(ink)
    return widths
