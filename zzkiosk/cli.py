"""The zzkiosk command line: play, validate, render, proof, schema, bench, control, fleet."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from zzkiosk import __version__
from zzkiosk.i18n import LANGUAGES, language, tr, use_language

if TYPE_CHECKING:
    from zzkiosk.control.config import ControlSettings
    from zzkiosk.fleet.settings import MqttSettings

COMMANDS = ("validate", "render", "proof", "schema", "bench", "control", "fleet")
"""Subcommands; anything else on the command line is the play command's."""


def default_deck() -> Path:
    """The bundled default deck, beside resources/ (in the source tree or the build)."""
    from zzkiosk.fonts import resource_path

    return resource_path().parent / "slides"


def main(argv: list[str] | None = None) -> int:
    """Run zzkiosk with `argv` (default: the process arguments); return the exit code.

    A reader that stops early (`zzkiosk schema theme | head`) ends the command quietly,
    as it ends `cat`: no traceback, exit code 1."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # Python would report the pipe again while flushing stdout at exit: point it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    use_language(_language_asked(argv))  # before any parser is built: --help speaks it too
    if argv and argv[0] in COMMANDS:
        command, rest = argv[0], argv[1:]
        parser = _measured(_PARSERS[command]())
        # `zzkiosk control 192.168.1.20 --udp goto 3`: options may sit among the command's words
        parse = parser.parse_intermixed_args if command == "control" else parser.parse_args
        return _RUNNERS[command](parse(rest))
    return _play(_measured(_play_parser()).parse_args(argv))


class DisplayWidthUsage(argparse.HelpFormatter):
    """Wraps the usage lines by display width: argparse counts characters, and the Chinese
    prefix 用法： is three characters but six columns wide, so its wrapped lines sat three
    columns left of the first line's arguments and the first line ran past the width."""

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # noqa: ANN001 (argparse's signature)
        prefix = argparse._("usage: ") if prefix is None else prefix  # the word argparse itself would use
        extra = display_width(prefix) - len(prefix)
        if extra <= 0:
            return super()._format_usage(usage, actions, groups, prefix)
        self._width -= extra  # the prefix takes `extra` columns more than argparse counts
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.startswith(" ") else line for line in rest)])


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: two for each wide (CJK, full-width) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _measured(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`parser` and its subcommands' parsers with DisplayWidthUsage mixed into their formatters
    (the parsers are built in several modules; this is the one place all of them pass)."""
    if not issubclass(parser.formatter_class, DisplayWidthUsage):
        base = parser.formatter_class
        parser.formatter_class = type(f"DisplayWidth{base.__name__}", (DisplayWidthUsage, base), {})
    for action in parser._actions:  # argparse keeps subparsers only here
        if isinstance(action, argparse._SubParsersAction):
            for subparser in set(action.choices.values()):
                _measured(subparser)
    return parser


def _language_asked(argv: list[str]) -> str | None:
    """The --lang given anywhere on the command line (checked again by the parser)."""
    for index, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def _deck_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "deck", nargs="?", type=Path, default=None,
        help=tr("deck folder (holding deck.yaml); default: the bundled deck"),
    )
    _language_argument(parser)


def _language_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=tuple(LANGUAGES),
        help=tr("language of messages: zh (Chinese) or en (English); default: ZZKIOSK_LANG, else the system's"),
    )


def _machine_settings(args: argparse.Namespace) -> tuple[ControlSettings | None, MqttSettings | None] | int:
    """(control, mqtt) settings from --control, --mqtt, --name and config.yaml, or the exit
    code after saying what is wrong. Without any of them both are off, and their modules
    (pydantic models built at import, ~25 ms of start-up) are not imported."""
    if args.control is None and args.mqtt is None and args.name is None and not _config_file().exists():
        return None, None
    from zzkiosk.control.cli import control_settings
    from zzkiosk.control.config import ConfigError
    from zzkiosk.fleet.settings import settings_for_play

    try:
        control = control_settings(args.control)
    except ValueError as error:
        print(f"--control / config.yaml: {error}", file=sys.stderr)
        return 2
    try:
        mqtt = settings_for_play(args.mqtt, args.name)
    except (ConfigError, ValueError) as error:
        print(f"{error}" if isinstance(error, ConfigError) else f"--mqtt: {error}", file=sys.stderr)
        return 2
    return control, mqtt


def _config_file() -> Path:
    """This machine's config.yaml, where zzkiosk.control.config.config_file says (the same
    platformdirs folder), found without importing that module."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("zzkiosk", appauthor=False)) / "config.yaml"


