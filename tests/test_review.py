"""Spaced-repetition review (acumap.review): grading from the answer, fsrs scheduling with a fixed clock,
sessions and the daily new-card limit, scope, progress, and the JSON export and import."""

from __future__ import annotations

import copy
import json
import math
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from acumap.atlas.data import Atlas, load_atlas
from acumap.quiz import NameScore, Score
from acumap.review import (
    ImportRefused,
    Review,
    ReviewDeck,
    Scope,
    Settings,
    adjust,
    card_id,
    card_ids,
    due_cards,
    due_count,
    empty_deck,
    from_json,
    grade_find,
    grade_name,
    new_today,
    parse_card,
    progress,
    review,
    session,
    to_json,
)

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def find_score(
    view: str, vertical: float, sideways: float, distance: float, correct: bool, wrong_view: bool = False
) -> Score:
    return Score(
        "BL18", view, (0.0, 0.0), (0.0, 0.0), "right", vertical, sideways, distance, correct, wrong_view
    )


def deck_with(settings: Settings) -> ReviewDeck:
    return replace(empty_deck(), settings=settings)


def reviewed(deck: ReviewDeck, cards: list[str], grade: str, at: datetime) -> ReviewDeck:
    for card in cards:
        deck = review(deck, card, grade, at)
    return deck


# --- grading ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("view", "vertical", "sideways", "distance", "correct", "wrong_view", "grade"),
    [
        # the wrong diagram
        ("back", 0.0, 0.0, math.inf, False, True, "again"),
        # on the back, a level off or more
        ("back", 1.0, 0.0, 1.2, False, False, "again"),
        ("back", -1.0, 0.0, 1.2, False, False, "again"),
        ("back", 0.99, 0.0, 1.2, False, False, "hard"),
        ("back", -0.99, 0.0, 1.2, False, False, "hard"),
        # on the back, 1.5 cun or more sideways
        ("back", 0.0, 1.5, 1.5, False, False, "again"),
        ("back", 0.0, -1.5, 1.5, False, False, "again"),
        ("back", 0.0, 1.49, 1.49, False, False, "hard"),
        ("back", 0.0, -1.49, 1.49, False, False, "hard"),
        # on the back the distance alone is not Again (the level and sideways are)
        ("back", 0.9, 1.0, 1.6, False, False, "hard"),
        # on the back, within a quarter cun and on the level
        ("back", 0.1, 0.1, 0.24, True, False, "easy"),
        ("back", 0.1, 0.1, 0.25, True, False, "good"),
        ("back", 0.1, 0.1, 0.26, True, False, "good"),
        ("back", 0.49, 0.0, 0.24, True, False, "easy"),
        ("back", -0.49, 0.0, 0.24, True, False, "easy"),
        ("back", 0.5, 0.0, 0.24, True, False, "good"),
        ("back", -0.5, 0.0, 0.24, True, False, "good"),
        # correct per the quiz but not close: Good; near but not correct: Hard
        ("back", 0.5, 0.5, 0.9, True, False, "good"),
        ("back", 0.0, 0.1, 0.2, False, False, "hard"),
        # elsewhere, by the distance in cun
        ("hand", 0.0, 0.0, 1.5, False, False, "again"),
        ("hand", 0.0, 0.0, 1.49, False, False, "hard"),
        ("leg", 0.0, 0.0, 0.51, False, False, "hard"),
        ("leg", 0.0, 0.0, 0.5, True, False, "good"),
        ("head", 0.0, 0.0, 0.25, True, False, "good"),
        ("head", 0.0, 0.0, 0.24, True, False, "easy"),
        # elsewhere the vertical is cun, not levels, and sideways is in the distance
        ("neck", 1.2, 0.0, 0.2, True, False, "easy"),
        ("neck", 0.0, 1.6, 0.2, True, False, "easy"),
        ("hand", -1.2, 0.0, 1.2, False, False, "hard"),
    ],
)
def test_grade_find_from_the_error(
    view: str, vertical: float, sideways: float, distance: float, correct: bool, wrong_view: bool, grade: str
) -> None:
    assert grade_find(find_score(view, vertical, sideways, distance, correct, wrong_view)) == grade


@pytest.mark.parametrize(
    ("correct", "asked_which", "grade"),
    [(False, False, "again"), (False, True, "again"), (True, True, "hard"), (True, False, "good")],
)
def test_grade_name(correct: bool, asked_which: bool, grade: str) -> None:
    assert grade_name(NameScore("BL18", "BL18", correct, ()), asked_which) == grade


