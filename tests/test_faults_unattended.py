"""Unattended for a year (issue 13): crash loops, silent stalls and unbounded inputs.

Each test is one case of the issue, in its order; tests/README.md lists them with what the
kiosk does. Real processes run under Xvfb where a real window is the point (`xvfb` in
conftest.py).
"""

import logging
import os
import queue
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from decks import write_deck
from test_navigation_support import MINI
from test_reload_support import MORE, PART, figure, live, save  # noqa: F401
from zzkiosk.cli import main
from zzkiosk.deck.loader import load_deck
from zzkiosk.kiosk.screens import find_screen
from zzkiosk.kiosk.state import load_position, position_file, save_position

ROOT = Path(__file__).parents[1]


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name.startswith("zzkiosk")]


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


# 1. A crash loop from one character -------------------------------------------------------

@pytest.mark.parametrize("value", ['"①"', "²", '"١"', "-1", "100", "true"])
def test_a_screen_number_in_other_digits_is_refused_by_validate_with_its_line(tmp_path, capsys, value):
    deck = write_deck(tmp_path, f'title: t\nkiosk:\n  screen: {value}\nsections:\n  - sections/part.yaml\n')
    assert main(["validate", str(deck)]) == 1
    assert f"{deck / 'deck.yaml'}:3:11: " in capsys.readouterr().err


def test_a_screen_number_in_other_digits_on_the_command_line_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop_:
        main([str(MINI), "--screen", "²"])
    assert stop_.value.code == 2
    assert "'²' is not a screen number: write the number with the digits 0-9" in capsys.readouterr().err


def test_find_screen_reads_only_ascii_digits_as_a_number(qapp):
    assert find_screen("①") is None and find_screen("0") is QGuiApplication.screens()[0]


# 2. Hot reload in a large deck folder --------------------------------------------------

def test_a_section_edit_reloads_in_a_folder_of_6000_pictures_and_the_limit_is_logged_once(qtbot, live, tmp_path,
                                                                                           caplog):
    archive = tmp_path / "images/archive"
    archive.mkdir(parents=True)
    for number in range(6000):
        (archive / f"old-{number:04d}.png").touch()
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        window, reload = live(index=2)
        save(tmp_path / "sections/more.yaml", MORE.replace("value: 7,", "value: 8,"))
        qtbot.waitUntil(lambda: figure(window) == "8%", timeout=10_000)
        save(tmp_path / "sections/more.yaml", MORE.replace("value: 7,", "value: 9,"))
        qtbot.waitUntil(lambda: figure(window) == "9%", timeout=10_000)
    limit = [message for message in messages(caplog) if "besides its YAML files" in message]
    assert len(limit) == 1 and "move archives out of the deck folder" in limit[0]


# 3 and 4. The saved position: nested, huge, unreadable -----------------------------------

@pytest.fixture
def saved(tmp_path):
    """The position file of the mini deck (written by save_position), and the deck."""
    deck = load_deck(MINI)
    path = position_file(MINI, "faults")
    save_position(path, deck, 2)
    assert load_position(path, deck) == 2
    yield path, deck
    path.unlink(missing_ok=True)


@pytest.mark.parametrize("content", [b"[" * 100_000, b'{"section": ' * 50_000, b"\xff\xfe garbage",
                                     b'{"section": 1, "slide": 2}', b"[]"])
def test_a_position_file_that_is_not_ours_starts_at_the_beginning_with_a_log_line(saved, caplog, content):
    path, deck = saved
    path.write_bytes(content)
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        assert load_position(path, deck) is None
    logged = messages(caplog)
    assert len(logged) == 1 and f"saved position {path} cannot be used" in logged[0], logged


def test_a_100_mb_position_file_is_refused_without_reading_it(saved, caplog):
    path, deck = saved
    with path.open("wb") as file:
        file.truncate(100_000_000)  # sparse: no disk used
    started = time.process_time()
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        assert load_position(path, deck) is None
    assert "over 4096 bytes" in messages(caplog)[0]
    assert time.process_time() - started < 5  # a bound on the work, not a timing: reading it took 11 s


def test_an_unreadable_position_file_is_logged(saved, caplog):
    path, deck = saved
    path.unlink()
    path.mkdir()
    try:
        with caplog.at_level(logging.INFO, logger="zzkiosk"):
            assert load_position(path, deck) is None
        assert "cannot be used" in messages(caplog)[0]
    finally:
        path.rmdir()


def test_a_nested_position_file_does_not_stop_a_real_kiosk_from_starting(tmp_path):
    env = kiosk_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtWidgets import QApplication
        from zzkiosk.kiosk.state import position_file
        from zzkiosk.player.app import run_player
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


def test_validate_does_not_repeat_a_value_of_any_length(tmp_path, capsys):
    deck = write_deck(tmp_path, f'title: t\ncanvas: "{"y" * 1_500_000}"\nsections:\n  - sections/part.yaml\n')
    assert main(["validate", str(deck)]) == 1
    error = capsys.readouterr().err
    assert f"{deck / 'deck.yaml'}:2:9: 'canvas' cannot be" in error and len(error) < 2000


# 5. A half-written file that parses ---------------------------------------------------------

