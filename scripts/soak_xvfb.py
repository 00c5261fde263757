#!/usr/bin/env python3
"""A clicker soak and a save storm on a real kiosk process under Xvfb, measuring its RSS.

    python scripts/soak_xvfb.py [--changes 2000] [--saves 200] [--json out.json]

Copies the bundled deck to a temporary folder (its transitions and entrances shortened to
0.1 s so that every press is one slide change), starts `zzkiosk` fullscreen on a private
Xvfb with private state and runtime folders, then:

1. the clicker: `--changes` presses of PageDown and PageUp (nine forward, one back), sent
   with xdotool's real key events, one every 250 ms;
2. the save storm: `--saves` saves of a section file, one every 700 ms, each changing a
   figure; every fifth save is broken YAML (refused, the last good deck plays on).

The process's RSS (from /proc) is read after a warm-up (the first tenth of each part)
and at its end; prints one JSON object, and exits 1 when either part grew by more than
`--limit-mb` (5). Needs Xvfb and xdotool (apt-get install xvfb xdotool).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEY_INTERVAL_MS = 250
SAVE_INTERVAL_S = 0.7
SETTLE_S = 3.0
"""Rest before each RSS reading: the slide stands still, the next one is made ahead."""


def rss_mb(pid: int) -> float:
    """Resident set size of process `pid` in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def start_xvfb() -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        return server, f":{pipe.readline().strip()}"


def copy_deck(folder: Path) -> Path:
    deck = folder / "deck"
    shutil.copytree(ROOT / "slides", deck)
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    text = re.sub(r"duration: 0\.\d+s", "duration: 0.1s", text).replace("stagger: 0.15s", "stagger: 0s")
    text = text.replace("autoplay: true", "autoplay: false")
    (deck / "deck.yaml").write_text(text, encoding="utf-8")
    return deck


def start_kiosk(deck: Path, display: str, home: Path) -> tuple[subprocess.Popen, Path]:
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_STATE_HOME": str(home / "state"),
           "XDG_RUNTIME_DIR": str(runtime), "PYTHONPATH": str(ROOT)}
    log = home / "kiosk.err"
    kiosk = subprocess.Popen([sys.executable, "-m", "zzkiosk", str(deck)], env=env,
                             stdout=subprocess.DEVNULL, stderr=log.open("w"))
    deadline = time.monotonic() + 60
    while "playing" not in log.read_text(encoding="utf-8"):
        if kiosk.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the kiosk did not start:\n{log.read_text(encoding='utf-8')}")
        time.sleep(0.2)
    return kiosk, log


def press(display: str, count: int, start: int) -> None:
    """`count` clicker presses: PageDown, and PageUp every tenth."""
    keys = ["Prior" if (start + number) % 10 == 9 else "Next" for number in range(count)]
    subprocess.run(["xdotool", "key", "--delay", str(KEY_INTERVAL_MS), *keys],
                   env={**os.environ, "DISPLAY": display}, check=True)


def clicker(kiosk: subprocess.Popen, display: str, changes: int) -> dict:
    warm_up = max(changes // 10, 1)
    press(display, warm_up, 0)
    time.sleep(SETTLE_S)
    before = rss_mb(kiosk.pid)
    done = warm_up
    while done < changes:
        batch = min(100, changes - done)
        press(display, batch, done)
        done += batch
    time.sleep(SETTLE_S)
    return {"changes": changes, "rss_after_warm_up_mb": round(before, 1), "rss_at_end_mb": round(rss_mb(kiosk.pid), 1)}


def storm(kiosk: subprocess.Popen, deck: Path, log: Path, saves: int) -> dict:
    section = deck / "sections/review-2020.yaml"
    text = section.read_text(encoding="utf-8")
    figure = re.search(r"value: (\d+)", text)
    warm_up = max(saves // 10, 1)
    before = None
    for number in range(saves):
        if number == warm_up:
            time.sleep(SETTLE_S)
            before = rss_mb(kiosk.pid)
        if number % 5 == 4:
            section.write_text(text + "\n  - id: [broken\n", encoding="utf-8")
        else:
            value = f"value: {int(figure.group(1)) + number % 7}"
            section.write_text(text[:figure.start()] + value + text[figure.end():], encoding="utf-8")
        time.sleep(SAVE_INTERVAL_S)
    section.write_text(text, encoding="utf-8")
    time.sleep(SETTLE_S + 2)
    logged = log.read_text(encoding="utf-8")
    return {"saves": saves, "reloads_accepted": logged.count("reload accepted"),
            "reloads_refused": logged.count("reload refused"),
            "rss_after_warm_up_mb": round(before, 1), "rss_at_end_mb": round(rss_mb(kiosk.pid), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--limit-mb", type=float, default=5.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zzkiosk-soak-") as folder:
        home = Path(folder)
        server, display = start_xvfb()
        kiosk = None
        try:
            deck = copy_deck(home)
            kiosk, log = start_kiosk(deck, display, home)
            result = {"clicker": clicker(kiosk, display, args.changes), "storm": storm(kiosk, deck, log, args.saves)}
            result["alive"] = kiosk.poll() is None
        finally:
            if kiosk is not None:
                kiosk.kill()
                kiosk.wait()
            server.terminate()
            server.wait()
    growth = [part["rss_at_end_mb"] - part["rss_after_warm_up_mb"] for part in (result["clicker"], result["storm"])]
    result["growth_mb"] = [round(value, 1) for value in growth]
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["alive"] and max(growth) <= args.limit_mb else 1


if __name__ == "__main__":
    sys.exit(main())
