"""Real kiosk processes (offscreen) on a real broker (mosquitto on loopback): status, commands,
groups, screenshots, last will, broker restarts, a broker down at start, hostile payloads."""

import json
import os
import signal

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from PySide6.QtGui import QImage

from zzkiosk.fleet.staff import PNG_SIGNATURE, wait_for

START_S = 60
"""Bound on a kiosk process coming online (start-up on a busy 2-core machine)."""
ANSWER_S = 15
"""Bound on an answer from a running kiosk."""


def online(staff, *names):
    """True when every kiosk of `names` said online and published a status."""
    known = {kiosk.name: kiosk for kiosk in staff.kiosks()}
    return all(name in known and known[name].availability == "online" and known[name].status for name in names)


def status_of(staff, name):
    return next(kiosk.status for kiosk in staff.kiosks() if kiosk.name == name)


def slide_number(staff, name):
    current = status_of(staff, name).get("current") or {}
    return current.get("number")


def ask(staff, line, **target):
    """Send `line` and wait for the replies of the kiosks it reaches; {kiosk: reply}."""
    request = staff.send(line, **target)
    expected = staff.expected(target.get("kiosk"), target.get("group"))
    assert wait_for(lambda: {r["kiosk"] for r in staff.replies(request)} >= expected, ANSWER_S), staff.replies(request)
    return {reply["kiosk"]: reply["reply"] for reply in staff.replies(request)}


class RawClient:
    """A plain MQTT 5 client for what the staff tool never sends: raw bytes, correlation data."""

    def __init__(self, broker):
        self.messages = []
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=MQTTProtocolVersion.MQTTv5)
        self._client.on_message = lambda client, userdata, message: self.messages.append(message)
        self._client.connect("127.0.0.1", broker.port)
        self._client.loop_start()

    def subscribe(self, topic):
        self._client.subscribe(topic, qos=1)

    def publish(self, topic, payload, correlation=None):
        properties = None
        if correlation is not None:
            properties = Properties(PacketTypes.PUBLISH)
            properties.CorrelationData = correlation
        self._client.publish(topic, payload, qos=1, properties=properties).wait_for_publish(5)

    def close(self):
        self._client.disconnect()
        self._client.loop_stop()


def test_status_is_retained_and_follows_commands(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "left")
    start_kiosk(mqtt_broker.url, "right")
    assert wait_for(lambda: online(staff, "left", "right"), START_S)
    assert slide_number(staff, "left") == slide_number(staff, "right") == 1
    assert ask(staff, "next", kiosk="left") == {"left": "OK one/counters 2/4"}
    assert wait_for(lambda: slide_number(staff, "left") == 2, ANSWER_S)
    assert slide_number(staff, "right") == 1
    status = status_of(staff, "left")
    assert status["deck"] == status_of(staff, "right")["deck"]
    assert len(status["deck"]["hash"]) == 12 and status["reload"] == {"refused": False, "errors": []}
    assert status["kiosk"] == "left" and status["total"] == 4 and status["cover"] == "none"
    from zzkiosk.fleet.settings import MqttSettings
    from zzkiosk.fleet.staff import FleetClient

    later = FleetClient(MqttSettings(url=mqtt_broker.url, name="later", homeassistant=False))
    later.connect()
    try:  # retained: a tool that connects afterwards sees both at once
        assert wait_for(lambda: online(later, "left", "right") and slide_number(later, "left") == 2, ANSWER_S)
    finally:
        later.close()


def test_a_group_command_reaches_only_its_group(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "a1", groups=("hall-a",))
    start_kiosk(mqtt_broker.url, "b1", groups=("hall-b",))
    start_kiosk(mqtt_broker.url, "a2", groups=("hall-a", "floor-2"))
    assert wait_for(lambda: online(staff, "a1", "b1", "a2"), START_S)
    assert ask(staff, "goto 3", group="hall-a") == {"a1": "OK two/pushed 3/4", "a2": "OK two/pushed 3/4"}
    assert wait_for(lambda: slide_number(staff, "a1") == slide_number(staff, "a2") == 3, ANSWER_S)
    assert slide_number(staff, "b1") == 1
    replies = ask(staff, "black")
    assert set(replies) == {"a1", "b1", "a2"}
    assert wait_for(lambda: all(status_of(staff, name)["cover"] == "black" for name in ("a1", "b1", "a2")), ANSWER_S)


def test_a_screenshot_is_a_png_of_what_the_screen_shows(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "shot")
    assert wait_for(lambda: online(staff, "shot"), START_S)
    pictures = {}
    for line in ("goto 1", "goto 2", "black"):
        ask(staff, line, kiosk="shot")
        request = staff.send("screenshot", kiosk="shot", width=320)
        assert wait_for(lambda: staff.replies(request), ANSWER_S)
        assert staff.replies(request)[0]["reply"].startswith("OK screenshot")
        assert wait_for(lambda: staff.picture("shot") is not None, ANSWER_S)
        data = staff.picture("shot")
        assert data.startswith(PNG_SIGNATURE)
        image = QImage.fromData(data, "PNG")
        assert not image.isNull() and image.width() == 320
        pictures[line] = image
        staff._pictures.clear()
    assert pictures["goto 1"] != pictures["goto 2"]
    black = pictures["black"]
    assert {black.pixelColor(x, y).name() for x in range(0, 320, 16) for y in range(0, black.height(), 16)} == {"#000000"}


