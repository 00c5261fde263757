"""The benchmark run: every measurement in order, the table, the JSON."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

SIZES = ((1920, 1080), (3840, 2160), (1080, 1920))
"""Screens the frame cost is measured at: 1080p, 4K, and a portrait 1080p screen."""

SOAK_SIZE = (960, 540)
"""Window of the memory soak: the leak is in what is built and freed per change, not in
pixels, and a quarter-size canvas lets 10,000 changes run within the benchmark's minutes."""


@dataclass(frozen=True)
class Plan:
    """How much of each measurement a run does."""

    transitions_per_kind: int | None
    """Slide changes stepped per transition type and size (None: every slide of the deck)."""
    startup_runs: int
    """Fresh processes timed to the first painted slide."""
    idle_seconds: float
    """Seconds of CPU time measured on a still slide."""
    delivered_changes: int
    """Transitions played in the real window per transition type and screen size (three or
    more visit every entrance case)."""
    soak_changes: int
    """Slide changes in the memory soak."""
    reloads: int
    """Hot reloads in the reload soak."""
    load_runs: int
    """Loads of the bundled deck timed."""
    control_commands: int
    """`next` commands sent to the control port and timed to the first frame."""
    presses: int
    """Key presses per input-latency case and screen size."""


FULL = Plan(None, 5, 10.0, 10, 10_000, 200, 9, 200, 8)
"""The README's figures."""
QUICK = Plan(2, 2, 2.0, 3, 120, 20, 3, 10, 1)
"""For CI: every measurement, with fewer frames, changes and runs."""


def _soak(deck: Path, mode: str, count: int, size: tuple[int, int] = SOAK_SIZE, cache_home: str | None = None) -> dict:
    """Run the memory soak `mode` (zzkiosk.bench.soak) in a fresh offscreen process, with the
    deck cache folder `cache_home` (None: the user's)."""
    import os

    size = f"{size[0]}x{size[1]}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"} | ({"XDG_CACHE_HOME": cache_home} if cache_home else {})
    done = subprocess.run([sys.executable, "-m", "zzkiosk.bench.soak", mode, str(deck), str(count), size],
                          capture_output=True, text=True, timeout=1800, env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-400:])
    return json.loads(done.stdout.strip().splitlines()[-1]) | {"size": size}


def _changes(deck: Path, plan: Plan) -> dict:
    report = _soak(deck, "changes", plan.soak_changes)
    return {"rss_growth_mb_10k_changes": round(report["rss_mb_after_all"] - report["rss_mb_after_100"], 2),
            "soak_changes": report}


def _tour(deck: Path, plan: Plan) -> dict:
    """Peak RSS playing every slide at each size: restarted with the deck unchanged (read from its
    cache, as startup_s), and as the first start after an edit (`_cold`: loaded in full); and the
    player itself doing it in a real fullscreen 1080p window under Xvfb, restarted."""
    import tempfile

    from zzkiosk.bench.processes import measure_tour

    with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-cache-") as cache_home:
        _soak(deck, "write-cache", 0, SIZES[0], cache_home)
        restarted = {f"{w}x{h}": _soak(deck, "tour-restarted", 0, (w, h), cache_home)["peak_rss_mb"] for w, h in SIZES}
        window = measure_tour(deck, SIZES[0], cache_home)
    cold = {f"{w}x{h}": _soak(deck, "tour", 0, (w, h))["peak_rss_mb"] for w, h in SIZES}
    figures = {"peak_rss_mb_playing_every_slide": restarted, "peak_rss_mb_playing_every_slide_cold": cold}
    if not window:
        return figures | {"peak_rss_mb_real_window": None, "not_measured": {"peak_rss_mb_real_window": "Xvfb is not installed"}}
    return figures | {"peak_rss_mb_real_window": window["peak_rss_mb"], "real_window_tour": window}


def _reloads(deck: Path, plan: Plan) -> dict:
    report = _soak(deck, "reloads", plan.reloads)
    return {"rss_growth_mb_200_reloads": round(report["rss_mb_after_all"] - report["rss_mb_after_20"], 2),
            "soak_reloads": report}


def _frames(deck: Path, plan: Plan) -> dict:
    from zzkiosk.bench.frames import measure_size
    from zzkiosk.deck.loader import load_deck

    loaded = load_deck(deck)
    return {"frames": [case for size in SIZES for case in measure_size(loaded, size, plan.transitions_per_kind)]}


