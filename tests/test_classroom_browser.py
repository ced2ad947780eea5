"""The live class check in Debian's Chromium: a teacher page and three student pages in one browser."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from acumap.body import anatomy
from harness.mapdom import client_xy
from harness.serving import MAP_READY_JS, wait_settled
from tests.screens import start_class

pytestmark = pytest.mark.browser
TIMEOUT = 30_000


def test_three_students_tap_the_teacher_sees_three_then_the_mean_error(browser: Any, app_url: str) -> None:
    teacher = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    students = [
        browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True).new_page()
        for _ in range(3)
    ]
    try:
        code = start_class(teacher, app_url)
        teacher.get_by_role("button", name="Ask the class").click()  # BL18, the default point
        expect(teacher.get_by_text("Question 1: Tap where BL18 is")).to_be_visible(timeout=TIMEOUT)
        count = teacher.get_by_test_id("stMetricValue").first
        expect(count).to_have_text("0", timeout=TIMEOUT)

        # Three students: spot on (right side), spot on (left side), and 1 cun too far out: mean 1/3 cun.
        x, y = anatomy.spine_point_position("BL18", "T9", 1.5, "right")
        taps = [(x, y), (-x, y), (x + anatomy.cun_to_cm(1), y)]
        for i, (page, (tx, ty)) in enumerate(zip(students, taps, strict=True)):
            page.goto(f"{app_url}/class?join={code.lower()}")
            wait_settled(page, with_map=False)
            page.wait_for_function(MAP_READY_JS, timeout=TIMEOUT)
            expect(page.get_by_text("Question 1: Tap where BL18 is")).to_be_visible(timeout=TIMEOUT)
            page.touchscreen.tap(*client_xy(page, "back", tx, ty))
            expect(
                page.get_by_text("Your answer is in (● on the back). Tap again to change it.")
            ).to_be_visible(timeout=TIMEOUT)
            expect(count).to_have_text(str(i + 1), timeout=TIMEOUT)  # the teacher's count follows, by itself

        teacher.get_by_role("button", name="Reveal the answer").click()
        error = teacher.get_by_test_id("stMetricValue").nth(1)
        expect(error).to_have_text(re.compile(r"^\d+\.\d cun$"), timeout=TIMEOUT)
        expect(teacher.get_by_test_id("stMetricLabel").nth(1)).to_have_text("Mean error")
        # 0, 0 and 1 cun off: 1/3 cun, give or take where a finger lands on a phone's screen (0.1 cun).
        assert float(error.inner_text().split()[0]) == pytest.approx(1 / 3, abs=0.1)
        expect(teacher.get_by_text("2 of 3 within half a cun")).to_be_visible()
    finally:
        for page in (teacher, *students):
            page.context.close()


def test_a_wrong_code_says_so(browser: Any, app_url: str) -> None:
    page = browser.new_context().new_page()
    try:
        page.goto(f"{app_url}/class?join=zzzzz")
        expect(page.get_by_text("There is no class with the code ZZZZZ")).to_be_visible(timeout=TIMEOUT)
    finally:
        page.context.close()


SHADOW_HAS_JS = """(sel) => [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]
  .map((h) => h.shadowRoot).some((r) => r && r.querySelector(sel))"""


def test_a_student_sees_their_mark_then_how_far_off_then_the_end(browser: Any, app_url: str) -> None:
    teacher = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    student = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    ).new_page()
    try:
        code = start_class(teacher, app_url)
        # The point picker lists names, and goes for a "where does it hurt" question.
        picker = teacher.get_by_role("combobox", name="Point")
        expect(picker).to_have_value("BL18 · Gānshū · Liver Shu (back) · also UB18")
        teacher.get_by_text("Where does your back hurt? (demo)").click()
        expect(picker).to_have_count(0)
        teacher.get_by_text("Where is this point?").click()
        expect(picker).to_be_visible()
        teacher.get_by_role("button", name="Ask the class").click()
        expect(teacher.get_by_text("Question 1: Tap where BL18 is")).to_be_visible(timeout=TIMEOUT)

        student.goto(f"{app_url}/class?join={code}")
        student.wait_for_function(MAP_READY_JS, timeout=TIMEOUT)
        x, y = anatomy.spine_point_position("BL18", "T9", 1.5, "right")
        student.touchscreen.tap(*client_xy(student, "back", x + anatomy.cun_to_cm(1), y))  # 1 cun too far out
        expect(student.get_by_text("Your answer is in (● on the back).")).to_be_visible(timeout=TIMEOUT)
        assert student.evaluate(SHADOW_HAS_JS, ".attempt .guess")
        assert not student.evaluate(SHADOW_HAS_JS, ".attempt .truth")

        teacher.get_by_role("button", name="Reveal the answer").click()
        # The student's page follows by itself: the verdict, the key, the tap and the true point.
        verdict = student.get_by_text(re.compile(r"^Not quite: .*cun"))
        expect(verdict).to_be_visible(timeout=TIMEOUT)
        expect(student.get_by_text("● your tap · ◯ BL18, where it is")).to_be_visible()
        student.wait_for_function(SHADOW_HAS_JS, arg=".attempt .truth", timeout=TIMEOUT)
        assert student.evaluate(SHADOW_HAS_JS, ".attempt .guess")
        box = verdict.bounding_box()
        assert box is not None and box["y"] + box["height"] < 844  # on the first screen

        # Ending asks first; then the student is told.
        teacher.get_by_role("button", name="End the class").click()
        dialog = teacher.get_by_role("dialog")
        expect(dialog.get_by_text("the class has ended")).to_be_visible()
        dialog.get_by_role("button", name="Keep it going").click()
        expect(dialog).to_have_count(0)
        expect(teacher.get_by_text(f"Code: {code}")).to_be_visible()
        expect(student.get_by_text("● your tap · ◯ BL18, where it is")).to_be_visible()
        teacher.get_by_role("button", name="End the class").click()
        teacher.get_by_role("dialog").get_by_role("button", name="Yes, end it").click()
        # The ended class keeps its record for the teacher, until they start a new one.
        teacher.get_by_role("button", name="Start a new class").click(timeout=TIMEOUT)
        expect(teacher.get_by_role("button", name="Start a class")).to_be_visible(timeout=TIMEOUT)
        expect(student.get_by_text("The class has ended.")).to_be_visible(timeout=TIMEOUT)
    finally:
        for page in (teacher, student):
            page.context.close()
