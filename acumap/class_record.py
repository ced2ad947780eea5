"""The record of a class lesson, in the body's own units: per question, how the class placed the point, and
where the class as a whole put it on average (its systematic error), as figures and as a plain sentence.

Every tap is scored as a quiz attempt (`acumap.quiz.score_attempt`), so a class is judged by the same rule as a
student alone: levels up and down on the back, cun across it and on the other diagrams. A tap on another diagram
counts as an answer (and as wrong) but is kept out of the mean errors: it has no distance to the point.

The systematic error is the mean *signed* offset. On the back and the neck a bilateral point's offset across is
measured away from the midline, so that a class that puts BL18 too far out on both sides does not average to
"about right"; a midline point's offset keeps its side (the person's left is the viewer's left on the back).
Elsewhere it follows the drawing's axes, in the quiz's words (`acumap.quiz.DIRECTIONS`).

Nothing here identifies a student: the session token of an answer is read by no function of this module (the
CSV leaves it out).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from acumap.atlas.data import Atlas
from acumap.body.scales import CM_PER_CUN_XY
from acumap.classroom import Answer, Question, mean_error_cun
from acumap.quiz import DIRECTIONS, Score, asked_code, score_attempt

#: Below this (cun across or up and down; levels on the back) a mean offset is "about right": it is not put in
#: the sentence and no arrow is drawn for it. A quarter: half the quiz's tolerance, as the quiz's own feedback
#: leaves out the smaller part of a miss.
ABOUT_RIGHT = 0.25

#: How a question's share of correct answers is judged (at least this share: these words), best first.
VERDICTS = ((0.8, "Well found"), (0.5, "Partly found"), (0.0, "Revisit"))

#: The columns of `answers_csv`, in order.
CSV_COLUMNS = (
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
)


@dataclass(frozen=True)
class Offset:
    """Where the class put a point on average, relative to the point.

    `vertical` > 0 is too low (down the page): levels on the back, cun elsewhere. `sideways` (cun) > 0 is away
    from the midline for a bilateral back or neck point (`mirrored`); for a point on the back's midline it is to
    the person's right (+x); elsewhere towards +x of the drawing. `cm` is the same mean in the diagram's cm
    (across in the sense of `sideways`, then down), for drawing the arrow.
    """

    vertical: float
    sideways: float
    vertical_unit: str  # "level" on the back, else "cun"
    cm: tuple[float, float]
    mirrored: bool
    midline: bool = False

    @property
    def meaningful(self) -> bool:
        """Whether either part is at least ABOUT_RIGHT (then it is said, and drawn as an arrow)."""
        return _said(self.vertical) or _said(self.sideways)


def _said(value: float) -> bool:
    """Whether a part of an offset is large enough to say (a quarter in floating point counts as a quarter)."""
    return abs(value) >= ABOUT_RIGHT - 1e-9


@dataclass(frozen=True)
class QuestionRecord:
    """How the class answered one question. A "pain" question has only its count (no true point)."""

    question: Question
    code: str | None  # the point as the question showed it ("BL18", "EX-B2 at T5"); None for a pain question
    view: str | None  # the point's own diagram; None for a pain question
    count: int  # every answer, on any diagram
    wrong_view: int  # answers tapped on another diagram than the point's (counted, not averaged)
    correct: int  # within half a level and half a cun (the quiz's `correct`)
    mean_error_cun: float | None  # over the taps on the point's diagram; None if there are none
    mean_vertical_levels: float | None  # back points only: the mean of the levels off, up or down
    offset: Offset | None  # the systematic error; None without a tap on the point's diagram
    systematic: str  # the offset in a sentence ("" for a pain question or without a tap on the diagram)

    @property
    def share_correct(self) -> float | None:
        """The share of all answers that were correct; None for a pain question or when nobody answered."""
        if self.question.kind != "point" or self.count == 0:
            return None
        return self.correct / self.count


# --- words -------------------------------------------------------------------------------------------


_NAMED = {0.25: "a quarter of a {u}", 0.5: "half a {u}", 0.75: "three quarters of a {u}", 1.0: "one {u}"}


def amount(value: float, unit: str) -> str:
    """An amount in words where that reads naturally (half a level, three quarters of a cun, one and a half
    levels), else in figures to a tenth (0.7 cun, 1.3 levels, 2 levels). `unit` is "level" or "cun"."""
    value = abs(value)
    plural = "levels" if unit == "level" else "cun"
    for named, words in _NAMED.items():
        if math.isclose(value, named, abs_tol=0.03):
            return words.format(u=unit)
    if math.isclose(value, 1.5, abs_tol=0.03):
        return f"one and a half {plural}"
    if math.isclose(value, round(value), abs_tol=0.05):
        return f"{round(value)} {plural}"
    return f"{value:.1f} {plural}"


def _sideways_words(offset: Offset, view: str) -> str:
    size = amount(offset.sideways, "cun")
    if offset.mirrored:
        return f"{size} too {'far from' if offset.sideways > 0 else 'close to'} the midline"
    if offset.midline:
        return f"{size} to the {'right' if offset.sideways > 0 else 'left'} of the midline"
    _, _, left, right = DIRECTIONS[view]
    return f"{size} too far {right if offset.sideways > 0 else left}"


def _vertical_words(offset: Offset, view: str) -> str:
    if view == "back":
        return f"{amount(offset.vertical, 'level')} too {'low' if offset.vertical > 0 else 'high'}"
    up, down, _, _ = DIRECTIONS[view]
    return f"{amount(offset.vertical, 'cun')} too far {down if offset.vertical > 0 else up}"


def systematic_sentence(code: str, view: str, offset: Offset) -> str:
    """Where the class put the point on average, in one sentence; a part under ABOUT_RIGHT is left out."""
    parts = []
    if _said(offset.sideways):
        parts.append(_sideways_words(offset, view))
    if _said(offset.vertical):
        parts.append(_vertical_words(offset, view))
    if not parts:
        return f"The class placed {code} about right on average."
    return f"The class placed {code} on average {' and '.join(parts)}."


# --- figures -----------------------------------------------------------------------------------------


def _sideways(score: Score) -> float:
    """A tap's offset across, in this module's sense (see `Offset`)."""
    if score.view == "back" and score.side == "midline":
        # The quiz scores a midline point by the distance off it; the record keeps the side.
        return score.attempt[0] / CM_PER_CUN_XY["back"][0]
    if score.view == "neck" and score.side == "left":
        return -score.sideways  # the quiz's neck offset is towards +x: away from the midline on the left
    return score.sideways


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def systematic_offset(atlas: Atlas, point_id: str, answers: Sequence[Answer]) -> Offset | None:
    """The class's mean signed offset from the point, over the taps on its diagram (None if there are none)."""
    scores = [score_attempt(atlas, point_id, a.view, a.x, a.y) for a in answers]
    return _offset([s for s in scores if not s.wrong_view])


