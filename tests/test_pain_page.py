"""The pain drawing's new core (strokes from the map, several regions lit together, the patient's words, the small
pictures), the browser's mirror of its lighting rule, and its page in Streamlit's AppTest."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from acumap import links, pain, pain_text
from acumap.atlas.data import load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.drawing.assets import load_drawing
from acumap.drawing.svg import map_payload
from acumap.pain_figure import STRENGTH_COLOURS, drawing_svg, pair_svg
from acumap.plain import reading_grade, unexplained
from tests.apptest import APP, all_markdown
from tests.nodejs import run_js

ATLAS = load_atlas()
TABLES = map_payload(ATLAS, {v: load_drawing(v) for v in DIAGRAM_VIEWS}).data
MIDDLE_BACK = [(-10.0 + i, 26.0) for i in range(21)]
LEFT_SHOULDER = [(-18.0 + i, 5.0) for i in range(7)]


def stroke(n: int, points: list[Any], intensity: Any = 6, erase: Any = False) -> dict[str, Any]:
    return {"n": n, "points": points, "intensity": intensity, "erase": erase}


def report(*strokes: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "stroke", "strokes": list(strokes)}


# ---- strokes from the map ----------------------------------------------------------------------------------


def test_strokes_not_yet_applied_are_taken_in_order() -> None:
    value = report(stroke(3, [[0, 26]]), stroke(2, [[1, 26], [2, 26]], 4, False), stroke(1, [[5, 5]]))
    got = pain.parse_strokes(value, after=1)
    assert [(s.n, s.points, s.intensity) for s in got] == [
        (2, ((1.0, 26.0), (2.0, 26.0)), 4),
        (3, ((0.0, 26.0),), 6),
    ]
    assert pain.parse_strokes(value, after=3) == ()


@pytest.mark.parametrize(
    "value",
    [
        None,
        "stroke",
        {"kind": "region", "strokes": [stroke(1, [[0, 0]])]},
        {"kind": "stroke"},
        {"kind": "stroke", "strokes": "x"},
        report(stroke(0, [[0, 0]])),
        report(stroke(True, [[0, 0]])),
        report(stroke(1, [[0, 0]], 11)),
        report(stroke(1, [[0, 0]], -1)),
        report(stroke(1, [[0, 0]], 5.5)),
        report(stroke(1, [[0, 0]], True)),
        report(stroke(1, [[0, 0]], 5, "yes")),
        report(stroke(1, [])),
        report(stroke(1, [[0]])),
        report(stroke(1, [["0", 1]])),
        report(stroke(1, [[float("nan"), 1]])),
        report(stroke(1, [[float("inf"), 1]])),
        report(stroke(1, [[0, 0]] * (pain.MAX_STROKE_POINTS + 1))),
        report(*[stroke(i, [[0, 0]]) for i in range(1, pain.MAX_STROKES + 2)]),
        # One bad stroke spoils the report: nothing of it is trusted.
        report(stroke(1, [[0, 26]]), stroke(2, [[0, 26]], 12)),
    ],
)
def test_a_report_that_is_not_the_maps_gives_no_stroke(value: object) -> None:
    assert pain.parse_strokes(value) == ()


def test_strokes_shade_and_erase_in_turn() -> None:
    strokes = pain.parse_strokes(
        report(stroke(1, [list(p) for p in MIDDLE_BACK], 7), stroke(2, [[-10, 26], [-1, 26]], 0, True))
    )
    d = pain.apply_strokes(pain.clear(), strokes)
    expected = pain.erase(pain.shade(pain.clear(), MIDDLE_BACK, 7), [(-10, 26), (-1, 26)])
    assert d == expected and not d.empty
    assert {c.region for c in pain.covers(d)} == {"middle_back_right"}


# ---- several regions lit together --------------------------------------------------------------------------


def test_several_choices_light_every_marker_of_each_local_winning() -> None:
    lights = {
        "a": {"P1 left": "local", "P2 right": "distal"},
        "b": {"P1 left": "distal", "P2 right": "local", "P3 left": "distal"},
    }
    assert pain.combined_lights(lights, ["a", "b"]) == {
        "P1 left": "local",
        "P2 right": "local",
        "P3 left": "distal",
    }
    assert pain.combined_lights(lights, []) == {}
    assert pain.combined_shapes({"a": ["x", "y"], "b": ["y", "z"]}, ["b", "a"]) == ["y", "z", "x"]


def test_the_combined_lights_are_the_lit_points_of_the_core() -> None:
    """The map lights (by the payload's tables) exactly the points acumap.pain.lit_points lists, on their sides."""
    choices = ("shoulder_left", "middle_back")
    found = pain.combined_lights(TABLES["lights"], choices)
    points = pain.lit_points(ATLAS, choices)
    assert {key.split(" ")[0] for key in found} == {p.point.id for p in points}
    gb21 = {key for key in found if key.startswith("GB21 ")}
    assert gb21 == {"GB21 left"}  # the left shoulder only
    assert found["BL18 left"] == found["BL18 right"] == "local"


def test_the_browser_lights_what_the_state_carries_and_else_the_choice() -> None:
    """rules.js: a state with its own lights and shapes lights exactly them (a drawing's several regions); a state
    without them lights its region from the tables, as before."""
    choices = ("shoulder_left", "middle_back")
    lights = pain.combined_lights(TABLES["lights"], choices)
    shapes = pain.combined_shapes(TABLES["shapes"], choices)
    keys = sorted({*lights, *TABLES["lights"]["neck"], "LI4 right", "GB21 right"})
    got = run_js(
        'import { litRole, shapeOn } from "./map/rules.js";',
        "(() => { const drawn = {region: null, point: null, lights: data.lights, shapes: data.shapes};"
        " const neck = {region: 'neck', point: null};"
        " const role = (s) => Object.fromEntries(data.keys.map((k) => [k, litRole(data.tables, s, ...k.split(' ')) || null]));"
        " const on = (s) => data.regions.filter((r) => shapeOn(data.tables, s, r));"
        " return {drawn: role(drawn), neck: role(neck), drawnOn: on(drawn), neckOn: on(neck)}; })()",
        {
            "tables": TABLES,
            "lights": lights,
            "shapes": shapes,
            "keys": keys,
            "regions": sorted({r for s in TABLES["shapes"].values() for r in s}),
        },
    )
    assert got["drawn"] == {k: lights.get(k) for k in keys}
    assert got["neck"] == {k: TABLES["lights"]["neck"].get(k) for k in keys}
    assert got["drawnOn"] == sorted(shapes)
    assert got["neckOn"] == sorted(TABLES["shapes"]["neck"])


def test_a_stroke_is_thinned_to_what_the_grid_can_tell() -> None:
    pts = [{"x": 0.001 * i, "y": 26.0} for i in range(2001)]  # 2 cm in 1000 steps of 1/1000 cm
    got = run_js('import { thinStroke } from "./map/rules.js";', "thinStroke(data.pts, 0.25)", {"pts": pts})
    assert [p["x"] for p in got] == [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]
    one = run_js(
        'import { thinStroke } from "./map/rules.js";', "thinStroke(data.pts, 0.25)", {"pts": pts[:1]}
    )
    assert one == [{"x": 0, "y": 26}]


# ---- words and pictures ------------------------------------------------------------------------------------


def patient_text(d: pain.PainDrawing, earlier: pain.PainDrawing | None = None) -> str:
    found = pain.summarize(d)
    entries = pain_text.entries(pain.lit_points(ATLAS, found.choices))
    lines = [pain_text.INTRO, pain_text.KEEP, found.notice or ""]
    lines += [pain_text.cover_line(c) for c in found.covers]
    lines += [pain_text.levels_line(found.levels) or ""] + [e.line() for e in entries]
    if earlier is not None:
        cmp = pain.compare(earlier, d)
        lines += [pain_text.change_words(r) for r in (*cmp.regions, cmp.total)]
    return "\n".join(lines)


def test_the_patients_words_are_plain() -> None:
    d = pain.shade(pain.shade(pain.clear(), MIDDLE_BACK, 7), LEFT_SHOULDER, 5)
    earlier = pain.shade(pain.clear(), [(-10, 26), (-1, 26), (-1, 40)], 3)
    text = patient_text(d, earlier)
    assert unexplained(text, ATLAS) == []
    # Every sentence of ours (the points' own lines are the data's, checked with it) at grade 8 or below.
    ours = "\n".join(
        [
            pain_text.INTRO,
            pain_text.KEEP,
            *(pain_text.cover_line(c) for c in pain.covers(d)),
            pain_text.levels_line(pain.spine_levels(d)) or "",
        ]
    )
    assert reading_grade(ours) <= 8, reading_grade(ours)
    assert "Used for 2 of your areas." in text
    assert "In all: " in text and "less" in text


def test_the_list_numbers_a_family_once_and_marks_shared_points() -> None:
    entries = pain_text.entries(pain.lit_points(ATLAS, ("shoulder_left", "middle_back")))
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    jiaji = [e for e in entries if e.points[0].point.code == "EX-B2"]
    assert len(jiaji) == 1 and len(jiaji[0].points) > 1
    numbers = pain_text.numbers(entries)
    assert len(set(numbers[p.point.id] for p in jiaji[0].points)) == 1
    li4 = next(e for e in entries if e.points[0].point.id == "LI4")
    assert li4.areas == 2 and li4.choices() == ("shoulder_left", "middle_back")
    gb21 = next(e for e in entries if e.points[0].point.id == "GB21")
    assert gb21.areas == 1 and "Used for" not in gb21.line()


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        (10.0, 4.0, "Middle back, left side: 10 cm² before, 4 cm² now (6 cm² less)."),
        (4.0, 10.0, "Middle back, left side: 4 cm² before, 10 cm² now (6 cm² more)."),
        (4.0, 4.0, "Middle back, left side: 4 cm² before, 4 cm² now (no change)."),
    ],
)
def test_a_change_in_area_in_words(before: float, after: float, words: str) -> None:
    assert pain_text.change_words(pain.AreaChange("middle_back_left", before, after)) == words


