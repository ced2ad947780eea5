"""Issue 18, safety first: every warning sign a doctor would list, in every place it is shown; depths that
cannot mislead; distal links a textbook supports (or marked as not); the neck's own locator cues; the
commonly taught points; the evidence page's corrections; the codes other schools write.

Every expected value below is written out here, never read from the constant under test.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from acumap.atlas.codes import alternative_codes, who_code
from acumap.atlas.data import load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS, markers_for
from acumap.atlas.regions import parse_region
from acumap.body import anatomy, neck
from acumap.drawing.assets import load_drawing
from acumap.drawing.figure import entries, marks_for
from acumap.evidence import FINDINGS, HARMS, THORACIC
from acumap.handout import handout_pdf
from acumap.plain import AFTER
from acumap.quiz import read_answer
from acumap.safety import (
    CAUTION_TAG_TEXT,
    RED_FLAG_GROUPS,
    NamedRun,
    depth_notes,
    named_runs,
    no_break_codes,
    source_notes_for,
)
from acumap.search import search
from tests.apptest import all_markdown, panel_boxes, panel_entries, pdf_pages, run_app

ATLAS = load_atlas()
DRAWINGS = {v: load_drawing(v) for v in DIAGRAM_VIEWS}

# --- the red flags ---------------------------------------------------------------------------------------------

#: Each warning sign the issue names, and the group (how fast to act) it belongs in.
SIGNS = [
    ("ambulance", "Chest pain"),
    ("ambulance", "shortness of breath"),
    ("ambulance", "dizziness"),
    ("ambulance", "double vision"),
    ("ambulance", "slurred speech"),
    ("ambulance", "difficulty swallowing"),
    ("ambulance", "fainting"),
    ("ambulance", "sudden, severe headache"),
    ("ambulance", "stiff neck with a fever"),
    ("ambulance", "Difficulty passing urine"),
    ("ambulance", "control your bladder or bowels"),
    ("ambulance", "genitals, bottom or inner thighs"),
    ("ambulance", "erections or sexual sensation"),
    ("ambulance", "in both legs"),
    ("ambulance", "serious accident"),
    ("today", "Clumsy hands or unsteady walking"),
    ("today", "Weakness, numbness or tingling in an arm or a leg"),
    ("today", "fever"),
    ("today", "weight loss"),
    ("today", "lump or swelling"),
    ("today", "change in its shape"),
    ("today", "between the shoulder blades rather than in the lower back"),
    ("today", "cough, sneeze or strain"),
    ("today", "worse at night"),
    ("today", "had cancer"),
    ("soon", "under 20 or over 50"),
    ("soon", "weakened immune system"),
    ("soon", "inject drugs"),
    ("soon", "steroid tablets for a long time"),
    ("soon", "no better after a week"),
    ("soon", "Neck pain has not gone after a few weeks"),
]
HEADINGS = {
    "ambulance": "Call an ambulance now",
    "today": "See a doctor today",
    "soon": "See a doctor soon",
}


def _group(key: str) -> str:
    (group,) = [g for g in RED_FLAG_GROUPS if g.key == key]
    return " ".join([group.heading, *group.flags])


def test_the_groups_come_most_urgent_first_each_with_its_source() -> None:
    assert [g.key for g in RED_FLAG_GROUPS] == ["ambulance", "today", "soon"]
    for group in RED_FLAG_GROUPS:
        assert group.heading.startswith(HEADINGS[group.key])
        assert "NHS" in group.source or "NICE" in group.source


@pytest.mark.parametrize(("key", "sign"), SIGNS)
def test_each_sign_is_in_its_group(key: str, sign: str) -> None:
    assert sign in _group(key)


def test_the_list_stays_short_enough_to_read() -> None:
    assert sum(len(g.flags) for g in RED_FLAG_GROUPS) <= 18


def _plain(text: str) -> str:
    """Markdown's escapes and emphasis undone, whitespace collapsed."""
    return " ".join(re.sub(r"\\(.)", r"\1", text.replace("**", "")).split())


def _popup(at: AppTest) -> str:
    (popup,) = [
        m.value for m in at.markdown if m.value.startswith("#### When neck or back pain needs a doctor")
    ]
    return _plain(popup)


def _safety_box(at: AppTest) -> str:
    (box,) = [b for b in panel_boxes(at, "warn") if "Call an ambulance now" in b]
    return " ".join(box.split())


