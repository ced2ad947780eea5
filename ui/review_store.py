"""The student's review deck, in the browser's own storage (ui/component/review.js), never stored on the server.

The browser reports what it holds once per page (with its clock and time zone, so "today" is the student's); the
session then holds the deck, and each change is written back to the browser. A deck the browser holds that
cannot be read is set aside with a notice, never deleted (the student can export it and ask for help)."""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from acumap.atlas.data import Atlas
from acumap.review import ImportRefused, ReviewDeck, empty_deck, from_json, to_json
from ui import state

_HERE = Path(__file__).resolve().parent / "component"
_STORE = st.components.v2.component(
    "acumap.review_store", js=(_HERE / "review.js").read_text(encoding="utf-8")
)


@dataclass(frozen=True)
class Held:
    """What this session knows of the browser's deck: the deck, the browser clock's lead on the server's (s),
    the browser's offset from UTC (minutes), whether its storage is blocked, and why a stored deck was refused."""

    deck: ReviewDeck
    skew_s: float
    tz_minutes: int
    blocked: bool = False
    refused: str = ""


def _report() -> Any:
    value = st.session_state.get(state.REVIEW_STORE)
    return value.get("report") if isinstance(value, dict) else None


def held(atlas: Atlas) -> Held | None:
    """The deck once the browser has reported it (None on the page's very first run)."""
    current = st.session_state.get(state.REVIEW_HELD)
    if isinstance(current, Held):
        return current
    report = _report()
    if not isinstance(report, dict):
        return None
    text = report.get("deck")
    now_ms = report.get("now")
    tz = report.get("tz")
    skew = (float(now_ms) / 1000 - time.time()) if isinstance(now_ms, int | float) else 0.0
    minutes = int(tz) if isinstance(tz, int | float) and abs(tz) <= 14 * 60 else 0
    deck, refused = empty_deck(), ""
    if isinstance(text, str) and text:
        try:
            deck = from_json(json.loads(text), atlas)
        except (ValueError, ImportRefused) as err:  # json's errors are ValueErrors too
            refused = str(err)
    got = Held(deck, skew, minutes, bool(report.get("blocked")), refused)
    st.session_state[state.REVIEW_HELD] = got
    return got


def now(h: Held) -> dt.datetime:
    """The student's clock (the browser's, as it reported it), in UTC."""
    return dt.datetime.fromtimestamp(time.time() + h.skew_s, dt.UTC)


def keep(h: Held, deck: ReviewDeck | None) -> Held:
    """The session's new deck (None: forget everything), written to the browser on this run's sync()."""
    new = Held(deck or empty_deck(), h.skew_s, h.tz_minutes, h.blocked, "")
    st.session_state[state.REVIEW_HELD] = new
    st.session_state[state.REVIEW_SAVE] = (
        json.dumps(to_json(deck), ensure_ascii=False, separators=(",", ":")) if deck is not None else "",
        st.session_state.get(state.REVIEW_SAVE, ("", 0))[1] + 1,
    )
    return new


def sync() -> None:
    """The browser's side: report what it holds (first run) and write what the session changed."""
    save, rev = st.session_state.get(state.REVIEW_SAVE, (None, 0))
    _STORE(
        key=state.REVIEW_STORE,
        data={"save": save, "rev": rev, "known": isinstance(st.session_state.get(state.REVIEW_HELD), Held)},
        default={"report": None},
        on_report_change=lambda: None,
        height=0,
    )