def test_the_total_change_says_its_share() -> None:
    assert pain_text.change_words(pain.AreaChange("total", 40.0, 30.0)) == (
        "In all: 40 cm² before, 30 cm² now (10 cm² less, 25% less)."
    )
    assert pain_text.area_label(pain.OUTSIDE) == pain_text.OUTSIDE_LABEL


def test_the_small_picture_has_a_cell_for_each_shaded_cell_in_its_strengths_colour() -> None:
    d = pain.shade(pain.clear(), [(-3, 26), (3, 26)], 9)
    svg = drawing_svg(load_drawing("back"), d, 'Today <script>"')
    assert svg.count(f'fill="{STRENGTH_COLOURS[9]}"') == len(d.cells)
    assert "<script>" not in svg and "Today &lt;script&gt;" in svg
    assert 'viewBox="-32 -17 64 82"' in svg
    pair = pair_svg(load_drawing("back"), (("Earlier <b>", d), ("Today", pain.clear())), "Both")
    assert pair.count(f'fill="{STRENGTH_COLOURS[9]}"') == len(d.cells)
    assert "Earlier &lt;b&gt;" in pair and "<b>" not in pair
    # The second picture stands beside the first: its grid starts one picture and a gap to the right.
    assert "translate(32 24)" in pair and "translate(100 24)" in pair


