"""The spaced review in Chromium, as a student uses it over days: a first session of new cards (a tap graded by how
far off it was, the grade lowered by the student before it counts), a reload that keeps the cards, the due count
the next day (the browser's clock moved on), the cards exported and imported into a fresh browser, and forgetting
everything. The cards live in the browser's localStorage only."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.atlas.data import load_atlas
from acumap.quiz import shown_marker
from acumap.review import empty_deck, review, to_json
from harness.mapdom import client_xy
from harness.serving import MAP_READY_JS, wait_settled

pytestmark = pytest.mark.browser
ATLAS = load_atlas()
TIMEOUT = 30_000
#: The student's clock: a Monday morning, then the next day.
MONDAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def open_quiz(browser: Any, app_url: str, when: dt.datetime, storage: Any = None) -> Page:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=storage)
    # The student's clock (what the review reads: Date.now) set to `when`; the page's timers run as usual.
    lead_ms = (when - dt.datetime.now(dt.UTC)).total_seconds() * 1000
    ctx.add_init_script(
        f"(() => {{ const real = Date.now.bind(Date); Date.now = () => real() + {lead_ms}; }})()"
    )
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{app_url}/quiz")
    wait_settled(page, with_map=False)
    expect(page.get_by_role("heading", name="Spaced review")).to_be_visible()
    return page


def open_files(page: Page) -> None:
    """Open the box for moving and forgetting cards (left as it is when a run kept it open)."""
    box = page.locator("details").filter(has_text="Move your cards to another device, or forget them")
    if box.get_attribute("open") is None:
        page.get_by_text("Move your cards to another device, or forget them").click()
    expect(box).to_have_attribute("open", "")


def stored(page: Page) -> dict[str, Any]:
    return dict(json.loads(page.evaluate("() => localStorage.getItem('acumap.review')") or "{}"))


def test_a_student_reviews_over_two_days_and_moves_the_cards(
    browser: Any, app_url: str, tmp_path: Path
) -> None:
    page = open_quiz(browser, app_url, MONDAY)
    expect(page.get_by_text("Due today: 0")).to_be_visible()
    page.get_by_role("button", name="Review now (10 cards)").click()
    # The first card: find GV3 on the back. A tap on the point itself.
    expect(
        page.get_by_role(
            "heading", name="Review · Find GV3 — Yāoyángguān 腰阳关 (Lumbar Yang Gate), on the back diagram"
        )
    ).to_be_visible()
    page.wait_for_function(MAP_READY_JS)
    wait_settled(page, with_map=False)  # nothing moves the map any more: the tap lands where it is aimed
    m = shown_marker(ATLAS, "GV3")
    page.mouse.click(*client_xy(page, "back", m.x, m.y))
    expect(page.get_by_text("Correct.")).to_be_visible()
    grades = page.get_by_role("radiogroup", name="How did it go?")
    expect(page.get_by_text("Your answer gives Easy.")).to_be_visible()
    # The student found it hard all the same: lowers the grade before it counts.
    grades.get_by_role("radio", name="Hard").click()
    page.get_by_role("button", name="Save and next").click()
    expect(page.get_by_text("Card 2 of 10")).to_be_visible()
    kept = stored(page)
    assert kept["schema"] == "acumap-review"
    assert [(r["card"], r["grade"], r["proposed"]) for r in kept["log"]] == [("find:GV3", "hard", "easy")]
    page.get_by_role("button", name="Stop the review").click()

    # A reload: the card and its history are still in this browser.
    page.reload()
    wait_settled(page, with_map=False)
    expect(page.get_by_text("Cards learned")).to_be_visible()
    expect(page.get_by_text("new cards left today: 9")).to_be_visible()
    state = page.context.storage_state()
    page.context.close()

    # The next day: the card is due again, and ten new cards are allowed again.
    later = open_quiz(browser, app_url, MONDAY + dt.timedelta(days=1), state)
    expect(later.get_by_text("Due today: 1")).to_be_visible()
    expect(later.get_by_text("new cards left today: 10")).to_be_visible()
    open_files(later)
    with later.expect_download() as info:
        later.get_by_role("button", name="Export my cards (JSON)").click()
    exported = tmp_path / "cards.json"
    info.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["log"][0]["card"] == "find:GV3"

    # A fresh browser (another device) on the same day: nothing, then the imported cards.
    other = open_quiz(browser, app_url, MONDAY + dt.timedelta(days=1))
    expect(other.get_by_text("Due today: 0")).to_be_visible()
    open_files(other)
    other.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(exported))
    expect(other.get_by_text("Imported 1 card.")).to_be_visible()
    expect(other.get_by_text("Due today: 1")).to_be_visible()
    assert stored(other)["log"][0]["card"] == "find:GV3"

    # A file that is not AcuMap's is refused and changes nothing.
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"schema": "something-else", "version": 1}), encoding="utf-8")
    open_files(other)
    other.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(foreign))
    expect(other.get_by_text("Not imported:")).to_be_visible()
    expect(other.get_by_text("Due today: 1")).to_be_visible()

    # Forgetting everything empties this browser's cards.
    open_files(other)
    other.get_by_role("button", name="Forget everything").click()
    other.get_by_role("button", name="Forget my review cards").click()
    expect(other.get_by_text("Due today: 0")).to_be_visible()
    other.wait_for_function("() => localStorage.getItem('acumap.review') === null")
    other.context.close()
    later.context.close()


def test_a_name_card_asks_which_one_and_that_makes_it_hard(browser: Any, app_url: str) -> None:
    # A name card the student missed yesterday is due this morning (the deck put in the browser as AcuMap keeps it).
    deck = review(empty_deck(), "name:BL18", "again", MONDAY - dt.timedelta(days=1))
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    lead_ms = (MONDAY - dt.datetime.now(dt.UTC)).total_seconds() * 1000
    ctx.add_init_script(
        f"(() => {{ const real = Date.now.bind(Date); Date.now = () => real() + {lead_ms}; }})()"
    )
    ctx.add_init_script(f"localStorage.setItem('acumap.review', {json.dumps(json.dumps(to_json(deck)))})")
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{app_url}/quiz")
    wait_settled(page, with_map=False)
    expect(page.get_by_text("Due today: 1")).to_be_visible()
    page.get_by_role("button", name="Review now (11 cards)").click()
    expect(
        page.get_by_role("heading", name="Review · Name the point marked on the back diagram")
    ).to_be_visible()
    box = page.get_by_label("Its code or name")
    # "Hanshu" is one letter from both Ganshu (BL18) and Danshu (BL19): AcuMap asks which one.
    box.fill("Hanshu")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("Which one do you mean")).to_be_visible()
    box.fill("Ganshu")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("Correct.")).to_be_visible()
    expect(page.get_by_text("Your answer gives Hard.")).to_be_visible()
    page.get_by_role("button", name="Save and next").click()
    expect(page.get_by_text("Card 2 of 11")).to_be_visible()
    log = stored(page)["log"]
    assert [(r["card"], r["grade"], r["proposed"]) for r in log] == [
        ("name:BL18", "again", "again"),
        ("name:BL18", "hard", "hard"),
    ]
    ctx.close()
