"""Controllers: one small class per way of driving the presentation (keys, autoplay, ...).

Each is built with the show or the presentation (and what it listens to), and has the
same lifecycle: `bind()` to start listening, `unbind()` to stop, `configure(deck)` on
start and on every hot reload to take the deck's settings. Input controllers run actions
through `Show.run`; they know the show's and the presentation's public methods and
signals, never each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck


class Controller(Protocol):
    """What every controller offers: start and stop listening."""

    def bind(self) -> None:
        """Start listening (to keys, timers, the presentation's signals, ...)."""

    def unbind(self) -> None:
        """Stop listening; the controller can be bound again later."""

    def configure(self, deck: Deck) -> None:
        """Take `deck`'s settings (at start and when hot reload replaces the deck)."""


def set_timer_seconds(timer: QTimer, seconds: float) -> None:
    """Let `timer` run `seconds` (at least a millisecond). Only a changed interval is set:
    setting one restarts a count under way."""
    milliseconds = max(1, round(seconds * 1000))
    if milliseconds != timer.interval():
        timer.setInterval(milliseconds)
