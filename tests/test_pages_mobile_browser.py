"""Issue 24 on the Evidence and Safety pages: read on a phone and a tablet held upright, by touch.

The Evidence page fits the screen (each finding a card, not a table that scrolls sideways), prints no "None",
and opens with a list of its sections whose links land on each heading below Streamlit's bar. On the Safety
page each point's code is a link to that point in the point browser, with its name beside it, and never breaks
at its hyphen ("EX-B2-" at a line's end and "T2" below it reads as a vertebra).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.atlas.data import load_atlas
from acumap.safety import CAUTION_TAG_TEXT
from harness.serving import wait_scroll_still, wait_settled
from tests.screens import UNCOVERED_JS, new_page, reachable

pytestmark = pytest.mark.browser

TOUCH_SIZES = ["phone", "tablet"]
NB = "\u2011"  # NON-BREAKING HYPHEN
#: The Evidence page's sections, by their anchors (views/evidence.py SECTIONS), in the page's order.
SECTIONS = ["effect-sizes", "meta-analyses", "neck", "thoracic", "guidelines", "harm", "sources"]

#: Visible elements of the page's content reaching past either edge of the screen (each as tag.class and its
#: left and right), e.g. a table's inner grid that scrolls sideways. Shapes inside an <svg> are left out (the
#: svg clips them: Plotly's invisible drag handles stick out 2.5 px); the <svg> itself is measured.
TOO_WIDE_JS = """() => [...document.querySelectorAll('[data-testid=stMainBlockContainer] *')]
  .filter((el) => !el.ownerSVGElement)
  .map((el) => [el, el.getBoundingClientRect()])
  .filter(([el, r]) => r.width > 0 && r.height > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5))
  .map(([el, r]) => `${el.tagName}.${String(el.className).slice(0, 40)} ${r.left}..${r.right}`)"""
PAGE_WIDTH_JS = "() => [document.scrollingElement.scrollWidth, innerWidth]"
MAIN_TEXT_JS = "() => document.querySelector('[data-testid=stMainBlockContainer]').innerText"
TO_TOP_JS = "() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)"


@pytest.fixture(params=TOUCH_SIZES)
def touch(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = new_page(browser, request.param)
    page.set_default_timeout(30_000)
    yield page
    page.context.close()


def open_evidence(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/evidence")
    wait_settled(page, with_map=False)
    page.locator(".js-plotly-plot .main-svg").first.wait_for()


# --- Evidence -----------------------------------------------------------------------------------------------


def test_the_evidence_page_fits_the_screen_with_a_card_per_finding(touch: Page, app_url: str) -> None:
    open_evidence(touch, app_url)
    cards = touch.locator(".st-key-evidence_cards [class*=st-key-evidence_card_]")
    expect(cards.first).to_be_visible()
    assert cards.count() == 7
    expect(touch.locator(".st-key-evidence_table_wide")).to_be_hidden()
    width, inner = touch.evaluate(PAGE_WIDTH_JS)
    assert width <= inner
    assert touch.evaluate(TOO_WIDE_JS) == []


def test_a_laptop_keeps_the_whole_table(browser: Any, app_url: str) -> None:
    page = new_page(browser, "laptop")
    try:
        open_evidence(page, app_url)
        grid = page.locator(".st-key-evidence_table_wide [data-testid=stDataFrame]")
        expect(grid).to_be_visible()
        expect(page.locator(".st-key-evidence_cards")).to_be_hidden()
        grid.scroll_into_view_if_needed()
        scroller = grid.locator(".dvn-scroller")
        expect(scroller).to_be_visible()
        # All eight columns in view: the grid does not scroll sideways.
        assert scroller.evaluate("(el) => el.scrollWidth <= el.clientWidth + 2")
    finally:
        page.context.close()


def test_the_evidence_page_prints_a_dash_not_none(touch: Page, app_url: str) -> None:
    open_evidence(touch, app_url)
    text = touch.evaluate(MAIN_TEXT_JS)
    assert not re.search(r"\bNone\b", text)
    card = touch.locator(".st-key-evidence_cards [class*=st-key-evidence_card_]").first
    expect(card).to_contain_text("Trials: – · Patients: –")


def test_each_contents_link_lands_on_its_section(touch: Page, app_url: str) -> None:
    open_evidence(touch, app_url)
    links = touch.locator(".st-key-evidence_contents a")
    assert links.evaluate_all("els => els.map(a => a.getAttribute('href'))") == [f"#{a}" for a in SECTIONS]
    height = touch.viewport_size["height"] if touch.viewport_size else 0
    for anchor in SECTIONS:
        touch.evaluate(TO_TOP_JS)  # back to the list, as a reader would scroll up to it
        wait_scroll_still(touch)
        link = links.and_(touch.locator(f'[href="#{anchor}"]'))
        reachable(link, max_scroll=0)  # the list is on the first screen
        link.tap()
        wait_scroll_still(touch)
        heading = touch.locator(f"[data-testid=stMainBlockContainer] h2#{anchor}")
        box = heading.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (anchor, box)
        assert heading.evaluate(UNCOVERED_JS) == "", anchor  # not under Streamlit's bar or the pinned buttons
        assert touch.evaluate("() => location.hash") == f"#{anchor}"
    expect(touch).to_have_url(re.compile(r"/evidence#sources$"))  # the same page all along


# --- Safety -------------------------------------------------------------------------------------------------

ATLAS = load_atlas()
#: An extra point whose code has two hyphens, and a meridian point, both over the lung.
LINKED = ["EX-B2-T5", "BL13"]


def open_safety(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/safety")
    wait_settled(page, with_map=False)
    page.get_by_role("heading", name="Cautions marked on the points").wait_for()


@pytest.mark.parametrize("pid", LINKED)
def test_a_point_s_code_opens_it_in_the_point_browser(touch: Page, app_url: str, pid: str) -> None:
    open_safety(touch, app_url)
    point = ATLAS.point(pid)
    assert point is not None
    link = touch.locator(f'[data-testid=stMainBlockContainer] a[href="/points?point={pid}"]').first
    expect(link).to_have_text(pid.replace("-", NB))
    link.scroll_into_view_if_needed()
    assert link.evaluate(UNCOVERED_JS) == ""
    # Its name beside it: after the code, or after the last code of a run of one name (EX-B2-T1…T12).
    name_after = link.evaluate(
        """(a) => { let el = a;
          while (el.nextSibling && el.nextSibling.textContent.startsWith(', ')) el = el.nextSibling.nextSibling;
          return el.nextSibling.textContent; }"""
    )
    assert name_after.startswith(f"\u00a0{point.pinyin}")
    with touch.expect_popup() as opened:
        link.tap()
    browser_page = opened.value
    try:
        wait_settled(browser_page)
        assert browser_page.url.endswith(f"/points?point={pid}")
        expect(
            browser_page.get_by_role("heading", name=re.compile(rf"^{re.escape(pid)} · {point.pinyin}"))
        ).to_be_visible()
    finally:
        browser_page.close()


def test_no_code_on_the_safety_page_breaks_at_a_hyphen(touch: Page, app_url: str) -> None:
    open_safety(touch, app_url)
    width, inner = touch.evaluate(PAGE_WIDTH_JS)
    assert width <= inner
    links = touch.locator("[data-testid=stMainBlockContainer] a[href^='/points?point=']")
    shown = links.evaluate_all(
        "els => els.map(a => [a.textContent, new URL(a.href).searchParams.get('point'), a.getClientRects().length])"
    )
    assert len(shown) == sum(t in CAUTION_TAG_TEXT for p in ATLAS.points for t in p.caution_tags)
    for text, pid, lines in shown:
        assert text == pid.replace("-", NB)
        assert lines == 1, text  # drawn on one line: it did not break
    # No code anywhere on the page (links, notes, depths) keeps a hyphen a line can break at.
    assert not re.findall(r"\b(?:EX|JJ)-", touch.evaluate(MAIN_TEXT_JS))
    # The page's own font draws U+2011 (no fallback font, no missing-glyph box): one font for the whole code.
    cdp = touch.context.new_cdp_session(touch)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": 'a[href="/points?point=EX-B2-T5"]'})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert len(fonts) == 1 and fonts[0]["isCustomFont"], fonts  # Streamlit's web font, Source Sans
    assert fonts[0]["glyphCount"] == len("EX-B2-T5")
