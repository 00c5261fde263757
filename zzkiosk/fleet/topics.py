"""Topic names and what travels on them: commands checked before they reach the show, replies.

Qt-free and free of paho. A command payload is either the control port's text (`next`,
`goto 3`) or a JSON object `{"command": "goto 3", "id": "abc", "width": 320}`; either way
the words are parsed by the control vocabulary's one parser, never here. Only the two
words that make sense on a broker alone (`screenshot`, `health`) are answered by the fleet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from zzkiosk.control.commands import MAX_LINE_BYTES, CommandError, decode

ROOT = "zzkiosk"
"""First level of every fleet topic."""
WHY = "why"
"""The MQTT 5 user property of an `offline` availability: `stopped` (the kiosk's own) or `lost` (its will)."""
MAX_PAYLOAD_BYTES = 4096
"""Largest command payload read (a JSON wrapper around a command line of MAX_LINE_BYTES)."""
MAX_ID_CHARS = 128
"""Longest `id` echoed back in a reply."""
SCREENSHOT_WIDTH = 640
"""Width of a screenshot in pixels when the command names none."""
SCREENSHOT_WIDTHS = (16, 3840)
"""Smallest and largest screenshot width accepted."""

FLEET_WORDS = {
    "screenshot": ("screenshot [WIDTH]", "a PNG of the screen, WIDTH pixels wide (default 640), on zzkiosk/NAME/screenshot",
                   "当前画面的 PNG 截图（默认宽 640 像素），发到 zzkiosk/NAME/screenshot"),
    "health": ("health", "uptime, memory, frame rate, skipped slides and reloads, on zzkiosk/NAME/health",
               "运行时间、内存、帧率、跳过的页面和重新加载情况，发到 zzkiosk/NAME/health"),
}
"""Commands only MQTT answers (usage, help in English, help in Chinese); the rest are the control port's."""


@dataclass(frozen=True)
class Topics:
    """Every topic one kiosk uses."""

    name: str
    """The kiosk's name."""
    groups: tuple[str, ...] = ()
    """The groups it belongs to."""

    def _own(self, leaf: str) -> str:
        return f"{ROOT}/{self.name}/{leaf}"

    @property
    def status(self) -> str:
        """Retained JSON of the show state."""
        return self._own("status")

    @property
    def availability(self) -> str:
        """Retained `online`, or `offline` (said by the kiosk on quitting, by the broker's last will on a loss)."""
        return self._own("availability")

    @property
    def command(self) -> str:
        """Commands for this kiosk alone."""
        return self._own("command")

    @property
    def reply(self) -> str:
        """One reply per command."""
        return self._own("reply")

    @property
    def screenshot(self) -> str:
        """A PNG, published once per `screenshot` command, not retained."""
        return self._own("screenshot")

    @property
    def health(self) -> str:
        """Retained JSON of uptime, memory, frame rate, skipped slides and reloads."""
        return self._own("health")

    @property
    def subscriptions(self) -> list[str]:
        """The command topics this kiosk listens to: its own, everyone's and its groups'."""
        return [self.command, all_command()] + [group_command(group) for group in self.groups]


def all_command() -> str:
    """Commands for every kiosk on the broker."""
    return f"{ROOT}/all/command"


def group_command(group: str) -> str:
    """Commands for every kiosk of `group`."""
    return f"{ROOT}/group/{group}/command"


@dataclass(frozen=True)
class Request:
    """A command received over MQTT, checked and ready for the dispatcher."""

    line: str
    """The command line (control vocabulary, or a FLEET_WORDS word)."""
    id: str | None = None
    """The sender's id, echoed in the reply (JSON payloads)."""
    width: int = SCREENSHOT_WIDTH
    """For `screenshot`: the picture's width in pixels."""

    @property
    def word(self) -> str:
        """The first word, lower case."""
        return self.line.split(maxsplit=1)[0].lower() if self.line.split() else ""


def read_request(payload: bytes) -> Request:
    """The Request in a command payload, or CommandError saying what is wrong with it."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise CommandError("too-long", f"a command payload is at most {MAX_PAYLOAD_BYTES} bytes")
    if payload.lstrip()[:1] != b"{":
        return _with_width(Request(decode(payload)))
    try:
        data = json.loads(_utf8(payload))
    except ValueError as error:
        raise CommandError("json", f"the payload starts with '{{' but is not JSON ({error.msg} at character {error.pos})") from None
    if not isinstance(data, dict) or not isinstance(data.get("command"), str):
        raise CommandError("json", 'send {"command": "next", "id": "any text"} (command is text)')
    if len(data["command"].encode("utf-8")) > MAX_LINE_BYTES:
        raise CommandError("too-long", f"a command is at most {MAX_LINE_BYTES} bytes")
    unknown = sorted(set(data) - {"command", "id", "width"})
    if unknown:
        raise CommandError("json", f"unknown key(s) {', '.join(unknown)}: a command has command, id and width")
    request = Request(data["command"], _request_id(data.get("id")))
    request = _with_width(request)
    if "width" in data:
        request = Request(request.line, request.id, _width(data["width"]))
    return request


def _utf8(payload: bytes) -> str:
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError("encoding", "send commands as UTF-8 (or plain ASCII) text") from None


def _request_id(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise CommandError("json", "id must be text or a whole number")
    text = str(value)
    if len(text) > MAX_ID_CHARS or not text.isprintable():
        raise CommandError("json", f"id must be printable text of at most {MAX_ID_CHARS} characters")
    return text


def _with_width(request: Request) -> Request:
    """`screenshot 320` written as text: the width taken from the line."""
    words = request.line.split()
    if request.word != "screenshot":
        return request
    if len(words) > 2:
        raise CommandError("syntax", "write screenshot or screenshot WIDTH, like screenshot 320")
    width = _width(words[1]) if len(words) == 2 else request.width
    return Request("screenshot", request.id, width)


def _width(value: object) -> int:
    low, high = SCREENSHOT_WIDTHS
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CommandError("syntax", f"the screenshot width must be a whole number from {low} to {high}")
    return value


def reply_json(kiosk: str, request_id: str | None, reply: str) -> str:
    """The reply message: which kiosk, the request's id, and the control port's reply line."""
    data = {"kiosk": kiosk, "id": request_id, "ok": not reply.startswith("ERR"), "reply": reply}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
