"""The spaced review on the quiz page: what is due, a session of cards (find it on the map, name it from the map),
the grade the answer gives and the student may change, progress, settings, and the deck's export, import and
forgetting. The schedule is FSRS's (acumap.review); the deck lives in the browser (ui/review_store.py)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

import streamlit as st

from acumap.atlas.data import MERIDIANS, Atlas
from acumap.atlas.regions import BASE_LABELS, BASE_REGIONS
from acumap.atlas.selection import MapMode
from acumap.charts.review import recall_figure, reviews_figure
from acumap.quiz import asked_code, hint, read_answer, score_attempt, score_name, shown_marker
from acumap.review import (
    GRADES,
    ImportRefused,
    Progress,
    Scope,
    Settings,
    due_count,
    from_json,
    grade_find,
    grade_name,
    parse_card,
    progress,
    review,
    session,
    to_json,
)
from ui import review_store, state
from ui.downloads import deferred_download
from ui.map_component import body_map
from ui.review_store import Held
from ui.text import md

GRADE_WORDS = {"again": "Again", "hard": "Hard", "good": "Good", "easy": "Easy"}


@dataclass(frozen=True)
class Sitting:
    """A review session under way: its cards, which one is shown, the answer given to it (find: the attempt
    (view, x, y); name: the point named and whether AcuMap had to ask which one), and how many were saved."""

    cards: tuple[str, ...]
    at: int = 0
    attempt: tuple[str, float, float] | None = None
    named: str | None = None
    asked_which: bool = False
    saved: int = 0


def _tz(h: Held) -> dt.tzinfo:
    return dt.timezone(dt.timedelta(minutes=h.tz_minutes))


@st.fragment
def due_line(atlas: Atlas) -> None:
    """ "Due today: N" under the body map (nothing until the browser has reported its deck). A fragment: the
    browser's report reruns this line only, not the page (whose one-off notices, such as an unknown link
    value's, would go with a page rerun)."""
    review_store.sync()
    h = review_store.held(atlas)
    if h is None or not h.deck.cards:
        return
    n = due_count(h.deck, atlas, review_store.now(h), tz=_tz(h))
    st.caption(f"🔁 Due today: {n} point cards · [Review →](/quiz)" if n else "🔁 Nothing due today.")


def _start(cards: list[str]) -> None:
    st.session_state[state.REVIEW_SESSION] = Sitting(tuple(cards))


@st.fragment
def section(atlas: Atlas) -> None:
    """The review's part of the quiz page's start: what is due, the button, progress, settings, the deck's file.
    A fragment: the browser's first report of its cards reruns this part only, not the page (a list opened
    elsewhere on the page in the meantime stays open); what must change the page reruns it (st.rerun)."""
    review_store.sync()
    st.markdown("#### Spaced review")
    h = review_store.held(atlas)
    if h is None:
        st.caption("Reading your review cards from this browser…")
        return
    if h.refused:
        st.warning(f"The review cards this browser holds could not be read: {md(h.refused)}", icon="⚠️")
    now = review_store.now(h)
    cards = session(h.deck, atlas, now, tz=_tz(h))
    p = progress(h.deck, atlas, now, tz=_tz(h))
    st.write(
        "Each point is two cards: **find it** on its diagram and **name it** from the diagram. FSRS schedules "
        "each one from how far off you were, so what you know comes back rarely and what you miss soon."
    )
    st.markdown(f"**Due today: {p.due}** · new cards left today: {p.new_left}")
    if st.button(
        f"Review now ({len(cards)} cards)" if cards else "Nothing to review now",
        key="review_start",
        type="primary",
        disabled=not cards,
    ):
        _start(cards)
        st.rerun()  # the whole page: the review takes it
    _progress(p)
    _settings(atlas, h)
    _files(atlas, h)
    if h.blocked:
        st.caption("This browser does not let AcuMap keep data: your cards last for this visit only.")


def _progress(p: Progress) -> None:
    if not p.reviews:
        st.caption("Your review cards are kept in this browser only (not on the server).")
        return
    c = st.columns(3)
    c[0].metric("Cards learned", p.learned)
    c[1].metric("Due now", p.due)
    c[2].metric("Remembered so far", "–" if p.retention is None else f"{p.retention:.0%}")
    charts = st.columns(2)
    charts[0].plotly_chart(reviews_figure(p), key="review_days", config={"displayModeBar": False})
    charts[1].plotly_chart(recall_figure(p), key="review_recall", config={"displayModeBar": False})


