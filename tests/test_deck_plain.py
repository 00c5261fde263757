"""The plain twins the player plays (zzkiosk.deck.plain, issue 20): every model reachable
from a loaded deck has a twin with the same fields and defaults, every deck the tests know
converts field for field, renders from the twins are the models' pixel for pixel, and a
start from the deck cache imports neither pydantic nor PyYAML."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from zzkiosk.bench.deckgen import write_large_deck
from zzkiosk.deck import blocks, cache, fields, figures, loader, model, plain, theme
from zzkiosk.deck.loader import load_deck

ROOT = Path(__file__).resolve().parent.parent
DECKS = [ROOT / "slides", *sorted((ROOT / "tests" / "decks").iterdir())]
NOT_PLAYED = {"StrictModel", "Defaults", "Figure", "DeckFile", "SectionFile"}
"""Models that never reach the player: the files' own shapes (their parts are resolved into
the Deck) and the bases of other models."""


def models() -> list[type[BaseModel]]:
    """Every model of the deck contract that a loaded deck holds."""
    found = {cls for module in (model, blocks, figures, fields, theme) for cls in vars(module).values()
             if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == module.__name__}
    return sorted((cls for cls in found if cls.__name__ not in NOT_PLAYED), key=lambda cls: cls.__name__)


def model_form(location: Path, monkeypatch):
    """The deck at `location` as the loader validated it, its parts pydantic models, each
    slide's settings resolved on the models (as the loader did before the twins)."""
    with monkeypatch.context() as patch:
        patch.setattr(loader, "plain_of", lambda value: value)
        patch.setattr(loader, "_resolve_slide", resolved_model)
        return load_deck(location)


def resolved_model(levels, slide: model.Slide) -> model.Slide:
    """`slide` with duration, transition and entrance cascaded through `levels` with pydantic."""
    chain = (*levels, slide)

    def cascade(base, overrides):
        for override in overrides:
            if override is not None:
                base = base.model_copy(update=override.model_dump(exclude_unset=True))
        return base

    duration = next((level.duration for level in reversed(chain) if level.duration is not None), loader.DEFAULT_DURATION)
    return slide.model_copy(update={
        "duration": duration,
        "transition": cascade(model.Transition(), [level.transition for level in chain]),
        "entrance": cascade(model.Entrance(), [level.entrance for level in chain]),
    })


def assert_same(twin, original, where: str = "deck") -> None:
    """`twin` is `original` field for field, all the way down, with the same value types."""
    if isinstance(original, BaseModel):
        assert type(twin).__name__ == type(original).__name__ and isinstance(twin, plain.Plain), where
        assert twin._fields == tuple(type(original).model_fields), where
        for name in twin._fields:
            assert_same(getattr(twin, name), getattr(original, name), f"{where}.{name}")
    elif dataclasses.is_dataclass(original):
        assert type(twin) is type(original), where
        for field in dataclasses.fields(original):
            assert_same(getattr(twin, field.name), getattr(original, field.name), f"{where}.{field.name}")
    elif isinstance(original, (list, tuple)):
        assert type(twin) is type(original) and len(twin) == len(original), where
        for index, (left, right) in enumerate(zip(twin, original)):
            assert_same(left, right, f"{where}[{index}]")
    elif isinstance(original, dict):
        assert type(twin) is dict and list(twin) == list(original), where
        for key in original:
            assert_same(twin[key], original[key], f"{where}[{key!r}]")
    else:
        assert type(twin) is type(original) and twin == original, where


@pytest.fixture(scope="module")
def large_deck(tmp_path_factory) -> Path:
    """The benchmark's generated deck of 1,000 slides."""
    return write_large_deck(ROOT / "slides", tmp_path_factory.mktemp("large") / "deck")


@pytest.mark.parametrize("cls", models(), ids=lambda cls: cls.__name__)
def test_every_played_model_has_a_twin_with_its_fields_and_defaults(cls):
    twin = plain.TWINS[cls.__name__]
    assert twin._fields == tuple(cls.model_fields), "the same fields, in the same order"
    for name, info in cls.model_fields.items():
        if info.is_required():
            with pytest.raises(TypeError, match=name):
                twin()
        else:
            made = twin(**{other: None for other, other_info in cls.model_fields.items() if other_info.is_required()})
            assert_same(getattr(made, name), info.get_default(call_default_factory=True), f"{cls.__name__}.{name}")


def test_every_twin_has_its_model():
    assert sorted(plain.TWINS) == [cls.__name__ for cls in models()]


def test_a_model_without_its_twin_cannot_be_played():
    """A field added to a model but not to its twin fails the load, not the show."""
    with pytest.raises(TypeError, match="no twin"):
        plain.plain_of(model.SectionFile.model_construct(id="a", title="b", slides=[]))
    extended = type("Badge", (blocks.Badge,), {"__annotations__": {"glow": bool}, "glow": False,
                                              "__module__": blocks.__name__})
    with pytest.raises(TypeError, match="Badge has no twin"):
        plain.plain_of(extended(text="全国文明城市"))


