"""Reloading does not leak: memory stays flat over hundreds of reloads (a behaviour bound)."""

import gc
import os

import pytest
from PySide6.QtWidgets import QGraphicsScene

from test_player_support import flush_deletes
from test_reload_support import PART, figure, save

CYCLES = 200
WARM_UP = 30
ALLOWED_GROWTH_MB = 4.0
"""A few MB: allocator noise, not a scene (a slide scene with its caches costs ~0.5 MB)."""


def rss_mb() -> float:
    """Resident memory of this process, from /proc/self/statm."""
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def one_cycle(tmp_path, reload, number: int) -> None:
    """A valid edit (every cycle) and, every fourth cycle, a broken one before it."""
    section = tmp_path / "sections/part.yaml"
    if number % 4 == 0:
        save(section, PART.replace("value: 385,", "value: [385,"))
        assert reload.reload_now() is False
    save(section, PART.replace("385", str(400 + number % 50)))
    assert reload.reload_now() is True


def cycles(window, tmp_path, reload, numbers) -> None:
    for number in numbers:
        one_cycle(tmp_path, reload, number)
        window.stage.view.viewport().repaint()  # each new scene is painted, its item caches filled
        flush_deletes()
    flush_deletes()
    gc.collect()


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads RSS from /proc")
def test_200_reload_cycles_leave_memory_flat(qtbot, live, tmp_path):
    window, reload = live(index=0)
    reload.unbind()  # reloads are driven by hand here, not by the poll
    cycles(window, tmp_path, reload, range(WARM_UP))
    before = rss_mb()
    cycles(window, tmp_path, reload, range(WARM_UP, WARM_UP + CYCLES))
    grown = rss_mb() - before
    print(f"RSS {before:.1f} MB -> +{grown:.2f} MB over {CYCLES} reload cycles")
    assert figure(window) == f"{400 + (WARM_UP + CYCLES - 1) % 50}个"
    # no scene leaks over the cycles: the current one and those made ahead (at most a typed
    # number, next, previous and the two neighbouring section starts) are all that live
    assert len(window.presentation.findChildren(QGraphicsScene)) <= 6
    assert grown < ALLOWED_GROWTH_MB, f"RSS grew {grown:.1f} MB over {CYCLES} reload cycles"
