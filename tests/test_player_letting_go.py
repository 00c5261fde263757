"""What the player lets go of, and when: made-ahead slides once a change leaves them, the
overview's thumbnails a while after it closes (issue 20, memory in a real window).

Guards `Ahead.forget(destination)`: a jump to a slide not made ahead (a typed number, the
overview, the control port's go_to) built and grabbed its destination while every scene and
picture made ahead for the slide being left was still held, and their items' caches too: the
peak of a kiosk's memory, ~23 MB above the tour's at 1080p. And `Overview`: its thumbnails
(~12 MB at 1080p for the bundled deck) stayed for good after one opening
(docs/performance.md, "Memory (issue 20)").
"""
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from zzkiosk.bench.session import settle
from zzkiosk.deck.loader import load_deck
from zzkiosk.player import scenes as scenes_module
from zzkiosk.player.scenes import slide_scene

FIXTURE = Path(__file__).parent / "decks" / "all-blocks"


def _likely(navigation, index: int) -> set[int]:
    """The slides the kiosk makes ahead while slide `index` stands still (no number typed)."""
    return {navigation.step(index, 1), navigation.step(index, -1),
            navigation.section_step(index, 1), navigation.section_step(index, -1)} - {index}


@pytest.fixture
def recorded(qtbot, monkeypatch):
    """(window, events, before_build): a shown player on the all-blocks deck whose scene builds
    and scenes let go of are recorded in order, as ("build", slide index) and ("let go", scene);
    functions put in the list `before_build` are called with the slide index before each build."""
    from zzkiosk.player.window import PlayerWindow

    deck = load_deck(FIXTURE)
    events: list[tuple[str, object]] = []
    before_build = []
    slide_ids = [slide.id for _, slide in deck.slides]

    def building(deck, section, slide):
        index = slide_ids.index(slide.id)
        for note in before_build:
            note(index)
        events.append(("build", index))
        return slide_scene(deck, section, slide)

    let_go = scenes_module.let_go_of_painting
    monkeypatch.setattr(scenes_module, "let_go_of_painting", lambda scene: (events.append(("let go", scene)), let_go(scene)))
    window = PlayerWindow(deck, scene_factory=building)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window, events, before_build


def _rest_on(window, qtbot, index: int) -> None:
    presentation = window.presentation
    presentation.start(index)
    qtbot.waitUntil(lambda: not presentation.is_animating, timeout=5000)
    presentation.prepare_all_ahead()
    settle()


def test_a_jump_lets_go_of_what_was_made_ahead_before_its_destination_is_built(recorded, qtbot):
    window, events, before_build = recorded
    presentation, layout = window.presentation, window.stage.layout()
    navigation = presentation.navigation
    _rest_on(window, qtbot, 0)
    made = {index for index in range(presentation.count) if presentation.scenes.prepared(index) is not None}
    assert made == _likely(navigation, 0)
    next_slide = navigation.step(0, 1)
    assert presentation.scenes.picture(next_slide, layout) is not None
    destination = next(index for index in range(presentation.count)
                       if index not in made | {0} and made - _likely(navigation, index) - {index})
    dropped = {index: presentation.scenes.prepared(index) for index in made - _likely(navigation, destination)}
    del events[:]
    at_build = {}

    def note(index):
        if index == destination:
            at_build.update(picture=presentation.scenes.picture(next_slide, layout),
                            made={i for i in range(presentation.count) if presentation.scenes.prepared(i) is not None})

    before_build.append(note)
    presentation.go_to(destination)

    assert at_build["made"] <= _likely(navigation, destination), "slides made ahead for the slide left were held"
    assert at_build["picture"] is None, "the next slide's picture was held while the destination was grabbed"
    built = events.index(("build", destination))
    let_go_before = [scene for kind, scene in events[:built] if kind == "let go"]
    assert all(any(scene is gone for gone in let_go_before) for scene in dropped.values()), \
        "a scene dropped at the jump kept its items' caches while the destination was built"


def test_a_press_to_the_next_slide_keeps_what_the_next_slide_will_want(recorded, qtbot):
    window, events, _ = recorded
    presentation, layout = window.presentation, window.stage.layout()
    navigation = presentation.navigation
    _rest_on(window, qtbot, 0)
    kept = _likely(navigation, 0) & _likely(navigation, 1)  # made for slide 0, wanted by slide 1 too
    assert kept, "the fixture deck no longer shares likely slides between slides 0 and 1"
    scenes = {index: presentation.scenes.prepared(index) for index in kept}
    picture = presentation.scenes.picture(1, layout)
    del events[:]
    presentation.next()
    assert ("build", 1) not in events, "the next slide was made ahead: taken, not built again"
    assert not [scene for kind, scene in events if kind == "let go"], \
        "grabbed ahead, nothing is grabbed at the press: letting go waits for the slide to stand still"
    assert presentation.current.slide is navigation.at(1).slide and picture is not None
    for index, scene in scenes.items():
        assert presentation.scenes.prepared(index) is scene, f"slide {index}, likely from both, was built again"


def test_the_overviews_thumbnails_stay_for_a_reopening_then_go(kiosk_window, qtbot, monkeypatch):
    from zzkiosk.player import overview as overview_module

    monkeypatch.setattr(overview_module, "THUMBNAILS_KEPT_MS", 300)
    window = kiosk_window()
    overview, count = window.overview, window.presentation.count
    qtbot.keyClick(window, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: overview.rendered == count, timeout=10000)
    qtbot.keyClick(overview, Qt.Key.Key_Escape)
    assert not overview.isVisible() and overview.rendered == count, "kept for an opening soon after"
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert overview.rendered == count, "opened again at once: every thumbnail is there"
    qtbot.wait(600)  # past the keeping time, but open: nothing goes
    assert overview.rendered == count
    qtbot.keyClick(overview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: overview.rendered == 0, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: overview.rendered == count, timeout=10000)  # rendered again
