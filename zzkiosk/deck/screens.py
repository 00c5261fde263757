"""Screen choices: a screen number (0 is the first) or a screen's name.

The deck's `kiosk.screen`, the command line's `--screen` and the player all read a choice
through `parse_screen`, so `validate` refuses exactly what the player could not use.
"""

from __future__ import annotations

import unicodedata

from zzkiosk.deck.errors import DeckValueError
from zzkiosk.i18n import tr

MAX_SCREEN_NUMBER = 99
"""Highest screen number accepted (a hall machine drives a handful)."""
MAX_SCREEN_NAME = 64
"""Longest screen name accepted (X and Wayland output names are a few characters: HDMI-1)."""


def parse_screen(value: object) -> int | str | None:
    """`value` as a screen number, a screen name, or None (not given).

    Raises ValueError, in words for staff, for anything else: a negative or huge number,
    true/false, a number written with other digits than 0-9 (①, ², ١), control
    characters, or a name too long to be one.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise DeckValueError("not-a-screen", tr("the screen is a number (0 is the first screen) or a screen's name, like HDMI-1"))
    if isinstance(value, int):
        return _number(value)
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return _number(int(text))
    _check_name(text)
    return text


def _number(number: int) -> int:
    if not 0 <= number <= MAX_SCREEN_NUMBER:
        raise DeckValueError("not-a-screen", tr(
            "screen number {number} does not exist: 0 is the first screen, 1 the second ...", number=str(number)[:12]))
    return number


def _check_name(text: str) -> None:
    shown = text if len(text) <= 20 else f"{text[:20]}…"
    if any(not char.isascii() and unicodedata.numeric(char, None) is not None for char in text):
        raise DeckValueError("not-a-screen", tr(
            "'{name}' is not a screen number: write the number with the digits 0-9 "
            "(like 1), or give the screen's name (like HDMI-1)", name=shown))
    if any(unicodedata.category(char).startswith("C") for char in text):
        raise DeckValueError("not-a-screen", tr("the screen name has control or invisible characters: type it again, like HDMI-1"))
    if len(text) > MAX_SCREEN_NAME:
        raise DeckValueError("not-a-screen", tr(
            "'{name}' is {length} characters long: no screen has such a name "
            "(names are short, like HDMI-1; at most {limit})", name=shown, length=len(text), limit=MAX_SCREEN_NAME))
