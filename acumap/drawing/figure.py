"""The diagrams as a still picture: standalone SVG with the chosen points marked and labelled, for print and download.

The map component's SVG (`acumap.drawing.svg`) is drawn for a browser: CSS classes, markers sized in screen pixels
by script, labels placed by script. A handout or a downloaded file has none of that, so this module draws the
same outlines and the same computed point positions with every style written out and every size in
millimetres of the printed figure. Labels are placed here: on the back in two columns with leader lines
(as the map does), on the other diagrams beside their point.

A figure is either for a patient (points numbered, no codes, no cun or level labels; "your left" and "your
right") or for a student (points labelled with their code, the spine ladder and the cun lines labelled).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import DIAGRAM_VIEWS, Marker, markers_for
from acumap.atlas.regions import RegionChoice
from acumap.atlas.selection import Highlight, highlights, lights_marker
from acumap.body import anatomy, neck
from acumap.drawing.assets import Drawing
from acumap.drawing.geometry import PROCESS_HALF_WIDTH_CM, SIDE_LABELS, guide_lines, guide_span, vertebrae

Audience = Literal["patient", "student"]

INK = "#1f2328"
LOCAL = "#D55E00"
DISTAL = "#0072B2"
FONT = "DejaVu Sans, Noto Sans, Arial, sans-serif"

#: Each diagram's printed width (mm) in the full figure: the back large, the others beside it.
FIGURE_WIDTH_MM = {"back": 96.0, "neck": 44.0, "hand": 46.0, "leg": 92.0, "head": 38.0}
#: How much of the back's drawing a figure shows (x, y, width, height in cm): the torso and the label columns.
BACK_BOX = (-30.0, -17.0, 60.0, 80.0)
#: The handout's tighter crop: the base of the neck to the sacrum, the label columns just outside the torso.
HANDOUT_BACK_BOX = (-25.0, -12.0, 50.0, 64.0)
TITLES = {
    "patient": {
        "back": "Your back, seen from behind",
        "hand": "Back of the hand",
        "leg": "Knee, lower leg and foot",
        "head": "Head, seen from above",
        "neck": "Back of your neck",
    },
    "student": {
        "back": "Back, seen from behind",
        "hand": "Hand: back of the right hand",
        "leg": "Leg: right knee, calf, ankle, foot",
        "head": "Head: from above",
        "neck": "Neck: from behind",
    },
}


@dataclass(frozen=True)
class Mark:
    """A point to mark: its label on the figure ("3" or "BL18") and its role for the region."""

    point: Point
    label: str
    role: str
    basis: str = (
        "textbook"  # or "pattern": not a textbook indication for this region (acumap.atlas.data.Link)
    )
    why_plain: str = (
        ""  # why for this region, in a patient's words (acumap.atlas.data.Link.plain; may be empty)
    )


def marks_for(
    atlas: Atlas, choice: RegionChoice, chosen: Sequence[str] | None = None, audience: Audience = "patient"
) -> tuple[Mark, ...]:
    """The region's points (or the practitioner's selection of them), numbered 1.. in reading order.

    Patients read numbers that match the list beside the picture; students read codes. Points that share a
    code (the Huatuojiaji column, EX-B2, one point at each level) share one number: they are one entry. A
    selection keeps each point's number in the whole region's list, so a point has the same number on the
    screen, in its own panel, on the handout and in the picture.
    """
    return number_marks(highlights(atlas, choice), chosen, audience)


def number_marks(
    lit: Sequence[Highlight], chosen: Sequence[str] | None = None, audience: Audience = "patient"
) -> tuple[Mark, ...]:
    """`marks_for` from a region's highlights already derived (acumap.region_view derives them once)."""
    lit = list(lit)
    # Points near the pain first, top to bottom and from the spine outwards, then the ones far from it in
    # the map's order of diagrams: the numbers read down the picture (the panel's and the handout's order).
    lit.sort(key=lambda h: _reading_order(h.point, h.role))
    numbers: dict[str, int] = {}
    for h in lit:
        numbers.setdefault(h.point.code, len(numbers) + 1)
    return tuple(
        Mark(
            h.point,
            str(numbers[h.point.code]) if audience == "patient" else h.point.id,
            h.role,
            h.basis,
            h.plain,
        )
        for h in lit
        if chosen is None or h.point.id in chosen
    )


