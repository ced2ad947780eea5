"""The patient handout: one page (A4 or US Letter) laid out on the server as a PDF, with vector diagrams.

ReportLab lays the page out (its platypus flowables wrap the text; `KeepInFrame` shrinks a long region's
list so the page stays one page), svglib turns the figure's SVG into ReportLab vector drawings, and PDFium
(pypdfium2) renders a PNG of the diagrams from the same vector drawing. No browser runs.

Fonts: the PDF embeds DejaVu Sans (Debian's fonts-dejavu-core), which has the tone marks of pinyin. Without
it the handout still renders, in the PDF's built-in Helvetica, with the tone marks dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from acumap.atlas.data import Atlas
from acumap.atlas.regions import RegionChoice
from acumap.drawing.assets import Drawing
from acumap.drawing.figure import FONT as FIGURE_FONT
from acumap.drawing.figure import (
    HANDOUT_BACK_BOX,
    Audience,
    Mark,
    diagram_svg,
    entries,
    figure_svg,
    views_with,
)
from acumap.plain import (
    AFTER,
    DURING,
    PATIENT_INTRO,
    RED_FLAGS_HEADING,
    SELF_CARE,
    SOURCES,
    entry_plain,
    glossary_used,
    region_heading,
)
from acumap.safety import DISCLAIMER, RED_FLAG_GROUPS

PAGE_SIZES = ("A4", "Letter")
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/local/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    unicode: bool


_FONTS: Fonts | None = None


def fonts() -> Fonts:
    """DejaVu Sans when the system has it (registered once), else the PDF's built-in Helvetica.

    The fonts get AcuMap's own ReportLab names, and svglib is told to map the figure's "DejaVu Sans" (normal
    and bold) to them, so it never looks a font up itself (with fc-match) and re-registers a name.
    """
    global _FONTS
    if _FONTS is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from svglib.fonts import register_font

        files: tuple[str | None, str | None] = (None, None)
        for folder in FONT_DIRS:
            regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
            if regular.is_file() and bold.is_file():
                pdfmetrics.registerFont(TTFont("AcuMapSans", str(regular)))
                pdfmetrics.registerFont(TTFont("AcuMapSans-Bold", str(bold)))
                pdfmetrics.registerFontFamily("AcuMapSans", normal="AcuMapSans", bold="AcuMapSans-Bold")
                _FONTS = Fonts("AcuMapSans", "AcuMapSans-Bold", True)
                files = (str(regular), str(bold))
                break
        else:
            _FONTS = Fonts("Helvetica", "Helvetica-Bold", False)
        for family in FIGURE_FONT.split(", "):
            register_font(family, files[0], rlgFontName=_FONTS.regular)
            register_font(family, files[1], weight="bold", rlgFontName=_FONTS.bold)
    return _FONTS


def pdf_safe(text: str) -> str:
    """Text the chosen font can show: without DejaVu, tone marks are dropped (Gānshū -> Ganshu)."""
    if fonts().unicode:
        return text
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ord(ch) < 256 and not unicodedata.combining(ch))


def _svg_drawing(svg: str) -> Any:
    from svglib.svglib import svg2rlg

    fonts()  # the figure's text asks for "DejaVu Sans": register it before svglib looks it up
    if not fonts().unicode:
        svg = pdf_safe(svg)
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    if drawing is None:  # pragma: no cover - svglib returns None only for unreadable input
        raise ValueError("the figure could not be drawn")
    return drawing


def _scaled(drawing: Any, width_pt: float) -> Any:
    k = width_pt / drawing.width
    drawing.scale(k, k)
    drawing.width, drawing.height = drawing.width * k, drawing.height * k
    return drawing


def figure_pdf(svg: str) -> bytes:
    """A figure's SVG as a one-page vector PDF of the figure's own size."""
    from reportlab.graphics import renderPDF

    return bytes(renderPDF.drawToString(_svg_drawing(svg)))


def figure_png(svg: str, dpi: int = 200) -> bytes:
    """A figure's SVG as a PNG, rendered by PDFium from the same vector drawing as the PDF."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(figure_pdf(svg))
    try:
        image = doc[0].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def diagrams_svg(
    atlas: Atlas,
    drawings: dict[str, Drawing],
    marks: Sequence[Mark],
    choice: RegionChoice | None,
    audience: Audience,
) -> str:
    """The current diagrams as one SVG (for the download buttons)."""
    title = f"AcuMap · {choice.label}" if choice else "AcuMap · acupuncture points for neck and back pain"
    return figure_svg(atlas, drawings, marks, choice.side if choice else "both", audience, title)


