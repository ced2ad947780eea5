"""Quiz: find the point on the diagram; see how far off you were, in vertebral levels and cun.

The round (what it draws from, its seed, landmarks on or off) and every attempt live in the link
(`/quiz?round=find.region-middle_back.s42.lm&a=back:-5.1:25.8~...`), so a reload, a rerun or a shared link
replays it exactly.
"""

from __future__ import annotations

import random

import plotly.graph_objects as go
import streamlit as st

from acumap.data import MERIDIANS
from acumap.quiz import (
    RoundSpec,
    Score,
    decode_attempts,
    draw,
    encode_attempts,
    hint,
    score_attempt,
    summarise,
)
from acumap.regions import BASE_LABELS, BASE_REGIONS
from ui import loading
from ui.boundary import PageStopped
from ui.map_component import QUIZ_ATTEMPT, body_map
from ui.text import md

SPEC, ATTEMPTS, FEEDBACK, FROM_URL = "quiz_spec", "quiz_attempts", "quiz_feedback", "_quiz_from_url"

atlas = loading.atlas()


if not st.session_state.get(FROM_URL):
    st.session_state[FROM_URL] = True
    text = st.query_params.get("round")
    if text:
        linked = RoundSpec.decode(text)
        linked_attempts = decode_attempts(st.query_params.get("a", ""))
        if linked is None or linked_attempts is None:
            st.info(
                "The link's quiz round could not be read; it was ignored. Start a new round below.", icon="ℹ️"
            )
        else:
            st.session_state[SPEC], st.session_state[ATTEMPTS] = linked, linked_attempts[:10]


def start(spec: RoundSpec) -> None:
    st.session_state[SPEC], st.session_state[ATTEMPTS], st.session_state[FEEDBACK] = spec, [], False
    st.session_state.pop(QUIZ_ATTEMPT, None)


spec: RoundSpec | None = st.session_state.get(SPEC)
st.markdown("#### Quiz · find the point")

if spec is None:
    st.write(
        "Ten points, one at a time: click or tap where you think each one is. You see the true point at once, "
        "how far off you were (in vertebral levels and cun) and how to find it."
    )
    c = st.columns([0.3, 0.4, 0.3], vertical_alignment="bottom")
    source = c[0].selectbox(
        "Points from",
        ["region", "meridian", "view", "all"],
        format_func=lambda s: {
            "region": "A region",
            "meridian": "A meridian",
            "view": "A diagram",
            "all": "Every point",
        }[s],
        key="quiz_source",
    )
    options = {
        "region": list(BASE_REGIONS),
        "meridian": list(MERIDIANS.values()),
        "view": ["back", "hand", "leg", "head"],
    }
    value = (
        c[1].selectbox(
            "Which", options[source], key=f"quiz_value_{source}", format_func=lambda v: BASE_LABELS.get(v, v)
        )
        if source in options
        else ""
    )
    landmarks = c[2].toggle("Show landmarks", value=True, key="quiz_landmarks", help="Harder without them")
    seed = random.SystemRandom().randint(1, 999_999)
    st.button(
        "Start a round",
        type="primary",
        key="quiz_start",
        on_click=start,
        args=(RoundSpec("find", source, value or "", seed, landmarks),),
    )
    st.query_params.clear()
    raise PageStopped

points = draw(atlas, spec)
if not points:
    st.warning("This round has no points to ask (the link names none that AcuMap knows).", icon="🎯")
    st.button("New round", key="quiz_empty_new", on_click=lambda: st.session_state.pop(SPEC, None))
    raise PageStopped
attempts: list[tuple[str, float, float]] = st.session_state.setdefault(ATTEMPTS, [])
landed = st.session_state.pop(QUIZ_ATTEMPT, None)
if landed is not None and len(attempts) < len(points) and not st.session_state.get(FEEDBACK):
    attempts.append(landed)
    st.session_state[FEEDBACK] = True
scores: list[Score] = [score_attempt(atlas, pid, *a) for pid, a in zip(points, attempts, strict=False)]
st.query_params.from_dict({"round": spec.encode(), **({"a": encode_attempts(attempts)} if attempts else {})})
st.caption(md(spec.label(len(points))) + (" · landmarks hidden" if not spec.landmarks else ""))

feedback = bool(st.session_state.get(FEEDBACK)) and bool(scores)
done = len(attempts) >= len(points) and not feedback

if done:
    summary = summarise(scores)
    st.subheader(f"Score: {summary.correct} of {summary.answered}")
    if summary.mean_error_cun is not None:
        st.markdown(f"Mean distance from the points: **{summary.mean_error_cun:.1f} cun**")
    fig = go.Figure()
    fig.add_hline(y=0, line_color="#999")
    fig.add_vline(x=0, line_color="#999")
    placed = [s for s in scores if not s.wrong_view]
    fig.add_scatter(
        x=[s.sideways for s in placed],
        y=[-s.vertical for s in placed],
        mode="markers+text",
        text=[s.point_id for s in placed],
        textposition="top center",
        marker={"size": 12, "color": ["#009E73" if s.correct else "#D55E00" for s in placed]},
        hovertemplate="%{text}<extra></extra>",
    )
    fig.update_layout(
        title="Your attempts around the true points (the cross)",
        xaxis_title="sideways, cun (back: + too far from the midline)",
        yaxis_title="up / down (back: levels; + too high)",
        height=420,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        showlegend=False,
    )
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    st.plotly_chart(fig, key="quiz_chart")
    if summary.to_practise:
        st.markdown("**Points to practise:** " + ", ".join(md(pid) for pid in summary.to_practise))
    ends = st.columns(2)
    ends[0].button("New round", key="quiz_new", on_click=lambda: st.session_state.pop(SPEC, None))
    if summary.to_practise:
        ends[1].button(
            "Practise the points I missed",
            key="quiz_missed",
            on_click=start,
            args=(RoundSpec("find", "missed", ",".join(summary.to_practise), spec.seed + 1, spec.landmarks),),
        )
    raise PageStopped

left, right = st.columns([0.6, 0.4], gap="small")
k = len(attempts) - 1 if feedback else len(attempts)
point = atlas.point(points[k])
reveal = None
if feedback:
    last = scores[-1]
    reveal = {
        "view": last.view,
        "ax": last.attempt[0],
        "ay": last.attempt[1],
        "tx": last.target[0],
        "ty": last.target[1],
        "correct": last.correct,
    }
with left:
    body_map(atlas, key="quiz_map", regions=False, quiz=True, landmarks=spec.landmarks, reveal=reveal)
with right:
    st.progress(len(attempts) / len(points), text=f"Point {k + 1} of {len(points)}")
    st.subheader(f"Find {point.code}")
    st.markdown(
        f"{md(point.pinyin)} {md(point.hanzi)} · {md(point.english)} · on the **{md(point.view)}** diagram"
    )
    if feedback:
        last = scores[-1]
        words = "; ".join(last.feedback)
        if last.correct:
            st.success(f"**Correct.** {md(words)}.", icon="✅")
        else:
            st.error(f"**Not quite:** {md(words)}.", icon="🎯")
        st.markdown(f"**How to find it:** {md(hint(point))}")
        st.button(
            "Next point" if len(attempts) < len(points) else "See the results",
            key="quiz_next",
            type="primary",
            on_click=lambda: st.session_state.update({FEEDBACK: False}),
        )
    else:
        st.markdown("Click or tap where you think it is.")
