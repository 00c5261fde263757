"""Dispatcher: a parsed command run on the show, and the one reply line it earns.

Qt-free: it knows the Show only by its public methods (`run`, `state`, `deck`), so it runs
on whichever thread owns the show; the transports bring lines to it on the Qt thread.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Protocol

from zzkiosk import __version__
from zzkiosk.control.commands import (
    Command, CommandError, error_reply, list_json, ok_reply, parse, status_json,
)
from zzkiosk.control.guard import loggable
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.show.state import ShowState

log = logging.getLogger("zzkiosk.control")

SOURCE = "control"
"""The input source named to the Show: its rules treat every network command alike."""


class ShowLike(Protocol):
    """What the dispatcher needs of the Show."""

    @property
    def deck(self) -> Deck: ...

    def run(self, action: str, source: str, argument: int | None = None) -> bool: ...

    def state(self) -> ShowState: ...


class Dispatcher:
    """Runs command lines on `show` and answers each with one line."""

    def __init__(self, show: ShowLike):
        self._show = show
        self._started = time.monotonic()

    def status(self) -> str:
        """The status line (one line of JSON), as `status` answers and the push sends."""
        return status_json(self._show.state(), version=__version__, uptime=time.monotonic() - self._started)

    def handle(self, line: str, peer: str) -> str:
        """Run `line` from `peer` (address:port, for the log); the reply, without a line ending."""
        try:
            command = parse(line)
            reply = self._run(command)
        except CommandError as error:
            return error_reply(error)
        except Exception:  # a fault in the show must not take the port (or the kiosk) down
            log.exception("%s", tr("control: '{command}' from {peer} failed", command=loggable(line), peer=peer))
            return error_reply(CommandError("internal", "the kiosk could not run this command; see its log"))
        log.info("%s", tr("control: {command} from {peer}", command=loggable(line.strip()), peer=peer))
        return reply

    def _run(self, command: Command) -> str:
        if command.word == "status":
            return self.status()
        if command.word == "list":
            return list_json(self._show.deck)
        if command.word == "ping":
            return ok_reply(self._show.state())
        if command.word in ("goto", "section") and command.action is None:
            self._act("go_to", self._index_of(command.target))
        else:
            self._act(command.action or command.word)
        return ok_reply(self._show.state())

    def _act(self, action: str, argument: int | None = None) -> None:
        if not self._show.run(action, SOURCE, argument):
            raise CommandError("refused", f"the show did not take '{action}' now (is a reload under way?)")

    def _index_of(self, target: str) -> int:
        """The flat slide index `target` names: a slide number, or SECTION[/SLIDE]."""
        deck = self._show.deck
        if target.isdigit():
            number = int(target)
            if not 1 <= number <= len(deck.slides):
                raise CommandError("not-found", f"no slide {number}: the deck has slides 1 to {len(deck.slides)}")
            return number - 1
        from zzkiosk.show.navigation import Navigation

        try:
            return Navigation(deck).resolve(target.rstrip("/"))
        except ValueError as error:
            raise CommandError("not-found", str(error)) from None
