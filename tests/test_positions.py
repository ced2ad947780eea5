"""Every point drawn on the hand, leg and head sits where its WHO (2008) landmarks put it.

`acumap.body.landmarks` names, for each point, the pair of landmarks that fixes it along the limb, the cun between
them (WHO's proportional bone cun) and how many cun from the first the point lies, or, for a point fixed by
bones alone, the structures it lies between. A point drawn on these diagrams without an entry fails the test,
so none can be added unchecked, and a drawn position cannot drift.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import markers_for
from acumap.body import neck
from acumap.body.landmarks import DIAGRAM_LANDMARKS, Proportional
from acumap.drawing.assets import ASSET_DIR, load_drawing

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import draw_neck

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
    ("pid", "cun"), [("TE5", 2), ("LU7", 1.5), ("ST36", 3), ("ST38", 8), ("GB39", 3), ("SP6", 3), ("GV20", 5)]
)
def test_the_cun_are_the_who_distances(pid: str, cun: float) -> None:
    rule = DIAGRAM_LANDMARKS[pid]
    assert isinstance(rule, Proportional)
    assert rule.cun_from_a == cun


# --- the neck view: GB20 and BL10 placed from the neck model's landmarks and cun (acumap/body/neck.py) ---------

NECK_DRAWING = load_drawing("neck")
NECK = {m.point.id: m for m in markers_for(ATLAS, "neck") if m.side == "right"}


def _vertices(path_id: str) -> list[tuple[float, float]]:
    """The points a drawn line passes through: its start and the end of every segment."""
    d = next(p.d for p in NECK_DRAWING.paths if p.id == path_id)
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
    # "M p C c1 c2 p C c1 c2 p ...": every third pair after the first is a point on the line.
    return [pairs[0], *pairs[3::3]] if " C " in d else pairs


def _x_at(path_id: str, y: float) -> float:
    pts = _vertices(path_id)
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        if y0 <= y <= y1:
            return x0 + (x1 - x0) * (y - y0) / (y1 - y0)
    raise AssertionError(f"{path_id} does not reach y {y}")


def test_the_neck_drawing_is_drawn_from_the_model() -> None:
    """assets/neck.svg is what scripts/draw_neck.py makes from acumap/body/neck.py: the picture cannot drift."""
    assert (ASSET_DIR / "neck.svg").read_text(encoding="utf-8") == draw_neck.svg()


def test_the_neck_scale_is_the_who_proportional_cun() -> None:
    # Posterior hairline to GV14 (below C7) = 3 B-cun; between the mastoid processes = 9 B-cun.
    assert pytest.approx(3) == (neck.GV14_Y - neck.HAIRLINE_Y) / neck.CM_PER_CUN_Y
    assert 2 * neck.MASTOID_TIP[0] / neck.CM_PER_CUN_X == pytest.approx(9)
    # The drawn hairline crosses the midline where the model puts it; the mastoid tip is drawn there.
    assert _x_at("hairline", neck.HAIRLINE_Y) == pytest.approx(0, abs=0.01)
    tip_x, tip_y = neck.MASTOID_TIP
    assert any(abs(x - tip_x) < 0.01 and abs(y - tip_y) < 0.01 for x, y in _vertices("mastoid-right"))


def test_bl10_is_level_with_the_top_of_c2_just_outside_the_trapezius() -> None:
    bl10 = NECK["BL10"]
    c2_top = min(y for _, y in _vertices("spinous-C2"))
    assert bl10.y == pytest.approx(c2_top, abs=0.02)
    border = _x_at("trapezius-right", bl10.y)
    assert border < bl10.x < border + 0.3 * neck.CM_PER_CUN_X
    assert bl10.x / neck.CM_PER_CUN_X == pytest.approx(1.3)


def test_gb20_is_below_the_occiput_level_with_gv16_between_the_two_muscles() -> None:
    gb20 = NECK["GB20"]
    assert gb20.y == pytest.approx(neck.GV16_Y)
    # GV16 is directly below the external occipital protuberance, 1 B-cun above the posterior hairline.
    eop_bottom = max(y for _, y in _vertices("occipital-protuberance"))
    assert eop_bottom < gb20.y
    assert (neck.HAIRLINE_Y - gb20.y) / neck.CM_PER_CUN_Y == pytest.approx(1)
    trapezius, scm = _x_at("trapezius-right", gb20.y), _x_at("scm-right", gb20.y)
    assert trapezius < gb20.x < scm
    assert gb20.x == pytest.approx((trapezius + scm) / 2, abs=0.1 * neck.CM_PER_CUN_X)