def number_chosen(marks: Sequence[Mark]) -> tuple[Mark, ...]:
    """The handout's numbering of the practitioner's chosen points: 1..n in the order given (reading order, as
    `number_marks` sorts them), one number per point, never repeated.

    `number_marks` gives the points of a shared code one number (the Jiaji column is one entry of the whole
    region's list); on a handout of ticked points that printed the same number at each ticked level. Here every
    chosen point is an entry of its own, and the numbers run without gaps.
    """
    return tuple(replace(m, label=str(i)) for i, m in enumerate(marks, start=1))


def entries(marks: Sequence[Mark]) -> tuple[tuple[Mark, ...], ...]:
    """The marks grouped as the list shows them: one entry per number (a shared code is one entry)."""
    groups: dict[str, list[Mark]] = {}
    for m in marks:
        groups.setdefault(m.label if m.label.isdigit() else m.point.code, []).append(m)
    return tuple(tuple(g) for g in groups.values())


def _reading_order(p: Point, role: str) -> tuple[int, int, float, float]:
    view = DIAGRAM_VIEWS.index(p.view) if p.view in DIAGRAM_VIEWS else len(DIAGRAM_VIEWS)
    if p.view == "back" and p.spine_level is not None:
        return (0 if role == "local" else 1, view, anatomy.level_y(p.spine_level), p.offset_cun or 0.0)
    if p.view == "back" and p.landmark is not None:
        x, y = anatomy.landmark_position(p.landmark, "right")
        return (0 if role == "local" else 1, view, y, x)
    if p.view == "neck" and p.landmark is not None:
        x, y = neck.landmark_position(p.landmark, "right")
        return (0 if role == "local" else 1, view, y, x)
    return (
        0 if role == "local" else 1,
        view,
        p.y if p.y is not None else 0.0,
        p.x if p.x is not None else 0.0,
    )


def _n(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") if v else "0"


def _text(
    x: float, y: float, text: str, size: float, anchor: str = "start", weight: str = "normal", fill: str = INK
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family={quoteattr(FONT)} font-size="{_n(size)}" '
        f'font-weight="{weight}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'
    )


_PATH_STYLE = {
    "outline": ('fill="#f7e8d8"', INK, 0.35, ""),
    "bone": ('fill="none"', "#8a8f98", 0.25, "0.8 1.2"),
    "crease": ('fill="none"', "#9b7d6a", 0.22, "1.6 1.2"),
    "detail": ('fill="none"', "#a0a0a0", 0.18, ""),
}


@dataclass(frozen=True)
class _Label:
    mark: Mark
    marker: Marker
    #: Every marker of an entry whose number several points share (the Jiaji column): labelled once, at the
    #: middle of a bracket along them.
    run: tuple[Marker, ...] = ()

    @property
    def y(self) -> float:
        """Where the label points to: its marker, or the middle of its bracket."""
        if not self.run:
            return self.marker.y
        ys = [m.y for m in self.run]
        return (min(ys) + max(ys)) / 2


def _shared(labels: list[_Label], shown: Sequence[Marker], by_id: dict[str, Mark]) -> list[_Label]:
    """One label per number: the points that share it become one label with their markers as its run."""
    first: dict[str, _Label] = {}
    for lb in labels:
        first.setdefault(lb.mark.label, lb)
    out = []
    for label, lb in first.items():
        run = tuple(mk for mk in shown if by_id[mk.point.id].label == label)
        many = len({mk.point.id for mk in run}) > 1
        out.append(_Label(lb.mark, lb.marker, run if many else ()))
    return out


class _Canvas:
    """One diagram being drawn: `mm` converts printed millimetres to the diagram's cm units."""

    def __init__(self, view: str, box: tuple[float, float, float, float], width_mm: float) -> None:
        self.view = view
        self.box = box
        self.width_mm = width_mm
        self.mm = box[2] / width_mm  # cm of the diagram per printed mm
        self.parts: list[str] = []

    def path(self, d: str, kind: str) -> None:
        fill, stroke, width_mm, dash = _PATH_STYLE[kind]
        if "Z" not in d.upper():
            fill = 'fill="none"'  # an open contour (one side of the torso) is a line, not an area
        dash_attr = (
            f' stroke-dasharray="{" ".join(_n(float(v) * self.mm) for v in dash.split())}"' if dash else ""
        )
        self.parts.append(
            f'<path d={quoteattr(d)} {fill} stroke="{stroke}" stroke-width="{_n(width_mm * self.mm)}"{dash_attr}/>'
        )

    def svg(self, title: str) -> str:
        x, y, w, h = self.box
        height_mm = self.width_mm * h / w
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(self.width_mm)}mm" height="{_n(height_mm)}mm" '
            f'viewBox="{_n(x)} {_n(y)} {_n(w)} {_n(h)}" data-view="{self.view}">'
            f"<title>{escape(title)}</title>"
            f'<clipPath id="clip-{self.view}"><rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"/></clipPath>'
            f'<g clip-path="url(#clip-{self.view})">'
        )
        return head + "".join(self.parts) + "</g></svg>"


