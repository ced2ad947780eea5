"""The quiz in Chromium: real clicks at computed body positions are scored; a reload keeps the round."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import markers_for
from acumap.body import anatomy
from acumap.body.scales import CM_PER_CUN_ACROSS
from acumap.quiz import RoundSpec, draw, shown_marker
from harness.mapdom import client_xy
from harness.serving import MAP_READY_JS, wait_settled

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


def shadow_eval(page: Page, body: str) -> Any:
    """Run `body` (a function of the quiz map's shadow root) in the page."""
    return page.evaluate(
        f"""() => {{
      const roots = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]
        .map((h) => h.shadowRoot).filter((r) => r && r.querySelector('svg[data-view]'));
      return ({body})(roots[0]);
    }}"""
    )


def check(page: Page, answer: str) -> None:
    box = page.get_by_role("textbox", name="Its code or name")
    box.fill(answer)
    expect(box).to_have_value(answer)
    page.get_by_role("button", name="Check").click()


def test_a_naming_round_typed_and_picked_then_the_misses_from_this_browser(page: Page, app_url: str) -> None:
    spec = RoundSpec("name", "missed", "BL18,BL20,LI4", 3, True)
    order = draw(ATLAS, spec)
    assert sorted(order) == ["BL18", "BL20", "LI4"]
    page.goto(f"{app_url}/quiz?round={spec.encode()}")
    settle(page)
    for i, pid in enumerate(order):
        view = ATLAS.point(pid).view
        expect(
            page.get_by_role("heading", name=f"Name the point marked on the {view} diagram")
        ).to_be_visible()
        # The point asked is shown where it is: the marker's centre is the point's position on its diagram.
        settle(page)
        m = shown_marker(ATLAS, pid)
        # The marker's centre reaches the point's position through the diagram's CTM (the state arrives just
        # after the page's text, so this waits for it; a marker elsewhere times out).
        page.wait_for_function(
            f"""() => {{
              const root = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]
                .map((h) => h.shadowRoot).find((r) => r && r.querySelector('svg[data-view={view}]'));
              const marker = root && root.querySelector('.attempt .truth.asked');
              if (!marker) return false;
              const p = new DOMPoint({m.x}, {m.y}).matrixTransform(root.querySelector('svg[data-view={view}]').getScreenCTM());
              const r = marker.getBoundingClientRect();
              return Math.hypot(r.left + r.width / 2 - p.x, r.top + r.height / 2 - p.y) < 1.5;
            }}""",
            timeout=5_000,
        )
        if pid == "BL18":
            check(page, "Hanshu")  # one letter from Ganshu (BL18) and from Danshu (BL19): which one?
            expect(page.get_by_text("Which one do you mean: BL18 Gānshū, BL19 Dǎnshū?")).to_be_visible()
            check(page, "gansu")  # no tone marks, one letter missing
            expect(page.get_by_text("Correct. It is BL18 Gānshū (Liver Shu).")).to_be_visible()
        elif pid == "LI4":
            page.get_by_role("combobox", name="or pick it from the list").click()
            page.keyboard.type("Union")  # the list is long: narrow it, as a student would
            page.get_by_role("option", name="LI4 · Hégǔ · Union Valley").click()
            page.get_by_role("button", name="Check").click()
            expect(page.get_by_text("Correct. It is LI4 Hégǔ (Union Valley).")).to_be_visible()
        else:
            check(page, "bl 21")
            expect(page.get_by_text("BL21 lies one level too low")).to_be_visible()
        if i == 0:
            expect(page).to_have_url(
                re.compile(rf"/quiz\?round=name\.missed-BL18%2CBL20%2CLI4\.s3\.lm&a={pid}$")
            )
            page.reload()
            settle(page)
            expect(page.get_by_text(f"Point 2 of {len(order)}")).to_be_visible()
            continue
        page.get_by_role("button", name="Next point" if i < len(order) - 1 else "See the results").click()
    expect(page.get_by_role("heading", name="Score: 2 of 3")).to_be_visible()
    expect(page.get_by_text("Points to practise: BL20")).to_be_visible()

    # The history is in this browser's storage: every answer made here, once, the reload notwithstanding.
    kept = json.loads(page.evaluate("localStorage.getItem('acumap.quiz.history')"))
    assert sorted((item["p"], item["ok"]) for item in kept) == [
        ("BL18", True),
        ("BL20", False),
        ("LI4", True),
    ]
    # A new round of the points this browser misses most: BL20.
    page.goto(f"{app_url}/quiz")
    wait_settled(page, with_map=False)
    expect(page.get_by_text("3 answers from earlier rounds are kept in this browser only")).to_be_visible()
    # The page has heard from the browser's storage (the review's cards too): no run is left to close a list.
    expect(page.get_by_text("new cards left today")).to_be_visible()
    page.get_by_role("combobox", name="Points from").click()
    page.get_by_role("option", name="The points I miss most (1)").click()
    page.get_by_role("button", name="Start a round").click()
    expect(page).to_have_url(re.compile(r"/quiz\?round=find\.missed-BL20\.s\d+\.lm$"))
    expect(page.get_by_role("heading", name="Find BL20")).to_be_visible()
    # Forgetting it empties the storage, and the option goes.
    page.goto(f"{app_url}/quiz")
    wait_settled(page, with_map=False)
    page.get_by_role("button", name="Forget my quiz history").click()
    expect(page.get_by_text("Your answers will be kept in this browser only")).to_be_visible()
    wait_settled(page, with_map=False)
    assert page.evaluate("localStorage.getItem('acumap.quiz.history')") is None
    page.get_by_role("combobox", name="Points from").click()
    expect(page.get_by_role("option", name="A region")).to_be_visible()
    expect(page.get_by_role("option", name=re.compile("The points I miss most"))).to_have_count(0)


def test_an_attempt_by_keyboard(page: Page, app_url: str) -> None:
    spec = RoundSpec("find", "missed", "GV9,BL17", 2, True)
    assert draw(ATLAS, spec) == ["GV9", "BL17"]
    page.goto(f"{app_url}/quiz?round={spec.encode()}")
    settle(page)
    # Tab to the back diagram; the cross starts in the middle of the drawing.
    shadow_eval(page, "(root) => { window.__quizSvg = root.querySelector('svg[data-view=back]'); }")
    page.locator("svg[data-view=back]").focus()
    vb = shadow_eval(
        page,
        "(root) => { const b = root.querySelector('svg[data-view=back]').viewBox.baseVal;"
        " return [b.x + b.width / 2, b.y + b.height / 2]; }",
    )
    m = shown_marker(ATLAS, "GV9")
    step = CM_PER_CUN_ACROSS["back"] * 0.25
    sideways, down = round((m.x - vb[0]) / step), round((m.y - vb[1]) / step)
    for _ in range(abs(sideways)):
        page.keyboard.press("ArrowRight" if sideways > 0 else "ArrowLeft")
    for _ in range(abs(down)):
        page.keyboard.press("ArrowDown" if down > 0 else "ArrowUp")
    assert (
        shadow_eval(page, "(root) => root.querySelector('.sr').textContent")
        == "Cross below the spinous process of T7, on the midline."
    )
    page.keyboard.press("Enter")
    expect(page.get_by_text("Correct.")).to_be_visible()
    # The verdict came above the map without mounting it again (the same drawing is still in the page).
    assert page.evaluate("window.__quizSvg.isConnected")
    # The next question: the focus is back on the diagram, the old cross gone, so Enter cannot resend it.
    page.get_by_role("button", name="Next point").click()
    expect(page.get_by_role("heading", name="Find BL17")).to_be_visible()
    settle(page)
    assert shadow_eval(
        page,
        "(root) => [root.activeElement && root.activeElement.dataset.view, root.querySelectorAll('.kcursor, .attempt').length]",
    ) == ["back", 0]


def test_answers_brought_by_a_shared_link_are_not_kept_as_this_browsers(page: Page, app_url: str) -> None:
    spec = RoundSpec("name", "missed", "BL18,LI4", 3, True)
    page.goto(f"{app_url}/quiz?round={spec.encode()}&a={draw(ATLAS, spec)[0]}")
    settle(page)
    expect(page.get_by_text("Point 2 of 2")).to_be_visible()
    check(page, "LI4" if draw(ATLAS, spec)[1] == "LI4" else "BL18")
    expect(page.get_by_text("Correct.")).to_be_visible()
    # Only the answer given here is kept: the first came with the link (someone else's).
    kept = json.loads(page.evaluate("localStorage.getItem('acumap.quiz.history')"))
    assert [(item["i"], item["p"]) for item in kept] == [(1, draw(ATLAS, spec)[1])]


def test_a_student_downloads_a_regions_anki_deck(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(f"{app_url}/quiz")
    wait_settled(page, with_map=False)
    expect(page.get_by_text("new cards left today")).to_be_visible()  # the browser's review cards are read
    section = page.locator(".st-key-anki")
    expect(section.get_by_text("Study in Anki")).to_be_visible()
    # Chosen by typing, as a keyboard user would: the list at the foot of the page closed as the page scrolled
    # to it when opened with a click (in full runs).
    box = section.get_by_role("combobox")
    box.scroll_into_view_if_needed()
    box.click()
    box.press_sequentially("Middle")
    page.keyboard.press("Enter")
    button = section.get_by_role("button", name="Anki deck · 26 points (.apkg)")
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "acumap-middle_back.apkg"
    apkg = tmp_path / "deck.apkg"
    download.save_as(apkg)
    with zipfile.ZipFile(apkg) as z:
        (tmp_path / "collection.anki2").write_bytes(z.read("collection.anki2"))
        media = json.loads(z.read("media"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        codes = sorted(f.split("\x1f")[0] for (f,) in db.execute("select flds from notes"))
        cards = db.execute("select count(*) from cards").fetchone()[0]
    finally:
        db.close()
    assert len(codes) == 26 and cards == 52
    assert {"BL18", "GV9", "BL40", "EX-B2 at T9"} <= set(codes)
    assert "acumap-BL18-back.svg" in media.values()
