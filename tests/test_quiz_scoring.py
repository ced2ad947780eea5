"""Quiz scoring at its edges: exactly at a tolerance, just over or under it, and what each kind of miss says.

Positions come from the body model (a point's own marker, a spinous process's tip): a Governor Vessel point lies
in the depression half-way between its process and the next, so the next process's tip is exactly half a level
below it; on the back one B-cun is 2.25 cm, so half a cun sideways is exactly 1.125 cm. Feedback is checked by
its key facts (the amount and the direction, how many lines), not by its wording.
"""

from __future__ import annotations

import math

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import point_markers
from acumap.body import anatomy
from acumap.quiz import hint, score_attempt, score_name, shown_marker

ATLAS = load_atlas()
CUN = 2.25  # cm per B-cun on the back


def at(pid: str, side: str) -> tuple[float, float]:
    m = next(m for m in point_markers(ATLAS.point(pid)) if m.side == side)
    return m.x, m.y


def said(feedback: tuple[str, ...], lines: list[tuple[str, ...]]) -> None:
    """One line per expected line, each carrying its key facts."""
    assert len(feedback) == len(lines), feedback
    for line, facts in zip(feedback, lines, strict=True):
        for fact in facts:
            assert fact in line, (fact, line)


# --- the back: levels up and down, B-cun from the midline -------------------------------------------------


@pytest.mark.parametrize(
    ("y", "x", "correct", "vertical", "lines"),
    [
        # GV6 is in the depression below T11: the tip of T12 is exactly half a level low, T11's half a level high.
        (anatomy.level_y("T12"), 0.0, True, 0.5, [("Close enough",)]),
        (anatomy.level_y("T11"), 0.0, True, -0.5, [("Close enough",)]),
        # Exactly half a level off is not reported when the miss is sideways.
        (anatomy.level_y("T12"), 1.0 * CUN, False, 0.5, [("1.0 cun", "off the midline", "right")]),
    ],
    ids=["half-a-level-low", "half-a-level-high", "half-a-level-low-and-1-cun-out"],
)
def test_half_a_level_off_is_still_correct(
    y: float, x: float, correct: bool, vertical: float, lines: list[tuple[str, ...]]
) -> None:
    s = score_attempt(ATLAS, "GV6", "back", x, y)
    assert s.vertical == vertical  # exactly: the depression is half-way between the processes
    assert s.correct is correct
    said(s.feedback, lines)


@pytest.mark.parametrize(
    ("pid", "side", "dx_cm", "correct", "sideways", "lines"),
    [
        # BL18 is 1.5 cun (3.375 cm) out: 4.5 cm is exactly half a cun too far, 3.9375 cm a quarter.
        ("BL18", "right", 1.125, True, 0.5, [("Close enough",)]),
        ("BL18", "right", 0.5625, True, 0.25, [("Close enough",)]),  # a quarter cun is no longer "on" it
        ("BL18", "right", 0.5, True, 0.5 / CUN, [("On the point",)]),
        ("BL18", "left", -1.125, True, 0.5, [("Close enough",)]),  # outwards on the left is -x
        # A midline point: the distance from the midline on either side, the side named.
        ("GV9", "midline", -0.8 * CUN, False, 0.8, [("0.8 cun", "off the midline", "left")]),
        ("GV9", "midline", 0.8 * CUN, False, 0.8, [("0.8 cun", "off the midline", "right")]),
        ("GV9", "midline", 1.125, True, 0.5, [("Close enough",)]),
    ],
)
def test_sideways_on_the_back_in_cun_from_the_midline(
    pid: str, side: str, dx_cm: float, correct: bool, sideways: float, lines: list[tuple[str, ...]]
) -> None:
    x, y = at(pid, side)
    s = score_attempt(ATLAS, pid, "back", x + dx_cm, y)
    assert s.correct is correct
    assert s.sideways == pytest.approx(sideways, abs=1e-12)
    assert s.distance_cun == pytest.approx(abs(sideways), abs=1e-12)
    said(s.feedback, lines)


