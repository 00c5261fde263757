"""KeyboardController: presenter keys to named actions, through one table; digits then Enter go to a slide."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from zzkiosk.player.controllers.keys import DEFAULT_KEYS, GO_TO_KEYS, key_table

MAX_DIGITS = 4
"""A typed slide number is at most this long (a 9,999-slide deck)."""

DIGITS = {getattr(Qt.Key, f"Key_{digit}"): str(digit) for digit in range(10)}
"""Digit keys (top row and keypad) -> the digit."""


class KeyboardController(QObject):
    """Watches key presses on a widget (and those its children leave unhandled) and runs actions.

    `actions` maps action names (next, overview, quit, ...) to callables; `table` maps
    key combinations to action names (default: DEFAULT_KEYS). Digits typed and then
    Enter call `go_to` with that 1-based slide number. Keys without an action pass
    through untouched.
    """

    used = Signal(str)
    """A key ran this action (or "go_to" for each digit of a slide number)."""
    number_changed = Signal(str)
    """The slide number typed so far changed ("" once it is used or dropped)."""

    def __init__(self, source: QObject, actions: Mapping[str, Callable[[], None]],
                 table: Mapping[QKeyCombination, str] | None = None,
                 go_to: Callable[[int], None] | None = None):
        super().__init__(source)
        self._source = source
        self._actions = dict(actions)
        self._table = dict(key_table(DEFAULT_KEYS) if table is None else table)
        self._go_to = go_to
        self._number = ""

    def bind(self) -> None:
        """Start watching the source's key presses."""
        self._source.installEventFilter(self)

    def unbind(self) -> None:
        """Stop watching."""
        self._source.removeEventFilter(self)
        self._set_number("")

    def set_table(self, table: Mapping[QKeyCombination, str]) -> None:
        """Bind keys by `table` from now on (a reloaded deck's `kiosk.keys` and quit chord)."""
        self._table = dict(table)

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
        if plain and key in DIGITS and self._go_to is not None:
            self.used.emit("go_to")
            if len(self._number) < MAX_DIGITS:
                self._set_number(self._number + DIGITS[key])
            return True
        if not self._number:
            return False
        if key == Qt.Key.Key_Backspace:
            self._set_number(self._number[:-1])
            return True
        if key in GO_TO_KEYS:
            number = int(self._number)
            self._set_number("")
            self._go_to(number)
            return True
        self._set_number("")
        return False

    def _run(self, action: str | None) -> bool:
        run = self._actions.get(action) if action else None
        if run is None:
            return False
        self.used.emit(action)
        run()
        return True

    def _set_number(self, number: str) -> None:
        if number != self._number:
            self._number = number
            self.number_changed.emit(number)
