"""The show API: every action of the one table, pointer input and autoplay through
`Show.run(action, source)`, with `state()` read after each (notes and the next slide
included). No PlayerWindow: a bare Stage, the Presentation and the Show."""

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from zzkiosk.deck import plain
from zzkiosk.deck.loader import load_deck
from zzkiosk.player.presentation import Presentation
from zzkiosk.player.show import AutoplayChoice, Show
from zzkiosk.player.stage import Stage
from zzkiosk.show.actions import ACTION_TABLE, ACTIONS, BINDABLE, DEFAULT_KEYS

MINI = Path(__file__).parent / "decks" / "mini"


def make_show(qtbot, duration: float = 5.0) -> Show:
    """A Show over the mini deck (cover, counters | pushed, zoomed; it loops), started at slide 0."""
    deck = load_deck(MINI)
    deck = replace(deck, sections=tuple(
        replace(section, slides=tuple(plain.replace(slide, notes=f"notes of {slide.id}", duration=duration)
                                      for slide in section.slides))
        for section in deck.sections))
    stage = Stage(deck.canvas, QColor("#000000"))
    qtbot.addWidget(stage)
    stage.resize(640, 360)
    stage.show()
    presentation = Presentation(deck, stage, parent=stage)
    show = Show(presentation)
    presentation.start(0)
    return show


@pytest.fixture
def show(qtbot):
    return make_show(qtbot)


def arrive(show: Show) -> None:
    """End the running transition and entrance now."""
    show.presentation.finish_transition()
    show.presentation.entrance_frame(60.0)


def where(show: Show) -> tuple[str, str | None, str]:
    state = show.state()
    return state.current.slide, state.next.slide if state.next else None, state.notes


def test_the_state_names_the_slide_the_next_one_and_the_notes(show):
    state = show.state()
    assert (state.deck_title, state.total, state.cover, state.autoplay) == ("小样演示", 4, "none", "off")
    assert (state.current.section, state.current.number, state.current.section_number) == ("one", 1, 1)
    assert where(show) == ("cover", "counters", "notes of cover")
    assert state.to_dict()["next"]["title"] == show.next_slide().slide.title
    assert show.current_slide().slide.notes == "notes of cover"


@pytest.mark.parametrize("action, expected", [
    ("next", ("counters", "pushed", "notes of counters")),
    ("previous", ("zoomed", "cover", "notes of zoomed")),  # the deck loops
    ("first", ("cover", "counters", "notes of cover")),
    ("last", ("zoomed", "cover", "notes of zoomed")),
    ("next_section", ("pushed", "zoomed", "notes of pushed")),
    ("previous_section", ("pushed", "zoomed", "notes of pushed")),  # wraps to the last section
])
def test_moves_of_the_key_table(show, action, expected):
    assert show.run(action, "test")
    arrive(show)
    assert where(show) == expected


@pytest.mark.parametrize("cover", ["overview", "black", "white", "help"])
def test_a_cover_takes_the_next_action_whatever_its_source(show, qtbot, cover):
    with qtbot.waitSignal(show.state_changed):
        assert show.run(cover, "test")
    assert show.state().cover == cover
    assert show.run("next", "control")  # only takes the cover away
    assert show.state().cover == "none" and where(show)[0] == "cover"
    show.run(cover, "test")
    assert show.run(cover, "test")  # its own key takes it down too
    assert show.state().cover == "none"


def test_black_over_white_turns_black_and_clear_takes_any_cover_away(show):
    show.run("white", "test")
    show.run("black", "test")
    assert show.state().cover == "black"
    assert show.run("clear", "test") and show.state().cover == "none"
    assert show.run("clear", "test")  # nothing to take away: nothing happens


def test_go_to_takes_a_flat_index_and_refuses_a_bad_one(show):
    assert show.run("go_to", "test", 3)
    arrive(show)
    assert where(show) == ("zoomed", "cover", "notes of zoomed")
    for bad in (4, -1, None, True, "2"):
        assert not show.run("go_to", "test", bad)
    assert not show.run("next", "test", 1)  # next takes no argument
    assert not show.run("jump", "test")
    assert show.state().current.index == 3


def test_autoplay_runs_through_the_show_and_presenter_input_pauses_it(qtbot):
    show = make_show(qtbot, duration=0.2)
    show.choose_autoplay(AutoplayChoice(True))
    state = show.state()
    assert state.autoplay == "playing" and state.seconds_left > 0
    with qtbot.waitSignal(show.presentation.slide_changed, timeout=3000):
        pass  # the slide's time is up: autoplay runs go_to through the show
    arrive(show)
    assert where(show)[0] == "counters"
    show.run("next", "autoplay")  # the machine's own sources never pause it
    assert show.state().autoplay == "playing"
    show.run("next", "pointer")
    assert show.state().autoplay == "paused" and show.idle.waiting
    show.run("play", "control")
    assert show.state().autoplay == "playing" and not show.idle.waiting
    show.run("hold", "control")
    assert show.state().autoplay == "paused"
    show.run("pause", "keyboard")  # K toggles
    assert show.state().autoplay == "playing"


def test_home_and_idle_bring_the_attract_loop_back(show, qtbot):
    show.choose_autoplay(AutoplayChoice(True, ("two",), idle_seconds=0.2, resume_from="start"))
    show.run("last", "touch")
    show.run("black", "touch")
    assert show.state().autoplay == "paused"
    with qtbot.waitSignal(show.presentation.slide_changed, timeout=3000,
                          check_params_cb=lambda index: index == 2):
        pass  # idle: the cover goes, autoplay plays the loop from its start
    assert show.state().cover == "none" and show.state().autoplay == "playing"
    show.run("first", "keyboard")
    arrive(show)
    show.run("help", "keyboard")
    assert show.run("home", "control")
    arrive(show)
    assert (show.state().cover, where(show)[0], show.state().autoplay) == ("none", "pushed", "playing")


def test_window_business_and_reload_are_signals(show, qtbot):
    for action, signal in (("quit", show.quit_requested), ("close", show.close_requested),
                           ("fullscreen", show.fullscreen_requested), ("reload", show.reload_requested)):
        show.run("black", "test")
        with qtbot.waitSignal(signal, timeout=1000):
            assert show.run(action, "test")
        assert show.state().cover == ("black" if ACTIONS[action].always else "none")
        show.run("clear", "test")


def test_pointer_input_drives_the_show(show, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from zzkiosk.player.controllers.pointer import PointerController

    surface = QWidget()
    qtbot.addWidget(surface)
    surface.resize(640, 360)
    surface.show()
    pointer = PointerController(surface, show)
    pointer.bind()
    QTest.mouseClick(surface, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    arrive(show)
    assert where(show) == ("counters", "pushed", "notes of counters")
    QTest.mouseClick(surface, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    arrive(show)
    assert where(show)[0] == "cover"


def test_the_table_is_the_one_list():
    assert [spec.name for spec in ACTION_TABLE][:12] == list(BINDABLE[:12])
    assert {"go_to", "quit", "close"}.isdisjoint(BINDABLE)
    assert DEFAULT_KEYS["next"][0] == "Right" and "pause" in DEFAULT_KEYS
    assert not ACTIONS["pause"].presenter and ACTIONS["next"].presenter and ACTIONS["quit"].always
