"""The teacher's chart of a question: the point's own diagram, the taps on it, and after the reveal an arrow
from the true point to where the class put it on average."""

from __future__ import annotations

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import markers_for
from acumap.charts.class_results import ARROW_COLOR, results_figure
from acumap.class_record import question_view
from acumap.classroom import Answer
from acumap.drawing.assets import load_drawing

ATLAS = load_atlas()
HAND = load_drawing("hand")
BACK = load_drawing("back")


def _marker(point_id: str, side: str = "right") -> tuple[float, float]:
    view = ATLAS.point(point_id).view
    (m,) = [m for m in markers_for(ATLAS, view) if m.point.id == point_id and m.side == side]
    return m.x, m.y


def _arrows(fig: object) -> list[tuple[float, float, float, float]]:
    """Each arrow as (tail x, tail y, head x, head y)."""
    return [
        (a.ax, a.ay, a.x, a.y)
        for a in fig.layout.annotations  # type: ignore[attr-defined]
        if a.showarrow and a.arrowcolor == ARROW_COLOR
    ]


def test_a_question_is_drawn_on_its_points_diagram() -> None:
    assert question_view(ATLAS, "LI4") == "hand"
    assert question_view(ATLAS, "BL18") == "back"
    assert question_view(ATLAS, None) == "back"  # where does it hurt: on the back


def test_a_hand_point_draws_the_hand_and_only_the_taps_on_it() -> None:
    x, y = _marker("LI4")
    taps = [Answer("a", "hand", x + 1.0, y, 0.0), Answer("b", "hand", x + 1.2, y, 0.0)]
    taps.append(Answer("c", "back", 3.0, 20.0, 0.0))
    fig = results_figure(ATLAS, HAND, taps, "LI4", reveal=False)
    vx, vy, vw, vh = HAND.view_box
    assert tuple(fig.layout.xaxis.range) == (vx, vx + vw)
    assert tuple(fig.layout.yaxis.range) == (vy + vh, vy)
    assert [s.path for s in fig.layout.shapes] == [p.d for p in HAND.paths]  # no spine ladder
    assert list(fig.data[-1].x) == [x + 1.0, x + 1.2]
    notes = [a.text for a in fig.layout.annotations if not a.showarrow]
    assert notes == ["1 tap on another diagram"]


def test_after_the_reveal_an_arrow_runs_from_the_point_to_the_class_mean() -> None:
    x, y = _marker("LI4")
    # 1 and 2 cun towards +x, 1 cun down: on average 1.5 cun across and 1 cun down
    cm = 25.0 / 12.0
    taps = [Answer("a", "hand", x + cm, y + cm, 0.0), Answer("b", "hand", x + 2 * cm, y + cm, 0.0)]
    assert _arrows(results_figure(ATLAS, HAND, taps, "LI4", reveal=False)) == []
    shown = results_figure(ATLAS, HAND, taps, "LI4", reveal=True)
    assert [t.name for t in shown.data] == ["where the class tapped", "LI4", "a tap"]
    ((tx, ty, hx, hy),) = _arrows(shown)
    assert (tx, ty) == pytest.approx((x, y))
    assert (hx, hy) == pytest.approx((x + 1.5 * cm, y + cm))


def test_no_arrow_when_the_class_was_about_right() -> None:
    x, y = _marker("LI4")
    taps = [Answer("a", "hand", x + 0.3, y, 0.0), Answer("b", "hand", x - 0.1, y + 0.2, 0.0)]
    assert _arrows(results_figure(ATLAS, HAND, taps, "LI4", reveal=True)) == []


def test_a_bilateral_back_point_gets_mirrored_arrows_away_from_the_midline() -> None:
    rx, ry = _marker("BL18", "right")
    lx, _ = _marker("BL18", "left")
    out = 2.25  # one cun
    taps = [Answer("a", "back", rx + out, ry + 1.0, 0.0), Answer("b", "back", lx - out, ry + 1.0, 0.0)]
    fig = results_figure(ATLAS, BACK, taps, "BL18", reveal=True)
    arrows = sorted(_arrows(fig))
    assert arrows == [
        pytest.approx((lx, ry, lx - out, ry + 1.0)),
        pytest.approx((rx, ry, rx + out, ry + 1.0)),
    ]
    levels = [a.text for a in fig.layout.annotations if not a.showarrow]
    assert levels[:2] == ["C7", "T1"]  # the back keeps its spine ladder