def _startup(deck: Path, plan: Plan) -> dict:
    """Start-up restarted, after an edit, and as a hall kiosk with its control port on; Chromium's
    start on the same screen in the same minutes (zzkiosk.bench.browser); idle CPU."""
    from zzkiosk.bench.browser import browser_starts
    from zzkiosk.bench.processes import measure_idle, measure_startup, measure_startup_control, xvfb

    with xvfb(SIZES[0]) as display, browser_starts(deck, display) as browser:
        # A browser start after each restarted kiosk's: the same minutes.
        startup = measure_startup(deck, display, plan.startup_runs, beside=browser.start) | browser.figures()
        startup |= measure_startup_control(deck, display, plan.startup_runs)
        idle = measure_idle(deck, display, plan.idle_seconds)
    chromium_s = startup.get("browser_first_paint_s")
    startup["startup_vs_browser"] = round(chromium_s / startup["startup_s"], 2) if chromium_s else None
    if chromium_s is None:
        reason = startup.pop("browser_reason")
        startup["not_measured"] = {"browser_first_paint_s": reason, "startup_vs_browser": reason}
    runs = {"startup": startup.pop("peak_rss_mb"), "startup after an edit": startup.pop("peak_rss_mb_cold"),
            "startup, control port on": startup.pop("peak_rss_mb_control"), "idle": idle.pop("peak_rss_mb")}
    startup["peak_rss_mb_startup"] = max(runs["startup"], runs["startup after an edit"])
    startup["peak_rss_mb_startup_control"] = runs["startup, control port on"]
    where = "Xvfb 1920x1080" if display else "offscreen (Xvfb not installed)"
    return startup | idle | {"startup_display": where, "peak_rss_mb_by_run": runs}


def _delivered(deck: Path, plan: Plan) -> dict:
    from zzkiosk.bench.delivered import frame_rate
    from zzkiosk.bench.frames import TRANSITION_KINDS
    from zzkiosk.bench.processes import measure_delivered

    runs = {f"{w}x{h}": {kind: measure_delivered(deck, (w, h), plan.delivered_changes, kind) for kind in TRANSITION_KINDS}
            for w, h in SIZES[:2]}
    return {"delivered_fps": {size: frame_rate([transition for run in by_kind.values() for transition in run.get("transitions") or []])
                              for size, by_kind in runs.items()},
            "delivered_fps_by_case": _delivered_by_case(runs),
            "delivered": runs,
            "peak_rss_mb_playing": {size: max((run.get("peak_rss_mb") or 0.0) for run in by_kind.values()) or None
                                    for size, by_kind in runs.items()}}


def _delivered_by_case(runs: dict) -> dict:
    """{case: {size: fps}}: each transition type, and each entrance case over every run of a size."""
    from zzkiosk.bench.delivered import entrances_by_case, frame_rate

    cases: dict[str, dict] = {}
    for size, by_kind in runs.items():
        for kind, run in by_kind.items():
            cases.setdefault(f"transition: {kind}", {})[size] = run.get("fps")
        entrances = [entrance for run in by_kind.values() for entrance in run.get("entrances") or []]
        for case, chosen in entrances_by_case(entrances).items():
            cases.setdefault(case, {})[size] = frame_rate(chosen)
    return cases


def _latency(deck: Path, plan: Plan) -> dict:
    from zzkiosk.bench.processes import measure_latency

    by_size = {f"{w}x{h}": measure_latency(deck, (w, h), plan.presses) for w, h in SIZES[:2]}
    cases = {case: {size: {key: figures[case][key] for key in ("median", "p99", "max")} for size, figures in by_size.items()}
             for case in next(iter(by_size.values()))}
    return {"input_latency_ms": cases, "input_latency": by_size}


def _loading(deck: Path, plan: Plan) -> dict:
    from zzkiosk.bench.loading import measure_loading

    return measure_loading(deck, plan.load_runs)


def _control(deck: Path, plan: Plan) -> dict:
    from zzkiosk.bench.control import measure_control

    return measure_control(deck, plan.control_commands, plan.startup_runs, plan.idle_seconds, plan.delivered_changes)


