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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

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


def _read_bytes(path: Path, name: str) -> tuple[bytes | None, list[DataProblem]]:
    """The file's bytes; None, and why, when it cannot be read (missing, a folder, not allowed, ...)."""
    try:
        return path.read_bytes(), []
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


def _doubled_columns(header: list[str], name: str) -> list[DataProblem]:
    """A column named twice in the header line: which of the two holds the data cannot be told."""
    problems: list[DataProblem] = []
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
    return problems


def _missing_columns(header: list[str], columns: tuple[str, ...], name: str) -> list[DataProblem]:
    """A required column the header line lacks."""
    return [
        DataProblem(
            name,
            1,
            col,
            "required column is missing",
            f"add a column named {col!r} to the header line (columns: {', '.join(columns)}).",
        )
        for col in columns
        if col not in header
    ]


def _extra_cells(cells: list[str], header: list[str], name: str, line: int) -> DataProblem | None:
    """A row with more cells than the header has columns (a comma in an unquoted cell): it is skipped."""
    if len(cells) <= len(header):
        return None
    return DataProblem(
        name,
        line,
        None,
        f"the row has {len(cells)} cells but the header has {len(header)}; the extra cells "
        f"are {cells[len(header) :]!r}. The row was skipped.",
        "a text cell with a comma must be in double quotes.",
    )


def _read_csv(path: Path, columns: tuple[str, ...]) -> tuple[list[dict[str, str]] | None, list[DataProblem]]:
    """Rows as dicts (with `__line__`), and problems. Rows are None when the table cannot be used at all."""
    name = shown_name(path)
    raw, problems = _read_bytes(path, name)
    if raw is None:
        return None, problems
    text, problems = _decode(raw, name)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [
            DataProblem(
                name, None, None, "the file is empty.", f"it needs a header line: {','.join(columns)}"
            )
        ]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        problems = _doubled_columns(header, name) + _missing_columns(header, columns, name)
        if problems:
            return None, problems
        rows: list[dict[str, str]] = []
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank line: nothing to lose
            if extra := _extra_cells(cells, header, name, line):
                problems.append(extra)
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


class _Fault(NamedTuple):
    """What one rule found wrong in a row: the column, what is wrong, and how to fix it."""

    column: str
    message: str
    fix: str = ""


_Row = dict[str, str]
#: A rule for one row of points.csv: the faults it finds (none when the row keeps it).
_PointRule = Callable[[_Row], Iterator[_Fault]]


def _number_fault(value: str) -> str | None:
    """What is wrong with a number cell, or None when it holds a finite number."""
    try:
        number = float(value)
    except ValueError:
        return f"{value!r} is not a number"
    if not math.isfinite(number):
        return f"{value!r} is not a finite number"
    return None


def _number(value: str) -> float | None:
    """The finite number in a cell; None when the cell is empty or holds none (a rule says why)."""
    if not value or _number_fault(value):
        return None
    return float(value)


def _offset(row: _Row) -> float | None:
    """The row's offset from the midline in cun; None when empty, not a number or out of range."""
    offset = _number(row["offset_cun"])
    if offset is None or not 0 <= offset <= MAX_OFFSET_CUN:
        return None
    return offset


# --- the rules of points.csv, one function each, in the order their faults are listed ---------------------


def _id_given(row: _Row) -> Iterator[_Fault]:
    if not row["id"]:
        yield _Fault("id", "id is empty", "write the point's WHO code, e.g. BL18.")


def _code_is_a_point_code(row: _Row) -> Iterator[_Fault]:
    if not _CODE_RE.match(row["code"]):
        yield _Fault(
            "code",
            f"{row['code']!r} is not a WHO point code such as BL18 or EX-B2",
            "write the code in capitals without spaces.",
        )


def _view_known(row: _Row) -> Iterator[_Fault]:
    if row["view"] not in VIEWS:
        yield _Fault("view", f"unknown view {row['view']!r}; expected one of {', '.join(VIEWS)}")


