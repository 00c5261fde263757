"""`zzkiosk fleet`: the staff's view of every kiosk on the broker, commands and screenshots.

    zzkiosk fleet                          a live table (Ctrl+C ends it)
    zzkiosk fleet --once                   the table once, for scripts and logs
    zzkiosk fleet send hall-a next         a command to a group (or all, or --kiosk NAME)
    zzkiosk fleet screenshot hall-a-left --out left.png
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from zzkiosk.i18n import LANGUAGES, tr

DEFAULT_BROKER = "mqtt://127.0.0.1:1883"
"""The broker when neither --broker nor config.yaml's mqtt.url names one."""
REFRESH_S = 0.5
"""How often the live table is drawn again."""


def fleet_parser() -> argparse.ArgumentParser:
    """The parser of `zzkiosk fleet`."""
    parser = argparse.ArgumentParser(
        prog="zzkiosk fleet",
        description=tr("Every kiosk on the MQTT broker: online or offline, deck version, slide, last error. "
                       "Subcommands: send, screenshot."),
    )
    parser.add_argument("--broker", metavar="URL", help=tr("the broker (default: mqtt.url of config.yaml, else {url})", url=DEFAULT_BROKER))
    parser.add_argument("--once", action="store_true", help=tr("print the table once and end (no live view)"))
    parser.add_argument("--wait", type=float, default=1.0, help=tr("seconds to listen before answering (default 1)"))
    parser.add_argument(
        "--lang", choices=tuple(LANGUAGES),
        help=tr("language of messages: zh (Chinese) or en (English); default: ZZKIOSK_LANG, else the system's"),
    )
    sub = parser.add_subparsers(dest="action")
    send = sub.add_parser("send", help=tr("send a command to all kiosks, a group, or one kiosk"))
    send.add_argument("target", help=tr("'all', a group name, or a kiosk's name with --kiosk"))
    send.add_argument("command", nargs="+", help=tr("the command, as on the control port: next, goto 3, reload ..."))
    send.add_argument("--kiosk", action="store_true", help=tr("TARGET is one kiosk's name, not a group"))
    shot = sub.add_parser("screenshot", help=tr("save what one kiosk's screen shows now as PNG"))
    shot.add_argument("name", help=tr("the kiosk's name"))
    shot.add_argument("--out", type=Path, required=True, help=tr("the PNG file to write"))
    shot.add_argument("--width", type=int, default=640, help=tr("picture width in pixels (default 640)"))
    for subparser in (send, shot):
        subparser.add_argument("--timeout", type=float, default=5.0, help=tr("seconds to wait for the answer (default 5)"))
    return parser


def run_fleet(args: argparse.Namespace) -> int:
    """Run `zzkiosk fleet` with parsed `args`; the exit code."""
    from zzkiosk.fleet.staff import FleetClient, FleetError

    try:
        client = FleetClient(_settings(args.broker))
        client.connect()
    except (FleetError, ValueError) as error:
        print(f"zzkiosk fleet: {error}", file=sys.stderr)
        return 2
    try:
        if args.action == "send":
            return _send(client, args)
        if args.action == "screenshot":
            return _screenshot(client, args)
        return _table(client, args)
    except KeyboardInterrupt:
        return 0
    finally:
        client.close()


def _settings(broker: str | None):  # noqa: ANN202 (MqttSettings, imported late)
    from zzkiosk.control.config import ConfigError, load_config
    from zzkiosk.fleet.settings import MqttSettings

    if broker is None:
        try:
            configured = load_config().mqtt
        except ConfigError as error:
            raise ValueError(tr("config.yaml cannot be used:\n{problems}", problems=error)) from None
        if configured is not None:
            return configured.model_copy(update={"name": "fleet"})
    return MqttSettings(url=broker or DEFAULT_BROKER, name="fleet", homeassistant=False)


def _table(client, args: argparse.Namespace) -> int:  # noqa: ANN001 (FleetClient)
    from rich.console import Console

    from zzkiosk.fleet.table import fleet_table

    console = Console()
    time.sleep(max(args.wait, 0.0))
    if args.once:
        console.print(fleet_table(client.kiosks()))
        return 0
    from rich.live import Live

    with Live(fleet_table(client.kiosks()), console=console, refresh_per_second=1 / REFRESH_S) as live:
        while True:
            time.sleep(REFRESH_S)
            live.update(fleet_table(client.kiosks()))


def _send(client, args: argparse.Namespace) -> int:  # noqa: ANN001 (FleetClient)
    from zzkiosk.fleet.staff import wait_for

    kiosk = args.target if args.kiosk else None
    group = None if args.kiosk or args.target == "all" else args.target
    time.sleep(max(args.wait, 0.0))  # the retained availability tells who should answer
    expected = client.expected(kiosk, group)
    request_id = client.send(" ".join(args.command), kiosk=kiosk, group=group)
    wait_for(lambda: expected and {r["kiosk"] for r in client.replies(request_id)} >= expected, args.timeout)
    replies = client.replies(request_id)
    for reply in sorted(replies, key=lambda r: str(r.get("kiosk"))):
        print(f"{reply.get('kiosk')}: {reply.get('reply')}")
    silent = expected - {str(r.get("kiosk")) for r in replies}
    for name in sorted(silent):
        print(tr("{name}: no reply within {seconds:g} s", name=name, seconds=args.timeout), file=sys.stderr)
    if not replies:
        print(tr("no kiosk answered within {seconds:g} s", seconds=args.timeout), file=sys.stderr)
        return 2
    return 1 if silent or not all(reply.get("ok") for reply in replies) else 0


def _screenshot(client, args: argparse.Namespace) -> int:  # noqa: ANN001 (FleetClient)
    from zzkiosk.fleet.staff import wait_for

    request_id = client.send("screenshot", kiosk=args.name, width=args.width)
    if not wait_for(lambda: client.picture(args.name) is not None or client.replies(request_id), args.timeout):
        print(tr("{name} sent no screenshot within {seconds:g} s (is it online? zzkiosk fleet --once)",
                 name=args.name, seconds=args.timeout), file=sys.stderr)
        return 2
    replies = client.replies(request_id)
    if replies and not replies[0].get("ok"):
        print(f"{args.name}: {replies[0].get('reply')}", file=sys.stderr)
        return 1
    wait_for(lambda: client.picture(args.name) is not None, args.timeout)
    picture = client.picture(args.name)
    if picture is None:
        print(tr("{name} replied but its picture did not arrive", name=args.name), file=sys.stderr)
        return 2
    args.out.write_bytes(picture)
    print(tr("{file}: {size} bytes from {name}", file=args.out, size=len(picture), name=args.name))
    return 0
