"""Read and validate AcuMap's tables.

Every problem found names the file (relative to the project, never a server path), the line (the header is
line 1), the column, what is wrong and how to fix it, so that whoever edits a CSV by hand can fix it without
reading code.

A bad row costs that row only: `load_atlas` returns every good row and lists the skipped ones in
`Atlas.problems` (a link to a skipped point is skipped too, and says why). Only a fault that makes a whole
table unusable (no file, not UTF-8, no header, a missing or doubled column, no rows) raises `DataError`.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from acumap.atlas.regions import BASE_REGIONS
from acumap.body import anatomy, neck

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_DIR / "data"
POINTS_FILE = "points.csv"
LINKS_FILE = "region_points.csv"

VIEWS = ("back", "neck", "hand", "leg", "head")
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
    "plain",
    "location",
    "use",
    "needling",
    "cautions",
    "caution_tags",
    "source",
)
LINK_COLUMNS = ("region", "point_id", "role", "why")
#: The optional `basis` column of region_points.csv (empty means textbook).
BASES = ("textbook", "pattern")
_REQUIRED_TEXT = (
    "meridian",
    "pinyin",
    "hanzi",
    "english",
    "plain",
    "location",
    "use",
    "needling",
    "cautions",
    "source",
)
#: A WHO code (BL18), an extra point's (EX-B2), or JJ-C: the cervical Jiaji points, which have no WHO code.
_CODE_RE = re.compile(r"^(?:[A-Z]{2}\d{1,2}|EX-[A-Z]{1,3}\d{1,2}|JJ-C)$")
#: A point code inside a sentence (BL18, EX-B2): the plain-language line, written for patients, has none.
_CODE_IN_TEXT_RE = re.compile(r"\b(?:[A-Z]{2}\d{1,2}|EX-[A-Z]{1,3}\d{1,2})\b")
MAX_OFFSET_CUN = 10.0


def shown_name(path: Path | str) -> str:
    """How a file is named to a person: relative to the project (`data/points.csv`), else its bare name.

    Never the absolute path: a message may reach a visitor, and the server's folders are none of theirs.
    """
    path = Path(path)
    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except (ValueError, OSError):
        return path.name


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong in a data file: where (file, line, column), what, and how to fix it."""

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", line {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}" + (f" Fix: {self.fix}" if self.fix else "")


class DataError(Exception):
    """A table cannot be used at all; `problems` lists everything found (file, row, column, message, fix)."""

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
    #: One or two sentences for a patient: where the point is and why it is used, in everyday words.
    plain: str
    location: str
    use: str
    needling: str
    cautions: str
    caution_tags: tuple[str, ...]
    source: str
    #: The row's line in points.csv (0 when built in code), for messages about it found later.
    line: int = field(default=0, compare=False)

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
    #: "textbook": a standard textbook indication for this region's pain; "pattern": chosen from a pattern
    #: of symptoms (TCM pattern reasoning), not a textbook indication for back or neck pain (optional column).
    basis: str = "textbook"
    #: Why the point is used for this region, in a patient's words (optional column): the patient's list says
    #: it after the point's location, in place of the point's own reason, which may be for another region.
    plain: str = ""


@dataclass(frozen=True)
class Atlas:
    """Validated, read-only tables; `problems` lists the rows that were skipped (empty when all is well)."""

    points: tuple[Point, ...]
    links: tuple[Link, ...]
    problems: tuple[DataProblem, ...] = ()
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

    def without(self, dropped: Iterable[DataProblem], point_ids: set[str]) -> Atlas:
        """The atlas minus some points (and their links), with the problems that cost them recorded."""
        dropped = tuple(dropped)
        if not dropped:
            return self
        return Atlas(
            points=tuple(p for p in self.points if p.id not in point_ids),
            links=tuple(lk for lk in self.links if lk.point_id not in point_ids),
            problems=self.problems + dropped,
        )


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAVE_AS_UTF8 = (
    "save the file again as UTF-8 (in Excel: Save As > CSV UTF-8; in LibreOffice: Character set UTF-8)."
)


