"""The visible state (region, point) lives in st.session_state and is mirrored to the URL.

So every view is a link: it can be shared, bookmarked and reloaded. Unknown link values are ignored with a
notice, never a crash.
"""

from __future__ import annotations

import streamlit as st

from acumap import tour
from acumap.data import Atlas
from acumap.regions import RegionChoice, parse_region
from acumap.selection import ViewState, from_params
from ui.text import md

#: The one home of each visible choice (the region menu mirrors REGION; see region_menu_value()).
REGION = "region"
POINT = "point"
REGION_SELECT = "region_select"
PROJECTOR = "projector"
#: The patient view (`?audience=patient`): plain words, bigger type, only the chosen region's points.
PATIENT = "patient"
#: The guided tour's current step (`?tour=`), or None when no tour is running.
TOUR = "tour"
NOTICES = "_link_notices"
#: Where the last click or tap on a diagram landed: (view, x, y) in that diagram's cm.
LAST_POSITION = "_last_position"
_INITIALISED = "_state_from_url"


def init_from_url(atlas: Atlas, page: str = "map") -> None:
    """On a page's first run in a session, take region and point from the link (if it names any)."""
    flag = f"{_INITIALISED}_{page}"
    if st.session_state.get(flag):
        return
    st.session_state[flag] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    chosen = from_params(atlas, params)
    first_visit = not any(st.session_state.get(f"{_INITIALISED}_{p}") for p in ("map", "points") if p != page)
    if params or first_visit:
        st.session_state[REGION] = chosen.region.id if chosen.region else None
        st.session_state[POINT] = chosen.point.id if chosen.point else None
        st.session_state[PROJECTOR] = chosen.projector
        st.session_state[PATIENT] = chosen.patient
        st.session_state[TOUR] = chosen.tour
    st.session_state[NOTICES] = list(chosen.notices)


def region_choice() -> RegionChoice | None:
    return parse_region(st.session_state.get(REGION))


def point_id() -> str | None:
    value = st.session_state.get(POINT)
    return value if isinstance(value, str) else None


def view_state() -> ViewState:
    return ViewState(region=st.session_state.get(REGION) or None, point=point_id())


def set_view(view: ViewState) -> None:
    st.session_state[REGION] = view.region
    st.session_state[POINT] = view.point


def mirror_region_menu() -> None:
    """Before the region menu is drawn, show the region held in REGION (the menu never holds it)."""
    st.session_state[REGION_SELECT] = st.session_state.get(REGION) or ""


def set_region(region_id: str | None) -> None:
    set_view(ViewState(region=region_id, point=None))


def set_point(pid: str | None) -> None:
    st.session_state[POINT] = pid


def go_to_step(key: str | None) -> None:
    """Show a step of the guided tour (its region and point), or end the tour (None)."""
    st.session_state[TOUR] = key
    chosen = tour.step(key)
    if chosen is not None:
        set_view(ViewState(region=chosen.region, point=chosen.point))


def clear() -> None:
    set_region(None)


def on_region_select() -> None:
    """The region menu changed: show that region (or the overview)."""
    set_region(st.session_state.get(REGION_SELECT) or None)


def sync_url(keys: tuple[str, ...] = (REGION, POINT)) -> None:
    """Mirror the state to the address bar (only what is set)."""
    wanted: dict[str, str] = {}
    if REGION in keys and st.session_state.get(REGION):
        wanted[REGION] = st.session_state[REGION]
    if POINT in keys and st.session_state.get(POINT):
        wanted[POINT] = st.session_state[POINT]
    if st.session_state.get(PROJECTOR):
        wanted["mode"] = "present"
    if st.session_state.get(PATIENT):
        wanted["audience"] = "patient"
    if st.session_state.get(TOUR):
        wanted["tour"] = st.session_state[TOUR]
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def projector() -> bool:
    return bool(st.session_state.get(PROJECTOR))


def patient() -> bool:
    return bool(st.session_state.get(PATIENT))


