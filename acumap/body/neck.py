"""The body model of the neck view: the back of the head and neck, seen from behind.

The frame is the back's (docs/coordinates.md): centimetres, x from the posterior midline (the person's left
is the viewer's left, x < 0), y downwards from the tip of the C7 spinous process, so the neck continues the
back above C7. Proportional bone cun (B-cun) on the neck, as the standard tables give them (WHO 2008's own
table was not read for AcuMap):

- across: between the two mastoid processes = 9 B-cun (the Lingshu's chapter on bone measures, "behind the
  ears, at the mastoid bones, nine cun wide", read in a Chinese edition);
- up and down: the posterior hairline to GV14 (the depression below C7) = 3 B-cun (as tabulated in Chinese
  acupuncture textbooks; read second-hand).

The widths and heights in cm are an average adult's, chosen for the drawing; what is exact is where each
point lies relative to the drawn landmarks, because the points, the bones, the muscle borders and the
hairline in `assets/neck.svg` are all computed here (scripts/draw_neck.py draws the SVG from this module;
tests/test_positions.py checks the points against the landmarks and the drawing against this model).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from acumap.body import anatomy

#: Across the neck: the mastoid processes are 9 B-cun apart, drawn 11.7 cm apart.
MASTOID_CUN = 4.5
CM_PER_CUN_X = 1.3
#: Up the neck: the posterior hairline lies 3 B-cun above GV14, drawn 7.2 cm.
HAIRLINE_TO_GV14_CUN = 3.0
CM_PER_CUN_Y = 2.4

#: GV14, in the depression below the C7 spinous process (the back's own model).
GV14_Y = anatomy.depression_below_y("C7")
#: The midpoint of the posterior hairline.
HAIRLINE_Y = GV14_Y - HAIRLINE_TO_GV14_CUN * CM_PER_CUN_Y
#: GV15: in the depression above the C2 spinous process, 0.5 B-cun above the posterior hairline.
GV15_Y = HAIRLINE_Y - 0.5 * CM_PER_CUN_Y
#: GV16: directly below the external occipital protuberance, 1 B-cun above the posterior hairline.
GV16_Y = HAIRLINE_Y - 1.0 * CM_PER_CUN_Y
#: The external occipital protuberance, the bump GV16 lies directly below.
EOP_Y = GV16_Y - 0.9
#: The tip of the mastoid process, and where the superior nuchal line meets it.
MASTOID_TIP = (MASTOID_CUN * CM_PER_CUN_X, GV16_Y + 0.9)
NUCHAL_LINE_END = (MASTOID_CUN * CM_PER_CUN_X - 0.4, EOP_Y + 0.45)

#: The spinous processes of the neck: C2 is the first one felt below the occiput, C7 the prominent one.
NECK_LEVELS: tuple[str, ...] = ("C2", "C3", "C4", "C5", "C6", "C7")
#: C2's spinous process is large: its upper border is 0.45 cm below GV15's depression.
C2_UPPER_Y = GV15_Y + 0.45
_C2_Y = C2_UPPER_Y + 0.45


def level_y(level: str) -> float:
    """Height of the tip of a neck spinous process (C2..C7), cm below C7; C3..C6 evenly between C2 and C7."""
    try:
        i = NECK_LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown neck level {level!r}; expected one of {', '.join(NECK_LEVELS)}") from None
    return _C2_Y + (0.0 - _C2_Y) * i / (len(NECK_LEVELS) - 1)


def lower_border_y(level: str) -> float:
    """Height of the lower border of a neck spinous process: 0.3 of the way down to the next one (C7: T1)."""
    i = NECK_LEVELS.index(level)
    below = level_y(NECK_LEVELS[i + 1]) if i + 1 < len(NECK_LEVELS) else anatomy.level_y("T1")
    return level_y(level) + 0.3 * (below - level_y(level))


def cun_x(cun: float) -> float:
    """A distance across the neck in cm for a distance in B-cun (the mastoid scale)."""
    return cun * CM_PER_CUN_X


#: The lateral border of the trapezius (right side), top to bottom, as (B-cun from the midline, y cm): it
#: arises from the medial third of the superior nuchal line, runs down the neck about 1.2 cun out, then
#: sweeps out towards the acromion below C5.
TRAPEZIUS_BORDER: tuple[tuple[float, float], ...] = (
    (MASTOID_CUN / 3, EOP_Y + 0.35),
    (1.5, GV16_Y),
    (1.2, C2_UPPER_Y),
    (1.15, level_y("C4")),
    (1.6, level_y("C5")),
    (3.4, level_y("C7")),
    (7.0, GV14_Y + 1.8),
)

#: The posterior border of sternocleidomastoid (right side): it arises from the mastoid process and the
#: lateral part of the superior nuchal line and turns forwards down the side of the neck.
SCM_BORDER: tuple[tuple[float, float], ...] = (
    (3.3, NUCHAL_LINE_END[1] + 0.05),
    (3.3, GV16_Y),
    (3.6, C2_UPPER_Y),
    (3.95, level_y("C4")),
)


def border_x(border: tuple[tuple[float, float], ...], y: float) -> float:
    """The border's distance from the midline (B-cun) at height y, by straight lines between its points."""
    for (c0, y0), (c1, y1) in itertools.pairwise(border):
        if y0 <= y <= y1:
            return c0 + (c1 - c0) * (y - y0) / (y1 - y0)
    raise ValueError(f"y {y:g} is outside the border (y {border[0][1]:g} to {border[-1][1]:g})")


