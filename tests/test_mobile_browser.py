"""Issue 24: every task on a phone and a tablet (and the laptop and projector where the task is used there),
done the way a person does it: tap, read, go on. Each step asserts that the next control is on screen and not
covered (`elementFromPoint` at its centre is the control itself), reached with at most a screen of scrolling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from acumap.atlas.data import load_atlas
from acumap.body import anatomy
from acumap.quiz import RoundSpec, draw, shown_marker
from harness.mapdom import centre, client_xy
from harness.serving import wait_scroll_still, wait_settled
from tests.screens import SIZES, UNCOVERED_JS, new_page, reachable

pytestmark = pytest.mark.browser
ATLAS = load_atlas()

PAGES = {
    "Body map": "",
    "Pain drawing": "pain",
    "Point browser": "points",
    "Quiz": "quiz",
    "Class check": "class",
    "Evidence": "evidence",
    "Safety & sources": "safety",
}


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


# --- the body map: explore a region and a point ------------------------------------------------------------

MIDDLE_BACK_LEFT = (-anatomy.cun_to_cm(2.25), anatomy.level_y("T10"))
#: On the spine, on T10's spinous process (the midline points lie in the depressions below T9 and T10),
#: within a quarter cun of the midline.
SPINE_T10 = (0.3, anatomy.level_y("T10"))


def top_of(page: Page, selector: str) -> float:
    return float(page.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect().top"))


def disclaimers_shown(page: Page) -> int:
    return int(
        page.evaluate(
            "() => [...document.querySelectorAll('p')].filter(p => p.textContent.includes('It does not diagnose"
            " anything') && p.getClientRects().length && !p.closest('[data-testid=stPopoverBody]')).length"
        )
    )


def test_exploring_a_region_and_a_point_on_a_phone(browser: Any, app_url: str) -> None:
    page = new_page(browser, "phone")
    page.goto(f"{app_url}/")
    wait_settled(page)
    # The map has the first screen: the back's diagram starts in its upper third (Tour and Patient view share
    # one line under the title; the presenter switch is not offered on a phone).
    assert page.evaluate("() => innerHeight") == 844
    back = page.locator(".stBidiComponent [data-testid=stBidiComponentIsolated]").first
    assert back.bounding_box()["y"] < 844 / 3
    expect(page.get_by_role("switch", name="Presenter")).to_be_hidden()
    reachable(page.get_by_role("button", name="🧭 Tour"), max_scroll=0)
    reachable(page.locator("label").filter(has=page.get_by_role("switch", name="Patient view")), max_scroll=0)
    assert disclaimers_shown(page) == 1
    # A tap on the middle back: the panel's heading is brought into view (it is written below the map).
    page.mouse.click(*client_xy(page, "back", *MIDDLE_BACK_LEFT))
    heading = page.get_by_role("heading", name="Middle back, left side")
    expect(heading).to_be_visible()
    page.wait_for_function(
        "() => { const t = document.querySelector('.st-key-map_panel').getBoundingClientRect().top;"
        " return t >= 40 && t < innerHeight / 2; }"
    )
    wait_scroll_still(page)
    reachable(heading, max_scroll=0)
    # The panel flows with the page: no scroll box inside it, and a point's Care line is read by scrolling
    # the page.
    box = page.locator(".acumap-panel [data-scroll=region]")
    assert box.evaluate("(el) => el.scrollHeight <= el.clientHeight + 1")
    care = page.get_by_text("Care:").first
    care.scroll_into_view_if_needed()
    assert care.evaluate(UNCOVERED_JS) == ""
    assert disclaimers_shown(page) == 1
    page.context.close()


def test_exploring_a_region_and_a_point_on_a_tablet(browser: Any, app_url: str) -> None:
    page = new_page(browser, "tablet")
    page.goto(f"{app_url}/")
    wait_settled(page)
    reachable(page.get_by_role("button", name="🧭 Tour"), max_scroll=0)
    reachable(page.locator("label").filter(has=page.get_by_role("switch", name="Presenter")), max_scroll=0)
    page.touchscreen.tap(*client_xy(page, "back", *MIDDLE_BACK_LEFT))
    heading = page.get_by_role("heading", name="Middle back, left side")
    expect(heading).to_be_visible()
    wait_scroll_still(page)
    reachable(heading, max_scroll=0)  # the panel beside the map: no scrolling
    # A tap on a lit point opens it in the panel, on the same screen, its Care line a short scroll away.
    x, y, _, _ = centre(page, '[data-point="BL18"][data-side="left"]')
    page.touchscreen.tap(x, y)
    point = page.get_by_role("heading", name=re.compile(r"^BL18 · Gānshū"))
    expect(point).to_be_visible()
    wait_scroll_still(page)
    reachable(point, max_scroll=0)
    reachable(page.get_by_text("Care:").first)
    reachable(page.get_by_role("button", name="← Back").first)
    page.context.close()


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_tap_on_the_spine_chooses_both_sides(browser: Any, app_url: str, size: str) -> None:
    page = new_page(browser, size)
    page.goto(f"{app_url}/")
    wait_settled(page)
    x, y = client_xy(page, "back", *SPINE_T10)
    page.mouse.click(x, y)
    expect(page.get_by_role("heading", name="Middle back, both sides")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=middle_back(&|$)"))
    expect(
        page.get_by_text("Last tap: on the spinous process of T10, on the midline", exact=False)
    ).to_be_attached()
    page.context.close()


def test_a_touch_tooltip_goes_when_the_page_scrolls(browser: Any, app_url: str) -> None:
    page = new_page(browser, "phone")
    page.goto(f"{app_url}/")
    wait_settled(page)
    ring = page.evaluate(
        "() => { const el = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]"
        ".map(h => h.shadowRoot).filter(Boolean).map(r => r.querySelector('[data-landmark=inferior_angle]'))"
        ".find(Boolean); const b = el.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2]; }"
    )
    page.touchscreen.tap(*ring)
    tip = "() => { const r = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]"
    tip += ".map(h => h.shadowRoot).find(r => r && r.querySelector('.tip')); return !r.querySelector('.tip').hidden; }"
    page.wait_for_function(tip)
    page.mouse.wheel(0, 300)
    page.wait_for_function(f"() => !({tip})()")
    page.context.close()


# ---- the quiz -------------------------------------------------------------------------------------------

FIND = RoundSpec("find", "missed", "BL18,BL20,LI4", 5, True)
NAME = RoundSpec("name", "missed", "BL18,BL20,LI4", 3, True)
HOSTS_JS = "() => [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]"
VIEWS_JS = (
    HOSTS_JS + ".flatMap(h => h.shadowRoot ? [...h.shadowRoot.querySelectorAll('svg[data-view]')] : [])"
)


def views_drawn(page: Page) -> list[str]:
    return list(page.evaluate(f"() => ({VIEWS_JS})().map(s => s.dataset.view)"))


def on_screen_xy(page: Page, view: str, x: float, y: float) -> tuple[float, float]:
    """A body position's screen point, the page scrolled (as a thumb would) so that it is on screen."""
    cx, cy = client_xy(page, view, x, y)
    if not 60 < cy < page.viewport_size["height"] - 20:  # type: ignore[index]
        page.evaluate(
            "(dy) => document.querySelector('[data-testid=stMain]').scrollBy(0, dy)",
            cy - page.viewport_size["height"] / 2,  # type: ignore[index]
        )
        wait_scroll_still(page)
        cx, cy = client_xy(page, view, x, y)
    return cx, cy


