"""The JSON Schema of deck, section and theme files, exported for editors."""

from __future__ import annotations

from pydantic import BaseModel

from zzkiosk.deck.model import DeckFile, SectionFile
from zzkiosk.deck.theme import Theme

SCHEMAS: dict[str, type[BaseModel]] = {"deck": DeckFile, "section": SectionFile, "theme": Theme}
"""Each kind of file staff edit, and the model that checks it."""

_TITLES = {"deck": "zzkiosk deck file", "section": "zzkiosk section file", "theme": "zzkiosk theme file"}


def json_schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of one kind of file: deck, section or theme."""
    schema = SCHEMAS[kind].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": _TITLES[kind]}