def _marker_shape(c: _Canvas, x: float, y: float, role: str) -> str:
    r = 1.15 * c.mm
    if role == "distal":
        d = f"M{_n(x)} {_n(y - r * 1.3)}L{_n(x + r * 1.3)} {_n(y)}L{_n(x)} {_n(y + r * 1.3)}L{_n(x - r * 1.3)} {_n(y)}Z"
        return f'<path d="{d}" fill="{DISTAL}" stroke="white" stroke-width="{_n(0.3 * c.mm)}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{LOCAL}" stroke="white" stroke-width="{_n(0.3 * c.mm)}"/>'


def _label_box(c: _Canvas, text: str, font_mm: float) -> tuple[float, float]:
    """Approximate width and height (diagram units) of a label: 0.6 em per character, plus padding."""
    return (len(text) * 0.62 * font_mm + 1.4) * c.mm, (font_mm * 1.35) * c.mm


def _draw_label(
    c: _Canvas, lx: float, ly: float, w: float, h: float, text: str, role: str, font_mm: float
) -> None:
    colour = LOCAL if role == "local" else DISTAL
    c.parts.append(
        f'<rect x="{_n(lx)}" y="{_n(ly)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(0.6 * c.mm)}" fill="white" '
        f'stroke="{colour}" stroke-width="{_n(0.25 * c.mm)}"/>'
    )
    c.parts.append(_text(lx + w / 2, ly + h * 0.76, text, font_mm * c.mm, "middle", "bold"))


def _leader(c: _Canvas, x1: float, y1: float, x2: float, y2: float) -> None:
    c.parts.append(
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="#5b5f66" stroke-width="{_n(0.2 * c.mm)}"/>'
    )


def _back_labels(c: _Canvas, labels: list[_Label], side: str, font_mm: float) -> None:
    """Two columns of callouts: points near the spine on one side, the outer lines on the other."""
    inner = [lb for lb in labels if abs(lb.marker.x) < 2.0]
    outer = [lb for lb in labels if abs(lb.marker.x) >= 2.0]
    outer_sign = -1 if side == "left" else 1
    x0, y0, w0, h0 = c.box
    for group, sign in ((outer, outer_sign), (inner, -outer_sign)):
        if not group:
            continue
        group.sort(key=lambda lb: lb.y)
        # A bracket stands just outside its run's markers (both sides' columns), on the labels' side.
        gap = 1.6 * c.mm
        anchor_x = {
            id(lb): (
                (max(m.x for m in lb.run) + gap if sign > 0 else min(m.x for m in lb.run) - gap)
                if lb.run
                else lb.marker.x
            )
            for lb in group
        }
        edge = (max([*anchor_x.values(), 0.0]) + 5.0) if sign > 0 else (min([*anchor_x.values(), 0.0]) - 5.0)
        sizes = [_label_box(c, lb.mark.label, font_mm) for lb in group]
        ys = [lb.y - h / 2 for lb, (_, h) in zip(group, sizes, strict=True)]
        for i in range(1, len(ys)):
            ys[i] = max(ys[i], ys[i - 1] + sizes[i - 1][1] + 0.4 * c.mm)
        drift = sum(y + h / 2 - lb.y for y, lb, (_, h) in zip(ys, group, sizes, strict=True)) / len(group)
        shift = max(-drift, y0 - ys[0])
        shift = min(shift, y0 + h0 - (ys[-1] + sizes[-1][1]))
        for lb, y, (w, h) in zip(group, ys, sizes, strict=True):
            y += shift
            lx = edge if sign > 0 else edge - w
            lx = min(max(lx, x0), x0 + w0 - w)
            ax = anchor_x[id(lb)]
            if lb.run:
                _bracket(c, ax, min(m.y for m in lb.run), max(m.y for m in lb.run), -sign)
            _leader(c, ax, lb.y, lx if sign > 0 else lx + w, y + h / 2)
            _draw_label(c, lx, y, w, h, lb.mark.label, lb.mark.role, font_mm)


