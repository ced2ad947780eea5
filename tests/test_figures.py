"""Figures: the browser-test contract (customdata), highlight styles, escaping, alt text."""

from __future__ import annotations

from typing import Any

import pytest

from acumap.assets import load_drawing
from acumap.data import load_atlas
from acumap.figures import (
    DISTAL_SYMBOL,
    LOCAL_SYMBOL,
    MapState,
    alt_text,
    back_figure,
    hover_text,
    view_figure,
)
from acumap.regions import REGION_IDS, parse_region

ATLAS = load_atlas()
BACK = load_drawing("back")


def traces(fig: Any) -> dict[str, Any]:
    return {t.name: t for t in fig.data}


def state(region: str | None = None, point: str | None = None) -> MapState:
    return MapState(region=parse_region(region), point_id=point)


def test_every_region_is_clickable_by_customdata() -> None:
    grid = traces(back_figure(ATLAS, BACK, state()))["Pain regions"]
    assert {c.removeprefix("region:") for c in grid.customdata} == set(REGION_IDS)


def test_every_back_point_has_a_marker_with_its_customdata() -> None:
    fig = back_figure(ATLAS, BACK, state())
    found = {c for t in fig.data if t.customdata is not None for c in t.customdata if c.startswith("point:")}
    expected = {f"point:{p.id}" for p in ATLAS.points if p.view == "back"}
    assert found == expected


def test_bilateral_points_drawn_twice_midline_once() -> None:
    fig = back_figure(ATLAS, BACK, state())
    cds = [c for t in fig.data if t.customdata is not None for c in t.customdata]
    assert cds.count("point:BL18") == 2
    assert cds.count("point:GV9") == 1


def test_region_highlight_styles_differ_in_shape_and_colour() -> None:
    back = traces(back_figure(ATLAS, BACK, state("middle_back")))
    hand = traces(view_figure(ATLAS, load_drawing("hand"), state("middle_back")))
    local, distal = back["Local point"], hand["Distal point"]
    assert local.marker.symbol == LOCAL_SYMBOL and distal.marker.symbol == DISTAL_SYMBOL
    assert LOCAL_SYMBOL != DISTAL_SYMBOL
    assert local.marker.color != distal.marker.color
    assert {"point:BL18", "point:BL20", "point:GV6", "point:GV9"} <= set(local.customdata)
    assert "point:LI4" in distal.customdata
    assert "point:BL43" in back["Other points"].customdata  # not used for the middle back: dimmed


def test_one_side_lights_only_that_side() -> None:
    back = traces(back_figure(ATLAS, BACK, state("middle_back_left")))
    local = back["Local point"]
    xs = [x for x, c in zip(local.x, local.customdata, strict=True) if c == "point:BL18"]
    assert len(xs) == 1 and xs[0] < 0  # the person's left is the viewer's left
    assert [x for x, c in zip(local.x, local.customdata, strict=True) if c == "point:GV9"] == [0.0]


def test_chosen_point_is_a_star_on_both_sides() -> None:
    chosen = traces(back_figure(ATLAS, BACK, state(point="BL18")))["Chosen point"]
    assert chosen.marker.symbol == "star" and list(chosen.customdata) == ["point:BL18", "point:BL18"]


def test_hover_text_escapes_data() -> None:
    point = ATLAS.point("BL18")
    evil = type(point)(**{**point.__dict__, "english": "<img src=x onerror=alert(1)>"})
    text = hover_text(evil)
    assert "<img" not in text and "&lt;img" in text
    assert text.startswith("<b>BL18</b>")


def test_region_fill_lights_the_chosen_region() -> None:
    fig = back_figure(ATLAS, BACK, state("neck"))
    neck = next(t for t in fig.data if t.name == "Neck")
    other = next(t for t in fig.data if t.name == "Upper back (left)")
    assert neck.fillcolor != other.fillcolor


@pytest.mark.parametrize(
    ("view", "region", "expected"),
    [
        ("back", "middle_back_left", ["Middle back, left side", "local points", "BL18", "GV9"]),
        ("hand", "middle_back", ["distal points LI4"]),
        ("leg", "middle_back", ["SP6"]),
        ("head", "middle_back", ["no points on this diagram"]),
        ("hand", None, ["Points shown: LI4, LU7, SI3, TE5"]),
    ],
)
def test_alt_text_says_what_is_shown(view: str, region: str | None, expected: list[str]) -> None:
    text = alt_text(ATLAS, view, state(region))
    for fragment in expected:
        assert fragment.lower() in text.lower()


def test_distal_view_has_title_and_outline() -> None:
    fig = view_figure(ATLAS, load_drawing("leg"), state())
    assert "leg" in fig.layout.title.text.lower()
    assert len(fig.layout.shapes) >= 10


def test_projector_scale_enlarges_text_and_markers() -> None:
    normal = back_figure(ATLAS, BACK, state("middle_back"))
    big = back_figure(ATLAS, BACK, MapState(region=parse_region("middle_back"), scale=1.5), height=800)
    assert big.layout.height == 800
    assert traces(big)["Local point"].marker.size == pytest.approx(
        1.5 * traces(normal)["Local point"].marker.size
    )
    assert big.layout.annotations[0].font.size == pytest.approx(1.5 * normal.layout.annotations[0].font.size)


def test_landmark_notes_in_the_overview_only() -> None:
    def notes(fig: Any) -> list[str]:
        return [a.text for a in fig.layout.annotations if "taught" in (a.text or "")]

    assert len(notes(back_figure(ATLAS, BACK, state()))) == 3
    assert notes(back_figure(ATLAS, BACK, state("shoulder_right"))) == []
    hover = traces(back_figure(ATLAS, BACK, state("shoulder_right")))["Landmarks"].hovertext
    assert any("level with T8 on average" in h for h in hover)


def test_distal_figure_stacks_hand_leg_head_on_their_own_axes() -> None:
    from acumap.figures import distal_figure

    drawings = [load_drawing(v) for v in ("hand", "leg", "head")]
    fig = distal_figure(ATLAS, drawings, state("neck"), (230, 170, 135))
    axis_of = {c: t.xaxis for t in fig.data if t.name == "Distal point" for c in t.customdata}
    assert axis_of["point:SI3"] == "x" and axis_of["point:GB39"] == "x2" and axis_of["point:GV20"] == "x3"
    assert {s.xref for s in fig.layout.shapes} == {"x", "x2", "x3"}
    # Equal scale in every view, and the views do not overlap.
    assert fig.layout.yaxis2.scaleanchor == "x2"
    assert fig.layout.yaxis.domain[0] >= fig.layout.yaxis2.domain[1] - 1e-9
    assert fig.layout.xaxis2.range == (-46, 46) or list(fig.layout.xaxis2.range) == [-46, 46]
