"""The fleet's Qt-free parts: mqtt settings, command payloads, replies, Home Assistant discovery."""

import json

import pytest

from zzkiosk.control.commands import CommandError, parse
from zzkiosk.control.config import ConfigError, load_config
from zzkiosk.fleet.homeassistant import BUTTONS, discovery_messages
from zzkiosk.fleet.settings import MqttSettings, combine, parse_broker_url
from zzkiosk.fleet.topics import MAX_PAYLOAD_BYTES, Topics, read_request, reply_json


def test_plain_and_json_commands_are_read():
    assert read_request(b"next").line == "next"
    assert read_request(b"goto 3\n").line == "goto 3\n"
    request = read_request(b'{"command": "goto 2/1", "id": "abc"}')
    assert (request.line, request.id) == ("goto 2/1", "abc")
    assert read_request('{"command": "下一页", "id": 7}'.encode()).id == "7"


def test_screenshot_width_from_text_or_json():
    assert read_request(b"screenshot").width == 640
    assert read_request(b"screenshot 320").width == 320
    assert read_request(b'{"command": "screenshot", "width": 200}').width == 200
    for bad in (b"screenshot 0", b"screenshot 99999", b"screenshot wide", b"screenshot 1 2",
                b'{"command": "screenshot", "width": true}', b'{"command": "screenshot", "width": 1.5}'):
        with pytest.raises(CommandError, match="width|screenshot"):
            read_request(bad)


@pytest.mark.parametrize("payload, code", [
    (b"\xff\xfe\x00binary", "encoding"),
    (bytes(range(256)), "encoding"),
    (b"next " + b"x" * 2000, "too-long"),
    (b"{" + b" " * MAX_PAYLOAD_BYTES + b"}", "too-long"),
    (b'{"command": "next"', "json"),
    (b'{"command": 3}', "json"),
    (b'{"command": "next", "id": {"a": 1}}', "json"),
    (b'{"command": "next", "id": "' + b"i" * 200 + b'"}', "json"),
    (b'{"command": "next", "rm": "-rf"}', "json"),
    (b'{"command": "next", "id": "a"}' + b"\xff", "encoding"),
    (('{"command": "' + "x" * 1100 + '"}').encode(), "too-long"),
])
def test_malformed_payloads_are_refused_with_a_code(payload, code):
    with pytest.raises(CommandError) as raised:
        read_request(payload)
    assert raised.value.code == code


def test_the_words_are_the_control_ports():
    """MQTT parses nothing itself: an unknown word is refused by the control vocabulary's parser."""
    request = read_request(b"dance")
    with pytest.raises(CommandError, match="unknown command 'dance'"):
        parse(request.line)


def test_reply_names_the_kiosk_and_the_id():
    data = json.loads(reply_json("hall-a-left", "abc", "ERR unknown no such thing"))
    assert data == {"kiosk": "hall-a-left", "id": "abc", "ok": False, "reply": "ERR unknown no such thing"}


def test_topics_of_a_kiosk():
    topics = Topics("left", ("hall-a", "floor-2"))
    assert topics.status == "zzkiosk/left/status"
    assert topics.subscriptions == ["zzkiosk/left/command", "zzkiosk/all/command",
                                    "zzkiosk/group/hall-a/command", "zzkiosk/group/floor-2/command"]


def test_broker_urls():
    assert parse_broker_url("mqtt://127.0.0.1") == ("127.0.0.1", 1883)
    assert parse_broker_url("mqtts://broker.lan:9000") == ("broker.lan", 9000)
    for bad in ("http://x", "127.0.0.1:1883", "mqtt://", "mqtt://h:99999", "mqtt://h/path"):
        with pytest.raises(ValueError):
            parse_broker_url(bad)


def test_command_line_over_the_file():
    file = MqttSettings(url="mqtt://10.0.0.2", name="left", groups=["hall-a"], username="u", password="p")
    chosen = combine(file, "mqtt://127.0.0.1:1999", "right")
    assert (chosen.host, chosen.port, chosen.name, chosen.groups, chosen.username) == \
        ("127.0.0.1", 1999, "right", ["hall-a"], "u")
    assert combine(None, None, None) is None
    assert combine(None, "mqtt://127.0.0.1", "k1").name == "k1"
    with pytest.raises(ValueError, match="--mqtt"):
        combine(None, None, "k1")
    with pytest.raises(ValueError, match="all"):
        combine(None, "mqtt://127.0.0.1", "all")
    with pytest.raises(ValueError):
        combine(None, "mqtt://127.0.0.1", "hall/a")


def test_config_file_mqtt_section_errors_name_line_and_column(tmp_path):
    file = tmp_path / "config.yaml"
    file.write_text("mqtt:\n  url: mqtt://127.0.0.1:1883\n  name: hall-a-left\n  groups: [hall-a, 'hall b']\n"
                    "  colour: red\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(file)
    text = str(raised.value)
    assert f"{file}:4:20: 'hall b' cannot be a name on the broker" in text
    assert f"{file}:5:3" in text and "colour" in text
    file.write_text("mqtt:\n  url: http://127.0.0.1:1883\n  name: all\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(file)
    assert f"{file}:2:8: 'http://127.0.0.1:1883' is not a broker URL" in str(raised.value)
    assert f"{file}:3:9: 'all' is a word the fleet's topics use" in str(raised.value)
    file.write_text("mqtt:\n  url: mqtt://127.0.0.1:1883\n  name: hall-a-left\n  groups: [hall-a]\n", encoding="utf-8")
    settings = load_config(file).mqtt
    assert (settings.port, settings.name, settings.groups) == (1883, "hall-a-left", ["hall-a"])


def test_home_assistant_discovery():
    messages = dict(discovery_messages(Topics("left", ("hall-a",))))
    camera = json.loads(messages["homeassistant/camera/zzkiosk_left/screen/config"])
    assert camera["topic"] == "zzkiosk/left/screenshot"
    assert camera["availability_topic"] == "zzkiosk/left/availability"
    for word, _, _ in BUTTONS:
        button = json.loads(messages[f"homeassistant/button/zzkiosk_left/{word}/config"])
        assert (button["command_topic"], button["payload_press"]) == ("zzkiosk/left/command", word)
        read_request(button["payload_press"].encode())  # every button sends a command the kiosk reads
    ids = [json.loads(config)["unique_id"] for config in messages.values()]
    assert len(ids) == len(set(ids))