def _decode(raw: bytes, name: str) -> tuple[str | None, list[DataProblem]]:
    """UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"); anything else named as an encoding fault."""
    if raw.startswith(_UTF16_BOMS):
        return None, [
            DataProblem(name, None, None, "the file is saved as UTF-16 text, not UTF-8.", _SAVE_AS_UTF8)
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex().upper()
        return None, [
            DataProblem(
                name,
                line,
                None,
                f"the file is not UTF-8 text (byte 0x{byte} cannot be read as UTF-8; it was probably saved "
                "as Latin-1 or Windows-1252). Nothing in it was read.",
                _SAVE_AS_UTF8,
            )
        ]


def _read_csv(path: Path, columns: tuple[str, ...]) -> tuple[list[dict[str, str]] | None, list[DataProblem]]:
    """Rows as dicts (with `__line__`), and problems. Rows are None when the table cannot be used at all."""
    name = shown_name(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [
            DataProblem(name, None, None, "the file is missing.", "put the file back (see README: Data).")
        ]
    except IsADirectoryError:
        return None, [
            DataProblem(name, None, None, "this is a folder, not a file.", "replace it with the CSV file.")
        ]
    except PermissionError:
        return None, [
            DataProblem(
                name,
                None,
                None,
                "the server is not allowed to read the file.",
                "make it readable by the user that runs the app.",
            )
        ]
    except OSError as exc:
        return None, [DataProblem(name, None, None, f"the file cannot be read ({exc.strerror}).")]
    text, problems = _decode(raw, name)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [
            DataProblem(
                name, None, None, "the file is empty.", f"it needs a header line: {','.join(columns)}"
            )
        ]
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [h.strip() for h in next(reader)]
        first: dict[str, int] = {}
        for number, col in enumerate(header, start=1):
            if col in first:
                problems.append(
                    DataProblem(
                        name,
                        1,
                        col,
                        f"the column appears twice (columns {first[col]} and {number}); AcuMap cannot tell "
                        "which one holds the data.",
                        "delete or rename one of the two columns.",
                    )
                )
            first.setdefault(col, number)
        problems += [
            DataProblem(
                name,
                1,
                col,
                "required column is missing",
                f"add a column named {col!r} to the header line (columns: {', '.join(columns)}).",
            )
            for col in columns
            if col not in first
        ]
        if problems:
            return None, problems
        rows: list[dict[str, str]] = []
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank line: nothing to lose
            if len(cells) > len(header):
                problems.append(
                    DataProblem(
                        name,
                        line,
                        None,
                        f"the row has {len(cells)} cells but the header has {len(header)}; the extra cells "
                        f"are {cells[len(header) :]!r}. The row was skipped.",
                        "a text cell with a comma must be in double quotes.",
                    )
                )
                continue
            cells += [""] * (len(header) - len(cells))
            row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
            rows.append(row | {"__line__": str(line)})
    except csv.Error as exc:
        return None, [
            DataProblem(
                name,
                reader.line_num,
                None,
                f"the file is not a readable CSV file ({exc}).",
                "check the quotes on that line.",
            )
        ]
    if not rows and not problems:
        return None, [
            DataProblem(
                name, None, None, "the file has a header but no rows.", "add the rows (one per line)."
            )
        ]
    return rows, problems


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

    def bad(column: str, message: str, fix: str = "") -> None:
        problems.append(DataProblem(file, line, column, message, fix))

    pid, code, view = row["id"], row["code"], row["view"]
    if not pid:
        bad("id", "id is empty", "write the point's WHO code, e.g. BL18.")
    if not _CODE_RE.match(code):
        bad(
            "code",
            f"{code!r} is not a WHO point code such as BL18 or EX-B2",
            "write the code in capitals without spaces.",
        )
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
    if _CODE_IN_TEXT_RE.search(row["plain"]):
        bad(
            "plain",
            "the plain-language line names a point code; a patient reads it",
            "say where the point is and why it is used in everyday words, without codes.",
        )
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
        bad(
            "spine_level",
            f"unknown spine level {level!r}; expected C7, T1..T12 or L1..L5",
            "write the vertebra whose spinous process the point is level with.",
        )

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
    elif view == "neck":
        if landmark is None or landmark not in neck.NECK_PLACEMENTS:
            bad(
                "landmark",
                f"a neck point is placed from its landmark; expected one of {', '.join(neck.NECK_PLACEMENTS)}",
            )
        if level or row["offset_cun"] or row["x"] or row["y"]:
            bad(
                "landmark",
                "a neck point is placed from its landmark only: leave spine_level, offset_cun, x, y empty",
            )
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
        plain=row["plain"],
        location=row["location"],
        use=row["use"],
        needling=row["needling"],
        cautions=row["cautions"],
        caution_tags=tags,
        source=row["source"],
        line=line,
    )


def validate_points(
    rows: list[dict[str, str]], file: str = POINTS_FILE
) -> tuple[list[Point], list[DataProblem]]:
    """Every good row as a Point; a problem for each bad one (the row is skipped, the rest kept)."""
    problems: list[DataProblem] = []
    points: list[Point] = []
    first_line: dict[str, int] = {}
    for row in rows:
        line = int(row["__line__"])
        pid = row["id"]
        if pid and pid in first_line:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "id",
                    f"duplicate id {pid!r} (first used on line {first_line[pid]}); this row was skipped.",
                    "give each point its own id, or delete the repeated row.",
                )
            )
            continue
        first_line.setdefault(pid, line)
        point = _validate_point(row, file, problems)
        if point is not None:
            points.append(point)
    return points, problems


