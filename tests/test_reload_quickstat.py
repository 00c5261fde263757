"""QuickSnapshot: the same answers as snapshot(), from a few stat calls while nothing moves."""

import os
import shutil

from decks import SECTION, write_deck
from test_reload_support import bump
from zzkiosk.kiosk.quickstat import QuickSnapshot
from zzkiosk.kiosk.watch import snapshot


def normalised(folder):
    return {os.path.normpath(path): value for path, value in snapshot(folder).items()}


def test_nothing_changed_gives_the_same_snapshot_without_walking(tmp_path, monkeypatch):
    quick = QuickSnapshot(write_deck(tmp_path))
    first = quick()
    monkeypatch.setattr("zzkiosk.kiosk.quickstat.walk", lambda *args: must_not_walk())
    assert quick() is first and first == normalised(tmp_path)


def must_not_walk():
    raise AssertionError("walked the folder although nothing changed")


def test_a_write_in_place_is_seen(tmp_path):
    quick = QuickSnapshot(write_deck(tmp_path))
    section = tmp_path / "sections/part.yaml"
    section.write_text(SECTION + "\n", encoding="utf-8")
    bump(section)
    assert quick() == normalised(tmp_path)


def test_a_file_in_a_new_folder_is_seen_even_when_it_comes_later(tmp_path):
    quick = QuickSnapshot(write_deck(tmp_path))
    (tmp_path / "images").mkdir()
    assert quick() == normalised(tmp_path)
    (tmp_path / "images/hall.png").write_bytes(b"png")
    assert str(tmp_path / "images/hall.png") in quick()


def test_a_replaced_folder_is_seen(tmp_path):
    deck = tmp_path / "deck"
    quick = QuickSnapshot(write_deck(deck))
    fresh = write_deck(tmp_path / "fresh", sections={"sections/part.yaml": SECTION, "sections/more.yaml": SECTION})
    shutil.move(deck, tmp_path / "old")
    shutil.move(fresh, deck)
    assert str(deck / "sections/more.yaml") in quick()


def test_kept_paths_only(tmp_path):
    write_deck(tmp_path)
    (tmp_path / "sections/.part.yaml.swp").write_text("x")
    quick = QuickSnapshot(tmp_path, keep=lambda path: not path.endswith(".swp"))
    assert not any(path.endswith(".swp") for path in quick())
