"""The README's key reference, written from the models so it is never out of date.

Every key of deck, section and theme files, with what it takes, its default and its help
(the field's docstring, as the JSON Schema shows it). `python -m zzkiosk.deck.reference
README.md` rewrites the part of the README between `START` and `END`; a test fails when
the README and the models disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from zzkiosk.deck.docs import field_docs, models_in
from zzkiosk.deck.schema import SCHEMAS, json_schema

START = "<!-- key reference: generated from the models by `python -m zzkiosk.deck.reference README.md` -->"
"""The line after which the generated reference starts."""
END = "<!-- end of key reference -->"
"""The line before which it ends."""

_TYPES = {"string": "text", "number": "number", "integer": "whole number", "boolean": "true or false"}


def reference() -> str:
    """The reference in Markdown: one table per kind of mapping, in the order files nest them."""
    out, done = [], set()
    for kind, root in SCHEMAS.items():
        schema = json_schema(kind)
        definitions = {name: schema["$defs"][name] for name in schema.get("$defs", {})}
        definitions[root.__name__] = schema
        for name, model in models_in(root).items():
            if name not in done:
                done.add(name)
                out.append(_table(model, definitions[name]))
    return "\n".join(out)


def _table(model: type[BaseModel], schema: dict) -> str:
    summary = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    rows = [f"**`{model.__name__}`**: {summary}", "", "| key | takes | default | what it is |", "|---|---|---|---|"]
    docs = field_docs(model)
    for name, field in model.model_fields.items():
        takes = _takes(schema.get("properties", {}).get(name, {}))
        rows.append(f"| `{name}` | {takes} | {_default(field)} | {_cell(docs.get(name, ''))} |")
    return "\n".join(rows) + "\n"


def _takes(prop: dict) -> str:
    """What a key takes, in words, from its JSON Schema."""
    if "enum" in prop:
        return " ".join(f"`{value}`" for value in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    if "$ref" in prop:
        return f"`{prop['$ref'].rsplit('/', 1)[-1]}` (its table)"
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        if sorted(option.get("type", "") for option in options) == ["number", "string"]:
            return "a duration: 12s, 800ms, 2min or seconds"
        return " or ".join(dict.fromkeys(_takes(option) for option in options))
    kind = prop.get("type")
    if kind == "array":
        return f"a list, each {_takes(prop.get('items', {}))}"
    if kind == "object":
        return f"a mapping to {_takes(prop.get('additionalProperties', {}))}"
    if kind == "string" and "pattern" in prop:
        return "a colour" if prop["pattern"].startswith("^#") else "an id"
    return _TYPES.get(kind, "a value")


def _default(field) -> str:
    if field.is_required():
        return "required"
    value = field.default
    if value is PydanticUndefined or value is None:
        return "none"
    if value == "":
        return "empty"
    if isinstance(value, BaseModel):
        return "see below"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list | dict) and not value:
        return f"`{value!r}`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    return _cell(f"`{value}`" if not isinstance(value, list) else f"`[{', '.join(map(str, value))}]`")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rewrite(readme: Path) -> bool:
    """Put the current reference into `readme` between START and END; True if it changed."""
    text = readme.read_text(encoding="utf-8")
    before, rest = text.split(START + "\n", 1)
    _, after = rest.split(END, 1)
    updated = f"{before}{START}\n\n{reference()}\n{END}{after}"
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
    return updated != text


def current(readme: Path) -> str:
    """The reference as the README has it now."""
    _, rest = readme.read_text(encoding="utf-8").split(START + "\n", 1)
    return rest.split(END, 1)[0].strip("\n")


if __name__ == "__main__":
    print("updated" if rewrite(Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")) else "already current")
