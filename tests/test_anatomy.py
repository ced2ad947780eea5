"""The body model: heights down the spine, cun widths, where GV and BL points sit."""

from __future__ import annotations

import itertools

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import back_markers
from acumap.body import anatomy

LEVELS = anatomy.SPINE_LEVELS


def test_levels_are_c7_t1_t12_l1_l5_in_order() -> None:
    assert ("C7", *[f"T{i}" for i in range(1, 13)], *[f"L{i}" for i in range(1, 6)]) == LEVELS


def test_levels_go_down_the_page_in_order() -> None:
    heights = [anatomy.level_y(level) for level in LEVELS]
    assert heights[0] == 0.0
    assert all(a < b for a, b in itertools.pairwise(heights))


@pytest.mark.parametrize(
    ("level", "fraction"),
    [("C7", 0.0), ("T4", 0.21), ("T7", 0.39), ("T10", 0.54), ("L1", 0.71), ("L4", 0.86)],
)
def test_measured_levels_sit_at_ernst_proportions(level: str, fraction: float) -> None:
    assert anatomy.level_y(level) == pytest.approx(fraction * anatomy.C7_TO_PSIS_CM)


def test_interpolated_level_lies_between_its_measured_neighbours() -> None:
    assert anatomy.level_y("T4") < anatomy.level_y("T5") < anatomy.level_y("T6") < anatomy.level_y("T7")
    # T8 and T9 split the T7 -> T10 interval evenly.
    gap = anatomy.level_y("T10") - anatomy.level_y("T7")
    assert anatomy.level_y("T8") - anatomy.level_y("T7") == pytest.approx(gap / 3)


@pytest.mark.parametrize("cun", [0.5, 1.5, 2.0, 3.0, 4.0, 8.0])
def test_offsets_are_mirror_images(cun: float) -> None:
    assert anatomy.side_x(cun, "left") == -anatomy.side_x(cun, "right")
    assert anatomy.side_x(cun, "left") < 0 < anatomy.side_x(cun, "right")


def test_inner_line_is_half_way_from_midline_to_scapula() -> None:
    scapula = anatomy.cun_to_cm(anatomy.SCAPULA_MEDIAL_BORDER_CUN)
    assert anatomy.cun_to_cm(1.5) == pytest.approx(scapula / 2)
    assert anatomy.cun_to_cm(anatomy.ACROMION_CUN) > scapula


@pytest.mark.parametrize("level", LEVELS[:-1])
def test_gv_point_is_in_the_depression_below_its_spinous_process(level: str) -> None:
    _, y = anatomy.spine_point_position("GV9", level, 0.0, "right")
    nxt = LEVELS[LEVELS.index(level) + 1]
    assert anatomy.lower_border_y(level) < y < anatomy.upper_border_y(nxt)


@pytest.mark.parametrize("level", LEVELS)
def test_bladder_point_is_level_with_the_lower_border(level: str) -> None:
    x, y = anatomy.spine_point_position("BL18", level, 1.5, "left")
    assert y == pytest.approx(anatomy.lower_border_y(level))
    assert x == pytest.approx(-anatomy.cun_to_cm(1.5))
    assert anatomy.upper_border_y(level) < anatomy.level_y(level) < y


def test_unknown_level_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown spine level 'T13'"):
        anatomy.level_y("T13")


def test_scapular_points_lie_lateral_to_the_medial_border() -> None:
    for key in anatomy.SCAPULAR_PLACEMENTS:
        x, _ = anatomy.landmark_position(key, "right")
        assert x > anatomy.cun_to_cm(anatomy.SCAPULA_MEDIAL_BORDER_CUN)


def test_shipped_back_points_are_drawn_from_level_and_offset() -> None:
    atlas = load_atlas()
    markers = {(m.point.id, m.side): (m.x, m.y) for m in back_markers(atlas)}
    assert markers[("BL18", "left")] == pytest.approx((-anatomy.cun_to_cm(1.5), anatomy.lower_border_y("T9")))
    assert markers[("BL18", "right")] == pytest.approx((anatomy.cun_to_cm(1.5), anatomy.lower_border_y("T9")))
    assert markers[("GV9", "midline")] == pytest.approx((0.0, anatomy.depression_below_y("T7")))
    assert ("GV9", "left") not in markers
    assert markers[("BL43", "right")] == pytest.approx((anatomy.cun_to_cm(3.0), anatomy.lower_border_y("T4")))
    assert markers[("GB21", "right")][0] == pytest.approx(anatomy.cun_to_cm(4.0))
