"""The integrator's client: send one command to a kiosk and read its reply (plain sockets, no Qt)."""

from __future__ import annotations

import socket

from zzkiosk.control.commands import MAX_LINE_BYTES
from zzkiosk.control.plain import DEFAULT_PORT, parse_host_port
from zzkiosk.i18n import tr

TIMEOUT = 3.0
"""Seconds to wait for a kiosk's reply."""
MAX_REPLY_BYTES = 1 << 20
"""Longest reply read (a `list` of a very large deck fits)."""


class ControlUnreachable(Exception):
    """No reply: the kiosk is off, the port closed, or the command was dropped."""


def send(target: str, command: str, *, udp: bool = False, token: str | None = None,
         timeout: float = TIMEOUT, source: str | None = None) -> str:
    """The kiosk's reply line to `command`, sent to `target` (HOST[:PORT], default port 7450).

    TCP unless `udp`; `token` goes first when given; `source` binds the local address
    (to send from one particular address of this machine). Raises ControlUnreachable.
    """
    host, port = parse_host_port(target, default_port=DEFAULT_PORT)
    line = f"{token} {command}" if token else command
    data = line.encode("utf-8") + b"\r\n"
    if len(data) > MAX_LINE_BYTES + 2:
        raise ValueError(tr("the command is over {limit} bytes", limit=MAX_LINE_BYTES))
    try:
        return _udp(host, port, data, timeout, source) if udp else _tcp(host, port, data, timeout, source)
    except OSError as error:
        raise ControlUnreachable(tr("no reply from {host}:{port} ({transport}): {error}", host=host, port=port,
                                    transport="UDP" if udp else "TCP", error=error)) from None


def _tcp(host: str, port: int, data: bytes, timeout: float, source: str | None) -> str:
    with socket.create_connection((host, port), timeout, source_address=(source, 0) if source else None) as sock:
        sock.sendall(data)
        received = bytearray()
        while b"\n" not in received and len(received) < MAX_REPLY_BYTES:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    if not received:
        raise OSError(tr("the connection closed without a reply"))
    return received.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")


def _udp(host: str, port: int, data: bytes, timeout: float, source: str | None) -> str:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        if source:
            sock.bind((source, 0))
        sock.sendto(data, (host, port))
        reply, _ = sock.recvfrom(MAX_REPLY_BYTES)
    return reply.decode("utf-8", "replace").rstrip("\r\n")
