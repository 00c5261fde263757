"""The validated deck kept between starts, so that a kiosk whose files have not changed
plays without reading YAML or validating it again.

A start that finds the cache current skips PyYAML, pydantic, the models and the loader
(about 0.2 s of a 0.5 s start): the deck is kept as the plain twins the player plays
(zzkiosk.deck.plain), which need none of them. What it is keyed by, where it lives and why it
can be trusted is in docs/architecture.md ("The deck cache"). In short: one file per deck
location in the user's cache folder, holding

1. a format line;
2. the SHA-256 of everything after this line, in hex;
3. a JSON line: the key (zzkiosk, Python and pydantic versions, the messages' language,
   the deck code's files, the location asked for) and every file the deck depends on with
   its signature;
4. the payload: the Deck (of plain twins), pickled.

Every part is checked before the payload is unpickled, and only the deck's own classes may
be unpickled. Anything else (truncated, corrupt, foreign, another version, a changed file)
is refused with one log line; the deck is then loaded and validated in full, as without a
cache, and the cache written again. Hot reload always validates in full.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
import sys
from pathlib import Path

from zzkiosk import __version__
from zzkiosk.deck.deck import Deck
from zzkiosk.i18n import language, tr

log = logging.getLogger(__name__)

FORMAT = b"zzkiosk deck cache 2\n"
"""The first line of every cache file; a file that does not start with it is not ours (or
of an older format: 1 held the pydantic models)."""
MAX_CACHE_BYTES = 16 * 1024 * 1024
"""A cache file larger than this is refused unread (the bundled deck's is ~60 kB)."""
_CODE = ("deck", "show", "fonts.py", "icons.py", "numbers.py", "i18n.py")
"""The parts of zzkiosk whose code decides what a deck loads as: a changed file (a
checkout updated in place) is a changed key."""
_PATHS = {"Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"}
_UNPICKLABLE = {
    "zzkiosk.deck.deck": None, "zzkiosk.deck.plain": None,
    "zzkiosk.deck.errors": {"Problem"},
    "pathlib": _PATHS, "pathlib._local": _PATHS,  # where Python 3.13 keeps them
}
"""What the payload may name: the deck's own classes (None: any of the module's) and paths."""


class CacheRefused(Exception):
    """The cache file cannot be used; the message says why, for the log."""


def cache_folder() -> Path:
    """Where the caches of every deck played by this user are kept."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("zzkiosk", appauthor=False, ensure_exists=False)) / "decks"


def cache_file(location: Path | str) -> Path:
    """The cache file of the deck at `location` (a folder or its deck file)."""
    name = hashlib.sha256(os.path.abspath(location).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_folder() / f"{name}.deck"


def load_deck_cached(location: Path | str) -> tuple[Deck, CacheWriter | None]:
    """The deck at `location`, from its cache when that is current, else loaded and validated
    in full (raising DeckError as `load_deck` does). Returns the deck and, after a full
    load, the writer of its cache (write it once the show has time: it takes ~5 ms)."""
    deck = read_cache(location)
    if deck is not None:
        return deck, None
    from zzkiosk.deck.loader import load_deck

    deck = load_deck(location)
    return deck, CacheWriter(deck, location)


def read_cache(location: Path | str) -> Deck | None:
    """The cached deck of `location` when its cache is current and sound, else None (logged)."""
    path = cache_file(location)
    try:
        data = _read_bytes(path)
        if data is None:
            return None
        deck = _decode(data, location)
    except CacheRefused as refusal:
        if refusal.args[0] == _STALE:
            log.info("%s", tr("the deck changed since it was last played: validating it in full"))
        else:
            log.warning("%s", tr("deck cache {file} refused ({reason}): validating the deck in full "
                                 "and writing the cache again", file=path, reason=refusal))
        return None
    log.info("%s", tr("deck read from its cache {file}: its files have not changed since it was validated", file=path))
    return deck


class CacheWriter:
    """The cache of a deck just loaded in full, to be written once.

    The files' signatures are taken when it is made, right after the load, from the bytes
    the loader validated: a file edited after that makes the cache stale, never wrong."""

    def __init__(self, deck: Deck, location: Path | str):
        self._deck, self._path = deck, cache_file(location)
        self._header = {"key": _key(location), "files": _manifest(deck)}
        self.written = False
        """True once the cache file has been written."""

    def write(self) -> bool:
        """Write the cache file (again: a no-op); False (logged) when it cannot be written."""
        if self.written:
            return True
        try:
            body = json.dumps(self._header).encode() + b"\n" + pickle.dumps(self._deck, protocol=pickle.HIGHEST_PROTOCOL)
            _write_atomically(self._path, FORMAT + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        except (OSError, pickle.PicklingError, TypeError, ValueError) as error:
            log.warning("%s", tr("the deck cache {file} cannot be written ({error}); the next start "
                                 "validates the deck in full", file=self._path, error=error))
            return False
        self.written = True
        return True


_STALE = "stale"
_DIGEST_LENGTH = 64


def _read_bytes(path: Path) -> bytes | None:
    """The cache file's bytes; None when there is none (a first start: nothing to log)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CacheRefused(tr("cannot be read: {error}", error=error.strerror or error)) from None
    if len(data) > MAX_CACHE_BYTES:
        raise CacheRefused(tr("over {limit} bytes", limit=MAX_CACHE_BYTES))
    return data


def _decode(data: bytes, location: Path | str) -> Deck:
    """The deck in cache file contents `data`, once every check has passed."""
    if not data.startswith(FORMAT):
        raise CacheRefused(tr("not a zzkiosk deck cache of this version"))
    digest, body = data[len(FORMAT):len(FORMAT) + _DIGEST_LENGTH], data[len(FORMAT) + _DIGEST_LENGTH + 1:]
    if data[len(FORMAT) + _DIGEST_LENGTH:][:1] != b"\n" or hashlib.sha256(body).hexdigest().encode() != digest:
        raise CacheRefused(tr("its contents are cut short or damaged"))
    header_line, _, payload = body.partition(b"\n")
    try:
        header = json.loads(header_line)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        header = None
    if not isinstance(header, dict) or not isinstance(header.get("files"), list):
        raise CacheRefused(tr("its header is damaged"))
    if header.get("key") != _key(location):
        raise CacheRefused(tr("written by another version or for another deck location"))
    if header["files"] != _current(header["files"]):
        raise CacheRefused(_STALE)
    return _unpickle(payload, location)


def _unpickle(payload: bytes, location: Path | str) -> Deck:
    try:
        deck = _DeckUnpickler(io.BytesIO(payload)).load()
    except CacheRefused:
        raise
    except Exception as error:  # a payload that passed the digest yet fails: refuse, whatever it raised
        raise CacheRefused(tr("its contents cannot be read ({error})", error=type(error).__name__)) from None
    if not isinstance(deck, Deck) or deck.file not in deck.files:
        raise CacheRefused(tr("its contents are not a deck"))
    return deck


class _DeckUnpickler(pickle.Unpickler):
    """Unpickles the deck's own classes and paths, and nothing else."""

    def find_class(self, module: str, name: str):
        allowed = _UNPICKLABLE.get(module, set())
        if "." not in name and not name.startswith("_") and (allowed is None or name in allowed):
            found = super().find_class(module, name)
            # only a class of the module itself: not a function, nor a name it imported (Path)
            if allowed is not None or (isinstance(found, type) and found.__module__ == module):
                return found
        raise CacheRefused(tr("it names {name}, which is not part of a deck", name=f"{module}.{name}"))


def _key(location: Path | str) -> dict:
    """What else than the deck's files decides what the deck loads as."""
    where = os.fspath(location)
    return {"zzkiosk": __version__, "python": sys.version, "pydantic": _pydantic_version(), "language": language(),
            "code": _code_signature(), "location": where,
            "cwd": "" if os.path.isabs(where) else os.getcwd()}


def _pydantic_version() -> str:
    """The installed pydantic's version file, by its content's digest: what validated the
    deck, read without importing pydantic (a cached start never imports it)."""
    from importlib.util import find_spec

    spec = find_spec("pydantic")
    if spec is None or not spec.origin:
        return "missing"
    try:
        return hashlib.sha256(Path(spec.origin).with_name("version.py").read_bytes()).hexdigest()
    except OSError:
        return "no version file"


def _code_signature() -> str:
    """Size and modification time of every file of the code that loads a deck. A build
    without the source files (PyInstaller keeps bytecode in its archive) has only its
    version to go by: each missing file is said to be missing."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    for name in _CODE:
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


def _manifest(deck: Deck) -> list[list[str]]:
    """[path, kind, signature] of everything the load depended on: the YAML files read (by
    the digest of what was read), the font files (by status), pictures the slides name (by
    status), and the font files looked for beside the theme and not there (`absent`)."""
    read = [[os.fspath(file), "content", f"{os.path.realpath(file)}|{digest}"]
            for file, digest in zip(deck.files, deck.digests, strict=True)]
    entries = [[os.fspath(font), "status"] for font in deck.fonts]
    for name in deck.theme.fonts.files:
        local = deck.theme_folder / name
        if local not in deck.fonts:
            entries.append([os.fspath(local), "absent"])
    for at in deck.slides:
        for block in at.slide.blocks:
            if block.image is not None:
                entries.append([os.fspath(deck.folder / block.image.src), "status"])
    return read + _current(entries)


def _current(entries: list) -> list[list[str]]:
    """`entries` ([path, kind, ...]) with each file's signature as it is now."""
    current = []
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) >= 2 and all(isinstance(part, str) for part in entry)):
            raise CacheRefused(tr("its header is damaged"))
        path, kind = entry[0], entry[1]
        current.append([path, kind, _signature(path, kind)])
    return current


def _signature(path: str, kind: str) -> str:
    """The file's real path and, by `kind`, its content's SHA-256 or its status (size,
    modification and change times, inode: any write changes the change time)."""
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


def _write_atomically(path: Path, data: bytes) -> None:
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
