"""Soak: the player plays the bundled deck through thousands of slide changes on a compressed clock.

The kiosk window (offscreen) plays a copy of slides/ with autoplay, the crash guard and
hot reload attached, as `zzkiosk play` does. Time is compressed: whenever autoplay is
armed its timer is fired at once, and every transition and entrance is stepped to its
end in a few frames (as zzkiosk.bench.soak does). Mixed in: presenter keys, the
overview opened and closed, black and white screens, the help card, idle resume, and
hot reloads of edited and of broken decks.

Checked throughout: no exception reaches sys.excepthook, no Qt warning, the position is
always a valid slide whose scene is the one on screen. Checked at the end against the
same slide one deck-cycle after warm-up: live QObjects under the window, QGraphicsItems
in live scenes and Python objects do not grow with the number of changes, and RSS stays
within a bound.

ZZKIOSK_SOAK_CHANGES sets the number of changes (CI: 2000; a night: 200000).
"""

import gc
import os
import random
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QGraphicsScene

from zzkiosk.bench.session import settle
from zzkiosk.deck.loader import load_deck
from zzkiosk.player.controllers.autoplay import AutoplayController

BUNDLED = Path(__file__).parents[1] / "slides"
CHANGES = int(os.environ.get("ZZKIOSK_SOAK_CHANGES", "2000"))
RSS_GROWTH_MB = 40.0
"""After warm-up; a slide scene with its caches costs ~0.5 MB, a leak of one a change would be 1 GB."""
OBJECT_GROWTH = 2000
"""Python objects after warm-up, over all the changes (interned strings, logging records...)."""


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Trouble:
    """Collects uncaught exceptions and Qt warnings while installed."""

    def __init__(self):
        self.found: list[str] = []

    def __enter__(self):
        self._hook, sys.excepthook = sys.excepthook, self._exception
        self._previous = qInstallMessageHandler(self._message)
        return self

    def __exit__(self, *exc):
        sys.excepthook = self._hook
        qInstallMessageHandler(self._previous)

    def _exception(self, kind, value, traceback):
        self.found.append(f"{kind.__name__}: {value}")

    def _message(self, kind, context, message):
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.found.append(f"Qt {kind.name}: {message}")


def arrive(window) -> None:
    """Compressed clock: the running transition and the entrance, stepped to their end."""
    presentation = window.presentation
    for progress in (0.4, 1.0):
        presentation.transition_frame(progress)
    presentation.finish_transition()
    if presentation.scene is not None:
        duration = presentation.scene.entrance_duration
        presentation.entrance_frame(duration / 2)
        presentation.entrance_frame(duration)
    settle()


def fire_autoplay(autoplay: AutoplayController) -> bool:
    """Compressed clock: the slide's time is up now (if autoplay is counting)."""
    if autoplay._timer.isActive():
        autoplay._timer.stop()
        autoplay._advance()
        return True
    return False


def census(window) -> tuple[int, int, int]:
    """Live QObjects under the window, QGraphicsItems in its live scenes, Python objects."""
    scenes = window.findChildren(QGraphicsScene)
    gc.collect()
    return len(window.findChildren(QObject)), sum(len(scene.items()) for scene in scenes), len(gc.get_objects())


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads RSS from /proc")
def test_thousands_of_changes_overviews_blackouts_and_reloads(qtbot, tmp_path):
    from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard
    from zzkiosk.player.window import PlayerWindow

    folder = Path(shutil.copytree(BUNDLED, tmp_path / "deck"))
    deck_file = folder / "deck.yaml"
    original = deck_file.read_text(encoding="utf-8")
    window = PlayerWindow(load_deck(folder))
    qtbot.addWidget(window)
    window.resize(480, 270)
    window.show()
    qtbot.waitExposed(window)
    reload = attach_hot_reload_and_crash_guard(window, folder, preview=False)
    reload.unbind()  # reloads are driven by the soak, not the poll
    window.enable_autoplay(idle_seconds=3600)
    autoplay = next(c for c in window.controllers if isinstance(c, AutoplayController))
    presentation, actions = window.presentation, window.actions.table()
    presentation.start(0)
    arrive(window)
    random.seed(8)
    count = presentation.count
    warm_up = 2 * count
    baseline: dict[int, tuple] = {}
    last: dict[int, tuple] = {}
    rss_after_warm_up = None
    reloads = refusals = overviews = blackouts = 0

    with Trouble() as trouble:
        for change in range(1, CHANGES + 1):
            roll = random.random()
            if change % 97 == 0:  # a saved edit (every third one broken): the last good deck plays on
                if change % 3 == 0:
                    deck_file.write_text(original.replace("sections:", "sections: [", 1), encoding="utf-8")
                    assert reload.reload_now() is False
                    refusals += 1
                deck_file.write_text(original.replace("\ntitle: ", f"\ntitle: {change % 7}", 1), encoding="utf-8")
                assert reload.reload_now() is True, reload.problems[:1]
                reloads += 1
            elif change % 41 == 0:
                actions["overview"]()
                settle()
                assert window.overview.isVisible()
                actions["overview"]()  # (toggled closed)
                overviews += 1
            elif change % 29 == 0:
                actions["black" if change % 2 else "white"]()
                settle()
                actions["black" if change % 2 else "white"]()
                blackouts += 1
            elif change % 53 == 0:
                window.actions.presenter_input("next")
                actions[random.choice(["next", "previous", "next_section", "previous_section", "first", "last"])]()
                arrive(window)
                window.actions.resume_after_idle()
            elif change % 61 == 0:
                actions["help"]()
                settle()
                actions["help"]()
            elif roll < 0.03:
                presentation.go_to(random.randrange(count))
            if not fire_autoplay(autoplay) and not presentation.is_animating:
                presentation.next()
            arrive(window)
            index = presentation.index
            assert 0 <= index < presentation.count, f"change {change}: position {index}"
            assert presentation.scene is not None and presentation.scene.slide.id == presentation.deck.slides[index][1].id
            assert not trouble.found, f"change {change}: {trouble.found[:3]}"
            if change == warm_up:
                rss_after_warm_up = rss_mb()
            if warm_up < change <= warm_up + count and index not in baseline:
                baseline[index] = census(window)
            if change > CHANGES - 2 * count and index in baseline and index not in last:
                last[index] = census(window)

    assert reloads and refusals and overviews and blackouts
    grown = rss_mb() - rss_after_warm_up
    print(f"{CHANGES} changes, {reloads} reloads ({refusals} refused), {overviews} overviews, "
          f"{blackouts} blackouts; RSS +{grown:.1f} MB after warm-up")
    same = sorted(set(baseline) & set(last))
    assert same, "no slide measured both after warm-up and at the end"
    for index in same:
        (objects_then, items_then, python_then), (objects_now, items_now, python_now) = baseline[index], last[index]
        assert objects_now <= objects_then + 10, f"slide {index}: QObjects {objects_then} -> {objects_now}"
        assert items_now <= items_then + 10, f"slide {index}: graphics items {items_then} -> {items_now}"
        assert python_now <= python_then + OBJECT_GROWTH, f"slide {index}: Python objects {python_then} -> {python_now}"
    assert grown < RSS_GROWTH_MB, f"RSS grew {grown:.1f} MB over {CHANGES} changes"