def test_kill_9_of_a_kiosk_turns_it_offline_by_the_last_will(mqtt_broker, start_kiosk, staff):
    doomed = start_kiosk(mqtt_broker.url, "doomed")
    start_kiosk(mqtt_broker.url, "survivor")
    assert wait_for(lambda: online(staff, "doomed", "survivor"), START_S)
    os.kill(doomed.process.pid, signal.SIGKILL)
    doomed.process.wait(timeout=10)
    assert wait_for(lambda: {k.name: k.availability for k in staff.kiosks()}["doomed"] == "offline", ANSWER_S)
    assert {k.name: k.availability for k in staff.kiosks()}["survivor"] == "online"


def test_a_broker_restart_is_survived(mqtt_broker, start_kiosk, staff):
    kiosk = start_kiosk(mqtt_broker.url, "steady")
    assert wait_for(lambda: online(staff, "steady"), START_S)
    staff.close()
    mqtt_broker.stop()
    mqtt_broker.start()  # same port, nothing retained: the kiosk must say it all again
    from zzkiosk.fleet.settings import MqttSettings
    from zzkiosk.fleet.staff import FleetClient

    again = FleetClient(MqttSettings(url=mqtt_broker.url, name="again", homeassistant=False))
    again.connect()
    try:
        assert wait_for(lambda: online(again, "steady"), 60), kiosk.log  # back-off tops out at 30 s
        assert ask(again, "next", kiosk="steady") == {"steady": "OK one/counters 2/4"}
    finally:
        again.close()
    assert kiosk.process.poll() is None
    assert "connection lost" in kiosk.log


def test_a_broker_down_at_start_does_not_hold_up_the_first_slide(mqtt_broker, start_kiosk, staff):
    staff.close()
    mqtt_broker.stop()
    kiosk = start_kiosk(mqtt_broker.url, "early")
    assert wait_for(lambda: "playing " in kiosk.log, START_S), kiosk.log  # the first slide is up, no broker yet
    assert kiosk.process.poll() is None
    mqtt_broker.start()
    from zzkiosk.fleet.settings import MqttSettings
    from zzkiosk.fleet.staff import FleetClient

    late = FleetClient(MqttSettings(url=mqtt_broker.url, name="late", homeassistant=False))
    late.connect()
    try:
        assert wait_for(lambda: online(late, "early"), 60), kiosk.log
    finally:
        late.close()


@pytest.mark.parametrize("payload, code", [
    (b"\x00\xff\xfe binary \x89PNG", "ERR encoding"),
    (b"next " + b"x" * 100_000, "ERR too-long"),
    (b'{"command": "next", ', "ERR json"),
    (b'{"command": ["next"]}', "ERR json"),
    (b"rm -rf /", "ERR unknown"),
    (b"", "ERR empty"),
])
def test_malformed_payloads_are_refused_and_the_show_goes_on(mqtt_broker, start_kiosk, staff, payload, code):
    start_kiosk(mqtt_broker.url, "target")
    assert wait_for(lambda: online(staff, "target"), START_S)
    before = status_of(staff, "target")
    raw = RawClient(mqtt_broker)
    try:
        raw.subscribe("zzkiosk/target/reply")
        raw.publish("zzkiosk/target/command", payload, correlation=b"corr-1")
        assert wait_for(lambda: raw.messages, ANSWER_S)
        reply = json.loads(raw.messages[0].payload)
        assert reply["reply"].startswith(code) and reply["ok"] is False and reply["kiosk"] == "target"
        assert raw.messages[0].properties.CorrelationData == b"corr-1"
    finally:
        raw.close()
    assert ask(staff, "ping", kiosk="target") == {"target": "OK one/cover 1/4"}
    after = status_of(staff, "target")
    assert (after["current"], after["cover"]) == (before["current"], before["cover"])


def test_health_and_home_assistant_discovery(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "well")
    assert wait_for(lambda: online(staff, "well"), START_S)
    ask(staff, "next", kiosk="well")
    assert ask(staff, "health", kiosk="well") == {"well": "OK health on zzkiosk/well/health"}
    health = next(kiosk.health for kiosk in staff.kiosks() if kiosk.name == "well")
    assert set(health) == {"uptime", "rss_mb", "transition_fps", "slides_skipped", "reloads", "last_reload_errors"}
    assert health["rss_mb"] > 20 and health["slides_skipped"] == 0
    raw = RawClient(mqtt_broker)
    try:
        raw.subscribe("homeassistant/#")
        assert wait_for(lambda: len(raw.messages) >= 12, ANSWER_S)
        topics = {message.topic for message in raw.messages}
        assert "homeassistant/camera/zzkiosk_well/screen/config" in topics
        assert all(message.retain for message in raw.messages)
    finally:
        raw.close()
