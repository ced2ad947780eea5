"""The handout of ticked points with the practitioner's note, and the home plan on paper (acumap.plan_sheet):
its step cards and pictures, its QR code read back, its plain words."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from acumap import home_plan as hp
from acumap.atlas.data import load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.atlas.regions import parse_region
from acumap.drawing.assets import load_drawing
from acumap.handout import handout_pdf, plain_markup
from acumap.plain import reading_grade, unexplained
from acumap.plan_sheet import (
    PLAN_TITLE,
    SCAN_TEXT,
    card_svg,
    card_texts,
    plan_pdf,
    summary,
)
from acumap.region_view import RegionView, region_view
from acumap.safety import RED_FLAGS
from acumap.share import qr_modules
from tests.apptest import pdf_pages

ATLAS = load_atlas()
DRAWINGS = {v: load_drawing(v) for v in DIAGRAM_VIEWS}
PAGE_PT = {"A4": (595.3, 841.9), "Letter": (612.0, 792.0)}
LINK = "http://127.0.0.1:8501/plan?plan="


def view(cid: str) -> RegionView:
    choice = parse_region(cid)
    assert choice is not None
    return region_view(ATLAS, choice)


# ---- the handout of ticked points -----------------------------------------------------------------------------


def numbers_printed(text: str) -> list[str]:
    return re.findall(r"(\d+)\. [A-Z][^.(]*\(", text)


def test_a_handout_of_ticked_points_numbers_them_1_to_n_without_repeats() -> None:
    v = view("middle_back")
    chosen = ["LI4", "EX-B2-T9", "GV9", "EX-B2-T7", "EX-B2-T8"]
    text = pdf_pages(handout_pdf(ATLAS, DRAWINGS, v.choice, v.printed(chosen), "A4").pdf)[0][2]
    assert numbers_printed(text) == ["1", "2", "3", "4", "5"]  # was 1, 2, 2, 2, 16
    assert "1. Reaching Yang (Zhìyáng, GV9)" in text
    assert "5. Union Valley (Hégǔ, LI4)" in text
    assert "Diaphragm Shu" not in text


def test_a_handout_of_every_point_keeps_the_screens_numbers() -> None:
    v = view("middle_back")
    assert v.printed([]) == v.marks


def test_the_pictures_of_ticked_points_are_numbered_as_the_list() -> None:
    v = view("middle_back")
    from acumap.handout import diagrams_svg

    svg = diagrams_svg(
        ATLAS, DRAWINGS, v.printed(["GV9", "EX-B2-T7", "EX-B2-T8", "LI4"]), v.choice, "patient"
    )
    labels = re.findall(r'text-anchor="middle" fill="#1f2328">(\d+)</text>', svg)
    assert sorted(labels) == ["1", "2", "3", "4"]  # one label each: no bracket shares a number
    assert 'class="bracket"' not in svg


def test_the_practitioners_note_and_next_appointment_are_printed_as_typed() -> None:
    v = view("neck")
    note = "Walk <daily> & stretch\nGentle only"
    handout = handout_pdf(
        ATLAS, DRAWINGS, v.choice, v.printed(["GB20"]), "Letter", note=note, appointment="Tue 14 Jan, 10:30"
    )
    pages = pdf_pages(handout.pdf)
    assert len(pages) == 2
    text = pages[0][2]
    assert "Your practitioner's note Walk <daily> & stretch Gentle only" in text
    assert "Next appointment Tue 14 Jan, 10:30" in text


def test_an_empty_note_leaves_room_to_write() -> None:
    v = view("neck")
    text = pdf_pages(handout_pdf(ATLAS, DRAWINGS, v.choice, v.marks, "A4").pdf)[0][2]
    assert "Your practitioner's note Next appointment" in text


def test_plain_markup_escapes_cuts_and_keeps_lines() -> None:
    assert plain_markup(" a <b>&c\nd ", 100) == "a &lt;b&gt;&amp;c<br/>d"
    assert plain_markup("x" * 50, 10) == "x" * 10


# ---- the plan on paper ----------------------------------------------------------------------------------------

PLAN = hp.make_plan(ATLAS, ["GB20", "TE5", "GV20"], 45, 3)


@pytest.mark.parametrize("page", ["A4", "Letter"])
def test_the_plan_pdf_has_the_cards_then_the_note_care_evidence_and_red_flags(page: str) -> None:
    link = LINK + hp.encode_plan(PLAN)
    pages = pdf_pages(
        plan_pdf(ATLAS, DRAWINGS, PLAN, link, page, note="Start <slowly> & gently", appointment="Fri 9:00")
    )
    # Three points: the cards, the note and what is known on page 1; the warning signs whole on page 2.
    assert len(pages) == 2
    for width, height, _, images in pages:
        assert (width, height) == pytest.approx(PAGE_PT[page], abs=0.5)
        assert images == 0  # pictures and the QR code are vector drawings
    assert all(" ".join(flag.split()) in pages[1][2] for flag in RED_FLAGS)
    text = " ".join(p[2] for p in pages)
    assert PLAN_TITLE in text
    for card in hp.step_cards(ATLAS, PLAN):
        point = ATLAS.point(card.point_id)
        assert f"{card.number}. {point.english} ({point.pinyin}, {point.code})" in text
        assert " ".join(card.where.split()) in text
    assert text.count("How long: 45 seconds, three times a day.") == 3
    # After the cards: the note, what is known, the warning signs.
    after = text.split("3. ")[-1]
    assert "Start <slowly> & gently" in after
    assert "Next appointment: Fri 9:00" in after
    assert " ".join(hp.EVIDENCE_PLAIN.split()) in after
    for flag in RED_FLAGS:
        assert " ".join(flag.split()) in after
    assert unexplained(text, ATLAS) == []


def test_a_plan_of_ten_points_runs_on_with_the_warning_signs_whole() -> None:
    ten = hp.make_plan(ATLAS, ["GB20", "TE5", "ST36", "GV13", "SI9", "GV20", "SI3", "GB34", "BL40", "EX-UE8"])
    pages = pdf_pages(plan_pdf(ATLAS, DRAWINGS, ten, LINK + hp.encode_plan(ten), "Letter"))
    assert len(pages) == 3
    assert [f"points to press yourself · page {i}" in p[2] for i, p in enumerate(pages, start=1)] == [
        True
    ] * 3
    assert all(f"{n}. " in " ".join(p[2] for p in pages) for n in range(1, 11))
    flags = [i for i, p in enumerate(pages) for flag in RED_FLAGS if " ".join(flag.split()) in p[2]]
    assert len(flags) == len(RED_FLAGS) and len(set(flags)) == 1  # every sign on the same page


@pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="zbar-tools is not installed (scripts/test.sh installs it)"
)
def test_the_plan_pdfs_qr_code_reads_back_as_its_link(tmp_path: Path) -> None:
    link = LINK + hp.encode_plan(PLAN)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(plan_pdf(ATLAS, DRAWINGS, PLAN, link, "A4"))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    out = subprocess.run(
        ["zbarimg", "-q", "--raw", str(next(tmp_path.glob("p*.png")))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == link


def test_qr_modules_are_the_codes_squares_without_its_quiet_zone() -> None:
    rows = qr_modules("http://x/plan?plan=1.abc")
    assert len(rows) == len(rows[0]) and len(rows) in (21, 25, 29, 33)
    # The three finder patterns' corners are dark; the module beside each finder's outer ring is light.
    assert rows[0][0] and rows[0][-1] and rows[-1][0]
    assert not rows[7][0]


def test_a_cards_picture_marks_its_point_numbered_as_the_card() -> None:
    card = hp.step_cards(ATLAS, PLAN)[1]  # TE5, on the hand
    svg = card_svg(ATLAS, DRAWINGS, card)
    assert 'data-view="hand"' in svg
    assert re.findall(r'font-weight="bold" text-anchor="middle" fill="#1f2328">([^<]+)</text>', svg) == ["2"]
    assert svg.count('fill="#0072B2"') >= 1  # a diamond: a point away from the back


def test_the_plans_own_words_are_plain_and_easy_to_read() -> None:
    cards = hp.step_cards(ATLAS, hp.make_plan(ATLAS, ["GB20", "TE5", "ST36", "GV13", "SI9"]))
    text = " ".join([PLAN_TITLE, summary(ATLAS, PLAN), hp.PRESS_FEEL, card_texts(cards), SCAN_TEXT])
    assert unexplained(text, ATLAS) == []
    assert reading_grade(text) <= 8


@pytest.mark.parametrize(
    ("ids", "seconds", "times", "said"),
    [
        (
            ["GB20"],
            60,
            1,
            "1 point. Press each one for 60 seconds, once a day. All of them take about 2 minutes.",
        ),
        (
            ["GV20"],
            30,
            2,
            "1 point. Press each one for 30 seconds, twice a day. All of them take about 1 minute.",
        ),
    ],
)
def test_the_plans_summary(ids: list[str], seconds: int, times: int, said: str) -> None:
    assert summary(ATLAS, hp.make_plan(ATLAS, ids, seconds, times)) == said