@pytest.mark.parametrize(
    ("grade", "step", "adjusted"),
    [
        ("again", -1, "again"),
        ("again", 1, "hard"),
        ("hard", -1, "again"),
        ("hard", 1, "good"),
        ("good", -1, "hard"),
        ("good", 1, "easy"),
        ("good", 0, "good"),
        ("easy", 1, "easy"),
        ("easy", -1, "good"),
        ("again", 7, "easy"),
        ("easy", -7, "again"),
    ],
)
def test_adjust_is_clamped_to_the_grades(grade: str, step: int, adjusted: str) -> None:
    assert adjust(grade, step) == adjusted


# --- cards and scope --------------------------------------------------------------------------------------


def test_card_id_names_direction_and_point() -> None:
    assert [card_id("find", "BL18"), card_id("name", "BL18")] == ["find:BL18", "name:BL18"]
    with pytest.raises(ValueError, match="'tap'"):
        card_id("tap", "BL18")


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("find:BL18", ("find", "BL18")),
        ("name:EX-B2-T5", ("name", "EX-B2-T5")),
        ("tap:BL18", None),
        ("find:", None),
        ("find", None),
        ("BL18", None),
        ("find:BL18\n", None),
        ("find:BL 18", None),
        ("find:" + "B" * 21, None),
        (18, None),
    ],
)
def test_parse_card(text: object, parsed: tuple[str, str] | None) -> None:
    assert parse_card(text) == parsed


def test_card_ids_in_atlas_order_with_name_cards_for_nameable_points_only(atlas: Atlas) -> None:
    assert card_ids(atlas, Scope("meridian", ("TE",))) == ["find:TE5", "name:TE5", "find:TE14", "name:TE14"]
    everything = card_ids(atlas, Scope("all", ()))
    # 92 points can be found; the 23 Jiaji points (EX-B2 at 17 levels, JJ-C at 6) cannot be told apart by name.
    assert (len(everything), everything[:3]) == (92 + 69, ["find:GV3", "name:GV3", "find:GV4"])
    assert ("find:EX-B2-T5" in everything, "name:EX-B2-T5" in everything) == (True, False)


def test_card_ids_of_several_regions_and_meridians(atlas: Atlas) -> None:
    shoulder = card_ids(atlas, Scope("region", ("shoulder",)))
    assert len(shoulder) == 38
    both = card_ids(atlas, Scope("region", ("shoulder", "lower_back")))
    # 19 shoulder points and 21 lower-back points, 3 in both (SI3, GB34, SI6); 5 lower-back Jiaji have no name card.
    assert len(both) == 2 * 37 - 5
    assert card_ids(atlas, Scope("meridian", ("TE", "LU"))) == [
        "find:TE5",
        "name:TE5",
        "find:LU7",
        "name:LU7",
        "find:TE14",
        "name:TE14",
    ]


@pytest.mark.parametrize(
    ("scope", "text"),
    [
        (Scope("all", ()), "all"),
        (Scope("region", ("middle_back", "neck")), "region:middle_back,neck"),
        (Scope("meridian", ("BL",)), "meridian:BL"),
    ],
)
def test_scope_encodes_compactly_and_back(scope: Scope, text: str) -> None:
    assert (scope.encode(), Scope.decode(text)) == (text, scope)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "everything",
        "all:neck",
        "all:",
        "region",
        "region:",
        "region:elbow",
        "region:neck,neck",
        "region:neck,",
        "meridian:Bladder",
        "meridian:BL,neck",
        "region:BL",
    ],
)
def test_scope_decode_refuses_what_is_not_a_scope(text: str) -> None:
    assert Scope.decode(text) is None


@pytest.mark.parametrize(
    ("kind", "values"), [("region", ()), ("region", ("elbow",)), ("all", ("neck",)), ("point", ("BL18",))]
)
def test_scope_cannot_be_built_wrong(kind: str, values: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="not a study scope"):
        Scope(kind, values)


def test_settings_default_to_ten_new_cards_a_day_from_every_point() -> None:
    assert empty_deck() == ReviewDeck({}, (), Settings(10, Scope("all", ())))


# --- the scheduler ----------------------------------------------------------------------------------------
# The due dates are fsrs 6.3.2's with its default parameters and fuzzing off (learning steps 1 and 10
# minutes, a relearning step of 10 minutes), computed once by running it.


