"""`zzkiosk fleet` as staff run it (a real process) against real kiosks on a real broker."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).parent.parent


def fleet(*args, timeout=60):
    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "zzkiosk", "fleet", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_send_to_a_group_one_kiosk_and_all(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "a1", groups=("hall-a",))
    start_kiosk(mqtt_broker.url, "b1", groups=("hall-b",))
    assert staff.wait_online("a1", "b1")
    done = fleet("--broker", mqtt_broker.url, "send", "hall-a", "goto", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["a1: OK one/counters 2/4"]
    done = fleet("--broker", mqtt_broker.url, "send", "--kiosk", "b1", "last")
    assert (done.returncode, done.stdout.splitlines()) == (0, ["b1: OK two/zoomed 4/4"])
    done = fleet("--broker", mqtt_broker.url, "send", "all", "ping")
    assert done.returncode == 0 and sorted(done.stdout.splitlines())[0].startswith("a1: OK")
    assert len(done.stdout.splitlines()) == 2
    done = fleet("--broker", mqtt_broker.url, "send", "all", "dance")
    assert done.returncode == 1 and "ERR unknown unknown command 'dance'" in done.stdout


def test_send_to_nobody_and_no_broker_say_so(mqtt_broker):
    done = fleet("--broker", mqtt_broker.url, "--wait", "0.2", "send", "hall-z", "next", "--timeout", "1")
    assert done.returncode == 2 and "no kiosk answered" in done.stderr
    mqtt_broker.stop()
    done = fleet("--broker", mqtt_broker.url, "--once")
    assert done.returncode == 2 and "cannot reach the broker" in done.stderr


def test_screenshot_to_a_file(mqtt_broker, start_kiosk, staff, tmp_path):
    start_kiosk(mqtt_broker.url, "shot")
    assert staff.wait_online("shot")
    out = tmp_path / "shot.png"
    done = fleet("--broker", mqtt_broker.url, "screenshot", "shot", "--out", str(out), "--width", "200")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() == 200
    done = fleet("--broker", mqtt_broker.url, "screenshot", "nobody", "--out", str(out), "--timeout", "1")
    assert done.returncode == 2 and "sent no screenshot" in done.stderr


def test_the_table_marks_a_dead_kiosk_offline(mqtt_broker, start_kiosk, staff):
    start_kiosk(mqtt_broker.url, "alive")
    dead = start_kiosk(mqtt_broker.url, "dead")
    assert staff.wait_online("alive", "dead")
    dead.process.kill()
    assert staff.wait(lambda: staff.kiosk("dead").availability == "offline")
    done = fleet("--broker", mqtt_broker.url, "--once")
    assert done.returncode == 0, done.stderr
    assert "1/2 online" in done.stdout
    rows = {line.split()[1]: line for line in done.stdout.splitlines() if "alive" in line or "dead" in line}
    assert "offline" in rows["dead"] and "online" in rows["alive"] and "1/4 one/cover" in rows["alive"]


def test_a_bad_mqtt_option_stops_the_start_with_a_reason(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    for args, words in ((["--mqtt", "http://127.0.0.1:1883"], "is not a broker URL"),
                        (["--mqtt", "mqtt://127.0.0.1", "--name", "hall a"], "cannot be a name on the broker"),
                        (["--name", "left"], "give --mqtt URL as well")):
        done = subprocess.run([sys.executable, "-m", "zzkiosk", str(ROOT / "tests" / "decks" / "mini"), *args],
                              capture_output=True, text=True, timeout=60, env=env)
        assert done.returncode == 2 and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
