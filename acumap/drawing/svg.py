"""The body diagrams as SVG, composed from `assets/*.svg` and the computed point positions.

Each diagram is one `<svg data-view="back|neck|hand|leg|head">` whose viewBox is that diagram's own cm coordinates
(docs/coordinates.md), so a browser test can click at a body position with getScreenCTM(). Geometry is in cm;
everything that must stay readable and tappable at any size (markers, hit areas, text) sits in a
`<g class="px">` that the browser scales to screen pixels, so a marker is the same size on a phone and on a
projector. All text from the data is XML-escaped here; the browser adds none but codes and tooltips (as text).

The contract for browser tests (DESIGN.md): every region shape carries `data-region`, every marker
`data-point` (one element per side), and the browser adds `data-lit` and `data-selected` to them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from acumap.atlas.data import MERIDIANS, Atlas
from acumap.atlas.placement import DIAGRAM_VIEWS, Marker, markers_for
from acumap.atlas.regions import REGIONS, choice_ids, parse_region, regions_for
from acumap.atlas.selection import highlights, lights_marker
from acumap.body import anatomy
from acumap.body.scales import CM_PER_CUN_ACROSS
from acumap.drawing.assets import Drawing
from acumap.drawing.describe import VIEW_TITLES, point_name, position_words, region_name, tooltip
from acumap.drawing.geometry import PROCESS_HALF_WIDTH_CM, SIDE_LABELS, guide_lines, guide_span, vertebrae

# Okabe-Ito, safe for the common colour-vision deficiencies.
LOCAL_COLOUR = "#D55E00"
DISTAL_COLOUR = "#0072B2"
CHOSEN_COLOUR = "#F0E442"
MERIDIAN_COLOURS = {
    "Governor Vessel": "#CC79A7",
    "Bladder": "#0072B2",
    "Extra": "#6f6f6f",
    "Gallbladder": "#009E73",
    "Small Intestine": "#E69F00",
}
OTHER_MERIDIAN = "#56B4E9"

#: The back diagram's window (cm): the torso plus room for the spine ladder's labels and the point labels.
BACK_VIEW_BOX = (-32.0, -17.0, 64.0, 82.0)
LADDER_LABEL_X = -29.0

#: Orientation labels of the distal diagrams: (x, y, text, anchor) in each diagram's own coordinates.
VIEW_LABELS: dict[str, tuple[tuple[float, float, str, str], ...]] = {
    "hand": ((-10.6, 14.5, "← thumb side", "start"),),
    "leg": (
        (-36.0, 47.4, "back", "middle"),
        (-12.0, 47.4, "outside", "middle"),
        (12.0, 47.4, "inside", "middle"),
        (36.0, 47.4, "foot", "middle"),
    ),
    "head": ((0.0, -12.2, "front ↑", "middle"), (0.0, 10.6, "back", "middle")),
    "neck": ((-12.6, -14.6, "L", "start"), (12.6, -14.6, "R", "end")),
}

#: Marker shapes, drawn in screen pixels around the point (the browser scales the group).
DOT = '<circle class="dot" r="6"/>'
DIAMOND = '<path class="dia" d="M0 -8.5L8.5 0L0 8.5L-8.5 0Z"/>'
STAR = '<path class="star" d="M0 -13L3.8 -4.2L13 -4L5.9 2.2L8.2 11.5L0 6.4L-8.2 11.5L-5.9 2.2L-13 -4L-3.8 -4.2Z"/>'
HIT = '<circle class="hit" r="12.5"/>'


def _n(value: float) -> str:
    """A coordinate, short: 3 decimals are 0.01 mm."""
    return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"


def _attrs(**attrs: str | float | None) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f"{name}={quoteattr(_n(value) if isinstance(value, float) else str(value))}")
    return " ".join(parts)


def _px(x: float, y: float, inner: str, cls: str = "", **attrs: str | float | None) -> str:
    """A group at a body position whose content is drawn in screen pixels."""
    return (
        f"<g {_attrs(class_=cls or None, transform=f'translate({_n(x)} {_n(y)})', **attrs)}>"
        f'<g class="px">{inner}</g></g>'
    )


def _text(text: str, cls: str = "", anchor: str = "start", dx: float = 0, dy: float = 0) -> str:
    return (
        f"<text {_attrs(class_=cls or None, text_anchor=anchor, dx=float(dx), dy=float(dy))}>"
        f"{escape(text)}</text>"
    )


def meridian_colour(meridian: str) -> str:
    return MERIDIAN_COLOURS.get(meridian, OTHER_MERIDIAN)


def marker_key(m: Marker) -> str:
    """How the browser finds a marker in the payload's `lights`: its point and side ("BL18 left")."""
    return f"{m.point.id} {m.side}"


