"""Fault injection on a running player: each fault is survived, logged, and the last good deck plays on.

The player is the hot reload tests' live one (tests/test_reload_support.py); reloads are
driven with `reload_now()` so that no test waits on the poll. tests/README.md lists
every fault with what the kiosk does about it.
"""

import logging
import os
import shutil
import struct
import time
import zlib
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication

from test_navigation_support import MINI, with_durations
from test_reload_support import DECK, PART, figure, save
from zzkiosk.deck.loader import load_deck
from zzkiosk.kiosk.screens import ScreenFollower


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name.startswith("zzkiosk")]


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def assert_show_goes_on(qtbot, window, scene, shown) -> None:
    """The scene on screen before the fault is still there and still valid, and the show moves on."""
    presentation = window.presentation
    assert shiboken6.isValid(scene) and presentation.scene is scene and figure(window) == shown
    before = presentation.index
    presentation.next()
    qtbot.waitUntil(lambda: not presentation.is_animating, timeout=3000)
    assert presentation.index == (before + 1) % presentation.count
    assert presentation.scene is not None and window.isVisible()


def refused(qtbot, window, reload, caplog, expected: str) -> None:
    """reload_now() refuses, logs `expected`, and the show goes on."""
    scene, shown = window.presentation.scene, figure(window)
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        assert reload.reload_now() is False
    logged = "\n".join(messages(caplog))
    assert "the last good deck keeps playing" in logged
    assert expected in logged, logged
    assert_show_goes_on(qtbot, window, scene, shown)


def test_a_file_truncated_mid_write_is_refused_and_the_complete_one_comes_in(qtbot, live, tmp_path, caplog):
    window, reload = live()
    section = tmp_path / "sections/part.yaml"
    for cut in (len(PART) // 3, PART.index("385") + 2, len(PART) - 7):
        save(section, PART.replace("385", "386")[:cut])
        window.presentation.go_to(0)
        qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="zzkiosk"):
            assert reload.reload_now() is False, f"cut at {cut}"
        assert figure(window) == "385个"
    save(section, PART.replace("385", "386"))
    window.presentation.go_to(0)
    assert reload.reload_now() is True
    assert figure(window) == "386个"


@pytest.mark.parametrize("name", ["deck.yaml", "sections/part.yaml", "sections/more.yaml"])
def test_a_file_replaced_with_binary_garbage(qtbot, live, tmp_path, caplog, name):
    window, reload = live()
    garbage = bytes(range(256)) * 64 + os.urandom(4096) + b"\x00\xff" * 100
    save(tmp_path / name, garbage)
    refused(qtbot, window, reload, caplog, f"{tmp_path / name}:")


def test_a_file_made_unreadable_by_permissions(qtbot, live, tmp_path, caplog):
    window, reload = live()
    section = tmp_path / "sections/part.yaml"
    section.chmod(0)
    try:
        if os.access(section, os.R_OK):  # root reads any file: chmod blocks nothing (see the next two tests)
            pytest.skip("running as root: permissions do not block reading")
        refused(qtbot, window, reload, caplog, f"{section}")
    finally:
        section.chmod(0o644)
    assert reload.reload_now() is True


def test_a_file_the_system_refuses_to_read(qtbot, live, tmp_path, caplog, monkeypatch):
    """What chmod 000 does to anyone but root, simulated at the open() the reader makes (EACCES)."""
    window, reload = live()
    section = tmp_path / "sections/part.yaml"
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self == section:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    refused(qtbot, window, reload, caplog, f"{section}: the file cannot be read: Permission denied")
    monkeypatch.undo()
    assert reload.reload_now() is True


def test_a_file_replaced_by_a_folder(qtbot, live, tmp_path, caplog):
    """What an unreadable file looks like even to root."""
    window, reload = live()
    section = tmp_path / "sections/part.yaml"
    section.unlink()
    section.mkdir()
    refused(qtbot, window, reload, caplog, "sections/part.yaml")


def test_a_file_replaced_by_a_dangling_symlink(qtbot, live, tmp_path, caplog):
    window, reload = live()
    section = tmp_path / "sections/part.yaml"
    section.unlink()
    section.symlink_to(tmp_path / "gone.yaml")
    refused(qtbot, window, reload, caplog, "sections/part.yaml")


def test_the_deck_folder_deleted_and_put_back(qtbot, live, tmp_path, caplog):
    window, reload = live()
    backup = tmp_path.parent / f"{tmp_path.name}-backup"
    shutil.copytree(tmp_path, backup)
    shutil.rmtree(tmp_path / "sections")
    refused(qtbot, window, reload, caplog, "section file 'sections/part.yaml' not found")
    for child in tmp_path.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    tmp_path.rmdir()
    caplog.clear()
    refused(qtbot, window, reload, caplog, str(tmp_path))
    shutil.copytree(backup, tmp_path)
    assert reload.reload_now() is True


