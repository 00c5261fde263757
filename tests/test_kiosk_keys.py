"""Key bindings as data: names people write, the deck's overrides, clear errors for unknown names."""

from test_navigation_support import MINI

import re
import shutil

import pytest
from PySide6.QtCore import QKeyCombination, Qt

from zzkiosk.app import run_player
from zzkiosk.player.controllers.keys import (DEFAULT_KEYS, KeyNameError, bindings_with, key_table, kiosk_key_table,
                                             parse_key)


@pytest.mark.parametrize("name, key, modifiers", [
    ("PageDown", Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
    ("PgDown", Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
    ("page up", Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier),
    ("Escape", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ("ctrl+right", Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+Shift+Q", Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    ("?", Qt.Key.Key_Question, Qt.KeyboardModifier.NoModifier),
    ("Ctrl++", Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier),
])
def test_key_names_as_staff_write_them(name, key, modifiers):
    assert parse_key(name) == QKeyCombination(modifiers, key)


@pytest.mark.parametrize("name, hint", [("PageDwn", "did you mean 'PageDown'"), ("Ctrl+Rigth", "did you mean 'Ctrl+Right'"),
                                        ("Ctrl", "is not a key name"), ("", "is not a key name")])
def test_unknown_key_names_are_errors_that_say_what_was_meant(name, hint):
    with pytest.raises(KeyNameError, match=re.escape(hint)):
        parse_key(name)


def test_every_default_key_name_is_valid_and_bound_once():
    table = key_table(DEFAULT_KEYS)
    assert len(table) == sum(len(names) for names in DEFAULT_KEYS.values())


def test_a_deck_binding_replaces_that_actions_keys_and_wins_a_shared_key():
    table = key_table(bindings_with({"black": ["Right", "X"]}), overridden=["black"])
    assert table[parse_key("Right")] == "black"
    assert table[parse_key("X")] == "black"
    assert parse_key("B") not in table
    assert table[parse_key("PageDown")] == "next"


def test_the_bad_setting_is_named():
    with pytest.raises(KeyNameError, match=r"kiosk\.keys\.next: 'PageDwn'"):
        kiosk_key_table({"next": ["PageDwn"]}, "Ctrl+Shift+Q")
    with pytest.raises(KeyNameError, match=re.escape("kiosk.quit_chord: 'Ctrl+Shift+Qq'")):
        kiosk_key_table({}, "Ctrl+Shift+Qq")


def test_deck_key_overrides_drive_the_window(qtbot, kiosk_window):
    window = kiosk_window(keys={"next": ["X", "PageDown"], "black": ["Z"]})
    qtbot.keyClick(window, Qt.Key.Key_Right)  # no longer next
    assert window.presentation.index == 0
    qtbot.keyClick(window, Qt.Key.Key_X)
    assert window.presentation.index == 1
    qtbot.keyClick(window, Qt.Key.Key_Z)
    assert window.blank.colour == "black"


def test_a_deck_with_an_unknown_key_name_is_refused_before_playing(qapp, tmp_path, capsys):
    deck = (MINI / "deck.yaml").read_text(encoding="utf-8").replace("  loop: true\n", "  loop: true\n  keys: {next: [PageDwn]}\n")
    (tmp_path / "deck.yaml").write_text(deck, encoding="utf-8")
    shutil.copytree(MINI / "sections", tmp_path / "sections")
    assert run_player(tmp_path, windowed=True) == 1
    err = capsys.readouterr().err
    assert "deck.yaml:12:17: kiosk.keys.next: 'PageDwn' is not a key name; did you mean 'PageDown'?" in err


def test_the_help_card_lists_the_keys_in_use(qtbot, kiosk_window):
    window = kiosk_window(keys={"black": ["Z"]})
    qtbot.keyClicks(window, "?")
    rows = dict(reversed(window.help_card.rows))  # the first row of a name: keys before clicks and touch
    assert rows["black screen"] == "Z"  # tests/conftest.py sets English; Chinese: tests/test_translations.py
    assert "PageDown" in rows["next"] and "→" in rows["next"]
    assert rows["quit (staff)"] == "Ctrl+Shift+Q"


def test_qt_reads_every_name_of_the_qt_free_key_table_as_that_key():
    """validate checks key names without Qt; the player must accept exactly those names."""
    from PySide6.QtGui import QKeySequence

    from zzkiosk.show.keynames import KEY_NAMES, MODIFIERS

    portable = QKeySequence.SequenceFormat.PortableText
    for name in [*KEY_NAMES, *(f"{modifier}+Right" for modifier in MODIFIERS.values())]:
        sequence = QKeySequence.fromString(name, portable)
        assert sequence.count() == 1 and sequence[0].key() != Qt.Key.Key_unknown, name
        assert QKeySequence(sequence[0]).toString(portable) == name


def test_every_default_key_of_the_action_table_parses():
    from zzkiosk.show.actions import ACTION_TABLE

    for spec in ACTION_TABLE:
        assert len({parse_key(name) for name in spec.keys}) == len(spec.keys), spec.name
