"""The panel beside the body map, and the red flags' box of the safety page.

The panel's words are written once per version of the data by `acumap.panel` (safe HTML, every panel the map can
show); ui/component/panel.js swaps them in the frame of a click on the map. Python keeps what must be widgets: the
region menu, the Clear button and the downloads (views/body_map.py, ui/patient.py).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from acumap.atlas.data import Atlas, Point
from acumap.panel import Audience, point_head_html, point_page_html
from acumap.safety import RED_FLAG_GROUPS
from ui import loading, state
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
_BOOK = st.components.v2.component(
    "acumap.panel_book", js=(_HERE / "panel_book.js").read_text(encoding="utf-8")
)


def _book_sent_key(target: str, audience: Audience) -> str:
    return f"_panel_book_{target}_{audience}"


def map_panel(target: str, audience: Audience, height: int) -> None:
    """The panel of the map keyed `target`: the browser shows the panel of the state that map shows, from the
    book `panel_book` puts at the foot of the page.

    Until this session has been sent the book, the element carries the panel of the current state too, so the
    page is usable before the book (450 kB) arrives; after that it is the same from run to run: a click costs
    no panel bytes."""
    sent = st.session_state.get(_book_sent_key(target, audience), False)
    view = state.view_state()
    first = None if sent else loading.panel_book(audience).html(view.region, view.point)
    _PANEL(
        key=f"panel_{target}",
        data={"target": target, "audience": audience, "height": height, "first": first},
    )


def panel_book(target: str, audience: Audience) -> None:
    """Every panel of `audience` for the map keyed `target` (acumap.panel), once per version of the data: put it
    last on the page (outside the map's fragment), so it comes after everything the visitor sees first."""
    book = loading.panel_book(audience)
    _BOOK(
        key=f"panel_book_{target}",
        data={"target": target, "audience": audience, "digest": book.digest, "book": book.payload()},
        height=0,
    )
    st.session_state[_book_sent_key(target, audience)] = True


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
