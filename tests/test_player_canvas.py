"""The canvas lands in every window the same way: one uniform scale, centred, letterboxed."""

from test_player_support import canvas_of, grab

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor

from zzkiosk.render.canvas_fit import canvas_rect_in, canvas_scale

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)


@pytest.mark.parametrize(
    ("window", "canvas", "expected"),
    [
        ((1920, 1080), LANDSCAPE, (0, 0, 1920, 1080)),
        ((1280, 720), LANDSCAPE, (0, 0, 1280, 720)),
        ((3840, 2160), LANDSCAPE, (0, 0, 3840, 2160)),
        ((1024, 768), LANDSCAPE, (0, 96, 1024, 576)),
        ((1080, 1920), LANDSCAPE, (0, 656, 1080, 607.5)),
        ((1080, 1920), PORTRAIT, (0, 0, 1080, 1920)),
        ((1920, 1080), PORTRAIT, (656, 0, 607.5, 1080)),
        ((2560, 1080), LANDSCAPE, (320, 0, 1920, 1080)),
    ],
)
def test_canvas_rect_is_centred_uniform_and_whole_pixel_aligned(window, canvas, expected):
    rect = canvas_rect_in(QSize(*window), canvas)
    assert rect == QRectF(*expected)
    assert rect.width() / canvas[0] == pytest.approx(rect.height() / canvas[1])
    assert rect.x() == int(rect.x()) and rect.y() == int(rect.y())


def test_scale_of_an_empty_window_is_one():
    assert canvas_scale(QSize(0, 0)) == 1.0
    assert canvas_scale(QSize(1280, 720)) == pytest.approx(2 / 3)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1024, 768), (1080, 1920), (3840, 2160)])
def test_view_maps_the_canvas_exactly_where_canvas_rect_in_says(player, size):
    window = player(*size)
    view = window.stage.view
    expected = canvas_rect_in(view.viewport().size(), LANDSCAPE)
    scale = expected.width() / 1920
    assert view.transform().m11() == pytest.approx(scale) and view.transform().m22() == pytest.approx(scale)
    assert view.mapFromScene(QPointF(0, 0)) == expected.topLeft().toPoint()
    assert view.horizontalScrollBarPolicy() == view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert view.frameWidth() == 0


@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920), (1280, 720)])
def test_letterbox_is_the_theme_background_and_the_slide_fills_the_canvas(player, size):
    window = player(*size)
    window.presentation.entrance_frame(10.0)
    image = grab(window.stage.view)
    rect = canvas_of(window).toAlignedRect()
    letterbox = QColor(window.presentation.deck.theme.palette.background).rgb()
    if rect.top() > 0:
        assert image.pixel(5, 5) == letterbox
        assert image.pixel(image.width() - 5, image.height() - 5) == letterbox
    assert image.pixel(rect.left() + 3, rect.top() + 3) != letterbox
    assert image.pixel(rect.right() - 3, rect.bottom() - 3) != letterbox


def test_same_picture_on_every_window_size(player):
    """Scaled back to one size, 1280x720 and 3840x2160 show the same slide."""
    small_window, large_window = player(1280, 720), player(3840, 2160)
    for window in (small_window, large_window):
        window.presentation.entrance_frame(10.0)
    small = grab(small_window.stage.view)
    large = grab(large_window.stage.view).scaled(small.size())
    differing = sum(
        1 for x in range(0, 1280, 32) for y in range(0, 720, 32)
        if abs(QColor(small.pixel(x, y)).value() - QColor(large.pixel(x, y)).value()) > 24
    )
    assert differing < 0.03 * (1280 // 32) * (720 // 32)


def test_a_portrait_deck_stands_centred_in_a_landscape_window(qtbot):
    from dataclasses import replace

    from test_player_support import mini_deck
    from zzkiosk.player.window import PlayerWindow

    window = PlayerWindow(replace(mini_deck(), canvas=PORTRAIT))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.presentation.start()
    view = window.stage.view
    assert view.mapFromScene(QPointF(0, 0)).x() == 656
    assert view.mapFromScene(QPointF(1080, 1920)).y() == 1080
    window.presentation.go_to(1)
    window.presentation.transition_frame(0.5)
    image = grab(window)
    letterbox = QColor(window.presentation.deck.theme.palette.background).rgb()
    assert image.pixel(100, 540) == letterbox and image.pixel(1820, 540) == letterbox
    assert image.pixel(960, 540) != letterbox
