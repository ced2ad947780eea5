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
from acumap.drawing.describe import alt_text, height_bands, point_name, position_text, region_name
from acumap.drawing.svg import BACK_VIEW_BOX, compose_view, legend, map_payload
from tests.builders import ROOT
from tests.nodejs import run_js

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
        # Every point the core lights has a marker lit, with its role.
        lit_points = {key.split()[0]: role for key, role in payload.data["lights"][rid].items()}
        assert lit_points == {h.point.id: h.role for h in highlights(ATLAS, choice)}
    lights = payload.data["lights"]
    # Both sides light both markers of a bilateral back point; one side lights its own and the midline's.
    assert lights["middle_back"]["BL18 left"] == lights["middle_back"]["BL18 right"] == "local"
    assert lights["middle_back_left"]["BL18 left"] == "local"
    assert "BL18 right" not in lights["middle_back_left"]
    assert lights["middle_back_left"]["GV9 midline"] == "local"
    # Off the back every marker of a point lights, whichever side was chosen (the neck's are drawn both sides).
    assert lights["middle_back_right"]["LI4 right"] == "distal"
    assert lights["neck"]["GB20 left"] == lights["neck"]["GB20 right"] == "local"
    assert lights["upper_back_left"]["SI3 right"] == "distal"
    # The shapes a choice lights: both halves for both sides, one half for one side, the neck's single shape.
    assert payload.data["shapes"]["middle_back"] == ["middle_back_left", "middle_back_right"]
    assert payload.data["shapes"]["middle_back_left"] == ["middle_back_left"]
    assert payload.data["shapes"]["neck"] == ["neck"]
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
        # On the process itself (its middle), and in the depression below its lower border, where BL18 sits.
        ("back", 0.1, anatomy.level_y("T9"), "on the spinous process of T9, on the midline"),
        (
            "back",
            anatomy.cun_to_cm(1.5),
            anatomy.lower_border_y("T9"),
            "below the spinous process of T9, 1.5 cun right of the midline",
        ),
        # 0.3 cm above the lower border is below the process already; a hair higher, on it.
        ("back", 0.0, anatomy.lower_border_y("T9") - 0.3, "below the spinous process of T9, on the midline"),
        ("back", 0.0, anatomy.lower_border_y("T9") - 0.31, "on the spinous process of T9, on the midline"),
        # The top of T10 is T10's; just above it, still below T9.
        ("back", 0.0, anatomy.upper_border_y("T10"), "on the spinous process of T10, on the midline"),
        (
            "back",
            0.0,
            anatomy.upper_border_y("T10") - 0.01,
            "below the spinous process of T9, on the midline",
        ),
        # A quarter cun (0.5625 cm) from the midline is beside it; just inside, on it.
        (
            "back",
            -0.5625,
            anatomy.level_y("T9"),
            "on the spinous process of T9, 0.25 cun left of the midline",
        ),
        ("back", -0.56, anatomy.level_y("T9"), "on the spinous process of T9, on the midline"),
        (
            "back",
            -anatomy.cun_to_cm(3.0),
            anatomy.lower_border_y("L2"),
            "below the spinous process of L2, 3 cun left of the midline",
        ),
        ("back", 2.0, -8.0, "above C7 (the neck), 0.89 cun right of the midline"),
        ("back", 0.0, anatomy.upper_border_y("C7") - 0.01, "above C7 (the neck), on the midline"),
        ("back", -1.0, 55.0, "below L5 (the sacrum and pelvis), 0.44 cun left of the midline"),
        ("back", 0.0, anatomy.lower_border_y("L5") + 0.99, "below the spinous process of L5, on the midline"),
        ("back", 0.0, anatomy.lower_border_y("L5") + 1.0, "below L5 (the sacrum and pelvis), on the midline"),
        # Elsewhere in cun across and down, each diagram by its own scale (the hand: 25 cm = 12 cun).
        ("hand", -3.5, -5.2, "on the hand diagram, -1.68 cun across and -2.5 cun down"),
        ("hand", 0.001, 0.0, "on the hand diagram, 0 cun across and 0 cun down"),
        ("hand", -0.001, 2.5, "on the hand diagram, 0 cun across and 1.2 cun down"),
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