def _required_text_given(row: _Row) -> Iterator[_Fault]:
    for col in _REQUIRED_TEXT:
        if not row[col]:
            hint = (
                ' (write "None known beyond standard clean-needle technique." if so)'
                if col == "cautions"
                else ""
            )
            yield _Fault(col, f"{col} is empty{hint}")


def _plain_line_has_no_code(row: _Row) -> Iterator[_Fault]:
    if _CODE_IN_TEXT_RE.search(row["plain"]):
        yield _Fault(
            "plain",
            "the plain-language line names a point code; a patient reads it",
            "say where the point is and why it is used in everyday words, without codes.",
        )


def _meridian_known(row: _Row) -> Iterator[_Fault]:
    if row["meridian"] and row["meridian"] not in MERIDIANS.values():
        yield _Fault(
            "meridian",
            f"unknown meridian {row['meridian']!r}; expected one of {', '.join(MERIDIANS.values())}",
        )


def _caution_tags(row: _Row) -> tuple[str, ...]:
    return tuple(t.strip() for t in row["caution_tags"].split(";") if t.strip())


def _caution_tags_known(row: _Row) -> Iterator[_Fault]:
    for tag in _caution_tags(row):
        if tag not in CAUTION_TAGS:
            yield _Fault(
                "caution_tags", f"unknown caution tag {tag!r}; expected some of {', '.join(CAUTION_TAGS)}"
            )


def _offset_is_a_number(row: _Row) -> Iterator[_Fault]:
    if row["offset_cun"] and (fault := _number_fault(row["offset_cun"])):
        yield _Fault("offset_cun", fault)


def _offset_in_range(row: _Row) -> Iterator[_Fault]:
    offset = _number(row["offset_cun"])
    if offset is not None and not 0 <= offset <= MAX_OFFSET_CUN:
        yield _Fault(
            "offset_cun",
            f"offset {offset:g} cun is outside 0..{MAX_OFFSET_CUN:g} (measured from the midline)",
        )


def _spine_level_known(row: _Row) -> Iterator[_Fault]:
    level = row["spine_level"]
    if level and not anatomy.is_spine_level(level):
        yield _Fault(
            "spine_level",
            f"unknown spine level {level!r}; expected C7, T1..T12 or L1..L5",
            "write the vertebra whose spinous process the point is level with.",
        )


# A back point: from a scapular landmark alone, or from its spine level and offset; never by x/y.


def _back_landmark_known(row: _Row) -> Iterator[_Fault]:
    if row["landmark"] and row["landmark"] not in anatomy.SCAPULAR_PLACEMENTS:
        yield _Fault("landmark", f"unknown landmark {row['landmark']!r}")


def _back_landmark_alone(row: _Row) -> Iterator[_Fault]:
    if row["landmark"] and (row["spine_level"] or row["offset_cun"]):
        yield _Fault("landmark", "a point placed from a landmark has no spine_level or offset_cun")


def _back_level_given(row: _Row) -> Iterator[_Fault]:
    if not row["landmark"] and not row["spine_level"]:
        yield _Fault("spine_level", "a back point needs a spine level (or a landmark)")


def _back_offset_given(row: _Row) -> Iterator[_Fault]:
    if not row["landmark"] and not row["offset_cun"]:
        yield _Fault("offset_cun", "a back point needs its offset from the midline in cun")


def _governor_vessel_on_midline(row: _Row) -> Iterator[_Fault]:
    if not row["landmark"] and row["code"].startswith("GV") and _offset(row) not in (None, 0.0):
        yield _Fault("offset_cun", "a Governor Vessel point lies on the midline: offset must be 0")


def _back_not_by_xy(row: _Row) -> Iterator[_Fault]:
    if row["x"] or row["y"]:
        yield _Fault("x", "back points are placed from spine_level and offset_cun, never by x/y")


# A neck point: from its landmark only.


def _neck_landmark_known(row: _Row) -> Iterator[_Fault]:
    if row["landmark"] not in neck.NECK_PLACEMENTS:
        yield _Fault(
            "landmark",
            f"a neck point is placed from its landmark; expected one of {', '.join(neck.NECK_PLACEMENTS)}",
        )


