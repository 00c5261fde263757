"""Autoplay and the attract loop: advance by durations, pause on presenter input, resume when idle."""

from test_navigation_support import (MINI, kiosk_window, settle, wheel, with_durations,  # noqa: F401
                                     with_theme)

import pytest
from PySide6.QtCore import QPoint, Qt

from zzkiosk.deck.loader import load_deck

QUICK = 0.15
"""Slide duration in these tests, in seconds."""


def quick_deck(**theme):
    deck = with_durations(load_deck(MINI), QUICK)
    return with_theme(deck, **theme) if theme else deck


@pytest.mark.parametrize("press", [
    lambda qtbot, w: qtbot.keyClick(w, Qt.Key.Key_Right),
    lambda qtbot, w: qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(100, 100)),
    lambda qtbot, w: wheel(w, -1),
    lambda qtbot, w: qtbot.keyClick(w, Qt.Key.Key_O),
])
def test_presenter_input_pauses_autoplay_and_idle_time_resumes_it(qtbot, kiosk_window, press):
    window = kiosk_window(quick_deck())
    window.enable_autoplay(idle_seconds=0.4)
    autoplay, idle = window.slideshow.autoplay, window.slideshow.idle
    press(qtbot, window)
    assert autoplay.paused and idle.waiting
    assert not window.progress.isVisible()
    with qtbot.waitSignal(idle.timed_out, timeout=5000):
        pass
    assert not autoplay.paused
    assert not window.overview.isVisible()
    before = window.presentation.index
    with qtbot.waitSignal(window.presentation.slide_changed, timeout=5000) as changed:
        pass
    assert changed.args[0] == (before + 1) % 4


def test_autoplay_stays_paused_while_input_keeps_coming(qtbot, kiosk_window):
    window = kiosk_window(quick_deck())
    window.enable_autoplay(idle_seconds=60)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    settle(qtbot, window)
    with qtbot.assertNotEmitted(window.presentation.slide_changed, wait=int(QUICK * 1000 * 4)):
        pass
    assert window.slideshow.autoplay.paused


def test_idle_resume_from_start_goes_back_to_the_loop_start(qtbot, kiosk_window):
    window = kiosk_window(quick_deck())
    window.enable_autoplay(["two"], idle_seconds=0.3, resume_from="start")
    qtbot.keyClick(window, Qt.Key.Key_End)
    with qtbot.waitSignal(window.presentation.slide_changed, timeout=5000,
                          check_params_cb=lambda index: index == 2):
        pass  # idle ends: back to section two's first slide


def test_the_attract_loop_plays_only_its_sections_and_wraps(qtbot, kiosk_window):
    window = kiosk_window(quick_deck())
    window.enable_autoplay(["two"])
    seen = []
    window.presentation.slide_changed.connect(seen.append)
    qtbot.waitUntil(lambda: len(seen) >= 4, timeout=10000)
    assert seen[:4] == [2, 3, 2, 3]


def test_autoplay_stops_at_the_end_of_a_deck_that_does_not_loop(qtbot, kiosk_window):
    window = kiosk_window(quick_deck(), start=2, loop=False)
    window.enable_autoplay()
    qtbot.waitUntil(lambda: window.presentation.index == 3 and not window.presentation.is_animating, timeout=5000)
    with qtbot.assertNotEmitted(window.presentation.slide_changed, wait=int(QUICK * 1000 * 4)):
        pass


def test_the_progress_line_runs_while_autoplay_counts_down(qtbot, kiosk_window):
    window = kiosk_window(with_durations(load_deck(MINI), 30))
    window.enable_autoplay()
    qtbot.waitUntil(window.progress.isVisible, timeout=3000)
    line, canvas = window.progress.geometry(), window.stage.view.canvas_rect().toAlignedRect()
    assert line.bottom() == canvas.bottom() and line.width() == canvas.width() and line.height() <= 6
    qtbot.keyClick(window, Qt.Key.Key_K)
    assert not window.progress.isVisible()


def test_the_theme_switches_the_progress_line_and_the_indicator_off(qtbot, kiosk_window):
    window = kiosk_window(quick_deck(show_progress=False, show_indicator=False))
    window.enable_autoplay()
    qtbot.waitSignal(window.presentation.slide_changed, timeout=3000).wait()
    assert not window.progress.isVisible()
    assert not window.indicator.isVisible()


def test_the_indicator_names_the_section_and_the_slide(qtbot, kiosk_window):
    window = kiosk_window(start=2)
    assert window.indicator.isVisible()
    assert window.indicator.text == "第二部分   3 / 4"
    corner = window.stage.view.canvas_rect().toAlignedRect().bottomRight()
    assert window.indicator.geometry().bottomRight().x() < corner.x()
