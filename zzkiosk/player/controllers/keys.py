"""Key bindings as data: the default table, the deck's overrides, and key names checked for people.

Staff write key names the way keyboards print them ("PageDown", "Esc", "Ctrl+Right");
Qt spells some differently ("PgDown"). Both are accepted; an unknown name is an error
that says what was meant, before the show starts.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "next": ("Right", "Down", "PageDown", "Space", "N", "Return", "Enter"),
    "previous": ("Left", "Up", "PageUp", "Backspace", "P"),
    "first": ("Home",),
    "last": ("End",),
    "next_section": ("Ctrl+Right", "]"),
    "previous_section": ("Ctrl+Left", "["),
    "overview": ("O", "Esc"),
    "black": ("B", "."),
    "white": ("W",),
    "pause": ("K",),
    "fullscreen": ("F",),
    "help": ("?",),
}
"""Keys of each action (DESIGN.md's key table); the deck's `kiosk.keys` replaces an action's list."""

ACTION_LABELS: dict[str, str] = {
    "next": "下一页 next",
    "previous": "上一页 previous",
    "first": "第一页 first",
    "last": "最后一页 last",
    "next_section": "下一部分 next section",
    "previous_section": "上一部分 previous section",
    "overview": "总览 overview",
    "black": "黑屏 black screen",
    "white": "白屏 white screen",
    "pause": "暂停/继续自动播放 pause/resume",
    "fullscreen": "全屏切换（预览）fullscreen (preview)",
    "help": "帮助 help",
}
"""What each action is called in the help overlay (Chinese for guides, English for staff)."""

GO_TO_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
"""After typed digits, these keys go to that slide number instead of their own action."""

ALIASES: dict[str, str] = {
    "pagedown": "PgDown", "pageup": "PgUp", "page down": "PgDown", "page up": "PgUp",
    "escape": "Esc", "delete": "Del", "insert": "Ins", "spacebar": "Space",
    "arrowright": "Right", "arrowleft": "Left", "arrowup": "Up", "arrowdown": "Down",
    "control": "Ctrl", "option": "Alt", "cmd": "Meta", "win": "Meta", "super": "Meta",
}
"""Names people write (lower case) -> the name Qt's portable key text uses."""


READABLE: dict[str, str] = {
    "PgDown": "PageDown", "PgUp": "PageUp", "Right": "→", "Left": "←", "Up": "↑", "Down": "↓",
}
"""Qt's key text -> what the help overlay shows."""


class KeyNameError(ValueError):
    """A key name in the bindings that names no key; the message says which and what was meant."""


def parse_key(name: str) -> QKeyCombination:
    """The key combination named `name` ("PageDown", "pgdown", "Ctrl+Right", "?", "Ctrl++").

    Raises KeyNameError, with a "did you mean" when a known name is close.
    """
    text = "+".join(ALIASES.get(part.strip().lower(), part.strip()) for part in _parts(name))
    sequence = QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1 or sequence[0].key() == Qt.Key.Key_unknown:
        raise KeyNameError(_unknown(name))
    return sequence[0]


def _parts(name: str) -> list[str]:
    """Split at '+', keeping a '+' key itself ("Ctrl++" -> Ctrl, +)."""
    parts = name.split("+")
    if len(parts) > 1 and parts[-1] == "" and parts[-2] == "":
        parts = [*parts[:-2], "+"]
    return parts


def _unknown(name: str) -> str:
    last = name.split("+")[-1].strip() or name
    hint = difflib.get_close_matches(last.lower(), list(_known_names()), n=1, cutoff=0.6)
    prefix = name[: len(name) - len(name.split("+")[-1])]
    meant = f"; did you mean '{prefix}{_known_names()[hint[0]]}'?" if hint else ""
    return (f"'{name}' is not a key name{meant} "
            "(write keys like Right, PageDown, Space, Ctrl+Right, B, ?)")


_KNOWN: dict[str, str] = {}


def _known_names() -> dict[str, str]:
    """lower-case name -> the spelling to suggest (Qt's key names and the aliases)."""
    if not _KNOWN:
        for attribute in dir(Qt.Key):
            if attribute.startswith("Key_"):
                _KNOWN[attribute[4:].lower()] = attribute[4:]
        _KNOWN.update({alias: alias.title().replace(" ", "") for alias in ALIASES})
        _KNOWN.update({"pagedown": "PageDown", "pageup": "PageUp"})
    return _KNOWN


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


PREVIEW_CLOSE_KEYS = ("Ctrl+Q", "Ctrl+W")
"""Keys that close the windowed preview (in kiosk mode they do nothing)."""


def kiosk_key_table(keys: Mapping[str, Sequence[str]], quit_chord: str) -> dict[QKeyCombination, str]:
    """The whole table of a show: defaults with the deck's `kiosk.keys`, the staff quit chord
    ("quit") and the preview's close keys ("close"). Raises KeyNameError naming the setting."""
    table = {combination: "close" for combination in map(parse_key, PREVIEW_CLOSE_KEYS)}
    table.update(key_table(bindings_with(keys), overridden=tuple(keys)))
    try:
        table[parse_key(quit_chord)] = "quit"
    except KeyNameError as error:
        raise KeyNameError(f"kiosk.quit_chord: {error}") from None
    return table


def deck_key_problems(deck: Deck) -> list[str]:
    """The problem with the deck's `kiosk.keys` or `kiosk.quit_chord` if one names no key
    (`deck.yaml: kiosk.keys.next: 'PageDwn' is not a key name; ...`), else nothing: checked
    before a show starts and before a reloaded deck is accepted."""
    try:
        kiosk_key_table(deck.kiosk.keys, deck.kiosk.quit_chord)
    except KeyNameError as error:
        return [f"{deck.file}: {error}"]
    return []
