"""The git checkout holding a deck folder, read with dulwich: the commit checked out and
the index (what `git status` compares the work tree with).

A kiosk reports the commit of its deck only when that commit says which files it plays
(zzkiosk.fleet.deckid): the deck's files are tracked and equal to what the index records.
Running the `git` program for this would start a child process on the show's thread and
would need git on every kiosk; dulwich reads the same files in-process.

dulwich takes 50-90 ms and 6.5 MiB to import (docs/fleet.md), so this module is imported
only when the fleet first identifies a deck (zzkiosk.fleet.deckid imports it inside its
functions).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dulwich.index import Index, IndexEntry
from dulwich.objects import Blob
from dulwich.repo import Repo


@dataclass(frozen=True)
class Checkout:
    """A git work tree: where it is, the commit checked out and its index."""

    root: Path
    """The work tree's top folder, symbolic links resolved."""
    commit: str
    """The full hex id of the commit HEAD names (a branch, loose or packed, or detached)."""
    index: Index
    """The checkout's own index (a linked worktree's or a submodule's, not the main one's)."""

    def tracks(self, path: Path, blob: bytes) -> bool:
        """Whether the file at `path` (resolved) is in the index with blob id `blob`. A file
        outside the work tree is not; a conflict's entry (sides of a merge) equals no file."""
        if not path.is_relative_to(self.root):
            return False
        try:
            entry = self.index[os.fsencode(path.relative_to(self.root).as_posix())]
        except KeyError:
            return False
        return isinstance(entry, IndexEntry) and entry.sha == blob


def find_checkout(folder: Path) -> Checkout | None:
    """The checkout whose work tree holds `folder`, found by looking up from it to the file
    system's root as git does (`.git` a folder, or a file `gitdir: PATH` of a linked
    worktree or a submodule). None when there is none, or it cannot be read whole."""
    # dulwich answers a damaged checkout with its own errors (NotGitRepository,
    # UnsupportedIndexFormat, a checksum mismatch, KeyError for a missing ref) or with
    # ValueError and struct.error from its parsers: any of them means "no commit", and
    # the status that asked must still go out.
    try:
        with Repo.discover(folder) as repo:
            if repo.bare:
                return None
            index = repo.open_index()
            commit = repo.head().decode("ascii")
            return Checkout(Path(os.path.realpath(repo.path)), commit, index)
    except Exception:  # any fault of the checkout: see above
        return None


def blob_id(content: bytes) -> bytes:
    """The hex id git gives a file with `content` (as the index records it)."""
    return Blob.from_string(content).id
