"""The per-machine config.yaml: its `control:` part, validated like a deck (file:line:col).

The deck is copied to many kiosks; which ports a kiosk listens on, who may drive it and
where it reports belong to the machine, so they live in the platformdirs config folder
(`~/.config/zzkiosk/config.yaml` on Linux). The file is read with the deck's YAML reader
(no aliases, no tags, bounded size) and checked by the same validator.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from zzkiosk.control.plain import DEFAULT_PORT, ControlPorts, parse_host_port
from zzkiosk.deck.errors import DeckError, Problem
from zzkiosk.fleet.settings import MqttSettings
from zzkiosk.i18n import N_, tr, translated

__all__ = ["DEFAULT_PORT", "ConfigError", "ConfigFile", "ControlSettings", "combine", "config_file", "config_schema",
           "load_config", "parse_host_port"]

Port = Annotated[int, Field(ge=1, le=65535)]


class ConfigError(DeckError):
    """A config file that cannot be used, with every problem as file:line:col."""


class ControlSettings(ControlPorts, BaseModel):
    """How the hall's central control reaches this kiosk. Every transport is off unless given a port."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    listen: str = "127.0.0.1"
    """Address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every network), or one address of this machine."""
    udp: Port | None = None
    """UDP port for text commands (one command a datagram); omit to turn off. Usual: 7450."""
    tcp: Port | None = None
    """TCP port for text commands, one a line, many per connection; omit to turn off. Usual: 7450."""
    osc: Port | None = None
    """UDP port for OSC messages (/zzkiosk/next, /zzkiosk/goto ...); omit to turn off. Usual: 7451."""
    http: Port | None = None
    """HTTP port (/api/status, /api/list, /api/command, /api/events); omit to turn off. Usual: 7452."""
    allow: list[str] = ["127.0.0.1"]
    """Controllers allowed to send commands: addresses or networks, like 192.168.10.0/24."""
    token: str | None = Field(default=None, min_length=8, max_length=128, pattern=r"^[!-~]+$")
    """Shared secret: HTTP sends `Authorization: Bearer TOKEN`; UDP and TCP start a command with it (or send `auth TOKEN` once on TCP). Required when listen is not a loopback address."""
    notify: list[str] = []
    """HOST:PORT addresses that get one status line (UDP text) on every change of what is shown."""
    notify_osc: list[str] = []
    """HOST:PORT addresses that get an OSC /zzkiosk/status message on every change."""
    discovery: bool = False
    """Announce this kiosk on the LAN by mDNS/DNS-SD (_zzkiosk._tcp) so controllers find it."""
    name: str | None = Field(default=None, max_length=60)
    """The kiosk's name in discovery (default: the machine's host name)."""
    max_clients: int = Field(default=16, ge=1, le=256)
    """Most TCP and HTTP clients connected at once (each transport)."""
    rate: float = Field(default=20, gt=0, le=1000)
    """Commands a second accepted from one address (bursts of twice as many); the rest are dropped."""
    idle_timeout: float = Field(default=300, ge=5, le=86400)
    """Seconds a TCP client may stay silent before it is disconnected."""

    @field_validator("listen")
    @classmethod
    def _address(cls, value: str) -> str:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise ValueError(tr("'listen' must be an IP address like 127.0.0.1 or 0.0.0.0, not '{value}'",
                                 value=value)) from None
        return value

    @field_validator("allow")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(tr("'{entry}' in allow is not an address or network: write 192.168.10.5 or "
                                     "192.168.10.0/24", entry=entry)) from None
        return value

    @field_validator("notify", "notify_osc")
    @classmethod
    def _targets(cls, value: list[str]) -> list[str]:
        for entry in value:
            host, _ = parse_host_port(entry, default_port=None)
            try:
                ipaddress.ip_address(host)
            except ValueError:
                raise ValueError(tr("'{entry}': give the controller's IP address (like 192.168.10.5:7460), not a name",
                                     entry=entry)) from None
        return value

    @model_validator(mode="after")
    def _token_off_loopback(self) -> ControlSettings:
        if not ipaddress.ip_address(self.listen).is_loopback and self.token is None and self.any_port:
            raise ValueError(tr("listen {address} reaches the network: set a token (8 or more characters) as well",
                                 address=self.listen))
        return self


class ConfigFile(BaseModel):
    """The per-machine config.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    control: ControlSettings | None = None
    """The control port for the hall's central control; absent: off."""
    mqtt: MqttSettings | None = None
    """The museum's MQTT broker, for status, screenshots and commands of the whole fleet; absent: off."""


def config_file() -> Path:
    """Where this machine's config.yaml is (`~/.config/zzkiosk/config.yaml` on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("zzkiosk", appauthor=False)) / "config.yaml"


def load_config(file: Path | None = None) -> ConfigFile:
    """The config in `file` (default: `config_file()`); defaults when it does not exist; ConfigError otherwise."""
    from zzkiosk.deck.validation import validate
    from zzkiosk.deck.yamlsource import read_yaml

    file = config_file() if file is None else file
    if not file.exists():
        return ConfigFile()
    try:
        document = read_yaml(file, expected=N_("`control:` settings"))
    except DeckError as error:
        raise ConfigError(error.problems) from None
    problems: list[Problem] = []
    config = validate(ConfigFile, document, problems)
    if config is None:
        raise ConfigError(problems)
    return config


def combine(settings: ControlSettings | None, command_line: str | None) -> ControlSettings | None:
    """The settings in force: `--control HOST:PORT` (its address and ports win) over the file's
    (whose allow, token and notify stay); None when neither turns control on."""
    if command_line is None:
        return settings if settings is not None and settings.any_port else None
    host, port = parse_host_port(command_line, default_port=DEFAULT_PORT)
    if port + 2 > 65535:
        raise ValueError(tr("--control port {port} is too high: OSC and HTTP take the next two ports", port=port))
    base = settings.model_dump() if settings is not None else {}
    chosen = base | {"listen": host, "udp": port, "tcp": port, "osc": port + 1, "http": port + 2}
    return ControlSettings.model_validate(chosen)


def config_schema(language: str | None = None) -> dict:
    """The JSON Schema (draft 2020-12) of config.yaml, each property described by its field's
    docstring, in `language` ("zh", "en"; None: the language of messages). The docstrings
    are in the catalogue (zzkiosk.catalogues.MODEL_FILES), as the deck models' are."""
    from zzkiosk.deck.docs import field_docs, models_in

    schema = ConfigFile.model_json_schema()
    models = models_in(ConfigFile)
    for definition in [schema, *schema.get("$defs", {}).values()]:
        docs = field_docs(models[definition["title"]]) if definition.get("title") in models else {}
        if "description" in definition:
            definition["description"] = translated(definition["description"], language)
        for name, property_schema in definition.get("properties", {}).items():
            if name in docs:
                property_schema["description"] = translated(docs[name], language)
    title = translated(CONFIG_SCHEMA_TITLE, language)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


CONFIG_SCHEMA_TITLE = N_("zzkiosk config file")
"""The config.yaml schema's title."""
