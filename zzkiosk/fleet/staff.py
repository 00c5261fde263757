"""The staff's side of the fleet: a client that reads every kiosk's topics and sends commands.

Plain paho-mqtt (no Qt), its loop in its own thread; what it learns is kept under a lock
and read by `zzkiosk fleet` (fleet/cli.py) for its table, replies and screenshots.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion

from zzkiosk.fleet.settings import MqttSettings
from zzkiosk.fleet.topics import ROOT, WHY, Topics, all_command, group_command
from zzkiosk.i18n import tr

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
"""The first bytes of every PNG file."""
MAX_STATUS_BYTES = 65536
"""Status and health messages bigger than this are ignored (a kiosk's are a few hundred bytes)."""


class FleetError(Exception):
    """The broker cannot be reached, or the fleet did not answer: a message for staff."""


@dataclass
class Kiosk:
    """What the staff's client knows of one kiosk."""

    name: str
    """Its name on the broker."""
    availability: str = "?"
    """online, offline, or ? (not said yet)."""
    offline_why: str = ""
    """Why it went offline: `stopped` (it said so itself), `lost` (the broker's last will for it)
    or nothing (online, or a kiosk too old to say)."""
    status: dict[str, Any] = field(default_factory=dict)
    """Its last status message."""
    health: dict[str, Any] = field(default_factory=dict)
    """Its last health message."""

    @property
    def groups(self) -> list[str]:
        """The groups it says it belongs to."""
        return list(self.status.get("groups") or [])

    @property
    def deck_version(self) -> str:
        """The version of the deck it plays."""
        return str((self.status.get("deck") or {}).get("version", ""))

    @property
    def slide(self) -> str:
        """Where its show is: number/total section/slide, and what covers it."""
        current = self.status.get("current")
        if not current:
            return "-"
        text = f"{current['number']}/{self.status.get('total', '?')} {current['section']}/{current['slide']}"
        cover = self.status.get("cover", "none")
        return text if cover == "none" else f"{text} [{cover}]"

    @property
    def last_error(self) -> str:
        """The first line of its last refused reload, or nothing."""
        errors = (self.status.get("reload") or {}).get("errors") or self.health.get("last_reload_errors") or []
        return str(errors[0]) if errors else ""


class FleetClient:
    """A connection of the staff's tools to the broker."""

    def __init__(self, settings: MqttSettings):
        self.settings = settings
        """The broker and credentials."""
        self._lock = threading.Lock()
        self._kiosks: dict[str, Kiosk] = {}
        self._replies: list[dict[str, Any]] = []
        self._pictures: dict[str, bytes] = {}
        self._connected = threading.Event()
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"zzkiosk-fleet-{uuid.uuid4().hex[:8]}",
                                   protocol=MQTTProtocolVersion.MQTTv5)
        if settings.username is not None:
            self._client.username_pw_set(settings.username, settings.password)
        if settings.use_tls:
            import ssl

            self._client.tls_set_context(ssl.create_default_context())
        self._client.on_connect = self._on_connect
        self._client.on_message = self._on_message

    def connect(self, timeout: float = 5.0) -> None:
        """Connect and subscribe to every kiosk's topics; FleetError when the broker does not answer."""
        try:
            self._client.connect(self.settings.host, self.settings.port, keepalive=30)
        except OSError as error:
            raise FleetError(tr("cannot reach the broker at {url}: {error}", url=self.settings.url,
                                  error=error.strerror or error)) from None
        self._client.loop_start()
        if not self._connected.wait(timeout):
            self.close()
            raise FleetError(tr("the broker at {url} did not accept the connection within {seconds:g} s",
                                  url=self.settings.url, seconds=timeout))

    def close(self) -> None:
        """Disconnect."""
        self._client.disconnect()
        self._client.loop_stop()

    def kiosks(self) -> list[Kiosk]:
        """Every kiosk heard of, by name."""
        with self._lock:
            return [self._kiosks[name] for name in sorted(self._kiosks)]

    def send(self, line: str, *, kiosk: str | None = None, group: str | None = None,
             width: int | None = None) -> str:
        """Publish command `line` to one kiosk, a group, or (neither given) all; the request id."""
        request_id = uuid.uuid4().hex[:12]
        topic = Topics(kiosk).command if kiosk else group_command(group) if group else all_command()
        body: dict[str, Any] = {"command": line, "id": request_id}
        if width is not None:
            body["width"] = width
        self._client.publish(topic, json.dumps(body, ensure_ascii=False), qos=1)
        return request_id

    def replies(self, request_id: str) -> list[dict[str, Any]]:
        """The replies received so far to `request_id`."""
        with self._lock:
            return [reply for reply in self._replies if reply.get("id") == request_id]

    def picture(self, kiosk: str) -> bytes | None:
        """The last screenshot received from `kiosk`, if any."""
        with self._lock:
            return self._pictures.get(kiosk)

    def forget_picture(self, kiosk: str) -> None:
        """Drop the last screenshot of `kiosk` (to wait for the next one)."""
        with self._lock:
            self._pictures.pop(kiosk, None)

    def expected(self, kiosk: str | None, group: str | None) -> set[str]:
        """The online kiosks a command to `kiosk`, `group` or all should reach."""
        online = [k for k in self.kiosks() if k.availability == "online"]
        if kiosk:
            return {kiosk}
        return {k.name for k in online if group is None or group in k.groups}

    # -- paho's thread ------------------------------------------------------------------

    def _on_connect(self, client, userdata, flags, reason, properties) -> None:  # noqa: ANN001 (paho's signature)
        if reason.is_failure:
            return
        client.subscribe([(f"{ROOT}/+/{leaf}", 1) for leaf in ("status", "availability", "health", "reply", "screenshot")])
        self._connected.set()

    def _on_message(self, client, userdata, message: mqtt.MQTTMessage) -> None:  # noqa: ANN001
        parts = message.topic.split("/")
        if len(parts) != 3 or parts[1] in ("all", "group"):
            return
        name, leaf, payload = parts[1], parts[2], bytes(message.payload)
        with self._lock:
            if leaf == "screenshot":
                if payload.startswith(PNG_SIGNATURE):
                    self._pictures[name] = payload
                return
            if leaf == "availability":
                kiosk = self._kiosk(name)
                kiosk.availability = payload.decode("utf-8", "replace")[:16] or "?"
                kiosk.offline_why = _why(message)
                return
            data = _json_object(payload)
            if data is None:
                return
            if leaf == "reply":
                self._replies.append(data)
            elif leaf in ("status", "health"):
                setattr(self._kiosk(name), leaf, data)

    def _kiosk(self, name: str) -> Kiosk:
        return self._kiosks.setdefault(name, Kiosk(name))


def _why(message: mqtt.MQTTMessage) -> str:
    """The `why` user property of an availability message (zzkiosk.fleet.link.Farewell), or nothing."""
    pairs = getattr(message.properties, "UserProperty", None) or []
    return next((str(value)[:16] for key, value in pairs if key == WHY), "")


def _json_object(payload: bytes) -> dict[str, Any] | None:
    if len(payload) > MAX_STATUS_BYTES:
        return None
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def wait_for(condition, timeout: float, step: float = 0.05) -> bool:  # noqa: ANN001 (any callable)
    """Poll `condition()` until it is true or `timeout` seconds have passed; its last answer."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return bool(condition())
        time.sleep(step)
    return True
