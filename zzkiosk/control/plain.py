"""The control port's settings as the kiosk plays them: a plain frozen twin of
zzkiosk.control.config.ControlSettings, and what both share.

config.yaml's `control:` part is checked by the pydantic model in config.py. Once it has
passed, the play command hands the port this twin (`ControlSettings.of`): the same class
name, fields, order and defaults (each field is documented on the model). The settings'
cache (zzkiosk.control.settings_cache) keeps the twin, so a kiosk restarted with config.yaml
and its command line unchanged imports neither pydantic nor PyYAML to open its port.

This module imports nothing of the validation: keep it so. A field added to the model
needs its twin here; tests/test_settings_cache.py fails until it has one.
"""

from __future__ import annotations

from typing import Any

from zzkiosk.deck.frozen import Factory, Plain
from zzkiosk.i18n import tr

DEFAULT_PORT = 7450
"""UDP and TCP text; OSC is one above, HTTP two above (as `--control HOST:PORT` sets them)."""


class ControlPorts:
    """What the model and its twin read of their ports and address: a base of both, reading
    their fields (no annotations here: pydantic would take them for fields of its own)."""

    @property
    def any_port(self) -> bool:
        """True when at least one transport is on."""
        return any(port is not None for port in (self.udp, self.tcp, self.osc, self.http))

    @property
    def token_required(self) -> bool:
        """True when UDP and TCP commands must carry the token (listening beyond this machine)."""
        import ipaddress

        return self.token is not None and not ipaddress.ip_address(self.listen).is_loopback


class ControlSettings(ControlPorts, Plain, deck=False):
    """How the hall's central control reaches this kiosk (config.ControlSettings)."""

    listen: str = "127.0.0.1"
    udp: int | None = None
    tcp: int | None = None
    osc: int | None = None
    http: int | None = None
    allow: list[str] = Factory(lambda: ["127.0.0.1"])
    token: str | None = None
    notify: list[str] = Factory(list)
    notify_osc: list[str] = Factory(list)
    discovery: bool = False
    name: str | None = None
    max_clients: int = 16
    rate: float = 20
    idle_timeout: float = 300

    @classmethod
    def of(cls, model: Any) -> ControlSettings:
        """The twin of validated settings `model` (TypeError when their fields differ)."""
        return cls(**dict(model))


def parse_host_port(text: str, *, default_port: int | None) -> tuple[str, int]:
    """(host, port) from `HOST[:PORT]` (an IPv6 host in brackets); ValueError in words otherwise."""
    host, port_text = text, ""
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    if not host:
        raise ValueError(tr("'{text}' names no host: write HOST:PORT, like 192.168.10.5:7460", text=text))
    if not port_text:
        if default_port is None:
            raise ValueError(tr("'{text}' names no port: write HOST:PORT, like 192.168.10.5:7460", text=text))
        return host, default_port
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ValueError(tr("'{port}' in '{text}' is not a port: use a number from 1 to 65535", port=port_text, text=text))
    return host, int(port_text)