@pytest.mark.parametrize(
    ("pid", "dx_cm", "lines"),
    [
        # One level low and exactly half a cun out: only the level is a mistake.
        ("BL18", 1.125, [("one level", "low")]),
        ("GV8", 1.125, [("one level", "low")]),
        # Just over half a cun is one.
        ("BL18", 1.35, [("one level", "low"), ("0.6 cun", "far from the midline")]),
        ("GV8", -1.35, [("one level", "low"), ("0.6 cun", "off the midline", "left")]),
    ],
)
def test_half_a_cun_sideways_is_reported_only_beyond_it(
    pid: str, dx_cm: float, lines: list[tuple[str, ...]]
) -> None:
    # GV8 is below T9 and BL18 level with T9's lower border: one level lower is T10's.
    x = at(pid, "midline" if pid == "GV8" else "right")[0]
    y_low = anatomy.depression_below_y("T10") if pid == "GV8" else anatomy.lower_border_y("T10")
    s = score_attempt(ATLAS, pid, "back", x + dx_cm, y_low)
    assert s.vertical == pytest.approx(1.0, abs=1e-9)
    assert not s.correct
    said(s.feedback, lines)


@pytest.mark.parametrize(
    ("levels", "amount"),
    [
        (1.04, "one level"),  # within 0.05 of a whole level: said as a whole
        (1.06, "1.1 levels"),
        (1.5, "1.5 levels"),
        (2.04, "2 levels"),
        (2.06, "2.1 levels"),
        (-1.04, "one level"),
    ],
)
def test_levels_are_said_whole_within_a_twentieth(levels: float, amount: str) -> None:
    # BL20 is at T11's lower border (3/10 of the way to T12); a fraction of a level is a fraction of the next gap.
    x = at("BL20", "right")[0]
    whole = math.floor(levels) if levels > 0 else math.ceil(levels)
    base = anatomy.SPINE_LEVELS[anatomy.SPINE_LEVELS.index("T11") + whole]
    below = anatomy.SPINE_LEVELS[anatomy.SPINE_LEVELS.index(base) + 1]
    gap = anatomy.level_y(below) - anatomy.level_y(base)
    s = score_attempt(ATLAS, "BL20", "back", x, anatomy.lower_border_y(base) + (levels - whole) * gap)
    assert s.vertical == pytest.approx(levels, abs=1e-9)
    said(s.feedback, [(amount, "low" if levels > 0 else "high")])


def test_an_attempt_on_the_wrong_diagram_keeps_the_point_and_the_tap() -> None:
    s = score_attempt(ATLAS, "LI4", "back", 1.0, 10.0)
    # The point's own diagram and marker (LI4 on the hand at -3.5, -5.2: the right hand is drawn).
    assert (s.point_id, s.view, s.attempt, s.target, s.side) == (
        "LI4",
        "hand",
        (1.0, 10.0),
        (-3.5, -5.2),
        "right",
    )
    assert (s.vertical, s.sideways, s.distance_cun, s.correct, s.wrong_view) == (
        0.0,
        0.0,
        math.inf,
        False,
        True,
    )
    said(s.feedback, [("LI4", "hand", "back")])


# --- the other diagrams: their own cun, in any direction ---------------------------------------------------


@pytest.mark.parametrize(
    ("pid", "dx_cun", "dy_cun", "correct", "lines"),
    [
        # TE5 is on the hand's midline (x = 0): half a cun to either side is exactly half a cun away.
        ("TE5", 0.5, 0.0, True, [("Close enough",)]),
        ("TE5", -0.5, 0.0, True, [("Close enough",)]),
        # A quarter cun or less in one direction is not named when the miss is in the other.
        ("TE5", 0.25, 1.0, False, [("1.0 cun", "towards the elbow")]),
        ("TE5", 0.2, 1.0, False, [("1.0 cun", "towards the elbow")]),
        ("BL40", 1.0, 0.25, False, [("1.0 cun", "to the right on the drawing")]),
        ("BL40", 1.0, -0.25, False, [("1.0 cun", "to the right on the drawing")]),
        ("LI4", 1.0, 0.2, False, [("1.0 cun", "towards the little-finger side")]),
        ("LI4", 0.0, -1.0, False, [("1.0 cun", "towards the fingers")]),
        # Just over half a cun, straight across: a miss, said in that direction only.
        ("LI4", 0.6, 0.0, False, [("0.6 cun", "towards the little-finger side")]),
        ("LI4", -0.6, 0.0, False, [("0.6 cun", "towards the thumb side")]),
        ("SP6", 0.0, 0.6, False, [("0.6 cun", "towards the foot")]),
        ("GV20", -0.3, -0.6, False, [("0.6 cun", "towards the forehead"), ("0.3 cun", "to the left")]),
    ],
)
def test_other_diagrams_at_the_edges(
    pid: str, dx_cun: float, dy_cun: float, correct: bool, lines: list[tuple[str, ...]]
) -> None:
    point = ATLAS.point(pid)
    scale = {"hand": 25.0 / 12.0, "leg": 38.4 / 16.0, "head": 1.7}[point.view]
    assert point.x is not None and point.y is not None
    s = score_attempt(ATLAS, pid, point.view, point.x + dx_cun * scale, point.y + dy_cun * scale)
    assert s.correct is correct
    assert s.sideways == pytest.approx(dx_cun, abs=1e-9)
    assert s.vertical == pytest.approx(dy_cun, abs=1e-9)
    said(s.feedback, lines)


