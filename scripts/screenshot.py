"""Screenshots of AcuMap screens in Debian's Chromium, at the sizes its users have.

.venv/bin/python scripts/screenshot.py [out_dir] [screen names...]   (all screens by default)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from acumap import home_plan, links, pain
from acumap.atlas.data import load_atlas
from acumap.quiz import RoundSpec, draw, encode_attempts, shown_marker
from harness.mapdom import client_xy
from harness.serving import MAP_READY_JS, launch_chromium, streamlit_server, wait_scroll_still, wait_settled


def _patch(
    d: pain.PainDrawing, x0: float, x1: float, y0: float, y1: float, strength: int
) -> pain.PainDrawing:
    """A shaded patch of the back, as a finger would shade it: strokes across, 1.5 cm apart."""
    y = y0
    while y <= y1:
        d = pain.shade(d, [(x0, y), (x1, y)], strength)
        y += 1.5
    return d


#: A patient's pain drawing (the middle back on both sides, the left shoulder blade) and an earlier, wider one.
PAIN_TODAY = _patch(_patch(pain.clear(), -9, 9, 22, 30, 7), -19, -12, 3, 8, 5)
PAIN_EARLIER = _patch(_patch(pain.clear(), -11, 11, 20, 34, 8), -20, -11, 2, 10, 6)

SCREENS_ALL = {
    "overview": "",
    "middle_back_left": "?region=middle_back_left",
    "middle_back": "?region=middle_back",
    "neck": "?region=neck",
    "point_BL18": "?region=middle_back&point=BL18",
    "shoulder_right": "?region=shoulder_right",
    "safety": "safety",
    "evidence": "evidence",
    "browser_BL43": "points?point=BL43",
    "browser_SP6": "points?point=SP6",
    "projector_middle_back": "?region=middle_back&mode=present",
    "tour_lines": "?tour=lines&mode=present",
    "patient_overview": "?audience=patient",
    "patient_middle_back_left": "?region=middle_back_left&audience=patient",
    "patient_neck": "?region=neck&audience=patient",
    "patient_point_LI4": "?region=middle_back&point=LI4&audience=patient",
    "red_flags_popup": "?audience=patient",
    "point_GB21": "?region=shoulder&point=GB21",
    "pain_empty": links.PAIN_PAGE,
    "pain_drawing": f"{links.PAIN_PAGE}?{links.PAIN}={pain.encode(PAIN_TODAY)}",
    "pain_compare": (
        f"{links.PAIN_PAGE}?{links.PAIN}={pain.encode(PAIN_TODAY)}&{links.PAIN_EARLIER}={pain.encode(PAIN_EARLIER)}"
    ),
}

#: Screens whose subject is further down the page: the text scrolled to the top of the window.
SCROLL_TO = {"pain_compare": "Compared with your earlier drawing"}

#: Screens reached by pressing a button after the page has loaded.
PRESS = {"red_flags_popup": "When to see a doctor"}

#: Pages without the map (the screenshot waits for their heading only).
NO_MAP = ("safety", "evidence")
#: Pages with a map but not the body map's menu (the screenshot waits for their heading and the map).
OTHER_MAP = (links.PAIN_PAGE,)

#: Quiz screens, reached by a link and (for the feedback) a tap at a computed position.
QUIZ_FIND = RoundSpec("find", "region", "middle_back", 42, True)
QUIZ_NAME = RoundSpec("name", "region", "middle_back", 7, True)
QUIZ_SCREENS = ("quiz_setup", "quiz_feedback", "quiz_name", "quiz_summary")

#: The home plan (issue 23): the patient's page of a plan of three points, its first timer running, and the
#: practitioner's section in the patient view with two points chosen (a picture of the section itself too).
PLAN_IDS = ("GB20", "TE5", "GV20")
PLAN_SCREENS = ("home_plan", "home_plan_practitioner")


def plan_screen(page: Any, url: str, name: str) -> Any:
    """Bring the page to a home plan screen; the part of the page to picture on its own (or None)."""
    if name == "home_plan":
        plan = home_plan.make_plan(load_atlas(), PLAN_IDS)
        page.goto(f"{url}/plan?plan={home_plan.encode_plan(plan)}")
        wait_settled(page, with_map=False)
        page.get_by_role("button", name="Start: press Wind Pool for 60 seconds").click()
        page.get_by_text("Started: press for 60 seconds.").wait_for()
        page.wait_for_function(
            "() => [...document.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)"
            ".some(r => r.querySelector('[role=timer]')?.textContent === '0:58')"
        )
        page.evaluate(
            "() => { for (const el of document.querySelectorAll('*')) if (el.scrollTop) el.scrollTop = 0; }"
        )
        return None
    page.goto(f"{url}/?region=neck&audience=patient")
    wait_settled(page)
    page.get_by_text("Home plan: points the patient can press at home").click()
    wait_settled(page)
    box = page.get_by_role("combobox", name="Points to press at home")
    box.evaluate("(e) => e.scrollIntoView({block: 'center'})")  # room below it for its list
    wait_scroll_still(page)
    for point in ("Wind Pool", "Outer Pass"):
        box.click()
        box.press_sequentially(point)
        page.get_by_role("option", name=point).click()
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Open the patient's page").wait_for()
    wait_settled(page)
    section = page.locator("[data-testid=stExpander]").filter(has_text="Home plan: points the patient")
    section.scroll_into_view_if_needed()
    return section


def quiz_screen(page: Any, url: str, name: str) -> None:
    """Bring the page to a quiz screen: the setup, a missed attempt's feedback, a naming answer, a summary."""
    atlas = load_atlas()
    if name == "quiz_setup":
        page.goto(f"{url}/quiz")
        wait_settled(page, with_map=False)
        page.get_by_role("button", name="Start a round").wait_for()
        page.get_by_text("kept in this browser only").wait_for()
        return
    if name == "quiz_summary":
        # Ten attempts in the link: on the point, then further off, some on the wrong side of the spine.
        attempts = []
        for i, pid in enumerate(draw(atlas, QUIZ_FIND)):
            m = shown_marker(atlas, pid)
            attempts.append((m.point.view, m.x + (i % 3) * 0.9, m.y + (i % 4 - 1) * 1.1))
        page.goto(f"{url}/quiz?round={QUIZ_FIND.encode()}&a={encode_attempts(attempts)}")
        wait_settled(page, with_map=False)
        page.get_by_text("Score:").wait_for()
        page.locator(".js-plotly-plot .main-svg").first.wait_for()
        return
    spec = QUIZ_FIND if name == "quiz_feedback" else QUIZ_NAME
    page.goto(f"{url}/quiz?round={spec.encode()}")
    wait_settled(page, with_map=False)
    page.wait_for_function(MAP_READY_JS)
    pid = draw(atlas, spec)[0]
    if name == "quiz_feedback":
        m = shown_marker(atlas, pid)
        page.locator(f"svg[data-view={m.point.view}]").scroll_into_view_if_needed()
        page.mouse.click(*client_xy(page, m.point.view, m.x + 1.6, m.y + 2.6))
    else:
        page.get_by_role("textbox", name="Its code or name").fill("BL17")
        page.get_by_role("button", name="Check").click()
    page.get_by_text("Not quite").wait_for()
    page.evaluate(
        "() => { for (const el of document.querySelectorAll('*')) if (el.scrollTop) el.scrollTop = 0; }"
    )
    wait_settled(page, with_map=False)


