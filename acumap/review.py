"""Spaced-repetition review: each point is a card in two directions, scheduled by FSRS.

A point gives a *find it* card (tap where it is; `find:BL18`) and, when naming can tell it apart from the others
(`acumap.quiz.nameable`), a *name it* card (`name:BL18`). An answer is graded from itself (`grade_find`,
`grade_name`), the student may raise or lower the grade (`adjust`), and the grade goes to the `fsrs` package's
scheduler with its default parameters and fuzzing off (`fsrs.Scheduler(enable_fuzzing=False)`), so a card's
next due date depends only on its history: the same answers at the same times give the same dates.

Everything here is a value: `review` returns a new `ReviewDeck` (the cards seen, as fsrs `Card.to_dict()`,
the review log and the settings), which the page keeps in the browser and which `to_json` / `from_json`
export and import (`SCHEMA`, `VERSION`).

Times are timezone-aware; they are stored in UTC. A student's "today" is a calendar day in the time zone
`tz` that the functions about days take (UTC unless the page passes the student's own, e.g.
`zoneinfo.ZoneInfo("Europe/Berlin")`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import fsrs

from acumap.atlas.data import MERIDIANS, Atlas, Point
from acumap.atlas.regions import BASE_REGIONS
from acumap.quiz import NameScore, Score, nameable

#: The grades, worst first; each is fsrs.Rating 1..4 (Again, Hard, Good, Easy).
GRADES = ("again", "hard", "good", "easy")

# --- find it: the thresholds, named once -----------------------------------------------------------------
#: On the back, off by a level or more (up or down) is Again.
AGAIN_LEVELS = 1.0
#: Off by this many cun or more (the distance on the hand, leg, head and neck; sideways on the back) is Again.
AGAIN_CUN = 1.5
#: Within this distance (cun) of the point, and on the level on the back, is Easy: the quiz's "On the point".
EASY_CUN = 0.25
#: On the back, "on the level" for Easy: less than this many levels up or down.
EASY_LEVELS = 0.5
# Correct by the quiz (`Score.correct`) but not Easy is Good; neither Again nor correct is Hard.

DIRECTIONS = ("find", "name")
SCOPE_KINDS = ("all", "region", "meridian")
_POINT_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")

#: Default parameters of fsrs; fuzzing off, so due dates are deterministic.
SCHEDULER = fsrs.Scheduler(enable_fuzzing=False)


def grade_find(score: Score) -> str:
    """The grade of a *find it* answer from how far off it was (see the thresholds above)."""
    if score.wrong_view:
        return "again"
    if score.view == "back":
        if abs(score.vertical) >= AGAIN_LEVELS or abs(score.sideways) >= AGAIN_CUN:
            return "again"
        on_level = abs(score.vertical) < EASY_LEVELS
    else:
        if score.distance_cun >= AGAIN_CUN:
            return "again"
        on_level = True
    if score.correct and on_level and score.distance_cun < EASY_CUN:
        return "easy"
    return "good" if score.correct else "hard"


def grade_name(score: NameScore, asked_which: bool) -> str:
    """The grade of a *name it* answer: wrong is Again; right after asking "which one?" is Hard; right is Good."""
    if not score.correct:
        return "again"
    return "hard" if asked_which else "good"


def adjust(grade: str, step: int) -> str:
    """The grade the student raises (+1) or lowers (-1) it to, kept within GRADES."""
    index = GRADES.index(grade) + step
    return GRADES[min(max(index, 0), len(GRADES) - 1)]


# --- cards and what to study ------------------------------------------------------------------------------


def card_id(direction: str, point_id: str) -> str:
    """A card's id: `find:BL18`, `name:BL18`."""
    if direction not in DIRECTIONS:
        raise ValueError(f"a card is find or name, not {direction!r}")
    return f"{direction}:{point_id}"


def parse_card(text: object) -> tuple[str, str] | None:
    """(direction, point id) of a card id; None when it is not one."""
    if not isinstance(text, str):
        return None
    direction, _, point_id = text.partition(":")
    if direction not in DIRECTIONS or not _POINT_ID.fullmatch(point_id):
        return None
    return direction, point_id


