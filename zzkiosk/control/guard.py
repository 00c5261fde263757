"""What keeps the control port safe on a hall LAN: who may send, how often, what is logged.

Qt-free. Every transport asks the same Guard before a command reaches the show.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from zzkiosk.i18n import tr

log = logging.getLogger("zzkiosk.control")

MAX_TRACKED_SOURCES = 256
"""Sources whose rate is remembered; the oldest is forgotten first (memory stays flat)."""
LOG_LINES_PER_MINUTE = 60
"""Log lines about refused or dropped input, at most, per minute; the rest are counted."""
LOG_TEXT_LIMIT = 80
"""Characters of a received command written into the log."""


class RateLimit:
    """A token bucket per source: `rate` commands a second, bursts of `burst`."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self._rate, self._burst, self._clock = rate, burst, clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, source: str) -> bool:
        """True when `source` may send one more command now."""
        now = self._clock()
        tokens, then = self._buckets.pop(source, (float(self._burst), now))
        tokens = min(self._burst, tokens + (now - then) * self._rate)
        allowed = tokens >= 1
        self._buckets[source] = (tokens - 1 if allowed else tokens, now)
        if len(self._buckets) > MAX_TRACKED_SOURCES:
            self._buckets.popitem(last=False)
        return allowed


class LogLimit:
    """Writes at most LOG_LINES_PER_MINUTE warnings a minute, then says how many it held back."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._window_start = clock()
        self._written = 0
        self._held_back = 0

    def warning(self, message: str, *args: object) -> None:
        """Log `message % args` as a warning unless this minute's lines are used up."""
        now = self._clock()
        if now - self._window_start >= 60:
            if self._held_back:
                log.warning("%s", tr("control: {count} more refused or dropped command(s) not logged in the last minute",
                                        count=self._held_back))
            self._window_start, self._written, self._held_back = now, 0, 0
        if self._written >= LOG_LINES_PER_MINUTE:
            self._held_back += 1
            return
        self._written += 1
        log.warning(message, *args)


def loggable(text: str | bytes) -> str:
    """`text` made safe for one log line: shortened, control characters escaped."""
    if isinstance(text, bytes):
        text = text[: LOG_TEXT_LIMIT * 4].decode("utf-8", "replace")
    short = text[:LOG_TEXT_LIMIT]
    escaped = short.encode("unicode_escape").decode("ascii") if not short.isprintable() else short
    return escaped + ("…" if len(text) > LOG_TEXT_LIMIT else "")


class Guard:
    """Allow list, token and rate limit, shared by every transport."""

    def __init__(self, allow: Iterable[str], token: str | None, *, rate: float, burst: int):
        self._networks = [ipaddress.ip_network(entry, strict=False) for entry in allow]
        self._token = token.encode() if token else None
        self.rate = RateLimit(rate, burst)
        """Per-source command rate."""
        self.log = LogLimit()
        """Bounded logging of refusals."""

    def allowed(self, address: str) -> bool:
        """True when a controller at `address` (IPv4 or IPv6 text) may send commands."""
        try:
            ip = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            return False
        if ip.version == 6 and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in network for network in self._networks)

    @property
    def needs_token(self) -> bool:
        """True when a token is configured."""
        return self._token is not None

    def token_matches(self, given: str) -> bool:
        """True when `given` is the configured token (compared in constant time)."""
        return self._token is not None and hmac.compare_digest(given.encode(), self._token)

    def strip_token(self, line: str) -> tuple[bool, str]:
        """(authenticated, the rest) for a line that may start with the token as its first word."""
        first, _, rest = line.strip(" \t\r\n").partition(" ")
        if self.token_matches(first):
            return True, rest
        return False, line