def _settings(atlas: Atlas, h: Held) -> None:
    s = h.deck.settings
    with st.expander("What to study, and how many new cards a day"):
        kind = st.radio(
            "Study",
            ["all", "region", "meridian"],
            index=["all", "region", "meridian"].index(s.scope.kind),
            format_func=lambda k: {
                "all": "Every point",
                "region": "Some regions",
                "meridian": "Some meridians",
            }[k],
            horizontal=True,
            key="review_scope_kind",
        )
        values: tuple[str, ...] = ()
        if kind == "region":
            values = tuple(
                st.multiselect(
                    "Regions",
                    list(BASE_REGIONS),
                    default=[v for v in s.scope.values if v in BASE_REGIONS]
                    if s.scope.kind == "region"
                    else [],
                    format_func=lambda v: BASE_LABELS[v],
                    key="review_scope_regions",
                )
            )
        elif kind == "meridian":
            codes = sorted(MERIDIANS, key=lambda c: MERIDIANS[c])
            values = tuple(
                st.multiselect(
                    "Meridians",
                    codes,
                    default=[v for v in s.scope.values if v in codes] if s.scope.kind == "meridian" else [],
                    format_func=lambda c: MERIDIANS[c],
                    key="review_scope_meridians",
                )
            )
        per_day = st.number_input("New cards a day", 0, 50, s.new_per_day, key="review_new_per_day")
        wanted = Settings(
            new_per_day=int(per_day), scope=Scope(kind, values) if kind != "all" else Scope("all", ())
        )
        if kind != "all" and not values:
            st.caption("Choose at least one to study; until then every point is studied.")
        elif wanted != s:
            review_store.keep(h, replace(h.deck, settings=wanted))
            st.rerun()


def _files(atlas: Atlas, h: Held) -> None:
    # What the last import did, shown outside the (closed again) box it was made in, for as long as its file is
    # in the box: a message shown for one run only could be gone before anyone read it (any other run took it).
    slot = st.empty()
    with st.expander("Move your cards to another device, or forget them"):
        deferred_download(  # the file is written when asked for, not on every run of the page
            st,
            "Export my cards (JSON)",
            lambda: json.dumps(to_json(h.deck), ensure_ascii=False, indent=1),
            "acumap-review.json",
            "application/json",
            key="review_export",
        )
        upload = st.file_uploader("Import cards exported from AcuMap", type=["json"], key="review_import")
        if upload is None:
            st.session_state.pop(state.REVIEW_IMPORT_MSG, None)
        elif st.session_state.get(state.REVIEW_IMPORTED) != upload.file_id:
            st.session_state[state.REVIEW_IMPORTED] = upload.file_id
            try:
                deck = from_json(json.loads(upload.getvalue().decode("utf-8")), atlas)
            except (ValueError, UnicodeDecodeError) as err:  # ImportRefused and broken JSON are ValueErrors
                reason = (
                    str(err) if isinstance(err, ImportRefused) else "it is not a JSON file AcuMap can read"
                )
                st.session_state[state.REVIEW_IMPORT_MSG] = (
                    "error",
                    f"Not imported: {reason}. Nothing changed.",
                )
            else:
                review_store.keep(h, deck)
                n = len(deck.cards)
                st.session_state[state.REVIEW_IMPORT_MSG] = (
                    "ok",
                    f"Imported {n} card{'s' if n != 1 else ''}.",
                )
            st.rerun()
        with st.popover("Forget everything"):
            st.write("Your review cards and history will be removed from this browser.")
            if st.button("Forget my review cards", key="review_forget", type="primary"):
                review_store.keep(h, None)
                st.session_state.pop(state.REVIEW_SESSION, None)
                st.rerun()
    said = st.session_state.get(state.REVIEW_IMPORT_MSG)
    if said:
        (slot.success if said[0] == "ok" else slot.error)(md(said[1]))


# ---- a session -------------------------------------------------------------------------------------------


def _save(h: Held, sitting: Sitting, grade: str, proposed: str) -> None:
    card = sitting.cards[sitting.at]
    review_store.keep(h, review(h.deck, card, grade, review_store.now(h), proposed))
    st.session_state[state.REVIEW_SESSION] = Sitting(sitting.cards, sitting.at + 1, saved=sitting.saved + 1)
    st.session_state.pop(state.REVIEW_NAME_TEXT, None)
    st.session_state.pop(state.REVIEW_WHICH, None)


def _check_name(atlas: Atlas, sitting: Sitting) -> None:
    typed = st.session_state.get(state.REVIEW_NAME_TEXT) or ""
    reading = read_answer(atlas, typed)
    if reading.point_id is not None:
        st.session_state[state.REVIEW_SESSION] = replace(sitting, named=reading.point_id)
    else:
        st.session_state[state.REVIEW_WHICH] = (typed, reading.nearest, reading.tied)
        if reading.tied:
            st.session_state[state.REVIEW_SESSION] = replace(sitting, asked_which=True)


