"""The control port's figures: `next` to the first frame, and what turning control on costs."""

from __future__ import annotations

import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from zzkiosk.bench.processes import measure_idle, measure_startup, run_probe, xvfb

SECONDS_PER_CHANGE = 6
"""Time allowed per `next` (a transition, the slide's entrance, the wait for the next one made ahead)."""
FLOOD_RATE = 1000
"""Datagrams a second sent at the port while frames are counted."""
SIZE = (1920, 1080)
"""The screen the latency is measured on (the issue's target is for 1080p)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_control(deck: Path, changes: int, startup_runs: int, idle_seconds: float,
                    delivered_changes: int) -> dict:
    """Latency of `next` over UDP to the first transition frame (fullscreen under Xvfb at 1080p);
    the start-up time, peak RSS and idle CPU that --control (UDP, TCP, OSC and HTTP) adds; and
    the frames delivered during transitions while 1,000 datagrams a second hit the port."""
    with xvfb(SIZE) as display:
        control = ("--control", f"127.0.0.1:{_free_port()}")
        report = run_probe("control", deck, display, "--no-autoplay", *control, changes=changes,
                           timeout=60 + SECONDS_PER_CHANGE * changes)
        without = measure_startup(deck, display, startup_runs)
        with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-config-") as config_home:  # settings cached
            with_control = measure_startup(deck, display, startup_runs, *control, config_home=config_home)
        idle_without = measure_idle(deck, display, idle_seconds)
        idle_with = measure_idle(deck, display, idle_seconds, *control)
        flooded = _delivered_under_flood(deck, display, delivered_changes) if display else None
    received = report["received_to_frame_ms"]
    return {
        "control_next_to_frame_ms": {
            "median": round(statistics.median(received), 2), "p99": round(_percentile(received, 0.99), 2),
            "max": round(max(received), 2), "commands": len(received),
            "from_sending_median": round(statistics.median(report["sent_to_frame_ms"]), 2),
            "command_run_median": round(statistics.median(report["handled_ms"]), 2),
            "command_run_p99": round(_percentile(report["handled_ms"], 0.99), 2),
            "display": "Xvfb 1920x1080" if display else "offscreen",
        },
        "control_startup_cost_s": round(with_control["startup_s"] - without["startup_s"], 3),
        "control_rss_cost_mb": round(with_control["peak_rss_mb"] - without["peak_rss_mb"], 1),
        "control_rss_cost_mb_running": round(idle_with["peak_rss_mb"] - idle_without["peak_rss_mb"], 1),
        "control_idle_cpu_cost_percent": round(idle_with["idle_cpu_percent"] - idle_without["idle_cpu_percent"], 3),
        "control_flood_delivered_fps": flooded,
    }


def _delivered_under_flood(deck: Path, display: str, changes: int) -> float:
    """Frames a second painted during transitions while a controller floods the UDP port."""
    port = _free_port()
    done = threading.Event()
    flood = threading.Thread(target=_flood, args=(port, done), daemon=True)
    flood.start()
    try:
        report = run_probe("delivered", deck, display, "--no-autoplay", "--control", f"127.0.0.1:{port}",
                           changes=changes)
    finally:
        done.set()
        flood.join(5)
    return report["fps"]


def _flood(port: int, done: threading.Event) -> None:
    """FLOOD_RATE datagrams a second (commands, junk, oversized) until `done`."""
    payloads = (b"status", b"next\xff", b"x" * 1500, b"\x00" * 64)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sent = 0
        started = time.monotonic()
        while not done.is_set():
            sender.sendto(payloads[sent % len(payloads)], ("127.0.0.1", port))
            sent += 1
            ahead = sent / FLOOD_RATE - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)
