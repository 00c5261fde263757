"""Validating a document against its model, with every error in words for staff."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from zzkiosk.deck.docs import field_docs
from zzkiosk.deck.errors import Problem
from zzkiosk.deck.yamlsource import Document

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "float_parsing": "a number",
    "int_parsing": "a whole number",
    "bool_parsing": "true or false",
}


def validate(model: type[M], document: Document, problems: list[Problem]) -> M | None:
    """The document as `model`, or None with every error added to `problems`."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        details = error.errors()
        for detail in details:
            detail["loc"] = _clean(detail["loc"], document.data)
        problems.extend(_problem(model, document, d) for d in details if not _misspelt(d, details))
        return None


def _misspelt(detail: dict, details: list[dict]) -> bool:
    """A missing key whose misspelling is reported beside it already (lable for label)."""
    if detail["type"] != "missing" or not detail["loc"]:
        return False
    loc = detail["loc"]
    unknown = [
        str(other["loc"][-1]) for other in details
        if other["type"] == "extra_forbidden" and other["loc"] and other["loc"][:-1] == loc[:-1]
    ]
    return bool(difflib.get_close_matches(str(loc[-1]), unknown, n=1, cutoff=0.6))


def _problem(model: type[BaseModel], document: Document, detail: dict) -> Problem:
    loc, kind = detail["loc"], detail["type"]
    if kind == "extra_forbidden" and loc:
        return document.problem(loc, _unknown_key(model, loc), key=True)
    if kind == "missing" and loc:
        return document.problem(loc[:-1], _missing(model, loc))
    return document.problem(loc, _explain(model, loc, detail))


def _clean(loc: tuple, data: Any) -> tuple:
    """The location as a path into the data, without the markers pydantic adds
    (function-after[...], [key]); a last part absent from the data (a missing key) stays."""
    path: list = []
    for index, part in enumerate(loc):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif index == len(loc) - 1 and part != "[key]" and isinstance(part, str | int):
            pass
        else:
            continue
        path.append(part)
    return tuple(path)


def _unknown_key(model: type[BaseModel], loc: tuple) -> str:
    key = str(loc[-1])
    allowed = _allowed_keys(model, loc[:-1])
    message = f"unknown key '{key}'"
    guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if guess:
        return f"{message}: did you mean '{guess[0]}'?"
    if allowed:
        return f"{message}: allowed here are {', '.join(allowed)}"
    return message


def _missing(model: type[BaseModel], loc: tuple) -> str:
    key = str(loc[-1])
    owner = _model_at(model, loc[:-1])
    description = field_docs(owner).get(key, "") if owner is not None else ""
    return f"'{key}' is required here" + (f" ({description.rstrip('.')})" if description else "")


def _explain(model: type[BaseModel], loc: tuple, detail: dict) -> str:
    kind, given = detail["type"], detail.get("input")
    name = f"'{loc[-1]}'" if loc and isinstance(loc[-1], str) else "this value"
    if kind in _TYPE_NAMES:
        return f"{name} should be {_TYPE_NAMES[kind]}, not {_describe(given)}" + _quote_hint(kind, given)
    if kind == "literal_error":
        allowed = [value.strip("'") for value in detail["ctx"]["expected"].replace(" or ", ", ").split(", ")]
        guess = difflib.get_close_matches(str(given), allowed, n=1, cutoff=0.5)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        return f"{name} cannot be '{given}': allowed are {', '.join(allowed)}{hint}"
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "loop_sections") or _in_list_of(loc, "loop_sections"):
        return f"id '{given}' is not usable: use letters, digits, - and _ (like review-2020), starting with a letter or digit"
    if kind == "string_pattern_mismatch":
        return f"{name} '{given}' is not a colour: write #rrggbb, like #8f0b0b"
    if kind in ("value_error", "assertion_error"):
        return str(detail["ctx"]["error"])
    if kind == "too_short":
        return f"{name} needs at least {detail['ctx']['min_length']} item(s)"
    return f"{name}: {detail['msg'][0].lower()}{detail['msg'][1:]}"


def _in_list_of(loc: tuple, key: str) -> bool:
    return len(loc) >= 2 and loc[-2] == key


def _quote_hint(kind: str, given: Any) -> str:
    if kind == "string_type" and isinstance(given, (bool, int, float)) or given is None:
        return " (put it in quotes: YAML reads yes/no/on/off as true/false and bare numbers as numbers)"
    return ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text '{value[:30]}'"
    return f"the number {value}"


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    owner = _model_at(model, loc)
    return list(owner.model_fields) if owner is not None else []


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping found at `loc`, if any."""
    annotation: Any = model
    for part in loc:
        owner = _as_model(annotation)
        if owner is not None:
            if not isinstance(part, str) or part not in owner.model_fields:
                return None
            annotation = owner.model_fields[part].annotation
            continue
        annotation = _element(annotation)
        if annotation is None:
            return None
    return _as_model(annotation)


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _as_model(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [_as_model(arg) for arg in typing.get_args(annotation)]
        members = [member for member in members if member is not None]
        return members[0] if len(members) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _element(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        annotation = _unwrap(options[0]) if len(options) == 1 else None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None
