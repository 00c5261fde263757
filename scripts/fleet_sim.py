"""Fleet simulation: many kiosk processes on one MQTT broker, driven for minutes, then checked.

    python scripts/fleet_sim.py                       # 40 kiosks, 5 minutes
    python scripts/fleet_sim.py --kiosks 8 --minutes 1 --json /tmp/fleet.json

Starts Debian's mosquitto on a free loopback port, then N real kiosk processes
(offscreen, kiosk mode on Qt's 800x600 offscreen screen, the tests' four-slide deck), each
with its own config.yaml (name sim-NN, groups hall-a or hall-b) and its own state folders.
Every INTERVAL seconds it sends a command to all kiosks or to one hall and waits for every
reply; at the end it checks that every kiosk's retained status shows the slide and cover
that the commands lead to. It samples each kiosk's CPU time and RSS from /proc and prints
the figures (and writes them as JSON). Traffic stays on 127.0.0.1. Not run in CI (too long).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zzkiosk.fleet.settings import MqttSettings  # noqa: E402
from zzkiosk.fleet.staff import FleetClient, wait_for  # noqa: E402

DECK = ROOT / "tests" / "decks" / "mini"
SLIDES = 4
"""Slides of the mini deck (it loops)."""
INTERVAL = 10.0
"""Seconds between two commands."""
SCRIPT = [("all", "next"), ("all", "next"), ("hall-a", "next"), ("all", "black"), ("all", "clear"),
          ("all", "goto 4"), ("hall-b", "prev"), ("all", "next"), ("all", "first"), ("hall-a", "white"),
          ("hall-a", "clear"), ("all", "goto 3")]
"""The commands sent in turn: (target, command)."""
TICKS = os.sysconf("SC_CLK_TCK")


def main() -> int:
    args = _parser().parse_args()
    work = Path(tempfile.mkdtemp(prefix="zzkiosk-fleet-sim-"))
    broker = _start_broker(work)
    kiosks: list[subprocess.Popen] = []
    try:
        url = f"mqtt://127.0.0.1:{broker.port}"
        started = time.monotonic()
        kiosks = [_start_kiosk(work, url, number) for number in range(args.kiosks)]
        client = FleetClient(MqttSettings(url=url, name="sim-staff", homeassistant=False))
        client.connect()
        names = {f"sim-{number:02d}" for number in range(args.kiosks)}
        all_up = wait_for(lambda: {k.name for k in client.kiosks() if k.availability == "online" and k.status} >= names,
                          timeout=60 + 3 * args.kiosks)
        online_seconds = round(time.monotonic() - started, 1)
        print(f"{args.kiosks} kiosks online in {online_seconds} s" if all_up else "not every kiosk came online")
        report = _drive(client, kiosks, names, args.minutes * 60)
        report |= {"kiosks": args.kiosks, "minutes": args.minutes, "all_online_at_start": all_up,
                   "online_seconds": online_seconds, "load_average": os.getloadavg()[0]}
        report["broker"] = _usage(broker.process.pid)
        client.close()
    finally:
        for process in kiosks:
            process.send_signal(signal.SIGTERM)
        for process in kiosks:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        broker.stop()
        shutil.rmtree(work, ignore_errors=True)
    _print(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0 if report["status_correct"] == args.kiosks and not report["missing_replies"] else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=40)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--json", type=Path, help="write the figures here")
    return parser


class _Broker:
    def __init__(self, port: int, process: subprocess.Popen):
        self.port, self.process = port, process

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _start_broker(work: Path) -> _Broker:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = work / "mosquitto.conf"
    config.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n"
                      "log_dest stderr\nlog_type error\nmax_connections -1\n", encoding="utf-8")
    executable = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
    process = subprocess.Popen([executable, "-c", str(config)], stdout=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return _Broker(port, process)
        except OSError:
            time.sleep(0.05)
    raise SystemExit("mosquitto did not start")


def _start_kiosk(work: Path, url: str, number: int) -> subprocess.Popen:
    home = work / f"kiosk-{number:02d}"
    (home / "config" / "zzkiosk").mkdir(parents=True)
    (home / "runtime").mkdir(mode=0o700)
    group = "hall-a" if number % 2 == 0 else "hall-b"
    (home / "config" / "zzkiosk" / "config.yaml").write_text(
        f"mqtt:\n  url: {url}\n  name: sim-{number:02d}\n  groups: [{group}]\n  homeassistant: false\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CACHE_HOME": str(home / "cache"), "XDG_RUNTIME_DIR": str(home / "runtime")}
    log = open(home / "stderr.txt", "wb")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen([sys.executable, "-m", "zzkiosk", str(DECK), "--log-level", "warning"],
                            env=env, stdout=subprocess.DEVNULL, stderr=log)


def _drive(client: FleetClient, kiosks: list[subprocess.Popen], names: set[str], seconds: float) -> dict:
    """Send SCRIPT in turn until `seconds` passed; sample CPU and RSS; check the statuses."""
    groups = {f"sim-{n:02d}": "hall-a" if n % 2 == 0 else "hall-b" for n in range(len(kiosks))}
    expected = {name: (1, "none") for name in names}
    latencies, missing, sent, samples = [], 0, 0, []
    cpu_start = {p.pid: _cpu_seconds(p.pid) for p in kiosks}
    start = time.monotonic()
    step = 0
    while time.monotonic() - start < seconds:
        target, command = SCRIPT[step % len(SCRIPT)]
        step += 1
        reached = {name for name in names if target == "all" or groups[name] == target}
        sent_at = time.monotonic()
        request = client.send(command, group=None if target == "all" else target)
        sent += 1
        wait_for(lambda: {r["kiosk"] for r in client.replies(request)} >= reached, timeout=INTERVAL)
        replies = client.replies(request)
        latencies.append(time.monotonic() - sent_at)
        missing += len(reached - {r["kiosk"] for r in replies})
        for name in reached:
            expected[name] = _after(expected[name], command)
        samples.append([_usage(p.pid) for p in kiosks])
        time.sleep(max(0.0, INTERVAL - (time.monotonic() - sent_at)))
    elapsed = time.monotonic() - start
    wait_for(lambda: _correct(client, expected) == len(names), timeout=15)
    cpu = [(_cpu_seconds(p.pid) - cpu_start[p.pid]) / elapsed * 100 for p in kiosks]
    rss = [sample["rss_mb"] for sample in samples[-1]] if samples else []
    return {"commands": sent, "missing_replies": missing, "status_correct": _correct(client, expected),
            "reply_seconds": _spread(latencies), "cpu_percent_per_kiosk": _spread(cpu),
            "rss_mb_per_kiosk": _spread(rss), "seconds": round(elapsed, 1)}


def _after(state: tuple[int, str], command: str) -> tuple[int, str]:
    number, cover = state
    word, _, rest = command.partition(" ")
    if word in ("black", "white"):
        return number, word
    if word == "clear":
        return number, "none"
    if cover != "none":  # a command other than these only takes the cover away
        return number, "none"
    moves = {"next": number % SLIDES + 1, "prev": (number - 2) % SLIDES + 1, "first": 1,
             "goto": int(rest or 1)}
    return moves.get(word, number), cover


def _correct(client: FleetClient, expected: dict[str, tuple[int, str]]) -> int:
    right = 0
    for kiosk in client.kiosks():
        current = kiosk.status.get("current") or {}
        if kiosk.name in expected and (current.get("number"), kiosk.status.get("cover")) == expected[kiosk.name]:
            right += 1
    return right


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _usage(pid: int) -> dict:
    try:
        rss_kb = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                      if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        rss_kb = 0
    return {"cpu_seconds": round(_cpu_seconds(pid), 2), "rss_mb": round(rss_kb / 1024, 1)}


def _spread(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 3), "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
            "max": round(ordered[-1], 3)}


def _print(report: dict) -> None:
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    sys.exit(main())
