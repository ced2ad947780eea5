"""The app's shell on a fresh and on a restarted server: any address shows the navigation, its page and the
disclaimer; a restart in the middle of a session keeps the address, and the next click works.

Each test starts its own server (a fresh process is the point). With a folder named `pages/` beside app.py,
Streamlit's legacy multipage mode answered the first visit to `/points` with "Page not found" and ran
`/safety` without the shell; these tests are what keeps that from coming back.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.body import anatomy
from harness.mapdom import centre, client_xy
from harness.serving import free_port, streamlit_server_process, wait_settled

pytestmark = pytest.mark.browser
TIMEOUT = 30_000
NAV = ("Body map", "Point browser", "Pain drawing", "Quiz", "Class check", "Evidence", "Safety & sources")
MIDDLE_BACK_LEFT = (-anatomy.cun_to_cm(2.25), anatomy.level_y("T10"))
UPPER_BACK_RIGHT = (anatomy.cun_to_cm(2.25), anatomy.level_y("T4"))
CONNECTED_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT)
    yield pg
    ctx.close()


def assert_shell(page: Page) -> None:
    """The navigation, the app's title and the disclaimer: what every address of AcuMap must show."""
    nav = page.get_by_test_id("stTopNavLink")
    expect(nav).to_have_count(len(NAV))
    for i, name in enumerate(NAV):
        expect(nav.nth(i)).to_contain_text(name)
    expect(page).to_have_title("AcuMap: acupuncture points for neck and back pain")
    # Once on every page: in the footer, or in the page's own safety box (which then hides the footer's).
    expect(page.get_by_text("It does not diagnose anything").locator("visible=true")).to_have_count(1)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_point_link_opened_first_on_a_fresh_server(page: Page) -> None:
    with streamlit_server_process("app.py") as (url, _):
        page.goto(f"{url}/points?point=BL43")
        wait_settled(page)
        assert_shell(page)
        expect(page.get_by_text("Point browser", exact=True).first).to_be_visible()
        expect(page.get_by_role("heading", name="BL43 · Gāohuāng 膏肓")).to_be_visible()
        expect(page).to_have_url(f"{url}/points?point=BL43")


def test_safety_opened_first_on_a_fresh_server(page: Page) -> None:
    with streamlit_server_process("app.py") as (url, _):
        page.goto(f"{url}/safety")
        wait_settled(page, with_map=False)
        assert_shell(page)
        expect(page.get_by_role("heading", name="Safety, landmarks and sources")).to_be_visible()
        expect(page.get_by_role("heading", name="When back or neck pain needs a doctor")).to_be_visible()
        expect(page).to_have_url(f"{url}/safety")


def test_a_restart_keeps_the_address_and_the_next_click_works(page: Page) -> None:
    port = free_port()
    with streamlit_server_process("app.py", port=port) as (url, _):
        page.goto(f"{url}/")
        wait_settled(page)
        page.mouse.click(*client_xy(page, "back", *MIDDLE_BACK_LEFT))
        expect(page.get_by_role("heading", name="Middle back, left side")).to_be_visible()
        expect(page).to_have_url(f"{url}/?region=middle_back_left")
    # The server is gone: the page says it is reconnecting. A new process takes the same address.
    expect(page.get_by_test_id("stStatusWidget")).to_be_visible()
    with streamlit_server_process("app.py", port=port) as (url, _):
        page.wait_for_function(CONNECTED_JS, timeout=TIMEOUT)
        expect(page).to_have_url(f"{url}/?region=middle_back_left")
        assert_shell(page)
        page.mouse.click(*client_xy(page, "back", *UPPER_BACK_RIGHT))
        expect(page.get_by_role("heading", name="Upper back, right side")).to_be_visible()
        expect(page).to_have_url(f"{url}/?region=upper_back_right")
        assert_shell(page)


def test_a_restart_keeps_the_point_browser(page: Page) -> None:
    port = free_port()
    with streamlit_server_process("app.py", port=port) as (url, _):
        page.goto(f"{url}/points?point=BL43")
        wait_settled(page)
        expect(page.get_by_role("heading", name="BL43 · Gāohuāng 膏肓")).to_be_visible()
    expect(page.get_by_test_id("stStatusWidget")).to_be_visible()
    with streamlit_server_process("app.py", port=port) as (url, _):
        page.wait_for_function(CONNECTED_JS, timeout=TIMEOUT)
        x, y, _w, _h = centre(page, '[data-point="BL18"][data-side="left"]')
        page.mouse.click(x, y)
        expect(page.get_by_role("heading", name="BL18 · Gānshū 肝俞")).to_be_visible()
        expect(page).to_have_url(f"{url}/points?point=BL18")
        assert_shell(page)
