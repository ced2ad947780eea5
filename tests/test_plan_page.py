"""The home plan in Streamlit's AppTest: the patient's page from a link (cards, timers, plain words, the warning
signs), a link that cannot be used, and the practitioner's section and handout in the patient view."""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from acumap import home_plan as hp
from acumap.atlas.data import load_atlas
from acumap.links import PLAN, PLAN_PAGE
from acumap.plain import reading_grade, unexplained
from acumap.safety import RED_FLAGS
from tests.apptest import all_markdown, run_app

ATLAS = load_atlas()
PAGE = "views/plan.py"


def text(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", all_markdown(at)).replace("**", "")


def elements(at: AppTest | Any, kind: str) -> list[Any]:
    """The page's elements of a kind (AppTest types them loosely)."""
    return list(at.get(kind))


def timers(at: AppTest) -> dict[str, dict[str, object]]:
    return {
        str(e.key): json.loads(e.proto.json)
        for e in elements(at, "bidi_component")
        if str(e.key).startswith("timer_")
    }


def test_the_plan_page_shows_a_card_and_a_timer_for_each_point() -> None:
    plan = hp.make_plan(ATLAS, ["GB20", "TE5"], 45, 3)
    at = run_app({PLAN: hp.encode_plan(plan)}, page=PAGE)
    assert not at.exception
    shown = text(at)
    assert "1. Wind Pool" in shown and "2. Outer Pass" in shown
    for card in hp.step_cards(ATLAS, plan):
        assert card.where in shown
    assert shown.count("How long: 45 seconds, three times a day.") == 2
    assert timers(at) == {
        "timer_1": {"seconds": 45, "name": "Wind Pool"},
        "timer_2": {"seconds": 45, "name": "Outer Pass"},
    }
    # Each card's picture: the core's drawing inline, with its text alternative.
    figures = [e.proto.body for e in elements(at.main, "html") if "acumap-plan-figure" in e.proto.body]
    assert len(figures) == 2
    assert 'alt="Point 1, Wind Pool, marked on the picture: back of your neck."' in figures[0]
    svgs = [base64.b64decode(re.search(r"base64,([^\"]+)", f).group(1)).decode() for f in figures]  # type: ignore[union-attr]
    assert 'data-view="neck"' in svgs[0] and 'data-view="hand"' in svgs[1]
    assert hp.EVIDENCE_PLAIN in shown
    for flag in RED_FLAGS:
        assert flag in shown
    assert [b.label for b in elements(at, "download_button")] == [
        "Print the plan (PDF)",
        "Daily reminders (calendar)",
    ]


def test_the_plan_pages_words_are_plain_and_easy_to_read() -> None:
    plan = hp.make_plan(ATLAS, ["GB20", "TE5", "GV20", "SI9"])
    at = run_app({PLAN: hp.encode_plan(plan)}, page=PAGE)
    main = "\n".join(
        re.sub(r"\\(.)", r"\1", m.value).replace("**", "") for m in elements(at.main, "markdown")
    )
    assert unexplained(main, ATLAS) == []
    # The plan's own words (the red flags are the app's shared list, checked where they are written).
    cards = main.split("When neck or back pain needs a doctor")[0]
    assert reading_grade(cards) <= 8


def test_a_plan_link_that_cannot_be_used_gets_a_plain_notice() -> None:
    at = run_app({PLAN: "1.not-a-plan"}, page=PAGE)
    assert not at.exception
    assert [w.value for w in at.warning] == ["The home plan in the link is damaged; it cannot be read\\."]
    assert timers(at) == {}
    assert "A home plan comes from your practitioner" in at.info[0].value


def test_a_plan_page_without_a_plan_says_where_plans_come_from() -> None:
    at = run_app(page=PAGE)
    assert not at.exception
    assert not at.warning
    assert "A home plan comes from your practitioner" in at.info[0].value


def _practitioner(region: str = "neck") -> AppTest:
    at = run_app({"region": region, "audience": "patient"})
    assert not at.exception
    return at


def test_only_a_clear_no_offers_the_points_avoided_in_pregnancy() -> None:
    at = _practitioner()
    offered = at.multiselect(key="plan_points_neck").options
    assert "Union Valley (LI4)" not in offered and "Wind Pool (GB20)" in offered
    left_off = elements(at.main, "markdown")
    said = "\n".join(m.value for m in left_off)
    # One line per reason, the points it leaves off after it.
    pregnancy = next(line for line in said.splitlines() if "Traditionally avoided in pregnancy" in line)
    chest = next(line for line in said.splitlines() if "Over the chest wall" in line)
    assert "Union Valley \\(LI4\\)" in pregnancy and "Shoulder Well \\(GB21\\)" in pregnancy
    assert "Shoulder Well \\(GB21\\)" in chest and "Union Valley" not in chest
    at.radio(key="plan_pregnant").set_value("Yes").run()
    assert "Union Valley (LI4)" not in at.multiselect(key="plan_points_neck").options
    at.radio(key="plan_pregnant").set_value("No").run()
    assert "Union Valley (LI4)" in at.multiselect(key="plan_points_neck").options


def test_a_point_chosen_before_the_answer_changed_is_dropped_not_kept() -> None:
    at = _practitioner()
    at.radio(key="plan_pregnant").set_value("No").run()
    at.multiselect(key="plan_points_neck").set_value(["GB20", "LI4"]).run()
    at.radio(key="plan_pregnant").set_value("Not sure").run()
    assert not at.exception
    assert at.multiselect(key="plan_points_neck").value == ["GB20"]


def test_two_points_make_a_link_to_the_patients_page_without_the_note() -> None:
    at = _practitioner()
    at.text_area(key="plan_note").set_value("Private: Mrs X, walk daily").run()
    assert not elements(at, "link_button")  # no plan yet
    at.multiselect(key="plan_points_neck").set_value(["GB20", "TE5"]).run()
    at.select_slider(key="plan_seconds").set_value(30).run()
    (button,) = elements(at, "link_button")
    url = urlsplit(button.proto.url)
    assert url.path == f"/{PLAN_PAGE}"
    (value,) = parse_qs(url.query)[PLAN]
    assert hp.decode_plan(value, ATLAS) == hp.HomePlan(("GB20", "TE5"), 30, 2, False)
    assert "Mrs" not in button.proto.url
    qr = [e.proto.body for e in elements(at.main, "html") if "acumap-plan-qr" in e.proto.body]
    assert len(qr) == 1 and 'alt="QR code of the link to the patient\'s plan"' in qr[0]
    labels = [b.label for b in elements(at, "download_button")]
    assert "Home plan (PDF)" in labels and "Daily reminders (calendar)" in labels


def test_the_handout_says_how_the_ticked_points_are_numbered() -> None:
    at = _practitioner("middle_back")
    at.multiselect(key="handout_points_middle_back").set_value(["LI4", "EX-B2-T8", "GV9", "EX-B2-T7"]).run()
    captions = [c.value for c in at.caption]
    expected = (
        "On the handout, numbered 1 to 4: 1\\. Reaching Yang · 2\\. Hua Tuo's Paravertebral Points · "
        "3\\. Hua Tuo's Paravertebral Points · 4\\. Union Valley"
    )
    assert expected in captions


def test_the_handouts_note_and_appointment_fields_are_there() -> None:
    at = _practitioner()
    assert at.text_area(key="handout_note").label == "Practitioner's note (printed on the handout)"
    assert at.text_input(key="handout_appointment").label == "Next appointment (printed on the handout)"


def test_the_next_appointment_typed_for_the_handout_goes_on_the_plan_too() -> None:
    at = _practitioner()
    at.text_input(key="handout_appointment").set_value("Friday 18 December, 9:00").run()
    at.multiselect(key="plan_points_neck").set_value(["GB20"]).run()
    captions = [c.value for c in at.caption]
    assert "The PDF has the next appointment typed for the handout: Friday 18 December, 9\\:00" in captions