@dataclass(frozen=True)
class NeckPlacement:
    """Where a neck point lies: its height (the landmark it is level with) and its distance out (B-cun)."""

    level: str  # in words: what the point is level with
    y: float
    cun: float
    between: str  # what it lies between or beside, in words


def _placements() -> dict[str, NeckPlacement]:
    gb20_cun = (border_x(TRAPEZIUS_BORDER, GV16_Y) + border_x(SCM_BORDER, GV16_Y)) / 2
    return {
        # GB20: below the occipital bone, level with GV16, in the hollow between the origins of
        # sternocleidomastoid and trapezius (midway between their borders).
        "below_occiput_between_scm_and_trapezius": NeckPlacement(
            "GV16, directly below the external occipital protuberance",
            GV16_Y,
            round(gb20_cun, 2),
            "in the hollow between the origins of sternocleidomastoid and trapezius",
        ),
        # BL10: level with the superior border of the C2 spinous process, in the depression lateral to
        # trapezius; older texts give 1.3 B-cun lateral to GV15, where the drawn border lies just medial.
        "level_with_c2_lateral_to_trapezius": NeckPlacement(
            "the upper border of the C2 spinous process",
            C2_UPPER_Y,
            1.3,
            "in the hollow just lateral to the trapezius",
        ),
        # Bailao (EX-HN15): 2 B-cun above GV14, 1 B-cun lateral to the posterior midline.
        "two_cun_above_gv14_one_cun_lateral": NeckPlacement(
            "a point 2 cun above GV14", GV14_Y - 2.0 * CM_PER_CUN_Y, 1.0, "on the back of the neck"
        ),
        # The cervical Jiaji points: 0.5 B-cun lateral to the lower border of each spinous process, C2 to C7.
        **{
            f"beside_{level.lower()}_spinous_process": NeckPlacement(
                f"the lower border of the {level} spinous process",
                round(lower_border_y(level), 2),
                0.5,
                "beside the spinous process",
            )
            for level in NECK_LEVELS
        },
    }


NECK_PLACEMENTS: dict[str, NeckPlacement] = _placements()


def landmark_position(landmark: str, side: anatomy.Side) -> tuple[float, float]:
    """Position of a neck point placed from its landmark (see NECK_PLACEMENTS)."""
    try:
        place = NECK_PLACEMENTS[landmark]
    except KeyError:
        known = ", ".join(sorted(NECK_PLACEMENTS))
        raise ValueError(f"unknown neck landmark {landmark!r}; expected one of {known}") from None
    x = cun_x(place.cun)
    return (-x if side == "left" else x), place.y


def placement_text(landmark: str) -> str:
    """How the map places a neck point, in words."""
    place = NECK_PLACEMENTS[landmark]
    return f"level with {place.level}, {place.between}, {place.cun:g} cun from the midline"
