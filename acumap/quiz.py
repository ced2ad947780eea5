"""The quiz: score an attempt to find a point, in the units a student uses; draw reproducible rounds.

An attempt is a position on a diagram (cm, as the map reports it). On the back it is scored in vertebral
levels up and down (from the spine ladder of `acumap.body.anatomy`) and in B-cun sideways, measured from the
midline as the points are; on the hand, leg and head in that diagram's own cun. A bilateral point accepts
either side: the attempt is scored against the nearer of its two markers.
"""

from __future__ import annotations

import bisect
import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from acumap.atlas.codes import who_code
from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import Marker, point_markers
from acumap.atlas.regions import BASE_LABELS, BASE_REGIONS
from acumap.body import anatomy, neck
from acumap.body.scales import CM_PER_CUN_ACROSS, CM_PER_CUN_XY
from acumap.search import fold, folded_names, matches, name_forms

#: Within this (levels up/down on the back; cun in any direction elsewhere) an attempt is correct.
TOLERANCE_LEVELS = 0.5
TOLERANCE_CUN = 0.5
ROUND_LENGTH = 10

#: Words for the directions on the other diagrams: (towards -y, towards +y, towards -x, towards +x).
DIRECTIONS = {
    "hand": (
        "towards the fingers",
        "towards the elbow",
        "towards the thumb side",
        "towards the little-finger side",
    ),
    "leg": (
        "towards the knee",
        "towards the foot",
        "to the left on the drawing",
        "to the right on the drawing",
    ),
    "head": ("towards the forehead", "towards the back of the head", "to the left", "to the right"),
    "neck": ("towards the top of the head", "towards the shoulders", "to the left", "to the right"),
}


def level_position(y: float) -> float:
    """A height on the back as a fractional index on the spine ladder (C7 = 0, T1 = 1, ... L5 = 17).

    Between two spinous processes the index is interpolated; above C7 and below L5 the nearest gap's spacing
    continues, so an attempt far off is still counted in levels.
    """
    ys = [anatomy.level_y(level) for level in anatomy.SPINE_LEVELS]
    i = bisect.bisect_right(ys, y) - 1
    i = min(max(i, 0), len(ys) - 2)
    return i + (y - ys[i]) / (ys[i + 1] - ys[i])


def _amount(value: float, unit: str) -> str:
    value = abs(value)
    if unit == "level":
        if math.isclose(value, 1.0, abs_tol=0.05):
            return "one level"
        if math.isclose(value, round(value), abs_tol=0.05):
            return f"{round(value)} levels"
        return f"{value:.1f} levels"
    return f"{value:.1f} cun"


@dataclass(frozen=True)
class Score:
    """How far an attempt was from the point. Signs: `vertical` > 0 is too low (down the page); on the back
    `sideways` > 0 is too far from the midline, elsewhere too far to +x (the right of the drawing)."""

    point_id: str
    view: str
    attempt: tuple[float, float]
    target: tuple[float, float]
    side: str
    vertical: float  # levels on the back, cun elsewhere
    sideways: float  # cun
    distance_cun: float
    correct: bool
    wrong_view: bool = False
    feedback: tuple[str, ...] = field(default=())

    @property
    def vertical_unit(self) -> str:
        return "level" if self.view == "back" else "cun"


def _back_feedback(vertical: float, sideways: float, midline: bool, x: float) -> list[str]:
    words: list[str] = []
    if abs(vertical) > TOLERANCE_LEVELS:
        words.append(f"{_amount(vertical, 'level')} too {'low' if vertical > 0 else 'high'}")
    if midline:
        if abs(sideways) > TOLERANCE_CUN:
            # The attempt's own side: the person's left is the viewer's left on the back view.
            words.append(f"{_amount(sideways, 'cun')} off the midline, to the {'left' if x < 0 else 'right'}")
    elif abs(sideways) > TOLERANCE_CUN:
        words.append(
            f"{_amount(sideways, 'cun')} too {'far from' if sideways > 0 else 'close to'} the midline"
        )
    return words


