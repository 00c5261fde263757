"""Property tests: whatever is in the files, loading ends in a Deck or a DeckError, nothing else."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks import DECK, SECTION, write_deck
from zzkiosk.deck.deck import Deck
from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck

KEYS = [
    "id", "title", "slides", "blocks", "counter", "chart", "text", "badge", "timeline", "image",
    "value", "unit", "label", "before", "after", "decimals", "kind", "items", "style", "duration",
    "transition", "entrance", "type", "layout", "notes", "src", "defaults", "at", "max", "lable",
]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["12s", "fade", "bar", "ring", "%", "亿元", "近", "grid", "bullets"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    max_leaves=25,
)


def load_outcome(section: str | bytes) -> Deck | DeckError:
    """Load a one-section deck whose section file holds `section`."""
    folder = Path(tempfile.mkdtemp(prefix="zzkiosk-fuzz-"))
    try:
        write_deck(folder, DECK, {"sections/part.yaml": section})
        try:
            return load_deck(folder)
        except DeckError as error:
            assert error.problems, "a DeckError always names at least one problem"
            assert all(problem.file.name in ("part.yaml", "deck.yaml") for problem in error.problems)
            return error
    finally:
        shutil.rmtree(folder)


@st.composite
def mutated(draw) -> bytes:
    """The valid section file with a few bytes inserted, deleted or replaced."""
    data = bytearray(SECTION.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from([b":", b"-", b" ", b"\t", b"\n", b"{", b"[", b"'", b"&a", b"*a", b"!!", b"\xff", b"#", b"9"]))
        if action == "insert":
            data[at:at] = piece
        elif action == "delete":
            del data[at:at + len(piece)]
        else:
            data[at:at + len(piece)] = piece
    return bytes(data)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated())
def test_mutated_yaml_loads_or_fails_cleanly(section):
    assert isinstance(load_outcome(section), (Deck, DeckError))


@FUZZ
@given(st.text(max_size=200))
def test_random_text_loads_or_fails_cleanly(section):
    assert isinstance(load_outcome(section), (Deck, DeckError))


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6))
def test_random_structures_load_or_fail_cleanly(content):
    section = yaml.safe_dump(content, allow_unicode=True)
    assert isinstance(load_outcome(section), (Deck, DeckError))


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=4), max_size=4))
def test_random_slides_load_or_fail_cleanly(slides):
    section = yaml.safe_dump({"id": "part", "title": "部分", "slides": slides}, allow_unicode=True)
    assert isinstance(load_outcome(section), (Deck, DeckError))
