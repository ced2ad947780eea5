"""The body model: heights down the spine, cun widths, where GV and BL points sit."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

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


# ---- edges of the body model's rules (what mutmut found unpinned) -----------------------------------------------


def test_the_midline_is_strictly_within_a_quarter_cun() -> None:
    """A quarter cun is 0.5625 cm: a tap that far out is a side, not the spine."""
    assert anatomy.on_midline(0.56) and anatomy.on_midline(-0.56)
    assert not anatomy.on_midline(0.5625) and not anatomy.on_midline(-0.5625)


@pytest.mark.parametrize("level", ["T5", "T12", "L4"])
def test_the_depression_below_a_spinous_process_is_half_way_to_the_next(level: str) -> None:
    nxt = anatomy.SPINE_LEVELS[anatomy.SPINE_LEVELS.index(level) + 1]
    assert anatomy.depression_below_y(level) == pytest.approx(
        (anatomy.level_y(level) + anatomy.level_y(nxt)) / 2
    )


def test_a_spinous_process_is_drawn_in_proportion_to_its_gap_to_the_next() -> None:
    def gap(level: str) -> float:
        return anatomy.level_y(anatomy.SPINE_LEVELS[anatomy.SPINE_LEVELS.index(level) + 1]) - anatomy.level_y(
            level
        )

    assert gap("T2") != pytest.approx(gap("L3"))
    ratio = anatomy.process_half_height("T2") / anatomy.process_half_height("L3")
    assert ratio == pytest.approx(gap("T2") / gap("L3"))


def test_a_midline_point_is_drawn_once_and_a_lateral_one_on_both_sides() -> None:
    assert anatomy.sides_for(0) == ("right",)
    assert anatomy.sides_for(1.5) == ("left", "right")


def test_unknown_levels_and_landmarks_say_what_is_known() -> None:
    with pytest.raises(ValueError, match=r"expected one of C7, T1, T2"):
        anatomy.level_y("T13")
    with pytest.raises(
        ValueError, match=r"unknown landmark 'nope'; expected one of .*inferior_to_scapular_spine"
    ):
        anatomy.landmark_position("nope", "right")


@dataclass
class Placed:
    code: str
    view: str = "back"
    spine_level: str | None = None
    offset_cun: float | None = None
    landmark: str | None = None


@pytest.mark.parametrize(
    ("point", "text"),
    [
        (
            Placed("SI11", landmark="infraspinous_fossa_one_third"),
            "placed from the shoulder blade (infraspinous fossa one third)",
        ),
        (Placed("BL18", spine_level="T9"), None),  # a level without its offset is not placed
        (Placed("BL18", offset_cun=1.5), None),
        (Placed("LI4", view="hand"), None),
    ],
)
def test_how_a_back_point_is_placed_in_words(point: Placed, text: str | None) -> None:
    assert anatomy.placement_text(point) == text