def _places() -> dict[str, str]:
    student = run_app()
    patient = run_app({"region": "middle_back", "audience": "patient"})
    safety = run_app(page="views/safety.py")
    (safety_list,) = [m.value for m in safety.markdown if m.value.startswith("**Call an ambulance now")]
    choice = parse_region("neck")
    assert choice is not None
    handout = handout_pdf(ATLAS, DRAWINGS, choice, marks_for(ATLAS, choice), "A4")
    pages = pdf_pages(handout.pdf)
    return {
        "popup": _popup(student),
        "overview": _safety_box(student),
        "patient view": _safety_box(patient),
        "Safety page": _plain(safety_list),
        "handout page 2": pages[1][2],
    }


@pytest.fixture(scope="module")
def places() -> dict[str, str]:
    return _places()


PLACES = ["popup", "overview", "patient view", "Safety page", "handout page 2"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(("key", "sign"), SIGNS)
def test_each_sign_is_shown_in_each_place(places: dict[str, str], place: str, key: str, sign: str) -> None:
    assert sign in places[place]


@pytest.mark.parametrize("place", PLACES)
def test_each_place_shows_the_groups_in_order_with_their_sources(places: dict[str, str], place: str) -> None:
    text = places[place]
    starts = [text.index(HEADINGS[key]) for key in ("ambulance", "today", "soon")]
    assert starts == sorted(starts)
    assert text.count("Source: ") >= 3
    assert "NHS Norfolk and Waveney" in text


def test_the_handout_points_to_the_red_flags_on_page_one(places: dict[str, str]) -> None:
    choice = parse_region("upper_back")
    assert choice is not None
    pages = pdf_pages(handout_pdf(ATLAS, DRAWINGS, choice, marks_for(ATLAS, choice), "Letter").pdf)
    assert "the warning signs are on page 2" in pages[0][2]
    assert pages[1][2].startswith("When neck or back pain needs a doctor")


# --- depths ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pid", "figures"),
    [
        ("GB21", ["17.4 mm on average in men and 14.6 mm in women", "5.6 cm"]),
        ("SI14", ["5.2 cm"]),
        ("SI15", ["8.8 cm"]),
        ("GB20", ["5.0 cm"]),
    ],
)
def test_the_point_panel_gives_each_depth_with_its_source_and_the_words(pid: str, figures: list[str]) -> None:
    text = _plain(all_markdown(run_app({"point": pid})))
    for figure in figures:
        i = text.index(f"Measured depth: {figure}")
        paragraph = text[i : text.index("Source:", i) + 200]
        assert "This is an average, not a safe depth" in paragraph
        assert "Chou PC" in paragraph or "Chen HN" in paragraph  # the source line of this very paragraph
    assert "top of the lung" not in text
    assert "(here the" not in text


def test_gb21_names_the_pleura_study_with_its_method() -> None:
    text = _plain(all_markdown(run_app({"point": "GB21"})))
    assert "pleural line at the top (apex) of the lung (ultrasound, 101 adults" in text
    assert "Chen HN, Chang CY, Chen LZ, Chang YJ, Lin JG" in text
    assert "J Acupunct Meridian Stud 2018;11(6):355-360" in text
    assert "'any tissues that would cause possible/severe complications'" in text


def test_the_safety_page_gives_every_depth_with_the_words() -> None:
    text = _plain(all_markdown(run_app(page="views/safety.py")))
    for code, figure in [
        ("GB21", "17.4 mm"),
        ("GB21", "5.6 cm"),
        ("SI14", "5.2 cm"),
        ("SI15", "8.8 cm"),
        ("GB20", "5.0 cm"),
    ]:
        i = text.index(f"{code}: {figure}")
        assert "This is an average, not a safe depth" in text[i : i + 600]
    assert "top of the lung" not in text


# --- pattern-based distal links ---------------------------------------------------------------------------------

PATTERN = [
    ("middle_back", "SP6"),
    ("lower_back", "SP6"),
    ("middle_back", "ST36"),
    ("upper_back", "LI4"),
    ("middle_back", "LI4"),
    ("upper_back", "GV20"),
    ("neck", "LR3"),
]


def test_exactly_the_seven_links_are_pattern_based() -> None:
    assert sorted((lk.region, lk.point_id) for lk in ATLAS.links if lk.basis == "pattern") == sorted(PATTERN)


@pytest.mark.parametrize(("region", "pid"), PATTERN)
def test_the_student_panel_marks_a_pattern_link(region: str, pid: str) -> None:
    at = run_app({"region": region})
    assert "Why here: Pattern-based, not a textbook indication for back pain:" in panel_entries(at)[pid]


