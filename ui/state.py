"""The visible state (region, point) lives in st.session_state and is mirrored to the URL.

So every view is a link: it can be shared, bookmarked and reloaded. Unknown link values are ignored with a
notice, never a crash.
"""

from __future__ import annotations

import streamlit as st

from acumap import links, pain, tour
from acumap.atlas.data import Atlas
from acumap.atlas.regions import RegionChoice, parse_region
from acumap.atlas.selection import ViewState
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

# ---- every other session key, in one home (a widget's key is its session key too) ----------------------------

#: The map component: the session's token (tells the browser when the server session changed), and where the
#: last quiz attempt landed (ui.map_component.Attempt), consumed by the quiz or class page.
MAP_SESSION_TOKEN = "_map_session_token"
QUIZ_ATTEMPT = "_quiz_attempt"


def map_ack_key(map_key: str) -> str:
    """The last event applied from the map `map_key` (acumap.atlas.selection.Ack)."""
    return f"_ack_{map_key}"


def map_changed_key(map_key: str) -> str:
    """Set when a tap (or key) on the map `map_key` changed the view, until the run that follows reads it."""
    return f"_changed_{map_key}"


#: The pain drawing (acumap.pain.PainDrawing) and the earlier one it is compared with (or None); the link they
#: were read from (read again when it changes); the drawing's tools: strength 0 to 10, shade or erase.
PAIN_DRAWING, PAIN_EARLIER, PAIN_FROM_URL = "_pain_drawing", "_pain_earlier", "_pain_from_url"
PAIN_STRENGTH, PAIN_TOOL = "pain_strength", "pain_tool"


def pain_drawing() -> pain.PainDrawing:
    """The patient's pain drawing in this session (empty until a stroke or a link gives one)."""
    value = st.session_state.get(PAIN_DRAWING)
    return value if isinstance(value, pain.PainDrawing) else pain.clear()


def pain_earlier() -> pain.PainDrawing | None:
    value = st.session_state.get(PAIN_EARLIER)
    return value if isinstance(value, pain.PainDrawing) else None


#: The class: this browser session's anonymous token; this session's class as its teacher (code, key); the class
#: this teacher left (its key is being forgotten by the browser); a homework student's place (code -> question);
#: what the browser reports it holds of a teacher key (ui.teacher_key).
CLASS_TOKEN = "_class_token"
CLASS_TEACHER = "class_teacher"
CLASS_FORGOTTEN = "class_forgotten"
CLASS_HOMEWORK_AT = "class_homework_at"
TEACHER_KEY = "teacher_key"
#: The quiz: the student's history as the browser reports it (ui.quiz_history); the round being taken
#: (acumap.quiz_round.QuizRound); the naming's last reading; the link read once; the naming's two widgets.
QUIZ_HISTORY = "quiz_history"
QUIZ_ROUND, QUIZ_NAME_MSG, QUIZ_FROM_URL = "quiz_round", "quiz_name_msg", "_quiz_from_url"
QUIZ_NAME_TEXT, QUIZ_NAME_PICK = "quiz_name_text", "quiz_name_pick"
#: The spaced review: the browser storage component, what the session holds of it, what to write back.
REVIEW_STORE, REVIEW_HELD, REVIEW_SAVE = "review_store", "_review_held", "_review_save"
#: The review session under way (ui/review.py) and the student's answer to the card shown.
REVIEW_SESSION, REVIEW_NAME_TEXT, REVIEW_GRADE = "_review_session", "review_name_text", "review_grade"
REVIEW_WHICH, REVIEW_IMPORTED, REVIEW_IMPORT_MSG = "_review_which", "_review_imported", "_review_import_msg"
#: The point browser: its widgets, and a flag that the last choice came from the list or the menu.
BROWSER_QUERY, BROWSER_MERIDIANS, BROWSER_REGION, BROWSER_VIEWS, BROWSER_ROLE = (
    "browser_query",
    "browser_meridians",
    "browser_region",
    "browser_views",
    "browser_role",
)
BROWSER_FILTERS = (BROWSER_MERIDIANS, BROWSER_REGION, BROWSER_VIEWS, BROWSER_ROLE)
BROWSER_TABLE, BROWSER_PICK, BROWSER_CHOSEN_HERE = "browser_table", "browser_pick", "browser_chosen_here"


def init_from_url(atlas: Atlas, page: str = "map") -> None:
    """On a page's first run in a session, take region and point from the link (if it names any)."""
    flag = f"{_INITIALISED}_{page}"
    if st.session_state.get(flag):
        return
    st.session_state[flag] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    chosen = links.from_params(atlas, params)
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
    wanted = links.map_params(
        region=st.session_state.get(REGION) if REGION in keys else None,
        point=st.session_state.get(POINT) if POINT in keys else None,
        present=projector(),
        patient=patient(),
        tour_step=st.session_state.get(TOUR),
    )
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def projector() -> bool:
    return bool(st.session_state.get(PROJECTOR))


def patient() -> bool:
    return bool(st.session_state.get(PATIENT))


def take_notices() -> list[str]:
    notices: list[str] = st.session_state.get(NOTICES) or []
    st.session_state[NOTICES] = []
    return notices


def show_notices() -> None:
    """The link's notices, each once (one element, on the run that read the link), as escaped text."""
    for notice in take_notices():
        st.info(md(notice), icon="ℹ️")