def map_top(page: Page) -> float:
    return float(page.evaluate(f"() => ({VIEWS_JS})()[0].getBoundingClientRect().top + scrollY"))


@pytest.mark.parametrize("size", ["phone", "tablet"])
def test_a_find_round_on_a_phone_and_a_tablet(browser: Any, app_url: str, size: str) -> None:
    page = new_page(browser, size)
    order = draw(ATLAS, FIND)
    page.goto(f"{app_url}/quiz?round={FIND.encode()}")
    for i, pid in enumerate(order):
        point = ATLAS.point(pid)
        expect(page.get_by_role("heading", name=re.compile(f"Find {pid}"))).to_be_visible()
        # Only the diagram asked about is drawn: the next step is never several diagrams away.
        page.wait_for_function(f"() => ({VIEWS_JS})().map(s => s.dataset.view).join() === '{point.view}'")
        m = shown_marker(ATLAS, pid)
        page.touchscreen.tap(*on_screen_xy(page, point.view, m.x, m.y))
        verdict = page.locator(".st-key-quiz_verdict")
        expect(verdict.get_by_text("Correct.")).to_be_visible()
        # A key says which mark is which.
        expect(verdict.get_by_text(f"● your tap · ◯ {pid}, where it is")).to_be_visible()
        wait_scroll_still(page)
        reachable(verdict.get_by_text("Correct."), max_scroll=0)
        # The verdict comes before the map (on a phone the columns stack with the next step first).
        assert verdict.bounding_box()["y"] < page.evaluate(
            f"() => ({VIEWS_JS})()[0].getBoundingClientRect().top"
        )
        # The next step follows at once, under the verdict.
        reachable(page.get_by_text("How to find it:"), max_scroll=0)
        nxt = page.get_by_role("button", name="Next point" if i < len(order) - 1 else "See the results")
        reachable(nxt, max_scroll=page.viewport_size["height"] / 2)  # type: ignore[index]
        nxt.tap()
    expect(page.get_by_role("heading", name="Score: 3 of 3")).to_be_visible()
    page.context.close()


