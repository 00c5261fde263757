"""QuickSnapshot: the deck folder's snapshot, re-taken only when a few `stat` calls say it moved.

A kiosk polls its deck all day. A full `snapshot()` lists every folder and builds a path
object per file, about a millisecond a poll on an idle (cold) machine: 0.3% of a core at
four polls a second. Here each poll only stats the folders the last snapshot saw, its
YAML files and the pictures and fonts the show uses. A file written in place changes its own time stamp; a file created, deleted or
renamed changes its folder's; a folder replaced has a new inode. Only then is the folder
walked again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from zzkiosk.kiosk.watch import MAX_FILES, SOURCE_SUFFIXES, Snapshot, walk

Stamp = tuple[int, int, int] | None
"""A path's (modification time in ns, size, inode), None when it is missing."""


def stamp(path: str) -> Stamp:
    """The stamp of `path` now."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


def folders_under(folder: Path) -> list[str]:
    """`folder` and every folder below it that `walk()` goes into (hidden ones are skipped)."""
    found = []
    for root, directories, _ in os.walk(folder):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        found.append(root)
        if len(found) >= MAX_FILES:
            break
    return found or [str(folder)]


class QuickSnapshot:
    """A callable giving the snapshot of `folder` and `extra_files`, with paths kept by `keep`.

    It returns the same snapshot as long as no folder, no YAML file and none of
    `extra_files` (the pictures and fonts the show uses) has changed: a picture nobody
    shows, written in place, is not looked at between walks (an archive of thousands of
    them would cost a still kiosk more than a tenth of a core).
    """

    def __init__(self, folder: Path, extra_files: Iterable[Path] = (), keep: Callable[[str], bool] = bool):
        self._folder = Path(folder)
        self._extra = tuple(extra_files)
        self._keep = keep
        self._paths: tuple[str, ...] = ()
        self._stamps: tuple[Stamp, ...] = ()
        self._state: Snapshot = {}
        self.takes = 0
        """How many times the folder has been walked: it moves only when something changed."""
        self.complete = True
        """False when the last walk left files out (see zzkiosk.kiosk.watch.MAX_FILES)."""
        self._take()

    @property
    def paths(self) -> tuple[str, ...]:
        """The folders and files each poll looks at (what a file-system watcher should watch)."""
        return self._paths

    def __call__(self) -> Snapshot:
        """The deck's files with their (mtime, size), as `snapshot()` gives them."""
        if tuple(map(stamp, self._paths)) != self._stamps:
            self._take()
        return self._state

    def _take(self) -> None:
        self.takes += 1
        parents = (str(Path(path).parent) for path in self._extra)
        folders = list(dict.fromkeys((*folders_under(self._folder), *parents)))
        folder_stamps = [stamp(folder) for folder in folders]  # before the walk: a change during it shows next time
        found = walk(self._folder, self._extra)
        self.complete = found.complete
        self._state = {os.path.normpath(path): value for path, value in found.state.items() if self._keep(path)}
        extra = {str(path) for path in self._extra}
        files = [path for path in found.state if path.endswith(SOURCE_SUFFIXES) or path in extra]
        self._paths = (*folders, *files)
        self._stamps = (*folder_stamps, *(self._file_stamp(path, found.state[path]) for path in files))

    @staticmethod
    def _file_stamp(path: str, seen: tuple[int, int]) -> Stamp:
        """The stamp matching what the walk saw (a change since then shows on the next poll)."""
        now = stamp(path)
        return now if now is not None and now[:2] == seen else (*seen, -1)
