"""The `mqtt:` part of the per-machine config.yaml, and `--mqtt URL --name NAME`.

Qt-free and free of paho: the config file is read by every kiosk, MQTT on or off. What
the model shares with its plain twin (the broker's address, the default name) is in
zzkiosk.fleet.plain.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from zzkiosk.fleet.plain import NAME_PATTERN, RESERVED_NAMES, BrokerAddress, default_name, parse_broker_url
from zzkiosk.i18n import tr

__all__ = ["MqttSettings", "combine", "default_name", "parse_broker_url", "settings_for_play"]


def _topic_level(value: str) -> str:
    if not re.fullmatch(NAME_PATTERN, value):
        raise ValueError(f"'{value}' cannot be a name on the broker: use letters, digits, '-' and '_' "
                         "(at most 60, starting with a letter or digit), like hall-a-left")
    return value


Name = Annotated[str, AfterValidator(_topic_level)]


class MqttSettings(BrokerAddress, BaseModel):
    """How this kiosk reports to the museum's MQTT broker. Off unless the section is present."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    """The broker: mqtt://HOST:PORT (plain, usual port 1883) or mqtts://HOST:PORT (TLS, usual port 8883)."""
    name: Name = Field(default_factory=lambda: default_name())
    """This kiosk's name in topics (zzkiosk/NAME/...): letters, digits, '-' and '_'; default: the host name."""
    groups: list[Name] = []
    """Groups this kiosk belongs to, such as a hall: commands to zzkiosk/group/GROUP/command reach it."""
    username: str | None = Field(default=None, max_length=200)
    """User name for the broker, if it asks for one."""
    password: str | None = Field(default=None, max_length=200)
    """Password for the broker, if it asks for one."""
    tls: bool = False
    """Use TLS (with the system's certificate authorities); mqtts:// turns it on too."""
    status_interval: float = Field(default=30, ge=5, le=3600)
    """Seconds between two status and health messages when nothing changes."""
    homeassistant: bool = True
    """Announce this kiosk to Home Assistant (MQTT discovery under homeassistant/)."""
    homeassistant_prefix: Name = "homeassistant"
    """Home Assistant's discovery prefix (its default is homeassistant)."""

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        parse_broker_url(value)
        return value

    @field_validator("name")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value.lower() in RESERVED_NAMES:
            raise ValueError(tr("'{name}' is a word the fleet's topics use itself; choose another name", name=value))
        return value


def combine(settings: MqttSettings | None, url: str | None, name: str | None) -> MqttSettings | None:
    """The settings in force: `--mqtt URL` and `--name NAME` over the file's (whose groups,
    credentials and the rest stay); None when neither turns MQTT on. ValueError in words."""
    if url is None and name is None:
        return settings
    if url is None and settings is None:
        raise ValueError(tr("--name is the kiosk's name on the broker: give --mqtt URL as well (or mqtt: in config.yaml)"))
    base = settings.model_dump(exclude_unset=True) if settings is not None else {}
    chosen = base | ({"url": url} if url else {}) | ({"name": name} if name else {})
    from pydantic import ValidationError

    try:
        return MqttSettings.model_validate(chosen)
    except ValidationError as error:
        raise ValueError("; ".join(detail["msg"].removeprefix("Value error, ") for detail in error.errors())) from None


def settings_for_play(url: str | None, name: str | None) -> MqttSettings | None:
    """The MQTT settings a kiosk starts with: config.yaml's `mqtt:` with `--mqtt URL` and
    `--name NAME` over it; None when MQTT is off. ConfigError or ValueError in words."""
    from zzkiosk.control.config import load_config

    return combine(load_config().mqtt, url, name)