def _bracket(c: _Canvas, x: float, top: float, bottom: float, towards: int) -> None:
    """A bracket along a run of markers at x, its ticks pointing towards them (+1: to the right)."""
    t = towards * 0.9 * c.mm
    c.parts.append(
        f'<path d="M{_n(x + t)} {_n(top)}H{_n(x)}V{_n(bottom)}H{_n(x + t)}" fill="none" stroke="#5b5f66" '
        f'stroke-width="{_n(0.3 * c.mm)}" class="bracket"/>'
    )


def _beside_labels(c: _Canvas, labels: list[_Label], font_mm: float) -> None:
    """Each label beside its point: right, left, above or below, the first place free of the others."""
    x0, y0, w0, h0 = c.box
    placed: list[tuple[float, float, float, float]] = []
    for lb in sorted(labels, key=lambda lb: (lb.marker.y, lb.marker.x)):
        w, h = _label_box(c, lb.mark.label, font_mm)
        gap = 2.0 * c.mm
        mx, my = lb.marker.x, lb.marker.y
        cands = []
        for dy in (0.0, -1.0, 1.0, -2.0, 2.0):
            cands.append((mx + gap, my - h / 2 + dy * (h + 0.4 * c.mm)))
            cands.append((mx - gap - w, my - h / 2 + dy * (h + 0.4 * c.mm)))

        def free(x: float, y: float, w: float = w, h: float = h) -> bool:
            inside = x0 <= x and y0 <= y and x + w <= x0 + w0 and y + h <= y0 + h0
            return inside and not any(
                x < px + pw and px < x + w and y < py + ph and py < y + h for px, py, pw, ph in placed
            )

        lx, ly = next((p for p in cands if free(*p)), cands[0])
        placed.append((lx, ly, w, h))
        if abs(ly + h / 2 - my) > h / 2:
            _leader(c, mx, my, lx if lx > mx else lx + w, ly + h / 2)
        _draw_label(c, lx, ly, w, h, lb.mark.label, lb.mark.role, font_mm)


