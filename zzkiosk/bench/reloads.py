"""Memory over 200 hot reloads (needs zzkiosk.kiosk.reload, being built alongside)."""

from __future__ import annotations

from pathlib import Path


class NotAvailable(Exception):
    """The reload this measurement needs is not in the tree yet."""


def measure_reloads(deck: Path, reloads: int) -> dict:
    """RSS growth over `reloads` hot reloads of `deck`."""
    try:
        import zzkiosk.kiosk.reload  # noqa: F401
    except ImportError:
        raise NotAvailable("zzkiosk/kiosk/reload.py (hot reload) has not landed yet") from None
    raise NotAvailable("hot reload landed after this benchmark was written; not wired in yet")
