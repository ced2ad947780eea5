"""The record of a class lesson: taps placed at known offsets from a point's marker must come back as those
offsets, in levels and cun, with the right words; the ranking, the CSV and the one-page PDF follow."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import pypdfium2 as pdfium
import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import markers_for
from acumap.body import anatomy
from acumap.body.scales import CM_PER_CUN_XY
from acumap.class_record import (
    amount,
    answers_csv,
    lesson_pdf,
    lesson_records,
    lesson_summary,
    question_record,
)
from acumap.classroom import Answer, Question

ATLAS = load_atlas()
ASKED = 1000.0  # when each test question was asked (seconds since the epoch)
_LEVEL_YS = [anatomy.level_y(lv) for lv in anatomy.SPINE_LEVELS]


def _index_of(y: float) -> float:
    """A height on the back as a fractional place on the ladder (C7 = 0), from the body model's levels."""
    for i in range(len(_LEVEL_YS) - 1):
        if _LEVEL_YS[i] <= y <= _LEVEL_YS[i + 1]:
            return i + (y - _LEVEL_YS[i]) / (_LEVEL_YS[i + 1] - _LEVEL_YS[i])
    raise AssertionError(f"{y} is off the ladder")


def _y_at(index: float) -> float:
    i = min(int(index), len(_LEVEL_YS) - 2)
    return _LEVEL_YS[i] + (index - i) * (_LEVEL_YS[i + 1] - _LEVEL_YS[i])


def _marker(point_id: str, side: str) -> tuple[float, float]:
    view = ATLAS.point(point_id).view
    (m,) = [m for m in markers_for(ATLAS, view) if m.point.id == point_id and m.side == side]
    return m.x, m.y


def tap(
    point_id: str, side: str, across: float, down: float, session: str = "s", at: float = ASKED + 5
) -> Answer:
    """A tap `across` cun from the point's marker on `side` and `down` below it (levels on the back, cun
    elsewhere). On the back and neck `across` > 0 is away from the midline (except on the midline: +x);
    elsewhere towards +x."""
    view = ATLAS.point(point_id).view
    mx, my = _marker(point_id, side)
    sx, sy = CM_PER_CUN_XY[view]
    sign = -1.0 if view in ("back", "neck") and side == "left" else 1.0
    x = mx + sign * across * sx
    y = _y_at(_index_of(my) + down) if view == "back" else my + down * sy
    return Answer(session, view, x, y, at)


def point_q(point_id: str, number: int = 1) -> Question:
    return Question(number, "point", point_id, ASKED, revealed=True)


# --- the systematic error ----------------------------------------------------------------------------

SYSTEMATIC = [
    pytest.param(
        "BL18",
        # both sides too far out (0.9 and 0.5 cun: 0.7 on average) and half a level low: must not cancel out
        [("left", 0.9, 0.5), ("right", 0.5, 0.5)],
        0.7,
        0.5,
        "The class placed BL18 on average 0.7 cun too far from the midline and half a level too low.",
        id="bilateral back point, away from the midline on both sides",
    ),
    pytest.param(
        "BL23",
        [("left", -0.5, -1.5), ("right", -0.5, -1.5)],
        -0.5,
        -1.5,
        "The class placed BL23 on average half a cun too close to the midline and one and a half levels too high.",
        id="bilateral back point, too close and too high",
    ),
    pytest.param(
        "GV9",
        [("midline", -0.4, -1.0), ("midline", -0.6, -1.0)],
        -0.5,
        -1.0,
        "The class placed GV9 on average half a cun to the left of the midline and one level too high.",
        id="midline point keeps its side",
    ),
    pytest.param(
        "GB20",
        [("left", -0.5, 0.0), ("right", -0.5, 0.0)],
        -0.5,
        0.0,
        "The class placed GB20 on average half a cun too close to the midline.",
        id="neck point, mirrored like the back",
    ),
    pytest.param(
        "LI4",
        [("right", 0.1, 0.75), ("right", 0.1, 0.75)],
        0.1,
        0.75,
        "The class placed LI4 on average three quarters of a cun too far towards the elbow.",
        id="hand: the small part across is left out",
    ),
    pytest.param(
        "ST36",
        [("right", -1.0, -0.25)],
        -1.0,
        -0.25,
        "The class placed ST36 on average one cun too far to the left on the drawing and a quarter of a cun "
        "too far towards the knee.",
        id="leg: both parts in the drawing's words",
    ),
    pytest.param(
        "BL23",
        [("left", 0.1, 0.2), ("right", -0.1, 0.0)],
        0.0,
        0.1,
        "The class placed BL23 about right on average.",
        id="about right",
    ),
]