def score_attempt(atlas: Atlas, point_id: str, view: str, x: float, y: float) -> Score:
    """Score a click at (x, y) cm on `view` as an attempt to find the point."""
    point = atlas.point(point_id)
    markers = point_markers(point)
    if not markers:
        raise ValueError(f"{point_id} is not drawn on any diagram")
    if view != point.view:
        m = markers[0]
        return Score(
            point_id,
            point.view,
            (x, y),
            (m.x, m.y),
            m.side,
            0.0,
            0.0,
            math.inf,
            False,
            wrong_view=True,
            feedback=(f"{point.id} is on the {point.view} diagram, not the {view}",),
        )
    nearest: Marker = min(markers, key=lambda m: math.hypot(m.x - x, m.y - y))
    scale = CM_PER_CUN_ACROSS[view]
    scale_x, scale_y = CM_PER_CUN_XY[view]
    distance = math.hypot((nearest.x - x) / scale_x, (nearest.y - y) / scale_y)
    if view == "back":
        vertical = level_position(y) - level_position(nearest.y)
        midline = nearest.side == "midline"
        # Measured from the midline, either side: a midline point's marker is at x = 0, so for it this is how far
        # off the midline the attempt is.
        sideways = (abs(x) - abs(nearest.x)) / scale
        correct = abs(vertical) <= TOLERANCE_LEVELS and abs(sideways) <= TOLERANCE_CUN
        feedback = _back_feedback(vertical, sideways, midline, x)
    else:
        vertical = (y - nearest.y) / scale_y
        sideways = (x - nearest.x) / scale_x
        correct = distance <= TOLERANCE_CUN
        up, down, left, right = DIRECTIONS[view]
        feedback = []
        if abs(vertical) > TOLERANCE_CUN / 2 and not correct:
            feedback.append(f"{_amount(vertical, 'cun')} too far {down if vertical > 0 else up}")
        if abs(sideways) > TOLERANCE_CUN / 2 and not correct:
            feedback.append(f"{_amount(sideways, 'cun')} too far {right if sideways > 0 else left}")
    if correct:
        feedback = ["On the point" if distance < 0.25 else "Close enough: within half a cun"]
    return Score(
        point_id,
        view,
        (x, y),
        (nearest.x, nearest.y),
        nearest.side,
        vertical,
        sideways,
        distance,
        correct,
        feedback=tuple(feedback),
    )


def hint(point: Point) -> str:
    """One line, from the body model, on how to find the point."""
    if point.view == "neck" and point.landmark is not None:
        place = neck.NECK_PLACEMENTS[point.landmark]
        return f"Find {place.level} first; {point.code} is level with it, {place.between}."
    if point.view == "back" and point.landmark is not None:
        return (
            f"Start from the shoulder blade ({point.landmark.replace('_', ' ')}), not from the spine: "
            "find the bone with the arm hanging."
        )
    if point.view == "back" and point.spine_level is not None and point.offset_cun is not None:
        count = (
            "Find C7, the prominent spinous process at the base of the neck"
            if point.spine_level == "C7"
            else f"Count the spinous processes down from C7 (the prominent one at the base of the neck) to "
            f"{point.spine_level}"
        )
        if point.offset_cun == 0:
            return f"{count}; {point.code} is on the midline in the dip just below it."
        line = {
            0.5: "on the Jiaji line, 0.5 cun out",
            1.5: "on the inner Bladder line, 1.5 cun out",
            3.0: "on the outer Bladder line, 3 cun out"
            + (
                ", along the inner edge of the shoulder blade"
                if anatomy.beside_scapula(point.spine_level)
                else ""
            ),
        }.get(point.offset_cun, f"{point.offset_cun:g} cun from the midline")
        return f"{count}; {point.code} is level with its lower border, {line}."
    return f"{point.code}: {point.location}"


