"""Crash policy: a slide that fails is skipped with a log line; an unrecoverable error exits non-zero."""

import logging
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QRectF

from test_navigation_support import settle
from test_player_support import flush_deletes
from zzkiosk.kiosk.crash import SlideCrashGuard
from zzkiosk.player.scenes import BlankScene
from zzkiosk.render.items import BLOCK_ITEMS
from zzkiosk.render.items.badge import BadgeItem

PUSHED = 2
"""The mini deck's slide with the badge (two/pushed); the one after it is two/zoomed."""


def skipped(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]


class FailsToBuild(BadgeItem):
    def __init__(self, model, style):
        raise ValueError("badge cannot be built")


class FailsToPaint(BadgeItem):
    def paint(self, painter, option, widget=None):
        raise ZeroDivisionError("badge cannot be painted")


class FailsToCount(BadgeItem):
    def set_progress(self, progress):
        if 0 < progress < 1:
            raise KeyError("badge cannot count")
        super().set_progress(progress)


def test_an_item_that_fails_to_build_skips_its_slide_with_a_log_line(qtbot, player, monkeypatch, caplog):
    monkeypatch.setitem(BLOCK_ITEMS, "badge", FailsToBuild)
    window = player()
    window.presentation.go_to(1)
    settle(qtbot, window)
    with caplog.at_level(logging.ERROR, logger="zzkiosk"):
        window.presentation.next()
    assert window.presentation.index == PUSHED + 1
    assert skipped(caplog) == ["slide 3 (two/pushed) skipped: ValueError: badge cannot be built"]


def test_an_item_that_fails_to_paint_skips_its_slide(qtbot, player, monkeypatch, caplog):
    """Regression guard: an exception in paint() reached sys.excepthook, which exits the kiosk."""
    monkeypatch.setitem(BLOCK_ITEMS, "badge", FailsToPaint)
    window = player()
    window.add_controller(SlideCrashGuard(window.presentation))
    with caplog.at_level(logging.ERROR, logger="zzkiosk"):
        window.presentation.start(PUSHED)
        qtbot.waitUntil(lambda: window.presentation.index == PUSHED + 1, timeout=3000)
    assert skipped(caplog) == ["slide 3 (two/pushed) skipped: ZeroDivisionError: badge cannot be painted"]


def test_an_item_that_fails_while_coming_in_skips_its_slide(qtbot, player, monkeypatch, caplog):
    monkeypatch.setitem(BLOCK_ITEMS, "badge", FailsToCount)
    window = player()
    with caplog.at_level(logging.ERROR, logger="zzkiosk"):
        window.presentation.start(PUSHED)
        qtbot.waitUntil(lambda: window.presentation.index == PUSHED + 1, timeout=3000)
    assert skipped(caplog) == ["slide 3 (two/pushed) skipped: KeyError: 'badge cannot count'"]


def test_a_broken_slide_is_logged_once_and_skipped_every_time(qtbot, player, monkeypatch, caplog):
    monkeypatch.setitem(BLOCK_ITEMS, "badge", FailsToBuild)
    window = player(loop=True)
    with caplog.at_level(logging.ERROR, logger="zzkiosk"):
        for _ in range(8):
            window.presentation.next()
            window.presentation.finish_transition()
    assert window.presentation.index == 3 and len(skipped(caplog)) == 1


def test_previous_onto_a_broken_slide_goes_on_backwards(qtbot, player, monkeypatch):
    monkeypatch.setitem(BLOCK_ITEMS, "badge", FailsToBuild)
    window = player()
    window.presentation.start(PUSHED + 1)
    window.presentation.previous()
    assert window.presentation.index == PUSHED - 1


def test_when_every_slide_fails_the_theme_background_is_shown(qtbot, player, monkeypatch, caplog):
    for kind in ("text", "counter", "badge"):
        monkeypatch.setitem(BLOCK_ITEMS, kind, FailsToBuild)
    window = player()
    with caplog.at_level(logging.ERROR, logger="zzkiosk"):
        window.presentation.start(0)
        window.presentation.next()
    assert isinstance(window.presentation.scene, BlankScene)
    assert window.presentation.scene.sceneRect() == QRectF(0, 0, 1920, 1080)
    assert "no slide of the deck can be shown: showing the theme background" in caplog.messages
    flush_deletes()


def test_a_corrupt_picture_is_skipped(qtbot, tmp_path, caplog):
    from test_reload_support import write_live_deck
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.player.window import PlayerWindow

    write_live_deck(tmp_path)
    (tmp_path / "images/hall.png").write_bytes(b"not a picture")
    window = PlayerWindow(load_deck(tmp_path))
    qtbot.addWidget(window)
    with caplog.at_level(logging.ERROR, logger="zzkiosk"):
        window.presentation.start(1)
    assert window.presentation.index == 2
    assert skipped(caplog)[0].startswith(f"slide 2 (part/picture) skipped: RenderError: {tmp_path}/images/hall.png: cannot read")


def test_the_guard_passes_other_exceptions_to_the_hook_before_it(player, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: seen.append(args[1]))
    window = player()
    guard = SlideCrashGuard(window.presentation)
    guard.bind()
    error = RuntimeError("not from a slide")
    sys.excepthook(RuntimeError, error, None)
    guard.unbind()
    assert seen == [error] and sys.excepthook is not guard._hook


@pytest.mark.parametrize("where", ["slot", "paint"])
def test_an_unrecoverable_error_is_logged_with_its_traceback_and_exits_non_zero(tmp_path, where):
    """The excepthook of zzkiosk.kiosk.logs works inside Qt's event loop (PySide6 calls it
    for exceptions raised in slots and virtual methods); outside a slide, nothing is skipped."""
    raising = {
        "slot": "QTimer.singleShot(0, lambda: 1 / 0)",
        "paint": "scene = QGraphicsScene(); scene.addItem(Bad()); view = QGraphicsView(scene); view.show()",
    }[where]
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QRectF, QTimer
        from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene, QGraphicsView
        from zzkiosk.kiosk.logs import log_file, setup_logging

        class Bad(QGraphicsItem):
            def boundingRect(self):
                return QRectF(0, 0, 10, 10)
            def paint(self, painter, option, widget=None):
                1 / 0

        setup_logging("info")
        app = QApplication([])
        {raising}
        QTimer.singleShot(3000, app.quit)
        print("returned", app.exec())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 70 and "returned" not in result.stdout
    logged = next(tmp_path.glob("**/zzkiosk.log")).read_text(encoding="utf-8")
    assert "CRITICAL zzkiosk: crashed: division by zero" in logged
    assert "Traceback (most recent call last)" in logged and "ZeroDivisionError" in logged
