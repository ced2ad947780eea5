"""Running the app headless with Streamlit's AppTest, and reading what it wrote (and a downloaded PDF)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from streamlit.testing.v1 import AppTest

from acumap.panel import keys_for
from tests.builders import ROOT

APP = str(ROOT / "app.py")


def run_app(params: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        # st.navigation must have run once before AppTest can switch to one of its pages.
        at.run()
        at.switch_page(page)
        for key, value in (params or {}).items():  # switching pages starts from an address without them
            at.query_params[key] = value
    at.run()
    return at


def all_markdown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption]
    parts += [e.value for e in at.info] + [e.value for e in at.warning] + [e.value for e in at.error]
    # Markup written by acumap.panel: the map's panel (in the browser) and the point browser's details.
    parts += [html_text(panel_html(at))] + [html_text(e.proto.body) for e in at.get("html")]
    return "\n".join(str(p) for p in parts)


def pdf_pages(pdf: bytes) -> list[tuple[float, float, str, int]]:
    """Each page's size, its text (whitespace collapsed) and how many raster images it holds."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    for page in doc:
        text = " ".join(page.get_textpage().get_text_range().split())
        images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5))
        out.append((round(page.get_width(), 1), round(page.get_height(), 1), text, images))
    doc.close()
    return out


class _Text(HTMLParser):
    """The text of markup, as a reader sees it: block elements and line breaks start a new line."""

    BLOCKS = frozenset({"p", "li", "h3", "h4", "div", "summary", "br", "ul", "details", "section"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return "\n".join(" ".join(line.split()) for line in "".join(parser.parts).split("\n") if line.strip())


def component_data(at: AppTest, key: str) -> dict[str, Any] | None:
    for element in at.get("bidi_component"):
        if element.key == key:
            return cast(dict[str, Any], json.loads(element.proto.json))
    return None


def panel_html(at: AppTest, target: str = "map") -> str:
    """The panel the browser shows beside the map keyed `target`: its book's panel for the state Python sent
    the map (looked up as ui/component/panel.js does); "" when the page has no such panel."""
    book = component_data(at, f"panel_book_{target}")
    sent = component_data(at, f"{target}_state")
    if book is None or sent is None:
        return ""
    state = sent["state"]
    panels, pieces = book["book"]["panels"], book["book"]["pieces"]
    key = next(k for k in keys_for(state["region"], state["point"]) if k in panels)
    return "".join(pieces[i] for i in panels[key])


def panel_text(at: AppTest, target: str = "map") -> str:
    return html_text(panel_html(at, target))


def panel_heading(at: AppTest, target: str = "map") -> str:
    found = re.search(r"<h3>(.*?)</h3>", panel_html(at, target), re.S)
    return html_text(found.group(1)) if found else ""


def panel_entries(at: AppTest, target: str = "map") -> dict[str, str]:
    """Each entry of the panel's list by the point its name opens, as text."""
    return {
        m.group(1): html_text(m.group(0))
        for m in re.finditer(
            r'<li class="entry"><.*?data-point="([^"]+)".*?</li>', panel_html(at, target), re.S
        )
    }


def panel_boxes(at: AppTest, kind: str, target: str = "map") -> list[str]:
    """The text of each of the panel's notes of a kind ("warn", "info")."""
    pattern = rf'<div class="box {kind}[^"]*" role="note"><span[^>]*>[^<]*</span><div>(.*?)</div></div>'
    return [html_text(m.group(1)) for m in re.finditer(pattern, panel_html(at, target), re.S)]
