"""Controllers: one small class per way of driving the presentation (keys, autoplay, ...).

Each is built with the presentation (and what it listens to), and has the same
lifecycle: `bind()` to start listening, `unbind()` to stop. They know the presentation's
public methods and signals, never each other.
"""

from typing import Protocol


class Controller(Protocol):
    """What every controller offers: start and stop listening."""

    def bind(self) -> None:
        """Start listening (to keys, timers, the presentation's signals, ...)."""

    def unbind(self) -> None:
        """Stop listening; the controller can be bound again later."""