def _marker(m: Marker) -> str:
    p = m.point
    return _px(
        m.x,
        m.y,
        HIT + DOT + DIAMOND + STAR,
        cls="pt" + (" ex" if p.meridian == "Extra" else ""),
        data_point=p.id,
        data_code=p.code,
        data_side=m.side,
        data_x=m.x,
        data_y=m.y,
        style=f"--c:{meridian_colour(p.meridian)}",
        role="button",
        tabindex="-1",
        aria_label=point_name(m),
    )


def _outline(drawing: Drawing) -> str:
    return "".join(f'<path class="{p.kind}" d={quoteattr(p.d)}/>' for p in drawing.paths)


def _polygon_d(polygon: Iterable[tuple[float, float]]) -> str:
    pts = list(polygon)
    return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in pts) + "Z"


def _ladder() -> str:
    out = ['<g class="ladder" aria-hidden="true">']
    for v in vertebrae():
        w = PROCESS_HALF_WIDTH_CM
        out.append(f'<rect class="vert" {_attrs(x=-w, y=v.top, width=2 * w, height=v.bottom - v.top)}/>')
        out.append(f'<line class="tick" {_attrs(x1=LADDER_LABEL_X + 2.2, x2=-1.0, y1=v.y, y2=v.y)}/>')
        out.append(_px(LADDER_LABEL_X, v.y, _text(v.level, "lvl", "middle", dy=4.5)))
    out.append(_px(LADDER_LABEL_X, -4.2, _text("Spine", "lvl head", "middle", dy=4)))
    out.append("</g>")
    return "".join(out)


def _guides() -> str:
    top, bottom = guide_span()
    out = ['<g class="guides" aria-hidden="true">']
    for line in guide_lines():
        cls = "guide main" if line.main else "guide"
        out.append(f'<line class="{cls}" {_attrs(x1=line.x, x2=line.x, y1=top, y2=bottom)}/>')
        if line.x > 0:
            # The 0.5 label sits a line lower: at phone size it would touch the 1.5.
            dy = 24 if line.cun < 1 else 12
            out.append(_px(line.x, bottom + 0.6, _text(f"{line.cun:g}", "cun", "middle", dy=dy)))
    out.append(_px(anatomy.cun_to_cm(5.0), bottom + 0.6, _text("cun", "cun", "middle", dy=12)))
    # Scale: 3 cun = midline to the medial border of the scapula.
    y, x3 = -11.5, anatomy.cun_to_cm(anatomy.SCAPULA_MEDIAL_BORDER_CUN)
    out.append(
        f'<path class="scale" d="M0 {_n(y - 0.6)}V{_n(y + 0.6)}M0 {_n(y)}H{_n(x3)}M{_n(x3)} {_n(y - 0.6)}V{_n(y + 0.6)}"/>'
    )
    out.append(_px(x3 / 2, y, _text("3 cun", "cun", "middle", dy=-6)))
    out.append("</g>")
    return "".join(out)


def _landmarks() -> str:
    out = ['<g class="landmarks">']
    for i, lm in enumerate(anatomy.LANDMARKS, start=1):
        x, y = anatomy.cun_to_cm(lm.x_cun), anatomy.level_y(lm.level)
        out.append(
            _px(
                x,
                y,
                '<circle class="ring" r="9"/>' + _text(str(i), "num", "middle", dy=4),
                cls="lm",
                data_landmark=lm.key,
                data_x=x,
                data_y=y,
                role="img",
                aria_label=f"Landmark {i}: {lm.label}. {lm.taught} {lm.found}",
            )
        )
    out.append("</g>")
    return "".join(out)


def _regions() -> str:
    out = ['<g class="regions">']
    for r in REGIONS:
        out.append(
            f"<path {_attrs(class_='region', data_region=r.id, d=_polygon_d(r.polygon), role='button', tabindex='-1', aria_label=region_name(r))}/>"
        )
    out.append("</g>")
    return "".join(out)


def _side_labels() -> str:
    """Both audiences' side labels; the page's audience shows one pair (map.css)."""
    x0, y0, w, _ = BACK_VIEW_BOX
    out = ['<g class="sides" aria-hidden="true">']
    for audience, (left, right) in SIDE_LABELS.items():
        cls = f"side for-{audience}"
        out.append(_px(x0 + 0.6, y0 + 0.6, _text(left, cls, "start", dy=14)))
        out.append(_px(x0 + w - 0.6, y0 + 0.6, _text(right, cls, "end", dy=14)))
    out.append("</g>")
    return "".join(out)


def view_box(drawing: Drawing) -> tuple[float, float, float, float]:
    """The frame a diagram is shown in (the back's is wider than its outline, for labels and the ladder)."""
    return BACK_VIEW_BOX if drawing.view == "back" else drawing.view_box


