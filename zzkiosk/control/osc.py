"""OSC over UDP (python-osc's message format): /zzkiosk/next, /zzkiosk/goto "review-2020/3" or i 12.

An OSC address below /zzkiosk/ and its arguments are read as the words of a text command
(`/zzkiosk/section/next` and `/zzkiosk/section "next"` are both `section next`), so OSC
speaks exactly the vocabulary of `commands`. Each reply goes back as /zzkiosk/reply with
the reply line; state changes go out as /zzkiosk/status. When a token is required, it is
the first argument of every message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING


from zzkiosk.control.commands import MAX_LINE_BYTES, CommandError, error_reply
from zzkiosk.control.udp import DatagramPort
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtNetwork import QHostAddress

    from zzkiosk.control.plain import ControlSettings
    from zzkiosk.control.dispatch import Dispatcher
    from zzkiosk.control.guard import Guard
    from zzkiosk.show.state import ShowState

PREFIX = "/zzkiosk/"
"""Every address this kiosk answers starts here."""


def command_line(datagram: bytes) -> tuple[list[str], str]:
    """(the arguments as text, the command line) of one OSC message; CommandError when it is not one."""
    from pythonosc.osc_message import OscMessage

    try:  # python-osc's parser meets hostile bytes here: any failure is a malformed message
        message = OscMessage(datagram)
        address, params = message.address, list(message.params)
    except Exception:
        raise CommandError("syntax", "not an OSC message (a bundle or broken bytes?)") from None
    if not address.startswith(PREFIX):
        raise CommandError("unknown", f"OSC addresses start with {PREFIX}, like {PREFIX}next")
    words = [part for part in address[len(PREFIX):].split("/") if part]
    args = []
    for param in params:
        if isinstance(param, bool) or not isinstance(param, (str, int)):
            raise CommandError("syntax", "OSC arguments are text (s) or whole numbers (i)")
        args.append(str(param))
    return args, " ".join(words)


def message(address: str, *args: str | int) -> bytes:
    """The bytes of one OSC message."""
    from pythonosc.osc_message_builder import OscMessageBuilder

    builder = OscMessageBuilder(address)
    for arg in args:
        builder.add_arg(arg)
    return builder.build().dgram


def status_message(state: ShowState) -> bytes:
    """/zzkiosk/status section slide number total section-title slide-title autoplay cover."""
    current = state.current
    if current is None:
        return message(PREFIX + "status", "", "", 0, state.total, "", "", state.autoplay, state.cover)
    return message(PREFIX + "status", current.section, current.slide, current.number, state.total,
                   current.section_title, current.title, state.autoplay, state.cover)


class OscUdp(DatagramPort):
    """Answers OSC messages from allowed senders with /zzkiosk/reply."""

    def __init__(self, settings: ControlSettings, guard: Guard, dispatcher: Dispatcher, parent: QObject):
        super().__init__(settings, guard, dispatcher, parent, settings.osc, "OSC control")

    def _one(self, raw: bytes, sender: QHostAddress, port: int) -> None:
        address = sender.toString()
        if port <= 0 or not self._guard.allowed(address):
            self._guard.log.warning("%s", tr("control: OSC from {peer} dropped: not in the allow list", peer=address))
            return
        if not self._guard.rate.allow(address):
            self._guard.log.warning("%s", tr("control: OSC from {peer} dropped: over the rate limit", peer=address))
            return
        reply = self._answer(raw, f"osc {address}:{port}")
        self._socket.writeDatagram(message(PREFIX + "reply", reply), sender, port)

    def _answer(self, raw: bytes, peer: str) -> str:
        try:
            if len(raw) > MAX_LINE_BYTES:
                raise CommandError("too-long", f"a message is at most {MAX_LINE_BYTES} bytes")
            args, words = command_line(raw)
            if self._token_required and not (args and self._guard.token_matches(args.pop(0))):
                raise CommandError("unauthorized", "give the token as the first argument")
        except CommandError as error:
            self._guard.log.warning("%s", tr("control: {code} from {peer}: {reason}", code=error.code, peer=peer,
                                             reason=error.reason))
            return error_reply(error)
        return self._dispatcher.handle(" ".join([words, *args]), peer)
