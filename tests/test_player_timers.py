"""A day of slide changes leaves nothing behind in PySide6's timers (issue 20, memory over a day).

PySide6 (6.11) keeps a weak reference for good on every `QTimer.singleShot(msec, context,
method)` with a delay: the kiosk made two on every slide change (making ahead once the slide
stood still, and each further turn of it), 20,000 over 10,000 changes, most of the soak's
RSS growth (docs/performance.md, "Memory (issue 20)"). The presentation and Ahead now restart
one timer each. Both tests run the real timers, with their delays shortened.
"""
import gc
import shutil
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from zzkiosk.deck.loader import load_deck
from zzkiosk.player import ahead as ahead_module
from zzkiosk.player import presentation as presentation_module
from zzkiosk.player.ahead import Ahead
from zzkiosk.player.presentation import Presentation

TOURS = Path(__file__).parent / "decks" / "tours"


def _weak_references_to(*kinds: type) -> int:
    gc.collect()
    return sum(1 for found in gc.get_objects() if type(found) is weakref.ReferenceType and isinstance(found(), kinds))


def test_pyside_keeps_a_weak_reference_for_every_delayed_single_shot_with_a_context(qtbot):
    """The trap itself: should a PySide6 release fix it, this fails, and the restarted timers
    in Presentation and Ahead may go back to `QTimer.singleShot` (they need not)."""
    class Host(QObject):
        def __init__(self):
            super().__init__()
            self.calls = 0

        def call(self):
            self.calls += 1

    host = Host()
    before = _weak_references_to(Host)
    for _ in range(20):
        QTimer.singleShot(1, host, host.call)
        qtbot.wait(5)
    qtbot.wait(20)
    assert host.calls == 20
    assert _weak_references_to(Host) - before >= 20


def test_slide_changes_leave_no_weak_references_behind(qtbot, tmp_path, monkeypatch):
    from zzkiosk.player.window import PlayerWindow

    monkeypatch.setattr(presentation_module, "PREPARE_DELAY_MS", 2)
    monkeypatch.setattr(ahead_module, "AHEAD_GAP_MS", 2)
    deck_folder = Path(shutil.copytree(TOURS, tmp_path / "deck"))
    deck_file = deck_folder / "deck.yaml"
    deck_file.write_text(deck_file.read_text(encoding="utf-8").replace(
        "transition: {type: fade, duration: 0.3s}", "transition: {type: none}"), encoding="utf-8")
    window = PlayerWindow(load_deck(deck_folder))
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    qtbot.waitExposed(window)
    presentation = window.presentation
    presentation.start(0)
    made_ahead = []
    monkeypatch.setattr(presentation.scenes, "prepare", _recording(presentation.scenes.prepare, made_ahead))

    def change_and_rest(count: int) -> None:
        for _ in range(count):
            presentation.next()
            assert not presentation.is_animating  # a cut, no entrance: the slide stands still at once
            qtbot.wait(40)  # the delayed making ahead runs, turn after turn

    change_and_rest(7)
    before = _weak_references_to(Presentation, Ahead)
    made_before = len(made_ahead)
    change_and_rest(21)
    assert len(made_ahead) - made_before >= 21, "slides were not made ahead: the timers did not run"
    assert _weak_references_to(Presentation, Ahead) - before <= 1


def _recording(prepare, made: list):
    def recorded(index):
        made.append(index)
        return prepare(index)
    return recorded
