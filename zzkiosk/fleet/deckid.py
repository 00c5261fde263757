"""Which deck a kiosk plays: a hash of its content, and the sync engine's version of it.

Staff compare these across the fleet to see at once which screen did not take an update.
The hash covers what the show draws from (the YAML files, pictures, the theme's fonts),
by their paths inside the deck folder and their bytes, so two kiosks playing the same
files report the same hash whatever their folders or time stamps. Files are read again
only when their size or time stamp moved.

The version is a git commit only when that commit says what plays: the deck folder is in
a checkout's work tree (its root or below, `.git` a folder or the `gitdir:` file of a
linked worktree or a submodule), and every file the show draws from is tracked there and
equal to what the checkout's index records. A deck that merely sits inside some other
checkout, with files git does not track or that were edited by hand, reports its content
hash instead. The checkout is read with dulwich (zzkiosk.fleet.gitcheckout), imported
here only when a deck is first identified: a kiosk without the fleet never loads it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

HASH_CHARS = 12
"""Hex digits of the content hash reported (48 bits: no two versions of a deck collide)."""


@dataclass(frozen=True)
class DeckId:
    """What identifies the deck being played."""

    hash: str
    """The content hash (HASH_CHARS hex digits)."""
    version: str
    """The git commit (12 digits) when the deck's files are that commit's, else the content hash."""


class DeckHasher:
    """Hashes decks, reading a file again only when its size or time stamp changed."""

    def __init__(self) -> None:
        self._digests: dict[str, tuple[tuple[int, int], FileDigest]] = {}

    def identify(self, deck: Deck) -> DeckId:
        """The DeckId of `deck` as its files are now."""
        digests = {path: self._file_digest(path) for path in _files_of(deck)}
        total = hashlib.sha256()
        for name, path in sorted((_relative(path, deck.folder), path) for path in digests):
            total.update(name.encode("utf-8") + b"\0")
            total.update(digests[path].content)
        content = total.hexdigest()[:HASH_CHARS]
        return DeckId(content, git_version(deck.folder, {path: d.blob for path, d in digests.items()}) or content)

    def _file_digest(self, path: str) -> FileDigest:
        try:
            status = os.stat(path)
        except OSError:
            return MISSING
        stamp = (status.st_mtime_ns, status.st_size)
        known = self._digests.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError:
            return UNREADABLE
        from zzkiosk.fleet.gitcheckout import blob_id

        digest = FileDigest(hashlib.sha256(data).digest(), blob_id(data))
        self._digests[path] = (stamp, digest)
        return digest


@dataclass(frozen=True)
class FileDigest:
    """What identifies one file of a deck."""

    content: bytes
    """SHA-256 of its bytes (or a word when it is missing or unreadable)."""
    blob: bytes
    """The hex id git gives its bytes (empty when it is missing or unreadable)."""


MISSING, UNREADABLE = FileDigest(b"missing", b""), FileDigest(b"unreadable", b"")
"""The digests of a file that is not there or cannot be read."""


def _files_of(deck: Deck) -> set[str]:
    from zzkiosk.kiosk.deckcheck import pictures_of

    return {os.path.normpath(path) for path in deck.files} | pictures_of(deck)


def _relative(path: str, folder: Path) -> str:
    """`path` inside the deck folder, with '/' (the same on every kiosk); files outside it by name."""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return "../" + Path(path).name


def git_version(folder: Path, blobs: dict[str, bytes]) -> str | None:
    """The commit (HASH_CHARS digits) of the checkout holding `folder` when every file of
    `blobs` ({path: hex git blob id}) inside `folder` is tracked there with that id; None
    otherwise. Files outside the deck folder are the player's (its bundled themes and
    fonts): they come with the zzkiosk version, not the deck's commit."""
    from zzkiosk.fleet.gitcheckout import find_checkout

    checkout = find_checkout(folder)
    if checkout is None:
        return None
    deck_folder = Path(os.path.realpath(folder))
    for path, blob in blobs.items():
        real = Path(os.path.realpath(path))
        if real.is_relative_to(deck_folder) and not (blob and checkout.tracks(real, blob)):
            return None
    return checkout.commit[:HASH_CHARS]
