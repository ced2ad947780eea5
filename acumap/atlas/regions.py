"""Pain regions on the back view: their shapes, hit-testing, and the ids used in links and URLs.

Shapes are built from the body model (spine levels and cun), so a region's top and bottom follow the
vertebrae it covers: upper back T1-T6, middle back T7-T12, lower back L1-L5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from acumap.body import anatomy

Polygon = tuple[tuple[float, float], ...]
SideChoice = Literal["left", "right", "both"]

#: Regions as linked in the data (both sides share links).
BASE_REGIONS: tuple[str, ...] = ("neck", "shoulder", "upper_back", "middle_back", "lower_back")

BASE_LABELS: dict[str, str] = {
    "neck": "Neck",
    "shoulder": "Shoulder and shoulder blade",
    "upper_back": "Upper back",
    "middle_back": "Middle back",
    "lower_back": "Lower back",
}

BASE_SPANS: dict[str, str] = {
    "neck": "base of the skull to C7",
    "shoulder": "top of the shoulder and the shoulder blade",
    "upper_back": "T1 to T6, between the shoulder blades",
    "middle_back": "T7 to T12, below the shoulder blades to the lowest ribs",
    "lower_back": "L1 to L5, the lumbar spine down to the pelvis",
}


@dataclass(frozen=True)
class Region:
    """One clickable pain region of the back view."""

    id: str
    base: str
    side: SideChoice
    polygon: Polygon

    @property
    def label(self) -> str:
        base = BASE_LABELS[self.base]
        return base if self.side == "both" else f"{base} ({self.side})"


@dataclass(frozen=True)
class RegionChoice:
    """What a region id in the UI or a URL means: which linked region and which side(s) light up."""

    id: str
    base: str
    side: SideChoice

    @property
    def label(self) -> str:
        base = BASE_LABELS[self.base]
        if self.base == "neck":
            return base
        return f"{base}, both sides" if self.side == "both" else f"{base}, {self.side} side"

    def shows_side(self, side: str) -> bool:
        return self.side == "both" or self.side == side


def _mirror(poly: Sequence[tuple[float, float]]) -> Polygon:
    return tuple((-x, y) for x, y in poly)


def _c(cun: float) -> float:
    return anatomy.cun_to_cm(cun)


def _build_regions() -> tuple[Region, ...]:
    top_t1 = anatomy.upper_border_y("T1")
    top_t7 = anatomy.upper_border_y("T7")
    top_l1 = anatomy.upper_border_y("L1")
    inner = _c(3.6)  # just beyond the 3-cun line, so the outer Bladder line belongs to the back regions
    neck: Polygon = ((-5.2, -12.0), (5.2, -12.0), (5.8, -3.0), (6.5, top_t1), (-6.5, top_t1), (-5.8, -3.0))
    shoulder_r: Polygon = (
        (5.8, -3.0),
        (6.2, -4.4),
        (12.0, -3.0),
        (18.5, -1.4),
        (20.8, 2.5),
        (20.8, 7.5),
        (17.2, 13.5),
        (10.0, 21.0),
        (inner, top_t7),
        (inner, top_t1),
        (6.5, top_t1),
    )
    upper_r: Polygon = ((0.0, top_t1), (inner, top_t1), (inner, top_t7), (0.0, top_t7))
    middle_r: Polygon = (
        (0.0, top_t7),
        (inner, top_t7),
        (10.0, 21.0),
        (15.2, 22.0),
        (14.0, top_l1),
        (0.0, top_l1),
    )
    lower_r: Polygon = ((0.0, top_l1), (14.0, top_l1), (13.8, 43.0), (15.8, 52.5), (0.0, 52.5))
    regions = [Region("neck", "neck", "both", neck)]
    for base, right in (
        ("shoulder", shoulder_r),
        ("upper_back", upper_r),
        ("middle_back", middle_r),
        ("lower_back", lower_r),
    ):
        regions.append(Region(f"{base}_left", base, "left", _mirror(right)))
        regions.append(Region(f"{base}_right", base, "right", right))
    return tuple(regions)


#: The clickable regions; ids are part of the browser-test contract.
REGIONS: tuple[Region, ...] = _build_regions()
REGION_IDS: tuple[str, ...] = tuple(r.id for r in REGIONS)
_BY_ID = {r.id: r for r in REGIONS}


def region(region_id: str) -> Region:
    return _BY_ID[region_id]


def point_in_polygon(x: float, y: float, polygon: Sequence[tuple[float, float]]) -> bool:
    """Even-odd ray casting; points on a vertical/horizontal edge count as inside."""
    inside = False
    n = len(polygon)
    for i in range(n):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % n]
        if _on_segment(x, y, x1, y1, x2, y2):
            return True
        if (y1 > y) != (y2 > y):
            x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < x_cross:
                inside = not inside
    return inside


def _on_segment(x: float, y: float, x1: float, y1: float, x2: float, y2: float) -> bool:
    cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1)
    if abs(cross) > 1e-9:
        return False
    return min(x1, x2) - 1e-9 <= x <= max(x1, x2) + 1e-9 and min(y1, y2) - 1e-9 <= y <= max(y1, y2) + 1e-9


def region_at(x: float, y: float) -> str | None:
    """The id of the region containing (x, y) in back-view cm, or None outside every region.

    On the midline, where left and right meet, the person's left wins (it is listed first).
    """
    for r in REGIONS:
        if point_in_polygon(x, y, r.polygon):
            return r.id
    return None


def parse_region(value: str | None) -> RegionChoice | None:
    """Read a region id from the UI or a URL: `middle_back` (both sides), `middle_back_left`, `neck`.

    Returns None for anything else (the caller shows a notice).
    """
    if not value:
        return None
    text = value.strip().lower().replace("-", "_").replace(" ", "_")
    if text in BASE_REGIONS:
        return RegionChoice(text, text, "both")
    for side in ("left", "right"):
        suffix = f"_{side}"
        if text.endswith(suffix) and text[: -len(suffix)] in BASE_REGIONS and text[: -len(suffix)] != "neck":
            return RegionChoice(text, text[: -len(suffix)], side)
    return None


def choice_ids() -> tuple[str, ...]:
    """Every id a person can pick, in menu order: each region for both sides, then each side."""
    ids: list[str] = []
    for base in BASE_REGIONS:
        ids.append(base)
        if base != "neck":
            ids += [f"{base}_left", f"{base}_right"]
    return tuple(ids)


def regions_for(choice: RegionChoice) -> tuple[Region, ...]:
    """The clickable shapes that a choice lights up."""
    return tuple(
        r for r in REGIONS if r.base == choice.base and (r.side == "both" or choice.shows_side(r.side))
    )
