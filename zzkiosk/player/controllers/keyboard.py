"""KeyboardController: presenter keys to presentation actions, through one table."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from zzkiosk.player.presentation import Presentation

DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "next": ("Right", "Down", "PgDown", "Space"),
    "previous": ("Left", "Up", "PgUp"),
    "first": ("Home",),
    "last": ("End",),
}
"""Keys of each action, as QKeySequence text (the same form as the deck's `kiosk.keys`)."""


def key_table(bindings: Mapping[str, tuple[str, ...] | list[str]]) -> dict[QKeyCombination, str]:
    """Turn action -> key names into key combination -> action (unparseable names are skipped)."""
    table: dict[QKeyCombination, str] = {}
    for action, names in bindings.items():
        for name in names:
            sequence = QKeySequence(name)
            if sequence.count() == 1 and sequence[0].key() != Qt.Key.Key_unknown:
                table[sequence[0]] = action
    return table


class KeyboardController(QObject):
    """Watches key presses on a widget and runs the action bound to each key.

    Actions are looked up by name in `actions` (by default the presentation's next,
    previous, first and last); keys without an action pass through untouched.
    """

    def __init__(self, presentation: Presentation, source: QObject,
                 bindings: Mapping[str, tuple[str, ...] | list[str]] = DEFAULT_KEYS):
        super().__init__(presentation)
        self._source = source
        self._table = key_table(bindings)
        self._actions: dict[str, Callable[[], None]] = {
            "next": presentation.next,
            "previous": presentation.previous,
            "first": presentation.first,
            "last": presentation.last,
        }

    def bind(self) -> None:
        """Start watching the source's key presses."""
        self._source.installEventFilter(self)

    def unbind(self) -> None:
        """Stop watching."""
        self._source.removeEventFilter(self)

    def action_for(self, event: QKeyEvent) -> str | None:
        """The action bound to the key of `event`, if any (keypad or not)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return self._table.get(QKeyCombination(modifiers, Qt.Key(event.key())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Run the action of a bound key press and swallow it; let everything else through."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        action = self.action_for(event)
        run = self._actions.get(action) if action else None
        if run is None:
            return False
        run()
        return True
