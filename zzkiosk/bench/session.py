"""What every in-process measurement shares: an offscreen application, fonts, a shown player."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop

from zzkiosk.qt_environment import prepare_qt_environment

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck

PORTRAIT = (1080, 1920)
"""A portrait screen; a landscape deck is played on it with a portrait canvas."""


def application():
    """The running QApplication, or a new one (offscreen unless QT_QPA_PLATFORM says otherwise)."""
    prepare_qt_environment(offscreen=True)
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["zzkiosk-bench"])


def deck_for_screen(deck: Deck, size: tuple[int, int]) -> Deck:
    """The deck as it would be written for a screen of `size`: portrait canvas on a portrait screen."""
    if size == PORTRAIT and deck.canvas[0] > deck.canvas[1]:
        return replace(deck, canvas=(deck.canvas[1], deck.canvas[0]))
    return deck


class Player:
    """A Stage of exactly the screen's size, shown (offscreen), with a Presentation on it.

    The same two parts the player window holds, without its controllers: the benchmark
    drives the presentation itself.
    """

    def __init__(self, deck: Deck, size: tuple[int, int]):
        from PySide6.QtGui import QColor

        from zzkiosk.player.presentation import Presentation
        from zzkiosk.player.stage import Stage
        from zzkiosk.render.fonts import register_deck_fonts
        from zzkiosk.render.memory import freeze_long_lived

        application()
        register_deck_fonts(deck)
        self.stage = Stage(deck.canvas, QColor(deck.theme.palette.background))
        self.stage.resize(*size)
        self.stage.show()
        self.presentation = Presentation(deck, self.stage, parent=self.stage)
        settle()
        freeze_long_lived()  # as the kiosk does once its first slide is up

    def close(self) -> None:
        """Close the window and free it with everything in it."""
        self.stage.close()
        self.stage.deleteLater()
        settle()


def settle() -> None:
    """Run pending events, repaints and deleteLater() calls now."""
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def stats(case: str, size: tuple[int, int], samples_ms: list[float], **extra) -> dict:
    """Median, p95, p99, max and share over one 60 Hz frame of a list of frame times."""
    ordered = sorted(samples_ms)
    count = len(ordered)

    def rank(share: float) -> float | None:
        if not ordered:
            return None
        return round(ordered[min(count - 1, max(0, math.ceil(share * count) - 1))], 2)  # nearest rank

    return {
        "case": case, "width": size[0], "height": size[1], "frames": count,
        "median_ms": round((ordered[(count - 1) // 2] + ordered[count // 2]) / 2, 2) if ordered else None,
        "p95_ms": rank(0.95), "p99_ms": rank(0.99),
        "max_ms": round(ordered[-1], 2) if ordered else None,
        "over_16_7_share": round(sum(1 for t in ordered if t > 16.7) / count, 4) if ordered else None,
        **extra,
    }
