"""Quiz: find the point on the diagram (scored in vertebral levels and cun), or name the point shown.

The round (find or name, what it draws from, its seed, landmarks on or off) and every answer live in the
link (`/quiz?round=find.region-middle_back.s42.lm&a=back:-5.1:25.8~...`), so a reload, a rerun or a shared
link replays it exactly. Which points a student misses is kept in their browser (ui/quiz_history.py).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from acumap import links
from acumap.anki import deck_points
from acumap.atlas.data import MERIDIANS
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.atlas.regions import BASE_LABELS, BASE_REGIONS, parse_region
from acumap.atlas.selection import MapMode
from acumap.charts.quiz import attempts_figure
from acumap.drawing.describe import pick_label
from acumap.quiz import (
    NameScore,
    RoundSpec,
    Score,
    asked_code,
    draw,
    hint,
    most_missed,
    nameable,
    read_answer,
    score_attempt,
    score_name,
    shown_marker,
    summarise,
)
from acumap.quiz_round import QuizRound, from_link
from acumap.quiz_round import start as start_round
from ui import loading, state, styles
from ui import review as review_ui
from ui.boundary import PageStopped
from ui.downloads import deferred_download
from ui.map_component import body_map
from ui.quiz_history import keep, stored
from ui.shell import bring_into_view
from ui.text import md

atlas = loading.atlas()


def _run_id() -> str:
    """Tells one taking of a round from another in the browser's history (the same link may be retaken)."""
    return secrets.token_hex(4)


if not st.session_state.get(state.QUIZ_FROM_URL):
    st.session_state[state.QUIZ_FROM_URL] = True
    text = st.query_params.get(links.ROUND)
    if text:
        linked = from_link(text, st.query_params.get(links.ANSWERS, ""), _run_id())
        if linked is None:
            st.info(
                "The link's quiz round could not be read; it was ignored. Start a new round below.", icon="ℹ️"
            )
        else:
            st.session_state[state.QUIZ_ROUND] = linked


def anki_section() -> None:
    """The atlas as an Anki deck, a region's points or every point: for a student who studies in Anki."""
    with st.container(key="anki"):
        st.markdown("#### Study in Anki")
        st.caption(
            "A deck for Anki (a spaced-repetition app) with two cards per point: find it on its diagram, and "
            "name it from the diagram. Import it again after an update: your cards are updated, not copied."
        )
        c = st.columns([0.5, 0.5], vertical_alignment="bottom")
        scope = c[0].selectbox(
            "Deck of",
            ["all", *BASE_REGIONS],
            key="anki_scope",
            format_func=lambda v: "Every point" if v == "all" else BASE_LABELS[v],
        )
        scope = scope or "all"
        count = len(deck_points(loading.atlas(), None if scope == "all" else parse_region(scope)))
        deferred_download(
            c[1],
            f"Anki deck · {count} points (.apkg)",
            lambda: loading.anki_deck(scope).apkg,  # built when asked for, once per version of the data
            f"acumap-{scope}.apkg",
            "application/octet-stream",
            key="anki_download",
            icon=":material/download:",
        )


def start(spec: RoundSpec) -> None:
    st.session_state[state.QUIZ_ROUND] = start_round(spec, _run_id())
    st.session_state.pop(state.QUIZ_ATTEMPT, None)
    st.session_state.pop(state.QUIZ_NAME_MSG, None)


def new_round() -> None:
    st.session_state.pop(state.QUIZ_ROUND, None)


def step(change: Callable[[QuizRound], QuizRound]) -> None:
    """Replace the round with what one of its steps returns (the round decides; acumap.quiz_round)."""
    st.session_state[state.QUIZ_ROUND] = change(st.session_state[state.QUIZ_ROUND])


if review_ui.running(atlas):  # a spaced review under way takes the page
    st.query_params.clear()
    raise PageStopped
taking: QuizRound | None = st.session_state.get(state.QUIZ_ROUND)