@pytest.mark.parametrize("location", DECKS, ids=lambda path: path.name)
def test_every_deck_plays_as_the_models_it_was_validated_as(location, monkeypatch):
    played, validated = load_deck(location), model_form(location, monkeypatch)
    for name in ("theme", "kiosk", "tours", "presenter", "sections"):
        assert_same(getattr(played, name), getattr(validated, name), name)


def test_the_benchmarks_thousand_slide_deck_plays_as_its_models(large_deck, monkeypatch):
    played, validated = load_deck(large_deck), model_form(large_deck, monkeypatch)
    assert len(played.slides) == 1000
    assert_same(played.sections, validated.sections, "sections")


def test_twins_are_frozen_values_copied_with_replace():
    slide = load_deck(ROOT / "tests" / "decks" / "mini").slides[1].slide
    with pytest.raises(AttributeError, match="frozen"):
        slide.title = "改"
    changed = plain.replace(slide, title="改", duration=1.0)
    assert (changed.title, changed.duration, changed.blocks) == ("改", 1.0, slide.blocks)
    assert changed != slide and plain.replace(changed, title=slide.title, duration=slide.duration) == slide
    assert pickle.loads(pickle.dumps(slide)) == slide
    assert hash(slide.transition) == hash(plain.replace(slide.transition))
    with pytest.raises(TypeError, match="unknown fields"):
        plain.replace(slide, titel="改")


def test_slides_of_every_kind_render_from_the_twins_as_from_the_models(qapp, monkeypatch):
    from zzkiosk.render.export import render_slide_image

    location = ROOT / "tests" / "decks" / "all-blocks"
    played, validated = load_deck(location), model_form(location, monkeypatch)
    kinds = set()
    for (section, slide), (model_section, model_slide) in zip(played.slides, validated.slides, strict=True):
        kinds.update(block.kind for block in slide.blocks)
        picture = render_slide_image(played, section, slide, (960, 540))
        assert render_slide_image(validated, model_section, model_slide, (960, 540)) == picture, slide.id
    assert kinds == set(plain.BLOCK_KINDS)


def test_a_start_from_the_cache_imports_neither_pydantic_nor_yaml(tmp_path):
    """Two real player processes (offscreen, ended by the start-up probe after the first
    paint): the first validates and writes the cache, the second plays from it."""
    run = ("import runpy, sys\n"
           "try:\n    runpy.run_module('zzkiosk', run_name='__main__')\n"
           "except SystemExit as end:\n    code = end.code\n"
           "heavy = sorted(name for name in sys.modules if name.split('.')[0] in ('pydantic', 'pydantic_core', 'yaml')\n"
           "               or name in ('zzkiosk.deck.model', 'zzkiosk.deck.blocks', 'zzkiosk.deck.figures',\n"
           "                           'zzkiosk.deck.fields', 'zzkiosk.deck.theme', 'zzkiosk.deck.loader'))\n"
           "print(code, heavy)\n")
    env = os.environ | {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "ZZKIOSK_BENCH_PROBE": "startup",
                        **{name: str(tmp_path / name) for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")}}
    seen = []
    for start in range(2):
        env["ZZKIOSK_BENCH_OUT"] = str(tmp_path / f"start{start}.json")
        done = subprocess.run([sys.executable, "-c", run, "--windowed", str(ROOT / "slides")], env=env,
                              capture_output=True, text=True, timeout=120)
        assert json.loads(Path(env["ZZKIOSK_BENCH_OUT"]).read_text())["painted_at"] > 0, done.stderr[-2000:]
        seen.append((done.stdout.strip(), "read from its cache" in done.stderr))
    assert seen[0][0].startswith("0 ['pydantic") and not seen[0][1], "the first start validates"
    assert seen[1] == ("0 []", True), seen[1]


def test_a_cache_of_the_format_before_the_twins_is_refused_cleanly(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    mini = ROOT / "tests" / "decks" / "mini"
    deck, writer = cache.load_deck_cached(mini)
    assert writer.write()
    path = cache.cache_file(mini)
    path.write_bytes(b"zzkiosk deck cache 1\n" + path.read_bytes()[len(cache.FORMAT):])
    caplog.set_level(logging.INFO, logger="zzkiosk.deck.cache")
    again, writer = cache.load_deck_cached(mini)
    assert writer is not None and again == deck
    [refusal] = [record for record in caplog.records if "refused" in record.getMessage()]
    assert "not a zzkiosk cache of this kind and version" in refusal.getMessage()
    assert refusal.levelno == logging.INFO, "routine after an upgrade: news for IT, not a warning"


def test_the_frame_probe_sets_every_transition_on_the_twins(qapp):
    """The benchmark's frame cases copy each slide with its transition changed (bench/frames.py)."""
    from zzkiosk.bench.frames import DIRECTIONS, with_transitions

    deck = load_deck(ROOT / "slides")
    zoomed = with_transitions(deck, "zoom")
    for number, ((_, before), (_, after)) in enumerate(zip(deck.slides, zoomed.slides, strict=True)):
        assert (after.transition.type, after.transition.direction) == ("zoom", DIRECTIONS[number % 4])
        assert after.transition.duration == before.transition.duration and after.blocks == before.blocks
        assert plain.replace(after, transition=before.transition) == before
