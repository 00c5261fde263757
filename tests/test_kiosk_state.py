"""The position survives a restart; positions, sections and the screen saver without surprises."""

from test_kiosk_mode import run_kiosk
from test_navigation_support import MINI

import json
import logging

import pytest

from zzkiosk.deck.loader import load_deck
from zzkiosk.kiosk.inhibit import SleepInhibitor
from zzkiosk.kiosk.state import load_position, position_file, save_position


@pytest.fixture
def state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def test_a_position_is_saved_atomically_and_read_back(state_home):
    deck = load_deck(MINI)
    path = position_file(deck.folder, "HDMI-1")
    assert path.is_relative_to(state_home)
    save_position(path, deck, 2)
    assert json.loads(path.read_text(encoding="utf-8"))["slide"] == "pushed"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    assert load_position(path, deck) == 2
    assert position_file(deck.folder, "HDMI-2") != path


@pytest.mark.parametrize("content", ['{"section": "two", "slide": "gone"}', "not json", '{"section": 1}'])
def test_a_position_the_deck_no_longer_has_is_ignored(state_home, content):
    deck = load_deck(MINI)
    path = position_file(deck.folder, "x")
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert load_position(path, deck) is None


def test_the_kiosk_restarts_where_it_was(tmp_path):
    first = run_kiosk(tmp_path, f"run_player({str(MINI)!r}, windowed=True)", "\n".join([
        "window.presentation.go_to(2)",
        "window.quit_kiosk()",
    ]))
    assert first == ["exit", "0"]
    again = run_kiosk(tmp_path, f"run_player({str(MINI)!r}, windowed=True)", "\n".join([
        "print('at', window.presentation.index, flush=True)",
        "window.quit_kiosk()",
    ]))
    assert again == ["at", "2", "exit", "0"]
    chosen = run_kiosk(tmp_path, f"run_player({str(MINI)!r}, windowed=True, start='one/2')", "\n".join([
        "print('at', window.presentation.index, flush=True)",
        "window.quit_kiosk()",
    ]))
    assert chosen == ["at", "1", "exit", "0"]  # --start wins over the saved position


def test_an_unknown_loop_section_is_a_clear_error(qapp, capsys):
    from zzkiosk.player.app import run_player

    assert run_player(MINI, windowed=True, loop_sections=["one", "three"]) == 2
    assert "--loop-sections: no section 'three': the sections are one, two" in capsys.readouterr().err


def test_the_screen_saver_inhibitor_never_raises(caplog):
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        inhibitor = SleepInhibitor()
        inhibitor.start("offscreen")  # no X server to tell: it logs what it could do, never raises
        inhibitor.stop()
    assert "screen saver" in caplog.text
