"""Unattended for a year (issue 13): crash loops, silent stalls and unbounded inputs.

Each test is one case of the issue, in its order; tests/README.md lists them with what the
kiosk does. The cases that need a real process (a real window under Xvfb, logging set up
in a fresh interpreter) are in test_faults_processes.py.
"""

import logging
import os
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from decks import write_deck
from test_navigation_support import MINI
from test_reload_support import MORE, PART, figure, save
from zzkiosk.cli import main
from zzkiosk.deck.loader import load_deck
from zzkiosk.kiosk.screens import find_screen
from zzkiosk.kiosk.state import load_position, position_file, save_position

ROOT = Path(__file__).parents[1]


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name.startswith("zzkiosk")]


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


def test_a_start_number_in_other_digits_is_named_like_any_unknown_start(capsys):
    from zzkiosk.show.navigation import Navigation

    with pytest.raises(ValueError, match="no section '²': give an id"):
        Navigation(load_deck(MINI)).resolve("²")


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
    """Reading it whole took 11 s and 1.15 GB before the first slide; now 4 kB are read."""
    path, deck = saved
    with path.open("wb") as file:
        file.truncate(100_000_000)  # sparse: no disk used
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        assert load_position(path, deck) is None
    assert "over 4096 bytes: not a position file" in messages(caplog)[0]


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


# 8. render --pdf that wrote nothing -------------------------------------------------------------

def test_render_exits_1_when_the_pdf_cannot_be_written(tmp_path, capsys):
    (tmp_path / "a-folder.pdf").mkdir()
    assert main(["render", str(MINI), "--out", str(tmp_path / "png"), "--size", "160x90",
                 "--pdf", str(tmp_path / "a-folder.pdf")]) == 1
    assert "cannot write the PDF there" in capsys.readouterr().err


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