# --- rounds -------------------------------------------------------------------------------------------

MODES = ("find", "name")
SOURCES = ("region", "meridian", "view", "missed", "all")
_TOKEN = re.compile(r"^[A-Za-z0-9_ -]{1,40}$")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


@dataclass(frozen=True)
class RoundSpec:
    """What a round draws from, and how: everything needed to replay it exactly (it goes in the link)."""

    mode: str = "find"  # find: click where the point is; name: the point is lit, give its code or name
    source: str = "all"  # region, meridian, view, missed, all
    value: str = ""  # the region, meridian or view; for `missed`, the ids separated by ","
    seed: int = 1
    landmarks: bool = True

    def encode(self) -> str:
        return ".".join(
            [
                self.mode,
                f"{self.source}-{self.value}" if self.value else self.source,
                f"s{self.seed}",
                "lm" if self.landmarks else "nolm",
            ]
        )

    @classmethod
    def decode(cls, text: str) -> RoundSpec | None:
        """Read a round from a link; None if it is not one (the caller shows a notice)."""
        parts = text.split(".")
        if len(parts) != 4:
            return None
        mode, source_part, seed_part, lm = parts
        source, _, value = source_part.partition("-")
        if mode not in MODES or source not in SOURCES or lm not in ("lm", "nolm"):
            return None
        if not re.fullmatch(r"s\d{1,9}", seed_part):
            return None
        if source == "missed":
            ids = value.split(",")
            if not 1 <= len(ids) <= ROUND_LENGTH or not all(_ID.match(pid) for pid in ids):
                return None
        elif value and not _TOKEN.match(value):
            return None
        if (source in ("all",)) != (value == ""):
            return None
        return cls(mode, source, value, int(seed_part[1:]), lm == "lm")

    def label(self, n: int = ROUND_LENGTH) -> str:
        what = {
            "region": f"the {BASE_LABELS.get(self.value, self.value).lower()}",
            "meridian": f"the {self.value} meridian",
            "view": f"the {self.value} diagram",
            "missed": "the points you missed most",
            "all": "every point",
        }[self.source]
        return f"{'Find' if self.mode == 'find' else 'Name'} the point: {n} from {what}"


def pool(atlas: Atlas, spec: RoundSpec) -> list[Point]:
    """The points a round may draw, in atlas order."""
    if spec.source == "region":
        ids = {lk.point_id for lk in atlas.links_for(spec.value)} if spec.value in BASE_REGIONS else set()
        return [p for p in atlas.points if p.id in ids]
    if spec.source == "meridian":
        return [p for p in atlas.points if p.meridian == spec.value]
    if spec.source == "view":
        return [p for p in atlas.points if p.view == spec.value]
    if spec.source == "missed":
        wanted = [pid for pid in spec.value.split(",") if atlas.has_point(pid)]
        return [atlas.point(pid) for pid in dict.fromkeys(wanted)]
    return list(atlas.points)


def shares_code(atlas: Atlas, point: Point) -> bool:
    """Whether other points carry the same code (the Jiaji points: EX-B2 at every level)."""
    return sum(p.code == point.code for p in atlas.points) > 1


def asked_code(atlas: Atlas, point: Point) -> str:
    """The code a question shows: with the level when several points share it (`EX-B2 at T5`); a shared code
    placed without a spinal level (the neck's Jiaji, JJ-C) by the point's own id (`JJ-C4`)."""
    if not shares_code(atlas, point):
        return point.code
    return f"{point.code} at {point.spine_level}" if point.spine_level else point.id


def nameable(atlas: Atlas) -> list[str]:
    """Points a naming question can ask: the Jiaji points share one code and name (EX-B2 Jiájǐ at each
    level), so naming cannot tell them apart."""
    return [p.id for p in atlas.points if not shares_code(atlas, p)]


#: At most this many points of one shared code in a round (the Jiaji points: EX-B2 at every level would
#: otherwise fill a middle-back round, each question naming a vertebra rather than a point).
MAX_SHARED_CODE = 2