def test_a_theme_pointing_at_a_missing_font(qtbot, live, tmp_path, caplog):
    window, reload = live()
    theme = Path(__file__).parents[1] / "resources/themes/hall-red.yaml"
    text = theme.read_text(encoding="utf-8").replace("NotoSansSC-zzkiosk-Bold.otf", "Gone-Bold.otf")
    save(tmp_path / "hall.yaml", text)
    save(tmp_path / "deck.yaml", DECK.replace("theme: hall-red", "theme: hall.yaml"))
    refused(qtbot, window, reload, caplog, "font 'Gone-Bold.otf' cannot be used")
    save(tmp_path / "fake.otf", b"OTTO" + os.urandom(500))  # a font file that is not a font
    save(tmp_path / "hall.yaml", text.replace("Gone-Bold.otf", "fake.otf"))
    caplog.clear()
    refused(qtbot, window, reload, caplog, "font 'fake.otf' cannot be used")


@pytest.mark.parametrize("content", [b"GIF89a but not really", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b""],
                         ids=["text named png", "png header only", "empty"])
def test_an_image_that_is_not_an_image(qtbot, live, tmp_path, caplog, content):
    window, reload = live(index=1)  # on the picture's own slide
    save(tmp_path / "images/hall.png", content)
    refused(qtbot, window, reload, caplog, "images/hall.png: cannot read the image")


def big_bmp(path: Path, width: int, height: int) -> None:
    """A valid uncompressed 24-bit BMP of width x height (black), written in a blink (a sparse file)."""
    row = (width * 3 + 3) & ~3
    size = row * height
    header = b"BM" + struct.pack("<IHHI", 54 + size, 0, 0, 54)
    header += struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, size, 2835, 2835, 0, 0)
    with open(path, "wb") as handle:
        handle.write(header)
        handle.truncate(54 + size)


