"""A student's class page follows the teacher by itself, in Debian's Chromium: through AcuMap's route when served
by serve.py (the page then sends the server nothing while it waits), and by plain reruns when the app is served
without it (`streamlit run app.py`). A tap is posted to the class's answer route and stored at once; where that
route cannot answer, the page's own run stores it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from acumap.body import anatomy
from acumap.classroom import ClassStore
from harness.mapdom import client_xy
from harness.serving import MAP_READY_JS, streamlit_server

pytestmark = pytest.mark.browser
TIMEOUT = 30_000


@pytest.mark.parametrize("script", ["serve.py", "app.py"])
def test_a_waiting_student_sees_each_change_without_a_reload(
    browser: Any, tmp_path: Path, script: str
) -> None:
    url_db = f"sqlite:///{tmp_path / 'classes.db'}"
    store = ClassStore(url_db)
    code = store.start()
    with streamlit_server(script, env={"ACUMAP_CLASS_DB": url_db}) as url:
        page = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        ).new_page()
        fetches: list[str] = []
        sent: list[float] = []
        page.on("request", lambda r: fetches.append(r.url) if "/api/class/" in r.url else None)
        page.on("websocket", lambda ws: ws.on("framesent", lambda _f: sent.append(1)))
        try:
            page.goto(f"{url}/class?join={code}")
            expect(page.get_by_text("You are in. Wait for your teacher's question")).to_be_visible(
                timeout=TIMEOUT
            )
            page.wait_for_timeout(1500)  # the first run's own messages are done
            sent.clear()
            page.wait_for_timeout(6500)  # three beats of the follower while nothing changes
            if script == "serve.py":
                assert len(fetches) >= 3 and all(f.endswith(f"/api/class/{code}") for f in fetches)
                assert sent == []  # waiting costs the Streamlit server no script run at all
            else:
                assert (
                    len(sent) >= 2
                )  # no route (the app answers with its page, not JSON): it asks Python instead
            store.ask(code, "point", "LI4")
            expect(page.get_by_text("Question 1: Tap where LI4 is")).to_be_visible(timeout=TIMEOUT)
            expect(page.get_by_text("Tap the hand diagram. Your answer is anonymous.")).to_be_visible()
            store.reveal(code)
            expect(page.get_by_text("The answer: LI4 is marked on the hand diagram.")).to_be_visible(
                timeout=TIMEOUT
            )
            store.end(code)
            expect(page.get_by_text("The class has ended.")).to_be_visible(timeout=TIMEOUT)
        finally:
            page.context.close()


def _ask_and_open(browser: Any, url: str, store: ClassStore, code: str) -> Any:
    store.ask(code, "point", "BL18")
    page = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    page.goto(f"{url}/class?join={code}")
    page.wait_for_function(MAP_READY_JS, timeout=TIMEOUT)
    expect(page.get_by_text("Question 1: Tap where BL18 is")).to_be_visible(timeout=TIMEOUT)
    return page


BL18_RIGHT = anatomy.spine_point_position("BL18", "T9", 1.5, "right")


def route_said(reply: Any) -> Any:
    """A reply's body as the answer route's JSON, or None when it is not JSON (the app's own answer)."""
    if not (reply.headers.get("content-type") or "").startswith("application/json"):
        return None
    return json.loads(reply.text())


@pytest.mark.parametrize(
    ("script", "posted", "said", "told"),
    [
        # The answer route stores the tap before the page's run, and Python is told so (it does not store it again).
        ("serve.py", "stored", [{"stored": True}], True),
        # The post is lost on the way (Wi-Fi): no reply; the page's run stores the tap.
        ("serve.py", "dropped", [], False),
        # Served without the route: the app answers with something that is not the route's JSON; the page stores it.
        ("app.py", "no route", [None], False),
    ],
)
def test_a_students_tap_is_stored_through_the_answer_route_or_by_the_page(
    browser: Any, tmp_path: Path, script: str, posted: str, said: list[Any], told: bool
) -> None:
    url_db = f"sqlite:///{tmp_path / 'classes.db'}"
    store = ClassStore(url_db)
    code = store.start()
    with streamlit_server(script, env={"ACUMAP_CLASS_DB": url_db}) as url:
        page = _ask_and_open(browser, url, store, code)
        replies: list[Any] = []  # the POSTs' responses, read after the tap (a handler must not read a body)
        frames: list[bytes] = []
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framesent", lambda f: frames.append(bytes(f, "utf-8") if isinstance(f, str) else f)
            ),
        )
        page.on(
            "response",
            lambda r: replies.append(r) if r.request.method == "POST" else None,
        )
        if posted == "dropped":
            page.route(f"**/api/class/{code}/answer", lambda route: route.abort())
        try:
            page.reload()  # the websocket listener sees the page's frames from the start
            page.wait_for_function(MAP_READY_JS, timeout=TIMEOUT)
            page.touchscreen.tap(*client_xy(page, "back", *BL18_RIGHT))
            expect(page.get_by_text("Your answer is in (● on the back).")).to_be_visible(timeout=TIMEOUT)
            answers = store.answers(code)
            assert len(answers) == 1
            assert (answers[0].x, answers[0].y) == (
                pytest.approx(BL18_RIGHT[0], abs=0.3),
                pytest.approx(BL18_RIGHT[1], abs=0.3),
            )
            assert [route_said(r) for r in replies] == said
            assert any(b'"posted":"stored"' in f for f in frames) is told
        finally:
            page.context.close()


def test_a_tap_the_route_calls_late_is_said_on_the_page_and_not_stored(browser: Any, tmp_path: Path) -> None:
    url_db = f"sqlite:///{tmp_path / 'classes.db'}"
    store = ClassStore(url_db)
    code = store.start()
    with streamlit_server("serve.py", env={"ACUMAP_CLASS_DB": url_db}) as url:
        page = _ask_and_open(browser, url, store, code)
        # The page does not hear of the reveal (its follower is cut off), as when a tap comes in the second
        # between the teacher's reveal and the page's next beat.
        page.route(f"**/api/class/{code}", lambda route: route.abort())
        try:
            store.reveal(code)
            with page.expect_response(lambda r: r.request.method == "POST") as reply:
                page.touchscreen.tap(*client_xy(page, "back", *BL18_RIGHT))
            assert (reply.value.status, reply.value.json()) == (409, {"stored": False, "why": "late"})
            expect(
                page.get_by_text("That tap came after the answer was shown: it was not counted.")
            ).to_be_visible(timeout=TIMEOUT)
            assert store.answers(code) == []
        finally:
            page.context.close()