def validate_links(
    rows: list[dict[str, str]],
    known_ids: set[str],
    file: str = LINKS_FILE,
    skipped_points: dict[str, int] | None = None,
    points_file: str = POINTS_FILE,
) -> tuple[list[Link], list[DataProblem]]:
    """Every good link; a problem for each bad one. `skipped_points` (id -> line) names points that exist in
    the points file but were skipped, so their links say why they went too."""
    problems: list[DataProblem] = []
    links: list[Link] = []
    seen: dict[tuple[str, str], int] = {}
    skipped_points = skipped_points or {}
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
                    "use one of the region names listed.",
                )
            )
        if pid in skipped_points:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "point_id",
                    f"point {pid!r} was skipped because its row ({points_file}, line {skipped_points[pid]}) "
                    "has a problem; this link was skipped with it.",
                    f"fix line {skipped_points[pid]} of {points_file}.",
                )
            )
        elif pid not in known_ids:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "point_id",
                    f"point {pid!r} does not exist in {points_file}",
                    "check the spelling of the id, or add the point first.",
                )
            )
        if role not in ROLES:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "role",
                    f"unknown role {role!r}; expected local or distal",
                    "write local or distal.",
                )
            )
        if not row["why"]:
            problems.append(
                DataProblem(file, line, "why", "why is empty: say in a line why the point is used")
            )
        basis = row.get("basis", "") or "textbook"
        if basis not in BASES:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "basis",
                    f"unknown basis {basis!r}; expected textbook or pattern",
                    "write pattern for a link chosen from a pattern of symptoms, or leave the cell empty.",
                )
            )
        plain = (row.get("plain") or "").strip()
        if plain and not plain.endswith("."):
            problems.append(
                DataProblem(
                    file,
                    line,
                    "plain",
                    "the patient's reason is not a sentence (it does not end with a full stop)",
                    "write it as one or two plain sentences, each ending with a full stop.",
                )
            )
        key = (region, pid)
        if key in seen:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "point_id",
                    f"{pid} is linked to {region} twice (first on line {seen[key]})",
                    "delete one of the two rows.",
                )
            )
        seen.setdefault(key, line)
        if len(problems) == before:
            links.append(
                Link(region=region, point_id=pid, role=role, why=row["why"], basis=basis, plain=plain)
            )
    return links, problems


def load_atlas(data_dir: Path | str = DATA_DIR) -> Atlas:
    """Read and validate points.csv and region_points.csv.

    Returns every good row, with the skipped ones in `Atlas.problems`. Raises DataError (listing every
    problem, the fatal ones first) when a table cannot be used at all or no row of it is usable.
    """
    base = Path(data_dir)
    points_name, links_name = shown_name(base / POINTS_FILE), shown_name(base / LINKS_FILE)
    unusable: list[DataProblem] = []
    skipped: list[DataProblem] = []

    point_rows, read_problems = _read_csv(base / POINTS_FILE, POINT_COLUMNS)
    (unusable if point_rows is None else skipped).extend(read_problems)
    points: list[Point] = []
    if point_rows is not None:
        points, point_problems = validate_points(point_rows, points_name)
        skipped += point_problems
        if not points:
            unusable.append(
                DataProblem(points_name, None, None, "no row could be used: every row has a problem.")
            )

    link_rows, read_problems = _read_csv(base / LINKS_FILE, LINK_COLUMNS)
    (unusable if link_rows is None else skipped).extend(read_problems)
    links: list[Link] = []
    # Without a usable points table every link would look wrong: say nothing about them rather than bury the
    # real fault under false "point does not exist" lines.
    if link_rows is not None and point_rows is not None:
        valid = {p.id for p in points}
        written: dict[str, int] = {}
        for row in point_rows:
            written.setdefault(row["id"], int(row["__line__"]))
        skipped_points = {pid: line for pid, line in written.items() if pid and pid not in valid}
        links, link_problems = validate_links(link_rows, valid, links_name, skipped_points, points_name)
        skipped += link_problems
        if not links:
            unusable.append(
                DataProblem(links_name, None, None, "no row could be used: every row has a problem.")
            )
    if unusable:
        raise DataError(unusable + skipped)
    return Atlas(points=tuple(points), links=tuple(links), problems=tuple(skipped))
