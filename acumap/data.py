"""Read and validate AcuMap's tables.

Every problem found names the file, the line (the header is line 1) and the column, so that whoever edits a
CSV by hand can fix it without reading code. All problems of a file are collected before raising, so one
run shows everything that is wrong.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from acumap import anatomy
from acumap.regions import BASE_REGIONS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
POINTS_FILE = "points.csv"
LINKS_FILE = "region_points.csv"

VIEWS = ("back", "hand", "leg", "head")
ROLES = ("local", "distal")
CAUTION_TAGS = ("pneumothorax", "pregnancy", "spinal_cord", "vessel", "organ")
MERIDIANS = {
    "GV": "Governor Vessel",
    "BL": "Bladder",
    "GB": "Gallbladder",
    "SI": "Small Intestine",
    "LI": "Large Intestine",
    "TE": "Triple Energizer",
    "LU": "Lung",
    "SP": "Spleen",
    "ST": "Stomach",
    "LR": "Liver",
    "EX": "Extra",
}

POINT_COLUMNS = (
    "id",
    "code",
    "view",
    "spine_level",
    "offset_cun",
    "landmark",
    "x",
    "y",
    "meridian",
    "pinyin",
    "hanzi",
    "english",
    "location",
    "use",
    "needling",
    "cautions",
    "caution_tags",
    "source",
)
LINK_COLUMNS = ("region", "point_id", "role", "why")
_REQUIRED_TEXT = (
    "meridian",
    "pinyin",
    "hanzi",
    "english",
    "location",
    "use",
    "needling",
    "cautions",
    "source",
)
_CODE_RE = re.compile(r"^(?:[A-Z]{2}\d{1,2}|EX-[A-Z]{1,3}\d{1,2})$")
MAX_OFFSET_CUN = 10.0


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong in a data file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", line {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(Exception):
    """The data files cannot be used; `problems` lists everything found (file, row, column, message)."""

    def __init__(self, problems: Iterable[DataProblem]) -> None:
        self.problems: tuple[DataProblem, ...] = tuple(problems)
        first = self.problems[0]
        self.file, self.row, self.column = first.file, first.row, first.column
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Point:
    """One acupuncture point. Bilateral points are one row drawn on both sides."""

    id: str
    code: str
    view: str
    spine_level: str | None
    offset_cun: float | None
    landmark: str | None
    x: float | None
    y: float | None
    meridian: str
    pinyin: str
    hanzi: str
    english: str
    location: str
    use: str
    needling: str
    cautions: str
    caution_tags: tuple[str, ...]
    source: str

    @property
    def bilateral(self) -> bool:
        if self.view != "back":
            return True
        if self.offset_cun is not None:
            return self.offset_cun > 0
        return True

    @property
    def name(self) -> str:
        return f"{self.pinyin} {self.hanzi} ({self.english})"


@dataclass(frozen=True)
class Link:
    """A point used for a pain region, locally or distally, and why."""

    region: str
    point_id: str
    role: str
    why: str


@dataclass(frozen=True)
class Atlas:
    """Validated, read-only tables."""

    points: tuple[Point, ...]
    links: tuple[Link, ...]
    _by_id: dict[str, Point] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.points})

    def point(self, point_id: str) -> Point:
        return self._by_id[point_id]

    def has_point(self, point_id: str) -> bool:
        return point_id in self._by_id

    def find_point(self, text: str) -> Point | None:
        """A point by id or code, case-insensitive (`bl18`, `EX-B2-T5`); None if unknown."""
        wanted = text.strip().upper()
        for p in self.points:
            if p.id.upper() == wanted:
                return p
        for p in self.points:
            if p.code.upper() == wanted:
                return p
        return None

    def links_for(self, base_region: str) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.region == base_region)


def _read_csv(path: Path, columns: tuple[str, ...]) -> tuple[list[dict[str, str]], list[DataProblem]]:
    name = path.name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            problems = [
                DataProblem(name, 1, col, "required column is missing")
                for col in columns
                if col not in header
            ]
            if problems:
                return [], problems
            rows: list[dict[str, str]] = []
            for raw in reader:
                if None in raw:
                    extra = raw.pop(None)
                    problems.append(
                        DataProblem(name, reader.line_num, None, f"row has extra cells: {extra!r}")
                    )
                rows.append(
                    {k: (v or "").strip() for k, v in raw.items()} | {"__line__": str(reader.line_num)}
                )
            return rows, problems
    except FileNotFoundError:
        return [], [DataProblem(name, None, None, f"file not found at {path}")]
    except UnicodeDecodeError as exc:
        return [], [DataProblem(name, None, None, f"not valid UTF-8 text ({exc.reason})")]
    except csv.Error as exc:
        return [], [DataProblem(name, None, None, f"not a readable CSV file ({exc})")]


def _number(value: str, file: str, line: int, column: str, problems: list[DataProblem]) -> float | None:
    try:
        number = float(value)
    except ValueError:
        problems.append(DataProblem(file, line, column, f"{value!r} is not a number"))
        return None
    if not math.isfinite(number):
        problems.append(DataProblem(file, line, column, f"{value!r} is not a finite number"))
        return None
    return number


def _validate_point(row: dict[str, str], file: str, problems: list[DataProblem]) -> Point | None:
    line = int(row["__line__"])
    before = len(problems)

    def bad(column: str, message: str) -> None:
        problems.append(DataProblem(file, line, column, message))

    pid, code, view = row["id"], row["code"], row["view"]
    if not pid:
        bad("id", "id is empty")
    if not _CODE_RE.match(code):
        bad("code", f"{code!r} is not a WHO point code such as BL18 or EX-B2")
    if view not in VIEWS:
        bad("view", f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    for col in _REQUIRED_TEXT:
        if not row[col]:
            hint = (
                ' (write "None known beyond standard clean-needle technique." if so)'
                if col == "cautions"
                else ""
            )
            bad(col, f"{col} is empty{hint}")
    if row["meridian"] and row["meridian"] not in MERIDIANS.values():
        bad(
            "meridian",
            f"unknown meridian {row['meridian']!r}; expected one of {', '.join(MERIDIANS.values())}",
        )

    tags = tuple(t.strip() for t in row["caution_tags"].split(";") if t.strip())
    for tag in tags:
        if tag not in CAUTION_TAGS:
            bad("caution_tags", f"unknown caution tag {tag!r}; expected some of {', '.join(CAUTION_TAGS)}")

    level = row["spine_level"] or None
    landmark = row["landmark"] or None
    offset: float | None = None
    x: float | None = None
    y: float | None = None
    if row["offset_cun"]:
        offset = _number(row["offset_cun"], file, line, "offset_cun", problems)
        if offset is not None and not 0 <= offset <= MAX_OFFSET_CUN:
            bad(
                "offset_cun",
                f"offset {offset:g} cun is outside 0..{MAX_OFFSET_CUN:g} (measured from the midline)",
            )
            offset = None
    if level is not None and not anatomy.is_spine_level(level):
        bad("spine_level", f"unknown spine level {level!r}; expected C7, T1..T12 or L1..L5")

    if view == "back":
        if landmark is not None:
            if landmark not in anatomy.SCAPULAR_PLACEMENTS:
                bad("landmark", f"unknown landmark {landmark!r}")
            if level or row["offset_cun"]:
                bad("landmark", "a point placed from a landmark has no spine_level or offset_cun")
        else:
            if not level:
                bad("spine_level", "a back point needs a spine level (or a landmark)")
            if not row["offset_cun"]:
                bad("offset_cun", "a back point needs its offset from the midline in cun")
            if code.startswith("GV") and offset not in (None, 0.0):
                bad("offset_cun", "a Governor Vessel point lies on the midline: offset must be 0")
        if row["x"] or row["y"]:
            bad("x", "back points are placed from spine_level and offset_cun, never by x/y")
    elif view in VIEWS:
        for col in ("x", "y"):
            if not row[col]:
                bad(col, f"a {view} point needs its {col} position on the {view} diagram")
        if row["x"]:
            x = _number(row["x"], file, line, "x", problems)
        if row["y"]:
            y = _number(row["y"], file, line, "y", problems)
        if level or row["offset_cun"] or landmark:
            bad(
                "spine_level",
                f"a {view} point is not placed from the spine; leave spine_level/offset_cun empty",
            )

    if len(problems) > before:
        return None
    return Point(
        id=pid,
        code=code,
        view=view,
        spine_level=level,
        offset_cun=offset,
        landmark=landmark,
        x=x,
        y=y,
        meridian=row["meridian"],
        pinyin=row["pinyin"],
        hanzi=row["hanzi"],
        english=row["english"],
        location=row["location"],
        use=row["use"],
        needling=row["needling"],
        cautions=row["cautions"],
        caution_tags=tags,
        source=row["source"],
    )


def validate_points(
    rows: list[dict[str, str]], file: str = POINTS_FILE
) -> tuple[list[Point], list[DataProblem]]:
    problems: list[DataProblem] = []
    points: list[Point] = []
    first_line: dict[str, int] = {}
    for row in rows:
        line = int(row["__line__"])
        pid = row["id"]
        if pid and pid in first_line:
            problems.append(
                DataProblem(file, line, "id", f"duplicate id {pid!r} (first used on line {first_line[pid]})")
            )
            continue
        first_line.setdefault(pid, line)
        point = _validate_point(row, file, problems)
        if point is not None:
            points.append(point)
    if not rows:
        problems.append(DataProblem(file, None, None, "the file has no points"))
    return points, problems


def validate_links(
    rows: list[dict[str, str]], known_ids: set[str], file: str = LINKS_FILE
) -> tuple[list[Link], list[DataProblem]]:
    problems: list[DataProblem] = []
    links: list[Link] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        line = int(row["__line__"])
        before = len(problems)
        region, pid, role = row["region"], row["point_id"], row["role"]
        if region not in BASE_REGIONS:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "region",
                    f"unknown region {region!r}; expected one of {', '.join(BASE_REGIONS)}",
                )
            )
        if pid not in known_ids:
            problems.append(
                DataProblem(file, line, "point_id", f"point {pid!r} does not exist in {POINTS_FILE}")
            )
        if role not in ROLES:
            problems.append(
                DataProblem(file, line, "role", f"unknown role {role!r}; expected local or distal")
            )
        if not row["why"]:
            problems.append(
                DataProblem(file, line, "why", "why is empty: say in a line why the point is used")
            )
        key = (region, pid)
        if key in seen:
            problems.append(
                DataProblem(
                    file, line, "point_id", f"{pid} is linked to {region} twice (first on line {seen[key]})"
                )
            )
        seen.setdefault(key, line)
        if len(problems) == before:
            links.append(Link(region=region, point_id=pid, role=role, why=row["why"]))
    return links, problems


def load_atlas(data_dir: Path | str = DATA_DIR) -> Atlas:
    """Read and validate points.csv and region_points.csv; raise DataError listing every problem."""
    base = Path(data_dir)
    point_rows, problems = _read_csv(base / POINTS_FILE, POINT_COLUMNS)
    points, point_problems = validate_points(point_rows) if point_rows or not problems else ([], [])
    problems += point_problems
    link_rows, link_read_problems = _read_csv(base / LINKS_FILE, LINK_COLUMNS)
    problems += link_read_problems
    # Links to points that failed validation still exist in the file: check against every id written there.
    known = {row["id"] for row in point_rows if row["id"]}
    links, link_problems = validate_links(link_rows, known)
    problems += link_problems
    if problems:
        raise DataError(problems)
    return Atlas(points=tuple(points), links=tuple(links))
