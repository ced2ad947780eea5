"""Words for the diagrams: accessible names, tooltips, text alternatives, and where a tap landed.

The map speaks the same body model it draws: a back point's name says its level and its distance from the
midline in cun, so a screen-reader user and a sighted user learn the same facts.
"""

from __future__ import annotations

from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import Marker, placement_text
from acumap.atlas.regions import BASE_SPANS, Region, RegionChoice
from acumap.atlas.selection import Highlight
from acumap.body import anatomy

VIEW_TITLES = {
    "back": "Back, seen from behind (scale: 3 cun = midline to shoulder blade)",
    "hand": "Hand: back of the right hand",
    "leg": "Leg: right knee, calf, ankle, foot",
    "head": "Head: from above",
    "neck": "Neck: from behind",
}

#: Words a person can say for the sides of the back view (posterior view: the person's left is on the left).
SIDE_WORDS = {"left": "left side", "right": "right side", "midline": "on the midline"}


def points_word(n: int) -> str:
    """A count of points in words: "1 point", "6 points"."""
    return f"{n} point" if n == 1 else f"{n} points"


def where_on_map(point: Point) -> str:
    """The location as the map places it: 'level with the lower border of T9, 1.5 cun from the midline'."""
    placed = placement_text(point)
    if placed is not None:
        return placed
    short = point.location.split(";")[0].rstrip(".")
    return short[:117].rsplit(" ", 1)[0] + "…" if len(short) > 120 else short


def point_name(marker: Marker) -> str:
    """Accessible name of a marker: code, pinyin, where it lies, and which side."""
    p = marker.point
    name = f"{p.code} {p.pinyin}, {where_on_map(p)}"
    if p.view == "back" and marker.side in ("left", "right"):
        name += f" ({marker.side} side)"
    return name


def tooltip(point: Point) -> tuple[str, str, str]:
    """Three lines for a hover or tap: code and names, English name, where it lies."""
    return f"{point.code} · {point.pinyin} {point.hanzi}", point.english, where_on_map(point)


def region_name(region: Region) -> str:
    """Accessible name of a clickable region: 'Middle back, left side: T7 to T12 …'."""
    side = "" if region.side == "both" else f", {region.side} side"
    return f"{region.label.split(' (')[0]}{side}: {BASE_SPANS[region.base]}"


def position_text(view: str, x: float, y: float) -> str:
    """Where a click or tap landed, in the words of the body model (for the back: level and cun)."""
    if view != "back":
        return f"on the {view} diagram, {x:.1f} cm across and {y:.1f} cm down"
    cun = abs(x) / anatomy.CM_PER_CUN
    side = (
        "on the midline"
        if anatomy.on_midline(x)
        else f"{cun:.1f} cun {'left' if x < 0 else 'right'} of the midline"
    )
    levels = anatomy.SPINE_LEVELS
    if y < anatomy.level_y(levels[0]) - 1.0:
        height = "above C7 (the neck)"
    elif y > anatomy.lower_border_y(levels[-1]) + 1.0:
        height = "below L5 (the sacrum and pelvis)"
    else:
        nearest = min(levels, key=lambda lv: abs(anatomy.level_y(lv) - y))
        height = f"level with {nearest}"
    return f"{side}, {height}"


def alt_text(atlas: Atlas, view: str, choice: RegionChoice | None, lit: tuple[Highlight, ...]) -> str:
    """A text alternative for one diagram: what it shows and what is highlighted."""
    if view == "back":
        text = (
            "Diagram of the back seen from behind (the person's left on the left): the spine as a ladder of "
            "vertebrae C7, T1 to T12 and L1 to L5, Bladder lines at 0.5, 1.5 and 3 cun each side of the "
            "midline, the shoulder blades and the top of the pelvis, with clickable pain regions."
        )
    else:
        text = f"Diagram: {VIEW_TITLES[view]}."
    if choice is None:
        codes = sorted({p.code for p in atlas.points if p.view == view})
        return text + (f" Points shown: {', '.join(codes)}." if codes else "")
    on_view = [h for h in lit if h.point.view == view]
    local = [h.point.id for h in on_view if h.role == "local"]
    distal = [h.point.id for h in on_view if h.role == "distal"]
    parts = []
    if local:
        parts.append(f"local points {', '.join(local)}")
    if distal:
        parts.append(f"distal points {', '.join(distal)}")
    return (
        text + f" Highlighted for the {choice.label.lower()}: " + ("; ".join(parts) or "no points here") + "."
    )
