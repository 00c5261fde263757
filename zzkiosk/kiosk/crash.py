"""SlideCrashGuard: an exception raised while Qt paints a slide skips that slide.

Qt calls an item's `paint` (and `boundingRect`, ...) from its event loop, where the
presentation cannot catch anything; PySide6 hands such exceptions to `sys.excepthook`,
which in a kiosk logs the traceback and exits (zzkiosk.kiosk.logs). The guard sits in
front of that hook: an exception whose traceback runs through an item of the slide on
screen makes the presentation skip the slide; anything else goes on to the old hook.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.presentation import Presentation


class SlideCrashGuard(QObject):
    """A controller: `bind()` puts the guard in front of `sys.excepthook`, `unbind()` removes it."""

    def __init__(self, presentation: Presentation):
        super().__init__(presentation)
        self._presentation = presentation
        self._previous = sys.excepthook
        self._pending: QGraphicsScene | None = None

    def bind(self) -> None:
        """Catch exceptions from the slide on screen from now on."""
        if sys.excepthook != self._hook:
            self._previous = sys.excepthook
            sys.excepthook = self._hook

    def unbind(self) -> None:
        """Hand every exception to the hook that was there before."""
        if sys.excepthook == self._hook:
            sys.excepthook = self._previous

    def configure(self, deck: Deck) -> None:
        """Nothing of the deck changes how crashes are caught."""

    def _hook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not shiboken6.isValid(self) or not issubclass(kind, Exception):
            self._previous(kind, error, trace)
            return
        scene = self._presentation.scene
        if scene is None or not _raised_in(scene, trace):
            self._previous(kind, error, trace)
            return
        if self._pending is not scene:  # one skip per broken scene, however often it is painted
            self._pending = scene
            message = error.with_traceback(None)
            QTimer.singleShot(0, self, lambda: self._skip(scene, message))

    def _skip(self, scene: QGraphicsScene, error: BaseException) -> None:
        """Skip the slide (later than the paint that failed: never change scenes inside a paint)."""
        self._pending = None
        if self._presentation.scene is scene:
            self._presentation.skip_slide(error)


def _raised_in(scene: QGraphicsScene, trace: TracebackType | None) -> bool:
    """True when a frame of `trace` is a method of `scene` or of one of its items."""
    while trace is not None:
        owner = trace.tb_frame.f_locals.get("self")
        if owner is scene:
            return True
        if isinstance(owner, QGraphicsItem) and shiboken6.isValid(owner) and owner.scene() is scene:
            return True
        trace = trace.tb_next
    return False
