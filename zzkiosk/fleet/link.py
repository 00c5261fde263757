"""MqttLink: one paho-mqtt client, its network loop in its own thread, its news on the Qt thread.

paho calls back on its loop thread; each callback only emits a signal, which Qt queues to
the thread this QObject lives in (the show's), so nothing of the show is touched from
paho's thread. Connecting, reconnecting with back-off and DNS all happen on that thread:
the show never waits for the broker, and a broker that is down at start is tried again
every RECONNECT_MAX_S at most. Publishing while disconnected drops the message (the agent
publishes everything again on each connect) instead of queueing a day of status lines.
"""

from __future__ import annotations

import ssl
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from PySide6.QtCore import QObject, Signal

from zzkiosk.fleet.topics import WHY
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.fleet.plain import MqttSettings  # or the validated model: the same fields

KEEPALIVE_S = 15
"""Seconds between pings: the broker gives a silent kiosk up (and sends its last will) after 1.5 times this."""
RECONNECT_MIN_S, RECONNECT_MAX_S = 1, 30
"""Back-off between reconnection attempts: doubles from the first to the second, then stays."""


@dataclass(frozen=True)
class Farewell:
    """A retained message that says the kiosk is gone: its own on a clean stop, or the will
    the broker publishes for it. `why` goes in an MQTT 5 user property, so the two can be
    told apart while the payload stays what Home Assistant expects."""

    topic: str
    """Where it is published (the availability topic)."""
    payload: bytes
    """What it says (`offline`)."""
    why: str
    """The value of the `why` user property: `stopped` (said by the kiosk) or `lost` (the will)."""

    def properties(self, packet: int) -> Properties:
        """Its user property, for a PUBLISH or a WILLMESSAGE `packet`."""
        properties = Properties(packet)
        properties.UserProperty = [(WHY, self.why)]
        return properties


@dataclass(frozen=True)
class Incoming:
    """A message received, as handed to the Qt thread."""

    topic: str
    """Where it was published."""
    payload: bytes
    """Its bytes, unchecked."""
    correlation: bytes | None = None
    """MQTT 5 correlation data, echoed in the reply."""


class MqttLink(QObject):
    """A connection to the broker that keeps itself up; `start()` returns at once."""

    connected = Signal()
    """The broker accepted the connection (the first time and after every reconnect)."""
    disconnected = Signal(str)
    """The connection was lost or refused: why, in words."""
    received = Signal(object)
    """An Incoming message on a subscribed topic."""

    def __init__(self, settings: MqttSettings, *, will: Farewell | None = None,
                 client_id: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings
        self._is_connected = False
        client_id = client_id or f"zzkiosk-{settings.name}-{uuid.uuid4().hex[:8]}"
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id,
                                   protocol=MQTTProtocolVersion.MQTTv5)
        self._client.reconnect_delay_set(RECONNECT_MIN_S, RECONNECT_MAX_S)
        if settings.username is not None:
            self._client.username_pw_set(settings.username, settings.password)
        if settings.use_tls:
            self._client.tls_set_context(ssl.create_default_context())
        if will is not None:
            self._client.will_set(will.topic, will.payload, qos=1, retain=True,
                                  properties=will.properties(PacketTypes.WILLMESSAGE))
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message

    @property
    def is_connected(self) -> bool:
        """True while the broker holds the connection."""
        return self._is_connected

    def start(self) -> None:
        """Connect in the background; keep reconnecting until `stop()`."""
        self._client.connect_async(self._settings.host, self._settings.port, keepalive=KEEPALIVE_S)
        self._client.loop_start()

    def stop(self, last_words: Farewell | None = None) -> None:
        """Publish `last_words` (retained) if connected, then disconnect and end the thread."""
        if last_words is not None and self._is_connected:
            info = self._client.publish(last_words.topic, last_words.payload, qos=1, retain=True,
                                        properties=last_words.properties(PacketTypes.PUBLISH))
            try:
                info.wait_for_publish(timeout=1.0)
            except (RuntimeError, ValueError):
                pass  # the connection went meanwhile: the broker's last will says the same
        self._client.disconnect()
        self._client.loop_stop()
        self._is_connected = False

    def subscribe(self, topics: list[str]) -> None:
        """Listen to `topics` (QoS 1)."""
        if topics and self._is_connected:
            self._client.subscribe([(topic, 1) for topic in topics])

    def publish(self, topic: str, payload: bytes | str, *, retain: bool = False, qos: int = 0,
                correlation: bytes | None = None) -> bool:
        """Send `payload` to `topic`; False (and nothing sent or queued) while disconnected."""
        if not self._is_connected:
            return False
        properties = None
        if correlation is not None:
            properties = Properties(PacketTypes.PUBLISH)
            properties.CorrelationData = correlation
        info = self._client.publish(topic, payload, qos=qos, retain=retain, properties=properties)
        return info.rc == mqtt.MQTT_ERR_SUCCESS

    # -- paho's thread: emit only ---------------------------------------------------

    def _on_connect(self, client, userdata, flags, reason, properties) -> None:  # noqa: ANN001 (paho's signature)
        if reason.is_failure:
            self.disconnected.emit(tr("the broker refused the connection: {reason}", reason=reason))
            return
        self._is_connected = True
        self.connected.emit()

    def _on_disconnect(self, client, userdata, flags, reason, properties) -> None:  # noqa: ANN001
        was_connected, self._is_connected = self._is_connected, False
        if was_connected:
            self.disconnected.emit(tr("connection lost: {reason}", reason=reason))

    def _on_message(self, client, userdata, message: mqtt.MQTTMessage) -> None:  # noqa: ANN001
        correlation = getattr(message.properties, "CorrelationData", None) if message.properties else None
        self.received.emit(Incoming(message.topic, bytes(message.payload), correlation))
