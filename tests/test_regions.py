"""Hit-testing, region ids from links, and the click rules: table-driven."""

from __future__ import annotations

import pytest

from acumap.atlas.regions import (
    REGION_IDS,
    choice_ids,
    parse_region,
    point_in_polygon,
    region_at,
    regions_for,
)
from acumap.atlas.selection import toggle_region
from acumap.body import anatomy

C = anatomy.cun_to_cm
Y = anatomy.level_y

CONTRACT_IDS = {
    "neck",
    "shoulder_left",
    "shoulder_right",
    "upper_back_left",
    "upper_back_right",
    "middle_back_left",
    "middle_back_right",
    "lower_back_left",
    "lower_back_right",
}


def test_region_ids_match_the_browser_contract() -> None:
    assert set(REGION_IDS) == CONTRACT_IDS


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (0.0, -6.0, "neck"),
        (C(1.0), Y("C7"), "neck"),
        (C(-2.2), Y("T3"), "upper_back_left"),
        (C(2.2), Y("T5"), "upper_back_right"),
        (C(-2.2), Y("T10"), "middle_back_left"),
        (C(2.2), Y("T9"), "middle_back_right"),
        (C(1.0), Y("T12"), "middle_back_right"),
        (C(-2.2), Y("L3"), "lower_back_left"),
        (C(2.2), Y("L5"), "lower_back_right"),
        (C(5.5), Y("T3"), "shoulder_right"),
        (C(-5.5), Y("T4"), "shoulder_left"),
        (C(-4.0), 0.0, "shoulder_left"),
        (C(5.0), Y("T10"), "middle_back_right"),  # below the scapula the middle back widens
        (30.0, 10.0, None),  # outside the body
        (0.0, 60.0, None),
    ],
)
def test_region_at(x: float, y: float, expected: str | None) -> None:
    assert region_at(x, y) == expected


@pytest.mark.parametrize(
    ("level", "region"),
    [
        ("T1", "upper_back"),
        ("T6", "upper_back"),
        ("T7", "middle_back"),
        ("T12", "middle_back"),
        ("L1", "lower_back"),
        ("L5", "lower_back"),
    ],
)
def test_region_spans_follow_the_vertebrae(level: str, region: str) -> None:
    """Upper back T1-T6, middle T7-T12, lower L1-L5: a Bladder point of each level falls in its region."""
    x, y = anatomy.spine_point_position("BL", level, 1.5, "right")
    assert region_at(x, y) == f"{region}_right"


def test_gv_point_below_t6_belongs_to_the_upper_back() -> None:
    x, y = anatomy.spine_point_position("GV10", "T6", 0.0, "right")
    assert region_at(x + 0.01, y) == "upper_back_right"


@pytest.mark.parametrize(
    ("polygon", "x", "y", "inside"),
    [
        (((0, 0), (4, 0), (4, 4), (0, 4)), 2, 2, True),
        (((0, 0), (4, 0), (4, 4), (0, 4)), 5, 2, False),
        (((0, 0), (4, 0), (4, 4), (0, 4)), 4, 2, True),  # on an edge
        (((0, 0), (4, 0), (2, 4)), 2, 3.9, True),
        (((0, 0), (4, 0), (2, 4)), 0.5, 3, False),
        # Corners and edges are inside; a point in line with an edge but beyond its end is not.
        (((0, 0), (4, 0), (4, 4), (0, 4)), 0, 0, True),
        (((0, 0), (4, 0), (4, 4), (0, 4)), 4, 4, True),
        (((0, 0), (4, 0), (4, 4), (0, 4)), 2, 4, True),
        (((0, 0), (4, 0), (4, 4), (0, 4)), 4.5, 0, False),
        (((0, 0), (4, 0), (4, 4), (0, 4)), -0.5, 4, False),
        (((0, 0), (4, 0), (4, 4), (0, 4)), 0, -0.5, False),
        (((0, 0), (4, 0), (4, 4), (0, 4)), 4, 4.5, False),
        # A diamond: on a slanted edge (which the ray alone would call outside), just off it, and level with a
        # corner (the ray then passes through a vertex).
        (((2, 0), (4, 2), (2, 4), (0, 2)), 3, 3, True),
        (((2, 0), (4, 2), (2, 4), (0, 2)), 3.1, 3.1, False),
        (((2, 0), (4, 2), (2, 4), (0, 2)), 1, 2, True),
        (((2, 0), (4, 2), (2, 4), (0, 2)), 4.5, 2, False),
    ],
)
def test_point_in_polygon(polygon: tuple[tuple[float, float], ...], x: float, y: float, inside: bool) -> None:
    assert point_in_polygon(x, y, polygon) is inside


