"""The body map component (st.components.v2, no iframe): diagrams composed by the core, lit in the browser.

The browser applies a highlight in the frame of the click and then reports the event; `on_event` decides the
new state with `acumap.atlas.selection.apply_event` and the page's fragment reruns. `ack` tells the browser which of
its events Python has applied, so a reply to an older click never undoes a newer one, and an unanswered click
is sent again (applied once: `acumap.atlas.selection.acknowledge`); `sid` tells it when the server session changed.
"""

from __future__ import annotations

import secrets
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import streamlit as st

from acumap import pain
from acumap.atlas.data import Atlas
from acumap.atlas.regions import parse_region
from acumap.atlas.selection import (
    Ack,
    Highlight,
    MapMode,
    ViewState,
    acknowledge,
    apply_event,
    parse_event,
)
from acumap.drawing.describe import alt_text
from acumap.drawing.figure import TITLES
from acumap.pain_figure import STRENGTH_COLOURS
from ui import loading, state

_HERE = Path(__file__).resolve().parent / "component"
_MAP = st.components.v2.component(
    "acumap.body_map",
    js=(_HERE / "map.js").read_text(encoding="utf-8"),
    css=(_HERE / "map.css").read_text(encoding="utf-8"),
)
_STATE = st.components.v2.component("acumap.map_state", js=(_HERE / "state.js").read_text(encoding="utf-8"))


def _ack(key: str) -> Ack:
    last = st.session_state.get(state.map_ack_key(key))
    return last if isinstance(last, Ack) else Ack()


def _session_token() -> str:
    """Tells the browser when the server session changed (a restart): it then resends an unanswered click."""
    token = st.session_state.get(state.MAP_SESSION_TOKEN)
    if not isinstance(token, str):
        token = st.session_state[state.MAP_SESSION_TOKEN] = secrets.token_hex(8)
    return token


#: What the class's answer route (ui/class_route.py) said of an attempt the browser posted before reporting it.
POSTED = ("stored", "late")


class Attempt(NamedTuple):
    """A quiz attempt: where it landed (in that diagram's cm) and, on a class page, what the answer route said
    of it: "stored", "late" (the class moved on first), or "" (not posted: the page stores it itself)."""

    view: str
    x: float
    y: float
    posted: str = ""


def _on_event(key: str, atlas: Atlas, mode: MapMode) -> None:
    """The map reported a click, tap or key: record where it landed and apply it to the state (once)."""
    result: Any = st.session_state.get(key)
    value = result.get("event") if isinstance(result, dict) else None
    ack = acknowledge(_ack(key), value)
    if ack is None:
        return
    before_ack = _ack(key)
    st.session_state[state.map_ack_key(key)] = ack
    if mode.draws:
        # Every stroke not yet applied (a report carries all those the browser has not seen acknowledged).
        seen = before_ack.n if before_ack.sender == ack.sender else 0
        strokes = pain.parse_strokes(value, seen)
        if strokes:
            st.session_state[state.PAIN_DRAWING] = pain.apply_strokes(state.pain_drawing(), strokes)
        return
    event = parse_event(value)
    if event is None or (event.kind == "region" and not mode.regions):
        return
    if mode.quiz:
        if (
            event.kind == "position"
            and event.view is not None
            and event.x is not None
            and event.y is not None
        ):
            posted = value.get("posted") if isinstance(value, dict) else None
            st.session_state[state.QUIZ_ATTEMPT] = Attempt(
                event.view, event.x, event.y, posted if posted in POSTED else ""
            )
        return
    if event.view is not None and event.x is not None and event.y is not None:
        st.session_state[state.LAST_POSITION] = (event.view, event.x, event.y)
    before = state.view_state()
    after = apply_event(before, event, atlas)
    state.set_view(after)
    if after != before:
        st.session_state[state.map_changed_key(key)] = True


def changed_by_tap(key: str) -> bool:
    """Whether this run follows a tap (or key) on the map that changed the view (asked once per run)."""
    return bool(st.session_state.pop(state.map_changed_key(key), False))


