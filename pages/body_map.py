"""The body map: the back with its pain regions, the distal views, and the panel that explains them."""

from __future__ import annotations

import streamlit as st

from acumap.figures import MapState, alt_text, back_figure, distal_figure
from acumap.regions import choice_ids, parse_region
from ui import loading, panels, state
from ui.text import md

atlas = loading.atlas()
back = loading.drawing("back")
state.init_from_url(atlas)
for notice in state.take_notices():
    st.toast(md(notice), icon="ℹ️")
    st.info(md(notice), icon="ℹ️")

choice = state.region_choice()
pid = state.point_id()
big = state.projector()
map_state = MapState(region=choice, point_id=pid, scale=1.35 if big else 1.0)
if big:
    st.html(state.PROJECTOR_CSS)  # fixed styling, no data in it

top = st.columns([0.36, 0.32, 0.14, 0.18], vertical_alignment="bottom")
top[0].markdown("#### AcuMap · neck and back points")
options: list[str] = ["", *choice_ids()]


def region_label(rid: str) -> str:
    choice = parse_region(rid)
    return choice.label if choice else "Overview: all points"


top[1].selectbox(
    "Region",
    options,
    key=state.REGION_SELECT,
    format_func=region_label,
    on_change=state.on_region_select,
    label_visibility="collapsed",
)
top[2].toggle("Projector", key=state.PROJECTOR, help="Bigger diagrams and text for a class on a projector")
top[3].button(
    "Clear selection",
    key="clear",
    on_click=state.clear,
    width="stretch",
    disabled=choice is None and pid is None,
)

left, middle, right = st.columns([0.43, 0.22, 0.35])
# The panel is written first: its text reaches the screen before the charts redraw.
with right:
    point = atlas.point(pid) if pid and atlas.has_point(pid) else None
    if point is not None:
        panels.point_panel(atlas, point, choice, height=680 if big else 420)
    elif choice is not None:
        panels.region_panel(atlas, choice, height=700 if big else 430)
    else:
        panels.overview_panel(atlas)

with left:
    st.plotly_chart(
        back_figure(atlas, back, map_state, height=800 if big else 580),
        key="back_chart",
        alt=alt_text(atlas, "back", map_state),
        on_select=lambda: state.on_chart_select("back_chart"),
        selection_mode="points",
        config={"displayModeBar": False, "responsive": True},
        theme=None,
        width="stretch",
    )
    st.caption(
        "Back view: the person's left is on your left. Lines at 0.5, 1.5 (main Bladder line) and 3 cun from "
        "the midline; 3 cun reaches the inner edge of the shoulder blade."
    )
with middle:
    views = ("hand", "leg", "head")
    heights = (330, 260, 200) if big else (230, 170, 135)
    st.plotly_chart(
        distal_figure(atlas, [loading.drawing(v) for v in views], map_state, heights),
        key="distal_chart",
        alt=" ".join(alt_text(atlas, v, map_state) for v in views),
        on_select=lambda: state.on_chart_select("distal_chart"),
        selection_mode="points",
        config={"displayModeBar": False, "responsive": True},
        theme=None,
        width="stretch",
    )
state.sync_url()
