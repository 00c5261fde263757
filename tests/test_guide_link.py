"""The guide page's link: the address with the token, printed with a QR code and shown on the presenter view.

The QR codes are read back with zbarimg (Debian's zbar-tools), as a phone's camera would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from zzkiosk.control.config import ControlSettings
from zzkiosk.guide.link import guide_url, qr_text
from zzkiosk.presenter.attach import attach_guide_page
from zzkiosk.presenter.view import PresenterView

ZBARIMG = shutil.which("zbarimg")


def read_qr(path) -> str:
    """What a QR code reader finds in the picture at `path`."""
    result = subprocess.run([ZBARIMG, "--quiet", "--raw", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_link_names_the_listening_address_port_and_token():
    settings = ControlSettings(listen="192.168.10.5", http=7452, token="s3cret/+token")
    assert guide_url(settings) == "http://192.168.10.5:7452/guide#token=s3cret%2F%2Btoken"
    assert guide_url(settings, "kiosk.local") == "http://kiosk.local:7452/guide#token=s3cret%2F%2Btoken"
    assert guide_url(ControlSettings(listen="127.0.0.1", http=8000)) == "http://127.0.0.1:8000/guide"
    assert guide_url(ControlSettings(listen="::1", http=8000)) == "http://[::1]:8000/guide"
    assert guide_url(ControlSettings(udp=7450)) is None  # no HTTP: no page
    every = guide_url(ControlSettings(listen="0.0.0.0", http=7452, token="abcdefgh1"))
    assert "0.0.0.0" not in every and every.endswith(":7452/guide#token=abcdefgh1")


def test_zzkiosk_control_guide_url_prints_the_link_and_its_qr_code(tmp_path):
    config = tmp_path / "config" / "zzkiosk" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("control:\n  http: 7452\n  token: abcdefgh1234\n", encoding="utf-8")
    environment = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "zzkiosk", "control", "--guide-url"], env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "http://127.0.0.1:7452/guide#token=abcdefgh1234"
    assert qr_text("http://127.0.0.1:7452/guide#token=abcdefgh1234") in result.stdout
    config.write_text("control:\n  udp: 7450\n", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "zzkiosk", "control", "--guide-url"], env=environment,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "http" in refused.stderr


@pytest.mark.skipif(ZBARIMG is None, reason="needs zbarimg (apt-get install zbar-tools)")
def test_g_on_the_presenter_view_shows_a_qr_code_a_phone_can_read(qtbot, guide_server, tmp_path):
    window, console, base = guide_server
    view = PresenterView(console)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    QTest.keyClick(view, Qt.Key.Key_G)
    assert view.showing_link
    view.grab().save(str(tmp_path / "presenter-qr.png"))
    assert read_qr(tmp_path / "presenter-qr.png") == console.guide_url == f"{base}/guide#token=guide-test-token-1"
    QTest.keyClick(view, Qt.Key.Key_G)
    assert not view.showing_link


def test_without_http_there_is_no_link_and_g_shows_the_notes(qtbot, guide_kiosk):
    window, console = guide_kiosk()
    assert not attach_guide_page(None, console) and console.guide_url is None
    view = PresenterView(console)
    qtbot.addWidget(view)
    view.show()
    QTest.keyClick(view, Qt.Key.Key_G)
    assert not view.showing_link
