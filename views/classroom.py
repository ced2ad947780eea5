"""Class check: the teacher runs a lesson of questions ("Tap where BL18 is" on any diagram, or "Tap where your
back hurts"), students tap on their phones (joining by the class's code or QR), the teacher's screen fills with
the taps, reveals the answer and keeps the record; or sets the questions as homework open for a day or a week.

The teacher's class survives a reload: its teacher key is kept in the teacher's browser (ui.teacher_key), and a
teacher link carries it to a second device. A class database that cannot be reached is said plainly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from acumap import links
from acumap.atlas.selection import MapMode
from acumap.charts.class_results import results_figure
from acumap.class_record import answers_csv, lesson_pdf, lesson_records, lesson_summary, question_record
from acumap.class_record import question_view as answered_on
from acumap.classroom import (
    UNREACHABLE,
    ClassState,
    Question,
    StoreUnavailable,
    WrongKey,
    following,
    new_teacher_key,
    normalise,
)
from acumap.drawing.describe import pick_label
from acumap.quiz import score_attempt, shown_marker
from acumap.share import qr_png
from ui import class_follow, class_store, loading, styles, teacher_key
from ui import state as ui_state
from ui.class_route import PATH as ANSWER_PATH
from ui.downloads import deferred_download
from ui.map_component import Attempt, body_map
from ui.share import FALLBACK_URL
from ui.text import md

#: A student's taps reach the server at most this often (the last one always): twenty taps a second cost a few
#: runs, not twenty.
TAP_THROTTLE_MS = 500
#: How long homework may stay open, as the teacher chooses it (seconds).
HOMEWORK_OPEN = {"a day": 24 * 60 * 60, "three days": 3 * 24 * 60 * 60, "a week": 7 * 24 * 60 * 60}
LATE_TAP = "That tap came after the answer was shown: it was not counted."
UNAVAILABLE = (
    "The class's database cannot be reached just now. Answers already given are safe; this page tries again "
    "by itself."
)

atlas = loading.atlas()
join = st.query_params.get(links.JOIN, "")


@st.fragment(run_every=3)
def retry_store() -> None:
    """While the database cannot be reached, try again every few seconds; when it answers, draw the page."""
    try:
        class_store.store()
    except StoreUnavailable:
        return
    st.rerun()


try:
    store = class_store.store()
except StoreUnavailable:  # the database is down as the server starts: say so, and try again by itself
    st.markdown("## 📡 Class check")
    st.warning(UNAVAILABLE, icon="📡")
    retry_store()
    st.stop()


def point_label(pid: str) -> str:
    return pick_label(atlas.point(pid), with_view=True)


def question_view(kind: str, point_id: str | None) -> str:
    """The diagram a question is answered on: the point's own, the back for "where does it hurt"."""
    return answered_on(atlas, point_id if kind == "point" else None)


def question_words(kind: str, point_id: str | None) -> str:
    if kind == "pain":
        return "Tap where your back hurts"
    return f"Tap where {point_id} is"


def guarded_store(run: Callable[[], None]) -> None:
    """Run a part of the page; if the class database cannot be reached, say so plainly instead."""
    try:
        run()
    except StoreUnavailable:
        st.warning(UNAVAILABLE, icon="📡")


# --- students -------------------------------------------------------------------------------------------------


def student(code: str) -> None:
    student_view(code)


@st.fragment
def student_view(code: str) -> None:
    """A student's part of the page. A fragment: a tap, or the class moving on, redraws this part only, not the
    page (at a class's peak every phone does both within seconds: bench/class_scale.py). The follower
    (ui/class_follow.py) triggers the redraw when the teacher asks, reveals or ends."""
    try:
        state = store.get(code)
    except StoreUnavailable:
        st.warning(UNAVAILABLE, icon="📡")
        class_follow.follow(code, UNREACHABLE)  # and when the database is back, the page goes on
        return
    if state is None:
        st.error(f"There is no class with the code {md(normalise(code))}: it may have ended. Check the code.")
        return
    if state.ended:
        st.subheader(f"Class {md(state.code)}")
        st.info("The class has ended. Thank you for taking part: your answers stay anonymous.", icon="👋")
        return
    if state.homework:
        homework_student(state)
        return
    class_follow.follow(code, following(state))
    if not state.question:
        st.subheader(f"Class {md(state.code)}")
        st.info("You are in. Wait for your teacher's question: it appears here by itself.", icon="⏳")
        return
    st.subheader(f"Question {state.question}: {md(question_words(state.kind, state.point_id))}")
    token = class_store.session_token()
    try:
        landed: Attempt | None = st.session_state.pop(ui_state.QUIZ_ATTEMPT, None)
        if landed is not None and (landed.posted == "late" or (state.revealed and not landed.posted)):
            st.warning(LATE_TAP, icon="⏱️")
        elif landed is not None and not landed.posted:  # not stored through the answer route: store it here
            try:
                store.answer(state.code, token, landed.view, landed.x, landed.y, question=state.question)
            except (ValueError, LookupError):  # the teacher moved on (or ended) just before the tap
                st.warning(LATE_TAP, icon="⏱️")
        mine = store.answer_of(state.code, token, state.question)
    except StoreUnavailable:
        st.warning(UNAVAILABLE, icon="📡")
        return
    view = question_view(state.kind, state.point_id)
    post = {"url": f"{ANSWER_PATH}/{state.code}/answer", "token": token, "question": state.question}
    answer_map(state.kind, state.point_id, mine, state.revealed, after=state.revealed, answer_to=post)
    if state.revealed:
        st.caption("Wait for the next question: it appears here by itself.")
    elif mine is not None:
        st.success(f"Your answer is in (● on the {view}). Tap again to change it.", icon="✅")
    else:
        st.caption(f"Tap the {view} diagram. Your answer is anonymous.")


