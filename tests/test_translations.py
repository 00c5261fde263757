"""Every message in Chinese and English: the catalogue is complete, its placeholders match,
and `validate` speaks the chosen language on every hostile and bad file, with the same
stable codes in `--json` (docs/translation.md)."""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from decks import DECK, SECTION, cases, place, write_deck
from zzkiosk import cli
from zzkiosk.i18n import system_language, use_language

PACKAGE = Path(cli.__file__).resolve().parent
ROOT = PACKAGE.parent
CATALOGUE = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "zzkiosk.po"
TEMPLATE = PACKAGE / "locale" / "zzkiosk.pot"
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
CHINESE_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
"""English messages may quote Chinese examples (亿元, 下降13.9%), never Chinese punctuation."""
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
LOCATED = re.compile(r"^(?P<file>/[^:]+):(?P<line>\d+):(?P<column>\d+): \S")
PRINTF = re.compile(r"%(?:\([a-z_]+\))?[a-z]")


def source_messages() -> set[str]:
    """Every tr("...") and N_("...") string in the package and the deck models' docstrings,
    as Babel extracts them with babel.cfg's method."""
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "zzkiosk.catalogues:extract")],
                             keywords={"tr": None, "N_": None})
    return {message for _, _, message, _, _ in found}


def catalogue() -> dict[str, tuple[str, bool]]:
    with CATALOGUE.open("rb") as handle:
        return {m.id: (m.string, m.fuzzy) for m in read_po(handle) if m.id}


def placeholders(text: str) -> list[str]:
    """The {fields} (with their format) and %(printf)s of a message, sorted."""
    fields = [f"{{{name}:{spec}}}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None]
    return sorted(fields + PRINTF.findall(text))


def test_every_message_has_a_chinese_translation():
    translated = catalogue()
    missing = sorted(m for m in source_messages() if not translated.get(m, ("", False))[0])
    fuzzy = sorted(m for m in source_messages() if translated.get(m, ("", False))[1])
    assert not missing, f"no Chinese for {missing}: see docs/translation.md"
    assert not fuzzy, f"fuzzy (unchecked) translations: {fuzzy}"


def test_the_template_lists_exactly_the_messages_in_the_code():
    with TEMPLATE.open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == source_messages(), "run pybabel extract (docs/translation.md)"


def test_translations_keep_every_placeholder():
    wrong = {source: text for source, (text, _) in catalogue().items() if placeholders(source) != placeholders(text)}
    assert not wrong, f"placeholders differ: {wrong}"


def test_the_placeholder_check_sees_a_dropped_or_renamed_placeholder():
    assert placeholders("unknown key '{key}'") != placeholders("未知的键")
    assert placeholders("line {line}") != placeholders("第 {lines} 行")
    assert placeholders("{value:g}%") != placeholders("{value}%")
    assert placeholders("%(prog)s: error") != placeholders("错误")
    assert placeholders("a list of {{label}} at {line}") == placeholders("第 {line} 行的 {{label}} 列表")


@pytest.mark.parametrize("environment, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C", "LANGUAGE": "zh_CN"}, "en"),  # LANGUAGE counts only without C
    ({"LANG": "en_GB.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
    ({}, "en"),
])
def test_the_system_language_follows_the_locale_variables(monkeypatch, environment, expected):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert system_language() == expected


def validate(folder: Path, capsys, *arguments: str) -> tuple[int, str]:
    code = cli.main(["validate", str(folder), *arguments])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def outside_quotes(line: str) -> str:
    return QUOTED.sub("", line.split(": ", 1)[1] if LOCATED.match(line) else line)


