"""Hot reload in a running player: valid edits come in at the same place, broken ones never."""

import logging
import os
import shutil

import pytest
import shiboken6

from test_reload_support import DECK, MORE, PART, RELOAD_MS, bump, figure, save, slide_id, write_live_deck
from zzkiosk.kiosk.banner import ErrorBanner


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name.startswith("zzkiosk")]


def test_a_valid_edit_is_shown_within_a_second_at_the_same_slide(qtbot, live, tmp_path, caplog):
    window, _ = live(index=2)
    assert (slide_id(window), figure(window)) == ("tasks", "7%")
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        save(tmp_path / "sections/more.yaml", MORE.replace("value: 7,", "value: 8,"))
        qtbot.waitUntil(lambda: figure(window) == "8%", timeout=RELOAD_MS)
    assert (window.presentation.index, slide_id(window)) == (2, "tasks")
    assert any(message.startswith("reload accepted") for message in messages(caplog))


def test_the_slide_keeps_its_place_when_slides_are_added_before_it(qtbot, live, tmp_path):
    window, _ = live(index=2)
    extra = "  - id: added\n    title: 新增\n    blocks:\n      - text: 新增一页\n"
    save(tmp_path / "sections/part.yaml", PART + extra)
    qtbot.waitUntil(lambda: window.presentation.index == 3, timeout=RELOAD_MS)
    assert slide_id(window) == "tasks"


def test_a_removed_slide_gives_way_to_the_one_now_in_its_place(qtbot, live, tmp_path):
    window, _ = live(index=2)
    save(tmp_path / "sections/more.yaml", MORE.replace("id: tasks", "id: renamed"))
    qtbot.waitUntil(lambda: slide_id(window) == "renamed", timeout=RELOAD_MS)
    assert window.presentation.index == 2


def test_editor_save_by_temporary_file_and_rename(qtbot, live, tmp_path):
    window, _ = live(index=0)
    temporary = tmp_path / "sections/.part.yaml.swp"
    temporary.write_text(PART.replace("385", "386"), encoding="utf-8")
    os.replace(temporary, tmp_path / "sections/part.yaml")
    qtbot.waitUntil(lambda: figure(window) == "386个", timeout=RELOAD_MS)


def test_file_deleted_then_created_again(qtbot, live, tmp_path):
    window, reload = live(index=0)
    section = tmp_path / "sections/part.yaml"
    section.unlink()
    qtbot.wait(100)
    save(section, PART.replace("385", "387"))
    qtbot.waitUntil(lambda: figure(window) == "387个", timeout=RELOAD_MS)
    assert reload.problems == []


