"""The panel beside the body map, and the red flags' box of the safety page.

The panel's words are written once per version of the data by `acumap.panel` (safe HTML, every panel the map can
show); ui/component/panel.js swaps them in the frame of a click on the map. Python keeps what must be widgets: the
region menu, the Clear button and the downloads (views/body_map.py, ui/patient.py).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import streamlit as st

from acumap.atlas.data import Atlas, Point
from acumap.panel import Audience, point_head_html, point_page_html
from acumap.safety import RED_FLAG_GROUPS
from ui import loading
from ui.text import md

_HERE = Path(__file__).resolve().parent / "component"
#: The panel's style (also the point browser's, ui/styles.PANEL_CSS).
PANEL_CSS_FILE = _HERE / "panel.css"
_PANEL = st.components.v2.component(
    "acumap.panel",
    js=(_HERE / "panel.js").read_text(encoding="utf-8"),
    css=PANEL_CSS_FILE.read_text(encoding="utf-8"),
    isolate_styles=False,
)


def _digest(payload: dict[str, object]) -> str:
    return hashlib.sha1(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def map_panel(target: str, audience: Audience, height: int) -> None:
    """The panel of the map keyed `target`: the browser shows the panel of the state that map shows.

    Its element is identical from run to run (the book, once per version of the data and audience), so
    Streamlit sends it once and then only its hash: a click costs no panel bytes."""
    book = loading.panel_book(audience).payload()
    _PANEL(
        key=f"panel_{target}",
        data={"target": target, "book": book, "digest": _digest(book), "height": height},
    )


def point_page(atlas: Atlas, point: Point) -> tuple[str, str]:
    """A point's heading and its details as the point browser shows them (the same words as the map's panel)."""
    return point_head_html(point), point_page_html(atlas, point)


def show_html(html: str) -> None:
    """Markup written by acumap.panel (every data text escaped there), styled as the panel (the page puts
    ui/styles.PANEL_CSS on it once)."""
    st.html(f'<div class="acumap-panel">{html}</div>')


def red_flags_markdown() -> str:
    """The red flags as Markdown, group by group (most urgent first), each group with its source."""
    return "\n\n".join(
        f"**{md(group.heading)}**\n\n"
        + "\n".join(f"- {md(flag)}" for flag in group.flags)
        + f"\n\n*Source: {md(group.source)}*"
        for group in RED_FLAG_GROUPS
    )


#: A page part holding the disclaimer itself: while one is on screen, the footer's copy is hidden (app.py).
DISCLAIMER_KEY = "disclaimer_shown"
