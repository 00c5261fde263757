"""Navigation through real key presses and the public API, edge cases included."""

from test_navigation_support import settle
from test_player_support import flush_deletes

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QGraphicsScene

LAST = 3


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space])
def test_next_keys(qtbot, player, key):
    window = player()
    qtbot.keyClick(window, key)
    assert window.presentation.index == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp])
def test_previous_keys(qtbot, player, key):
    window = player()
    window.presentation.go_to(2)
    settle(qtbot, window)
    qtbot.keyClick(window, key)
    assert window.presentation.index == 1


def test_home_and_end(qtbot, player):
    window = player()
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert window.presentation.index == LAST
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.presentation.index == 0


def test_unbound_keys_do_nothing(qtbot, player):
    window = player()
    qtbot.keyClick(window, Qt.Key.Key_Q)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.presentation.index == 0


def test_next_at_the_last_slide_wraps_when_the_deck_loops(qtbot, player):
    window = player(loop=True)
    window.presentation.go_to(LAST)
    settle(qtbot, window)
    window.presentation.next()
    assert window.presentation.index == 0


def test_next_at_the_last_slide_stays_when_the_deck_does_not_loop(qtbot, player):
    window = player(loop=False)
    window.presentation.go_to(LAST)
    settle(qtbot, window)
    with qtbot.assertNotEmitted(window.presentation.slide_changed):
        window.presentation.next()
    assert window.presentation.index == LAST
    window.presentation.first()
    settle(qtbot, window)
    window.presentation.previous()
    assert window.presentation.index == 0


def test_previous_at_the_first_slide_wraps_when_the_deck_loops(qtbot, player):
    window = player(loop=True)
    window.presentation.previous()
    assert window.presentation.index == LAST


def test_go_to_is_clamped_to_the_deck(qtbot, player):
    window = player()
    window.presentation.go_to(99)
    assert window.presentation.index == LAST


@pytest.mark.parametrize("loop, expected", [(True, 10 % 4), (False, LAST)])
def test_a_burst_of_presses_during_transitions_lands_on_the_right_slide(qtbot, player, loop, expected):
    """Regression guard: presses while a transition runs are queued, not lost or doubled."""
    window = player(loop=loop)
    for _ in range(10):
        qtbot.keyClick(window, Qt.Key.Key_Right)
        assert window.presentation.in_transition or window.presentation.index == expected
    settle(qtbot, window)
    assert window.presentation.index == expected
    assert not window.stage.in_transition


def test_queued_presses_hurry_the_running_transition(qtbot, player):
    window = player()
    window.presentation.next()
    with qtbot.waitSignal(window.presentation.slide_changed, timeout=300, check_params_cb=lambda index: index == 2):
        window.presentation.next()  # the 0.4 s fade to slide 1 makes way within HURRY_SECONDS
    settle(qtbot, window)
    assert window.presentation.index == 2


def test_signals_in_order(qtbot, player):
    window = player()
    seen = []
    window.presentation.slide_changed.connect(lambda index: seen.append(("changed", index)))
    window.presentation.transition_finished.connect(lambda: seen.append(("finished",)))
    window.presentation.next()
    settle(qtbot, window)
    assert seen == [("changed", 1), ("finished",)]


def test_the_old_scene_is_deleted_after_a_change(qtbot, player):
    """Regression guard for a leak: every replaced slide scene is destroyed."""
    window = player()
    scenes = [window.presentation.scene]
    for _ in range(6):
        window.presentation.next()
        window.presentation.finish_transition()
        scenes.append(window.presentation.scene)
    flush_deletes()
    assert [shiboken6.isValid(scene) for scene in scenes] == [False] * 6 + [True]
    alive = window.presentation.findChildren(QGraphicsScene)
    assert window.presentation.scene in alive and len(alive) <= 2  # current, and perhaps the next made ahead
    assert window.stage.view.scene() is window.presentation.scene


def test_the_next_slide_is_made_ahead_while_the_current_one_stands_still(qtbot, player):
    window = player()
    current = window.presentation.scene
    qtbot.waitUntil(lambda: len(window.presentation.findChildren(QGraphicsScene)) == 2, timeout=3000)
    ahead = next(scene for scene in window.presentation.findChildren(QGraphicsScene) if scene is not current)
    window.presentation.next()
    assert window.presentation.scene is ahead


def test_a_static_slide_runs_no_timer_and_paints_nothing(qtbot, player):
    window = player()
    window.presentation.next()
    settle(qtbot, window)
    qtbot.wait(50)  # the entrance's last frame is painted just after its timer stopped
    # Single-shot timers run out once the likely slides are made ahead; a repeating one never would.
    qtbot.waitUntil(lambda: not [timer for timer in window.findChildren(QTimer) if timer.isActive()], timeout=5000)
    paints = []
    viewport = window.stage.view.viewport()

    class Counter(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    counter = Counter()
    viewport.installEventFilter(counter)
    qtbot.wait(300)
    viewport.removeEventFilter(counter)
    assert paints == []


def test_start_during_a_transition_takes_the_overlay_down(qtbot, player):
    """Regression guard: a restart (as hot reload will do) mid-transition left the overlay up."""
    window = player()
    window.presentation.next()
    assert window.stage.in_transition
    window.presentation.start(3)
    assert not window.stage.in_transition
    assert window.presentation.index == 3


@pytest.mark.parametrize(("width", "height", "large"), [(1280, 720, False), (2800, 1600, True)])
def test_a_large_screen_grabs_every_likely_slide_ahead(qtbot, player, width, height, large):
    """At 1080p only the likeliest slide (next) is grabbed ahead, the others are made as scenes;
    above 2560x1440 previous and the section starts are grabbed too (a grab at the press
    there takes ~70-90 ms: docs/performance.md, input latency)."""
    window = player(width, height)
    presentation = window.presentation
    presentation.go_to(2)  # ahead: next (3), previous (1) and the previous section's start (0, a cut: never grabbed)
    presentation.finish_transition()
    settle(qtbot, window)
    presentation.prepare_all_ahead()
    layout = window.stage.layout()
    made = [index for index in range(presentation.count) if presentation.scenes.prepared(index) is not None]
    pictured = [index for index in made if presentation.scenes.picture(index, layout) is not None]
    assert made == [0, 1, 3]
    assert large == (layout[0] * layout[1] > 2560 * 1440), layout
    assert pictured == ([1, 3] if large else [3])