def png_bomb(path: Path, width: int, height: int) -> None:
    """A small valid PNG (1-bit grey) that decodes to width x height pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = (b"\x00" + b"\x00" * ((width + 7) // 8)) * height
    data = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + data + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def test_a_50_mb_image_is_shown_without_exhausting_memory(qtbot, live, tmp_path):
    window, reload = live(index=1)
    picture = tmp_path / "images/hall.png"
    picture.unlink()
    big_bmp(tmp_path / "images/hall.bmp", 8000, 2100)  # 50.4 MB, 16.8 megapixels
    assert (tmp_path / "images/hall.bmp").stat().st_size > 50e6
    save(tmp_path / "sections/part.yaml", PART.replace("hall.png", "hall.bmp"))
    before = rss_mb()
    assert reload.reload_now() is True
    window.stage.view.viewport().repaint()
    for _ in range(4):
        window.presentation.go_to(1 - window.presentation.index)
        qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=5000)
    assert window.presentation.scene.slide.id in ("picture", "projects")
    grown = rss_mb() - before
    assert grown < 400, f"RSS grew {grown:.0f} MB for one 50 MB picture"


def test_a_picture_claiming_too_many_pixels_is_refused_before_decoding(qtbot, live, tmp_path, caplog):
    window, reload = live(index=1)
    png_bomb(tmp_path / "images/hall.png", 12000, 6000)  # 72 megapixels in a few kB
    assert (tmp_path / "images/hall.png").stat().st_size < 100_000
    refused(qtbot, window, reload, caplog, "pictures over 40 megapixels are refused")


def test_a_picture_too_large_on_a_slide_not_shown_is_refused_too(qtbot, live, tmp_path, caplog):
    window, reload = live(index=3)
    png_bomb(tmp_path / "images/hall.png", 12000, 6000)
    refused(qtbot, window, reload, caplog, "72 megapixels")


def test_a_screen_removed_and_added(qtbot, live, monkeypatch, caplog):
    # Screens are compared by name and geometry and fetched afresh: after other tests'
    # windows have followed the screens, PySide6 can hand back a stale QScreen wrapper
    # for the same screen, and `is` between wrappers then fails with nothing wrong.
    window, _ = live()
    primary = QGuiApplication.primaryScreen()
    where = (primary.name(), primary.geometry())
    follower = ScreenFollower(window, "HDMI-2", window)
    import zzkiosk.kiosk.screens as screens

    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        monkeypatch.setattr(screens, "find_screen", lambda wanted: None)  # HDMI-2 unplugged
        QGuiApplication.instance().screenRemoved.emit(primary)
        qtbot.wait(screens.SETTLE_MS + 100)
        assert (window.screen().name(), window.geometry()) == where and window.isVisible()
        monkeypatch.setattr(QGuiApplication, "primaryScreen", staticmethod(lambda: None))  # no screen at all
        follower.follow()
        assert window.isVisible()
        monkeypatch.undo()
        monkeypatch.setattr(screens, "find_screen", lambda wanted: QGuiApplication.primaryScreen())  # plugged back in
        QGuiApplication.instance().screenAdded.emit(QGuiApplication.primaryScreen())
        qtbot.wait(screens.SETTLE_MS + 100)
    assert (window.screen().name(), window.geometry()) == where
    window.presentation.next()
    qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)
    assert window.presentation.index == 1


def test_the_wall_clock_jumping_back_does_not_stop_autoplay(qtbot, kiosk_window, monkeypatch):
    """Autoplay, idle resume and animations run on QTimer / QElapsedTimer (monotonic clocks)."""
    window = kiosk_window(deck=with_durations(load_deck(MINI), 0.2), autoplay=True)
    window.enable_autoplay(idle_seconds=0.3)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 3600 * 24)
    monkeypatch.setattr(time, "time_ns", lambda: int((real() - 3600 * 24) * 1e9))
    seen = {window.presentation.index}
    qtbot.waitUntil(lambda: seen.add(window.presentation.index) or len(seen) >= 3, timeout=8000)


def test_nothing_the_show_times_reads_the_wall_clock():
    """The static side of the clock test: no wall-clock reads in the player and kiosk code."""
    root = Path(__file__).parents[1] / "zzkiosk"
    wall = ("time.time(", "datetime.now", "QDateTime.currentDateTime", "QTime.currentTime", "time.localtime(")
    found = [f"{path}: {word}" for folder in ("player", "kiosk") for path in (root / folder).rglob("*.py")
             for word in wall if word in path.read_text(encoding="utf-8")]
    assert not found, found


def test_the_watch_survives_the_deck_vanishing_under_it(qtbot, live, tmp_path):
    """The file watch and poll (not reload_now) meet the folder gone: refused, nothing raised
    (pytest-qt fails the test on an exception in a Qt slot), and the show goes on."""
    window, reload = live()
    scene, shown = window.presentation.scene, figure(window)
    shutil.rmtree(tmp_path / "sections")
    qtbot.waitUntil(lambda: bool(reload.problems), timeout=5000)
    for child in tmp_path.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    tmp_path.rmdir()
    qtbot.wait(1500)
    assert_show_goes_on(qtbot, window, scene, shown)


@pytest.mark.parametrize("bad", ["not an image", "too many pixels"])
def test_a_theme_background_picture_that_cannot_be_shown(qtbot, live, tmp_path, caplog, bad):
    window, reload = live()
    theme = Path(__file__).parents[1] / "resources/themes/hall-red.yaml"
    text = theme.read_text(encoding="utf-8").replace(
        'gradient: ["#b3160f", "#8f0b0b", "#5c0505"]\n  angle: 70', "image: back.png")
    assert "image: back.png" in text
    if bad == "not an image":
        save(tmp_path / "back.png", b"<html>not a picture</html>")
    else:
        png_bomb(tmp_path / "back.png", 12000, 6000)
    save(tmp_path / "hall.yaml", text)
    save(tmp_path / "deck.yaml", DECK.replace("theme: hall-red", "theme: hall.yaml"))
    refused(qtbot, window, reload, caplog, "back.png")


def test_at_start_up_a_slide_with_an_oversized_picture_is_skipped_and_logged(tmp_path):
    from test_kiosk_mode import run_kiosk
    from test_reload_support import write_live_deck

    deck = write_live_deck(tmp_path / "deck")
    png_bomb(deck / "images/hall.png", 12000, 6000)
    logging_then_play = f"(__import__('zzkiosk.kiosk.logs').kiosk.logs.setup_logging(), run_player({str(deck)!r}))[1]"
    words = run_kiosk(tmp_path, logging_then_play, "\n".join([
        "window.presentation.go_to(1)",
        "from PySide6.QtCore import QTimer",
        "QTimer.singleShot(1000, lambda: (print('at', window.presentation.index, flush=True), window.quit_kiosk()))",
    ]))
    assert words == ["at", "2", "exit", "0"]  # the picture's slide (1) is passed over to the next
    log = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "state").rglob("*.log"))
    assert "pictures over 40 megapixels are refused" in log
