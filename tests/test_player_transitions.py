"""Transitions drawn frame by frame: never an empty frame, exact pictures at both ends."""

from test_player_support import grab, is_flat

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from zzkiosk.player.transitions import TRANSITIONS

STEPS = 24


def settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)


@pytest.mark.parametrize(("target", "kind"), [(1, "fade"), (2, "slide"), (3, "zoom")])
@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920)])
def test_a_transition_frame_by_frame_never_shows_an_empty_frame(qtbot, player, target, kind, size):
    window = player(*size)
    presentation = window.presentation
    presentation.go_to(target - 1)
    settle(qtbot, window)
    presentation.entrance_frame(10.0)
    old = grab(window.stage)  # the stage alone: the slide indicator above it changes with the slide
    presentation.go_to(target)
    assert presentation.current.slide.transition.type == kind
    frames = []
    for step in range(STEPS + 1):
        presentation.transition_frame(step / STEPS)
        frames.append(grab(window.stage))
    presentation.finish_transition()
    presentation.entrance_frame(0.0)
    new = grab(window.stage)
    assert frames[0] == old
    assert frames[-1] == new
    assert old != new
    assert all(not is_flat(frame) for frame in frames)
    assert frames[STEPS // 2] not in (old, new)


def test_a_cut_has_no_frames(qtbot, player):
    window = player()
    window.presentation.go_to(3)
    settle(qtbot, window)
    window.presentation.go_to(0)  # the cover slide comes in with transition: none
    assert not window.presentation.in_transition
    assert not window.stage.in_transition


def _pictures(size=(64, 36)):
    old, new = QPixmap(*size), QPixmap(*size)
    old.fill(QColor("red"))
    new.fill(QColor("blue"))
    return old, new


def _striped_pictures(size: QSize) -> tuple[QPixmap, QPixmap]:
    """Two opaque pictures with fine detail (a flat fill hides filtering differences)."""
    pictures = []
    for colours in (("red", "yellow"), ("blue", "white")):
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor(colours[0]))
        painter = QPainter(image)
        for x in range(0, size.width(), 3):
            painter.fillRect(x, (x * 7) % size.height(), 1, size.height() // 3, QColor(colours[1]))
        painter.end()
        pictures.append(QPixmap.fromImage(image))
    return pictures[0], pictures[1]


def _draw(kind, progress, direction="left"):
    old, new = _pictures()
    target = QPixmap(old.size())
    target.fill(QColor("black"))
    painter = QPainter(target)
    TRANSITIONS[kind](painter, QRect(0, 0, 64, 36), old, new, progress, direction)
    painter.end()
    return target.toImage()


@pytest.mark.parametrize("kind", sorted(TRANSITIONS))
def test_every_strategy_starts_on_old_and_ends_on_new(kind):
    assert _draw(kind, 0.0).pixelColor(32, 18) == QColor("red")
    assert _draw(kind, 1.0).pixelColor(32, 18) == QColor("blue")
    assert _draw(kind, 1.0).pixelColor(0, 0) == QColor("blue")


@pytest.mark.parametrize(("direction", "new_side", "old_side"), [
    ("left", (60, 18), (4, 18)), ("right", (4, 18), (60, 18)),
    ("up", (32, 33), (32, 2)), ("down", (32, 2), (32, 33)),
])
def test_slide_pushes_the_new_slide_in_towards_its_direction(direction, new_side, old_side):
    image = _draw("slide", 0.25, direction)
    assert image.pixelColor(*new_side) == QColor("blue")
    assert image.pixelColor(*old_side) == QColor("red")


def test_an_overshooting_push_never_uncovers_the_background():
    image = _draw("slide", 1.1, "left")
    assert all(image.pixelColor(x, 18) == QColor("blue") for x in range(64))


def test_zoom_keeps_the_old_slide_around_the_growing_new_one_inside_a_letterboxed_area():
    old, new = _pictures()
    target = QPixmap(84, 36)
    target.fill(QColor("black"))
    painter = QPainter(target)
    TRANSITIONS["zoom"](painter, QRect(10, 0, 64, 36), old, new, 0.5, "left")
    painter.end()
    image = target.toImage()
    assert image.pixelColor(5, 18) == QColor("black")  # the letterbox is not drawn over
    assert image.pixelColor(10, 0) == QColor("red")  # corners: the old slide around the new
    assert image.pixelColor(73, 35) == QColor("red")
    centre = image.pixelColor(42, 18)
    assert centre.red() > 0 and centre.blue() > 0  # the grown new slide half faded in


@pytest.mark.parametrize("progress", [0.05, 0.37, 0.5, 0.61, 0.83, 0.999])
def test_every_pixel_of_a_zoom_frame_is_drawn(qapp, progress):
    """No pixel of the canvas area keeps anything of what was there before the frame (the
    last frame, on screen): drawn over two different backgrounds, the frames are the same."""
    old, new = _striped_pictures(QSize(640, 360))

    def frame(under: str) -> QImage:
        target = QImage(660, 380, QImage.Format.Format_RGB32)
        target.fill(QColor(under))
        painter = QPainter(target)
        painter.setClipRect(QRect(10, 10, 640, 360))
        TRANSITIONS["zoom"](painter, QRect(10, 10, 640, 360), old, new, progress, "left")
        painter.end()
        return target.copy(QRect(10, 10, 640, 360))

    over_magenta, over_green = frame("magenta"), frame("green")
    stale = [(x, y) for y in range(360) for x in range(640) if over_magenta.pixel(x, y) != over_green.pixel(x, y)]
    assert stale == []


def test_every_transition_the_deck_admits_has_a_strategy_and_no_other_is_drawn_as_fade():
    """Regression: an unknown transition type used to become a fade without a word."""
    from typing import get_args

    from zzkiosk.deck.model import Transition
    from zzkiosk.player.transitions import strategy_for

    assert set(get_args(Transition.model_fields["type"].annotation)) == set(TRANSITIONS)
    with pytest.raises(ValueError, match="no transition 'wipe': the transitions are none, fade, slide, zoom"):
        strategy_for("wipe")