def test_a_textbook_link_is_not_marked() -> None:
    at = run_app({"region": "neck"})  # LI4 for the neck is a textbook indication
    entry = panel_entries(at)["LI4"]
    assert "Why here: " in entry
    assert "Pattern-based" not in entry


@pytest.mark.parametrize(("region", "pid"), PATTERN)
def test_the_patient_line_says_so_and_never_traditionally(region: str, pid: str) -> None:
    choice = parse_region(region)
    assert choice is not None
    from acumap.plain import entry_plain

    (group,) = [g for g in entries(marks_for(ATLAS, choice)) if g[0].point.id == pid]
    line = entry_plain(group)
    assert "not a standard use for back or neck pain" in line
    assert "traditionally" not in line.lower()


# --- alternative codes -------------------------------------------------------------------------------------------

CODES = [
    ("UB18", "BL18"),
    ("ub 18", "BL18"),
    ("SJ5", "TE5"),
    ("TW5", "TE5"),
    ("Du14", "GV14"),
    ("DU 9", "GV9"),
    ("Liv3", "LR3"),
    ("LV3", "LR3"),
    ("Sp6", "SP6"),
]


@pytest.mark.parametrize(("typed", "pid"), CODES)
def test_the_search_finds_a_point_by_another_school_s_code(typed: str, pid: str) -> None:
    assert search(ATLAS, typed)[0].id == pid


@pytest.mark.parametrize(("typed", "pid"), CODES)
def test_a_typed_quiz_answer_accepts_another_school_s_code(typed: str, pid: str) -> None:
    assert read_answer(ATLAS, typed).point_id == pid


@pytest.mark.parametrize(
    ("folded", "who"),
    [("ub18", "bl18"), ("sj5", "te5"), ("tw5", "te5"), ("du14", "gv14"), ("ren12", "cv12"), ("liv3", "lr3"),
     ("lv3", "lr3"), ("k3", "ki3"), ("p6", "pc6"), ("hc6", "pc6"), ("h7", "ht7"), ("bl18", "bl18"), ("ganshu", "ganshu")],
)  # fmt: skip
def test_every_listed_prefix_reads_as_its_who_code(folded: str, who: str) -> None:
    assert who_code(folded) == who


@pytest.mark.parametrize(
    "typed", ["Luozhen", "Luòzhěn", "Wailaogong", "落枕", "外劳宫", "Stiff Neck", "luozen"]
)
def test_ex_ue8_answers_to_both_its_names(typed: str) -> None:
    assert read_answer(ATLAS, typed).point_id == "EX-UE8"
    assert search(ATLAS, typed)[0].id == "EX-UE8"


def test_the_point_panel_shows_the_other_codes() -> None:
    assert alternative_codes("TE5") == ("SJ5", "TW5")
    assert alternative_codes("EX-B2") == ()
    text = _plain(all_markdown(run_app({"point": "BL18"})))
    assert "also written UB18" in text


# --- the neck's locator cues, wording, pre-treatment advice ------------------------------------------------------


@pytest.mark.parametrize("pid", sorted(p.id for p in ATLAS.points if p.view == "neck"))
def test_no_neck_point_is_found_by_the_back_s_finger_widths(pid: str) -> None:
    assert "finger-width" not in ATLAS.point(pid).plain


def test_gb20_and_bl10_are_found_by_their_landmarks() -> None:
    assert "halfway from the centre to the bony bump behind the ear" in ATLAS.point("GB20").plain
    assert "first bony bump you can feel below the skull" in ATLAS.point("BL10").plain


@pytest.mark.parametrize(
    ("pid", "field", "said", "not_said"),
    [
        ("ST36", "location", "lateral to the patellar ligament", "beside the patellar ligament"),
        ("LU7", "location", "above the palmar wrist crease", "above the wrist crease"),
        ("SI6", "location", "posteromedial aspect of the forearm", "posterior aspect of the forearm"),
        ("GB20", "cautions", "not a safe depth", "5.0 cm"),
    ],
)
def test_wording(pid: str, field: str, said: str, not_said: str) -> None:
    text = getattr(ATLAS.point(pid), field)
    assert said in text
    assert not_said not in text


def test_gb39_notes_where_who_and_deadman_differ() -> None:
    (note,) = [n for n in source_notes_for("GB39", "leg", None, False)]
    assert "anterior to the fibula" in note.text and "posterior border of the fibula" in note.text


def test_the_pre_treatment_advice_asks_about_metal_allergy_and_infection() -> None:
    advice = " ".join(AFTER)
    assert "allergy to metal" in advice
    assert "infection or broken skin where the needles would go" in advice


