"""The neck model's geometry (acumap/body/neck.py): the heights of the neck's spinous processes, the muscle
borders, and where each neck point is placed and how it is said.

Expected figures are written out, derived from the model's anatomy, not read from it:

- the back model puts the tip of T1's spinous process 2.6775 cm below C7's, so GV14 (half-way down to T1)
  lies at y 1.33875;
- the posterior hairline is 3 B-cun above GV14, 2.4 cm a cun up the neck: y 1.33875 - 7.2 = -5.86125;
- GV15 is 0.5 B-cun above the hairline (y -7.06125), GV16 1 B-cun above it (y -8.26125);
- the upper border of C2's (large) spinous process is 0.45 cm below GV15 (y -6.61125), its tip 0.45 cm lower
  (y -6.16125); C3..C6 lie evenly between C2 and C7 (y 0), 1.23225 cm apart;
- across the neck a B-cun is drawn 1.3 cm.
"""

from __future__ import annotations

import re

import pytest

from acumap.body import neck

T1_Y = 2.6775
C2_TIP_Y = -6.16125
STEP = 1.23225  # between the tips of two neighbouring neck processes, C2 to C7


@pytest.mark.parametrize(
    ("level", "y"),
    [("C2", C2_TIP_Y), ("C3", -4.929), ("C4", -3.69675), ("C5", -2.4645), ("C6", -1.23225), ("C7", 0.0)],
)
def test_the_neck_processes_lie_evenly_from_c2_to_c7(level: str, y: float) -> None:
    assert neck.level_y(level) == pytest.approx(y, abs=1e-9)


@pytest.mark.parametrize("level", ["C1", "T1", "c2", ""])
def test_an_unknown_neck_level_names_itself_and_the_known_ones(level: str) -> None:
    with pytest.raises(ValueError, match="unknown neck level") as info:
        neck.level_y(level)
    message = str(info.value)
    assert repr(level) in message
    assert "C2, C3, C4, C5, C6, C7" in message


@pytest.mark.parametrize(
    ("level", "y"),
    [
        # 0.3 of the way down to the next process: C2's lower border is 0.3 x 1.23225 cm below its tip.
        ("C2", C2_TIP_Y + 0.3 * STEP),
        ("C4", -3.69675 + 0.3 * STEP),
        ("C6", -1.23225 + 0.3 * STEP),
        # C7's next process is T1, on the back.
        ("C7", 0.3 * T1_Y),
    ],
)
def test_a_lower_border_is_three_tenths_of_the_way_to_the_next_process(level: str, y: float) -> None:
    assert neck.lower_border_y(level) == pytest.approx(y, abs=1e-9)


@pytest.mark.parametrize(("cun", "cm"), [(0.0, 0.0), (1.0, 1.3), (2.5, 3.25), (4.5, 5.85)])
def test_a_cun_across_the_neck_is_drawn_1_3_cm(cun: float, cm: float) -> None:
    assert neck.cun_x(cun) == pytest.approx(cm)


#: A border in B-cun out from the midline at each height, as the model's borders are written.
BORDER = ((1.0, -4.0), (2.0, -2.0), (5.0, 1.0))


@pytest.mark.parametrize(
    ("y", "cun"),
    [
        (-4.0, 1.0),  # its top end
        (-3.0, 1.5),  # half-way down the first stretch
        (-2.0, 2.0),  # where two stretches meet
        (0.0, 4.0),  # two thirds down the second
        (1.0, 5.0),  # its bottom end
    ],
)
def test_a_border_runs_straight_between_its_points(y: float, cun: float) -> None:
    assert neck.border_x(BORDER, y) == pytest.approx(cun)


@pytest.mark.parametrize("y", [-4.01, 1.01])
def test_a_height_beyond_a_border_is_refused_with_its_extent(y: float) -> None:
    with pytest.raises(ValueError, match="outside the border") as info:
        neck.border_x(BORDER, y)
    assert f"y {y:g}" in str(info.value)
    assert "(y -4 to 1)" in str(info.value)


def test_gb20_lies_midway_between_the_two_muscles_at_gv16() -> None:
    # At GV16's height the trapezius border is 1.5 B-cun out, sternocleidomastoid's 3.3: GB20 at 2.4.
    assert neck.border_x(neck.TRAPEZIUS_BORDER, -8.26125) == pytest.approx(1.5)
    assert neck.border_x(neck.SCM_BORDER, -8.26125) == pytest.approx(3.3)