@pytest.mark.parametrize(
    ("grade", "due", "state"),
    [
        ("again", "2026-12-07T09:01:00+00:00", 1),
        ("hard", "2026-12-07T09:05:30+00:00", 1),
        ("good", "2026-12-07T09:10:00+00:00", 1),
        ("easy", "2026-12-15T09:00:00+00:00", 2),
    ],
)
def test_a_new_card_first_graded(grade: str, due: str, state: int) -> None:
    card = review(empty_deck(), "find:BL18", grade, T0).cards["find:BL18"]
    assert (card["due"], card["state"], card["last_review"]) == (due, state, "2026-12-07T09:00:00+00:00")
    # A fixed fsrs id per card (CRC-32 of "find:BL18"), not the clock's: the same history exports the same file.
    assert card["card_id"] == 57399037


@pytest.mark.parametrize(
    ("steps", "due", "state"),
    [
        # Good at 09:00: the second learning step, 10 minutes on.
        ([("good", "2026-12-07T09:00")], "2026-12-07T09:10:00+00:00", 1),
        # Good again at 09:10: graduated, due two days later.
        ([("good", "2026-12-07T09:00"), ("good", "2026-12-07T09:10")], "2026-12-09T09:10:00+00:00", 2),
        # Again when due: relearning, 10 minutes on.
        (
            [("good", "2026-12-07T09:00"), ("good", "2026-12-07T09:10"), ("again", "2026-12-09T09:10")],
            "2026-12-09T09:20:00+00:00",
            3,
        ),
        # Good after relearning: back in review, due the next day.
        (
            [
                ("good", "2026-12-07T09:00"),
                ("good", "2026-12-07T09:10"),
                ("again", "2026-12-09T09:10"),
                ("good", "2026-12-09T09:20"),
            ],
            "2026-12-10T09:20:00+00:00",
            2,
        ),
    ],
)
def test_due_dates_through_a_sequence_of_grades(steps: list[tuple[str, str]], due: str, state: int) -> None:
    deck = empty_deck()
    for grade, at in steps:
        deck = review(deck, "find:BL18", grade, datetime.fromisoformat(at).replace(tzinfo=UTC))
    assert (deck.cards["find:BL18"]["due"], deck.cards["find:BL18"]["state"]) == (due, state)
    assert len(deck.log) == len(steps)


def test_review_logs_the_grade_and_what_the_answer_proposed_and_leaves_the_old_deck() -> None:
    before = empty_deck()
    after = review(before, "find:BL18", "hard", T0, proposed="good")
    after = review(after, "name:BL18", "good", T0 + timedelta(minutes=1))
    assert after.log == (
        Review("find:BL18", "hard", T0, "good"),
        Review("name:BL18", "good", datetime(2026, 12, 7, 9, 1, tzinfo=UTC), "good"),
    )
    assert (before.cards, before.log) == ({}, ())


def test_review_times_are_kept_in_utc() -> None:
    berlin = timezone(timedelta(hours=1))
    deck = review(empty_deck(), "find:BL18", "good", datetime(2026, 12, 7, 10, 0, tzinfo=berlin))
    # UTC itself, not the host's own zone (which is UTC on CI, and would compare equal).
    assert (deck.log[0].at.tzinfo is UTC, deck.log[0].at) == (True, T0)
    assert deck.cards["find:BL18"]["due"] == "2026-12-07T09:10:00+00:00"


@pytest.mark.parametrize(
    ("card", "grade", "now", "proposed", "fact"),
    [
        ("find:BL18", "great", T0, None, "a grade is one of again, hard, good, easy"),
        ("find:BL18", "good", T0, "great", "a grade is one of again, hard, good, easy"),
        ("BL18", "good", T0, None, "not a card id: 'BL18'"),
        ("find:BL18", "good", datetime(2026, 12, 7, 9, 0), None, "timezone-aware"),
    ],
)
def test_review_refuses_what_it_cannot_schedule(
    card: str, grade: str, now: datetime, proposed: str | None, fact: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(fact)):
        review(empty_deck(), card, grade, now, proposed)


# --- sessions and the daily new-card limit ----------------------------------------------------------------

# A day's new cards: every point's *find it* before the *name it* cards (a point is not named just after being found).
FIRST_TEN = [f"{d}:GV{n}" for d in ("find", "name") for n in (3, 4, 5, 6, 7)]
NEXT_TEN = [f"{d}:GV{n}" for d in ("find", "name") for n in (8, 9, 10, 11, 12)]


