"""A quiz round's steps (acumap.quiz_round): what each answer, tap or click does to the round, from tables of
cases, as apply_event's are tested; and the round a link carries."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from acumap.quiz import RoundSpec
from acumap.quiz_round import QuizRound, from_link, start

FIND = RoundSpec("find", "region", "middle_back", 42, True)
NAME = RoundSpec("name", "all", "", 7, False)
TAP = ("back", 1.5, 20.0)
N = 3  # points in the round


def find_round(attempts: int = 0, feedback: bool = False) -> QuizRound:
    taps = tuple(("back", float(i), 20.0) for i in range(attempts))
    return QuizRound(FIND, attempts=taps, feedback=feedback, live=tuple(range(attempts)), run="r1")


Step = Callable[[QuizRound], QuizRound]


@pytest.mark.parametrize(
    ("before", "step", "attempts", "names", "feedback", "live"),
    [
        # A tap answers the current point and shows its verdict.
        (find_round(), lambda q: q.attempt(N, *TAP), (TAP,), (), True, (0,)),
        (find_round(1), lambda q: q.attempt(N, *TAP), (("back", 0.0, 20.0), TAP), (), True, (0, 1)),
        # While a verdict shows, a second tap does not answer the next point.
        (find_round(1, feedback=True), lambda q: q.attempt(N, *TAP), (("back", 0.0, 20.0),), (), True, (0,)),
        # Every point answered: nothing more is taken.
        (
            find_round(N),
            lambda q: q.attempt(N, *TAP),
            tuple(("back", float(i), 20.0) for i in range(N)),
            (),
            False,
            (0, 1, 2),
        ),
        # A finding round takes no names; a naming round no taps.
        (find_round(), lambda q: q.name(N, "BL18"), (), (), False, ()),
        (QuizRound(NAME), lambda q: q.attempt(N, *TAP), (), (), False, ()),
        (QuizRound(NAME), lambda q: q.name(N, "BL18"), (), ("BL18",), True, (0,)),
        (QuizRound(NAME, names=("LI4",), feedback=True), lambda q: q.name(N, "BL18"), (), ("LI4",), True, ()),
        # Next: past the verdict, the answers kept.
        (find_round(1, feedback=True), QuizRound.next, (("back", 0.0, 20.0),), (), False, (0,)),
    ],
)
def test_each_step_of_a_round(
    before: QuizRound,
    step: Step,
    attempts: tuple[tuple[str, float, float], ...],
    names: tuple[str, ...],
    feedback: bool,
    live: tuple[int, ...],
) -> None:
    after = step(before)
    assert (after.attempts, after.names, after.feedback, after.live) == (attempts, names, feedback, live)
    assert (after.spec, after.run) == (before.spec, before.run)  # a step never changes which round it is


@pytest.mark.parametrize(
    ("taking", "showing", "current", "done"),
    [
        (find_round(0), False, 0, False),
        (find_round(0, feedback=True), False, 0, False),  # no verdict before the first answer
        (find_round(1, feedback=True), True, 0, False),  # the point just answered stays on screen
        (find_round(1), False, 1, False),  # then the next
        (find_round(N, feedback=True), True, N - 1, False),  # the last verdict before the summary
        (find_round(N), False, N, True),
        (QuizRound(NAME, names=("BL18", "LI4", "GV14")), False, N, True),
        (QuizRound(NAME, names=("BL18",), feedback=True), True, 0, False),
    ],
)
def test_where_a_round_stands(taking: QuizRound, showing: bool, current: int, done: bool) -> None:
    assert (taking.showing_verdict(), taking.current(), taking.done(N)) == (showing, current, done)


def test_a_round_through_its_points_to_the_summary() -> None:
    taking = start(FIND, "r9")
    assert taking == QuizRound(FIND, run="r9")
    for i in range(N):
        assert not taking.done(N) and taking.current() == i
        taking = taking.attempt(N, "back", float(i), 20.0)
        assert taking.showing_verdict() and taking.current() == i
        taking = taking.next()
    assert taking.done(N)
    assert taking.live == (0, 1, 2)


def test_the_link_carries_the_round_and_its_answers() -> None:
    assert start(FIND, "r").link_params() == {"round": "find.region-middle_back.s42.lm"}
    two = QuizRound(FIND, attempts=(TAP, ("hand", -0.25, 3.0)))
    assert two.link_params() == {
        "round": "find.region-middle_back.s42.lm",
        "a": "back:1.50:20.00~hand:-0.25:3.00",
    }
    named = QuizRound(NAME, names=("BL18", "LI4"))
    assert named.link_params() == {"round": "name.all.s7.nolm", "a": "BL18~LI4"}


def test_a_link_replays_the_round_and_none_of_its_answers_counts_as_made_here() -> None:
    linked = from_link("find.region-middle_back.s42.lm", "back:1.50:20.00~hand:-0.25:3.00", "r2")
    assert linked == QuizRound(FIND, attempts=(TAP, ("hand", -0.25, 3.0)), run="r2")
    assert linked.live == () and not linked.feedback
    named = from_link("name.all.s7.nolm", "BL18~LI4", "r3")
    assert named == QuizRound(NAME, names=("BL18", "LI4"), run="r3")
    assert from_link("find.region-middle_back.s42.lm", "", "r") == QuizRound(FIND, run="r")


def test_a_link_gives_at_most_a_rounds_worth_of_answers() -> None:
    eleven = "~".join(f"P{i}" for i in range(11))
    linked = from_link("name.all.s7.nolm", eleven, "r")
    assert linked is not None and linked.names == tuple(f"P{i}" for i in range(10))


@pytest.mark.parametrize(
    ("round_text", "answers"),
    [("nonsense", ""), ("find.region-middle_back.s42.lm", "zzz"), ("", "BL18")],
)
def test_a_link_that_cannot_be_read_gives_no_round(round_text: str, answers: str) -> None:
    assert from_link(round_text, answers, "r") is None


def test_the_history_keeps_only_what_was_answered_here() -> None:
    taking = QuizRound(FIND, attempts=(TAP, TAP, TAP), live=(1, 2), run="r5")
    kept = taking.kept(["BL18", "BL19", "BL20"], [True, False, True])
    assert kept == [
        ("find.region-middle_back.s42.lm#r5", 1, "BL19", False),
        ("find.region-middle_back.s42.lm#r5", 2, "BL20", True),
    ]
    assert taking.kept(["BL18", "BL19"], [True, False]) == [
        ("find.region-middle_back.s42.lm#r5", 1, "BL19", False)
    ]
