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
from zzkiosk.i18n import N_, tr, translated

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": N_("text"),
    "float_type": N_("a number"),
    "int_type": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "bool_type": N_("true or false"),
    "list_type": N_("a list (lines starting with '- ')"),
    "dict_type": N_("a mapping (`key: value` lines)"),
    "model_type": N_("a mapping (`key: value` lines)"),
    "model_attributes_type": N_("a mapping (`key: value` lines)"),
    "float_parsing": N_("a number"),
    "int_parsing": N_("a whole number"),
    "bool_parsing": N_("true or false"),
}
"""pydantic's type errors -> what the value should be, in words for staff."""

_LIMITS = {
    "greater_than_equal": ("too-small", N_("{name} must be at least {limit}"), "ge"),
    "greater_than": ("too-small", N_("{name} must be more than {limit}"), "gt"),
    "less_than_equal": ("too-large", N_("{name} must be at most {limit}"), "le"),
    "less_than": ("too-large", N_("{name} must be less than {limit}"), "lt"),
    "string_too_long": ("too-long", N_("{name} is too long: at most {limit} characters"), "max_length"),
    "too_long": ("too-many-items", N_("{name} has too many items: at most {limit}"), "max_length"),
    "string_too_short": ("empty-value", N_("{name} cannot be empty"), "min_length"),
    "too_short": ("too-few-items", N_("{name} needs at least {limit} item(s)"), "min_length"),
}
"""pydantic's range errors -> (code, message, the ctx entry holding the limit)."""


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
        return document.problem(loc, _unknown_key(model, loc), key=True, code="unknown-key")
    if kind == "missing" and loc:
        return document.problem(loc[:-1], _missing(model, loc), code="missing-key")
    code, message = _explain(model, loc, detail)
    return document.problem(loc, message, code=code)


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
    guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if guess:
        return tr("unknown key '{key}': did you mean '{guess}'?", key=key, guess=guess[0])
    if allowed:
        return tr("unknown key '{key}': allowed here are {allowed}", key=key, allowed=", ".join(allowed))
    return tr("unknown key '{key}'", key=key)


def _missing(model: type[BaseModel], loc: tuple) -> str:
    key = str(loc[-1])
    owner = _model_at(model, loc[:-1])
    description = field_docs(owner).get(key, "") if owner is not None else ""
    if description:  # the field's docstring, translated as the JSON Schema's descriptions are
        described = translated(description).rstrip(".。")
        return tr("'{key}' is required here ({description})", key=key, description=described)
    return tr("'{key}' is required here", key=key)


def _explain(model: type[BaseModel], loc: tuple, detail: dict) -> tuple[str, str]:
    """(code, message) for any error but an unknown or a missing key."""
    kind, given = detail["type"], detail.get("input")
    name = f"'{loc[-1]}'" if loc and isinstance(loc[-1], str) else tr("this value")
    if kind in _TYPE_NAMES:
        expected = tr(_TYPE_NAMES[kind])
        return "wrong-type", tr("{name} should be {expected}, not {given}", name=name, expected=expected,
                                given=_describe(given)) + _quote_hint(kind, given)
    if kind == "literal_error":
        return "not-allowed-value", _not_allowed(name, given, detail)
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "loop_sections") or _in_list_of(loc, "loop_sections"):
        return "bad-id", tr("id '{id}' is not usable: use letters, digits, - and _ (like review-2020), "
                            "starting with a letter or digit", id=given)
    if kind == "string_pattern_mismatch":
        return "not-a-colour", tr("{name} '{value}' is not a colour: write #rrggbb, like #8f0b0b", name=name, value=given)
    if kind in ("value_error", "assertion_error"):
        error = detail["ctx"]["error"]
        return getattr(error, "code", "invalid-value"), str(error)
    if kind in _LIMITS:
        code, message, limit = _LIMITS[kind]
        return code, tr(message, name=name, limit=detail.get("ctx", {}).get(limit, "?"))
    return "invalid-value", f"{name}: {detail['msg'][0].lower()}{detail['msg'][1:]}"


def _not_allowed(name: str, given: Any, detail: dict) -> str:
    allowed = [value.strip("'") for value in detail["ctx"]["expected"].replace(" or ", ", ").split(", ")]
    guess = difflib.get_close_matches(str(given), allowed, n=1, cutoff=0.5)
    if guess:
        return tr("{name} cannot be '{value}': allowed are {allowed}; did you mean '{guess}'?",
                  name=name, value=given, allowed=", ".join(allowed), guess=guess[0])
    return tr("{name} cannot be '{value}': allowed are {allowed}", name=name, value=given, allowed=", ".join(allowed))


def _in_list_of(loc: tuple, key: str) -> bool:
    return len(loc) >= 2 and loc[-2] == key


def _quote_hint(kind: str, given: Any) -> str:
    if kind == "string_type" and isinstance(given, (bool, int, float)) or given is None:
        return tr(" (put it in quotes: YAML reads yes/no/on/off as true/false and bare numbers as numbers)")
    return ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if value is None:
        return tr("nothing (an empty value)")
    if isinstance(value, dict):
        return tr("a mapping")
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, str):
        return tr("the text '{text}'", text=value[:30])
    return tr("the number {number}", number=value)


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
