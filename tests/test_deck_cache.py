"""The validated deck's cache (zzkiosk.deck.cache, issue 20): a second start plays from it,
any change of a file it depends on makes a full load, a damaged or foreign cache is
refused cleanly, and what is played from it is exactly what a full load gives."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from zzkiosk.deck import cache
from zzkiosk.deck.cache import FORMAT, cache_file, load_deck_cached
from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck
from zzkiosk.fonts import resource_path
from zzkiosk.i18n import language, tr, use_language

ROOT = Path(__file__).resolve().parent.parent
DECKS = [ROOT / "slides", *sorted((ROOT / "tests" / "decks").iterdir())]
REGULAR, BOLD = "NotoSansSC-zzkiosk-Regular.otf", "NotoSansSC-zzkiosk-Bold.otf"


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path, monkeypatch):
    """Each test starts with no deck cached (the suite's temporary home is shared)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def cached(location: Path):
    """Load `location` in full, write its cache; the deck."""
    deck, writer = load_deck_cached(location)
    assert writer is not None, "the first load must be a full one"
    assert writer.write()
    return deck


@pytest.fixture
def hall(tmp_path: Path) -> Path:
    """A copy of the all-blocks deck (a picture, five sections) playing a theme of its own
    (`hall.yaml`, the bundled hall-red) whose fonts are copied beside it."""
    folder = tmp_path / "hall"
    shutil.copytree(ROOT / "tests" / "decks" / "all-blocks", folder)
    shutil.copy(resource_path("themes", "hall-red.yaml"), folder / "hall.yaml")
    for font in (REGULAR, BOLD):
        shutil.copy(resource_path("fonts", font), folder / font)
    deck_file = folder / "deck.yaml"
    deck_file.write_text(deck_file.read_text(encoding="utf-8").replace("theme: hall-red", "theme: hall.yaml"),
                         encoding="utf-8")
    assert load_deck(folder).fonts == (folder / REGULAR, folder / BOLD)
    return folder


@pytest.mark.parametrize("location", DECKS, ids=lambda path: path.name)
def test_a_second_load_comes_from_the_cache_and_equals_a_full_load(location):
    first = cached(location)
    again, writer = load_deck_cached(location)
    assert writer is None, "the second load must come from the cache"
    assert again == first == load_deck(location)
    assert again.warnings == first.warnings and again.digests == first.digests


def test_a_cached_start_imports_no_yaml_no_loader_and_builds_no_validator(tmp_path):
    cached(ROOT / "slides")
    probe = ("import sys; from zzkiosk.deck.cache import load_deck_cached; from zzkiosk.deck.model import Slide; "
             "deck, writer = load_deck_cached(sys.argv[1]); "
             "print(writer is None, len(deck.slides), 'yaml' in sys.modules, 'zzkiosk.deck.loader' in sys.modules, "
             "Slide.__pydantic_complete__)")
    done = subprocess.run([sys.executable, "-c", probe, str(ROOT / "slides")], capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(ROOT)}, timeout=60, check=True)
    assert done.stdout.split() == ["True", str(len(load_deck(ROOT / "slides").slides)), "False", "False", "False"]


