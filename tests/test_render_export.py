"""Offscreen export: letterboxing, PNG and PDF files, readable errors for bad pictures."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTransform
from PySide6.QtWidgets import QGraphicsView

from zzkiosk.deck.loader import load_deck
from zzkiosk.render.errors import RenderError
from zzkiosk.render.export import render_deck, render_slide_image
from zzkiosk.render.scene import SlideScene
from zzkiosk.render.style import parse_colour

FIXTURE = Path(__file__).parent / "decks" / "all-blocks"
DECK = load_deck(FIXTURE)
SLIDES = {slide.id: (section, slide) for section, slide in DECK.slides}
BAND = parse_colour(DECK.theme.palette.background).rgb()


def _rows_of_band(image: QImage, x: int) -> list[bool]:
    return [image.pixel(x, y) == BAND for y in range(image.height())]


def _columns_of_band(image: QImage, y: int) -> list[bool]:
    return [image.pixel(x, y) == BAND for x in range(image.width())]


def _band_edges(flags: list[bool]) -> tuple[int, int]:
    """Length of the band run at the start and at the end."""
    start = next(i for i, flag in enumerate(flags) if not flag)
    end = next(i for i, flag in enumerate(reversed(flags)) if not flag)
    return start, end


@pytest.mark.parametrize("size, bands", [
    ((1024, 768), (96, 96)),       # 4:3: bands above and below
    ((1080, 1920), (656, 656)),    # portrait screen, landscape deck
])
def test_letterbox_bands_are_the_background_colour_and_content_is_centred(qapp, size, bands):
    image = render_slide_image(DECK, *SLIDES["projects"], size=size)
    assert (image.width(), image.height()) == size
    top, bottom = _band_edges(_rows_of_band(image, 3))
    assert abs(top - bands[0]) <= 1 and abs(bottom - bands[1]) <= 1
    assert abs(top - bottom) <= 1


def test_sixteen_by_nine_fills_the_image(qapp):
    image = render_slide_image(DECK, *SLIDES["projects"], size=(1280, 720))
    for x, y in ((0, 0), (1279, 0), (640, 2), (3, 360)):
        assert image.pixel(x, y) != BAND, (x, y)


def test_portrait_deck_on_a_landscape_screen_has_side_bands(qapp):
    portrait = replace(DECK, canvas=(1080, 1920))
    image = render_slide_image(portrait, *SLIDES["projects"], size=(1920, 1080))
    left, right = _band_edges(_columns_of_band(image, 3))
    assert abs(left - 656) <= 1 and abs(right - 656) <= 1


def test_render_deck_writes_every_slide_and_a_pdf(qapp, tmp_path):
    calls = []
    paths = render_deck(DECK, tmp_path / "out", size=(640, 360), pdf=tmp_path / "deck.pdf",
                        progress=lambda done, total, label: calls.append((done, total, label)))
    assert len(paths) == len(DECK.slides) == len(calls)
    assert paths[0].name == "01-opening-cover.png" and paths[-1].name == "17-lists-steps.png"
    assert calls[-1][:2] == (len(paths), len(paths))
    assert all(QImage(str(path)).size().width() == 640 for path in paths)
    pdf = (tmp_path / "deck.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == len(paths)


def _deck_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_a_missing_picture_raises_an_error_naming_the_file(qapp, tmp_path):
    folder = _deck_copy(tmp_path)
    deck = load_deck(folder)
    (folder / "images" / "hall.png").unlink()
    with pytest.raises(RenderError, match=r"images/hall\.png: the image file does not exist"):
        SlideScene(deck, *SLIDES["picture"])


def test_a_corrupt_picture_raises_an_error_naming_the_file(qapp, tmp_path):
    folder = _deck_copy(tmp_path)
    deck = load_deck(folder)
    (folder / "images" / "hall.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    with pytest.raises(RenderError, match=r"images/hall\.png: cannot read the image"):
        render_slide_image(deck, *SLIDES["picture"])


def test_a_live_view_draws_what_the_offscreen_render_draws(qtbot):
    """Guards the pyqtgraph traps: axes and bars must appear in a real QGraphicsView too."""
    scene = SlideScene(DECK, *SLIDES["bars-and-line"])
    scene.finish_entrance()
    view = QGraphicsView(scene)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFrameShape(QGraphicsView.Shape.NoFrame)
    view.setFixedSize(960, 540)
    view.setTransform(QTransform.fromScale(0.5, 0.5))
    view.setSceneRect(scene.sceneRect())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    live = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    offscreen = render_slide_image(DECK, *SLIDES["bars-and-line"], size=(960, 540))
    differing = sum(1 for y in range(0, 540, 4) for x in range(0, 960, 4)
                    if _distance(live.pixel(x, y), offscreen.pixel(x, y)) > 60)
    assert differing < 0.02 * (240 * 135)


def _distance(a: int, b: int) -> int:
    first, second = QColor(a), QColor(b)
    return abs(first.red() - second.red()) + abs(first.green() - second.green()) + abs(first.blue() - second.blue())


def test_pyqtgraph_is_imported_only_for_a_slide_with_axes(tmp_path):
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from zzkiosk.deck.loader import load_deck\n"
        "from zzkiosk.render.export import render_slide_image\n"
        f"deck = load_deck(Path({str(FIXTURE)!r}))\n"
        "slides = {slide.id: (section, slide) for section, slide in deck.slides}\n"
        "for name in ('projects', 'rings', 'shares'):\n"
        "    render_slide_image(deck, *slides[name], size=(320, 180))\n"
        "print('pyqtgraph' in sys.modules)\n"
        "render_slide_image(deck, *slides['bars'], size=(320, 180))\n"
        "print('pyqtgraph' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False", "True"], result.stderr
