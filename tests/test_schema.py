"""The exported JSON Schema agrees with the loader, and the bundled deck satisfies it."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from zzkiosk.deck.schema import SCHEMAS, json_schema

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "slides"


def deck_files():
    deck = yaml.safe_load((BUNDLED / "deck.yaml").read_text(encoding="utf-8"))
    yield "deck", BUNDLED / "deck.yaml"
    for name in deck["sections"]:
        yield "section", BUNDLED / name
    for theme in sorted((ROOT / "resources/themes").glob("*.yaml")):
        yield "theme", theme


@pytest.mark.parametrize("kind, path", list(deck_files()), ids=lambda value: getattr(value, "name", value))
def test_bundled_files_satisfy_the_schema(kind, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, json_schema(kind))


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_committed_schema_files_are_current_and_in_chinese(kind):
    """The README tells staff to use these files: their help text is Chinese (issue 16)."""
    committed = json.loads((BUNDLED / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(kind, "zh"), "regenerate with: zzkiosk schema --lang zh --out slides/schema"


def test_schema_descriptions_in_both_languages():
    chinese, english = json_schema("section", "zh"), json_schema("section", "en")
    assert chinese["title"] == "zzkiosk 章节文件" and english["title"] == "zzkiosk section file"
    counter = chinese["$defs"]["Counter"]
    assert counter["description"] == "一个大数字，幻灯片出现时从小数到大。"
    assert counter["properties"]["label"]["description"] == "这个数字统计的是什么：新签合同项目。"
    assert english["$defs"]["Counter"]["properties"]["label"]["description"] == "What the figure counts: 新签合同项目."
    assert chinese["$defs"]["Counter"]["properties"].keys() == english["$defs"]["Counter"]["properties"].keys()


def test_schema_refuses_unknown_keys_and_accepts_shorthands():
    schema = json_schema("section")
    good = {"id": "a", "title": "t", "slides": [{"id": "s", "transition": "fade", "duration": "12s",
                                                  "blocks": [{"text": "一句"}, {"badge": "第一"}]}]}
    jsonschema.validate(good, schema)
    bad = {"id": "a", "title": "t", "slides": [{"id": "s", "duraton": 3}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_the_readme_key_reference_is_current_and_has_every_key():
    """The README documents every key of the schema, generated from the models (issue 15):
    per-item before/after, ring max and the theme's keys were once missing from it."""
    from zzkiosk.deck.reference import current, reference

    readme = Path(__file__).resolve().parents[1] / "README.md"
    assert current(readme) == reference().strip("\n"), "regenerate with: python -m zzkiosk.deck.reference README.md"
    text = current(readme)
    for kind in SCHEMAS:
        schema = json_schema(kind)
        named = [(SCHEMAS[kind].__name__, schema), *schema.get("$defs", {}).items()]
        for name, definition in named:
            heading = f"**`{name}`**"
            assert heading in text
            table = text.split(heading, 1)[1].split("**`", 1)[0]
            for key in definition.get("properties", {}):
                assert f"| `{key}` |" in table, f"{name}.{key} is not in the README"
