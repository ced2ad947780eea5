"""Every point drawn on the hand, leg and head sits where its WHO (2008) landmarks put it.

`acumap.landmarks` names, for each point, the pair of landmarks that fixes it along the limb, the cun between
them (WHO's proportional bone cun) and how many cun from the first the point lies, or, for a point fixed by
bones alone, the structures it lies between. A point drawn on these diagrams without an entry fails the test,
so none can be added unchecked, and a drawn position cannot drift.
"""

from __future__ import annotations

import pytest

from acumap.data import load_atlas
from acumap.landmarks import DIAGRAM_LANDMARKS, Proportional

ATLAS = load_atlas()
#: How far (cm) a drawn point may be from its computed place along the limb: about 0.05 cun.
TOLERANCE_CM = 0.15
DRAWN = {p.id: p for p in ATLAS.points if p.view in ("hand", "leg", "head")}


def test_every_drawn_point_has_its_landmarks() -> None:
    assert sorted(DRAWN) == sorted(DIAGRAM_LANDMARKS)


@pytest.mark.parametrize("pid", sorted(DIAGRAM_LANDMARKS))
def test_point_sits_where_its_landmarks_put_it(pid: str) -> None:
    rule, point = DIAGRAM_LANDMARKS[pid], DRAWN[pid]
    assert point.x is not None and point.y is not None
    if isinstance(rule, Proportional):
        assert point.y == pytest.approx(rule.y, abs=TOLERANCE_CM), rule.landmark
    else:
        assert rule.y_range[0] <= point.y <= rule.y_range[1], rule.landmark
    assert rule.x_range[0] <= point.x <= rule.x_range[1], rule.landmark


@pytest.mark.parametrize(
    ("pid", "cun"), [("TE5", 2), ("LU7", 1.5), ("ST36", 3), ("GB39", 3), ("SP6", 3), ("GV20", 5)]
)
def test_the_cun_are_the_who_distances(pid: str, cun: float) -> None:
    rule = DIAGRAM_LANDMARKS[pid]
    assert isinstance(rule, Proportional)
    assert rule.cun_from_a == cun
