"""The body map: the back with its pain regions, the hand, leg and head, and the panel that explains them.

A click lights the map and writes the panel in the browser, in the same frame (ui/component/panel.js, from the
words acumap.panel wrote once); then only this fragment (not the page) reruns, for the link, the region menu and
the downloads.
"""

from __future__ import annotations

import streamlit as st

from acumap.atlas.data import Atlas
from acumap.atlas.regions import choice_ids, parse_region
from acumap.atlas.selection import MapMode
from acumap.drawing.describe import position_text
from ui import loading, panels, patient, state, styles
from ui import review as review_ui
from ui import tour as tour_ui
from ui.boundary import guarded
from ui.map_component import body_map, changed_by_tap
from ui.shell import bring_into_view
from ui.text import md

atlas = loading.atlas()
state.init_from_url(atlas)
state.show_notices()

big = state.projector()
if big:
    st.html(styles.PROJECTOR_CSS)  # fixed styling, no data in it
    st.html(styles.PROJECTED_CONTROLS_CSS)
if state.patient():
    st.html(styles.PATIENT_CSS)  # fixed styling, no data in it

# On a phone the title takes a line and the controls share the next (app-wide CSS in PHONE_HEAD_CSS).
st.html(styles.PHONE_HEAD_CSS)  # fixed styling, no data in it
head = st.container(key="map_head").columns([0.42, 0.12, 0.25, 0.21], vertical_alignment="bottom")
if not big:  # the presenter view keeps the screen for the map and the panel
    head[0].markdown("#### AcuMap · neck and back points")
with head[1]:
    tour_ui.start_button()
head[2].toggle(
    "Patient view",
    key=state.PATIENT,
    help="Plain words and bigger type for explaining a treatment to a patient; a handout to take home",
)
head[3].toggle(
    "Presenter",
    key=state.PROJECTOR,
    help="For a class on a projector: labels and text the back row can read, high contrast, fewer controls",
)
tour_ui.tour_box()


def region_label(rid: str) -> str:
    choice = parse_region(rid)
    return choice.label if choice else "Overview: all points"


@st.fragment
@guarded
def map_and_panel(atlas: Atlas, big: bool, for_patient: bool) -> None:
    choice = state.region_choice()
    # The region as every part of the page shows it: derived once per version of the data, passed on.
    region = loading.region_view(choice)
    lit = region.lit if region else ()
    left, right = st.columns([0.6, 0.4], gap="small")
    with left:
        body_map(atlas, "map", MapMode(patient=for_patient, present=big), state.view_state(), lit=lit)
    with right, st.container(key="map_panel"):
        # On a phone the panel is below the map: a tap that changes it brings the panel into view.
        bring_into_view(
            "map_panel",
            "map_panel",
            f"{choice.id if choice else ''}|{state.point_id() or ''}",
            scroll=changed_by_tap("map"),
        )
        tour_ui.step_text()
        menu = st.columns([0.66, 0.34], vertical_alignment="bottom")
        state.mirror_region_menu()
        menu[0].selectbox(
            "Region",
            ["", *choice_ids()],
            key=state.REGION_SELECT,
            format_func=region_label,
            on_change=state.on_region_select,
            label_visibility="collapsed",
        )
        pid = state.point_id()
        menu[1].button(
            "Clear",
            key="clear",
            on_click=state.clear,
            width="stretch",
            disabled=choice is None and pid is None,
        )
        # Every panel is in the browser already: it shows the one of the map's state in the frame of the click.
        panels.map_panel("map", "patient" if for_patient else "student", 640 if big else 520)
        last = st.session_state.get(state.LAST_POSITION)
        if big:  # controls out of the way: no downloads or last-tap line on the class's screen
            state.sync_url()
            return
        if last and not for_patient:
            tapped, x, y = last
            st.caption(
                f"Last tap: {md(position_text(tapped, x, y))} ({md(tapped)} diagram, x {x:.2f} cm, y {y:.2f} cm)",
                help="Where your last click or tap landed, in the body model's terms.",
            )
        patient.downloads(atlas, region, "patient" if for_patient else "student")
        if for_patient:
            st.page_link("views/pain.py", label="Shade where it hurts: your pain drawing", icon="✏️")
    state.sync_url()


map_and_panel(atlas, big, state.patient())
if not big and not state.patient():
    review_ui.due_line(atlas)  # a student's spaced review: what is due today, from this browser's cards
# Every panel, last: the page is drawn and usable before this (the largest element) arrives.
panels.panel_book("map", "patient" if state.patient() else "student")
