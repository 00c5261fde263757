"""The shipped fonts: files and licence, coverage of GB2312 and the deck, Qt loading."""

import os
import subprocess
import sys
import textwrap

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QFont,
    QFontInfo,
    QFontMetrics,
    QFontMetricsF,
    QRawFont,
)

from zzkiosk.fonts import (  # noqa: E402
    FAMILY,
    FONT_DIR,
    FONT_FILES,
    FontFileError,
    font_coverage,
    missing_characters,
    resource_path,
)
from zzkiosk.render.fonts import FontError, figure_font, register_fonts  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
DECK_FILES = sorted((REPO_ROOT / "slides").rglob("*.yaml"))
GB2312_SAMPLE = "株洲中国欢迎您博物馆展厅历史发展年万亿元啊齄　、。，：；？！“”《》（）【】—…·～０９％"
ASCII_SAMPLE = "0123456789%+-.,:;!?()[]ABCXYZabcxyz"


def test_fonts_ship_with_their_licence():
    """Both weights and the OFL text are in resources/fonts."""
    for path in FONT_FILES:
        assert path.is_file() and path.stat().st_size > 500_000, path
    licence = (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name 'Source'" in licence


def test_resource_path_points_into_resources():
    """resource_path resolves beside the package in a source checkout."""
    assert resource_path("fonts") == FONT_DIR == REPO_ROOT / "resources" / "fonts"


def test_resource_path_prefers_pyinstaller_bundle(monkeypatch, tmp_path):
    """In a PyInstaller bundle, resources come from sys._MEIPASS."""
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts", "x.otf") == tmp_path / "resources" / "fonts" / "x.otf"


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.stem)
def test_fonts_cover_gb2312_sample_and_ascii(path):
    """The subset keeps GB2312 (sampled from both ends), punctuation and ASCII."""
    assert missing_characters(GB2312_SAMPLE + ASCII_SAMPLE, [path]) == []
    assert len(font_coverage(path)) >= 7445 + 95


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.stem)
def test_fonts_cover_every_gb2312_character(path):
    """Every character encodable in GB2312 is drawable."""
    gb2312 = []
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                gb2312.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert missing_characters("".join(gb2312), [path]) == []


@pytest.mark.parametrize("deck_file", DECK_FILES, ids=lambda p: p.name)
def test_fonts_cover_the_bundled_deck(deck_file):
    """Guards against a deck character the shipped fonts cannot draw (tofu on screen)."""
    text = deck_file.read_text(encoding="utf-8")
    for path in FONT_FILES:
        missing = missing_characters(text, [path])
        assert not missing, (
            f"{deck_file.relative_to(REPO_ROOT)}: {path.name} lacks {''.join(missing)!r}; "
            "re-run python resources/fonts/make_subset.py"
        )


def test_missing_characters_lists_only_uncovered_glyphs():
    """Characters the fonts lack are reported once, sorted; whitespace is ignored."""
    assert missing_characters("株洲😀") == ["😀"]
    assert missing_characters("😀 株\n😀\t\u200d𠀀") == ["😀", "𠀀"]
    assert missing_characters("") == []


def _font_with_format4(segments: list[tuple[int, int, int, list[int]]]) -> bytes:
    """A minimal sfnt holding only a cmap with one format 4 subtable, for both Unicode
    encodings. Each segment is (start, end, id_delta, glyph_ids): glyph_ids empty means the
    glyph is code + id_delta; otherwise the codes map to those glyph ids."""
    import struct

    segments = [*segments, (0xFFFF, 0xFFFF, 1, [])]
    count = len(segments)
    glyph_words: list[int] = []
    range_offsets = []
    for index, (_start, _end, _delta, glyphs) in enumerate(segments):
        if glyphs:
            # bytes from this segment's idRangeOffset entry to its first glyph id
            range_offsets.append(2 * (count - index) + 2 * len(glyph_words))
            glyph_words += glyphs
        else:
            range_offsets.append(0)
    words = ([end for _s, end, _d, _g in segments] + [0] + [start for start, _e, _d, _g in segments]
             + [delta & 0xFFFF for _s, _e, delta, _g in segments] + range_offsets + glyph_words)
    body = struct.pack(">HHHHHHH", 4, 14 + 2 * len(words), 0, 2 * count, 0, 0, 0) + struct.pack(f">{len(words)}H", *words)
    cmap = struct.pack(">HHHHIHHI", 0, 2, 0, 3, 20, 3, 1, 20) + body
    header = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0) + b"cmap" + struct.pack(">III", 0, 28, len(cmap))
    return header + cmap


