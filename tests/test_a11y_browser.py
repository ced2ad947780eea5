"""Accessibility: axe-core (bundled by axe-playwright-python, injected into the page) finds no serious or
critical violation on any page, in any mode, at a phone's and a laptop's size, in Debian's Chromium: the body
map (student, patient, presenter, a tour step, a region, a point), the point browser, the quiz (its setup and a
round), the class (the teacher's first screen, a student waiting, a student's question), Evidence, Safety and a
patient's home plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from acumap import home_plan, pain
from acumap.atlas.data import load_atlas
from acumap.classroom import ClassStore
from harness.serving import MAP_READY_JS, wait_settled
from ui.class_store import database_url

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "laptop": (1280, 720)}
#: A pain drawing (the middle back on both sides) and an earlier one, for the pain page's link.
_PAIN = pain.shade(pain.clear(), [(-9.0, 26.0), (9.0, 26.0)], 7)
_EARLIER = pain.shade(_PAIN, [(-18.0, 5.0), (-12.0, 5.0)], 4)
#: A patient's home plan of two points (its page has a press timer per card).
PLAN = home_plan.encode_plan(home_plan.make_plan(load_atlas(), ["GB20", "TE5"]))
# (name, address, whether the page has the map, what must be on the page: it is the page meant, not an error)
SCREENS = [
    ("map", "", True, "Where does it hurt?"),
    ("region", "?region=middle_back_left", True, "Middle back"),
    ("point", "?point=BL18", True, "BL18"),
    ("patient", "?audience=patient", True, "Where does it hurt?"),
    ("patient region", "?region=neck&audience=patient", True, "Neck"),
    ("presenter", "?region=neck&mode=present", True, "Neck"),
    ("tour step", "?tour=back_shu", True, "Step 4 of 5"),
    ("point browser", "points?point=BL43", True, "BL43"),
    ("quiz setup", "quiz", False, "Start a round"),
    ("quiz round", "quiz?round=find.region-neck.s3.lm", True, "Point 1 of"),
    ("class start", "class", False, "Start a class"),
    ("class waiting", "class?join={waiting}", False, "You are in"),
    ("class question", "class?join={asked}", True, "Question 1: Tap where LI4 is"),
    ("pain drawing", "pain", True, "Nothing is shaded yet"),
    (
        "pain compared",
        f"pain?pain={pain.encode(_PAIN)}&earlier={pain.encode(_EARLIER)}",
        True,
        "Compared with your earlier drawing",
    ),
    ("evidence", "evidence", False, "Evidence: what trials found"),
    ("safety", "safety", False, "Safety, landmarks and sources"),
    ("home plan", f"plan?plan={PLAN}", False, "1. Wind Pool"),
]


@pytest.fixture(scope="module")
def classes(app_url: str) -> Iterator[dict[str, str]]:
    """Two classes in the app's own class database: one waiting for its first question, one asking LI4."""
    store = ClassStore(database_url())
    waiting, asked = store.start(), store.start()
    store.ask(asked, "point", "LI4")
    yield {"waiting": waiting, "asked": asked}
    store.end(waiting)
    store.end(asked)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("name", "path", "with_map", "shows"), SCREENS, ids=[s[0] for s in SCREENS])
def test_no_serious_or_critical_axe_violation(
    browser: Any,
    app_url: str,
    classes: dict[str, str],
    size: str,
    name: str,
    path: str,
    with_map: bool,
    shows: str,
) -> None:
    width, height = SIZES[size]
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    try:
        page.goto(f"{app_url}/{path.format(**classes)}")
        wait_settled(page, with_map=False)  # (not every page with the map has the region menu it waits for)
        if with_map:
            page.wait_for_function(MAP_READY_JS, timeout=30_000)
        page.get_by_text(shows).first.wait_for(timeout=30_000)
        results = Axe().run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, "\n".join(bad)
        if with_map:
            # The map itself was checked, not skipped: axe went into its shadow root (a node's target there is
            # a list of selectors: the component's host, then the node inside it).
            checked = [
                n
                for key in ("passes", "incomplete", "violations")
                for r in results.response[key]
                for n in r["nodes"]
            ]
            inside = [
                t
                for n in checked
                for t in n["target"]
                if isinstance(t, list) and "stBidiComponentIsolated" in t[0]
            ]
            assert inside, "axe saw nothing inside the map's shadow root"
    finally:
        page.context.close()
