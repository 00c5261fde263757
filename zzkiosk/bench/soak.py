"""Memory over a day: RSS after thousands of slide changes, run in a fresh offscreen process.

    python -m zzkiosk.bench.soak changes DECK COUNT WIDTHxHEIGHT
    python -m zzkiosk.bench.soak reloads DECK COUNT WIDTHxHEIGHT
    python -m zzkiosk.bench.soak tour DECK 0 WIDTHxHEIGHT
    python -m zzkiosk.bench.soak write-cache DECK 0 WIDTHxHEIGHT   (then:)
    python -m zzkiosk.bench.soak tour-restarted DECK 0 WIDTHxHEIGHT

prints one JSON object: RSS after the first 100 changes (20 reloads) and after all of
them. Every change runs its transition and the new slide's entrance to completion (a
few frames of each are painted); every reload is a saved edit of a copy of the deck
swapped in by the hot reload. Pending deletions are carried out, as the event loop would.

Each soak imports the deck loader before anything imports PySide6, as the player does:
PySide6 reads the source of every module imported after it (its __feature__ check), and a
loader imported after Qt left ~5 MB more in the tour than a real kiosk holds.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

BASELINE_CHANGES = 100
"""RSS is first read after this many changes: caches and imports have filled by then."""
BASELINE_RELOADS = 20
"""Likewise for reloads."""


def rss_mb() -> float:
    """The process's resident set size now, in MB (MiB)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def change_once(player, all_ahead: bool = False) -> None:
    """Go to the next slide, run its transition and entrance through to the end, and let
    it stand still (the next slide is made ahead; with `all_ahead` every slide the kiosk
    makes ahead while a slide stands still: previous, section starts)."""
    from zzkiosk.bench.session import settle

    presentation = player.presentation
    presentation.next()
    for progress in (0.3, 0.7, 1.0):
        presentation.transition_frame(progress)
    presentation.finish_transition()
    duration = presentation.scene.entrance_duration
    for share in (0.2, 0.5, 1.0):
        presentation.entrance_frame(duration * share)
    if all_ahead:
        presentation.prepare_all_ahead()
    else:
        presentation.prepare_next()  # what the kiosk does once the slide stands still
    settle()


def soak(deck_path: Path, changes: int, size: tuple[int, int]) -> dict:
    """RSS (MB) after BASELINE_CHANGES changes and after `changes`, and the peak."""
    from zzkiosk.deck.loader import load_deck  # before Qt, as the player does (see above)
    from zzkiosk.bench.probe import peak_rss_mb  # noqa: I001
    from zzkiosk.bench.session import Player

    player = Player(load_deck(deck_path), size)
    player.presentation.start(0)
    baseline = None
    for number in range(1, changes + 1):
        change_once(player)
        if number == min(BASELINE_CHANGES, changes):
            baseline = rss_mb()
    return {"changes": changes, "rss_mb_after_100": round(baseline, 2), "rss_mb_after_all": round(rss_mb(), 2),
            "peak_rss_mb": round(peak_rss_mb(), 1)}


def tour(deck_path: Path, count: int, size: tuple[int, int]) -> dict:
    """Peak RSS (MB) of playing every slide of the deck once at `size` after loading it in full,
    as the first start after an edit does (`count` is unused)."""
    from zzkiosk.deck.loader import load_deck  # before Qt, as the player does (see above)

    return _play_every_slide(load_deck(deck_path), size)


def tour_restarted(deck_path: Path, count: int, size: tuple[int, int]) -> dict:
    """Likewise, with the deck read from its cache, as a kiosk restarted with its deck unchanged
    plays it: pydantic and the loader are never imported. `write_cache` must have run first in
    another process with the same cache folder (XDG_CACHE_HOME)."""
    from zzkiosk.deck.cache import read_cache

    deck = read_cache(deck_path)
    if deck is None:
        raise RuntimeError(f"no current cache of {deck_path}: run the write-cache soak first")
    return _play_every_slide(deck, size)


def write_cache(deck_path: Path, count: int, size: tuple[int, int]) -> dict:
    """Load the deck in full and write its cache, as a kiosk's first start after an edit does."""
    from zzkiosk.deck.cache import load_deck_cached

    deck, writer = load_deck_cached(deck_path)
    return {"written": writer.write() if writer is not None else "already current"}


def _play_every_slide(deck, size: tuple[int, int]) -> dict:
    from zzkiosk.bench.probe import peak_rss_mb
    from zzkiosk.bench.session import Player

    player = Player(deck, size)
    player.presentation.start(0)
    for _ in range(player.presentation.count):
        change_once(player, all_ahead=True)
    from zzkiosk.bench.tour_probe import memory_map

    return {"slides": player.presentation.count, "rss_mb_after_all": round(rss_mb(), 2),
            "peak_rss_mb": round(peak_rss_mb(), 1), "memory_map": memory_map()}


def reloads(deck_path: Path, count: int, size: tuple[int, int]) -> dict:
    """RSS (MB) after BASELINE_RELOADS hot reloads of an edited copy of the deck and after `count` more."""
    import shutil
    import tempfile

    from zzkiosk.deck.loader import load_deck  # before Qt, as the player does (see above)
    from zzkiosk.bench.probe import peak_rss_mb  # noqa: I001
    from zzkiosk.bench.session import Player, settle
    from zzkiosk.kiosk.reload import HotReload

    with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-reload-") as folder:
        copy = Path(shutil.copytree(deck_path, Path(folder) / "deck"))
        deck_file = copy / "deck.yaml"
        original = deck_file.read_text(encoding="utf-8")
        player = Player(load_deck(copy), size)
        player.presentation.start(0)
        reload = HotReload(player.presentation, copy)
        baseline = None
        for number in range(1, BASELINE_RELOADS + count + 1):
            deck_file.write_text(original.replace("\ntitle: ", f"\ntitle: {number % 7}", 1), encoding="utf-8")
            if not reload.reload_now():
                raise RuntimeError(f"reload {number} refused: {reload.problems[:1]}")
            player.stage.repaint()
            settle()
            if number == BASELINE_RELOADS:
                baseline = rss_mb()
        return {"reloads": count, "rss_mb_after_20": round(baseline, 2), "rss_mb_after_all": round(rss_mb(), 2),
                "peak_rss_mb": round(peak_rss_mb(), 1)}


def main(argv: list[str]) -> int:
    """Entry point of the soak process."""
    mode, deck, count, size = argv
    width, height = (int(part) for part in size.split("x"))
    measure = {"changes": soak, "reloads": reloads, "tour": tour, "tour-restarted": tour_restarted,
               "write-cache": write_cache}[mode]
    print(json.dumps(measure(Path(deck), int(count), (width, height))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
