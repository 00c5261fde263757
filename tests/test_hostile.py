"""Hostile input: every file of tests/data/hostile (and a few generated at test time) is
either refused with a clear `file:line:col` error within 200 ms, or shown safely.

Each corpus file named `deck-*.yaml` takes the place of deck.yaml in an otherwise valid
deck; every other file takes the place of its one section file. tests/README.md lists
each case with what the kiosk does about it.
"""

import os
import re
import time
from pathlib import Path

import pytest

from decks import SECTION, cases, place
from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck

REFUSAL_SECONDS = 0.2
"""A hostile file is refused within this long (the one timing the suite asserts)."""
LOCATED = re.compile(r"^(?P<file>/[^:]+):(?P<line>\d+):(?P<column>\d+): \S")

SHOWN = {
    "right-to-left.yaml": "text-direction U+202E",
    "zero-width.yaml": "zero-width U+200B",
    "emoji.yaml": "not in the shipped fonts",
    "control-characters.yaml": "control U+0000",
    "long-line.yaml": None,
}
"""Files that play, with the warning they must raise (None: none needed)."""

WHOLE_FILE = {"ten-megabytes.yaml"}
"""Refusals about a whole file: `file: message` (no line to point at)."""


@pytest.mark.parametrize("case", cases())
def test_hostile_input_is_refused_quickly_with_a_located_error_or_shown_safely(qtbot, tmp_path, case):
    folder = tmp_path / "deck"
    folder.mkdir()
    target = place(folder, case)
    started = time.perf_counter()
    try:
        deck = load_deck(folder)
    except DeckError as error:
        elapsed = time.perf_counter() - started
        assert case not in SHOWN, f"{case} should play: {error}"
        problems = [str(problem) for problem in error.problems if problem.severity == "error"]
        assert problems
        for problem in problems:
            assert "\n" not in problem.strip() or "YAML" in problem, problem
            if case in WHOLE_FILE:
                assert problem.startswith(f"{target}: "), problem
            else:
                match = LOCATED.match(problem)
                assert match, f"no file:line:col in {problem!r}"
                assert int(match["line"]) >= 1 and int(match["column"]) >= 1
        assert elapsed < REFUSAL_SECONDS, f"{case} took {elapsed * 1000:.0f} ms to refuse"
        assert not os.path.exists("/tmp/zzkiosk-pwned")
        return
    assert case in SHOWN, f"{case} was accepted: it must be refused ({[str(w) for w in deck.warnings]})"
    warning = SHOWN[case]
    if warning:
        assert any(warning in str(problem) and LOCATED.match(str(problem)) for problem in deck.warnings), deck.warnings
    show_every_slide(qtbot, deck)


def show_every_slide(qtbot, deck) -> None:
    """Play every slide of `deck` in a window and paint it: no exception, no broken slide."""
    from zzkiosk.player.window import PlayerWindow

    window = PlayerWindow(deck)
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    qtbot.waitExposed(window)
    window.presentation.start(0)
    for index in range(window.presentation.count):
        window.presentation.go_to(index)
        qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)
        window.stage.view.viewport().repaint()
        assert window.presentation.index == index  # (a slide that failed to draw would be skipped)
    assert not window.grab().isNull()
