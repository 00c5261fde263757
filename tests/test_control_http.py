"""The control port's HTTP transport (aiohttp on its own thread) and its Server-Sent Events,
driven by a real HTTP client against a real player window."""

from __future__ import annotations

import json
import queue
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest


def call(qtbot, method: str, url: str, body: bytes | None = None) -> tuple[int, dict]:
    """One HTTP request from a worker thread, while Qt keeps running; (status, JSON body)."""

    def request() -> tuple[int, dict]:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            with urllib.request.urlopen(urllib.request.Request(url, body, headers, method=method), timeout=5) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            text = error.read()
            return error.code, json.loads(text) if text.startswith(b"{") else {"text": text.decode()}

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(request)
        qtbot.waitUntil(future.done, timeout=10000)
        return future.result()


def command(qtbot, kiosk, text: str) -> tuple[int, dict]:
    return call(qtbot, "POST", f"http://127.0.0.1:{kiosk.base + 2}/api/command", json.dumps({"command": text}).encode())


@pytest.fixture
def http_kiosk(control_kiosk):
    return control_kiosk(udp=False, tcp=False, http=True)


def test_status_and_list(qtbot, http_kiosk):
    code, status = call(qtbot, "GET", f"http://127.0.0.1:{http_kiosk.base + 2}/api/status")
    assert code == 200 and status["current"]["slide"] == "cover" and status["cover"] == "none"
    code, listed = call(qtbot, "GET", f"http://127.0.0.1:{http_kiosk.base + 2}/api/list")
    assert code == 200 and [s["id"] for s in listed["sections"]] == ["one", "two"]


@pytest.mark.parametrize("text, reply, cover", [
    ("next", "OK one/counters 2/4", "none"),
    ("goto two/zoomed", "OK two/zoomed 4/4", "none"),
    ("goto 3", "OK two/pushed 3/4", "none"),
    ("section next", "OK two/pushed 3/4", "none"),
    ("last", "OK two/zoomed 4/4", "none"),
    ("black", "OK one/cover 1/4", "black"),
    ("white", "OK one/cover 1/4", "white"),
    ("overview", "OK one/cover 1/4", "overview"),
])
def test_commands_reply_as_json_and_the_state_follows(qtbot, http_kiosk, text, reply, cover):
    code, body = command(qtbot, http_kiosk, text)
    assert (code, body) == (200, {"ok": True, "reply": reply})
    http_kiosk.settle(qtbot)
    _, status = call(qtbot, "GET", f"http://127.0.0.1:{http_kiosk.base + 2}/api/status")
    assert status["cover"] == cover and f"{status['current']['section']}/{status['current']['slide']}" == reply.split()[1]


@pytest.mark.parametrize("body, code, error", [
    (b'{"command": "goto 99"}', 404, "not-found"),
    (b'{"command": "jump"}', 400, "unknown"),
    (b'{"cmd": "next"}', 400, "syntax"),
    (b"next", 400, "syntax"),
    (b'{"command": 3}', 400, "syntax"),
    (b"\xff\xfe", 400, "syntax"),
])
def test_bad_commands_get_an_error_status_and_json(qtbot, http_kiosk, body, code, error):
    status, reply = call(qtbot, "POST", f"http://127.0.0.1:{http_kiosk.base + 2}/api/command", body)
    assert status == code and reply["ok"] is False and reply["error"] == error
    assert http_kiosk.show.state().current.number == 1


def test_a_body_over_one_kilobyte_is_refused(qtbot, http_kiosk):
    big = json.dumps({"command": "goto " + "x" * 2000}).encode()
    status, _ = call(qtbot, "POST", f"http://127.0.0.1:{http_kiosk.base + 2}/api/command", big)
    assert status == 413
    assert call(qtbot, "GET", f"http://127.0.0.1:{http_kiosk.base + 2}/api/status")[0] == 200


def test_events_stream_a_status_on_every_change(qtbot, http_kiosk):
    events: queue.Queue = queue.Queue()
    stop = threading.Event()

    def listen() -> None:
        with urllib.request.urlopen(f"http://127.0.0.1:{http_kiosk.base + 2}/api/events", timeout=10) as stream:
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            while not stop.is_set():
                line = stream.readline().decode()
                if line.startswith("data: "):
                    events.put(json.loads(line[6:]))

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: events.qsize() >= 1, timeout=10000)
    assert events.get()["current"]["slide"] == "cover"
    for text, expected in (("goto 3", ("pushed", "none")), ("black", ("pushed", "black")), ("clear", ("pushed", "none"))):
        command(qtbot, http_kiosk, text)
        qtbot.waitUntil(lambda: not events.empty(), timeout=10000)
        seen = []
        while not events.empty() or not seen:
            seen.append(events.get(timeout=5))
        assert (seen[-1]["current"]["slide"], seen[-1]["cover"]) == expected, text
        http_kiosk.settle(qtbot)
    stop.set()
    command(qtbot, http_kiosk, "next")  # one more event lets the reader see `stop`
    thread.join(5)
