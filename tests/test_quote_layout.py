"""The quote layout: the quote alone (no slide title unless asked), with both quotation marks."""

import pytest

from decks import DECK, write_deck
from zzkiosk.deck.loader import load_deck
from zzkiosk.render.scene import SlideScene

QUOTE = """\
id: part
title: 部分
slides:
  - id: q
    title: 奋战『十四五』良好开局
    subtitle: 市委经济工作会议
    layout: quote
{extra}    blocks:
      - text: {{style: quote, text: 确保“十四五”开好局，以优异成绩庆祝建党100周年, by: 市委十二届十五次全会}}
"""


def _scene(tmp_path, extra: str = "", canvas: str = "landscape") -> SlideScene:
    deck_file = DECK + f"canvas: {canvas}\n"
    deck = load_deck(write_deck(tmp_path, deck_file, {"sections/part.yaml": QUOTE.format(extra=extra)}))
    section, slide = deck.slides[0]
    scene = SlideScene(deck, section, slide)
    scene.finish_entrance()
    return scene


def test_a_quote_slide_shows_no_title_by_default(qapp, tmp_path):
    assert _scene(tmp_path).heading is None


def test_show_title_asks_for_the_title_and_subtitle(qapp, tmp_path):
    scene = _scene(tmp_path, "    show_title: true\n")
    assert [line.text for line in scene.heading.laid_lines()] == ["奋战『十四五』良好开局", "市委经济工作会议"]


@pytest.mark.parametrize("canvas", ["landscape", "portrait"])
def test_the_quote_has_an_opening_and_a_closing_mark_around_its_words(qapp, tmp_path, canvas):
    scene = _scene(tmp_path, canvas=canvas)
    quote, = scene.blocks
    words = [line for line in quote.laid_lines() if not line.text.startswith("\u2014")]
    opening, closing = quote._quote_mark_rect(), quote._closing_mark_rect()
    assert opening.bottom() <= words[0].rect.top() + 1
    assert closing.left() >= words[-1].rect.right() and closing.top() < words[-1].rect.bottom()
    assert quote.boundingRect().adjusted(-1, -1, 1, 1).contains(quote.content_rect())