def diagram_svg(
    atlas: Atlas,
    drawing: Drawing,
    marks: Sequence[Mark],
    side: str = "both",
    audience: Audience = "patient",
    width_mm: float | None = None,
    font_mm: float = 2.9,
    back_box: tuple[float, float, float, float] = BACK_BOX,
    others: bool = True,
    labelled: bool = True,
    landmarks: bool = False,
) -> str:
    """One diagram as a standalone SVG (sized in mm) with the marked points, labelled.

    For a flash card: `others=False` leaves out a student's grey dots of the unmarked points, `labelled=False`
    the marked points' labels, and `landmarks=True` draws the back's numbered landmarks (anatomy.LANDMARKS)."""
    view = drawing.view
    box = back_box if view == "back" else drawing.view_box
    c = _Canvas(view, box, width_mm or FIGURE_WIDTH_MM[view])
    for p in drawing.paths:
        c.path(p.d, p.kind)
    small = 2.4
    if view == "back":
        for v in vertebrae():
            c.parts.append(
                f'<rect x="{_n(-PROCESS_HALF_WIDTH_CM)}" y="{_n(v.top)}" width="{_n(2 * PROCESS_HALF_WIDTH_CM)}" '
                f'height="{_n(v.bottom - v.top)}" fill="#e6e2da" '
                f'stroke="#5b5f66" stroke-width="{_n(0.15 * c.mm)}"/>'
            )
            if audience == "student":
                c.parts.append(_text(box[0] + 0.5, v.y + 0.4 * c.mm, v.level, small * c.mm, weight="bold"))
        if audience == "student":
            top, bottom = guide_span()
            for line in guide_lines():
                c.parts.append(
                    f'<line x1="{_n(line.x)}" x2="{_n(line.x)}" y1="{_n(top)}" y2="{_n(bottom)}" stroke="#0072B2" '
                    f'stroke-opacity="0.6" stroke-width="{_n(0.2 * c.mm)}" stroke-dasharray="{_n(0.8 * c.mm)} {_n(0.8 * c.mm)}"/>'
                )
                if line.x > 0:
                    # The 0.5 label a line lower: beside the 1.5 at this size they would run together.
                    lower = 2.8 * c.mm if line.cun < 1 else 0.0
                    c.parts.append(
                        _text(line.x, bottom + 3.2 * c.mm + lower, f"{line.cun:g}", small * c.mm, "middle")
                    )
            c.parts.append(_text(anatomy.cun_to_cm(5.5), bottom + 3.2 * c.mm, "cun", small * c.mm, "middle"))
        left, right = SIDE_LABELS[audience]
        c.parts.append(_text(box[0] + 0.5, box[1] + 3.8 * c.mm, left, 3.0 * c.mm, weight="bold"))
        c.parts.append(_text(box[0] + box[2] - 0.5, box[1] + 3.8 * c.mm, right, 3.0 * c.mm, "end", "bold"))
        if landmarks:
            for i, lm in enumerate(anatomy.LANDMARKS, start=1):
                for sign in (-1, 1) if lm.x_cun else (1,):
                    x, y = sign * anatomy.cun_to_cm(lm.x_cun), anatomy.level_y(lm.level)
                    c.parts.append(
                        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(2.2 * c.mm)}" fill="#ffffff" '
                        f'stroke="#5b5f66" stroke-width="{_n(0.3 * c.mm)}"/>'
                    )
                    c.parts.append(_text(x, y + 0.9 * c.mm, str(i), 2.6 * c.mm, "middle", "bold"))
    by_id = {m.point.id: m for m in marks}
    all_markers = markers_for(atlas, view)
    if audience == "student" and others:
        for mk in all_markers:
            if mk.point.id not in by_id:
                c.parts.append(
                    f'<circle cx="{_n(mk.x)}" cy="{_n(mk.y)}" r="{_n(0.55 * c.mm)}" fill="#9aa0a6"/>'
                )
    shown = [mk for mk in all_markers if mk.point.id in by_id and lights_marker(side, mk)]
    labels: list[_Label] = []
    for mk in shown:
        mark = by_id[mk.point.id]
        c.parts.append(_marker_shape(c, mk.x, mk.y, mark.role))
        # A bilateral point marked on both sides is labelled once, on the person's right (as on the map).
        if view == "back" and mk.side == "left" and side == "both":
            continue
        labels.append(_Label(mark, mk))
    if not labelled:
        labels = []
    if view == "back":
        _back_labels(c, _shared(labels, shown, by_id) if audience == "patient" else labels, side, font_mm)
    else:
        _beside_labels(c, labels, font_mm)
    return c.svg(TITLES[audience][view])


#: The key under a figure: its font (mm), line height (mm) and the width of a character (em, approximate).
KEY_FONT_MM = 3.0
KEY_LINE_MM = 4.4
_CHAR_EM = 0.56


def key_entry(group: Sequence[Mark]) -> str:
    """One line of a figure's key: the label as drawn, then the point's name ("6  Liver Shu (BL18)")."""
    first = group[0]
    point = first.point
    label = first.label if first.label.isdigit() else point.code
    return f"{label}  {point.english} ({point.code})" if label != point.code else f"{label}  {point.english}"