def test_the_neck_cun_are_credited_to_what_was_read() -> None:
    assert "WHO 2008's own\ntable was not read" in (neck.__doc__ or "")


# --- the commonly taught points -----------------------------------------------------------------------------------


NECK = {m.point.id: m for m in markers_for(ATLAS, "neck") if m.side == "right"}


@pytest.mark.parametrize("level", ["C2", "C3", "C4", "C5", "C6", "C7"])
def test_the_cervical_jiaji_lie_half_a_cun_beside_each_lower_border(level: str) -> None:
    m = NECK[f"JJ-{level}"]
    assert m.x == pytest.approx(0.5 * 1.3)  # 0.5 B-cun on the neck's scale (1.3 cm per cun across)
    tip = neck.level_y(level)
    below = (
        neck.level_y(neck.NECK_LEVELS[neck.NECK_LEVELS.index(level) + 1])
        if level != "C7"
        else anatomy.level_y("T1")
    )
    assert tip < m.y < below  # below the tip of its own process, above the next one
    assert [lk.role for lk in ATLAS.links if lk.point_id == f"JJ-{level}"] == ["local"]


def test_bailao_is_two_cun_above_gv14_and_one_cun_out() -> None:
    m = NECK["EX-HN15"]
    assert m.x == pytest.approx(1.3)
    assert neck.GV14_Y - m.y == pytest.approx(2 * 2.4)


def test_the_shoulder_points_sit_at_the_acromion_and_are_linked() -> None:
    back = {m.point.id: m for m in markers_for(ATLAS, "back") if m.side == "right"}
    acromion_x = 8 * anatomy.CM_PER_CUN
    assert back["TE14"].x < acromion_x < back["LI15"].x
    assert 0 < back["TE14"].y == back["LI15"].y < anatomy.level_y("T2")
    roles = {(lk.region, lk.point_id): lk.role for lk in ATLAS.links}
    assert roles[("shoulder", "LI15")] == roles[("shoulder", "TE14")] == "local"
    assert roles[("shoulder", "ST38")] == "distal"
    assert roles[("shoulder", "SI6")] == roles[("lower_back", "SI6")] == "distal"
    assert roles[("neck", "EX-HN15")] == "local"


@pytest.mark.parametrize("pid", ["JJ-C2", "EX-HN15", "LI15", "TE14", "ST38"])
def test_each_new_point_has_its_caution_and_source(pid: str) -> None:
    p = ATLAS.point(pid)
    assert len(p.cautions) > 30 and p.source


# --- the evidence page ---------------------------------------------------------------------------------------


def test_witt_says_who_treated_and_reads_the_pneumothoraces_in_the_abstract() -> None:
    (harm,) = [h for h in HARMS if h.key == "pneumothorax_treatments"]
    assert "acupuncture provided by physicians" in harm.population
    assert "pneumothoraces: the study's abstract, read first-hand" in harm.read


def test_southerst_counts_randomised_and_analysed() -> None:
    assert "114 people randomised and 109 analysed" in THORACIC.trial


@pytest.mark.parametrize("f", FINDINGS, ids=lambda f: f.key)
def test_the_outlying_trials_caveat_is_on_the_sham_comparisons_only(f: object) -> None:
    key = f.key
    note = f.note
    if key.startswith("v2012_") and key.endswith("_sham"):
        assert "outlying set of trials" in note
    else:
        assert "outlying" not in note


def test_a_point_over_the_lung_without_a_study_says_none_was_found() -> None:
    (note,) = depth_notes("BL13", ("pneumothorax",))
    assert note.text.startswith("No study measuring the depth")


def test_gb21_s_two_depths_are_compared_in_a_labelled_note_of_their_own() -> None:
    *_, last = depth_notes("GB21", ("pneumothorax",))
    assert last.label != "Measured depth"
    assert "GB21" in last.label
    assert last.source.startswith("Chu H")


COUNTING = "Counting the vertebrae"
MEASURING = "Measuring the Bladder lines"


@pytest.mark.parametrize(
    ("code", "view", "offset", "from_spine", "topics"),
    [
        # A back point counted from the spine: counting; off the midline, measuring the lines too.
        ("BL18", "back", 1.5, True, [MEASURING, COUNTING]),
        ("EX-B2", "back", 0.5, True, ["Extra points and WHO 2008", MEASURING, COUNTING]),
        ("GV9", "back", 0.0, True, [COUNTING]),
        # Placed from the shoulder blade, or on another diagram: neither.
        ("SI11", "back", None, False, []),
        ("SI11", "back", 2.0, False, []),
        ("GB20", "neck", None, False, []),
        ("TE5", "hand", None, False, []),
        ("LR3", "leg", None, False, ["LR3 in pregnancy", "Pattern-based links"]),
    ],
)
def test_the_back_s_source_notes_go_to_the_points_counted_from_the_spine(
    code: str, view: str, offset: float | None, from_spine: bool, topics: list[str]
) -> None:
    assert [n.topic for n in source_notes_for(code, view, offset, from_spine)] == topics


