"""The per-machine config.yaml: read like a deck (file:line:col), combined with --control, schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from zzkiosk.cli import main
from zzkiosk.control.cli import control_settings
from zzkiosk.control.config import (
    ConfigError, ControlSettings, combine, config_file, config_schema, load_config, parse_host_port,
)

EXAMPLE = """\
control:
  listen: 0.0.0.0          # default 127.0.0.1
  udp: 7450
  tcp: 7450
  osc: 7451
  http: 7452
  allow: [192.168.10.0/24]
  token: "hall-secret-2026"
  notify: [192.168.10.5:7460]
"""
DOCS = Path(__file__).resolve().parent.parent / "docs"


def write(folder: Path, text: str) -> Path:
    path = folder / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    return [str(problem) for problem in refused.value.problems]


def test_the_issue_example_loads(tmp_path):
    control = load_config(write(tmp_path, EXAMPLE)).control
    assert (control.listen, control.udp, control.tcp, control.osc, control.http) == ("0.0.0.0", 7450, 7450, 7451, 7452)
    assert control.allow == ["192.168.10.0/24"] and control.notify == ["192.168.10.5:7460"]
    assert control.token_required


def test_a_missing_file_means_control_is_off(tmp_path):
    assert load_config(tmp_path / "absent.yaml").control is None
    assert combine(None, None) is None


def test_the_config_file_lives_in_the_platform_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_file() == tmp_path / "zzkiosk" / "config.yaml"


@pytest.mark.parametrize("text, expected", [
    ("control:\n  udp: 70000\n", "config.yaml:2:8: 'udp'"),
    ("control:\n  udp: seven\n", "config.yaml:2:8: 'udp' should be a whole number"),
    ("control:\n  lisen: 0.0.0.0\n", "config.yaml:2:3: unknown key 'lisen': did you mean 'listen'?"),
    ("control:\n  listen: kiosk.local\n", "config.yaml:2:11: 'listen' must be an IP address"),
    ("control:\n  allow: [10.0.0.0/8, everyone]\n", "config.yaml:2:10: 'everyone' in allow is not an address"),
    ("control:\n  notify: [192.168.1.5]\n", "config.yaml:2:11: '192.168.1.5' names no port"),
    ("control:\n  notify: [panel.local:7460]\n", "config.yaml:2:11: 'panel.local:7460': give the controller's IP address"),
    ("control:\n  token: short\n", "config.yaml:2:10: 'token'"),
    ("control:\n  listen: 0.0.0.0\n  udp: 7450\n", "config.yaml:2:3: listen 0.0.0.0 reaches the network: set a token"),
    ("control:\n  udp: 7450\n\tallow: []\n", "config.yaml:3:1: a tab in the indentation"),
    ("control: &a\n  udp: 7450\n", "config.yaml:1:10: anchor &a"),
])
def test_mistakes_are_named_with_file_line_and_column(tmp_path, text, expected):
    found = problems(write(tmp_path, text))
    assert any(expected in problem for problem in found), found


def test_command_line_address_and_ports_win_and_the_files_allow_token_notify_stay():
    from_file = ControlSettings(listen="0.0.0.0", udp=9000, http=9002, allow=["192.168.10.0/24"],
                                token="hall-secret-2026", notify=["192.168.10.5:7460"])
    chosen = combine(from_file, "127.0.0.1:7460")
    assert (chosen.listen, chosen.udp, chosen.tcp, chosen.osc, chosen.http) == ("127.0.0.1", 7460, 7460, 7461, 7462)
    assert chosen.allow == ["192.168.10.0/24"] and chosen.token == "hall-secret-2026"
    assert chosen.notify == ["192.168.10.5:7460"]
    assert combine(None, "127.0.0.1").udp == 7450
    assert combine(None, "127.0.0.1:7450").allow == ["127.0.0.1"]


def test_command_line_beyond_loopback_needs_the_files_token():
    with pytest.raises(ValidationError, match="set a token"):
        combine(None, "0.0.0.0:7450")
    with pytest.raises(ValueError, match="too high"):
        combine(None, "127.0.0.1:65535")


def test_control_settings_for_play_reads_the_machines_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert control_settings(None) is None
    (tmp_path / "zzkiosk").mkdir()
    (tmp_path / "zzkiosk" / "config.yaml").write_text("control:\n  allow: [10.1.0.0/16]\n", encoding="utf-8")
    assert control_settings(None) is None  # no port: still off
    assert control_settings("127.0.0.1:7470").allow == ["10.1.0.0/16"]
    with pytest.raises(ValueError, match="set a token"):
        control_settings("0.0.0.0:7470")
    (tmp_path / "zzkiosk" / "config.yaml").write_text("control:\n  udp: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"config.yaml:2:8"):
        control_settings("127.0.0.1:7470")


@pytest.mark.parametrize("text, expected", [
    ("10.0.0.1:80", ("10.0.0.1", 80)), ("10.0.0.1", ("10.0.0.1", 7450)), ("[::1]:90", ("::1", 90)),
])
def test_host_port(text, expected):
    assert parse_host_port(text, default_port=7450) == expected


def test_the_schema_accepts_the_example_and_refuses_unknown_keys(capsys):
    schema = config_schema()
    jsonschema.validate(yaml.safe_load(EXAMPLE), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"control": {"lisen": "0.0.0.0"}}, schema)
    assert "Shared secret" in schema["$defs"]["ControlSettings"]["properties"]["token"]["description"]
    assert main(["schema", "config"]) == 0
    assert json.loads(capsys.readouterr().out) == schema


def test_the_committed_schema_is_current():
    committed = json.loads((DOCS / "config.schema.json").read_text(encoding="utf-8"))
    assert committed == config_schema(), "regenerate with: zzkiosk schema config > docs/config.schema.json"
