"""The JSON Schema of deck, section and theme files, exported for editors."""

from __future__ import annotations

from pydantic import BaseModel

from zzkiosk.deck.docs import field_docs, models_in
from zzkiosk.deck.model import DeckFile, SectionFile
from zzkiosk.deck.theme import Theme

SCHEMAS: dict[str, type[BaseModel]] = {"deck": DeckFile, "section": SectionFile, "theme": Theme}
"""Each kind of file staff edit, and the model that checks it."""

_TITLES = {"deck": "zzkiosk deck file", "section": "zzkiosk section file", "theme": "zzkiosk theme file"}


def json_schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of one kind of file: deck, section or theme."""
    schema = SCHEMAS[kind].model_json_schema()
    _describe_fields(schema, models_in(SCHEMAS[kind]))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": _TITLES[kind]}


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