def test_ten_new_cards_a_day_then_none_then_ten_more_the_next_day_after_the_due_ones(atlas: Atlas) -> None:
    deck = empty_deck()
    assert session(deck, atlas, T0) == FIRST_TEN
    deck = reviewed(deck, FIRST_TEN, "good", T0)
    assert (new_today(deck, T0), session(deck, atlas, T0)) == (10, [])
    # Late the same day they are due (at 09:10), and no new card is left. Equally overdue, the due cards come
    # in atlas order, each point's find card then its name card.
    due = [f"{d}:GV{n}" for n in (3, 4, 5, 6, 7) for d in ("find", "name")]
    assert session(deck, atlas, datetime(2026, 12, 7, 23, 59, tzinfo=UTC)) == due
    # Due at 09:10 the day before: all due, then ten new.
    next_day = T0 + timedelta(days=1)
    assert (new_today(deck, next_day), session(deck, atlas, next_day)) == (0, due + NEXT_TEN)


def test_the_daily_limit_is_the_students(atlas: Atlas) -> None:
    deck = deck_with(Settings(3, Scope("all", ())))
    assert session(deck, atlas, T0) == ["find:GV3", "find:GV4", "name:GV3"]
    deck = review(deck, "find:GV3", "again", T0)
    # find:GV3 is due at 09:01; two new cards are left for today.
    assert session(deck, atlas, T0 + timedelta(minutes=1)) == ["find:GV3", "find:GV4", "name:GV3"]
    assert session(deck_with(Settings(0, Scope("all", ()))), atlas, T0) == []


def test_new_today_counts_first_reviews_of_the_day_only() -> None:
    deck = review(empty_deck(), "find:BL18", "again", T0 - timedelta(days=1))
    deck = review(deck, "find:BL18", "good", T0)
    deck = review(deck, "name:BL18", "again", T0)
    deck = review(deck, "name:BL18", "good", T0 + timedelta(minutes=1))
    assert new_today(deck, T0) == 1
    # Today is a UTC day: 23:59 is today, midnight the next.
    assert new_today(deck, datetime(2026, 12, 7, 23, 59, tzinfo=UTC)) == 1
    assert new_today(deck, datetime(2026, 12, 8, 0, 0, tzinfo=UTC)) == 0


NEW_YORK = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("first_review", "now", "in_utc", "in_new_york"),
    [
        # 18:30 and 19:30 on 7 December in New York; 7 and 8 December in UTC.
        ("2026-12-07T23:30", "2026-12-08T00:30", 0, 1),
        # 20:00 and 22:00 on 7 December in New York; both 8 December in UTC.
        ("2026-12-08T01:00", "2026-12-08T03:00", 1, 1),
        # 23:00 on 6 December and 01:00 on 7 December in New York; both 7 December in UTC.
        ("2026-12-07T04:00", "2026-12-07T06:00", 1, 0),
    ],
)
def test_today_is_the_students_own_day_in_their_time_zone(
    first_review: str, now: str, in_utc: int, in_new_york: int
) -> None:
    deck = review(empty_deck(), "find:BL18", "good", datetime.fromisoformat(first_review).replace(tzinfo=UTC))
    at = datetime.fromisoformat(now).replace(tzinfo=UTC)
    assert (new_today(deck, at), new_today(deck, at, tz=NEW_YORK)) == (in_utc, in_new_york)


def test_the_daily_limit_counts_the_students_own_day(atlas: Atlas) -> None:
    deck = deck_with(Settings(1, Scope("meridian", ("TE",))))
    deck = review(deck, "find:TE5", "easy", datetime(2026, 12, 7, 23, 30, tzinfo=UTC))
    # 19:30 in New York: the day's one new card is taken; in UTC it is a new day.
    at = datetime(2026, 12, 8, 0, 30, tzinfo=UTC)
    assert (session(deck, atlas, at), session(deck, atlas, at, tz=NEW_YORK)) == (["name:TE5"], [])
    assert (progress(deck, atlas, at).new_left, progress(deck, atlas, at, tz=NEW_YORK).new_left) == (1, 0)


