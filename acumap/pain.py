"""A patient's pain drawing on the back diagram: what it covers on AcuMap's body model, and its link.

The drawing is a grid of 1 cm cells laid over the back diagram's own coordinates (cm from the posterior midline,
the person's left negative; cm below the tip of C7: docs/coordinates.md). A shaded cell holds how strong the
pain is there, 0 to 10; an unshaded cell holds nothing. Strokes of a finger, pen or mouse shade (or erase) every
cell whose centre lies within the brush of the stroke. A cell belongs to the region its centre lies in
(`acumap.atlas.regions.region_at`), so a region's area and the share of it a drawing covers are counted in the
same cells, and a cell in no region is reported as outside, never dropped.

Why a grid of 1 cm: a fingertip on a phone covers about 2 cm of the diagram, so finer cells would record the
finger's wobble, not the pain; at 1 cm the narrowest region (the upper back beside the spine, 8 cm across)
is still eight cells wide. The grid is fixed for format 1 of the link (64 by 82 cells from (-32, -17), the
back map's viewBox when it was made): a link must mean the same cells for as long as it is read, so a new grid
is a new format, not an edit of this one.

Pure: no Streamlit, no I/O. The drawing lives in the page's link (`encode`, `decode`), never on the server.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from acumap.atlas.data import Atlas, Point
from acumap.atlas.regions import REGION_IDS, choice_ids, parse_region, region, region_at
from acumap.atlas.selection import highlights
from acumap.body import anatomy
from acumap.drawing.describe import BELOW_L5_CM
from acumap.packing import LinkError, pack, unpack

# ---- the grid ----------------------------------------------------------------------------------------------

#: The grid's top-left corner in the back diagram's cm, its cell size and its extent (format 1 of the link).
GRID_X0 = -32.0
GRID_Y0 = -17.0
CELL_CM = 1.0
GRID_COLS = 64
GRID_ROWS = 82
#: The area of one cell, cm².
CELL_AREA_CM2 = CELL_CM * CELL_CM

#: Pain strength, as patients are asked it: 0 (none) to 10 (the worst imaginable).
MIN_INTENSITY = 0
MAX_INTENSITY = 10
#: The brush's radius (cm of the diagram): about a fingertip on a phone. Strokes may ask for another, within
#: these bounds.
BRUSH_CM = 1.0
MIN_BRUSH_CM = 0.5
MAX_BRUSH_CM = 5.0

#: Regions whose cells count towards the spine levels a drawing spans: the neck and the back beside the spine.
#: The shoulder is left out: pain over the shoulder blade is not pain at a level of the spine.
LEVEL_REGIONS = ("neck", "upper_back", "middle_back", "lower_back")

Cell = tuple[int, int]


def cell_of(x: float, y: float) -> Cell | None:
    """The (column, row) of the cell holding a position on the back diagram, or None off the grid."""
    col = math.floor((x - GRID_X0) / CELL_CM)
    row = math.floor((y - GRID_Y0) / CELL_CM)
    if 0 <= col < GRID_COLS and 0 <= row < GRID_ROWS:
        return col, row
    return None


def cell_centre(cell: Cell) -> tuple[float, float]:
    """The centre of a cell in the back diagram's cm."""
    col, row = cell
    return GRID_X0 + (col + 0.5) * CELL_CM, GRID_Y0 + (row + 0.5) * CELL_CM


# ---- the drawing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PainDrawing:
    """Shaded cells and the pain's strength in each: ((column, row), intensity) in grid order.

    Build it with `drawing()` or `shade()`; the constructor checks every cell is on the grid and every
    intensity is 0 to 10, so a drawing that exists can always be encoded.
    """

    cells: tuple[tuple[Cell, int], ...] = ()

    def __post_init__(self) -> None:
        seen: set[Cell] = set()
        for (col, row), intensity in self.cells:
            if not (0 <= col < GRID_COLS and 0 <= row < GRID_ROWS):
                raise ValueError(f"cell ({col}, {row}) is off the {GRID_COLS} by {GRID_ROWS} grid")
            if not MIN_INTENSITY <= intensity <= MAX_INTENSITY:
                raise ValueError(f"intensity {intensity} at ({col}, {row}): expected 0 to 10")
            if (col, row) in seen:
                raise ValueError(f"cell ({col}, {row}) is given twice")
            seen.add((col, row))

    def as_dict(self) -> dict[Cell, int]:
        return dict(self.cells)

    @property
    def empty(self) -> bool:
        return not self.cells


