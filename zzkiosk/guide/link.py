"""The guide's link: the page's address with the token, as text and as a QR code to scan with a phone.

The token travels in the address's fragment (`/guide#token=...`): browsers never send a
fragment to the server, so it stays out of every log; the page keeps it and wipes it
from the address bar. Qt-free (the presenter view draws `qr_matrix` itself).
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from zzkiosk.control.plain import ControlSettings


def lan_address() -> str:
    """This machine's first IPv4 address that is not loopback (from its own host name, no
    traffic sent); 127.0.0.1 when it has none."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return "127.0.0.1"
    addresses = [info[4][0] for info in infos if not ipaddress.ip_address(info[4][0]).is_loopback]
    return addresses[0] if addresses else "127.0.0.1"


def guide_url(settings: ControlSettings, host: str | None = None) -> str | None:
    """The page's address on a kiosk with `settings` (None without HTTP); `host` for another address.

    Listening on every address (0.0.0.0), the link names this machine's LAN address.
    """
    if settings.http is None:
        return None
    if host is None:
        host = lan_address() if ipaddress.ip_address(settings.listen).is_unspecified else settings.listen
    if ":" in host:
        host = f"[{host}]"
    fragment = f"#token={quote(settings.token, safe='')}" if settings.token else ""
    return f"http://{host}:{settings.http}/guide{fragment}"


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of `text` as rows of dark (True) and light modules, with its quiet zone."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=4)]


def qr_text(text: str) -> str:
    """The QR code of `text` drawn with block characters, two rows of modules a line (for a terminal)."""
    rows = qr_matrix(text)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyphs = {(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}
    return "\n".join("".join(glyphs[top, bottom] for top, bottom in zip(rows[n], rows[n + 1]))
                     for n in range(0, len(rows), 2))
