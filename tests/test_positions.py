"""Every point drawn on the hand, leg and head sits where its WHO (2008) landmarks put it.

Each rule names the pair of landmarks that fixes the point along the limb, the cun between them (WHO's
proportional bone cun), and how many cun from the first the point lies; the landmarks' positions are those of
the drawings (docs/coordinates.md). Across the limb, the point must lie between the two structures WHO names.
A point drawn on these diagrams without a rule fails the test, so none can be added unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from acumap.data import load_atlas

ATLAS = load_atlas()
#: How far (cm) a drawn point may be from its computed place along the limb: about 0.05 cun.
TOLERANCE_CM = 0.15


@dataclass(frozen=True)
class Rule:
    """Along the limb: `cun_from_a` of the `cun_between` A and B (y). Across it: x between `x_range`."""

    landmarks: str
    a_y: float
    b_y: float
    cun_between: float
    cun_from_a: float
    x_range: tuple[float, float]

    @property
    def y(self) -> float:
        return self.a_y + (self.b_y - self.a_y) * self.cun_from_a / self.cun_between


@dataclass(frozen=True)
class Between:
    """A point WHO fixes by bones, not by cun: inside the hollow between the structures it names."""

    landmarks: str
    y_range: tuple[float, float]
    x_range: tuple[float, float]


RULES: dict[str, Rule | Between] = {
    # Hand and forearm: dorsal wrist crease (y 0) to elbow crease (y 25) = 12 B-cun.
    "TE5": Rule(
        "wrist crease -> elbow crease, midway between radius and ulna", 0.0, 25.0, 12, 2, (-0.5, 0.5)
    ),
    "LU7": Rule(
        "wrist crease -> elbow crease, on the radial side (styloid x -3.2)", 0.0, 25.0, 12, 1.5, (-3.6, -2.9)
    ),
    # Hand points fixed by bones, not cun: between the named structures (metacarpal heads y ~ -9, wrist 0).
    "LI4": Rule(
        "2nd metacarpal: head (y -9) -> base (y -1.4), midpoint, radial side", -9.0, -1.4, 2, 1, (-4.2, -2.6)
    ),
    "SI3": Rule(
        "5th metacarpophalangeal joint (y -9), just proximal, on the ulnar edge", -9.0, -7.6, 1, 1, (3.6, 4.2)
    ),
    # Leg: popliteal crease (y 0) to the prominence of the lateral malleolus (y 38.4) = 16 B-cun.
    "BL40": Rule("midpoint of the popliteal crease", 0.0, 38.4, 16, 0, (-36.3, -35.7)),
    "ST36": Rule(
        "knee line (ST35) -> lateral malleolus, 3 cun down, one finger lateral to the tibial crest",
        0.0,
        38.4,
        16,
        3,
        (-8.2, -6.5),
    ),
    "GB39": Rule(
        "lateral malleolus prominence, 3 cun up, anterior to the fibula", 38.4, 0.0, 16, 3, (-11.5, -9.0)
    ),
    "BL60": Rule(
        "level with the lateral malleolus, between it (x -11.5) and the calcaneal tendon (x -15)",
        38.4,
        0.0,
        16,
        0,
        (-15.0, -11.5),
    ),
    "GB34": Rule(
        "fibular head (y 2.5), in the depression anterior and distal to it", 2.5, 4.0, 1, 1, (-10.5, -6.5)
    ),
    # Medial malleolus prominence (y 37.4), same 2.4 cm per cun.
    "SP6": Rule(
        "medial malleolus prominence, 3 cun up, behind the medial border of the tibia",
        37.4,
        0.0,
        16 * 37.4 / 38.4,
        3,
        (12.5, 14.0),
    ),
    # Foot: between the 1st (x 32.5) and 2nd (x 35) metatarsals, distal to their bases' junction (y 31).
    "LR3": Rule(
        "1st/2nd metatarsal junction (y 31) -> heads (y 21), in the hollow just distal",
        31.0,
        21.0,
        5,
        1,
        (32.5, 35.0),
    ),
    # Head: anterior hairline (y -8.0), 5 B-cun posterior (1.7 cm per cun), on the midline.
    "GV20": Rule(
        "anterior hairline -> 5 cun back, midpoint of the line joining the ear apices (y 0.5)",
        -8.0,
        -8.0 + 12 * 1.7,
        12,
        5,
        (-0.1, 0.1),
    ),
}

DRAWN = {p.id: p for p in ATLAS.points if p.view in ("hand", "leg", "head")}


def test_every_drawn_point_has_a_rule() -> None:
    assert sorted(DRAWN) == sorted(RULES)


@pytest.mark.parametrize("pid", sorted(RULES))
def test_point_sits_where_its_landmarks_put_it(pid: str) -> None:
    rule, point = RULES[pid], DRAWN[pid]
    assert point.x is not None and point.y is not None
    if isinstance(rule, Rule):
        assert point.y == pytest.approx(rule.y, abs=TOLERANCE_CM), rule.landmarks
    else:
        assert rule.y_range[0] <= point.y <= rule.y_range[1], rule.landmarks
    assert rule.x_range[0] <= point.x <= rule.x_range[1], rule.landmarks
