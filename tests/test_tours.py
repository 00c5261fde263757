"""Tours: `tours:` in deck.yaml is checked with file:line:column, resolved to slides, and followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzkiosk.deck.errors import DeckError
from zzkiosk.deck.loader import load_deck
from zzkiosk.show.tours import TourFollower, tour_routes

TOURS_DECK = Path(__file__).parent / "decks" / "tours"


def _deck_with_tours(tmp_path: Path, tours: str) -> Path:
    """The tours test deck copied into `tmp_path` with its `tours:` replaced by `tours`."""
    folder = tmp_path / "deck"
    for source in TOURS_DECK.rglob("*.yaml"):
        target = folder / source.relative_to(TOURS_DECK)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    deck_file = folder / "deck.yaml"
    text = deck_file.read_text(encoding="utf-8")
    start, end = text.index("tours:"), text.index("sections:")
    deck_file.write_text(text[:start] + tours + text[end:], encoding="utf-8")
    return folder


def test_the_tours_resolve_to_slides_in_the_order_of_their_stops():
    routes = {route.id: route for route in tour_routes(load_deck(TOURS_DECK))}
    assert routes["vip"].slides == (0, 2, 4)  # opening, results, goals: three slide ids
    assert routes["standard"].slides == tuple(range(7))  # three sections: all their slides
    assert routes["vip"].title == "VIP 10 分钟" and routes["vip"].minutes == 10


def test_a_stop_may_come_back_to_an_earlier_slide(tmp_path):
    deck = load_deck(_deck_with_tours(tmp_path, "tours:\n  - {id: back, title: 回看, minutes: 5, stops: [plans, opening]}\n"))
    assert tour_routes(deck)[0].slides == (4, 5, 6, 0)


def test_an_unknown_stop_is_refused_at_its_line_and_column(tmp_path):
    folder = _deck_with_tours(tmp_path, "tours:\n  - id: vip\n    title: VIP\n    minutes: 10\n    stops: [opening, reslts]\n")
    with pytest.raises(DeckError) as error:
        load_deck(folder)
    problem = next(p for p in error.value.problems if "reslts" in p.message)
    assert (problem.file.name, problem.line, problem.column) == ("deck.yaml", 18, 22)
    assert "no section or slide 'reslts'" in problem.message and "intro, review, plans" in problem.message


def test_a_tour_id_used_twice_is_refused(tmp_path):
    tours = ("tours:\n  - {id: vip, title: A, minutes: 5, stops: [intro]}\n"
             "  - {id: vip, title: B, minutes: 5, stops: [plans]}\n")
    with pytest.raises(DeckError) as error:
        load_deck(_deck_with_tours(tmp_path, tours))
    messages = [str(problem) for problem in error.value.problems]
    assert any(":16:" in message and "tour id 'vip' is used twice" in message for message in messages)


@pytest.mark.parametrize("tour, wanted", [
    ("{id: t, title: T, stops: [intro]}", "minutes"),
    ("{id: t, title: T, minutes: 0, stops: [intro]}", "minutes"),
    ("{id: t, title: T, minutes: 5, stops: []}", "stops"),
    ("{id: t, title: T, minutes: 5, stops: [intro], budget: 3}", "budget"),
])
def test_a_badly_written_tour_names_the_key(tmp_path, tour, wanted):
    with pytest.raises(DeckError) as error:
        load_deck(_deck_with_tours(tmp_path, f"tours:\n  - {tour}\n"))
    assert any(wanted in str(problem) and "deck.yaml:15:" in str(problem) for problem in error.value.problems)


def test_following_a_tour_from_start_to_end():
    route = next(route for route in tour_routes(load_deck(TOURS_DECK)) if route.id == "vip")
    follower, here, seen = TourFollower(route), 6, []  # the attract loop left the show on the last slide
    for _ in range(10):  # bounded: the route has three stops
        following = follower.next_slide(here)
        if following is None:
            break
        here = following
        follower.arrived(here)
        seen.append(here)
    assert seen == [0, 2, 4]
    assert follower.previous_slide(here) == 2
    assert follower.remaining() == 0


def test_off_the_route_next_and_previous_lead_back_to_it():
    route = next(route for route in tour_routes(load_deck(TOURS_DECK)) if route.id == "vip")
    follower = TourFollower(route)
    follower.arrived(0)
    follower.arrived(2)
    follower.arrived(3)  # autoplay moved on to a slide the tour skips
    assert not follower.on_route(3)
    assert follower.next_slide(3) == 4
    assert follower.previous_slide(3) == 2
    assert follower.position == 1
