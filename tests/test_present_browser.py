"""The presenter view (`?mode=present`) in Debian's Chromium: what the back row of a class sees.

At 1920x1080 every label on the diagrams is at least 28 px high and the panel's text at least 24 px; at 1280x720
the whole back, C7 to the tip of the sacrum, and the panel are on one screen; black on white; no downloads."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from acumap.body import anatomy
from harness.mapdom import client_xy
from harness.serving import wait_settled

pytestmark = pytest.mark.browser
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
SMALL_PROJECTOR = {"viewport": {"width": 1280, "height": 720}}
SACRUM_TIP_Y = 59.8  # assets/body_back.svg, path "sacrum"

#: On screen, in px: the height of every lit point's label box, the font size of every other text on the diagrams
#: (the spine ladder, the cun marks, the orientation notes, the side letters, the landmark numbers) and of the
#: diagram captions.
LABELS_JS = """() => {
  const root = [...document.querySelectorAll('*')].map(e => e.shadowRoot || e)
    .find(r => r.querySelector && r.querySelector('svg[data-view=back]')) || document;
  const shown = (sel) => [...root.querySelectorAll(sel)].filter(e => e.getClientRects().length);
  const h = (sel) => shown(sel).map(e => [sel, e.textContent, e.getBoundingClientRect().height]);
  // A text's size on screen: its font size times the scale its group is drawn at.
  const f = (sel) => shown(sel).map(e => [sel, e.textContent, parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a]);
  return {
    boxes: h('.lbl rect'),
    texts: [...f('.lvl'), ...f('.cun'), ...f('.note'), ...f('.side'), ...f('.lm .num')],
    captions: [...root.querySelectorAll('figcaption')].map(e => [e.textContent, parseFloat(getComputedStyle(e).fontSize)]),
    ink: getComputedStyle(root.querySelector('svg[data-view=back] .body .outline')).stroke,
  };
}"""

#: Font sizes of the panel's text (every paragraph and list item of the region's list).
PANEL_JS = """() => [...document.querySelectorAll('.acumap-panel [data-scroll=region] :is(p, li)')]
  .filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))"""


def open_present(browser: Any, device: dict[str, Any], url: str) -> Any:
    page = browser.new_context(**device).new_page()
    page.goto(url)
    wait_settled(page)
    return page


@pytest.mark.parametrize("region", ["middle_back", "neck"])
def test_at_1920_every_label_is_28px_and_the_panel_text_24px(browser: Any, app_url: str, region: str) -> None:
    page = open_present(browser, PROJECTOR, f"{app_url}/?region={region}&mode=present")
    try:
        got = page.evaluate(LABELS_JS)
        assert len(got["boxes"]) >= 10  # the lit points are labelled
        for sel, text, height in got["boxes"] + got["texts"]:
            assert height >= 28, (sel, text, height)
        for text, size in got["captions"]:
            assert size >= 28, (text, size)
        assert got["ink"] == "rgb(0, 0, 0)"  # high contrast: black outlines
        sizes = page.evaluate(PANEL_JS)
        assert len(sizes) >= 5 and min(sizes) >= 24, sizes
    finally:
        page.context.close()


def test_at_1280x720_the_whole_back_and_the_panel_fit_one_screen(browser: Any, app_url: str) -> None:
    page = open_present(browser, SMALL_PROJECTOR, f"{app_url}/?region=middle_back&mode=present")
    try:
        _, c7 = client_xy(page, "back", 0, anatomy.level_y("C7"))
        _, sacrum = client_xy(page, "back", 0, SACRUM_TIP_Y)
        assert c7 > 0 and sacrum <= 720, (c7, sacrum)
        heading = page.get_by_role("heading", name="Middle back, both sides").bounding_box()
        points = page.locator(".acumap-panel [data-scroll=region]").bounding_box()
        assert heading is not None and points is not None
        assert heading["y"] + heading["height"] <= 720
        assert (
            points["height"] >= 250 and points["y"] + points["height"] <= 720
        )  # the whole list box on screen
    finally:
        page.context.close()


def test_controls_are_out_of_the_way_and_the_toggle_writes_mode_present(browser: Any, app_url: str) -> None:
    page = open_present(browser, PROJECTOR, f"{app_url}/?region=neck")
    try:
        expect(page.get_by_role("button", name="Download the handout (PDF)")).to_have_count(0)
        expect(page.get_by_role("heading", name="AcuMap · neck and back points")).to_be_visible()
        page.get_by_text("Presenter", exact=True).click()
        page.wait_for_function("() => location.search.includes('mode=present')")
        wait_settled(page)
        expect(page.get_by_role("heading", name="AcuMap · neck and back points")).to_have_count(0)
        expect(page.get_by_role("button", name="Diagrams (SVG)")).to_have_count(0)
    finally:
        page.context.close()
