"""Shared pieces of the player tests: the mini deck, a stand-in slide scene, a window fixture.

The stand-in has the API of zzkiosk.render.scene.SlideScene (sceneRect = canvas,
entrance_duration, set_entrance_time, finish_entrance) and draws a distinct picture for
every slide, so that frames of a transition can be told apart. It is used while the real
scene is not in the tree, and by the tests that count scenes.
"""

import os
import zlib

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QLinearGradient  # noqa: E402
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem  # noqa: E402

from zzkiosk.deck.loader import load_deck  # noqa: E402

MINI = Path(__file__).parent / "decks" / "mini"
"""Four slides in two sections: cut, fade, slide (left) and zoom transitions; loops."""


def mini_deck(**kiosk):
    """The mini deck, with kiosk settings overridden (e.g. loop=False)."""
    deck = load_deck(MINI)
    if not kiosk:
        return deck
    from dataclasses import replace

    return replace(deck, kiosk=deck.kiosk.model_copy(update=kiosk))


class StandInScene(QGraphicsScene):
    """A slide scene with the renderer's API: gradient, title, one bar per block rising in."""

    live = 0
    """Scenes constructed and not yet destroyed."""

    def __init__(self, deck, section, slide):
        super().__init__()
        width, height = deck.canvas
        self.setSceneRect(0, 0, width, height)
        hue = zlib.crc32(slide.id.encode()) % 360
        gradient = QLinearGradient(0, 0, 0, height)
        gradient.setColorAt(0, QColor.fromHsv(hue, 200, 160))
        gradient.setColorAt(1, QColor.fromHsv(hue, 230, 60))
        background = QGraphicsRectItem(0, 0, width, height)
        background.setBrush(QBrush(gradient))
        background.setPen(Qt.PenStyle.NoPen)
        self.addItem(background)
        title = QGraphicsSimpleTextItem(slide.title or slide.id)
        title.setFont(QFont("Sans", 40))
        title.setScale(2.0)
        title.setBrush(QColor("white"))
        title.setPos(96, 96)
        self.addItem(title)
        self._entrance = slide.entrance
        self._bars = [self._bar(i, width) for i in range(max(1, len(slide.blocks)))]
        quiet = slide.entrance.type == "none"
        self.entrance_duration = 0.0 if quiet else slide.entrance.duration + slide.entrance.stagger * (len(self._bars) - 1)
        StandInScene.live += 1
        self.destroyed.connect(_forget_one)

    def _bar(self, number, width):
        bar = QGraphicsRectItem(0, 0, width - 192, 120)
        bar.setBrush(QColor("#f5c86b"))
        bar.setPen(Qt.PenStyle.NoPen)
        bar.setData(0, 400 + number * 160)
        self.addItem(bar)
        return bar

    def set_entrance_time(self, seconds):
        """Each bar rises 60 px while it fades in, one after the other."""
        for number, bar in enumerate(self._bars):
            if self.entrance_duration <= 0:
                share = 1.0
            else:
                share = (seconds - number * self._entrance.stagger) / self._entrance.duration
                share = min(max(share, 0.0), 1.0)
            bar.setOpacity(share)
            bar.setPos(96, bar.data(0) + 60 * (1 - share))

    def finish_entrance(self):
        """The final picture."""
        self.set_entrance_time(max(self.entrance_duration, 0.0) + 1.0)


def _forget_one():
    StandInScene.live -= 1


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


@pytest.fixture
def player(qtbot):
    """A factory: player(width, height, **kiosk) -> a shown PlayerWindow on the mini deck, started."""
    from zzkiosk.player.window import PlayerWindow

    def make(width=1280, height=720, **kiosk):
        window = PlayerWindow(mini_deck(**kiosk), scene_factory=StandInScene)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        window.presentation.start()
        return window

    return make


def canvas_of(window) -> QRectF:
    """Where the canvas lands in the window's view, in view pixels."""
    return window.stage.view.canvas_rect()
