"""Counting and growing blocks repaint only what changed; the screen must still show
exactly what a full render of the slide shows, at every frame of the entrance."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication, QImage

from zzkiosk.deck.loader import load_deck
from zzkiosk.player.stage import Stage
from zzkiosk.render.scene import SlideScene

FIXTURE = Path(__file__).parent / "decks" / "all-blocks"
DECK = load_deck(FIXTURE)
SLIDES = {slide.id: (section, slide) for section, slide in DECK.slides}


def _shown(stage: Stage) -> QImage:
    """What the window holds now (partial repaints included), not a fresh render."""
    picture = QGuiApplication.primaryScreen().grabWindow(stage.winId())
    return picture.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _rendered(stage: Stage) -> QImage:
    return stage.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


@pytest.mark.parametrize("slide_id", ["projects", "bars", "bars-and-line", "rings", "shares"])
@pytest.mark.parametrize("size", [(1280, 720), (2560, 1440)])
def test_partial_repaints_leave_the_screen_as_a_full_render(qapp, slide_id, size):
    # Guards BlockItem.changed_rects: a counter repaints only its changed digits, a bar
    # its growth and label, a gauge the quarters its arc end moved through.
    stage = Stage(DECK.canvas, QColor(DECK.theme.palette.background))
    stage.resize(*size)
    stage.show()
    scene = SlideScene(DECK, *SLIDES[slide_id])
    stage.show_scene(scene)
    QCoreApplication.processEvents()
    try:
        frames = round(scene.entrance_duration * 20)
        for step in range(1, frames + 1):
            scene.set_entrance_time(step / 20)
            QCoreApplication.processEvents()
            assert _shown(stage) == _rendered(stage), f"frame {step} of {frames}"
    finally:
        stage.close()
        stage.deleteLater()
