"""The control port, the fleet and the presenter view in Chinese and English: `--help`,
config.yaml problems at file:line:col, the fleet table, and the presenter view's words
(docs/translation.md). The catalogue's completeness is tests/test_translations.py's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from zzkiosk import cli
from zzkiosk.fleet.staff import Kiosk
from zzkiosk.fleet.table import fleet_table
from zzkiosk.i18n import use_language

ROOT = Path(cli.__file__).resolve().parent.parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")
BAD_CONFIG = """\
control:
  listen: 0.0.0.0
  tcp: 7450
  allow: [192.168.10.0/33]
"""


def zzkiosk(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    """Run `python -m zzkiosk` with the system language left to `environment`."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("ZZKIOSK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(PYTHONPATH=str(ROOT), **environment)
    return subprocess.run([sys.executable, "-m", "zzkiosk", *arguments], capture_output=True, text=True,
                          env=env, timeout=60)


def test_control_help_follows_the_system_language():
    chinese = zzkiosk("control", "--help", LANG="zh_CN.UTF-8")
    english = zzkiosk("control", "--help", LANG="C")
    assert chinese.stdout.startswith("用法：zzkiosk control [-h]")  # the name kept under a translated "usage:"
    assert "向一台播放器的控制端口发送一条命令" in chinese.stdout and "示例：" in chinese.stdout
    assert "令牌取自 --token，没有则取环境变量 $ZZKIOSK_TOKEN" in chinese.stdout
    assert english.stdout.startswith("usage: zzkiosk control [-h]")
    assert "Send one command to a kiosk's control port" in english.stdout and not CHINESE.search(
        english.stdout.split("commands (case-insensitive")[0])
    assert chinese.returncode == english.returncode == 0


def test_control_and_fleet_take_lang():
    assert "用法：zzkiosk fleet" in zzkiosk("fleet", "--help", "--lang", "zh", LANG="C").stdout
    assert "usage: zzkiosk fleet" in zzkiosk("fleet", "--help", "--lang=en", LANG="zh_CN.UTF-8").stdout
    missing = zzkiosk("control", "--lang", "zh", LANG="C")
    assert missing.returncode == 2 and "请给出一条命令" in missing.stderr


def test_a_config_yaml_mistake_is_chinese_at_file_line_column(tmp_path):
    config = tmp_path / "zzkiosk" / "config.yaml"
    config.parent.mkdir()
    config.write_text(BAD_CONFIG, encoding="utf-8")
    chinese = zzkiosk("control", "--guide-url", LANG="zh_CN.UTF-8", XDG_CONFIG_HOME=str(tmp_path))
    english = zzkiosk("control", "--guide-url", LANG="C", XDG_CONFIG_HOME=str(tmp_path))
    assert (f"{config}:4:10: allow 里的 '192.168.10.0/33' 不是地址也不是网段：请写成 192.168.10.5 或 "
            "192.168.10.0/24 这样") in chinese.stderr
    assert f"{config}:4:10: '192.168.10.0/33' in allow is not an address or network" in english.stderr
    assert chinese.returncode == english.returncode == 2


def test_an_mqtt_mistake_is_chinese_at_file_line_column(tmp_path):
    config = tmp_path / "zzkiosk" / "config.yaml"
    config.parent.mkdir()
    config.write_text("mqtt:\n  url: http://192.168.10.2\n  name: all\n", encoding="utf-8")
    shown = zzkiosk("fleet", "--once", LANG="zh_CN.UTF-8", XDG_CONFIG_HOME=str(tmp_path))
    assert shown.returncode == 2 and "config.yaml 无法使用" in shown.stderr
    assert f"{config}:2:8: 'http://192.168.10.2' 不是 MQTT 服务器地址" in shown.stderr
    assert f"{config}:3:9: 'all' 是集中管理的主题里自己要用的词，请换一个名字" in shown.stderr


def test_an_unreachable_broker_is_said_in_chinese(tmp_path):
    refused = zzkiosk("fleet", "--once", "--broker", "mqtt://127.0.0.1:1", LANG="zh_CN.UTF-8",
                      XDG_CONFIG_HOME=str(tmp_path))
    assert refused.returncode == 2 and "连不上 MQTT 服务器 mqtt://127.0.0.1:1" in refused.stderr


def test_the_fleet_table_speaks_chinese():
    kiosks = [Kiosk("hall-a-left", "online", {"groups": ["hall-a"], "deck": {"version": "v7"}}),
              Kiosk("hall-b", "offline")]
    use_language("zh")
    try:
        console = Console(width=120, record=True)
        console.print(fleet_table(kiosks))
        console.print(fleet_table([]))
        shown = console.export_text()
    finally:
        use_language("en")
    assert "zzkiosk 播放器总览：1/2 台在线" in shown
    assert all(word in shown for word in ("播放器", "分组", "状态", "最近错误", "在线", "离线", "还没有播放器"))
    assert "online" not in shown  # the MQTT payload is shown in words


@pytest.fixture
def chinese_presenter(qtbot, guide_kiosk):
    """The presenter view at 1920x1080, built with messages in Chinese; English again afterwards."""
    from zzkiosk.presenter.view import PresenterView

    use_language("zh")
    _, console = guide_kiosk()
    view = PresenterView(console)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    yield view
    use_language("en")


def test_the_presenter_view_speaks_chinese(chinese_presenter):
    view = chinese_presenter
    state = view.console.show.state()
    left, times, autoplay = view.top_line(state)
    assert view.windowTitle().endswith(" · 讲解员视图")
    assert left.startswith("自由讲解") and "讲解 " in times and "本页 " in times and autoplay.startswith("自动播放")
    use_language("en")  # the words are chosen each time the view paints
    left, times, autoplay = view.top_line(state)
    assert left.startswith("whole deck") and "this slide " in times and autoplay.startswith("autoplay")
    assert not CHINESE.search(left + times + autoplay)
