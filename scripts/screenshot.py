"""Screenshots of AcuMap screens in Debian's Chromium: `python scripts/screenshot.py [out_dir]`."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.serving import launch_chromium, streamlit_server

SCREENS_ALL = {
    "overview": "",
    "middle_back_left": "?region=middle_back_left",
    "neck": "?region=neck",
    "point_BL18": "?region=middle_back&point=BL18",
    "safety": "safety",
    "browser_BL43": "points?point=BL43",
    "browser_SP6": "points?point=SP6",
    "shoulder_right": "?region=shoulder_right",
    "projector_middle_back": "?region=middle_back&mode=projector",
}


def main() -> None:
    """Usage: screenshot.py [out_dir] [screen names...] (all screens by default)."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    wanted = sys.argv[2:]
    screens = {k: v for k, v in SCREENS_ALL.items() if not wanted or k in wanted}
    out.mkdir(parents=True, exist_ok=True)
    sizes = [(1280, 720), (1920, 1080)]
    with streamlit_server() as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for width, height in sizes:
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, suffix in screens.items():
                page.goto(f"{url}/{suffix}")
                page.wait_for_selector(".js-plotly-plot, h1", timeout=30000)
                page.wait_for_function("document.querySelectorAll('[data-stale=\"true\"]').length === 0")
                page.wait_for_timeout(800)  # let Plotly finish drawing before the picture
                page.screenshot(path=str(out / f"{name}_{width}x{height}.png"))
            page.close()
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
