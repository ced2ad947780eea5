"""Share with the class: the view's link and its QR code. The code is read back with zbarimg (Debian's
zbar-tools) from a real Chromium screenshot of the dialog, and must equal the link of the view on screen."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from acumap.links import share_link
from acumap.share import breakable_html, qr_png
from harness.serving import wait_settled
from tests.builders import png_chunks, png_grey_rows

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


#: The last character of each line but the last of an element's text, from each character's box.
LINE_ENDS_JS = """(el) => {
  const text = el.firstChild ? el.textContent : '';
  const ends = [];
  let top = null, prev = null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      const box = r.getBoundingClientRect();
      if (top !== null && box.top > top + 2) ends.push(prev);
      top = box.top; prev = node.data[i];
    }
  }
  return ends;
}"""


def zbar(png: Path) -> str:
    """The text of the one QR code in a PNG (zbarimg --raw), or '' when none can be read."""
    run = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=False
    )
    return run.stdout.strip()


@pytest.mark.parametrize(
    ("app", "page", "params", "want"),
    [
        ("http://127.0.0.1:8501/", "", {"region": "neck"}, "http://127.0.0.1:8501/?region=neck"),
        (
            "http://10.0.0.5:8501/acumap/",
            "points",
            {"point": "BL43"},
            "http://10.0.0.5:8501/acumap/points?point=BL43",
        ),
        (
            "http://10.0.0.5:8501/acumap/points",
            "points",
            {"point": "BL43"},
            "http://10.0.0.5:8501/acumap/points?point=BL43",
        ),
        (
            "https://acumap.example/",
            "",
            # The presenter mode is the projector's layout, not the view: every phone would get it.
            {"mode": "present", "embed_options": "x", "region": "middle_back_left", "point": "BL18"},
            "https://acumap.example/?region=middle_back_left&point=BL18",
        ),
        (
            "http://h/",
            "quiz",
            {"round": "find.region-neck.s4.lm", "a": "back:1:2~hand:0:0"},
            "http://h/quiz?round=find.region-neck.s4.lm&a=back:1:2~hand:0:0",
        ),
        # A page named with its slashes, and the body map (no page) under a path.
        ("http://h/", "/class/", {"join": "AB234"}, "http://h/class?join=AB234"),
        ("http://h/school/", "", {}, "http://h/school/"),
    ],
)
def test_share_link_keeps_the_view_and_drops_the_rest(
    app: str, page: str, params: dict[str, str], want: str
) -> None:
    assert share_link(app, page, params) == want


def test_a_shown_address_breaks_only_after_its_separators() -> None:
    link = "http://h/quiz?round=find.region-neck&a=back:1:2&x=<b>&tour=EX-B2_T5"
    shown = breakable_html(link)
    span = '<span style="white-space: nowrap">{}</span>'.format
    pieces = ["http:", "/", "/", "h/", "quiz?", "round=", "find.", "region-neck&amp;", "a=", "back:", "1:"]
    pieces += ["2&amp;", "x=", "&lt;b&gt;&amp;", "tour=", "EX-B2_", "T5"]
    assert shown == "<wbr>".join(span(p) for p in pieces)


def test_the_qr_code_reads_back_as_the_link(tmp_path: Path) -> None:
    link = "http://127.0.0.1:8501/?region=middle_back_left&point=BL18&mode=projector"
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png(link))
    assert zbar(png) == link


@pytest.mark.parametrize("link", ["http://h/", "http://h/?region=neck"])
def test_a_short_link_is_a_full_qr_code_a_phone_reads(tmp_path: Path, link: str) -> None:
    """A link short enough for a Micro QR code still gets a full one: phone cameras do not read Micro QR."""
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png(link))
    assert zbar(png) == link


#: 48 characters: a version 3 code at level L, version 4 at level M.
LINK_48 = "http://192.168.1.20:8501/?region=upper_back_left"


def test_the_qr_code_has_error_correction_level_m() -> None:
    rows = png_grey_rows(qr_png(LINK_48, scale=1))
    # The format information's first two modules beside the top-left finder (ISO/IEC 18004, masked with 10):
    # dark then light is level M (L would be dark, dark).
    assert rows[4 + 8][4 : 4 + 2] == [0, 1]


def test_the_qr_code_has_a_four_module_white_quiet_zone_on_an_opaque_background() -> None:
    png = qr_png(LINK_48, scale=1)
    rows = png_grey_rows(png)
    assert len(rows) == len(rows[0]) == 33 + 2 * 4  # version 4 is 33 modules across
    quiet = [rows[r][c] for r in range(len(rows)) for c in range(len(rows)) if min(r, c, 40 - r, 40 - c) < 4]
    assert set(quiet) == {1}
    assert rows[4][4:11] == [0] * 7  # the finder pattern starts right after it
    # White, not transparent: a code on a dark page must still scan.
    assert b"tRNS" not in png_chunks(png)


def _same_view(a: str, b: str) -> None:
    sa, sb = urlsplit(a), urlsplit(b)
    assert (sa.scheme, sa.netloc, sa.path) == (sb.scheme, sb.netloc, sb.path)
    assert sorted(parse_qsl(sa.query)) == sorted(parse_qsl(sb.query))


@pytest.mark.browser
@pytest.mark.parametrize(
    ("device", "query"),
    [(PROJECTOR, "?region=neck&mode=projector"), (PHONE, "points?point=BL43")],
    ids=["projector-map", "phone-browser"],
)
def test_share_shows_the_current_link_as_a_qr_code_that_scans(
    browser: Any, app_url: str, tmp_path: Path, device: dict[str, Any], query: str
) -> None:
    page = browser.new_context(**device).new_page()
    try:
        page.goto(f"{app_url}/{query}")
        wait_settled(page)
        page.get_by_role("button", name="📣 Share").click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text("Share this view with the class")).to_be_visible()
        shown = dialog.locator("code").inner_text().strip()
        # The view on screen, less the presenter mode (the projector's layout, not for the class's phones).
        on_screen = urlsplit(page.url)
        kept = [(k, v) for k, v in parse_qsl(on_screen.query) if k != "mode"]
        _same_view(shown, on_screen._replace(query=urlencode(kept)).geturl())
        assert "mode=" not in shown
        address = dialog.locator(".address")
        assert address.inner_text().replace("\n", "") == shown
        # The words as large as the address.
        words = dialog.get_by_text("Scan the code with a phone's camera")
        size = "(el) => parseFloat(getComputedStyle(el).fontSize)"
        assert words.evaluate(size) == address.evaluate(size) >= 22
        image = dialog.locator("img").first
        expect(image).to_be_visible()
        box = image.bounding_box()
        assert box is not None and box["width"] >= (440 if device is PROJECTOR else 300)
        shot = tmp_path / "qr.png"
        image.screenshot(path=str(shot))
        assert zbar(shot) == shown
    finally:
        page.context.close()


@pytest.mark.browser
def test_a_long_address_wraps_only_after_its_separators_on_a_phone(browser: Any, app_url: str) -> None:
    page = browser.new_context(**PHONE).new_page()
    try:
        page.goto(f"{app_url}/quiz?round=find.missed-BL18%2CEX-B2-T5%2CLI4.s5.lm")
        page.get_by_role("button", name="📣 Share").click()
        address = page.get_by_role("dialog").locator(".address")
        expect(address).to_contain_text("EX-B2-T5")
        ends = address.evaluate(LINE_ENDS_JS)
        assert len(ends) >= 2  # it wraps on a phone ...
        assert set(ends) <= set("/?&=_,.~:")  # ... only after a separator, never inside a word or a code
        assert address.evaluate("(el) => el.scrollWidth <= el.clientWidth")  # and no piece runs off the side
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "device", [PHONE, {"viewport": {"width": 1280, "height": 720}}], ids=["phone", "laptop"]
)
def test_the_share_button_sits_in_the_top_bar_beside_the_red_flags(
    browser: Any, app_url: str, device: dict[str, Any]
) -> None:
    page = browser.new_context(**device).new_page()
    try:
        page.goto(f"{app_url}/?region=neck")
        wait_settled(page)
        share = page.get_by_role("button", name="📣 Share").bounding_box()
        flags = page.get_by_role("button", name="When to see a doctor").bounding_box()
        assert share is not None and flags is not None
        assert share["y"] < 60 and flags["y"] < 60  # in the top bar
        assert share["x"] + share["width"] <= flags["x"]  # beside, not over, the red flags
        assert share["x"] >= 48  # clear of the navigation's menu button on a phone
    finally:
        page.context.close()
