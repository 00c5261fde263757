"""SIGTERM and SIGINT stop a kiosk cleanly (zzkiosk.kiosk.stopping): real kiosk processes on
a real broker (mosquitto on loopback). Guards against a `systemctl stop` that killed the
kiosk, left its `offline` to the broker's last will and lost the position."""

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fixtures_control import free_port
from zzkiosk.control.client import send
from zzkiosk.kiosk.stopping import EXIT_STOP_TIMED_OUT, STOP_BOUND_S, StopSignals

EXIT_WAIT_S = STOP_BOUND_S + 20
"""Bound on a stopped kiosk process ending (its own bound plus a busy machine's start of Python)."""


def _position(kiosk) -> dict:
    """The position the kiosk process saved (its state folder holds only its own)."""
    files = list((kiosk.home / "state").rglob("position-*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))


def _availability(staff) -> dict[str, tuple[str, str]]:
    """Each kiosk's availability and why it is offline, as the staff's client saw them."""
    return {kiosk.name: (kiosk.availability, kiosk.offline_why) for kiosk in staff.client.kiosks()}


def test_sigterm_and_sigint_say_offline_themselves_and_exit_0(mqtt_broker, start_kiosk, staff):
    port = free_port()
    termed = start_kiosk(mqtt_broker.url, "termed", extra=("--control", f"127.0.0.1:{port}"))
    interrupted = start_kiosk(mqtt_broker.url, "interrupted")
    killed = start_kiosk(mqtt_broker.url, "killed")
    assert staff.wait_online("termed", "interrupted", "killed")
    assert staff.ask("goto 3", kiosk="termed") == {"termed": "OK two/pushed 3/4"}
    assert send(f"127.0.0.1:{port}", "status").startswith("{")

    os.kill(termed.process.pid, signal.SIGTERM)
    os.kill(interrupted.process.pid, signal.SIGINT)
    os.kill(killed.process.pid, signal.SIGKILL)
    assert termed.process.wait(timeout=EXIT_WAIT_S) == 0, termed.log
    assert interrupted.process.wait(timeout=EXIT_WAIT_S) == 0, interrupted.log
    killed.process.wait(timeout=EXIT_WAIT_S)

    staff.reconnect()  # what a tool started now sees: the retained availability
    expected = {"termed": ("offline", "stopped"), "interrupted": ("offline", "stopped"),
                "killed": ("offline", "lost")}  # lost: the broker's last will
    assert staff.wait(lambda: _availability(staff) == expected), _availability(staff)
    assert "SIGTERM: stopping as the staff chord does" in termed.log
    assert "SIGINT: stopping as the staff chord does" in interrupted.log
    assert "Traceback" not in termed.log + interrupted.log
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    assert _position(termed)["slide"] == "pushed"


def test_a_stop_that_hangs_ends_the_process_within_its_bound(tmp_path: Path):
    script = textwrap.dedent("""
        import os, signal, sys, time
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from zzkiosk.kiosk.stopping import StopSignals
        app = QApplication([])
        stopper = StopSignals(lambda: time.sleep(600), bound_s=1.0)
        stopper.bind()
        QTimer.singleShot(0, lambda: (print("ready", flush=True), os.kill(os.getpid(), signal.SIGTERM)))
        sys.exit(app.exec())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=EXIT_WAIT_S,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.startswith("ready"), done.stderr
    assert done.returncode == EXIT_STOP_TIMED_OUT, done.stderr
    assert "the stop did not finish within 1 s" in done.stderr


def test_the_stop_runs_on_the_qt_thread_and_the_signals_are_given_back(qtbot):
    stops = []
    before = signal.getsignal(signal.SIGTERM)
    stopper = StopSignals(lambda: stops.append("stop"), bound_s=600)
    stopper.bind()
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: stops == ["stop"], timeout=10_000)
        os.kill(os.getpid(), signal.SIGTERM)  # a second signal while stopping changes nothing
        qtbot.wait(100)
        assert stops == ["stop"]
    finally:
        stopper.unbind()
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.parametrize(("lang", "stopped", "lost"), [("en", "offline (stopped)", "offline (lost: last will)"),
                                                       ("zh", "离线（已正常停止）", "离线（失联：遗嘱消息）")])
def test_the_fleet_table_says_why_a_kiosk_is_offline(lang, stopped, lost):
    from rich.console import Console

    from zzkiosk.fleet.staff import Kiosk
    from zzkiosk.fleet.table import fleet_table
    from zzkiosk.i18n import language, use_language

    before = language()
    use_language(lang)
    try:
        kiosks = [Kiosk("east", "offline", "stopped"), Kiosk("west", "offline", "lost"), Kiosk("old", "offline")]
        console = Console(width=200, record=True)
        console.print(fleet_table(kiosks))
        rows = {line.split()[1]: line for line in console.export_text().splitlines() if line.split()[1:2]
                and line.split()[1] in ("east", "west", "old")}
    finally:
        use_language(before)
    assert stopped in rows["east"] and lost in rows["west"]
    assert stopped not in rows["old"] and lost not in rows["old"]  # a kiosk too old to say why: just offline