#: The state of a map that shows no choice (a quiz's).
NOTHING_CHOSEN = ViewState()


class Drawn(NamedTuple):
    """A pain drawing on a map in "draw" mode: its cells, the tool the next stroke uses (strength 0 to 10, or the
    eraser), the region choices it lights together and the number of each lit point in the page's list."""

    drawing: pain.PainDrawing
    intensity: int
    erase: bool
    lights: dict[str, str]
    shapes: list[str]
    numbers: dict[str, str]


def _draw_data(drawn: Drawn | None) -> dict[str, Any] | None:
    if drawn is None:
        return None
    return {
        "cells": [[col, row, i] for (col, row), i in drawn.drawing.cells],
        "tool": {"intensity": drawn.intensity, "erase": drawn.erase},
    }


def body_map(
    atlas: Atlas,
    key: str,
    mode: MapMode,
    view: ViewState = NOTHING_CHOSEN,
    lit: tuple[Highlight, ...] = (),
    reveal: dict[str, Any] | None = None,
    answer_to: dict[str, Any] | None = None,
    drawn: Drawn | None = None,
) -> None:
    """Draw the diagrams `mode` names, lighting what `mode` shows of the page's `view` (acumap.atlas.selection.MapMode).

    `lit` is the current region's lit points (its RegionView's, derived once per version of the data; only text uses
    them here: the browser lights the points from the payload's tables). In a "find" quiz a click (or the
    keyboard's cross) is an attempt, stored in state.QUIZ_ATTEMPT for the page, which reads it before it draws the
    question above the map. `reveal` ({view, ax, ay, tx, ty, correct}; ax None: no attempt; tx None: no true
    point) draws the attempt, the true point and a line between them. With `answer_to` ({url, token, question}: a
    class's answer route), the browser posts each attempt there first and reports what it said (Attempt.posted):
    the tap is stored without waiting for a script run. With `drawn` (a map in "draw" mode), strokes on the back
    shade the drawing in state.PAIN_DRAWING, and the map lights the regions it covers together.
    """
    payload = loading.map_payload()
    views = mode.views
    current = mode.shown(view)
    choice = parse_region(current.region)
    # Two elements: the diagrams (identical from run to run, so Streamlit sends them once and then only their
    # hash) and the small state the browser applies. A click costs a few kB, not the whole drawing.
    _MAP(
        key=key,
        data={
            "target": key,
            "key": f"{payload.digest}:{','.join(views)}",
            "views": {v: payload.views[v] for v in views},
            "show": list(views),
            "tables": payload.data,
            "scale": mode.scale,
            "present": mode.present,
            "quiz": mode.quiz,
            "landmarks": mode.landmarks and not mode.patient,
            "patient": loading.patient_numbers() if mode.patient else None,
            "captions": {v: TITLES["patient"][v] for v in views} if mode.patient else None,
            "throttle": mode.throttle_ms,
            "draw": {
                "colours": list(STRENGTH_COLOURS),
                "grid": {"x0": pain.GRID_X0, "y0": pain.GRID_Y0, "cell": pain.CELL_CM},
                "brush": pain.BRUSH_CM,
                "step": pain.CELL_CM / 4,
            }
            if mode.draws
            else None,
        },
        on_event_change=partial(_on_event, key, atlas, mode),
        height="content",
    )
    _STATE(
        key=f"{key}_state",
        data={
            "target": key,
            "state": {"region": current.region, "point": current.point}
            | ({"lights": drawn.lights, "shapes": drawn.shapes} if drawn else {}),
            "drawing": _draw_data(drawn),
            "numbers": {"drawing": drawn.numbers} if drawn else None,
            "ack": _ack(key).as_dict(),
            "sid": _session_token(),
            "reveal": reveal,
            "post": answer_to,
            "alt": {v: alt_text(atlas, v, choice, lit if choice else ()) for v in views},
        },
        height=0,
    )