#: Fixed styling of the patient view (no data in it): larger type for a patient reading beside the map.
#: The body map's title and controls on a phone: the title on its own line, Tour and Patient view side by
#: side below it, the presenter switch (for a projector) left out, so the map starts on the first screen;
#: on a tablet the controls as wide as their words.
PHONE_HEAD_CSS = (
    "<style>@media (max-width: 640px) {"
    " .st-key-map_head [data-testid=stHorizontalBlock] {flex-wrap: wrap !important; gap: 0.2rem 1rem !important;}"
    " .st-key-map_head [data-testid=stColumn] {min-width: 0 !important; width: auto !important; flex: 0 0 auto !important;}"
    " .st-key-map_head [data-testid=stColumn]:first-child {flex-basis: 100% !important; padding-bottom: 1.1rem;}"
    " .st-key-map_head [data-testid=stColumn]:has(.st-key-projector) {display: none !important;}"
    " .st-key-map_head h4 {font-size: 1.1rem; padding: 0;}}"
    # On a tablet the controls keep one line beside the title, each as wide as its words ("🧭 Tour" whole).
    " @media (min-width: 641px) and (max-width: 1100px) {"
    " .st-key-map_head [data-testid=stColumn] {min-width: 0 !important; width: auto !important; flex: 0 0 auto !important;}"
    " .st-key-map_head [data-testid=stColumn]:first-child {flex: 1 1 0 !important;}}</style>"
)

PATIENT_CSS = (
    "<style>.stMainBlockContainer p, .stMainBlockContainer li {font-size: 1.16rem; line-height: 1.5;}"
    " .stMainBlockContainer h3 {font-size: 1.9rem;}"
    # Buttons keep their size: two side by side ("Diagrams (SVG)", "Diagrams (PNG)") fit a tablet's column.
    " .stMainBlockContainer button p {font-size: 1rem;}</style>"
)


#: Text on a projected page's controls and captions: 24 px on a 1080-pixel-high screen, never under 15 px
#: (the presenter view's region menu, the class page's captions and menus).
PROJECTED_CONTROLS_CSS = (
    "<style>[data-testid=stCaptionContainer] p {font-size: clamp(15px, 2.25vh, 30px) !important;}"
    " .stMainBlockContainer [data-testid=stSelectbox] input, .stMainBlockContainer [data-baseweb=select] *"
    " {font-size: clamp(17px, 2.25vh, 30px) !important;}"
    " .stMainBlockContainer :is([data-testid=stWidgetLabel], [data-testid=stRadio], [data-testid=stAlert],"
    " [data-testid=stExpander] summary, [data-testid=stTable]) p,"
    " .stMainBlockContainer [data-testid=stTable] :is(td, th)"
    " {font-size: clamp(17px, 2.25vh, 30px) !important;}"
    " .stMainBlockContainer button p {font-size: clamp(17px, 2.25vh, 30px) !important;}"
    " :is(.st-key-redflags, .st-key-share) button p {font-size: 1rem !important;}</style>"
)

#: Fixed styling of the presenter view (no data in it): panel text of 24 px on a 1080-pixel-high screen
#: (2.25% of the height, never under 17 px), black on white, the page's margins narrowed.
PROJECTOR_CSS = (
    "<style>.stMainBlockContainer p, .stMainBlockContainer li {font-size: clamp(17px, 2.25vh, 30px) !important;"
    " line-height: 1.4; color: #000;}"
    " .stMainBlockContainer h3 {font-size: clamp(26px, 3.6vh, 44px); color: #000;}"
    " .stMainBlockContainer {padding-top: 3.3rem !important; padding-left: 1.2rem; padding-right: 1.2rem;"
    " max-width: 100%;}"
    " .stMainBlockContainer summary p {font-size: clamp(17px, 2.25vh, 30px) !important; font-weight: 700;}"
    # The panel's scrolling list fills the screen's height below the menu and the heading.
    " .st-key-region_points, .st-key-point_details, .st-key-overview, .st-key-patient_points"
    " {height: calc(100vh - 410px) !important; max-height: calc(100vh - 410px) !important;}"
    # The buttons pinned in the top bar keep their size.
    " :is(.st-key-redflags, .st-key-share) p {font-size: 1rem !important; color: inherit;}</style>"
)


def take_notices() -> list[str]:
    notices: list[str] = st.session_state.get(NOTICES) or []
    st.session_state[NOTICES] = []
    return notices


def show_notices() -> None:
    """The link's notices, each once (one element, on the run that read the link), as escaped text."""
    for notice in take_notices():
        st.info(md(notice), icon="ℹ️")
