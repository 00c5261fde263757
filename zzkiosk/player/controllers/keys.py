"""Key bindings as Qt key combinations: the default table, the deck's overrides, the help card's key text.

The action table (zzkiosk.show.actions) gives each action's default keys; the key-name
table (zzkiosk.show.keynames, which the deck loader checks too) turns staff's names into
Qt's. An unknown name is an error that says what was meant, before the show starts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence

from zzkiosk.show.actions import ACTIONS, DEFAULT_KEYS
from zzkiosk.show.keynames import KeyNameError, canonical_key

__all__ = ["DEFAULT_KEYS", "GO_TO_KEYS", "KeyNameError", "bindings_with", "key_table", "key_text",
           "kiosk_key_table", "parse_key"]

GO_TO_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
"""After typed digits, these keys go to that slide number instead of their own action."""

READABLE: dict[str, str] = {
    "PgDown": "PageDown", "PgUp": "PageUp", "Right": "→", "Left": "←", "Up": "↑", "Down": "↓",
}
"""Qt's key text -> what the help overlay shows."""


def parse_key(name: str) -> QKeyCombination:
    """The key combination named `name` ("PageDown", "pgdown", "Ctrl+Right", "?", "Ctrl++").

    Raises KeyNameError, with a "did you mean" when a known name is close.
    """
    sequence = QKeySequence.fromString(canonical_key(name), QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1 or sequence[0].key() == Qt.Key.Key_unknown:
        raise KeyNameError(f"'{name}' is not a key name Qt knows")  # the key-name table and Qt disagree
    return sequence[0]


def bindings_with(overrides: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    """The default bindings with each action in `overrides` given its own key list instead."""
    merged = dict(DEFAULT_KEYS)
    merged.update({action: tuple(names) for action, names in (overrides or {}).items()})
    return merged


def key_table(bindings: Mapping[str, Sequence[str]],
              overridden: Sequence[str] = ()) -> dict[QKeyCombination, str]:
    """Turn action -> key names into key combination -> action.

    A key claimed by an `overridden` action (the deck's own choice) wins over a default
    binding of the same key. Raises KeyNameError naming the action and the bad name.
    """
    table: dict[QKeyCombination, str] = {}
    ordered = [a for a in bindings if a not in overridden] + [a for a in bindings if a in overridden]
    for action in ordered:
        for name in bindings[action]:
            try:
                table[parse_key(name)] = action
            except KeyNameError as error:
                raise KeyNameError(f"kiosk.keys.{action}: {error}") from None
    return table


def key_text(combination: QKeyCombination) -> str:
    """A key combination as people read it (PageDown rather than PgDown)."""
    text = QKeySequence(combination).toString(QKeySequence.SequenceFormat.PortableText)
    *modifiers, key = text.rsplit("+", 1) if not text.endswith("++") else (text[:-2], "+")
    return "+".join([*modifiers, READABLE.get(key, key)])


def kiosk_key_table(keys: Mapping[str, Sequence[str]], quit_chord: str) -> dict[QKeyCombination, str]:
    """The whole table of a show: defaults with the deck's `kiosk.keys`, the staff quit chord
    ("quit") and the preview's close keys ("close"). Raises KeyNameError naming the setting."""
    table = {combination: "close" for combination in map(parse_key, ACTIONS["close"].keys)}
    table.update(key_table(bindings_with(keys), overridden=tuple(keys)))
    try:
        table[parse_key(quit_chord)] = "quit"
    except KeyNameError as error:
        raise KeyNameError(f"kiosk.quit_chord: {error}") from None
    return table
