"""The slide scene and its block items, driven through the public API on the fixture deck."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from zzkiosk.deck.loader import load_deck
from zzkiosk.deck.blocks import BLOCK_KINDS
from zzkiosk.deck.fields import EASINGS, LAYOUTS
from zzkiosk.render.easing import DEFAULT_EASING, EASING_CURVES, ease
from zzkiosk.render.items import BLOCK_ITEMS, ChartItem, CounterItem, TimelineItem
from zzkiosk.render.scene import SlideScene

FIXTURE = Path(__file__).parent / "decks" / "all-blocks"
DECK = load_deck(FIXTURE)
SLIDES = {at.slide.id: at for at in DECK.slides}


def scene_for(slide_id: str, deck=DECK) -> SlideScene:
    section, slide = SLIDES[slide_id]
    return SlideScene(deck, section, slide)


def all_items(scene: SlideScene) -> list:
    return [item for item in (scene.heading, *scene.blocks) if item is not None]


def test_fixture_uses_every_block_chart_kind_and_layout():
    blocks = [block for _, slide in DECK.slides for block in slide.blocks]
    assert {block.kind for block in blocks} == set(BLOCK_KINDS) == set(BLOCK_ITEMS)
    charts = {block.chart.kind for block in blocks if block.kind == "chart"}
    assert charts == {"bar", "hbar", "line", "pie", "donut", "ring"}
    assert {slide.layout for _, slide in DECK.slides} == set(LAYOUTS)


def test_easing_table_covers_every_easing_name():
    assert set(EASING_CURVES) == set(EASINGS)
    assert DEFAULT_EASING in EASING_CURVES
    assert ease("linear", 0.25) == pytest.approx(0.25)
    assert ease("out-cubic", 2.0) == 1.0 and ease("out-cubic", -1.0) == 0.0


@pytest.mark.parametrize("slide_id", list(SLIDES))
def test_every_fixture_slide_builds_with_items_inside_the_canvas(qapp, slide_id):
    scene = scene_for(slide_id)
    scene.finish_entrance()
    canvas = QRectF(0, 0, *DECK.canvas)
    assert scene.sceneRect() == canvas
    assert [type(item) for item in scene.blocks] == [BLOCK_ITEMS[b.kind] for b in SLIDES[slide_id].slide.blocks]
    for item in all_items(scene):
        box = item.mapRectToScene(item.boundingRect())
        assert canvas.contains(box), f"{item} at {box} leaves the canvas"
        content = item.content_rect()
        assert item.boundingRect().adjusted(-1, -1, 1, 1).contains(content), f"{item} overflows its box"
        assert not item.overflowed(), f"{item} had to elide text"


def test_counters_end_on_their_exact_figures_with_qualifiers_and_units(qapp):
    scenes = [scene_for(slide_id) for slide_id in SLIDES]  # the scenes own their items
    for scene in scenes:
        scene.finish_entrance()
    shown = {item.model.label: item.display_text for scene in scenes for item in scene.blocks
             if isinstance(item, CounterItem)}
    assert shown["新签合同项目"] == "385个"
    assert shown["重点项目完成投资"] == "近1100亿元"
    assert shown["办理民生实事"] == "2600余件"
    assert shown["农村生活垃圾治理覆盖率"] == "超过80%"
    assert shown["规模工业增加值增长"] == "3%以上"
    assert shown["新增市场主体"] == "11,153家"
    assert shown["招商引资到位资金"] == "17.1亿元"


def test_a_new_scene_starts_at_the_entrance_and_finishes_on_the_figures(qapp):
    scene = scene_for("projects")
    counter = scene.blocks[1]
    assert counter.display_text == "近0亿元" and counter.opacity() == 0.0
    scene.finish_entrance()
    assert counter.display_text == "近1100亿元" and counter.opacity() == 1.0


def test_counting_up_keeps_the_final_decimals_at_every_step(qapp):
    scene = scene_for("projects")
    counter = next(item for item in scene.blocks if item.model.label == "招商引资到位资金")
    seen = set()
    for step in range(0, 41):
        scene.set_entrance_time(scene.entrance_duration * step / 40)
        number = re.search(r"[\d.]+", counter.display_text).group()
        assert re.fullmatch(r"\d+\.\d", number), counter.display_text
        seen.add(number)
    assert len(seen) > 10 and counter.display_text == "17.1亿元"
    assert "10.0" in seen  # counts from its `start`


def test_entrance_is_deterministic_and_can_go_back(qapp):
    scene = scene_for("projects")
    middle = scene.entrance_duration / 3
    scene.set_entrance_time(middle)
    first = [(item.display_text, item.opacity(), item.pos()) for item in scene.blocks[:7]]
    scene.finish_entrance()
    scene.set_entrance_time(middle)
    assert [(item.display_text, item.opacity(), item.pos()) for item in scene.blocks[:7]] == first


def test_blocks_are_staggered_and_rise_into_place(qapp):
    scene = scene_for("projects")
    entrance = SLIDES["projects"].slide.entrance
    scene.set_entrance_time(entrance.stagger * 1.5)
    first, second, last = scene.blocks[0], scene.blocks[1], scene.blocks[-1]
    assert 0 < second.opacity() < first.opacity() <= 1.0 and last.opacity() == 0.0
    scene.finish_entrance()
    final_y = second.y()
    scene.set_entrance_time(entrance.stagger + entrance.duration / 2)
    assert second.y() > final_y  # still below its place


def test_entrance_none_is_final_at_once(qapp):
    scene = scene_for("picture")
    assert scene.entrance_duration == 0.0
    assert all(item.opacity() == 1.0 and item.progress == 1.0 for item in scene.blocks)


def test_entrance_duration_covers_counting(qapp):
    scene = scene_for("projects")
    entrance = SLIDES["projects"].slide.entrance
    blocks = len(scene.blocks)
    assert scene.entrance_duration == pytest.approx((blocks - 2) * entrance.stagger + entrance.duration * 2.5)


@pytest.mark.parametrize("slide_id", ["bars", "bars-and-line", "shares", "rings"])
def test_charts_have_one_mark_per_value_and_grow(qapp, slide_id):
    scene = scene_for(slide_id)
    scene.finish_entrance()
    for chart in (item for item in scene.blocks if isinstance(item, ChartItem)):
        expected = 1 if chart.model.kind == "ring" else len(chart.model.items)
        marks = chart.data_marks()
        assert len(marks) == expected
        assert all(mark.width() > 0 and mark.height() > 0 for mark in marks)
        assert all(chart.boundingRect().contains(mark) for mark in marks)
    scene.set_entrance_time(scene.entrance_duration * 0.2)
    growing = [item for item in scene.blocks if isinstance(item, ChartItem)]
    assert all(0 < item.progress < 1 for item in growing)


def test_bars_are_proportional_to_their_values(qapp):
    scene = scene_for("bars")
    scene.finish_entrance()
    chart = scene.blocks[0]
    heights = [mark.height() for mark in chart.data_marks()]
    values = [item.value for item in chart.model.items]
    assert heights[0] / heights[2] == pytest.approx(values[0] / values[2], rel=0.01)
    assert chart.value_texts == ["385个", "340个", "160个"]


def test_rings_and_timelines_count_to_their_figures(qapp):
    rings = scene_for("rings")
    rings.finish_entrance()
    assert [item.value_texts[0] for item in rings.blocks[:3]] == ["78%", "89.6%", "超过80%"]
    rings.set_entrance_time(rings.entrance_duration * 0.3)
    assert re.fullmatch(r"\d+\.\d%", rings.blocks[1].value_texts[0])
    speed = scene_for("speed")
    timeline = speed.blocks[0]
    assert isinstance(timeline, TimelineItem)
    speed.finish_entrance()
    assert timeline.display_texts == ["54天", "34天", "2021年"]


def test_portrait_canvas_stacks_blocks_inside_the_canvas(qapp):
    from dataclasses import replace
    portrait = replace(DECK, canvas=(1080, 1920))
    canvas = QRectF(0, 0, 1080, 1920)
    for slide_id in SLIDES:
        scene = scene_for(slide_id, portrait)
        scene.finish_entrance()
        for item in all_items(scene):
            assert canvas.contains(item.mapRectToScene(item.boundingRect())), (slide_id, item)
            assert not item.overflowed(), (slide_id, item)
    split = scene_for("bars", portrait)
    chart, counter = split.blocks[0], split.blocks[1]
    assert counter.y() > chart.y() + chart.boundingRect().height() - 1  # stacked, not side by side


def test_rising_blocks_land_on_whole_device_pixels(qapp):
    # Guards the 4K entrance frames of 30 ms: a block moved by a fraction of a device pixel
    # came out a pixel taller in Qt's device cache, which was then rendered anew.
    scene = scene_for("projects")
    anchors = [item.pos() for item in scene.blocks]
    entrance = SLIDES["projects"].slide.entrance
    scene.set_device_scale(2.0)
    for step in range(1, 30):
        scene.set_entrance_time(step * entrance.duration / 29)
        for item, anchor in zip(scene.blocks, anchors):
            drop = (item.y() - anchor.y()) * 2.0
            assert drop == pytest.approx(round(drop), abs=1e-6)


def test_warming_paints_hidden_blocks_into_their_caches_and_leaves_them_hidden(qapp):
    # Guards the first entrance frame of each block: its static layer used to be built then.
    from PySide6.QtGui import QImage, QPainter

    scene = scene_for("projects")
    counters = [item for item in scene.blocks if isinstance(item, CounterItem)]
    assert counters and all(item.opacity() == 0.0 for item in counters)

    def render() -> QImage:
        image = QImage(960, 540, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        scene.render(painter)
        painter.end()
        return image

    plain = render()
    with scene.warming():
        warmed = render()
    assert warmed == plain
    assert all(item.opacity() == 0.0 for item in counters)
    assert all(item._static_layer is not None for item in counters)
