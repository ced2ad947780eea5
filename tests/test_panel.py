"""The panel's book (acumap.panel): every state of the map has its panel, the words are escaped, a patient's
panels are plain, and a point's panel in a region says why it is used there."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.regions import choice_ids
from acumap.panel import (
    Audience,
    PanelBook,
    keys_for,
    panel_book,
    point_head_html,
    region_body_html,
    safety_html,
    state_key,
)
from acumap.plain import unexplained
from acumap.region_view import region_views
from tests.apptest import html_text

ATLAS = load_atlas()
VIEWS = region_views(ATLAS)
# The books are built by each test that uses them (10 and 45 ms): a book built when this module is imported,
# or once for the module, would meet a mutant of acumap/panel.py in one test at most (mutmut runs, for a
# mutant, the tests that called the mutated function).


@pytest.fixture
def student() -> PanelBook:
    return panel_book(ATLAS, VIEWS, "student")


@pytest.fixture
def patient() -> PanelBook:
    return panel_book(ATLAS, VIEWS, "patient")


@pytest.mark.parametrize(
    ("region", "point", "keys"),
    [
        ("neck", "GB20", ("neck|GB20", "|GB20", "neck|", "|")),
        (None, "GB20", ("|GB20", "|")),
        ("neck", None, ("neck|", "|")),
        (None, None, ("|",)),
    ],
)
def test_a_state_is_looked_up_from_the_most_specific_key(
    region: str | None, point: str | None, keys: tuple
) -> None:
    assert keys_for(region, point) == keys


def test_state_key() -> None:
    assert state_key("upper_back_left", "BL13") == "upper_back_left|BL13"
    assert state_key(None, None) == "|"


@pytest.mark.parametrize("audience", ["student", "patient"])
def test_every_state_of_the_map_has_its_own_panel(audience: Audience) -> None:
    book = panel_book(ATLAS, VIEWS, audience)
    assert book.audience == audience
    assert "|" in book.panels
    assert {f"{cid}|" for cid in choice_ids()} <= set(book.panels)
    assert {f"|{p.id}" for p in ATLAS.points} <= set(book.panels)
    lit = {f"{cid}|{h.point.id}" for cid, view in VIEWS.items() for h in view.lit}
    assert lit <= set(book.panels)
    assert len(book.panels) == 1 + len(choice_ids()) + len(ATLAS.points) + len(lit)


def test_a_point_a_region_does_not_light_shows_its_own_panel(student: PanelBook) -> None:
    assert "neck|BL23" not in student.panels  # BL23 is a lower back point
    assert student.html("neck", "BL23") == student.html(None, "BL23")
    assert student.html("neck", "BL23").startswith("<h3>BL23 · Shènshū")


def test_a_region_lists_distal_points_first_each_once_with_its_badge(student: PanelBook) -> None:
    text = html_text(student.html("middle_back", None))
    lines = text.splitlines()
    assert lines[0] == "Middle back, both sides"
    assert lines[1] == "T7 to T12, below the shoulder blades to the lowest ribs · 20 local, 6 distal points"
    distal = text.index("◆ Distal points (6): on the hand, leg and head")
    local = text.index("● Local points (20): on and beside the painful area")
    assert distal < text.index("◆ DISTAL LI4 · Hégǔ 合谷 · Union Valley") < local
    assert local < text.index("● LOCAL BL18 · Gānshū 肝俞 · Liver Shu")
    html = student.html("middle_back", None)
    assert re.findall(r'data-point="BL18"', html) == ['data-point="BL18"']


def test_a_point_in_a_region_says_why_it_is_used_there_and_has_its_buttons(student: PanelBook) -> None:
    text = html_text(student.html("middle_back", "BL18"))
    assert text.splitlines()[:3] == [
        "BL18 · Gānshū 肝俞",
        "Liver Shu · Bladder channel · also written UB18",
        "● LOCAL for the middle back, both sides: Bladder point 1.5 cun beside T9 (Liver back-shu, relaxes tight "
        "sinews); relaxes the back muscles at this level",
    ]
    assert student.html("middle_back", "BL18").endswith(
        '<div class="actions"><button type="button" data-act="back">← Back</button>'
        '<button type="button" data-act="clear">Overview</button></div>'
    )
    assert "for the middle back" not in student.html(None, "BL18")


def test_a_point_s_details_are_one_piece_shared_by_its_panels(student: PanelBook) -> None:
    alone = student.panels["|BL18"]
    in_region = student.panels["middle_back|BL18"]
    assert alone[1] == in_region[2]
    assert len(student.pieces) < sum(len(ids) for ids in student.panels.values())


def test_data_text_is_escaped() -> None:
    point = replace(ATLAS.point("BL18"), english='<img src=x onerror="alert(1)">', pinyin="a&b")
    html = point_head_html(point)
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "a&amp;b" in html
    lit = tuple(replace(h, why="<script>x</script>") for h in VIEWS["neck"].lit)
    body = region_body_html("neck", lit)
    assert "<script>" not in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body


def test_every_button_opens_a_known_point_or_goes_back_or_to_the_overview(
    student: PanelBook, patient: PanelBook
) -> None:
    known = {p.id for p in ATLAS.points}
    for book in (student, patient):
        html = "".join(book.pieces.values())
        assert set(re.findall(r'data-point="([^"]+)"', html)) <= known
        assert set(re.findall(r'data-act="([^"]+)"', html)) == {"back", "clear"}


def test_every_patient_panel_is_plain(patient: PanelBook) -> None:
    assert len(patient.panels) == 416
    unplain = {}
    for key in patient.panels:
        region, _, point = key.partition("|")
        text = html_text(patient.html(region or None, point or None))
        found = unexplained(text, ATLAS) + [word for word in ("LOCAL", "Needling") if word in text]
        if found:
            unplain[key] = found
    assert unplain == {}


def test_the_overviews_carry_the_red_flags_and_the_disclaimer(student: PanelBook, patient: PanelBook) -> None:
    for book in (student, patient):
        text = html_text(book.html(None, None))
        assert text.startswith("Where does it hurt?")
        assert "Call an ambulance now" in text
        assert "Only a trained, licensed practitioner should needle" in text
        assert 'class="box warn acumap-disclaimer"' in book.html(None, None)


def test_a_patient_point_in_a_region_has_its_number(patient: PanelBook) -> None:
    number = VIEWS["middle_back"].numbers()["BL18"]
    assert html_text(patient.html("middle_back", "BL18")).splitlines()[0] == f"{number}. Liver Shu"
    assert html_text(patient.html(None, "BL18")).splitlines()[0] == "Liver Shu"


def test_the_student_overview_says_how_to_start_and_counts_the_points(student: PanelBook) -> None:
    html = student.html(None, None)
    lines = html_text(html).splitlines()
    assert lines[0] == "Where does it hurt?"
    assert lines[1].startswith(
        "Click or tap a region of the back (or pick one from the menu; with a keyboard"
    )
    assert lines[2] == (
        "92 points: 68 on the back, 1 on the head, 8 on the leg, 6 on the hand, 9 on the neck. Locations follow "
        "the WHO Standard Acupuncture Point Locations (2008)."
    )
    assert '<span class="badge local">● local</span>' in html
    assert '<span class="badge distal">◆ distal</span>' in html
    assert html.startswith(
        '<div class="scroll" data-scroll="overview" tabindex="0" role="region" aria-label="'
    )


def test_the_safety_box_is_a_note_with_each_group_and_its_source() -> None:
    html = safety_html()
    assert html.startswith(
        '<div class="box warn acumap-disclaimer" role="note"><span class="icon" aria-hidden="true">🩺</span>'
        "<div><p><strong>Call an ambulance now"
    )
    assert html.count("<ul>") == 3
    assert html.count('<p class="source"><em>Source: ') == 3
    assert html.endswith("should needle.</p></div></div>")


def test_a_region_ends_with_its_ashi_note_and_what_trials_found(student: PanelBook) -> None:
    html = student.html("middle_back", None)
    lines = html_text(html).splitlines()
    assert lines[-2].startswith("Ashi points. Ashi points (“that's it!” points) are the tender spots")
    assert lines[-1] == (
        "📊 Middle-back (thoracic) pain: very little evidence. The one good trial found (Southerst 2015 review) "
        "showed acupuncture no better than a placebo device. What trials found →"
    )
    assert '<div class="box info" role="note"><span class="icon" aria-hidden="true">👆</span>' in html
    assert (
        '<div class="scroll" data-scroll="region" tabindex="0" role="region" aria-label="The region' in html
    )
    assert html.count("<details open>") == 2


def test_a_point_s_details_come_in_their_order(student: PanelBook) -> None:
    heads = [line.split(":")[0] for line in html_text(student.html(None, "BL13")).splitlines()]
    assert heads[:2] == ["BL13 · Fèishū 肺俞", "Lung Shu · Bladder channel · also written UB13"]
    assert heads[2:] == [
        "Where it lies",
        "On the map",
        "Why it is used",
        "Needling",
        "Care",
        "⚠️",
        "Over the chest wall",
        "Depth to the pleura",
        "Source",
        "Used for",
        "Sources differ",
        "Sources differ",
        "Source",
        "Show on the body map · Link to this point",
        "← BackOverview",
    ]
    html = student.html(None, "BL13")
    assert '<a href="/?point=BL13" target="_blank" rel="noopener">Show on the body map</a>' in html
    assert '<a href="/points?point=BL13" target="_blank" rel="noopener">Link to this point</a>' in html


def test_a_patient_region_reads_in_its_order(patient: PanelBook) -> None:
    lines = html_text(patient.html("middle_back_left", None)).splitlines()
    assert lines[:2] == [
        "Middle back, left side",
        "Where: from the lower tips of the shoulder blades down to the lowest ribs.",
    ]
    assert lines[2].startswith("A practitioner chooses a few of these points")
    marks = [
        line for line in lines if line.startswith(("●", "◆", "Tender", "What you", "Looking", "Words", "📊"))
    ]
    assert [m[:20] for m in marks] == [
        "● Near the pain, on ",
        "◆ Far from the pain:",
        "Tender spots. A prac",
        "What you may feel, d",
        "Looking after yourse",
        "Words you may hear",
        "📊 What trials found:",
    ]
    assert marks[0] == "● Near the pain, on your back and neck (15)"
    assert marks[1] == "◆ Far from the pain: hand, leg or head (6)"
    # The red flags after the words, before what trials found.
    after = lines[lines.index("Words you may hear") :]
    assert any(line.startswith("Call an ambulance now") for line in after[: after.index(marks[-1])])


def test_a_patient_point_has_its_names_its_plain_line_its_care_and_buttons(patient: PanelBook) -> None:
    html = patient.html("middle_back", "LI4")
    assert html_text(html).splitlines() == [
        "16. Union Valley",
        "Hégǔ 合谷 · LI4",
        "On the back of the hand, in the fleshy web between thumb and first finger. Added, often with a point on "
        "the foot, to ease pain and tension in the middle back. For this area it is an optional extra some "
        "practitioners choose, not a standard use for back or neck pain.",
        "ℹ️",
        "Traditionally avoided in pregnancy: tell your practitioner if you are or may be pregnant.",
        "← BackOverview",
    ]


def test_a_book_without_an_overview_is_refused_and_its_digest_follows_its_panels() -> None:
    book = PanelBook("student")
    book.put("neck|", ["<h3>Neck</h3>"])
    with pytest.raises(KeyError):
        book.html(None, None)
    assert book.html("neck", "GB20") == "<h3>Neck</h3>"
    other = PanelBook("student")
    other.put("neck|", ["<h3>Neck</h3>"])
    assert other.digest == book.digest
    other.put("|", ["<h3>Where does it hurt?</h3>"])
    assert PanelBook("student").digest != book.digest
    assert book.payload() == {
        "audience": "student",
        "pieces": {book.panels["neck|"][0]: "<h3>Neck</h3>"},
        "panels": {"neck|": (book.panels["neck|"][0],)},
    }


def test_an_entry_says_a_pattern_based_link_and_its_point_s_cautions(student: PanelBook) -> None:
    html = student.html("middle_back", None)
    entry = re.search(
        r'<li class="entry"><span class="badge distal">◆ DISTAL</span> [^\n]*?data-point="LI4".*?</li>', html
    )
    assert entry is not None
    assert entry.group(0) == (
        '<li class="entry"><span class="badge distal">◆ DISTAL</span> <button type="button" class="open" '
        'data-point="LI4"><strong>LI4</strong> · Hégǔ 合谷 · Union Valley</button><p><strong>Where:</strong> On the '
        "back of the hand, beside the middle of the 2nd metacarpal bone on its thumb side.<br><strong>Why here:"
        '</strong> <span class="badge pattern">Pattern-based, not a textbook indication for back pain</span>: Used '
        "with LR3 (Four Gates) to move qi and ease pain; indirect channel link<br><strong>Care:</strong> "
        "Traditionally avoided during pregnancy (strong stimulation was thought to bring on labour).</p>"
        '<p class="tags"><span class="badge caution">⚠ Avoid in pregnancy</span></p></li>'
    )
    # For the neck, LI4 is a textbook indication: no such badge.
    neck = student.html("neck", None)
    assert '<span class="badge pattern">' not in re.search(r'data-point="LI4".*?</li>', neck, re.S).group(0)


def test_a_point_s_role_says_when_it_is_pattern_based(student: PanelBook) -> None:
    lines = html_text(student.html("middle_back", "LI4")).splitlines()
    assert lines[2:4] == [
        "◆ DISTAL for the middle back, both sides: Used with LR3 (Four Gates) to move qi and ease pain; indirect "
        "channel link",
        "Pattern-based, not a textbook indication for back pain: chosen from a pattern of symptoms in traditional "
        "Chinese medicine; the standard textbooks do not list it for pain in this region.",
    ]
    assert '<p class="role"><span class="badge distal">◆ DISTAL</span> for the' in student.html(
        "middle_back", "LI4"
    )
    assert "Pattern-based" not in student.html("neck", "LI4")


def test_a_point_s_details_give_each_caution_and_where_it_is_used(student: PanelBook) -> None:
    html = student.html(None, "BL13")
    lines = html_text(html).splitlines()
    assert (
        "Over the chest wall: deep or perpendicular needling can puncture the lung (pneumothorax). Needle "
        "obliquely and shallowly."
    ) in lines
    assert "Used for: upper back (local)" in lines
    assert html.count('<div class="box warn" role="note"><span class="icon" aria-hidden="true">⚠️</span>') == 1
    li4 = html_text(student.html(None, "LI4")).splitlines()
    assert [line for line in li4 if line.startswith("Used for:")] == [
        "Used for: neck (distal); shoulder and shoulder blade (distal); upper back (distal, pattern-based, not a "
        "textbook indication for back pain); middle back (distal, pattern-based, not a textbook indication for "
        "back pain)"
    ]