def answer_map(
    kind: str,
    point_id: str | None,
    mine: Any,
    show: bool,
    after: bool,
    answer_to: dict[str, Any] | None = None,
) -> None:
    """The question's diagram: the student's tap marked; once the answer is shown, the true point and how far
    off the tap was (the quiz's scoring and key). With `after`, taps do nothing."""
    view = question_view(kind, point_id)
    reveal: dict[str, Any] | None = None
    if mine is not None:
        reveal = {"view": mine.view, "ax": mine.x, "ay": mine.y, "tx": None, "ty": None, "correct": None}
    if show and kind == "point" and point_id:
        if mine is None:
            st.info(f"The answer: {md(point_id)} is marked on the {view} diagram.", icon="🎯")
            m = shown_marker(atlas, point_id)
            reveal = {"view": view, "ax": None, "ay": None, "tx": m.x, "ty": m.y, "correct": None}
        else:
            score = score_attempt(atlas, point_id, mine.view, mine.x, mine.y)
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
            st.caption(f"● your tap · ◯ {md(point_id)}, where it is")
    elif show and kind == "pain":
        st.success("Thank you: the teacher is showing the class's answers.", icon="✅")
    mode = MapMode(
        views=(view,), taps="name" if after else "find", landmarks=False, throttle_ms=TAP_THROTTLE_MS
    )
    body_map(atlas, "class_map", mode, reveal=reveal, answer_to=None if after else answer_to)


def homework_student(state: ClassState) -> None:
    """Homework: every question in turn, at the student's own pace; each answer shown at once."""
    st.subheader(f"Homework {md(state.code)}")
    lesson = store.questions(state.code)
    if not store.open_for_answers(state):
        st.info("This homework has closed: your teacher has the class's answers. Thank you.", icon="📕")
        return
    places: dict[str, int] = st.session_state.setdefault(ui_state.CLASS_HOMEWORK_AT, {})
    at = min(max(places.get(state.code, 1), 1), len(lesson) + 1)
    token = class_store.session_token()
    if at > len(lesson):
        st.success(f"Done: you answered all {len(lesson)} questions. Your answers are anonymous.", icon="🎉")
        if st.button("Go through them again", key="homework_again"):
            places[state.code] = 1
            st.rerun()
        return
    q = lesson[at - 1]
    landed: Attempt | None = st.session_state.pop(ui_state.QUIZ_ATTEMPT, None)
    if landed is not None:
        try:
            store.answer(state.code, token, landed.view, landed.x, landed.y, question=q.number)
        except (ValueError, LookupError):
            st.warning("This homework closed before that tap: it was not counted.", icon="⏱️")
    st.progress(at / len(lesson), text=f"Question {at} of {len(lesson)}")
    st.markdown(f"### {md(question_words(q.kind, q.point_id))}")
    mine = store.answer_of(state.code, token, q.number)
    answer_map(q.kind, q.point_id, mine, show=mine is not None, after=mine is not None)
    if mine is None:
        st.caption(f"Tap the {question_view(q.kind, q.point_id)} diagram. Your answer is anonymous.")
        return

    def next_question() -> None:
        places[state.code] = at + 1

    st.button("Next question →", key="homework_next", type="primary", on_click=next_question)


# --- the teacher ----------------------------------------------------------------------------------------------


