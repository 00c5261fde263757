"""The real kiosk process (`zzkiosk --control`) driven over every transport by real clients:
offscreen as a preview window, and fullscreen in kiosk mode under Xvfb."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fixtures_control import MINI_DECK, free_port
from pythonosc.osc_message import OscMessage
from pythonosc.osc_message_builder import OscMessageBuilder

from zzkiosk.bench.processes import xvfb
from zzkiosk.control.client import ControlUnreachable, send

START_TIMEOUT_S = 60


def start_kiosk(home: Path, port: int, display: str | None, *args: str, config: str = "") -> subprocess.Popen:
    """A kiosk process on the mini deck with --control 127.0.0.1:`port`, its own folders."""
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display) if display else env.update(QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_RUNTIME_DIR", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(home)
    if config:
        (home / "zzkiosk").mkdir(parents=True, exist_ok=True)
        (home / "zzkiosk" / "config.yaml").write_text(config, encoding="utf-8")
    command = [sys.executable, "-m", "zzkiosk", str(MINI_DECK), "--control", f"127.0.0.1:{port}", *args]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            send(f"127.0.0.1:{port}", "ping", timeout=1)
            socket.create_connection(("127.0.0.1", port + 2), timeout=1).close()  # HTTP starts on its own thread
            return process
        except (ControlUnreachable, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the kiosk did not open its control port: {process.communicate()[0][-2000:]}")
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        return process.communicate(timeout=20)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0]


def settled(port: int, slide: str) -> dict:
    """The status once the kiosk shows `slide` (commands may arrive mid-transition)."""
    deadline = time.monotonic() + 10
    while True:
        status = json.loads(send(f"127.0.0.1:{port}", "status"))
        if status["current"]["slide"] == slide:
            return status
        if time.monotonic() > deadline:
            pytest.fail(f"the kiosk never showed {slide}: {status}")
        time.sleep(0.05)


def osc_ask(port: int, address: str, *args) -> str:
    builder = OscMessageBuilder(address)
    for arg in args:
        builder.add_arg(arg)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(5)
        sock.sendto(builder.build().dgram, ("127.0.0.1", port))
        return OscMessage(sock.recv(65536)).params[0]


def http_command(port: int, text: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/command", json.dumps({"command": text}).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as reply:
        return json.loads(reply.read())


def drive_every_transport(port: int, panel: socket.socket) -> None:
    # A command that arrives while a transition or entrance runs is queued by the show: its
    # reply names where the show is at that moment, and the status soon names the target.
    assert send(f"127.0.0.1:{port}", "next") == "OK one/counters 2/4"
    assert settled(port, "counters")["next"]["slide"] == "pushed"
    assert send(f"127.0.0.1:{port}", "goto two/zoomed", udp=True).startswith("OK ")
    assert settled(port, "zoomed")["current"]["number"] == 4
    assert osc_ask(port + 1, "/zzkiosk/goto", 3).startswith("OK ")
    assert settled(port, "pushed")["current"]["number"] == 3
    assert http_command(port + 2, "black")["ok"]
    assert settled(port, "pushed")["cover"] == "black"
    assert send(f"127.0.0.1:{port}", "clear") == "OK two/pushed 3/4"
    assert settled(port, "pushed")["cover"] == "none"
    with urllib.request.urlopen(f"http://127.0.0.1:{port + 2}/api/list", timeout=5) as reply:
        assert len(json.loads(reply.read())["sections"]) == 2
    pushed = [json.loads(panel.recv(65536)) for _ in range(3)]  # the first slide's status may come first
    assert {"cover", "counters", "zoomed", "pushed"} >= {status["current"]["slide"] for status in pushed}


@pytest.fixture
def panel():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(5)
        yield sock


def test_a_preview_kiosk_offscreen_is_driven_over_every_transport(tmp_path, panel):
    port = free_port()
    config = f"control:\n  notify: ['127.0.0.1:{panel.getsockname()[1]}']\n"
    process = start_kiosk(tmp_path, port, None, "--windowed", config=config)
    try:
        drive_every_transport(port, panel)
    finally:
        output = stop(process)
    assert "control: goto two/zoomed from udp 127.0.0.1:" in output


def test_a_fullscreen_kiosk_under_xvfb_is_driven_over_every_transport(tmp_path, panel):
    with xvfb((1280, 720)) as display:
        if display is None:
            pytest.skip("Xvfb is not installed")
        port = free_port()
        config = f"control:\n  notify: ['127.0.0.1:{panel.getsockname()[1]}']\n"
        process = start_kiosk(tmp_path, port, display, "--no-autoplay", config=config)
        try:
            drive_every_transport(port, panel)
        finally:
            stop(process)


def test_a_bad_config_file_stops_the_start_with_file_line_column(tmp_path):
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    (tmp_path / "zzkiosk").mkdir()
    (tmp_path / "zzkiosk" / "config.yaml").write_text("control:\n  alow: [10.0.0.0/8]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "zzkiosk", str(MINI_DECK), "--windowed", "--control", "127.0.0.1:7450"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "config.yaml:2:3: unknown key 'alow': did you mean 'allow'?" in done.stderr
