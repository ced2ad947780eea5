"""The pain drawing (issue #23): a patient shades where it hurts on the back; the map lights the points of every
area shaded, together; the drawing lives in the link and can be compared with an earlier one.

The page is thin: strokes are applied by acumap.pain (through the map component), the words are acumap.pain_text's,
the small pictures of a comparison acumap.pain_figure's. Only the fragment reruns after a stroke.
"""

from __future__ import annotations

import streamlit as st

from acumap import links, pain, pain_text
from acumap.atlas.data import Atlas
from acumap.atlas.selection import MapMode
from acumap.pain_figure import pair_svg
from ui import loading, state, styles
from ui.boundary import guarded
from ui.map_component import Drawn, body_map
from ui.text import md

#: The drawing's strength when the page opens (the middle of the scale).
START_STRENGTH = 5
SHADE, ERASE = "✏️ Shade", "🧽 Erase"

atlas = loading.atlas()
st.html(styles.PATIENT_CSS)  # fixed styling, no data in it


def read_link() -> None:
    """On the page's first run in a session: the drawing and the earlier one from the link, each bad value said
    in plain words (the page then starts empty)."""
    if st.session_state.get(state.PAIN_FROM_URL):
        return
    st.session_state[state.PAIN_FROM_URL] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    found = links.pain_from_params(params)
    st.session_state[state.PAIN_DRAWING] = found.drawing or pain.clear()
    st.session_state[state.PAIN_EARLIER] = found.earlier
    st.session_state[state.NOTICES] = [*found.notices, *links.unknown_params(params, links.PAIN_PARAMS)]


def sync_url() -> None:
    wanted = links.pain_params(state.pain_drawing(), state.pain_earlier())
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def clear_drawing() -> None:
    st.session_state[state.PAIN_DRAWING] = pain.clear()


def start_comparing() -> None:
    """Today's drawing starts empty; the one shown so far becomes the earlier one it is compared with."""
    st.session_state[state.PAIN_EARLIER] = state.pain_drawing()
    st.session_state[state.PAIN_DRAWING] = pain.clear()


def stop_comparing() -> None:
    st.session_state[state.PAIN_EARLIER] = None


read_link()
state.show_notices()
st.markdown("#### Your pain drawing")
st.markdown(md(pain_text.INTRO))


def summary(found: pain.PainSummary) -> None:
    if found.notice:
        st.info(md(found.notice), icon="ℹ️")
    if found.covers:
        st.markdown(
            "**Where it hurts**\n\n" + "\n".join(f"- {md(pain_text.cover_line(c))}" for c in found.covers)
        )
    levels = pain_text.levels_line(found.levels)
    if levels:
        st.markdown(md(levels))


def point_list(entries: tuple[pain_text.Entry, ...], choices: tuple[str, ...]) -> None:
    """The lit points by area, near the pain first; a point used for several areas says so in each."""
    st.markdown("**The points for your areas** (the numbers match the map)")
    for choice in choices:
        mine = [e for e in entries if choice in e.choices()]
        with st.expander(f"{pain_text.area_label(choice)}: {len(mine)} points", expanded=len(choices) == 1):
            for role in ("local", "distal"):
                lines = [f"- {md(e.line())}" for e in mine if e.role(choice) == role]
                if lines:
                    st.markdown(f"*{md(pain_text.ROLE_WORDS[role])}*\n\n" + "\n".join(lines))


def comparison(earlier: pain.PainDrawing, today: pain.PainDrawing) -> None:
    st.markdown("**Compared with your earlier drawing**")
    pictures = (("Earlier", earlier), ("Today", today))
    alt = " ".join(
        pain_text.picture_alt(t, d)
        for t, d in (("Your earlier pain drawing", earlier), ("Your pain drawing today", today))
    )
    st.image(
        pair_svg(loading.drawing("back"), pictures, "Your earlier pain drawing and today's"),
        alt=alt,
        width=440,
    )
    found = pain.compare(earlier, today)
    rows = [*found.regions, found.total]
    st.markdown("\n".join(f"- {md(pain_text.change_words(r))}" for r in rows))


@st.fragment
@guarded
def drawing_page(atlas: Atlas) -> None:
    # The strength, then the tool and Clear on one line (kept side by side on a phone: the map comes sooner).
    tools = st.columns([0.55, 0.45], vertical_alignment="bottom")
    strength = tools[0].slider(
        "How strong is the pain? (0 to 10)", 0, pain.MAX_INTENSITY, START_STRENGTH, key=state.PAIN_STRENGTH
    )
    today = state.pain_drawing()
    with tools[1].container(horizontal=True, vertical_alignment="bottom"):
        tool = st.segmented_control(
            "Tool",
            [SHADE, ERASE],
            default=SHADE,
            required=True,
            key=state.PAIN_TOOL,
            label_visibility="collapsed",
        )
        st.button("Clear", key="pain_clear", on_click=clear_drawing, disabled=today.empty)
    found = pain.summarize(today)
    entries = pain_text.entries(pain.lit_points(atlas, found.choices))
    tables = loading.map_payload().data
    drawn = Drawn(
        today,
        int(strength),
        tool == ERASE,
        pain.combined_lights(tables["lights"], found.choices),
        pain.combined_shapes(tables["shapes"], found.choices),
        pain_text.numbers(entries),
    )
    left, right = st.columns([0.58, 0.42], gap="small")
    with left:
        body_map(atlas, "pain_map", MapMode(taps="draw", patient=True, landmarks=False), drawn=drawn)
    with right, st.container(key="pain_panel"):
        summary(found)
        # The change since the earlier drawing before the list of points: what a follow-up visit is about.
        earlier = state.pain_earlier()
        if earlier is not None:
            comparison(earlier, today)
            st.button("Stop comparing", key="pain_stop_compare", on_click=stop_comparing)
        if entries:
            point_list(entries, found.choices)
        if earlier is None and not today.empty:
            st.button(
                "Start a new drawing and compare it with this one",
                key="pain_compare",
                on_click=start_comparing,
                help="For the next visit: this drawing is kept in the link as the earlier one",
            )
        st.caption(md(pain_text.KEEP))
    sync_url()


drawing_page(atlas)
