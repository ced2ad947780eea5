"""The screens people use (phone, tablet, laptop, projector) and what a browser test checks on them: a control reached
with at most a screen of scrolling and not covered; a class started by the teacher."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page, expect

from harness.serving import wait_settled

TIMEOUT = 30_000

SIZES = {
    "phone": (390, 844, True),
    "tablet": (820, 1180, True),
    "laptop": (1280, 720, False),
    "projector": (1920, 1080, False),
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


def start_class(teacher: Any, app_url: str) -> str:
    """The teacher opens the class page and starts a class; its code as shown."""
    teacher.goto(f"{app_url}/class")
    wait_settled(teacher, with_map=False)
    teacher.get_by_role("button", name="Start a class").click()
    code_text = teacher.get_by_text(re.compile(r"^Code: [A-Z2-9]{5}$"))
    expect(code_text).to_be_visible(timeout=TIMEOUT)
    return str(code_text.inner_text().split()[-1])