def test_due_cards_most_overdue_first_and_due_exactly_now(atlas: Atlas) -> None:
    deck = review(empty_deck(), "find:GV4", "good", T0)  # due 09:10
    deck = review(deck, "find:GV3", "good", T0 + timedelta(minutes=5))  # due 09:15
    deck = review(deck, "find:GV5", "good", T0 - timedelta(minutes=30))  # due 08:40
    assert due_cards(deck, atlas, T0 + timedelta(minutes=15)) == ["find:GV5", "find:GV4", "find:GV3"]
    assert due_cards(deck, atlas, T0 + timedelta(minutes=14, seconds=59)) == ["find:GV5", "find:GV4"]
    assert session(deck, atlas, T0 + timedelta(minutes=10))[:3] == ["find:GV5", "find:GV4", "find:GV6"]


def test_a_region_scope_studies_that_regions_points_only(atlas: Atlas) -> None:
    deck = deck_with(Settings(10, Scope("region", ("neck",))))
    assert session(deck, atlas, T0) == [
        "find:GV14",
        "find:GV20",
        "find:BL11",
        "find:BL60",
        "find:EX-B1",
        "name:GV14",
        "name:GV20",
        "name:BL11",
        "name:BL60",
        "name:EX-B1",
    ]
    deck = reviewed(deck, ["find:BL18", "find:GV14"], "good", T0)
    later = T0 + timedelta(hours=1)
    assert (due_cards(deck, atlas, later), due_count(deck, atlas, later)) == (["find:GV14"], 1)
    assert session(deck, atlas, later)[:2] == ["find:GV14", "find:GV20"]


def test_a_meridian_scope_studies_those_meridians(atlas: Atlas) -> None:
    deck = deck_with(Settings(10, Scope("meridian", ("TE", "LU"))))
    assert session(deck, atlas, T0) == [
        "find:TE5",
        "find:LU7",
        "find:TE14",
        "name:TE5",
        "name:LU7",
        "name:TE14",
    ]
    deck = reviewed(deck, ["find:TE5", "find:BL18"], "again", T0)
    assert due_cards(deck, atlas, T0 + timedelta(minutes=1)) == ["find:TE5"]


def test_due_count_counts_what_falls_due_by_the_end_of_today(atlas: Atlas) -> None:
    deck = review(empty_deck(), "find:GV3", "good", T0)  # due 09:10
    deck = reviewed(deck, ["find:GV4", "find:GV4"], "good", T0)  # due 2026-12-09
    deck = review(deck, "find:GV5", "good", datetime(2026, 12, 7, 23, 50, tzinfo=UTC))  # due at midnight
    deck = review(deck, "find:GV6", "good", datetime(2026, 12, 7, 23, 49, 59, 999999, tzinfo=UTC))
    assert (due_cards(deck, atlas, T0), due_count(deck, atlas, T0)) == ([], 2)
    # 18:50 in New York: its day ends at 05:00 UTC, after find:GV5 falls due.
    evening = datetime(2026, 12, 7, 23, 50, tzinfo=UTC)
    assert (
        due_count(deck, atlas, evening, tz=NEW_YORK),
        progress(deck, atlas, evening, tz=NEW_YORK).due,
    ) == (3, 3)
    # 21:00 on 7 December in New York (8 December in UTC): find:GV4, due 09:10 UTC on 9 December, is not
    # due today there; find:GV7 (due 8 December 09:10 UTC) is tomorrow in New York, today in UTC.
    deck = review(deck, "find:GV7", "good", T0 - timedelta(days=1))
    deck = review(deck, "find:GV7", "good", T0 - timedelta(days=1) + timedelta(minutes=10))
    assert deck.cards["find:GV7"]["due"] == "2026-12-08T09:10:00+00:00"
    night = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
    assert (due_count(deck, atlas, night), due_count(deck, atlas, night, tz=NEW_YORK)) == (4, 3)


# --- progress ---------------------------------------------------------------------------------------------


def small_history() -> ReviewDeck:
    deck = review(empty_deck(), "find:BL18", "good", T0)
    deck = review(deck, "name:BL18", "again", T0, proposed="good")
    later = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
    deck = review(deck, "find:GV14", "hard", later)
    return review(deck, "find:BL18", "good", later)


