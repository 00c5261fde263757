"""The machine's settings kept between starts (zzkiosk.control.settings_cache; docs/architecture.md,
"The settings cache"): the twins are the models' fields and defaults, a restart reads what a
full validation gives, and a damaged cache or an edited config.yaml means a full validation."""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures_control import free_port
from zzkiosk.cachefile import cache_bytes
from zzkiosk.cli import machine_settings
from zzkiosk.control import config, plain
from zzkiosk.control.cli import control_settings
from zzkiosk.control.settings_cache import FORMAT, SettingsCache
from zzkiosk.fleet import plain as fleet_plain
from zzkiosk.fleet import settings as fleet_settings

ROOT = Path(__file__).resolve().parent.parent
HIT = "settings read from their cache"
REFUSED = "settings cache"

CONFIGS = {
    "control on the network": """\
control:
  listen: 0.0.0.0
  udp: 7450
  tcp: 7450
  osc: 7451
  http: 7452
  allow: [192.168.10.0/24, 10.1.2.3]
  token: "hall-secret-2026"
  notify: [192.168.10.5:7460]
  notify_osc: [192.168.10.6:9000]
  discovery: true
  name: hall-a-left
  max_clients: 4
  rate: 2.5
  idle_timeout: 60
""",
    "mqtt only": """\
mqtt:
  url: mqtts://broker.lan:9000
  groups: [hall-a, entrance]
  username: kiosk
  password: "p@ss word"
  status_interval: 10
  homeassistant: false
""",
    "both, defaults": "control:\n  udp: 7450\nmqtt:\n  url: mqtt://127.0.0.1\n",
    "control without a port": "control:\n  allow: [10.0.0.0/8]\n  token: abcdefgh\n",
    "no file": None,
}
COMMAND_LINES = {"none": (None, None, None), "--control": ("127.0.0.1:7460", None, None),
                 "--mqtt --name": (None, "mqtt://127.0.0.1:1884", "left-1")}


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A config folder and a cache folder of their own; returns the config.yaml path."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "config" / "zzkiosk" / "config.yaml"
    path.parent.mkdir(parents=True)
    return path


def start(control=None, mqtt=None, name=None):
    """What the play command starts with: (control, mqtt) or the exit code."""
    return machine_settings(argparse.Namespace(control=control, mqtt=mqtt, name=name))


def validated_in_full(control=None, mqtt=None, name=None):
    """The models a full validation gives (no cache involved)."""
    return control_settings(control), fleet_settings.settings_for_play(mqtt, name)


def started_twice(caplog, **options):
    """(first start, second start); asserts the first validated and the second read the cache."""
    with caplog.at_level(logging.INFO):
        first = start(**options)
        assert HIT not in caplog.text, "the first start validates"
        caplog.clear()
        again = start(**options)
    assert HIT in caplog.text, "the second start reads the cache"
    return first, again


def model_defaults(model) -> dict:
    return {name: field.default_factory() if field.default_factory else field.default
            for name, field in model.model_fields.items() if not field.is_required()}


def twin_defaults(twin) -> dict:
    made = twin(**{name: "x" for name in twin._fields if not hasattr(twin, name) and name not in twin._factories})
    return {name: getattr(made, name) for name in twin._fields if hasattr(twin, name) or name in twin._factories}


@pytest.mark.parametrize(("model", "twin"), [(config.ControlSettings, plain.ControlSettings),
                                             (fleet_settings.MqttSettings, fleet_plain.MqttSettings)])
def test_each_twin_has_its_models_fields_in_order_and_defaults(model, twin):
    assert twin.__name__ == model.__name__
    assert twin._fields == tuple(model.model_fields)
    assert twin_defaults(twin) == model_defaults(model)
    assert {name for name in twin._fields if not hasattr(twin, name) and name not in twin._factories} \
        == {name for name, field in model.model_fields.items() if field.is_required()}


@pytest.mark.parametrize("command_line", COMMAND_LINES.values(), ids=COMMAND_LINES)
@pytest.mark.parametrize("text", CONFIGS.values(), ids=CONFIGS)
def test_a_restart_reads_the_settings_a_full_validation_gives(home, caplog, text, command_line):
    if text is not None:
        home.write_text(text, encoding="utf-8")
    options = dict(zip(("control", "mqtt", "name"), command_line, strict=True))
    if text is None and command_line == (None, None, None):
        assert start(**options) == (None, None)  # nothing on: no cache either
        return
    first, again = started_twice(caplog, **options)
    assert again == first
    for twin, model in zip(again, validated_in_full(**options), strict=True):
        assert (twin is None) == (model is None)
        if model is not None:
            assert type(twin).__module__.endswith(".plain") and vars(twin) == dict(model)
            assert (twin.any_port, twin.token_required) == (model.any_port, model.token_required) \
                if hasattr(model, "any_port") else (twin.host, twin.port, twin.use_tls) == (model.host, model.port,
                                                                                             model.use_tls)


def test_the_default_kiosk_name_follows_the_host_name(home, caplog, monkeypatch):
    home.write_text("mqtt:\n  url: mqtt://127.0.0.1\n", encoding="utf-8")
    first, _ = started_twice(caplog)
    monkeypatch.setattr("socket.gethostname", lambda: "another-host")
    _, mqtt = start()
    assert first[1].name != "another-host" and mqtt.name == "another-host"


