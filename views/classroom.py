"""Class check: the teacher asks ("Tap where BL18 is", or "Tap where your back hurts"), students tap on their
phones (joining by the class's code or QR), the teacher's screen fills with the taps, then reveals the answer."""

from __future__ import annotations

import streamlit as st

from acumap.class_results import results, results_figure
from acumap.classroom import ClassState, normalise
from acumap.share import qr_png, share_link
from ui import class_store, loading
from ui.map_component import QUIZ_ATTEMPT, body_map
from ui.share import FALLBACK_URL
from ui.text import md

TEACHER_CODE = "class_code"
SESSION = "class_session"
SENT = "class_sent"  # (code, question) this session last answered

atlas = loading.atlas()
store = class_store.store()
join = st.query_params.get("join", "")


def question_text(state: ClassState) -> str:
    if state.kind == "pain":
        return "Tap where your back hurts"
    return f"Tap where {state.point_id} is"


def student(code: str) -> None:
    state = store.get(code)
    if state is None:
        st.error(f"There is no class with the code {md(normalise(code))}: it may have ended. Check the code.")
        return
    token = class_store.session_token()
    landed = st.session_state.pop(QUIZ_ATTEMPT, None)
    if landed is not None and state.question:
        view, x, y = landed
        store.answer(state.code, token, view, x, y)
        st.session_state[SENT] = (state.code, state.question)
    watch(state.code, state.question)
    if not state.question:
        st.subheader(f"Class {md(state.code)}")
        st.info("You are in. Wait for your teacher's question: it appears here by itself.", icon="⏳")
        return
    st.subheader(f"Question {state.question}: {md(question_text(state))}")
    if st.session_state.get(SENT) == (state.code, state.question):
        st.success("Your answer is in. Tap again to change it.", icon="✅")
    else:
        st.caption("Tap the back. Your answer is anonymous.")
    body_map(atlas, key="class_map", views=("back",), regions=False, quiz="find", landmarks=False)


@st.fragment(run_every=2)
def watch(code: str, question: int) -> None:
    """A student's page follows the teacher: a new question (or the end of the class) reruns the page."""
    state = store.get(code)
    if state is None or state.question != question:
        st.rerun()


def teacher() -> None:
    code = st.session_state.get(TEACHER_CODE)
    state = store.get(code) if code else None
    if state is None:
        st.markdown(
            "Ask the class where a point is, or (a demonstration) where their back hurts. Students join on their "
            "phones with the code or the QR code; answers are anonymous and the class ends after three hours."
        )
        if st.button("Start a class", key="class_start", type="primary"):
            st.session_state[TEACHER_CODE] = store.start()
            st.rerun()
        return
    link = share_link(st.context.url or FALLBACK_URL, "class", {}) + f"?join={state.code}"
    left, right = st.columns([0.62, 0.38])
    with right:
        with st.container(key="class_code"):
            st.markdown(f"## Code: `{state.code}`")
        st.image(qr_png(link, scale=8), width=300)
        st.caption(md(link))
        with st.form("class_ask", border=True):
            kind = st.radio(
                "Question",
                ["point", "pain"],
                format_func=lambda k: (
                    "Where is this point?" if k == "point" else "Where does your back hurt? (demo)"
                ),
                key="class_kind",
            )
            back_points = [p.id for p in atlas.points if p.view == "back"]
            point = st.selectbox("Point", back_points, index=back_points.index("BL18"), key="class_point")
            if st.form_submit_button("Ask the class", type="primary"):
                store.ask(state.code, kind, point if kind == "point" else None)
                st.rerun()
        if state.question and not state.revealed and state.kind == "point":
            st.button("Reveal the answer", key="class_reveal", on_click=store.reveal, args=(state.code,))
        st.button("End the class", key="class_end", on_click=st.session_state.pop, args=(TEACHER_CODE, None))
    with left:
        live(state.code)


@st.fragment(run_every=1)
def live(code: str) -> None:
    """The answers as they arrive (the class's taps, the count) and, on the reveal, the true point and the error."""
    state = store.get(code)
    if state is None or not state.question:
        st.info("Ask a question: the students' taps will appear here as they arrive.", icon="📡")
        return
    taps = store.answers(code)
    point = state.point_id if state.kind == "point" else None
    got = results(atlas, point, taps)
    st.markdown(f"### Question {state.question}: {md(question_text(state))}")
    count, error = st.columns(2)
    count.metric("Answered", got.count)
    if state.revealed and got.mean_error_cun is not None:
        error.metric("Mean error", f"{got.mean_error_cun:.1f} cun")
        st.caption(f"{got.correct} of {got.count} within half a cun and half a level of the point.")
    fig = results_figure(atlas, loading.drawing("back"), taps, point, state.revealed, height=470)
    st.plotly_chart(fig, key="class_chart", config={"displayModeBar": False, "staticPlot": True})


# Fixed styling (no data in it): the count and the class code readable from the back of a room.
st.html(
    "<style>[data-testid=stMetricValue] {font-size: 4rem !important; font-weight: 700;}"
    " .st-key-class_code code {font-size: 2.6rem !important;}</style>"
)
st.markdown("## 📡 Class check")
if join:
    student(join)
else:
    teacher()
