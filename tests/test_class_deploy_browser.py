"""One class across two server processes: AcuMap behind HAProxy with the deployment's config (deploy/local.py),
both Streamlit processes on one PostgreSQL database (ACUMAP_CLASS_DB, a fresh database on the session's
throwaway server: harness/pgserver.py). The teacher's browser is pinned to one process and the students' browsers to
the other by the proxy's SERVERID cookie; the teacher's screen counts the answers the other process stored.

The class page's words this test depends on: the buttons "Start a class" and "Ask the class", the join link
(".../class?join=CODE") shown on the teacher's page, and the "Answered" metric.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.body import anatomy
from acumap.classroom import ClassStore
from deploy.local import CLASS_DB_ENV, COOKIE, ProxiedApp, haproxy_binary, proxied_app, sessions_per_process
from harness.mapdom import client_xy
from harness.serving import MAP_READY_JS, wait_for, wait_settled

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        haproxy_binary() is None, reason="haproxy is not installed (Debian package `haproxy`)"
    ),
]
TIMEOUT = 30_000
TEACHER_ON, STUDENTS_ON = "app1", "app2"
JOIN_LINK = re.compile(r"/class\?join=([A-Z2-9]{5})\b")


@pytest.fixture
def shared_db_app(postgres_url: str) -> Iterator[tuple[ProxiedApp, str]]:
    """Two Streamlit processes behind HAProxy, both on one fresh PostgreSQL database; and its URL."""
    with proxied_app(env={CLASS_DB_ENV: postgres_url}) as app:
        yield app, postgres_url


def pinned_page(browser: Any, app: ProxiedApp, server: str, **context: Any) -> Page:
    """A new browser profile whose requests the proxy sends to `server` (its SERVERID cookie set beforehand)."""
    ctx = browser.new_context(**context)
    ctx.add_cookies([{"name": COOKIE, "value": server, "url": app.url}])
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def test_the_env_name_is_the_one_the_app_reads() -> None:
    from ui.class_store import ENV

    assert CLASS_DB_ENV == ENV


def test_a_teacher_on_one_process_counts_the_answers_of_students_on_the_other(
    shared_db_app: tuple[ProxiedApp, str], browser: Any
) -> None:
    app, db_url = shared_db_app
    teacher = pinned_page(browser, app, TEACHER_ON, viewport={"width": 1920, "height": 1080})
    phone = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
    students = [pinned_page(browser, app, STUDENTS_ON, **phone) for _ in range(3)]
    try:
        teacher.goto(f"{app.url}/class")
        wait_settled(teacher, with_map=False)
        teacher.get_by_role("button", name="Start a class").click()
        link = teacher.get_by_text(JOIN_LINK).first
        expect(link).to_be_visible(timeout=TIMEOUT)
        found = JOIN_LINK.search(link.inner_text())
        assert found is not None, link.inner_text()
        code = found[1]
        teacher.get_by_role("button", name="Ask the class").click()
        answered = (
            teacher.get_by_test_id("stMetric").filter(has_text="Answered").get_by_test_id("stMetricValue")
        )
        expect(answered).to_have_text("0", timeout=TIMEOUT)

        x, y = anatomy.spine_point_position("BL18", "T9", 1.5, "right")
        taps = [(x, y), (-x, y), (x + anatomy.cun_to_cm(1), y)]
        for i, (page, (tx, ty)) in enumerate(zip(students, taps, strict=True)):
            page.goto(f"{app.url}/class?join={code}")
            wait_settled(page, with_map=False)
            page.wait_for_function(MAP_READY_JS, timeout=TIMEOUT)
            page.touchscreen.tap(*client_xy(page, "back", tx, ty))
            # The teacher's process reads what the students' process stored: its count follows, by itself.
            expect(answered).to_have_text(str(i + 1), timeout=TIMEOUT)

        # Each browser stayed where it was pinned: the teacher's websocket on one process, the students' on the
        # other (so the count crossed processes through the database) ...
        wait_for(
            lambda: sessions_per_process(app) == {TEACHER_ON: 1, STUDENTS_ON: 3},
            f"the teacher's session on {TEACHER_ON}, the three students' on {STUDENTS_ON}",
        )
        for page, server in ((teacher, TEACHER_ON), *((s, STUDENTS_ON) for s in students)):
            assert [c["value"] for c in page.context.cookies() if c["name"] == COOKIE] == [server]
        # ... and that database is the PostgreSQL one both processes were given.
        assert ClassStore(db_url).count(code) == 3
    finally:
        for page in (teacher, *students):
            page.context.close()
