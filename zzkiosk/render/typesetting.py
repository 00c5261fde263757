"""Text set inside a box: wrapped by the Unicode rules, shrunk to fit, elided as a last resort.

Lines end only where `linebreak` allows (UAX #14, never inside a figure or between a
figure and its unit), so Chinese wraps between any two ideographs but never puts closing
punctuation (，。、」) at the start of a line nor opening punctuation at the end of one;
a justified paragraph is filled out as `justify` describes, never letter-spaced. A paragraph whose last line would hold only a character or
two (an orphan, 全国贫困县第一家科创板上市企 / 业) is balanced instead: two lines split
between phrases where that keeps them even, otherwise broken as for the narrowest width
that keeps the number of lines; either way aligned in the whole width.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

from zzkiosk.render import justify
from zzkiosk.render.linebreak import LINE_SEPARATOR, Segment, fill_lines, font_segments, line_widths

log = logging.getLogger(__name__)

MIN_SCALE = 0.55
"""The smallest a text may shrink to fit (relative to its theme size) before it is elided."""

BODY_MIN = 36.0
"""Body text (paragraphs, bullets, the headlines of cards and steps) never shrinks under
this: the 1080-px design canvas read from 5 m in a hall."""

TEXT_MIN = 24.0
"""No text at all (a note, a caption, a chart's legend) shrinks under this."""

ORPHAN_SHARE = 0.25
"""A last line filling less than this share of the width is an orphan: the paragraph is balanced."""

PHRASE_ENDS = frozenset("，。、；：！？”’）》」』】…,.;:!?)")
"""A line may end after these and still end on a whole phrase."""

PHRASE_STARTS = frozenset("“‘（《「『【(")
"""A line may start with these and still start on a whole phrase."""

LINE_SLACK = 2.0
"""Pixels a line may exceed its width in Qt's measure: Qt would end the line there on
its own, perhaps inside a figure, over a rounding of letter spacing or kerning."""

BALANCE_STEPS = 7
"""Halvings of the width interval when looking for the balanced width (1/128 of the width)."""


@dataclass(frozen=True)
class Run:
    """One paragraph in one font and colour."""

    text: str
    """The words; a line break in them starts a new line."""
    font: QFont
    """Font at its full (theme) size; fitting scales it down."""
    colour: QColor
    """Ink colour."""
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    """Horizontal alignment within the box."""
    space_before: float = 0.0
    """Gap above the paragraph, in design pixels at full size."""
    indent: float = 0.0
    """Left indent (bullets), in design pixels at full size."""
    max_lines: int = 0
    """Lines at most (0: as many as fit); a longer text shrinks, then is elided."""
    role: str = ""
    """What the paragraph is where that matters to a reader of the proof sheet: title,
    subtitle, credit, body (held to BODY_MIN by the proof checks)."""
    floor: float = TEXT_MIN
    """The smallest pixel size fitting may set it at; below that the box elides instead."""


class LaidLine(NamedTuple):
    """One line of text as it is set on screen (for the proof sheet and tests)."""

    text: str
    """The characters of the line, without a trailing space or line separator."""
    rect: QRectF
    """Its ink box, in the coordinates of whoever asked."""
    px: int
    """Its font's pixel size."""
    role: str = ""
    """Its paragraph's role (see Run.role)."""


@dataclass
class SetLine:
    """One laid-out paragraph ready to draw."""

    layout: QTextLayout
    origin: QPointF
    colour: QColor
    run_index: int
    rect: QRectF = field(default_factory=QRectF)


def body_run(run: Run) -> Run:
    """`run` as body text: its role for the proof sheet, and never fitted under BODY_MIN."""
    return replace(run, role=run.role or "body", floor=max(run.floor, BODY_MIN))


def _font_at(run: Run, scale: float) -> QFont:
    """The run's font at `scale` of its full size, never under its floor (nor over its
    full size: a theme size under the floor is the theme's to answer for)."""
    scaled = QFont(run.font)
    full = run.font.pixelSize()
    scaled.setPixelSize(max(1, min(full, max(round(run.floor), round(full * scale)))))
    return scaled


def _wrap(text: str, font: QFont, width: float, align: Qt.AlignmentFlag, *, balance: bool = True) -> QTextLayout:
    """`text` broken into lines of `width` at the opportunities `linebreak` allows; with
    `balance`, without an orphan last line (balancing keeps the number of lines, so fitting
    never needs it). A line break in `text` (a YAML block scalar keeps them) starts a new
    line: QTextLayout only breaks at U+2028, and would run the two lines together."""
    text = text.rstrip("\n").replace("\n", LINE_SEPARATOR)  # a block scalar ends with one
    metrics = QFontMetricsF(font)
    pieces = font_segments(text, font.toString())
    lengths = fill_lines(pieces, width)
    if balance and len(lengths) >= 2 and _last_line_width(text, lengths, metrics) < width * ORPHAN_SHARE:
        even = _phrase_break(text, pieces, metrics, width) if len(lengths) == 2 else None
        lengths = even or _balanced_breaks(pieces, width, len(lengths)) or lengths
    return _lay_out(text, font, align, lengths, width, line_widths(pieces, lengths))


def _last_line_width(text: str, lengths: list[int], metrics: QFontMetricsF) -> float:
    return metrics.horizontalAdvance(text[len(text) - lengths[-1]:].rstrip())


def _phrase_break(text: str, pieces: tuple[Segment, ...], metrics: QFontMetricsF, width: float) -> list[int] | None:
    """Two lines split between phrases (after ，、。 or before “《), as even as such a split
    allows (确保“十四五”开好局， / 以优异成绩庆祝建党100周年); None when no split between
    phrases leaves both lines within `width` and neither an orphan."""
    if LINE_SEPARATOR in text:
        return None
    best, best_gap = None, width
    for split in (piece.start for piece in pieces[1:]):
        if text[split - 1] not in PHRASE_ENDS and text[split] not in PHRASE_STARTS:
            continue
        first, second = metrics.horizontalAdvance(text[:split].rstrip()), metrics.horizontalAdvance(text[split:])
        even = max(first, second) <= width and min(first, second) >= width * ORPHAN_SHARE
        if even and abs(first - second) < best_gap:
            best, best_gap = split, abs(first - second)
    return None if best is None else [best, len(text) - best]


def _balanced_breaks(pieces: tuple[Segment, ...], width: float, count: int) -> list[int] | None:
    """Line lengths (characters) broken for the narrowest width that keeps `count` lines:
    every line about as full as the others. None if that cannot be found."""
    low, high = width * (count - 1) / count, width  # below the lower end, count lines cannot hold it
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        low, high = (low, middle) if len(fill_lines(pieces, middle)) == count else (middle, high)
    lengths = fill_lines(pieces, high)
    return lengths if len(lengths) == count else None


def _lay_out(text: str, font: QFont, align: Qt.AlignmentFlag, lengths: list[int], width: float,
             inks: list[float]) -> QTextLayout:
    """A layout of `text` in lines of exactly `lengths` characters (`inks` wide), stacked;
    a justified paragraph is set flush left, its full CJK lines filled out by `justify`."""
    justified = bool(align & Qt.AlignmentFlag.AlignJustify)
    layout = QTextLayout(text, font)
    option = QTextOption(Qt.AlignmentFlag.AlignLeft if justified else align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    if justified:
        layout.setFormats(justify.formats(text, lengths, width, font))
    layout.beginLayout()
    y, columns, widths = 0.0, iter(lengths), iter(inks)
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        # Qt ends a line at its width even inside a figure: a figure wider than the line
        # gets the room it needs (and the box shrinks the font until it fits).
        line.setNumColumns(next(columns, 1 << 30), max(width, next(widths, width)) + LINE_SLACK)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def _overflows(layout: QTextLayout, width: float) -> bool:
    """A line is wider than `width`: an unbreakable figure or word longer than the line."""
    return any(layout.lineAt(number).naturalTextWidth() > width + 0.5 for number in range(layout.lineCount()))


def _elided_layout(run: Run, font: QFont, text: str, width: float) -> QTextLayout:
    metrics = QFontMetricsF(font)
    elided = metrics.elidedText(text + "\u2026", Qt.TextElideMode.ElideRight, width)
    if not elided.endswith("\u2026"):
        elided = metrics.elidedText(text + "\u2026" * 2, Qt.TextElideMode.ElideRight, width)
    return _wrap(elided, font, width, run.align, balance=False)


class TextBox:
    """Runs of text set in a box of `width` x `height` design pixels."""

    def __init__(self, runs: list[Run], width: float, height: float, name: str = "text"):
        self.width = max(1.0, width)
        self.height = max(1.0, height)
        self.name = name
        self.scale = 1.0
        self.elided = False
        self.lines: list[SetLine] = []
        self.used_height = 0.0
        self.roles = [run.role for run in runs]
        """Each run's role, for `laid_lines`."""
        self._fit(runs)

    def _set(self, runs: list[Run], scale: float, *, balance: bool = True) -> tuple[list[SetLine], float, bool]:
        """Lay out every run at `scale`; returns lines, total height and whether max_lines held."""
        set_lines, y, within = [], 0.0, True
        for index, run in enumerate(runs):
            y += run.space_before * scale if set_lines else 0.0
            indent = run.indent * scale
            layout = _wrap(run.text, _font_at(run, scale), self.width - indent, run.align, balance=balance)
            if run.max_lines and layout.lineCount() > run.max_lines or _overflows(layout, self.width - indent):
                within = False
            set_lines.append(SetLine(layout, QPointF(indent, y), run.colour, index))
            y += layout.boundingRect().height()
        return set_lines, y, within

    def _fits(self, runs: list[Run], scale: float) -> bool:
        lines, height, within = self._set(runs, scale, balance=False)
        return within and height <= self.height + 0.5

    def _fit(self, runs: list[Run]) -> None:
        if self._fits(runs, 1.0):
            self._accept(runs, 1.0)
            return
        low, high = MIN_SCALE, 1.0
        if not self._fits(runs, low):
            self._accept(runs, low)
            self._elide(runs)
            return
        for _ in range(8):
            middle = (low + high) / 2
            low, high = (middle, high) if self._fits(runs, middle) else (low, middle)
        self._accept(runs, low)

    def _accept(self, runs: list[Run], scale: float) -> None:
        self.scale = scale
        self.lines, self.used_height, _ = self._set(runs, scale)
        self._measure()

    def _elide(self, runs: list[Run]) -> None:
        """Keep the lines that fit; end the last one with an ellipsis."""
        kept: list[SetLine] = []
        for set_line in self.lines:
            run = runs[set_line.run_index]
            font = _font_at(run, self.scale)
            layout = set_line.layout
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                bottom = set_line.origin.y() + line.y() + line.height()
                allowed = run.max_lines == 0 or number < run.max_lines
                if bottom > self.height + 0.5 or not allowed:
                    self._finish_elision(kept, run, font, layout, number)
                    return
            kept.append(set_line)

    def _finish_elision(self, kept, run, font, layout, number) -> None:
        self.elided = True
        log.warning("%s does not fit its box even at %d%%; elided: %s",
                    self.name, round(self.scale * 100), run.text[:40])
        if number == 0:
            self.lines = kept
        else:
            previous = layout.lineAt(number - 1)
            rest = run.text[previous.textStart():]
            source = next(item for item in self.lines if item.layout is layout)
            origin = QPointF(source.origin.x(), source.origin.y() + previous.y())
            width = self.width - source.origin.x()
            truncated = _wrap(run.text[:previous.textStart()], font, width, run.align, balance=False)
            kept.append(SetLine(truncated, source.origin, run.colour, source.run_index))
            kept.append(SetLine(_elided_layout(run, font, rest, width), origin, run.colour, source.run_index))
            self.lines = kept
        self.used_height = max((line.origin.y() + line.layout.boundingRect().height()
                                for line in self.lines), default=0.0)
        self._measure()

    def _measure(self) -> None:
        for set_line in self.lines:
            layout, rect = set_line.layout, QRectF()
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                rect = rect.united(line.naturalTextRect())
            set_line.rect = rect.translated(set_line.origin)

    def laid_lines(self, origin: QPointF, roles: list[str] | None = None) -> list[LaidLine]:
        """Every line as broken and set, its box relative to `origin`; `roles` names each
        run's role (default: the runs' own)."""
        roles = roles or self.roles
        found = []
        for set_line in self.lines:
            layout, text = set_line.layout, set_line.layout.text()
            role = roles[set_line.run_index] if roles else ""
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                words = text[line.textStart():line.textStart() + line.textLength()].rstrip(" " + LINE_SEPARATOR)
                rect = line.naturalTextRect().translated(origin + set_line.origin)
                found.append(LaidLine(words, rect, layout.font().pixelSize(), role))
        return found

    def content_rect(self, origin: QPointF = QPointF()) -> QRectF:
        """The area the ink covers (line boxes), relative to `origin`."""
        rect = QRectF()
        for set_line in self.lines:
            rect = rect.united(set_line.rect)
        return rect.translated(origin)

    def draw(self, painter: QPainter, origin: QPointF) -> None:
        """Draw every line with its top-left at `origin`."""
        for set_line in self.lines:
            painter.setPen(set_line.colour)
            set_line.layout.draw(painter, origin + set_line.origin)
