"""Shared pieces of the navigation and kiosk tests: decks, a window fixture, real input events."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from zzkiosk.deck import plain  # noqa: E402


MINI = Path(__file__).parent / "decks" / "mini"
"""Four slides in two sections (one: 0-1, two: 2-3); loops; autoplay off."""

SECTIONS, PER_SECTION = 3, 8
"""The long deck: three sections of eight slides."""


def write_long_deck(folder: Path, kiosk: str = "  autoplay: false\n  loop: false\n") -> Path:
    """A deck of SECTIONS x PER_SECTION text slides with 0.3 s fades, written into `folder`."""
    names = [f"s{n}" for n in range(1, SECTIONS + 1)]
    deck = ("title: 长演示\ndefaults:\n  duration: 5s\n  transition: {type: fade, duration: 0.3s}\n"
            "  entrance: none\nkiosk:\n" + kiosk + "sections:\n" + "".join(f"  - {n}.yaml\n" for n in names))
    (folder / "deck.yaml").write_text(deck, encoding="utf-8")
    for name in names:
        slides = "".join(f"  - id: {name}-{i}\n    title: 第{i}页\n    blocks:\n      - text: 内容{i}\n"
                         for i in range(1, PER_SECTION + 1))
        (folder / f"{name}.yaml").write_text(f"id: {name}\ntitle: 部分{name}\nslides:\n{slides}", encoding="utf-8")
    return folder


def with_kiosk(deck, **kiosk):
    """`deck` with kiosk settings overridden."""
    return replace(deck, kiosk=plain.replace(deck.kiosk, **kiosk))


def with_theme(deck, **theme):
    """`deck` with theme settings overridden."""
    return replace(deck, theme=plain.replace(deck.theme, **theme))


def with_durations(deck, seconds):
    """`deck` with every slide lasting `seconds`."""
    return replace(deck, sections=tuple(
        replace(section, slides=tuple(plain.replace(slide, duration=seconds) for slide in section.slides))
        for section in deck.sections))


def settle(qtbot, window, timeout=3000):
    """Wait until no transition or entrance runs any more."""
    qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=timeout)


def wheel(widget, notches: int) -> None:
    """Turn the mouse wheel over `widget` by `notches` (negative: towards the user, i.e. down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def touch(widget, start: QPoint, end: QPoint) -> None:
    """One finger down at `start`, moved to and lifted at `end`: real touch events from a touch screen."""
    device = QTest.createTouchDevice()
    middle = (start + end) / 2
    QTest.touchEvent(widget, device).press(0, start).commit()
    QTest.touchEvent(widget, device).move(0, middle).commit()
    QTest.touchEvent(widget, device).move(0, end).commit()
    QTest.touchEvent(widget, device).release(0, end).commit()
