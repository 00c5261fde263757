"""The zzkiosk command line: `main` picks the command; the play command lives here (it is the
one that starts the composition root, zzkiosk.app). The others: cli_deck.py (validate,
schema, bench), cli_render.py (render, proof), control/cli.py and fleet/cli.py; what their
parsers share is in cli_parsers.py."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from zzkiosk import __version__, cli_deck, cli_render
from zzkiosk.cli_parsers import deck_argument, default_deck, measured
from zzkiosk.i18n import tr, use_language

if TYPE_CHECKING:
    from zzkiosk.control.plain import ControlSettings
    from zzkiosk.fleet.plain import MqttSettings

COMMANDS = ("validate", "render", "proof", "schema", "bench", "control", "fleet")
"""Subcommands; anything else on the command line is the play command's."""


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
        parser = measured(_PARSERS[command]())
        # `zzkiosk control 192.168.1.20 --udp goto 3`: options may sit among the command's words
        parse = parser.parse_intermixed_args if command == "control" else parser.parse_args
        return _RUNNERS[command](parse(rest))
    return _play(measured(_play_parser()).parse_args(argv))


def _language_asked(argv: list[str]) -> str | None:
    """The --lang given anywhere on the command line (checked again by the parser)."""
    for index, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def machine_settings(args: argparse.Namespace) -> tuple[ControlSettings | None, MqttSettings | None] | int:
    """(control, mqtt) settings from --control, --mqtt, --name and config.yaml, or the exit
    code after saying what is wrong. Without any of them both are off, and their modules
    are not imported. A kiosk restarted with config.yaml and these options unchanged reads
    them from their cache (zzkiosk.control.settings_cache), without pydantic or PyYAML;
    otherwise they are validated in full (~0.1 s) and cached."""
    config = _config_file()
    if args.control is None and args.mqtt is None and args.name is None and not config.exists():
        return None, None
    from zzkiosk.control.settings_cache import SettingsCache

    cache = SettingsCache(config, args.control, args.mqtt, args.name)
    cached = cache.read()
    if cached is not None:
        return cached
    validated = _validated_settings(args)
    return validated if isinstance(validated, int) else cache.keep(*validated)


def _validated_settings(args: argparse.Namespace) -> tuple | int:
    """(control, mqtt) as validated models (or None), or the exit code after saying what is wrong."""
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
    deck_argument(parser)
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
    settings = machine_settings(args)
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


_PARSERS = {"validate": cli_deck.validate_parser, "render": cli_render.render_parser, "proof": cli_render.proof_parser,
            "schema": cli_deck.schema_parser, "bench": cli_deck.bench_parser, "control": _control_parser,
            "fleet": _fleet_parser}
_RUNNERS = {"validate": cli_deck.validate, "render": cli_render.render, "proof": cli_render.proof,
            "schema": cli_deck.schema, "bench": cli_deck.bench, "control": _control, "fleet": _fleet}