def _damaged(data: bytes, how: str) -> bytes:
    """The cache file's bytes `data` damaged in one way."""
    header_end = data.index(b"\n", len(FORMAT) + 65)
    header = json.loads(data[len(FORMAT) + 65:header_end])
    if how == "a byte flipped":
        return data[:-20] + bytes([data[-20] ^ 0x40]) + data[-19:]
    if how == "cut short":
        return data[:len(data) // 2]
    if how == "garbage":
        return os.urandom(300)
    if how == "a deck cache in its place":
        return b"zzkiosk deck cache 2\n" + data[len(FORMAT):]
    if how == "another zzkiosk version":
        return cache_bytes(FORMAT, {**header, "key": {**header["key"], "zzkiosk": "0.0.0"}}, (None, None))
    if how == "a payload naming os.system":
        return cache_bytes(FORMAT, header, os.system)
    if how == "a payload of another shape":
        return cache_bytes(FORMAT, header, (None, None, None))
    assert how == "a twin missing a field"
    twin = plain.ControlSettings(udp=1)
    vars(twin).pop("udp")
    return cache_bytes(FORMAT, header, (twin, None))


@pytest.mark.parametrize("how", ["a byte flipped", "cut short", "garbage", "a deck cache in its place",
                                 "another zzkiosk version", "a payload naming os.system",
                                 "a payload of another shape", "a twin missing a field"])
def test_a_damaged_cache_is_refused_and_the_file_validated(home, caplog, how):
    home.write_text(CONFIGS["control on the network"], encoding="utf-8")
    first, _ = started_twice(caplog)
    cache = SettingsCache(home, None, None, None).file
    cache.write_bytes(_damaged(cache.read_bytes(), how))
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert start() == first
    assert REFUSED in caplog.text and "refused" in caplog.text and HIT not in caplog.text
    [refusal] = [record for record in caplog.records if "refused" in record.getMessage()]
    routine = how == "another zzkiosk version"  # after an upgrade: news for IT, not a warning
    assert refusal.levelno == (logging.INFO if routine else logging.WARNING)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert start() == first
    assert HIT in caplog.text, "written again, and read"


def test_an_edited_config_is_validated_again_and_a_broken_edit_stops_the_start(home, caplog, capsys):
    home.write_text("control:\n  udp: 7450\n", encoding="utf-8")
    started_twice(caplog)
    home.write_text("control:\n  udp: 7460\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        control, _ = start()
    assert control.udp == 7460 and "config.yaml changed since the last start" in caplog.text
    home.write_text("control:\n  udp: 7460\n  alow: [10.0.0.0/8]\n", encoding="utf-8")
    capsys.readouterr()
    assert start() == 2
    assert "config.yaml:3:3: unknown key 'alow': did you mean 'allow'?" in capsys.readouterr().err
    assert start() == 2, "a refused file is never cached"
    home.write_text("control:\n  udp: 7470\n  allow: [10.0.0.0/8]\n", encoding="utf-8")
    control, _ = start()
    assert (control.udp, control.allow) == (7470, ["10.0.0.0/8"])


def test_an_unwritable_cache_folder_leaves_the_settings_as_validated(home, caplog, monkeypatch, tmp_path):
    (tmp_path / "not a folder").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not a folder"))
    home.write_text("control:\n  tcp: 7450\n", encoding="utf-8")
    with caplog.at_level(logging.INFO):
        control, mqtt = start()
        assert (control.tcp, mqtt) == (7450, None)
        assert "cannot be written" in caplog.text
        assert start() == (control, mqtt)


def _kiosk(tmp_path: Path, *options: str, lang: str = "en") -> tuple[subprocess.CompletedProcess, list[str]]:
    """A real player process (offscreen, ended by the start-up probe after the first paint):
    (the process, the pydantic and yaml modules it had imported at its end)."""
    run = ("import runpy, sys\n"
           "try:\n    runpy.run_module('zzkiosk', run_name='__main__')\n"
           "except SystemExit as end:\n    code = end.code\n"
           "print(code, *sorted(name for name in sys.modules if name.split('.')[0] in ('pydantic', 'yaml')))\n")
    env = os.environ | {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "ZZKIOSK_BENCH_PROBE": "startup",
                        "ZZKIOSK_BENCH_OUT": str(tmp_path / "report.json"), "ZZKIOSK_LANG": lang,
                        **{name: str(tmp_path / name) for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")}}
    done = subprocess.run([sys.executable, "-c", run, "--windowed", *options, str(ROOT / "tests" / "decks" / "mini")],
                          env=env, capture_output=True, text=True, timeout=120)
    return done, done.stdout.split()[1:]


def test_a_restarted_hall_kiosk_imports_neither_pydantic_nor_yaml(tmp_path):
    """Two real kiosks with config.yaml (control port and broker) and --control: the first
    validates and caches the deck and the settings, the second starts from both caches.
    Then a broken edit of config.yaml stops the next start with its line, in Chinese."""
    config = tmp_path / "XDG_CONFIG_HOME" / "zzkiosk" / "config.yaml"
    config.parent.mkdir(parents=True)
    port = free_port()
    config.write_text(f"control:\n  http: {port}\nmqtt:\n  url: mqtt://127.0.0.1:1\n", encoding="utf-8")
    control = ("--control", f"127.0.0.1:{free_port()}")
    first, heavy = _kiosk(tmp_path, *control)
    assert first.stdout.split()[0] == "0" and "pydantic" in heavy, first.stderr[-2000:]
    again, heavy = _kiosk(tmp_path, *control)
    assert again.stdout.split()[0] == "0" and HIT in again.stderr, again.stderr[-2000:]
    assert heavy == [], heavy
    config.write_text(f"control:\n  http: {port}\n  udp: 70000\n", encoding="utf-8")
    broken, _ = _kiosk(tmp_path, *control, lang="zh")
    assert broken.stdout.split()[0] == "2" and "config.yaml:3:8: " in broken.stderr, broken.stderr[-2000:]
    assert "65535" in broken.stderr and any("\u4e00" <= char <= "\u9fff" for char in broken.stderr)
