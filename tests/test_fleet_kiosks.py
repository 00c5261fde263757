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

from zzkiosk.fleet.staff import PNG_SIGNATURE

RECONNECT_S = 60
"""Bound on a kiosk finding a broker that came back (its back-off tops out at 30 s)."""


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
    assert staff.wait_online("left", "right")
    assert staff.slide_number("left") == staff.slide_number("right") == 1
    assert staff.ask("next", kiosk="left") == {"left": "OK one/counters 2/4"}
    assert staff.wait(lambda: staff.slide_number("left") == 2)
    assert staff.slide_number("right") == 1
    status = staff.status("left")
    assert status["deck"] == staff.status("right")["deck"]
    assert len(status["deck"]["hash"]) == 12 and status["reload"] == {"refused": False, "errors": []}
    assert (status["kiosk"], status["total"], status["cover"]) == ("left", 4, "none")
    staff.reconnect()  # retained: a tool that connects afterwards sees both at once
    assert staff.wait(lambda: staff.online("left", "right") and staff.slide_number("left") == 2)


def test_a_group_command_reaches_only_its_group(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "a1", groups=("hall-a",))
    start_kiosk(mqtt_broker.url, "b1", groups=("hall-b",))
    start_kiosk(mqtt_broker.url, "a2", groups=("hall-a", "floor-2"))
    assert staff.wait_online("a1", "b1", "a2")
    assert staff.ask("goto 3", group="hall-a") == {"a1": "OK two/pushed 3/4", "a2": "OK two/pushed 3/4"}
    assert staff.wait(lambda: staff.slide_number("a1") == staff.slide_number("a2") == 3)
    assert staff.slide_number("b1") == 1
    assert set(staff.ask("next", group="floor-2")) == {"a2"}  # (its reply may come mid-transition)
    assert staff.wait(lambda: staff.slide_number("a2") == 4)
    assert set(staff.ask("black")) == {"a1", "b1", "a2"}
    assert staff.wait(lambda: all(staff.status(name)["cover"] == "black" for name in ("a1", "b1", "a2")))
    assert [staff.slide_number(name) for name in ("a1", "b1", "a2")] == [3, 1, 4]


def screenshot_bytes(staff, name: str, width: int) -> bytes | None:
    """A screenshot of kiosk `name`, `width` pixels wide (asked again while the kiosk says
    busy), or None when none came."""
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        staff.client.forget_picture(name)
        request = staff.client.send("screenshot", kiosk=name, width=width)
        if not staff.wait(lambda: staff.client.replies(request)):
            return None
        reply = staff.client.replies(request)[0]["reply"]
        if reply.startswith("ERR busy"):
            time.sleep(0.3)
            continue
        assert reply.startswith("OK screenshot"), reply
        return staff.client.picture(name) if staff.wait(lambda: staff.client.picture(name) is not None) else None
    return None


def screenshot(staff, name: str, width: int) -> QImage | None:
    """The screenshot of `screenshot_bytes` as an image."""
    data = screenshot_bytes(staff, name, width)
    return None if data is None else QImage.fromData(data, "PNG")


def test_a_screenshot_is_a_png_of_what_the_screen_shows(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "shot")
    assert staff.wait_online("shot")
    pictures = {}
    for line in ("goto 1", "goto 2", "black"):
        staff.ask(line, kiosk="shot")
        data = screenshot_bytes(staff, "shot", 320)
        assert data is not None and data.startswith(PNG_SIGNATURE)
        image = QImage.fromData(data, "PNG")
        assert not image.isNull() and image.width() == 320
        pictures[line] = image
    assert pictures["goto 1"] != pictures["goto 2"]
    black = pictures["black"]
    assert {black.pixelColor(x, y).name() for x in range(0, 320, 16) for y in range(0, black.height(), 16)} == {"#000000"}


def test_a_flood_of_screenshots_is_refused_busy_and_the_show_answers(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "flooded")
    assert staff.wait_online("flooded")
    requests = [staff.client.send("screenshot", kiosk="flooded", width=320) for _ in range(10)]
    assert staff.wait(lambda: all(staff.client.replies(request) for request in requests))
    replies = [staff.client.replies(request)[0]["reply"] for request in requests]
    assert all(reply.startswith(("OK screenshot", "ERR busy")) for reply in replies), replies
    assert sum(reply.startswith("ERR busy") for reply in replies) >= 5, replies  # 2 at once, then 1 a second
    assert staff.ask("next", kiosk="flooded") == {"flooded": "OK one/counters 2/4"}


def test_kill_9_of_a_kiosk_turns_it_offline_by_the_last_will(mqtt_broker, start_kiosk, staff):
    doomed = start_kiosk(mqtt_broker.url, "doomed")
    start_kiosk(mqtt_broker.url, "survivor")
    assert staff.wait_online("doomed", "survivor")
    os.kill(doomed.process.pid, signal.SIGKILL)
    doomed.process.wait(timeout=10)
    assert staff.wait(lambda: staff.kiosk("doomed").availability == "offline")
    assert staff.kiosk("survivor").availability == "online"


