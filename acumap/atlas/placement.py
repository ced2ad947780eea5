"""Where each point is drawn: back points from the body model, other points from their diagram coordinates.

Back points are never placed by hand: a spine level and a cun offset (or a scapular landmark) go through
`acumap.body.anatomy`. A bilateral point gets one marker per side; a midline point one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from acumap.atlas.data import Atlas, DataProblem, Point
from acumap.body import anatomy, neck

DIAGRAM_VIEWS: tuple[str, ...] = ("back", "neck", "hand", "leg", "head")


@dataclass(frozen=True)
class Marker:
    """One drawn marker of a point, in its diagram's cm coordinates; side is left, right or midline."""

    point: Point
    x: float
    y: float
    side: str


def placement_text(point: Point) -> str | None:
    """How the map places a back or neck point, in words (None for points drawn at their diagram's x, y)."""
    if point.view == "neck" and point.landmark is not None:
        return neck.placement_text(point.landmark)
    return anatomy.placement_text(point)


def point_markers(p: Point) -> list[Marker]:
    """Where one point is drawn on its own diagram: a back point from the body model (spine level + cun, or a
    scapular landmark), a neck point from its landmark by the neck model (one marker per side), a hand, leg or
    head point at the diagram's own coordinates (the right limb is drawn). None if it has no placement."""
    if p.view == "back":
        if p.landmark is not None:
            return [
                Marker(p, *anatomy.landmark_position(p.landmark, side), side) for side in ("left", "right")
            ]
        if p.spine_level is not None and p.offset_cun is not None:
            return [
                Marker(
                    p,
                    *anatomy.spine_point_position(p.code, p.spine_level, p.offset_cun, side),
                    "midline" if p.offset_cun == 0 else side,
                )
                for side in anatomy.sides_for(p.offset_cun)
            ]
        return []
    if p.view == "neck":
        if p.landmark is None:
            return []
        return [Marker(p, *neck.landmark_position(p.landmark, side), side) for side in ("left", "right")]
    return [Marker(p, p.x, p.y, "right")] if p.x is not None and p.y is not None else []


def markers_for(atlas: Atlas, view: str) -> list[Marker]:
    """Every point of `view` where it is drawn, in the atlas's order."""
    return [m for p in atlas.points if p.view == view for m in point_markers(p)]


def back_markers(atlas: Atlas) -> list[Marker]:
    """Every back point placed from the body model: spine level + cun, or a scapular landmark."""
    return markers_for(atlas, "back")


def outside_diagrams(
    atlas: Atlas, boxes: Mapping[str, tuple[float, float, float, float]], file: str
) -> tuple[list[DataProblem], set[str]]:
    """Problems for points drawn outside their diagram's viewBox (x, y, width, height), and their ids.

    Such a point would be invisible, or drawn on nothing: it is an error in its row, never dropped silently.
    """
    problems: list[DataProblem] = []
    ids: set[str] = set()
    for view, (x0, y0, w, h) in boxes.items():
        for m in markers_for(atlas, view):
            if m.point.id in ids or (x0 <= m.x <= x0 + w and y0 <= m.y <= y0 + h):
                continue
            ids.add(m.point.id)
            column = "x" if not x0 <= m.x <= x0 + w else "y"
            where = "spine_level" if view == "back" else "landmark" if view == "neck" else column
            problems.append(
                DataProblem(
                    file,
                    m.point.line or None,
                    where,
                    f"{m.point.id} would be drawn at x {m.x:g}, y {m.y:g} cm, outside the {view} diagram "
                    f"(x {x0:g} to {x0 + w:g}, y {y0:g} to {y0 + h:g}); the point was skipped.",
                    f"check the point's {where}: the {view} diagram's coordinates are in docs/coordinates.md.",
                )
            )
    return problems, ids
