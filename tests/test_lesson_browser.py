"""A class as a lesson in Debian's Chromium: the teacher reloads (or opens a second screen) and keeps the class,
a guessed teacher page gets nothing, a hand question and a back question with their record and downloads,
homework, and the database going away and coming back."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import markers_for
from acumap.body import anatomy
from acumap.body.scales import CM_PER_CUN_XY
from acumap.class_record import CSV_COLUMNS
from harness.mapdom import client_xy
from harness.serving import MAP_READY_JS, streamlit_server, wait_settled
from tests.screens import start_class

pytestmark = pytest.mark.browser
TIMEOUT = 30_000
ATLAS = load_atlas()
UNAVAILABLE = "The class's database cannot be reached just now"
# The teacher's page redraws its live view every second: on a loaded machine a step may take more than 5 s.
expect.set_options(timeout=TIMEOUT)


def projector(browser: Any) -> Page:
    page = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True).new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def phone(browser: Any) -> Page:
    page = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    ).new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def join(page: Page, app_url: str, code: str, question: str) -> None:
    page.goto(f"{app_url}/class?join={code}")
    wait_settled(page, with_map=False)
    page.wait_for_function(MAP_READY_JS)
    expect(page.get_by_text(question)).to_be_visible()


def ask(teacher: Page, point: str) -> None:
    """Choose a point in the teacher's menu and ask it."""
    box = teacher.get_by_role("combobox", name="Point")
    box.click()
    box.press_sequentially(point)
    teacher.get_by_role("option", name=re.compile(rf"^{point} ·")).click()
    teacher.get_by_role("button", name=re.compile(r"^Ask the (class|next question)$")).click()
    expect(teacher.get_by_text(re.compile(rf"^Question \d+: Tap where {point} is$"))).to_be_visible()


def answered(teacher: Page) -> Any:
    return teacher.get_by_test_id("stMetric").filter(has_text="Answered").get_by_test_id("stMetricValue")


def marker(pid: str, side: str | None = None) -> tuple[float, float]:
    point = ATLAS.point(pid)
    (m,) = [
        m for m in markers_for(ATLAS, point.view) if m.point.id == pid and (side is None or m.side == side)
    ]
    return m.x, m.y


# --- the teacher keeps the class ------------------------------------------------------------------------------


def test_the_teacher_reloads_in_the_middle_of_a_question_and_keeps_the_class(
    browser: Any, app_url: str
) -> None:
    teacher, student, other = projector(browser), phone(browser), projector(browser)
    try:
        code = start_class(teacher, app_url)
        teacher.get_by_role("button", name="Ask the class").click()  # BL18, the default point
        join(student, app_url, code, "Question 1: Tap where BL18 is")
        student.touchscreen.tap(*client_xy(student, "back", *marker("BL18", "right")))
        expect(answered(teacher)).to_have_text("1")
        # The projector's laptop reloads the page: the same class, the same question, the same answers; and the
        # key never shows in the address the class sees.
        teacher.reload()  # (the live view redraws every second: no waiting for a settled page)
        expect(teacher.get_by_text(f"Code: {code}", exact=True)).to_be_visible()
        expect(teacher.get_by_text("Question 1: Tap where BL18 is")).to_be_visible()
        expect(answered(teacher)).to_have_text("1")
        assert "key=" not in teacher.url
        # A second screen: the teacher link (from its folded box) runs the same class there.
        teacher.get_by_text("Teacher link, for another device").click()
        link = teacher.get_by_test_id("stCode").inner_text().strip()
        assert f"teach={code}&key=" in link
        other.goto(link)
        expect(other.get_by_text(f"Code: {code}", exact=True)).to_be_visible()
        expect(other.get_by_text("Question 1: Tap where BL18 is")).to_be_visible()
        expect(other).to_have_url(re.compile(r"/class$"))  # the key is dropped from the address
        other.get_by_role("button", name="Reveal the answer").click()
        expect(teacher.get_by_test_id("stMetric").filter(has_text="Mean error")).to_be_visible()
        expect(student.get_by_text(re.compile(r"^(Correct|Not quite)"))).to_be_visible()
    finally:
        for page in (teacher, student, other):
            page.context.close()


@pytest.mark.parametrize("key", ["", "&key=not-the-key"])
def test_a_guessed_teacher_page_gets_nothing(browser: Any, app_url: str, key: str) -> None:
    teacher, student = projector(browser), phone(browser)
    try:
        code = start_class(teacher, app_url)
        student.goto(f"{app_url}/class?teach={code}{key}")
        wait_settled(student, with_map=False)
        expect(student.get_by_text(f"That teacher link's key is not the key of class {code}")).to_be_visible()
        expect(student.get_by_text(f"Code: {code}", exact=True)).to_have_count(0)
        expect(student.get_by_role("button", name="Ask the class")).to_have_count(0)
        expect(student.get_by_role("button", name="End the class")).to_have_count(0)
    finally:
        teacher.context.close()
        student.context.close()