@dataclass(frozen=True)
class Scope:
    """What the student studies: every point, or the points of some regions (`BASE_REGIONS` ids) or some
    meridians (`MERIDIANS` codes: BL, GB, EX ...)."""

    kind: str = "all"
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _scope_ok(self.kind, self.values):
            raise ValueError(f"not a study scope: {self.kind!r} {self.values!r}")

    def encode(self) -> str:
        """Compact: `all`, `region:middle_back,neck`, `meridian:BL,GB`."""
        return self.kind if self.kind == "all" else f"{self.kind}:{','.join(self.values)}"

    @classmethod
    def decode(cls, text: str) -> Scope | None:
        """Read `encode`'s form; None when it is not a scope."""
        kind, sep, rest = text.partition(":")
        values = tuple(rest.split(",")) if sep else ()
        return cls(kind, values) if _scope_ok(kind, values) else None


def _scope_ok(kind: str, values: tuple[str, ...]) -> bool:
    known = {"all": (), "region": BASE_REGIONS, "meridian": tuple(MERIDIANS)}.get(kind)
    if known is None:
        return False
    if kind == "all":
        return values == ()
    return len(values) > 0 and all(v in known for v in values) and len(set(values)) == len(values)


def scope_points(atlas: Atlas, scope: Scope) -> list[Point]:
    """The points in scope, in atlas order."""
    if scope.kind == "region":
        ids = {link.point_id for region in scope.values for link in atlas.links_for(region)}
        return [p for p in atlas.points if p.id in ids]
    if scope.kind == "meridian":
        names = {MERIDIANS[code] for code in scope.values}
        return [p for p in atlas.points if p.meridian in names]
    return list(atlas.points)


def card_ids(atlas: Atlas, scope: Scope) -> list[str]:
    """The scope's cards in atlas order, each point's *find it* then its *name it* (only for a nameable point)."""
    named = set(nameable(atlas))
    ids: list[str] = []
    for point in scope_points(atlas, scope):
        ids.append(card_id("find", point.id))
        if point.id in named:
            ids.append(card_id("name", point.id))
    return ids


@dataclass(frozen=True)
class Settings:
    new_per_day: int = 10
    scope: Scope = Scope("all", ())


@dataclass(frozen=True)
class Review:
    """One review: the card, the grade that counted, when (UTC), and the grade the answer gave (`proposed`)
    before the student raised or lowered it."""

    card: str
    grade: str
    at: datetime
    proposed: str


@dataclass(frozen=True)
class ReviewDeck:
    """The student's cards: fsrs `Card.to_dict()` per card id (only cards seen), the review log, the settings."""

    cards: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    log: tuple[Review, ...] = ()
    settings: Settings = field(default_factory=Settings)


def empty_deck() -> ReviewDeck:
    return ReviewDeck()


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("a review time must be timezone-aware")
    return now.astimezone(UTC)


def review(deck: ReviewDeck, card: str, grade: str, now: datetime, proposed: str | None = None) -> ReviewDeck:
    """The deck after reviewing `card` with `grade` at `now` (`proposed`: what the answer gave, if the student
    changed it). A card seen for the first time is created then."""
    if parse_card(card) is None:
        raise ValueError(f"not a card id: {card!r}")
    proposed = grade if proposed is None else proposed
    if grade not in GRADES or proposed not in GRADES:
        raise ValueError(f"a grade is one of {', '.join(GRADES)}")
    at = _utc(now)
    seen = deck.cards.get(card)
    before = (
        fsrs.Card.from_dict(seen)  # type: ignore[arg-type]
        if seen is not None
        # A fixed id per card, so that the same history exports the same file.
        else fsrs.Card(card_id=zlib.crc32(card.encode()))
    )
    after, _ = SCHEDULER.review_card(before, fsrs.Rating(GRADES.index(grade) + 1), review_datetime=at)
    cards = {**deck.cards, card: dict(after.to_dict())}
    return ReviewDeck(cards, (*deck.log, Review(card, grade, at, proposed)), deck.settings)


def _due(card: Mapping[str, Any]) -> datetime:
    return datetime.fromisoformat(card["due"])


def _today(now: datetime, tz: tzinfo) -> date:
    return _utc(now).astimezone(tz).date()


def _end_of_today(now: datetime, tz: tzinfo) -> datetime:
    return datetime.combine(_today(now, tz) + timedelta(days=1), time(0), tzinfo=tz)


