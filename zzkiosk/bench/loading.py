"""Load time: reading and validating a deck, the bundled one and a generated 1,000-slide one."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from zzkiosk.bench.deckgen import write_large_deck

LARGE_SLIDES = 1000
"""Slides in the generated deck."""


def load_ms(folder: Path, runs: int) -> tuple[float, float]:
    """(median, first) milliseconds of `load_deck(folder)` over `runs` loads in this process.

    The loader's modules are imported before the clock starts; the first load also pays
    for the font coverage that later loads reuse."""
    from zzkiosk.deck.loader import load_deck

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_deck(folder)
        times.append((time.perf_counter() - start) * 1000.0)
    return round(statistics.median(times), 1), round(times[0], 1)


def measure_loading(deck: Path, runs: int) -> dict:
    """Load times of `deck` and of a LARGE_SLIDES-slide deck generated from it."""
    bundled, bundled_first = load_ms(deck, runs)
    with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-deck-") as folder:
        large = write_large_deck(deck, Path(folder) / "large", slides=LARGE_SLIDES)
        thousand, thousand_first = load_ms(large, max(1, runs // 2))
    return {"load_ms_bundled": bundled, "load_ms_bundled_first": bundled_first,
            "load_ms_1000_slides": thousand, "load_ms_1000_slides_first": thousand_first}
