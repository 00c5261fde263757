"""Task cards, keywords and flow (the 2021 section's layouts), and icons from the icon fonts.

Driven through the loader and the slide scene, on the all-blocks fixture deck and on the
bundled deck: the readable-size and coverage checks are what the hall needs from 3-5 m.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck
from zzkiosk.icons import EMBLEMS, IconError, check_icon, code_point
from zzkiosk.render.items.icons import icon_path
from zzkiosk.render.typesetting import BODY_MIN, TEXT_MIN
from zzkiosk.render.scene import SlideScene

from decks import DECK, write_deck

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = load_deck(Path(__file__).parent / "decks" / "all-blocks")
BUNDLED = load_deck(ROOT / "slides")


def scene_for(deck, slide_id: str) -> SlideScene:
    section, slide = next((section, slide) for section, slide in deck.slides if slide.id == slide_id)
    return SlideScene(deck, section, slide)


def section_with(blocks: str) -> dict[str, str]:
    return {"sections/part.yaml": f"id: part\ntitle: 第一部分\nslides:\n  - id: one\n    blocks:\n{blocks}"}


# -- icon names ----------------------------------------------------------------------------

def test_icon_names_exist_in_the_icon_fonts_and_the_emblems_stay():
    assert check_icon("mdi6.factory") == "mdi6.factory"
    assert all(check_icon(name) == name for name in EMBLEMS)
    font_file, code = code_point("fa6s.seedling")
    assert font_file.suffix == ".ttf" and font_file.is_file() and code > 0xE000


@pytest.mark.parametrize("name, hint", [
    ("mdi6.factroy", "did you mean mdi6.factory"),
    ("mdi7.factory", "did you mean mdi"),
    ("factory", "prefix.name"),
])
def test_a_misspelt_icon_is_refused_with_a_suggestion(name, hint):
    with pytest.raises(IconError, match=hint):
        check_icon(name)


def test_a_misspelt_icon_in_a_deck_names_file_line_and_column(tmp_path):
    write_deck(tmp_path, DECK, section_with(
        "      - tasks:\n          - {title: 垃圾分类, icon: mdi6.recycel}\n          - 株洲电厂搬迁\n"))
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path)
    message = str(caught.value)
    assert "part.yaml:7:" in message and "did you mean mdi6.recycle" in message


def test_the_icon_catalogue_needs_no_qt():
    code = ("import sys; from zzkiosk.deck.loader import load_deck; from zzkiosk.icons import check_icon;"
            "check_icon('mdi6.factory'); load_deck('slides');"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'qtpy', 'qtawesome'))]")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert result.returncode == 0, result.stderr


def test_an_icon_glyph_is_drawn_inside_its_rect(qapp):
    rect = QRectF(10, 20, 96, 96)
    for name in ("mdi6.factory", "fa6s.industry", "ph.users-three", "ri.book-open-line", "star"):
        bounds = icon_path(name, rect).boundingRect()
        assert not bounds.isEmpty() and rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(bounds), name
        assert max(bounds.width(), bounds.height()) > rect.width() * 0.95, f"{name} should fill its rect"


def test_a_misspelt_counter_icon_names_file_line_and_column(tmp_path):
    write_deck(tmp_path, DECK, section_with(
        "      - counter: {value: 385, unit: 个, label: 新签合同项目, icon: mdi6.handshak}\n"))
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path)
    message = str(caught.value)
    assert "part.yaml:6:" in message and "did you mean mdi6.handshake" in message


def _accent_pixels(image, rect: QRectF, accent) -> int:
    return sum(1 for x in range(int(rect.left()), int(rect.right()), 2) for y in range(int(rect.top()), int(rect.bottom()), 2)
               if abs(image.pixelColor(x, y).red() - accent.red()) + abs(image.pixelColor(x, y).green() - accent.green())
               + abs(image.pixelColor(x, y).blue() - accent.blue()) < 40)


def test_a_counter_draws_its_icon_beside_the_figure(qapp, tmp_path):
    from PySide6.QtGui import QColor, QImage, QPainter
    write_deck(tmp_path, DECK, section_with(
        "      - counter: {value: 385, unit: 个, label: 新签合同项目, icon: mdi6.handshake}\n"
        "      - counter: {value: 340, unit: 个, label: 新开工重点项目}\n"))
    deck = load_deck(tmp_path)
    scene = scene_for(deck, "one")
    scene.finish_entrance()
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    accent = QColor(deck.theme.palette.accent[:7])
    beside = []
    for item in scene.blocks:
        box, figure = item.mapRectToScene(item.boundingRect()), item.laid_lines()[0]
        digits = item.mapRectToScene(figure.rect)
        assert box.contains(item.mapRectToScene(item.content_rect()))
        beside.append(_accent_pixels(image, QRectF(box.left(), digits.top(), digits.left() - box.left(), digits.height()), accent))
    assert beside[0] > 50 and beside[1] == 0, f"accent pixels left of the figure: {beside}"
    assert len({item.laid_lines()[0].px for item in scene.blocks}) == 1, "the icon does not change the row's digit size"


# -- the blocks ----------------------------------------------------------------------------

def test_shorthand_lists_load_as_items(tmp_path):
    write_deck(tmp_path, DECK, section_with("      - keywords: [“九个一体化”, 一谷三区]\n      - flow: [规划, 建设, 运营]\n"))
    blocks = load_deck(tmp_path).slides[0][1].blocks
    assert [item.text for item in blocks[0].keywords.items] == ["“九个一体化”", "一谷三区"]
    assert [item.text for item in blocks[1].flow.items] == ["规划", "建设", "运营"]


def test_task_cards_need_two_to_eight(tmp_path):
    write_deck(tmp_path, DECK, section_with("      - tasks: [只有一张]\n"))
    with pytest.raises(DeckError, match="part.yaml:6:.*at least 2"):
        load_deck(tmp_path)


def test_cards_enter_one_after_another(qapp):
    scene = scene_for(FIXTURE, "task-cards")
    cards = scene.blocks[0]
    seen = []
    for step in range(0, 41):
        scene.set_entrance_time(scene.entrance_duration * step / 40)
        seen.append([cards.cell_appearance(index) for index in range(len(cards.cells))])
    assert seen[0] == [0.0] * 5 and seen[-1] == [1.0] * 5
    firsts = [next(step for step, frame in enumerate(seen) if frame[index] > 0) for index in range(5)]
    assert firsts == sorted(firsts) and firsts[0] < firsts[-1], "cards come in in order, not at once"
    assert any(frame[0] == 1.0 and frame[-1] == 0.0 for frame in seen), "the first is in before the last starts"


def test_a_card_not_yet_in_is_not_painted(qapp):
    from PySide6.QtGui import QImage, QPainter
    scene = scene_for(FIXTURE, "task-cards")
    cards = scene.blocks[0]
    first, last = (cards.mapRectToScene(cards.cells[index]).center() for index in (0, -1))

    def pixels():
        image = QImage(1920, 1080, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        scene.render(painter)
        painter.end()
        return image.pixel(first.toPoint()), image.pixel(last.toPoint())

    scene.set_entrance_time(0.0)
    empty = pixels()
    moment = next(step / 100 * scene.entrance_duration for step in range(100)
                  if (scene.set_entrance_time(step / 100 * scene.entrance_duration) or True)
                  and cards.opacity() > 0.5 and cards.cell_appearance(0) > 0.5)
    scene.set_entrance_time(moment)
    assert cards.cell_appearance(len(cards.cells) - 1) == 0.0
    shown = pixels()
    assert shown[0] != empty[0], "the first card is painted once it is in"
    assert shown[1] == empty[1], "the last card is not painted before it comes in"


def test_a_lone_keyword_grows_to_the_theme_maximum_and_many_share_one_size(qapp):
    lone = scene_for(BUNDLED, "cztz-integration").blocks[0]
    assert max(lone.text_sizes()) == BUNDLED.theme.sizes.keyword
    five = scene_for(BUNDLED, "livelihood-2").blocks[0]
    assert len(set(five.headline_sizes())) == 1


@pytest.mark.parametrize("slide_id", [slide.id for _, slide in FIXTURE.slides if slide.id in
                                      ("task-cards", "icon-cards", "slogans", "steps")])
def test_list_blocks_stay_in_their_boxes(qapp, slide_id):
    scene = scene_for(FIXTURE, slide_id)
    scene.finish_entrance()
    for item in scene.blocks:
        assert item.boundingRect().adjusted(-1, -1, 1, 1).contains(item.content_rect()), item
        assert not item.overflowed(), item


# -- the bundled deck's 2021 section as the hall sees it -----------------------------------

TASK_SLIDES = [slide.id for section, slide in BUNDLED.slides if section.id == "tasks-2021"]
HEADING = {"title", "subtitle", "credit"}


@pytest.fixture(scope="module")
def proof_sheet() -> dict[str, dict]:
    """`zzkiosk proof slides --json` at 1920x1080, as a sign-off would run it, by slide id."""
    result = subprocess.run([sys.executable, "-m", "zzkiosk", "proof", "slides", "--json", "--size", "1920x1080"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr
    return {slide["slide"]: slide for slide in json.loads(result.stdout)["slides"]}


@pytest.mark.parametrize("slide_id", [slide.id for _, slide in BUNDLED.slides])
def test_every_slide_is_readable_from_5_m(proof_sheet, slide_id):
    """Body text at least 36 px on the 1080-px canvas, and no line at all under 24 px
    (a counter's note, a chart's value, a caption), as the proof sheet reports them."""
    lines = [(block["type"], line) for block in proof_sheet[slide_id]["blocks"] for line in block["lines"]]
    body = [line["px"] for _, line in lines if line["role"] == "body"]
    small = [(kind, line["text"], line["px"]) for kind, line in lines if line["px"] < TEXT_MIN]
    assert not body or min(body) >= BODY_MIN, f"body text under {BODY_MIN} px: {sorted(body)}"
    assert not small, f"lines under {TEXT_MIN} px: {small}"
    assert not [line["text"] for _, line in lines if line["text"].endswith("\u2026")], "text was elided"


@pytest.mark.parametrize("slide_id", TASK_SLIDES)
def test_2021_slides_fill_the_space_below_the_title(proof_sheet, slide_id):
    """A 2021 slide shows its tasks in an infographic layout whose blocks cover at least
    half of the canvas below the title (not bullets in the middle of an empty field)."""
    blocks = proof_sheet[slide_id]["blocks"]
    assert {block["type"] for block in blocks} & {"tasks", "keywords", "flow"}
    width, height = BUNDLED.canvas
    top = max((y + h for block in blocks if block["type"] in HEADING for x, y, w, h in [block["rect"]]), default=0.0)
    covered = sum(max(0.0, min(x + w, width) - max(x, 0.0)) * max(0.0, min(y + h, height) - max(y, top))
                  for block in blocks if block["type"] not in HEADING for x, y, w, h in [block["rect"]])
    assert covered >= 0.5 * width * (height - top), f"blocks cover {covered / (width * (height - top)):.0%}"


def test_2021_slides_each_look_different():
    shapes = [tuple((block.kind, len(getattr(block.content, "items", [])),
                     getattr(block.content, "numbering", "")) for block in slide.blocks)
              for section, slide in BUNDLED.slides if section.id == "tasks-2021"]
    repeated = len(shapes) - len(set(shapes))
    assert repeated <= 1, f"{repeated} slides of the 2021 section repeat another's arrangement"


@pytest.mark.parametrize("slide_id", ["new-drivers-1", "new-drivers-innovation", "region-2", "region-living"])
def test_dense_2020_figures_are_at_least_72_px(qapp, slide_id):
    scene = scene_for(BUNDLED, slide_id)
    scene.finish_entrance()
    # the counters' and rings' figure lines are private to counter.py and chart.py
    lines = [getattr(item, "_line", None) or getattr(item, "_ring_line", None) for item in scene.blocks]
    sizes = [line.digits.pixelSize() for line in lines if line is not None]
    assert sizes and min(sizes) >= 72


def test_laid_lines_give_every_cell_word_in_reading_order(qapp):
    cards = scene_for(BUNDLED, "market-1").blocks[0]
    lines = cards.laid_lines()
    assert "".join(line.text for line in lines) == "国有企业做大做强民营企业发展壮大中小微企业蓬勃发展优势产业和重点企业“走出去”“三类500强”实施精准招商"
    assert all(cards.boundingRect().contains(line.rect) for line in lines)


def test_the_block_keeps_still_while_its_cells_come_in(qapp):
    """Guards the frame cost: a screen-sized block rising or fading as a whole repaints its
    whole area every frame (10-20 ms at 4K); its cells rise and fade by themselves."""
    scene = scene_for(BUNDLED, "power-valley-2")
    cards = scene.blocks[0]
    placed = cards.pos()
    for step in range(1, 20):
        scene.set_entrance_time(scene.entrance_duration * step / 60)
        assert cards.pos() == placed and cards.opacity() == 1.0 and cards.scale() == 1.0
    assert 0.0 < cards.cell_appearance(0) and cards.cell_appearance(len(cards.cells) - 1) < 1.0
