"""The broker's settings as the kiosk plays them: a plain frozen twin of
zzkiosk.fleet.settings.MqttSettings, and what both share (the broker's URL read, the
default name).

As zzkiosk.control.plain for the control port: the model in settings.py checks `mqtt:`
of config.yaml with `--mqtt` and `--name`; the fleet agent gets this twin
(`MqttSettings.of`), which the settings' cache keeps (zzkiosk.control.settings_cache).
Imports neither pydantic nor paho: keep it so.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from zzkiosk.deck.frozen import Factory, Plain
from zzkiosk.i18n import tr

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$"
"""Kiosk and group names: letters, digits, '-' and '_' (they become MQTT topic levels)."""
RESERVED_NAMES = ("all", "group")
"""Topic levels the fleet uses itself (zzkiosk/all/command, zzkiosk/group/...)."""
DEFAULT_PORTS = {"mqtt": 1883, "mqtts": 8883}
"""The broker's port when the URL names none."""


class BrokerAddress:
    """Where the broker is, read from the `url` and `tls` fields of the model and its twin
    (a base of both; no annotations: pydantic would take them for fields)."""

    @property
    def host(self) -> str:
        """The broker's host."""
        return parse_broker_url(self.url)[0]

    @property
    def port(self) -> int:
        """The broker's port."""
        return parse_broker_url(self.url)[1]

    @property
    def use_tls(self) -> bool:
        """True when the connection is encrypted (tls: true or an mqtts:// URL)."""
        return self.tls or self.url.lower().startswith("mqtts://")


class MqttSettings(BrokerAddress, Plain, deck=False):
    """How this kiosk reports to the museum's MQTT broker (settings.MqttSettings)."""

    url: str
    name: str = Factory(lambda: default_name())
    groups: list[str] = Factory(list)
    username: str | None = None
    password: str | None = None
    tls: bool = False
    status_interval: float = 30
    homeassistant: bool = True
    homeassistant_prefix: str = "homeassistant"

    @classmethod
    def of(cls, model: Any) -> MqttSettings:
        """The twin of validated settings `model` (TypeError when their fields differ)."""
        return cls(**dict(model))


def parse_broker_url(url: str) -> tuple[str, int]:
    """(host, port) of `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`; ValueError in words otherwise."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError(tr("'{url}' is not a broker URL: write mqtt://HOST:1883 (or mqtts://HOST:8883 for TLS)", url=url))
    try:
        port = parts.port
    except ValueError:
        raise ValueError(tr("the port in '{url}' is not a number from 1 to 65535", url=url)) from None
    if not parts.hostname:
        raise ValueError(tr("'{url}' names no host: write mqtt://HOST:1883, like mqtt://192.168.10.2:1883", url=url))
    if parts.path not in ("", "/") or parts.query:
        raise ValueError(tr("'{url}' has a path; write only mqtt://HOST:PORT", url=url))
    return parts.hostname, port or DEFAULT_PORTS[scheme]


def default_name() -> str:
    """The host name made into a kiosk name (other characters become '-')."""
    import socket

    name = re.sub(r"[^A-Za-z0-9_-]", "-", socket.gethostname().split(".")[0]).strip("-_")[:60]
    return name if name and name.lower() not in RESERVED_NAMES else "zzkiosk"
