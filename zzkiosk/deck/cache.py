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

The format and its checks are zzkiosk.cachefile's, shared with the machine settings' cache
(zzkiosk.control.settings_cache). Every part is checked before the payload is unpickled,
and only the deck's own classes may be unpickled. Anything else (truncated, corrupt, foreign, another version, a changed file)
is refused with one log line; the deck is then loaded and validated in full, as without a
cache, and the cache written again. Hot reload always validates in full.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from pathlib import Path

from zzkiosk import __version__
from zzkiosk.cachefile import (PATHS, CacheRefused, CacheStale, cache_bytes, code_signature, pydantic_version,
                               read_cached, signatures, user_cache, write_atomically)
from zzkiosk.deck.deck import Deck
from zzkiosk.i18n import language, tr

log = logging.getLogger(__name__)

__all__ = ["FORMAT", "CacheRefused", "CacheWriter", "cache_file", "cache_folder", "load_deck_cached", "read_cache"]

FORMAT = b"zzkiosk deck cache 2\n"
"""The first line of every cache file; a file that does not start with it is not ours (or
of an older format: 1 held the pydantic models)."""
_CODE = ("deck", "show", "fonts.py", "icons.py", "numbers.py", "i18n.py", "cachefile.py")
"""The parts of zzkiosk whose code decides what a deck loads as: a changed file (a
checkout updated in place) is a changed key."""
_UNPICKLABLE = {
    "zzkiosk.deck.deck": None, "zzkiosk.deck.plain": None,
    "zzkiosk.deck.errors": frozenset({"Problem"}),
    "pathlib": PATHS, "pathlib._local": PATHS,
}
"""What the payload may name: the deck's own classes (None: any of the module's) and paths."""


def cache_folder() -> Path:
    """Where the caches of every deck played by this user are kept."""
    return user_cache("decks")


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
        deck = read_cached(path, FORMAT, _key(location), _UNPICKLABLE)
        if deck is None:
            return None
        if not isinstance(deck, Deck) or deck.file not in deck.files:
            raise CacheRefused(tr("its contents are not a deck"))
    except CacheStale:
        log.info("%s", tr("the deck changed since it was last played: validating it in full"))
        return None
    except CacheRefused as refusal:
        log.log(refusal.log_level, "%s", tr("deck cache {file} refused ({reason}): validating the deck in full "
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
            write_atomically(self._path, cache_bytes(FORMAT, self._header, self._deck))
        except (OSError, pickle.PicklingError, TypeError, ValueError) as error:
            log.warning("%s", tr("the deck cache {file} cannot be written ({error}); the next start "
                                 "validates the deck in full", file=self._path, error=error))
            return False
        self.written = True
        return True


def _key(location: Path | str) -> dict:
    """What else than the deck's files decides what the deck loads as."""
    where = os.fspath(location)
    return {"zzkiosk": __version__, "python": sys.version, "pydantic": pydantic_version(), "language": language(),
            "code": _code_signature(), "location": where,
            "cwd": "" if os.path.isabs(where) else os.getcwd()}


def _code_signature() -> str:
    """The signature of the code that loads a deck (zzkiosk.cachefile.code_signature)."""
    return code_signature(_CODE)


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
    return read + signatures(entries)