def test_the_quiz_map_keeps_its_place_on_a_laptop(browser: Any, app_url: str) -> None:
    page = new_page(browser, "laptop")
    order = draw(ATLAS, FIND)
    page.goto(f"{app_url}/quiz?round={FIND.encode()}")
    tops = []
    for i, pid in enumerate(order[:2]):
        expect(page.get_by_role("heading", name=re.compile(f"Find {pid}"))).to_be_visible()
        page.wait_for_function(f"() => ({VIEWS_JS})().length === 1")
        tops.append(map_top(page))
        m = shown_marker(ATLAS, pid)
        page.mouse.click(*client_xy(page, ATLAS.point(pid).view, m.x, m.y))
        expect(page.locator(".st-key-quiz_verdict").get_by_text("Correct.")).to_be_visible()
        tops.append(map_top(page))
        page.get_by_role("button", name="Next point").click()
        expect(page.get_by_text(f"Point {i + 2} of 3")).to_be_visible()
    assert max(tops) - min(tops) <= 1, tops
    page.context.close()


@pytest.mark.parametrize("size", ["phone", "tablet"])
def test_a_naming_round_on_a_phone_and_a_tablet(browser: Any, app_url: str, size: str) -> None:
    page = new_page(browser, size)
    order = draw(ATLAS, NAME)
    page.goto(f"{app_url}/quiz?round={NAME.encode()}")
    box = page.get_by_role("textbox", name="Its code or name")
    for i, pid in enumerate(order):
        expect(page.get_by_role("heading", name=re.compile("Name the point marked"))).to_be_visible()
        reachable(box)
        if i == 0:
            # A refused answer stays in the box, to be corrected.
            box.fill("Zzyzx")
            page.get_by_role("button", name="Check").tap()
            expect(page.get_by_text("No point is called “Zzyzx”")).to_be_visible()
            expect(box).to_have_value("Zzyzx")
        box.fill(pid)
        page.get_by_role("button", name="Check").tap()
        verdict = page.locator(".st-key-quiz_verdict")
        expect(verdict.get_by_text("Correct.")).to_be_visible()
        # In a naming round there is no tap: the key names only the ring.
        expect(verdict.get_by_text(f"◯ {pid}, where it is", exact=True)).to_be_visible()
        wait_scroll_still(page)
        reachable(verdict.get_by_text("Correct."), max_scroll=0)
        nxt = page.get_by_role("button", name="Next point" if i < len(order) - 1 else "See the results")
        reachable(nxt, max_scroll=page.viewport_size["height"] / 2)  # type: ignore[index]
        nxt.tap()
        if i < len(order) - 1:
            expect(box).to_have_value("")  # an accepted answer is cleared for the next point
    expect(page.get_by_role("heading", name="Score: 3 of 3")).to_be_visible()
    page.context.close()


