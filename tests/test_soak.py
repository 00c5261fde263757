"""Soak: the player plays the bundled deck through thousands of slide changes on a compressed clock.

The kiosk window (offscreen) plays a copy of slides/ with autoplay, the crash guard and
hot reload attached, as `zzkiosk play` does. Time is compressed: whenever autoplay is
armed (its `armed` signal) the slide's time is up at once, and every transition and
entrance is stepped to its end in a few frames (as zzkiosk.bench.soak does). Mixed in: presenter keys, the
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


class CompressedAutoplay:
    """Autoplay's clock, compressed: once autoplay is armed, its slide's time is up at once.

    Listens to the public `armed`/`disarmed` signals and moves on as the controller would
    (`go_to(next_index())`); the controller's own timer is stopped by the slide change.
    """

    def __init__(self, autoplay: AutoplayController, presentation):
        self._autoplay, self._presentation, self._armed = autoplay, presentation, False
        autoplay.armed.connect(self._on_armed)
        autoplay.disarmed.connect(self._on_disarmed)

    def _on_armed(self, milliseconds: int) -> None:
        self._armed = True

    def _on_disarmed(self) -> None:
        self._armed = False

    def fire(self) -> bool:
        """Move on if autoplay is counting down; False if it is not."""
        if not self._armed or self._autoplay.paused:
            return False
        self._armed = False
        self._presentation.go_to(self._autoplay.next_index())
        return True


def census(window) -> tuple[int, int, int]:
    """Live QObjects under the window, QGraphicsItems in its live scenes, Python objects
    (frozen ones too: the player freezes what is alive once pyqtgraph is imported, which may
    happen mid-soak, and a count of unfrozen objects alone would drop then).

    Python objects are counted last: listing the QObjects makes PySide6 create the Python
    type of each Qt class it meets for the first time (about 55 objects a class). Counted
    before the listing, the first census (slide 26's, after warm-up) missed the ~100 classes
    its own listing created, and every later one counted them: +5,500 objects that were the
    census's own, not the player's."""
    q_objects = len(window.findChildren(QObject))
    scenes = window.findChildren(QGraphicsScene)
    items = sum(len(scene.items()) for scene in scenes)
    gc.collect()
    return q_objects, items, len(gc.get_objects()) + gc.get_freeze_count()


class Soak:
    """The kiosk window on a copy of the bundled deck, and what a soak does to it."""

    def __init__(self, qtbot, folder: Path):
        from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard
        from zzkiosk.player.window import PlayerWindow

        self.deck_file = folder / "deck.yaml"
        self.original = self.deck_file.read_text(encoding="utf-8")
        self.window = window = PlayerWindow(load_deck(folder))
        qtbot.addWidget(window)
        window.resize(480, 270)
        window.show()
        qtbot.waitExposed(window)
        self.reload = attach_hot_reload_and_crash_guard(window, folder, preview=False)
        self.reload.unbind()  # reloads are driven by the soak, not by file notifications
        window.enable_autoplay(idle_seconds=3600)
        self.show = window.slideshow
        self.presentation = window.presentation
        self.clock = CompressedAutoplay(self.show.autoplay, self.presentation)
        self.done = {"reloads": 0, "refusals": 0, "overviews": 0, "blackouts": 0, "presenter": 0, "autoplay": 0}

    def disturb(self, change: int) -> None:
        """What happens before slide change `change`, beside autoplay."""
        if change % 97 == 0:
            self.edit(broken_first=change % 3 == 0, mark=change % 7)
        elif change % 41 == 0:
            self.toggle("overview", "overviews")
            assert not self.window.overview.isVisible()
        elif change % 29 == 0:
            self.toggle("black" if change % 2 else "white", "blackouts")
        elif change % 53 == 0:
            self.show.run(random.choice(["next", "previous", "next_section", "previous_section", "first", "last"]),
                          "keyboard")  # presenter input: autoplay pauses
            arrive(self.window)
            self.show.idle.timed_out.emit()  # the idle time is up: autoplay resumes
            self.done["presenter"] += 1
        elif change % 61 == 0:
            self.toggle("help", "presenter")
        elif random.random() < 0.03:
            self.presentation.go_to(random.randrange(self.presentation.count))

    def edit(self, *, broken_first: bool, mark: int) -> None:
        """A saved edit of the deck (first a broken one): the last good deck plays on, then the edit."""
        if broken_first:
            self.deck_file.write_text(self.original.replace("sections:", "sections: [", 1), encoding="utf-8")
            assert self.reload.reload_now() is False
            self.done["refusals"] += 1
        self.deck_file.write_text(self.original.replace("\ntitle: ", f"\ntitle: {mark}", 1), encoding="utf-8")
        assert self.reload.reload_now() is True, self.reload.problems[:1]
        self.done["reloads"] += 1

    def toggle(self, action: str, count: str) -> None:
        """An overlay put up, painted, and taken down; then autoplay plays on."""
        self.show.run(action, "test")
        settle()
        self.show.run(action, "test")
        self.show.run("play", "test")
        self.done[count] += 1

    def change(self) -> None:
        """Autoplay's time is up (or, while it is not counting, the presenter's next)."""
        if self.clock.fire():
            self.done["autoplay"] += 1
        elif not self.presentation.is_animating:
            self.presentation.next()
        arrive(self.window)

    def check_position(self, change: int) -> None:
        index = self.presentation.index
        assert 0 <= index < self.presentation.count, f"change {change}: position {index}"
        assert self.presentation.scene.slide.id == self.presentation.deck.slides[index].slide.id, f"change {change}"


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads RSS from /proc")
def test_thousands_of_changes_overviews_blackouts_and_reloads(qtbot, tmp_path):
    soak = Soak(qtbot, Path(shutil.copytree(BUNDLED, tmp_path / "deck")))
    soak.presentation.start(0)
    arrive(soak.window)
    random.seed(8)
    count = soak.presentation.count
    warm_up = 2 * count
    baseline: dict[int, tuple] = {}
    last: dict[int, tuple] = {}
    with Trouble() as trouble:
        for change in range(1, CHANGES + 1):
            soak.disturb(change)
            soak.change()
            soak.check_position(change)
            assert not trouble.found, f"change {change}: {trouble.found[:3]}"
            index = soak.presentation.index
            if change == warm_up:
                rss_after_warm_up = rss_mb()
            if warm_up < change <= warm_up + count and index not in baseline:
                baseline[index] = census(soak.window)
            if change > CHANGES - 2 * count and index in baseline and index not in last:
                last[index] = census(soak.window)
    grown = rss_mb() - rss_after_warm_up
    print(f"{CHANGES} changes, {soak.done}; RSS +{grown:.1f} MB after warm-up")
    assert all(soak.done.values()) and soak.done["autoplay"] > CHANGES * 0.8, soak.done
    assert_flat(baseline, last)
    assert grown < RSS_GROWTH_MB, f"RSS grew {grown:.1f} MB over {CHANGES} changes"


def assert_flat(baseline: dict[int, tuple], last: dict[int, tuple]) -> None:
    """QObjects, graphics items and Python objects on each slide: as many at the end as after warm-up."""
    same = sorted(set(baseline) & set(last))
    assert same, "no slide measured both after warm-up and at the end"
    for index in same:
        (objects_then, items_then, python_then), (objects_now, items_now, python_now) = baseline[index], last[index]
        assert objects_now <= objects_then + 10, f"slide {index}: QObjects {objects_then} -> {objects_now}"
        assert items_now <= items_then + 10, f"slide {index}: graphics items {items_then} -> {items_now}"
        assert python_now <= python_then + OBJECT_GROWTH, f"slide {index}: Python objects {python_then} -> {python_now}"
