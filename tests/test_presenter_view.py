"""The presenter view over a playing window: what it shows, and its keys driving the show (real key events)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from zzkiosk.presenter.panels import BACKGROUND, clock_text, lay_out
from zzkiosk.presenter.view import PresenterView


@pytest.fixture
def presenter(qtbot, guide_kiosk):
    """(audience window, console, presenter view): the view shown at 1920x1080 beside the window."""
    window, console = guide_kiosk()
    view = PresenterView(console)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    return window, console, view


def settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)


def colour_at(view: PresenterView, point: QPoint) -> QColor:
    return view.grab().toImage().pixelColor(point)


def test_the_view_shows_this_slide_the_next_and_the_notes(qtbot, presenter):
    window, console, view = presenter
    layout = lay_out(1920, 1080, (1920, 1080))
    qtbot.waitUntil(lambda: view.previews_ready, timeout=5000)
    for rect in (layout.current, layout.next):  # thumbnails of the theme's red slides, not the dark room
        assert colour_at(view, rect.center()).red() > 100
    state = console.show.state()
    assert state.notes.startswith("各位来宾") and state.next.slide == "welcome"
    window_image = window.grab().toImage()
    assert window_image.pixelColor(window.rect().center()) != BACKGROUND  # the audience sees the slide, not the view


def test_page_down_on_the_view_moves_the_show_and_on_the_window_moves_the_view(qtbot, presenter):
    window, console, view = presenter
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    settle(qtbot, window)
    assert window.presentation.index == 1
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: console.show.state().current.index == 2, timeout=2000)
    assert console.snapshot()["notes"].startswith("新签合同项目385个")
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    settle(qtbot, window)
    assert window.presentation.index == 1


def test_black_on_the_view_blacks_the_audience_screen_and_the_view_shows_it(qtbot, presenter):
    window, console, view = presenter
    QTest.keyClick(view, Qt.Key.Key_B)
    assert window.blank.colour == "black"
    qtbot.waitUntil(lambda: console.show.state().cover == "black", timeout=2000)
    current = lay_out(1920, 1080, (1920, 1080)).current
    assert colour_at(view, current.topLeft() + QPoint(10, 10)) == QColor("black")
    QTest.keyClick(view, Qt.Key.Key_B)
    assert window.blank.colour is None


def test_plus_and_minus_size_the_notes_within_bounds(presenter):
    _, _, view = presenter
    start = view.notes_size
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.notes_size > start
    for _ in range(100):
        QTest.keyClick(view, Qt.Key.Key_Minus)
    assert view.notes_size == 12


def test_t_chooses_a_tour_and_next_follows_its_route_to_the_end(qtbot, presenter):
    window, console, view = presenter
    QTest.keyClick(view, Qt.Key.Key_T)
    assert console.tour.id == "vip"
    assert console.upcoming().slide == "results" == console.snapshot()["next"]["slide"]  # the route's, not the deck's
    assert console.show.state().next.slide == "welcome"
    visited = []
    for _ in range(5):  # the VIP route has three stops; two more presses stay at its end
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        settle(qtbot, window)
        visited.append(window.presentation.index)
    assert visited == [2, 4, 4, 4, 4]
    assert console.upcoming() is None and console.tour_progress() == (3, 3)
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    settle(qtbot, window)
    assert window.presentation.index == 2
    QTest.keyClick(view, Qt.Key.Key_T)
    QTest.keyClick(view, Qt.Key.Key_T)
    assert console.tour is None  # vip -> standard -> none


def test_a_click_on_a_section_goes_to_its_first_slide(qtbot, presenter):
    window, _, view = presenter
    cells = lay_out(1920, 1080, (1920, 1080)).sections
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(cells.right() - 20, cells.center().y()))
    settle(qtbot, window)
    assert window.presentation.index == 4  # plans, the third section


def test_the_tour_clock_and_budget(qtbot, presenter):
    _, console, view = presenter
    assert console.budget_minutes() == 30  # the deck's presenter.tour_minutes
    console.choose_tour("standard", "presenter")
    assert console.budget_minutes() == 25
    assert console.tour_seconds() < 60
    assert not console.choose_tour("nope", "presenter") and console.tour.id == "standard"
    assert clock_text(65) == "01:05" and clock_text(3725) == "1:02:05"


def test_a_close_request_leaves_the_view_up(presenter):
    _, _, view = presenter
    view.close()
    assert view.isVisible()


def test_a_console_attached_to_a_show_already_playing_follows_a_tour_from_there(qtbot, guide_kiosk):
    """Regression: the kiosk attaches the console after the first slide is up; next then went
    nowhere (the console thought no slide was shown and sent the show to where it already was)."""
    from zzkiosk.presenter.console import GuideConsole

    window, _ = guide_kiosk()
    late = GuideConsole(window.slideshow, parent=window)
    late.choose_tour("vip", "presenter")
    assert late.run("next", "presenter")
    settle(qtbot, window)
    assert window.presentation.index == 2


def test_a_hot_reload_brings_the_new_tours_and_keeps_following_the_same_one(qtbot, presenter, tmp_path):
    from dataclasses import replace

    from zzkiosk.deck.model import Tour

    window, console, view = presenter
    console.choose_tour("vip", "presenter")
    deck = window.presentation.deck
    shorter = Tour(id="vip", title="VIP 5 分钟", minutes=5, stops=["opening", "closing"])
    window.presentation.replace_deck(replace(deck, tours=(shorter, *deck.tours[1:])), 0)
    qtbot.waitUntil(lambda: console.tour is not None and console.tour.title == "VIP 5 分钟", timeout=3000)
    assert console.upcoming().slide == "closing" and console.budget_minutes() == 5
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    settle(qtbot, window)
    assert window.presentation.index == 6


def test_thumbnails_wait_while_the_audiences_slide_moves(qtbot, presenter):
    """A thumbnail costs tens of milliseconds of the one Qt thread: rendered mid-transition, it
    would drop frames of the audience's transition."""
    window, _, view = presenter
    qtbot.waitUntil(lambda: view.previews_ready, timeout=5000)
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    steps = 0
    while window.presentation.is_animating and steps < 500:  # bounded
        assert not view.previews_ready
        qtbot.wait(5)
        steps += 1
    assert steps > 0
    qtbot.waitUntil(lambda: view.previews_ready, timeout=5000)
