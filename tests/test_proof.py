"""`zzkiosk proof`: every line of every slide as the player sets it (issue 15)."""

import json

import pytest

from zzkiosk.cli import default_deck, main
from zzkiosk.deck.loader import load_deck
from zzkiosk.numbers import format_figure
from zzkiosk.render.items.chart_round import item_text, ring_text
from zzkiosk.render.linebreak import FIGURE

SIZES = ("1920x1080", "1080x1920", "3840x2160")
"""Screen sizes; the portrait one also lays the (landscape) decks out on the portrait canvas."""


def _size_arguments(size: str) -> tuple[str, ...]:
    return ("--size", size, "--canvas", "portrait") if size == "1080x1920" else ("--size", size)
BUNDLED = load_deck(default_deck())


def _proof(capsys, *arguments) -> dict:
    assert main(["proof", *arguments, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module", params=SIZES)
def sheet(request, qapp):
    """The bundled deck's proof sheet at each size (built once per size)."""
    capture = pytest.MonkeyPatch()
    import io
    import sys
    out = io.StringIO()
    capture.setattr(sys, "stdout", out)
    try:
        assert main(["proof", str(default_deck()), "--json", *_size_arguments(request.param)]) == 0
    finally:
        capture.undo()
    return json.loads(out.getvalue())


def test_the_sheet_has_exactly_the_documented_shape(sheet):
    assert set(sheet) == {"size", "canvas", "slides"}
    assert len(sheet["slides"]) == len(BUNDLED.slides)
    for number, (slide, (section, model)) in enumerate(zip(sheet["slides"], BUNDLED.slides), start=1):
        assert set(slide) == {"number", "section", "slide", "layout", "blocks"}
        assert (slide["number"], slide["section"], slide["slide"], slide["layout"]) == \
            (number, section.id, model.id, model.layout)
        for block in slide["blocks"]:
            assert set(block) == {"type", "rect", "lines"} and len(block["rect"]) == 4
            for line in block["lines"]:
                assert set(line) == {"text", "rect", "px", "role"} and len(line["rect"]) == 4 and line["px"] > 0
        kinds = [block["type"] for block in slide["blocks"] if block["type"] not in ("title", "subtitle", "credit")]
        assert kinds == [block.kind for block in model.blocks]


def test_every_line_lies_on_the_design_canvas(sheet):
    width, height = sheet["size"]
    canvas = tuple(sheet["canvas"])
    assert canvas == ((1080, 1920) if height > width else (1920, 1080))
    for slide in sheet["slides"]:
        for block in slide["blocks"]:
            for line in block["lines"]:
                x, y, w, h = line["rect"]
                assert -1 <= x and x + w <= canvas[0] + 1 and -1 <= y and y + h <= canvas[1] + 1, (slide["slide"], line)


def test_the_title_and_subtitle_are_blocks_of_their_own(sheet):
    first_grid = next(slide for slide in sheet["slides"] if slide["slide"] == "new-drivers-1")
    types = [block["type"] for block in first_grid["blocks"]]
    assert types[:2] == ["title", "subtitle"]
    assert first_grid["blocks"][0]["lines"][0]["text"] == "新发展动能加速培育"


def _figures(block) -> list[str]:
    """What a block shows as figures: each must be whole on one line."""
    model = block.content
    if block.kind == "counter":
        return [str(format_figure(model.value, decimals=model.decimals, unit=model.unit, before=model.before,
                                  after=model.after, grouping=model.grouping, signed=model.signed))]
    if block.kind == "chart" and model.kind == "ring":
        return [str(ring_text(model, 1.0))]
    if block.kind == "chart":
        return [item_text(model, index, 1.0).removesuffix(model.unit) for index in range(len(model.items))]
    if block.kind == "timeline":
        return [str(format_figure(step.value, decimals=step.decimals, unit=step.unit, before=step.before,
                                  after=step.after)) for step in model.items if step.value is not None]
    if block.kind == "text":
        words = model.items or [model.text]
        return [match.group() for text in words for match in FIGURE.finditer(text)]
    return []


def test_every_figure_of_the_bundled_deck_is_whole_on_one_line(sheet):
    for slide, (_, model) in zip(sheet["slides"], BUNDLED.slides):
        blocks = [block for block in slide["blocks"] if block["type"] not in ("title", "subtitle", "credit")]
        for shown, block in zip(blocks, model.blocks):
            lines = [line["text"] for line in shown["lines"]]
            for figure in _figures(block):
                assert any(figure in line for line in lines), f"{slide['slide']}: {figure} split: {lines}"


def test_the_text_form_lists_each_slide_and_its_lines(qapp, capsys):
    assert main(["proof", "tests/decks/report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("01  economy/gdp  (grid)\n    title:    地区生产总值\n    subtitle: 按不变价格计算\n")
    assert "    counter:  ▲+4.1%\n              比上年增长\n" in out
    assert "    chart:    24/35个\n" in out


def test_a_counter_figure_is_one_line_then_its_label(qapp, capsys):
    sheet = _proof(capsys, "tests/decks/report", *_size_arguments("1080x1920"))
    gdp = sheet["slides"][0]["blocks"]
    counter = next(block for block in gdp if block["type"] == "counter")
    assert [line["text"] for line in counter["lines"]] == ["3105.8亿元", "全年地区生产总值"]
    assert counter["lines"][0]["px"] > counter["lines"][1]["px"]


@pytest.mark.parametrize("size", SIZES)
def test_counters_in_one_row_share_one_digit_size_and_baseline(qapp, capsys, size):
    """3105.8亿元 and +4.1% in neighbouring cards were shrunk separately (issue 15)."""
    sheet = _proof(capsys, "tests/decks/report", *_size_arguments(size))
    for slide in sheet["slides"]:
        rows: dict[float, list] = {}
        for block in slide["blocks"]:
            if block["type"] == "counter":
                rows.setdefault(block["rect"][1], []).append(block["lines"][0])
        for figures in rows.values():
            assert len({figure["px"] for figure in figures}) == 1, figures
            assert len({figure["rect"][1] for figure in figures}) == 1, figures
    gdp_row = [block for block in sheet["slides"][0]["blocks"] if block["type"] == "counter"]
    assert len({block["rect"][1] for block in gdp_row}) == 1 or size == "1080x1920"


@pytest.mark.parametrize("size", SIZES)
def test_every_figure_of_the_report_deck_is_whole_on_one_line(qapp, capsys, size):
    """The report that showed 3105. / 8亿元 and, in portrait, 3105.8亿 / 元."""
    report = load_deck("tests/decks/report")
    sheet = _proof(capsys, "tests/decks/report", *_size_arguments(size))
    for slide, (_, model) in zip(sheet["slides"], report.slides):
        blocks = [block for block in slide["blocks"] if block["type"] not in ("title", "subtitle", "credit")]
        for shown, block in zip(blocks, model.blocks):
            lines = [line["text"] for line in shown["lines"]]
            for figure in _figures(block):
                assert any(figure in line for line in lines), f"{slide['slide']}: {figure} split: {lines}"


def test_proof_and_render_lay_out_the_canvas_the_player_shows(qapp, capsys, tmp_path):
    """On a portrait screen the player letterboxes a landscape deck: proof and render agree
    with it (proof laid out the portrait canvas while render letterboxed), and both lay
    the portrait canvas out when asked with --canvas."""
    from PySide6.QtGui import QImage

    landscape, portrait = _proof(capsys, "tests/decks/report"), _proof(capsys, "tests/decks/report", "--canvas", "portrait")
    on_tall_screen = _proof(capsys, "tests/decks/report", "--size", "1080x1920")
    assert on_tall_screen["canvas"] == [1920, 1080] and on_tall_screen["slides"] == landscape["slides"]
    assert portrait["canvas"] == [1080, 1920] and portrait["slides"] != landscape["slides"]
    for canvas in ((), ("--canvas", "portrait")):
        out = tmp_path / "-".join(canvas or ("own",))
        assert main(["render", "tests/decks/report", "--out", str(out), "--size", "1080x1920", *canvas]) == 0
        capsys.readouterr()
        image = QImage(str(sorted(out.glob("*.png"))[0]))
        assert (image.width(), image.height()) == (1080, 1920)
        top = {image.pixel(x, y) for x in range(0, 1080, 8) for y in range(0, 640, 8)}
        assert (len(top) == 1) == (not canvas), len(top)  # one colour: the band above a letterboxed 16:9 slide
