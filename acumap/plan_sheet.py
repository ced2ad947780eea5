"""A home plan on paper and on the patient's page: each step card's diagram (the point marked and numbered on its
own picture) and the plan as a two-page PDF (A4 or US Letter) with its QR code.

First the step cards, each with its picture, where to find the point, how to press, how long and how often, and
the QR code of the plan's link (the patient scans it to keep the plan, with its press timers, on their phone).
Then the practitioner's note and the next appointment, what to watch for while pressing, what is known about
pressing points yourself (acumap.home_plan.EVIDENCE_PLAIN), the warning signs and self-care. One page for a few
points, two for many.

Pure: no Streamlit. ReportLab and svglib lay the page out, as for the handout (acumap.handout).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from acumap.atlas.data import Atlas, Point
from acumap.drawing.assets import Drawing
from acumap.drawing.figure import HANDOUT_BACK_BOX, TITLES, Mark, diagram_svg
from acumap.handout import (
    MAX_APPOINTMENT_CHARS,
    MAX_NOTE_CHARS,
    PAGE_SIZES,
    _bold,
    _scaled,
    _svg_drawing,
    fonts,
    pdf_paragraph,
    pdf_safe,
    pdf_styles,
    plain_markup,
    red_flags_table,
)
from acumap.home_plan import (
    EVIDENCE_PLAIN,
    HOME_CAUTIONS,
    HOME_SELF_CARE,
    PRESS_FEEL,
    HomePlan,
    StepCard,
    plan_minutes,
    step_cards,
)
from acumap.plain import RED_FLAGS_HEADING
from acumap.safety import DISCLAIMER
from acumap.share import qr_modules

#: Each card's picture is drawn this wide (mm; the back wider, so its side words and label keep apart) and printed
#: CARD_PRINT_MM wide; the number's type (mm of the drawing).
CARD_FIGURE_MM = {"back": 52.0, "neck": 40.0, "hand": 32.0, "leg": 34.0, "head": 30.0}
CARD_PRINT_MM = 34.0
CARD_NUMBER_MM = {"back": 5.0, "neck": 4.4, "hand": 3.6, "leg": 3.6, "head": 3.6}

#: What the plan's pages say (plain words, checked by tests with acumap.plain's reading grade and jargon check).
PLAN_TITLE = "Your home plan: points to press yourself"
SCAN_TEXT = (
    "Scan this code with your phone's camera to keep the plan on your phone, with a timer for each point."
)
CARE_HEADING = "Take care"
EVIDENCE_HEADING = "Does it help?"
SELF_CARE_HEADING = "Looking after yourself"
NOTE_HEADING = "From your practitioner"


def card_mark(point: Point, number: int) -> Mark:
    """A card's point as the figure draws it: numbered as its card; a dot on the back and neck, a diamond on the
    hand, leg and head (the handout's shapes)."""
    role = "local" if point.view in ("back", "neck") else "distal"
    return Mark(point, str(number), role)


def card_svg(
    atlas: Atlas, drawings: dict[str, Drawing], card: StepCard, width_mm: float | None = None
) -> str:
    """The card's point on its own diagram, numbered as the card: a standalone SVG (every text escaped)."""
    point = atlas.point(card.point_id)
    drawing = drawings[point.view]
    width = width_mm or CARD_FIGURE_MM[point.view]
    return diagram_svg(
        atlas,
        drawing,
        [card_mark(point, card.number)],
        "both",
        "patient",
        width,
        CARD_NUMBER_MM[point.view],
        HANDOUT_BACK_BOX,
    )


def card_alt(atlas: Atlas, card: StepCard) -> str:
    """The card's picture in words (its text alternative and caption): which point, on which picture."""
    point = atlas.point(card.point_id)
    return f"Point {card.number}, {point.english}, marked on the picture: {TITLES['patient'][point.view].lower()}."


def summary(atlas: Atlas, plan: HomePlan) -> str:
    """One line: how many points, how long each, how often, and how long a round takes."""
    n = len(plan.point_ids)
    points = "1 point" if n == 1 else f"{n} points"
    minutes = plan_minutes(atlas, plan)
    cards = step_cards(atlas, plan)
    return (
        f"{points}. Press each one for {plan.seconds} seconds, {cards[0].how_often}. "
        f"All of them take about {minutes} {'minute' if minutes == 1 else 'minutes'}."
    )


def qr_drawing(link: str, size_pt: float) -> Any:
    """The link's QR code as a ReportLab vector drawing, `size_pt` wide with a quiet zone of four modules."""
    from reportlab.graphics.shapes import Drawing as RLDrawing
    from reportlab.graphics.shapes import Rect
    from reportlab.lib import colors

    rows = qr_modules(link)
    n = len(rows) + 8
    k = size_pt / n
    d = RLDrawing(size_pt, size_pt)
    d.add(Rect(0, 0, size_pt, size_pt, fillColor=colors.white, strokeColor=None))
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                # Slightly larger than a module, so neighbours join without hairline gaps when rendered.
                d.add(
                    Rect(
                        (c + 4) * k,
                        size_pt - (r + 5) * k,
                        k * 1.02,
                        k * 1.02,
                        fillColor=colors.black,
                        strokeColor=None,
                    )
                )
    return d


def _card_flowable(
    atlas: Atlas, drawings: dict[str, Drawing], card: StepCard, width: float, st: dict[str, Any]
) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    point = atlas.point(card.point_id)
    pic = _scaled(_svg_drawing(card_svg(atlas, drawings, card)), CARD_PRINT_MM * mm)
    words = [
        pdf_paragraph(
            _bold(f"{card.number}. {escape(point.english)}")
            + f" ({escape(point.pinyin)}, {escape(point.code)})",
            st["card_h"],
        ),
        pdf_paragraph(f"{_bold('Where:')} {escape(card.where)}", st["card"]),
        # How to press, without the words every card shares (said once, above the cards).
        pdf_paragraph(
            f"{_bold('How:')} {escape(' '.join(card.how.replace(PRESS_FEEL, '').split()))}", st["card"]
        ),
        pdf_paragraph(f"{_bold('How long:')} {card.seconds} seconds, {escape(card.how_often)}.", st["card"]),
    ]
    pic_w = 36 * mm
    box = Table([[pic, words]], colWidths=[pic_w, width - pic_w])
    box.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#c9ccd1")),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


def plan_styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    st = pdf_styles()
    st["card_h"] = ParagraphStyle("card_h", st["body"], fontSize=10, leading=12.5, spaceAfter=2)
    st["card"] = ParagraphStyle("card", st["body"], fontSize=9, leading=11.3, spaceAfter=1.5)
    st["lead"] = ParagraphStyle("lead", st["body"], fontSize=10, leading=13)
    return st


def plan_pdf(
    atlas: Atlas,
    drawings: dict[str, Drawing],
    plan: HomePlan,
    link: str,
    page: str = "A4",
    note: str = "",
    appointment: str = "",
    today: dt.date | None = None,
) -> bytes:
    """The home plan as a PDF: the step cards and the QR code of `link`; then the note and the next appointment,
    what to watch for, what is known, the warning signs (kept together) and self-care. A plan of a few points
    fits one page; the cards' grid runs on to a second page between rows."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

    if page not in PAGE_SIZES:
        raise ValueError(f"page size {page!r}: expected one of {', '.join(PAGE_SIZES)}")
    size = A4 if page == "A4" else LETTER
    margin = 12 * mm
    width = size[0] - 2 * margin
    st = plan_styles()
    day = (today or dt.date.today()).strftime("%d %B %Y").lstrip("0")
    cards = step_cards(atlas, plan)

    qr_size = 30 * mm
    intro = [
        pdf_paragraph(PLAN_TITLE, st["title"]),
        Spacer(1, 1.5 * mm),
        pdf_paragraph(escape(summary(atlas, plan)), st["lead"]),
        Spacer(1, 1 * mm),
        pdf_paragraph(f"{_bold('How to press:')} {escape(PRESS_FEEL)}", st["lead"]),
        Spacer(1, 1 * mm),
        pdf_paragraph(
            f"Made with AcuMap on {day}. When to stop, and the warning signs, come after the points.",
            st["sub"],
        ),
    ]
    scan = [qr_drawing(link, qr_size), pdf_paragraph(escape(SCAN_TEXT), st["small"])]
    head = Table([[intro, scan]], colWidths=[width - qr_size - 4 * mm, qr_size + 4 * mm])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story: list[Any] = [head, Spacer(1, 3 * mm)]
    # The cards in two columns, read across then down, numbered as their pictures.
    col = (width - 4 * mm) / 2
    flow = [_card_flowable(atlas, drawings, c, col, st) for c in cards]
    rows = [flow[i : i + 2] + ([""] if i + 1 >= len(flow) else []) for i in range(0, len(flow), 2)]
    grid = Table(rows, colWidths=[col + 2 * mm, col + 2 * mm])
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    story.append(grid)

    back: list[Any] = [Spacer(1, 2 * mm)]
    note_text = plain_markup(note, MAX_NOTE_CHARS)
    when_text = plain_markup(appointment, MAX_APPOINTMENT_CHARS)
    mine = [pdf_paragraph(NOTE_HEADING, st["h2"])]
    mine.append(pdf_paragraph(note_text, st["flag2"]) if note_text else Spacer(1, 12 * mm))
    mine.append(pdf_paragraph(f"{_bold('Next appointment:')} {when_text}", st["flag2"]))
    if not when_text:
        mine.append(Spacer(1, 4 * mm))
    care = [pdf_paragraph(CARE_HEADING, st["h2"])] + [
        pdf_paragraph(escape(t), st["flag2"], "•") for t in HOME_CAUTIONS
    ]
    care += [pdf_paragraph(EVIDENCE_HEADING, st["h2"]), pdf_paragraph(escape(EVIDENCE_PLAIN), st["flag2"])]
    boxes = Table([[mine, care]], colWidths=[col + 2 * mm, col + 2 * mm])
    boxes.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.6, colors.HexColor("#8a8f98")),
                ("BACKGROUND", (1, 0), (1, 0), colors.HexColor("#f4f6f8")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    back += [boxes, Spacer(1, 4 * mm)]
    # The warning signs stay together, never split across a page.
    back.append(
        KeepTogether([pdf_paragraph(escape(RED_FLAGS_HEADING), st["h2"]), red_flags_table(width, st)])
    )
    emergency = f"{_bold('In an emergency call your local emergency number.')} {escape(DISCLAIMER)}"
    back += [Spacer(1, 1.5 * mm), pdf_paragraph(emergency, st["sub"]), Spacer(1, 4 * mm)]
    back.append(pdf_paragraph(SELF_CARE_HEADING, st["h2"]))
    back += [
        pdf_paragraph(f"{_bold(escape(title) + '.')} {escape(text)}", st["flag2"], "•")
        for title, text in HOME_SELF_CARE
    ]

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=pdf_safe(PLAN_TITLE),
        author="AcuMap",
        subject="Self-acupressure: the points to press at home, how and how often, and when to see a doctor",
    )
    # One flow: a short plan fits one page; a long one runs on (the cards' grid breaks between rows).
    f = fonts()

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(f.regular, 7)
        canvas.setFillColor(colors.HexColor("#5b5f66"))
        canvas.drawString(margin, margin / 2, pdf_safe(f"AcuMap · {PLAN_TITLE} · page {doc.page}"))
        canvas.restoreState()

    doc.build([*story, KeepTogether(back[:2]), *back[2:]], onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def card_texts(cards: Sequence[StepCard]) -> str:
    """Every card's words as a patient reads them (for the checks of plain words)."""
    return "\n".join(f"{c.where} {c.how} Press for {c.seconds} seconds, {c.how_often}." for c in cards)
