"""The command line: validate, schema, and their exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from decks import DECK, SECTION, write_deck
from zzkiosk.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_validate_valid_deck_exits_0(tmp_path, capsys):
    assert main(["validate", str(write_deck(tmp_path))]) == 0
    assert "valid: 1 slides in 1 sections" in capsys.readouterr().out


def test_validate_lists_every_error_and_exits_1(tmp_path, capsys):
    broken = SECTION.replace("label: 新签合同项目", "lable: 新签合同项目").replace("    title:", "    titel:")
    assert main(["validate", str(write_deck(tmp_path, sections={"sections/part.yaml": broken}))]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(line.endswith("part.yaml:5:5: unknown key 'titel': did you mean 'title'?") for line in err)
    assert any("part.yaml:7:40: unknown key 'lable': did you mean 'label'?" in line for line in err)
    assert "Traceback" not in "\n".join(err)


def test_validate_json(tmp_path, capsys):
    broken = SECTION.replace("value: 385", "value: -385")
    assert main(["validate", "--json", str(write_deck(tmp_path, sections={"sections/part.yaml": broken}))]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    (problem,) = report["problems"]
    assert (problem["line"], problem["column"], problem["severity"]) == (7, 18, "error")
    assert "negative" in problem["message"]


def test_validate_missing_folder_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    assert "deck.yaml: the file does not exist" in capsys.readouterr().err


def test_schema_prints_json_schema(capsys):
    assert main(["schema", "section"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "zzkiosk section file" and "slides" in schema["properties"]


@pytest.mark.parametrize("command", [["schema", "theme"], ["validate", "slides", "--json"],
                                     ["proof", "tests/decks/report"], ["--help"]])
def test_a_closed_pipe_ends_any_command_without_a_traceback(command):
    """`zzkiosk schema theme | head` ended in a BrokenPipeError traceback (issue 15). The
    reader's end is closed before the command starts, so its first write finds no reader."""
    reader, writer = os.pipe()
    os.close(reader)
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run([sys.executable, "-m", "zzkiosk", *command], stdout=writer, stderr=subprocess.PIPE,
                              cwd=ROOT, env=environment, timeout=120)
    finally:
        os.close(writer)
    assert b"Traceback" not in done.stderr and b"BrokenPipeError" not in done.stderr, done.stderr.decode()


@pytest.mark.parametrize("kiosk, where, message", [
    ("kiosk:\n  keys: {next: [PageDwn]}\n", "6:17", "kiosk.keys.next: 'PageDwn' is not a key name; did you mean 'PageDown'?"),
    ("kiosk:\n  keys:\n    black: [B, Ctrl+Rigth]\n", "7:16", "kiosk.keys.black: 'Ctrl+Rigth' is not a key name; did you mean 'Ctrl+Right'?"),
    ("kiosk:\n  quit_chord: Ctrl+Shift+Qq\n", "6:15", "kiosk.quit_chord: 'Ctrl+Shift+Qq' is not a key name"),
])
def test_validate_refuses_a_key_name_the_player_would_refuse(tmp_path, capsys, kiosk, where, message):
    """Regression: a misspelt key name passed validate (exit 0) and then stopped the player."""
    assert main(["validate", str(write_deck(tmp_path, DECK + kiosk))]) == 1
    assert f"deck.yaml:{where}: {message}" in capsys.readouterr().err