def _seen_in_scope(deck: ReviewDeck, atlas: Atlas) -> list[str]:
    return [cid for cid in card_ids(atlas, deck.settings.scope) if cid in deck.cards]


def due_cards(deck: ReviewDeck, atlas: Atlas, now: datetime) -> list[str]:
    """The seen cards of the scope due at or before `now`, most overdue first (ties in atlas order)."""
    at = _utc(now)
    due = [cid for cid in _seen_in_scope(deck, atlas) if _due(deck.cards[cid]) <= at]
    return sorted(due, key=lambda cid: _due(deck.cards[cid]))


def due_count(deck: ReviewDeck, atlas: Atlas, now: datetime, *, tz: tzinfo = UTC) -> int:
    """What "Due today: N" shows: the seen cards of the scope due before the end of the student's today."""
    end = _end_of_today(now, tz)
    return sum(_due(deck.cards[cid]) < end for cid in _seen_in_scope(deck, atlas))


def new_today(deck: ReviewDeck, now: datetime, *, tz: tzinfo = UTC) -> int:
    """How many cards were reviewed for the first time on the student's today."""
    first: dict[str, datetime] = {}
    for entry in deck.log:
        first.setdefault(entry.card, entry.at)
    today = _today(now, tz)
    return sum(_today(at, tz) == today for at in first.values())


def _new_left(deck: ReviewDeck, atlas: Atlas, now: datetime, tz: tzinfo) -> list[str]:
    allowance = max(deck.settings.new_per_day - new_today(deck, now, tz=tz), 0)
    unseen = [cid for cid in card_ids(atlas, deck.settings.scope) if cid not in deck.cards]
    return unseen[:allowance]


def session(deck: ReviewDeck, atlas: Atlas, now: datetime, *, tz: tzinfo = UTC) -> list[str]:
    """The cards to study now: the due ones first, then unseen cards of the scope, in atlas order, up to the
    daily new-card limit less those already started today; of the new ones, every *find it* card before the
    *name it* cards, so a point is not named just after it was found (its name is on the find card)."""
    new = _new_left(deck, atlas, now, tz)
    return due_cards(deck, atlas, now) + sorted(new, key=lambda c: not c.startswith("find:"))


# --- progress ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    learned: int  # cards seen at least once (every scope)
    due: int  # `due_count`
    new_left: int  # new cards the session may still start today
    reviews: int
    retention: float | None  # share of all reviews not graded Again; None before the first
    per_day: tuple[tuple[date, int], ...]  # reviews on each day that has any, oldest first
    recall_by_region: tuple[tuple[str, float | None], ...]  # per BASE_REGIONS id: mean retrievability now


def progress(deck: ReviewDeck, atlas: Atlas, now: datetime, *, tz: tzinfo = UTC) -> Progress:
    """The student's figures: cards learned, due today, new left, reviews, retention, reviews per day and the
    mean recall now (fsrs retrievability) of the seen cards whose point is used in each region."""
    at = _utc(now)
    per_day: dict[date, int] = {}
    for entry in deck.log:
        day = _today(entry.at, tz)
        per_day[day] = per_day.get(day, 0) + 1
    kept = sum(entry.grade != "again" for entry in deck.log)
    by_region: list[tuple[str, float | None]] = []
    for region in BASE_REGIONS:
        points = {link.point_id for link in atlas.links_for(region)}
        recall = [
            SCHEDULER.get_card_retrievability(fsrs.Card.from_dict(card), at)  # type: ignore[arg-type]
            for cid, card in deck.cards.items()
            if cid.partition(":")[2] in points
        ]
        by_region.append((region, sum(recall) / len(recall) if recall else None))
    return Progress(
        learned=len(deck.cards),
        due=due_count(deck, atlas, now, tz=tz),
        new_left=len(_new_left(deck, atlas, now, tz)),
        reviews=len(deck.log),
        retention=kept / len(deck.log) if deck.log else None,
        per_day=tuple(sorted(per_day.items())),
        recall_by_region=tuple(by_region),
    )


# --- export and import ------------------------------------------------------------------------------------

SCHEMA = "acumap-review"
VERSION = 1


class ImportRefused(ValueError):
    """A review file that cannot be imported; the message says why, for the student."""


