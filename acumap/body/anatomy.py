"""The body model of the back view: spine levels -> heights, B-cun -> widths, landmarks.

Coordinates are centimetres of an average adult seen from behind: x from the posterior midline
(the person's left, which is the viewer's left, is negative), y downwards from the tip of the C7 spinous
process. Every back point is placed by these functions from its spine level and cun offset, so the
picture cannot drift from the facts in the data.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal, Protocol

Side = Literal["left", "right"]

#: Spinous processes counted on the back, top to bottom.
SPINE_LEVELS: tuple[str, ...] = (
    "C7",
    *(f"T{i}" for i in range(1, 13)),
    *(f"L{i}" for i in range(1, 6)),
)

#: Skin-surface distance C7 -> level of the posterior superior iliac spines (Ernst et al. 2013, 22 adults).
C7_TO_PSIS_CM = 51.0

#: Where measured spinous processes lie, as a fraction of C7 -> PSIS (Ernst et al., BMC Res Notes 2013;6:58).
#: Levels in between are interpolated; L5 continues the L1 -> L4 spacing.
_MEASURED_FRACTIONS: dict[str, float] = {
    "C7": 0.0,
    "T4": 0.21,
    "T7": 0.39,
    "T10": 0.54,
    "L1": 0.71,
    "L4": 0.86,
    "L5": 0.91,
}

#: Proportional bone cun on the back: midline -> medial border of the scapula = 3 B-cun. An average adult's
#: medial border lies ~6.75 cm from the spinous processes, so one B-cun is drawn as 2.25 cm.
CM_PER_CUN = 2.25
#: Posterior midline -> medial border of the scapula (arms hanging), in B-cun.
SCAPULA_MEDIAL_BORDER_CUN = 3.0
#: Posterior midline -> lateral end of the acromion, in B-cun.
ACROMION_CUN = 8.0

#: The Bladder lines drawn on the back, in B-cun from the midline; 1.5 is the main (inner) line.
GUIDE_LINES_CUN: tuple[float, ...] = (0.5, 1.5, 3.0)
MAIN_LINE_CUN = 1.5

#: A tap within this many B-cun of the posterior midline is on the midline: it chooses both sides of a region
#: (and the last-tap line says "on the midline").
MIDLINE_CUN = 0.25

#: Half the drawn height of a spinous process, as a fraction of the gap to the next level.
_PROCESS_HALF_HEIGHT = 0.3


def _interpolated_fractions() -> dict[str, float]:
    anchors = [(SPINE_LEVELS.index(level), frac) for level, frac in _MEASURED_FRACTIONS.items()]
    anchors.sort()
    result: dict[str, float] = {}
    for (i0, f0), (i1, f1) in itertools.pairwise(anchors):
        for i in range(i0, i1 + 1):
            result[SPINE_LEVELS[i]] = f0 + (f1 - f0) * (i - i0) / (i1 - i0)
    return result


_FRACTIONS = _interpolated_fractions()


def is_spine_level(level: str) -> bool:
    """True for C7, T1..T12, L1..L5."""
    return level in _FRACTIONS


def level_y(level: str) -> float:
    """Height of the tip of a spinous process, cm below C7."""
    try:
        return _FRACTIONS[level] * C7_TO_PSIS_CM
    except KeyError:
        raise ValueError(
            f"unknown spine level {level!r}; expected one of {', '.join(SPINE_LEVELS)}"
        ) from None


def _gap_below(level: str) -> float:
    i = SPINE_LEVELS.index(level)
    if i + 1 < len(SPINE_LEVELS):
        return level_y(SPINE_LEVELS[i + 1]) - level_y(level)
    return level_y(level) - level_y(SPINE_LEVELS[i - 1])


def process_half_height(level: str) -> float:
    """Half the drawn height of a spinous process (cm)."""
    return _PROCESS_HALF_HEIGHT * _gap_below(level)


def lower_border_y(level: str) -> float:
    """Lower border of a spinous process: where the Bladder and Jiaji points of that level sit."""
    return level_y(level) + process_half_height(level)


def upper_border_y(level: str) -> float:
    """Upper border of a spinous process."""
    return level_y(level) - process_half_height(level)


def depression_below_y(level: str) -> float:
    """The depression below a spinous process: where a Governor Vessel point of that level sits.

    It lies half-way between this process and the next one down, i.e. below the lower border.
    """
    return level_y(level) + _gap_below(level) / 2


def on_midline(x_cm: float) -> bool:
    """Whether a position on the back (x in cm from the midline) is on the midline (MIDLINE_CUN)."""
    return abs(x_cm) < cun_to_cm(MIDLINE_CUN)


def cun_to_cm(cun: float) -> float:
    """Lateral distance in cm for a distance in B-cun."""
    return cun * CM_PER_CUN


def side_x(offset_cun: float, side: Side) -> float:
    """x of a point offset_cun from the midline on the person's side (posterior view: left is negative)."""
    x = cun_to_cm(offset_cun)
    return -x if side == "left" else x


def sides_for(offset_cun: float) -> tuple[Side, ...]:
    """Midline points are drawn once; bilateral points on both sides."""
    return ("right",) if offset_cun == 0 else ("left", "right")


def spine_point_position(code: str, level: str, offset_cun: float, side: Side) -> tuple[float, float]:
    """Position of a back point placed from the spine.

    Governor Vessel points lie in the depression below the spinous process; Bladder, Jiaji and the other
    back points lie level with its lower border.
    """
    y = depression_below_y(level) if code.startswith("GV") else lower_border_y(level)
    return side_x(offset_cun, side), y


