"""The JSON Schema of deck, section and theme files, exported for editors."""

from __future__ import annotations

from pydantic import BaseModel

from zzkiosk.deck.docs import field_docs, models_in
from zzkiosk.deck.model import DeckFile, SectionFile
from zzkiosk.deck.theme import Theme
from zzkiosk.i18n import N_, translated

SCHEMAS: dict[str, type[BaseModel]] = {"deck": DeckFile, "section": SectionFile, "theme": Theme}
"""Each kind of file staff edit, and the model that checks it."""

_TITLES = {"deck": N_("zzkiosk deck file"), "section": N_("zzkiosk section file"), "theme": N_("zzkiosk theme file")}


def json_schema(kind: str, language: str | None = None) -> dict:
    """The JSON Schema (draft 2020-12) of one kind of file: deck, section or theme, its
    descriptions in `language` ("zh", "en"; None: the language of messages)."""
    schema = SCHEMAS[kind].model_json_schema()
    _describe_fields(schema, models_in(SCHEMAS[kind]))
    _translate(schema, language)
    title = translated(_TITLES[kind], language)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def _translate(node: object, language: str | None) -> None:
    """Every description (the models' docstrings, English) in `language`, from the catalogue
    (zzkiosk.catalogues.extract puts the docstrings there)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = translated(value, language)
            elif key != "default":
                _translate(value, language)
    elif isinstance(node, list):
        for item in node:
            _translate(item, language)


def _describe_fields(schema: dict, models: dict[str, type[BaseModel]]) -> None:
    """Give every property the docstring of its field, so editors show it as help."""
    for definition in [schema, *schema.get("$defs", {}).values()]:
        model = models.get(definition.get("title", ""))
        if model is None:
            continue
        docs = field_docs(model)
        for name, property_schema in definition.get("properties", {}).items():
            if name in docs:
                property_schema["description"] = docs[name]
