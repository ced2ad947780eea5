"""The patient view, the handout and the diagram downloads: plain words, one page, the names and the red flags."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from acumap.atlas.data import Atlas, load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS, markers_for
from acumap.atlas.regions import BASE_REGIONS, choice_ids, parse_region
from acumap.drawing.assets import load_drawing
from acumap.drawing.figure import Mark, diagram_svg, entries, marks_for
from acumap.handout import diagrams_svg, figure_png, handout_pdf
from acumap.plain import DURING, GLOSSARY, entry_plain, unexplained, where_plain
from acumap.region_view import region_view
from acumap.safety import RED_FLAGS
from tests.apptest import all_markdown, panel_heading, pdf_pages, run_app

ATLAS = load_atlas()
DRAWINGS = {v: load_drawing(v) for v in DIAGRAM_VIEWS}
#: Page sizes in PDF points.
PAGE_PT = {"A4": (595.3, 841.9), "Letter": (612.0, 792.0)}


def page_text(at: AppTest) -> str:
    """Everything the page shows in words, with Markdown's escapes undone."""
    parts = [all_markdown(at)] + [e.label for e in at.expander]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts)).replace("**", "")


# --- the checker itself: what counts as unexplained ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("1. Liver Shu (Gānshū, BL18): used for the middle back.", []),
        ("BL18 is used for the middle back.", ["code BL18 without its name"]),
        ("Acupuncture moves the qi.", ["'qi' used without its explanation"]),
        (f"Acupuncture moves the qi.\nqi: {GLOSSARY[1].meaning}", []),
        ("Two cun from the spine.", ["'cun' used without its explanation"]),
        ("Below the spinous process.", ["jargon word 'spinous'"]),
        ("In the Lumbar Yang Gate (Yāoyángguān, GV3).", []),  # a point's name is a name, not jargon
        ("Over the thoracic spine.", ["jargon word 'thoracic'"]),
        # Any case: a jargon word or a glossary word at the start of a sentence.
        ("Thoracic pain.", ["jargon word 'thoracic'"]),
        ("Qi flows.", ["'qi' used without its explanation"]),
        # A code that is no point's (a guideline's number) does not end the check of its line.
        ("See NG59 and BL18.", ["code BL18 without its name"]),
    ],
)
def test_unexplained(text: str, problems: list[str]) -> None:
    found = unexplained(text, ATLAS)
    assert [p.split(":")[0] for p in found] == [p.split(":")[0] for p in problems]


def test_a_name_inside_a_longer_name_leaves_no_jargon_of_the_longer_one() -> None:
    """Names are taken out longest first: "Lumbar Gate" whole, not "Gate" first leaving "Lumbar"."""
    atlas = Atlas(
        points=(
            replace(ATLAS.point("BL18"), english="Gate", pinyin="Mén"),
            replace(ATLAS.point("GV3"), english="Lumbar Gate", pinyin="Yāomén"),
        ),
        links=(),
    )
    assert unexplained("In the Lumbar Gate (Yāomén, GV3).", atlas) == []


@pytest.mark.parametrize(
    ("plain", "where"),
    [
        ("In the web of the hand. Used for pain. Also for headache.", "In the web of the hand."),
        ("In the web of the hand.", "In the web of the hand."),
        ("In the web of the hand", "In the web of the hand."),
    ],
)
def test_where_a_point_is_is_the_first_sentence_of_its_plain_line(plain: str, where: str) -> None:
    assert where_plain(replace(ATLAS.point("LI4"), plain=plain)) == where


def _marks(*pids: str) -> list[Mark]:
    return [Mark(ATLAS.point(pid), "1", "local") for pid in pids]


def test_a_column_of_levels_under_one_number_gets_its_family_s_line() -> None:
    column = entry_plain(_marks("EX-B2-T1", "EX-B2-T2"))
    assert column == entry_plain(_marks("EX-B2-T7", "EX-B2-T8", "EX-B2-T9"))
    assert column not in {ATLAS.point(pid).plain for pid in ("EX-B2-T1", "EX-B2-T2", "EX-B2-T7")}


@pytest.mark.parametrize("pids", [("EX-B2-T5",), ("BL18",), ("BL18", "BL18")])
def test_one_level_or_a_point_without_a_family_keeps_its_own_line(pids: tuple[str, ...]) -> None:
    assert entry_plain(_marks(*pids)) == ATLAS.point(pids[0]).plain