def _play_parser() -> argparse.ArgumentParser:
    from zzkiosk.kiosk.logs import LOG_LEVELS, log_file

    parser = argparse.ArgumentParser(
        prog="zzkiosk",
        description=tr("Play a deck fullscreen as an exhibition-hall kiosk."),
        epilog=tr("Logs: {file} (rotated). Other commands: zzkiosk validate | render | proof | schema | bench "
                  "| control | fleet (each with --help).", file=log_file()),
    )
    parser.add_argument("--version", action="version", version=f"zzkiosk {__version__}",
                        help=tr("show program's version number and exit"))  # argparse 3.11 does not translate it
    _deck_argument(parser)
    parser.add_argument("--windowed", action="store_true", help=tr("a preview window for staff instead of kiosk fullscreen"))
    parser.add_argument("--screen", type=_screen, help=tr("screen number (0 is the first) or name to play on"))
    parser.add_argument("--presenter", metavar="SCREEN", type=_screen,
                        help=tr("the presenter view (notes, next slide, timers) on this screen, number or name; "
                                "never on the audience's screen"))
    parser.add_argument("--start", metavar="SECTION[/SLIDE]", help=tr("start at this section (and slide), by id or number"))
    parser.add_argument("--no-autoplay", action="store_true", help=tr("do not advance slides by themselves"))
    parser.add_argument("--loop-sections", metavar="A,B", type=_section_list,
                        help=tr("the attract loop plays only these sections (ids, comma-separated)"))
    parser.add_argument("--log-level", choices=LOG_LEVELS, default="info", help=tr("how much to log (default info)"))
    parser.add_argument("--control", metavar="HOST:PORT",
                        help=tr("let the hall's central control drive the show: UDP and TCP on PORT, OSC on PORT+1, "
                                "HTTP on PORT+2 (allowed: 127.0.0.1 unless config.yaml says more; "
                                "see zzkiosk control --help)"))
    parser.add_argument("--mqtt", metavar="URL",
                        help=tr("report to the museum's MQTT broker, like mqtt://192.168.10.2:1883 "
                                "(status, screenshots, commands; see zzkiosk fleet --help)"))
    parser.add_argument("--name", help=tr("this kiosk's name on the broker (default: mqtt.name of config.yaml, "
                                          "else the host name)"))
    return parser


def _play(args: argparse.Namespace) -> int:
    from zzkiosk.kiosk.logs import setup_logging
    from zzkiosk.app import run_player

    setup_logging(args.log_level)
    # zzkiosk uses no pydantic plugin: without this, the first validation scans every
    # installed package's entry points for one (~6 ms of a start that loads the deck in full).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    settings = _machine_settings(args)
    if isinstance(settings, int):
        return settings
    control, mqtt = settings
    return run_player(
        args.deck or default_deck(),
        windowed=args.windowed,
        screen=args.screen,
        presenter=args.presenter,
        start=args.start,
        autoplay=not args.no_autoplay,
        loop_sections=args.loop_sections or (),
        control=control,
        mqtt=mqtt,
    )


def _screen(text: str) -> int | str | None:
    """--screen read as the deck's kiosk.screen is (zzkiosk.deck.screens)."""
    from zzkiosk.deck.screens import parse_screen

    try:
        return parse_screen(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _section_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(tr("give section ids separated by commas, like review-2020,tasks-2021"))
    return names


def _validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zzkiosk validate",
        description=tr("Check a deck: every problem as file:line:column: message. Exit 0 when valid, 1 otherwise."),
    )
    _deck_argument(parser)
    parser.add_argument("--json", action="store_true",
                        help=tr("print the result as JSON for tools (each problem with a stable English code)"))
    parser.add_argument("--watch", action="store_true", help=tr("check again every time a file of the deck is saved"))
    return parser


def _validate(args: argparse.Namespace) -> int:
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


def _render_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zzkiosk render",
        description=tr("Render the final frame of every slide to PNG (and a PDF for sign-off), offscreen."),
    )
    _deck_argument(parser)
    parser.add_argument("--out", type=Path, required=True, help=tr("folder for the PNG files"))
    parser.add_argument("--size", default="1920x1080", type=_size,
                        help=tr("image size WxH (default 1920x1080); the deck's canvas is letterboxed in it, "
                                "as the player shows it on a screen of that size"))
    _canvas_argument(parser)
    parser.add_argument("--pdf", type=Path, help=tr("also write one PDF with a page per slide"))
    return parser


def _canvas_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--canvas", choices=("landscape", "portrait"),
                        help=tr("lay the deck out on this canvas instead of its own canvas: (to see a landscape "
                                "deck as a portrait one); the player always plays the deck's own canvas"))


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(tr("'{text}' is not a size: write WIDTHxHEIGHT, like 1920x1080", text=text)) from None
    if not (16 <= width <= 16384 and 16 <= height <= 16384):
        raise argparse.ArgumentTypeError(tr("'{text}': width and height must be between 16 and 16384", text=text))
    return width, height