# --- point codes on the Safety page: never broken at a hyphen, each a link with its name ----------------------

NB = "\u2011"  # NON-BREAKING HYPHEN


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("EX-B2-T5", f"EX{NB}B2{NB}T5"),
        ("EX-B2-L1", f"EX{NB}B2{NB}L1"),
        ("EX-B1", f"EX{NB}B1"),
        ("EX-UE8", f"EX{NB}UE8"),
        ("EX-HN15", f"EX{NB}HN15"),
        ("JJ-C", f"JJ{NB}C"),
        ("JJ-C2", f"JJ{NB}C2"),
        (
            "Dingchuan (EX-B1) and Huatuojiaji (EX-B2) are",
            f"Dingchuan (EX{NB}B1) and Huatuojiaji (EX{NB}B2) are",
        ),
        ("labels them JJ-C. At C7", f"labels them JJ{NB}C. At C7"),
        # Everything else keeps its hyphen: words, ranges, page numbers, a DOI, a source's title.
        ("BL18", "BL18"),
        ("skin-surface and non-physician", "skin-surface and non-physician"),
        ("NICE CKS, Back pain - low", "NICE CKS, Back pain - low"),
        ("2012;172(19):1444-53", "2012;172(19):1444-53"),
        ("doi:10.1136/bmjopen-2020-045961", "doi:10.1136/bmjopen-2020-045961"),
        ("T4-T11", "T4-T11"),
        ("SEX-B2", "SEX-B2"),
    ],
)
def test_a_code_s_hyphens_do_not_break(text: str, shown: str) -> None:
    assert no_break_codes(text) == shown


def test_neighbours_with_one_name_are_named_once() -> None:
    pairs = [("BL13", "Fèishū"), ("EX-B2-T1", "Jiájǐ"), ("EX-B2-T2", "Jiájǐ"), ("GB21", "Jiānjǐng")]
    pairs += [("EX-B2-L1", "Jiájǐ")]
    assert named_runs(pairs) == (
        NamedRun("Fèishū", ("BL13",)),
        NamedRun("Jiájǐ", ("EX-B2-T1", "EX-B2-T2")),
        NamedRun("Jiānjǐng", ("GB21",)),
        NamedRun("Jiájǐ", ("EX-B2-L1",)),  # not a neighbour: named again, so the order stays the atlas's
    )
    assert named_runs([]) == ()


@pytest.fixture(scope="module")
def safety_page() -> AppTest:
    return run_app(page="views/safety.py")


def test_each_tagged_point_links_to_the_point_browser_with_its_name(safety_page: AppTest) -> None:
    for tag, text in CAUTION_TAG_TEXT.items():
        (block,) = [m.value for m in safety_page.markdown if _plain(m.value).startswith(text)]
        points = [p for p in ATLAS.points if tag in p.caution_tags]
        links = re.findall(r"\[([^\]]+)\]\(/points\?point=([^)]+)\)", block)
        assert [pid for _, pid in links] == [p.id for p in points], tag
        for shown, pid in links:
            assert shown == pid.replace("-", NB), pid
        # The name follows its code (or the last of a run of one name), held to it by a no-break space.
        for p in points:
            (i,) = [n for n, (_, pid) in enumerate(links) if pid == p.id]
            after = block[block.index(f"point={p.id})") + len(f"point={p.id})") :]
            named_here = after.startswith("\u00a0")
            assert named_here or after.startswith(", "), p.id
            if named_here:
                assert _plain(after[1:]).startswith(p.pinyin), p.id
            else:  # the next code has the same name
                assert points[i + 1].pinyin == p.pinyin, p.id


def test_the_safety_page_shows_no_code_with_a_breakable_hyphen(safety_page: AppTest) -> None:
    text = _plain(all_markdown(safety_page)).replace("point=EX-", "").replace("point=JJ-", "")
    assert not re.findall(r"\b(?:EX|JJ)-", text)
    assert f"EX{NB}B2{NB}T5" in text and f"JJ{NB}C2" in text and f"(EX{NB}B1)" in text
