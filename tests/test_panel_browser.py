"""The panel beside the map, in Chromium: written in the frame of the click, and the same panel Python wrote
(acumap.panel), for a student and a patient, after Python's answer, after a reload and on a deep link.

"In the frame of the click": a listener in the capture phase asks for the next animation frame when the click
starts; that frame's panel (after the map's own handler, before anything is painted) must already be the new one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.atlas.data import load_atlas
from acumap.body import anatomy
from acumap.panel import Audience, PanelBook, panel_book
from acumap.region_view import region_views
from harness.mapdom import centre, client_xy
from harness.serving import wait_settled

pytestmark = pytest.mark.browser

ATLAS = load_atlas()
VIEWS = region_views(ATLAS)
BOOKS: dict[Audience, PanelBook] = {a: panel_book(ATLAS, VIEWS, a) for a in ("student", "patient")}
QUERY: dict[Audience, str] = {"student": "", "patient": "audience=patient"}

#: 2.25 cun left of the midline, level with T10: inside the middle back, left side.
MIDDLE_BACK_LEFT = (-anatomy.cun_to_cm(2.25), anatomy.level_y("T10"))

#: The next frame's panel text, asked for when a click starts.
WATCH_JS = """() => {
  window.__frame = null;
  window.addEventListener('click', () => requestAnimationFrame(() => {
    window.__frame = document.querySelector('.acumap-panel').textContent;
  }), { capture: true, once: true });
}"""


def text_of(book: PanelBook, region: str | None, point: str | None) -> str:
    """What the browser's textContent of the panel is when it shows Python's panel for this state."""
    return html.unescape(re.sub(r"<[^>]+>", "", book.html(region, point)))


def shown(page: Page) -> str:
    return str(page.evaluate("() => document.querySelector('.acumap-panel').textContent"))


def in_click_frame(page: Page, click: Any) -> str:
    page.evaluate(WATCH_JS)
    click()
    return str(page.wait_for_function("() => window.__frame").json_value())


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


def open_page(page: Page, url: str, query: str) -> None:
    page.goto(f"{url}/?{query}")
    wait_settled(page)


@pytest.mark.parametrize("audience", ["student", "patient"])
def test_a_click_on_a_region_writes_its_panel_in_the_click_s_frame(
    page: Page, app_url: str, audience: Audience
) -> None:
    book = BOOKS[audience]
    open_page(page, app_url, QUERY[audience])
    assert shown(page) == text_of(book, None, None)
    frame = in_click_frame(page, lambda: page.mouse.click(*client_xy(page, "back", *MIDDLE_BACK_LEFT)))
    assert frame == text_of(book, "middle_back_left", None)
    # Python's answer changes nothing: the panel is the one Python's book holds for the state it decided.
    page.wait_for_function("() => location.search.includes('region=middle_back_left')")
    wait_settled(page)
    assert shown(page) == frame
    # A point on the map, in the same frame: its panel says why it is used for the region.
    x, y, _, _ = centre(page, 'svg[data-view="back"] [data-point="BL18"][data-side="left"] .hit')
    frame = in_click_frame(page, lambda: page.mouse.click(x, y))
    assert frame == text_of(book, "middle_back_left", "BL18")
    page.wait_for_function("() => location.search.includes('point=BL18')")
    wait_settled(page)
    assert shown(page) == frame
    # The link brings the same panel back.
    page.reload()
    wait_settled(page)
    assert shown(page) == text_of(book, "middle_back_left", "BL18")


@pytest.mark.parametrize(
    ("audience", "region", "point"),
    [
        ("student", "neck", "GB20"),
        ("patient", "neck", "GB20"),
        ("student", None, "BL43"),
        ("patient", "upper_back_right", None),
        ("student", "neck", "BL23"),  # a point the region does not use: its own panel
    ],
)
def test_a_deep_link_shows_python_s_panel(
    page: Page, app_url: str, audience: Audience, region: str | None, point: str | None
) -> None:
    params = (
        [QUERY[audience]] + ([f"region={region}"] if region else []) + ([f"point={point}"] if point else [])
    )
    open_page(page, app_url, "&".join(p for p in params if p))
    expect(page.locator(".acumap-panel h3")).to_have_count(1)
    assert shown(page) == text_of(BOOKS[audience], region, point)


def test_the_panel_s_buttons_move_through_the_panels_as_the_map_does(page: Page, app_url: str) -> None:
    book = BOOKS["student"]
    open_page(page, app_url, "region=middle_back")
    panel = page.locator(".acumap-panel")
    # The reader scrolls the list and folds the distal points away...
    box = panel.locator("[data-scroll=region]")
    box.evaluate("(el) => { el.scrollTop = 300; el.querySelector('details').open = false; }")
    assert box.evaluate("(el) => el.scrollTop") == 300
    # A point's name in the list opens it, in the frame of the click; the map lights it and Python follows.
    opener = panel.locator('button[data-point="BL20"]')
    assert in_click_frame(page, opener.click) == text_of(book, "middle_back", "BL20")
    expect(panel.get_by_role("heading", level=3)).to_be_focused()
    page.wait_for_function("() => location.search.includes('point=BL20')")
    assert page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]
             .map((h) => h.shadowRoot && h.shadowRoot.querySelector('[data-point="BL20"][data-selected]'))
             .some(Boolean)"""
    )
    # Back: the region's list again; Overview: the overview, the region gone from the link.
    back = panel.get_by_role("button", name="← Back")
    assert in_click_frame(page, back.click) == text_of(book, "middle_back", None)
    # ... and the list comes back as a new one would: at its top, every section open.
    assert box.evaluate("(el) => [el.scrollTop, [...el.querySelectorAll('details')].map((d) => d.open)]") == [
        0,
        [True, True],
    ]
    page.wait_for_function("() => !location.search.includes('point=')")
    assert "region=middle_back" in page.url
    page.locator('.acumap-panel button[data-point="LI4"]').click()
    overview = panel.get_by_role("button", name="Overview")
    assert in_click_frame(page, overview.click) == text_of(book, None, None)
    page.wait_for_function("() => !location.search.includes('region=')")
    wait_settled(page)
    assert shown(page) == text_of(book, None, None)
    # The keyboard: Enter on a point's name opens it.
    page.get_by_role("combobox").first.click()
    page.keyboard.type("Neck")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('region=neck')")
    wait_settled(page)
    panel.locator('button[data-point="GB20"]').focus()
    page.keyboard.press("Enter")
    expect(panel.get_by_role("heading", level=3)).to_have_text(re.compile(r"^GB20 · Fēngchí"))
    page.wait_for_function("() => location.search.includes('point=GB20')")


def test_before_the_book_comes_the_panel_is_the_one_python_sent_with_it(page: Page, app_url: str) -> None:
    # A page that never keeps a book: what it shows is the panel's own first panel.
    page.add_init_script("window.__acumapPanels = { books: { get: () => undefined, set: () => {} } };")
    open_page(page, app_url, "region=neck&point=GB20&audience=patient")
    expect(page.locator(".acumap-panel h3")).to_have_count(1)
    assert page.locator(".acumap-panel").get_attribute("data-key") == "first"
    assert shown(page) == text_of(BOOKS["patient"], "neck", "GB20")
