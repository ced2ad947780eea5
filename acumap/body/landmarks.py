"""What fixes each point drawn on the hand, leg and head: its WHO (2008) landmarks, in cun and in the drawing.

A point placed by proportional bone cun names the pair of landmarks along the limb, the cun between them and
how far from the first it lies; a point placed by bones alone names the structures it lies between. The
positions are those of the drawings (docs/coordinates.md). `tests/test_positions.py` checks every drawn point
against these, and the export (`acumap.export`) states them as a landmark, a direction and a distance.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Proportional:
    """`cun_from_a` of the `cun_between` landmark A (at y `a_y`) and B (`b_y`), across the limb in `x_range`."""

    landmark: str  # landmark A, where the measure starts
    towards: str  # landmark B
    direction: str  # from A, in anatomical terms
    a_y: float
    b_y: float
    cun_between: float
    cun_from_a: float
    x_range: tuple[float, float]
    note: str = ""

    @property
    def y(self) -> float:
        return self.a_y + (self.b_y - self.a_y) * self.cun_from_a / self.cun_between


@dataclass(frozen=True)
class Between:
    """A point WHO fixes by bones, not by cun: in the hollow between the structures it names."""

    landmark: str
    direction: str
    y_range: tuple[float, float]
    x_range: tuple[float, float]


HEAD_CM_PER_CUN = 1.7

DIAGRAM_LANDMARKS: dict[str, Proportional | Between] = {
    # Forearm: dorsal wrist crease (y 0) to cubital crease (y 25) = 12 B-cun.
    "TE5": Proportional(
        "dorsal wrist crease",
        "cubital crease",
        "proximal, midway between radius and ulna",
        0.0,
        25.0,
        12,
        2,
        (-0.5, 0.5),
    ),
    "LU7": Proportional(
        "palmar wrist crease",
        "cubital crease",
        "proximal, on the radial side above the styloid process",
        0.0,
        25.0,
        12,
        1.5,
        (-3.6, -2.9),
    ),
    "LI4": Between(
        "second metacarpal bone",
        "radial side, at the midpoint of the bone (head y -9, wrist 0)",
        (-6.5, -3.5),
        (-4.2, -2.6),
    ),
    # Luozhen (EX-UE8): 0.5 B-cun (1.04 cm on the forearm's scale) proximal to the 2nd/3rd MCP joints (y -9.5).
    "EX-UE8": Between(
        "second and third metacarpophalangeal joints",
        "0.5 B-cun proximal to them, in the groove between the 2nd and 3rd metacarpal bones",
        (-9.5 + 0.35 * 25 / 12, -9.5 + 0.65 * 25 / 12),
        (-1.9, -1.4),
    ),
    "SI6": Proportional(
        "dorsal wrist crease",
        "cubital crease",
        "proximal, in the depression radial to the head of the ulna",
        0.0,
        25.0,
        12,
        1,
        (0.5, 1.15),
    ),
    "SI3": Between(
        "fifth metacarpophalangeal joint",
        "proximal to it, on the ulnar border at the skin fold",
        (-9.0, -7.0),
        (3.6, 4.2),
    ),
    # Leg: popliteal crease (y 0) to the prominence of the lateral malleolus (y 38.4) = 16 B-cun.
    "BL40": Proportional(
        "popliteal crease", "lateral malleolus", "at its midpoint", 0.0, 38.4, 16, 0, (-36.3, -35.7)
    ),
    "ST36": Proportional(
        "ST35 (knee line, lateral to the patellar ligament)",
        "lateral malleolus",
        "inferior, on the line to ST41, one finger-breadth lateral to the anterior crest of the tibia",
        0.0,
        38.4,
        16,
        3,
        (-8.2, -6.5),
    ),
    "ST38": Proportional(
        "ST35 (knee line, lateral to the patellar ligament)",
        "lateral malleolus",
        "inferior, on the line to ST41, one finger-breadth lateral to the anterior crest of the tibia",
        0.0,
        38.4,
        16,
        8,
        (-8.2, -6.5),
    ),
    "GB39": Proportional(
        "prominence of the lateral malleolus",
        "popliteal crease",
        "superior, anterior to the fibula",
        38.4,
        0.0,
        16,
        3,
        (-11.5, -9.0),
    ),
    "BL60": Proportional(
        "prominence of the lateral malleolus",
        "popliteal crease",
        "level with it, in the depression between it and the calcaneal tendon",
        38.4,
        0.0,
        16,
        0,
        (-15.0, -11.5),
    ),
    "GB34": Between(
        "head of the fibula", "anterior and distal to it, in the depression", (2.5, 5.0), (-10.5, -6.5)
    ),
    # Medial malleolus prominence (y 37.4), on the same 2.4 cm per cun.
    "SP6": Proportional(
        "prominence of the medial malleolus",
        "popliteal crease",
        "superior, posterior to the medial border of the tibia",
        37.4,
        0.0,
        37.4 / 2.4,
        3,
        (12.5, 14.0),
    ),
    "LR3": Between(
        "junction of the bases of the first and second metatarsal bones",
        "distal to it, in the depression between the two bones (bases y 31, heads y 21)",
        (24.0, 31.0),
        (32.5, 35.0),
    ),
    # Head: anterior hairline (y -8.0) to posterior hairline = 12 B-cun, 1.7 cm per cun on the drawing.
    "GV20": Proportional(
        "anterior hairline",
        "posterior hairline",
        "posterior, on the midline (the midpoint of the line joining the apices of the ears)",
        -8.0,
        -8.0 + 12 * HEAD_CM_PER_CUN,
        12,
        5,
        (-0.1, 0.1),
    ),
}
