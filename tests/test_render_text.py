"""Text setting: Chinese line breaking, shrink-to-fit, and elision as the last resort."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging

import pytest
from PySide6.QtCore import QRectF

from zzkiosk.deck.model import Text
from zzkiosk.deck.theme import Theme
from zzkiosk.render.items.text import TextItem
from zzkiosk.render.style import Style, ensure_theme_fonts
from zzkiosk.render.typesetting import MIN_SCALE, Run, TextBox

CLOSING = set("，。、；：？！”’）》」』】…")
OPENING = set("“‘（《「『【")
PARAGRAPH = ("2020年，面对严峻复杂的国内外形势特别是新冠肺炎疫情的严重冲击，全市上下坚决贯彻落实党中央、"
             "国务院和省委、省政府决策部署（统筹推进疫情防控和经济社会发展），交出了一份“高质量发展”的优异答卷。")


@pytest.fixture
def style(qapp, tmp_path):
    theme = Theme()
    ensure_theme_fonts(theme, tmp_path)
    return Style(theme, (1920, 1080), tmp_path, tmp_path)


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
