"""The benchmark's targets, and its figures as a table against them."""

from __future__ import annotations

FRAME_P99_MS = {(1920, 1080): 8.0, (3840, 2160): 16.7, (1080, 1920): 8.0}
"""p99 frame cost allowed per screen size (the portrait screen is held to the 1080p budget)."""

FRAME_BUDGET_MS = 16.7
"""One frame of a 60 Hz screen."""

TARGETS = (
    ("delivered_fps.1920x1080", "frames delivered during transitions, 1080p", ">=", 58.0),
    ("delivered_fps.3840x2160", "frames delivered during transitions, 4K", ">=", 58.0),
    ("startup_s", "process start to first slide painted, s", "<=", 0.3),
    ("startup_vs_browser", "Chromium's first paint / the kiosk's start, same minutes", ">=", 1.7),
    ("peak_rss_mb_startup", "peak RSS to the first slide painted, MB", "<=", 150.0),
    ("peak_rss_mb", "peak RSS of a restarted 1080p kiosk, every slide, MB", "<=", 150.0),
    ("peak_rss_mb_real_window", "of which in a real 1080p window (Xvfb), MB", "<=", 150.0),
    ("rss_growth_mb_10k_changes", "RSS growth over 10,000 changes, MB", "<=", 2.0),
    ("rss_growth_mb_200_reloads", "RSS growth over 200 reloads, MB", "<=", 5.0),
    ("idle_cpu_percent", "idle CPU, % of one core", "<=", 0.1),
    ("load_ms_bundled", "bundled deck load and validate, ms", "<=", 50.0),
    ("load_ms_1000_slides", "1,000-slide deck load and validate, ms", "<=", 1000.0),
    ("control_next_to_frame_ms.p99", "control: next received to first frame, p99 ms", "<=", 30.0),
    ("control_flood_delivered_fps", "frames delivered, 1080p, 1,000 datagrams/s at the port", ">=", 58.0),
)
"""(JSON key path, label, comparison, target) of every figure with a target."""

INFORMATION = (
    ("browser_first_paint_s", "Chromium: start to first paint of the first slide, s"),
    ("startup_s_cold", "first start after a deck edit (validated in full), s"),
    ("startup_s_control", "restarted, control port on (config.yaml unchanged), s"),
    ("peak_rss_mb_startup_control", "peak RSS to the first slide, control port on, MB"),
    ("peak_rss_mb_cold", "peak RSS of a 1080p kiosk after an edit, every slide, MB"),
    ("control_next_to_frame_ms.median", "control: next received to first frame, median ms"),
    ("control_next_to_frame_ms.command_run_median", "control: of which the show's next itself, median ms"),
    ("control_startup_cost_s", "control on: start-up cost, s"),
    ("control_rss_cost_mb", "control on: peak RSS cost at first paint, MB"),
    ("control_rss_cost_mb_running", "control on: peak RSS cost running, MB"),
    ("control_idle_cpu_cost_percent", "control on: idle CPU cost, % of one core"),
)
"""(JSON key path, label) of figures shown without a target."""

LATENCY_CASES = ("next", "previous", "typed number + Enter", "section jump", "next after closing the overview")
"""The input-latency cases (zzkiosk.bench.latency.CASES, named here without importing Qt)."""

TARGETS += tuple(
    (f"input_latency_ms.{case}.{size}.{figure}", f"key to first frame, {case}, {size} {figure}, ms", "<=", limit)
    for case in LATENCY_CASES
    for size, figure, limit in (("1920x1080", "p99", 50.0), ("1920x1080", "max", 100.0), ("3840x2160", "p99", 100.0))
)
"""Input latency: every press moves within 50 ms (p99) and 100 ms (max) at 1080p, 100 ms (p99) at 4K."""


DELIVERED_CASES = ("transition: fade", "transition: slide", "transition: zoom",
                   "entrance: charts", "entrance: counters", "entrance: text and others")
"""Frames delivered under Xvfb, per case (zzkiosk.bench.delivered; the entrance cases are
zzkiosk.bench.frames.entrance_case's, named here without importing Qt)."""

TARGETS += tuple(
    (f"delivered_fps_by_case.{case}.{size}", f"frames delivered, {case}, {size}", ">=", 58.0)
    for case in DELIVERED_CASES
    for size in ("1920x1080", "3840x2160")
)
"""Every transition type and entrance case keeps 58 frames a second on a real window."""


def _lookup(figures: dict, path: str):
    value = figures
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _met(value, comparison: str, target: float) -> bool | None:
    if value is None:
        return None
    return value >= target if comparison == ">=" else value <= target


def frame_verdict(case: dict) -> bool | None:
    """Whether a frame case meets its budget (None for a case without one, e.g. slide changes)."""
    if not case["case"].startswith(("transition", "entrance")) or case["p99_ms"] is None:
        return None
    size = (case["width"], case["height"])
    met = case["p99_ms"] <= FRAME_P99_MS.get(size, FRAME_BUDGET_MS)
    if size != (3840, 2160):
        met = met and case["max_ms"] <= FRAME_BUDGET_MS
    return met


def verdicts(figures: dict) -> list[dict]:
    """Every target with its figure and whether it is met (None: not measured)."""
    rows = []
    for path, label, comparison, target in TARGETS:
        value = _lookup(figures, path)
        rows.append({"key": path, "label": label, "value": value, "target": f"{comparison} {target:g}",
                     "met": _met(value, comparison, target)})
    for case in figures.get("frames", []):
        met = frame_verdict(case)
        if met is not None:
            size = (case["width"], case["height"])
            limit = FRAME_P99_MS.get(size, FRAME_BUDGET_MS)
            extra = "" if size == (3840, 2160) else f", max <= {FRAME_BUDGET_MS}"
            rows.append({"key": f"frames.{case['case']}.{size[0]}x{size[1]}", "label": f"{case['case']} {size[0]}x{size[1]}",
                         "value": case["p99_ms"], "target": f"p99 <= {limit:g}{extra}", "met": met})
    return rows


def table(figures: dict) -> str:
    """The figures as text: frame cases, then every target with met / MISSED."""
    lines = [f"{'case':<46} {'size':>9} {'frames':>6} {'median':>7} {'p95':>7} {'p99':>7} {'max':>7} {'>16.7':>6}"]
    for case in figures.get("frames", []):
        cells = [case[key] for key in ("median_ms", "p95_ms", "p99_ms", "max_ms")]
        lines.append(f"{case['case'][:46]:<46} {case['width']}x{case['height']:<4} {case['frames']:>6} "
                     + " ".join(f"{cell:>7.2f}" if cell is not None else f"{'-':>7}" for cell in cells)
                     + f" {100 * (case['over_16_7_share'] or 0):>5.1f}%")
    lines.append("")
    for row in verdicts(figures):
        if row["key"].startswith("frames."):
            continue
        state = {True: "met", False: "MISSED", None: "not measured"}[row["met"]]
        lines.append(f"{row['label'][:60]:<60} {str(row['value']):>10}  target {row['target']:<10} {state}")
    for path, label in INFORMATION:
        value = _lookup(figures, path)
        if value is not None:
            lines.append(f"{label[:60]:<60} {str(value):>10}")
    missed = [row["label"] for row in verdicts(figures) if row["key"].startswith("frames.") and row["met"] is False]
    lines.append(f"frame cases over budget: {', '.join(missed) if missed else 'none'}")
    for key, reason in figures.get("not_measured", {}).items():
        lines.append(f"not measured: {key}: {reason}")
    return "\n".join(lines)
