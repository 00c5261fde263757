"""Noticing saved edits: every way editors save is seen once it has settled."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time

from decks import SECTION, write_deck
from zzkiosk.kiosk.watch import ChangeDetector, snapshot


def detector_for(folder):
    return ChangeDetector(lambda: snapshot(folder))


def settles(detector) -> bool:
    """True when the detector reports the change on the poll after it first saw it."""
    return detector.poll() is False and detector.poll() is True


def bump(path):
    """Make sure the modification time moves even on coarse-clock file systems."""
    stamp = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_no_change_reports_nothing(tmp_path):
    detector = detector_for(write_deck(tmp_path))
    assert [detector.poll() for _ in range(3)] == [False, False, False]


def test_write_in_place(tmp_path):
    detector = detector_for(write_deck(tmp_path))
    section = tmp_path / "sections/part.yaml"
    section.write_text(SECTION.replace("385", "386"), encoding="utf-8")
    bump(section)
    assert settles(detector) and detector.poll() is False


def test_write_temporary_then_rename(tmp_path):
    detector = detector_for(write_deck(tmp_path))
    temporary = tmp_path / "sections/.part.yaml.swp"
    temporary.write_text(SECTION.replace("385", "387"), encoding="utf-8")
    os.replace(temporary, tmp_path / "sections/part.yaml")
    assert settles(detector)


def test_partial_write_waits_until_settled(tmp_path):
    detector = detector_for(write_deck(tmp_path))
    section = tmp_path / "sections/part.yaml"
    with section.open("a", encoding="utf-8") as handle:
        handle.write("  - id: half")
        handle.flush()
        assert detector.poll() is False
        handle.write("-written\n")
    bump(section)
    assert detector.poll() is False and detector.poll() is True


def test_delete_and_recreate(tmp_path):
    detector = detector_for(write_deck(tmp_path))
    section = tmp_path / "sections/part.yaml"
    section.unlink()
    assert settles(detector)
    section.write_text(SECTION, encoding="utf-8")
    assert settles(detector)


def test_whole_folder_replaced(tmp_path):
    deck = write_deck(tmp_path / "deck")
    detector = detector_for(deck)
    fresh = write_deck(tmp_path / "fresh", sections={"sections/part.yaml": SECTION.replace("385", "388")})
    shutil.rmtree(deck)
    fresh.rename(deck)
    bump(deck / "sections/part.yaml")
    assert settles(detector)


def read_until(lines: queue.Queue, text: str, seconds: float = 15) -> list[str]:
    """Lines printed up to the first holding `text`; fails after `seconds`."""
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            seen.append(lines.get(timeout=0.2))
        except queue.Empty:
            continue
        if text in seen[-1]:
            return seen
    raise AssertionError(f"no line with {text!r} within {seconds} s; got {seen}")


def test_validate_watch_reports_a_broken_save_and_its_fix(tmp_path):
    deck = write_deck(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "zzkiosk", "validate", "--watch", str(deck)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        read_until(lines, "watching")
        section = deck / "sections/part.yaml"
        section.write_text(SECTION.replace("label: 新签", "lable: 新签"), encoding="utf-8")
        bump(section)
        read_until(lines, "part.yaml:7:40: unknown key 'lable': did you mean 'label'?")
        section.write_text(SECTION, encoding="utf-8")
        assert "changed" in "".join(read_until(lines, "valid: 1 slides"))
    finally:
        process.kill()
        process.wait(10)
