"""The benchmark's browser beside the kiosk: Chromium's first paint of the deck's first slide."""

import re
import shutil
from pathlib import Path

import pytest

from zzkiosk.bench.browser import find_browser, first_slide_page, measure_browser_start
from zzkiosk.bench.processes import xvfb

ROOT = Path(__file__).resolve().parent.parent


def test_the_page_is_the_first_slide_in_the_decks_fonts_and_colours():
    page = first_slide_page(ROOT / "slides", 40123)
    assert "<h1>图说市委十二届十五次全会暨市委经济工作会议</h1>" in page
    assert "<h2>株洲日报</h2>" in page
    assert "<p>2020… 交出高质量发展优异答卷</p>" in page and "<p>2021… 奋战『十四五』良好开局</p>" in page
    fonts = re.findall(r'src: url\("file://([^"]+)"\)', page)
    assert [Path(font).name for font in fonts] == ["NotoSansSC-zzkiosk-Regular.otf", "NotoSansSC-zzkiosk-Bold.otf"]
    assert all(Path(font).is_file() for font in fonts)
    # hall-red: a gradient at 70 degrees from the x axis (90: top to bottom) is CSS's 160deg.
    assert "linear-gradient(160deg, #b3160f, #8f0b0b, #5c0505)" in page
    assert "http://127.0.0.1:40123/painted?at=" in page


def test_text_from_the_deck_is_escaped(tmp_path):
    shutil.copytree(ROOT / "tests" / "decks" / "mini", tmp_path / "deck")
    section = tmp_path / "deck" / "sections" / "one.yaml"  # the deck's first section; its first slide's title:
    text = section.read_text(encoding="utf-8")
    assert "    title: 小样演示\n" in text
    section.write_text(text.replace("    title: 小样演示\n", "    title: \"<script>x</script> & 'y'\"\n"), encoding="utf-8")
    page = first_slide_page(tmp_path / "deck", 1)
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt; &amp; &#x27;y&#x27;" in page


@pytest.mark.skipif(find_browser() is None or shutil.which("Xvfb") is None, reason="needs Chromium and Xvfb")
def test_chromiums_first_paint_is_timed_from_its_process_start():
    with xvfb((1280, 720)) as display:
        figures = measure_browser_start(ROOT / "tests" / "decks" / "mini", display, 1)
    assert figures["browser"] in {"chromium", "chromium-browser", "google-chrome"}
    assert len(figures["browser_runs_s"]) == 1
    assert 0 < figures["browser_first_paint_s"] == figures["browser_runs_s"][0] < 30


def test_without_a_screen_the_browser_is_reported_not_measured():
    figures = measure_browser_start(ROOT / "tests" / "decks" / "mini", None, 1)
    assert figures["browser_first_paint_s"] is None and figures["browser_reason"]
