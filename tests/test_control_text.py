"""The control port's UDP and TCP text transports, driving a real player window from real sockets."""

from __future__ import annotations

import json
import socket

import pytest
from fixtures_control import exchange

# (command, reply, status fields after it) on the mini deck: one/cover, one/counters, two/pushed, two/zoomed
SCRIPT = [
    ("ping", "OK one/cover 1/4", {}),
    ("next", "OK one/counters 2/4", {"next": "pushed"}),
    ("prev", "OK one/cover 1/4", {}),
    ("last", "OK two/zoomed 4/4", {"next": "cover"}),  # the mini deck loops
    ("first", "OK one/cover 1/4", {}),
    ("goto 3", "OK two/pushed 3/4", {}),
    ("GOTO one/2", "OK one/counters 2/4", {}),
    ("goto two/zoomed", "OK two/zoomed 4/4", {}),
    ("goto 1/", "OK one/cover 1/4", {}),
    ("section next", "OK two/pushed 3/4", {}),
    ("section prev", "OK one/cover 1/4", {}),
    ("section two", "OK two/pushed 3/4", {}),
    ("black", "OK two/pushed 3/4", {"cover": "black"}),
    ("clear", "OK two/pushed 3/4", {"cover": "none"}),
    ("white", "OK two/pushed 3/4", {"cover": "white"}),
    ("next", "OK two/pushed 3/4", {"cover": "none"}),  # a cover takes the next command away
    ("overview", "OK two/pushed 3/4", {"cover": "overview"}),
    ("clear", "OK two/pushed 3/4", {"cover": "none"}),
    ("pause", "OK two/pushed 3/4", {"autoplay": "paused"}),
    ("play", "OK two/pushed 3/4", {"autoplay": "playing"}),
    ("home", "OK one/cover 1/4", {}),
]


def status(qtbot, sock) -> dict:
    [line] = exchange(qtbot, sock, b"status\r\n")
    return json.loads(line)


def test_tcp_runs_every_command_and_status_follows(qtbot, control_kiosk):
    kiosk = control_kiosk()
    kiosk.window.enable_autoplay()
    with socket.create_connection(("127.0.0.1", kiosk.base)) as sock:
        for command, reply, expected in SCRIPT:
            assert exchange(qtbot, sock, command.encode() + b"\r\n") == [reply], command
            kiosk.settle(qtbot)
            now = status(qtbot, sock)
            section, slide = reply.split()[1].split("/")
            assert (now["current"]["section"], now["current"]["slide"]) == (section, slide), command
            state = kiosk.show.state()
            assert now["cover"] == state.cover and now["autoplay"] == state.autoplay
            for key, value in expected.items():
                assert (now[key]["slide"] if key == "next" else now[key]) == value, command


def test_status_and_list_are_one_line_of_json(qtbot, control_kiosk):
    kiosk = control_kiosk()
    with socket.create_connection(("127.0.0.1", kiosk.base)) as sock:
        now = status(qtbot, sock)
        [listed] = exchange(qtbot, sock, b"list\n")
    assert now["deck_title"] == "小样演示" and now["total"] == 4 and now["current"]["title"] == "小样演示"
    assert now["current"]["section_title"] == "第一部分" and now["next"]["slide"] == "counters"
    assert now["version"] and now["uptime"] >= 0 and now["cover"] == "none"
    sections = json.loads(listed)["sections"]
    assert [(s["id"], [slide["id"] for slide in s["slides"]]) for s in sections] == [
        ("one", ["cover", "counters"]), ("two", ["pushed", "zoomed"])]


def test_reload_asks_the_show_to_reload(qtbot, control_kiosk):
    kiosk = control_kiosk()
    with socket.create_connection(("127.0.0.1", kiosk.base)) as sock, qtbot.waitSignal(kiosk.show.reload_requested):
        assert exchange(qtbot, sock, b"reload\n") == ["OK one/cover 1/4"]


@pytest.mark.parametrize("line, code", [
    (b"goto 9", "not-found"), (b"goto nowhere", "not-found"), (b"goto one/7", "not-found"),
    (b"jump", "unknown"), (b"next now", "syntax"), (b"\xff\xfe", "encoding"),
])
def test_mistakes_get_one_error_line_and_the_connection_stays(qtbot, control_kiosk, line, code):
    kiosk = control_kiosk()
    with socket.create_connection(("127.0.0.1", kiosk.base)) as sock:
        [reply] = exchange(qtbot, sock, line + b"\r\n")
        assert reply.startswith(f"ERR {code} ")
        assert exchange(qtbot, sock, b"ping\n") == ["OK one/cover 1/4"]


