"""Noticing saved edits to a deck: snapshots of its files, compared on a timer.

Polling is used instead of file-system notifications because editors save in many ways
(write in place, write a temporary file and rename it, delete and re-create, replace the
whole folder), and notifications follow the old file in several of them. A snapshot of a
deck is a few dozen `stat` calls: polling twice a second costs nothing measurable.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]
"""Each file's path with its (modification time in ns, size)."""

MAX_FILES = 5000
"""Files looked at per snapshot at most; a deck folder is far smaller."""


def snapshot(folder: Path, extra_files: Iterable[Path] = ()) -> Snapshot:
    """The state of every file under `folder` and of `extra_files` (a theme elsewhere)."""
    state: Snapshot = {}
    for root, directories, files in os.walk(folder):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in files:
            if len(state) >= MAX_FILES:
                return state
            _record(state, Path(root) / name)
    for path in extra_files:
        _record(state, Path(path))
    return state


def _record(state: Snapshot, path: Path) -> None:
    try:
        status = path.stat()
    except OSError:
        return
    state[str(path)] = (status.st_mtime_ns, status.st_size)


class ChangeDetector:
    """Reports a change once the deck's files have changed and then stayed the same.

    Waiting for a second identical snapshot lets an editor finish writing (a partial
    write or a folder being copied over) before the deck is read.
    """

    def __init__(self, take: Callable[[], Snapshot]):
        self._take = take
        self._settled = take()
        self._pending: Snapshot | None = None

    def poll(self) -> bool:
        """True when the files changed since the last report and have now settled."""
        current = self._take()
        if current == self._settled:
            self._pending = None
            return False
        if current != self._pending:
            self._pending = current
            return False
        self._settled, self._pending = current, None
        return True


def watch(
    folder: Path,
    on_change: Callable[[], None],
    interval: float = 0.5,
    extra_files: Iterable[Path] = (),
    on_ready: Callable[[], None] = lambda: None,
) -> None:
    """Call `on_change` after every settled change under `folder`, until interrupted.

    `on_ready` runs once the first snapshot is taken: a save after it is never missed."""
    extra = tuple(extra_files)
    detector = ChangeDetector(lambda: snapshot(folder, extra))
    on_ready()
    while True:
        time.sleep(interval)
        if detector.poll():
            on_change()