def to_json(deck: ReviewDeck) -> dict[str, Any]:
    """The deck as a JSON-ready object (`schema/acumap-review.schema.json`)."""
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "settings": {"new_per_day": deck.settings.new_per_day, "scope": deck.settings.scope.encode()},
        "cards": {cid: dict(card) for cid, card in deck.cards.items()},
        "log": [
            {"card": r.card, "grade": r.grade, "at": r.at.isoformat(), "proposed": r.proposed}
            for r in deck.log
        ],
    }


def _part(doc: dict[str, Any], name: str, kind: type) -> Any:
    value = doc.get(name)
    if not isinstance(value, kind):
        raise ImportRefused(
            f"The file has no '{name}' part that AcuMap can read: it is incomplete or was not saved by AcuMap."
        )
    return value


def _card_in_atlas(text: object, atlas: Atlas, where: str) -> str:
    parsed = parse_card(text)
    if parsed is None:
        raise ImportRefused(
            f"{where} {text!r} is not a card: a card is find: or name: and a point, like find:BL18."
        )
    if not atlas.has_point(parsed[1]):
        raise ImportRefused(f"{where} {text!r} is for the point {parsed[1]}, which this atlas does not have.")
    return str(text)


def _read_time(text: object) -> datetime | None:
    try:
        at = datetime.fromisoformat(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return at.astimezone(UTC) if at.tzinfo is not None else None


def _read_card(cid: str, card: object) -> dict[str, Any]:
    try:
        read = fsrs.Card.from_dict(card)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, AttributeError):
        read = None
    if read is None or read.due.tzinfo is None:
        raise ImportRefused(f"The card {cid} cannot be read: its schedule is damaged.")
    return dict(read.to_dict())


def _read_settings(part: dict[str, Any]) -> Settings:
    limit = part.get("new_per_day")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ImportRefused(f"The daily limit of new cards, {limit!r}, is not a whole number of 0 or more.")
    scope_text = part.get("scope")
    scope = Scope.decode(scope_text) if isinstance(scope_text, str) else None
    if scope is None:
        raise ImportRefused(f"The regions or meridians to study, {scope_text!r}, are not ones AcuMap knows.")
    return Settings(limit, scope)


def _read_review(n: int, entry: object, atlas: Atlas) -> Review:
    where = f"Review {n}"
    if not isinstance(entry, dict):
        raise ImportRefused(f"{where} in the log is not a review.")
    card = _card_in_atlas(entry.get("card"), atlas, f"{where}'s card")
    for key in ("grade", "proposed"):
        if entry.get(key) not in GRADES:
            raise ImportRefused(
                f"{where} has the grade {entry.get(key)!r}; a grade is one of {', '.join(GRADES)}."
            )
    at = _read_time(entry.get("at"))
    if at is None:
        raise ImportRefused(
            f"{where}'s date {entry.get('at')!r} cannot be read as a date and time with a time zone."
        )
    return Review(card, entry["grade"], at, entry["proposed"])


def from_json(doc: object, atlas: Atlas) -> ReviewDeck:
    """A deck from an exported file's JSON; raises ImportRefused, saying why in plain words, for a file that is
    not a review file, is from a newer AcuMap, or is broken anywhere (nothing is imported then)."""
    if not isinstance(doc, dict):
        raise ImportRefused("This is not an AcuMap review file: it does not hold a JSON object.")
    if doc.get("schema") != SCHEMA:
        raise ImportRefused(
            f"This is not an AcuMap review file: its schema is {doc.get('schema')!r}, not {SCHEMA!r}."
        )
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportRefused(f"This review file's version, {version!r}, is not one AcuMap knows.")
    if version > VERSION:
        raise ImportRefused(
            f"This review file is version {version}, from a newer AcuMap; this one reads version {VERSION}. "
            "Update AcuMap and import it again."
        )
    settings = _read_settings(_part(doc, "settings", dict))
    cards = {
        _card_in_atlas(cid, atlas, "The card"): _read_card(cid, card)
        for cid, card in _part(doc, "cards", dict).items()
    }
    log = tuple(_read_review(n, entry, atlas) for n, entry in enumerate(_part(doc, "log", list), start=1))
    return ReviewDeck(cards, log, settings)