def test_a_small_picture_says_what_it_shows() -> None:
    d = pain.shade(pain.shade(pain.clear(), [(-3.0, 26.0), (-2.0, 26.0)], 5), [(-30.0, 60.0)], 5)
    left = next(c for c in pain.covers(d) if c.region == "middle_back_left")
    outside = len(pain.outside_cells(d))
    assert pain_text.picture_alt("Today", d) == (
        f"Today: Middle back, left side, {left.cells:g} cm²; outside the areas the map knows, {outside:g} cm²."
    )
    assert pain_text.picture_alt("Earlier", pain.clear()) == "Earlier: nothing shaded."


# ---- the link ------------------------------------------------------------------------------------------------


def test_the_pain_pages_link_words() -> None:
    d = pain.shade(pain.clear(), MIDDLE_BACK, 7)
    assert links.pain_params(pain.clear()) == {}
    assert links.pain_params(d) == {links.PAIN: pain.encode(d)}
    assert links.pain_params(pain.clear(), d) == {links.PAIN_EARLIER: pain.encode(d)}
    assert links.unknown_params({links.PAIN: "x", "region": "neck"}, links.PAIN_PARAMS) == (
        "The link parameter “region” is not used on this page; it was ignored.",
    )


# ---- the page ------------------------------------------------------------------------------------------------


def run_page(params: dict[str, str]) -> AppTest:
    """The pain page opened by its link (the first run is the router's: its default page rewrites the address)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/pain.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_page_reads_a_drawing_and_an_earlier_one_from_its_link() -> None:
    d = pain.shade(pain.shade(pain.clear(), MIDDLE_BACK, 7), LEFT_SHOULDER, 5)
    earlier = pain.shade(pain.clear(), MIDDLE_BACK, 4)
    at = run_page({links.PAIN: pain.encode(d), links.PAIN_EARLIER: pain.encode(earlier)})
    text = all_markdown(at)
    for c in pain.covers(d):
        assert (
            pain_text.cover_line(c)
            .replace(":", "\\:")
            .replace("(", "\\(")
            .replace(")", "\\)")
            .replace(".", "\\.")
            in text
        )
    assert [e.label.split(":")[0] for e in at.expander] == [
        "Shoulder and shoulder blade, left side",
        "Middle back, both sides",
    ]
    assert "Compared with your earlier drawing" in text
    assert [b.label for b in at.button if b.key and b.key.startswith("pain_")] == ["Clear", "Stop comparing"]
    assert unexplained(text, ATLAS) == []


def test_a_link_that_cannot_be_read_is_a_notice_and_the_page_works() -> None:
    at = run_page({links.PAIN: "1.AAAA", "zz": "1"})
    notices = [i.value for i in at.info]
    assert any("pain drawing in the link" in n for n in notices), notices
    assert any("“zz”" in n for n in notices), notices
    assert any("Nothing is shaded yet" in n for n in notices), notices
    assert not at.error


def test_keeping_a_drawing_for_next_time_starts_an_empty_one_compared_with_it() -> None:
    d = pain.shade(pain.clear(), MIDDLE_BACK, 7)
    at = run_page({links.PAIN: pain.encode(d)})
    at.button(key="pain_compare").click().run()
    assert dict(at.query_params) == {links.PAIN_EARLIER: pain.encode(d)}
    assert "Compared with your earlier drawing" in all_markdown(at)


@pytest.mark.parametrize(("audience", "linked"), [("patient", True), ("student", False)])
def test_the_body_maps_patient_view_links_to_the_pain_drawing(audience: str, linked: bool) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[links.AUDIENCE] = audience
    at.query_params[links.REGION] = "middle_back"
    at.run()
    assert not at.exception, at.exception
    pages = [link.proto.page for link in at.get("page_link")]
    assert (links.PAIN_PAGE in pages) is linked, pages