def _neck_landmark_alone(row: _Row) -> Iterator[_Fault]:
    if row["spine_level"] or row["offset_cun"] or row["x"] or row["y"]:
        yield _Fault(
            "landmark",
            "a neck point is placed from its landmark only: leave spine_level, offset_cun, x, y empty",
        )


# A point on the hand, leg or head diagram: by its x and y on the diagram, never from the spine.


def _diagram_xy_given(row: _Row) -> Iterator[_Fault]:
    view = row["view"]
    for col in ("x", "y"):
        if not row[col]:
            yield _Fault(col, f"a {view} point needs its {col} position on the {view} diagram")


def _diagram_xy_are_numbers(row: _Row) -> Iterator[_Fault]:
    for col in ("x", "y"):
        if row[col] and (fault := _number_fault(row[col])):
            yield _Fault(col, fault)


def _diagram_not_from_spine(row: _Row) -> Iterator[_Fault]:
    if row["spine_level"] or row["offset_cun"] or row["landmark"]:
        view = row["view"]
        yield _Fault(
            "spine_level",
            f"a {view} point is not placed from the spine; leave spine_level/offset_cun empty",
        )


#: The rules every point row keeps, then those of its view (a row with an unknown view has none of these).
_POINT_RULES: tuple[_PointRule, ...] = (
    _id_given,
    _code_is_a_point_code,
    _view_known,
    _required_text_given,
    _plain_line_has_no_code,
    _meridian_known,
    _caution_tags_known,
    _offset_is_a_number,
    _offset_in_range,
    _spine_level_known,
)
_DIAGRAM_RULES: tuple[_PointRule, ...] = (_diagram_xy_given, _diagram_xy_are_numbers, _diagram_not_from_spine)
_VIEW_RULES: dict[str, tuple[_PointRule, ...]] = {
    "back": (
        _back_landmark_known,
        _back_landmark_alone,
        _back_level_given,
        _back_offset_given,
        _governor_vessel_on_midline,
        _back_not_by_xy,
    ),
    "neck": (_neck_landmark_known, _neck_landmark_alone),
    "hand": _DIAGRAM_RULES,
    "leg": _DIAGRAM_RULES,
    "head": _DIAGRAM_RULES,
}


def _validate_point(row: _Row, file: str, problems: list[DataProblem]) -> Point | None:
    """The row as a Point; None, with a problem for each rule it breaks, when it breaks any."""
    line = int(row["__line__"])
    view = row["view"]
    faults = [fault for rule in _POINT_RULES + _VIEW_RULES.get(view, ()) for fault in rule(row)]
    problems += [DataProblem(file, line, f.column, f.message, f.fix) for f in faults]
    if faults:
        return None
    return Point(
        id=row["id"],
        code=row["code"],
        view=view,
        spine_level=row["spine_level"] or None,
        offset_cun=_offset(row),
        landmark=row["landmark"] or None,
        x=_number(row["x"]),
        y=_number(row["y"]),
        meridian=row["meridian"],
        pinyin=row["pinyin"],
        hanzi=row["hanzi"],
        english=row["english"],
        plain=row["plain"],
        location=row["location"],
        use=row["use"],
        needling=row["needling"],
        cautions=row["cautions"],
        caution_tags=_caution_tags(row),
        source=row["source"],
        line=line,
    )


def validate_points(rows: list[_Row], file: str = POINTS_FILE) -> tuple[list[Point], list[DataProblem]]:
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


@dataclass(frozen=True)
class _LinkContext:
    """What a link's rules need besides its row: the points kept, the points skipped (id -> line), the name
    of the points file, and the (region, point) pairs already linked (-> their first line)."""

    known_ids: set[str]
    skipped_points: dict[str, int]
    points_file: str
    seen: dict[tuple[str, str], int]


#: A rule for one row of region_points.csv.
_LinkRule = Callable[[_Row, _LinkContext], Iterator[_Fault]]


def _basis(row: _Row) -> str:
    return row.get("basis", "") or "textbook"