@pytest.mark.parametrize(("point_id", "shifts", "across", "down", "sentence"), SYSTEMATIC)
def test_the_systematic_error_is_the_known_offset_in_the_bodys_units(
    point_id: str, shifts: list[tuple[str, float, float]], across: float, down: float, sentence: str
) -> None:
    answers = [tap(point_id, side, a, d, session=f"s{i}") for i, (side, a, d) in enumerate(shifts)]
    record = question_record(ATLAS, point_q(point_id), answers)
    assert record.offset is not None
    assert record.offset.sideways == pytest.approx(across, abs=1e-6)
    assert record.offset.vertical == pytest.approx(down, abs=1e-6)
    assert record.offset.vertical_unit == ("level" if record.view == "back" else "cun")
    assert record.systematic == sentence


def test_the_offset_is_meaningful_only_from_a_quarter() -> None:
    small = question_record(ATLAS, point_q("BL23"), [tap("BL23", "right", 0.2, 0.2)])
    large = question_record(ATLAS, point_q("BL23"), [tap("BL23", "right", 0.3, 0.0)])
    assert small.offset is not None and large.offset is not None
    assert not small.offset.meaningful
    assert large.offset.meaningful


def test_share_within_half_a_cun_and_mean_errors_leave_out_the_wrong_diagram() -> None:
    answers = [
        tap("BL18", "right", 0.0, 0.0, "a"),
        tap("BL18", "left", 0.4, 0.0, "b"),  # within half a cun
        tap("BL18", "right", 1.1, 0.0, "c"),  # too far out
        Answer("d", "hand", 0.0, 0.0, ASKED + 3),  # on another diagram: an answer, wrong, not averaged
    ]
    r = question_record(ATLAS, point_q("BL18"), answers)
    assert (r.count, r.correct, r.wrong_view) == (4, 2, 1)
    assert r.share_correct == pytest.approx(0.5)
    assert r.mean_error_cun == pytest.approx(0.5, abs=1e-6)  # (0 + 0.4 + 1.1) / 3
    assert r.mean_vertical_levels == pytest.approx(0.0, abs=1e-6)


def test_half_a_level_off_is_still_correct_but_more_is_not() -> None:
    answers = [tap("BL18", "right", 0.0, 0.45, "a"), tap("BL18", "right", 0.0, -0.6, "b")]
    r = question_record(ATLAS, point_q("BL18"), answers)
    assert r.correct == 1
    assert r.mean_vertical_levels == pytest.approx(0.525, abs=1e-6)  # the mean of 0.45 and 0.6
    assert r.offset is not None
    assert r.offset.vertical == pytest.approx(-0.075, abs=1e-6)


def test_a_pain_question_has_a_count_and_no_error_figures() -> None:
    q = Question(2, "pain", None, ASKED)
    r = question_record(ATLAS, q, [Answer("a", "back", 5.0, 30.0, ASKED + 1)] * 3)
    assert r.count == 3
    assert (r.mean_error_cun, r.mean_vertical_levels, r.offset, r.share_correct) == (None, None, None, None)
    assert r.systematic == ""


def test_only_taps_on_another_diagram_give_no_offset() -> None:
    r = question_record(ATLAS, point_q("LI4"), [Answer("a", "back", 3.0, 20.0, ASKED)])
    assert (r.count, r.wrong_view, r.correct) == (1, 1, 0)
    assert r.offset is None
    assert r.mean_error_cun is None


# --- the lesson ---------------------------------------------------------------------------------------


def _lesson() -> tuple[list[Question], dict[int, list[Answer]]]:
    questions = [point_q("BL18", 1), point_q("LI4", 2), Question(3, "pain", None, ASKED), point_q("GV9", 4)]
    questions.append(point_q("BL23", 5))
    answers = {
        # 1 of 2 correct, mean error (0 + 2) / 2 = 1 cun
        1: [tap("BL18", "right", 0.0, 0.0, "a"), tap("BL18", "left", 2.0, 0.0, "b", at=ASKED + 12.5)],
        # 0 of 2 correct
        2: [tap("LI4", "right", 1.0, 0.0, "a"), tap("LI4", "right", 1.0, 0.0, "b")],
        3: [Answer("a", "back", 4.0, 30.0, ASKED + 2)],
        # 1 of 2 correct, mean error (0 + 3) / 2 = 1.5 cun: harder than question 1
        4: [tap("GV9", "midline", 0.0, 0.0, "a"), tap("GV9", "midline", 3.0, 0.0, "b")],
        # nobody answered question 5
    }
    return questions, answers


