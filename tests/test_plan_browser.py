"""The home plan in Debian's Chromium on a touch screen: a practitioner makes a plan of two points in the patient
view; the plan's PDF downloads and renders (poppler's pdftoppm) and its QR code reads back (zbarimg) as the plan's
link; its calendar file has the daily reminders; the patient opens that link and runs a press timer, which counts
down in the browser."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar
from playwright.sync_api import Page, expect

from acumap import home_plan
from acumap.atlas.data import load_atlas
from harness.serving import wait_scroll_still, wait_settled
from tests.screens import SIZES

pytestmark = pytest.mark.browser
TIMEOUT = 30_000


@pytest.fixture
def phone(browser: Any) -> Iterator[Page]:
    width, height, _ = SIZES["phone"]
    ctx = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=True, is_mobile=True, accept_downloads=True
    )
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT)
    yield pg
    ctx.close()


def serious_axe_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def make_plan(page: Page, app_url: str, names: tuple[str, ...]) -> str:
    """In the patient view of the neck, choose the points for a home plan; the link of the patient's page."""
    page.goto(f"{app_url}/?region=neck&audience=patient")
    wait_settled(page)
    page.get_by_text("Home plan: points the patient can press at home").tap()
    box = page.get_by_role("combobox", name="Points to press at home")
    box.evaluate("(e) => e.scrollIntoView({block: 'center'})")  # room below it for its list
    wait_scroll_still(page)
    for name in names:
        box.tap()
        box.press_sequentially(name)
        page.get_by_role("option", name=re.compile(name)).tap()
    page.keyboard.press("Escape")
    opener = page.get_by_role("link", name="Open the patient's page")
    expect(opener).to_be_visible()
    wait_settled(page)
    href = opener.get_attribute("href")
    assert href is not None
    return href


def test_a_plan_of_two_points_its_pdf_its_qr_code_and_its_timer(
    phone: Page, app_url: str, tmp_path: Path
) -> None:
    link = make_plan(phone, app_url, ("Wind Pool", "Outer Pass"))
    assert link.startswith(f"{app_url}/plan?plan=1.")
    assert serious_axe_violations(phone) == []  # the section with its QR code, link and downloads

    # The plan's PDF: two pages, the two cards, and a QR code that reads back as the link.
    with phone.expect_download() as info:
        phone.get_by_role("button", name="Home plan (PDF)").tap()
    assert info.value.suggested_filename == "acumap-home-plan-neck-a4.pdf"
    pdf = tmp_path / "plan.pdf"
    info.value.save_as(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    # Two pages: the cards, the note and what is known; then the warning signs and self-care.
    assert sorted(p.name for p in tmp_path.glob("page*.png")) == ["page-1.png", "page-2.png"]
    flat = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "1. Wind Pool" in flat and "2. Outer Pass" in flat
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert decoded == link

    # Daily reminders: an iCalendar file, twice a day (the plan's default), each with the plan's steps.
    with phone.expect_download() as info:
        phone.get_by_role("button", name="Daily reminders (calendar)").tap()
    assert info.value.suggested_filename == "acumap-home-plan.ics"
    calendar = Calendar.from_ical(Path(info.value.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart").strftime("%H:%M") for e in events] == ["09:00", "19:00"]
    assert all(e["rrule"]["FREQ"] == ["DAILY"] for e in events)
    assert "1. Wind Pool (GB20)" in str(events[0]["description"])

    # The patient's page, from the link: a card per point, and a timer that counts in the browser.
    phone.goto(link)
    wait_settled(phone, with_map=False)
    expect(phone.get_by_role("heading", name="1. Wind Pool")).to_be_visible()
    expect(phone.get_by_role("heading", name="2. Outer Pass")).to_be_visible()
    # Each card's picture is drawn (the browser decoded it), and named for a screen reader.
    picture = phone.get_by_role("img", name="Point 2, Outer Pass, marked on the picture: back of the hand.")
    expect(picture).to_be_visible()
    assert picture.evaluate("(img) => img.complete && img.naturalWidth > 100")
    start = phone.get_by_role("button", name="Start: press Wind Pool for 60 seconds")
    timer = phone.get_by_role("timer").first
    expect(timer).to_have_text("1:00")
    start.tap()
    expect(phone.get_by_text("Started: press for 60 seconds.")).to_be_visible()
    expect(timer).to_have_text(re.compile(r"^0:5[0-8]$"), timeout=10_000)  # counting down, not stuck at 0:59
    phone.get_by_role("button", name="Stop: press Wind Pool for 60 seconds").tap()
    expect(phone.get_by_text("Stopped.")).to_be_visible()
    expect(phone.get_by_role("button", name="Start again: press Wind Pool for 60 seconds")).to_be_visible()
    # The second card's timer has not moved.
    expect(phone.get_by_role("timer").nth(1)).to_have_text("1:00")
    assert serious_axe_violations(phone) == []


def test_a_damaged_plan_link_says_so_plainly(phone: Page, app_url: str) -> None:
    phone.goto(f"{app_url}/plan?plan=1.damaged")
    wait_settled(phone, with_map=False)
    expect(phone.get_by_text("The home plan in the link is damaged; it cannot be read.")).to_be_visible()
    expect(phone.get_by_role("timer")).to_have_count(0)


def test_a_press_timer_runs_to_its_end_and_says_so(phone: Page, app_url: str) -> None:
    plan = home_plan.make_plan(load_atlas(), ["GV20"], seconds=home_plan.MIN_SECONDS)
    phone.goto(f"{app_url}/plan?plan={home_plan.encode_plan(plan)}")
    wait_settled(phone, with_map=False)
    timer = phone.get_by_role("timer")
    expect(timer).to_have_text("0:15")
    phone.get_by_role("button", name="Start: press Hundred Meetings for 15 seconds").tap()
    # Half time is said once, for a screen reader; then the end.
    expect(phone.get_by_text("7 seconds left.")).to_be_visible(timeout=15_000)
    expect(phone.get_by_text("Time is up. You can let go.")).to_be_visible(timeout=15_000)
    expect(timer).to_have_text("0:00")
    expect(
        phone.get_by_role("button", name="Start again: press Hundred Meetings for 15 seconds")
    ).to_be_visible()