def _render(args: argparse.Namespace) -> int:
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.render.errors import RenderError
    from zzkiosk.render.export import render_deck
    from zzkiosk.render.proof import on_canvas

    try:
        deck = on_canvas(load_deck(args.deck or default_deck()), args.canvas)
        paths = render_deck(deck, args.out, size=args.size, pdf=args.pdf, progress=_progress_bar)
    except (DeckError, RenderError) as error:
        print(f"\n{error}", file=sys.stderr)
        return 1
    except OSError as error:
        print("\n" + tr("cannot write the output: {error}", error=error), file=sys.stderr)
        return 1
    wrote = tr("wrote {count} PNG file(s) to {folder}", count=len(paths), folder=args.out)
    print(wrote + (tr(" and {pdf}", pdf=args.pdf) if args.pdf else ""))
    return 0


def _progress_bar(done: int, total: int, label: str) -> None:
    width = 30
    filled = width * done // max(total, 1)
    line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}"
    sys.stderr.write(line + ("\n" if done >= total else ""))
    sys.stderr.flush()


def _proof_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zzkiosk proof",
        description=tr("Print every line of text of every slide exactly as it is laid out on screen, "
                       "to compare with the source (a proof sheet for sign-off)."),
    )
    _deck_argument(parser)
    parser.add_argument("--size", default="1920x1080", type=_size,
                        help=tr("screen size WxH (default 1920x1080), given in --json; lines are in the pixels "
                                "of the deck's canvas, which the player letterboxes on any screen"))
    _canvas_argument(parser)
    parser.add_argument("--json", action="store_true",
                        help=tr("print {{size, canvas, slides: [{{number, section, slide, layout, "
                                "blocks: [{{type, rect, lines}}]}}]}}"))
    return parser


def _proof(args: argparse.Namespace) -> int:
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.render.errors import RenderError
    from zzkiosk.render.export import ensure_app
    from zzkiosk.render.proof import as_json, as_text, on_canvas, proof_deck

    try:
        deck = on_canvas(load_deck(args.deck or default_deck()), args.canvas)
        ensure_app()
        slides = proof_deck(deck)
    except (DeckError, RenderError) as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(as_json(slides, args.size, deck.canvas), ensure_ascii=False, indent=1))
    else:
        print(as_text(slides))
    return 0


def _schema_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zzkiosk schema",
        description=tr("Print the JSON Schema of deck, section or theme files, for editors that check YAML as you type."),
    )
    parser.add_argument("kind", nargs="?", choices=("deck", "section", "theme", "config"), default="section",
                        help=tr("config is the per-machine config.yaml (control port settings)"))
    parser.add_argument("--out", type=Path,
                        help=tr("write deck/section/theme .schema.json files (a deck's) into this folder instead"))
    _language_argument(parser)
    return parser


def _schema(args: argparse.Namespace) -> int:
    from zzkiosk.control.config import config_schema
    from zzkiosk.deck.schema import SCHEMAS, json_schema

    def schema(kind: str) -> dict:
        return config_schema() if kind == "config" else json_schema(kind)

    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for kind in SCHEMAS:
            path = args.out / f"{kind}.schema.json"
            path.write_text(json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(path)
        return 0
    print(json.dumps(schema(args.kind), ensure_ascii=False, indent=2))
    return 0


def _bench_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zzkiosk bench", description=tr("Measure frame cost, startup, memory and load time."))
    _deck_argument(parser)
    parser.add_argument("--json", type=Path, help=tr("write the figures to this JSON file"))
    parser.add_argument("--quick", action="store_true", help=tr("fewer frames and changes, for CI"))
    return parser


def _bench(args: argparse.Namespace) -> int:
    from zzkiosk.bench.runner import run_bench

    return run_bench(args.deck or default_deck(), json_path=args.json, quick=args.quick)


def _control_parser() -> argparse.ArgumentParser:
    from zzkiosk.control.cli import control_parser

    return control_parser()


def _control(args: argparse.Namespace) -> int:
    from zzkiosk.control.cli import run_control

    return run_control(args)


def _fleet_parser() -> argparse.ArgumentParser:
    from zzkiosk.fleet.cli import fleet_parser

    return fleet_parser()


def _fleet(args: argparse.Namespace) -> int:
    from zzkiosk.fleet.cli import run_fleet

    return run_fleet(args)


_PARSERS = {"validate": _validate_parser, "render": _render_parser, "proof": _proof_parser,
            "schema": _schema_parser, "bench": _bench_parser, "control": _control_parser, "fleet": _fleet_parser}
_RUNNERS = {"validate": _validate, "render": _render, "proof": _proof, "schema": _schema, "bench": _bench,
            "control": _control, "fleet": _fleet}
