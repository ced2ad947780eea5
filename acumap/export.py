"""The atlas as open data: JSON (checked by `schema/acumap-export.schema.json`) and CSV, and back again.

Every point and every region link, with what other tools need: code, names, meridian, laterality, the
location as a landmark, a direction and a distance in cun (the shape of a body-structure record such as FHIR
BodyStructure's `bodyLandmarkOrientation`: landmarkDescription, surfaceOrientation, distanceFromLandmark),
cautions and source. The export holds every column of the data files too, so loading it gives the same atlas
(`atlas_from_json`, or `load_atlas` on an exported CSV folder): the loader runs the app's own validation.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from acumap.atlas.data import (
    LINK_COLUMNS,
    LINKS_FILE,
    POINT_COLUMNS,
    POINTS_FILE,
    Atlas,
    DataError,
    Point,
    validate_links,
    validate_points,
)
from acumap.body import neck
from acumap.body.landmarks import DIAGRAM_LANDMARKS, Proportional

EXPORT_VERSION = 1
SCHEMA_ID = "https://github.com/acumap/acumap/schema/acumap-export.schema.json"
#: The derived columns the CSV export adds after the data files' own.
CSV_EXTRA = ("laterality", "landmark_description", "direction", "distance_cun")


def laterality(point: Point) -> str:
    """'bilateral' (a point on each side) or 'midline' (one point on the posterior midline)."""
    return "bilateral" if point.bilateral else "midline"


def body_landmark(point: Point) -> dict[str, Any]:
    """Where the point lies as a landmark, a direction from it and a distance (cun), as WHO fixes it."""
    if point.view == "back" and point.spine_level is not None and point.offset_cun is not None:
        where = "depression below" if point.code.startswith("GV") else "lower border of"
        landmark = f"{where} the spinous process of {point.spine_level}"
        if point.offset_cun == 0:
            return {"landmark": landmark, "direction": "on the posterior midline", "distance": None}
        return {
            "landmark": landmark,
            "direction": "lateral, level with it",
            "distance": {"value": point.offset_cun, "unit": "B-cun"},
        }
    if point.view == "neck" and point.landmark is not None:
        place = neck.NECK_PLACEMENTS[point.landmark]
        return {
            "landmark": place.level,
            "direction": f"lateral, level with it, {place.between}",
            "distance": {"value": place.cun, "unit": "B-cun"},
        }
    if point.view == "back" and point.landmark is not None:
        return {
            "landmark": point.landmark.replace("_", " "),
            "direction": "at the landmark",
            "distance": None,
        }
    rule = DIAGRAM_LANDMARKS.get(point.id)
    if rule is None:
        return {"landmark": point.location, "direction": "as described", "distance": None}
    distance = (
        {"value": rule.cun_from_a, "unit": "B-cun"}
        if isinstance(rule, Proportional) and rule.cun_from_a
        else None
    )
    return {"landmark": rule.landmark, "direction": rule.direction, "distance": distance}


def _num(value: float | None) -> str:
    """A number as the CSV files write it (empty when absent)."""
    return "" if value is None else f"{value:g}"


def _row(point: Point) -> dict[str, str]:
    """The point as a row of points.csv (the loader's input)."""
    return {
        "id": point.id,
        "code": point.code,
        "view": point.view,
        "spine_level": point.spine_level or "",
        "offset_cun": _num(point.offset_cun),
        "landmark": point.landmark or "",
        "x": _num(point.x),
        "y": _num(point.y),
        "meridian": point.meridian,
        "pinyin": point.pinyin,
        "hanzi": point.hanzi,
        "english": point.english,
        "plain": point.plain,
        "location": point.location,
        "use": point.use,
        "needling": point.needling,
        "cautions": point.cautions,
        "caution_tags": ";".join(point.caution_tags),
        "source": point.source,
    }


def to_json(atlas: Atlas) -> dict[str, Any]:
    points = []
    for p in atlas.points:
        points.append(
            {
                "id": p.id,
                "code": p.code,
                "names": {"pinyin": p.pinyin, "hanzi": p.hanzi, "english": p.english},
                "meridian": p.meridian,
                "laterality": laterality(p),
                "view": p.view,
                "spine_level": p.spine_level,
                "offset_cun": p.offset_cun,
                "scapular_landmark": p.landmark,
                "diagram_position_cm": None if p.x is None or p.y is None else {"x": p.x, "y": p.y},
                "body_landmark": body_landmark(p),
                "location": p.location,
                "plain": p.plain,
                "use": p.use,
                "needling": p.needling,
                "cautions": p.cautions,
                "caution_tags": list(p.caution_tags),
                "source": p.source,
            }
        )
    links = [
        {
            "region": lk.region,
            "point_id": lk.point_id,
            "role": lk.role,
            "why": lk.why,
            "basis": lk.basis,
            "plain": lk.plain,
        }
        for lk in atlas.links
    ]
    return {
        "$schema": SCHEMA_ID,
        "version": EXPORT_VERSION,
        "standard": "WHO Standard Acupuncture Point Locations in the Western Pacific Region (2008)",
        "points": points,
        "links": links,
    }


def to_json_text(atlas: Atlas) -> str:
    return json.dumps(to_json(atlas), ensure_ascii=False, indent=2) + "\n"


def atlas_from_json(doc: dict[str, Any], name: str = "export.json") -> Atlas:
    """An exported JSON document back into an atlas, through the same validation as the data files."""
    rows = []
    for i, p in enumerate(doc["points"], start=2):
        pos = p.get("diagram_position_cm") or {}
        rows.append(
            {
                "__line__": str(i),
                "id": p["id"],
                "code": p["code"],
                "view": p["view"],
                "spine_level": p.get("spine_level") or "",
                "offset_cun": _num(p.get("offset_cun")),
                "landmark": p.get("scapular_landmark") or "",
                "x": _num(pos.get("x")),
                "y": _num(pos.get("y")),
                "meridian": p["meridian"],
                "pinyin": p["names"]["pinyin"],
                "hanzi": p["names"]["hanzi"],
                "english": p["names"]["english"],
                "plain": p["plain"],
                "location": p["location"],
                "use": p["use"],
                "needling": p["needling"],
                "cautions": p["cautions"],
                "caution_tags": ";".join(p["caution_tags"]),
                "source": p["source"],
            }
        )
    points, problems = validate_points(rows, name)
    link_rows = [
        {"__line__": str(i), **{k: str(v) for k, v in lk.items()}} for i, lk in enumerate(doc["links"], 2)
    ]
    links, link_problems = validate_links(link_rows, {p.id for p in points}, name, {}, name)
    if problems or link_problems:
        raise DataError([*problems, *link_problems])
    return Atlas(points=tuple(points), links=tuple(links))


def to_csv(atlas: Atlas) -> dict[str, str]:
    """The two tables (file name -> text): the data files' columns, plus the derived ones for other tools."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=[*POINT_COLUMNS, *CSV_EXTRA], lineterminator="\r\n")
    writer.writeheader()
    for p in atlas.points:
        where = body_landmark(p)
        writer.writerow(
            {
                **_row(p),
                "laterality": laterality(p),
                "landmark_description": where["landmark"],
                "direction": where["direction"],
                "distance_cun": "" if where["distance"] is None else f"{where['distance']['value']:g}",
            }
        )
    links = io.StringIO(newline="")
    link_writer = csv.DictWriter(links, fieldnames=[*LINK_COLUMNS, "basis", "plain"], lineterminator="\r\n")
    link_writer.writeheader()
    for lk in atlas.links:
        basis = "" if lk.basis == "textbook" else lk.basis
        link_writer.writerow(
            {
                "region": lk.region,
                "point_id": lk.point_id,
                "role": lk.role,
                "why": lk.why,
                "basis": basis,
                "plain": lk.plain,
            }
        )
    return {POINTS_FILE: out.getvalue(), LINKS_FILE: links.getvalue()}


def to_csv_zip(atlas: Atlas) -> bytes:
    """Both CSV tables in one zip (for a single download button)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in to_csv(atlas).items():
            z.writestr(f"acumap/{name}", text.encode("utf-8"))
    return buf.getvalue()