# --- the patient view: only the region, every point named and explained in plain words ----------------------


@pytest.mark.parametrize("region", [*BASE_REGIONS, "middle_back_left", "shoulder_right"])
def test_patient_view_has_no_unexplained_code_or_jargon(region: str) -> None:
    at = run_app({"region": region, "audience": "patient"})
    assert not at.exception
    text = page_text(at)
    assert unexplained(text, ATLAS) == []
    choice = parse_region(region)
    assert choice is not None
    for group in entries(marks_for(ATLAS, choice)):
        p = group[0].point
        assert f"{group[0].label}. {p.english} ({p.pinyin}, {p.code})" in text
    # Words that need explaining are explained where they appear (the session notes say "deqi").
    assert DURING[1] in text
    assert "deqi: the dull ache" in text
    # The student's wording is not shown: no needling notes, no "local"/"distal" badges.
    assert "LOCAL" not in text and "Needling" not in text


@pytest.mark.parametrize("pid", ["LI4", "BL18", "GV9", "GB21"])
def test_patient_point_panel_is_plain(pid: str) -> None:
    at = run_app({"region": "middle_back", "point": pid, "audience": "patient"})
    text = page_text(at)
    assert unexplained(text, ATLAS) == []
    assert where_plain(ATLAS.point(pid)) in text


@pytest.mark.parametrize(
    ("region", "pid"), [("middle_back", "BL18"), ("lower_back", "SI3"), ("neck", "GB21")]
)
def test_a_patients_point_page_has_its_number_and_the_regions_reason(region: str, pid: str) -> None:
    choice = parse_region(region)
    assert choice is not None
    (mark,) = [m for m in marks_for(ATLAS, choice) if m.point.id == pid]
    at = run_app({"region": region, "point": pid, "audience": "patient"})
    assert not at.exception
    # The number it has on the map, in the region's list and on the handout.
    assert panel_heading(at) == f"{mark.label}. {mark.point.english}"
    assert entry_plain([mark]) in page_text(at)


def test_a_patients_point_page_outside_a_region_has_no_number() -> None:
    at = run_app({"point": "GB21", "audience": "patient"})
    assert panel_heading(at) == "Shoulder Well"


def test_patient_overview_is_plain() -> None:
    text = page_text(run_app({"audience": "patient"}))
    assert unexplained(text, ATLAS) == []
    assert "Where does it hurt?" in text


def test_student_view_is_not_the_patient_view() -> None:
    """Without the link parameter, the panel is the student's (so the test above checks the switch)."""
    text = page_text(run_app({"region": "middle_back"}))
    assert unexplained(text, ATLAS) != []
    assert "Near the pain, on your back" not in text


def test_the_toggle_switches_to_the_patient_view_and_into_the_link() -> None:
    at = run_app({"region": "neck"})
    at.toggle(key="patient").set_value(True).run()
    assert at.query_params["audience"] == "patient"
    assert "Near the pain, on your back" in page_text(at)


@pytest.mark.parametrize(
    "page", ["views/body_map.py", "views/point_browser.py", "views/quiz.py", "views/safety.py"]
)
def test_red_flags_are_on_every_page(page: str) -> None:
    at = run_app({"audience": "patient"}, page=page)
    text = page_text(at)
    for flag in RED_FLAGS:
        assert flag in text
    assert "It does not diagnose anything" in text


# --- the handout ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["A4", "Letter"])
@pytest.mark.parametrize("region", choice_ids())
def test_handout_is_two_vector_pages_with_every_name_and_the_red_flags(region: str, page: str) -> None:
    choice = parse_region(region)
    assert choice is not None
    handout = handout_pdf(ATLAS, DRAWINGS, choice, marks_for(ATLAS, choice), page)
    pages = pdf_pages(handout.pdf)
    assert len(pages) == 2  # the points; then the warning signs first, what to expect and self-care
    for width, height, _, images in pages:
        assert (width, height) == pytest.approx(PAGE_PT[page], abs=0.5)
        assert images == 0  # the diagrams are vector drawings, not pictures
    text, back = pages[0][2], pages[1][2]
    for group in entries(marks_for(ATLAS, choice)):
        p = group[0].point
        assert f"{group[0].label}. {p.english} ({p.pinyin}, {p.code})" in text
    for flag in RED_FLAGS:
        assert flag in back
    assert "Looking after yourself" in back and "Afterwards" in back
    # Readable: neither page is ever shrunk below 85 % to fit.
    assert handout.scale >= 0.85
    assert unexplained(text + " " + back, ATLAS) == []


