"""Measurements of whole player processes: startup, idle CPU and frames delivered under Xvfb."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

XVFB_WAIT_S = 10.0
"""How long Xvfb may take to open its socket."""

CHILD_TIMEOUT_S = 90
"""A measured player process that takes longer than this is killed and reported as failed."""


PRESS_ALLOWANCE_S = 6
"""Time allowed per timed press of the latency probe (it waits for each entrance to end)."""


class ProbeFailed(Exception):
    """A measured player process did not report; the message says why."""


@contextmanager
def xvfb(size: tuple[int, int]):
    """A virtual X screen of `size` for the duration of the block: yields its DISPLAY
    (e.g. ':57'), or None when Xvfb is not installed."""
    binary = shutil.which("Xvfb")
    if binary is None:
        yield None
        return
    number = next(n for n in range(57, 400) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen([binary, f":{number}", "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + XVFB_WAIT_S
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise ProbeFailed(f"Xvfb :{number} did not start")
            time.sleep(0.02)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_probe(probe: str, deck: Path, display: str | None, *args: str, timeout: float = CHILD_TIMEOUT_S,
              cache_home: str | None = None, config_home: str | None = None, **settings) -> dict:
    """Run the kiosk player on `deck` with ZZKIOSK_BENCH_PROBE=`probe` and return its report,
    plus `started_at` (time.time() just before the process was started); kill it after `timeout` s.

    Each run has folders of its own (nothing carries over from one run to the next), except
    the cache folder when `cache_home` names one: runs sharing it find the deck's cache
    that an earlier one wrote, as a kiosk restarted with an unchanged deck does; and the
    config folder (the machine's config.yaml) when `config_home` names one."""
    # As a hall runs it: with the bytecode cache (an installed zzkiosk has it; a checkout
    # writes it on the first start, unless PYTHONDONTWRITEBYTECODE says not to).
    dropped = ("QT_QPA_PLATFORM", "DISPLAY", "PYTHONDONTWRITEBYTECODE")
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update({f"ZZKIOSK_BENCH_{key.upper()}": str(value) for key, value in settings.items()})
    if display is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-") as folder:
        out = Path(folder) / "report.json"
        env.update(ZZKIOSK_BENCH_PROBE=probe, ZZKIOSK_BENCH_OUT=str(out))
        # Its own runtime (instance lock) and state (saved position, logs) folders: the run
        # neither meets a kiosk playing on this machine nor starts where the last one stopped.
        for name in ("XDG_RUNTIME_DIR", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            env[name] = folder
        if cache_home is not None:
            env["XDG_CACHE_HOME"] = cache_home
        if config_home is not None:
            env["XDG_CONFIG_HOME"] = config_home
        started = time.time()
        done = subprocess.run([sys.executable, "-m", "zzkiosk", str(deck), *args], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=timeout)
        if not out.exists():
            raise ProbeFailed(f"{probe}: player exited with {done.returncode}: {done.stderr.strip()[-400:]}")
        return json.loads(out.read_text()) | {"started_at": started}


def measure_startup(deck: Path, display: str | None, runs: int, *args: str, config_home: str | None = None,
                    beside: Callable[[], None] | None = None) -> dict:
    """Process start to first slide painted (median of `runs` fresh processes, given `args`) and
    their peak RSS: restarted with the deck unchanged (its validated cache found), and the
    first start after an edit (`_cold`: the deck loaded and validated in full).

    One start before each series is not counted: it writes the bytecode cache of a fresh
    checkout and brings the files into the disk cache, as the kiosk's first start after an
    install does (and, for the warm series, leaves the deck's cache as it exits). Runs
    sharing `config_home` share their config folder: the warm series then finds the cache
    of its settings too (what config.yaml, --control and --mqtt say), as a restarted kiosk does.
    `beside` runs after each start of the warm series (e.g. a browser's start, timed in the
    same minutes)."""
    with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-cache-") as cache_home:
        warm = _startup_series(deck, display, runs, args, cache_home, config_home, beside)
    cold = _startup_series(deck, display, runs, args, None, config_home)
    return warm | {f"{key}_cold": value for key, value in cold.items()}


def measure_startup_control(deck: Path, display: str | None, runs: int) -> dict:
    """Process start to first slide painted (median of `runs`) and peak RSS of a hall kiosk:
    restarted with its deck and its config.yaml unchanged (both caches found), the control
    port on every transport on loopback (`_control`: the figures of measure_startup)."""
    with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-hall-") as home:
        config = Path(home, "config", "zzkiosk", "config.yaml")
        config.parent.mkdir(parents=True)
        port = _free_port_pair()
        config.write_text(f"control:\n  udp: {port}\n  tcp: {port}\n  osc: {port + 1}\n  http: {port + 2}\n",
                          encoding="utf-8")
        series = _startup_series(deck, display, runs, (), str(Path(home, "cache")), str(config.parent.parent))
    return {f"{key}_control": value for key, value in series.items()}


def _free_port_pair() -> int:
    """A loopback port free now whose next two are free too (OSC and HTTP take them)."""
    import socket

    for _ in range(20):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + 2 <= 65535 and all(_free(port + offset) for offset in (1, 2)):
            return port
    raise ProbeFailed("no three free loopback ports in a row")


def _free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _startup_series(deck: Path, display: str | None, runs: int, args: tuple[str, ...], cache_home: str | None,
                    config_home: str | None = None, beside: Callable[[], None] | None = None) -> dict:
    reports = []
    for _ in range(runs + 1):
        reports.append(run_probe("startup", deck, display, *args, cache_home=cache_home, config_home=config_home))
        if beside is not None:
            beside()
    reports = reports[1:]  # the first writes the bytecode and the caches
    times = [report["painted_at"] - report["started_at"] for report in reports]
    cpu = [report["cpu_seconds"] for report in reports]
    return {"startup_s": round(statistics.median(times), 3), "startup_runs_s": [round(t, 3) for t in times],
            "startup_cpu_s": round(statistics.median(cpu), 3),
            "startup_validated_runs": sum(bool(report.get("validated")) for report in reports),
            "peak_rss_mb": max(report["peak_rss_mb"] for report in reports)}


def measure_idle(deck: Path, display: str | None, seconds: float, *args: str) -> dict:
    """Percent of one core used over `seconds` on a still slide with autoplay waiting (given `args`)."""
    report = run_probe("idle", deck, display, *args, seconds=seconds)
    return {"idle_cpu_percent": round(100.0 * report["cpu_seconds"] / report["wall_seconds"], 3),
            "idle_seconds": round(report["wall_seconds"], 2), "idle_slide": report["slide"],
            "idle_paints": report["paints"], "idle_slide_changes": report["slide_changes"],
            "peak_rss_mb": report["peak_rss_mb"]}


def measure_delivered(deck: Path, size: tuple[int, int], changes: int, transition: str | None = None) -> dict:
    """Frames painted a second during transitions and entrances in a fullscreen window on an
    Xvfb screen of `size` (zzkiosk.bench.delivered), every transition set to `transition`
    (None: the deck's own)."""
    settings = {"transition": transition} if transition else {}
    with xvfb(size) as display:
        if display is None:
            return {"fps": None, "reason": "Xvfb is not installed"}
        report = run_probe("delivered", deck, display, "--no-autoplay", changes=changes, **settings)
    return {key: report[key] for key in ("fps", "entrance_fps", "peak_rss_mb", "transitions", "entrances")}


def measure_tour(deck: Path, size: tuple[int, int], cache_home: str) -> dict:
    """Peak RSS of the player playing every slide (zzkiosk.bench.tour_probe) in a fullscreen window
    on an Xvfb screen of `size`, restarted with the deck unchanged: its cache is read from
    `cache_home`, which an earlier run must have written. {} when Xvfb is not installed."""
    with xvfb(size) as display:
        if display is None:
            return {}
        report = run_probe("tour", deck, display, "--no-autoplay", cache_home=cache_home)
    return {key: report[key] for key in ("slides", "peak_rss_mb", "rss_mb_after_all", "memory_map", "peak_rss_mb_by_slide")}


def measure_latency(deck: Path, size: tuple[int, int], presses: int) -> dict:
    """Key event to first frame painted, per case (zzkiosk.bench.latency), in a fullscreen
    window on an Xvfb screen of `size`: {case: {median, p99, max, presses}}."""
    from zzkiosk.bench.session import stats

    if shutil.which("xdotool") is None:
        raise ProbeFailed("xdotool is not installed (apt-get install xdotool)")
    with xvfb(size) as display:
        if display is None:
            raise ProbeFailed("Xvfb is not installed")
        report = run_probe("latency", deck, display, "--no-autoplay", presses=presses,
                           timeout=CHILD_TIMEOUT_S + PRESS_ALLOWANCE_S * presses * 5)
    figures = {}
    for case, samples in report["presses_ms"].items():
        row = stats(case, size, samples)
        figures[case] = {"median": row["median_ms"], "p99": row["p99_ms"], "max": row["max_ms"],
                         "presses": len(samples), "lost": report["lost"][case], "samples_ms": samples,
                         "queued_ms": report["queued_ms"][case]}
    return figures
