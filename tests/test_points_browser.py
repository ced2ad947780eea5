"""Issue 24: the point browser (/points) on a phone and a tablet, done the way a person does it: type a search,
read the count, tap a row, read the point. On a phone the filters are folded behind one line so that the
list starts on the first screen; the list is as tall as its rows; a tapped row's point is brought into view
and its details flow with the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.atlas.data import load_atlas
from acumap.search import search
from harness.serving import wait_scroll_still, wait_settled
from tests.screens import SIZES, UNCOVERED_JS, new_page, reachable

pytestmark = pytest.mark.browser

ATLAS = load_atlas()
TOUCH = [size for size, (_w, _h, touch) in SIZES.items() if touch]  # phone and tablet
ROW_PX = 35  # Streamlit's default row height (and the header's)

#: How far an element scrolls when a script asks it to scroll 50 px: 0 for one that is not a scroll box.
CANNOT_SCROLL_JS = (
    "(el) => { el.scrollTop = 50; const moved = el.scrollTop; el.scrollTop = 0; return moved; }"
)
TABLE = ".st-key-browser_table [data-testid='stDataFrameResizable']"
#: Every element inside the selector that scrolls its own content (a scroll box inside the page).
SCROLL_BOXES_JS = """(sel) => [document.querySelector(sel), ...document.querySelectorAll(sel + ' *')]
  .filter((el) => el && el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))
  .map((el) => (el.className || el.tagName) + ' ' + el.scrollHeight + '/' + el.clientHeight)"""


@pytest.fixture
def browser_on(browser: Any, app_url: str) -> Iterator[Callable[[str], Page]]:
    """A function that opens /points at a size, in a fresh context that is closed afterwards."""
    pages: list[Page] = []

    def open_at(size: str) -> Page:
        page = new_page(browser, size)
        pages.append(page)
        page.goto(f"{app_url}/points")
        wait_settled(page, with_map=False)
        page.wait_for_selector(TABLE)
        return page

    yield open_at
    for page in pages:
        page.context.close()


def type_search(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Search")
    reachable(box, max_scroll=0)
    box.fill(text)
    box.press("Enter")
    wait_settled(page, with_map=False)


def menu_reads(page: Page, text: str) -> None:
    """The menu of the points found shows `text` (its prompt, or the option it holds)."""
    page.get_by_role("combobox", name="Open a point").wait_for()
    page.wait_for_function(
        "(text) => { const el = document.querySelector('.st-key-browser_pick input');"
        " return (el.value || el.placeholder) === text; }",
        arg=text,
    )


def table_rows_shown(page: Page, n: int) -> None:
    """The table holds n rows and is as tall as they are (a header and n rows, up to twelve of them)."""
    page.wait_for_function(
        "([sel, h]) => { const g = document.querySelector(sel); return g && Math.abs(g.getBoundingClientRect()"
        ".height - h) <= 4; }",
        arg=[TABLE, ROW_PX * (min(n, 12) + 1) + 3],
    )
    if n <= 12:  # every row is drawn (beyond twelve, the grid draws the rows in view)
        expect(page.locator(".st-key-browser_table [data-testid^=glide-cell-1-]")).to_have_count(n)


def cell(page: Page, row: int, column: int) -> Any:
    return page.locator(f".st-key-browser_table [data-testid=glide-cell-{column}-{row}]")


def tap_row(page: Page, index: int) -> None:
    """Tap a row's Point cell (a finger taps the cell, not the row's little box)."""
    box = page.locator(TABLE).bounding_box()
    assert box is not None
    y = box["y"] + ROW_PX * (index + 1) + ROW_PX / 2
    assert page.viewport_size is not None and y < page.viewport_size["height"]  # the row is on screen
    page.touchscreen.tap(box["x"] + 70, y)


@pytest.mark.parametrize("size", TOUCH)
def test_the_count_is_the_one_shown_now_in_good_english(browser_on: Callable[[str], Page], size: str) -> None:
    page = browser_on(size)
    total = len(ATLAS.points)
    menu_reads(page, f"Open one of the {total} points found…")
    # A search with a dozen points, then one with a single point: the menu and the caption count the points
    # listed now (the menu used to say the count from before the last change), and one is "1 point".
    family = len(search(ATLAS, "bl4"))
    assert 1 < family <= 12
    type_search(page, "bl4")
    table_rows_shown(page, family)
    menu_reads(page, f"Open one of the {family} points found…")
    expect(page.get_by_text(f"{family} of {total} points", exact=False)).to_be_visible()
    assert search(ATLAS, "gaohuang")[0].id == "BL43" and len(search(ATLAS, "gaohuang")) == 1
    type_search(page, "gaohuang")
    table_rows_shown(page, 1)
    menu_reads(page, "Open the 1 point found…")
    expect(page.get_by_text(f"1 of {total} points", exact=False)).to_be_visible()
    assert "1 points" not in page.locator("[data-testid=stMain]").inner_text()


@pytest.mark.parametrize("size", TOUCH)
def test_a_channels_name_finds_its_points(browser_on: Callable[[str], Page], size: str) -> None:
    page = browser_on(size)
    type_search(page, "liver")
    on_channel = [p.id for p in ATLAS.points if p.meridian == "Liver"]
    assert on_channel == ["LR3"]
    # The table is drawn on a canvas: read its first row from the grid's accessible table (column 0 is the
    # rows' boxes). LR3 (Taichong) comes first, marked as found by its channel, then BL18 (the Liver Shu).
    expect(cell(page, 0, 1)).to_have_text("LR3")
    expect(cell(page, 0, 2)).to_have_text("✔ channel's name")
    expect(cell(page, 1, 1)).to_have_text("BL18")


def test_on_a_phone_the_filters_are_folded_and_the_list_is_on_the_first_screen(
    browser_on: Callable[[str], Page],
) -> None:
    page = browser_on("phone")
    height = page.viewport_size["height"] if page.viewport_size else 0
    meridian = page.get_by_role("combobox", name="Meridian")
    expect(meridian).to_be_hidden()
    # The search box and the list are on the first screen, with at least four rows of the list.
    reachable(page.get_by_role("textbox", name="Search"), max_scroll=0)
    box = page.locator(TABLE).bounding_box()
    assert box is not None and box["y"] + ROW_PX * 5 <= height, (box, height)
    # One line holds the filters; it says how many are active, and stays open while one is chosen.
    summary = page.locator(".st-key-browser_filters summary")
    expect(summary).to_contain_text("Filters: meridian, region, view, use")
    reachable(summary, max_scroll=0)
    summary.tap()
    expect(meridian).to_be_visible()
    reachable(meridian)
    meridian.tap()
    # The option is chosen by its click event: "Liver" is the list's 11th option, below the fold of the list's
    # own scrolling box, and Playwright's scrolling to it also scrolls the page in some of Chromium's runs, which
    # closes the list (as it should) and puts the tap on the "Use" menu beneath. What is tested here is the
    # folded filters and their summary, not Streamlit's list.
    page.get_by_role("option", name="Liver", exact=True).dispatch_event("click")
    page.keyboard.press("Escape")
    wait_settled(page, with_map=False)
    expect(summary).to_contain_text("Filters (1 active)")
    expect(meridian).to_be_visible()
    table_rows_shown(page, 1)
    clear = page.get_by_role("button", name="Clear the filters")
    reachable(clear)
    clear.tap()
    wait_settled(page, with_map=False)
    expect(summary).to_contain_text("Filters: meridian, region, view, use")
    table_rows_shown(page, len(ATLAS.points))


@pytest.mark.parametrize("size", TOUCH)
def test_a_tapped_row_brings_its_point_into_view_and_its_details_flow(
    browser_on: Callable[[str], Page], size: str
) -> None:
    page = browser_on(size)
    type_search(page, "bl4")
    found = search(ATLAS, "bl4")
    table_rows_shown(page, len(found))
    chosen = found[2]
    tap_row(page, 2)
    heading = page.get_by_role("heading", name=f"{chosen.id} ·")
    expect(heading).to_be_visible()
    wait_settled(page)
    if size == "phone":
        # Written below the list, off the screen: the tap brings it to the top of the screen.
        page.wait_for_function(
            "() => { const t = document.querySelector('.st-key-browser_point').getBoundingClientRect().top;"
            " return t >= 40 && t < innerHeight / 2; }"
        )
        wait_scroll_still(page)
    reachable(heading, max_scroll=0)
    assert heading.evaluate(UNCOVERED_JS) == ""
    page.wait_for_function(f"() => location.search.includes('point={chosen.id}')")
    # No scroll box inside the details: they flow with the page, and their last line is read by scrolling it.
    details = page.locator(".st-key-browser_details")
    assert details.evaluate(CANNOT_SCROLL_JS) == 0
    # As tall as what it holds (the 16 px are the last paragraph's margin, which Streamlit lets hang out of
    # a block: visible, never scrolled to; a box of fixed height leaves a screen or more of it hidden).
    assert details.evaluate("(el) => el.scrollHeight <= el.clientHeight + 17")
    assert page.evaluate(SCROLL_BOXES_JS, ".st-key-browser_point") == []
    source = details.get_by_text("Source:").last
    source.scroll_into_view_if_needed()
    assert source.evaluate(UNCOVERED_JS) == ""
