"""Words for the diagrams: accessible names, tooltips, text alternatives, and where a tap landed.

The map speaks the same body model it draws: a back point's name says its level and its distance from the
midline in cun, so a screen-reader user and a sighted user learn the same facts.
"""

from __future__ import annotations

from typing import Any

from acumap.atlas.codes import alternative_codes
from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import Marker, placement_text
from acumap.atlas.regions import BASE_SPANS, Region, RegionChoice
from acumap.atlas.selection import Highlight
from acumap.body import anatomy
from acumap.body.scales import CM_PER_CUN_XY

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


#: Where a position on the back's spine is, counted from the lower border of a spinous process (cm): this close
#: above it a position is on the process; below the border, in the depression under it, where back points sit.
ON_PROCESS_CM = 0.3
#: Beyond this far below L5's lower border (cm), a position is on the sacrum rather than under L5.
BELOW_L5_CM = 1.0

#: The one wording of a position, filled here for the page ("Last tap: …") and in the browser for the quiz's
#: keyboard cross (ui/component/map/rules.js, from `position_words()` in the map's payload).
POSITION_TEMPLATES = {
    "back": "{height}, {side}",
    "midline": "on the midline",
    "beside": "{cun} cun {side} of the midline",
    "elsewhere": "on the {view} diagram, {across} cun across and {down} cun down",
    "above": "above {level} (the neck)",
    "on": "on the spinous process of {level}",
    "below": "below the spinous process of {level}",
    "beyond": "below {level} (the sacrum and pelvis)",
    "cross": "Cross {where}.",
}


def height_bands() -> tuple[tuple[float, str], ...]:
    """The back's heights top to bottom: (the band's lower edge in cm, its words); a position is in the first
    band whose edge lies below it (beyond the last: POSITION_TEMPLATES["beyond"])."""
    levels = anatomy.SPINE_LEVELS
    t = POSITION_TEMPLATES
    bands = [(anatomy.upper_border_y(levels[0]), t["above"].format(level=levels[0]))]
    for i, level in enumerate(levels):
        bottom = anatomy.lower_border_y(level)
        after = anatomy.upper_border_y(levels[i + 1]) if i + 1 < len(levels) else bottom + BELOW_L5_CM
        bands.append((bottom - ON_PROCESS_CM, t["on"].format(level=level)))
        bands.append((after, t["below"].format(level=level)))
    return tuple(bands)


def number_text(value: float) -> str:
    """A figure as the position words write it: two decimals at most, no trailing zeros ("1.5", "0.25", "-3")."""
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return f"-{text}" if value < 0 and text != "0" else text


def position_text(view: str, x: float, y: float) -> str:
    """Where a click or tap landed, in the words of the body model: on the back the spinous process it is on or
    below and its distance from the midline in cun; on another diagram, cun across and down."""
    t = POSITION_TEMPLATES
    if view != "back":
        across, down = CM_PER_CUN_XY[view]
        return t["elsewhere"].format(view=view, across=number_text(x / across), down=number_text(y / down))
    if anatomy.on_midline(x):
        side = t["midline"]
    else:
        side = t["beside"].format(
            cun=number_text(abs(x) / anatomy.CM_PER_CUN), side="left" if x < 0 else "right"
        )
    beyond = t["beyond"].format(level=anatomy.SPINE_LEVELS[-1])
    height = next((words for edge, words in height_bands() if y < edge), beyond)
    return t["back"].format(height=height, side=side)


def position_words() -> dict[str, Any]:
    """What the browser needs to say a position in the same words as `position_text`."""
    return {
        "templates": POSITION_TEMPLATES,
        "bands": [list(band) for band in height_bands()],
        "last_level": anatomy.SPINE_LEVELS[-1],
        "midline_cm": anatomy.cun_to_cm(anatomy.MIDLINE_CUN),
        "cm_per_cun": {view: list(xy) for view, xy in CM_PER_CUN_XY.items()},
        "back_cm_per_cun": anatomy.CM_PER_CUN,
    }


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


def pick_label(point: Point, with_view: bool = False) -> str:
    """A point as a list to pick from shows it: code, pinyin and English name, and the codes other schools write
    (so a student who types "UB18" into the list's filter finds BL18)."""
    also = alternative_codes(point.code)
    return (
        f"{point.code} · {point.pinyin} · {point.english}"
        + (f" ({point.view})" if with_view else "")
        + (f" · also {', '.join(also)}" if also else "")
    )
