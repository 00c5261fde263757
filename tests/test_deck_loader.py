"""The deck contract: loading, cascading defaults, and an exact error for each bad input."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from decks import DECK, SECTION, write_deck
from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck
from zzkiosk.deck.yamlsource import MAX_FILE_BYTES


def problems_of(folder: Path) -> list[tuple[str, int, int, str]]:
    """Every problem of the deck in `folder` as (file name, line, column, message)."""
    with pytest.raises(DeckError) as caught:
        load_deck(folder)
    return [(p.file.name, p.line, p.column, p.message) for p in caught.value.problems]


def only_problem(folder: Path) -> tuple[str, int, int, str]:
    found = problems_of(folder)
    assert len(found) == 1, found
    return found[0]


def section_with(slide_lines: str) -> dict[str, str]:
    """A section file whose one slide has these extra lines (indented as slide keys)."""
    return {"sections/part.yaml": "id: part\ntitle: 部分\nslides:\n  - id: s1\n" + slide_lines}


def test_valid_deck_loads_with_defaults_resolved(tmp_path):
    deck = load_deck(write_deck(tmp_path))
    (section, slide), = deck.slides
    assert (deck.title, deck.canvas, section.id) == ("测试展板", (1920, 1080), "part")
    assert slide.duration == 12.0 and slide.transition.type == "fade" and slide.entrance.type == "rise"
    assert [block.kind for block in slide.blocks] == ["counter", "counter"]
    assert slide.blocks[1].counter.before == "近"
    assert deck.warnings == ()
    assert set(deck.files) == {tmp_path / "deck.yaml", tmp_path / "sections/part.yaml", deck.files[1]}


def test_defaults_cascade_deck_then_section_then_slide(tmp_path):
    deck_text = DECK + "defaults:\n  duration: 20s\n  transition: {type: slide, direction: up, duration: 1.2s}\n"
    section = (
        "id: part\ntitle: 部分\ndefaults:\n  transition: zoom\n  entrance: {stagger: 300ms}\nslides:\n"
        "  - id: a\n  - id: b\n    duration: 8\n    transition: {easing: linear}\n"
    )
    deck = load_deck(write_deck(tmp_path, deck_text, {"sections/part.yaml": section}))
    first, second = (slide for _, slide in deck.slides)
    assert first.duration == 20.0 and second.duration == 8.0
    assert (first.transition.type, first.transition.direction, first.transition.duration) == ("zoom", "up", 1.2)
    assert (second.transition.type, second.transition.easing) == ("zoom", "linear")
    assert first.entrance.stagger == pytest.approx(0.3) and first.entrance.type == "rise"


def test_shorthands_expand(tmp_path):
    lines = "    blocks:\n      - text: 一句话\n      - text: [甲, 乙]\n      - badge: 全国文明城市\n"
    (_, slide), = load_deck(write_deck(tmp_path, sections=section_with(lines))).slides
    texts = [block.content for block in slide.blocks]
    assert (texts[0].style, texts[0].text) == ("paragraph", "一句话")
    assert (texts[1].style, texts[1].items) == ("bullets", ["甲", "乙"])
    assert texts[2].text == "全国文明城市"


def test_models_are_immutable(tmp_path):
    (_, slide), = load_deck(write_deck(tmp_path)).slides
    with pytest.raises(Exception):
        slide.title = "changed"


def test_yaml_syntax_error_points_at_the_line(tmp_path):
    broken = SECTION.replace("title: 项目建设加快推进", "title: 项目: 建设")
    assert only_problem(write_deck(tmp_path, sections={"sections/part.yaml": broken}))[:3] == ("part.yaml", 5, 14)


def test_tab_in_indentation(tmp_path):
    broken = SECTION.replace("    title: 项目", "\ttitle: 项目")
    file, line, column, message = only_problem(write_deck(tmp_path, sections={"sections/part.yaml": broken}))
    assert (file, line, column) == ("part.yaml", 5, 1) and "spaces, not tabs" in message


def test_invalid_utf8(tmp_path):
    broken = SECTION.encode("utf-8").replace("第一部分".encode(), "第一部分".encode("gbk"))
    file, line, column, message = only_problem(write_deck(tmp_path, sections={"sections/part.yaml": broken}))
    assert (file, line, column) == ("part.yaml", 2, 8) and "UTF-8" in message


def test_empty_file(tmp_path):
    file, line, _, message = only_problem(write_deck(tmp_path, sections={"sections/part.yaml": "# nothing yet\n"}))
    assert (file, line) == ("part.yaml", 0) and "empty" in message and "slides" in message


def test_list_instead_of_mapping(tmp_path):
    file, line, column, message = only_problem(write_deck(tmp_path, sections={"sections/part.yaml": "- id: a\n"}))
    assert (file, line, column) == ("part.yaml", 1, 1) and "is a list" in message


def test_missing_section_file(tmp_path):
    deck_text = DECK + "  - sections/gone.yaml\n"
    file, line, column, message = only_problem(write_deck(tmp_path, deck_text))
    assert (file, line, column) == ("deck.yaml", 5, 5)
    assert "'sections/gone.yaml' not found" in message and "sections/part.yaml" in message


def test_duplicate_slide_id_across_files(tmp_path):
    other = SECTION.replace("id: part", "id: other")
    deck_text = DECK + "  - sections/other.yaml\n"
    found = only_problem(write_deck(tmp_path, deck_text, {"sections/part.yaml": SECTION, "sections/other.yaml": other}))
    assert found[:3] == ("other.yaml", 4, 9) and "'projects' is already used at" in found[3]


def test_percentage_over_100(tmp_path):
    lines = "    blocks:\n      - counter: {value: 120, unit: '%', label: 比重}\n"
    file, line, column, message = only_problem(write_deck(tmp_path, sections=section_with(lines)))
    assert (file, line, column) == ("part.yaml", 6, 18) and "over 100%" in message


def test_negative_count(tmp_path):
    lines = "    blocks:\n      - counter:\n          value: -5\n          unit: 个\n          label: 项目\n"
    file, line, column, message = only_problem(write_deck(tmp_path, sections=section_with(lines)))
    assert (file, line, column) == ("part.yaml", 7, 11) and "negative" in message


def test_misspelt_key_suggests_the_right_one(tmp_path):
    found = only_problem(write_deck(tmp_path, sections=section_with("    duraton: 12s\n")))
    assert found == ("part.yaml", 5, 5, "unknown key 'duraton': did you mean 'duration'?")


def test_unknown_key_lists_allowed_keys(tmp_path):
    found = only_problem(write_deck(tmp_path, sections=section_with("    colour: red\n")))
    assert found[:3] == ("part.yaml", 5, 5) and "allowed here are" in found[3]
    assert all(key in found[3] for key in ("title", "layout", "blocks", "notes"))


def test_wrong_choice_lists_allowed_values(tmp_path):
    found = only_problem(write_deck(tmp_path, sections=section_with("    transition: {type: fdae}\n")))
    assert found[:3] == ("part.yaml", 5, 24)
    assert "allowed are none, fade, slide, zoom; did you mean 'fade'?" in found[3]


def test_wrong_type_names_the_expected_type(tmp_path):
    lines = "    blocks:\n      - counter: {value: 三百, label: 项目}\n"
    file, line, column, message = only_problem(write_deck(tmp_path, sections=section_with(lines)))
    assert (file, line, column) == ("part.yaml", 6, 26) and message.startswith("'value' should be a number")


def test_bad_duration_explains_the_format(tmp_path):
    found = only_problem(write_deck(tmp_path, sections=section_with("    duration: 12 seconds\n")))
    assert found[:3] == ("part.yaml", 5, 15) and "write 12s, 800ms, 2min" in found[3]


def test_all_problems_reported_not_only_the_first(tmp_path):
    deck_text = DECK + "kiosk:\n  idle_resum: 2min\n"
    lines = "    duraton: 3\n    layout: gird\n"
    found = problems_of(write_deck(tmp_path, deck_text, section_with(lines)))
    assert [(f, line) for f, line, _, _ in found] == [("deck.yaml", 6), ("part.yaml", 5), ("part.yaml", 6)]


def test_unknown_theme(tmp_path):
    found = only_problem(write_deck(tmp_path, DECK.replace("hall-red", "purple")))
    assert found[:3] == ("deck.yaml", 2, 8) and "hall-red" in found[3] and "hall-light" in found[3]


def test_missing_image(tmp_path):
    lines = "    blocks:\n      - image: {src: images/hall.png, caption: 展厅}\n"
    found = only_problem(write_deck(tmp_path, sections=section_with(lines)))
    assert found[:3] == ("part.yaml", 6, 22) and "'images/hall.png' not found" in found[3]


def test_character_outside_the_font_is_a_warning(tmp_path):
    lines = "    title: 株洲 😀\n"
    deck = load_deck(write_deck(tmp_path, sections=section_with(lines)))
    (warning,) = deck.warnings
    assert (warning.file.name, warning.line, warning.column, warning.severity) == ("part.yaml", 5, 12, "warning")
    assert "U+1F600" in warning.message


# Hostile files: each refused quickly with a message.

@pytest.mark.parametrize(
    "text, line, words",
    [
        ("id: &a part\ntitle: *a\nslides: []\n", 1, "anchors and aliases are not allowed"),
        ("a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", 1, "anchor"),
        ("id: !!python/object/apply:os.system ['echo hi']\n", 1, "tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
        ("id: !custom x\n", 1, "tag !custom is not allowed"),
        ("id: part\n<<: {title: x}\n", 2, "merge keys"),
        ("id: part\nid: again\n", 2, "appears twice"),
        ("id: part\n---\nid: two\n", 2, "a second YAML document"),
        ("id: " + "[" * 100 + "]" * 100 + "\n", 1, "nested more than"),
        ("id: 1" + "0" * 5000 + "\n", 1, "not a number this kiosk can use"),
    ],
)
def test_hostile_yaml_is_refused_with_a_message(tmp_path, text, line, words):
    started = time.perf_counter()
    file, found_line, _, message = only_problem(write_deck(tmp_path, sections={"sections/part.yaml": text}))
    assert time.perf_counter() - started < 5, "refusing a hostile file must be quick"
    assert (file, found_line) == ("part.yaml", line) and words in message


def test_oversized_file_is_refused(tmp_path):
    huge = SECTION + "# " + "x" * (MAX_FILE_BYTES + 10) + "\n"
    file, _, _, message = only_problem(write_deck(tmp_path, sections={"sections/part.yaml": huge}))
    assert file == "part.yaml" and "refused" in message


@pytest.mark.parametrize("name", ["../outside.yaml", "/etc/passwd", "sections/../../outside.yaml"])
def test_section_paths_stay_inside_the_deck(tmp_path, name):
    (tmp_path / "outside.yaml").write_text(SECTION, encoding="utf-8")
    deck_folder = tmp_path / "deck"
    found = only_problem(write_deck(deck_folder, DECK.replace("sections/part.yaml", name)))
    assert found[:2] == ("deck.yaml", 4) and "inside the deck folder" in found[3]


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_leaving_the_deck_is_refused(tmp_path):
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    deck_folder = write_deck(tmp_path / "deck", sections=section_with("    blocks:\n      - image: images/x.png\n"))
    (deck_folder / "images").mkdir()
    (deck_folder / "images/x.png").symlink_to(tmp_path / "secret.png")
    found = only_problem(deck_folder)
    assert found[:2] == ("part.yaml", 6) and "outside the deck folder" in found[3]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+400"])
def test_nan_and_infinity_are_refused(tmp_path, value):
    lines = f"    blocks:\n      - counter: {{value: {value}, label: 项目}}\n"
    found = only_problem(write_deck(tmp_path, sections=section_with(lines)))
    assert found[1] == 6 and "finite" in found[3]


@pytest.mark.parametrize(("theme", "guess"), [("hall-lite", "hall-light"), ("mine", "mine.yaml"),
                                              ("mine.yml", "mine.yaml")])
def test_a_theme_name_slip_gets_a_did_you_mean(tmp_path, theme, guess):
    """A theme file named without .yaml (or a bundled name misspelt) got no suggestion (issue 15)."""
    sections = {"sections/part.yaml": SECTION, "mine.yaml": "name: mine\n"}
    found = only_problem(write_deck(tmp_path, DECK.replace("hall-red", theme), sections))
    assert found[:3] == ("deck.yaml", 2, 8) and f"did you mean '{guess}'?" in found[3]


def test_a_missing_theme_file_is_reported_at_the_deck_files_theme_line(tmp_path):
    found = only_problem(write_deck(tmp_path, DECK.replace("hall-red", "gone.yaml")))
    assert found == ("deck.yaml", 2, 8, "theme file 'gone.yaml' not found in the deck folder")
