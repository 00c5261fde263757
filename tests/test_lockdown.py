"""Lockdown: in kiosk mode no key, mouse or touch sequence from a visitor closes the window,
opens another window or dialog, or leaves fullscreen; only the staff chord (Ctrl+Shift+Q) quits.

Every Qt.Key value is sent alone and with each common modifier (the chord's own
Ctrl+Shift is left out), then the classic escapes (Alt+F4, Alt+Tab held, Ctrl+W,
Ctrl+Q, Esc, F11, Super...), then clicks, the wheel and touch. Once in the test's event
loop (quick to look into) and once in a real kiosk process, where a quit would end it.
"""

from test_kiosk_mode import run_kiosk
from test_navigation_support import MINI, touch, wheel

import warnings

from PySide6.QtCore import QKeyCombination, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

M = Qt.KeyboardModifier
NONE, CTRL, ALT, SHIFT, META = M.NoModifier, M.ControlModifier, M.AltModifier, M.ShiftModifier, M.MetaModifier
MODIFIERS = [NONE, CTRL, ALT, SHIFT, META, CTRL | ALT, ALT | SHIFT, CTRL | META]
"""Every key is sent with each of these (never Ctrl+Shift: the staff chord's modifiers)."""


def _current(key: Qt.Key) -> bool:
    """False for Key_unknown and the key names PySide marks deprecated (aliases of others)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        QKeyCombination(NONE, key)
    return key is not Qt.Key.Key_unknown and not caught


KEYS = [key for key in Qt.Key if _current(key)]
ESCAPES = [
    (Qt.Key.Key_F4, ALT), (Qt.Key.Key_W, CTRL), (Qt.Key.Key_Q, CTRL), (Qt.Key.Key_Escape, NONE),
    (Qt.Key.Key_F11, NONE), (Qt.Key.Key_Meta, NONE), (Qt.Key.Key_Super_L, META), (Qt.Key.Key_D, META),
    (Qt.Key.Key_Space, ALT), (Qt.Key.Key_F2, ALT), (Qt.Key.Key_Escape, CTRL), (Qt.Key.Key_Delete, CTRL | ALT),
    (Qt.Key.Key_Backspace, CTRL | ALT), (Qt.Key.Key_F10, SHIFT), (Qt.Key.Key_Menu, NONE), (Qt.Key.Key_Tab, META),
    (Qt.Key.Key_Escape, CTRL | SHIFT), (Qt.Key.Key_W, CTRL | SHIFT), (Qt.Key.Key_F4, CTRL), (Qt.Key.Key_Return, ALT),
    (Qt.Key.Key_F, CTRL | META), (Qt.Key.Key_Down, META), (Qt.Key.Key_H, META), (Qt.Key.Key_L, META),
]


def alt_tab_held(window) -> None:
    """Alt held down while Tab is pressed several times, then released."""
    QTest.keyPress(window, Qt.Key.Key_Alt, NONE)
    for _ in range(5):
        QTest.keyClick(window, Qt.Key.Key_Tab, ALT)
    QTest.keyClick(window, Qt.Key.Key_Backtab, ALT | SHIFT)
    QTest.keyRelease(window, Qt.Key.Key_Alt, NONE)


def pointer_and_touch(window) -> None:
    """Every mouse button clicked and double-clicked, a drag, the wheel both ways, swipes and taps."""
    centre, corner = window.rect().center(), QPoint(2, 2)
    for button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton,
                   Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
        for place in (centre, corner, QPoint(window.width() - 2, 2)):
            QTest.mouseClick(window, button, NONE, place)
            QTest.mouseDClick(window, button, NONE, place)
            QTest.mouseClick(window, button, CTRL | ALT, place)
    QTest.mousePress(window, Qt.MouseButton.LeftButton, NONE, corner)
    QTest.mouseMove(window, centre)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, NONE, centre)
    for notches in (3, -3, 30, -30):
        wheel(window, notches)
    width, height = window.width(), window.height()
    for start, end in [(QPoint(5, height // 2), QPoint(width - 5, height // 2)),
                       (QPoint(width - 5, height // 2), QPoint(5, height // 2)),
                       (QPoint(width // 2, 2), QPoint(width // 2, height - 2)),
                       (QPoint(width // 2, height - 2), QPoint(width // 2, 2)),
                       (centre, centre)]:
        touch(window, start, end)


def visible_top_levels() -> set[int]:
    return {id(widget) for widget in QApplication.topLevelWidgets() if widget.isVisible()}


def test_no_key_click_or_touch_closes_the_kiosk_or_opens_another_window(qtbot, kiosk_window):
    window = kiosk_window(kiosk=True)
    screen = QGuiApplication.primaryScreen().geometry()
    before = visible_top_levels()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    quits = []
    window.quitting.connect(lambda: quits.append(True))

    def still_locked(what: str) -> None:
        window.overview.dismiss()  # (an open overview grabs the keys; what it does is tested elsewhere)
        assert window.isVisible() and window.isFullScreen(), what
        assert window.geometry() == screen, what
        assert QApplication.activeWindow() is window, f"{what}: the kiosk is no longer the active window"
        assert visible_top_levels() == before, f"{what} opened a window"
        assert not quits and QApplication.activeModalWidget() is None and QApplication.activePopupWidget() is None, what

    for modifier in MODIFIERS:
        for key in KEYS:
            QTest.keyClick(window, key, modifier)
        still_locked(f"every key with {modifier!r}")
    for key, modifier in ESCAPES:
        QTest.keyClick(window, key, modifier)
        still_locked(f"{key.name} with {modifier!r}")
    alt_tab_held(window)
    still_locked("Alt+Tab held")
    pointer_and_touch(window)
    still_locked("clicks, wheel and touch")
    assert not window.close()
    still_locked("close()")
    index = window.presentation.index
    assert 0 <= index < window.presentation.count
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL | SHIFT)
    assert quits and not window.isVisible()


def test_in_a_real_kiosk_every_key_and_escape_is_survived_and_only_the_chord_exits(tmp_path):
    keys = ", ".join(f"Qt.Key({key.value})" for key in KEYS)
    modifiers = ", ".join(f"Qt.KeyboardModifier({modifier.value})" for modifier in MODIFIERS)
    escapes = ", ".join(f"(Qt.Key({key.value}), Qt.KeyboardModifier({modifier.value}))" for key, modifier in ESCAPES)
    words = run_kiosk(tmp_path, f"run_player({str(MINI)!r})", "\n".join([
        "from PySide6.QtCore import QCoreApplication",
        "before = [w for w in QApplication.topLevelWidgets() if w.isVisible()]",
        f"for modifier in [{modifiers}]:",
        f"    for key in [{keys}]:",
        "        QTest.keyClick(window, key, modifier)",
        "    QCoreApplication.processEvents()",
        "    window.overview.dismiss()",
        f"for key, modifier in [{escapes}]:",
        "    QTest.keyClick(window, key, modifier)",
        "    QCoreApplication.processEvents()",
        "window.overview.dismiss()",
        "window.close()",
        "QCoreApplication.processEvents()",
        "after = [w for w in QApplication.topLevelWidgets() if w.isVisible()]",
        "print('alive', window.isVisible(), window.isFullScreen(), after == before, flush=True)",
        "QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)",
    ]), after_ms=800)
    assert words == ["alive", "True", "True", "True", "exit", "0"]
