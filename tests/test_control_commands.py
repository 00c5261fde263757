"""The control vocabulary, Qt-free: parsing, replies, line framing, the guard, and fuzzing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zzkiosk.control.commands import (
    MAX_LINE_BYTES, VERBS, CommandError, decode, error_reply, help_table, list_json, ok_reply, parse, status_json,
)
from zzkiosk.control.guard import Guard, LogLimit, RateLimit, loggable
from zzkiosk.control.lines import LineBuffer
from zzkiosk.deck.loader import load_deck
from zzkiosk.show.state import ShowState, slide_refs

MINI = Path(__file__).parent / "decks" / "mini"


@pytest.mark.parametrize("line, word, action, target", [
    ("next", "next", "next", ""),
    ("NEXT\r\n", "next", "next", ""),
    ("Prev\r", "prev", "previous", ""),
    ("previous\n", "prev", "previous", ""),
    ("first", "first", "first", ""),
    ("last", "last", "last", ""),
    ("goto 3", "goto", None, "3"),
    ("GoTo review-2020/3", "goto", None, "review-2020/3"),
    ("goto 2/1", "goto", None, "2/1"),
    ("goto 2/", "goto", None, "2/"),
    ("section next", "section", "next_section", ""),
    ("section PREV", "section", "previous_section", ""),
    ("section two", "goto", None, "two/"),
    ("play", "play", "play", ""),
    ("pause", "pause", "hold", ""),
    ("home", "home", "home", ""),
    ("black", "black", "black", ""),
    ("white", "white", "white", ""),
    ("clear", "clear", "clear", ""),
    ("overview", "overview", "overview", ""),
    ("reload", "reload", "reload", ""),
    ("status", "status", None, ""),
    ("list", "list", None, ""),
    ("  ping  ", "ping", None, ""),
])
def test_every_command_word_parses(line, word, action, target):
    command = parse(line)
    assert (command.word, command.action, command.target) == (word, action, target)


@pytest.mark.parametrize("line, code", [
    ("", "empty"),
    ("\r\n", "empty"),
    ("jump", "unknown"),
    ("open /etc/passwd", "unknown"),
    ("next please", "syntax"),
    ("goto", "syntax"),
    ("goto a b", "syntax"),
    ("goto a/b/c", "syntax"),
    ("goto /x", "syntax"),
    ("section", "syntax"),
    ("next\x00", "syntax"),
    ("next\nprev", "syntax"),
])
def test_bad_lines_are_refused_with_a_code(line, code):
    with pytest.raises(CommandError) as refused:
        parse(line)
    assert refused.value.code == code
    reply = error_reply(refused.value)
    assert reply.startswith(f"ERR {code} ") and "\n" not in reply


def test_decode_takes_utf8_up_to_the_limit_only():
    assert decode("goto 第二部分".encode()) == "goto 第二部分"
    with pytest.raises(CommandError, match="encoding"):
        decode(b"next\xff")
    with pytest.raises(CommandError, match="too-long"):
        decode(b"x" * (MAX_LINE_BYTES + 1))


def test_replies_name_the_position_and_the_state():
    deck = load_deck(MINI)
    refs = slide_refs(deck)
    state = ShowState(deck.title, len(refs), refs[2], refs[3], "", "paused", 1.234, "black")
    assert ok_reply(state) == "OK two/pushed 3/4"
    status = json.loads(status_json(state, version="9.9", uptime=12.34))
    assert status["current"]["section"] == "two" and status["next"]["slide"] == "zoomed"
    assert (status["cover"], status["autoplay"], status["version"], status["uptime"]) == ("black", "paused", "9.9", 12.3)
    assert status["seconds_left"] == 1.2
    assert ok_reply(ShowState(deck.title, 4, None, None, "", "off", None, "none")) == "OK -/- 0/4"


def test_list_names_every_section_and_slide_on_one_line():
    line = list_json(load_deck(MINI))
    assert "\n" not in line
    listed = json.loads(line)
    assert [section["id"] for section in listed["sections"]] == ["one", "two"]
    assert [slide["deck_number"] for section in listed["sections"] for slide in section["slides"]] == [1, 2, 3, 4]
    assert listed["sections"][1]["slides"][0] == {"id": "pushed", "number": 1, "deck_number": 3, "title": "推入"}


def test_the_help_table_lists_every_word():
    table = help_table()
    assert all(verb.usage in table for verb in VERBS)


def test_line_buffer_cuts_on_cr_lf_and_crlf_even_split_across_reads():
    lines = LineBuffer()
    assert lines.feed(b"next\r") == [b"next"]
    assert lines.feed(b"\nprev\nfir") == [b"prev"]
    assert lines.holds_partial_line
    assert lines.feed(b"st\r\n\r\n") == [b"first"]
    assert not lines.holds_partial_line


def test_line_buffer_holds_at_most_one_line_and_reports_an_overlong_one_once():
    lines = LineBuffer()
    out = []
    for _ in range(100):
        out += lines.feed(b"x" * 1000)
    assert out == [] and lines.holds_partial_line
    assert lines.feed(b"\nnext\n") == [LineBuffer.TOO_LONG, b"next"]
    assert lines.feed(b"y" * (MAX_LINE_BYTES + 5) + b"\n") == [LineBuffer.TOO_LONG]


def test_guard_allows_listed_networks_only():
    guard = Guard(["127.0.0.1", "192.168.10.0/24"], None, rate=10, burst=20)
    assert guard.allowed("127.0.0.1") and guard.allowed("192.168.10.77") and guard.allowed("::ffff:127.0.0.1")
    assert not guard.allowed("127.0.0.2") and not guard.allowed("10.0.0.1") and not guard.allowed("nonsense")


def test_guard_strips_the_token_only_when_it_matches():
    guard = Guard(["127.0.0.1"], "s3cret-token", rate=10, burst=20)
    assert guard.strip_token("s3cret-token next") == (True, "next")
    assert guard.strip_token("wrong next") == (False, "wrong next")
    assert not guard.token_matches("s3cret-toke")


def test_rate_limit_allows_a_burst_then_refills_with_time():
    now = [0.0]
    limit = RateLimit(rate=10, burst=5, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(7)] == [True] * 5 + [False] * 2
    assert limit.allow("b")
    now[0] += 0.25
    assert [limit.allow("a") for _ in range(3)] == [True, True, False]


def test_rate_limit_forgets_old_sources_so_memory_stays_flat():
    limit = RateLimit(rate=1, burst=1)
    for number in range(5000):
        limit.allow(f"10.0.{number // 256}.{number % 256}")
    assert len(limit._buckets) <= 256


def test_log_limit_writes_a_bounded_number_of_lines(caplog):
    now = [0.0]
    limit = LogLimit(clock=lambda: now[0])
    with caplog.at_level("WARNING", logger="zzkiosk.control"):
        for number in range(1000):
            limit.warning("dropped %d", number)
        now[0] += 61
        limit.warning("after a minute")
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 62
    assert "940 more refused or dropped" in messages[-2] and messages[-1] == "after a minute"


def test_loggable_escapes_control_characters_and_shortens():
    assert loggable("next\x1b[2J") == "next\\x1b[2J"
    assert len(loggable("x" * 500)) == 81


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=1500).map(lambda raw: raw.decode("utf-8", "replace"))))
def test_any_line_parses_or_is_refused_with_one_reply_line(line):
    try:
        command = parse(line)
    except CommandError as error:
        reply = error_reply(error)
        assert reply.startswith("ERR ") and "\n" not in reply and "\r" not in reply
    else:
        assert command.word in {verb.word for verb in VERBS}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=600), max_size=20))
def test_any_byte_stream_frames_into_bounded_lines(chunks):
    lines = LineBuffer()
    for chunk in chunks:
        for line in lines.feed(chunk):
            assert line is LineBuffer.TOO_LONG or (0 < len(line) <= MAX_LINE_BYTES and b"\n" not in line)
        assert len(lines._pending) <= MAX_LINE_BYTES


def test_every_command_action_is_in_the_shows_action_table():
    from zzkiosk.show.actions import ACTIONS

    for verb in VERBS:
        assert verb.action is None or verb.action in ACTIONS, verb.word
        assert verb.help_en and verb.help_zh, verb.word


def test_the_vocabulary_the_config_and_the_client_import_no_qt_and_no_network_library():
    import subprocess
    import sys

    modules = "commands config guard lines dispatch client cli".split()
    script = ("import sys\n" + "".join(f"import zzkiosk.control.{name}\n" for name in modules)
              + "print(sorted(m for m in ('PySide6', 'aiohttp', 'zeroconf', 'pythonosc') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
