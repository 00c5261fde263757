"""The fonts shipped with zzkiosk and which characters they cover, without Qt.

``zzkiosk validate`` uses :func:`missing_characters` to list every deck character the
shipped fonts cannot draw; the Qt side (:mod:`zzkiosk.render.fonts`) registers them.
The coverage is read straight from the OpenType ``cmap`` table with :mod:`struct`, so
neither Qt nor fontTools is needed at runtime.
"""

from __future__ import annotations

import struct
import sys
import unicodedata
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress
from pathlib import Path

FAMILY = "ZZKiosk Sans SC"
"""Family name of the shipped fonts, as Qt reports it after registration."""


def resource_path(*parts: str) -> Path:
    """Return the path of a file under the ``resources/`` folder.

    In a PyInstaller bundle the folder is ``sys._MEIPASS/resources``; from a source
    checkout (or an editable install) it is the ``resources/`` folder beside the
    ``zzkiosk`` package, i.e. ``<repo>/resources``.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


FONT_DIR = resource_path("fonts")
"""Folder holding the shipped fonts and their licence."""

FONT_FILES = (
    FONT_DIR / "NotoSansSC-zzkiosk-Regular.otf",
    FONT_DIR / "NotoSansSC-zzkiosk-Bold.otf",
)
"""The shipped font files: Noto Sans CJK SC Regular and Bold, subset by make_subset.py."""


class FontFileError(ValueError):
    """A font file is missing, truncated or has no usable Unicode cmap subtable."""


def _table_offset(data: bytes, tag: bytes) -> int:
    """Return the offset of table ``tag`` in an sfnt (the first face of a .ttc)."""
    base = 0
    if data[:4] == b"ttcf":
        (base,) = struct.unpack_from(">I", data, 12)
    (num_tables,) = struct.unpack_from(">H", data, base + 4)
    for index in range(num_tables):
        entry = base + 12 + 16 * index
        if data[entry:entry + 4] == tag:
            return struct.unpack_from(">I", data, entry + 8)[0]
    raise FontFileError(f"no {tag.decode()!r} table")


def _words(data: bytes, offset: int, count: int) -> array:
    """`count` big-endian 16-bit words of `data` from `offset`, as native integers."""
    words = array("H", data[offset:offset + 2 * count])
    if len(words) != count:
        raise struct.error("cmap subtable runs past the end of the file")
    if sys.byteorder == "little":
        words.byteswap()
    return words


def _format4(data: bytes, offset: int) -> set[int]:
    """Return the code points of a cmap format 4 subtable (BMP segments).

    Whole segments at a time (a shipped CJK font maps ~30,000 characters: a loop per
    character cost ~25 ms of every start)."""
    (seg_x2,) = struct.unpack_from(">H", data, offset + 6)
    segments = seg_x2 // 2
    ends_at = offset + 14
    starts_at = ends_at + seg_x2 + 2
    ranges_at = starts_at + 2 * seg_x2
    ends, starts, deltas, ranges = (_words(data, at, segments) for at in
                                    (ends_at, starts_at, starts_at + seg_x2, ranges_at))
    codes: set[int] = set()
    for seg in range(segments):
        start, end = starts[seg], min(ends[seg], 0xFFFE)
        if end < start:
            continue
        if ranges[seg] == 0:
            unmapped = -deltas[seg] & 0xFFFF  # the one code whose glyph would be 0
            if start <= unmapped <= end:
                codes.update(range(start, unmapped), range(unmapped + 1, end + 1))
            else:
                codes.update(range(start, end + 1))
        else:
            # idRangeOffset counts bytes from its own entry (the subtable's length field
            # cannot be trusted: it overflows 16 bits in large CJK fonts)
            glyphs = _words(data, ranges_at + 2 * seg + ranges[seg], end - start + 1)
            codes.update(compress(range(start, end + 1), glyphs))
    return codes


def _format12(data: bytes, offset: int) -> set[int]:
    """Return the code points of a cmap format 12 subtable (full Unicode groups)."""
    (count,) = struct.unpack_from(">I", data, offset + 12)
    codes = set()
    for group in range(count):
        start, end, _glyph = struct.unpack_from(">III", data, offset + 16 + 12 * group)
        codes.update(range(start, end + 1))
    return codes


_UNICODE_SUBTABLES = {(0, 3), (0, 4), (0, 6), (3, 1), (3, 10)}


def _cmap_coverage(data: bytes) -> set[int]:
    """Return every code point mapped by the Unicode subtables of the font's cmap."""
    cmap = _table_offset(data, b"cmap")
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    codes: set[int] = set()
    read: set[int] = set()
    for index in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        if (platform, encoding) not in _UNICODE_SUBTABLES or sub in read:
            continue  # fonts often point two encodings at one subtable
        read.add(sub)
        (fmt,) = struct.unpack_from(">H", data, cmap + sub)
        if fmt == 4:
            codes |= _format4(data, cmap + sub)
        elif fmt == 12:
            codes |= _format12(data, cmap + sub)
    return codes


@lru_cache(maxsize=None)
def _coverage_of(path: Path) -> frozenset[int]:
    """Read and cache the coverage of one resolved font path."""
    try:
        codes = _cmap_coverage(path.read_bytes())
    except OSError as error:
        raise FontFileError(f"{path}: cannot read font: {error.strerror}") from error
    except (struct.error, FontFileError) as error:
        raise FontFileError(f"{path}: not a usable OpenType font ({error})") from error
    if not codes:
        raise FontFileError(f"{path}: no Unicode cmap subtable of format 4 or 12")
    return frozenset(codes)


def font_coverage(path: str | Path) -> frozenset[int]:
    """Return the Unicode code points the font at ``path`` maps to a glyph.

    Reads the ``cmap`` table (subtable formats 4 and 12; for a .ttc, face 0) and
    caches the answer per path. Raises :class:`FontFileError` for an unreadable file.
    """
    return _coverage_of(Path(path).resolve())


def _is_drawn(char: str) -> bool:
    """Tell whether a character needs a glyph (not whitespace, control or format)."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def missing_characters(text: str, font_paths: Iterable[str | Path] = FONT_FILES) -> list[str]:
    """Return the sorted distinct characters of ``text`` that none of the fonts covers.

    Whitespace, control and format characters (such as zero-width joiners) are ignored.
    """
    covered = _combined_coverage(tuple(Path(path).resolve() for path in font_paths))
    return sorted(c for c in set(text) if ord(c) not in covered and _is_drawn(c))


@lru_cache(maxsize=8)
def _combined_coverage(paths: tuple[Path, ...]) -> frozenset[int]:
    """The code points any of the fonts covers, computed once per set of fonts."""
    return frozenset().union(*(_coverage_of(path) for path in paths))
