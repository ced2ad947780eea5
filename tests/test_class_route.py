"""The route a student's class page follows (ui/class_route.py): what it says about a class, its refusals, its
memo, and a database that cannot be reached."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request

from acumap.classroom import ClassState, ClassStore, following
from ui import class_route, class_store


def get(code: str) -> tuple[int, dict[str, Any], str | None]:
    """What GET api/class/<code> answers: status, JSON body, Cache-Control."""
    request = Request({"type": "http", "method": "GET", "headers": [], "path_params": {"code": code}})
    reply = class_route._endpoint(request)
    return reply.status_code, json.loads(bytes(reply.body)), reply.headers.get("cache-control")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'classes.db'}"
    monkeypatch.setenv(class_store.ENV, url)
    monkeypatch.setattr(class_route, "_memo", {})
    return url


def test_following_says_what_a_students_page_shows() -> None:
    state = ClassState("AB234", 0.0, 3, "point", "BL18", revealed=True, ended=False)
    assert following(state) == {"question": 3, "revealed": True, "ended": False}
    assert following(None) == {"gone": True}


def test_the_route_follows_the_class_as_the_teacher_runs_it(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(class_route, "MEMO_S", 0.0)  # every request reads the database
    store = ClassStore(db)
    code = store.start()
    assert get(code) == (200, {"question": 0, "revealed": False, "ended": False}, "no-store")
    store.ask(code, "point", "BL18")
    store.answer(code, "s1", "back", 1.0, 2.0)
    assert get(code.lower())[1] == {"question": 1, "revealed": False, "ended": False}  # as typed: any case
    store.reveal(code)
    assert get(code)[1] == {"question": 1, "revealed": True, "ended": False}
    store.end(code)
    assert get(code)[1] == {"question": 1, "revealed": True, "ended": True}
    # Nothing about anyone's answers, ever.
    assert "s1" not in json.dumps(get(code)[1])


def test_unknown_and_malformed_codes(db: str) -> None:
    ClassStore(db)
    assert get("ZZZZZ") == (200, {"gone": True}, "no-store")  # no such class (or expired)
    assert get("../etc")[0] == 404
    assert get("A" * 40) == (404, {"gone": True}, "no-store")


def test_one_database_read_answers_a_class_for_half_a_second(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ClassStore(db)
    code = store.start()
    reads = []
    real = class_store.store

    def counting() -> ClassStore:
        reads.append(1)
        return real()

    monkeypatch.setattr(class_store, "store", counting)
    clock = [100.0]
    monkeypatch.setattr(class_route.time, "monotonic", lambda: clock[0])
    for _ in range(50):  # 50 phones within the same moment
        assert get(code)[1]["question"] == 0
    assert len(reads) == 1
    store.ask(code, "pain")
    clock[0] += class_route.MEMO_S / 2
    assert get(code)[1]["question"] == 0  # still the memo
    clock[0] += class_route.MEMO_S
    assert get(code)[1]["question"] == 1  # read again
    assert len(reads) == 2


def test_a_database_that_cannot_be_reached_is_503_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(class_store.ENV, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.setattr(class_route, "_memo", {})
    assert get("AB234") == (503, {"unavailable": True}, "no-store")
