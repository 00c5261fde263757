"""Build the subset Noto Sans CJK SC fonts shipped with zzkiosk.

Usage (from the repository root, at build time, not at runtime)::

    apt-get install fonts-noto-cjk      # provides NotoSansCJK-{Regular,Bold}.ttc
    pip install fonttools               # or: pip install -e '.[build]'
    python resources/fonts/make_subset.py [EXTRA_PATH ...]

Each weight of the "Noto Sans CJK SC" face is cut down to GB2312, ASCII, common CJK
and fullwidth punctuation, and every character of the bundled deck (``slides/**/*.yaml``)
plus any EXTRA_PATH (a file, or a folder searched for ``*.yaml``/``*.yml``). The
results are written next to this script as ``NotoSansSC-zzkiosk-{Regular,Bold}.otf``.

Re-run it whenever the deck gains characters outside GB2312; ``zzkiosk validate``
lists the characters the shipped fonts cannot draw. YAML files are read as plain
text, so a character written as a ``\\uXXXX`` escape is not seen: write it literally.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FONT_DIR = Path(__file__).resolve().parent
REPO_ROOT = FONT_DIR.parents[1]
DECK_DIR = REPO_ROOT / "slides"
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
FAMILY = "Noto Sans CJK SC"
SHIPPED_FAMILY = "ZZKiosk Sans SC"
"""The subset's own family name: distinct from the system's Noto Sans CJK SC, so Qt can
never draw deck text with a system font that has characters the kiosk's font lacks."""
WEIGHTS = ("Regular", "Bold")

PUNCTUATION = "、。，：；？！“”‘’《》『』「」（）【】〔〕〈〉—–…·・～￥％‰℃°×÷±\u2212▲▼"
"""Kept whatever the deck holds; U+2212 (the minus of a signed figure) and ▲▼ (`trend: arrow`)
are drawn by the player itself."""
EXTRA_RANGES = (
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # fullwidth ASCII forms
    (0xFF5F, 0xFFEF),  # halfwidth and other fullwidth forms
    (0x2010, 0x2027),  # general punctuation: dashes, quotes, ellipsis
)

# Kept on top of fontTools' default features: figure spacing and CJK punctuation
# spacing. Vertical features (vert, vrt2, vkrn, vpal) and vhea/vmtx/VORG are default.
EXTRA_FEATURES = ("tnum", "pnum", "halt", "palt", "vhal")
# Dropped: the SC face's 'locl' swaps in Japanese/Korean/Traditional glyph variants,
# which a zh-Hans kiosk never shows; keeping it pulls in ~5,800 extra glyphs (+70 %).
DROPPED_FEATURES = ("locl",)


def gb2312_characters() -> set[str]:
    """Return every character encodable in GB2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def base_characters() -> set[str]:
    """Return ASCII (with digits and %) and common CJK/fullwidth punctuation."""
    return {chr(code) for code in range(0x20, 0x7F)} | set(PUNCTUATION)


def range_characters() -> set[str]:
    """Return the punctuation and fullwidth blocks, kept where the font has them."""
    return {chr(code) for first, last in EXTRA_RANGES for code in range(first, last + 1)}


def yaml_files(path: Path) -> list[Path]:
    """Return ``path`` itself, or the YAML files below it when it is a folder."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
    return [path]


def text_characters(paths: list[Path]) -> set[str]:
    """Return the printable characters of the given files, read as UTF-8 text."""
    chars = set()
    for path in paths:
        for file in yaml_files(path):
            chars.update(file.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() and not c.isspace()}


def find_face(collection: Path) -> int:
    """Return the index of the ``FAMILY`` face inside a .ttc collection."""
    faces = TTCollection(collection, lazy=True).fonts
    for index, face in enumerate(faces):
        if face["name"].getDebugName(1) == FAMILY:
            return index
    raise SystemExit(f"{collection}: no face named {FAMILY!r}")


def subset_options() -> subset.Options:
    """Return fontTools options: no hinting, all name records, extra layout features."""
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    features = [f for f in options.layout_features if f not in DROPPED_FEATURES]
    options.layout_features = features + list(EXTRA_FEATURES)
    options.notdef_outline = True
    return options


def make_weight(weight: str, chars: set[str], source_dir: Path) -> Path:
    """Subset one weight to ``chars`` plus the optional ranges; return the new path."""
    source = source_dir / f"NotoSansCJK-{weight}.ttc"
    font = TTFont(source, fontNumber=find_face(source), recalcTimestamp=False)
    missing = sorted(c for c in chars if ord(c) not in font.getBestCmap())
    if missing:
        print(f"warning: {source.name} lacks {''.join(missing)!r}", file=sys.stderr)
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes={ord(c) for c in chars | range_characters()})
    subsetter.subset(font)
    rename_family(font, weight)
    target = FONT_DIR / f"NotoSansSC-zzkiosk-{weight}.otf"
    font.save(target)
    return target


def rename_family(font: TTFont, weight: str) -> None:
    """Give the subset its own family name in every name record that carries one."""
    compact = SHIPPED_FAMILY.replace(" ", "")
    names = {
        1: SHIPPED_FAMILY, 2: weight, 3: f"{compact}-{weight};zzkiosk subset of Noto Sans CJK SC",
        4: f"{SHIPPED_FAMILY} {weight}", 6: f"{compact}-{weight}", 16: SHIPPED_FAMILY, 17: weight,
    }
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in names]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [names[6]]
        top = cff.topDictIndex[0]
        top.FamilyName, top.FullName = SHIPPED_FAMILY, names[4]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="extra text/YAML files or folders whose characters to keep")
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR,
                        help=f"folder holding NotoSansCJK-*.ttc (default {SOURCE_DIR})")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build both weights and print their sizes and the time taken."""
    args = parse_args(argv)
    deck_chars = text_characters([DECK_DIR, *args.paths])
    standard = gb2312_characters() | base_characters()
    outside = "".join(sorted(deck_chars - standard))
    print(f"{len(standard | deck_chars)} characters; deck characters beyond GB2312 and ASCII: {outside!r}")
    for weight in WEIGHTS:
        started = time.perf_counter()
        target = make_weight(weight, standard | deck_chars, args.source_dir)
        size = target.stat().st_size / 1e6
        elapsed = time.perf_counter() - started
        print(f"{target.name}: {size:.2f} MB in {elapsed:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
