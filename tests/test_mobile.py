"""Issue 24: every task on a phone and a tablet (and the laptop and projector where the task is used there),
done the way a person does it: tap, read, go on. Each step asserts that the next control is on screen and not
covered (`elementFromPoint` at its centre is the control itself), reached with at most a screen of scrolling.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.serving import wait_settled

pytestmark = pytest.mark.browser

SIZES = {
    "phone": (390, 844, True),
    "tablet": (820, 1180, True),
    "laptop": (1280, 720, False),
    "projector": (1920, 1080, False),
}
PAGES = {
    "Body map": "",
    "Point browser": "points",
    "Quiz": "quiz",
    "Class check": "class",
    "Evidence": "evidence",
    "Safety & sources": "safety",
}

UNCOVERED_JS = """(el) => {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return 'off screen at ' + x + ',' + y;
  const hit = document.elementFromPoint(x, y);
  return hit && (hit === el || el.contains(hit)) ? '' : 'covered by ' + (hit ? hit.outerHTML.slice(0, 120) : 'nothing');
}"""


def reachable(locator: Locator, max_scroll: float | None = None) -> None:
    """The control is brought on screen (scrolling at most `max_scroll` px, default one screen) and is not
    covered by anything else at its centre."""
    page = locator.page
    before = page.evaluate("() => scrollY + (document.querySelector('[data-testid=stMain]')?.scrollTop || 0)")
    locator.scroll_into_view_if_needed()
    after = page.evaluate("() => scrollY + (document.querySelector('[data-testid=stMain]')?.scrollTop || 0)")
    height = page.viewport_size["height"] if page.viewport_size else 0
    assert abs(after - before) <= (max_scroll if max_scroll is not None else height), (before, after)
    assert locator.evaluate(UNCOVERED_JS) == ""


def new_page(browser: Any, size: str) -> Page:
    width, height, touch = SIZES[size]
    ctx = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    return ctx.new_page()


@pytest.fixture(params=list(SIZES))
def sized(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Page, str]]:
    page = new_page(browser, request.param)
    yield page, request.param
    page.context.close()


def open_nav_link(page: Page, size: str, title: str) -> None:
    """Reach a page's link in the navigation as a person would, and tap it."""
    if size == "phone":
        menu = page.get_by_test_id("stExpandSidebarButton")
        reachable(menu)
        menu.click()
        link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title)
    else:
        link = page.get_by_test_id("stTopNav").get_by_role("link", name=title)
        if not link.is_visible():
            more = page.get_by_test_id("stTopNavSection")
            reachable(more)
            more.click()
            link = page.get_by_role("menuitem", name=title)
    expect(link).to_be_visible()
    reachable(link)
    link.click()


@pytest.mark.parametrize("title", list(PAGES))
def test_every_page_is_reached_from_the_navigation(sized: tuple[Page, str], app_url: str, title: str) -> None:
    page, size = sized
    start = "safety" if PAGES[title] == "" else ""
    page.goto(f"{app_url}/{start}")
    wait_settled(page, with_map=start == "")
    open_nav_link(page, size, title)
    want = "/" + PAGES[title]
    page.wait_for_function(f"() => (location.pathname.replace(/\\/$/, '') || '/') === '{want}'")
    if size == "phone":
        # The page menu closes after a choice, and the pinned buttons are back on screen.
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
        reachable(page.get_by_role("button", name="When to see a doctor"))


@pytest.mark.parametrize("audience", ["", "?audience=patient"])
def test_the_pinned_buttons_never_cover_a_navigation_link(
    sized: tuple[Page, str], app_url: str, audience: str
) -> None:
    page, size = sized
    page.goto(f"{app_url}/{audience}")
    wait_settled(page)
    reachable(page.get_by_role("button", name="When to see a doctor"))
    reachable(page.get_by_role("button", name="📣 Share"))
    if size == "phone":
        page.get_by_test_id("stExpandSidebarButton").click()
        close = page.get_by_test_id("stSidebarCollapseButton")
        reachable(close.locator("button") if close.locator("button").count() else close)
        expect(page.get_by_role("button", name="When to see a doctor")).to_be_hidden()
        return
    links = page.get_by_test_id("stTopNav").get_by_role("link")
    for i in range(links.count()):
        if links.nth(i).is_visible():
            reachable(links.nth(i), max_scroll=0)
    more = page.get_by_test_id("stTopNavSection")
    if more.count():
        reachable(more, max_scroll=0)