def assert_both_languages(folder: Path, capsys, monkeypatch, whole_file: Path | None = None) -> bool:
    """`validate` under LANG=zh_CN.UTF-8 speaks Chinese, under LANG=C English, each problem at
    file:LINE:COL (or naming `whole_file`), with the same codes in --json. False when the
    deck is valid without a warning: nothing was said."""
    monkeypatch.delenv("ZZKIOSK_LANG")  # conftest.py sets English for the rest of the suite
    reports = {}
    for locale in ("zh_CN.UTF-8", "C"):
        monkeypatch.setenv("LANG", locale)
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        code, text = validate(folder, capsys)
        lines = [line for line in text.splitlines() if line.startswith(f"{folder}/")]
        if code == 0 and not lines:
            return False  # plays without a word to say (long-line.yaml)
        assert lines, text
        for line in lines:
            assert LOCATED.match(line) or (whole_file and line.startswith(f"{whole_file}: ")), line
            if locale.startswith("zh"):
                assert CHINESE.search(outside_quotes(line)), line
            else:
                assert not CHINESE_PUNCTUATION.search(outside_quotes(line)), line
        _, report = validate(folder, capsys, "--json")
        reports[locale] = json.loads(report)
    use_language("en")
    chinese, english = reports["zh_CN.UTF-8"], reports["C"]
    assert [p["code"] for p in chinese["problems"]] == [p["code"] for p in english["problems"]]
    assert all(p["code"] for p in english["problems"]), english["problems"]
    assert (chinese["language"], english["language"]) == ("zh", "en")
    return True


@pytest.mark.parametrize("case", cases())
def test_validate_speaks_the_system_language_on_every_hostile_file(tmp_path, capsys, monkeypatch, case):
    folder = tmp_path / "deck"
    folder.mkdir()
    target = place(folder, case)
    assert_both_languages(folder, capsys, monkeypatch, whole_file=target)


def slide_with(lines: str) -> dict[str, str]:
    return {"sections/part.yaml": "id: part\ntitle: 部分\nslides:\n  - id: s1\n" + lines}


BAD_INPUTS = {
    "missing section file": (DECK + "  - sections/gone.yaml\n", None),
    "duplicate slide id": (DECK + "  - sections/other.yaml\n",
                           {"sections/part.yaml": SECTION, "sections/other.yaml": SECTION.replace("id: part", "id: other")}),
    "share over 100": (DECK, slide_with("    blocks:\n      - counter: {value: 120, unit: '%', label: 比重}\n")),
    "negative count": (DECK, slide_with("    blocks:\n      - counter: {value: -5, unit: 个, label: 项目}\n")),
    "misspelt key": (DECK, slide_with("    duraton: 12s\n")),
    "unknown key": (DECK, slide_with("    colour: red\n")),
    "wrong choice": (DECK, slide_with("    transition: {type: fdae}\n")),
    "wrong type": (DECK, slide_with("    blocks:\n      - counter: {value: 三百, label: 项目}\n")),
    "bad duration": (DECK, slide_with("    duration: 12 seconds\n")),
    "unknown theme": (DECK.replace("hall-red", "purple"), None),
    "missing image": (DECK, slide_with("    blocks:\n      - image: {src: images/hall.png, caption: 展厅}\n")),
    "unknown icon": (DECK, slide_with("    blocks:\n      - badge: {text: 第一, icon: mdi6.trophee}\n")),
    "ring without of": (DECK, slide_with("    blocks:\n      - chart: {kind: ring, value: 24, unit: 个, label: 行业}\n")),
    "bad key name": (DECK + "kiosk:\n  keys: {next: [PageDwn]}\n", None),
    "emoji warning": (DECK, slide_with("    title: 株洲 😀\n")),
    "invisible character": (DECK, slide_with("    title: \"株\\u200b洲\"\n")),
}
"""The loader's bad inputs (tests/test_deck_loader.py and a few more), each in both languages."""


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_validate_speaks_the_system_language_on_every_bad_input(tmp_path, capsys, monkeypatch, case):
    deck, sections = BAD_INPUTS[case]
    folder = write_deck(tmp_path / "deck", deck, sections)
    assert assert_both_languages(folder, capsys, monkeypatch)