def test_handout_of_a_practitioners_selection_lists_only_those_points() -> None:
    choice = parse_region("middle_back")
    assert choice is not None
    chosen = ["BL18", "LI4", "GV9"]
    marks = region_view(ATLAS, choice).printed(chosen)
    handout = handout_pdf(ATLAS, DRAWINGS, choice, marks, "A4")
    text = pdf_pages(handout.pdf)[0][2]
    # Only the ticked points, numbered 1..n in reading order (issue 23; they were 1, 6 and 16, the numbers of
    # the whole region's list, which left a patient looking for points 2 to 5).
    assert "1. Reaching Yang (Zhìyáng, GV9)" in text
    assert "2. Liver Shu (Gānshū, BL18)" in text
    assert "3. Union Valley (Hégǔ, LI4)" in text
    assert re.findall(r"(\d+)\. [A-Z][^.(]*\(", text) == ["1", "2", "3"]
    assert "Diaphragm Shu" not in text
    assert not handout.compact  # three points leave room for the full plain lines
    assert ATLAS.point("BL18").plain in text


def test_long_list_goes_compact_before_the_page_shrinks() -> None:
    choice = parse_region("upper_back")
    assert choice is not None
    handout = handout_pdf(ATLAS, DRAWINGS, choice, marks_for(ATLAS, choice), "Letter")  # the shorter page
    assert handout.compact
    text = pdf_pages(handout.pdf)[0][2]
    plain = ATLAS.point("BL43").plain
    reason = "Often a tender spot in long-lasting upper back ache with tired, heavy shoulders."
    assert plain.endswith(reason)
    assert reason in text  # BL43's reason
    assert plain not in text  # its "where" sentence: the picture shows it


def test_a_middle_back_handout_has_room_for_the_full_lines() -> None:
    choice = parse_region("middle_back")
    assert choice is not None
    handout = handout_pdf(ATLAS, DRAWINGS, choice, marks_for(ATLAS, choice), "A4")
    assert not handout.compact
    assert ATLAS.point("BL46").plain in pdf_pages(handout.pdf)[0][2]


# --- the diagrams as files -----------------------------------------------------------------------------------


def test_diagram_svg_marks_and_numbers_the_region_for_a_patient() -> None:
    choice = parse_region("middle_back_left")
    assert choice is not None
    marks = marks_for(ATLAS, choice)
    svg = diagrams_svg(ATLAS, DRAWINGS, marks, choice, "patient")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    labels = re.findall(r'text-anchor="middle" fill="#1f2328">(\d+)</text>', svg)
    assert set(labels) == {m.label for m in marks}
    # Numbers on the picture; the codes only in its key, after the names, as on the handout.
    assert "BL18" not in _figure_labels(svg) and "Your left" in svg


def _figure_labels(svg: str) -> list[str]:
    return re.findall(r'text-anchor="middle" fill="#1f2328">([^<]+)</text>', svg)


@pytest.mark.parametrize("region", ["middle_back", "middle_back_left", "upper_back"])
def test_a_number_shared_by_a_column_is_labelled_once_with_a_bracket(region: str) -> None:
    choice = parse_region(region)
    assert choice is not None
    marks = marks_for(ATLAS, choice)
    (jiaji,) = {m.label for m in marks if m.point.code == "EX-B2"}
    levels = [m for m in marks if m.point.code == "EX-B2"]
    assert len(levels) >= 4  # one point at each level, one number
    back = diagram_svg(ATLAS, DRAWINGS["back"], marks, choice.side, "patient")
    labels = _figure_labels(back)
    # Every number once: the Jiaji column's too, not once per level.
    assert sorted(labels, key=int) == sorted({m.label for m in marks if m.point.view == "back"}, key=int)
    assert labels.count(jiaji) == 1
    (bracket,) = re.findall(
        r'<path d="M([-\d.]+) ([-\d.]+)H([-\d.]+)V([-\d.]+)H[-\d.]+"[^>]*class="bracket"', back
    )
    top, bottom = float(bracket[1]), float(bracket[3])
    ids = {m.point.id for m in levels}
    ys = sorted(mk.y for mk in markers_for(ATLAS, "back") if mk.point.id in ids)
    # The bracket runs from the highest of the column's points to the lowest.
    assert top == pytest.approx(ys[0], abs=0.01) and bottom == pytest.approx(ys[-1], abs=0.01)


