"""A home plan: the points a practitioner gives a patient to press themselves (self-acupressure), as step cards,
a link and a calendar of daily reminders.

Which points may go on a home plan is decided by named rules, each a function that returns the reason a point
is left off (plain words for the practitioner) or None:

- `hard_to_reach`: a patient presses a point with their own hands, alone. The hands reach the back of the neck
  and the top of the shoulders over the shoulder (down to about T2), and the lower back with the thumbs, hands on
  the waist (up to about the lowest ribs, T11). Between them, from the root of the shoulder blade's spine (T3)
  to the level of T10, and less than HARD_TO_REACH_CM from the midline (the back between and over the shoulder
  blades and below them), a patient cannot press a point steadily alone. So a back point whose drawn position
  lies in that band is left off. Further out (the back of the shoulder and the armpit's fold, reached across the
  chest with the other hand), and on every other diagram (neck, hand, leg, head), points are reachable.
- `over_the_chest_wall`: points tagged `pneumothorax` lie over the ribs and the lung, where needling is the
  danger; they are left off a home plan, as the issue asks, so a patient is never told to work over them.
- `avoided_in_pregnancy`: points tagged `pregnancy` are traditionally avoided in pregnancy; they go on a plan only
  when the practitioner has confirmed that the patient is not pregnant (the page asks).

Pure: no Streamlit, no I/O. The plan lives in the page's link (`encode_plan`, `decode_plan`), like a pain drawing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import point_markers
from acumap.body import anatomy
from acumap.packing import LinkError, pack, unpack
from acumap.plain import SELF_CARE, where_plain

# ---- which points may go on a home plan ---------------------------------------------------------------------

#: The band of the back a patient cannot press alone: from the upper border of T3 down to the upper border of
#: T11, within this many cm of the midline (12 cm: past the shoulder blade's inner half; 5.3 B-cun).
HARD_TO_REACH_TOP_LEVEL = "T3"
HARD_TO_REACH_BELOW_LEVEL = "T11"
HARD_TO_REACH_CM = 12.0


def hard_to_reach(point: Point) -> str | None:
    """Left off when the patient cannot press it alone: on the back between and below the shoulder blades."""
    if point.view != "back":
        return None
    top = anatomy.upper_border_y(HARD_TO_REACH_TOP_LEVEL)
    bottom = anatomy.upper_border_y(HARD_TO_REACH_BELOW_LEVEL)
    for m in point_markers(point):
        if top <= m.y < bottom and abs(m.x) < HARD_TO_REACH_CM:
            return (
                "Hard to reach alone: it lies on the back between or below the shoulder blades (T3 to T10), "
                "where a patient cannot press steadily with their own hands."
            )
    return None


def over_the_chest_wall(point: Point) -> str | None:
    """Left off when it lies over the chest wall and the lung (caution tag `pneumothorax`)."""
    if "pneumothorax" in point.caution_tags:
        return "Over the chest wall, above the lung: not for a home plan."
    return None


def avoided_in_pregnancy(point: Point, not_pregnant: bool) -> str | None:
    """Left off when traditionally avoided in pregnancy (tag `pregnancy`), unless the practitioner has confirmed
    that the patient is not pregnant."""
    if "pregnancy" in point.caution_tags and not not_pregnant:
        return "Traditionally avoided in pregnancy: add it only after confirming that the patient is not pregnant."
    return None


#: Every rule, by name, in the order their reasons are listed.
RULES: dict[str, Callable[[Point, bool], str | None]] = {
    "hard_to_reach": lambda p, _: hard_to_reach(p),
    "over_the_chest_wall": lambda p, _: over_the_chest_wall(p),
    "avoided_in_pregnancy": avoided_in_pregnancy,
}


def reasons_left_off(point: Point, not_pregnant: bool = False) -> dict[str, str]:
    """Why a point may not go on a home plan, by rule name (empty: it may)."""
    found = {name: rule(point, not_pregnant) for name, rule in RULES.items()}
    return {name: reason for name, reason in found.items() if reason is not None}


def home_points(points: Sequence[Point], not_pregnant: bool = False) -> tuple[Point, ...]:
    """The points, of those used, that may go on a home plan (the practitioner chooses from these)."""
    return tuple(p for p in points if not reasons_left_off(p, not_pregnant))


# ---- the plan ----------------------------------------------------------------------------------------------

MIN_SECONDS, MAX_SECONDS = 15, 300
MIN_TIMES, MAX_TIMES = 1, 4
MAX_PLAN_POINTS = 10
DEFAULT_SECONDS = 60
DEFAULT_TIMES = 2


class PlanError(ValueError):
    """A plan that cannot be made; its message says why in plain words."""


@dataclass(frozen=True)
class HomePlan:
    """The points chosen (in the practitioner's order), how long each is pressed and how many times a day."""

    point_ids: tuple[str, ...]
    seconds: int = DEFAULT_SECONDS
    times_per_day: int = DEFAULT_TIMES
    not_pregnant: bool = False


def make_plan(
    atlas: Atlas,
    point_ids: Sequence[str],
    seconds: int = DEFAULT_SECONDS,
    times_per_day: int = DEFAULT_TIMES,
    not_pregnant: bool = False,
) -> HomePlan:
    """A plan of the chosen points, checked: known points, none twice, none a rule leaves off, sensible times."""
    if not point_ids:
        raise PlanError("Choose at least one point for the home plan.")
    if len(point_ids) > MAX_PLAN_POINTS:
        raise PlanError(f"A home plan has at most {MAX_PLAN_POINTS} points; {len(point_ids)} were chosen.")
    if len(set(point_ids)) != len(point_ids):
        raise PlanError("A point is chosen twice; each point goes on the plan once.")
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise PlanError(f"Press each point for {MIN_SECONDS} to {MAX_SECONDS} seconds ({seconds} was asked).")
    if not MIN_TIMES <= times_per_day <= MAX_TIMES:
        raise PlanError(
            f"Press the points {MIN_TIMES} to {MAX_TIMES} times a day ({times_per_day} was asked)."
        )
    for pid in point_ids:
        if not atlas.has_point(pid):
            raise PlanError(f"AcuMap does not list the point {pid}.")
        reasons = reasons_left_off(atlas.point(pid), not_pregnant)
        if reasons:
            raise PlanError(f"{pid}: {next(iter(reasons.values()))}")
    return HomePlan(tuple(point_ids), seconds, times_per_day, not_pregnant)


# ---- the step cards ----------------------------------------------------------------------------------------

#: How to press, by where the point is (plain words, read by a patient at home).
PRESS_HOW: dict[str, str] = {
    "hand": "Use the tip of the thumb of your other hand.",
    "leg": "Sit down and use the tip of your thumb.",
    "head": "Use the tip of your middle finger.",
    "neck": "Use your fingertips, with your head tipped a little forward.",
    "upper back": "Reach over your shoulder with the other hand and use your middle finger.",
    "shoulder": "Reach across your chest with the other hand and use your fingertips.",
    "lower back": "Put your hands on your waist with the thumbs at the back, and use your thumbs.",
}
PRESS_FEEL = (
    "Press firmly and make small, slow circles. A dull ache is fine. Stop if it is sharp or if it hurts more."
)
BOTH_SIDES = "Press one side, then the other."
ONE_POINT = "It is on the centre line of your body, so there is only one."
TIMES_WORDS = {1: "once a day", 2: "twice a day", 3: "three times a day", 4: "four times a day"}


@dataclass(frozen=True)
class StepCard:
    """One point of the plan, in plain words: where to find it, how to press, how long and how often."""

    number: int
    point_id: str
    name: str  # the English name and the code, for the practitioner and the picture
    where: str
    how: str
    seconds: int
    how_often: str

    @property
    def text(self) -> str:
        """The card as a patient reads it."""
        return f"{self.where} {self.how} Press for {self.seconds} seconds, {self.how_often}."


def _press_place(point: Point) -> str:
    if point.view != "back":
        return point.view
    if point.landmark is not None:
        return "shoulder"
    level = point.spine_level or HARD_TO_REACH_BELOW_LEVEL
    levels = anatomy.SPINE_LEVELS
    return "upper back" if levels.index(level) < levels.index(HARD_TO_REACH_TOP_LEVEL) else "lower back"


def one_of_a_kind(point: Point) -> bool:
    """Whether a point lies on the body's midline, so there is one to press, not a pair: a back point 0 cun from
    the midline, a head point on the head's midline (x 0). (Hand and leg points are on each limb: a pair.)"""
    if point.view == "back":
        return point.offset_cun == 0
    return point.view == "head" and point.x == 0


def step_card(number: int, point: Point, seconds: int, times_per_day: int) -> StepCard:
    sides = ONE_POINT if one_of_a_kind(point) else BOTH_SIDES
    return StepCard(
        number=number,
        point_id=point.id,
        name=f"{point.english} ({point.code})",
        where=where_plain(point),
        how=f"{PRESS_HOW[_press_place(point)]} {PRESS_FEEL} {sides}",
        seconds=seconds,
        how_often=TIMES_WORDS[times_per_day],
    )


def step_cards(atlas: Atlas, plan: HomePlan) -> tuple[StepCard, ...]:
    """The plan's cards, numbered 1.. in the plan's order (each point once)."""
    return tuple(
        step_card(i, atlas.point(pid), plan.seconds, plan.times_per_day)
        for i, pid in enumerate(plan.point_ids, start=1)
    )


#: What to watch for while pressing at home (AcuMap's own wording; the red flags are acumap.safety's).
HOME_CAUTIONS: tuple[str, ...] = (
    "Do not press on broken skin, a bruise, a swelling, a rash or a vein that stands out.",
    "Stop and tell your practitioner if pressing makes the pain worse, or if you feel numbness or tingling.",
    "Pressing these points is an extra to keep moving, not a reason to rest.",
)
#: The self-care advice the plan prints (the handout's, acumap.plain.SELF_CARE).
HOME_SELF_CARE = SELF_CARE

#: What is known about pressing these points yourself. None of the sources of AcuMap's Evidence page
#: (acumap.evidence.SOURCES: Vickers 2012 and 2018, Trinh 2016, Southerst 2015, NICE NG59 and NG193, ...) tested
#: self-acupressure: they tested needling by a practitioner. So AcuMap says it is not known.
EVIDENCE_PLAIN = (
    "Does pressing these points yourself help neck or back pain? This is not known. The studies on AcuMap's "
    "Evidence page tested needles put in by a practitioner, not pressing points at home."
)


# ---- the plan's link ---------------------------------------------------------------------------------------

PLAN_LINK_VERSION = 1
MAX_PLAN_LINK_CHARS = 400
_MAX_PLAN_BYTES = 400


def encode_plan(plan: HomePlan) -> str:
    """The plan as a short URL-safe text: `1.` and the packed `seconds,times,confirmed;id,id,...`."""
    body = f"{plan.seconds},{plan.times_per_day},{int(plan.not_pregnant)};{','.join(plan.point_ids)}"
    return pack(PLAN_LINK_VERSION, body.encode("ascii"))


def decode_plan(text: str, atlas: Atlas) -> HomePlan:
    """A plan from its link text, checked again as `make_plan` checks it (a link may have been edited);
    LinkError, a plain sentence for the page, for anything else."""
    payload = unpack(text, PLAN_LINK_VERSION, "home plan", MAX_PLAN_LINK_CHARS, _MAX_PLAN_BYTES)
    try:
        head, ids = payload.decode("ascii").split(";")
        seconds, times, confirmed = (int(v) for v in head.split(","))
    except ValueError:
        raise LinkError("The home plan in the link is damaged; it cannot be read.") from None
    if confirmed not in (0, 1):
        raise LinkError("The home plan in the link is damaged; it cannot be read.")
    try:
        return make_plan(atlas, tuple(ids.split(",")) if ids else (), seconds, times, bool(confirmed))
    except PlanError as e:
        raise LinkError(f"The home plan in the link cannot be used: {e}") from None


# ---- reminders: an iCalendar file --------------------------------------------------------------------------

#: When reminders ring, by the number of times a day (the patient's own clock: floating local times).
REMINDER_TIMES: dict[int, tuple[dt.time, ...]] = {
    1: (dt.time(9, 0),),
    2: (dt.time(9, 0), dt.time(19, 0)),
    3: (dt.time(9, 0), dt.time(14, 0), dt.time(19, 0)),
    4: (dt.time(8, 0), dt.time(12, 0), dt.time(16, 0), dt.time(20, 0)),
}
DEFAULT_DAYS = 28
REMINDER_SUMMARY = "Press your points (home plan)"


def plan_minutes(atlas: Atlas, plan: HomePlan) -> int:
    """How long one round of the plan takes, in whole minutes (a bilateral point is pressed on each side)."""
    presses = sum(1 if one_of_a_kind(atlas.point(pid)) else 2 for pid in plan.point_ids)
    return math.ceil(presses * plan.seconds / 60)


def plan_text(atlas: Atlas, plan: HomePlan, note: str = "") -> str:
    """The plan's steps as plain text (the reminder's description): each card, then the practitioner's note."""
    lines = [f"{c.number}. {c.name}: {c.text}" for c in step_cards(atlas, plan)]
    if note.strip():
        lines += ["", f"From your practitioner: {note.strip()}"]
    return "\n".join(lines)


def plan_ics(
    atlas: Atlas,
    plan: HomePlan,
    start: dt.date,
    made: dt.datetime,
    days: int = DEFAULT_DAYS,
    note: str = "",
) -> bytes:
    """An iCalendar file of daily reminders: one event a time of day, repeating daily for `days` days, each with
    an alarm at its start and the plan's steps in its description.

    The UIDs are stable (the plan, the start date and the time of day), so a calendar that imports the file
    again updates its events instead of adding copies; `made` is the file's time stamp (DTSTAMP, UTC).
    """
    from icalendar import Alarm, Calendar, Event

    if days < 1:
        raise ValueError(f"days {days}: expected 1 or more")
    cal = Calendar()
    cal.add("prodid", "-//AcuMap//Home plan//EN")
    cal.add("version", "2.0")
    description = plan_text(atlas, plan, note)
    key = hashlib.sha256(f"{encode_plan(plan)}|{start.isoformat()}".encode()).hexdigest()[:16]
    for at in REMINDER_TIMES[plan.times_per_day]:
        event = Event()
        event.add("uid", f"acumap-plan-{key}-{at:%H%M}@acumap")
        event.add("dtstamp", made.astimezone(dt.UTC))
        event.add("dtstart", dt.datetime.combine(start, at))
        event.add("duration", dt.timedelta(minutes=plan_minutes(atlas, plan)))
        event.add("rrule", {"FREQ": "DAILY", "COUNT": days})
        event.add("summary", REMINDER_SUMMARY)
        event.add("description", description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", REMINDER_SUMMARY)
        alarm.add("trigger", dt.timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
