"""Hot reload reaches the window too: title, keys, autoplay settings, theme look and fonts.

Each test edits the files of a live deck on disk and swaps them in with `reload_now()`
(the watch itself is tested in test_reload.py), then drives the window with real input.
"""

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from test_kiosk_mode import run_kiosk
from test_reload_support import DECK, save, write_live_deck
from zzkiosk.fonts import resource_path
from zzkiosk.kiosk.banner import ErrorBanner

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


def edit_deck(folder, kiosk: str = "", **replace: str) -> None:
    """Save deck.yaml with `kiosk` lines added to its kiosk settings and `replace` applied."""
    text = DECK.replace("kiosk:\n  autoplay: false\n", "kiosk:\n  autoplay: false\n" + kiosk)
    for old, new in replace.items():
        text = text.replace(old, new)
    save(folder / "deck.yaml", text)


def reloaded(reload) -> None:
    assert reload.reload_now(), reload.problems


def test_the_window_title_follows_the_deck_title(live, tmp_path):
    window, reload = live()
    assert window.windowTitle() == "测试展板"
    edit_deck(tmp_path, **{"title: 测试展板": "title: 新标题"})
    reloaded(reload)
    assert window.windowTitle() == "新标题"


def test_a_new_key_binding_moves_the_show_and_the_old_key_no_longer_does(qtbot, live, tmp_path):
    window, reload = live()
    edit_deck(tmp_path, "  keys: {next: [X], black: [Z]}\n")
    reloaded(reload)
    qtbot.keyClick(window, Qt.Key.Key_Right)  # next's keys were replaced
    assert window.presentation.index == 0
    qtbot.keyClick(window, Qt.Key.Key_X)
    assert window.presentation.index == 1
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.blank.colour is None
    qtbot.keyClick(window, Qt.Key.Key_Z)
    assert window.blank.colour == "black"
    rows = dict(reversed(window.help_card.rows))
    assert rows["next"] == "X" and rows["black screen"] == "Z"


def test_an_edited_quit_chord_quits_and_the_old_one_no_longer_does(qtbot, live, tmp_path):
    window, reload = live()
    window.show_fullscreen(QApplication.primaryScreen())  # kiosk mode: only the chord quits
    edit_deck(tmp_path, "  quit_chord: Ctrl+Alt+End\n")
    reloaded(reload)
    with qtbot.assertNotEmitted(window.quitting):
        qtbot.keyClick(window, Qt.Key.Key_Q, CTRL | SHIFT)
    assert window.isVisible()
    with qtbot.waitSignal(window.quitting, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_End, CTRL | ALT)
    rows = dict(window.help_card.rows)
    assert rows["quit (staff)"] == "Ctrl+Alt+End"


@pytest.mark.parametrize("kiosk, message", [
    ("  keys: {next: [PageDwn]}\n", "kiosk.keys.next: 'PageDwn' is not a key name; did you mean 'PageDown'?"),
    ("  quit_chord: Ctrl+Shift+Qq\n", "kiosk.quit_chord: 'Ctrl+Shift+Qq' is not a key name"),
])
def test_an_unknown_key_name_is_refused_and_the_old_keys_keep_working(qtbot, live, tmp_path, kiosk, message):
    """Regression: a bad key name used to be swapped in (no check after start-up) and the
    window went on with the start-up keys while the file said otherwise."""
    window, reload = live()
    edit_deck(tmp_path, kiosk, **{"title: 测试展板": "title: 不该出现"})
    assert not reload.reload_now()
    assert len(reload.problems) == 1
    assert re.match(rf"{re.escape(str(tmp_path / 'deck.yaml'))}:\d+:\d+: {re.escape(message)}", reload.problems[0])
    banner = window.findChild(ErrorBanner)
    assert banner.isVisible() and message in banner.text()
    assert window.windowTitle() == "测试展板"  # nothing of the edit half-applied
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.presentation.index == 1
    with qtbot.waitSignal(window.quitting, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_Q, CTRL | SHIFT)