@pytest.mark.parametrize(
    ("text", "base", "side"),
    [
        ("middle_back", "middle_back", "both"),
        ("middle_back_left", "middle_back", "left"),
        ("Upper-Back_Right", "upper_back", "right"),
        ("neck", "neck", "both"),
        ("shoulder", "shoulder", "both"),
        ("Middle back left", "middle_back", "left"),  # as a person types it: spaces and capitals
    ],
)
def test_parse_region(text: str, base: str, side: str) -> None:
    choice = parse_region(text)
    assert choice is not None and (choice.base, choice.side) == (base, side)


@pytest.mark.parametrize("text", ["", None, "knee", "neck_left", "middle_back_up", "<script>"])
def test_parse_region_rejects_unknown(text: str | None) -> None:
    assert parse_region(text) is None


@pytest.mark.parametrize(
    ("choice", "lit"),
    [
        ("middle_back", {"middle_back_left", "middle_back_right"}),
        ("middle_back_left", {"middle_back_left"}),
        ("neck", {"neck"}),
    ],
)
def test_regions_for_choice(choice: str, lit: set[str]) -> None:
    parsed = parse_region(choice)
    assert parsed is not None
    assert {r.id for r in regions_for(parsed)} == lit


def test_every_choice_id_parses() -> None:
    assert all(parse_region(c) is not None for c in choice_ids())
    assert set(REGION_IDS) <= set(choice_ids())


@pytest.mark.parametrize(
    ("current", "clicked", "after"),
    [
        (None, "neck", "neck"),
        ("neck", "neck", None),
        ("neck", "middle_back_left", "middle_back_left"),
        ("middle_back", "middle_back_left", "middle_back_left"),
    ],
)
def test_toggle_region(current: str | None, clicked: str, after: str | None) -> None:
    assert toggle_region(current, clicked) == after


# ---- the regions' own shapes (built when the module loads: mutmut cannot see them, so these were checked by hand
# with each of its mutants switched on at import; BENCHMARKS.md) --------------------------------------------------


def test_each_region_is_named_by_its_part_and_side_and_left_mirrors_right() -> None:
    from acumap.atlas.regions import REGIONS, region

    for r in REGIONS:
        assert r.id == (r.base if r.side == "both" else f"{r.base}_{r.side}")
        assert r.side in ("both", "left", "right")
        if r.side == "left":
            assert r.polygon == tuple((-x, y) for x, y in region(f"{r.base}_right").polygon)


@pytest.mark.parametrize("level", ["T2", "T3", "T4", "T5", "T6"])
def test_the_outer_bladder_line_belongs_to_the_back_and_a_cun_beyond_it_to_the_shoulder(level: str) -> None:
    """The upper back's outer edge runs just beyond the 3-cun line (the scapula's medial border)."""
    y = anatomy.spine_point_position("BL", level, 3.0, "right")[1]
    assert region_at(anatomy.cun_to_cm(3.0), y) == "upper_back_right"
    assert region_at(anatomy.cun_to_cm(3.5), y) == "upper_back_right"
    assert region_at(anatomy.cun_to_cm(4.0), y) == "shoulder_right"
    assert region_at(-anatomy.cun_to_cm(4.0), y) == "shoulder_left"


def test_the_trunk_is_covered_once_from_the_neck_to_the_sacrum() -> None:
    """A grid over the back from C7 to the sacrum, within 4 cun of the midline: every point lies in exactly one
    region (off the shared edges): the shoulders and the three back regions meet without a gap. (Further out,
    below the shoulder blade and level with the armpit, the regions leave the side of the chest to the map.)"""
    from acumap.atlas.regions import REGIONS, point_in_polygon

    top, bottom = anatomy.upper_border_y("T1"), 52.0
    seen: set[str] = set()
    y = top + 0.13
    while y < bottom:
        x = -anatomy.cun_to_cm(4.0) + 0.07
        while x < anatomy.cun_to_cm(4.0):
            inside = [r.id for r in REGIONS if point_in_polygon(x, y, r.polygon)]
            assert len(inside) == 1, (x, y, inside)
            seen.add(inside[0])
            x += 0.5
        y += 0.5
    assert seen == {
        f"{b}_{s}" for b in ("shoulder", "upper_back", "middle_back", "lower_back") for s in ("left", "right")
    }