def _offset(placed: Sequence[Score]) -> Offset | None:
    if not placed:
        return None
    view = placed[0].view
    scale_x, _ = CM_PER_CUN_XY[view]
    sideways = _mean([_sideways(s) for s in placed])
    return Offset(
        vertical=_mean([s.vertical for s in placed]),
        sideways=sideways,
        vertical_unit=placed[0].vertical_unit,
        cm=(sideways * scale_x, _mean([s.attempt[1] - s.target[1] for s in placed])),
        mirrored=view in ("back", "neck") and placed[0].side != "midline",
        midline=placed[0].side == "midline",
    )


def question_record(atlas: Atlas, question: Question, answers: Sequence[Answer]) -> QuestionRecord:
    """Score every answer to a question (see the module's docstring for what is averaged and how)."""
    if question.kind != "point" or question.point_id is None:
        return QuestionRecord(question, None, None, len(answers), 0, 0, None, None, None, "")
    point = atlas.point(question.point_id)
    code = asked_code(atlas, point)
    scores = [score_attempt(atlas, point.id, a.view, a.x, a.y) for a in answers]
    placed = [s for s in scores if not s.wrong_view]
    offset = _offset(placed)
    return QuestionRecord(
        question=question,
        code=code,
        view=point.view,
        count=len(scores),
        wrong_view=len(scores) - len(placed),
        correct=sum(s.correct for s in scores),
        mean_error_cun=_mean([s.distance_cun for s in placed]) if placed else None,
        mean_vertical_levels=(
            _mean([abs(s.vertical) for s in placed]) if placed and point.view == "back" else None
        ),
        offset=offset,
        systematic=systematic_sentence(code, point.view, offset) if offset else "",
    )