def test_the_deck_switches_autoplay_on_and_off(qtbot, live, tmp_path):
    window, reload = live()
    window.follow_deck_autoplay()  # what zzkiosk does without --no-autoplay
    assert window.slideshow.state().autoplay == "off"  # the live deck has kiosk.autoplay: false
    edit_deck(tmp_path, **{"autoplay: false": "autoplay: true", "  entrance: none\n": "  entrance: none\n  duration: 0.2s\n"})
    with qtbot.waitSignal(window.presentation.slide_changed, timeout=5000,
                          check_params_cb=lambda index: index == 1):
        reloaded(reload)  # shows slide 0 again, then autoplay moves on by itself
    assert window.slideshow.state().autoplay == "playing"
    edit_deck(tmp_path, **{"  entrance: none\n": "  entrance: none\n  duration: 0.2s\n"})
    reloaded(reload)
    autoplay = window.slideshow.autoplay  # switched off, never destroyed and rebuilt
    assert window.slideshow.state().autoplay == "off" and autoplay.seconds_left is None
    assert not window.slideshow.idle.waiting
    with qtbot.assertNotEmitted(window.presentation.slide_changed, wait=600):
        pass


def test_loop_sections_idle_time_and_resume_point_follow_the_deck(qtbot, live, tmp_path):
    window, reload = live()
    window.follow_deck_autoplay()
    edit_deck(tmp_path, "  loop_sections: [more]\n  idle_resume: 0.3s\n  resume_from: start\n",
              **{"autoplay: false": "autoplay: true", "  entrance: none\n": "  entrance: none\n  duration: 30s\n"})
    reloaded(reload)
    assert window.slideshow.autoplay.playlist == [2, 3]
    qtbot.keyClick(window, Qt.Key.Key_End)  # presenter input: paused, idle time counts
    assert window.slideshow.autoplay.paused and window.presentation.index == 3
    with qtbot.waitSignal(window.presentation.slide_changed, timeout=5000,
                          check_params_cb=lambda index: index == 2):
        pass  # idle for the deck's 0.3 s (not the default 120 s): back to the loop's start, section "more"


def test_the_theme_colours_the_letterbox_and_the_help_card(qtbot, live, tmp_path):
    window, reload = live()
    window.resize(960, 700)  # bars above and below the 16:9 canvas
    qtbot.waitUntil(lambda: window.stage.view.canvas_rect().top() >= 60, timeout=2000)
    red = QColor("#7a0a0a")
    assert window.grab().toImage().pixelColor(480, 10) == red
    edit_deck(tmp_path, **{"theme: hall-red": "theme: hall-light"})
    reloaded(reload)
    assert window.grab().toImage().pixelColor(480, 10) == QColor("#fbf6ee")
    qtbot.keyClicks(window, "?")
    assert window.help_card.isVisible()
    assert window.help_card.grab().toImage().pixelColor(2, 2).name() == QColor("#fbf6ee").darker(250).name()


def test_a_theme_file_beside_the_deck_hides_the_hud_and_its_fonts_are_registered(qtbot, live, tmp_path, monkeypatch):
    import zzkiosk.render.fonts as fonts

    window, reload = live()
    assert window.indicator.isVisible()
    registered = []
    real = fonts.register_fonts
    monkeypatch.setattr(fonts, "register_fonts", lambda paths: registered.extend(paths) or real(paths))
    shutil.copy(resource_path("fonts", "NotoSansSC-zzkiosk-Bold.otf"), tmp_path / "Extra-Bold.otf")
    save(tmp_path / "theme.yaml", "name: own\nfonts:\n  files: [Extra-Bold.otf]\nshow_indicator: false\n"
                                  "palette: {background: '#102030'}\n")
    edit_deck(tmp_path, **{"theme: hall-red": "theme: theme.yaml"})
    reloaded(reload)
    assert (tmp_path / "Extra-Bold.otf").resolve() in [Path(path).resolve() for path in registered]
    assert not window.indicator.isVisible()