# --- a lesson and its record ----------------------------------------------------------------------------------


def test_a_lesson_of_a_hand_and_a_back_question_with_its_record(
    browser: Any, app_url: str, tmp_path: Path
) -> None:
    teacher = projector(browser)
    students = [phone(browser) for _ in range(3)]
    try:
        code = start_class(teacher, app_url)
        # Question 1, on the hand: every student one cun too far to the drawing's right (+x).
        ask(teacher, "LI4")
        lx, ly = marker("LI4")
        one_cun = CM_PER_CUN_XY["hand"][0]
        for i, page in enumerate(students):
            join(page, app_url, code, "Question 1: Tap where LI4 is")
            page.touchscreen.tap(*client_xy(page, "hand", lx + one_cun, ly))
            expect(answered(teacher)).to_have_text(str(i + 1))
        teacher.get_by_role("button", name="Reveal the answer").click()
        expect(
            teacher.get_by_role(
                "heading",
                name=re.compile(
                    r"The class placed LI4 on average [\w.]+ cun too far towards the little-finger side\.$"
                ),
            )
        ).to_be_visible()
        for page in students:
            expect(page.get_by_text(re.compile(r"^Not quite"))).to_be_visible()
        # Question 2, on the back: spot on. A student who only joins now gets the current question.
        ask(teacher, "BL18")
        for page in students:
            expect(page.get_by_text("Question 2: Tap where BL18 is")).to_be_visible()
            page.touchscreen.tap(*client_xy(page, "back", *marker("BL18", "right")))
        expect(answered(teacher)).to_have_text("3")
        teacher.get_by_role("button", name="Reveal the answer").click()
        expect(
            teacher.get_by_role("heading", name=re.compile(r"The class placed BL18 about right"))
        ).to_be_visible()
        teacher.get_by_role("button", name="End the class").click()
        teacher.get_by_role("dialog").get_by_role("button", name="Yes, end it").click()
        # The summary: hardest first (LI4, nobody within half a cun), then BL18; CSV and PDF.
        expect(teacher.get_by_text("The lesson: 2 questions, hardest first")).to_be_visible()
        table = teacher.get_by_test_id("stTable")
        expect(table).to_be_visible()
        wait_settled(
            teacher, with_map=False
        )  # a download pressed during a rerun is that run's, and is dropped
        with teacher.expect_download() as info:
            teacher.get_by_role("button", name="Answers (CSV)").click()
        assert info.value.suggested_filename == f"acumap-class-{code}.csv"
        rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
        assert tuple(rows[0]) == CSV_COLUMNS
        assert [(r["question"], r["point"], r["view"]) for r in rows] == [("1", "LI4", "hand")] * 3 + [
            ("2", "BL18", "back")
        ] * 3
        assert [r["correct"] for r in rows] == ["false"] * 3 + ["true"] * 3
        # The size of the offset, which the sentence gives in words or figures: one cun, give or take a finger.
        assert all(float(r["sideways_cun"]) == pytest.approx(1.0, abs=0.15) for r in rows[:3])
        with teacher.expect_download() as info:
            teacher.get_by_role("button", name="Summary (PDF)").click()
        pdf = tmp_path / "lesson.pdf"
        info.value.save_as(pdf)
        out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        assert "Pages:           1" in out
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert text.index("LI4") < text.index("BL18")  # ranked: the harder question first
    finally:
        for page in (teacher, *students):
            page.context.close()


def test_homework_is_answered_at_the_students_own_pace(browser: Any, app_url: str) -> None:
    teacher, student = projector(browser), phone(browser)
    try:
        teacher.goto(f"{app_url}/class")
        wait_settled(teacher, with_map=False)
        teacher.get_by_text("Set the questions as homework instead").click()
        box = teacher.get_by_role("combobox", name="Points to find")
        expect(box).to_be_visible()
        teacher.wait_for_timeout(800)  # the box opens with an animation; a choice made during it is dropped
        for point in ("GB21", "LI4"):
            box.click()
            box.press_sequentially(point)
            teacher.get_by_role("option", name=re.compile(rf"^{point} ·")).click()
            expect(teacher.get_by_test_id("stMultiSelectTagsContainer")).to_contain_text(f"{point} ·")
        teacher.keyboard.press("Escape")
        teacher.get_by_text("a week", exact=True).click()
        wait_settled(teacher, with_map=False)
        teacher.get_by_role("button", name="Set the homework").click()
        expect(teacher.get_by_text(re.compile(r"^Homework: 2 questions, open until"))).to_be_visible()
        link = teacher.get_by_text(re.compile(r"/class\?join=[A-Z2-9]{5}$")).inner_text()
        code = link.rsplit("=", 1)[1]
        # The student, later, on their own: each answer is marked at once, then the next question.
        student.goto(f"{app_url}/class?join={code}")
        wait_settled(student, with_map=False)
        expect(student.get_by_text("Question 1 of 2")).to_be_visible()
        student.wait_for_function(MAP_READY_JS)
        student.touchscreen.tap(*client_xy(student, "back", *marker("GB21", "right")))
        expect(student.get_by_text(re.compile(r"^Correct"))).to_be_visible()
        student.get_by_role("button", name="Next question →").click()
        expect(student.get_by_text("Question 2 of 2")).to_be_visible()
        student.wait_for_function(MAP_READY_JS)
        lx, ly = marker("LI4")
        student.touchscreen.tap(*client_xy(student, "hand", lx, ly))
        expect(student.get_by_text(re.compile(r"^Correct"))).to_be_visible()
        student.get_by_role("button", name="Next question →").click()
        expect(student.get_by_text("Done: you answered all 2 questions")).to_be_visible()
        # The teacher opens the results later (a reload keeps the homework).
        teacher.reload()
        expect(teacher.get_by_text("The lesson: 2 questions, hardest first")).to_be_visible()
        expect(teacher.get_by_test_id("stTable")).to_be_visible()
    finally:
        teacher.context.close()
        student.context.close()