def teacher_class() -> tuple[ClassState, str] | None:
    """The class this browser's teacher runs: from a teacher link (its key is then kept in the browser and
    dropped from the address), from this session, or from what the browser holds after a reload."""
    params = st.query_params
    if links.TEACH in params or links.KEY in params:
        code, key = params.get(links.TEACH, ""), params.get(links.KEY, "")
        for name in (links.TEACH, links.KEY):  # the key does not stay in the address bar
            if name in params:
                del params[name]
        try:
            state = store.resume(code, key)
        except WrongKey:
            st.error(
                f"That teacher link's key is not the key of class {md(normalise(code))}: only the teacher who "
                "started a class can run it. Students join with the code.",
                icon="🔒",
            )
            teacher_key.sync()
            return None
        except LookupError:
            st.error(f"There is no class {md(normalise(code))} any more: it may have expired.", icon="⌛")
            teacher_key.sync()
            return None
        st.session_state[ui_state.CLASS_TEACHER] = (state.code, key)
        teacher_key.sync(keep=(state.code, key))
        return state, key
    held = teacher_key.held()
    if held and held[0] == st.session_state.get(ui_state.CLASS_FORGOTTEN):
        held = None  # the teacher left this class; the browser has not yet said it forgot it
    mine = st.session_state.get(ui_state.CLASS_TEACHER) or held
    if mine:
        try:
            state = store.resume(*mine)
        except LookupError:  # expired, or a key that is not this class's: forget it
            st.session_state.pop(ui_state.CLASS_TEACHER, None)
            teacher_key.sync(forget=True)
            return None
        st.session_state[ui_state.CLASS_TEACHER] = mine
        teacher_key.sync(keep=mine)
        return state, mine[1]
    teacher_key.sync(forget=ui_state.CLASS_FORGOTTEN in st.session_state)
    return None


def begin(homework: list[tuple[str, str | None]] | None = None, open_for: float | None = None) -> None:
    st.session_state.pop(ui_state.CLASS_FORGOTTEN, None)
    key = new_teacher_key()
    code = store.start(key, homework=homework or (), open_for=open_for)
    st.session_state[ui_state.CLASS_TEACHER] = (code, key)


def start_screen() -> None:
    st.markdown(
        "Ask the class where points are, one question after another, or (a demonstration) where their back "
        "hurts. Students join on their phones with the code or the QR code; answers are anonymous and the class "
        "ends after three hours."
    )
    st.button("Start a class", key="class_start", type="primary", on_click=begin)
    with st.expander("📚 Set the questions as homework instead"):
        chosen = st.multiselect(
            "Points to find", [p.id for p in atlas.points], key="homework_points", format_func=point_label
        )
        how_long = st.radio("Open for", list(HOMEWORK_OPEN), key="homework_open", horizontal=True)
        if st.button("Set the homework", key="homework_start", disabled=not chosen):
            begin([("point", pid) for pid in chosen], HOMEWORK_OPEN[how_long])
            st.rerun()


def teacher() -> None:
    st.html(styles.PROJECTED_CONTROLS_CSS)  # the teacher's page is projected: captions the back row reads
    held = teacher_class()
    if held is None:
        start_screen()
        return
    state, key = held
    link = links.join_link(st.context.url or FALLBACK_URL, state.code)
    left, right = st.columns([0.62, 0.38])
    with right:
        with st.container(key="class_code"):
            st.markdown(f"## Code: `{state.code}`")
        if not state.ended:
            st.image(qr_png(link, scale=8), width=300)
            st.caption(md(link))
        if state.homework:
            homework_panel(state)
        elif not state.ended:
            ask_panel(state)
        with st.expander("🔑 Teacher link, for another device"):
            teach = links.teacher_link(st.context.url or FALLBACK_URL, state.code, key)
            st.markdown(
                "Open this link on your other screen to run the same class there. **Do not project it or send "
                "it to students**: whoever has it runs the class."
            )
            st.code(teach, language=None, wrap_lines=True)
        if state.ended and st.button("Start a new class", key="class_new", type="primary"):
            st.session_state.pop(ui_state.CLASS_TEACHER, None)
            st.session_state[ui_state.CLASS_FORGOTTEN] = state.code
            st.rerun()
    with left:
        if state.homework or state.ended:
            lesson_record(state.code)
        else:
            live(state.code)
            # Outside the live view (which redraws every second): a revealed question's record does not change,
            # and this is drawn again whenever the teacher asks or reveals.
            if state.question > 1 or state.revealed:
                with st.expander("📋 The lesson so far"):
                    lesson_record(state.code, live=True)


def ask(code: str, kind: str, point: str | None) -> None:
    store.ask(code, kind, point)


def ask_panel(state: ClassState) -> None:
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
            ids = [p.id for p in atlas.points]
            point = st.selectbox(
                "Point", ids, index=ids.index("BL18"), key="class_point", format_func=point_label
            )
        label = "Ask the class" if not state.question else "Ask the next question"
        st.button(label, key="class_ask_go", type="primary", on_click=ask, args=(state.code, kind, point))
    if state.question and not state.revealed and state.kind == "point":
        st.button("Reveal the answer", key="class_reveal", on_click=store.reveal, args=(state.code,))
    if st.button("End the class", key="class_end"):
        confirm_end(state.code)