def test_a_section_cut_at_a_line_end_by_a_copy_never_reaches_the_screen(qtbot, live, tmp_path, caplog, monkeypatch):
    """The cut file is valid YAML with one slide fewer: the reload waits for a quiet hold
    (made long here, so that nothing but the rest of the copy can end it)."""
    monkeypatch.setattr("zzkiosk.kiosk.reload.SHRINK_HOLD_S", 600)
    window, reload = live(index=0)
    counts = []
    window.presentation.deck_replaced.connect(lambda: counts.append(window.presentation.count))
    section = tmp_path / "sections/part.yaml"
    cut = PART.replace("385", "386")[:PART.index("  - id: picture")]
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        save(section, cut)
        qtbot.waitUntil(lambda: any("reload on hold" in message for message in messages(caplog)), timeout=10_000)
        assert figure(window) == "385个" and counts == []
        save(section, PART.replace("385", "386"))
        qtbot.waitUntil(lambda: figure(window) == "386个", timeout=10_000)
    assert counts == [4]
    assert "section part has 1 slides, 2 before" in "\n".join(messages(caplog))


def test_slides_really_removed_come_in_after_the_hold(qtbot, live, tmp_path, caplog, monkeypatch):
    monkeypatch.setattr("zzkiosk.kiosk.reload.SHRINK_HOLD_S", 1.0)
    window, reload = live(index=0)
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        save(tmp_path / "sections/part.yaml", PART[:PART.index("  - id: picture")])
        qtbot.waitUntil(lambda: window.presentation.count == 3, timeout=15_000)
    assert any("taken after" in message for message in messages(caplog))


def test_a_file_cut_inside_a_character_says_so(qtbot, live, tmp_path, caplog):
    window, reload = live(index=0)
    raw = PART.encode()
    save(tmp_path / "sections/part.yaml", raw[:raw.index("第一部分".encode()) + 4])
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        assert reload.reload_now() is False
    assert "the file ends in the middle of a character: it is still being written" in "\n".join(messages(caplog))


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


# 8. render --pdf that wrote nothing -------------------------------------------------------------

def test_render_exits_1_when_the_pdf_cannot_be_written(tmp_path, capsys):
    (tmp_path / "a-folder.pdf").mkdir()
    assert main(["render", str(MINI), "--out", str(tmp_path / "png"), "--size", "160x90",
                 "--pdf", str(tmp_path / "a-folder.pdf")]) == 1
    assert "cannot write the PDF there" in capsys.readouterr().err


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

def test_a_refused_picture_is_listed_once_when_its_save_is_seen_twice(qtbot, live, tmp_path, caplog):
    """A picture copied slowly (or saved in two steps) is seen as two changes: the second
    refusal does not list the same problem again."""
    window, reload = live(index=0)
    with caplog.at_level(logging.INFO, logger="zzkiosk.kiosk.reload"):
        for content in (b"", b"not a picture yet"):
            save(tmp_path / "images/hall.png", content)
            assert reload.reload_now() is False
    listed = [message for message in messages(caplog) if "hall.png" in message]
    assert len(listed) == 1 and "reload refused again: the same 1 error(s)" in messages(caplog)[-1], listed


def test_a_broken_new_picture_fixed_in_place_comes_in(qtbot, live, tmp_path):
    """Only the pictures a deck shows are looked at between walks: those of an edit refused
    for its picture are, too, so that copying the fixed picture over it (in place: its
    folder does not change) is seen."""
    from test_reload_support import write_picture

    fixed = tmp_path.parent / f"{tmp_path.name}-fixed.png"  # outside the deck folder
    write_picture(fixed, "#204080")
    window, reload = live(index=0)
    (tmp_path / "images/new.png").write_bytes(b"not yet")
    save(tmp_path / "sections/part.yaml", PART.replace("images/hall.png", "images/new.png").replace("385", "386"))
    qtbot.waitUntil(lambda: bool(reload.problems), timeout=10_000)
    qtbot.wait(1000)  # the walks the new file caused are over
    with (tmp_path / "images/new.png").open("r+b") as file:  # cp over an existing file writes in place
        file.write(fixed.read_bytes())
    os.utime(tmp_path / "images/new.png", ns=(time.time_ns() + 9_000_000_000,) * 2)
    qtbot.waitUntil(lambda: figure(window) == "386个", timeout=10_000)


def test_validate_reads_pictures_as_the_player_does(tmp_path, capsys):
    deck = write_deck(tmp_path, sections={"sections/part.yaml": PART})
    whole = (ROOT / "tests/decks/all-blocks/images/hall.png").read_bytes()
    (tmp_path / "images").mkdir()
    (tmp_path / "images/hall.png").write_bytes(whole[:len(whole) // 2])
    assert main(["validate", str(deck)]) == 1
    assert f"{tmp_path / 'images/hall.png'}: cannot read the image" in capsys.readouterr().err


def test_no_runtime_folder_is_said_in_zzkiosks_words(tmp_path):
    env = kiosk_env(tmp_path) | {"QT_QPA_PLATFORM": "offscreen"}
    del env["XDG_RUNTIME_DIR"]
    script = ("from zzkiosk.kiosk.logs import setup_logging; setup_logging('info', to_file=False); "
              "from PySide6.QtGui import QGuiApplication; app = QGuiApplication([]); "
              "from zzkiosk.kiosk.instance import lock_folder; print(lock_folder())")
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert "RuntimeDirWarning" not in result.stderr and "warnings.warn" not in result.stderr
    assert result.stderr.count("runtime folder is not usable") <= 1 and result.stdout.strip()
