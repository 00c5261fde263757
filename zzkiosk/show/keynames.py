"""Key names as staff write them, checked without Qt: the loader and the player share this table.

Staff write keys the way keyboards print them ("PageDown", "Esc", "Ctrl+Right"); Qt's
portable key text spells some differently ("PgDown"). `canonical_key` turns a staff name
into Qt's text, or raises KeyNameError with a did-you-mean. The player hands the result to
QKeySequence; a test checks that Qt reads every name here, so `zzkiosk validate` refuses
exactly the key names the player refuses.
"""

from __future__ import annotations

import difflib

from zzkiosk.i18n import tr

MODIFIERS: dict[str, str] = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Meta"}
"""Modifier names (lower case) -> Qt's text."""

_NAMED = (
    "Right Left Up Down PgUp PgDown Home End Space Return Enter Esc Backspace Tab Backtab "
    "Del Ins Pause Print SysReq Clear Menu Help CapsLock NumLock ScrollLock Back Forward Stop "
    "Refresh Reload Play Select Cancel Exit Go"
).split()
_MEDIA = (
    "Media Play", "Media Pause", "Media Stop", "Media Next", "Media Previous", "Media Record",
    "Media Rewind", "Media Fast Forward", "Toggle Media Play/Pause", "Volume Up", "Volume Down",
    "Volume Mute", "Channel Up", "Channel Down",
)
KEY_NAMES: tuple[str, ...] = (
    *_NAMED, *_MEDIA,
    *(f"F{number}" for number in range(1, 36)),
    *(chr(code) for code in range(ord("A"), ord("Z") + 1)),
    *(str(digit) for digit in range(10)),
    *"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
)
"""Every key (without modifiers) in Qt's portable spelling."""

ALIASES: dict[str, str] = {
    "pagedown": "PgDown", "pageup": "PgUp", "page down": "PgDown", "page up": "PgUp",
    "escape": "Esc", "delete": "Del", "insert": "Ins", "spacebar": "Space",
    "arrowright": "Right", "arrowleft": "Left", "arrowup": "Up", "arrowdown": "Down",
    "control": "Ctrl", "option": "Alt", "cmd": "Meta", "win": "Meta", "super": "Meta",
}
"""Names people write (lower case) -> the name Qt's portable key text uses."""

SUGGESTED: dict[str, str] = {"PgDown": "PageDown", "PgUp": "PageUp"}
"""Qt spellings that a did-you-mean shows the way keyboards print them."""

_BY_LOWER: dict[str, str] = {name.lower(): name for name in KEY_NAMES}


class KeyNameError(ValueError):
    """A key name that names no key; the message says which and what was meant."""


def canonical_key(name: str) -> str:
    """Qt's portable text for the key combination `name` ("pagedown" -> "PgDown",
    "ctrl+right" -> "Ctrl+Right", "Ctrl++" -> "Ctrl++"). Raises KeyNameError."""
    *modifiers, key = _parts(name)
    words = [MODIFIERS.get(ALIASES.get(part.lower(), part).lower()) for part in modifiers]
    found = _BY_LOWER.get(ALIASES.get(key.lower(), key).lower())
    if found is None or None in words or not key:
        raise KeyNameError(_unknown(name))
    return "+".join([*words, found])


def _parts(name: str) -> list[str]:
    """Split at '+', keeping a '+' key itself ("Ctrl++" -> Ctrl, +)."""
    parts = [part.strip() for part in name.split("+")]
    if len(parts) > 1 and parts[-1] == "" and parts[-2] == "":
        parts = [*parts[:-2], "+"]
    return parts


def _unknown(name: str) -> str:
    last = name.split("+")[-1].strip() or name
    prefix = name[: len(name) - len(name.split("+")[-1])]
    choices = {**_BY_LOWER, **{alias: _spelled(alias) for alias in ALIASES}, **{m: m.title() for m in MODIFIERS}}
    hint = difflib.get_close_matches(last.lower(), list(choices), n=1, cutoff=0.6)
    meant = ""
    if hint:
        meant = tr("; did you mean '{key}'?", key=prefix + SUGGESTED.get(choices[hint[0]], choices[hint[0]]))
    return tr("'{name}' is not a key name{meant} (write keys like Right, PageDown, Space, Ctrl+Right, B, ?)",
              name=name, meant=meant)


def _spelled(alias: str) -> str:
    return {"pagedown": "PageDown", "pageup": "PageUp"}.get(alias, alias.title().replace(" ", ""))


def key_name_problems(keys: dict[str, list[str]], quit_chord: str) -> list[tuple[tuple, str]]:
    """Every bad name in a deck's `kiosk.keys` and `kiosk.quit_chord`, as (where in
    deck.yaml, message): where is the path (`("kiosk", "keys", "next", 0)`)."""
    problems = []
    for action, names in keys.items():
        for index, name in enumerate(names):
            try:
                canonical_key(name)
            except KeyNameError as error:
                problems.append((("kiosk", "keys", action, index), f"kiosk.keys.{action}: {error}"))
    try:
        canonical_key(quit_chord)
    except KeyNameError as error:
        problems.append((("kiosk", "quit_chord"), f"kiosk.quit_chord: {error}"))
    return problems
