"""The diagrams' words (acumap.drawing.describe) at their edges: counts, a location too long for a tooltip, a
region's accessible name, the first and last bands of the back's heights, what a diagram's text alternative says."""

from __future__ import annotations

from dataclasses import replace

import pytest

from acumap.atlas.data import Atlas, load_atlas
from acumap.atlas.regions import REGIONS, parse_region
from acumap.atlas.selection import Highlight, highlights
from acumap.body import anatomy
from acumap.drawing.describe import (
    alt_text,
    pick_label,
    points_word,
    position_text,
    region_name,
    tooltip,
    where_on_map,
)

ATLAS = load_atlas()
#: A point placed at its diagram's x, y: its words come from its written location.
LI4 = ATLAS.point("LI4")


@pytest.mark.parametrize(
    ("n", "words"), [(0, "0 points"), (1, "1 point"), (2, "2 points"), (12, "12 points")]
)
def test_points_word_is_singular_for_one_only(n: int, words: str) -> None:
    assert points_word(n) == words


W, X, Y = "w" * 50, "x" * 66, "y" * 10


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        # The first clause of the location, without its full stop.
        ("Between the tendons; in the depression.", "Between the tendons"),
        ("On the back of the hand.", "On the back of the hand"),
        # Up to 120 characters whole; longer, cut after the last whole word within 117, with an ellipsis.
        (f"{W} {'x' * 69}", f"{W} {'x' * 69}"),
        (f"{W} {'x' * 70}", f"{W}…"),
        # The 118th character a space: the word before it is whole, so it stays.
        (f"{W} {X} {Y}", f"{W}…"),
        # The 117th a space: the word before it stays.
        (f"{W} {'x' * 65} {Y}", f"{W} {'x' * 65}…"),
        (f"{W} {'x' * 30} {'z' * 30} {Y}", f"{W} {'x' * 30} {'z' * 30}…"),
    ],
)
def test_a_point_drawn_at_its_coordinates_is_placed_by_its_written_location(
    location: str, shown: str
) -> None:
    point = replace(LI4, location=location)
    assert where_on_map(point) == shown
    assert tooltip(point)[2] == shown


@pytest.mark.parametrize(
    ("rid", "start"),
    [
        ("neck", "Neck: "),
        ("middle_back_left", "Middle back, left side: "),
        ("upper_back_right", "Upper back, right side: "),
        ("lower_back_left", "Lower back, left side: "),
    ],
)
def test_a_region_is_named_with_its_side_once_then_its_span(rid: str, start: str) -> None:
    (region,) = [r for r in REGIONS if r.id == rid]
    name = region_name(region)
    assert name.startswith(start)
    assert "(" not in name.split(":")[0]


def test_the_middle_back_region_names_its_vertebrae() -> None:
    (region,) = [r for r in REGIONS if r.id == "middle_back_right"]
    assert "T7 to T12" in region_name(region)


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        # C7's own process from its upper border: the band above it ends there, not at T1.
        (anatomy.upper_border_y("C7"), "on the spinous process of C7, on the midline"),
        (anatomy.level_y("C7"), "on the spinous process of C7, on the midline"),
        # Below L4 down to L5's upper border (1.02 cm here), not only the first cm of it.
        (anatomy.upper_border_y("L5") - 0.01, "below the spinous process of L4, on the midline"),
        (anatomy.upper_border_y("L5"), "on the spinous process of L5, on the midline"),
    ],
)
def test_the_first_and_last_processes_own_their_whole_height(y: float, expected: str) -> None:
    assert position_text("back", 0.0, y) == expected


def test_the_back_diagram_is_described_as_the_spine_and_lines_and_another_by_its_title() -> None:
    back, hand = alt_text(ATLAS, "back", None, ()), alt_text(ATLAS, "hand", None, ())
    assert "spine" in back and "Bladder lines" in back
    assert "spine" not in hand and "Bladder" not in hand
    assert hand.startswith("Diagram: Hand")


def test_a_diagrams_text_lists_its_own_points_sorted_when_nothing_is_chosen() -> None:
    hand = alt_text(ATLAS, "hand", None, ())
    shown = hand.split("Points shown: ")[1].rstrip(".").split(", ")
    assert shown == sorted({p.code for p in ATLAS.points if p.view == "hand"})
    assert "BL18" not in hand


def test_a_diagram_with_nothing_lit_for_the_choice_says_so() -> None:
    choice = parse_region("middle_back_left")
    assert choice is not None
    lit = highlights(ATLAS, choice)
    hand = alt_text(ATLAS, "hand", choice, lit)
    assert "local points" not in hand
    leg = alt_text(ATLAS, "leg", choice, ())
    assert "Highlighted for the middle back, left side: no points" in leg
    assert leg.endswith(".")
    back = alt_text(ATLAS, "back", choice, lit)
    local = back.split("local points ")[1].split(";")[0].rstrip(".").split(", ")
    assert local == [h.point.id for h in lit if h.role == "local" and h.point.view == "back"]
    assert "distal points" not in back


def test_a_diagram_without_points_lists_none() -> None:
    no_hand = Atlas(points=tuple(p for p in ATLAS.points if p.view != "hand"), links=())
    hand = alt_text(no_hand, "hand", None, ())
    assert "Points shown" not in hand
    assert hand.endswith(".")


def test_local_and_distal_points_on_one_diagram_are_listed_apart() -> None:
    choice = parse_region("neck")
    assert choice is not None
    lit = (
        Highlight(ATLAS.point("LI4"), "local", ""),
        Highlight(ATLAS.point("SI3"), "distal", ""),
        Highlight(ATLAS.point("LI4"), "distal", ""),
    )
    hand = alt_text(ATLAS, "hand", choice, lit).split("Highlighted for the neck: ")[1]
    local, distal = hand.rstrip(".").split("; ")
    assert local.removeprefix("local points ").split(", ") == ["LI4"]
    assert distal.removeprefix("distal points ").split(", ") == ["SI3", "LI4"]


@pytest.mark.parametrize(
    ("pid", "with_view", "label"),
    [
        ("BL18", False, "BL18 · Gānshū · Liver Shu · also UB18"),
        ("TE5", True, "TE5 · Wàiguān · Outer Pass (hand) · also SJ5, TW5"),
        ("GB21", False, "GB21 · Jiānjǐng · Shoulder Well"),
    ],
)
def test_a_pick_list_shows_the_codes_other_schools_write(pid: str, with_view: bool, label: str) -> None:
    assert pick_label(ATLAS.point(pid), with_view) == label