def test_the_command_line_keeps_winning_over_reloaded_autoplay_settings(tmp_path):
    """--no-autoplay keeps autoplay off when an edit switches it on; --loop-sections keeps its loop."""
    deck = write_live_deck(tmp_path / "deck")
    on = DECK.replace("autoplay: false", "autoplay: true\n  loop_sections: [part]")
    look = "\n".join([
        "from pathlib import Path",
        f"Path({str(deck / 'deck.yaml')!r}).write_text({on!r}, encoding='utf-8')",
        "reload = next(c for c in window.controllers if type(c).__name__ == 'HotReload')",
        "print('reloaded', reload.reload_now())",
        "print('playlist', window.slideshow.autoplay.playlist if window.slideshow.autoplay.enabled else None, flush=True)",
        "window.quit_kiosk()",
    ])
    words = run_kiosk(tmp_path, f"run_player({str(deck)!r}, windowed=True, autoplay=False)", look)
    assert words == ["reloaded", "True", "playlist", "None", "exit", "0"]
    write_live_deck(deck)
    words = run_kiosk(tmp_path, f"run_player({str(deck)!r}, windowed=True, loop_sections=['more'])", look)
    assert words == ["reloaded", "True", "playlist", "[2,", "3]", "exit", "0"]
    write_live_deck(deck)
    words = run_kiosk(tmp_path, f"run_player({str(deck)!r}, windowed=True)", look)
    assert words == ["reloaded", "True", "playlist", "[0,", "1]", "exit", "0"]


def test_an_open_overview_shows_the_reloaded_deck(qtbot, live, tmp_path):
    from test_reload_support import MORE

    window, reload = live()
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert window.overview.isVisible()
    save(tmp_path / "sections/more.yaml", MORE + "  - id: added\n    title: 新增\n    blocks:\n      - text: 新增一页\n")
    reloaded(reload)
    assert window.overview.isVisible()
    qtbot.keyClick(window.overview, Qt.Key.Key_End)
    qtbot.keyClick(window.overview, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=3000)
    assert window.presentation.index == 4  # the added fifth slide


def test_an_edited_cursor_hide_time_holds_from_the_next_mouse_move(qtbot, tmp_path):
    """Kiosk mode: the cursor shown by a mouse move hides after the deck's cursor_hide,
    and after a reload that shortens it, after the new time."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from test_reload_support import write_live_deck
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.kiosk.upkeep import attach_hot_reload_and_crash_guard
    from zzkiosk.player.window import PlayerWindow

    write_live_deck(tmp_path)
    edit_deck(tmp_path, "  cursor_hide: 60s\n")
    window = PlayerWindow(load_deck(tmp_path))
    qtbot.addWidget(window)
    window.show_fullscreen(QApplication.primaryScreen())
    qtbot.waitExposed(window)
    reload = attach_hot_reload_and_crash_guard(window, tmp_path, preview=False)
    window.presentation.start(0)
    try:
        blank, arrow = Qt.CursorShape.BlankCursor, Qt.CursorShape.ArrowCursor
        assert window.cursor().shape() == blank
        QTest.mouseMove(window, QPoint(300, 300))
        QTest.mouseMove(window, QPoint(320, 310))
        qtbot.waitUntil(lambda: window.cursor().shape() == arrow, timeout=2000)
        qtbot.wait(600)
        assert window.cursor().shape() == arrow  # 60 s: still shown
        edit_deck(tmp_path, "  cursor_hide: 0.2s\n")
        reloaded(reload)
        QTest.mouseMove(window, QPoint(340, 320))
        qtbot.waitUntil(lambda: window.cursor().shape() == blank, timeout=3000)
    finally:
        window.quit_kiosk()


def test_the_reload_action_rereads_the_deck_through_the_composition_root(tmp_path):
    """run("reload") from any channel reaches hot reload: the composition root connects them."""
    deck = write_live_deck(tmp_path / "deck")
    look = "\n".join([
        "from pathlib import Path",
        f"file = Path({str(deck / 'deck.yaml')!r})",
        "file.write_text(file.read_text(encoding='utf-8').replace('title: 测试展板', 'title: 重读'), encoding='utf-8')",
        "print('ran', window.slideshow.run('reload', 'control'), flush=True)",
        "print('title', window.slideshow.state().deck_title, flush=True)",
        "window.quit_kiosk()",
    ])
    words = run_kiosk(tmp_path, f"run_player({str(deck)!r}, windowed=True)", look)
    assert words == ["ran", "True", "title", "重读", "exit", "0"]
