"""The real app in Debian's Chromium: mouse, touch and keyboard on the map component, deep links, labels,
tooltips and layout at the sizes people use.

These run in CI (marker `browser`); they never sleep, they wait on conditions on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.body import anatomy, neck
from harness.mapdom import (
    FOCUSED_JS,
    ON_REGIONS_JS,
    RECTS_JS,
    SELECTED_JS,
    TIP_JS,
    centre,
    client_xy,
    lit,
    overlaps,
)
from harness.serving import wait_scroll_still, wait_settled

pytestmark = pytest.mark.browser
TIMEOUT = 30_000

#: A body position inside the middle back, left side: 2.25 cun left of the midline, level with T10.
MIDDLE_BACK_LEFT = (-anatomy.cun_to_cm(2.25), anatomy.level_y("T10"))
MIDDLE_BACK_LEFT_LIT = {
    "back:BL18:left": "local",
    "back:BL20:left": "local",
    "back:GV6:midline": "local",
    "back:GV9:midline": "local",
    "hand:LI4:right": "distal",
}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1280, "height": 720}}


def new_page(browser: Any, **context: Any) -> Page:
    ctx = browser.new_context(**(context or LAPTOP))
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    return page


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    pg = new_page(browser)
    yield pg
    pg.context.close()


def open_map(page: Page, url: str, query: str = "") -> None:
    page.goto(f"{url}/{query}")
    wait_settled(page)


def assert_middle_back_left_lit(page: Page) -> None:
    got = lit(page)
    for key, role in MIDDLE_BACK_LEFT_LIT.items():
        assert got.get(key) == role, (key, got.get(key))
    # Only the left side lights: BL18's right-hand marker stays dark.
    assert "back:BL18:right" not in got
    assert page.evaluate(ON_REGIONS_JS) == ["middle_back_left"]


def assert_panel_names_the_points(page: Page) -> None:
    expect(page.get_by_role("heading", name="Middle back, left side")).to_be_visible()
    panel = page.locator(".acumap-panel [data-scroll=region]")
    for pid in ("BL18", "BL20", "GV6", "GV9"):
        expect(panel.get_by_text(f"LOCAL {pid} ·")).to_have_count(1)
    expect(panel.get_by_text("DISTAL LI4 ·")).to_have_count(1)


def test_mouse_click_inside_middle_back_lights_its_points(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()
    assert lit(page) == {}
    page.mouse.click(*client_xy(page, "back", *MIDDLE_BACK_LEFT))
    # The browser lights the map itself, before Python answers ...
    assert_middle_back_left_lit(page)
    # ... then the panel names each point, local or distal, and the link follows.
    assert_panel_names_the_points(page)
    page.wait_for_function("() => location.search.includes('region=middle_back_left')")
    assert_middle_back_left_lit(page)
    # The diagram's text alternative says what is lit.
    expect(page.locator("[data-testid=stBidiComponentIsolated] svg[data-view=back]")).to_have_attribute(
        "aria-label", re.compile(r"Highlighted for the middle back, left side: local points .*BL18")
    )
    # Every lit point is labelled with its code on the diagram.
    labels = {r["text"] for r in page.evaluate(RECTS_JS, ".lbl")}
    assert {"BL18", "BL20", "GV6", "GV9", "LI4"} <= labels


@pytest.mark.parametrize("device", [PHONE, TABLET], ids=["phone", "tablet"])
def test_touch_tap_selects_the_middle_back(browser: Any, app_url: str, device: dict[str, Any]) -> None:
    page = new_page(browser, **device)
    try:
        open_map(page, app_url)
        page.locator("[data-testid=stBidiComponentIsolated] svg[data-view=back]").scroll_into_view_if_needed()
        page.touchscreen.tap(*client_xy(page, "back", *MIDDLE_BACK_LEFT))
        assert_middle_back_left_lit(page)
        assert_panel_names_the_points(page)
    finally:
        page.context.close()


def test_keyboard_selects_the_middle_back_and_escape_clears(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    page.get_by_role("button", name="Help for Presenter").focus()
    page.keyboard.press("Tab")
    # The regions are one tab stop; the arrow keys move between neighbours.
    assert page.evaluate(FOCUSED_JS) == "neck"
    target = centre(page, '[data-region="middle_back_left"]')
    for _ in range(8):
        here = page.evaluate(FOCUSED_JS)
        if here == "middle_back_left":
            break
        x, y, _, _ = centre(page, f'[data-region="{here}"]')
        dx, dy = target[0] - x, target[1] - y
        page.keyboard.press(
            ("ArrowRight" if dx > 0 else "ArrowLeft")
            if abs(dx) > abs(dy)
            else ("ArrowDown" if dy > 0 else "ArrowUp")
        )
    assert page.evaluate(FOCUSED_JS) == "middle_back_left"
    page.keyboard.press("Enter")
    assert_middle_back_left_lit(page)
    assert_panel_names_the_points(page)
    page.keyboard.press("Escape")
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()
    assert lit(page) == {}


def test_keyboard_moves_between_lit_points_and_opens_one(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=middle_back_left")
    page.get_by_role("button", name="Help for Presenter").focus()
    page.keyboard.press("Tab")  # the regions
    page.keyboard.press("Tab")  # the lit points of the back
    first = page.evaluate(FOCUSED_JS)
    assert f"back:{first}:left" in lit(page) or f"back:{first}:midline" in lit(page)
    page.keyboard.press("ArrowDown")
    second = page.evaluate(FOCUSED_JS)
    assert second != first
    # A focused point has an accessible name that says where it lies.
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(rf"^{re.escape(second)} ·"))).to_be_visible()


def test_tap_on_a_point_shows_its_details_and_tooltip(browser: Any, app_url: str) -> None:
    page = new_page(browser, **PHONE)
    try:
        open_map(page, app_url, "?region=middle_back")
        x, y = client_xy(page, "back", *anatomy.spine_point_position("BL18", "T9", 1.5, "right"))
        page.touchscreen.tap(x, y)
        assert page.evaluate(SELECTED_JS) == ["back:BL18:left", "back:BL18:right"]
        tip = page.evaluate(TIP_JS)
        assert tip is not None and tip["text"].startswith("BL18 · Gānshū")
        expect(page.get_by_role("heading", name="BL18 ·")).to_be_visible()
        expect(page.get_by_text("Where it lies:")).to_be_visible()
        page.wait_for_function("() => location.search.includes('point=BL18')")
    finally:
        page.context.close()


def test_a_click_anywhere_reports_the_diagram_position(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    for view, x, y in (("hand", -6.5, 9.0), ("back", 4.1, 49.7)):
        page.mouse.click(*client_xy(page, view, x, y))
        caption = page.get_by_text(re.compile(rf"\({view} diagram, x -?\d+\.\d+ cm"))
        expect(caption).to_be_visible()
        m = re.search(r"x (-?\d+\.\d+) cm, y (-?\d+\.\d+) cm", caption.inner_text())
        assert m is not None
        assert abs(float(m.group(1)) - x) <= 0.2 and abs(float(m.group(2)) - y) <= 0.2


@pytest.mark.parametrize("device", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_no_tooltip_extends_beyond_the_viewport(browser: Any, app_url: str, device: dict[str, Any]) -> None:
    page = new_page(browser, **device)
    try:
        open_map(page, app_url)
        markers = page.evaluate(RECTS_JS, "[data-point], [data-landmark]")
        # The markers nearest each edge of the screen, where a tooltip is most likely to be cut.
        picks = {
            min(markers, key=lambda r: r["x"])["id"],
            max(markers, key=lambda r: r["x"] + r["w"])["id"],
            min(markers, key=lambda r: r["y"])["id"],
            "LR3",
            "SI3",
            "c7",
        }
        assert len(picks) >= 4
        for ident in picks:
            selector = f'[data-point="{ident}"], [data-landmark="{ident}"]'
            x, y, _, _ = centre(page, selector)
            if device is PHONE:
                page.locator("[data-testid=stBidiComponentIsolated]").first.locator(
                    selector
                ).first.scroll_into_view_if_needed()
                x, y, _, _ = centre(page, selector)
                page.touchscreen.tap(x, y)
            else:
                page.mouse.move(x, y)
            # Read the tooltip in the frame it shows: on a phone the tap also opens the point's panel, whose
            # heading then scrolls into view, and a scroll hides a touch tooltip.
            tip = page.wait_for_function(f"() => ({TIP_JS})()", polling="raf").json_value()
            if device is PHONE:
                wait_settled(page)
                wait_scroll_still(page)
            assert tip["left"] >= 0 and tip["top"] >= 0, (ident, tip)
            assert tip["right"] <= tip["vw"] and tip["bottom"] <= tip["vh"], (ident, tip)
    finally:
        page.context.close()


@pytest.mark.parametrize("device", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("region", ["middle_back", "upper_back_right", "neck", "shoulder_left"])
def test_lit_points_are_labelled_without_overlap(
    browser: Any, app_url: str, device: dict[str, Any], region: str
) -> None:
    page = new_page(browser, **device)
    try:
        open_map(page, app_url, f"?region={region}")
        labels = page.evaluate(RECTS_JS, ".lbl rect")
        lit_ids = {key.split(":")[1] for key in lit(page)}
        assert {r["id"] for r in page.evaluate(RECTS_JS, ".lbl")} == lit_ids
        rings = page.evaluate(RECTS_JS, ".lm .ring")
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                assert not overlaps(a, b), (a, b)
            for ring in rings:
                assert not overlaps(a, ring), (a, ring)
    finally:
        page.context.close()


def test_phone_layout_map_first_full_width_and_big_targets(browser: Any, app_url: str) -> None:
    page = new_page(browser, **PHONE)
    try:
        open_map(page, app_url, "?region=middle_back_left")
        back = page.locator("[data-testid=stBidiComponentIsolated] svg[data-view=back]").bounding_box()
        heading = page.get_by_role("heading", name="Middle back, left side").bounding_box()
        assert back is not None and heading is not None
        assert back["width"] >= 0.9 * 390  # the full width of the screen, less the page margins
        assert heading["y"] > back["y"] + back["height"]  # the panel comes below the map
        for hit in page.evaluate(RECTS_JS, "[data-point][data-lit] .hit"):
            assert hit["w"] >= 24 and hit["h"] >= 24, hit
    finally:
        page.context.close()


def test_laptop_shows_map_and_panel_without_scrolling(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=middle_back_left")
    back = page.locator("[data-testid=stBidiComponentIsolated] svg[data-view=back]").bounding_box()
    assert back is not None and back["y"] + back["height"] <= 720
    distal = page.get_by_text(re.compile(r"Distal points \(\d+\)"))
    box = distal.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720


@pytest.mark.parametrize(
    ("query", "heading", "lit_here", "dark", "selected"),
    [
        (
            "?region=middle_back",
            "Middle back, both sides",
            {"back:BL18:left", "back:BL18:right"},
            "back:BL13:left",
            [],
        ),
        ("?region=upper_back_left", "Upper back, left side", {"back:BL13:left"}, "back:BL13:right", []),
        ("?point=BL18", "BL18 ·", set(), "back:BL18:left", ["back:BL18:left", "back:BL18:right"]),
    ],
)
def test_deep_links_restore_the_view(
    page: Page, app_url: str, query: str, heading: str, lit_here: set[str], dark: str, selected: list[str]
) -> None:
    open_map(page, app_url, query)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.reload()
    wait_settled(page)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    got = lit(page)
    assert lit_here <= set(got), got
    assert dark not in got
    assert page.evaluate(SELECTED_JS) == selected


def test_unknown_deep_link_is_ignored_with_a_notice(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=knee")
    expect(page.get_by_text("region “knee”").first).to_be_visible()
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()


def test_region_menu_and_map_stay_in_sync(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    page.mouse.click(*client_xy(page, "back", *MIDDLE_BACK_LEFT))
    expect(page.get_by_role("heading", name="Middle back, left side")).to_be_visible()
    expect(page.get_by_role("combobox", name="Region")).to_have_value("Middle back, left side")
    # The menu lights the map too.
    page.get_by_role("combobox", name="Region").click()
    page.get_by_role("option", name="Neck", exact=True).click()
    expect(page.get_by_role("heading", name="Neck", exact=True)).to_be_visible()
    page.wait_for_function(f"() => ({ON_REGIONS_JS})().join() === 'neck'")
    page.get_by_role("button", name="Clear").click()
    expect(page.get_by_text("Where does it hurt?")).to_be_visible()
    expect(page.get_by_role("combobox", name="Region")).to_have_value("Overview: all points")
    page.wait_for_function(f"() => ({ON_REGIONS_JS})().length === 0")


def test_point_browser_search_select_shows_the_point_on_its_diagram(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/points")
    search_box = page.get_by_role("textbox", name="Search")
    search_box.fill("gaohuang")
    search_box.press("Enter")
    expect(page.get_by_text("1 of 92 points", exact=False)).to_be_visible()
    grid = page.locator(".st-key-browser_table [data-testid='stDataFrameResizable']")
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    expect(page.get_by_role("heading", name="BL43 ·")).to_be_visible()
    wait_settled(page)
    assert page.evaluate(SELECTED_JS) == ["back:BL43:left", "back:BL43:right"]
    page.wait_for_function("() => location.search.includes('point=BL43')")


def test_point_browser_distal_point_on_the_leg(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/points?point=SP6")
    expect(page.get_by_role("heading", name="SP6 ·")).to_be_visible()
    wait_settled(page)
    assert page.evaluate(SELECTED_JS) == ["leg:SP6:right"]


def test_neck_shows_its_distal_points_on_hand_leg_and_head(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=neck")
    expect(page.get_by_role("heading", name="Neck", exact=True)).to_be_visible()
    got = lit(page)
    for key in ("hand:SI3:right", "hand:LU7:right", "leg:GB39:right", "head:GV20:right"):
        assert got.get(key) == "distal", (key, got)


def test_neck_lights_its_own_points_on_the_neck_view_and_one_opens(page: Page, app_url: str) -> None:
    open_map(page, app_url, "?region=neck")
    got = lit(page)
    for key in ("neck:GB20:left", "neck:GB20:right", "neck:BL10:left", "neck:BL10:right"):
        assert got.get(key) == "local", (key, got)
    for key in ("hand:EX-UE8:right", "hand:SI6:right"):
        assert got.get(key) == "distal", (key, got)
    view = page.locator("[data-testid=stBidiComponentIsolated] svg[data-view=neck]").bounding_box()
    head = page.locator("[data-testid=stBidiComponentIsolated] svg[data-view=head]").bounding_box()
    assert view is not None and head is not None
    assert view["y"] + view["height"] <= 720  # on a laptop's screen with the back
    assert abs(view["y"] - head["y"]) < 40 and view["x"] + view["width"] <= head["x"]  # beside the head
    x, y = client_xy(page, "neck", *neck.landmark_position("below_occiput_between_scm_and_trapezius", "left"))
    page.mouse.click(x, y)
    expect(page.get_by_role("heading", name="GB20 ·")).to_be_visible()
    page.wait_for_function("() => location.search.includes('point=GB20')")
