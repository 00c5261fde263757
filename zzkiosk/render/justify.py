"""Justifying Chinese the way print does: tiny gaps between ideographs, never letter-spacing.

Qt's own justification stretches a line without spaces by spacing every glyph apart,
digits and Latin letters included (地 区 生 产 总 值 3 1 0 5 .8 亿 元). Here a line of a
justified paragraph is filled out only when it is already nearly full: the space left
over is shared between neighbouring CJK characters (ideographs and CJK punctuation),
never inside a figure or a Latin word. The last line of a paragraph, a line that would
need more than `MAX_GAP` between characters, and a line holding a long Latin or number
run are set flush left as they are.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF, QTextCharFormat, QTextLayout

from zzkiosk.render.linebreak import IDEOGRAPH, LINE_SEPARATOR, protected_spans

MAX_GAP = 0.12
"""Most space added between two CJK characters, as a share of the font size."""

LONG_RUN = 6
"""A line holding this many Latin or number characters in a row is never justified."""

CJK_BLOCKS = tuple((ord(IDEOGRAPH[at]), ord(IDEOGRAPH[at + 2])) for at in range(0, len(IDEOGRAPH), 3)) + (
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # full-width forms
)
"""Code point ranges of the characters that may take a justification gap after (and before)
them: the ideographs (`linebreak.IDEOGRAPH`), CJK punctuation, full-width forms. Tested by
ranges rather than a regular expression: compiling a character class this wide took ~8 ms
of every start."""

CJK_MARKS = frozenset("“”‘’…—")
"""Punctuation outside those blocks that Chinese text sets as CJK."""


def is_cjk(char: str) -> bool:
    """True for a character that may take a justification gap after it (and before it)."""
    code = ord(char)
    return char in CJK_MARKS or any(low <= code <= high for low, high in CJK_BLOCKS)


def has_long_run(line: str) -> bool:
    """True when `line` holds `LONG_RUN` or more non-CJK characters in a row."""
    run = 0
    for char in line:
        run = 0 if is_cjk(char) else run + 1
        if run >= LONG_RUN:
            return True
    return False


def gaps(line: str, offset: int, protected: set[int]) -> list[int]:
    """Text positions (offset by `offset`) after which a justification gap may go:
    between two CJK characters, not inside a protected figure."""
    return [offset + index for index in range(len(line) - 1)
            if is_cjk(line[index]) and is_cjk(line[index + 1]) and offset + index + 1 not in protected]


def line_gap(line: str, width: float, metrics: QFontMetricsF, count: int, font_size: float) -> float:
    """The gap that fills `line` out to `width` over `count` places, or 0 when it should
    stay as it is (not full enough, or holding a long Latin/number run)."""
    if count == 0 or has_long_run(line):
        return 0.0
    gap = (width - metrics.horizontalAdvance(line)) / count
    return gap if 0.0 < gap <= MAX_GAP * font_size else 0.0


def formats(text: str, lengths: list[int], width: float, font: QFont) -> list[QTextLayout.FormatRange]:
    """Letter-spacing ranges that justify the full CJK lines of `text` broken into `lengths`."""
    metrics = QFontMetricsF(font)
    protected = {position for start, end in protected_spans(text) for position in range(start + 1, end)}
    ranges, start = [], 0
    for number, length in enumerate(lengths):
        line = text[start:start + length]
        last = number == len(lengths) - 1 or line.endswith(LINE_SEPARATOR)
        ink = line.rstrip(" \u3000" + LINE_SEPARATOR)
        places = [] if last else gaps(ink, start, protected)
        gap = line_gap(ink, width, metrics, len(places), font.pixelSize())
        if gap:
            ranges += [_spacing(position, gap) for position in places]
        start += length
    return ranges


def _spacing(position: int, gap: float) -> QTextLayout.FormatRange:
    spacing = QTextCharFormat()
    spacing.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
    spacing.setFontLetterSpacing(gap)
    span = QTextLayout.FormatRange()
    span.start, span.length, span.format = position, 1, spacing
    return span
