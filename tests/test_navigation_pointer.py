"""Mouse clicks, the wheel, touch swipes and taps, and the overview driven by them."""

from test_navigation_support import settle, touch, wheel

from PySide6.QtCore import QPoint, Qt


def test_left_click_is_next_and_right_click_previous(qtbot, kiosk_window):
    window = kiosk_window(start=1)
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(600, 300))
    assert window.presentation.index == 2
    settle(qtbot, window)
    qtbot.mouseClick(window, Qt.MouseButton.RightButton, pos=QPoint(600, 300))
    assert window.presentation.index == 1


def test_a_double_click_is_two_clicks(qtbot, kiosk_window):
    """Qt delivers a double click as press, release, double-click, release (checked under xcb)."""
    window = kiosk_window()
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(600, 300))
    qtbot.mouseDClick(window, Qt.MouseButton.LeftButton, pos=QPoint(600, 300))
    settle(qtbot, window)
    assert window.presentation.index == 2


def test_clicks_reach_the_window_through_the_stage(qtbot, kiosk_window):
    """Regression guard: the stage (a graphics view) must not swallow clicks meant for the show."""
    window = kiosk_window()
    assert window.childAt(QPoint(600, 300)) is None  # the stage and overlays let the pointer through


def test_the_wheel_turns_slides_one_notch_at_a_time(qtbot, kiosk_window):
    window = kiosk_window(start=1)
    wheel(window, -1)  # towards the user: down, next
    assert window.presentation.index == 2
    settle(qtbot, window)
    wheel(window, 1)
    assert window.presentation.index == 1


def test_swipe_left_is_next_and_swipe_right_previous(qtbot, kiosk_window):
    window = kiosk_window(start=1)
    touch(window, QPoint(900, 360), QPoint(300, 380))
    assert window.presentation.index == 2
    settle(qtbot, window)
    touch(window, QPoint(300, 360), QPoint(900, 340))
    assert window.presentation.index == 1


def test_a_tap_is_next_and_a_vertical_drag_nothing(qtbot, kiosk_window):
    window = kiosk_window()
    touch(window, QPoint(640, 360), QPoint(644, 362))
    assert window.presentation.index == 1
    settle(qtbot, window)
    touch(window, QPoint(640, 100), QPoint(650, 600))
    assert window.presentation.index == 1


def test_a_click_on_a_blank_screen_brings_the_slide_back_without_moving(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_B)
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(600, 300))
    assert window.blank.colour is None and window.presentation.index == 0


def test_overview_arrows_choose_and_enter_opens(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_O)
    overview = window.overview
    qtbot.keyClick(overview, Qt.Key.Key_Right)
    qtbot.keyClick(overview, Qt.Key.Key_Down)  # section two's row, the same column
    assert overview.selected == 3
    qtbot.keyClick(overview, Qt.Key.Key_Left)
    qtbot.keyClick(overview, Qt.Key.Key_Up)
    assert overview.selected == 0
    qtbot.keyClick(overview, Qt.Key.Key_End)
    qtbot.keyClick(overview, Qt.Key.Key_Left)
    qtbot.keyClick(overview, Qt.Key.Key_Return)
    assert not overview.isVisible()
    assert window.presentation.index == 2


def test_overview_draws_every_thumbnail_and_section_title(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.overview.rendered == window.presentation.count, timeout=10000)
    image = window.overview.grab().toImage()
    cell = window.overview.cell(1)
    assert image.pixelColor(cell.center()) != image.pixelColor(cell.topLeft() - QPoint(4, 4))


def test_a_click_or_tap_in_the_overview_opens_that_slide(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_O)
    qtbot.mouseClick(window.overview, Qt.MouseButton.LeftButton, pos=window.overview.cell(2).center())
    assert window.presentation.index == 2 and not window.overview.isVisible()
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_O)
    centre = window.overview.cell(1).center()
    touch(window.overview, centre, centre + QPoint(3, 3))
    assert window.presentation.index == 1 and not window.overview.isVisible()


def test_another_action_in_the_overview_only_closes_it(qtbot, kiosk_window):
    window = kiosk_window()
    qtbot.keyClick(window, Qt.Key.Key_O)
    qtbot.keyClick(window.overview, Qt.Key.Key_B)  # not an overview key: it reaches the window
    assert not window.overview.isVisible()
    assert window.blank.colour is None and window.presentation.index == 0