def test_the_browser_says_a_position_in_the_same_words() -> None:
    """The quiz's keyboard cross is spoken by rules.js from the payload's words: for positions across the back
    (every quarter cun out to 4 cun, every quarter of a cm from above C7 to below L5; edges of the bands) and on
    every other diagram, it says what position_text says."""
    words = map_payload(ATLAS, DRAWINGS).data["words"]
    positions = [
        ("back", q * 0.5625, y / 4)
        for q in range(-7, 8)
        for y in range(-12, 220, 3)  # -3 cm to 54.75 cm
    ]
    positions += [("back", 0.0, edge) for edge, _ in height_bands()]
    positions += [("back", 0.0, edge - 0.001) for edge, _ in height_bands()]
    positions += [("back", 0.5625, 30.0), ("back", -0.5624, 30.0), ("back", 0.0, 60.0)]
    positions += [
        (view, x, y) for view in ("hand", "leg", "head", "neck") for x, y in ((-3.5, 5.2), (0.0, -0.004))
    ]
    got = run_js(
        'import { positionText } from "./map/rules.js";',
        "data.positions.map(([view, x, y]) => positionText(data.words, view, x, y))",
        {"positions": positions, "words": words},
    )
    assert got == [position_text(view, x, y) for view, x, y in positions]
    assert len(set(got)) > 100


def test_every_table_the_browser_reads_is_in_the_payload() -> None:
    """The map's code reads the payload as `tables.<name>` (and the legend's rows and colours by name)."""
    code = "".join(
        p.read_text(encoding="utf-8")
        for p in [ROOT / "ui/component/map.js", *(ROOT / "ui/component/map").glob("*.js")]
    )
    read = set(re.findall(r"\btables\.(\w+)", code))
    assert {
        "lights",
        "shapes",
        "regions",
        "tips",
        "landmarks",
        "titles",
        "legend",
        "words",
        "cm_per_cun",
    } <= read
    data = map_payload(ATLAS, DRAWINGS).data
    assert read <= set(data)
    drawn = (ROOT / "ui/component/map/legend.js").read_text(encoding="utf-8")
    assert (
        {"colours", "meridians", "landmarks"}
        <= set(re.findall(r"\blegend\.(\w+)", drawn))
        <= set(data["legend"])
    )
    assert set(data["legend"]["colours"]) == {"local", "distal", "chosen"}
    assert data["titles"] == {view: parse(view).attrib["aria-label"] for view in DIAGRAM_VIEWS}


def test_the_payload_labels_each_region_choice_as_the_core_does() -> None:
    regions = map_payload(ATLAS, DRAWINGS).data["regions"]
    for rid, entry in regions.items():
        choice = parse_region(rid)
        assert choice is not None
        assert entry["label"] == choice.label


def test_landmarks_are_numbered_alike_on_the_map_in_their_tooltips_and_in_the_legend() -> None:
    rings = {
        el.attrib["data-landmark"]: "".join(el.itertext()).strip()
        for el in parse("back").iter(f"{NS}g")
        if "data-landmark" in el.attrib
    }
    assert list(rings.values()) == ["1", "2", "3", "4"]
    data = map_payload(ATLAS, DRAWINGS).data
    for key, number in rings.items():
        assert data["landmarks"][key][0].startswith(f"{number}. ")
    assert [row[0] for row in data["legend"]["landmarks"]] == list(rings.values())


