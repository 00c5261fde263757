"""The command line in the user's language, laid out by display width: the usage lines
under 用法：, `zzkiosk control --help`'s command table and `zzkiosk schema config`."""

import json
import re

import pytest

from zzkiosk import cli
from zzkiosk.cli_parsers import display_width
from zzkiosk.control.commands import VERBS
from zzkiosk.i18n import use_language

CHINESE = re.compile(r"[\u4e00-\u9fff]")
COMMANDS = ([], ["render"], ["proof"], ["control"], ["fleet"], ["fleet", "send"])
"""Commands whose usage wraps at 80 columns (each has more options than fit on a line)."""


@pytest.fixture
def speaking(capsys, monkeypatch):
    """`speaking(lang, *words)`: what `zzkiosk WORDS --help --lang LANG` prints in an 80-column terminal."""
    monkeypatch.setenv("COLUMNS", "80")

    def run(lang: str, *words: str) -> str:
        with pytest.raises(SystemExit):
            cli.main([*words, "--help", "--lang", lang])
        return capsys.readouterr().out

    yield run
    use_language("en")


@pytest.mark.parametrize("words", COMMANDS, ids=lambda words: " ".join(words) or "play")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wrapped_usage_lines_line_up_by_display_width(speaking, words, lang):
    """Regression: under 用法： (three characters, six columns) the wrapped lines sat three
    columns left of the first line's arguments."""
    usage = speaking(lang, *words).split("\n\n")[0].splitlines()
    prefix = f"{'用法：' if lang == 'zh' else 'usage: '}zzkiosk{''.join(' ' + word for word in words)} "
    assert usage[0].startswith(prefix) and len(usage) > 1, usage
    for line in usage[1:]:
        assert len(line) - len(line.lstrip(" ")) == display_width(prefix), usage
    assert all(display_width(line) <= 80 for line in usage), usage


def test_display_width_counts_wide_characters_twice():
    assert display_width("用法：") == 6 and display_width("usage: ") == 7 and display_width("Ａ1") == 3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_control_command_table_speaks_one_language(speaking, lang):
    """It listed every command in English and Chinese whatever the language."""
    shown = speaking(lang, "control")
    table = shown[shown.index("\n  next "):shown.index("\n\n", shown.index("\n  next "))]
    assert all(f"  {verb.usage} " in table for verb in VERBS)
    for verb in VERBS:
        row = next(line for line in table.splitlines() if line.startswith(f"  {verb.usage} "))
        assert row.endswith(verb.help_zh if lang == "zh" else verb.help_en), row
    assert (CHINESE.search(table) is not None) == (lang == "zh"), table


def test_the_config_schema_speaks_the_users_language(capsys):
    """Its descriptions (config.py's and settings.py's docstrings) were English only."""
    schemas = {}
    for lang in ("zh", "en"):
        assert cli.main(["schema", "config", "--lang", lang]) == 0
        schemas[lang] = json.loads(capsys.readouterr().out)
    use_language("en")
    chinese, english = schemas["zh"], schemas["en"]
    assert english["title"] == "zzkiosk config file" and chinese["title"] == "zzkiosk 配置文件"
    udp = chinese["$defs"]["ControlSettings"]["properties"]["udp"]["description"]
    assert udp.startswith("文本命令的 UDP 端口")
    descriptions = [(definition.get("description", ""), [p.get("description", "") for p in
                     definition.get("properties", {}).values()]) for definition in chinese["$defs"].values()]
    texts = [text for own, fields in descriptions for text in (own, *fields) if text]
    assert texts and all(CHINESE.search(text) for text in texts), texts
    assert CHINESE.search(json.dumps(english, ensure_ascii=False)) is None
