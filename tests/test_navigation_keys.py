"""Every row of DESIGN.md's key table, pressed as real keys on the real window."""

from test_navigation_support import kiosk_window, settle, write_long_deck  # noqa: F401

import pytest
from PySide6.QtCore import Qt

from zzkiosk.deck.loader import load_deck

LAST = 3
CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space,
                                 Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_next_keys(qtbot, kiosk_window, key):
    window = kiosk_window()
    qtbot.keyClick(window, key)
    assert window.presentation.index == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P])
def test_previous_keys(qtbot, kiosk_window, key):
    window = kiosk_window(start=2)
    qtbot.keyClick(window, key)
    assert window.presentation.index == 1


def test_home_and_end(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert window.presentation.index == LAST
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.presentation.index == 0


def test_next_at_the_last_slide_wraps_when_looping_and_stops_when_not(qtbot, kiosk_window):
    looping = kiosk_window(start=LAST, loop=True)
    qtbot.keyClick(looping, Qt.Key.Key_PageDown)
    assert looping.presentation.index == 0
    stopping = kiosk_window(start=LAST, loop=False)
    with qtbot.assertNotEmitted(stopping.presentation.slide_changed):
        qtbot.keyClick(stopping, Qt.Key.Key_PageDown)
    assert stopping.presentation.index == LAST


def test_a_burst_of_20_page_downs_during_transitions_lands_on_the_right_slide(qtbot, kiosk_window, tmp_path):
    """Regression guard: presses while a transition runs are queued, never lost or doubled."""
    window = kiosk_window(load_deck(write_long_deck(tmp_path)))
    transitions = []
    for _ in range(20):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        transitions.append(window.presentation.in_transition)
    assert any(transitions)
    settle(qtbot, window)
    assert window.presentation.index == 20
    assert not window.stage.in_transition


@pytest.mark.parametrize("digits, expected", [("3", 2), ("12", LAST), ("0", 0)])
def test_a_number_then_enter_goes_to_that_slide(qtbot, kiosk_window, digits, expected):
    window = kiosk_window(start=1)
    qtbot.keyClicks(window, digits)
    assert window.prompt.isVisible()
    assert window.presentation.index == 1
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.presentation.index == expected
    assert not window.prompt.isVisible()


def test_keypad_digits_and_keypad_enter_go_to_a_slide_too(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(window, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.presentation.index == 3


def test_a_typed_number_is_dropped_by_another_key(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClicks(window, "3")
    qtbot.keyClick(window, Qt.Key.Key_Right)  # the number is dropped and Right does its own job
    assert window.presentation.index == 1
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Return)  # Enter alone is next
    assert window.presentation.index == 2


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_Right, CTRL), (Qt.Key.Key_BracketRight, NONE)])
def test_next_section(qtbot, kiosk_window, tmp_path, key, modifier):
    window = kiosk_window(load_deck(write_long_deck(tmp_path)), start=3)
    qtbot.keyClick(window, key, modifier)
    assert window.presentation.index == 8
    settle(qtbot, window)
    qtbot.keyClick(window, key, modifier)
    assert window.presentation.index == 16
    settle(qtbot, window)
    qtbot.keyClick(window, key, modifier)  # the last section of a deck that does not loop: stay
    assert window.presentation.index == 16


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_Left, CTRL), (Qt.Key.Key_BracketLeft, NONE)])
def test_previous_section(qtbot, kiosk_window, tmp_path, key, modifier):
    window = kiosk_window(load_deck(write_long_deck(tmp_path)), start=19)
    qtbot.keyClick(window, key, modifier)
    assert window.presentation.index == 8
    settle(qtbot, window)
    qtbot.keyClick(window, key, modifier)
    assert window.presentation.index == 0


def test_sections_wrap_when_the_deck_loops(qtbot, kiosk_window):
    window = kiosk_window(start=2, loop=True)  # mini: section two is slides 2-3
    qtbot.keyClick(window, Qt.Key.Key_BracketRight)
    assert window.presentation.index == 0
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_BracketLeft)
    assert window.presentation.index == 2


@pytest.mark.parametrize("key", [Qt.Key.Key_O, Qt.Key.Key_Escape])
def test_overview_opens_and_the_same_key_closes_it(qtbot, kiosk_window, key):
    window = kiosk_window(start=2)
    qtbot.keyClick(window, key)
    assert window.overview.isVisible() and window.overview.selected == 2
    qtbot.keyClick(window.overview, key)
    assert not window.overview.isVisible()
    assert window.presentation.index == 2


@pytest.mark.parametrize("key, colour", [(Qt.Key.Key_B, "black"), (Qt.Key.Key_Period, "black"), (Qt.Key.Key_W, "white")])
def test_black_and_white_screen(qtbot, kiosk_window, key, colour):
    window = kiosk_window()
    qtbot.keyClick(window, key)
    assert window.blank.colour == colour
    image = window.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == ("#000000" if colour == "black" else "#ffffff")
    qtbot.keyClick(window, key)
    assert window.blank.colour is None


def test_a_key_on_a_blank_screen_only_brings_the_slide_back(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_B)
    qtbot.keyClick(window, Qt.Key.Key_W)  # white replaces black
    assert window.blank.colour == "white"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.blank.colour is None and window.presentation.index == 0


def test_help_opens_with_question_mark_and_closes_again(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_Question, SHIFT)  # as a keyboard sends it: Shift+/
    assert window.help_card.isVisible()
    qtbot.keyClicks(window, "?")
    assert not window.help_card.isVisible()


def test_f_toggles_fullscreen_in_the_preview_only(qtbot, kiosk_window):
    preview = kiosk_window()
    qtbot.keyClick(preview, Qt.Key.Key_F)
    qtbot.waitUntil(preview.isFullScreen)
    qtbot.keyClick(preview, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not preview.isFullScreen())
    kiosk = kiosk_window(kiosk=True)
    qtbot.keyClick(kiosk, Qt.Key.Key_F)
    assert kiosk.isFullScreen() and kiosk.in_kiosk_mode


def test_k_pauses_and_resumes_autoplay(qtbot, kiosk_window):
    window = kiosk_window()
    window.enable_autoplay()
    autoplay = window.slideshow.autoplay
    qtbot.keyClick(window, Qt.Key.Key_K)
    assert autoplay.paused
    qtbot.keyClick(window, Qt.Key.Key_K)
    assert not autoplay.paused
    assert not window.slideshow.idle.waiting


def test_unbound_keys_do_nothing(qtbot, kiosk_window):
    window = kiosk_window()
    for key, modifier in [(Qt.Key.Key_Q, NONE), (Qt.Key.Key_Right, ALT), (Qt.Key.Key_Z, NONE)]:
        qtbot.keyClick(window, key, modifier)
    assert window.presentation.index == 0
