"""Validated things kept between starts: the file format the deck's cache and the machine
settings' cache share, and how each is checked before it is believed.

A start that finds such a file current skips what made it (PyYAML, pydantic, the models:
most of a warm start). What is kept is plain frozen twins (zzkiosk.deck.frozen), which
need none of them. A cache file holds

1. a format line (each kind of cache has its own);
2. the SHA-256 of everything after this line, in hex;
3. a JSON line: the key (what else than the files decides the result: versions, the
   code's signature, the location...) and every file the result depends on with its
   signature;
4. the payload, pickled.

`read_cached` checks every part before the payload is unpickled, and unpickles only the
classes its caller allows; anything else raises `CacheRefused` (`CacheStale` when a file
changed), and the caller validates in full, as without a cache, and writes it again.
docs/architecture.md ("The deck cache", "The settings cache") says why it can be trusted.
Imports neither pydantic nor PyYAML, nor any of zzkiosk but the messages.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from zzkiosk.i18n import tr

MAX_CACHE_BYTES = 16 * 1024 * 1024
"""A cache file larger than this is refused unread (the bundled deck's is ~60 kB)."""
PATHS = frozenset({"Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"})
"""The path classes a payload may hold, by their names in `pathlib` (and `pathlib._local`,
where Python 3.13 keeps them)."""
_DIGEST_LENGTH = 64


class CacheRefused(Exception):
    """The cache file cannot be used; the message says why, for the log."""

    log_level = logging.WARNING
    """How the refusal is logged: damaged or foreign files are worth IT's attention."""


class CacheStale(CacheRefused):
    """The cache file is sound, but a file it depends on has changed since it was written."""


class CacheOutdated(CacheRefused):
    """The cache file was written by another version of zzkiosk (another format of its kind,
    or another key): routine after an upgrade."""

    log_level = logging.INFO
    """News rather than a warning: every upgrade leaves one."""


def user_cache(kind: str) -> Path:
    """The folder of the caches of `kind` (`decks`, `settings`) in the user's cache folder."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("zzkiosk", appauthor=False, ensure_exists=False)) / kind


def read_cached(path: Path, fmt: bytes, key: dict, allowed: dict[str, frozenset[str] | None]) -> object | None:
    """The payload of cache file `path` when it is sound, of format `fmt`, written for `key`
    and its files unchanged; None when there is no such file (a first start). `allowed`
    names what the payload may hold: module -> class names (None: any class of the module
    itself). Raises CacheRefused (CacheStale) otherwise."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CacheRefused(tr("cannot be read: {error}", error=error.strerror or error)) from None
    if len(data) > MAX_CACHE_BYTES:
        raise CacheRefused(tr("over {limit} bytes", limit=MAX_CACHE_BYTES))
    header, payload = _checked(data, fmt)
    if header.get("key") != key:
        raise CacheOutdated(tr("written by another version or for another location"))
    if header["files"] != signatures(header["files"]):
        raise CacheStale(path)
    return _unpickle(payload, allowed)


def cache_bytes(fmt: bytes, header: dict, value: object) -> bytes:
    """The contents of a cache file of format `fmt` holding `value`; `header` has its `key`
    and `files` (made by `signatures`)."""
    body = json.dumps(header).encode() + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return fmt + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _checked(data: bytes, fmt: bytes) -> tuple[dict, bytes]:
    """(header, pickled payload) of cache file contents `data`, once format and digest pass."""
    if not data.startswith(fmt):
        kind = fmt[:fmt.rstrip(b"\n").rfind(b" ") + 1]  # b"zzkiosk deck cache "
        version = data[len(kind):].partition(b"\n")[0]
        outdated = data.startswith(kind) and version.isdigit() and len(version) < 6
        raise (CacheOutdated if outdated else CacheRefused)(tr("not a zzkiosk cache of this kind and version"))
    digest, body = data[len(fmt):len(fmt) + _DIGEST_LENGTH], data[len(fmt) + _DIGEST_LENGTH + 1:]
    if data[len(fmt) + _DIGEST_LENGTH:][:1] != b"\n" or hashlib.sha256(body).hexdigest().encode() != digest:
        raise CacheRefused(tr("its contents are cut short or damaged"))
    header_line, _, payload = body.partition(b"\n")
    try:
        header = json.loads(header_line)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        header = None
    if not isinstance(header, dict) or not isinstance(header.get("files"), list):
        raise CacheRefused(tr("its header is damaged"))
    return header, payload


def _unpickle(payload: bytes, allowed: dict[str, frozenset[str] | None]) -> object:
    try:
        return _RestrictedUnpickler(io.BytesIO(payload), allowed).load()
    except CacheRefused:
        raise
    except Exception as error:  # a payload that passed the digest yet fails: refuse, whatever it raised
        raise CacheRefused(tr("its contents cannot be read ({error})", error=type(error).__name__)) from None


class _RestrictedUnpickler(pickle.Unpickler):
    """Unpickles the classes it is allowed, and nothing else."""

    def __init__(self, file: io.BytesIO, allowed: dict[str, frozenset[str] | None]):
        super().__init__(file)
        self._allowed = allowed

    def find_class(self, module: str, name: str):
        allowed = self._allowed.get(module, frozenset())
        if "." not in name and not name.startswith("_") and (allowed is None or name in allowed):
            found = super().find_class(module, name)
            # only a class of the module itself: not a function, nor a name it imported (Path)
            if allowed is not None or (isinstance(found, type) and found.__module__ == module):
                return found
        raise CacheRefused(tr("it names {name}, which is not among what it may hold", name=f"{module}.{name}"))


def pydantic_version() -> str:
    """The installed pydantic's version file, by its content's digest: what validated the
    cached value, read without importing pydantic (a cached start never imports it)."""
    from importlib.util import find_spec

    spec = find_spec("pydantic")
    if spec is None or not spec.origin:
        return "missing"
    try:
        return hashlib.sha256(Path(spec.origin).with_name("version.py").read_bytes()).hexdigest()
    except OSError:
        return "no version file"


def code_signature(names: Iterable[str]) -> str:
    """Size and modification time of every file of the code `names` (folders and files of
    the zzkiosk package) that decides what is cached. A build without the source files
    (PyInstaller keeps bytecode in its archive) has only its version to go by: each missing
    file is said to be missing."""
    package = Path(__file__).resolve().parent
    parts = []
    for name in names:
        part = package / name
        files = sorted(part.glob("*.py")) if part.is_dir() else [part]
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                parts.append(f"{name}:missing")
            else:
                parts.append(f"{file.relative_to(package).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def signatures(entries: list) -> list[list[str]]:
    """`entries` ([path, kind, ...]) with each file's signature as it is now (`signature`)."""
    current = []
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) >= 2 and all(isinstance(part, str) for part in entry)):
            raise CacheRefused(tr("its header is damaged"))
        path, kind = entry[0], entry[1]
        current.append([path, kind, signature(path, kind)])
    return current


def signature(path: str, kind: str) -> str:
    """The file's real path and, by `kind`, its content's SHA-256 (`content`) or its status
    (`status`: size, modification and change times, inode: any write changes the change
    time); `absent` says only whether it is there."""
    try:
        real = os.path.realpath(path)
        if kind == "content":
            with open(path, "rb") as handle:
                return f"{real}|{hashlib.sha256(handle.read()).hexdigest()}"
        stat = os.stat(path)
    except OSError:
        return "missing"
    if kind == "absent":
        return "present"
    return f"{real}|{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        # No fsync: it can stall the show for long on a slow disk, and a cache torn by a
        # power cut is refused by its digest like any damaged one.
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
