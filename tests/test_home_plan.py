"""A home plan (acumap.home_plan): which points may go on it (each rule by name), its step cards in plain words,
its link and its refusals, and its calendar of daily reminders read back with icalendar."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from acumap import home_plan as hp
from acumap.atlas.data import load_atlas
from acumap.packing import LinkError, pack
from acumap.plain import reading_grade, syllables, unexplained

ATLAS = load_atlas()


# ---- the rules, each by name --------------------------------------------------------------------------------

RULE_CASES = [
    # point, patient confirmed not pregnant, the rules that leave it off
    ("LI4", False, ["avoided_in_pregnancy"]),  # hand; tagged pregnancy
    ("LI4", True, []),
    ("SP6", False, ["avoided_in_pregnancy"]),
    ("SP6", True, []),
    ("TE5", False, []),  # hand
    ("ST36", False, []),  # leg
    ("GV20", False, []),  # head
    ("GB20", False, []),  # neck
    ("BL25", True, []),  # lower back at L4, thumbs on the waist
    ("GV6", False, []),  # T11 on the midline: just below the band
    ("GV7", False, ["hard_to_reach"]),  # T10 on the midline: the band's lowest level
    ("GV12", False, ["hard_to_reach"]),  # T3 on the midline: the band's top level
    ("GV13", False, []),  # T1: over the shoulder
    ("SI11", False, ["hard_to_reach"]),  # the middle of the shoulder blade
    ("SI9", False, []),  # above the armpit's fold, 16 cm out: reached across the chest
    ("BL20", False, ["over_the_chest_wall"]),  # T11: reachable, but over the ribs
    ("BL18", False, ["hard_to_reach", "over_the_chest_wall"]),
    ("GB21", False, ["over_the_chest_wall", "avoided_in_pregnancy"]),
    ("GB21", True, ["over_the_chest_wall"]),
]


@pytest.mark.parametrize(("pid", "not_pregnant", "rules"), RULE_CASES)
def test_which_rules_leave_a_point_off_a_home_plan(pid: str, not_pregnant: bool, rules: list[str]) -> None:
    assert list(hp.reasons_left_off(ATLAS.point(pid), not_pregnant)) == rules


@pytest.mark.parametrize(
    ("rule", "pid", "reason"),
    [
        (
            "hard_to_reach",
            "GV9",
            "Hard to reach alone: it lies on the back between or below the shoulder blades (T3 to T10), where a "
            "patient cannot press steadily with their own hands.",
        ),
        ("over_the_chest_wall", "BL20", "Over the chest wall, above the lung: not for a home plan."),
        (
            "avoided_in_pregnancy",
            "LI4",
            "Traditionally avoided in pregnancy: add it only after confirming that the patient is not pregnant.",
        ),
    ],
)
def test_each_rule_says_why_in_plain_words(rule: str, pid: str, reason: str) -> None:
    assert hp.reasons_left_off(ATLAS.point(pid)) == {rule: reason}


def test_the_points_a_practitioner_may_choose_from() -> None:
    used = [ATLAS.point(pid) for pid in ("BL18", "BL23", "GV14", "LI4", "SI3", "BL40")]
    assert [p.id for p in hp.home_points(used)] == ["GV14", "SI3", "BL40"]
    assert [p.id for p in hp.home_points(used, not_pregnant=True)] == ["BL23", "GV14", "LI4", "SI3", "BL40"]


# ---- making a plan ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ids", "seconds", "times", "not_pregnant", "message"),
    [
        ((), 60, 2, False, "Choose at least one point for the home plan."),
        (("SI3",) * 2, 60, 2, False, "A point is chosen twice; each point goes on the plan once."),
        (
            ("SI3", "TE5", "SI6", "LU7", "GV20", "ST36", "GB34", "GB39", "LR3", "BL40", "ST38"),
            60,
            2,
            False,
            "A home plan has at most 10 points; 11 were chosen.",
        ),
        (("SI3",), 14, 2, False, "Press each point for 15 to 300 seconds (14 was asked)."),
        (("SI3",), 301, 2, False, "Press each point for 15 to 300 seconds (301 was asked)."),
        (("SI3",), 60, 0, False, "Press the points 1 to 4 times a day (0 was asked)."),
        (("SI3",), 60, 5, False, "Press the points 1 to 4 times a day (5 was asked)."),
        (("XX9",), 60, 2, False, "AcuMap does not list the point XX9."),
        (
            ("SI3", "LI4"),
            60,
            2,
            False,
            "LI4: Traditionally avoided in pregnancy: add it only after confirming that the patient is not "
            "pregnant.",
        ),
        (("BL20",), 60, 2, True, "BL20: Over the chest wall, above the lung: not for a home plan."),
    ],
)
def test_a_plan_that_cannot_be_made_is_refused(
    ids: tuple[str, ...], seconds: int, times: int, not_pregnant: bool, message: str
) -> None:
    with pytest.raises(hp.PlanError) as refused:
        hp.make_plan(ATLAS, ids, seconds, times, not_pregnant)
    assert str(refused.value) == message


def test_a_plan_keeps_the_practitioners_order_and_settings() -> None:
    plan = hp.make_plan(ATLAS, ("LI4", "SI3"), 90, 3, not_pregnant=True)
    assert plan == hp.HomePlan(("LI4", "SI3"), 90, 3, True)


# ---- the step cards -----------------------------------------------------------------------------------------


def test_a_step_card_in_plain_words() -> None:
    (card,) = hp.step_cards(ATLAS, hp.make_plan(ATLAS, ("GV14",), 60, 2))
    assert (card.number, card.point_id, card.seconds, card.how_often) == (1, "GV14", 60, "twice a day")
    assert card.name == "Great Vertebra (GV14)"
    assert card.how == (
        "Reach over your shoulder with the other hand and use your middle finger. Press firmly and make small, "
        "slow circles. A dull ache is fine. Stop if it is sharp or if it hurts more. It is on the centre line of "
        "your body, so there is only one."
    )
    assert card.text.endswith("Press for 60 seconds, twice a day.")
    assert card.text.startswith(card.where)


@pytest.mark.parametrize(
    ("pid", "start"),
    [
        ("SI3", "Use the tip of the thumb of your other hand."),
        ("TE5", "Use the tip of the thumb of your other hand."),  # x 0 on the forearm: still one on each arm
        ("ST36", "Sit down and use the tip of your thumb."),
        ("GV20", "Use the tip of your middle finger."),
        ("GB20", "Use your fingertips, with your head tipped a little forward."),
        ("SI10", "Reach across your chest with the other hand and use your fingertips."),
        ("BL25", "Put your hands on your waist with the thumbs at the back, and use your thumbs."),
    ],
)
def test_how_to_press_follows_where_the_point_is(pid: str, start: str) -> None:
    card = hp.step_card(1, ATLAS.point(pid), 60, 1)
    assert card.how.startswith(start)
    assert card.how.endswith("Press one side, then the other.") == (pid != "GV20")


def test_the_cards_are_numbered_once_each_in_the_plans_order() -> None:
    plan = hp.make_plan(ATLAS, ("ST36", "SI3", "JJ-C4", "JJ-C5"), 45, 1)
    cards = hp.step_cards(ATLAS, plan)
    assert [(c.number, c.point_id, c.how_often) for c in cards] == [
        (1, "ST36", "once a day"),
        (2, "SI3", "once a day"),
        (3, "JJ-C4", "once a day"),
        (4, "JJ-C5", "once a day"),
    ]


ALLOWED = [p for p in ATLAS.points if not hp.reasons_left_off(p, not_pregnant=True)]


@pytest.mark.parametrize("point", ALLOWED, ids=lambda p: p.id)
def test_every_card_a_patient_can_get_is_plain_and_easy_to_read(point: object) -> None:
    card = hp.step_card(1, point, 60, 2)  # type: ignore[arg-type]
    assert unexplained(card.text, ATLAS) == []
    assert reading_grade(card.text) <= 8.0


def test_the_plans_other_words_are_plain_and_the_evidence_says_not_known() -> None:
    words = "\n".join([*hp.HOME_CAUTIONS, hp.EVIDENCE_PLAIN, *(f"{h}. {t}" for h, t in hp.HOME_SELF_CARE)])
    assert unexplained(words, ATLAS) == []
    assert reading_grade(" ".join(hp.HOME_CAUTIONS)) <= 8.0
    assert reading_grade(hp.EVIDENCE_PLAIN) <= 8.0
    assert "This is not known." in hp.EVIDENCE_PLAIN


# ---- the reading-grade checker (acumap.plain) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [("cat", 1), ("table", 2), ("make", 1), ("shoulder", 2), ("recovery", 4), ("free", 1), ("it's", 1)],
)
def test_syllables_are_counted_as_vowel_groups(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("", 0.0),
        # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59
        ("The cat sat on the mat.", -1.45),
        # 12 words in 2 sentences, 12 syllables: 0.39 * 6 + 11.8 - 15.59
        ("The cat sat on the mat. The dog sat on the log.", -1.45),
        # 6 words, 1 sentence, 8 syllables (ta-ble, fin-ger): 0.39 * 6 + 11.8 * 8 / 6 - 15.59
        ("Put the table by your finger.", 2.48333333),
    ],
)
def test_reading_grade_is_flesch_kincaid(text: str, grade: float) -> None:
    assert reading_grade(text) == pytest.approx(grade)


# ---- the plan's link ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan",
    [
        hp.HomePlan(("SI3",), 60, 2, False),
        hp.HomePlan(("LI4", "SP6", "BL23", "JJ-C4"), 90, 3, True),
        hp.HomePlan(("GV20", "EX-UE8"), 15, 1, False),
    ],
)
def test_a_plan_survives_its_link(plan: hp.HomePlan) -> None:
    text = hp.encode_plan(plan)
    assert text.startswith("1.")
    assert hp.decode_plan(text, ATLAS) == plan
    assert len(text) < 100


def packed(body: str, version: int = 1) -> str:
    return pack(version, body.encode())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            packed("60,2,0;SI3", 2),
            "The home plan in the link was written in format 2; this AcuMap reads format 1.",
        ),
        ("1.@@", "The home plan in the link is damaged (it has characters a link of AcuMap never has)."),
        ("1." + "A" * 399, "The home plan in the link is too long to be one of AcuMap's (401 characters)."),
        (packed("60,2;SI3"), "The home plan in the link is damaged; it cannot be read."),
        (packed("60,2,0"), "The home plan in the link is damaged; it cannot be read."),
        (packed("60,2,2;SI3"), "The home plan in the link is damaged; it cannot be read."),
        (packed("sixty,2,0;SI3"), "The home plan in the link is damaged; it cannot be read."),
        (packed("60,2,0;SI3;x"), "The home plan in the link is damaged; it cannot be read."),
        (
            packed("60,2,0;"),
            "The home plan in the link cannot be used: Choose at least one point for the home plan.",
        ),
        (
            packed("60,2,0;ZZ1"),
            "The home plan in the link cannot be used: AcuMap does not list the point ZZ1.",
        ),
        (
            packed("999,2,0;SI3"),
            "The home plan in the link cannot be used: Press each point for 15 to 300 seconds (999 was asked).",
        ),
        (
            # an edited link: a pregnancy point without the practitioner's confirmation
            packed("60,2,0;LI4"),
            "The home plan in the link cannot be used: LI4: Traditionally avoided in pregnancy: add it only after "
            "confirming that the patient is not pregnant.",
        ),
        (
            packed("60,2,1;BL18"),
            "The home plan in the link cannot be used: BL18: Hard to reach alone: it lies on the back between or "
            "below the shoulder blades (T3 to T10), where a patient cannot press steadily with their own hands.",
        ),
        (packed("60,2,0;SI3é"), "The home plan in the link is damaged; it cannot be read."),
        (packed("0" * 401), "The home plan in the link is larger than AcuMap ever writes; it was not read."),
    ],
)
def test_a_plan_link_that_cannot_be_used_is_refused(text: str, message: str) -> None:
    with pytest.raises(LinkError) as refused:
        hp.decode_plan(text, ATLAS)
    assert str(refused.value) == message


# ---- the reminders' calendar --------------------------------------------------------------------------------

MADE = dt.datetime(2026, 3, 1, 10, 30, tzinfo=dt.UTC)
START = dt.date(2026, 3, 2)


def calendar(plan: hp.HomePlan, days: int = 28, note: str = "") -> Calendar:
    return Calendar.from_ical(hp.plan_ics(ATLAS, plan, START, MADE, days, note))


def test_the_calendar_has_a_daily_event_with_an_alarm_for_each_time_of_day() -> None:
    cal = calendar(hp.HomePlan(("SI3", "GV20"), 60, 2), days=14)
    assert str(cal["prodid"]) == "-//AcuMap//Home plan//EN"
    assert str(cal["version"]) == "2.0"
    events = cal.walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [
        dt.datetime(2026, 3, 2, 9, 0),
        dt.datetime(2026, 3, 2, 19, 0),
    ]
    for e in events:
        assert dict(e["rrule"]) == {"FREQ": ["DAILY"], "COUNT": [14]}
        # SI3 on both hands, GV20 once: three presses of 60 s
        assert e.decoded("duration") == dt.timedelta(minutes=3)
        assert str(e["summary"]) == "Press your points (home plan)"
        assert e.decoded("dtstamp") == MADE
        (alarm,) = e.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == dt.timedelta(0)
        description = str(e["description"])
        assert description.startswith("1. Back Stream (SI3): ")
        assert "\n2. Hundred Meetings (GV20): " in description
        assert description.endswith("Press for 60 seconds, twice a day.")


def test_the_calendars_uids_are_stable_and_tell_plans_apart() -> None:
    plan = hp.HomePlan(("SI3",), 60, 1)
    uids = [str(e["uid"]) for e in calendar(plan).walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in calendar(plan).walk("VEVENT")]
    assert len(uids) == 1
    assert uids[0].startswith("acumap-plan-") and uids[0].endswith("-0900@acumap")
    other = [str(e["uid"]) for e in calendar(hp.HomePlan(("SI3",), 90, 1)).walk("VEVENT")]
    assert other != uids
    four = [str(e["uid"]) for e in calendar(hp.HomePlan(("SI3",), 60, 4)).walk("VEVENT")]
    assert len(set(four)) == 4


def test_the_practitioners_note_is_escaped_and_read_back_whole() -> None:
    note = "Use a tennis ball; not on bruises, please.\nSee you Tuesday, 10:00"
    raw = hp.plan_ics(ATLAS, hp.HomePlan(("SI3",), 60, 1), START, MADE, 7, note)
    assert b"tennis ball\\; not on bruises\\, please." in raw.replace(b"\r\n ", b"")
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["description"]).endswith(f"From your practitioner: {note}")


def test_a_calendar_of_no_days_is_refused() -> None:
    with pytest.raises(ValueError, match="days 0"):
        hp.plan_ics(ATLAS, hp.HomePlan(("SI3",), 60, 1), START, MADE, 0)
