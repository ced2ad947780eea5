"""How a student's class page follows the teacher and hands in a tap: two small HTTP routes every server process
answers, mounted by serve.py beside Streamlit's own. The page's follower (ui/class_follow.py) polls the first;
the map (ui/component/map.js) posts each tap to the second before it tells Python, so the tap is stored at once
instead of waiting for a script run behind the class's other phones (a question reaches ~100 phones per process
within two seconds, and each redraws).

Why not `st.fragment(run_every=2)`: each poll is a script run on the server (~8 ms of CPU, most of it
Streamlit's own machinery), and 200 phones polling every 2 s took 80 % of a core before anyone tapped. The
route answers every phone of a class from a half-second memo of one database read (bench/class_scale.py,
BENCHMARKS.md). It says what a student's page shows anyway (the question's number, whether its answer is shown,
whether the class has ended), nothing about anyone's answers."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.classroom import CODE_LENGTH, UNREACHABLE, StoreUnavailable, Tap, following, normalise, read_tap
from ui import class_store

#: The route, relative to the app's address (the page at /class fetches api/class/<code>).
PATH = "api/class"
#: How long one database read answers every phone of a class (seconds).
MEMO_S = 0.5

_memo: dict[str, tuple[float, dict[str, Any], int]] = {}
_lock = threading.Lock()


def state_of(code: str) -> tuple[dict[str, Any], int]:
    """The class's `following` state and the HTTP status for it (503 while the database cannot be reached),
    read at most once per MEMO_S per class and process."""
    now = time.monotonic()
    with _lock:
        hit = _memo.get(code)
    if hit is not None and now - hit[0] < MEMO_S:
        return hit[1], hit[2]
    try:
        body, status = following(class_store.store().get(code)), 200
    except StoreUnavailable:
        body, status = dict(UNREACHABLE), 503
    with _lock:
        if len(_memo) > 1000:  # codes of ended classes, or made up: forget them all
            _memo.clear()
        _memo[code] = (now, body, status)
    return body, status


def _code(request: Request) -> str | None:
    code = normalise(str(request.path_params["code"]))
    return code if code.isalnum() and len(code) <= CODE_LENGTH + 3 else None


def _endpoint(request: Request) -> JSONResponse:
    code = _code(request)
    body, status = (following(None), 404) if code is None else state_of(code)
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


#: The largest body a tap may have (bytes): a tap is ~100.
TAP_BYTES = 1024
#: What the answer route says, by outcome: stored; the class moved on (or ended) before the tap; the database
#: cannot be reached (the page then hands the tap to Python, which says so); not a tap.
STORED, LATE, UNAVAILABLE, REFUSED = (
    ({"stored": True}, 200),
    ({"stored": False, "why": "late"}, 409),
    ({"stored": False, "why": "unavailable"}, 503),
    ({"stored": False, "why": "not a tap"}, 400),
)


def store_tap(code: str, tap: Tap) -> tuple[dict[str, Any], int]:
    """Store a posted tap for its question (a second tap replaces the first, as on the page)."""
    try:
        class_store.store().answer(code, tap.session, tap.view, tap.x, tap.y, question=tap.question)
    except StoreUnavailable:
        return UNAVAILABLE
    except (ValueError, LookupError):  # the answer was shown, the class moved on or ended
        return LATE
    return STORED


async def _read_body(request: Request) -> bytes | None:
    """The request's body, or None if it is larger than a tap can be (read no further than that)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > TAP_BYTES:
            return None
    return body


async def _answer(request: Request) -> JSONResponse:
    """POST api/class/<code>/answer {token, question, view, x, y}. Only JSON is taken: a cross-site form cannot
    send it, and a cross-site script's JSON needs a preflight this route never grants."""
    body, status = REFUSED
    code = _code(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await _read_body(request) if code is not None and kind == "application/json" else None
    if code is not None and raw is not None:
        try:
            tap = read_tap(json.loads(raw), DIAGRAM_VIEWS)
        except ValueError:  # not JSON (json.JSONDecodeError and UnicodeDecodeError are ValueErrors)
            tap = None
        if tap is not None:
            body, status = await run_in_threadpool(store_tap, code, tap)
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def routes() -> list[Route]:
    """The routes serve.py mounts beside Streamlit's own (the follow route is a plain function: Starlette runs it
    in a thread; the answer route reads its body asynchronously and stores in a thread)."""
    return [
        Route(f"/{PATH}/{{code}}", _endpoint, methods=["GET"]),
        Route(f"/{PATH}/{{code}}/answer", _answer, methods=["POST"]),
    ]