BAD_SECTION = """\
id: part
title: 第一部分
slides:
  - id: one
    title: 概况
    duration: soon
    blocks:
      - counter: {value: 385, unit: 个, lable: 新签合同项目}
      - chart: {kind: pie, items: [{label: 甲, value: -3}]}
"""


def run(folder: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in ("ZZKIOSK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(PYTHONPATH=str(ROOT), **environment)
    return subprocess.run([sys.executable, "-m", "zzkiosk", *arguments, str(folder)],
                          capture_output=True, text=True, env=env, timeout=60)


def test_a_chinese_locale_gets_chinese_problems_at_file_line_column(tmp_path):
    folder = tmp_path / "deck"
    write_deck(folder, sections={"sections/part.yaml": BAD_SECTION})
    chinese = run(folder, "validate", LANG="zh_CN.UTF-8")
    english = run(folder, "validate", LANG="C")
    section = folder / "sections" / "part.yaml"
    assert f"{section}:8:40: 未知的键 'lable'：是不是想写 'label'？" in chinese.stderr
    assert f"{section}:8:40: unknown key 'lable': did you mean 'label'?" in english.stderr
    assert f"{section}:6:15: 'soon' 不是时长" in chinese.stderr
    assert "个错误；改正之前演示文稿无法播放" in chinese.stderr
    assert "error(s); the deck cannot be played" in english.stderr
    assert chinese.returncode == english.returncode == 1


def test_lang_and_zzkiosk_lang_override_the_system(tmp_path):
    folder = tmp_path / "deck"
    write_deck(folder, sections={"sections/part.yaml": BAD_SECTION})
    assert "未知的键" in run(folder, "validate", "--lang", "zh", LANG="C").stderr
    assert "unknown key" in run(folder, "validate", "--lang=en", LANG="zh_CN.UTF-8").stderr
    assert "未知的键" in run(folder, "validate", LANG="en_GB.UTF-8", ZZKIOSK_LANG="zh").stderr
    coded = [json.loads(run(folder, "validate", "--json", "--lang", lang).stdout) for lang in ("zh", "en")]
    codes = [[(p["line"], p["column"], p["code"]) for p in report["problems"]] for report in coded]
    assert codes[0] == codes[1]
    assert {"unknown-key", "not-a-duration", "negative-figure"} <= {code for *_, code in codes[0]}


@pytest.mark.parametrize("command", ["", "validate", "render", "proof", "schema", "bench"])
def test_help_in_both_languages(command, capsys, monkeypatch):
    """Every subcommand of cli.py's own ("": the play command), argparse's words too."""
    for lang, words in (("zh", ("用法：", "选项:", "显示本帮助并退出")), ("en", ("usage: ", "options:", "show this help"))):
        with pytest.raises(SystemExit):
            cli.main([*filter(None, [command]), "--help", "--lang", lang])
        shown = capsys.readouterr().out
        assert all(word in shown for word in words), shown
        assert (CHINESE.search(QUOTED.sub("", shown)) is not None) == (lang == "zh"), shown
    use_language("en")


def test_argparse_errors_are_translated(capsys):
    with pytest.raises(SystemExit):
        cli.main(["render", "--lang", "zh", "--size", "big"])
    assert "zzkiosk render：错误：参数 --size：'big' 不是尺寸" in capsys.readouterr().err
    use_language("en")


def test_the_help_card_and_the_error_strip_speak_chinese(qtbot, kiosk_window):
    from zzkiosk.kiosk.banner import banner_text

    use_language("zh")
    try:
        window = kiosk_window(keys={"black": ["Z"]})
        qtbot.keyClicks(window, "?")
        rows = dict(reversed(window.help_card.rows))
        assert rows["黑屏"] == "Z" and "PageDown" in rows["下一页"]
        assert rows["下一页"] != rows.get("next")
        assert "输入页码，再按 Enter" in rows.values()
        text = banner_text([f"deck.yaml:{line}:1: x" for line in range(10)])
        assert text.startswith("修改未生效，仍在播放上一版：") and "另有 2 个问题" in text
    finally:
        use_language("en")
