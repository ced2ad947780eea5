"""The class store under a real class's load, on both backends (`class_store_url`: an SQLite file and a
PostgreSQL database on the session's throwaway server, harness/pgserver.py): a whole class answering at the same
instant, a student tapping again and again, and (PostgreSQL) the database server going away mid-question and
coming back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from acumap.classroom import ClassStore, StoreUnavailable

STUDENTS = 60


def run_at_once(n: int, work: Callable[[int], None]) -> list[BaseException]:
    """Run work(0) ... work(n-1) in n threads released together by a barrier; the exceptions they raised."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            work(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not [t for t in threads if t.is_alive()], "some answers never came back"
    return errors


@pytest.mark.parametrize("shared", [False, True], ids=["a-store-each", "one-store"])
def test_sixty_answers_at_the_same_instant_are_each_stored_once(class_store_url: str, shared: bool) -> None:
    """60 students tap at the same instant: each through its own store (its own connections, as separate server
    processes have), or all through one store (one process, its connection pool shared by the sessions)."""
    teacher = ClassStore(class_store_url)
    code = teacher.start()
    teacher.ask(code, "point", "BL18")
    stores = [teacher] * STUDENTS if shared else [ClassStore(class_store_url) for _ in range(STUDENTS)]

    def tap(i: int) -> None:
        stores[i].answer(code, f"student{i}", "back", float(i % 7), float(i))

    assert run_at_once(STUDENTS, tap) == []
    got = ClassStore(class_store_url).answers(code)
    assert sorted((a.session, a.x, a.y) for a in got) == sorted(
        (f"student{i}", float(i % 7), float(i)) for i in range(STUDENTS)
    )
    assert teacher.count(code) == STUDENTS


def test_a_student_tapping_fast_is_one_answer_the_last(class_store_url: str) -> None:
    """A student taps 25 times in quick succession while 9 others do the same: one answer each, their last tap."""
    store = ClassStore(class_store_url)
    code = store.start()
    store.ask(code, "pain")
    taps = 25

    def tap_fast(i: int) -> None:
        for k in range(taps):
            store.answer(code, f"s{i}", "back", float(k), float(i))

    assert run_at_once(10, tap_fast) == []
    got = store.answers(code)
    assert sorted((a.session, a.x, a.y) for a in got) == [
        (f"s{i}", float(taps - 1), float(i)) for i in range(10)
    ]
    assert store.count(code) == 10
    # The same from one session alone, without a pause: the last of the taps stands.
    store.ask(code, "pain")
    for k in range(taps):
        store.answer(code, "alone", "back", float(k), 1.0)
    assert [(a.session, a.x) for a in store.answers(code)] == [("alone", float(taps - 1))]


def test_one_students_answer_is_theirs_for_the_question_asked(class_store_url: str) -> None:
    """A student's page reads only its own answer: to the current question by default, or to a given one."""
    store = ClassStore(class_store_url)
    code = store.start()
    store.ask(code, "point", "BL18")
    store.answer(code, "me", "back", 1.0, 2.0)
    store.answer(code, "other", "back", 5.0, 6.0)
    mine = store.answer_of(code, "me")
    assert mine is not None and (mine.session, mine.view, mine.x, mine.y) == ("me", "back", 1.0, 2.0)
    assert store.answer_of(code, "nobody") is None
    store.ask(code, "point", "LI4")
    assert store.answer_of(code, "me") is None  # nothing yet for question 2
    store.answer(code, "me", "hand", 3.0, 4.0)
    now = store.answer_of(code, "me")
    assert now is not None and (now.view, now.x) == ("hand", 3.0)
    before = store.answer_of(code, "me", question=1)
    assert before is not None and (before.view, before.x) == ("back", 1.0)
    with pytest.raises(LookupError):
        store.answer_of("NOPE99", "me")


def test_the_class_goes_on_after_the_database_server_restarts(pg_server: Any, postgres_url: str) -> None:
    """PostgreSQL stops in the middle of a question (as in a crash): every store call says the store is
    unavailable, quickly; once it is back, the same store (a running server process) goes on, and no answer
    stored before is lost."""
    store = ClassStore(postgres_url)
    code = store.start()
    store.ask(code, "point", "BL18")
    for i in range(5):
        store.answer(code, f"s{i}", "back", float(i), 20.0)
    before = store.answers(code)
    assert len(before) == 5

    pg_server.stop("immediate")
    calls: dict[str, Callable[[], object]] = {
        "get": lambda: store.get(code),
        "answer": lambda: store.answer(code, "s9", "back", 9.0, 9.0),
        "answers": lambda: store.answers(code),
        "answer_of": lambda: store.answer_of(code, "s0"),
        "count": lambda: store.count(code),
        "ask": lambda: store.ask(code, "pain"),
        "reveal": lambda: store.reveal(code),
        "start": store.start,
        "end": lambda: store.end(code),
    }
    wrong = {}
    for name, call in calls.items():
        t0 = time.monotonic()
        try:
            call()
        except StoreUnavailable:
            took = time.monotonic() - t0
            if took > 10:
                wrong[name] = f"StoreUnavailable after {took:.1f} s"
        except Exception as exc:
            wrong[name] = f"{type(exc).__name__}: {exc}"
        else:
            wrong[name] = "returned as if the database were there"
    assert wrong == {}, "with the database down, each call must raise StoreUnavailable promptly"

    pg_server.start()
    state = store.get(code)
    assert state is not None and state.question == 1 and not state.revealed and not state.ended
    assert store.answers(code) == before  # nothing lost, nothing half-written by the refused calls
    store.answer(code, "s9", "back", 9.0, 9.0)  # the student whose tap was refused taps again
    store.answer(code, "s0", "back", 7.0, 7.0)  # and one changes their answer
    assert store.count(code) == 6
    assert {(a.session, a.x) for a in store.answers(code)} == {
        ("s0", 7.0),
        *((f"s{i}", float(i)) for i in range(1, 5)),
        ("s9", 9.0),
    }
    assert store.ask(code, "pain") == 2  # the class goes on to its next question
    assert len(ClassStore(postgres_url).answers(code, question=1)) == 6  # as another process sees it