def draw(atlas: Atlas, spec: RoundSpec, length: int = ROUND_LENGTH) -> list[str]:
    """The round's point ids: `length` drawn without repeats (fewer if the pool is smaller), seeded, with at
    most MAX_SHARED_CODE points of a code that several points share."""
    candidates = [p.id for p in pool(atlas, spec)]
    if spec.mode == "name":
        allowed = set(nameable(atlas))
        candidates = [pid for pid in candidates if pid in allowed]
    rng = random.Random(f"{spec.source}:{spec.value}:{spec.seed}")
    shared = {p.code for p in atlas.points if shares_code(atlas, p)}
    per_code: dict[str, int] = {}
    chosen: list[str] = []
    for pid in rng.sample(candidates, len(candidates)):
        code = atlas.point(pid).code
        if code in shared:
            if per_code.get(code, 0) >= MAX_SHARED_CODE:
                continue
            per_code[code] = per_code.get(code, 0) + 1
        chosen.append(pid)
        if len(chosen) == length:
            break
    return chosen


def most_missed(history: Iterable[tuple[str, bool]], limit: int = ROUND_LENGTH) -> list[str]:
    """From (point id, correct) results, the points missed most (misses minus hits, ties by id)."""
    tally: dict[str, int] = {}
    for pid, correct in history:
        tally[pid] = tally.get(pid, 0) + (-1 if correct else 1)
    missed = [pid for pid, n in tally.items() if n > 0]
    return sorted(missed, key=lambda pid: (-tally[pid], pid))[:limit]


@dataclass(frozen=True)
class Summary:
    answered: int
    correct: int
    mean_error_cun: float | None
    to_practise: tuple[str, ...]


def summarise(scores: Sequence[Score | NameScore]) -> Summary:
    placed = [s.distance_cun for s in scores if math.isfinite(s.distance_cun)]
    return Summary(
        answered=len(scores),
        correct=sum(s.correct for s in scores),
        mean_error_cun=sum(placed) / len(placed) if placed else None,
        to_practise=tuple(dict.fromkeys(s.point_id for s in scores if not s.correct)),
    )


#: No diagram is larger than this (cm): a position beyond it in a link is not an attempt.
MAX_CM = 500.0


def encode_attempts(attempts: list[tuple[str, float, float]]) -> str:
    """Attempts for the link: `view:x:y` in cm, joined by `~`."""
    return "~".join(f"{v}:{x:.2f}:{y:.2f}" for v, x, y in attempts)


def decode_attempts(text: str) -> list[tuple[str, float, float]] | None:
    """Attempts from the link; None if any part is not `view:x:y` on a known diagram."""
    out: list[tuple[str, float, float]] = []
    for part in filter(None, text.split("~")):
        bits = part.split(":")
        try:
            view, x, y = bits[0], float(bits[1]), float(bits[2])
        except (IndexError, ValueError):
            return None
        if view not in CM_PER_CUN_ACROSS or len(bits) != 3:
            return None
        if not (math.isfinite(x) and math.isfinite(y) and abs(x) <= MAX_CM and abs(y) <= MAX_CM):
            return None
        out.append((view, x, y))
    return out


# --- the reverse: a point is lit, the student names it ------------------------------------------------


#: Typos allowed in a name (pinyin or English, folded): 1 up to 6 letters, then 2. A code must be exact, since
#: a one-character slip in a code is another point (BL17 for BL18).
def _typos_allowed(name: str) -> int:
    return 1 if len(name) <= 6 else 2


@dataclass(frozen=True)
class Reading:
    """What a typed answer names: one point, or (when it could be several, or none is close) the nearest."""

    point_id: str | None
    nearest: tuple[str, ...] = ()
    tied: bool = False  # the nearest are equally close to the answer (else only suggestions)


