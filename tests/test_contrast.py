"""Every bundled theme is readable from 3 m: WCAG 2 contrast of each text colour (issue 15).

hall-light once drew gold units on beige cards at about 2.4:1."""

import pytest

from decks import SECTION, write_deck
from zzkiosk.deck.contrast import contrast, luminance, pairings
from zzkiosk.deck.loader import bundled_themes, load_deck
from zzkiosk.deck.theme import Theme
from zzkiosk.deck.yamlsource import read_yaml
from zzkiosk.fonts import resource_path


def _theme(name: str) -> Theme:
    return Theme.model_validate(read_yaml(resource_path("themes", f"{name}.yaml")).data)


def test_the_wcag_formula_gives_its_known_values():
    assert contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    assert luminance((0.5, 0.5, 0.5)) == pytest.approx(0.2140, abs=1e-4)


@pytest.mark.parametrize("name", bundled_themes())
def test_every_pair_of_a_bundled_theme_is_readable(name):
    found = pairings(_theme(name))
    assert {(p.colour, p.ground) for p in found} >= {("accent", "card"), ("text", "background"), ("up", "card")}
    faint = [p for p in found if not p.passes]
    assert not faint, "\n".join(f"{name}: {p.colour} on {p.ground} {p.ratio}:1 < {p.needed}:1 ({p.use})" for p in faint)


def test_validate_warns_for_a_faint_theme_in_the_deck_folder(tmp_path):
    theme = "palette:\n  background: \"#fbf6ee\"\n  surface: \"#00000000\"\n  accent: \"#e8c98a\"\n"
    deck = "title: 测试展板\ntheme: mine.yaml\nsections:\n  - sections/part.yaml\n"
    folder = write_deck(tmp_path, deck, {"sections/part.yaml": SECTION, "mine.yaml": theme})
    warnings = [w for w in load_deck(folder).warnings if "contrast" in w.message]
    assert warnings and all(w.severity == "warning" and w.file.name == "mine.yaml" for w in warnings)
    accent = next(w for w in warnings if w.message.startswith("accent"))
    assert (accent.line, accent.column) == (4, 11) and "need 4.5:1" in accent.message and "darker" in accent.message
