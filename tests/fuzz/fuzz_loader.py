"""Coverage-guided fuzzing of the deck loader with atheris, for long local runs.

Not part of the test suite (pytest collects only test_*.py; CI does not install atheris).
Every input becomes the section file of an otherwise valid deck; loading must end in a
Deck or a DeckError naming the file. Anything else (another exception, a hang, a crash)
is a finding: atheris stops and writes the input to crash-*/timeout-* in the current folder.

    pip install -e '.[fuzz]'          # atheris (needs clang on some platforms)
    mkdir -p /tmp/fuzz-corpus && cp tests/data/hostile/*.yaml tests/decks/mini/sections/*.yaml /tmp/fuzz-corpus
    python tests/fuzz/fuzz_loader.py /tmp/fuzz-corpus -max_len=65536 -timeout=5 -runs=200000

Replay one finding:  python tests/fuzz/fuzz_loader.py crash-1234abcd
Keep a finding as a regression case: copy it into tests/data/hostile/ (tests/test_hostile.py
loads every file there) and fix what it found.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import yaml  # noqa: F401  (the reader's parser, instrumented too)

    from zzkiosk.deck.deck import Deck
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck

DECK = "title: 测试展板\ntheme: hall-red\nsections:\n  - sections/part.yaml\n"
FOLDER = Path(tempfile.mkdtemp(prefix="zzkiosk-atheris-"))
(FOLDER / "sections").mkdir()
(FOLDER / "deck.yaml").write_text(DECK, encoding="utf-8")
SECTION = FOLDER / "sections" / "part.yaml"


def test_one_input(data: bytes) -> None:
    SECTION.write_bytes(data)
    try:
        outcome = load_deck(FOLDER)
    except DeckError as error:
        assert error.problems and all(p.file.name in ("part.yaml", "deck.yaml") for p in error.problems), error
        return
    assert isinstance(outcome, Deck)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    try:
        atheris.Fuzz()
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main()
