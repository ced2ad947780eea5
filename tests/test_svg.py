"""SVG composition: every point where the body model puts it, mirrored sides, viewBox in diagram cm, the
browser-test contract, escaping, and the words that go with the diagrams."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from acumap.atlas.data import Atlas, load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS, back_markers, markers_for
from acumap.atlas.regions import REGION_IDS, REGIONS, parse_region
from acumap.atlas.selection import highlights
from acumap.body import anatomy
from acumap.drawing.assets import load_drawing
from acumap.drawing.describe import alt_text, point_name, position_text, region_name
from acumap.drawing.svg import BACK_VIEW_BOX, compose_view, map_payload

ATLAS = load_atlas()
DRAWINGS = {v: load_drawing(v) for v in DIAGRAM_VIEWS}
NS = "{http://www.w3.org/2000/svg}"


def parse(view: str, atlas: Atlas = ATLAS) -> ET.Element:
    return ET.fromstring(compose_view(atlas, DRAWINGS[view]))


def translate(el: ET.Element) -> tuple[float, float]:
    m = re.fullmatch(r"translate\(([-\d.e]+) ([-\d.e]+)\)", el.attrib["transform"])
    assert m, el.attrib["transform"]
    return float(m.group(1)), float(m.group(2))


def markers(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter(f"{NS}g") if "data-point" in el.attrib]


@pytest.mark.parametrize("view", list(DIAGRAM_VIEWS))
def test_each_diagram_is_one_svg_tagged_with_its_view_and_a_cm_viewbox(view: str) -> None:
    root = parse(view)
    assert root.tag == f"{NS}svg"
    assert root.attrib["data-view"] == view
    box = tuple(float(v) for v in root.attrib["viewBox"].split())
    assert box == (BACK_VIEW_BOX if view == "back" else DRAWINGS[view].view_box)
    # The asset's own outline paths are drawn, untouched, in the same coordinates.
    drawn = {el.attrib["d"] for el in root.iter(f"{NS}path") if el.attrib.get("class") in ("outline", "bone")}
    assert {p.d for p in DRAWINGS[view].paths if p.kind in ("outline", "bone")} <= drawn


def test_back_viewbox_holds_the_whole_torso_outline() -> None:
    x, y, w, h = BACK_VIEW_BOX
    ax, ay, aw, ah = DRAWINGS["back"].view_box
    assert x <= ax and y <= ay and x + w >= ax + aw and y + h >= ay + ah


@pytest.mark.parametrize(
    ("pid", "level", "cun", "below_process"),
    [
        ("BL18", "T9", 1.5, False),
        ("BL43", "T4", 3.0, False),
        ("GV9", "T7", 0.0, True),
        ("EX-B2-T5", "T5", 0.5, False),
    ],
)
def test_back_points_are_drawn_where_the_body_model_puts_them(
    pid: str, level: str, cun: float, below_process: bool
) -> None:
    drawn = {
        (el.attrib["data-point"], el.attrib["data-side"]): translate(el) for el in markers(parse("back"))
    }
    y = anatomy.depression_below_y(level) if below_process else anatomy.lower_border_y(level)
    if cun == 0:
        assert drawn[(pid, "midline")] == pytest.approx((0.0, y), abs=1e-3)
        assert (pid, "left") not in drawn
    else:
        assert drawn[(pid, "right")] == pytest.approx((anatomy.cun_to_cm(cun), y), abs=1e-3)
        # Mirrored: the person's left is on the viewer's left (negative x), at the same height.
        assert drawn[(pid, "left")] == pytest.approx((-anatomy.cun_to_cm(cun), y), abs=1e-3)


def test_every_marker_matches_the_placement_module_exactly() -> None:
    for view in DIAGRAM_VIEWS:
        drawn = sorted(
            (el.attrib["data-point"], el.attrib["data-side"], *translate(el)) for el in markers(parse(view))
        )
        expected = sorted(
            (m.point.id, m.side, round(m.x, 3), round(m.y, 3)) for m in markers_for(ATLAS, view)
        )
        assert [(a, b) for a, b, _, _ in drawn] == [(a, b) for a, b, _, _ in expected]
        for got, want in zip(drawn, expected, strict=True):
            assert got[2:] == pytest.approx(want[2:], abs=1e-3)


def test_every_point_has_a_marker_and_bilateral_back_points_two() -> None:
    ids = [el.attrib["data-point"] for v in DIAGRAM_VIEWS for el in markers(parse(v))]
    assert set(ids) == {p.id for p in ATLAS.points}
    assert ids.count("BL18") == 2
    assert ids.count("GV9") == 1
    assert ids.count("SI11") == 2  # placed from the shoulder blade, on both sides


def test_scapular_points_mirror_each_other() -> None:
    by_side = {(m.point.id, m.side): (m.x, m.y) for m in back_markers(ATLAS) if m.point.landmark}
    # Placed from landmarks (not a spinal level): the shoulder-blade points, each on both sides.
    assert {pid for pid, _ in by_side} == {"SI9", "SI10", "SI11", "SI12", "SI13", "TE14", "LI15"}
    for pid in {pid for pid, _ in by_side}:
        x, y = by_side[(pid, "right")]
        assert x > 0
        assert by_side[(pid, "left")] == pytest.approx((-x, y))


def test_every_region_is_a_clickable_shape_with_its_id_and_name() -> None:
    shapes = {
        el.attrib["data-region"]: el for el in parse("back").iter(f"{NS}path") if "data-region" in el.attrib
    }
    assert set(shapes) == set(REGION_IDS)
    for region in REGIONS:
        el = shapes[region.id]
        assert el.attrib["role"] == "button"
        assert el.attrib["aria-label"] == region_name(region)
        first = re.match(r"M([-\d.]+) ([-\d.]+)", el.attrib["d"])
        assert first is not None
        assert (float(first.group(1)), float(first.group(2))) == pytest.approx(region.polygon[0], abs=1e-3)


def test_markers_are_focusable_buttons_with_an_accessible_name() -> None:
    bl18 = [el for el in markers(parse("back")) if el.attrib["data-point"] == "BL18"]
    assert {el.attrib["aria-label"] for el in bl18} == {
        "BL18 Gānshū, level with the lower border of T9, 1.5 cun from the midline (left side)",
        "BL18 Gānshū, level with the lower border of T9, 1.5 cun from the midline (right side)",
    }
    assert all(el.attrib["role"] == "button" and el.attrib["tabindex"] == "-1" for el in bl18)


def test_the_back_carries_the_spine_ladder_lines_landmarks_and_sides() -> None:
    svg = compose_view(ATLAS, DRAWINGS["back"])
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{NS}text")]
    for level in anatomy.SPINE_LEVELS:
        assert level in texts
    assert "L (left)" in texts and "(right) R" in texts
    guides = [el for el in root.iter(f"{NS}line") if "guide" in el.attrib.get("class", "")]
    xs = sorted({round(float(el.attrib["x1"]), 3) for el in guides})
    assert xs == pytest.approx(sorted(s * anatomy.cun_to_cm(c) for c in (0.5, 1.5, 3.0) for s in (-1, 1)))
    landmarks = [el for el in root.iter(f"{NS}g") if "data-landmark" in el.attrib]
    assert [el.attrib["data-landmark"] for el in landmarks] == [lm.key for lm in anatomy.LANDMARKS]


def test_data_text_is_escaped_in_the_svg() -> None:
    evil = replace(ATLAS.point("BL18"), pinyin='<script>alert(1)</script>"&')
    atlas = Atlas(points=tuple(evil if p.id == "BL18" else p for p in ATLAS.points), links=ATLAS.links)
    svg = compose_view(atlas, DRAWINGS["back"])
    assert "<script>" not in svg
    root = ET.fromstring(svg)  # still well-formed XML
    names = [el.attrib["aria-label"] for el in markers(root) if el.attrib["data-point"] == "BL18"]
    assert names[0].startswith('BL18 <script>alert(1)</script>"&, level with')


def test_payload_tables_light_what_the_core_lights() -> None:
    payload = map_payload(ATLAS, DRAWINGS)
    for rid, entry in payload.data["regions"].items():
        choice = parse_region(rid)
        assert choice is not None and (entry["base"], entry["side"]) == (choice.base, choice.side)
        assert payload.data["lit"][entry["base"]] == {h.point.id: h.role for h in highlights(ATLAS, choice)}
    assert payload.data["lit"]["middle_back"]["BL18"] == "local"
    assert payload.data["lit"]["middle_back"]["LI4"] == "distal"
    assert set(payload.data["tips"]) == {p.id for p in ATLAS.points}
    # The digest follows the content, so an edited CSV reaches the browser.
    other = Atlas(
        points=ATLAS.points[1:], links=tuple(lk for lk in ATLAS.links if lk.point_id != ATLAS.points[0].id)
    )
    assert map_payload(other, DRAWINGS).digest != payload.digest


def test_point_name_for_distal_and_midline_points() -> None:
    (gv9,) = [m for m in back_markers(ATLAS) if m.point.id == "GV9"]
    assert point_name(gv9) == "GV9 Zhìyáng, on the midline, in the depression below the spinous process of T7"
    (li4,) = [m for m in markers_for(ATLAS, "hand") if m.point.id == "LI4"]
    assert point_name(li4).startswith("LI4 Hégǔ, On the back of the hand")


@pytest.mark.parametrize(
    ("view", "x", "y", "expected"),
    [
        ("back", 0.1, anatomy.level_y("T9"), "on the midline, level with T9"),
        (
            "back",
            anatomy.cun_to_cm(1.5),
            anatomy.level_y("T9") + 0.4,
            "1.5 cun right of the midline, level with T9",
        ),
        (
            "back",
            -anatomy.cun_to_cm(3.0),
            anatomy.level_y("L2"),
            "3.0 cun left of the midline, level with L2",
        ),
        ("back", 2.0, -8.0, "0.9 cun right of the midline, above C7 (the neck)"),
        ("back", -1.0, 55.0, "0.4 cun left of the midline, below L5 (the sacrum and pelvis)"),
        ("hand", -3.5, -5.2, "on the hand diagram, -3.5 cm across and -5.2 cm down"),
    ],
)
def test_position_text_speaks_in_levels_and_cun(view: str, x: float, y: float, expected: str) -> None:
    assert position_text(view, x, y) == expected


def test_alt_text_lists_what_is_lit_on_each_view() -> None:
    choice = parse_region("middle_back_left")
    assert choice is not None
    lit = highlights(ATLAS, choice)
    back = alt_text(ATLAS, "back", choice, lit)
    assert "Highlighted for the middle back, left side: local points" in back
    assert "BL18" in back and "LI4" not in back
    assert "distal points LI4" in alt_text(ATLAS, "hand", choice, lit)
    assert "Points shown:" in alt_text(ATLAS, "back", None, ())


def test_a_point_without_its_placement_is_not_drawn() -> None:
    from acumap.atlas.placement import point_markers

    li4, bl18 = ATLAS.point("LI4"), ATLAS.point("BL18")
    assert len(point_markers(li4)) == 1
    assert point_markers(replace(li4, x=None)) == []
    assert point_markers(replace(li4, y=None)) == []
    assert len(point_markers(bl18)) == 2
    assert point_markers(replace(bl18, offset_cun=None)) == []
    assert point_markers(replace(bl18, spine_level=None)) == []
