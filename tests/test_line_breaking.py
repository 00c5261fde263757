"""Line breaking never splits a figure, never letter-spaces a line, never loses a character.

A paragraph once wrapped as 地区生产总值3105. / 8亿元 and was justified as
地 区 生 产 总 值 3 1 0 5 .8 亿 元: on a hall screen that misstates the figure.
"""

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from zzkiosk.render.justify import LONG_RUN, MAX_GAP, has_long_run, is_cjk
from zzkiosk.render.linebreak import IDEOGRAPH, break_positions
from zzkiosk.render.typesetting import Run, TextBox

WORDS = ("地区生产总值", "比上年增长", "规模以上工业", "增加值", "行业大类中", "粮食产量", "全市",
         "一般公共预算收入", "同比", "下降", "回落", "城镇居民人均可支配收入", "GDP", "COVID-19")
PUNCTUATION = ("，", "。", "、", "；", "（", "）", "“", "”", "")
UNITS = ("", "%", "‰", "亿元", "万吨", "万元", "个百分点", "个", "万人", "倍", "亿")


@st.composite
def figures(draw) -> str:
    """A figure as reports write it: 3105.8亿元, +4.1%, −5.2%, 1,234个, 1.8个百分点."""
    whole = draw(st.integers(0, 9_999_999))
    grouped = draw(st.booleans())
    number = f"{whole:,}" if grouped else str(whole)
    if draw(st.booleans()):
        number += "." + draw(st.from_regex(r"\A[0-9]{1,3}\Z"))
    sign = draw(st.sampled_from(("", "", "+", "-", "\u2212")))
    return sign + number + draw(st.sampled_from(UNITS))


@st.composite
def paragraphs(draw) -> tuple[str, list[tuple[int, int]]]:
    """Chinese text with figures in it, and where each figure (with its unit) is."""
    text, spans = "", []
    for _ in range(draw(st.integers(1, 8))):
        text += draw(st.sampled_from(WORDS))
        figure = draw(figures())
        spans.append((len(text), len(text) + len(figure)))
        text += figure + draw(st.sampled_from(PUNCTUATION))
    return text + draw(st.sampled_from(WORDS)), spans


def _line_texts(box: TextBox) -> list[tuple[str, int]]:
    """Every line's text with its start in the run's text."""
    lines = []
    for set_line in box.lines:
        layout = set_line.layout
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            lines.append((layout.text()[line.textStart():line.textStart() + line.textLength()], line.textStart()))
    return lines


def _assert_not_letter_spaced(box: TextBox) -> None:
    for set_line in box.lines:
        layout, text = set_line.layout, set_line.layout.text()
        font_size = layout.font().pixelSize()  # as set: a floor (24 px) may stop the shrink before box.scale
        assert not layout.textOption().alignment() & Qt.AlignmentFlag.AlignJustify
        for span in layout.formats():
            assert span.length == 1 and is_cjk(text[span.start]) and is_cjk(text[span.start + 1]), \
                f"spacing after {text[span.start:span.start + 2]!r}"
            assert 0 < span.format.fontLetterSpacing() <= MAX_GAP * font_size


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraph=paragraphs(), width=st.integers(200, 1400),
       align=st.sampled_from((Qt.AlignmentFlag.AlignJustify, Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter)))
@example(paragraph=("地区生产总值1000000个百分点，地区生产总值0.0，增加值0，地区生产总值", [(6, 17), (24, 27), (31, 32)]),
         width=200, align=Qt.AlignmentFlag.AlignJustify)  # shrunk to the 24 px floor: gaps are a share of 24 px
def test_no_line_ends_inside_a_figure_and_no_line_is_letter_spaced(style, paragraph, width, align):
    text, spans = paragraph
    box = TextBox([Run(text, style.font(34), style.colour("text"), align)], width, 100_000, "property")
    lines = _line_texts(box)
    assert "".join(line for line, _ in lines) == text, "characters lost or reordered"
    ends = {start + len(line) for line, start in lines}
    for start, end in spans:
        inside = [end_ for end_ in ends if start < end_ < end]
        assert not inside, f"a line ends inside {text[start:end]!r}: {[line for line, _ in lines]}"
    _assert_not_letter_spaced(box)


def test_the_reports_figures_stay_whole_at_every_width(style):
    """The report that showed the fault: each figure is on one line at any width."""
    text = ("初步核算，全年地区生产总值3105.8亿元，按不变价格计算，比上年增长+4.1%，增速比上年回落"
            "1.8个百分点。35个行业大类中24个增长，粮食产量154.7万吨，增长81.6%。")
    for width in range(240, 1300, 7):
        box = TextBox([Run(text, style.font(34), style.colour("text"), Qt.AlignmentFlag.AlignJustify)],
                      width, 100_000, "report")
        lines = [line for line, _ in _line_texts(box)]
        for figure in ("3105.8亿元", "+4.1%", "1.8个百分点", "24个", "154.7万吨", "81.6%"):
            assert any(figure in line for line in lines), f"{figure} split at {width}: {lines}"


def test_unicode_opportunities_are_kept_outside_figures():
    """UAX #14 breaks between ideographs and after closing punctuation; not in 3105.8亿元."""
    text = "总值3105.8亿元，增长"
    assert break_positions(text) == (1, 2, 11, 12, 13)


CJK_BODY = IDEOGRAPH + r"\u3000-\u303f\uff01-\uff5e“”‘’…—"
CJK_CLASS = re.compile(f"[{CJK_BODY}]")
"""The characters justification may space apart, as one character class (what is_cjk tests
by code point ranges, cheaper to set up at start-up than compiling this)."""


def test_cjk_test_is_the_character_class_for_every_character():
    for code in range(0x30000):
        char = chr(code)
        assert is_cjk(char) == bool(CJK_CLASS.match(char)), f"U+{code:04X}"


@settings(max_examples=300, deadline=None)
@given(line=st.text(st.sampled_from("地区生产总值，。“”…—ＧＤＰGDP3105.8% -亿元\u3000"), max_size=40))
def test_a_long_latin_or_number_run_is_found_as_a_regular_expression_finds_it(line):
    run = re.compile(f"[^{CJK_BODY}]{{{LONG_RUN},}}")
    assert has_long_run(line) == bool(run.search(line))