if taking is None:
    st.markdown("#### Quiz")
    st.write(
        "Ten points, one at a time. **Find** each point: click or tap where you think it is, and see at once "
        "how far off you were, in vertebral levels and cun, and how to find it. Or **name** the point shown."
    )
    missed = most_missed(stored())
    mode = st.segmented_control(
        "Question",
        ["find", "name"],
        default="find",
        format_func=lambda m: {"find": "Find the point", "name": "Name the point"}[m],
        key="quiz_mode",
    )
    if mode == "name":
        askable = set(nameable(atlas))
        missed = [pid for pid in missed if pid in askable]
    c = st.columns([0.3, 0.4, 0.3], vertical_alignment="bottom")
    sources = ["region", "meridian", "view", "all"] + (["missed"] if missed else [])
    source = c[0].selectbox(
        "Points from",
        sources,
        format_func=lambda s: {
            "region": "A region",
            "meridian": "A meridian",
            "view": "A diagram",
            "all": "Every point",
            "missed": f"The points I miss most ({len(missed)})",
        }[s],
        key="quiz_source",
    )
    options = {
        "region": list(BASE_REGIONS),
        "meridian": list(MERIDIANS.values()),
        "view": list(DIAGRAM_VIEWS),
    }
    if source in options:
        value = c[1].selectbox(
            "Which", options[source], key=f"quiz_value_{source}", format_func=lambda v: BASE_LABELS.get(v, v)
        )
    elif source == "missed":
        value = ",".join(missed)
        c[1].markdown(md(", ".join(missed)))
    else:
        value = ""
    landmarks = c[2].toggle("Show landmarks", value=True, key="quiz_landmarks", help="Harder without them")
    seed = random.SystemRandom().randint(1, 999_999)
    st.button(
        "Start a round",
        type="primary",
        key="quiz_start",
        on_click=start,
        args=(RoundSpec(mode or "find", source, value or "", seed, landmarks),),
    )
    keep([], report=True)
    review_ui.section(atlas)
    anki_section()
    st.query_params.clear()
    raise PageStopped

spec = taking.spec
points = draw(atlas, spec)
if not points:
    st.warning(
        "This round has no points to ask: none of the points it names can be asked this way.", icon="🎯"
    )
    st.button("New round", key="quiz_empty_new", on_click=new_round)
    raise PageStopped

landed = st.session_state.pop(state.QUIZ_ATTEMPT, None)
if landed is not None:
    taking = taking.attempt(len(points), landed.view, landed.x, landed.y)
    st.session_state[state.QUIZ_ROUND] = taking
naming = taking.naming
scores: list[Score] | list[NameScore] = (
    [score_name(atlas, pid, given) for pid, given in zip(points, taking.names, strict=False)]
    if naming
    else [score_attempt(atlas, pid, *a) for pid, a in zip(points, taking.attempts, strict=False)]
)
answered = len(scores)
st.query_params.from_dict(taking.link_params())
# This browser keeps what was answered here (not what a shared link brought).
keep(taking.kept(points, [s.correct for s in scores]), report=False)
feedback = taking.showing_verdict()
done = taking.done(len(points))


def show_summary(spec: RoundSpec) -> None:
    summary = summarise(scores)
    st.subheader(f"Score: {summary.correct} of {summary.answered}")
    if summary.mean_error_cun is not None:
        st.markdown(f"Mean distance from the points: **{summary.mean_error_cun:.1f} cun**")
    placed = [s for s in scores if isinstance(s, Score) and not s.wrong_view]
    if placed:
        st.markdown("**Your attempts around the true points** (each point at the cross in the middle)")
        st.plotly_chart(attempts_figure(placed), key="quiz_chart", config={"displayModeBar": False})
    rows = [
        {
            "Point": s.point_id,
            **(
                {"Your answer": s.given}
                if isinstance(s, NameScore)
                else {"How far off": "; ".join(s.feedback) if isinstance(s, Score) else ""}
            ),
            "Result": "✔ right" if s.correct else "✘ wrong",
        }
        for s in scores
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="quiz_table")
    if summary.to_practise:
        st.markdown("**Points to practise:** " + ", ".join(md(pid) for pid in summary.to_practise))
    ends = st.columns(2)
    ends[0].button("New round", key="quiz_new", on_click=new_round)
    if summary.to_practise:
        ends[1].button(
            "Practise the points I missed",
            key="quiz_missed",
            on_click=start,
            args=(
                RoundSpec(spec.mode, "missed", ",".join(summary.to_practise), spec.seed + 1, spec.landmarks),
            ),
        )


if done:
    st.markdown("#### Quiz · your results")
    st.caption(md(spec.label(len(points))) + (" · landmarks hidden" if not spec.landmarks else ""))
    show_summary(spec)
    raise PageStopped

k = taking.current()
point = atlas.point(points[k])


def check_name() -> None:
    """The form's Check: a typed answer (read tolerantly) or a pick from the list names a point."""
    typed = str(st.session_state.get(state.QUIZ_NAME_TEXT) or "")
    pick = st.session_state.get(state.QUIZ_NAME_PICK)
    given: str | None = None
    if typed.strip():
        reading = read_answer(atlas, typed)
        given = reading.point_id
        if given is None:
            st.session_state[state.QUIZ_NAME_MSG] = (typed, reading.nearest, reading.tied)
    elif isinstance(pick, str):
        given = pick
    else:
        st.session_state[state.QUIZ_NAME_MSG] = ("", (), False)
    if given is not None:
        step(lambda q: q.name(len(points), given))
        st.session_state.pop(state.QUIZ_NAME_MSG, None)
        # A refused answer stays in the box to be corrected; an accepted one clears it for the next point.
        st.session_state[state.QUIZ_NAME_TEXT] = ""
        st.session_state[state.QUIZ_NAME_PICK] = None


