"""The pain drawing (issue #23) in Debian's Chromium on a touch screen: a finger shades the middle back on both
sides and the left shoulder; the map lights the three regions and their points together; the link reopens the
same drawing; two drawings are compared; a link that cannot be read is said plainly.

The touches are real ones (Chrome DevTools' Input.dispatchTouchEvent): the browser turns them into the pointer
events the map draws with, and would scroll the page instead if the back did not take the finger
(touch-action: none).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Page, expect

from acumap import links, pain, pain_text
from acumap.atlas.data import load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.drawing.assets import load_drawing
from acumap.drawing.svg import map_payload
from harness.mapdom import ON_REGIONS_JS, client_xy, lit
from harness.serving import MAP_READY_JS, wait_for, wait_settled

pytestmark = pytest.mark.browser
TIMEOUT = 30_000
ATLAS = load_atlas()
TABLES = map_payload(ATLAS, {v: load_drawing(v) for v in DIAGRAM_VIEWS}).data

#: The strokes, in the back's cm: across the middle back from the left side to the right, and over the left
#: shoulder blade.
MIDDLE_BACK = [(-10.0 + i, 26.0) for i in range(21)]
LEFT_SHOULDER = [(-18.0 + i, 5.0) for i in range(7)]
#: What they light: the middle back's both-sides choice and the left shoulder's.
CHOICES = ("shoulder_left", "middle_back")

#: The cells the map draws (the drawing Python holds), as "col,row:strength".
CELLS_JS = """() => {
  const root = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')].map(h => h.shadowRoot)
    .filter(Boolean).find(r => r.querySelector('svg[data-view=back] g.pain'));
  if (!root) return null;
  return [...root.querySelectorAll('g.pain rect')].map(r => `${r.getAttribute('x')},${r.getAttribute('y')}:${r.dataset.strength}`).sort();
}"""


@pytest.fixture
def phone(browser: Any) -> Iterator[Page]:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, device_scale_factor=2
    )
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT)
    yield pg
    ctx.close()


#: The map knows what the next stroke does (Python's state has reached it): a strength, or "erase".
TOOL_JS = """() => [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')].map(h => h.shadowRoot)
  .filter(Boolean).map(r => r.querySelector('.acumap[data-draw=on]')).filter(Boolean).map(m => m.dataset.tool || '')[0]"""


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_settled(page, with_map=False)
    page.wait_for_function(MAP_READY_JS)
    page.wait_for_function(TOOL_JS)


#: The strokes drawn in the browser and not yet replaced by Python's cells.
STROKES_JS = """() => [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')].map(h => h.shadowRoot)
  .filter(Boolean).map(r => r.querySelectorAll('svg[data-view=back] g.strokes polyline').length).reduce((a, b) => a + b, 0)"""


def touch_stroke(page: Page, stroke: list[tuple[float, float]], before_lift: Any = None) -> None:
    """Drag one finger along a stroke on the back (body cm), with real touch events; `before_lift(page)` runs
    while the finger is still down."""
    cdp = page.context.new_cdp_session(page)
    first = client_xy(page, "back", *stroke[0])
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": first[0], "y": first[1]}]}
    )
    for x, y in stroke[1:]:
        cx, cy = client_xy(page, "back", x, y)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": cx, "y": cy}]})
    if before_lift is not None:
        before_lift(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def scroll_to_map(page: Page) -> None:
    page.evaluate(
        """() => { const host = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]
          .find(h => h.shadowRoot && h.shadowRoot.querySelector('svg[data-view=back]'));
          host.scrollIntoView({block: 'start'}); }"""
    )


def params(page: Page) -> dict[str, list[str]]:
    """The address's parameters, read in the page (page.url is only brought up to date while Playwright waits)."""
    return parse_qs(str(page.evaluate("() => location.search")).lstrip("?"))


def link_drawing(page: Page, word: str = links.PAIN) -> pain.PainDrawing:
    values = params(page).get(word)
    assert values, f"no {word}= in {page.url}"
    return pain.decode(values[0])


def expected_lit() -> dict[str, str]:
    """Python's own answer: every marker the three regions light, by 'view:point:side', local winning."""
    found = pain.combined_lights(TABLES["lights"], CHOICES)
    return {
        f"{TABLES['view_of'][key.split(' ')[0]]}:{key.replace(' ', ':')}": role for key, role in found.items()
    }


def drawn_at_once(page: Page) -> None:
    """The stroke is on the screen while the finger is still down, before Python has heard of it."""
    assert page.evaluate(STROKES_JS) == 1
    assert links.PAIN not in params(page)


def draw_the_patients_pain(page: Page) -> None:
    scroll_to_map(page)
    touch_stroke(page, MIDDLE_BACK, drawn_at_once)
    wait_for(lambda: links.PAIN in params(page), "the drawing in the link")
    touch_stroke(page, LEFT_SHOULDER)
    wait_for(lambda: set(pain.summarize(link_drawing(page)).choices) == set(CHOICES), "both strokes applied")


def test_a_patient_shades_the_middle_back_and_left_shoulder_and_the_map_lights_all_three(
    phone: Page, app_url: str
) -> None:
    page = phone
    open_page(page, f"{app_url}/{links.PAIN_PAGE}")
    expect(page.get_by_text("Nothing is shaded yet")).to_be_visible()
    draw_the_patients_pain(page)
    drawn = link_drawing(page)
    covered = {c.region for c in pain.covers(drawn)}
    assert covered == {"middle_back_left", "middle_back_right", "shoulder_left"}
    # The three regions are lit together, with the points of each (Python's tables, combined).
    page.wait_for_function(f"({ON_REGIONS_JS})().length === 3")
    assert page.evaluate(ON_REGIONS_JS) == ["middle_back_left", "middle_back_right", "shoulder_left"]
    wait_for(lambda: lit(page) == expected_lit(), "the three regions' points lit")
    shown = lit(page)
    assert shown["back:GB21:left"] == "local" and "back:GB21:right" not in shown  # the left shoulder only
    assert shown["back:BL18:left"] == "local" and shown["back:BL18:right"] == "local"  # both sides
    assert shown["hand:LI4:right"] == "distal"  # a distal point, on the hand
    # The map draws the cells Python holds, one rect a cell.
    cells = page.evaluate(CELLS_JS)
    assert len(cells) == len(drawn.cells)
    # The page says which areas and which points, the shared ones marked.
    for c in pain.covers(drawn):
        expect(page.get_by_text(pain_text.area_label(c.region) + ": about", exact=False)).to_be_visible()
    page.get_by_text(f"{pain_text.area_label('middle_back')}:", exact=False).first.click()
    shared = page.locator("li", has_text="Union Valley (Hégǔ, LI4)").filter(visible=True)
    expect(shared).to_contain_text("Used for 2 of your areas")
    # A reload reopens the same drawing from the link.
    before = page.evaluate(CELLS_JS)
    page.reload()
    page.wait_for_function(MAP_READY_JS)
    page.wait_for_function(TOOL_JS)
    page.wait_for_function(f"(() => {{ const c = ({CELLS_JS})(); return c && c.length === {len(before)}; }})")
    assert page.evaluate(CELLS_JS) == before
    wait_for(lambda: lit(page) == expected_lit(), "the same points lit after a reload")


def test_two_drawings_are_compared_side_by_side(phone: Page, app_url: str) -> None:
    page = phone
    earlier = pain.shade(pain.clear(), MIDDLE_BACK, 6)
    open_page(page, f"{app_url}/{links.PAIN_PAGE}?{links.PAIN}={pain.encode(earlier)}")
    page.get_by_role("button", name="Start a new drawing and compare it with this one").click()
    wait_for(lambda: set(params(page)) == {links.PAIN_EARLIER}, "the drawing kept as the earlier one")
    scroll_to_map(page)
    touch_stroke(page, [(-10.0 + i, 26.0) for i in range(8)])  # today: the left side only
    wait_for(lambda: links.PAIN in params(page), "today's drawing in the link")
    today = link_drawing(page)
    assert link_drawing(page, links.PAIN_EARLIER) == earlier
    found = pain.compare(earlier, today)
    assert found.total.change_cm2 < 0
    expect(page.get_by_text("Compared with your earlier drawing")).to_be_visible()
    # The two drawings side by side, in one picture whose text alternative names both.
    images = page.locator("[data-testid=stImage] img")
    expect(images).to_have_count(1)
    alt = images.get_attribute("alt") or ""
    assert "Your earlier pain drawing:" in alt and "Your pain drawing today:" in alt
    src = images.get_attribute("src") or ""
    picture = (
        base64.b64decode(src.split(",", 1)[1]).decode()
        if src.startswith("data:")
        else page.request.get(src).text()
    )
    assert ">Earlier</text>" in picture and ">Today</text>" in picture
    assert picture.count('width="1" height="1"') == len(earlier.cells) + len(today.cells)
    expect(page.get_by_text(pain_text.change_words(found.total))).to_be_visible()
    for row in found.regions:
        expect(page.get_by_text(pain_text.change_words(row))).to_be_visible()


def test_a_link_that_cannot_be_read_is_said_plainly_and_the_page_still_draws(
    phone: Page, app_url: str
) -> None:
    page = phone
    open_page(page, f"{app_url}/{links.PAIN_PAGE}?{links.PAIN}=1.not-a-drawing")
    expect(page.locator("[data-testid=stAlert]", has_text="The pain drawing in the link")).to_be_visible()
    scroll_to_map(page)
    touch_stroke(page, LEFT_SHOULDER)
    wait_for(lambda: links.PAIN in params(page), "the new drawing in the link")
    assert pain.summarize(link_drawing(page)).choices == ("shoulder_left",)


@pytest.fixture
def laptop(browser: Any) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT)
    yield pg
    ctx.close()


