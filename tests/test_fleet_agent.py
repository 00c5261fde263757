"""The kiosk's fleet agent in this process, on a real player window and a real broker: what a
quitting kiosk says, hot reloads in the status and health, transitions measured."""

import shutil
from pathlib import Path

import pytest

from zzkiosk.deck.loader import load_deck
from zzkiosk.fleet import plain
from zzkiosk.fleet.agent import attach_fleet
from zzkiosk.fleet.settings import MqttSettings
from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard
from zzkiosk.player.window import PlayerWindow

MINI = Path(__file__).parent / "decks" / "mini"


@pytest.fixture
def kiosk(qtbot, tmp_path, mqtt_broker, request):
    """A player window on a copy of the mini deck, with hot reload and the fleet agent
    (`@pytest.mark.parametrize("kiosk", [{"status_interval": 5}], indirect=True)` sets more)."""
    folder = tmp_path / "deck"
    shutil.copytree(MINI, folder)
    window = PlayerWindow(load_deck(folder))
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    reload = attach_hot_reload_and_crash_guard(window, folder / "deck.yaml", preview=True)
    window.slideshow.reload_requested.connect(reload.reload_now)
    window.presentation.start(0)
    extra = getattr(request, "param", {})
    validated = MqttSettings(url=mqtt_broker.url, name="here", groups=["hall-a"], **extra)
    settings = plain.MqttSettings.of(validated)  # what the play command gives the agent
    agent = attach_fleet(window.slideshow, settings, window, reload=reload, overlay=window.stage.overlay)
    yield window, agent, folder
    agent.stop()


def wait_qt(qtbot, condition, timeout=15000):
    """Let Qt run (the agent lives on this thread) until `condition()` holds."""
    qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)


def test_a_quitting_kiosk_says_offline_itself(qtbot, kiosk, staff):
    window, agent, _ = kiosk
    wait_qt(qtbot, lambda: staff.online("here"))
    agent.stop()
    wait_qt(qtbot, lambda: staff.kiosk("here").availability == "offline")


def test_reloads_show_in_status_and_health(qtbot, kiosk, staff):
    window, agent, folder = kiosk
    wait_qt(qtbot, lambda: staff.online("here"))
    first_hash = staff.status("here")["deck"]["hash"]
    section = folder / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("开场白", "开场白（新）"), encoding="utf-8")
    request = staff.client.send("reload", kiosk="here")
    wait_qt(qtbot, lambda: staff.client.replies(request))
    wait_qt(qtbot, lambda: staff.status("here")["deck"]["hash"] != first_hash)
    wait_qt(qtbot, lambda: staff.kiosk("here").health.get("reloads", {}).get("accepted") == 1)
    section.write_text(section.read_text(encoding="utf-8").replace("title: 数字", "titel: 数字"), encoding="utf-8")
    staff.client.send("reload", kiosk="here")
    wait_qt(qtbot, lambda: staff.status("here")["reload"]["refused"])
    errors = staff.status("here")["reload"]["errors"]
    assert any("one.yaml:" in line and "titel" in line for line in errors), errors
    # health is its own message, published after the status: wait for it, do not race it
    wait_qt(qtbot, lambda: staff.kiosk("here").health.get("reloads", {}).get("refused") == 1)
    health = staff.kiosk("here").health
    assert health["reloads"] == {"accepted": 1, "refused": 1} and health["last_reload_errors"]


def test_a_transition_is_measured(qtbot, kiosk, staff):
    window, agent, _ = kiosk
    wait_qt(qtbot, lambda: staff.online("here"))
    assert agent.health.to_dict()["transition_fps"] is None
    staff.client.send("next", kiosk="here")
    wait_qt(qtbot, lambda: window.presentation.index == 1 and not window.presentation.in_transition)
    assert agent.health.to_dict()["transition_fps"] > 0


def imported_after_start(mqtt_url: str | None) -> list[str]:
    """Play the mini deck in a fresh process (with MQTT on `mqtt_url`, or off) and print, a
    second later, whether paho-mqtt and the fleet agent were imported; then quit."""
    import os
    import subprocess
    import sys

    settings = f"MqttSettings(url={mqtt_url!r}, name='probe')" if mqtt_url else "None"
    script = "\n".join([
        "import sys",
        "from PySide6.QtCore import QTimer",
        "from PySide6.QtWidgets import QApplication",
        "from zzkiosk.fleet.settings import MqttSettings",
        "from zzkiosk.app import run_player",
        "app = QApplication([])",
        "def look():",
        "    print('paho.mqtt.client' in sys.modules, 'zzkiosk.fleet.agent' in sys.modules)",
        "    app.quit()",
        "QTimer.singleShot(1000, look)",
        f"print('exit', run_player({str(MINI)!r}, windowed=True, mqtt={settings}))",
    ])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.split()


def test_paho_is_imported_only_when_mqtt_is_on(mqtt_broker):
    assert imported_after_start(None) == ["False", "False", "exit", "0"]
    assert imported_after_start(mqtt_broker.url) == ["True", "True", "exit", "0"]
    mqtt_broker.stop()  # a broker that is down changes nothing for the show, nor for quitting
    assert imported_after_start(mqtt_broker.url) == ["True", "True", "exit", "0"]


@pytest.mark.parametrize("kiosk", [{"status_interval": 5}], indirect=True)
def test_a_still_show_reports_again_every_status_interval(qtbot, kiosk, mqtt_broker):
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    heard = []
    listener = mqtt.Client(CallbackAPIVersion.VERSION2)
    listener.on_message = lambda client, userdata, message: heard.append(message.retain)
    listener.connect("127.0.0.1", mqtt_broker.port)
    listener.subscribe("zzkiosk/here/status")
    listener.loop_start()
    try:
        wait_qt(qtbot, lambda: heard)  # the retained one (or the first one sent)
        wait_qt(qtbot, lambda: len(heard) >= 3, timeout=20000)  # then again, with nothing changed
        assert heard[-1] is False  # a live message, not the retained copy
    finally:
        listener.disconnect()
        listener.loop_stop()


def test_a_skipped_slide_is_counted(qtbot, kiosk, staff):
    window, agent, _ = kiosk
    wait_qt(qtbot, lambda: staff.online("here"))
    window.presentation.skip_slide(RuntimeError("a picture that cannot be drawn"))
    assert agent.health.to_dict()["slides_skipped"] == 1
    staff.client.send("health", kiosk="here")  # (answered by this thread: wait with Qt running)
    wait_qt(qtbot, lambda: staff.kiosk("here").health.get("slides_skipped") == 1)
