"""OSC over UDP with python-osc as the client, status pushed as OSC, and discovery over mDNS
(confined to the loopback interface)."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythonosc.osc_bundle_builder import IMMEDIATELY, OscBundleBuilder
from pythonosc.osc_message import OscMessage
from pythonosc.osc_message_builder import OscMessageBuilder

from zzkiosk.control.commands import CommandError
from zzkiosk.control.osc import command_line


def osc(address: str, *args) -> bytes:
    builder = OscMessageBuilder(address)
    for arg in args:
        builder.add_arg(arg)
    return builder.build().dgram


def ask(qtbot, sock: socket.socket, datagram: bytes) -> OscMessage:
    sock.send(datagram)
    received: list[bytes] = []

    def arrived() -> bool:
        try:
            received.append(sock.recv(65536))
        except BlockingIOError:
            return False
        return True

    qtbot.waitUntil(arrived, timeout=5000)
    return OscMessage(received[0])


@pytest.fixture
def osc_socket():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setblocking(False)
        yield sock


@pytest.mark.parametrize("message, reply", [
    (osc("/zzkiosk/next"), "OK one/counters 2/4"),
    (osc("/zzkiosk/goto", "two/zoomed"), "OK two/zoomed 4/4"),
    (osc("/zzkiosk/goto", 3), "OK two/pushed 3/4"),
    (osc("/zzkiosk/section/next"), "OK two/pushed 3/4"),
    (osc("/zzkiosk/section", "next"), "OK two/pushed 3/4"),
    (osc("/zzkiosk/ping"), "OK one/cover 1/4"),
    (osc("/zzkiosk/goto", 9), "ERR not-found"),
    (osc("/other/next"), "ERR unknown"),
    (osc("/zzkiosk/next", 1.5), "ERR syntax"),
    (b"\x00\x01junk", "ERR syntax"),
])
def test_osc_messages_speak_the_vocabulary(qtbot, control_kiosk, osc_socket, message, reply):
    kiosk = control_kiosk(udp=False, tcp=False, osc=True)
    osc_socket.connect(("127.0.0.1", kiosk.base + 1))
    answer = ask(qtbot, osc_socket, message)
    assert answer.address == "/zzkiosk/reply" and answer.params[0].startswith(reply)
    if reply.startswith("OK"):
        kiosk.settle(qtbot)
        section, slide = reply.split()[1].split("/")
        assert (kiosk.show.state().current.section, kiosk.show.state().current.slide) == (section, slide)


def test_osc_status_and_a_bundle(qtbot, control_kiosk, osc_socket):
    kiosk = control_kiosk(udp=False, tcp=False, osc=True)
    osc_socket.connect(("127.0.0.1", kiosk.base + 1))
    status = json.loads(ask(qtbot, osc_socket, osc("/zzkiosk/status")).params[0])
    assert status["current"]["slide"] == "cover"
    bundle = OscBundleBuilder(IMMEDIATELY)
    bundle.add_content(OscMessageBuilder("/zzkiosk/next").build())
    assert ask(qtbot, osc_socket, bundle.build().dgram).params[0].startswith("ERR syntax")


def test_status_is_pushed_as_osc_on_every_change(qtbot, control_kiosk, osc_socket):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as panel:
        panel.bind(("127.0.0.1", 0))
        panel.setblocking(False)
        kiosk = control_kiosk(udp=False, tcp=False, osc=True, notify_osc=[f"127.0.0.1:{panel.getsockname()[1]}"])
        osc_socket.connect(("127.0.0.1", kiosk.base + 1))
        ask(qtbot, osc_socket, osc("/zzkiosk/goto", "two/zoomed"))
        pushed: list[bytes] = []

        def arrived() -> bool:
            try:
                pushed.append(panel.recv(65536))
            except BlockingIOError:
                return False
            return True

        qtbot.waitUntil(arrived, timeout=5000)
    message = OscMessage(pushed[0])
    assert message.address == "/zzkiosk/status"
    assert message.params[:4] == ["two", "zoomed", 4, 4] and message.params[-1] == "none"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_datagram_is_an_osc_command_or_a_command_error(raw):
    try:
        args, words = command_line(raw)
    except CommandError as error:
        assert error.code in ("syntax", "unknown")
    else:
        assert isinstance(words, str) and all(isinstance(arg, str) for arg in args)


def test_discovery_finds_the_kiosk_on_loopback(qtbot, control_kiosk):
    from zzkiosk.control.discovery import discover

    kiosk = control_kiosk(http=True, discovery=True, name="test-hall-kiosk")
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(discover, 3.0, ["127.0.0.1"])
        qtbot.waitUntil(future.done, timeout=20000)
    found = {kiosk.name: kiosk for kiosk in future.result()}
    assert "test-hall-kiosk" in found, found
    assert found["test-hall-kiosk"].ports == {"udp": kiosk.base, "tcp": kiosk.base, "http": kiosk.base + 2}
    assert "127.0.0.1" in found["test-hall-kiosk"].addresses