def test_the_lesson_is_ranked_hardest_first_with_a_verdict_each() -> None:
    questions, answers = _lesson()
    ranked = lesson_summary(lesson_records(ATLAS, questions, answers))
    assert [v.record.question.number for v in ranked] == [2, 4, 1, 5, 3]
    assert [v.rank for v in ranked] == [1, 2, 3, 4, 5]
    assert [v.band for v in ranked] == [
        "Revisit",
        "Partly found",
        "Partly found",
        "Not answered",
        "Where it hurts",
    ]
    assert ranked[0].line == "Revisit: 0 of 2 found LI4 (0%), mean error 1.0 cun."
    assert ranked[1].line == "Partly found: 1 of 2 found GV9 (50%), mean error 1.5 cun."
    assert ranked[3].line == "Nobody answered the question on BL23."
    assert ranked[4].line == "Where it hurts: 1 answer."


def test_a_question_found_by_most_is_well_found_and_a_tap_elsewhere_is_said() -> None:
    answers = [tap("BL18", "right", 0.0, 0.0, str(i)) for i in range(4)] + [Answer("e", "leg", 0, 0, ASKED)]
    (v,) = lesson_summary([question_record(ATLAS, point_q("BL18"), answers)])
    assert v.band == "Well found"
    assert v.line == "Well found: 4 of 5 found BL18 (80%), mean error 0.0 cun. 1 tapped another diagram."


# --- the CSV ------------------------------------------------------------------------------------------

HEADER = [
    "question",
    "kind",
    "point",
    "view",
    "x_cm",
    "y_cm",
    "error_cun",
    "vertical",
    "vertical_unit",
    "sideways_cun",
    "correct",
    "wrong_view",
    "seconds",
]


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == HEADER
    return list(reader)


def test_the_csv_has_one_row_per_answer_in_the_bodys_units() -> None:
    questions, answers = _lesson()
    rows = _rows(answers_csv(questions, answers, ATLAS))
    assert [(r["question"], r["kind"], r["point"]) for r in rows] == [
        ("1", "point", "BL18"),
        ("1", "point", "BL18"),
        ("2", "point", "LI4"),
        ("2", "point", "LI4"),
        ("3", "pain", ""),
        ("4", "point", "GV9"),
        ("4", "point", "GV9"),
    ]
    far = rows[1]  # BL18, 2 cun out on the person's left, 12.5 s after the question
    assert far["view"] == "back"
    assert float(far["x_cm"]) == pytest.approx(-3.375 - 2 * 2.25, abs=0.005)
    assert (far["error_cun"], far["vertical"], far["vertical_unit"], far["sideways_cun"]) == (
        "2.00",
        "0.00",
        "level",
        "2.00",
    )
    assert (far["correct"], far["wrong_view"], far["seconds"]) == ("false", "false", "12.5")
    assert rows[0]["correct"] == "true"
    assert rows[2]["vertical_unit"] == "cun"
    assert rows[2]["sideways_cun"] == "1.00"
    pain = rows[4]
    assert (pain["view"], pain["x_cm"], pain["y_cm"], pain["seconds"]) == ("back", "4.00", "30.00", "2.0")
    assert pain["error_cun"] == pain["correct"] == ""


def test_the_csv_marks_a_tap_on_another_diagram_without_error_figures() -> None:
    text = answers_csv([point_q("BL18")], {1: [Answer("a", "hand", 1.0, 2.0, ASKED + 4)]}, ATLAS)
    (row,) = _rows(text)
    assert (row["view"], row["error_cun"], row["correct"], row["wrong_view"]) == ("hand", "", "false", "true")


def test_the_csv_never_holds_a_session_token() -> None:
    token = "5f3a9c0e1b2d4a67"
    answers = {
        1: [tap("BL18", "right", 0.3, 0.0, session=token)],
        3: [Answer(token, "back", 1.0, 9.0, ASKED)],
    }
    text = answers_csv([point_q("BL18"), Question(3, "pain", None, ASKED)], answers, ATLAS)
    assert len(_rows(text)) == 2
    assert token not in text


def test_a_view_sent_as_a_formula_is_not_run_by_a_spreadsheet() -> None:
    text = answers_csv([Question(1, "pain", None, ASKED)], {1: [Answer("a", "=1+2", 0.0, 0.0, ASKED)]}, ATLAS)
    (row,) = _rows(text)
    assert row["view"] == "'=1+2"


# --- the PDF ------------------------------------------------------------------------------------------