def test_the_legend_gives_short_landmark_names_and_the_colour_each_meridian_is_drawn_in() -> None:
    got = legend(ATLAS)
    for (_, short, taught), lm in zip(got["landmarks"], anatomy.LANDMARKS, strict=True):
        assert len(short) < len(lm.label)
        assert taught == f"taught {lm.level}"
    drawn = {}
    for view in DIAGRAM_VIEWS:
        for el in markers(parse(view)):
            drawn[ATLAS.point(el.attrib["data-point"]).meridian] = el.attrib["style"].removeprefix("--c:")
    assert dict(got["meridians"]) == drawn
    assert len(set(drawn.values())) >= 5


def test_the_legend_lists_only_the_meridians_that_have_points() -> None:
    bladder = Atlas(points=tuple(p for p in ATLAS.points if p.meridian == "Bladder"), links=())
    assert [name for name, _ in legend(bladder)["meridians"]] == ["Bladder"]


def test_each_region_is_drawn_as_its_polygon_in_absolute_coordinates() -> None:
    shapes = {
        el.attrib["data-region"]: el.attrib["d"]
        for el in parse("back").iter(f"{NS}path")
        if "data-region" in el.attrib
    }
    for region in REGIONS:
        d = shapes[region.id]
        assert re.fullmatch(r"M[-\d. ]+(L[-\d. ]+)+Z", d), d
        corners = [float(v) for pair in d[1:-1].split("L") for v in pair.split()]
        assert corners == pytest.approx([v for corner in region.polygon for v in corner], abs=1e-3)


def test_only_the_bladder_lines_at_one_and_a_half_cun_are_drawn_as_the_main_guides() -> None:
    guides = [el for el in parse("back").iter(f"{NS}line") if "guide" in el.attrib.get("class", "").split()]
    main = sorted(float(el.attrib["x1"]) for el in guides if "main" in el.attrib["class"].split())
    assert main == pytest.approx([-anatomy.cun_to_cm(1.5), anatomy.cun_to_cm(1.5)], abs=1e-3)
    assert len(guides) == 6


@pytest.mark.parametrize(
    ("view", "named"), [("back", "Back"), ("hand", "Hand"), ("leg", "Leg"), ("neck", "Neck")]
)
def test_each_diagram_is_a_named_group_reached_by_script(view: str, named: str) -> None:
    root = parse(view)
    assert (root.attrib["role"], root.attrib["tabindex"]) == ("group", "-1")
    assert root.attrib["aria-label"].startswith(named)


def test_regions_and_markers_are_styled_and_reached_by_script() -> None:
    back = parse("back")
    for el in back.iter(f"{NS}path"):
        if "data-region" in el.attrib:
            assert (el.attrib["class"], el.attrib["tabindex"]) == ("region", "-1")
    for view in DIAGRAM_VIEWS:
        for el in markers(parse(view)):
            point = ATLAS.point(el.attrib["data-point"])
            classes = el.attrib["class"].split()
            assert classes[0] == "pt"
            assert ("ex" in classes) == (point.meridian == "Extra")
            assert el.attrib["data-code"] == point.code
            assert (float(el.attrib["data-x"]), float(el.attrib["data-y"])) == pytest.approx(translate(el))
            assert el.attrib["style"].startswith("--c:#")
            shapes = {
                child.attrib["class"] for child in el.iter() if child.tag in (f"{NS}circle", f"{NS}path")
            }
            assert shapes == {"hit", "dot", "dia", "star"}


def test_every_landmark_ring_is_a_named_image_at_its_place() -> None:
    rings = [el for el in parse("back").iter(f"{NS}g") if "data-landmark" in el.attrib]
    for number, (el, lm) in enumerate(zip(rings, anatomy.LANDMARKS, strict=True), start=1):
        assert (el.attrib["class"], el.attrib["role"]) == ("lm", "img")
        assert el.attrib["aria-label"].startswith(f"Landmark {number}: {lm.label}")
        assert lm.taught in el.attrib["aria-label"]
        x, y = translate(el)
        assert (float(el.attrib["data-x"]), float(el.attrib["data-y"])) == pytest.approx((x, y))
        assert (x, y) == pytest.approx((anatomy.cun_to_cm(lm.x_cun), anatomy.level_y(lm.level)), abs=1e-3)


