"""The base of the deck's plain twins (zzkiosk.deck.plain) and of the machine settings'
(zzkiosk.control.plain, zzkiosk.fleet.plain): frozen value objects that cost nothing to define.

They are not dataclasses on purpose: making the 26 twins as frozen dataclasses took 15-30
ms at import (each dataclass generates and compiles its methods), a tenth of a warm start
and about what not importing pydantic's models saves. `Plain` gives them what the player
needs of a dataclass, once for all: keyword construction with defaults, frozen fields,
comparison and hashing by value, a repr, pickling (by the instance's dict), and `replace`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TWINS: dict[str, type[Plain]] = {}
"""Every twin (each subclass of Plain) by its name, which is its model's: the names are
unique across the deck's models (zzkiosk.deck.model, blocks, figures and theme)."""


class Factory:
    """The default of a field that holds a list or a dict (or depends on the machine, like
    its host name): made anew for each object."""

    def __init__(self, make: Callable[[], Any]):
        self.make = make
        """Makes the default value."""


class Plain:
    """Base of the twins: the class's annotations are its fields, in order; a class
    attribute is a field's default (a `Factory` for lists and dicts)."""

    _fields: tuple[str, ...] = ()
    """The field names, in the order of the model's fields."""
    _factories: dict[str, Factory] = {}
    """The fields whose default is made anew for each object."""

    def __init_subclass__(cls, deck: bool = True) -> None:
        """`deck=False` for a twin that is not part of a deck (the machine's settings: not in TWINS)."""
        cls._fields = tuple(cls.__dict__.get("__annotations__", {}))
        cls._factories = {name: cls.__dict__[name] for name in cls._fields
                          if isinstance(cls.__dict__.get(name), Factory)}
        for name in cls._factories:
            delattr(cls, name)
        if deck:
            TWINS[cls.__name__] = cls

    def __init__(self, **values: Any):
        unknown = values.keys() - set(self._fields)
        missing = [name for name in self._fields if name not in values and name not in self._factories
                   and not hasattr(type(self), name)]
        if unknown or missing:
            raise TypeError(f"{type(self).__name__}: unknown fields {sorted(unknown)}, missing {missing}")
        for name, factory in self._factories.items():
            if name not in values:
                values[name] = factory.make()
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: make a changed copy with replace()")

    __delattr__ = __setattr__

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self._fields)})"


def replace(twin: Plain, **changes: Any) -> Plain:
    """A copy of `twin` with `changes` (field=value), as dataclasses.replace does."""
    if not changes.keys() <= set(twin._fields):
        raise TypeError(f"{type(twin).__name__}: unknown fields {sorted(changes.keys() - set(twin._fields))}")
    made = object.__new__(type(twin))
    made.__dict__.update(twin.__dict__)  # the fields given when it was made; defaults stay on the class
    made.__dict__.update(changes)
    return made


def plain_of(value: Any) -> Any:
    """`value` with every validated model in it (in lists and dicts too) turned into its twin.

    Raises TypeError for a model without a twin, or whose fields differ from its twin's:
    a model changed without its twin must not play with a field missing."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [plain_of(item) for item in value]
    if kind is dict:
        return {key: plain_of(item) for key, item in value.items()}
    twin = _TWIN_OF.get(kind) or _twin_of(kind)
    if twin is None:
        return value
    # A model keeps its field values in its __dict__, in the order of its fields; every
    # field is there, so the twin's __init__ and its checks are not needed (~5x faster: the
    # 1,000-slide deck's slides convert in ~17 ms).
    values = dict(value.__dict__)
    for name, item in values.items():
        if type(item) not in _SCALARS:
            values[name] = plain_of(item)
    made = twin.__new__(twin)
    made.__dict__.update(values)
    return made


_SCALARS = frozenset({str, float, int, bool, type(None)})
_TWIN_OF: dict[type, type[Plain]] = {}


def _twin_of(model: type) -> type[Plain] | None:
    """The twin of class `model` when it is a validated model (None for anything else)."""
    fields = getattr(model, "model_fields", None)
    if fields is None:
        return None
    twin = TWINS.get(model.__name__)
    if twin is None or twin._fields != tuple(fields):
        raise TypeError(f"{model.__module__}.{model.__name__} has no twin with the same fields in zzkiosk.deck.plain")
    _TWIN_OF[model] = twin
    return twin