def pdf_styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    f = fonts()
    base = ParagraphStyle(
        "base", fontName=f.regular, fontSize=7.5, leading=9.1, textColor=colors.HexColor("#1f2328")
    )
    return {
        "title": ParagraphStyle("title", base, fontName=f.bold, fontSize=15, leading=18),
        "sub": ParagraphStyle("sub", base, fontSize=8.5, leading=10.5, textColor=colors.HexColor("#3d4047")),
        "h": ParagraphStyle(
            "h", base, fontName=f.bold, fontSize=8.6, leading=10.5, spaceBefore=2.5, spaceAfter=1
        ),
        "body": base,
        "item": ParagraphStyle("item", base, spaceAfter=2),
        "small": ParagraphStyle(
            "small", base, fontSize=6.3, leading=7.6, textColor=colors.HexColor("#3d4047")
        ),
        "flag": ParagraphStyle(
            "flag", base, fontSize=7, leading=8.4, leftIndent=7, bulletIndent=0, spaceAfter=1
        ),
        # Page 2 (the warning signs, what to expect, self-care): larger type, read without the practitioner.
        "title2": ParagraphStyle("title2", base, fontName=f.bold, fontSize=14, leading=17),
        "h2": ParagraphStyle(
            "h2", base, fontName=f.bold, fontSize=10, leading=12.5, spaceBefore=3, spaceAfter=2
        ),
        "flag2": ParagraphStyle(
            "flag2", base, fontSize=9, leading=11.2, leftIndent=9, bulletIndent=0, spaceAfter=2
        ),
        "banner": ParagraphStyle(
            "banner", base, fontSize=9, leading=11.5, textColor=colors.HexColor("#7d1a14")
        ),
    }


def _banner(paragraph: Any, width: float) -> Any:
    """A paragraph in a red-edged box across the page (page 1's pointer to the warning signs)."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    box = Table([[paragraph]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#b3261e")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdf1f0")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return box


def red_flags_table(width: float, st: dict[str, Any]) -> Any:
    """The warning signs across the page, one column per group (call an ambulance / today / soon), red-edged."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    groups = [
        [pdf_paragraph(escape(g.heading), st["h2"])]
        + [pdf_paragraph(escape(f), st["flag2"], "•") for f in g.flags]
        + [pdf_paragraph(f"Source: {escape(g.source)}", st["small"])]
        for g in RED_FLAG_GROUPS
    ]
    flags = Table([groups], colWidths=[width / len(groups)] * len(groups))
    flags.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 1.5, colors.HexColor("#b3261e")),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.6, colors.HexColor("#e3b4b0")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdf1f0")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return flags


def pdf_paragraph(text: str, style: Any, bullet: str | None = None) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(pdf_safe(text), style, bulletText=bullet)


def _bold(markup: str) -> str:
    """Bold by font name: the embedded bold face, whatever ReportLab's family table holds."""
    return f'<font name="{fonts().bold}">{markup}</font>'


def point_entry(group: Sequence[Mark], compact: bool = False) -> str:
    """One entry of the list (escaped for ReportLab's markup): number, names, code, plain words.

    Compact: only the plain line's last sentence, which says why the point is used (its first says where,
    and the number on the picture shows that).
    """
    p = group[0].point
    plain = entry_plain(group)
    if compact:
        plain = re.split(r"(?<=[.!?])\s+(?=[A-Z])", plain.strip())[-1]
    return (
        f"{_bold(escape(group[0].label) + '. ' + escape(p.english))} ({escape(p.pinyin)}, {escape(p.code)}): "
        f"{escape(plain)}"
    )


@dataclass(frozen=True)
class Handout:
    """The PDF (two pages: the points; then the warning signs, what to expect and self-care), and how much the
    fuller of its pages was shrunk to fit (1.0: not at all)."""

    pdf: bytes
    scale: float
    compact: bool = False


#: The longest practitioner's note and appointment a handout prints (the text areas hold these too).
MAX_NOTE_CHARS = 600
MAX_APPOINTMENT_CHARS = 80


def plain_markup(text: str, limit: int) -> str:
    """A practitioner's own text for ReportLab's markup: cut to `limit` characters, escaped (a `<` or `&` prints
    as itself, never as markup), its line breaks kept."""
    text = text.strip()[:limit]
    return "<br/>".join(escape(line) for line in text.splitlines())


