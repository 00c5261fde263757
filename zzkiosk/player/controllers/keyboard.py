"""KeyboardController: presenter keys to named actions, through one table; digits then Enter go to a slide."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from zzkiosk.player.controllers.keys import DEFAULT_KEYS, GO_TO_KEYS, KeyNameError, key_table, kiosk_key_table

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.show import Show

log = logging.getLogger(__name__)

MAX_DIGITS = 4
"""A typed slide number is at most this long (a 9,999-slide deck)."""

DIGITS = {getattr(Qt.Key, f"Key_{digit}"): str(digit) for digit in range(10)}
"""Digit keys (top row and keypad) -> the digit."""


class KeyboardController(QObject):
    """Watches key presses on a widget (and those its children leave unhandled) and runs actions.

    Every bound key runs its action through `show.run(action, "keyboard")`; `table` maps
    key combinations to action names (default: DEFAULT_KEYS; `configure(deck)` binds the
    deck's `kiosk.keys` and quit chord). Digits typed and then Enter go to that 1-based
    slide number (each digit is presenter input). Keys without an action pass through.
    """

    number_changed = Signal(str)
    """The slide number typed so far changed ("" once it is used or dropped)."""

    def __init__(self, source: QObject, show: Show, table: Mapping[QKeyCombination, str] | None = None):
        super().__init__(source)
        self._source = source
        self._show = show
        self._table = dict(key_table(DEFAULT_KEYS) if table is None else table)
        self._number = ""

    def bind(self) -> None:
        """Start watching the source's key presses."""
        self._source.installEventFilter(self)

    def unbind(self) -> None:
        """Stop watching."""
        self._source.removeEventFilter(self)
        self._set_number("")

    def configure(self, deck: Deck) -> None:
        """Bind the keys of `deck` (its `kiosk.keys` and quit chord) from now on. The loader
        refuses a deck with a bad key name; should one come in another way, the keys in
        use stay (logged), never a traceback."""
        try:
            self._table = kiosk_key_table(deck.kiosk.keys, deck.kiosk.quit_chord)
        except KeyNameError as error:
            log.error("%s: %s; the keys stay as they were", deck.file, error)

    @property
    def table(self) -> dict[QKeyCombination, str]:
        """Key combination -> action name, as bound now."""
        return dict(self._table)

    def action_for(self, event: QKeyEvent) -> str | None:
        """The action bound to the key of `event`, if any (keypad or not; Shift+/ is ?)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = Qt.Key(event.key())
        action = self._table.get(QKeyCombination(modifiers, key))
        if action is None and modifiers & Qt.KeyboardModifier.ShiftModifier:
            action = self._table.get(QKeyCombination(modifiers & ~Qt.KeyboardModifier.ShiftModifier, key))
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Run the action of a bound key press and swallow it; let everything else through."""
        # hasattr: during teardown Qt may call a fresh wrapper whose Python state is gone
        if event.type() != QEvent.Type.KeyPress or not hasattr(self, "_table"):
            return False
        return self._typed_number(event) or self._run(self.action_for(event))

    def _typed_number(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        plain = not (event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier))
        if plain and key in DIGITS:
            self._show.note_input("keyboard", "go_to")
            if len(self._number) < MAX_DIGITS:
                self._set_number(self._number + DIGITS[key])
            return True
        if not self._number:
            return False
        if key == Qt.Key.Key_Backspace:
            self._set_number(self._number[:-1])
            return True
        if key in GO_TO_KEYS:
            index = min(max(int(self._number), 1), self._show.presentation.count) - 1
            self._set_number("")
            self._show.run("go_to", "keyboard", index)
            return True
        self._set_number("")
        return False

    def _run(self, action: str | None) -> bool:
        return action is not None and self._show.run(action, "keyboard")

    def _set_number(self, number: str) -> None:
        if number != self._number:
            self._number = number
            self.number_changed.emit(number)