def test_a_broker_restart_is_survived(mqtt_broker, start_kiosk, staff):
    kiosk = start_kiosk(mqtt_broker.url, "steady")
    assert staff.wait_online("steady")
    staff.close()
    mqtt_broker.stop()
    mqtt_broker.start()  # same port, nothing retained: the kiosk must say it all again
    staff.reconnect()
    assert staff.wait(lambda: staff.online("steady"), RECONNECT_S), kiosk.log
    assert staff.ask("next", kiosk="steady") == {"steady": "OK one/counters 2/4"}
    assert kiosk.process.poll() is None
    assert "connection lost" in kiosk.log


def test_a_broker_down_at_start_does_not_hold_up_the_first_slide(mqtt_broker, start_kiosk, staff):
    staff.close()
    mqtt_broker.stop()
    kiosk = start_kiosk(mqtt_broker.url, "early")
    assert staff.wait(lambda: "playing " in kiosk.log, 60), kiosk.log  # the first slide is up, no broker yet
    assert kiosk.process.poll() is None
    mqtt_broker.start()
    staff.reconnect()
    assert staff.wait(lambda: staff.online("early"), RECONNECT_S), kiosk.log


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
    assert staff.wait_online("target")
    before = staff.status("target")
    raw = RawClient(mqtt_broker)
    try:
        raw.subscribe("zzkiosk/target/reply")
        raw.publish("zzkiosk/target/command", payload, correlation=b"corr-1")
        assert staff.wait(lambda: raw.messages)
        reply = json.loads(raw.messages[0].payload)
        assert reply["reply"].startswith(code) and reply["ok"] is False and reply["kiosk"] == "target"
        assert raw.messages[0].properties.CorrelationData == b"corr-1"
    finally:
        raw.close()
    assert staff.ask("ping", kiosk="target") == {"target": "OK one/cover 1/4"}
    after = staff.status("target")
    assert (after["current"], after["cover"]) == (before["current"], before["cover"])


def test_health_and_home_assistant_discovery(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "well")
    assert staff.wait_online("well")
    staff.ask("next", kiosk="well")
    assert staff.ask("health", kiosk="well") == {"well": "OK health on zzkiosk/well/health"}
    health = staff.kiosk("well").health
    assert set(health) == {"uptime", "rss_mb", "transition_fps", "slides_skipped", "reloads", "last_reload_errors"}
    assert health["rss_mb"] > 20 and health["slides_skipped"] == 0
    raw = RawClient(mqtt_broker)
    try:
        raw.subscribe("homeassistant/#")
        assert staff.wait(lambda: len(raw.messages) >= 12)
        topics = {message.topic for message in raw.messages}
        assert "homeassistant/camera/zzkiosk_well/screen/config" in topics
        assert all(message.retain for message in raw.messages)
    finally:
        raw.close()


def difference(one: QImage, other: QImage) -> float:
    """Mean absolute difference of two same-sized images' pixels, 0-255, on a 4-pixel grid."""
    total, count = 0, 0
    for y in range(0, one.height(), 4):
        for x in range(0, one.width(), 4):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)
            total += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())
            count += 3
    return total / count


LIKE_A_RENDER = 1.0
"""Mean pixel difference under which a screenshot is the rendered slide (the slides of the mini
deck share their background, so two different slides differ by 1.5-3.5; the same one by 0.3-0.8)."""


def test_each_screenshot_shows_the_slide_on_screen(qapp, mqtt_broker, start_kiosk, staff):
    """Compared with the final frame of every slide rendered by `zzkiosk render`'s code, the
    screenshot after `goto N` comes to look like slide N and like no other."""
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.render.export import render_slide_image

    from fixtures_control import MINI_DECK

    start_kiosk(mqtt_broker.url, "compare")
    assert staff.wait_online("compare")
    deck = load_deck(MINI_DECK)
    first = screenshot(staff, "compare", 400)
    size = (first.width(), first.height())  # the kiosk letterboxes the 16:9 deck on Qt's offscreen screen
    renders = [render_slide_image(deck, section, slide, size) for section, slide in deck.slides]

    def closest(number: int) -> bool:
        shot = screenshot(staff, "compare", size[0])
        if shot is None:
            return False
        shot = shot.convertToFormat(renders[0].format())
        distances = [difference(shot, render) for render in renders]
        nearest = min(range(len(distances)), key=distances.__getitem__)
        return nearest == number - 1 and distances[nearest] < LIKE_A_RENDER  # (mid-entrance it is further)

    for number in (3, 1, 4, 2):
        staff.ask(f"goto {number}", kiosk="compare")
        assert staff.wait(lambda: closest(number)), f"the screenshot after goto {number} looks like another slide"
