"""What the person has chosen (a region, a point) and what it lights up.

Pure functions over the validated atlas: the page layer keeps the state, this module decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from acumap.data import Atlas, Point
from acumap.regions import RegionChoice, parse_region


@dataclass(frozen=True)
class Highlight:
    """A point lit up for a region: local or distal, and why it is used there."""

    point: Point
    role: str
    why: str


def highlights(atlas: Atlas, choice: RegionChoice) -> tuple[Highlight, ...]:
    """Points used for a region, local first, each group in the order of the data."""
    found = [
        Highlight(atlas.point(link.point_id), link.role, link.why) for link in atlas.links_for(choice.base)
    ]
    return tuple(sorted(found, key=lambda h: 0 if h.role == "local" else 1))


@dataclass(frozen=True)
class Selection:
    """The visible state: a region and/or a point; notices for link values that were ignored."""

    region: RegionChoice | None = None
    point: Point | None = None
    projector: bool = False
    notices: tuple[str, ...] = ()


def from_params(atlas: Atlas, params: Mapping[str, str | list[str]]) -> Selection:
    """Read `?region=` and `?point=` from a link; ignore (with a notice) what is unknown."""
    notices: list[str] = []

    def first(key: str) -> str | None:
        value = params.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    region_text = first("region")
    point_text = first("point")
    region = parse_region(region_text)
    if region_text and region is None:
        notices.append(
            f"The link asked for region “{region_text}”, which AcuMap does not know; it was ignored."
        )
    point = atlas.find_point(point_text) if point_text else None
    if point_text and point is None:
        notices.append(
            f"The link asked for point “{point_text}”, which AcuMap does not list; it was ignored."
        )
    mode_text = first("mode")
    projector = mode_text is not None and mode_text.lower() == "projector"
    if mode_text and not projector:
        notices.append(
            f"The link asked for mode “{mode_text}”; AcuMap knows only “projector”. It was ignored."
        )
    known = {"region", "point", "mode"}
    for key in params:
        if key not in known:
            notices.append(f"The link parameter “{key}” is not used by AcuMap; it was ignored.")
    return Selection(region=region, point=point, projector=projector, notices=tuple(notices))


def parse_customdata(value: object) -> tuple[str, str] | None:
    """Split a chart marker's customdata (`region:neck`, `point:BL18`) into kind and id."""
    if isinstance(value, list | tuple) and value:
        value = value[0]
    if not isinstance(value, str) or ":" not in value:
        return None
    kind, _, ident = value.partition(":")
    if kind not in ("region", "point") or not ident:
        return None
    return kind, ident


def toggle_region(current: str | None, clicked: str) -> str | None:
    """Clicking the region already shown goes back to the overview; any other click shows that region."""
    return None if current == clicked else clicked