def _link_plain(row: _Row) -> str:
    return (row.get("plain") or "").strip()


# --- the rules of region_points.csv, one function each, in the order their faults are listed -------------


def _region_known(row: _Row, _: _LinkContext) -> Iterator[_Fault]:
    if row["region"] not in BASE_REGIONS:
        yield _Fault(
            "region",
            f"unknown region {row['region']!r}; expected one of {', '.join(BASE_REGIONS)}",
            "use one of the region names listed.",
        )


def _linked_point_kept(row: _Row, context: _LinkContext) -> Iterator[_Fault]:
    pid, points_file = row["point_id"], context.points_file
    if pid in context.skipped_points:
        line = context.skipped_points[pid]
        yield _Fault(
            "point_id",
            f"point {pid!r} was skipped because its row ({points_file}, line {line}) "
            "has a problem; this link was skipped with it.",
            f"fix line {line} of {points_file}.",
        )


def _linked_point_exists(row: _Row, context: _LinkContext) -> Iterator[_Fault]:
    pid = row["point_id"]
    if pid not in context.skipped_points and pid not in context.known_ids:
        yield _Fault(
            "point_id",
            f"point {pid!r} does not exist in {context.points_file}",
            "check the spelling of the id, or add the point first.",
        )


def _role_known(row: _Row, _: _LinkContext) -> Iterator[_Fault]:
    if row["role"] not in ROLES:
        yield _Fault(
            "role", f"unknown role {row['role']!r}; expected local or distal", "write local or distal."
        )


def _why_given(row: _Row, _: _LinkContext) -> Iterator[_Fault]:
    if not row["why"]:
        yield _Fault("why", "why is empty: say in a line why the point is used")


def _basis_known(row: _Row, _: _LinkContext) -> Iterator[_Fault]:
    basis = _basis(row)
    if basis not in BASES:
        yield _Fault(
            "basis",
            f"unknown basis {basis!r}; expected textbook or pattern",
            "write pattern for a link chosen from a pattern of symptoms, or leave the cell empty.",
        )


def _patient_reason_is_a_sentence(row: _Row, _: _LinkContext) -> Iterator[_Fault]:
    plain = _link_plain(row)
    if plain and not plain.endswith("."):
        yield _Fault(
            "plain",
            "the patient's reason is not a sentence (it does not end with a full stop)",
            "write it as one or two plain sentences, each ending with a full stop.",
        )


def _linked_once(row: _Row, context: _LinkContext) -> Iterator[_Fault]:
    region, pid = row["region"], row["point_id"]
    first = context.seen.get((region, pid))
    if first is not None:
        yield _Fault(
            "point_id",
            f"{pid} is linked to {region} twice (first on line {first})",
            "delete one of the two rows.",
        )


_LINK_RULES: tuple[_LinkRule, ...] = (
    _region_known,
    _linked_point_kept,
    _linked_point_exists,
    _role_known,
    _why_given,
    _basis_known,
    _patient_reason_is_a_sentence,
    _linked_once,
)


def validate_links(
    rows: list[_Row],
    known_ids: set[str],
    file: str = LINKS_FILE,
    skipped_points: dict[str, int] | None = None,
    points_file: str = POINTS_FILE,
) -> tuple[list[Link], list[DataProblem]]:
    """Every good link; a problem for each bad one. `skipped_points` (id -> line) names points that exist in
    the points file but were skipped, so their links say why they went too."""
    problems: list[DataProblem] = []
    links: list[Link] = []
    context = _LinkContext(known_ids, skipped_points or {}, points_file, {})
    for row in rows:
        line = int(row["__line__"])
        faults = [fault for rule in _LINK_RULES for fault in rule(row, context)]
        problems += [DataProblem(file, line, f.column, f.message, f.fix) for f in faults]
        context.seen.setdefault((row["region"], row["point_id"]), line)
        if not faults:
            links.append(
                Link(
                    region=row["region"],
                    point_id=row["point_id"],
                    role=row["role"],
                    why=row["why"],
                    basis=_basis(row),
                    plain=_link_plain(row),
                )
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
