"""How much memory the renderer keeps: the pixmap cache sized to the screen, freed pixels returned.

Item caches (DeviceCoordinateCache) live in Qt's QPixmapCache, 10 MB by default: too
small for one 4K background (33 MB), and a fixed 96 MB is more than a 1080p kiosk
needs (docs/performance.md). The player sizes the cache to its screen; anything else (export,
tests) gets the fixed fallback.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from types import ModuleType

from PySide6.QtGui import QPixmapCache

FALLBACK_CACHE_KB = 96 * 1024
"""Cache limit when no screen size is known: room for 4K item caches."""

SCREENFULS_CACHED = 4
"""Screen-sized pictures the cache holds: the current and the prepared slide's
backgrounds and their blocks' caches (a slide's blocks cover at most about a screen)."""

MIN_CACHE_KB = 16 * 1024
"""Never less than this (a small preview window still caches its items)."""

MMAP_THRESHOLD_BYTES = 1 << 20
"""Allocations from this size up get their own mapping, handed back to the system when freed."""

_fitted = False


def ensure_pixmap_cache() -> None:
    """Raise the cache limit to the fallback, unless a screen has already sized it."""
    if not _fitted and QPixmapCache.cacheLimit() < FALLBACK_CACHE_KB:
        QPixmapCache.setCacheLimit(FALLBACK_CACHE_KB)


def fit_pixmap_cache(width: int, height: int) -> None:
    """Size the pixmap cache for a screen (device pixels) of `width` x `height`."""
    global _fitted
    _fitted = True
    wanted = SCREENFULS_CACHED * width * height * 4 // 1024
    QPixmapCache.setCacheLimit(max(MIN_CACHE_KB, wanted))


def return_freed_pictures() -> None:
    """Make glibc give freed screen-sized pictures back to the system at once.

    glibc raises its mmap threshold after the first large block is freed, so later
    8-33 MB pictures (grabs, transition frames) come from the heap and stay resident:
    RSS swung by ~24 MB between slide changes at 1080p. A fixed threshold stops that.
    """
    m_mmap_threshold = -3
    libc = _glibc()
    if libc is not None:
        libc.mallopt(m_mmap_threshold, MMAP_THRESHOLD_BYTES)


@lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (malloc tuning is glibc's), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:  # the process's own symbols: find_library("c") runs ldconfig, 5 ms of the start-up
        libc = ctypes.CDLL(None)
        libc.mallopt, libc.malloc_trim  # noqa: B018 (both must exist)
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return None
    return libc


def trim_heap() -> None:
    """Hand the heap's free pages back to the system (glibc's malloc_trim).

    Called while a slide stands still (well under a millisecond, a few at most): what the
    last slide change freed no longer counts against the kiosk's memory, and a day of
    changes does not leave the heap a little larger after every one."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def forget_module_sources() -> None:
    """Drop the source lines Python keeps of imported modules.

    PySide6 reads the whole source of every module imported after it (its `__feature__`
    check), and Python's line cache keeps them: about 2 MB after start-up and 12 MB more
    after pyqtgraph and numpy. Nothing is lost: a traceback reads the lines again."""
    linecache.clearcache()


@contextmanager
def lean_source_checks() -> Iterator[None]:
    """While inside, PySide6's check of each newly imported module reads the module's file
    and keeps nothing, instead of loading its lines into Python's line cache.

    PySide6 asks of every module imported after it whether its source mentions "PySide6"
    (its `__feature__` switch). It reads the source through `inspect.getsource`, which
    keeps every line as a string in the line cache: 12 MB for pyqtgraph and numpy, in small
    objects laid between the modules' own, so that emptying the cache afterwards
    (`forget_module_sources`) handed back almost nothing (9 MB of the 1080p tour's peak:
    docs/performance.md, "Memory (issue 20)"). Same answer, same modules; a module with no
    `.py` file is asked the usual way."""
    feature = sys.modules.get("shibokensupport.feature")
    usual = getattr(feature, "_mod_uses_pyside", None)
    if usual is None:  # PySide6 not imported yet (or a version without the check): nothing to do
        yield
        return

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return usual(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:  # what inspect.getsource's failure means to PySide6 too
            return False

    feature._mod_uses_pyside = mentions_pyside
    try:
        yield
    finally:
        feature._mod_uses_pyside = usual


def freeze_long_lived() -> None:
    """Take every object alive now out of the garbage collector's sight (`gc.freeze`).

    What start-up builds (modules, classes, the deck's models, pyqtgraph) lives as long
    as the process; a full collection walked its ~80,000 objects for 25 ms, a dropped
    frame whenever it fell inside an animation. Frozen objects are still freed when
    nothing refers to them; only a reference cycle among them would stay."""
    gc.freeze()


def collect_garbage() -> None:
    """Run a full garbage collection now, while nothing moves, so that none falls due
    during the next animation."""
    gc.collect()