def running(atlas: Atlas) -> bool:
    """Draw the session under way, if there is one; True when it took the page."""
    sitting = st.session_state.get(state.REVIEW_SESSION)
    if not isinstance(sitting, Sitting):
        return False
    review_store.sync()
    h = review_store.held(atlas)
    if h is None:
        return True
    if sitting.at >= len(sitting.cards):
        st.markdown("#### Spaced review · done")
        st.success(f"{sitting.saved} cards reviewed. Come back when more are due.", icon="✅")
        if st.button("Back to the quiz", key="review_done", type="primary"):
            st.session_state.pop(state.REVIEW_SESSION, None)
            st.rerun()
        return True
    parsed = parse_card(sitting.cards[sitting.at])
    assert parsed is not None
    direction, pid = parsed
    point = atlas.point(pid)
    landed = st.session_state.pop(state.QUIZ_ATTEMPT, None)
    if direction == "find" and landed is not None and sitting.attempt is None:
        sitting = replace(sitting, attempt=(landed.view, landed.x, landed.y))
        st.session_state[state.REVIEW_SESSION] = sitting
    head = (
        f"Find {md(asked_code(atlas, point))} — {md(point.pinyin)} {md(point.hanzi)} ({md(point.english)}), "
        f"on the {md(point.view)} diagram"
        if direction == "find"
        else f"Name the point marked on the {md(point.view)} diagram"
    )
    st.markdown(f"#### Review · {head}")
    st.progress(sitting.at / len(sitting.cards), text=f"Card {sitting.at + 1} of {len(sitting.cards)}")
    answered = sitting.attempt is not None if direction == "find" else sitting.named is not None
    reveal = None
    proposed = ""
    verdict = ""
    correct = False
    if direction == "find" and sitting.attempt is not None:
        score = score_attempt(atlas, pid, *sitting.attempt)
        proposed, correct = grade_find(score), score.correct
        verdict = "; ".join(score.feedback)
        reveal = {
            "view": score.view,
            "ax": None if score.wrong_view else score.attempt[0],
            "ay": None if score.wrong_view else score.attempt[1],
            "tx": score.target[0],
            "ty": score.target[1],
            "correct": score.correct,
        }
    elif direction == "name":
        m = shown_marker(atlas, pid)
        if sitting.named is not None:
            named = score_name(atlas, pid, sitting.named)
            proposed, correct = grade_name(named, sitting.asked_which), named.correct
            verdict = "; ".join(named.feedback)
        reveal = {
            "view": point.view,
            "ax": None,
            "ay": None,
            "tx": m.x,
            "ty": m.y,
            "correct": correct if answered else None,
        }
    left, right = st.columns([0.6, 0.4], gap="small")
    with left:
        body_map(
            atlas,
            "review_map",
            MapMode(views=(point.view,), taps="find" if direction == "find" else "name"),
            reveal=reveal,
        )
    with right:
        if answered:
            (st.success if correct else st.error)(
                f"**{'Correct' if correct else 'Not quite'}.** {md(verdict)}.", icon="✅" if correct else "🎯"
            )
            st.markdown(f"**How to find it:** {md(hint(point))}")
            grade = st.segmented_control(
                "How did it go?",
                list(GRADES),
                default=proposed,
                format_func=lambda g: GRADE_WORDS[g],
                key=f"{state.REVIEW_GRADE}_{sitting.at}_{len(sitting.cards)}",
            )
            st.caption(
                f"Your answer gives **{GRADE_WORDS[proposed]}**. Change it if it felt harder or easier: the next "
                "review is scheduled from the grade you save."
            )
            st.button(
                "Save and next",
                key="review_next",
                type="primary",
                on_click=_save,
                args=(h, sitting, grade or proposed, proposed),
            )
        elif direction == "find":
            st.markdown("Click or tap where you think it is (or Tab to the diagram, arrow keys, Enter).")
        else:
            with st.form("review_name_form", border=False):
                st.text_input(
                    "Its code or name",
                    key=state.REVIEW_NAME_TEXT,
                    placeholder="e.g. BL18, Ganshu or Liver Shu",
                )
                st.form_submit_button("Check", type="primary", on_click=_check_name, args=(atlas, sitting))
            which = st.session_state.get(state.REVIEW_WHICH)
            if which:
                typed, nearest, tied = which
                offered = ", ".join(f"{atlas.point(p).code} {atlas.point(p).pinyin}" for p in nearest)
                if tied:
                    st.warning(f"Which one do you mean: {md(offered)}? Type its code.", icon="🤔")
                else:
                    st.warning(
                        f"No point is called “{md(typed)}”."
                        + (f" Similar: {md(offered)}." if offered else ""),
                        icon="🤔",
                    )
        if st.button("Stop the review", key="review_stop"):
            st.session_state.pop(state.REVIEW_SESSION, None)
            st.rerun()
    return True