def test_twenty_taps_a_second_are_one_answer_the_last_and_a_few_runs(browser: Any, app_url: str) -> None:
    teacher, student = projector(browser), phone(browser)
    sent: list[Any] = []
    student.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
    try:
        code = start_class(teacher, app_url)
        teacher.get_by_role("button", name="Ask the class").click()
        join(student, app_url, code, "Question 1: Tap where BL18 is")
        x, y = marker("BL18", "right")
        spots = [client_xy(student, "back", x + anatomy.cun_to_cm(2.0 * (19 - i) / 19), y) for i in range(20)]
        before = len(sent)
        # Twenty taps in a second, from two cun too far out to the point itself.
        started = time.monotonic()
        for spot in spots:
            student.touchscreen.tap(*spot)
            student.wait_for_timeout(30)
        took = time.monotonic() - started
        expect(student.get_by_text("Your answer is in")).to_be_visible()
        student.wait_for_timeout(1500)
        # The taps that reached the server (a map event carries "position"): about one per half second of
        # tapping, and the last; not twenty.
        taps_sent = sum(1 for frame in sent[before:] if b"position" in frame)
        assert 1 <= taps_sent <= took / 0.5 + 2, (taps_sent, took)
        assert took < 3.0  # the burst was a burst
        expect(answered(teacher)).to_have_text("1")
        teacher.get_by_role("button", name="Reveal the answer").click()
        expect(student.get_by_text(re.compile(r"^Correct"))).to_be_visible()  # the last tap is the answer
    finally:
        teacher.context.close()
        student.context.close()


# --- faults ---------------------------------------------------------------------------------------------------


@pytest.fixture
def pg_app(pg_server: Any, postgres_url: str) -> Iterator[tuple[str, Any]]:
    with streamlit_server(env={"ACUMAP_CLASS_DB": postgres_url}) as url:
        yield url, pg_server


def test_the_database_going_away_is_said_plainly_and_the_class_goes_on(
    browser: Any, pg_app: tuple[str, Any]
) -> None:
    url, server = pg_app
    teacher, student = projector(browser), phone(browser)
    try:
        code = start_class(teacher, url)
        teacher.get_by_role("button", name="Ask the class").click()
        join(student, url, code, "Question 1: Tap where BL18 is")
        student.touchscreen.tap(*client_xy(student, "back", *marker("BL18", "right")))
        expect(answered(teacher)).to_have_text("1")
        server.stop("immediate")
        # Both pages follow the class by themselves: each says plainly that the database is away.
        expect(teacher.get_by_text(UNAVAILABLE)).to_be_visible()
        expect(student.get_by_text(UNAVAILABLE)).to_be_visible()
        for page in (teacher, student):
            expect(page.get_by_text("Traceback")).to_have_count(0)
        server.start()
        # Back: the answer already given is still there, and the class goes on.
        expect(answered(teacher)).to_have_text("1", timeout=60_000)
        expect(teacher.get_by_text(UNAVAILABLE)).to_have_count(0)
        teacher.get_by_role("button", name="Reveal the answer").click()
        expect(student.get_by_text(re.compile(r"^Correct"))).to_be_visible()
    finally:
        teacher.context.close()
        student.context.close()


def test_a_database_down_when_the_page_first_opens_is_waited_for(
    browser: Any, pg_app: tuple[str, Any]
) -> None:
    url, server = pg_app
    teacher = projector(browser)
    server.stop("immediate")
    try:
        teacher.goto(f"{url}/class")  # the server's first visit to the class page: its store cannot be made
        expect(teacher.get_by_text(UNAVAILABLE)).to_be_visible()
        expect(teacher.get_by_text("Traceback")).to_have_count(0)
        server.start()
        # The page tries again by itself and then offers the class.
        expect(teacher.get_by_role("button", name="Start a class")).to_be_visible(timeout=60_000)
    finally:
        if not server.running():
            server.start()
        teacher.context.close()