def mouse_stroke(page: Page, stroke: list[tuple[float, float]]) -> None:
    page.mouse.move(*client_xy(page, "back", *stroke[0]))
    page.mouse.down()
    for x, y in stroke[1:]:
        page.mouse.move(*client_xy(page, "back", x, y), steps=2)
    page.mouse.up()


def test_a_mouse_shades_at_the_strength_chosen_erases_and_clears(laptop: Page, app_url: str) -> None:
    page = laptop
    open_page(page, f"{app_url}/{links.PAIN_PAGE}")
    # Strength 8 (the slider's keys), then a stroke across the middle back.
    slider = page.get_by_role("slider", name="How strong is the pain? (0 to 10)")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"({TOOL_JS})() === '8'")
    mouse_stroke(page, MIDDLE_BACK)
    wait_for(lambda: links.PAIN in params(page), "the drawing in the link")
    shaded = link_drawing(page)
    assert {i for _, i in shaded.cells} == {8}
    assert {c.region for c in pain.covers(shaded)} == {"middle_back_left", "middle_back_right"}
    # The eraser takes the left side away.
    page.get_by_test_id("stButtonGroup").get_by_text("Erase").click()
    page.wait_for_function(f"({TOOL_JS})() === 'erase'")
    mouse_stroke(page, [(-10.0 + i / 2, 26.0) for i in range(19)])
    wait_for(lambda: link_drawing(page) != shaded, "the erased drawing in the link")
    assert {c.region for c in pain.covers(link_drawing(page))} == {"middle_back_right"}
    # The map lights what the core decides of what is left (a cell on the spine counts for both sides).
    shapes = sorted(pain.combined_shapes(TABLES["shapes"], pain.summarize(link_drawing(page)).choices))
    page.wait_for_function(f"({ON_REGIONS_JS})().join() === {','.join(shapes)!r}")
    # Clear: nothing shaded, nothing in the link, nothing lit.
    page.get_by_role("button", name="Clear").click()
    wait_for(lambda: links.PAIN not in params(page), "the drawing gone from the link")
    expect(page.get_by_text("Nothing is shaded yet")).to_be_visible()
    page.wait_for_function(f"({CELLS_JS})().length === 0")
    assert lit(page) == {}
