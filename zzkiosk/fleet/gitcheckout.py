"""A git checkout read from its files, without running git: the commit checked out and the
index (what `git status` compares the work tree with).

A kiosk reports the commit of its deck only when that commit says which files it plays
(zzkiosk.fleet.deckid): the deck's files are tracked and equal to what the index records.
Running `git` for this would cost a child process on the show's thread every status and
would need git on every kiosk; the three files read here are all it takes.

Read: `.git` as a folder, or as a file `gitdir: PATH` (a linked worktree from `git worktree
add`, or a submodule); a worktree's own HEAD and index, with branches looked up in the
common folder named by its `commondir`; loose refs and `packed-refs`; index versions 2, 3
and 4. Anything else (a damaged file, an unknown index version) reads as "no commit".
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

INDEX_SIGNATURE = b"DIRC"
"""The first bytes of a git index."""
ENTRY_FIXED_BYTES = 62
"""An index entry before its path: ten 32-bit stat fields, the 20-byte object id, 16-bit flags."""
EXTENDED_FLAG = 0x4000
"""Set in an entry's flags when 16 more bits of flags follow (index version 3 and 4)."""


@dataclass(frozen=True)
class Checkout:
    """A git work tree and where its repository's files are."""

    root: Path
    """The work tree's top folder (the one holding `.git`)."""
    gitdir: Path
    """Its own git folder: `.git`, or the folder a `.git` file names."""
    common: Path
    """The folder holding branches and packed refs (the main `.git` for a linked worktree)."""

    def commit(self) -> str | None:
        """The full hex id of the commit checked out, or None when it cannot be read."""
        head = _read_ascii(self.gitdir / "HEAD")
        if head is None:
            return None
        if not head.startswith("ref: "):
            return head or None
        ref = head.removeprefix("ref: ")
        for folder in (self.gitdir, self.common):
            commit = _read_ascii(folder / ref)
            if commit:
                return commit
        return _packed_ref(self.common, ref)

    def index(self) -> dict[str, bytes] | None:
        """{path inside the work tree, with '/': blob id} of the index; None when unreadable."""
        try:
            data = (self.gitdir / "index").read_bytes()
        except OSError:
            return None
        try:
            return _index_entries(data)
        except (struct.error, ValueError, UnicodeDecodeError):
            return None


def find_checkout(folder: Path) -> Checkout | None:
    """The checkout whose work tree holds `folder` (looked for up to the file system's root, as git does)."""
    resolved = folder.resolve()
    for candidate in (resolved, *resolved.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return Checkout(candidate, dot_git, _common(dot_git))
        if dot_git.is_file():
            gitdir = _linked_gitdir(dot_git)
            return None if gitdir is None else Checkout(candidate, gitdir, _common(gitdir))
    return None


def blob_id(content: bytes) -> bytes:
    """The id git gives a file with `content` (SHA-1 of a blob header and the bytes)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).digest()


def _linked_gitdir(dot_git: Path) -> Path | None:
    """The folder named by a `.git` file's `gitdir: PATH` line (relative to the file's folder)."""
    text = _read_ascii(dot_git)
    if text is None or not text.startswith("gitdir: "):
        return None
    gitdir = (dot_git.parent / text.removeprefix("gitdir: ")).resolve()
    return gitdir if gitdir.is_dir() else None


def _common(gitdir: Path) -> Path:
    """The common git folder: the one `commondir` names (a linked worktree), else `gitdir` itself."""
    common = _read_ascii(gitdir / "commondir")
    return (gitdir / common).resolve() if common else gitdir


def _read_ascii(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _packed_ref(common: Path, ref: str) -> str | None:
    text = _read_ascii(common / "packed-refs")
    for line in (text or "").splitlines():
        commit, _, name = line.partition(" ")
        if name == ref:
            return commit
    return None


def _index_entries(data: bytes) -> dict[str, bytes]:
    """The entries of index file `data`: {path: blob id}. Raises ValueError when it is not one."""
    signature, version, count = struct.unpack_from(">4sLL", data, 0)
    if signature != INDEX_SIGNATURE or version not in (2, 3, 4):
        raise ValueError(f"not a git index of version 2, 3 or 4 ({signature!r}, {version})")
    entries: dict[str, bytes] = {}
    offset, previous = 12, b""
    for _ in range(count):
        object_id = data[offset + 40:offset + 60]
        (flags,) = struct.unpack_from(">H", data, offset + 60)
        start = offset + ENTRY_FIXED_BYTES + (2 if flags & EXTENDED_FLAG else 0)
        if version == 4:  # the path is the previous one, cut short, plus a new tail
            cut, start = _varint(data, start)
            end = data.index(b"\0", start)
            path = previous[:len(previous) - cut] + data[start:end]
            offset = end + 1
        else:  # the path, then NULs padding the entry to a multiple of 8 bytes
            end = data.index(b"\0", start)
            path = data[start:end]
            offset += (end - offset + 8) // 8 * 8
        stage = (flags >> 12) & 3  # a conflict's sides: never the same as any file
        entries[path.decode("utf-8")] = b"" if stage else object_id
        previous = path
    return entries


def _varint(data: bytes, offset: int) -> tuple[int, int]:
    """Git's offset varint (index version 4) at `offset`: (value, the offset after it)."""
    byte = data[offset]
    value, offset = byte & 0x7F, offset + 1
    while byte & 0x80:
        byte = data[offset]
        value, offset = ((value + 1) << 7) | (byte & 0x7F), offset + 1
    return value, offset