def _pages(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def test_the_pdf_is_one_page_with_each_question_its_figures_and_the_date() -> None:
    questions, answers = _lesson()
    records = lesson_records(ATLAS, questions, answers)
    (text,) = _pages(lesson_pdf(records, today=dt.date(2025, 3, 7)))
    flat = " ".join(text.split())
    assert "7 March 2025" in flat
    for code in ("BL18", "LI4", "GV9", "BL23"):
        assert code in flat
    assert "1.5 cun" in flat  # GV9's mean error
    assert "0 of 2 (0%)" in flat  # LI4's share found
    assert "one cun too far towards the little-finger side" in flat  # LI4's systematic error
    assert flat.index("LI4") < flat.index("GV9") < flat.index("BL18")  # hardest first


def test_a_long_lesson_stays_on_one_page() -> None:
    questions = [point_q("BL18", n) for n in range(1, 41)]
    answers = {n: [tap("BL18", "right", 0.7, 0.5, f"s{n}")] for n in range(1, 41)}
    pages = _pages(lesson_pdf(lesson_records(ATLAS, questions, answers)))
    assert len(pages) == 1
    assert " ".join(pages[0].split()).count("0.7 cun too far from the midline") == 40


def test_no_tap_is_nan_or_infinite_in_the_record() -> None:
    questions, answers = _lesson()
    for r in lesson_records(ATLAS, questions, answers):
        if r.question.kind == "pain" or r.count == r.wrong_view:  # nothing on the point's own diagram
            assert r.mean_error_cun is None and r.mean_vertical_levels is None
            continue
        assert r.mean_error_cun is not None and math.isfinite(r.mean_error_cun)
        if r.view == "back":
            assert r.mean_vertical_levels is not None and math.isfinite(r.mean_vertical_levels)
        else:
            assert r.mean_vertical_levels is None


# --- the words, table-driven from known offsets ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "words"),
    [
        (0.25, "cun", "a quarter of a cun"),
        (0.52, "level", "half a level"),  # within 0.03 of a named amount
        (-0.74, "cun", "three quarters of a cun"),  # a size: the sign is said by the direction
        (1.02, "level", "one level"),
        (1.48, "level", "one and a half levels"),
        (2.04, "cun", "2 cun"),
        (2.0, "level", "2 levels"),
        (0.57, "cun", "0.6 cun"),  # 0.07 from half: figures
        (1.7, "level", "1.7 levels"),
        (0.9, "cun", "0.9 cun"),
    ],
)
def test_an_amount_reads_naturally(value: float, unit: str, words: str) -> None:
    assert amount(value, unit) == words


@pytest.mark.parametrize(
    ("point", "side", "across", "down", "said"),
    [
        ("BL18", "right", 1.0, 0.0, "BL18 on average one cun too far from the midline"),
        ("BL18", "right", -0.5, 0.0, "BL18 on average half a cun too close to the midline"),
        ("BL18", "left", 0.0, 1.0, "BL18 on average one level too low"),
        ("BL18", "left", 0.0, -2.0, "BL18 on average 2 levels too high"),
        ("GV9", "midline", 1.0, 0.0, "GV9 on average one cun to the right of the midline"),
        ("GV9", "midline", -1.0, 0.0, "GV9 on average one cun to the left of the midline"),
    ],
)
def test_the_systematic_sentence_says_the_known_offset(
    point: str, side: str, across: float, down: float, said: str
) -> None:
    r = question_record(ATLAS, point_q(point), [tap(point, side, across, down, "a")])
    assert said in r.systematic, r.systematic


def test_about_right_is_said_and_no_taps_say_nothing() -> None:
    r = question_record(ATLAS, point_q("BL18"), [tap("BL18", "right", 0.0, 0.0, "a")])
    assert r.offset is not None and not r.offset.meaningful
    assert r.systematic == "The class placed BL18 about right on average."
    elsewhere = question_record(ATLAS, point_q("LI4"), [Answer("a", "back", 3.0, 20.0, ASKED)])
    assert elsewhere.systematic == ""
    nobody = question_record(ATLAS, point_q("BL18"), [])
    assert (nobody.count, nobody.correct, nobody.wrong_view, nobody.systematic) == (0, 0, 0, "")


def test_a_pain_question_counts_nobody_correct_or_on_the_wrong_diagram() -> None:
    r = question_record(ATLAS, Question(2, "pain", None, ASKED), [Answer("a", "neck", 5.0, 30.0, ASKED)] * 2)
    assert (r.count, r.correct, r.wrong_view) == (2, 0, 0)
    # A point question with no point to place is not scored either.
    odd = question_record(ATLAS, Question(3, "point", None, ASKED), [Answer("a", "back", 1.0, 1.0, ASKED)])
    assert (odd.count, odd.correct, odd.mean_error_cun) == (1, 0, None)
