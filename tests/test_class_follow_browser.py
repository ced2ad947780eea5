"""A student's class page follows the teacher by itself, in Debian's Chromium: through AcuMap's route when served
by serve.py (the page then sends the server nothing while it waits), and by plain reruns when the app is served
without it (`streamlit run app.py`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from acumap.classroom import ClassStore
from tests.serving import streamlit_server

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