reveal: dict[str, Any] | None = None
if naming:
    m = shown_marker(atlas, point.id)
    last_correct = scores[-1].correct if feedback else None
    reveal = {"view": point.view, "ax": None, "ay": None, "tx": m.x, "ty": m.y, "correct": last_correct}
elif feedback:
    last = scores[-1]
    assert isinstance(last, Score)
    # On the wrong diagram the attempt's position means nothing on the point's: show the point only.
    reveal = {
        "view": last.view,
        "ax": None if last.wrong_view else last.attempt[0],
        "ay": None if last.wrong_view else last.attempt[1],
        "tx": last.target[0],
        "ty": last.target[1],
        "correct": last.correct,
    }
# The question (and, once answered, the verdict) above the map, so a phone shows them before the diagrams.
if naming:
    st.markdown(f"#### Quiz · Name the point marked on the {md(point.view)} diagram")
else:
    st.markdown(
        f"#### Quiz · Find {md(asked_code(atlas, point))} — {md(point.pinyin)} {md(point.hanzi)} ({md(point.english)}), "
        f"on the {md(point.view)} diagram"
    )
st.progress(
    answered / len(points),
    text=f"Point {k + 1} of {len(points)} · {md(spec.label(len(points)))}"
    + (" · landmarks hidden" if not spec.landmarks else ""),
)
left, right = st.container(key="quiz_body").columns([0.6, 0.4], gap="small")
with left:
    body_map(
        atlas,
        "quiz_map",
        # Only the diagram of the point asked (the question names it), so on a phone it is the first thing
        # seen, and the next step is never several diagrams away.
        MapMode(views=(point.view,), taps="name" if naming else "find", landmarks=spec.landmarks),
        reveal=reveal,
    )
# The verdict heads the right column: the map beside it never moves when a verdict comes or goes. On a phone
# the columns stack, and with a verdict the right column (verdict, how to find it, Next) goes above the map.
verdict = right.container(key="quiz_verdict")
if feedback:
    last_score = scores[-1]
    words = "; ".join(last_score.feedback)
    if last_score.correct:
        verdict.success(f"**Correct.** {md(words)}.", icon="✅")
    else:
        verdict.error(f"**Not quite:** {md(words)}.", icon="🎯")
    # (each feedback phrase is written without a final full stop: the sentence gets one here)
    # Which mark is which on the map (the reveal draws the tap as a dot, the true point as a ring).
    shown_tap = not naming and isinstance(last_score, Score) and not last_score.wrong_view
    verdict.caption(("● your tap · " if shown_tap else "") + f"◯ {md(asked_code(atlas, point))}, where it is")
    verdict.html(styles.QUIZ_NEXT_FIRST_CSS)  # fixed styling, no data in it
# On a phone, after an answer, the verdict is brought into view (the tap may have been lower down).
bring_into_view("quiz_verdict", "quiz_verdict", f"{taking.run}:{answered}" if feedback else "")
with right:
    if feedback:
        how = hint(point)
        if naming and not how.endswith(point.location):
            st.markdown(f"**Where it lies:** {md(point.location)}")
        st.markdown(f"**How to find it:** {md(how)}")
        st.button(
            "Next point" if answered < len(points) else "See the results",
            key="quiz_next",
            type="primary",
            on_click=step,
            args=(QuizRound.next,),
        )
    elif naming:
        with st.form("quiz_name_form", border=False):
            st.text_input(
                "Its code or name",
                key=state.QUIZ_NAME_TEXT,
                placeholder="e.g. BL18, Ganshu or Liver Shu",
                help="Case, tone marks and a small typo do not matter.",
            )
            st.selectbox(
                "or pick it from the list",
                nameable(atlas),
                index=None,
                key=state.QUIZ_NAME_PICK,
                placeholder="Choose a point",
                format_func=lambda pid: pick_label(atlas.point(pid)),
            )
            st.form_submit_button("Check", type="primary", on_click=check_name)
        message = st.session_state.get(state.QUIZ_NAME_MSG)
        if message:
            typed, nearest, tied = message
            offered = ", ".join(f"{atlas.point(pid).code} {atlas.point(pid).pinyin}" for pid in nearest)
            if tied:
                st.warning(f"Which one do you mean: {md(offered)}? Type its code, or pick it.", icon="🤔")
            elif nearest:
                st.warning(
                    f"No point in AcuMap is called “{md(typed)}”. Similar: {md(offered)}. "
                    "Type a code or name, or pick it from the list.",
                    icon="🤔",
                )
            elif typed:
                st.warning(
                    f"No point is called “{md(typed)}”. Type a code (BL18), a pinyin name (Ganshu) or an "
                    "English name (Liver Shu), or pick it from the list.",
                    icon="🤔",
                )
            else:
                st.warning("Type its code or name, or pick it from the list.", icon="🤔")
    else:
        st.markdown(
            "Click or tap where you think it is. With the keyboard: Tab to the diagram, move the cross with the "
            "arrow keys (Shift for bigger steps) and press Enter."
        )
