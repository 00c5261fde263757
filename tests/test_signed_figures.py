"""Signed figures, decimals as written and parts of a whole (issue 15).

A city's report printed +4.1%, −5.2%, 1.8个百分点, 1.0% and "24 of 35 industries": YAML
dropped the plus and the trailing zero, every negative was refused, and a ring of 24个
was drawn as 24% of a circle.
"""

from pathlib import Path

import pytest

from decks import DECK, write_deck
from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck
from zzkiosk.numbers import MINUS
from zzkiosk.render.items import ChartItem, CounterItem
from zzkiosk.render.scene import SlideScene

REPORT = Path(__file__).parent / "decks" / "report"


def _blocks(tmp_path, lines: str):
    section = "id: part\ntitle: 部分\nslides:\n  - id: s1\n    blocks:\n" + lines
    deck = load_deck(write_deck(tmp_path, DECK, {"sections/part.yaml": section}))
    return [block.content for block in deck.slides[0][1].blocks]


def _problems(tmp_path, lines: str) -> list[str]:
    with pytest.raises(DeckError) as caught:
        _blocks(tmp_path, lines)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(("written", "unit", "shown"), [
    ("+4.1", "%", "+4.1%"),
    ("-5.2", "%", MINUS + "5.2%"),
    ("-1.8", "个百分点", MINUS + "1.8个百分点"),
    ("+81.6", "%", "+81.6%"),
    ("1.0", "%", "1.0%"),
    ("3.50", "亿元", "3.50亿元"),
    ("0.30", "%", "0.30%"),
    ("+0.0", "%", "0.0%"),
    ("+5", "个", "+5个"),
    ("3105.8", "亿元", "3105.8亿元"),
])
def test_a_figure_shows_its_sign_and_decimals_as_written(qapp, tmp_path, written, unit, shown):
    counter, = _blocks(tmp_path, f"      - counter: {{value: {written}, unit: '{unit}', label: 增长}}\n")
    assert CounterItem(counter, _style(tmp_path)).display_text == shown


def test_decimals_given_win_over_the_written_ones(qapp, tmp_path):
    counter, = _blocks(tmp_path, "      - counter: {value: 3.50, decimals: 1, unit: 亿元, label: 收入}\n")
    assert CounterItem(counter, _style(tmp_path)).display_text == "3.5亿元"


def test_a_negative_count_without_a_sign_of_change_is_refused_as_before(tmp_path):
    problem, = _problems(tmp_path, "      - counter: {value: -5, unit: 个, label: 项目}\n")
    assert "is negative: a figure counts something" in problem


def test_signed_true_makes_a_count_a_change(qapp, tmp_path):
    counter, = _blocks(tmp_path, "      - counter: {value: -5, signed: true, unit: 个, label: 减少}\n")
    assert CounterItem(counter, _style(tmp_path)).display_text == MINUS + "5个"


def test_a_signed_rate_may_pass_100_percent(tmp_path):
    counter, = _blocks(tmp_path, "      - counter: {value: +181.6, unit: '%', label: 增长}\n")
    assert counter.value == pytest.approx(181.6) and counter.signed


def test_a_count_up_keeps_the_final_sign(qapp, tmp_path):
    counter, = _blocks(tmp_path, "      - counter: {value: -5.2, unit: '%', label: 下降}\n")
    item = CounterItem(counter, _style(tmp_path))
    for progress in (0.0, 0.01, 0.5, 1.0):
        item.set_progress(progress)
        assert item.display_text.startswith(MINUS) or item.display_text == "0.0%"


@pytest.mark.parametrize(("kind", "words"), [("pie", "a pie shows parts of a whole"),
                                              ("donut", "a donut shows parts of a whole")])
def test_a_pie_refuses_negative_items_clearly(tmp_path, kind, words):
    lines = (f"      - chart:\n          kind: {kind}\n          unit: '%'\n          items:\n"
             "            - {label: 农业, value: 3.5}\n            - {label: 工业, value: -5.2}\n")
    problem, = _problems(tmp_path, lines)
    assert words in problem and "'工业' is negative" in problem and "kind: bar" in problem


def test_a_ring_refuses_a_negative_value(tmp_path):
    problem, = _problems(tmp_path, "      - chart: {kind: ring, value: -5, unit: '%', label: 比重}\n")
    assert "cannot be negative" in problem


def test_a_ring_of_a_count_must_say_of_what(tmp_path):
    problem, = _problems(tmp_path, "      - chart: {kind: ring, value: 24, unit: 个, label: 增长的行业}\n")
    assert problem.startswith("6:16:") and "write `of: 35`" in problem


def test_a_ring_part_of_a_whole_draws_that_share_and_shows_the_whole(qapp, tmp_path):
    ring, = _blocks(tmp_path, "      - chart: {kind: ring, value: 24, of: 35, unit: 个, label: 35个行业大类中增长的}\n")
    item = ChartItem(ring, _style(tmp_path))
    item.set_progress(1.0)
    assert item.value_texts == ["24/35个"]
    from zzkiosk.render.items.chart_round import ring_span
    assert ring_span(ring, 1.0) == pytest.approx(360 * 24 / 35)


def test_the_report_deck_draws_negative_bars_below_a_visible_zero_axis(qapp):
    deck = load_deck(REPORT)
    section, slide = next((s, sl) for s, sl in deck.slides if sl.id == "district")
    scene = SlideScene(deck, section, slide)
    scene.finish_entrance()
    bars, sideways = scene.blocks
    zero = bars._frame.zero_axis().translated(bars._body.topLeft())
    for item, rect in zip(bars.model.items, bars.data_marks()):
        edge = rect.top() if item.value < 0 else rect.bottom()
        assert edge == pytest.approx(zero.y1(), abs=1.0), item.label
    left_zero = sideways._frame.zero_axis().translated(sideways._body.topLeft()).x1()
    for item, rect in zip(sideways.model.items, sideways.data_marks()):
        assert (rect.right() if item.value < 0 else rect.left()) == pytest.approx(left_zero, abs=1.0)
    texts = bars.value_texts
    assert texts == ["+3.5%", MINUS + "5.2%", MINUS + "1.0%", "+6.30%", "+1.0%"]


@pytest.mark.parametrize("slide_index", range(3))
def test_every_report_slide_fits_without_eliding(qapp, slide_index):
    deck = load_deck(REPORT)
    section, slide = deck.slides[slide_index]
    scene = SlideScene(deck, section, slide)
    scene.finish_entrance()
    for item in scene.blocks:
        assert not item.overflowed(), item


def _style(folder):
    from zzkiosk.deck.theme import Theme
    from zzkiosk.render.style import Style, ensure_theme_fonts
    theme = Theme()
    ensure_theme_fonts(theme, folder)
    return Style(theme, (1920, 1080), folder, folder)


def test_a_timeline_step_may_be_a_signed_figure(qapp, tmp_path):
    from zzkiosk.render.items import TimelineItem
    timeline, = _blocks(tmp_path, "      - timeline:\n          items:\n"
                                  "            - {value: +4.1, unit: '%', label: 2023年}\n"
                                  "            - {value: -1.0, unit: '%', label: 2024年}\n")
    item = TimelineItem(timeline, _style(tmp_path))
    item.set_progress(1.0)
    assert item.display_texts == ["+4.1%", MINUS + "1.0%"]
