"""Text setting: Chinese line breaking, shrink-to-fit, and elision as the last resort."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from zzkiosk.deck.blocks import Text
from zzkiosk.render.items.text import TextItem
from zzkiosk.render.typesetting import BODY_MIN, MIN_SCALE, ORPHAN_SHARE, TEXT_MIN, Run, TextBox, body_run

CLOSING = set("，。、；：？！”’）》」』】…")
OPENING = set("“‘（《「『【")
PARAGRAPH = ("2020年，面对严峻复杂的国内外形势特别是新冠肺炎疫情的严重冲击，全市上下坚决贯彻落实党中央、"
             "国务院和省委、省政府决策部署（统筹推进疫情防控和经济社会发展），交出了一份“高质量发展”的优异答卷。")


def _lines(box: TextBox) -> list[str]:
    texts = []
    for set_line in box.lines:
        layout = set_line.layout
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            texts.append(layout.text()[line.textStart():line.textStart() + line.textLength()])
    return texts


@pytest.mark.parametrize("width", range(260, 1000, 23))
def test_chinese_wraps_without_closing_punctuation_at_a_line_start(style, width):
    box = TextBox([Run(PARAGRAPH, style.font(34), style.colour("text"))], width, 10_000, "test")
    lines = _lines(box)
    assert "".join(lines) == PARAGRAPH and len(lines) > 1
    for line in lines[1:]:
        assert line[0] not in CLOSING, f"line starts with closing punctuation: {line}"
    for line in lines[:-1]:
        assert line.rstrip()[-1] not in OPENING, f"line ends with opening punctuation: {line}"
    assert box.content_rect().width() <= width + 0.5
    last = box.lines[-1].layout.lineAt(box.lines[-1].layout.lineCount() - 1)
    assert last.naturalTextWidth() >= width * ORPHAN_SHARE, f"orphan last line: {lines[-1]}"


@pytest.mark.parametrize("width", [520, 540, 560, 590])
def test_a_last_line_of_a_character_or_two_is_balanced_into_even_lines(style, width):
    """The default deck's badge 全国贫困县第一家科创板上市企业 once ended on 业 alone."""
    text = "全国贫困县第一家科创板上市企业"
    box = TextBox([Run(text, style.font(40), style.colour("text"), Qt.AlignmentFlag.AlignHCenter)], width, 10_000, "badge")
    assert _lines(box) == ["全国贫困县第一家", "科创板上市企业"]
    layout = box.lines[0].layout
    for number in range(layout.lineCount()):  # still centred in the whole width
        rect = layout.lineAt(number).naturalTextRect()
        assert abs(rect.center().x() - width / 2) < 2


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("确保“十四五”开好局，以优异成绩庆祝建党100周年", 1300, ["确保“十四五”开好局，", "以优异成绩庆祝建党100周年"]),
    ("查处文树忠、龙松林、马立恒等“官伞”“警伞”", 1300, ["查处文树忠、龙松林、", "马立恒等“官伞”“警伞”"]),
    ("在人民网开设地方专题《神农福地 动力株洲》", 1200, ["在人民网开设地方专题", "《神农福地 动力株洲》"]),
])
def test_two_lines_with_an_orphan_are_split_between_phrases(style, text, width, lines):
    """Where a split after ，、 or before “《 keeps both lines within the width, the text is
    split there rather than inside a name or a title (the default deck's quote, bullet, badge)."""
    font = style.font(64)
    plain = QFontMetricsF(font).horizontalAdvance(text)
    assert width < plain < width * (1 + ORPHAN_SHARE)  # a plain wrap would leave an orphan
    box = TextBox([Run(text, font, style.colour("text"), Qt.AlignmentFlag.AlignHCenter)], width, 10_000, "quote")
    assert [line.rstrip() for line in _lines(box)] == lines


def test_a_line_break_in_the_text_starts_a_new_line(style):
    box = TextBox([Run("第一行\n第二行\n", style.font(40), style.colour("text"))], 900, 10_000, "paragraph")
    assert [line.rstrip("\u2028") for line in _lines(box)] == ["第一行", "第二行"]  # YAML's `|` ends with \n


def test_text_that_is_a_little_too_long_shrinks_to_fit(style):
    runs = [Run(PARAGRAPH, style.font(34), style.colour("text"))]
    natural = TextBox(runs, 600, 10_000, "test").used_height
    box = TextBox(runs, 600, natural * 0.8, "test")
    assert MIN_SCALE < box.scale < 1.0 and not box.elided
    assert box.used_height <= natural * 0.8 + 0.5


def test_text_too_long_even_shrunk_is_elided_with_a_warning(style, caplog):
    runs = [Run(PARAGRAPH * 6, style.font(34), style.colour("text"))]
    with caplog.at_level(logging.WARNING):
        box = TextBox(runs, 500, 160, "paragraph")
    assert box.elided and box.scale == MIN_SCALE
    assert box.content_rect().height() <= 160 and box.content_rect().width() <= 500.5
    assert box.lines[-1].layout.text().endswith("\u2026")
    assert any("does not fit" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("make, floor", [(lambda run: run, TEXT_MIN), (body_run, BODY_MIN)])
def test_fitting_never_sets_a_run_under_its_floor_it_elides_instead(style, make, floor):
    """Guards readability from 3-5 m: shrinking stops at 24 px (36 px for body text) on the
    1080-px canvas, however little room the box has; what is left over is elided."""
    runs = [make(Run(PARAGRAPH, style.font(40), style.colour("text")))]  # 55% of 40 is 22 px
    natural = TextBox(runs, 600, 10_000, "test").used_height
    for share in (0.9, 0.6, 0.4, 0.2):
        box = TextBox(runs, 600, natural * share, "test")
        sizes = [line.px for line in box.laid_lines(QRectF().topLeft())]
        assert sizes and min(sizes) >= floor, (share, sizes)
    assert box.elided, "a box far too small elides rather than shrinking under the floor"
    assert {line.role for line in box.laid_lines(QRectF().topLeft())} == {"body" if floor == BODY_MIN else ""}


def test_max_lines_is_kept(style):
    box = TextBox([Run(PARAGRAPH, style.font(34), style.colour("text"), max_lines=2)], 700, 10_000, "label")
    assert len(_lines(box)) <= 2 and box.scale < 1.0


@pytest.mark.parametrize("text", [
    Text(style="headline", text="大力建设中国动力谷" * 8),
    Text(style="paragraph", text=PARAGRAPH * 5),
    Text(style="bullets", items=[PARAGRAPH] * 6),
    Text(style="quote", text=PARAGRAPH, by="市委十二届十五次全会"),
])
def test_a_text_block_never_draws_outside_its_box(style, text):
    item = TextItem(text, style)
    item.place(QRectF(100, 100, 700, 260))
    assert item.boundingRect() == QRectF(0, 0, 700, 260)
    assert item.boundingRect().adjusted(-0.5, -0.5, 0.5, 0.5).contains(item.content_rect())
    assert item.display_text()