def compose_view(atlas: Atlas, drawing: Drawing) -> str:
    """One diagram as an `<svg>`: outline, body-model guides (back), regions (back), landmarks, points."""
    view = drawing.view
    box = view_box(drawing)
    markers = markers_for(atlas, view)
    parts = [
        f"<svg {_attrs(xmlns='http://www.w3.org/2000/svg', data_view=view, viewBox=' '.join(_n(v) for v in box), role='group', aria_label=VIEW_TITLES[view], tabindex='-1', preserveAspectRatio='xMidYMid meet')}>",
        f'<g class="body" aria-hidden="true">{_outline(drawing)}</g>',
    ]
    if view == "back":
        parts += [_guides(), _ladder(), _regions(), _landmarks(), _side_labels()]
    else:
        parts.append(
            '<g class="tags" aria-hidden="true">'
            + "".join(_px(x, y, _text(t, "note", a, dy=4)) for x, y, t, a in VIEW_LABELS.get(view, ()))
            + "</g>"
        )
    parts.append('<g class="points">' + "".join(_marker(m) for m in markers) + "</g>")
    parts.append('<g class="labels" aria-hidden="true"></g></svg>')
    return "".join(parts)


@dataclass(frozen=True)
class MapPayload:
    """What the map component receives once per atlas: the SVGs and the tables its browser code needs."""

    views: dict[str, str]
    data: dict[str, Any]
    digest: str


def map_payload(atlas: Atlas, drawings: dict[str, Drawing]) -> MapPayload:
    """Compose every diagram and the lookup tables the browser uses to highlight without asking Python.

    For every id a person can choose, `lights` gives each marker it lights (by "point side") and its role, and
    `shapes` the clickable shapes it lights: the browser looks them up, so it lights exactly what
    `acumap.atlas.selection` decides. `regions` gives each id's base region, side and label.
    """
    views = {v: compose_view(atlas, drawings[v]) for v in DIAGRAM_VIEWS if v in drawings}
    markers = [m for v in DIAGRAM_VIEWS for m in markers_for(atlas, v)]
    regions: dict[str, dict[str, str]] = {}
    lights: dict[str, dict[str, str]] = {}
    shapes: dict[str, list[str]] = {}
    for rid in choice_ids():
        choice = parse_region(rid)
        assert choice is not None
        regions[rid] = {"base": choice.base, "side": choice.side, "label": choice.label}
        roles = {h.point.id: h.role for h in highlights(atlas, choice)}
        lights[rid] = {
            marker_key(m): roles[m.point.id]
            for m in markers
            if m.point.id in roles and lights_marker(choice.side, m)
        }
        shapes[rid] = [r.id for r in regions_for(choice)]
    tips = {p.id: list(tooltip(p)) for p in atlas.points}
    views_of = {p.id: p.view for p in atlas.points}
    landmarks = {
        lm.key: [f"{i}. {lm.label}", lm.taught, lm.found] for i, lm in enumerate(anatomy.LANDMARKS, start=1)
    }
    data: dict[str, Any] = {
        "lights": lights,
        "shapes": shapes,
        "regions": regions,
        "tips": tips,
        "view_of": views_of,
        "landmarks": landmarks,
        "titles": {v: VIEW_TITLES[v] for v in views},
        "legend": legend(atlas),
        # For the quiz by keyboard: where the cross is, in the words the page uses (acumap.drawing.describe).
        "words": position_words(),
        # A quarter of a cun a step of the cross, across each diagram.
        "cm_per_cun": CM_PER_CUN_ACROSS,
        # A region tap this close to the back's midline chooses both sides (acumap.atlas.selection.apply_event).
        "midline_cm": anatomy.cun_to_cm(anatomy.MIDLINE_CUN),
    }
    digest = hashlib.sha256(json.dumps([views, data], sort_keys=True).encode()).hexdigest()[:16]
    return MapPayload(views=views, data=data, digest=digest)


#: Short legend names of the landmarks (their full text is in each ring's tooltip and accessible name).
LANDMARK_SHORT = {
    "c7": "Most prominent process",
    "scapular_spine_root": "Scapular spine root",
    "inferior_angle": "Scapula's lower tip",
    "iliac_crest": "Iliac crest tops",
}


def legend(atlas: Atlas) -> dict[str, Any]:
    """The overview legend: the meridians drawn (with their colours) and the landmarks by number."""
    present = [m for m in MERIDIANS.values() if any(p.meridian == m for p in atlas.points)]
    return {
        "meridians": [[m, meridian_colour(m)] for m in present],
        "landmarks": [
            [str(i), LANDMARK_SHORT.get(lm.key, lm.label), f"taught {lm.level}"]
            for i, lm in enumerate(anatomy.LANDMARKS, 1)
        ],
        "colours": {"local": LOCAL_COLOUR, "distal": DISTAL_COLOUR, "chosen": CHOSEN_COLOUR},
    }
