"""Run by tests/test_presenter_screens.py on an X server with two screens (Xvfb without Xinerama).

The kiosk on screen 0, the presenter view on screen 1; keys on either; the presenter
screen unplugged (the screen list answers without it and Qt says it was removed) and
Qt moving the view onto the audience screen. Prints one line of JSON per check; exits
non-zero at the first failed one. With an argument, saves both screens as OUT-0.png, OUT-1.png.
"""

from __future__ import annotations

import json
import sys

from zzkiosk.qt_environment import prepare_qt_environment

prepare_qt_environment()

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from zzkiosk.deck.loader import load_deck  # noqa: E402
from zzkiosk.kiosk import screens  # noqa: E402
from zzkiosk.player.window import PlayerWindow  # noqa: E402
from zzkiosk.presenter.attach import attach_console  # noqa: E402
from zzkiosk.presenter.panels import lay_out  # noqa: E402
from zzkiosk.presenter.screens import PresenterScreen, same_screen  # noqa: E402
from zzkiosk.presenter.view import PresenterView  # noqa: E402
from zzkiosk.render.fonts import register_deck_fonts  # noqa: E402


def check(name: str, ok: bool, **details) -> None:
    print(json.dumps({"check": name, "ok": bool(ok), **{k: str(v) for k, v in details.items()}}), flush=True)
    if not ok:
        sys.exit(1)


def wait_until(condition, milliseconds: int = 5000) -> bool:
    for _ in range(milliseconds // 20):  # bounded
        if condition():
            return True
        QTest.qWait(20)
    return condition()


def settle(window: PlayerWindow) -> None:
    wait_until(lambda: not window.presentation.is_animating)


def main(deck_folder: str, out: str | None) -> None:
    app = QApplication(sys.argv[:1])
    audience_screen, presenter_screen = QGuiApplication.screens()[:2]
    deck = load_deck(deck_folder)
    register_deck_fonts(deck)
    window = PlayerWindow(deck)
    window.show_fullscreen(audience_screen)
    console = attach_console(window)
    window.presentation.start(0)
    view = PresenterView(console)
    follower = PresenterScreen(view, 1, window, console)
    follower.follow()
    check("opened on the right screens", wait_until(lambda: view.isVisible() and view.previews_ready)
          and same_screen(view.screen(), presenter_screen) and same_screen(window.screen(), audience_screen))
    QTest.qWait(600)
    if out:
        for number, screen in enumerate((audience_screen, presenter_screen)):
            screen.grabWindow(0).save(f"{out}-{number}.png")
    keys_move_both(window, view, console)
    unplugged(app, window, view, follower, presenter_screen)
    moved_by_qt(window, view, follower, audience_screen, presenter_screen)
    audience_asked(window, console, audience_screen)
    window.quit_kiosk()


def keys_move_both(window: PlayerWindow, view: PresenterView, console) -> None:
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    settle(window)
    check("PageDown on the presenter view moves the audience screen", window.presentation.index == 1)
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    settle(window)
    check("PageDown on the audience screen moves the presenter view",
          wait_until(lambda: console.show.state().current.index == 2 and view.previews_ready))


def unplugged(app, window: PlayerWindow, view: PresenterView, follower: PresenterScreen, presenter_screen) -> None:
    real_find = screens.find_screen
    screens.find_screen = lambda wanted: real_find(wanted) if str(wanted) != "1" else None
    app.screenRemoved.emit(presenter_screen)
    check("unplugged: the view is hidden at once", not view.isVisible())
    QTest.qWait(screens.SETTLE_MS + 200)
    check("unplugged: still hidden after the screens settle", not view.isVisible())
    notes_area = lay_out(1920, 1080, (1920, 1080)).notes.center()
    colour = window.screen().grabWindow(0).toImage().pixelColor(notes_area)
    check("unplugged: the audience screen shows the slide (red), not the view (dark)", colour.red() > 100, colour=colour.name())
    screens.find_screen = real_find
    app.screenAdded.emit(presenter_screen)
    check("plugged back: the view returns on its screen",
          wait_until(lambda: view.isVisible()) and same_screen(view.screen(), presenter_screen))


def moved_by_qt(window: PlayerWindow, view: PresenterView, follower: PresenterScreen, audience_screen, presenter_screen) -> None:
    # What Qt reports when it moves the windows of a removed screen onto a remaining one
    # (on X with RandR; two Xvfb screens are not siblings, so Qt would recreate the window instead).
    view.windowHandle().screenChanged.emit(audience_screen)
    check("moved onto the audience screen: hidden at once", not view.isVisible())
    follower.follow()
    check("the view goes back to its own screen", view.isVisible() and same_screen(view.screen(), presenter_screen))


def audience_asked(window: PlayerWindow, console, audience_screen) -> None:
    other = PresenterView(console)
    PresenterScreen(other, 0, window, console).follow()
    check("a presenter view asked for the audience's screen stays hidden", not other.isVisible())
    check("the audience window is still fullscreen there", window.isVisible() and same_screen(window.screen(), audience_screen))
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
