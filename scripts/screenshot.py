"""Screenshots of AcuMap screens in Debian's Chromium, at the sizes its users have.

.venv/bin/python scripts/screenshot.py [out_dir] [screen names...]   (all screens by default)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.serving import launch_chromium, streamlit_server, wait_settled

SCREENS_ALL = {
    "overview": "",
    "middle_back_left": "?region=middle_back_left",
    "middle_back": "?region=middle_back",
    "neck": "?region=neck",
    "point_BL18": "?region=middle_back&point=BL18",
    "shoulder_right": "?region=shoulder_right",
    "safety": "safety",
    "browser_BL43": "points?point=BL43",
    "browser_SP6": "points?point=SP6",
    "projector_middle_back": "?region=middle_back&mode=projector",
}

#: phone, tablet, laptop, projector: (width, height, touch)
SIZES = {
    "phone": (390, 844, True),
    "tablet": (820, 1180, True),
    "laptop": (1280, 720, False),
    "projector": (1920, 1080, False),
}


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    wanted = [w for w in sys.argv[2:] if w not in SIZES]
    sizes = [s for s in sys.argv[2:] if s in SIZES] or list(SIZES)
    screens = {k: v for k, v in SCREENS_ALL.items() if not wanted or k in wanted}
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
                wait_settled(page, with_map=not suffix.startswith("safety"))
                page.screenshot(
                    path=str(out / f"{name}_{width}x{height}.png"), full_page=size in ("phone", "tablet")
                )
            ctx.close()
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