def practitioner_box(note: str, appointment: str, width: float, st: dict[str, Any]) -> Any:
    """The practitioner's note and the next appointment, side by side: printed when given, else lines to write
    them on by hand."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    def cell(title: str, text: str, lines: int) -> list[Any]:
        head = pdf_paragraph(title, st["h"])
        if text.strip():
            return [head, pdf_paragraph(text, st["item"])]
        return [head, Spacer(1, lines * 6 * mm)]

    note_cell = cell("Your practitioner's note", plain_markup(note, MAX_NOTE_CHARS), 2)
    when_cell = cell("Next appointment", plain_markup(appointment, MAX_APPOINTMENT_CHARS), 1)
    box = Table([[note_cell, when_cell]], colWidths=[width * 0.66, width * 0.34])
    box.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#8a8f98")),
                ("LINEBEFORE", (1, 0), (1, 0), 0.6, colors.HexColor("#8a8f98")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


#: Below this scale the text would be too small to read comfortably: the list goes compact first.
COMPACT_BELOW = 0.95


def handout_pdf(
    atlas: Atlas,
    drawings: dict[str, Drawing],
    choice: RegionChoice,
    marks: Sequence[Mark],
    page: str = "A4",
    today: dt.date | None = None,
    note: str = "",
    appointment: str = "",
) -> Handout:
    """The two-page handout for a region (or the practitioner's selection of its points): the points on page 1,
    with the practitioner's note and the next appointment, the warning signs first on page 2.

    `marks` are printed as numbered: the whole region's (`RegionView.marks`, a shared code one entry) or the
    ticked points only (`RegionView.handout_marks`, numbered 1..n without repeats).

    A long list (a region's twenty-odd points) first drops to its compact form (why each point is used;
    the picture shows where) and only then, if it must, is the page shrunk to fit.
    """
    extra = (note, appointment)
    full = _handout(atlas, drawings, choice, marks, page, today, extra, compact=False)
    if full.scale >= COMPACT_BELOW:
        return full
    return _handout(atlas, drawings, choice, marks, page, today, extra, compact=True)


def _handout(
    atlas: Atlas,
    drawings: dict[str, Drawing],
    choice: RegionChoice,
    marks: Sequence[Mark],
    page: str,
    today: dt.date | None,
    extra: tuple[str, str],
    compact: bool,
) -> Handout:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

    if page not in PAGE_SIZES:
        raise ValueError(f"page size {page!r}: expected one of {', '.join(PAGE_SIZES)}")
    size = A4 if page == "A4" else LETTER
    margin = 12 * mm
    width, height = size[0] - 2 * margin, size[1] - 2 * margin
    st = pdf_styles()
    day = (today or dt.date.today()).strftime("%d %B %Y").lstrip("0")

    story: list[Any] = [
        pdf_paragraph(f"Acupuncture for your {choice.label.lower()}", st["title"]),
        pdf_paragraph(
            f"{escape(region_heading(choice))}. Made with AcuMap on {day}, to explain a treatment: it is not a "
            f"diagnosis. {escape(PATIENT_INTRO)}",
            st["sub"],
        ),
        Spacer(1, 2.5 * mm),
    ]

    # The diagrams: the back and each other diagram with a marked point, side by side, as vector drawings.
    views = views_with(marks)
    widths_mm = {"back": 52.0, "neck": 26.0, "hand": 24.0, "leg": 64.0, "head": 22.0}
    cells = []
    for view in views:
        if view not in drawings:
            continue
        svg = diagram_svg(
            atlas, drawings[view], marks, choice.side, "patient", widths_mm[view], 2.6, HANDOUT_BACK_BOX
        )
        cells.append(_scaled(_svg_drawing(svg), widths_mm[view] * mm))
    total = sum(c.width for c in cells)
    # Side by side from the left, an even gap between them (at most 12 mm: two diagrams stay together).
    pad = min(12 * mm, max(0.0, (width - total) / max(1, len(cells) - 1))) if len(cells) > 1 else 0.0
    figure = Table(
        [cells],
        colWidths=[c.width + (pad if i < len(cells) - 1 else 0) for i, c in enumerate(cells)],
        hAlign="LEFT",
    )
    figure.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [figure, Spacer(1, 2 * mm)]

    # The points, numbered as on the diagrams, in plain words.
    near = [g for g in entries(marks) if g[0].role == "local"]
    far = [g for g in entries(marks) if g[0].role != "local"]
    items: list[Any] = []
    if near:
        items.append(pdf_paragraph(f"Near the pain, on your back and neck ({len(near)})", st["h"]))
        items += [pdf_paragraph(point_entry(g, compact), st["item"]) for g in near]
    if far:
        items.append(pdf_paragraph(f"Far from the pain: hand, leg or head ({len(far)})", st["h"]))
        items += [pdf_paragraph(point_entry(g, compact), st["item"]) for g in far]
    # Two columns, split where the text is about half way (each entry whole).
    sizes = [len(getattr(i, "text", "")) + 60 for i in items]
    half, run, cut = sum(sizes) / 2, 0, len(items)
    for i, n in enumerate(sizes):
        if run + n / 2 > half:
            cut = i
            break
        run += n
    if 0 < cut < len(items) and getattr(items[cut - 1], "style", None) is st["h"]:
        cut -= 1  # a heading goes with its first entry, not alone at the foot of a column
    lists = Table([[items[:cut], items[cut:]]], colWidths=[width / 2, width / 2])
    lists.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 3 * mm),
                ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
            ]
        )
    )
    story.append(lists)

    # Room for the practitioner: their note and the next appointment (typed in the app, or written by hand).
    story += [Spacer(1, 2 * mm), practitioner_box(*extra, width, st)]

    # Page 1 ends by pointing at page 2, where the warning signs come first, in larger type.
    story += [
        Spacer(1, 2 * mm),
        _banner(
            pdf_paragraph(
                f"{_bold('When to see a doctor, and when to call an ambulance:')} the warning signs are on page 2. "
                "Please read them now.",
                st["banner"],
            ),
            width,
        ),
    ]

    # Page 2: the red flags, full width, one column per group (call an ambulance / today / soon), then what a
    # session feels like and self-care, two boxes across the page.
    back: list[Any] = [
        pdf_paragraph(escape(RED_FLAGS_HEADING), st["title2"]),
        pdf_paragraph(f"AcuMap handout: {escape(choice.label.lower())}, page 2 of 2", st["sub"]),
        Spacer(1, 2 * mm),
    ]
    flags = red_flags_table(width, st)
    emergency = f"{_bold('In an emergency call your local emergency number.')} {escape(DISCLAIMER)}"
    back += [flags, Spacer(1, 1.5 * mm), pdf_paragraph(emergency, st["sub"]), Spacer(1, 4 * mm)]

    col = (width - 4 * mm) / 2
    feel = [pdf_paragraph("During a session", st["h2"])] + [
        pdf_paragraph(escape(t), st["flag2"], "•") for t in DURING
    ]
    feel += [pdf_paragraph("Afterwards", st["h2"])] + [
        pdf_paragraph(escape(t), st["flag2"], "•") for t in AFTER
    ]
    care = [pdf_paragraph("Looking after yourself", st["h2"])] + [
        pdf_paragraph(f"{_bold(escape(title) + '.')} {escape(text)}", st["flag2"], "•")
        for title, text in SELF_CARE
    ]
    # Explain exactly the words the handout shows (the entries as printed, full or compact).
    shown = " ".join([PATIENT_INTRO, *DURING, *AFTER, *(point_entry(g, compact) for g in (*near, *far))])
    terms = glossary_used(shown)
    if terms:
        care.append(pdf_paragraph("Words you may hear", st["h2"]))
        care += [
            pdf_paragraph(f"{_bold(escape(t.word))}: {escape(t.meaning)}", st["flag2"], "•") for t in terms
        ]
    boxes = Table([[feel, care]], colWidths=[col + 2 * mm, col + 2 * mm])
    boxes.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f6f8")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    back += [boxes, Spacer(1, 2 * mm), pdf_paragraph(escape(SOURCES), st["small"])]

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=pdf_safe(f"AcuMap handout: {choice.label}"),
        author="AcuMap",
        subject="Acupuncture points, what a session feels like, self-care and when to see a doctor",
    )
    # Two pages, always: each is shrunk to fit its page rather than spilling onto another.
    frames = [
        KeepInFrame(width, height, story, mode="shrink"),
        KeepInFrame(width, height, back, mode="shrink"),
    ]
    doc.build([frames[0], PageBreak(), frames[1]])
    scale = min(1.0 / max(1.0, float(getattr(f, "_scale", 1.0))) for f in frames)
    return Handout(out.getvalue(), scale, compact)