def test_the_kiosk_writes_the_cache_and_its_next_start_plays_from_it(tmp_path, monkeypatch):
    """Two real player processes (offscreen, ended by the start-up probe after the first paint)."""
    home = tmp_path / "home"
    env = os.environ | {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "ZZKIOSK_BENCH_PROBE": "startup",
                        **{name: str(home / name) for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")}}
    for start in range(2):
        env["ZZKIOSK_BENCH_OUT"] = str(tmp_path / f"start{start}.json")
        done = subprocess.run([sys.executable, "-m", "zzkiosk", "--windowed", str(ROOT / "tests/decks/mini")],
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(Path(env["ZZKIOSK_BENCH_OUT"]).read_text())["painted_at"] > 0
        assert ("read from its cache" in done.stderr) == (start == 1), done.stderr[-2000:]
    assert len(list((home / "XDG_CACHE_HOME" / "zzkiosk" / "decks").glob("*.deck"))) == 1
    monkeypatch.setenv("XDG_CACHE_HOME", env["XDG_CACHE_HOME"])
    assert cache.read_cache(ROOT / "tests/decks/mini") == load_deck(ROOT / "tests/decks/mini"), \
        "what the kiosk wrote after playing is the deck as loaded"


def _rewrite_font_in_place(hall: Path) -> None:
    """The same bytes written again, its modification time put back: only the change time tells."""
    font = hall / REGULAR
    before = font.stat()
    font.write_bytes(font.read_bytes())
    os.utime(font, ns=(before.st_atime_ns, before.st_mtime_ns))


def _same_size_yaml_edit(hall: Path) -> None:
    """A section edited to a text of the same length, its modification time put back."""
    section = hall / "sections" / "figures.yaml"
    before, text = section.stat(), section.read_text(encoding="utf-8")
    changed = text.replace("id: figures", "id: figurez", 1)
    assert changed != text and len(changed) == len(text)
    section.write_text(changed, encoding="utf-8")
    os.utime(section, ns=(before.st_atime_ns, before.st_mtime_ns))


def _section_made_a_symlink(hall: Path) -> None:
    """The same content, now read through a symlink to another file of the deck folder."""
    section = hall / "sections" / "words.yaml"
    moved = hall / "kept" / "words.yaml"
    moved.parent.mkdir()
    section.rename(moved)
    section.symlink_to(moved)


EDITS = {
    "deck.yaml": lambda hall: _append(hall / "deck.yaml", "credit: 另一位记者\n"),
    "section": lambda hall: _replace(hall / "sections" / "opening.yaml", "title:", "title: 新"),
    "section, same size and time": _same_size_yaml_edit,
    "section made a symlink": _section_made_a_symlink,
    "theme": lambda hall: _replace(hall / "hall.yaml", "background:", "background: #200000\n_was_background:"),
    "theme colour": lambda hall: _replace_first_colour(hall / "hall.yaml"),
    "font replaced": lambda hall: shutil.copy(hall / BOLD, hall / REGULAR),
    "font rewritten in place": _rewrite_font_in_place,
    "font removed": lambda hall: (hall / BOLD).unlink(),
    "picture replaced": lambda hall: shutil.copy(resource_path("fonts", "OFL.txt"), hall / "images" / "hall.png"),
    "picture removed": lambda hall: (hall / "images" / "hall.png").unlink(),
}


def _append(file: Path, text: str) -> None:
    file.write_text(file.read_text(encoding="utf-8").replace("credit:", "_credit:") + text, encoding="utf-8")


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _replace_first_colour(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    start = text.index('"#') + 2
    file.write_text(text[:start] + ("0" if text[start] != "0" else "1") + text[start + 1:], encoding="utf-8")


def _outcome(location: Path):
    """What a full load of `location` gives: the deck, or the problems it is refused with."""
    try:
        return load_deck(location)
    except DeckError as error:
        return error.problems


@pytest.mark.parametrize("edit", EDITS, ids=str)
def test_any_change_of_a_file_the_deck_depends_on_makes_a_full_load(hall, edit, caplog):
    before = cached(hall)
    EDITS[edit](hall)
    caplog.set_level(logging.INFO, logger="zzkiosk.deck.cache")
    try:
        deck, writer = load_deck_cached(hall)
    except DeckError as error:
        assert error.problems == _outcome(hall), "refused exactly as a load without a cache"
    else:
        assert writer is not None, f"{edit}: the stale cache was used"
        assert deck == _outcome(hall)
        assert deck != before or edit in ("font replaced", "font rewritten in place", "section made a symlink",
                                          "picture replaced"), "the edit shows"
    assert [record.getMessage() for record in caplog.records] == [
        "the deck changed since it was last played: validating it in full"]


def test_a_font_put_beside_the_theme_makes_a_full_load(hall):
    """The theme's fonts are taken from beside it when they are there, else the bundled ones."""
    for font in (REGULAR, BOLD):
        (hall / font).unlink()
    assert cached(hall).fonts == (resource_path("fonts", REGULAR), resource_path("fonts", BOLD))
    shutil.copy(resource_path("fonts", BOLD), hall / BOLD)
    deck, writer = load_deck_cached(hall)
    assert writer is not None and deck.fonts == (resource_path("fonts", REGULAR), hall / BOLD)


def test_a_deck_broken_after_it_was_cached_is_refused_as_without_a_cache(hall):
    cached(hall)
    _replace(hall / "sections" / "figures.yaml", "counter:", "countr:")
    with pytest.raises(DeckError) as refused:
        load_deck_cached(hall)
    assert refused.value.problems == _outcome(hall) and refused.value.problems[0].line > 1


@pytest.mark.parametrize("change", ["version", "language", "location", "cwd"])
def test_a_cache_written_by_another_version_language_or_place_is_refused(change, tmp_path, monkeypatch, caplog):
    cached(ROOT / "slides")
    location = ROOT / "slides"
    was = language()
    if change == "version":
        monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    elif change == "language":
        use_language("zh" if was == "en" else "en")
    else:  # the same deck folder's cache, copied to where another location's would be
        (tmp_path / "slides").symlink_to(ROOT / "slides")
        if change == "location":
            location = tmp_path / "slides"
            source = cache_file(ROOT / "slides")
        else:  # `slides` asked for from another folder
            monkeypatch.chdir(ROOT)
            source = cache_file(cached(Path("slides")).folder)
            monkeypatch.chdir(tmp_path)
            location = Path("slides")
        shutil.copy(source, cache_file(location))
    caplog.set_level(logging.INFO, logger="zzkiosk.deck.cache")
    try:
        deck, writer = load_deck_cached(location)
        said = tr("written by another version or for another location")  # in the language logged in
    finally:
        use_language(was)
    assert writer is not None and deck.folder == location
    [refusal] = [record for record in caplog.records if said in record.getMessage()]
    assert refusal.levelno == logging.INFO, "another version's cache: news for IT, not a warning"


def _mangle(good: bytes, how: str, where: float, byte: int, length: int) -> bytes:
    at = int(where * len(good))
    if how == "flip":
        return good[:at] + bytes([good[at] ^ (1 << byte % 8)]) + good[at + 1:]
    if how == "cut":
        return good[:at]
    if how == "garbage":
        return good[:at] + os.urandom(length) + good[at + length:]
    return good[:at] + good[at:at + length] * 3 + good[at + length:]  # a stretch repeated


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=st.sampled_from(["flip", "cut", "garbage", "repeat"]), where=st.floats(0, 0.999),
       byte=st.integers(0, 255), length=st.integers(1, 64))
def test_a_damaged_cache_is_refused_cleanly_and_the_deck_loads_in_full(tmp_path_factory, how, where, byte, length):
    location = ROOT / "tests" / "decks" / "mini"
    expected = load_deck(location)
    if not cache_file(location).exists():
        cached(location)
    good = cache_file(location).read_bytes()
    bad = _mangle(good, how, where, byte, length)
    cache_file(location).write_bytes(bad)
    try:
        deck, writer = load_deck_cached(location)
    finally:
        cache_file(location).write_bytes(good)
    assert deck == expected
    assert (writer is None) == (bad == good)


@pytest.mark.parametrize("content", [b"", b"\x00" * 100, FORMAT, FORMAT + b"{}\n", FORMAT + b"[" * 100000 + b"\n",
                                     b"PK\x03\x04 a zip file", FORMAT + b'{"files": "x", "key": 1}\n'])
def test_garbage_in_place_of_the_cache_is_refused_with_one_warning(content, caplog):
    location = ROOT / "tests" / "decks" / "mini"
    cache_file(location).parent.mkdir(parents=True, exist_ok=True)
    cache_file(location).write_bytes(content)
    deck, writer = load_deck_cached(location)
    assert writer is not None and deck == load_deck(location)
    warnings = [record for record in caplog.records if record.name == "zzkiosk.deck.cache"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert str(cache_file(location)) in warnings[0].getMessage()


class _Hostile:
    """Unpickled, it would create a file: what a cache written by someone else could hold."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _global(module: str, name: str) -> bytes:
    """Pickle protocol 4 for `module.name`, as a hand-made payload would name it."""
    return b"".join(b"\x8c" + bytes([len(part)]) + part for part in (module.encode(), name.encode())) + b"\x93"


def _touch_through(module: str, marker: Path) -> bytes:
    """A payload calling `module.Path.touch(module.Path(marker))`: a deck module's import, reached by a dotted name."""
    text = str(marker).encode()
    return (b"\x80\x04" + _global(module, "Path.touch") + _global(module, "Path")
            + b"\x8c" + bytes([len(text)]) + text + b"\x85R\x85R.")


@pytest.mark.parametrize("payload", ["a class of its own", "a dotted name", "a name the module imported"])
def test_a_cache_naming_anything_but_the_decks_classes_is_refused_unrun(tmp_path, caplog, payload):
    location = ROOT / "tests" / "decks" / "mini"
    cached(location)
    good = cache_file(location).read_bytes()
    header = good[len(FORMAT):].split(b"\n")[1]
    marker = tmp_path / "was-run"
    hostile = {"a class of its own": pickle.dumps(_Hostile(marker)),
               "a dotted name": _touch_through("zzkiosk.deck.deck", marker),
               "a name the module imported": b"\x80\x04" + _global("zzkiosk.deck.deck", "Path") + b"."}[payload]
    if payload == "a dotted name":
        pickle.loads(hostile)  # what it would do if unpickled as it stands
        assert marker.exists()
        marker.unlink()
    body = header + b"\n" + hostile
    cache_file(location).write_bytes(FORMAT + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    deck, writer = load_deck_cached(location)
    assert not marker.exists() and writer is not None and deck == load_deck(location)
    assert "which is not among what it may hold" in caplog.text


def test_an_unwritable_cache_folder_is_logged_and_the_deck_still_plays(tmp_path, monkeypatch, caplog):
    (tmp_path / "not-a-folder").write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    deck, writer = load_deck_cached(ROOT / "tests" / "decks" / "mini")
    assert deck == load_deck(ROOT / "tests" / "decks" / "mini")
    assert writer.write() is False and "cannot be written" in caplog.text
    assert load_deck_cached(ROOT / "tests" / "decks" / "mini")[1] is not None


def test_the_cache_is_written_whole_or_not_at_all(monkeypatch):
    """A write that fails half-way leaves the last good cache, and no partial file."""
    location = ROOT / "tests" / "decks" / "mini"
    cached(location)
    good = cache_file(location).read_bytes()
    deck, _ = load_deck_cached(location)
    writer = cache.CacheWriter(deck, location)

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert writer.write() is False
    assert cache_file(location).read_bytes() == good
    assert [path.name for path in cache_file(location).parent.iterdir()] == [cache_file(location).name]


def test_every_slide_played_from_the_cache_renders_as_after_a_full_load(qapp):
    from zzkiosk.render.export import render_slide_image

    location = ROOT / "tests" / "decks" / "all-blocks"
    fresh = load_deck(location)
    cached(location)
    from_cache, writer = load_deck_cached(location)
    assert writer is None
    for (section, slide), (cached_section, cached_slide) in zip(fresh.slides, from_cache.slides, strict=True):
        picture = render_slide_image(fresh, section, slide, (640, 360))
        assert render_slide_image(from_cache, cached_section, cached_slide, (640, 360)) == picture, slide.id


def test_the_command_line_finds_the_same_config_file_as_the_control_port():
    from zzkiosk.cli import _config_file
    from zzkiosk.control.config import config_file

    assert _config_file() == config_file()


def test_hot_reload_of_a_deck_played_from_its_cache_validates_in_full(qtbot, tmp_path):
    """A broken edit is refused with the same file:line:column as without a cache; its fix comes in."""
    from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard
    from zzkiosk.player.window import PlayerWindow

    hall = tmp_path / "hall"
    shutil.copytree(ROOT / "tests" / "decks" / "mini", hall)
    cached(hall)
    deck, writer = load_deck_cached(hall)
    assert writer is None
    window = PlayerWindow(deck)
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    reload = attach_hot_reload_and_crash_guard(window, hall, preview=True)
    window.presentation.start(0)
    section = next((hall / "sections").glob("*.yaml"))
    good = section.read_text(encoding="utf-8")
    section.write_text(good.replace("title:", "titel:", 1), encoding="utf-8")
    assert reload.reload_now() is False
    assert reload.problems == [str(problem) for problem in _outcome(hall)], "reported as without a cache"
    section.write_text(good.replace("title: ", "title: 新", 1), encoding="utf-8")
    assert reload.reload_now() is True and not reload.problems
    assert window.presentation.deck == load_deck(hall) != deck


def test_the_code_signature_stands_a_build_without_source_files(monkeypatch):
    """A PyInstaller build keeps the modules' bytecode in its archive: no .py file to look at."""
    mini = ROOT / "tests" / "decks" / "mini"
    cached(mini)
    with_sources = cache._code_signature()
    monkeypatch.setattr(cache, "_CODE", (*cache._CODE, "gone", "gone.py"))
    assert cache._code_signature() != with_sources
    deck, writer = load_deck_cached(mini)  # refused: another code signature; never an OSError
    assert writer is not None and writer.write() and load_deck_cached(mini)[1] is None

