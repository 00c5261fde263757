"""Every slide of the bundled deck renders offscreen, inside the canvas, without elided text."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

try:
    from zzkiosk.deck.loader import load_deck
except ImportError:  # the loader is written by another engineer
    load_deck = None

BUNDLED = Path(__file__).resolve().parents[1] / "slides"


def _slides():
    if load_deck is None or not (BUNDLED / "deck.yaml").is_file():
        return []
    deck = load_deck(BUNDLED)
    return [pytest.param(deck, section, slide, id=f"{section.id}/{slide.id}") for section, slide in deck.slides]


SLIDES = _slides()


@pytest.mark.skipif(not SLIDES, reason="zzkiosk.deck.loader or the bundled deck is not there yet")
@pytest.mark.parametrize("deck, section, slide", SLIDES)
def test_bundled_slide_renders_inside_the_canvas(qapp, deck, section, slide):
    from zzkiosk.render.export import render_slide_image
    from zzkiosk.render.scene import SlideScene

    scene = SlideScene(deck, section, slide)
    scene.finish_entrance()
    canvas = QRectF(0, 0, *deck.canvas)
    for item in (scene.heading, *scene.blocks):
        if item is None:
            continue
        assert canvas.contains(item.mapRectToScene(item.boundingRect())), item
        assert item.boundingRect().adjusted(-1, -1, 1, 1).contains(item.content_rect()), item
        assert not item.overflowed(), f"{item} elided text"
    image = render_slide_image(deck, section, slide, size=(480, 270))
    assert not image.isNull()