def lesson_records(
    atlas: Atlas, questions: Sequence[Question], answers_by_question: Mapping[int, Sequence[Answer]]
) -> list[QuestionRecord]:
    """A record per question, in the order asked (a question nobody answered has a count of 0)."""
    return [question_record(atlas, q, answers_by_question.get(q.number, ())) for q in questions]


# --- the lesson as a whole ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """A question's place in the lesson's ranking and its one-line verdict."""

    rank: int  # 1 = the hardest
    record: QuestionRecord
    band: str  # "Well found", "Partly found", "Revisit"; "Not answered"; "Where it hurts"
    line: str


def _band(share: float) -> str:
    return next(words for least, words in VERDICTS if share >= least)


def _line(r: QuestionRecord) -> str:
    if r.question.kind != "point":
        return f"Where it hurts: {r.count} answer{'s' if r.count != 1 else ''}."
    if r.count == 0:
        return f"Nobody answered the question on {r.code}."
    share = r.correct / r.count
    error = (
        f"mean error {r.mean_error_cun:.1f} cun"
        if r.mean_error_cun is not None
        else f"no tap on the {r.view} diagram"
    )
    line = f"{_band(share)}: {r.correct} of {r.count} found {r.code} ({share:.0%}), {error}."
    if r.wrong_view:
        line += f" {r.wrong_view} tapped another diagram."
    return line


def lesson_summary(records: Sequence[QuestionRecord]) -> list[Verdict]:
    """The questions ranked hardest first: by the share found, then by the larger mean error (a question with
    no tap on its diagram counts as the largest), then in the order asked. Point questions nobody answered
    follow, then the pain questions (which have no true point to rank by)."""

    def hardness(r: QuestionRecord) -> tuple[float, float, int]:
        error = r.mean_error_cun if r.mean_error_cun is not None else math.inf
        return (r.correct / r.count, -error, r.question.number)

    answered = sorted((r for r in records if r.share_correct is not None), key=hardness)
    unanswered = [r for r in records if r.question.kind == "point" and r.count == 0]
    pain = [r for r in records if r.question.kind != "point"]
    out = []
    for rank, r in enumerate([*answered, *unanswered, *pain], start=1):
        share = r.share_correct
        band = (
            _band(share)
            if share is not None
            else "Not answered"
            if r.question.kind == "point"
            else "Where it hurts"
        )
        out.append(Verdict(rank, r, band, _line(r)))
    return out


# --- the answers as a table --------------------------------------------------------------------------


def _text_cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula (a view is whatever a browser sent)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _n(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}"