def drawing(cells: Mapping[Cell, int]) -> PainDrawing:
    """A drawing from a mapping of cells to intensities, in grid order (row by row)."""
    return PainDrawing(tuple(sorted(cells.items(), key=lambda item: (item[0][1], item[0][0]))))


def _distance_to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def stroke_cells(stroke: Sequence[tuple[float, float]], brush_cm: float = BRUSH_CM) -> frozenset[Cell]:
    """The cells a stroke (a polyline in the back's cm; one position is a dab) passes over with this brush:
    every cell whose centre is within `brush_cm` of the line."""
    if not MIN_BRUSH_CM <= brush_cm <= MAX_BRUSH_CM:
        raise ValueError(f"brush {brush_cm:g} cm: expected {MIN_BRUSH_CM:g} to {MAX_BRUSH_CM:g} cm")
    if not stroke:
        return frozenset()
    segments = list(itertools.pairwise(stroke)) or [(stroke[0], stroke[0])]
    found: set[Cell] = set()
    for a, b in segments:
        c0 = math.floor((min(a[0], b[0]) - brush_cm - GRID_X0) / CELL_CM)
        c1 = math.floor((max(a[0], b[0]) + brush_cm - GRID_X0) / CELL_CM)
        r0 = math.floor((min(a[1], b[1]) - brush_cm - GRID_Y0) / CELL_CM)
        r1 = math.floor((max(a[1], b[1]) + brush_cm - GRID_Y0) / CELL_CM)
        for col in range(max(0, c0), min(GRID_COLS - 1, c1) + 1):
            for row in range(max(0, r0), min(GRID_ROWS - 1, r1) + 1):
                if _distance_to_segment(cell_centre((col, row)), a, b) <= brush_cm:
                    found.add((col, row))
    return frozenset(found)


def shade(
    current: PainDrawing,
    stroke: Sequence[tuple[float, float]],
    intensity: int,
    brush_cm: float = BRUSH_CM,
) -> PainDrawing:
    """The drawing with a stroke shaded at this strength (a later stroke sets the strength of the cells it
    covers)."""
    if not MIN_INTENSITY <= intensity <= MAX_INTENSITY:
        raise ValueError(f"intensity {intensity}: expected 0 to 10")
    cells = current.as_dict()
    cells.update(dict.fromkeys(stroke_cells(stroke, brush_cm), intensity))
    return drawing(cells)


def erase(
    current: PainDrawing, stroke: Sequence[tuple[float, float]], brush_cm: float = BRUSH_CM
) -> PainDrawing:
    """The drawing with the cells under a stroke unshaded (the eraser)."""
    gone = stroke_cells(stroke, brush_cm)
    return PainDrawing(tuple(item for item in current.cells if item[0] not in gone))


def clear() -> PainDrawing:
    """An empty drawing (the Clear button)."""
    return PainDrawing()


# ---- what it covers ----------------------------------------------------------------------------------------


@cache
def region_cells() -> dict[str, frozenset[Cell]]:
    """Each region's cells (those whose centre lies in it): the measure of its area and of a drawing's share."""
    found: dict[str, set[Cell]] = {rid: set() for rid in REGION_IDS}
    for col in range(GRID_COLS):
        for row in range(GRID_ROWS):
            rid = region_at(*cell_centre((col, row)))
            if rid is not None:
                found[rid].add((col, row))
    return {rid: frozenset(cells) for rid, cells in found.items()}


@cache
def _cell_region() -> dict[Cell, str]:
    return {cell: rid for rid, cells in region_cells().items() for cell in cells}


@dataclass(frozen=True)
class RegionCover:
    """How much of one region (one side) a drawing covers."""

    region: str  # a region id with its side: "upper_back_left"
    cells: int
    share: float  # of the region's own cells, 0 to 1
    strongest: int  # the highest intensity shaded in it

    @property
    def area_cm2(self) -> float:
        return self.cells * CELL_AREA_CM2


