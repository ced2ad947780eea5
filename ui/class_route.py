"""How a student's class page follows the teacher: one small HTTP route every server process answers, mounted
by serve.py beside Streamlit's own; the page's follower (ui/class_follow.py) polls it.

Why not `st.fragment(run_every=2)`: each poll is a script run on the server (~8 ms of CPU, most of it
Streamlit's own machinery), and 200 phones polling every 2 s took 80 % of a core before anyone tapped. The
route answers every phone of a class from a half-second memo of one database read (bench/class_scale.py,
BENCHMARKS.md). It says what a student's page shows anyway (the question's number, whether its answer is shown,
whether the class has ended), nothing about anyone's answers."""

from __future__ import annotations

import threading
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from acumap.classroom import CODE_LENGTH, UNREACHABLE, StoreUnavailable, following, normalise
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


def _endpoint(request: Request) -> JSONResponse:
    code = normalise(str(request.path_params["code"]))
    if not (code.isalnum() and len(code) <= CODE_LENGTH + 3):
        body, status = following(None), 404
    else:
        body, status = state_of(code)
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def routes() -> list[Route]:
    """The route serve.py mounts beside Streamlit's own (a plain function: Starlette runs it in a thread)."""
    return [Route(f"/{PATH}/{{code}}", _endpoint, methods=["GET"])]