def test_progress_on_a_small_known_history(atlas: Atlas) -> None:
    figures = progress(small_history(), atlas, datetime(2026, 12, 10, 10, 0, tzinfo=UTC))
    assert (figures.learned, figures.due, figures.new_left, figures.reviews, figures.retention) == (
        3,
        2,
        10,
        4,
        0.75,
    )
    assert figures.per_day == ((date(2026, 12, 7), 2), (date(2026, 12, 8), 2))
    # fsrs 6.3.2's retrievability on 10 December: find:GV14 0.86737 (neck and upper back); find:BL18 0.96405
    # and name:BL18 0.65950 (middle back).
    assert figures.recall_by_region == (
        ("neck", pytest.approx(0.8673675)),
        ("shoulder", None),
        ("upper_back", pytest.approx(0.8673675)),
        ("middle_back", pytest.approx((0.9640457 + 0.6595032) / 2)),
        ("lower_back", None),
    )


def test_progress_on_the_day_of_the_reviews(atlas: Atlas) -> None:
    figures = progress(small_history(), atlas, datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
    # One card was new on 8 December (find:GV14); name:BL18 (overdue) and find:GV14 (10:05:30) are due.
    assert (figures.new_left, figures.due) == (9, 2)


def test_progress_before_any_review_and_new_left_within_the_scope(atlas: Atlas) -> None:
    deck = deck_with(Settings(10, Scope("meridian", ("TE",))))
    figures = progress(deck, atlas, T0)
    assert (figures.learned, figures.reviews, figures.retention, figures.per_day, figures.new_left) == (
        0,
        0,
        None,
        (),
        4,
    )
    assert figures.recall_by_region == tuple(
        (r, None) for r in ("neck", "shoulder", "upper_back", "middle_back", "lower_back")
    )


def test_per_day_follows_the_students_time_zone(atlas: Atlas) -> None:
    new_york = NEW_YORK
    deck = review(empty_deck(), "find:BL18", "good", datetime(2026, 12, 8, 2, 0, tzinfo=UTC))
    assert progress(deck, atlas, T0 + timedelta(days=1), tz=new_york).per_day == ((date(2026, 12, 7), 1),)


# --- export and import ------------------------------------------------------------------------------------


def exported() -> dict[str, Any]:
    deck = replace(small_history(), settings=Settings(5, Scope("region", ("neck", "middle_back"))))
    return to_json(deck)


def test_export_is_the_versioned_review_file() -> None:
    doc = exported()
    assert (doc["schema"], doc["version"], doc["settings"]) == (
        "acumap-review",
        1,
        {"new_per_day": 5, "scope": "region:neck,middle_back"},
    )
    assert doc["log"][1] == {
        "card": "name:BL18",
        "grade": "again",
        "at": "2026-12-07T09:00:00+00:00",
        "proposed": "good",
    }
    assert sorted(doc["cards"]) == ["find:BL18", "find:GV14", "name:BL18"]
    assert doc["cards"]["find:GV14"]["due"] == "2026-12-08T10:05:30+00:00"


def test_export_matches_its_json_schema() -> None:
    schema = json.loads((ROOT / "schema" / "acumap-review.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(exported())), schema)
    jsonschema.validate(to_json(empty_deck()), schema)


def test_export_then_import_gives_the_same_deck(atlas: Atlas) -> None:
    deck = replace(small_history(), settings=Settings(5, Scope("region", ("neck", "middle_back"))))
    assert from_json(json.loads(json.dumps(to_json(deck))), atlas) == deck
    assert from_json(to_json(empty_deck()), atlas) == empty_deck()


def test_an_imported_deck_schedules_on(atlas: Atlas) -> None:
    deck = from_json(exported(), atlas)
    assert (
        review(deck, "find:GV14", "good", datetime(2026, 12, 8, 10, 6, tzinfo=UTC)).cards["find:GV14"][
            "state"
        ]
        == 1
    )


def broken(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """The exported file with the part at `path` set to `value` (deleted when it is DELETE)."""
    doc = copy.deepcopy(exported())
    where: Any = doc
    for key in path[:-1]:
        where = where[key]
    if value is DELETE:
        del where[path[-1]]
    else:
        where[path[-1]] = value
    return doc


DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "fact"),
    [
        (("schema",), "anki-deck", "not an AcuMap review file: its schema is 'anki-deck'"),
        (("schema",), DELETE, "not an AcuMap review file"),
        (
            ("version",),
            2,
            "version 2, from a newer AcuMap; this one reads version 1. Update AcuMap and import it again.",
        ),
        (("version",), 0, "version, 0, is not one AcuMap knows"),
        (("version",), "1", "version, '1', is not one AcuMap knows"),
        (("version",), True, "version, True, is not one AcuMap knows"),
        (("version",), DELETE, "version, None, is not one AcuMap knows"),
        (("settings",), DELETE, "no 'settings' part"),
        (("cards",), DELETE, "no 'cards' part"),
        (("log",), DELETE, "no 'log' part"),
        (("cards",), [], "no 'cards' part"),
        (("log",), {}, "no 'log' part"),
        (("settings",), "all", "no 'settings' part"),
        (("settings", "new_per_day"), -1, "daily limit of new cards, -1,"),
        (("settings", "new_per_day"), "10", "daily limit of new cards, '10',"),
        (("settings", "new_per_day"), 2.5, "daily limit of new cards, 2.5,"),
        (("settings", "new_per_day"), True, "daily limit of new cards, True,"),
        (("settings", "scope"), "region:elbow", "'region:elbow', are not ones AcuMap knows"),
        (("settings", "scope"), 3, "study, 3, are not ones"),
        (("cards", "BL18"), {}, "The card 'BL18' is not a card"),
        (("cards", "find:BL99"), {}, "'find:BL99' is for the point BL99, which this atlas does not have"),
        (("cards", "find:BL18"), {}, "card find:BL18 cannot be read"),
        (("cards", "find:BL18"), "soon", "card find:BL18 cannot be read"),
        (("cards", "find:BL18", "due"), "next week", "card find:BL18 cannot be read"),
        (("cards", "find:BL18", "due"), "2026-12-15T10:00:00", "card find:BL18 cannot be read"),
        (("cards", "find:BL18", "state"), 7, "card find:BL18 cannot be read"),
        (("cards", "find:BL18", "card_id"), None, "card find:BL18 cannot be read"),
        (("log", 2), "find:GV14", "Review 3 in the log is not a review"),
        (("log", 2, "card"), "GV14", "Review 3's card 'GV14' is not a card"),
        (("log", 2, "card"), "name:XY1", "Review 3's card 'name:XY1' is for the point XY1"),
        (
            ("log", 2, "grade"),
            "great",
            "Review 3 has the grade 'great'; a grade is one of again, hard, good, easy",
        ),
        (("log", 0, "proposed"), "meh", "Review 1 has the grade 'meh'"),
        (("log", 3, "proposed"), DELETE, "Review 4 has the grade None"),
        (("log", 2, "at"), "yesterday", "Review 3's date 'yesterday' cannot be read"),
        (("log", 2, "at"), "2026-12-08T10:00:00", "Review 3's date '2026-12-08T10:00:00' cannot be read"),
        (("log", 2, "at"), 1765000000, "Review 3's date 1765000000 cannot be read"),
    ],
)
def test_a_broken_file_is_refused_saying_what_is_wrong(
    atlas: Atlas, path: tuple[str | int, ...], value: object, fact: str
) -> None:
    with pytest.raises(ImportRefused, match=re.escape(fact)):
        from_json(broken(path, value), atlas)


@pytest.mark.parametrize(
    ("doc", "fact"), [([], "does not hold a JSON object"), ("cards", "does not hold a JSON object")]
)
def test_a_file_that_is_not_an_object_is_refused(atlas: Atlas, doc: object, fact: str) -> None:
    with pytest.raises(ImportRefused, match=re.escape(fact)):
        from_json(doc, atlas)


def test_a_refused_import_is_a_value_error_and_leaves_the_file_as_it_was(atlas: Atlas) -> None:
    doc = broken(("log", 2, "grade"), "great")
    kept = copy.deepcopy(doc)
    with pytest.raises(ValueError, match="great"):
        from_json(doc, atlas)
    assert doc == kept


def test_import_reads_a_time_with_any_offset_into_utc_and_a_limit_of_none(atlas: Atlas) -> None:
    doc = broken(("log", 2, "at"), "2026-12-08T11:00:00+01:00")
    doc["settings"]["new_per_day"] = 0
    deck = from_json(doc, atlas)
    assert (deck.log[2].at, deck.log[2].at.tzinfo is UTC) == (datetime(2026, 12, 8, 10, 0, tzinfo=UTC), True)
    assert deck.settings == Settings(0, Scope("region", ("neck", "middle_back")))


def test_import_keeps_only_what_fsrs_reads_of_a_card(atlas: Atlas) -> None:
    doc = broken(("cards", "find:GV14", "colour"), "red")
    assert "colour" not in from_json(doc, atlas).cards["find:GV14"]