def homework_panel(state: ClassState) -> None:
    day = datetime.fromtimestamp(state.closes or 0.0, UTC).strftime("%d %b %Y, %H:%M UTC")
    if store.open_for_answers(state):
        st.info(
            f"Homework: {state.question} questions, open until {day}. Send the students the link.", icon="📚"
        )
    else:
        st.info(f"Homework: closed on {day}. The answers are below.", icon="📕")


@st.dialog("End the class?")
def confirm_end(code: str) -> None:
    st.markdown("Every student's phone will say **the class has ended**, and no more answers are taken.")
    yes, no = st.columns(2)
    if yes.button("Yes, end it", key="class_end_yes", type="primary", width="stretch"):
        store.end(code)
        st.rerun()
    if no.button("Keep it going", key="class_end_no", width="stretch"):
        st.rerun()


@st.fragment(run_every=1)
def live(code: str) -> None:
    """The answers as they arrive (the class's taps, the count) and, on the reveal, the true point and the error."""
    try:
        state = store.get(code)
        if state is None or not state.question:
            st.info("Ask a question: the students' taps will appear here as they arrive.", icon="📡")
            # The count is drawn from the start: its script is fetched now, not at the busiest moment (under
            # load a first fetch during the first answers failed: bench/class_scale.py).
            st.metric("Answered", "–")
            return
        taps = store.answers(code)
    except StoreUnavailable:
        st.warning(UNAVAILABLE, icon="📡")
        return
    point = state.point_id if state.kind == "point" else None
    question = Question(state.question, state.kind, point, 0.0, state.revealed)
    got = question_record(atlas, question, taps)
    st.markdown(f"### Question {state.question}: {md(question_words(state.kind, state.point_id))}")
    count, error, found = st.columns(3)
    count.metric("Answered", got.count)
    if state.revealed and got.mean_error_cun is not None:
        error.metric("Mean error", f"{got.mean_error_cun:.1f} cun")
        share = got.share_correct or 0.0
        found.metric("Within half a cun", f"{share:.0%}")
        level = f", {got.mean_vertical_levels:.1f} levels off on average" if got.mean_vertical_levels else ""
        st.caption(f"{got.correct} of {got.count} within half a cun and half a level of the point{level}.")
        if got.systematic:
            st.markdown(f"#### ➜ {md(got.systematic)}")
    view = question_view(state.kind, state.point_id)
    fig = results_figure(atlas, loading.drawing(view), taps, point, state.revealed, height=600)
    st.plotly_chart(fig, key="class_chart", config={"displayModeBar": False, "staticPlot": True})


def lesson_record(code: str, live: bool = False) -> None:
    """The lesson's record: its questions ranked from hardest to easiest with their figures, and the answers as
    CSV (one row per anonymous answer) and a one-page PDF for the teacher's notes."""
    lesson = store.questions(code)
    if not lesson:
        st.info("No questions were asked.", icon="📭")
        return
    by_question = {q.number: store.answers(code, q.number) for q in lesson}
    records = lesson_records(atlas, lesson, by_question)
    if not live:
        st.markdown(f"### The lesson: {len(lesson)} questions, hardest first")
    rows = [
        {
            "Rank": v.rank,
            "Question": f"Q{r.question.number}: {r.question.point_id or 'where it hurts'}",
            "Answers": r.count,
            "Mean error": "–" if r.mean_error_cun is None else f"{r.mean_error_cun:.1f} cun",
            "Within half a cun": "–" if r.share_correct is None else f"{r.share_correct:.0%}",
            "What the class did": r.systematic or v.line,
        }
        for v in lesson_summary(records)
        for r in [v.record]
    ]
    # A static table: its words wrap and it reads from the back of the room (no scrolling box on a projector).
    st.table(pd.DataFrame(rows).set_index("Rank"))
    st.caption("Answers are anonymous: the files hold no names and no tokens.")
    csv_col, pdf_col = st.columns(2)
    which = "live" if live else "end"
    deferred_download(
        csv_col,
        "Answers (CSV)",
        lambda: answers_csv(lesson, by_question, atlas),
        f"acumap-class-{code}.csv",
        "text/csv",
        f"lesson_csv_{which}",
        icon="📄",
    )
    deferred_download(
        pdf_col,
        "Summary (PDF)",
        lambda: lesson_pdf(records, title=f"Class check {code}: the lesson"),
        f"acumap-class-{code}.pdf",
        "application/pdf",
        f"lesson_pdf_{which}",
        icon="🗒️",
    )


st.html(styles.CLASS_CSS)
st.markdown("## 📡 Class check")
guarded_store(lambda: student(join) if join else teacher())
