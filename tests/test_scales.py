"""Each diagram's cun scale (acumap.body.scales) agrees with the landmarks the diagram's points are placed from:
the forearm's and the lower leg's bone cun, GV20's hairlines, and the neck's mastoid processes and hairline."""

from __future__ import annotations

import re

import pytest

from acumap.atlas.data import load_atlas
from acumap.body import neck
from acumap.body.landmarks import DIAGRAM_LANDMARKS, Proportional
from acumap.body.scales import CM_PER_CUN_ACROSS, CM_PER_CUN_XY
from acumap.drawing.describe import position_text

ATLAS = load_atlas()


@pytest.mark.parametrize(
    ("pid", "view"),
    [("TE5", "hand"), ("LU7", "hand"), ("ST36", "leg"), ("BL40", "leg"), ("SP6", "leg"), ("GV20", "head")],
)
def test_a_diagram_s_scale_is_the_bone_cun_of_the_landmarks_its_points_are_placed_from(
    pid: str, view: str
) -> None:
    rule = DIAGRAM_LANDMARKS[pid]
    assert isinstance(rule, Proportional)
    assert ATLAS.point(pid).view == view
    per_cun = abs(rule.b_y - rule.a_y) / rule.cun_between
    assert CM_PER_CUN_XY[view] == pytest.approx((per_cun, per_cun))
    assert CM_PER_CUN_ACROSS[view] == pytest.approx(per_cun)


def _cun(text: str) -> tuple[float, float]:
    found = re.fullmatch(r"on the neck diagram, (-?[\d.]+) cun across and (-?[\d.]+) cun down", text)
    assert found is not None, text
    return float(found.group(1)), float(found.group(2))


def test_the_neck_is_nine_cun_between_the_mastoids_and_three_from_the_hairline_to_gv14() -> None:
    across, _ = _cun(position_text("neck", neck.MASTOID_TIP[0], 0.0))
    assert across == pytest.approx(4.5)
    _, hairline = _cun(position_text("neck", 0.0, neck.HAIRLINE_Y))
    _, gv14 = _cun(position_text("neck", 0.0, neck.GV14_Y))
    assert gv14 - hairline == pytest.approx(3.0, abs=0.01)
    # The keyboard's steps across the neck are quarters of the same cun.
    assert CM_PER_CUN_ACROSS["neck"] * 4.5 == pytest.approx(neck.MASTOID_TIP[0])
