"""More fuzzing, beyond tests/test_deck_fuzz.py: the hostile corpus mutated, invisible
characters sprinkled into shown text, and the counter's text at any frame of any figure.

500 examples each (a few seconds in all); tests/fuzz/fuzz_loader.py runs the loader
under atheris for as long as you like.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks import SECTION
from test_deck_fuzz import load_outcome
from zzkiosk.deck.deck import Deck
from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import INVISIBLE
from zzkiosk.deck.fields import MAX_FIGURE
from zzkiosk.numbers import count_up_text, format_figure, scale_to_chinese

CORPUS = sorted((Path(__file__).parent / "data" / "hostile").glob("*.yaml"))
FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated_hostile(draw) -> bytes:
    """A corpus file with a few bytes flipped, cut or repeated."""
    data = bytearray(draw(st.sampled_from(CORPUS)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 40))] * draw(st.integers(1, 20))
        else:
            data[at:at] = draw(st.sampled_from([b"&x ", b"*x", b"<<: ", b"!!python/", b"../", b"\xe2\x80\xae", b"\x00"]))
    return bytes(data)


@FUZZ
@given(mutated_hostile())
def test_a_mutated_hostile_file_loads_or_fails_cleanly(section):
    outcome = load_outcome(section)
    assert isinstance(outcome, (Deck, DeckError))
    if isinstance(outcome, DeckError):
        assert all(str(problem).startswith(str(problem.file)) for problem in outcome.problems)


@FUZZ
@given(st.lists(st.sampled_from(sorted(INVISIBLE)), min_size=1, max_size=3), st.integers(0, 7), st.data())
def test_invisible_characters_in_shown_text_always_warn(chars, place, data):
    title = "项目建设加快推进"
    spliced = title[:place] + "".join(chars) + title[place:]
    section = SECTION.replace(f"title: {title}", f"title: {yaml.safe_dump(spliced, allow_unicode=True).splitlines()[0]}")
    deck = load_outcome(section)
    assert isinstance(deck, Deck), deck
    assert any("invisible character" in str(problem) for problem in deck.warnings)


TEXT = st.text(max_size=6)


@FUZZ
@given(
    value=st.floats(-MAX_FIGURE, MAX_FIGURE), start=st.floats(-MAX_FIGURE, MAX_FIGURE),
    progress=st.floats(allow_nan=True, allow_infinity=True), decimals=st.none() | st.integers(0, 6),
    unit=TEXT, before=TEXT, after=st.sampled_from(["", "余", "多", "以上", "以下", "左右"]) | TEXT, grouping=st.booleans(),
)
def test_a_counter_frame_is_always_a_finite_printable_figure(value, start, progress, decimals, unit, before, after, grouping):
    frame = count_up_text(value, progress, start=start, decimals=decimals, unit=unit, before=before, after=after,
                          grouping=grouping)
    number = frame.number.replace(",", "")
    assert math.isfinite(float(number)), frame
    final = format_figure(value, decimals=decimals, unit=unit, before=before, after=after, grouping=grouping)
    assert len(frame.number.partition(".")[2]) == len(final.number.partition(".")[2])  # the width does not jitter
    assert (frame.before, frame.unit, frame.suffix) == (final.before, final.unit, final.suffix)


@FUZZ
@given(st.floats(-MAX_FIGURE, MAX_FIGURE))
def test_scaling_to_wan_and_yi_keeps_the_value(value):
    scaled, unit = scale_to_chinese(value)
    factor = {"": 1, "万": 1e4, "亿": 1e8}[unit]
    assert math.isclose(scaled * factor, value, rel_tol=1e-9, abs_tol=1e-9)
