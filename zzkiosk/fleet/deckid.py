"""Which deck a kiosk plays: a hash of its content, and the sync engine's version of it.

Staff compare these across the fleet to see at once which screen did not take an update.
The hash covers what the show draws from (the YAML files, pictures, the theme's fonts),
by their paths inside the deck folder and their bytes, so two kiosks playing the same
files report the same hash whatever their folders or time stamps. Files are read again
only when their size or time stamp moved.
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
    """The git commit of the deck's checkout (12 digits) when it is one, else the content hash."""


class DeckHasher:
    """Hashes decks, reading a file again only when its size or time stamp changed."""

    def __init__(self) -> None:
        self._digests: dict[str, tuple[tuple[int, int], bytes]] = {}

    def identify(self, deck: Deck) -> DeckId:
        """The DeckId of `deck` as its files are now."""
        content = self._content_hash(deck)
        return DeckId(content, git_commit(deck.folder) or content)

    def _content_hash(self, deck: Deck) -> str:
        total = hashlib.sha256()
        named = sorted((_relative(path, deck.folder), path) for path in _files_of(deck))
        for name, path in named:
            total.update(name.encode("utf-8") + b"\0")
            total.update(self._file_digest(path))
        return total.hexdigest()[:HASH_CHARS]

    def _file_digest(self, path: str) -> bytes:
        try:
            status = os.stat(path)
        except OSError:
            return b"missing"
        stamp = (status.st_mtime_ns, status.st_size)
        known = self._digests.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as file:
                for chunk in iter(lambda: file.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            return b"unreadable"
        self._digests[path] = (stamp, digest.digest())
        return digest.digest()


def _files_of(deck: Deck) -> set[str]:
    from zzkiosk.kiosk.deckcheck import pictures_of

    return {os.path.normpath(path) for path in deck.files} | pictures_of(deck)


def _relative(path: str, folder: Path) -> str:
    """`path` inside the deck folder, with '/' (the same on every kiosk); files outside it by name."""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return "../" + Path(path).name


def git_commit(folder: Path, levels: int = 3) -> str | None:
    """The commit checked out in the git work tree holding `folder` (looked for `levels`
    folders up), read from .git without running git; None when there is none."""
    resolved = folder.resolve()
    for candidate in [resolved, *resolved.parents][: levels + 1]:
        git = candidate / ".git"
        if git.is_dir():
            return _head(git)
    return None


def _head(git: Path) -> str | None:
    try:
        head = (git / "HEAD").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not head.startswith("ref: "):
        return head[:HASH_CHARS] or None
    ref = head.removeprefix("ref: ")
    try:
        return (git / ref).read_text(encoding="ascii").strip()[:HASH_CHARS]
    except (OSError, UnicodeDecodeError):
        return _packed_ref(git, ref)


def _packed_ref(git: Path, ref: str) -> str | None:
    try:
        lines = (git / "packed-refs").read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for line in lines:
        commit, _, name = line.partition(" ")
        if name == ref:
            return commit[:HASH_CHARS]
    return None