def test_a_partial_write_is_read_once_complete(qtbot, live, tmp_path):
    window, _ = live(index=0)
    edited = PART.replace("385", "388")
    with (tmp_path / "sections/part.yaml").open("w", encoding="utf-8") as handle:
        handle.write(edited[: len(edited) // 2])
        handle.flush()
        qtbot.wait(50)
        handle.write(edited[len(edited) // 2:])
    qtbot.waitUntil(lambda: figure(window) == "388个", timeout=RELOAD_MS)


def test_the_whole_deck_folder_replaced(qtbot, live, tmp_path):
    window, _ = live(index=2)
    fresh = tmp_path.parent / f"{tmp_path.name}-new"
    write_live_deck(fresh)
    (fresh / "sections/more.yaml").write_text(MORE.replace("value: 7,", "value: 9,"), encoding="utf-8")
    shutil.move(tmp_path, tmp_path.parent / f"{tmp_path.name}-old")
    shutil.move(fresh, tmp_path)
    qtbot.waitUntil(lambda: figure(window) == "9%", timeout=RELOAD_MS)
    assert slide_id(window) == "tasks"
    # The file watches followed the old folder away: an edit in the new one is still seen at once.
    qtbot.wait(2 * RELOAD_MS)  # long enough for the quick polls to have slowed down again
    (tmp_path / "sections/more.yaml").write_text(MORE.replace("value: 7,", "value: 6,"), encoding="utf-8")
    bump(tmp_path / "sections/more.yaml")
    qtbot.waitUntil(lambda: figure(window) == "6%", timeout=RELOAD_MS)


def test_a_replaced_picture_is_reloaded(qtbot, live, tmp_path):
    from test_reload_support import write_picture

    window, _ = live(index=1)
    before = window.presentation.scene
    write_picture(tmp_path / "images/hall.png", "#204080")
    bump(tmp_path / "images/hall.png")
    qtbot.waitUntil(lambda: window.presentation.scene is not before, timeout=RELOAD_MS)
    assert window.presentation.scene.blocks[0].image.pixelColor(0, 0).name() == "#204080"


def test_editor_litter_alone_reloads_nothing(qtbot, live, tmp_path, caplog):
    window, reload = live(index=0)
    scene = window.presentation.scene
    with caplog.at_level(logging.DEBUG, logger="zzkiosk"):
        save(tmp_path / "sections/.part.yaml.swp", "junk")
        save(tmp_path / "sections/part.yaml~", "junk")
        save(tmp_path / "notes.txt", "staff notes")  # a file the show does not use: reloaded, nothing to swap
        qtbot.waitUntil(lambda: any("nothing the show uses changed" in m for m in messages(caplog)), timeout=RELOAD_MS)
    assert window.presentation.scene is scene


BROKEN = {
    "syntax error": ("sections/part.yaml", PART.replace("value: 385,", "value: [385,"),
                     "sections/part.yaml:7:54: YAML syntax error: did not find expected ',' or ']'"),
    "unknown key": ("sections/part.yaml", PART.replace("label: 新签", "lable: 新签"),
                    "sections/part.yaml:7:40: unknown key 'lable': did you mean 'label'?"),
    "truncated file": ("sections/part.yaml", PART[:PART.index("caption")],
                       "sections/part.yaml:12:1: YAML syntax error: did not find expected node content"),
    "missing image": ("sections/part.yaml", PART.replace("hall.png", "hal.png"),
                      "sections/part.yaml:11:22: image 'images/hal.png' not found in {deck}"),
    "invalid UTF-8": ("sections/part.yaml", PART.encode().replace("项目建设".encode(), "项目建设".encode("gbk")),
                      "sections/part.yaml:5:12: byte 0xcf is not UTF-8 text: save the file as UTF-8 "
                      "(in Notepad: Save As, Encoding UTF-8)"),
    "deleted section file": ("sections/more.yaml", None,
                             "deck.yaml:10:5: section file 'sections/more.yaml' not found; files there: sections/part.yaml"),
    "corrupt image": ("images/hall.png", b"this is not a picture",
                      "images/hall.png: cannot read the image"),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_broken_edit_keeps_the_last_good_deck_then_its_fix_comes_in(qtbot, live, tmp_path, caplog, case):
    name, content, expected = BROKEN[case]
    start = 1 if case == "corrupt image" else 0  # on the picture's own slide: its scene is rebuilt
    window, reload = live(index=start)
    scene, shown = window.presentation.scene, figure(window)
    path, original = tmp_path / name, (tmp_path / name).read_bytes()
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        if content is None:
            path.unlink()
        else:
            save(path, content)
        qtbot.waitUntil(lambda: bool(reload.problems), timeout=RELOAD_MS)
        expected = f"{tmp_path}/{expected}".format(deck=tmp_path)
        assert any(message.startswith(expected) for message in messages(caplog)), messages(caplog)
        assert shiboken6.isValid(scene) and window.presentation.scene is scene and figure(window) == shown
        banner = window.findChild(ErrorBanner)
        assert banner.isVisible() and expected in banner.text()
        caplog.clear()
        save(path, original.replace("385".encode(), b"389") if name.endswith(".yaml") else original)
        qtbot.waitUntil(lambda: not reload.problems and not banner.isVisible(), timeout=RELOAD_MS)
    assert "reload accepted" in " ".join(messages(caplog))
    assert not banner.isVisible()
    if start == 0:
        assert figure(window) == "389个" or case == "deleted section file"


def test_every_problem_is_logged_on_its_own_line(qtbot, live, tmp_path, caplog):
    _, reload = live()
    with caplog.at_level(logging.INFO, logger="zzkiosk"):
        save(tmp_path / "sections/part.yaml", PART.replace("label:", "lable:").replace("unit: 个", "unit: 个, colour: red"))
        qtbot.waitUntil(lambda: bool(reload.problems), timeout=RELOAD_MS)
    problems = [m for m in messages(caplog) if m.startswith(str(tmp_path))]
    assert len(problems) == len(reload.problems) >= 2
    assert all("\n" not in problem for problem in problems)


def test_a_kiosk_shows_no_banner(qtbot, live, tmp_path):
    window, reload = live(preview=False)
    save(tmp_path / "sections/part.yaml", "id: [")
    qtbot.waitUntil(lambda: bool(reload.problems), timeout=RELOAD_MS)
    assert window.findChild(ErrorBanner) is None


def test_the_banner_uses_the_theme_font_and_spans_the_window(qtbot, live, tmp_path):
    window, reload = live()
    save(tmp_path / "sections/part.yaml", "id: [")
    qtbot.waitUntil(lambda: bool(reload.problems), timeout=RELOAD_MS)
    banner = window.findChild(ErrorBanner)
    assert banner.font().family() == window.presentation.deck.theme.fonts.family
    window.resize(700, 500)
    qtbot.waitUntil(lambda: banner.width() == 700)
    assert banner.y() == 0 and 0 < banner.height() < 500


def test_reload_now_swaps_even_an_unchanged_deck_and_frees_the_old_scenes(qtbot, live):
    from test_player_support import flush_deletes

    window, reload = live(index=2)
    old = window.presentation.scene
    with qtbot.waitSignals([window.presentation.deck_replaced, window.presentation.slide_changed], order="strict"):
        assert reload.reload_now() is True
    flush_deletes()
    assert not shiboken6.isValid(old)
    assert (window.presentation.index, figure(window)) == (2, "7%")


def test_unbound_reload_watches_nothing(qtbot, live, tmp_path):
    window, reload = live()
    reload.unbind()
    save(tmp_path / "sections/part.yaml", PART.replace("385", "390"))
    qtbot.wait(700)
    assert figure(window) == "385个"


def test_a_section_taken_out_of_the_deck_clamps_the_position(qtbot, live, tmp_path):
    window, reload = live(index=3)
    save(tmp_path / "deck.yaml", DECK.replace("  - sections/more.yaml\n", ""))
    qtbot.waitUntil(lambda: window.presentation.count == 2, timeout=RELOAD_MS)
    assert (window.presentation.index, slide_id(window)) == (1, "picture")


def test_a_reload_during_a_transition_takes_its_overlay_down(qtbot, live, tmp_path):
    window, reload = live(index=2)
    reload.unbind()
    save(tmp_path / "sections/more.yaml", MORE.replace("title: 谢谢", "title: 谢谢\n    transition: {type: fade, duration: 5s}"))
    assert reload.reload_now()
    window.presentation.next()
    assert window.stage.in_transition
    assert reload.reload_now()
    assert not window.stage.in_transition and not window.presentation.is_animating
    assert (window.presentation.index, slide_id(window)) == (3, "closing")