def covers(d: PainDrawing) -> tuple[RegionCover, ...]:
    """The regions a drawing covers, in the map's order of regions, each with its share and strongest pain."""
    by_region: dict[str, list[int]] = {}
    where = _cell_region()
    for cell, intensity in d.cells:
        rid = where.get(cell)
        if rid is not None:
            by_region.setdefault(rid, []).append(intensity)
    sizes = region_cells()
    return tuple(
        RegionCover(rid, len(by_region[rid]), len(by_region[rid]) / len(sizes[rid]), max(by_region[rid]))
        for rid in REGION_IDS
        if rid in by_region
    )


def outside_cells(d: PainDrawing) -> tuple[Cell, ...]:
    """The shaded cells that lie in no region (off the body, or below the regions at the hips)."""
    where = _cell_region()
    return tuple(cell for cell, _ in d.cells if cell not in where)


def area_cm2(d: PainDrawing) -> float:
    """Everything shaded, in cm² of the diagram (inside the regions and outside them)."""
    return len(d.cells) * CELL_AREA_CM2


def _level_bands() -> tuple[tuple[str, float, float], ...]:
    """Each spine level's band of heights: from the upper border of its spinous process to the upper border of
    the next one down (L5: to BELOW_L5_CM below its lower border, where the sacrum begins, as describe.py
    words a position)."""
    levels = anatomy.SPINE_LEVELS
    bands = []
    for i, level in enumerate(levels):
        top = anatomy.upper_border_y(level)
        bottom = (
            anatomy.upper_border_y(levels[i + 1])
            if i + 1 < len(levels)
            else anatomy.lower_border_y(level) + BELOW_L5_CM
        )
        bands.append((level, top, bottom))
    return tuple(bands)


def spine_levels(d: PainDrawing) -> tuple[str, ...]:
    """The spine levels (C7 to L5) beside which the drawing shades the neck or the back, top to bottom.

    Only cells in the neck and back regions count (LEVEL_REGIONS); the neck above C7 and the sacrum below L5
    have no level on the back's ladder.
    """
    where = _cell_region()
    heights = [
        cell_centre(cell)[1]
        for cell, _ in d.cells
        if cell in where and region(where[cell]).base in LEVEL_REGIONS
    ]
    return tuple(level for level, top, bottom in _level_bands() if any(top <= y < bottom for y in heights))


def choices_to_light(d: PainDrawing) -> tuple[str, ...]:
    """The region choices the map lights for a drawing, in menu order (`choice_ids`).

    A region shaded on both sides lights its both-sides choice (`upper_back`), one side only its side
    (`upper_back_left`). A cell on the midline (`anatomy.on_midline`, as a tap there) counts for both sides.
    """
    where = _cell_region()
    sides: dict[str, set[str]] = {}
    for cell, _ in d.cells:
        rid = where.get(cell)
        if rid is None:
            continue
        r = region(rid)
        on_midline = anatomy.on_midline(cell_centre(cell)[0])
        sides.setdefault(r.base, set()).update(("left", "right") if on_midline else (r.side,))
    chosen = []
    for base, found in sides.items():
        if base == "neck" or {"left", "right"} <= found:
            chosen.append(base)
        else:
            chosen.append(f"{base}_{next(iter(found))}")
    order = choice_ids()
    return tuple(sorted(chosen, key=order.index))


@dataclass(frozen=True)
class PainSummary:
    """What a drawing covers, as the page shows it: regions, levels, areas, the choices lit, and a notice."""

    covers: tuple[RegionCover, ...]
    levels: tuple[str, ...]
    area_cm2: float
    outside_cm2: float
    choices: tuple[str, ...]
    notice: str | None


def summarize(d: PainDrawing) -> PainSummary:
    """Everything the page says about a drawing; a notice when it covers nothing, or covers some of the body
    outside the regions (that part is counted in the area and named, not dropped)."""
    outside = len(outside_cells(d)) * CELL_AREA_CM2
    notice = None
    if d.empty:
        notice = "Nothing is shaded yet: shade where it hurts on the back or neck."
    elif outside == area_cm2(d):
        notice = (
            f"The shading ({outside:g} cm²) lies outside the areas of the back and neck AcuMap knows, so no "
            "points are shown. Shade on the back or the neck."
        )
    elif outside:
        notice = f"{outside:g} cm² of the shading lies outside the areas of the back and neck AcuMap knows."
    return PainSummary(covers(d), spine_levels(d), area_cm2(d), outside, choices_to_light(d), notice)


