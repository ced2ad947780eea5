"""The route a student's class page follows (ui/class_route.py): what it says about a class, its refusals, its
memo, and a database that cannot be reached."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request

from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.classroom import ClassState, ClassStore, Tap, following, read_tap
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


# ---- the answer route: a phone posts its tap, stored before the page's own run ---------------------------------

TOKEN = "0123456789abcdef"


def post(code: str, body: bytes, content_type: str = "application/json") -> tuple[int, dict[str, Any]]:
    """What POST api/class/<code>/answer answers: status and JSON body."""
    chunks = [body[i : i + 100] for i in range(0, len(body), 100)] or [b""]
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)
    ]

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    scope = {
        "type": "http",
        "method": "POST",
        "headers": [(b"content-type", content_type.encode())],
        "path_params": {"code": code},
    }
    reply = asyncio.run(class_route._answer(Request(scope, receive)))
    assert reply.headers.get("cache-control") == "no-store"
    return reply.status_code, json.loads(bytes(reply.body))


def tap(question: int = 1, view: str = "back", x: float = 1.5, y: float = 20.0, token: str = TOKEN) -> bytes:
    return json.dumps({"token": token, "question": question, "view": view, "x": x, "y": y}).encode()


GOOD = {"token": TOKEN, "question": 2, "view": "hand", "x": -1.25, "y": 3}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, Tap(TOKEN, 2, "hand", -1.25, 3.0)),
        ({"x": 500, "y": -500.0}, Tap(TOKEN, 2, "hand", 500.0, -500.0)),  # at the reach: taken
        ({"question": 17, "view": "back"}, Tap(TOKEN, 17, "back", -1.25, 3.0)),
    ],
)
def test_read_tap_takes_a_tap(change: dict[str, Any], expected: Tap) -> None:
    assert read_tap({**GOOD, **change}, DIAGRAM_VIEWS) == expected


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"token": "0123456789ABCDEF"}, "a token as new_session_token makes it: lower-case hex"),
        ({"token": "0123456789abcde"}, "15 digits"),
        ({"token": "0123456789abcdef0"}, "17 digits"),
        ({"token": "0123456789abcdeg"}, "not hex"),
        ({"token": "0123456789abcdeX"}, "not hex"),
        ({"token": 123}, "not a string"),
        ({"question": 0}, "no question 0"),
        ({"question": -1}, "negative"),
        ({"question": True}, "a bool is not a number here"),
        ({"question": "2"}, "a string"),
        ({"question": 2.0}, "a float"),
        ({"view": "chest"}, "no such diagram"),
        ({"view": None}, "no diagram"),
        ({"x": True}, "a bool"),
        ({"y": False}, "a bool"),
        ({"x": "1"}, "a string"),
        ({"y": None}, "nothing"),
        ({"y": float("nan")}, "not finite"),
        ({"x": float("-inf")}, "not finite"),
        ({"x": -500.5}, "beyond the reach"),
        ({"y": 500.5}, "beyond the reach"),
    ],
)
def test_read_tap_refuses_what_is_not_a_tap(change: dict[str, Any], why: str) -> None:
    assert read_tap({**GOOD, **change}, DIAGRAM_VIEWS) is None, why


@pytest.mark.parametrize("missing", sorted(GOOD))
def test_read_tap_refuses_a_tap_without_each_of_its_fields(missing: str) -> None:
    assert read_tap({k: v for k, v in GOOD.items() if k != missing}, DIAGRAM_VIEWS) is None
    assert read_tap([GOOD], DIAGRAM_VIEWS) is None  # not an object


def test_a_posted_tap_is_stored_at_once_and_a_second_replaces_the_first(db: str) -> None:
    store = ClassStore(db)
    code = store.start()
    store.ask(code, "point", "BL18")
    assert post(code, tap(x=1.5, y=20.0)) == (200, {"stored": True})
    assert [(a.view, a.x, a.y) for a in store.answers(code)] == [("back", 1.5, 20.0)]
    assert post(code.lower(), tap(x=-2.0, y=21.0)) == (200, {"stored": True})  # the code as typed
    mine = store.answer_of(code, TOKEN, 1)
    assert mine is not None and (mine.x, mine.y) == (-2.0, 21.0)
    assert store.count(code) == 1


def test_a_tap_after_the_class_moved_on_is_late_and_not_stored(db: str) -> None:
    store = ClassStore(db)
    code = store.start()
    assert post(code, tap(question=1)) == (409, {"stored": False, "why": "late"})  # no question yet
    store.ask(code, "point", "BL18")
    store.reveal(code)
    assert post(code, tap(question=1)) == (409, {"stored": False, "why": "late"})  # the answer was shown
    store.ask(code, "point", "LI4")
    assert post(code, tap(question=1)) == (
        409,
        {"stored": False, "why": "late"},
    )  # the page showed question 1
    assert store.answers(code, 1) == [] and store.answers(code, 2) == []
    assert post(code, tap(question=2, view="hand")) == (200, {"stored": True})
    store.end(code)
    assert post(code, tap(question=2, view="hand", x=0.0)) == (409, {"stored": False, "why": "late"})
    assert [a.x for a in store.answers(code, 2)] == [1.5]


@pytest.mark.parametrize(
    ("code", "body", "content_type", "why"),
    [
        ("VALID", b"{not json", "application/json", "not JSON"),
        ("VALID", b"\xff\xfe", "application/json", "not UTF-8"),
        ("VALID", b"", "application/json", "empty"),
        ("VALID", None, "text/plain", "a form or a simple request: no preflight, so never taken"),
        ("VALID", None, "application/x-www-form-urlencoded", "a cross-site form"),
        ("VALID", b'{"token": "' + b"a" * 2000 + b'"}', "application/json", "larger than a tap"),
        ("../etc", None, "application/json", "not a code"),
        ("A" * 40, None, "application/json", "too long for a code"),
        ("VALID", json.dumps({**GOOD, "view": "chest"}).encode(), "application/json", "not a tap"),
    ],
)
def test_what_is_not_a_tap_is_refused_and_stores_nothing(
    db: str, code: str, body: bytes | None, content_type: str, why: str
) -> None:
    store = ClassStore(db)
    real = store.start()
    store.ask(real, "point", "BL18")
    status, said = post(real if code == "VALID" else code, body if body is not None else tap(), content_type)
    assert (status, said) == (400, {"stored": False, "why": "not a tap"}), why
    assert store.answers(real) == []


def test_a_json_content_type_with_a_charset_is_taken(db: str) -> None:
    store = ClassStore(db)
    code = store.start()
    store.ask(code, "pain")
    assert post(code, tap(), "application/json; charset=utf-8") == (200, {"stored": True})


def test_a_tap_while_the_database_cannot_be_reached_is_503(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(class_store.ENV, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert post("AB234", tap()) == (503, {"stored": False, "why": "unavailable"})


def test_the_routes_are_mounted_for_get_and_post() -> None:
    mounted = {(r.path, tuple(sorted(r.methods or ()))) for r in class_route.routes()}
    assert mounted == {("/api/class/{code}", ("GET", "HEAD")), ("/api/class/{code}/answer", ("POST",))}
