"""The deck tools of the command line: `zzkiosk validate`, `schema` and `bench`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from zzkiosk.cli_parsers import deck_argument, default_deck, language_argument
from zzkiosk.i18n import language, tr


def validate_parser() -> argparse.ArgumentParser:
    """The parser of `zzkiosk validate`."""
    parser = argparse.ArgumentParser(
        prog="zzkiosk validate",
        description=tr("Check a deck: every problem as file:line:column: message. Exit 0 when valid, 1 otherwise."),
    )
    deck_argument(parser)
    parser.add_argument("--json", action="store_true",
                        help=tr("print the result as JSON for tools (each problem with a stable English code)"))
    parser.add_argument("--watch", action="store_true", help=tr("check again every time a file of the deck is saved"))
    return parser


def validate(args: argparse.Namespace) -> int:
    """Check the deck once, or again on every save with --watch; the exit code."""
    if not args.watch:
        return _validate_once(args)
    from zzkiosk.kiosk.watch import watch

    folder = args.deck or default_deck()
    _validate_once(args)

    def changed() -> None:
        print("\n" + tr("--- {time} changed ---", time=time.strftime("%H:%M:%S")), flush=True)
        _validate_once(args)

    def ready() -> None:
        print(tr("watching {folder} for changes (Ctrl+C stops)", folder=folder), file=sys.stderr, flush=True)

    try:
        watch(folder, changed, on_ready=ready)
    except KeyboardInterrupt:
        return 0
    return 0


def _validate_once(args: argparse.Namespace) -> int:
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck

    folder = args.deck or default_deck()
    try:
        deck = load_deck(folder)
    except DeckError as error:
        problems = error.problems
        summary = None
    else:
        problems = list(deck.warnings) + _picture_problems(deck)
        summary = {"sections": len(deck.sections), "slides": len(deck.slides)}
    errors = [problem for problem in problems if problem.severity == "error"]
    if args.json:
        report = {"deck": str(folder), "valid": not errors, "language": language(),
                  "problems": [p.as_dict() for p in problems]}
        print(json.dumps(report | (summary or {}), ensure_ascii=False, indent=2))
        return 1 if errors else 0
    for problem in problems:
        print(problem, file=sys.stderr, flush=True)
    if errors:
        print(tr("{folder}: {count} error(s); the deck cannot be played until they are fixed",
                 folder=folder, count=len(errors)), file=sys.stderr, flush=True)
        return 1
    valid = tr("{folder}: valid: {slides} slides in {sections} sections",
               folder=folder, slides=summary["slides"], sections=summary["sections"])
    print(valid + (tr(", {count} warning(s)", count=len(problems)) if problems else ""), flush=True)
    return 0


def _picture_problems(deck) -> list:
    """The deck's pictures checked as the player reads them (Qt decodes them; no window)."""
    from zzkiosk.render.pictures import picture_problems

    return picture_problems(deck)


def schema_parser() -> argparse.ArgumentParser:
    """The parser of `zzkiosk schema`."""
    parser = argparse.ArgumentParser(
        prog="zzkiosk schema",
        description=tr("Print the JSON Schema of deck, section or theme files, for editors that check YAML as you type."),
    )
    parser.add_argument("kind", nargs="?", choices=("deck", "section", "theme", "config"), default="section",
                        help=tr("config is the per-machine config.yaml (control port settings)"))
    parser.add_argument("--out", type=Path,
                        help=tr("write deck/section/theme .schema.json files (a deck's) into this folder instead"))
    language_argument(parser)
    return parser


def schema(args: argparse.Namespace) -> int:
    """Print (or write with --out) the JSON Schemas, in the language in use; the exit code."""
    from zzkiosk.control.config import config_schema
    from zzkiosk.deck.schema import SCHEMAS, json_schema

    def schema_of(kind: str) -> dict:
        return config_schema() if kind == "config" else json_schema(kind)

    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for kind in SCHEMAS:
            path = args.out / f"{kind}.schema.json"
            path.write_text(json.dumps(schema_of(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(path)
        return 0
    print(json.dumps(schema_of(args.kind), ensure_ascii=False, indent=2))
    return 0


def bench_parser() -> argparse.ArgumentParser:
    """The parser of `zzkiosk bench`."""
    parser = argparse.ArgumentParser(prog="zzkiosk bench", description=tr("Measure frame cost, startup, memory and load time."))
    deck_argument(parser)
    parser.add_argument("--json", type=Path, help=tr("write the figures to this JSON file"))
    parser.add_argument("--quick", action="store_true", help=tr("fewer frames and changes, for CI"))
    parser.add_argument("--only", type=_bench_steps, default=frozenset(), metavar="STEP,...",
                        help=tr("run only these steps: {steps}", steps=", ".join(BENCH_STEPS)))
    return parser


BENCH_STEPS = ("load", "frames", "startup", "delivered", "latency", "tour", "changes", "reloads", "control")
"""The benchmark's steps (zzkiosk.bench.runner.STEP_NAMES, kept here so `--help` imports no benchmark code)."""


def _bench_steps(text: str) -> frozenset[str]:
    steps = frozenset(step.strip() for step in text.split(",") if step.strip())
    unknown = sorted(steps - set(BENCH_STEPS))
    if unknown or not steps:
        raise argparse.ArgumentTypeError(tr("unknown step {step}: choose from {steps}",
                                            step=", ".join(unknown) or repr(text), steps=", ".join(BENCH_STEPS)))
    return steps


def bench(args: argparse.Namespace) -> int:
    """Run the benchmark (zzkiosk.bench); the exit code."""
    from zzkiosk.bench.runner import run_bench

    return run_bench(args.deck or default_deck(), json_path=args.json, quick=args.quick, only=args.only)
