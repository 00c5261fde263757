"""The control vocabulary: one table of command words, one parser, one reply format.

Qt-free and free of any transport: UDP, TCP, OSC and HTTP all hand a line of text to
`parse` and send back what `ok_reply`, `error_reply`, `status_json` or `list_json` make.
No command names a file, a program or anything outside the show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zzkiosk.show.actions import ACTIONS

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.show.state import ShowState

MAX_LINE_BYTES = 1024
"""Longest command accepted, in bytes (a datagram, a TCP line, an HTTP body)."""


@dataclass(frozen=True)
class Verb:
    """One command word of the vocabulary: a Show action's network name, or a question."""

    word: str
    """What the controller sends (case-insensitive)."""
    action: str | None
    """The Show action it runs (its help text comes from the action table); None for a
    question (status, list, ping) or a position (goto, section)."""
    usage: str
    """How it is written, for the help table."""
    own_en: str = ""
    """What a word without an action does, in English."""
    own_zh: str = ""
    """What a word without an action does, in Chinese."""

    @property
    def help_en(self) -> str:
        """What it does, in English."""
        return ACTIONS[self.action].en if self.action else self.own_en

    @property
    def help_zh(self) -> str:
        """What it does, in Chinese."""
        return ACTIONS[self.action].zh if self.action else self.own_zh


VERBS: tuple[Verb, ...] = (
    Verb("next", "next", "next"),
    Verb("prev", "previous", "prev"),
    Verb("first", "first", "first"),
    Verb("last", "last", "last"),
    Verb("goto", None, "goto N | goto SECTION[/SLIDE]",
         "slide N of the deck, or a section (and slide) by id or number (goto 3/ is section 3)",
         "跳到第 N 页，或按编号/序号跳到某部分（及其中某页）"),
    Verb("section", None, "section next|prev", "first slide of the next or previous section", "下一部分 / 上一部分"),
    Verb("play", "play", "play"),
    Verb("pause", "hold", "pause"),
    Verb("home", "home", "home"),
    Verb("black", "black", "black"),
    Verb("white", "white", "white"),
    Verb("clear", "clear", "clear"),
    Verb("overview", "overview", "overview"),
    Verb("reload", "reload", "reload"),
    Verb("status", None, "status", "one line of JSON: what is on screen", "一行 JSON：当前画面状态"),
    Verb("list", None, "list", "one line of JSON: every section and slide", "一行 JSON：所有章节和页面"),
    Verb("ping", None, "ping", "is the kiosk there? (replies like any command)", "检测播放机是否在线"),
)
"""Every command word, in the order the help table lists them. Words with an action take
their meaning from the Show's action table (zzkiosk.show.actions), the one place actions
are described."""

_BY_WORD = {verb.word: verb for verb in VERBS}
_ALIASES = {"previous": "prev", "go": "goto", "stop": "pause", "blank": "black"}
_SECTION_STEPS = {"next": "next_section", "prev": "previous_section", "previous": "previous_section"}


class CommandError(Exception):
    """A command that cannot be run: an error code and a reason for the controller's log."""

    def __init__(self, code: str, reason: str):
        super().__init__(f"{code} {reason}")
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class Command:
    """A parsed command line."""

    word: str
    """The verb, lower case (aliases resolved)."""
    action: str | None
    """The Show action to run, or None for a question or a goto."""
    target: str = ""
    """For goto: what follows the word (a slide number or SECTION[/SLIDE])."""


def decode(raw: bytes) -> str:
    """The text of one received command (UTF-8, at most MAX_LINE_BYTES), or CommandError."""
    if len(raw) > MAX_LINE_BYTES:
        raise CommandError("too-long", f"a command is at most {MAX_LINE_BYTES} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError("encoding", "send commands as UTF-8 (or plain ASCII) text") from None


def parse(line: str) -> Command:
    """The command in `line` (ending CR, LF or CRLF allowed), or CommandError saying why not."""
    words = line.strip(" \t\r\n").split()
    if not words:
        raise CommandError("empty", "send a command such as next, goto 3 or status")
    if any(not word.isprintable() for word in words):
        raise CommandError("syntax", "control characters are not allowed in a command")
    word = _ALIASES.get(words[0].lower(), words[0].lower())
    verb = _BY_WORD.get(word)
    if verb is None:
        raise CommandError("unknown", f"unknown command '{_shorten(words[0])}'; known: {', '.join(_BY_WORD)}")
    rest = words[1:]
    if word == "goto":
        return _goto(rest)
    if word == "section":
        return _section(rest)
    if rest:
        raise CommandError("syntax", f"'{word}' takes nothing after it")
    return Command(word, verb.action)


def _goto(rest: list[str]) -> Command:
    if len(rest) != 1:
        raise CommandError("syntax", "write goto N (a slide number) or goto SECTION[/SLIDE]")
    target = rest[0]
    if target.count("/") > 1 or target.startswith("/"):
        raise CommandError("syntax", "write goto SECTION/SLIDE, with one '/'")
    return Command("goto", None, target)


def _section(rest: list[str]) -> Command:
    if len(rest) != 1:
        raise CommandError("syntax", "write section next, section prev or section ID")
    step = _SECTION_STEPS.get(rest[0].lower())
    if step is not None:
        return Command("section", step)
    return _goto([rest[0].rstrip("/") + "/"])


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def ok_reply(state: ShowState) -> str:
    """`OK section/slide n/total`: where the show is after a command."""
    current = state.current
    if current is None:
        return f"OK -/- 0/{state.total}"
    return f"OK {current.section}/{current.slide} {current.number}/{state.total}"


def error_reply(error: CommandError) -> str:
    """`ERR code reason`, on one line."""
    reason = " ".join(error.reason.split())
    return f"ERR {error.code} {reason}"


def status_json(state: ShowState, *, version: str, uptime: float) -> str:
    """The show state as one line of JSON, with the kiosk's version and uptime in seconds."""
    data: dict[str, Any] = {"ok": True, **state.to_dict(), "version": version, "uptime": round(uptime, 1)}
    if state.seconds_left is not None:
        data["seconds_left"] = round(state.seconds_left, 1)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def list_json(deck: Deck) -> str:
    """Every section and slide (ids, numbers, titles) as one line of JSON, for a controller's buttons."""
    sections, number = [], 0
    for section_number, section in enumerate(deck.sections, start=1):
        slides = []
        for slide_number, slide in enumerate(section.slides, start=1):
            number += 1
            slides.append({"id": slide.id, "number": slide_number, "deck_number": number, "title": slide.title})
        sections.append({"id": section.id, "number": section_number, "title": section.title, "slides": slides})
    data = {"ok": True, "deck_title": deck.title, "total": number, "sections": sections}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def help_table() -> str:
    """The vocabulary as a plain-text table (for `zzkiosk control --help`), in the language in use."""
    from zzkiosk.i18n import language

    chinese = language() == "zh"
    width = max(len(verb.usage) for verb in VERBS)
    return "\n".join(f"  {verb.usage:<{width}}  {verb.help_zh if chinese else verb.help_en}" for verb in VERBS)
