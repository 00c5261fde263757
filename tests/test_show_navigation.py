"""Navigation without a display: wrap and clamp, sections, positions by name, the next
slide, broken slides and the attract loop. No Qt is imported here (checked at the end)."""

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from zzkiosk.deck import plain
from zzkiosk.deck.loader import load_deck
from zzkiosk.show.navigation import Navigation

MINI = Path(__file__).parent / "decks" / "mini"


@pytest.fixture(scope="module")
def deck():
    return load_deck(MINI)  # sections one (cover, counters), two (pushed, zoomed); kiosk.loop: true


def not_looping(deck):
    return replace(deck, kiosk=plain.replace(deck.kiosk, loop=False))


def test_sections_and_labels(deck):
    navigation = Navigation(deck)
    assert navigation.section_starts == [0, 2]
    assert [navigation.section_of(i) for i in range(4)] == [0, 0, 1, 1]
    assert navigation.section_step(1, 1) == 2 and navigation.section_step(3, -1) == 0
    assert navigation.label(0) == "第一部分   1 / 4"


def test_steps_wrap_when_the_deck_loops_and_stay_put_when_it_does_not(deck):
    looping, stopping = Navigation(deck), Navigation(not_looping(deck))
    assert looping.step(3, 1) == 0 and looping.step(0, -1) == 3
    assert stopping.step(3, 1) == 3 and stopping.step(0, -1) == 0
    assert looping.clamp(-5) == 0 and looping.clamp(99) == 3
    assert looping.section_step(3, 1) == 0  # past the last section: back to the first
    assert stopping.section_step(3, 1) == 3 and stopping.section_step(1, -1) == 0


def test_the_upcoming_slide_skips_broken_ones_and_ends_with_a_deck_that_does_not_loop(deck):
    navigation = Navigation(deck)
    assert navigation.upcoming(0) == 1 and navigation.upcoming(3) == 0
    assert navigation.mark_broken(1) and not navigation.mark_broken(1)  # marked once
    assert navigation.upcoming(0) == 2
    assert list(navigation.candidates(1, 1)) == [2, 3, 0]
    navigation.clear_broken()
    assert navigation.upcoming(0) == 1
    assert Navigation(not_looping(deck)).upcoming(3) is None
    assert navigation.upcoming(-1) is None  # before the show starts


def test_a_deck_that_does_not_loop_turns_back_at_its_end_to_find_a_working_slide(deck):
    navigation = Navigation(not_looping(deck))
    navigation.mark_broken(3)
    assert list(navigation.candidates(3, 1)) == [2, 1, 0]
    assert list(navigation.candidates(1, -1)) == [1, 0, 2]


@pytest.mark.parametrize("spec, index", [(None, 0), ("", 0), ("one", 0), ("two", 2), ("2", 2),
                                         ("two/zoomed", 3), ("2/1", 2), ("one/2", 1)])
def test_positions_by_id_or_number(deck, spec, index):
    assert Navigation(deck).resolve(spec) == index


@pytest.mark.parametrize("spec, message", [("three", "no section 'three': give an id (one, two) or a number from 1 to 2"),
                                           ("one/9", "no slide '9' in section 'one'")])
def test_a_position_that_names_nothing_says_what_exists(deck, spec, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Navigation(deck).resolve(spec)


def test_the_attract_loop_plays_its_sections_in_order(deck):
    navigation = Navigation(deck)
    assert navigation.playlist() == [0, 1, 2, 3]
    assert navigation.playlist(["two"]) == [2, 3]
    assert navigation.playlist(["gone"]) == [0, 1, 2, 3]  # nothing chosen: the whole deck
    assert navigation.loop_next(0, ["two"]) == 2 and navigation.loop_next(3, ["two"]) == 2
    assert Navigation(not_looping(deck)).loop_next(3) == 3  # it stops on the last slide


def test_navigation_needs_no_qt():
    code = ("import sys; from zzkiosk.deck.loader import load_deck; from zzkiosk.show.navigation import Navigation; "
            "import zzkiosk.show.actions, zzkiosk.show.state, zzkiosk.show.keynames; "
            f"Navigation(load_deck({str(MINI)!r})).upcoming(0); print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
