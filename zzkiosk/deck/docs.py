"""Field descriptions from the models' attribute docstrings, read only when needed.

pydantic can collect these itself (`use_attribute_docstrings`), but it parses the source
of every model at import, about 60 ms of every start. The descriptions are needed only to
explain a missing key and to export the JSON Schema, so they are read here, on demand.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import lru_cache

from pydantic import BaseModel


@lru_cache(maxsize=None)
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring (the string right under its annotation), inherited ones too."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__.startswith("zzkiosk."):
            docs.update(_own_docs(cls))
    return docs


def _own_docs(cls: type) -> dict[str, str]:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source (a frozen build without .py files)
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for statement, following in zip(body, body[1:]):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def models_in(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from `model` through its fields, by class name."""
    found: dict[str, type[BaseModel]] = {}
    pending = [model]
    while pending:
        current = pending.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        for field in current.model_fields.values():
            pending.extend(_models_of(field.annotation))
    return found


def _models_of(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in getattr(annotation, "__args__", ()) for model in _models_of(argument)]
