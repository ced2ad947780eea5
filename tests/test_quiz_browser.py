"""The quiz in Chromium: real clicks at computed body positions are scored; a reload keeps the round."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap import anatomy
from acumap.data import load_atlas
from acumap.placement import markers_for
from acumap.quiz import RoundSpec, draw
from tests.mapdom import client_xy
from tests.serving import MAP_READY_JS, wait_settled

pytestmark = pytest.mark.browser
ATLAS = load_atlas()
SPEC = RoundSpec("find", "missed", "BL18,BL20,LI4", 5, True)


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


def settle(page: Page) -> None:
    wait_settled(page, with_map=False)
    page.wait_for_function(MAP_READY_JS)


def position(pid: str, side: str, levels_low: int = 0) -> tuple[str, float, float]:
    point = ATLAS.point(pid)
    m = next(m for m in markers_for(ATLAS, point.view) if m.point.id == pid and m.side == side)
    if not levels_low:
        return point.view, m.x, m.y
    assert point.spine_level is not None
    lower = anatomy.SPINE_LEVELS[anatomy.SPINE_LEVELS.index(point.spine_level) + levels_low]
    return point.view, m.x, anatomy.lower_border_y(lower)


def test_a_round_with_real_clicks(page: Page, app_url: str) -> None:
    order = draw(ATLAS, SPEC)
    assert sorted(order) == ["BL18", "BL20", "LI4"]
    # BL18 on the other (left) side: correct; BL20 one level too low; LI4 exactly.
    plan = {
        "BL18": (position("BL18", "left"), "Correct."),
        "BL20": (position("BL20", "right", levels_low=1), "one level too low"),
        "LI4": (position("LI4", "right"), "Correct."),
    }
    page.goto(f"{app_url}/quiz?round={SPEC.encode()}")
    settle(page)
    for i, pid in enumerate(order):
        expect(page.get_by_role("heading", name=f"Find {pid}")).to_be_visible()
        (view, x, y), verdict = plan[pid]
        page.mouse.click(*client_xy(page, view, x, y))
        expect(page.get_by_text(verdict)).to_be_visible()
        if i == 0:
            # A reload in the middle keeps the round: the attempt is in the link.
            expect(page).to_have_url(
                re.compile(rf"/quiz\?round=find\.missed-BL18%2CBL20%2CLI4\.s5\.lm&a={view}%3A")
            )
            page.reload()
            settle(page)
            expect(page.get_by_text(f"Point 2 of {len(order)}")).to_be_visible()
            continue
        page.get_by_role("button", name="Next point" if i < len(order) - 1 else "See the results").click()
    expect(page.get_by_role("heading", name="Score: 2 of 3")).to_be_visible()
    expect(page.get_by_text("Points to practise: BL20")).to_be_visible()
