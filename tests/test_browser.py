"""The real app in Debian's Chromium: click the map with the mouse, click a point, open deep links.

These run in CI (marker `browser`); they never sleep, they wait on conditions on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from acumap import anatomy
from tests.serving import DATA_TO_PAGE_JS, TRACE_CUSTOMDATA_JS, launch_chromium, streamlit_server

pytestmark = pytest.mark.browser
TIMEOUT = 30_000


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT)
    yield pg
    context.close()


def wait_for_chart(page: Page, key: str, trace: str) -> None:
    """Wait until the chart with this key has drawn a trace of this name."""
    page.wait_for_function(
        "([key, name]) => { const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);"
        " return !!(gd && gd.data && gd._fullLayout && gd.data.some(t => t.name === name)); }",
        arg=[key, trace],
    )


def click_data_point(page: Page, key: str, x: float, y: float, subplot: str = "") -> None:
    """Move the mouse onto a body position of a chart, wait for Plotly's hover label, and click."""
    pos = page.evaluate(DATA_TO_PAGE_JS, [key, x, y, subplot])
    assert pos is not None, f"chart {key} not found"
    page.mouse.move(pos[0] - 3, pos[1] - 3)
    page.mouse.move(pos[0], pos[1])
    page.wait_for_selector(f".st-key-{key} .hoverlayer .hovertext")
    page.mouse.click(pos[0], pos[1])


def customdata(page: Page, key: str, trace: str) -> list[str]:
    return list(page.evaluate(TRACE_CUSTOMDATA_JS, [key, trace]) or [])


MIDDLE_BACK_LEFT = (-anatomy.cun_to_cm(2.25), anatomy.level_y("T10"))


def open_map(page: Page, url: str, query: str = "") -> None:
    page.goto(f"{url}/{query}")
    wait_for_chart(page, "back_chart", "Pain regions")


