"""Text commands as the UDP and TCP transports receive them: framing, checks, one answer.

Qt-free. `LineBuffer` cuts a TCP byte stream into lines (CR, LF or CRLF) and never holds
more than one line's worth; `answer` turns one received command into its reply line after
the guard's checks, so both transports refuse the same things the same way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from zzkiosk.control.commands import MAX_LINE_BYTES, CommandError, decode, error_reply
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.control.dispatch import Dispatcher
    from zzkiosk.control.guard import Guard

_LINE_END = re.compile(rb"\r\n|\r|\n")


class LineBuffer:
    """Bytes in, complete lines out; a line longer than MAX_LINE_BYTES becomes one TooLong."""

    TOO_LONG = object()
    """Stands in the output for a line that was over the limit (and was thrown away)."""

    def __init__(self) -> None:
        self._pending = bytearray()
        self._discarding = False

    @property
    def holds_partial_line(self) -> bool:
        """True while a line has begun and not ended (a slowloris client stays here)."""
        return bool(self._pending) or self._discarding

    def feed(self, data: bytes) -> list[bytes | object]:
        """The lines that `data` completes (empty lines skipped), TOO_LONG for each over-long one."""
        out: list[bytes | object] = []
        self._pending += data
        parts = _LINE_END.split(bytes(self._pending))
        self._pending = bytearray(parts.pop())
        for part in parts:
            if self._discarding:
                self._discarding = False
                out.append(self.TOO_LONG)
            elif len(part) > MAX_LINE_BYTES:
                out.append(self.TOO_LONG)
            elif part.strip():
                out.append(part)
        if len(self._pending) > MAX_LINE_BYTES:
            self._pending.clear()
            self._discarding = True
        return out


def answer(raw: bytes, peer: str, *, guard: Guard, dispatcher: Dispatcher, authenticated: bool,
           token_required: bool) -> str:
    """The reply line to one received command `raw` from `peer` ("udp 1.2.3.4:5678")."""
    try:
        line = decode(raw)
    except CommandError as error:
        guard.log.warning("%s", tr("control: {code} from {peer}: {reason}", code=error.code, peer=peer, reason=error.reason))
        return error_reply(error)
    if guard.needs_token:
        has_token, rest = guard.strip_token(line)
        if has_token:
            line, authenticated = rest, True
    if token_required and not authenticated:
        guard.log.warning("%s", tr("control: command without the token from {peer} refused", peer=peer))
        return error_reply(CommandError("unauthorized", "start the command with the token (or send auth TOKEN first)"))
    return dispatcher.handle(line, peer)


def too_long_reply() -> str:
    """The reply to a line over the limit."""
    return error_reply(CommandError("too-long", f"a command is at most {MAX_LINE_BYTES} bytes"))