def test_font_coverage_reads_format4_segments_exactly(tmp_path):
    """Codes whose glyph is 0 are not covered, whether by delta or by the glyph array;
    a segment's unmapped code never removes a code another segment covers."""
    font = tmp_path / "tiny.ttf"
    font.write_bytes(_font_with_format4([
        (0x41, 0x45, -0x43, []),             # 0x43 + (-0x43) = glyph 0: not covered
        (0x60, 0x62, 5, []),                 # 0x10000 - 5 = 0xFFFB is outside: all covered
        (0x100, 0x103, 0, [5, 0, 7, 0]),     # glyph array with holes
        (0x200, 0x201, -0x61, []),           # its unmapped code (0x61) lies in another segment
    ]))
    assert font_coverage(font) == {0x41, 0x42, 0x44, 0x45, 0x60, 0x61, 0x62, 0x100, 0x102, 0x200, 0x201}


def test_font_coverage_rejects_a_non_font(tmp_path):
    """A file that is not a font gives an error naming it."""
    bogus = tmp_path / "bogus.otf"
    bogus.write_bytes(b"not a font at all, just some bytes")
    with pytest.raises(FontFileError, match="bogus.otf"):
        font_coverage(bogus)


def test_register_fonts_returns_the_family(qapp):
    """Both weights register as one family, and registering twice is harmless."""
    assert register_fonts(FONT_FILES) == [FAMILY]
    assert register_fonts(FONT_FILES) == [FAMILY]


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_qt_agrees_with_font_coverage(qapp, bold):
    """QFontMetrics.inFont matches font_coverage for covered and uncovered samples."""
    assert register_fonts(FONT_FILES) == [FAMILY]
    font = figure_font(FAMILY, 48, bold=bold)
    # Without this, inFont also answers for fallback fonts (e.g. a system emoji font).
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    assert QFontInfo(font).family() == FAMILY
    assert QFontInfo(font).bold() is bold
    metrics = QFontMetrics(font)
    coverage = font_coverage(FONT_FILES[1 if bold else 0])
    for char in GB2312_SAMPLE + ASCII_SAMPLE + "😀𠀀":
        assert metrics.inFontUcs4(ord(char)) == (ord(char) in coverage), char


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.stem)
def test_qt_reads_the_shipped_file_like_font_coverage(qapp, path):
    """Qt, given the file itself, agrees with font_coverage even where the subset ends.

    QRawFont reads the file itself, whatever fonts the system has.
    """
    raw = QRawFont(str(path), 48)
    assert raw.isValid() and raw.familyName() == FAMILY
    coverage = font_coverage(path)
    for char in GB2312_SAMPLE + ASCII_SAMPLE + "們😀𠀀":
        assert raw.supportsCharacter(ord(char)) == (ord(char) in coverage), char


def test_figure_font_digits_are_equal_width(qapp):
    """Tabular figures: a counting number does not jitter as its digits change."""
    register_fonts(FONT_FILES)
    font = figure_font(FAMILY, 120)
    assert font.isFeatureSet(QFont.Tag("tnum"))
    metrics = QFontMetricsF(font)
    advances = {metrics.horizontalAdvance(digit) for digit in "0123456789"}
    assert len(advances) == 1, advances


def test_register_missing_font_names_the_path(qapp, tmp_path):
    """A missing font file raises FontError naming the path."""
    missing = tmp_path / "NoSuchFont.otf"
    with pytest.raises(FontError, match="NoSuchFont.otf") as caught:
        register_fonts([missing])
    assert caught.value.path == missing


def test_register_refused_font_names_the_path(qapp, tmp_path):
    """A file Qt cannot load raises FontError naming the path."""
    bogus = tmp_path / "Bogus.otf"
    bogus.write_bytes(b"\0" * 64)
    with pytest.raises(FontError, match="Bogus.otf.*refused"):
        register_fonts([bogus])


KIOSK_WITHOUT_SYSTEM_FONTS = textwrap.dedent("""
    from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QRawFont
    from zzkiosk.fonts import FAMILY, FONT_FILES, font_coverage
    from zzkiosk.render.fonts import figure_font, register_fonts
    app = QGuiApplication([])
    assert register_fonts(FONT_FILES) == [FAMILY]
    for bold, path in zip((False, True), FONT_FILES):
        font = figure_font(FAMILY, 48, bold=bold)
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
        metrics, raw, coverage = QFontMetrics(font), QRawFont.fromFont(font), font_coverage(path)
        assert raw.styleName() == ("Bold" if bold else "Regular"), raw.styleName()
        for char in "株洲中国年%0９們😀":
            assert metrics.inFontUcs4(ord(char)) == (ord(char) in coverage), char
""")


def test_shipped_fonts_alone_draw_the_text(tmp_path):
    """On a kiosk PC without fonts-noto-cjk, Qt draws from the shipped subset.

    Guards against the dev machine's same-named system font hiding a missing or
    unloadable shipped file. Runs in a subprocess with fontconfig given no font folders.
    """
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><cachedir>{tmp_path}</cachedir></fontconfig>")
    env = dict(os.environ, FONTCONFIG_FILE=str(config), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", KIOSK_WITHOUT_SYSTEM_FONTS], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
