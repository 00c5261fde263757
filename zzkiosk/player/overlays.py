"""Overlays over the stage: black/white screen, the help card, the typed slide number.

Each is a child widget of the player window, raised above the stage. They paint only
when shown or changed; the blank screen and the help card are opaque, so nothing under
them is repainted while they are up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QKeyCombination, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from zzkiosk.player.controllers.keys import key_text
from zzkiosk.i18n import N_, tr
from zzkiosk.show.actions import ACTION_TABLE, ACTIONS

POINTER_HELP: tuple[tuple[str, str], ...] = (
    ("next", N_("left click · wheel down · swipe left · tap")),
    ("previous", N_("right click · wheel up · swipe right")),
    ("go_to", N_("number then Enter")),
)
"""Help rows for inputs that are not keys: (action, how), translated when shown."""


def _font(family: str, pixels: int, *, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPixelSize(max(8, pixels))
    font.setBold(bold)
    return font


class BlankScreen(QWidget):
    """Covers the whole window in one colour (black or white) while the presenter wants it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._colour = QColor(Qt.GlobalColor.black)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    @property
    def colour(self) -> str | None:
        """"black" or "white" while shown, else None."""
        if self.isHidden():
            return None
        return "white" if self._colour == QColor(Qt.GlobalColor.white) else "black"

    def dismiss(self) -> None:
        """Take the colour away."""
        self.hide()

    def cover(self, colour: str) -> None:
        """Cover the window in `colour` ("black" or "white")."""
        self._colour = QColor(colour)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """One flat colour."""
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._colour)
        painter.end()


class HelpCard(QWidget):
    """An opaque card listing every action with its keys, and the pointer and touch gestures."""

    def __init__(self, parent: QWidget, family: str, background: str, text: str, accent: str):
        super().__init__(parent)
        self.set_look(family, background, text, accent)
        self._rows: list[tuple[str, str]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def set_look(self, family: str, background: str, text: str, accent: str) -> None:
        """Draw in the theme's font `family` and colours from now on."""
        self._family = family
        self._colours = QColor(background).darker(250), QColor(text), QColor(accent)
        self.update()

    @property
    def rows(self) -> list[tuple[str, str]]:
        """What the card lists: (action, its keys or gestures), in order."""
        return list(self._rows)

    def set_keys(self, table: Mapping[QKeyCombination, str], quit_chord: Sequence[QKeyCombination] = ()) -> None:
        """List the keys of `table` under each action, in the order of the action table."""
        keys: dict[str, list[str]] = {}
        for combination, action in table.items():
            keys.setdefault(action, []).append(key_text(combination))
        self._rows = [(spec.label, "   ".join(keys[spec.name])) for spec in ACTION_TABLE
                      if spec.bindable and spec.name in keys]
        self._rows += [(ACTIONS[name].label, tr(how)) for name, how in POINTER_HELP]
        if quit_chord:
            self._rows.append((ACTIONS["quit"].label, "   ".join(key_text(k) for k in quit_chord)))
        self.update()

    def dismiss(self) -> None:
        """Take the card away."""
        self.hide()

    def open(self) -> None:
        """Show the card over the window."""
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Title, then one row per action: its name on the left, its keys on the right."""
        background, text, accent = self._colours
        painter = QPainter(self)
        painter.fillRect(self.rect(), background)
        row = max(16, min(self.height() // (len(self._rows) + 4), self.width() // 30))
        left, top = self.width() // 10, row * 2
        painter.setFont(_font(self._family, round(row * 0.9), bold=True))
        painter.setPen(accent)
        painter.drawText(QRect(left, row // 2, self.width() - 2 * left, row * 3 // 2),
                         Qt.AlignmentFlag.AlignVCenter, tr("Keys"))
        name_font, keys_font = _font(self._family, round(row * 0.55), bold=True), _font(self._family, round(row * 0.55))
        split = left + (self.width() - 2 * left) * 7 // 20
        for number, (label, keys) in enumerate(self._rows):
            y = top + number * row
            painter.setPen(text)
            painter.setFont(name_font)
            painter.drawText(QRect(left, y, split - left, row), Qt.AlignmentFlag.AlignVCenter, label)
            painter.setFont(keys_font)
            elided = QFontMetrics(keys_font).elidedText(keys, Qt.TextElideMode.ElideRight, self.width() - left - split)
            painter.drawText(QRect(split, y, self.width() - left - split, row), Qt.AlignmentFlag.AlignVCenter, elided)
        painter.end()


class NumberPrompt(QWidget):
    """Shows the slide number being typed ("→ 12"), in the middle of the canvas's lower part."""

    def __init__(self, parent: QWidget, family: str, colour: str):
        super().__init__(parent)
        self.set_look(family, colour)
        self._number = ""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def set_look(self, family: str, colour: str) -> None:
        """Show the number in font `family` and `colour` from now on."""
        self._family, self._colour = family, QColor(colour)
        self.update()

    def set_number(self, number: str, canvas: QRect) -> None:
        """Show `number` over `canvas` (window pixels); hide when it is empty."""
        self._number = number
        if not number:
            self.hide()
            return
        height = max(24, canvas.height() // 9)
        self.setGeometry(canvas.center().x() - height * 2, canvas.bottom() - height * 2, height * 4, height)
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A dark rounded box with the number in it."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(self.rect(), self.height() / 5, self.height() / 5)
        painter.setPen(self._colour)
        painter.setFont(_font(self._family, round(self.height() * 0.6), bold=True))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, f"→ {self._number}")
        painter.end()
