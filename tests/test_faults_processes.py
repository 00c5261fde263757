"""Unattended for a year (issue 13), in real processes: the kiosk under Xvfb, logging and
start-up in a fresh interpreter. tests/README.md lists the cases with what the kiosk does;
test_faults_unattended.py has the in-process ones.
"""

import os
import queue
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from test_navigation_support import MINI

ROOT = Path(__file__).parents[1]


def kiosk_env(tmp_path: Path, display: str | None = None) -> dict[str, str]:
    """The environment of a real kiosk process: private state and runtime folders, on the
    X server `display` (or offscreen)."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_RUNTIME_DIR": str(runtime),
           "PYTHONPATH": str(ROOT)}
    if display:
        env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    return env


def start_kiosk(deck: Path, env: dict[str, str], *args: str) -> subprocess.Popen:
    """`zzkiosk DECK` as a real process; its stderr (the log) is read into `process.lines`."""
    process = subprocess.Popen([sys.executable, "-m", "zzkiosk", str(deck), *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    process.lines = queue.Queue()
    threading.Thread(target=lambda: [process.lines.put(line) for line in process.stderr], daemon=True).start()
    return process


def wait_for_line(process: subprocess.Popen, words: str, limit_s: float = 60) -> str:
    """The first line of the process's stderr holding `words`, waited for at most `limit_s`
    (a kiosk that stays silent fails the test, it does not hang it)."""
    deadline = time.monotonic() + limit_s
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = process.lines.get(timeout=left)
        except queue.Empty:
            break
        if words in line:
            return line
    raise AssertionError(f"no line with {words!r} within {limit_s} s (exit {process.poll()})")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)


# 3. A crash loop from the saved position, 4. unbounded log lines -----------------------------

def test_a_nested_position_file_does_not_stop_a_real_kiosk_from_starting(tmp_path):
    env = kiosk_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtWidgets import QApplication
        from zzkiosk.kiosk.state import position_file
        from zzkiosk.app import run_player
        app = QApplication([])
        position_file({str(MINI)!r}, "screen").parent.mkdir(parents=True, exist_ok=True)
        position_file({str(MINI)!r}, "screen").write_text("[" * 100000)
        QTimer.singleShot(1500, lambda: QCoreApplication.exit(0))
        print("exit", run_player({str(MINI)!r}, windowed=False), flush=True)
    """)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["exit", "0"], result.stderr


def test_log_lines_are_bounded_in_length(tmp_path):
    script = textwrap.dedent("""
        import logging
        from zzkiosk.kiosk.logs import setup_logging
        path = setup_logging("info")
        logging.getLogger("zzkiosk.test").warning("value %s", "x" * 3_000_000)
        logging.getLogger("zzkiosk.test").warning("two\\nlines")
        logging.shutdown()
        print(path)
    """)
    result = subprocess.run([sys.executable, "-c", script], env=kiosk_env(tmp_path), capture_output=True,
                            text=True, timeout=60)
    lines = Path(result.stdout.strip()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and max(map(len, lines)) < 2200 and lines[1].endswith("two ⏎ lines")
    assert max(map(len, result.stderr.splitlines())) < 2200


# 6. The window destroyed by another X client -----------------------------------------------

def test_a_kiosk_window_destroyed_by_another_client_exits_4_for_the_service_manager(tmp_path, xvfb):
    display = xvfb()
    kiosk = start_kiosk(MINI, kiosk_env(tmp_path, display))
    try:
        wait_for_line(kiosk, "playing")
        window = subprocess.run(["xdotool", "search", "--name", "小样演示"], env={**os.environ, "DISPLAY": display},
                                capture_output=True, text=True, timeout=30).stdout.split()
        subprocess.run(["xdotool", "windowclose", window[0]], env={**os.environ, "DISPLAY": display}, timeout=30)
        line = wait_for_line(kiosk, "destroyed by another program", limit_s=20)
        assert kiosk.wait(timeout=30) == 4 and "exiting with code 4" in line
    finally:
        stop(kiosk)


def test_the_staff_chord_still_ends_a_kiosk_under_x_with_exit_0(tmp_path, xvfb):
    """The guard of the case above takes only a destruction nobody in the kiosk asked for."""
    display = xvfb()
    kiosk = start_kiosk(MINI, kiosk_env(tmp_path, display))
    try:
        wait_for_line(kiosk, "playing")
        subprocess.run(["xdotool", "key", "ctrl+shift+q"], env={**os.environ, "DISPLAY": display}, timeout=30)
        assert kiosk.wait(timeout=30) == 0
    finally:
        stop(kiosk)


# 7. A read-only log folder ---------------------------------------------------------------------

def test_a_log_that_cannot_rotate_warns_once_and_the_kiosk_goes_on(tmp_path):
    """The rotation cannot remove the old backup: a folder stands where zzkiosk.log.1 goes
    (what a read-only folder does, and what root cannot be stopped from by chmod)."""
    script = textwrap.dedent("""
        import logging
        from zzkiosk.kiosk import logs
        logs.MAX_BYTES = 2000
        path = logs.setup_logging("info")
        (path.parent / "zzkiosk.log.1").mkdir()
        (path.parent / "zzkiosk.log.1" / "x").touch()
        for number in range(200):
            logging.getLogger("zzkiosk.test").info("event %d %s", number, "." * 50)
        print("alive")
    """)
    result = subprocess.run([sys.executable, "-c", script], env=kiosk_env(tmp_path), capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.split() == ["alive"]
    assert "Logging error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("cannot write the log file") == 1
    assert "event 199" in result.stderr


# 9. One kiosk per display and screen ----------------------------------------------------------

def test_kiosks_on_two_x_servers_do_not_block_each_other_and_one_screen_takes_one(tmp_path, xvfb):
    env, displays = kiosk_env(tmp_path), (xvfb(), xvfb())
    first, second = (start_kiosk(MINI, env | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}) for display in displays)
    try:
        wait_for_line(first, "playing")
        wait_for_line(second, "playing")
        again = subprocess.run([sys.executable, "-m", "zzkiosk", str(MINI)], capture_output=True, text=True,
                               env=env | {"DISPLAY": displays[0], "QT_QPA_PLATFORM": "xcb"}, timeout=60)
        assert again.returncode == 3 and f"of display {displays[0]}" in again.stderr
        assert first.poll() is None and second.poll() is None
    finally:
        stop(first)
        stop(second)


# 10. Smaller ----------------------------------------------------------------------------------

def test_no_runtime_folder_is_said_in_zzkiosks_words(tmp_path):
    env = kiosk_env(tmp_path) | {"QT_QPA_PLATFORM": "offscreen"}
    del env["XDG_RUNTIME_DIR"]
    script = ("from zzkiosk.kiosk.logs import setup_logging; setup_logging('info', to_file=False); "
              "from PySide6.QtGui import QGuiApplication; app = QGuiApplication([]); "
              "from zzkiosk.kiosk.instance import lock_folder; print(lock_folder())")
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert "RuntimeDirWarning" not in result.stderr and "warnings.warn" not in result.stderr
    assert result.stderr.count("runtime folder is not usable") <= 1 and result.stdout.strip()
