"""run_player and the window: exit codes, deck errors for people, windowed and fullscreen."""

from test_player_support import MINI, mini_deck

import os
import subprocess
import sys

from PySide6.QtGui import QGuiApplication

from zzkiosk.app import run_player
from zzkiosk.player.window import PREVIEW_SIZE, PlayerWindow


def play_in_subprocess(call: str, then: str = "", after_ms: int = 500) -> list[str]:
    """Run `call` (a run_player call) in a fresh offscreen process; `then` runs on a timer
    inside it, with `window` bound, before quitting. Returns the printed words.

    A fresh process because an application whose exec() has returned leaves later
    event loops of the same process unreliable, and to see which modules start-up loads.
    """
    script = "\n".join([
        "import sys",
        "from PySide6.QtCore import QTimer",
        "from PySide6.QtWidgets import QApplication",
        "from zzkiosk.app import run_player",
        "from zzkiosk.player.window import PlayerWindow",
        "app = QApplication([])",
        "def look():",
        "    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PlayerWindow))",
        f"    {then or 'pass'}",
        "    app.quit()",
        f"QTimer.singleShot({after_ms}, look)",
        f"print('exit', {call})",
    ])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.split()


def test_a_broken_deck_prints_every_problem_and_exits_1(qapp, tmp_path, capsys):
    (tmp_path / "deck.yaml").write_text("title: 坏\nsections: [missing.yaml]\nbogus: 1\n", encoding="utf-8")
    assert run_player(tmp_path, windowed=True) == 1
    err = capsys.readouterr().err
    assert "deck.yaml:3:1" in err and "bogus" in err
    assert "missing.yaml" in err
    assert "Traceback" not in err


def test_an_unknown_start_exits_2_naming_what_exists(qapp, capsys):
    assert run_player(MINI, windowed=True, start="nowhere") == 2
    assert "one, two" in capsys.readouterr().err


def test_plays_windowed_from_start_until_quit():
    words = play_in_subprocess(
        f"run_player({str(MINI)!r}, windowed=True, start='two/zoomed')",
        "print(window.windowTitle(), window.width(), window.height(), window.presentation.index, "
        "window.slideshow.state().autoplay)",
    )
    # the mini deck has kiosk.autoplay: false
    assert words == ["小样演示", *map(str, PREVIEW_SIZE), "3", "off", "exit", "0"]


def test_pyqtgraph_is_not_imported_for_a_deck_without_charts():
    """Start-up stays fast: pyqtgraph (~0.4 s with numpy) loads only for a chart."""
    words = play_in_subprocess(f"run_player({str(MINI)!r}, windowed=True)", "print('pyqtgraph' in sys.modules)")
    assert words == ["False", "exit", "0"]


def test_fullscreen_covers_the_screen_frameless_with_no_cursor(qtbot):
    from PySide6.QtCore import Qt

    window = PlayerWindow(mini_deck())
    qtbot.addWidget(window)
    screen = QGuiApplication.primaryScreen()
    window.show_fullscreen(screen)
    qtbot.waitExposed(window)
    assert window.geometry() == screen.geometry()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor


def test_autoplay_advances_by_the_slide_duration(qtbot):
    from dataclasses import replace

    from zzkiosk.deck import plain
    from zzkiosk.player.controllers.autoplay import AutoplayController

    deck = mini_deck()
    deck = replace(deck, sections=tuple(
        replace(section, slides=tuple(plain.replace(slide, duration=0.2) for slide in section.slides))
        for section in deck.sections))
    window = PlayerWindow(deck)
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    window.add_controller(AutoplayController(window.presentation))
    window.presentation.start()
    with qtbot.waitSignal(window.presentation.slide_changed, timeout=2000) as blocker:
        pass
    assert blocker.args == [1]
