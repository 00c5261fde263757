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
from dataclasses import dataclass
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]
"""Each file's path with its (modification time in ns, size)."""

MAX_FILES = 5000
"""Files besides the deck's YAML files looked at per snapshot at most (a deck folder is far
smaller; an `images/archive` of old pictures may not be)."""
MAX_NAMES = 100_000
"""Names listed per walk at most: a folder beyond that is not a deck folder."""
SOURCE_SUFFIXES = (".yaml", ".yml")
"""The deck's own files (deck, sections, themes): always looked at, however many others there are."""


@dataclass(frozen=True)
class Walk:
    """What one walk of a deck folder found."""

    state: Snapshot
    """Every file looked at, with its (mtime, size)."""
    complete: bool
    """False when files were left out (over MAX_FILES) or the listing was cut (over MAX_NAMES)."""


def snapshot(folder: Path, extra_files: Iterable[Path] = ()) -> Snapshot:
    """The state of the files under `folder` and of `extra_files` (a theme elsewhere)."""
    return walk(folder, extra_files).state


def walk(folder: Path, extra_files: Iterable[Path] = ()) -> Walk:
    """Walk `folder`: YAML files first and all of them, then other files up to MAX_FILES,
    then `extra_files` (the pictures and fonts the show uses: looked at whatever the count)."""
    sources, others, complete = _list(folder)
    state: Snapshot = {}
    for path in sources:
        _record(state, path)
    for path in others[:MAX_FILES]:
        _record(state, path)
    for path in extra_files:
        _record(state, Path(path))
    return Walk(state, complete and len(others) <= MAX_FILES)


def _list(folder: Path) -> tuple[list[Path], list[Path], bool]:
    """The YAML files and the other files under `folder`, and whether the listing is whole."""
    sources: list[Path] = []
    others: list[Path] = []
    listed = 0
    for root, directories, files in os.walk(folder):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        listed += len(files) + len(directories)
        for name in files:
            (sources if name.endswith(SOURCE_SUFFIXES) else others).append(Path(root) / name)
        if listed > MAX_NAMES:
            return sources, others, False
    return sources, others, True


def _record(state: Snapshot, path: Path) -> None:
    try:
        status = path.stat()
    except OSError:
        return
    state[str(path)] = (status.st_mtime_ns, status.st_size)


class ChangeDetector:
    """Reports a change once the deck's files have changed and then stayed the same.

    Waiting until the files have been quiet for `settle` seconds (and for at least a
    second identical snapshot) lets an editor finish writing, or a copy finish copying,
    before the deck is read.
    """

    def __init__(self, take: Callable[[], Snapshot], settle: float = 0.0,
                 clock: Callable[[], float] = time.monotonic):
        self._take = take
        self._settle = settle
        self._clock = clock
        self._settled = take()
        self._previous = self._settled
        self._pending: Snapshot | None = None
        self._changed_at = clock()

    def poll(self) -> bool:
        """True when the files changed since the last report and have now settled."""
        current = self._take()
        if current == self._settled:
            self._pending = None
            return False
        if current != self._pending:
            self._pending, self._changed_at = current, self._clock()
            return False
        if self.quiet_for() < self._settle:
            return False
        self._previous, self._settled, self._pending = self._settled, current, None
        return True

    def quiet_for(self) -> float:
        """Seconds since the files last changed (as far as the polls saw)."""
        return self._clock() - self._changed_at

    def report_again(self) -> None:
        """Take back the last report: the same change is reported again on a later poll
        (unless the files go back to how they were), for a change put on hold."""
        self._settled, self._pending = self._previous, self._settled


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