# ---- the tour -------------------------------------------------------------------------------------------

KBD = ".st-key-tour_box kbd"


def l5_bottom(page: Page) -> float:
    """Where the back's lowest rung (L5) is on the screen."""
    return client_xy(page, "back", 0.0, anatomy.level_y("L5"))[1]


@pytest.mark.parametrize("size", ["phone", "tablet"])
def test_the_tour_on_a_phone_and_a_tablet(browser: Any, app_url: str, size: str) -> None:
    page = new_page(browser, size)
    page.goto(f"{app_url}/?tour=lines")
    wait_settled(page)
    bar = page.locator(".st-key-tour_box")
    expect(bar.get_by_text("Step 3 of 5: The 0.5, 1.5 and 3 cun lines")).to_be_visible()
    # A compact bar: Back, Next and End side by side, and the whole back (down to L5) on the first screen.
    tops = [b.bounding_box()["y"] for b in bar.get_by_role("button").all()]
    assert len(tops) == 3 and max(tops) - min(tops) < 1, tops
    assert l5_bottom(page) < page.viewport_size["height"]  # type: ignore[index]
    # No keyboard-shortcut badges on a touch screen.
    expect(page.locator(KBD).first).to_be_attached()
    expect(page.locator(KBD).first).to_be_hidden()
    # The region menu agrees with the step, and Next goes on.
    expect(page.get_by_role("combobox", name="Region")).to_have_value("Middle back, left side")
    nxt = bar.get_by_role("button", name=re.compile("Next"))
    reachable(nxt, max_scroll=0)
    nxt.tap()
    expect(bar.get_by_text("Step 4 of 5: The back-shu points")).to_be_visible()
    expect(page.get_by_role("combobox", name="Region")).to_have_value("Middle back, both sides")
    page.context.close()


def test_the_phone_tour_says_where_its_words_are(browser: Any, app_url: str) -> None:
    page = new_page(browser, "phone")
    page.goto(f"{app_url}/?tour=c7")
    wait_settled(page)
    cue = page.get_by_text("What to say: under the diagrams ↓")
    expect(cue).to_be_visible()
    # ... and there they are, under the diagrams, in the panel.
    words = page.locator(".st-key-map_panel").get_by_text("Every level on the back is counted from one")
    assert words.bounding_box()["y"] > l5_bottom(page)
    page.context.close()


@pytest.mark.parametrize("mode", ["", "&mode=present"])
def test_the_tour_on_a_projector_keeps_the_whole_back_in_view(browser: Any, app_url: str, mode: str) -> None:
    page = new_page(browser, "projector")
    page.goto(f"{app_url}/?tour=back_shu{mode}")
    wait_settled(page)
    expect(page.locator(".st-key-tour_box").get_by_text("Step 4 of 5: The back-shu points")).to_be_visible()
    assert l5_bottom(page) < 1080
    # A keyboard is there: the badges say which key moves on; the cue for a phone is not shown.
    expect(page.locator(KBD).first).to_be_visible()
    expect(page.get_by_text("What to say: under the diagrams ↓")).to_be_hidden()
    expect(page.get_by_role("combobox", name="Region")).to_have_value("Middle back, both sides")
    page.context.close()


