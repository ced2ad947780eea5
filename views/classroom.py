"""Class check: the teacher asks ("Tap where BL18 is", or "Tap where your back hurts"), students tap on their
phones (joining by the class's code or QR), the teacher's screen fills with the taps, then reveals the answer."""

from __future__ import annotations

from typing import Any

import streamlit as st

from acumap.class_results import results, results_figure
from acumap.classroom import ClassState, normalise
from acumap.quiz import score_attempt, shown_marker
from acumap.share import qr_png, share_link
from ui import class_store, loading
from ui import state as ui_state
from ui.map_component import QUIZ_ATTEMPT, body_map
from ui.share import FALLBACK_URL
from ui.text import md

TEACHER_CODE = "class_code"
SESSION = "class_session"

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
    if state.ended:
        st.subheader(f"Class {md(state.code)}")
        st.info("The class has ended. Thank you for taking part: your answers stay anonymous.", icon="👋")
        return
    token = class_store.session_token()
    landed = st.session_state.pop(QUIZ_ATTEMPT, None)
    if landed is not None and state.question and not state.revealed:
        view, x, y = landed
        try:
            store.answer(state.code, token, view, x, y)
        except (ValueError, LookupError):  # the teacher showed the answer (or ended) just before the tap
            st.warning("That tap came after the answer was shown: it was not counted.", icon="⏱️")
    watch(state.code, state.question, state.revealed)
    if not state.question:
        st.subheader(f"Class {md(state.code)}")
        st.info("You are in. Wait for your teacher's question: it appears here by itself.", icon="⏳")
        return
    st.subheader(f"Question {state.question}: {md(question_text(state))}")
    mine = next((a for a in store.answers(state.code) if a.session == token), None)
    reveal: dict[str, Any] | None = None
    if mine is not None:
        # Your tap stays marked; once the teacher shows the answer, the true point and how far you were.
        reveal = {"view": mine.view, "ax": mine.x, "ay": mine.y, "tx": None, "ty": None, "correct": None}
    if state.revealed and state.kind == "point" and state.point_id:
        if mine is None:
            st.info(f"The answer: {md(state.point_id)} is marked on the back.", icon="🎯")
            m = shown_marker(atlas, state.point_id)
            reveal = {"view": "back", "ax": None, "ay": None, "tx": m.x, "ty": m.y, "correct": None}
        else:
            score = score_attempt(atlas, state.point_id, mine.view, mine.x, mine.y)
            words = "; ".join(score.feedback)
            if score.correct:
                st.success(f"**Correct.** {md(words)}.", icon="✅")
            else:
                st.error(f"**Not quite:** {md(words)}.", icon="🎯")
            reveal = {
                "view": score.view,
                "ax": mine.x,
                "ay": mine.y,
                "tx": score.target[0],
                "ty": score.target[1],
                "correct": score.correct,
            }
            st.caption(f"● your tap · ◯ {md(state.point_id)}, where it is")
        st.caption("Wait for the next question: it appears here by itself.")
    elif state.revealed:
        st.success("Thank you: the teacher is showing the class's answers.", icon="✅")
    elif mine is not None:
        st.success("Your answer is in (● on the back). Tap again to change it.", icon="✅")
    else:
        st.caption("Tap the back. Your answer is anonymous.")
    body_map(
        atlas,
        key="class_map",
        views=("back",),
        regions=False,
        # Once the answer is shown, taps do nothing (the map only shows).
        quiz="name" if state.revealed else "find",
        landmarks=False,
        reveal=reveal,
    )


@st.fragment(run_every=2)
def watch(code: str, question: int, revealed: bool) -> None:
    """A student's page follows the teacher: a new question, the answer shown or the end of the class reruns
    the page."""
    state = store.get(code)
    if state is None or state.ended or state.question != question or state.revealed != revealed:
        st.rerun()


def ask(code: str, kind: str, point: str | None) -> None:
    store.ask(code, kind, point)


@st.dialog("End the class?")
def confirm_end(code: str) -> None:
    st.markdown("Every student's phone will say **the class has ended**, and no more answers are taken.")
    yes, no = st.columns(2)
    if yes.button("Yes, end it", key="class_end_yes", type="primary", width="stretch"):
        store.end(code)
        st.session_state.pop(TEACHER_CODE, None)
        st.rerun()
    if no.button("Keep it going", key="class_end_no", width="stretch"):
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
    st.html(ui_state.PROJECTED_CONTROLS_CSS)  # the teacher's page is projected: captions the back row reads
    link = share_link(st.context.url or FALLBACK_URL, "class", {}) + f"?join={state.code}"
    left, right = st.columns([0.62, 0.38])
    with right:
        with st.container(key="class_code"):
            st.markdown(f"## Code: `{state.code}`")
        st.image(qr_png(link, scale=8), width=300)
        st.caption(md(link))
        with st.container(key="class_ask", border=True):
            kind = st.radio(
                "Question",
                ["point", "pain"],
                format_func=lambda k: (
                    "Where is this point?" if k == "point" else "Where does your back hurt? (demo)"
                ),
                key="class_kind",
            )
            point: str | None = None
            if kind == "point":  # a "where does it hurt" question has no point to pick
                back_points = [p.id for p in atlas.points if p.view == "back"]
                point = st.selectbox(
                    "Point",
                    back_points,
                    index=back_points.index("BL18"),
                    key="class_point",
                    format_func=lambda pid: (
                        f"{atlas.point(pid).code} · {atlas.point(pid).pinyin} · {atlas.point(pid).english}"
                    ),
                )
            st.button(
                "Ask the class",
                key="class_ask_go",
                type="primary",
                on_click=ask,
                args=(state.code, kind, point),
            )
        if state.question and not state.revealed and state.kind == "point":
            st.button("Reveal the answer", key="class_reveal", on_click=store.reveal, args=(state.code,))
        if st.button("End the class", key="class_end"):
            confirm_end(state.code)
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
