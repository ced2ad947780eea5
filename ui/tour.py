"""The guided tour's box above the map: the step, what to say, previous and next (also the arrow keys)."""

from __future__ import annotations

import streamlit as st

from acumap import tour
from ui import state, styles
from ui.text import md


def start_button() -> None:
    if not st.session_state.get(state.TOUR):
        st.button(
            "🧭 Tour",
            key="tour_start",
            help="A guided tour of the back, step by step: C7, the shoulder blade, the cun lines, the back-shu "
            "points, local and distal points",
            on_click=state.go_to_step,
            args=(tour.STEPS[0].key,),
        )


def _current() -> tour.Step | None:
    return tour.step(st.session_state.get(state.TOUR))


def tour_box() -> None:
    """The step bar above the map, if a tour is running: which step, Back, Next, End (also ← and →)."""
    current = _current()
    if current is None:
        return
    n = tour.index(current.key)
    st.html(styles.TOUR_CSS)  # fixed styling, no data in it
    with st.container(key="tour_box", border=True):
        text, buttons = st.columns([0.62, 0.38], vertical_alignment="center")
        text.markdown(f"**🧭 Step {n + 1} of {len(tour.STEPS)}: {md(current.title)}**")
        # On a phone what to say is under the diagram (the panel stacks below the map): a cue says so.
        text.html('<p class="below-cue">What to say: under the diagrams ↓</p>')  # fixed text, no data
        prev, nxt, end = buttons.columns(3)
        prev.button(
            "← Back",
            key="tour_prev",
            shortcut="Left",
            disabled=n == 0,
            on_click=state.go_to_step,
            args=(tour.neighbour(current.key, -1).key,),
            width="stretch",
        )
        nxt.button(
            "Next →",
            key="tour_next",
            shortcut="Right",
            disabled=n == len(tour.STEPS) - 1,
            on_click=state.go_to_step,
            args=(tour.neighbour(current.key, 1).key,),
            width="stretch",
            type="primary",
        )
        end.button("End", key="tour_end", on_click=state.go_to_step, args=(None,), width="stretch")


def step_text() -> None:
    """What to say at this step, at the top of the panel beside the map (below it on a phone)."""
    current = _current()
    if current is not None:
        st.info(md(current.text), icon="🧭")