# ---- two drawings ------------------------------------------------------------------------------------------

#: The name of the part of a drawing outside every region, in a comparison.
OUTSIDE = "outside"


@dataclass(frozen=True)
class AreaChange:
    """One region's (or the whole drawing's) shaded area before and after, cm²."""

    region: str
    before_cm2: float
    after_cm2: float

    @property
    def change_cm2(self) -> float:
        return self.after_cm2 - self.before_cm2


@dataclass(frozen=True)
class Comparison:
    regions: tuple[AreaChange, ...]  # each region either drawing covers, in the map's order; then OUTSIDE
    total: AreaChange


def compare(before: PainDrawing, after: PainDrawing) -> Comparison:
    """The change in area between two drawings (an earlier visit's and today's), per region and in total."""
    b = {c.region: c.area_cm2 for c in covers(before)}
    a = {c.region: c.area_cm2 for c in covers(after)}
    rows = [AreaChange(rid, b.get(rid, 0.0), a.get(rid, 0.0)) for rid in REGION_IDS if rid in a or rid in b]
    out_b, out_a = len(outside_cells(before)) * CELL_AREA_CM2, len(outside_cells(after)) * CELL_AREA_CM2
    if out_b or out_a:
        rows.append(AreaChange(OUTSIDE, out_b, out_a))
    return Comparison(tuple(rows), AreaChange("total", area_cm2(before), area_cm2(after)))


# ---- the points of several regions -------------------------------------------------------------------------


@dataclass(frozen=True)
class LitPoint:
    """A point lit by one or more of the chosen regions: for which (choice id, role), on which sides."""

    point: Point
    uses: tuple[tuple[str, str], ...]
    sides: tuple[str, ...]  # "left", "right": the markers to light on the back (other diagrams light both)

    @property
    def shared(self) -> bool:
        """Used for more than one region (the two sides of one region are one region)."""
        return len({region_base(choice) for choice, _ in self.uses}) > 1

    @property
    def role(self) -> str:
        """Local if it is local to any of its regions (it is on or beside the pain), else distal."""
        return "local" if any(role == "local" for _, role in self.uses) else "distal"


def region_base(choice_id: str) -> str:
    parsed = parse_region(choice_id)
    if parsed is None:
        raise ValueError(f"unknown region choice {choice_id!r}")
    return parsed.base


def lit_points(atlas: Atlas, choices: Iterable[str]) -> tuple[LitPoint, ...]:
    """The points several region choices light together, local ones first, each once with all its uses."""
    uses: dict[str, list[tuple[str, str]]] = {}
    sides: dict[str, set[str]] = {}
    points: dict[str, Point] = {}
    for choice_id in choices:
        choice = parse_region(choice_id)
        if choice is None:
            raise ValueError(f"unknown region choice {choice_id!r}")
        for h in highlights(atlas, choice):
            points[h.point.id] = h.point
            uses.setdefault(h.point.id, []).append((choice.id, h.role))
            sides.setdefault(h.point.id, set()).update(
                ("left", "right") if choice.side == "both" else (choice.side,)
            )
    lit = [LitPoint(points[pid], tuple(uses[pid]), tuple(sorted(sides[pid]))) for pid in points]
    return tuple(sorted(lit, key=lambda p: 0 if p.role == "local" else 1))


# ---- the link ----------------------------------------------------------------------------------------------

#: The link's format; a new grid or a new packing is a new number (old links are then refused, with a notice).
LINK_VERSION = 1
#: A drawing's link text is never longer than this (every cell shaded at random strengths packs to ~3,000).
MAX_LINK_CHARS = 4096
#: Two cells a byte (4 bits each: 0 unshaded, 1 to 11 the intensity 0 to 10), row by row.
_PACKED_BYTES = GRID_COLS * GRID_ROWS // 2


def encode(d: PainDrawing) -> str:
    """The drawing as a short URL-safe text: `1.` and the packed grid (acumap.packing)."""
    nibbles = bytearray(GRID_COLS * GRID_ROWS)
    for (col, row), intensity in d.cells:
        nibbles[row * GRID_COLS + col] = intensity + 1
    packed = bytes((nibbles[i] << 4) | nibbles[i + 1] for i in range(0, len(nibbles), 2))
    return pack(LINK_VERSION, packed)


