"""Issue 18 in Chromium: the grouped red flags, read in the popup on a phone and a laptop, and on the Safety
page, the list first and whole (nothing else between its groups)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from harness.serving import wait_settled

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844, True), "laptop": (1280, 720, False)}
GROUPS = ["Call an ambulance now", "See a doctor today", "See a doctor soon"]
#: One sign from each group, and the neck's and cauda equina's that the list used to miss.
SIGNS = [
    "double vision",
    "Difficulty passing urine",
    "Clumsy hands or unsteady walking",
    "no better after a week",
]


@pytest.fixture(params=list(SIZES))
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, height, touch = SIZES[request.param]
    ctx = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    pg = ctx.new_page()
    yield pg
    ctx.close()


def test_the_popup_opens_on_the_red_flags_grouped_most_urgent_first(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?audience=patient")
    wait_settled(page)
    page.get_by_role("button", name="When to see a doctor").click()
    popover = page.locator("[data-testid=stPopoverBody]")
    expect(popover.get_by_text(GROUPS[0], exact=False)).to_be_in_viewport()
    text = popover.inner_text()
    # The popup starts with the list: its heading, then the three groups in order, then the rest.
    assert text.strip().startswith("When neck or back pain needs a doctor")
    starts = [text.index(g) for g in GROUPS]
    assert starts == sorted(starts)
    assert text.index("Source:") > starts[0]
    assert starts[-1] < text.index("It does not diagnose anything")
    for sign in SIGNS:
        assert sign in text


def test_the_safety_page_puts_the_grouped_list_first(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/safety")
    wait_settled(page, with_map=False)
    heading = page.get_by_role("heading", name="When back or neck pain needs a doctor")
    expect(heading).to_be_visible()
    first = page.get_by_text(GROUPS[0], exact=False).first
    box, top = first.bounding_box(), heading.bounding_box()
    assert box is not None and top is not None
    assert box["y"] > top["y"]  # the groups follow the page's first heading
    for sign in SIGNS:
        expect(page.get_by_text(sign, exact=False).first).to_be_attached()