def _key(marks: Sequence[Mark], width: float, top: float) -> tuple[str, float] | None:
    """The figure's key, in as many columns as fit its width: the SVG and the bottom it reaches (mm)."""
    groups = entries(marks)
    if not groups:
        return None
    lines = [(key_entry(g), g[0].role) for g in groups]
    longest = max(len(text) for text, _ in lines) * _CHAR_EM * KEY_FONT_MM + 6.0
    cols = max(1, min(4, int(width // longest)))
    rows = -(-len(lines) // cols)
    col_w = width / cols
    parts = [_text(0, top + 4.0, "Key", 3.4, weight="bold")]
    y0 = top + 4.0 + KEY_LINE_MM
    for i, (text, role) in enumerate(lines):
        x, y = (i // rows) * col_w, y0 + (i % rows) * KEY_LINE_MM
        # The marker's own shape: a dot near the pain, a diamond far from it.
        if role == "local":
            parts.append(f'<circle cx="{_n(x + 1.2)}" cy="{_n(y - 1.1)}" r="1.2" fill="{LOCAL}"/>')
        else:
            d = f"M{_n(x + 1.3)} {_n(y - 2.5)}l1.3 1.4l-1.3 1.4l-1.3 -1.4Z"
            parts.append(f'<path d="{d}" fill="{DISTAL}"/>')
        parts.append(_text(x + 3.4, y, text, KEY_FONT_MM))
    return '<g class="key">' + "".join(parts) + "</g>", y0 + (rows - 1) * KEY_LINE_MM + 4.0


def views_with(marks: Sequence[Mark]) -> tuple[str, ...]:
    """The back always, and each other diagram that has a marked point, in the map's order."""
    have = {m.point.view for m in marks}
    return tuple(v for v in DIAGRAM_VIEWS if v == "back" or v in have)


def figure_svg(
    atlas: Atlas,
    drawings: dict[str, Drawing],
    marks: Sequence[Mark],
    side: str = "both",
    audience: Audience = "patient",
    title: str = "",
) -> str:
    """Every diagram that has a marked point, in one SVG: the back on the left, the others stacked beside it."""
    gap = 6.0
    head = 9.0 if title else 0.0
    parts: list[str] = []
    x, y = 0.0, head
    col_x = FIGURE_WIDTH_MM["back"] + gap
    col_y = head
    col_w = 0.0
    for view in views_with(marks):
        if view not in drawings:
            continue
        svg = diagram_svg(atlas, drawings[view], marks, side, audience)
        box = BACK_BOX if view == "back" else drawings[view].view_box
        w = FIGURE_WIDTH_MM[view]
        h = w * box[3] / box[2]
        if view == "back":
            px, py = x, y + 5.0
            back_h = h + 5.0
        else:
            px, py = col_x, col_y + 5.0
            col_y += h + 5.0 + gap
            col_w = max(col_w, w)
        caption = TITLES[audience][view]
        parts.append(_text(px, py - 1.5, caption, 3.2, weight="bold"))
        inner = svg.split(">", 1)[1].rsplit("</svg>", 1)[0]
        k = w / box[2]
        parts.append(
            f'<g transform="translate({_n(px)} {_n(py)}) scale({k:.6f}) translate({_n(-box[0])} {_n(-box[1])})">'
            f"{inner}</g>"
        )
    total_w = col_x + col_w if col_w else FIGURE_WIDTH_MM["back"]
    total_h = max(head + back_h, col_y)
    key = _key(marks, total_w, total_h + 2.0)
    if key:
        parts.append(key[0])
        total_h = key[1]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(total_w)}mm" height="{_n(total_h)}mm" '
        f'viewBox="0 0 {_n(total_w)} {_n(total_h)}">',
        f'<rect x="0" y="0" width="{_n(total_w)}" height="{_n(total_h)}" fill="white"/>',
    ]
    if title:
        out.append(_text(0, 6.0, title, 5.0, weight="bold"))
    return "".join(out + parts) + "</svg>"
