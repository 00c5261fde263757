"""Kiosk mode: lockdown (close and quit keys ignored, the staff chord quits), cursor, screens, one per screen."""

from test_navigation_support import MINI

import logging
import os
import subprocess
import sys

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from zzkiosk.kiosk.instance import InstanceLock, lock_key
from zzkiosk.kiosk.screens import ScreenFollower, pick_screen

CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
QUIT_KEYS = [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F4, ALT),
             (Qt.Key.Key_Q, CTRL), (Qt.Key.Key_W, CTRL)]


def run_kiosk(tmp_path, call: str, then: str, after_ms: int = 600) -> list[str]:
    """Run `call` (a run_player call) in a fresh offscreen process, with private state and lock
    folders; `then` runs on a timer inside it with `window`, `QTest` and `Qt` bound.
    Nothing quits it but `then`: a watchdog ends a kiosk that ignores the chord with exit 9."""
    script = "\n".join([
        "import os, sys",
        "from PySide6.QtCore import QTimer, Qt",
        "from PySide6.QtTest import QTest",
        "from PySide6.QtWidgets import QApplication",
        "from zzkiosk.app import run_player",
        "from zzkiosk.player.window import PlayerWindow",
        "app = QApplication([])",
        "def look():",
        "    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PlayerWindow))",
        *[f"    {line}" for line in then.splitlines()],
        f"QTimer.singleShot({after_ms}, look)",
        "QTimer.singleShot(20000, lambda: os._exit(9))",
        f"print('exit', {call}, flush=True)",
    ])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_RUNTIME_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.split()


def test_quit_keys_and_close_requests_are_ignored_in_kiosk_mode(qtbot, kiosk_window):
    window = kiosk_window(kiosk=True)
    for key, modifier in QUIT_KEYS:
        qtbot.keyClick(window, key, modifier)
        window.overview.dismiss()
    assert not window.close()
    assert window.isVisible() and window.isFullScreen()


def test_the_staff_chord_quits(qtbot, kiosk_window):
    window = kiosk_window(kiosk=True)
    with qtbot.waitSignal(window.quitting, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_Q, CTRL | SHIFT)
    assert not window.isVisible()


def test_the_staff_chord_is_configurable(qtbot, kiosk_window):
    window = kiosk_window(kiosk=True, quit_chord="Ctrl+Alt+End")
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL | SHIFT)
    assert window.isVisible()
    with qtbot.waitSignal(window.quitting, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_End, CTRL | ALT)


def test_in_a_real_event_loop_only_the_chord_ends_the_kiosk_with_exit_0(tmp_path):
    """The Qt 6 trap: QApplication.quit() asks windows to close; the kiosk lets the chord's close through."""
    words = run_kiosk(tmp_path, f"run_player({str(MINI)!r})", "\n".join([
        *[f"QTest.keyClick(window, Qt.Key.{key.name}, Qt.KeyboardModifier({modifier.value}))" for key, modifier in QUIT_KEYS],
        "window.close()",
        "app.quit()",
        "print('alive', window.isVisible(), window.isFullScreen(), flush=True)",
        "QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)",
    ]))
    assert words == ["alive", "True", "True", "exit", "0"]


def test_closing_the_preview_window_quits(tmp_path):
    words = run_kiosk(tmp_path, f"run_player({str(MINI)!r}, windowed=True)",
                      "QTest.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)")
    assert words == ["exit", "0"]


def test_the_cursor_hides_until_the_mouse_moves_and_hides_again(qtbot, kiosk_window):
    window = kiosk_window(kiosk=True, cursor_hide=0.2)
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor
    QTest.mouseMove(window, QPoint(300, 300))
    QTest.mouseMove(window, QPoint(320, 310))  # (a move to where the pointer already is sends nothing)
    qtbot.waitUntil(lambda: window.cursor().shape() == Qt.CursorShape.ArrowCursor, timeout=2000)
    qtbot.waitUntil(lambda: window.cursor().shape() == Qt.CursorShape.BlankCursor, timeout=3000)
    assert window.presentation.index == 0  # moving the mouse is not presenter input


def test_a_missing_configured_screen_falls_back_to_the_primary_one(qtbot, kiosk_window, caplog):
    primary = QGuiApplication.primaryScreen()
    with caplog.at_level(logging.WARNING, logger="zzkiosk"):
        assert pick_screen("HDMI-9") is primary
        assert pick_screen(7) is primary
    assert "no screen 'HDMI-9'" in caplog.text and "primary screen" in caplog.text
    assert pick_screen(0) is QGuiApplication.screens()[0]
    assert pick_screen(primary.name()) is primary
    window = kiosk_window(kiosk=True, screen="HDMI-9")
    ScreenFollower(window, "HDMI-9", window).follow()
    assert window.geometry() == primary.geometry()


def test_run_player_with_a_missing_screen_plays_on_the_primary_one(tmp_path):
    words = run_kiosk(tmp_path, f"run_player({str(MINI)!r}, screen='HDMI-9')", "\n".join([
        "print(window.geometry() == app.primaryScreen().geometry(), window.isFullScreen(), flush=True)",
        "window.quit_kiosk()",
    ]))
    assert words == ["True", "True", "exit", "0"]


def test_the_window_follows_a_resized_screen(qtbot, kiosk_window):
    window = kiosk_window(kiosk=True)
    window.resize(640, 360)  # as if the screen had changed under it
    ScreenFollower(window, None, window).follow()
    assert window.geometry() == QGuiApplication.primaryScreen().geometry()


def test_one_kiosk_per_screen(qapp, tmp_path):
    key = lock_key(QGuiApplication.primaryScreen())
    (tmp_path / "zzkiosk").mkdir()
    held = InstanceLock(key, tmp_path / "zzkiosk")  # where a kiosk with XDG_RUNTIME_DIR=tmp_path looks
    assert held.acquire()
    try:
        result = subprocess.run(
            [sys.executable, "-c", f"from zzkiosk.app import run_player; print(run_player({str(MINI)!r}))"],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path),
                 "XDG_STATE_HOME": str(tmp_path / "state")})
    finally:
        held.release()
    assert result.stdout.split() == ["3"], result.stderr
    assert "already playing on screen" in result.stderr and f"process {os.getpid()}" in result.stderr


def test_a_lock_left_by_a_dead_kiosk_is_taken_over(tmp_path):
    subprocess.run([sys.executable, "-c", "import os; from zzkiosk.kiosk.instance import InstanceLock; "
                    f"lock = InstanceLock('x', __import__('pathlib').Path({str(tmp_path)!r})); lock.acquire(); os._exit(0)"],
                   check=True, timeout=60)
    assert (tmp_path / "screen-x.lock").exists()
    assert InstanceLock("x", tmp_path).acquire()
