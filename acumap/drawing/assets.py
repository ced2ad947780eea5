"""Read the diagram outlines in `assets/*.svg` as path data.

The SVGs are drawn in the diagrams' own centimetre coordinates (see docs/coordinates.md), so a path's `d`
goes straight into the map's SVG, and can go into a Plotly shape (for charts drawn over a diagram). Plotly
accepts only absolute M L H V C Q S T Z commands, so only those are allowed; anything else, a missing or
empty viewBox, or a file that cannot be read is reported as a DataError naming the file (relative to the
project) and the path, rather than drawn wrongly.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from acumap.atlas.data import DataError, DataProblem, shown_name

ASSET_DIR = Path(__file__).resolve().parents[2] / "assets"
ASSET_FILES = {
    "back": "body_back.svg",
    "hand": "hand.svg",
    "leg": "leg.svg",
    "head": "head.svg",
    "neck": "neck.svg",
}
PATH_CLASSES = ("outline", "bone", "crease", "detail")
_SVG_NS = "{http://www.w3.org/2000/svg}"
_ALLOWED = re.compile(r"^[MLHVCQSTZ0-9eE.,\s+-]*$")


@dataclass(frozen=True)
class OutlinePath:
    """One drawn contour: its id, its kind (outline, bone, crease, detail) and its SVG path data."""

    id: str
    kind: str
    d: str
    label: str | None = None


@dataclass(frozen=True)
class Drawing:
    """A diagram's outlines and its viewBox (x, y, width, height) in its own coordinates."""

    view: str
    paths: tuple[OutlinePath, ...]
    view_box: tuple[float, float, float, float]


def load_drawing(view: str, asset_dir: Path | str = ASSET_DIR) -> Drawing:
    """Parse the SVG of a view; raise DataError naming the file and path id on anything unusable."""
    path = Path(asset_dir) / ASSET_FILES[view]
    name = shown_name(path)
    try:
        root = ET.fromstring(path.read_bytes())
    except FileNotFoundError:
        raise DataError(
            [DataProblem(name, None, None, "the drawing is missing.", "put the SVG file back.")]
        ) from None
    except IsADirectoryError:
        raise DataError(
            [DataProblem(name, None, None, "this is a folder, not an SVG file.", "replace it with the file.")]
        ) from None
    except OSError as exc:
        raise DataError(
            [DataProblem(name, None, None, f"the drawing cannot be read ({exc.strerror}).")]
        ) from None
    except ET.ParseError as exc:
        raise DataError(
            [DataProblem(name, exc.position[0], None, f"not valid SVG/XML ({exc.msg}).", "check that line.")]
        ) from None
    problems: list[DataProblem] = []
    try:
        box = tuple(float(v) for v in root.attrib.get("viewBox", "").replace(",", " ").split())
    except ValueError:
        box = ()
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        problems.append(
            DataProblem(
                name,
                None,
                "viewBox",
                "the <svg> needs a viewBox of four numbers: x, y, width, height in cm.",
                "see docs/coordinates.md for the diagram's frame.",
            )
        )
        box = (0.0, 0.0, 1.0, 1.0)
    elif box[2] <= 0 or box[3] <= 0:
        problems.append(
            DataProblem(
                name,
                None,
                "viewBox",
                f"the viewBox's width and height must be above zero (found {box[2]:g} by {box[3]:g}); the "
                "diagram would be drawn at no size.",
                "see docs/coordinates.md for the diagram's frame.",
            )
        )
    paths: list[OutlinePath] = []
    for element in root.iter(f"{_SVG_NS}path"):
        pid = element.attrib.get("id", "")
        d = " ".join(element.attrib.get("d", "").split())
        kind = element.attrib.get("class", "outline")
        where = pid or f"path #{len(paths) + 1}"
        if not d:
            problems.append(DataProblem(name, None, "d", f"{where} has no path data"))
            continue
        if not _ALLOWED.match(d):
            problems.append(
                DataProblem(
                    name, None, "d", f"{where} uses commands Plotly cannot draw (only M L H V C Q S T Z)"
                )
            )
            continue
        if kind not in PATH_CLASSES:
            problems.append(DataProblem(name, None, "class", f"{where} has unknown class {kind!r}"))
            continue
        paths.append(OutlinePath(pid, kind, d, element.attrib.get("data-label")))
    if not paths and not problems:
        problems.append(DataProblem(name, None, None, "the drawing has no <path> elements"))
    if problems:
        raise DataError(problems)
    x, y, w, h = box
    return Drawing(view, tuple(paths), (x, y, w, h))