def answers_csv(
    questions: Sequence[Question], answers_by_question: Mapping[int, Sequence[Answer]], atlas: Atlas
) -> str:
    """Every answer of the lesson, one row each (columns: CSV_COLUMNS), questions in order, each answer's row
    in the order given. Anonymous: no session token, nothing of the browser but the tap.

    `vertical` is in `vertical_unit` (level on the back, cun elsewhere) and `sideways_cun` in the sense of
    `Offset`; a tap on another diagram has no error figures (`wrong_view` true), nor does a pain question's.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        for a in answers_by_question.get(q.number, ()):
            row = [str(q.number), q.kind, q.point_id or "", _text_cell(a.view), _n(a.x), _n(a.y)]
            if q.kind == "point" and q.point_id is not None:
                s = score_attempt(atlas, q.point_id, a.view, a.x, a.y)
                if s.wrong_view:
                    row += ["", "", "", "", "false", "true"]
                else:
                    row += [_n(s.distance_cun), _n(s.vertical), s.vertical_unit, _n(_sideways(s))]
                    row += ["true" if s.correct else "false", "false"]
            else:
                row += ["", "", "", "", "", ""]
            row.append(_n(a.at - q.asked, 1))
            writer.writerow(row)
    return out.getvalue()


# --- the teacher's notes: one page -------------------------------------------------------------------


def _error_cell(r: QuestionRecord) -> str:
    if r.mean_error_cun is None:
        return "–"
    text = f"{r.mean_error_cun:.1f} cun"
    if r.mean_vertical_levels is not None:
        text += f"<br/>{r.mean_vertical_levels:.1f} levels up/down"
    return text


def _found_cell(r: QuestionRecord) -> str:
    share = r.share_correct
    return "–" if share is None else f"{r.correct} of {r.count} ({share:.0%})"


def lesson_pdf(
    records: Sequence[QuestionRecord], today: dt.date | None = None, title: str = "Class check: the lesson"
) -> bytes:
    """The lesson's record on one A4 page for the teacher's notes: a title, the date, and every question ranked
    hardest first (`lesson_summary`) with its answers, mean error, share found and where the class put it.
    A long lesson is shrunk to stay on one page. Fonts and styles are the handout's."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, SimpleDocTemplate, Spacer, Table, TableStyle

    from acumap.handout import fonts, pdf_paragraph, pdf_safe, pdf_styles

    margin = 14 * mm
    width, height = A4[0] - 2 * margin, A4[1] - 2 * margin
    st = pdf_styles()
    day = (today or dt.date.today()).strftime("%d %B %Y").lstrip("0")
    ranked = lesson_summary(records)
    asked = sum(r.question.kind == "point" for r in records)
    answers = sum(r.count for r in records)
    story: list[Any] = [
        pdf_paragraph(escape(title), st["title"]),
        pdf_paragraph(
            f"{day}. {len(records)} question{'s' if len(records) != 1 else ''} ({asked} on a point), "
            f"{answers} anonymous answers. Hardest first: ranked by the share found within half a cun "
            "(and half a level on the back), then by the mean error. Made with AcuMap.",
            st["sub"],
        ),
        Spacer(1, 4 * mm),
    ]
    head = ["#", "Q", "Point", "Answers", "Mean error", "Found", "Verdict and where the class put it"]
    rows: list[list[Any]] = [
        [pdf_paragraph(f'<font name="{fonts().bold}">{h}</font>', st["body"]) for h in head]
    ]
    for v in ranked:
        r = v.record
        where = f"{escape(v.band)}. {escape(r.systematic)}" if r.systematic else escape(v.line)
        if r.wrong_view and r.systematic:
            where += f" {r.wrong_view} tapped another diagram."
        rows.append(
            [
                pdf_paragraph(str(v.rank), st["body"]),
                pdf_paragraph(str(r.question.number), st["body"]),
                pdf_paragraph(escape(r.code or "where it hurts"), st["body"]),
                pdf_paragraph(str(r.count), st["body"]),
                pdf_paragraph(_error_cell(r), st["body"]),
                pdf_paragraph(_found_cell(r), st["body"]),
                pdf_paragraph(where, st["body"]),
            ]
        )
    cols = [7 * mm, 7 * mm, 24 * mm, 17 * mm, 24 * mm, 22 * mm]
    table = Table(rows, colWidths=[*cols, width - sum(cols)], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1f2328")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#c9ccd1")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f4f6f8")),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=pdf_safe(title),
        author="AcuMap",
        subject="The record of a class check: how the class placed each point",
    )
    doc.build([KeepInFrame(width, height, story, mode="shrink")])
    return out.getvalue()


@dataclass(frozen=True)
class Results:
    count: int
    mean_error_cun: float | None  # None: nobody answered, or a question without a true point (where it hurts)
    correct: int  # within half a level and half a cun (the quiz's rule)


def results(atlas: Atlas, point_id: str | None, taps: Sequence[Answer]) -> Results:
    """How the class did: each tap scored as a quiz attempt at the point (on either side of a bilateral one)."""
    if point_id is None:
        return Results(len(taps), None, 0)
    scores = [score_attempt(atlas, point_id, t.view, t.x, t.y) for t in taps]
    return Results(
        len(taps), mean_error_cun([s.distance_cun for s in scores]), sum(s.correct for s in scores)
    )


def question_view(atlas: Atlas, point_id: str | None) -> str:
    """The diagram a question's results are drawn on: its point's own; the back for "where does it hurt"."""
    return atlas.point(point_id).view if point_id is not None else "back"
