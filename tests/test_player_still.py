"""A slide standing still is painted from its still picture, and its items let go of their caches.

Guards Stage.paint_still (issue 20, memory): while a slide stands still the screen
shows the picture taken of it, pixel for pixel what its items paint, and the items'
caches are freed; anything that moves or changes the layout paints the items again.
"""

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from zzkiosk.bench.session import settle
from zzkiosk.deck.loader import load_deck

FIXTURE = Path(__file__).parent / "decks" / "all-blocks"
CELLS = {"keywords", "flow", "tasks"}
"""Blocks that draw their cells into pixmaps of their own (SequenceItem)."""


def _first_with_cells(deck) -> int:
    for index, (_, slide) in enumerate(deck.slides):
        if CELLS & {block.kind for block in slide.blocks}:
            return index
    raise AssertionError("the all-blocks deck lost its keywords, flow and tasks")


def _rendered(widget) -> QImage:
    """A fresh render of the widget (through its paint events)."""
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _on_screen(window) -> QImage:
    """What the window holds now (its backing store), not a fresh render."""
    picture = QGuiApplication.primaryScreen().grabWindow(window.winId())
    return picture.toImage().convertToFormat(QImage.Format.Format_RGB32)


@pytest.fixture
def resting(qtbot):
    """A factory: resting(width, height) -> a shown player on the all-blocks deck, standing
    still on its first slide with cells, everything likely made ahead."""
    from zzkiosk.player.window import PlayerWindow

    def make(width=1280, height=720):
        deck = load_deck(FIXTURE)
        window = PlayerWindow(deck)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        window.presentation.start(_first_with_cells(deck))
        qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=5000)
        window.presentation.prepare_all_ahead()
        settle()
        return window

    return make


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_a_still_slide_is_painted_from_its_picture_exactly_as_its_items_paint_it(resting, size):
    window = resting(*size)
    stage = window.stage
    assert stage.painting_still
    still = _rendered(stage)
    stage.paint_live()  # the items paint again, their caches and cells made anew
    assert not stage.painting_still
    assert still == _rendered(stage)


def test_grabbing_the_slides_made_ahead_leaves_the_screen_on_the_still_picture(resting):
    # Regression: every grab ahead shows the view another scene for a moment; showing the
    # still slide again repainted its items, which built their caches anew (docs/performance.md).
    window = resting()
    stage = window.stage
    assert stage.painting_still, "made ahead, then shown again: the items painted the slide"
    shown = _on_screen(window)
    stage.paint_live()
    settle()
    assert _on_screen(window) == shown


def test_a_resize_paints_the_items_again(resting, qtbot):
    window = resting()
    stage = window.stage
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: stage.width() == 1024, timeout=3000)
    assert not stage.painting_still, "a picture of another size is never stretched onto the screen"
    before = _rendered(stage)
    stage.paint_live()
    assert _rendered(stage) == before


def test_a_change_paints_the_new_slide_from_its_items_until_it_stands_still(resting, qtbot):
    window = resting()
    stage, presentation = window.stage, window.presentation
    presentation.next()
    assert not stage.painting_still
    qtbot.waitUntil(lambda: not presentation.is_animating, timeout=5000)
    assert stage.painting_still, "the new slide, standing still, is painted from its picture again"


def test_making_ahead_waits_for_the_new_slides_still_picture(resting, qtbot):
    # Regression: a turn of making ahead left over from the slide before grabbed the next
    # slide while the new one's caches were still built: both slides' caches and two
    # pictures at once (the 1080p tour's peak, ~12 MB more).
    from zzkiosk.player.ahead import AHEAD_GAP_MS

    window = resting()
    presentation, stage, layout = window.presentation, window.stage, window.stage.layout()
    qtbot.wait(3 * AHEAD_GAP_MS)  # whatever the resting slide had pending is done
    typed = presentation.count - 1
    presentation.expect(typed)  # made at once; one more turn is due AHEAD_GAP_MS later
    qtbot.waitUntil(lambda: presentation.scenes.picture(typed, layout) is not None, timeout=5000)
    presentation.next()
    presentation.transition_frame(1.0)
    presentation.finish_transition()
    assert presentation.scene.entrance_duration > 0
    presentation.entrance_frame(presentation.scene.entrance_duration)  # stepped: standing, no picture yet
    beyond = presentation.navigation.step(presentation.index, 1)
    qtbot.wait(3 * AHEAD_GAP_MS)  # the turn left over from the slide before comes due
    assert presentation.scenes.picture(beyond, layout) is None and not stage.painting_still
    presentation.prepare_next()
    assert stage.painting_still and presentation.scenes.picture(beyond, layout) is not None


def test_a_number_being_typed_is_made_ahead_while_the_slide_stands_still(resting, qtbot):
    window = resting()
    presentation = window.presentation
    typed = presentation.count - 1
    assert presentation.scenes.prepared(typed) is None, "the last slide is not among the likely ones"
    presentation.expect(typed)
    qtbot.waitUntil(lambda: presentation.scenes.picture(typed, window.stage.layout()) is not None, timeout=5000)