def test_tcp_takes_many_commands_in_one_packet_with_any_line_ending(qtbot, control_kiosk):
    kiosk = control_kiosk()
    with socket.create_connection(("127.0.0.1", kiosk.base)) as sock:
        replies = exchange(qtbot, sock, b"ping\rping\nPing\r\nping\r\n", lines=4)
    assert replies == ["OK one/cover 1/4"] * 4


def test_udp_answers_each_datagram_with_or_without_an_ending(qtbot, control_kiosk):
    kiosk = control_kiosk()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("127.0.0.1", kiosk.base))
        assert exchange(qtbot, sock, b"next") == ["OK one/counters 2/4"]
        kiosk.settle(qtbot)
        assert exchange(qtbot, sock, b"prev\r\n") == ["OK one/cover 1/4"]
        kiosk.settle(qtbot)
        assert json.loads(exchange(qtbot, sock, b"status")[0])["current"]["slide"] == "cover"
        assert exchange(qtbot, sock, b"x" * 1500)[0].startswith("ERR too-long")
        assert kiosk.show.state().current.slide == "cover"


def test_udp_notify_pushes_a_status_line_on_every_change(qtbot, control_kiosk):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as panel:
        panel.bind(("127.0.0.1", 0))
        kiosk = control_kiosk(tcp=False, notify=[f"127.0.0.1:{panel.getsockname()[1]}"])
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as controller:
            controller.connect(("127.0.0.1", kiosk.base))
            exchange(qtbot, controller, b"goto 3")
            pushed = json.loads(exchange(qtbot, panel, b"")[0])
            assert pushed["current"]["slide"] == "pushed"
            kiosk.settle(qtbot)
            exchange(qtbot, controller, b"black")
            pushed = json.loads(exchange(qtbot, panel, b"")[0])
            assert pushed["cover"] == "black" and pushed["current"]["slide"] == "pushed"


def test_the_log_records_each_accepted_command_with_its_source(qtbot, control_kiosk, caplog):
    kiosk = control_kiosk()
    with caplog.at_level("INFO", logger="zzkiosk.control"), socket.create_connection(("127.0.0.1", kiosk.base)) as sock:
        exchange(qtbot, sock, b"goto 2\n")
    assert any(record.getMessage().startswith("control: goto 2 from tcp 127.0.0.1:") for record in caplog.records)


def test_the_client_prints_the_reply(qtbot, control_kiosk):
    from concurrent.futures import ThreadPoolExecutor

    from zzkiosk.control.client import send

    kiosk = control_kiosk()
    with ThreadPoolExecutor(1) as pool:  # the client blocks; Qt must keep running meanwhile
        for udp in (False, True):
            future = pool.submit(send, f"127.0.0.1:{kiosk.base}", "goto 4", udp=udp)
            qtbot.waitUntil(future.done, timeout=5000)
            assert future.result() == "OK two/zoomed 4/4"
            kiosk.settle(qtbot)


def test_zzkiosk_control_prints_the_reply_and_exits_by_it(qtbot, control_kiosk, capsys):
    from concurrent.futures import ThreadPoolExecutor

    from zzkiosk.cli import main

    kiosk = control_kiosk()
    target = f"127.0.0.1:{kiosk.base}"
    with ThreadPoolExecutor(1) as pool:
        for argv, code, printed in ((["control", target, "goto", "3"], 0, "OK two/pushed 3/4"),
                                    (["control", target, "--udp", "goto", "nowhere"], 1, "ERR not-found")):
            future = pool.submit(main, argv)
            qtbot.waitUntil(future.done, timeout=5000)
            assert future.result() == code
            assert capsys.readouterr().out.startswith(printed)
            kiosk.settle(qtbot)
    assert main(["control"]) == 2
    assert main(["control", "127.0.0.1:1", "next", "--timeout", "1"]) == 3
    assert "no reply from 127.0.0.1:1" in capsys.readouterr().err


def test_zzkiosk_control_help_lists_the_vocabulary(capsys):
    from zzkiosk.cli import main

    with pytest.raises(SystemExit):
        main(["control", "--help"])
    out = capsys.readouterr().out
    # in the language in use (the suite's English; tests/test_cli_languages.py checks both)
    assert all(word in out for word in ("goto N", "section next|prev", "status", "list", "ping", "slide N of the deck", "7450"))


def test_the_port_is_a_controller_that_unbinds_and_binds_again(qtbot, control_kiosk):
    kiosk = control_kiosk()
    kiosk.port.configure(kiosk.show.deck)  # nothing from the deck: the settings are the machine's
    kiosk.port.unbind()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", kiosk.base), timeout=2):
        pass
    kiosk.port.bind()
    qtbot.waitUntil(lambda: kiosk.port.started)
    with socket.create_connection(("127.0.0.1", kiosk.base)) as sock:
        assert exchange(qtbot, sock, b"ping\n") == ["OK one/cover 1/4"]