@pytest.mark.parametrize("view", list(DIAGRAM_VIEWS))
def test_everything_drawn_in_screen_pixels_is_placed_at_a_body_position(view: str) -> None:
    root = parse(view)
    for el in root.iter(f"{NS}g"):
        if any(child.attrib.get("class") == "px" for child in el):
            assert re.fullmatch(r"translate\([-\d.]+ [-\d.]+\)", el.attrib.get("transform", "")), el.attrib


@pytest.mark.parametrize(
    ("view", "label"), [("hand", "← thumb side"), ("leg", "outside"), ("head", "front ↑"), ("neck", "L")]
)
def test_each_distal_diagram_carries_its_orientation_labels(view: str, label: str) -> None:
    assert label in [t.text for t in parse(view).iter(f"{NS}text")]


def test_each_audience_has_its_own_pair_of_side_labels() -> None:
    sides = {
        t.text: t.attrib["class"].split()
        for t in parse("back").iter(f"{NS}text")
        if t.text and "side" in t.attrib.get("class", "")
    }
    assert sides["Your left"] == sides["Your right"] == ["side", "for-patient"]
    assert sides["L (left)"] == sides["(right) R"] == ["side", "for-student"]


def test_the_guide_lines_run_past_the_whole_spine_at_both_ends() -> None:
    guides = [el for el in parse("back").iter(f"{NS}line") if "guide" in el.attrib.get("class", "").split()]
    for el in guides:
        top, bottom = float(el.attrib["y1"]), float(el.attrib["y2"])
        assert top < anatomy.upper_border_y("C7")
        assert bottom > anatomy.lower_border_y("L5")


def test_the_spine_ladder_draws_each_process_and_its_label_where_the_body_model_puts_it() -> None:
    ladder = next(el for el in parse("back").iter(f"{NS}g") if el.attrib.get("class") == "ladder")
    rects = [el for el in ladder.iter(f"{NS}rect")]
    assert len(rects) == len(anatomy.SPINE_LEVELS)
    for rect, level in zip(rects, anatomy.SPINE_LEVELS, strict=True):
        x, y, width, height = (float(rect.attrib[k]) for k in ("x", "y", "width", "height"))
        assert x == pytest.approx(-width / 2) and width > 0  # centred on the midline
        assert (y, y + height) == pytest.approx(
            (anatomy.upper_border_y(level), anatomy.lower_border_y(level)), abs=1e-3
        )
    labels = {
        "".join(g.itertext()): translate(g)
        for g in ladder.iter(f"{NS}g")
        if "transform" in g.attrib and "".join(g.itertext()) in anatomy.SPINE_LEVELS
    }
    assert list(labels) == list(anatomy.SPINE_LEVELS)
    for level, (x, y) in labels.items():
        assert x < -anatomy.cun_to_cm(4.0)  # beside the torso, clear of the lines
        assert y == pytest.approx(anatomy.level_y(level), abs=1e-3)
    ticks = [el for el in ladder.iter(f"{NS}line")]
    assert [float(t.attrib["y1"]) for t in ticks] == pytest.approx(
        [anatomy.level_y(v) for v in anatomy.SPINE_LEVELS], abs=1e-3
    )
    assert all(t.attrib["y1"] == t.attrib["y2"] for t in ticks)


def test_each_guide_line_s_cun_is_written_under_its_right_hand_line() -> None:
    guides = next(el for el in parse("back").iter(f"{NS}g") if el.attrib.get("class") == "guides")
    labels = {
        "".join(g.itertext()): translate(g)[0]
        for g in guides.iter(f"{NS}g")
        if "transform" in g.attrib and "".join(g.itertext()) in {"0.5", "1.5", "3"}
    }
    assert labels == pytest.approx({c: anatomy.cun_to_cm(float(c)) for c in ("0.5", "1.5", "3")}, abs=1e-3)