def read_answer(atlas: Atlas, text: str) -> Reading:
    """The one point a typed code or name stands for, tolerant of case, tone marks, spacing and small typos.

    An exact code, pinyin, English name or hanzi names its point. Otherwise a pinyin or English name within
    a small typo (`_typos_allowed`) does, if only one point is that close (`Hanshu` is one letter from both
    Ganshu and Danshu, so it names neither and both are offered).
    """
    q = fold(text)
    # Hanzi are matched as typed; punctuation alone ("?") names nothing.
    hanzi = text.strip() if any(ch.isalnum() for ch in text) else ""
    if not q and not hanzi:
        return Reading(None)
    as_who = who_code(q)  # UB18 for BL18, SJ5 for TE5 ... (acumap.atlas.codes)
    exact = [
        p.id
        for p in atlas.points
        if q in folded_names(p)
        or as_who in {fold(p.id), fold(p.code)}
        or (hanzi and hanzi in name_forms(p.hanzi))
    ]
    if len({atlas.point(pid).code for pid in exact}) == 1:
        # One point, or one code shared by several (EX-B2 at every level): the answer names that code.
        return Reading(exact[0])
    if exact:
        return Reading(None, tuple(exact), tied=True)
    best: dict[str, int] = {}
    for p in atlas.points:
        for name in folded_names(p):
            d = Levenshtein.distance(q, name, score_cutoff=_typos_allowed(name))
            if d <= _typos_allowed(name):
                best[p.id] = min(d, best.get(p.id, d))
    if best:
        closest = min(best.values())
        ids = tuple(pid for pid in best if best[pid] == closest)
        return Reading(ids[0]) if len(ids) == 1 else Reading(None, ids, tied=True)
    # Nothing close: a few suggestions, one per code.
    by_code: dict[str, str] = {}
    for m in matches(atlas, text):
        by_code.setdefault(m.point.code, m.point.id)
    return Reading(None, tuple(by_code.values())[:3])


@dataclass(frozen=True)
class NameScore:
    """A reverse-mode answer: the point asked, the point the answer named, and what tells them apart."""

    point_id: str
    given: str
    correct: bool
    feedback: tuple[str, ...]
    distance_cun: float = math.nan


def _called(point: Point) -> str:
    return f"{point.code} {point.pinyin} ({point.english})"


def score_name(atlas: Atlas, point_id: str, given: str) -> NameScore:
    """Score naming the lit point `point_id` as `given` (a point id from `read_answer` or a pick)."""
    asked = atlas.point(point_id)
    if given == point_id:
        return NameScore(point_id, given, True, (f"It is {_called(asked)}",))
    if not atlas.has_point(given):
        return NameScore(point_id, given, False, (f"This is {_called(asked)}",))
    other = atlas.point(given)
    words = [f"This is {_called(asked)}, not {other.code} {other.pinyin}"]
    markers = point_markers(other)
    shared = shares_code(atlas, other)
    if other.view != asked.view:
        words.append(f"{other.code} is on the {other.view} diagram")
    elif markers and not shared:
        here = score_attempt(atlas, point_id, other.view, markers[0].x, markers[0].y)
        if here.feedback and not here.correct:
            words.append(f"{other.code} lies {', '.join(here.feedback)}")
    return NameScore(point_id, given, False, tuple(words))


def encode_answers(ids: list[str]) -> str:
    """Reverse-mode answers for the link: the named point ids, joined by `~`."""
    return "~".join(ids)


def decode_answers(text: str) -> list[str] | None:
    """Reverse-mode answers from the link; None if any is not a point id's shape."""
    ids = [part for part in text.split("~") if part]
    return ids if all(_ID.match(pid) for pid in ids) else None


def shown_marker(atlas: Atlas, point_id: str) -> Marker:
    """The marker a naming question shows: on the person's right for a bilateral back point."""
    markers = point_markers(atlas.point(point_id))
    if not markers:
        raise ValueError(f"{point_id} is not drawn on any diagram")
    return next((m for m in markers if m.side == "right"), markers[0])
