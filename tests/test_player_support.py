"""Shared pieces of the player tests: the mini deck, a window fixture, frame helpers."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import QCoreApplication, QEvent, QRectF  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from zzkiosk.deck import plain  # noqa: E402
from zzkiosk.deck.loader import load_deck  # noqa: E402

MINI = Path(__file__).parent / "decks" / "mini"
"""Four slides in two sections: cut, fade, slide (left) and zoom transitions; loops."""


def mini_deck(**kiosk):
    """The mini deck, with kiosk settings overridden (e.g. loop=False)."""
    deck = load_deck(MINI)
    if not kiosk:
        return deck
    from dataclasses import replace

    return replace(deck, kiosk=plain.replace(deck.kiosk, **kiosk))


def flush_deletes():
    """Run pending deleteLater() calls now."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()


def is_flat(image: QImage) -> bool:
    """True when every sampled pixel has the same colour (an empty frame)."""
    first = image.pixel(0, 0)
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return all(
        image.pixel(x, y) == first
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    )


def grab(widget) -> QImage:
    """What the widget shows now, as a 32-bit image."""
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def canvas_of(window) -> QRectF:
    """Where the canvas lands in the window's view, in view pixels."""
    return window.stage.view.canvas_rect()