def test_mouse_click_inside_middle_back_lights_its_points(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()
    click_data_point(page, "back_chart", *MIDDLE_BACK_LEFT)

    panel = page.locator(".st-key-region_points")
    expect(page.get_by_role("heading", name="Middle back, left side")).to_be_visible()
    wait_for_chart(page, "back_chart", "Local point")
    local = customdata(page, "back_chart", "Local point")
    for pid in ("BL18", "BL20", "GV6", "GV9"):
        assert f"point:{pid}" in local
        expect(panel.get_by_text(f"LOCAL {pid} ·")).to_be_visible() if pid == "GV6" else None
        expect(panel.get_by_text(f"LOCAL {pid} ·")).to_have_count(1)
    # Only the left side lights: BL18's right-hand marker stays among the other points.
    assert "point:BL18" in customdata(page, "back_chart", "Other points")
    # The distal points light on their own diagrams.
    wait_for_chart(page, "distal_chart", "Distal point")
    assert "point:LI4" in customdata(page, "distal_chart", "Distal point")
    assert "point:SP6" in customdata(page, "distal_chart", "Distal point")
    expect(panel.get_by_text("DISTAL LI4 ·")).to_have_count(1)
    page.wait_for_function("() => location.search.includes('region=middle_back_left')")
    # The chart's text alternative says what is highlighted.
    expect(page.locator(".st-key-back_chart [role=figure]")).to_have_attribute(
        "aria-label", re.compile(r"Highlighted for the middle back, left side: local points .*BL18")
    )


def test_clicking_the_same_region_again_returns_to_the_overview(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=middle_back_left")
    expect(page.get_by_role("heading", name="Middle back, left side")).to_be_visible()
    wait_for_chart(page, "back_chart", "Local point")
    click_data_point(page, "back_chart", *MIDDLE_BACK_LEFT)
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()
    page.wait_for_function("() => !location.search.includes('region=')")


def test_clicking_a_point_shows_its_details(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=middle_back")
    wait_for_chart(page, "back_chart", "Local point")
    x, y = anatomy.spine_point_position("BL18", "T9", 1.5, "right")
    click_data_point(page, "back_chart", x, y)
    expect(page.get_by_role("heading", name="BL18 ·")).to_be_visible()
    expect(page.get_by_text("Where it lies:")).to_be_visible()
    wait_for_chart(page, "back_chart", "Chosen point")
    assert customdata(page, "back_chart", "Chosen point") == ["point:BL18", "point:BL18"]
    page.wait_for_function("() => location.search.includes('point=BL18')")
    page.get_by_role("button", name="← Back").click()
    expect(page.get_by_role("heading", name="Middle back, both sides")).to_be_visible()


def test_clicking_a_hand_point(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    wait_for_chart(page, "distal_chart", "Large Intestine")
    click_data_point(page, "distal_chart", -3.5, -5.2)  # the hand is the first subplot
    expect(page.get_by_role("heading", name="LI4 ·")).to_be_visible()
    expect(
        page.get_by_text("Avoid in pregnancy")
        .or_(page.get_by_text("Traditionally avoided during pregnancy"))
        .first
    ).to_be_visible()


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("?region=middle_back", "Middle back, both sides"),
        ("?region=upper_back_left", "Upper back, left side"),
        ("?point=BL18", "BL18 ·"),
    ],
)
def test_deep_links_restore_the_view(page: Page, app_url: str, query: str, heading: str) -> None:
    open_map(page, app_url, query)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def test_unknown_deep_link_is_ignored_with_a_notice(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=knee")
    expect(page.get_by_text("region “knee”").first).to_be_visible()
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()


def test_region_menu_and_map_stay_in_sync(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    click_data_point(page, "back_chart", *MIDDLE_BACK_LEFT)
    expect(page.get_by_role("heading", name="Middle back, left side")).to_be_visible()
    expect(page.get_by_role("combobox", name="Region")).to_have_value("Middle back, left side")
    page.get_by_role("button", name="Clear selection").click()
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()
    expect(page.get_by_role("combobox", name="Region")).to_have_value("Overview: all points")


def test_point_browser_search_select_highlights_on_its_diagram(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/points")
    search_box = page.get_by_role("textbox", name="Search")
    search_box.fill("gaohuang")
    search_box.press("Enter")
    expect(page.get_by_text("1 of 78 points", exact=False)).to_be_visible()
    # Tick the first row of the data grid (a canvas): the row-marker column at the left of the first row.
    grid = page.locator(".st-key-browser_table [data-testid='stDataFrameResizable']")
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    expect(page.get_by_role("heading", name="BL43 ·")).to_be_visible()
    wait_for_chart(page, "browser_chart", "Chosen point")
    assert customdata(page, "browser_chart", "Chosen point") == ["point:BL43", "point:BL43"]
    page.wait_for_function("() => location.search.includes('point=BL43')")


def test_point_browser_distal_point_on_the_leg(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/points?point=SP6")
    expect(page.get_by_role("heading", name="SP6 ·")).to_be_visible()
    wait_for_chart(page, "browser_chart", "Chosen point")
    assert customdata(page, "browser_chart", "Chosen point") == ["point:SP6"]
    expect(page.locator(".st-key-browser_chart [role=figure]")).to_have_attribute(
        "aria-label", re.compile("leg", re.I)
    )


def test_neck_shows_its_distal_points_on_hand_leg_and_head(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=neck")
    expect(page.get_by_role("heading", name="Neck", exact=True)).to_be_visible()
    wait_for_chart(page, "distal_chart", "Distal point")
    # Each distal point is drawn on its own view's subplot: hand x/y, leg x2/y2, head x3/y3.
    axes = page.evaluate(
        "() => { const gd = document.querySelector('.st-key-distal_chart .js-plotly-plot');"
        " const out = {}; for (const t of gd.data) if (t.name === 'Distal point')"
        " t.customdata.forEach(c => { out[c] = t.xaxis || 'x'; }); return out; }"
    )
    for pid, axis in (("SI3", "x"), ("LU7", "x"), ("GB39", "x2"), ("GV20", "x3")):
        assert axes.get(f"point:{pid}") == axis, (pid, axes)