def decode(text: str) -> PainDrawing:
    """A drawing from its link text; LinkError (a plain sentence for the page) for anything else."""
    payload = unpack(text, LINK_VERSION, "pain drawing", MAX_LINK_CHARS, _PACKED_BYTES)
    if len(payload) != _PACKED_BYTES:
        raise LinkError(
            f"The pain drawing in the link has {len(payload)} bytes where AcuMap writes {_PACKED_BYTES}; "
            "it was not read."
        )
    cells: dict[Cell, int] = {}
    for i, byte in enumerate(payload):
        for j, nibble in enumerate((byte >> 4, byte & 0x0F)):
            if nibble == 0:
                continue
            if nibble > MAX_INTENSITY + 1:
                raise LinkError("The pain drawing in the link has a strength above 10; it was not read.")
            index = 2 * i + j
            cells[(index % GRID_COLS, index // GRID_COLS)] = nibble - 1
    return drawing(cells)


# ---- strokes from the map ----------------------------------------------------------------------------------

#: A stroke the map reports carries at most this many positions (the browser keeps one every few mm), and one
#: report at most this many strokes (those Python has not acknowledged yet): anything longer is not the map's.
MAX_STROKE_POINTS = 2000
MAX_STROKES = 50


@dataclass(frozen=True)
class Stroke:
    """One stroke of a finger, pen or mouse on the back diagram, numbered by the map that drew it."""

    n: int
    points: tuple[tuple[float, float], ...]
    intensity: int
    erase: bool


def _stroke(value: object) -> Stroke | None:
    if not isinstance(value, dict):
        return None
    n, points, intensity, erasing = (value.get(k) for k in ("n", "points", "intensity", "erase"))
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        return None
    if not isinstance(intensity, int) or isinstance(intensity, bool):
        return None
    if not MIN_INTENSITY <= intensity <= MAX_INTENSITY or not isinstance(erasing, bool):
        return None
    if not isinstance(points, list) or not 0 < len(points) <= MAX_STROKE_POINTS:
        return None
    xy: list[tuple[float, float]] = []
    for p in points:
        if not (isinstance(p, list) and len(p) == 2):
            return None
        if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in p):
            return None
        xy.append((float(p[0]), float(p[1])))
    return Stroke(n, tuple(xy), intensity, erasing)


def parse_strokes(value: object, after: int = 0) -> tuple[Stroke, ...]:
    """The strokes of a map's report ({kind: "stroke", strokes: [{n, points: [[x, y], ...], intensity,
    erase}, ...]}) numbered above `after` (those already applied are sent again until acknowledged), in order.

    Never trusted: a report that is not a list of well-formed strokes gives no stroke at all.
    """
    if not isinstance(value, dict) or value.get("kind") != "stroke":
        return ()
    raw = value.get("strokes")
    if not isinstance(raw, list) or len(raw) > MAX_STROKES:
        return ()
    strokes = [_stroke(s) for s in raw]
    if any(s is None for s in strokes):
        return ()
    return tuple(sorted((s for s in strokes if s is not None and s.n > after), key=lambda s: s.n))


def apply_strokes(current: PainDrawing, strokes: Iterable[Stroke], brush_cm: float = BRUSH_CM) -> PainDrawing:
    """The drawing after these strokes, each shaded (or erased) in turn."""
    for s in strokes:
        current = (
            erase(current, s.points, brush_cm) if s.erase else shade(current, s.points, s.intensity, brush_cm)
        )
    return current


# ---- what the map lights for several choices ---------------------------------------------------------------


def combined_lights(lights: Mapping[str, Mapping[str, str]], choices: Iterable[str]) -> dict[str, str]:
    """The markers several region choices light together, from the map's own table of what each choice lights
    (`acumap.drawing.svg.map_payload`'s `lights`: "point side" -> role): a marker lit local by any choice is
    local, else distal."""
    found: dict[str, str] = {}
    for choice in choices:
        for key, role in lights[choice].items():
            if found.get(key) != "local":
                found[key] = role
    return found


def combined_shapes(shapes: Mapping[str, Sequence[str]], choices: Iterable[str]) -> list[str]:
    """The region shapes several choices light together (the map's `shapes` table), in the table's order."""
    return list(dict.fromkeys(s for choice in choices for s in shapes[choice]))
