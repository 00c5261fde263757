"""ErrorBanner: in the windowed preview, why the last edit was refused, over the show."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from zzkiosk.i18n import N_, tr

MAX_LINES = 8
"""Problems listed at most; the rest are counted (the log has them all)."""

HEADING = N_("The edit was not applied; the last good deck keeps playing:")
"""First line of the banner, for content staff (translated when shown)."""

STYLE_SHEET = (
    "QLabel { background: rgba(20, 20, 20, 225); color: #ffd966;"
    " border-bottom: 3px solid #ffd966; padding: 10px 16px; }"
)
"""Light text on a dark strip: readable over any slide."""


def banner_text(problems: list[str]) -> str:
    """The banner's text: the heading, then one problem per line (at most MAX_LINES)."""
    lines = [tr(HEADING), *problems[:MAX_LINES]]
    if len(problems) > MAX_LINES:
        lines.append(tr("… {count} more problem(s): see the log", count=len(problems) - MAX_LINES))
    return "\n".join(lines)


class ErrorBanner(QLabel):
    """A strip across the top of `window`, over the stage, listing a refused edit's problems.

    Hidden until `show_problems`; `clear` hides it again. It follows the window's width.
    Its font is the theme's family (registered by the app), so Chinese paths and
    messages show correctly.
    """

    def __init__(self, window: QWidget, family: str):
        super().__init__(window)
        self.set_family(family)
        self.setStyleSheet(STYLE_SHEET)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        window.installEventFilter(self)

    def set_family(self, family: str) -> None:
        """Write in font `family` from now on (the theme's, also after a reload)."""
        self.setFont(QFont(family, 11))

    @Slot(list)
    def show_problems(self, problems: list[str]) -> None:
        """List `problems` over the top of the window."""
        self.setText(banner_text(problems))
        self._fit()
        self.raise_()
        self.show()

    @Slot()
    def clear(self) -> None:
        """Hide the banner (the edit was fixed)."""
        self.hide()
        self.setText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's size."""
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def _fit(self) -> None:
        width = self.parentWidget().width()
        self.setGeometry(0, 0, width, min(self.heightForWidth(width), self.parentWidget().height()))
