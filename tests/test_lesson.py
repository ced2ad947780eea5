"""A class as a lesson: the teacher key that gives the class back, a sequence of questions on any diagram, late
joiners, homework that stays open for a set time, and databases from earlier versions. Every test runs on the
store's SQLite and PostgreSQL backends (the `class_store_url` fixture)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from acumap.classroom import (
    HOMEWORK_RESULTS_KEPT,
    ClassStore,
    Question,
    WrongKey,
    new_teacher_key,
)


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(class_store_url: str, clock: Clock) -> ClassStore:
    return ClassStore(class_store_url, ttl=600, clock=clock)


# --- the teacher key ------------------------------------------------------------------------------------------


def test_the_teacher_key_gives_the_same_class_back_from_another_server(
    store: ClassStore, class_store_url: str, clock: Clock
) -> None:
    key = new_teacher_key()
    code = store.start(key)
    store.ask(code, "point", "BL18")
    store.answer(code, "s1", "back", 3.0, 20.0)
    # A reload, a second device, or a restarted server: a new store on the same database, the same key.
    again = ClassStore(class_store_url, ttl=600, clock=clock)
    state = again.resume(code.lower(), key)
    assert (state.code, state.question, state.kind, state.point_id, state.revealed) == (
        code,
        1,
        "point",
        "BL18",
        False,
    )
    assert [a.session for a in again.answers(code)] == ["s1"]


def test_the_key_is_not_stored_and_a_wrong_one_is_refused(store: ClassStore) -> None:
    key = new_teacher_key()
    code = store.start(key)
    with store.engine.connect() as db:
        stored = db.execute(text("SELECT teacher_hash FROM classes")).scalar()
    assert stored and key not in stored and len(stored) == 64
    with pytest.raises(WrongKey, match="not the teacher key"):
        store.resume(code, new_teacher_key())
    with pytest.raises(WrongKey):
        store.resume(code, "")
    # A class started without a key (no teacher to give it back to) cannot be taken over with any key.
    keyless = store.start()
    with pytest.raises(WrongKey):
        store.resume(keyless, key)


def test_an_expired_class_is_gone_for_its_teacher_too(store: ClassStore, clock: Clock) -> None:
    key = new_teacher_key()
    code = store.start(key)
    clock.now += 601
    with pytest.raises(LookupError, match="may have expired") as err:
        store.resume(code, key)
    assert not isinstance(err.value, WrongKey)


def test_two_keys_are_never_the_same() -> None:
    keys = {new_teacher_key() for _ in range(200)}
    assert len(keys) == 200 and all(len(k) >= 20 for k in keys)


# --- a lesson of questions ------------------------------------------------------------------------------------


def test_a_lesson_asks_questions_on_any_diagram_one_after_another(store: ClassStore, clock: Clock) -> None:
    code = store.start(new_teacher_key())
    asked = [("point", "BL18"), ("point", "LI4"), ("pain", None), ("point", "GB20")]
    for n, (kind, point) in enumerate(asked, start=1):
        clock.now += 60
        assert store.ask(code, kind, point) == n
        store.answer(code, f"s{n}", "hand" if point == "LI4" else "back", float(n), 1.0)
        if n < 3:
            store.reveal(code)
    got = store.questions(code)
    assert [(q.number, q.kind, q.point_id) for q in got] == [
        (n, k, p) for n, (k, p) in enumerate(asked, start=1)
    ]
    assert [q.asked for q in got] == [2_000_060.0, 2_000_120.0, 2_000_180.0, 2_000_240.0]
    assert [q.revealed for q in got] == [True, True, False, False]
    # Each question keeps its own answers.
    assert [[a.session for a in store.answers(code, q.number)] for q in got] == [
        ["s1"],
        ["s2"],
        ["s3"],
        ["s4"],
    ]
    assert store.answers(code, 2)[0].view == "hand"


def test_a_student_who_joins_late_gets_the_current_question(store: ClassStore) -> None:
    code = store.start(new_teacher_key())
    store.ask(code, "point", "BL18")
    store.reveal(code)
    store.ask(code, "point", "SI3")
    state = store.get(code)
    assert state is not None and (state.question, state.point_id, state.revealed) == (2, "SI3", False)
    store.answer(code, "late", "hand", 1.0, 2.0)
    assert [a.session for a in store.answers(code)] == ["late"]
    # A tap meant for a question that is over is refused, not filed under the new one.
    with pytest.raises(ValueError, match="question 1 is over"):
        store.answer(code, "slow", "back", 1.0, 2.0, question=1)


def test_many_fast_taps_are_one_answer_the_last(store: ClassStore, clock: Clock) -> None:
    code = store.start()
    store.ask(code, "point", "BL18")
    for i in range(20):  # twenty taps a second
        clock.now += 0.05
        store.answer(code, "busy", "back", float(i), 20.0)
    got = store.answers(code)
    assert [(a.session, a.x) for a in got] == [("busy", 19.0)]


# --- homework -------------------------------------------------------------------------------------------------


def test_homework_takes_answers_to_every_question_until_it_closes(store: ClassStore, clock: Clock) -> None:
    key = new_teacher_key()
    day = 24 * 60 * 60
    code = store.start(key, homework=[("point", "BL18"), ("point", "LI4"), ("point", "GB21")], open_for=day)
    state = store.get(code)
    assert state is not None and state.homework and state.question == 3 and state.closes == 2_000_000.0 + day
    assert [q.point_id for q in store.questions(code)] == ["BL18", "LI4", "GB21"]
    clock.now += 3600  # students answer on their own time, in any order
    store.answer(code, "s1", "hand", 1.0, 2.0, question=2)
    store.answer(code, "s1", "back", 3.0, 20.0, question=1)
    store.answer(code, "s2", "back", 4.0, 21.0, question=1)
    assert [a.session for a in store.answers(code, 1)] == ["s1", "s2"]
    assert [a.session for a in store.answers(code, 2)] == ["s1"]
    with pytest.raises(ValueError, match="questions 1 to 3"):
        store.answer(code, "s1", "back", 1.0, 1.0, question=4)
    with pytest.raises(ValueError, match="questions 1 to 3"):
        store.answer(code, "s1", "back", 1.0, 1.0)
    with pytest.raises(ValueError, match="set when it starts"):
        store.ask(code, "point", "BL17")
    clock.now = 2_000_000.0 + day  # closed: no more answers, the results stay for the teacher
    with pytest.raises(ValueError, match="closed"):
        store.answer(code, "s3", "back", 1.0, 1.0, question=1)
    assert store.resume(code, key).homework
    assert len(store.answers(code, 1)) == 2
    clock.now = 2_000_000.0 + day + HOMEWORK_RESULTS_KEPT
    assert store.get(code) is None


@pytest.mark.parametrize("open_for", [None, 0, -5, 15 * 24 * 60 * 60])
def test_homework_needs_a_sensible_time_open(store: ClassStore, open_for: float | None) -> None:
    with pytest.raises(ValueError, match="set time"):
        store.start(new_teacher_key(), homework=[("point", "BL18")], open_for=open_for)


def test_homework_questions_are_checked_like_live_ones(store: ClassStore) -> None:
    with pytest.raises(ValueError, match="names its point"):
        store.start(new_teacher_key(), homework=[("point", None)], open_for=60)
    with pytest.raises(ValueError, match="unknown question kind"):
        store.start(new_teacher_key(), homework=[("quiz", "BL18")], open_for=60)


# --- a database from an earlier version -----------------------------------------------------------------------


def test_a_database_from_an_earlier_version_gains_the_lesson(class_store_url: str) -> None:
    engine = create_engine(class_store_url)
    with engine.begin() as db:  # the first version's tables, with a class under way
        db.execute(
            text(
                "CREATE TABLE classes (code VARCHAR(5) PRIMARY KEY, created FLOAT NOT NULL, expires FLOAT NOT NULL,"
                " question INTEGER NOT NULL, kind VARCHAR(8) NOT NULL, point_id VARCHAR(16), revealed BOOLEAN NOT NULL)"
            )
        )
        db.execute(
            text(
                "CREATE TABLE answers (code VARCHAR(5), question INTEGER, session VARCHAR(32), view VARCHAR(8) NOT NULL,"
                " x FLOAT NOT NULL, y FLOAT NOT NULL, at FLOAT NOT NULL, PRIMARY KEY (code, question, session))"
            )
        )
        db.execute(text("INSERT INTO classes VALUES ('ABCDE', 0, 9e12, 1, 'point', 'BL18', FALSE)"))
    engine.dispose()
    store = ClassStore(class_store_url)
    state = store.get("ABCDE")
    assert state is not None and not state.ended and state.mode == "live" and state.closes is None
    store.answer("ABCDE", "s1", "back", 1.0, 2.0)
    assert store.ask("ABCDE", "point", "BL17") == 2
    assert store.questions("ABCDE") == [Question(2, "point", "BL17", store.questions("ABCDE")[0].asked)]
    store.end("ABCDE")
    assert store.get("ABCDE").ended  # type: ignore[union-attr]