def test_a_students_figure_labels_each_level_of_the_column() -> None:
    choice = parse_region("middle_back")
    assert choice is not None
    back = diagram_svg(
        ATLAS, DRAWINGS["back"], marks_for(ATLAS, choice, audience="student"), "both", "student"
    )
    assert "EX-B2-T7" in _figure_labels(back) and "EX-B2-T12" in _figure_labels(back)
    assert 'class="bracket"' not in back


def test_the_pictures_carry_a_key_of_their_numbers_and_names() -> None:
    choice = parse_region("middle_back")
    assert choice is not None
    marks = marks_for(ATLAS, choice)
    svg = diagrams_svg(ATLAS, DRAWINGS, marks, choice, "patient")
    key = re.search(r'<g class="key">(.*?)</g>', svg)
    assert key is not None
    lines = re.findall(r">([^<]+)</text>", key.group(1))
    assert lines[0] == "Key"
    assert "6  Liver Shu (BL18)" in lines and "16  Union Valley (LI4)" in lines
    assert "2  Hua Tuo's Paravertebral Points (EX-B2)" in lines
    assert len(lines) == 1 + len(entries(marks))  # one line per number, the Jiaji column once


def test_the_pictures_follow_the_chosen_points_with_their_numbers() -> None:
    choice = parse_region("middle_back")
    assert choice is not None
    svg = diagrams_svg(ATLAS, DRAWINGS, marks_for(ATLAS, choice, ["GV9", "BL18", "LI4"]), choice, "patient")
    key = re.search(r'<g class="key">(.*?)</g>', svg)
    assert key is not None
    assert re.findall(r">([^<]+)</text>", key.group(1))[1:] == [
        "1  Reaching Yang (GV9)",
        "6  Liver Shu (BL18)",
        "16  Union Valley (LI4)",
    ]
    assert sorted(_figure_labels(svg), key=int) == ["1", "6", "16"]


def test_a_students_key_names_each_code() -> None:
    choice = parse_region("neck")
    assert choice is not None
    svg = diagrams_svg(ATLAS, DRAWINGS, marks_for(ATLAS, choice, audience="student"), choice, "student")
    key = re.search(r'<g class="key">(.*?)</g>', svg)
    assert key is not None and "GB21  Shoulder Well" in key.group(1)


def test_diagram_svg_for_a_student_labels_codes() -> None:
    choice = parse_region("middle_back")
    assert choice is not None
    svg = diagrams_svg(ATLAS, DRAWINGS, marks_for(ATLAS, choice, audience="student"), choice, "student")
    assert ">BL18</text>" in svg and ">LI4</text>" in svg and ">T7</text>" in svg


def test_diagram_png_is_rendered() -> None:
    choice = parse_region("neck")
    assert choice is not None
    png = figure_png(diagrams_svg(ATLAS, DRAWINGS, marks_for(ATLAS, choice), choice, "patient"), dpi=96)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 600 and height > 400


def test_a_distal_point_is_explained_for_the_region_chosen() -> None:
    from acumap.plain import entry_plain

    def line(region: str, pid: str) -> str:
        choice = parse_region(region)
        assert choice is not None
        return next(entry_plain(g) for g in entries(marks_for(ATLAS, choice)) if g[0].point.id == pid)

    where = "On the little-finger edge of the hand, just behind the knuckle at the base of the little finger."
    low, neck = line("lower_back", "SI3"), line("neck", "SI3")
    assert low.startswith(where) and neck.startswith(where)  # where it is: the same
    assert "stiff neck" not in low and "low back strain" in low  # why: for the region chosen
    assert "stiff neck" in neck and "back" not in neck
    assert unexplained(low, ATLAS) == [] and unexplained(neck, ATLAS) == []


def test_a_patient_without_a_region_gets_the_patient_overview() -> None:
    at = run_app({"audience": "patient"})
    text = all_markdown(at)
    assert "The map then shows the points a practitioner may use for it, numbered" in text
    # Not the student's overview with its jargon (inside Streamlit's colour markup, where a word check misses it).
    assert "local** points on the painful area" not in text
    assert "distal** points" not in text