def test_half_a_cun_away_on_another_diagram_is_exactly_the_tolerance() -> None:
    x = 0.5 * 25.0 / 12.0  # TE5 is at x = 0 on the hand
    s = score_attempt(ATLAS, "TE5", "hand", x, 4.2)
    assert s.distance_cun == 0.5
    assert s.correct


# --- naming: the lit point and the point the answer named ---------------------------------------------------


def test_naming_a_point_within_half_a_cun_does_not_say_where_it_lies() -> None:
    # EX-B1 (Dingchuan) is 0.5 cun beside C7, GV14 (Dazhui) below it: within the tolerance of each other.
    result = score_name(ATLAS, "GV14", "EX-B1")
    assert not result.correct
    said(result.feedback, [("GV14", "EX-B1")])


def test_naming_a_midline_point_for_a_bilateral_one_says_where_it_lies() -> None:
    # GV8 is on the midline below T9, BL18 1.5 cun out at T9's lower border.
    result = score_name(ATLAS, "BL18", "GV8")
    assert not result.correct
    said(result.feedback, [("BL18", "GV8"), ("GV8", "1.5 cun", "close to the midline")])


def test_an_answer_that_is_no_point_is_wrong_and_says_the_point() -> None:
    result = score_name(ATLAS, "BL18", "XX99")
    assert (result.point_id, result.given, result.correct) == ("BL18", "XX99", False)
    said(result.feedback, [("BL18", "Gānshū", "Liver Shu")])


# --- hints -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pid", "facts"),
    [
        # The neck: the landmark to find first, as the neck model states it (the location says "occipital bone",
        # "superior border").
        ("GB20", ("GV16", "external occipital protuberance", "GB20")),
        ("BL10", ("upper border of the C2", "BL10")),
        ("SI12", ("shoulder blade", "supraspinous fossa centre")),  # the landmark, in words
        ("EX-B2-T9", ("T9", "EX-B2", "Jiaji line", "0.5 cun")),
        ("GB21", ("C7", "GB21", "4 cun from the midline")),  # an offset with no named line
        ("SI15", ("C7", "SI15", "2 cun from the midline")),
        ("LI4", ("LI4", "2nd metacarpal")),  # no body model: the location as written
    ],
)
def test_a_hint_names_where_to_start(pid: str, facts: tuple[str, ...]) -> None:
    said((hint(ATLAS.point(pid)),), [facts])


@pytest.mark.parametrize(
    ("pid", "x", "side"),
    [
        ("BL18", 3.375, "right"),  # bilateral: the person's right, 1.5 cun out (+x on the back view)
        ("SI12", 12.375, "right"),  # a scapular landmark (5.5 cun out), also on the right
        ("GV9", 0.0, "midline"),  # a midline point has one marker
        ("LI4", -3.5, "right"),  # the hand diagram draws the right hand
    ],
)
def test_a_naming_question_lights_the_right_hand_marker(pid: str, x: float, side: str) -> None:
    m = shown_marker(ATLAS, pid)
    assert (m.point.id, m.x, m.side) == (pid, x, side)
