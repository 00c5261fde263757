"""`zzkiosk control`: send a command to a kiosk, or list the kiosks on the LAN; and the
settings `--control HOST:PORT` and config.yaml give the play command."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from zzkiosk.control.commands import VERBS, help_table
from zzkiosk.i18n import LANGUAGES, tr

if TYPE_CHECKING:
    from zzkiosk.control.config import ControlSettings

TOKEN_VARIABLE = "ZZKIOSK_TOKEN"
"""Environment variable the client takes the token from when --token is not given."""
_WORDS = {verb.word for verb in VERBS} | {"previous", "go", "stop", "blank"}



def _epilog() -> str:
    """The command table, examples and ports under --help (in the language in use)."""
    return tr("""commands (case-insensitive; one reply line each: OK section/slide n/total, or ERR code reason):
{table}

examples:
  zzkiosk control next                          (this machine, TCP port 7450)
  zzkiosk control 192.168.1.20 goto tasks-2021
  zzkiosk control 192.168.1.20:7450 --udp status
  zzkiosk control --discover

ports: UDP and TCP text 7450, OSC 7451, HTTP 7452 (set in config.yaml, or --control HOST:PORT when playing).
The token comes from --token or ${variable}.""", table=help_table(), variable=TOKEN_VARIABLE)


def control_parser() -> argparse.ArgumentParser:
    """The parser of `zzkiosk control`."""
    parser = argparse.ArgumentParser(
        prog="zzkiosk control",
        description=tr("Send one command to a kiosk's control port and print its reply."),
        epilog=_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("words", nargs="*", metavar="[HOST[:PORT]] COMMAND",
                        help=tr("the kiosk (default 127.0.0.1:7450) and the command, like: 192.168.1.20 goto 3"))
    parser.add_argument("--udp", action="store_true", help=tr("send over UDP instead of TCP"))
    parser.add_argument("--token", help=tr("the kiosk's token (default: ${variable})", variable=TOKEN_VARIABLE))
    parser.add_argument("--timeout", type=float, default=3.0, help=tr("seconds to wait for the reply (default 3)"))
    parser.add_argument("--discover", action="store_true", help=tr("list the kiosks that announce themselves on the LAN"))
    parser.add_argument("--guide-url", nargs="?", const="", metavar="HOST",
                        help=tr("print this kiosk's guide page address (with its token) and a QR code to scan with "
                                 "a phone; HOST names the address phones reach it by (default: from config.yaml)"))
    parser.add_argument(
        "--lang", choices=tuple(LANGUAGES),
        help=tr("language of messages: zh (Chinese) or en (English); default: ZZKIOSK_LANG, else the system's"),
    )
    # parse_intermixed_args (how cli.py parses this command) fills in a missing usage by
    # cutting len("usage: ") characters off format_usage(): with a translated prefix
    # ("用法：") it would cut the program's name instead. Given here, it is used as it is.
    prefix = argparse._("usage: ")
    parser.usage = parser.format_usage().removeprefix(prefix).rstrip("\n").replace("%", "%%")
    return parser


def run_control(args: argparse.Namespace) -> int:
    """Run `zzkiosk control`; 0 for an OK reply, 1 for ERR, 2 for bad usage, 3 for no reply."""
    if args.discover:
        return _discover(args.timeout)
    if args.guide_url is not None:
        return _print_guide_url(args.guide_url or None)
    words = list(args.words)
    target = "127.0.0.1"
    if words and words[0].lower() not in _WORDS:
        target = words.pop(0)
    if not words:
        print(tr("give a command, like: zzkiosk control 192.168.1.20 next (zzkiosk control --help lists them)"),
              file=sys.stderr)
        return 2
    from zzkiosk.control.client import ControlUnreachable, send

    try:
        reply = send(target, " ".join(words), udp=args.udp, token=args.token or os.environ.get(TOKEN_VARIABLE),
                     timeout=args.timeout)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except ControlUnreachable as error:
        print(error, file=sys.stderr)
        return 3
    print(reply)
    return 1 if reply.startswith("ERR") else 0


def _print_guide_url(host: str | None) -> int:
    """The guide page's link and its QR code, from this machine's config.yaml; 1 without HTTP."""
    from zzkiosk.guide.link import guide_url, qr_text

    try:
        settings = control_settings(None)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    url = guide_url(settings, host) if settings is not None else None
    if url is None:
        print(tr("the guide page needs the control port's HTTP: set control: {{http: 7452}} in config.yaml "
                 "(or play with --control HOST:PORT)"), file=sys.stderr)
        return 1
    print(qr_text(url))
    print(url)
    return 0


def _discover(seconds: float) -> int:
    from zzkiosk.control.discovery import discover

    found = discover(seconds)
    for kiosk in found:
        ports = " ".join(f"{name} {port}" for name, port in sorted(kiosk.ports.items()))
        print(f"{kiosk.name}\t{', '.join(kiosk.addresses)}\t{ports}\tzzkiosk {kiosk.version}")
    if not found:
        print(tr("no kiosk answered within {seconds:g} s (is discovery: true in its config.yaml?)", seconds=seconds),
              file=sys.stderr)
        return 1
    return 0


def control_settings(command_line: str | None) -> ControlSettings | None:
    """The control settings for playing: config.yaml combined with `--control`; None when off.

    Raises ValueError (with file:line:col for the config file) when they cannot be used.
    """
    from zzkiosk.control.config import ConfigError, combine, load_config

    try:
        config = load_config()
    except ConfigError as error:
        raise ValueError(str(error)) from None
    from pydantic import ValidationError

    try:
        return combine(config.control, command_line)
    except ValidationError as error:
        raise ValueError("; ".join(detail["msg"].removeprefix("Value error, ") for detail in error.errors())) from None