#: Whether an element's words are cut (an ellipsis: the text is wider than its box).
CUT_JS = """(el) => [...el.querySelectorAll('*')].some(
  (e) => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth)"""


@pytest.mark.parametrize("path", ["?region=middle_back", "?region=middle_back&audience=patient"])
def test_no_control_is_cut_on_a_tablet(browser: Any, app_url: str, path: str) -> None:
    page = new_page(browser, "tablet")
    page.goto(f"{app_url}/{path}")
    wait_settled(page)
    for name in ("🧭 Tour", "Diagrams (SVG)", "Diagrams (PNG)"):
        button = page.get_by_role("button", name=name)
        button.scroll_into_view_if_needed()
        assert button.evaluate(CUT_JS) is False, name
    page.context.close()


LEGEND_JS = """() => {
  const root = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')].map(h => h.shadowRoot)
    .find(r => r && r.querySelector('.legend'));
  const keys = [...root.querySelectorAll('.legend .key')].map(k => k.getBoundingClientRect());
  return {keys: keys.map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom, h: r.height})),
          vw: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("path", ["?region=middle_back", "?region=middle_back&audience=patient", ""])
def test_the_legend_keys_stay_apart_on_a_phone(browser: Any, app_url: str, path: str) -> None:
    page = new_page(browser, "phone")
    page.goto(f"{app_url}/{path}")
    wait_settled(page)
    legend = page.evaluate(LEGEND_JS)
    keys = legend["keys"]
    assert len(keys) >= 2
    for i, a in enumerate(keys):
        assert a["left"] >= 0 and a["right"] <= legend["vw"], a
        assert a["h"] < 24, a  # one line each
        for b in keys[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    page.context.close()


def font_px(locator: Locator) -> float:
    return float(locator.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)"))


def test_projected_controls_are_read_from_the_back_row(browser: Any, app_url: str) -> None:
    """On a 1080-pixel projector the presenter view's region menu and the class page's captions and menus are
    24 px, as the panel's text is (Streamlit's own 14 px is not read from the back of a room)."""
    page = new_page(browser, "projector")
    page.goto(f"{app_url}/?region=middle_back&mode=present")
    wait_settled(page)
    menu = page.locator(".stMainBlockContainer [data-testid=stSelectbox] input").first
    assert font_px(menu) >= 24
    page.goto(f"{app_url}/class")
    wait_settled(page, with_map=False)
    page.get_by_role("button", name="Start a class").click()
    link = page.get_by_text(re.compile(r"/class\?join=[A-Z2-9]{5}$"))
    expect(link).to_be_visible()
    assert font_px(link) >= 24
    assert font_px(page.locator("[data-testid=stSelectbox] input").first) >= 24
    assert font_px(page.get_by_text("Where does your back hurt? (demo)")) >= 24
    page.context.close()


@pytest.mark.parametrize(
    ("path", "panel"),
    [
        ("", ".acumap-panel [data-scroll=overview]"),
        ("?region=middle_back", ".acumap-panel [data-scroll=region]"),
        ("?region=middle_back&audience=patient", ".acumap-panel [data-scroll=patient]"),
    ],
)
def test_a_phone_panel_ends_before_what_follows_it(browser: Any, app_url: str, path: str, panel: str) -> None:
    """The panel flows with the page on a phone, its wrapper too: nothing below it (the downloads) is drawn over
    its words (the overview's red flags ran under the download buttons when only the panel's box grew)."""
    page = new_page(browser, "phone")
    page.goto(f"{app_url}/{path}")
    wait_settled(page)
    box = page.locator(panel).bounding_box()
    below = page.get_by_role("button", name="Diagrams (SVG)").bounding_box()
    assert box is not None and below is not None
    assert box["y"] + box["height"] <= below["y"], (box, below)
    page.context.close()