#: Each neck landmark: its height (y, cm), its distance out (B-cun), and the words that say where it is: what
#: the point is level with (the bone or point named), and what it lies between or beside.
PLACES = {
    # GB20: level with GV16, between the origins of sternocleidomastoid and trapezius.
    "below_occiput_between_scm_and_trapezius": (
        -8.26125,
        2.4,
        ("GV16", "external occipital protuberance"),
        ("sternocleidomastoid", "trapezius"),
    ),
    # BL10: level with the upper border of C2's process, just lateral to the trapezius, 1.3 B-cun out.
    "level_with_c2_lateral_to_trapezius": (
        -6.61125,
        1.3,
        ("C2", "upper border"),
        ("lateral to the trapezius",),
    ),
    # Bailao: 2 B-cun above GV14 (1.33875 - 4.8), 1 B-cun out.
    "two_cun_above_gv14_one_cun_lateral": (-3.46125, 1.0, ("GV14", "2 cun above"), ("back of the neck",)),
    # The cervical Jiaji: 0.5 B-cun beside the lower border of each process, to the hundredth of a cm.
    "beside_c2_spinous_process": (-5.79, 0.5, ("C2", "lower border"), ("beside the spinous process",)),
    "beside_c3_spinous_process": (-4.56, 0.5, ("C3", "lower border"), ("beside the spinous process",)),
    "beside_c4_spinous_process": (-3.33, 0.5, ("C4", "lower border"), ("beside the spinous process",)),
    "beside_c5_spinous_process": (-2.09, 0.5, ("C5", "lower border"), ("beside the spinous process",)),
    "beside_c6_spinous_process": (-0.86, 0.5, ("C6", "lower border"), ("beside the spinous process",)),
    "beside_c7_spinous_process": (0.8, 0.5, ("C7", "lower border"), ("beside the spinous process",)),
}

#: A bone or point named at the start of a phrase (GV16, ...): the phrase reads on from "level with".
_LEADING_CODE = re.compile(r"^[A-Z]{2}\d+, ")


def _reads_on(words: str) -> bool:
    """Whether a phrase reads on inside a sentence: after a leading code, in lower case."""
    return _LEADING_CODE.sub("", words, count=1)[:1].islower()


def test_the_neck_landmarks_are_these() -> None:
    assert sorted(neck.NECK_PLACEMENTS) == sorted(PLACES)


@pytest.mark.parametrize("landmark", sorted(PLACES))
def test_each_neck_landmark_is_placed_and_worded(landmark: str) -> None:
    y, cun, level_facts, between_facts = PLACES[landmark]
    place = neck.NECK_PLACEMENTS[landmark]
    assert place.y == pytest.approx(y, abs=1e-9)
    assert place.cun == pytest.approx(cun, abs=1e-9)
    for fact in level_facts:
        assert fact in place.level
    for fact in between_facts:
        assert fact in place.between
    assert _reads_on(place.level), place.level
    assert _reads_on(place.between), place.between


@pytest.mark.parametrize("landmark", sorted(PLACES))
def test_a_neck_point_is_drawn_on_both_sides_at_its_height(landmark: str) -> None:
    y, cun, _, _ = PLACES[landmark]
    right, left = neck.landmark_position(landmark, "right"), neck.landmark_position(landmark, "left")
    assert right == pytest.approx((1.3 * cun, y), abs=1e-9)
    assert left == pytest.approx((-1.3 * cun, y), abs=1e-9)


def test_an_unknown_neck_landmark_names_itself_and_the_known_ones_in_order() -> None:
    with pytest.raises(ValueError, match="unknown neck landmark 'nape'") as info:
        neck.landmark_position("nape", "right")
    known = str(info.value).split("expected one of ")[1]
    assert known == ", ".join(sorted(PLACES))


@pytest.mark.parametrize(
    ("landmark", "said"),
    [
        (
            "level_with_c2_lateral_to_trapezius",
            (
                "the upper border of the C2 spinous process",
                "lateral to the trapezius",
                "1.3 cun from the midline",
            ),
        ),
        (
            "two_cun_above_gv14_one_cun_lateral",
            ("2 cun above GV14", "back of the neck", "1 cun from the midline"),
        ),
        (
            "beside_c7_spinous_process",
            ("the lower border of the C7", "beside the spinous process", "0.5 cun"),
        ),
    ],
)
def test_a_neck_points_placement_in_words_says_level_beside_and_distance(
    landmark: str, said: tuple[str, str, str]
) -> None:
    text = neck.placement_text(landmark)
    assert text.startswith("level with ")
    positions = [text.index(part) for part in said]
    assert positions == sorted(positions)  # what it is level with, what it lies beside, how far out