STEPS = (
    ("load", "load time", _loading, ("load_ms_bundled", "load_ms_1000_slides")),
    ("frames", "frame cost", _frames, ("frames",)),
    ("startup", "startup and idle CPU", _startup, ("startup_s", "peak_rss_mb_startup", "startup_s_control", "browser_first_paint_s", "startup_vs_browser",
                                                   "peak_rss_mb_startup_control", "idle_cpu_percent")),
    ("delivered", "frames delivered under Xvfb", _delivered, ("delivered_fps", "delivered_fps_by_case")),
    ("latency", "input latency under Xvfb", _latency, ("input_latency_ms",)),
    ("tour", "peak memory playing every slide", _tour, ("peak_rss_mb_playing_every_slide",
                                                        "peak_rss_mb_playing_every_slide_cold",
                                                        "peak_rss_mb_real_window")),
    ("changes", "memory over 10,000 changes", _changes, ("rss_growth_mb_10k_changes",)),
    ("reloads", "memory over 200 reloads", _reloads, ("rss_growth_mb_200_reloads",)),
    ("control", "control port", _control, ("control_next_to_frame_ms", "control_startup_cost_s", "control_rss_cost_mb",
                                           "control_rss_cost_mb_running", "control_idle_cpu_cost_percent",
                                           "control_flood_delivered_fps")),
)
"""(step, name, measure(deck, plan) -> figures, keys it provides) in the order they run; `step` is what
`zzkiosk bench --only` names."""
STEP_NAMES = tuple(step for step, *_ in STEPS)


def run_bench(deck: Path, json_path: Path | None = None, quick: bool = False, only: frozenset[str] = frozenset()) -> int:
    """Run the benchmark on the deck folder `deck`; print the table, write `json_path`. `only`: the steps to
    run (STEP_NAMES; empty: all). Returns 0, or 1 when the deck cannot be loaded (a missed target or a failed
    measurement is reported, not an error)."""
    from zzkiosk.bench.machine import machine
    from zzkiosk.bench.report import table
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.qt_environment import prepare_qt_environment

    prepare_qt_environment()  # what the player sets: every measurement, in this process or not, runs under it
    try:
        load_deck(deck)
    except DeckError as error:
        print(f"zzkiosk bench: the deck cannot be loaded:\n{error}", file=sys.stderr)
        return 1
    plan = QUICK if quick else FULL
    figures: dict = {"deck": str(deck), "quick": quick, "machine": machine(), "not_measured": {}}
    started = time.monotonic()
    for step, name, measure, keys in STEPS:
        if only and step not in only:
            _leave_out(figures, keys, f"not asked for (--only {','.join(sorted(only))})")
            continue
        print(f"zzkiosk bench: {name} ...", file=sys.stderr, flush=True)
        step_started = time.monotonic()
        try:
            measured = measure(deck, plan)
            figures["not_measured"].update(measured.pop("not_measured", {}))
            figures.update(measured)
        except Exception as error:  # noqa: BLE001 (one failed measurement must not lose the others)
            traceback.print_exc()
            last_line = (str(error).strip().splitlines() or [""])[-1]
            _leave_out(figures, keys, f"{type(error).__name__}: {last_line}")
        print(f"zzkiosk bench: {name}: {time.monotonic() - step_started:.0f} s", file=sys.stderr, flush=True)
    figures["peak_rss_mb"], figures["peak_rss_mb_cold"] = _peak(figures), _peak(figures, cold=True)
    for key in ("peak_rss_mb", "peak_rss_mb_cold"):
        if figures[key] is None:
            figures["not_measured"][key] = "no 1080p player process reported (see startup_s and the tour)"
    figures["bench_seconds"] = round(time.monotonic() - started, 1)
    print(table(figures))
    if json_path is not None:
        json_path.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {json_path}")
    return 0


def _leave_out(figures: dict, keys: tuple[str, ...], reason: str) -> None:
    """Report the figures `keys` as not measured, for `reason`."""
    for key in keys:
        figures.setdefault(key, [] if key == "frames" else None)
        figures["not_measured"][key] = reason


def _peak(figures: dict, cold: bool = False) -> float | None:
    """Peak RSS of a 1080p kiosk restarted with its deck unchanged (its cache read): starting and
    playing every slide, offscreen and in a real window; `cold`: of a first start after an edit (the deck loaded in full), with
    the idle and frames-delivered players, which load in full too."""
    runs = figures.get("peak_rss_mb_by_run") or {}
    every_slide = "peak_rss_mb_playing_every_slide" + ("_cold" if cold else "")
    values = [runs.get("startup after an edit" if cold else "startup"),
              (figures.get(every_slide) or {}).get("1920x1080")]
    if not cold:
        values.append(figures.get("peak_rss_mb_real_window"))
    if cold:
        values += [runs.get("idle"), (figures.get("peak_rss_mb_playing") or {}).get("1920x1080")]
    values = [value for value in values if value is not None]
    return max(values) if values else None