#: phone, tablet, laptop, projector: (width, height, touch)
SIZES = {
    "phone": (390, 844, True),
    "tablet": (820, 1180, True),
    "laptop": (1280, 720, False),
    "projector": (1920, 1080, False),
}


def whole_page(page: Any, path: Path, part: Any = None) -> None:
    """The whole page (or just `part` of it) in one picture: Streamlit scrolls its main area, not the window, so
    the window is made as tall as the page for the picture, then set back."""
    size = page.viewport_size
    tall = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(tall))})
    wait_settled(page, with_map=False)
    (part or page).screenshot(path=str(path))
    page.set_viewport_size(size)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    wanted = [w for w in sys.argv[2:] if w not in SIZES]
    sizes = [s for s in sys.argv[2:] if s in SIZES] or list(SIZES)
    screens = {k: v for k, v in SCREENS_ALL.items() if not wanted or k in wanted}
    quiz = [q for q in QUIZ_SCREENS if not wanted or q in wanted]
    plans = [q for q in PLAN_SCREENS if not wanted or q in wanted]
    out.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for size in sizes:
            width, height, touch = SIZES[size]
            ctx = browser.new_context(
                viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
            )
            page = ctx.new_page()
            for name, suffix in screens.items():
                page.goto(f"{url}/{suffix}")
                wait_settled(page, with_map=not suffix.startswith(NO_MAP + OTHER_MAP))
                if suffix.startswith(OTHER_MAP):
                    page.wait_for_function(MAP_READY_JS)
                if suffix.startswith("evidence"):
                    chart = page.locator(".js-plotly-plot").first
                    chart.locator(".main-svg").first.wait_for()
                    chart.scroll_into_view_if_needed()  # the chart, not only the title, in the picture
                if name in SCROLL_TO:
                    page.get_by_text(SCROLL_TO[name]).evaluate("(el) => el.scrollIntoView({block: 'center'})")
                    wait_settled(page, with_map=False)
                if name in PRESS:
                    page.get_by_role("button", name=PRESS[name]).click()
                    page.locator("[data-testid=stPopoverBody]").wait_for()
                page.screenshot(
                    path=str(out / f"{name}_{width}x{height}.png"), full_page=size in ("phone", "tablet")
                )
            for name in plans:
                part = plan_screen(page, url, name)
                page.screenshot(path=str(out / f"{name}_{width}x{height}.png"))
                if part is not None:
                    whole_page(page, out / f"{name}_section_{width}x{height}.png", part)
                elif size in ("phone", "tablet"):
                    whole_page(page, out / f"{name}_{width}x{height}_full.png")
            for name in quiz:
                quiz_screen(page, url, name)
                page.screenshot(
                    path=str(out / f"{name}_{width}x{height}.png"), full_page=size in ("phone", "tablet")
                )
            ctx.close()
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