@dataclass(frozen=True)
class Landmark:
    """A bony landmark drawn and labelled on the back, with what it is taught as and what studies found."""

    key: str
    label: str
    x_cun: float
    level: str
    taught: str
    found: str


#: Classic landmarks for counting vertebrae (right side; drawn mirrored).
LANDMARKS: tuple[Landmark, ...] = (
    Landmark(
        "c7",
        "Most prominent spinous process",
        0.0,
        "C7",
        "C7 is taught as the most prominent spinous process at the base of the neck.",
        "In cadaver studies it is the most prominent in only about half of people; C6 or T1 in many others.",
    ),
    Landmark(
        "scapular_spine_root",
        "Root of the scapular spine",
        SCAPULA_MEDIAL_BORDER_CUN,
        "T3",
        "The medial end of the scapular spine is taught as level with T3.",
        "It moves with the shoulder blade; use it with the arms hanging relaxed.",
    ),
    Landmark(
        "inferior_angle",
        "Inferior angle of the scapula",
        3.55,
        "T7",
        "The inferior angle of the scapula is taught as level with T7.",
        "Standing, it lies level with T8 on average, anywhere from T4 to T11: count down from C7 to be sure.",
    ),
    Landmark(
        "iliac_crest",
        "Top of the iliac crests",
        4.9,
        "L4",
        "The line across the tops of the iliac crests is taught as level with L4.",
        "Imaging puts it at L4 or L4/5; by palpation it is often found higher, at L3.",
    ),
)

#: The drawn scapula (right side), in (B-cun, cm): root of its spine at the medial border level with T3,
#: spine rising to the acromion, inferior angle level with T7 (as taught).
SCAPULAR_SPINE_ROOT = (SCAPULA_MEDIAL_BORDER_CUN, level_y("T3"))
ACROMION_END = (ACROMION_CUN, 0.0)
INFERIOR_ANGLE = (3.55, level_y("T7"))
#: The levels the medial border of the scapula runs beside (arms hanging): from its superior angle (about T2)
#: down to its inferior angle (T7), as taught. Below T7 the 3-cun line has no shoulder blade beside it.
SCAPULA_LEVELS: tuple[str, ...] = SPINE_LEVELS[SPINE_LEVELS.index("T2") : SPINE_LEVELS.index("T7") + 1]


def beside_scapula(level: str) -> bool:
    """Whether a point 3 cun out at this level lies along the shoulder blade's inner edge (T2 to T7)."""
    return level in SCAPULA_LEVELS


def _along(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


_SPINE_MID = _along(SCAPULAR_SPINE_ROOT, ACROMION_END, 0.5)

#: Back points located from the scapula rather than counted from the spine: (x in B-cun, y in cm),
#: following the WHO 2008 descriptions against the drawn scapula.
SCAPULAR_PLACEMENTS: dict[str, tuple[float, float]] = {
    # SI13: in the depression superior to the medial end of the scapular spine.
    "superior_to_medial_end_of_scapular_spine": (SCAPULAR_SPINE_ROOT[0] + 0.4, SCAPULAR_SPINE_ROOT[1] - 2.0),
    # SI12: in the supraspinous fossa, superior to the midpoint of the scapular spine.
    "supraspinous_fossa_centre": (_SPINE_MID[0], _SPINE_MID[1] - 2.2),
    # SI11: one third of the way from the midpoint of the scapular spine to the inferior angle.
    "infraspinous_fossa_one_third": _along(_SPINE_MID, INFERIOR_ANGLE, 1 / 3),
    # SI10: in the depression below the scapular spine, straight above the posterior axillary fold.
    "inferior_to_scapular_spine_above_axillary_fold": (
        7.2,
        _along(SCAPULAR_SPINE_ROOT, ACROMION_END, 0.84)[1] + 2.0,
    ),
    # SI9: 1 B-cun above the posterior end of the axillary fold (fold end ~ 12 cm below C7).
    "above_posterior_axillary_fold": (7.2, 12.0 - CM_PER_CUN),
    # TE14: the posterior hollow between the acromial angle and the greater tubercle of the humerus, just
    # below and inside the lateral end of the acromion.
    "posterior_to_acromial_angle": (ACROMION_CUN - 0.4, ACROMION_END[1] + 2.0),
    # LI15: the anterior hollow at the front end of the acromion's lateral border. It lies round the front of
    # the shoulder; seen from behind, the map draws it at the outer edge, level with TE14.
    "anterior_to_acromion_lateral_border": (ACROMION_CUN + 0.4, ACROMION_END[1] + 2.0),
}


def landmark_position(landmark: str, side: Side) -> tuple[float, float]:
    """Position of a scapula-located point (see SCAPULAR_PLACEMENTS)."""
    try:
        x_cun, y = SCAPULAR_PLACEMENTS[landmark]
    except KeyError:
        known = ", ".join(sorted(SCAPULAR_PLACEMENTS))
        raise ValueError(f"unknown landmark {landmark!r}; expected one of {known}") from None
    return side_x(x_cun, side), y


class _Placed(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def view(self) -> str: ...
    @property
    def spine_level(self) -> str | None: ...
    @property
    def offset_cun(self) -> float | None: ...
    @property
    def landmark(self) -> str | None: ...


def placement_text(point: _Placed) -> str | None:
    """How the map places a back point, in words (None for points drawn on other diagrams)."""
    if point.view != "back":
        return None
    if point.landmark is not None:
        return f"placed from the shoulder blade ({point.landmark.replace('_', ' ')})"
    if point.spine_level is None or point.offset_cun is None:
        return None
    if point.code.startswith("GV"):
        return f"on the midline, in the depression below the spinous process of {point.spine_level}"
    return f"level with the lower border of {point.spine_level}, {point.offset_cun:g} cun from the midline"
