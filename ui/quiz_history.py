"""The student's quiz history, in the browser's own storage (localStorage), never stored on the server.

The browser component records each result of this session once and, on the screens that offer a round of
the points missed most, hands the (point, correct) pairs to this session; they are not written anywhere here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from ui import state

_HERE = Path(__file__).resolve().parent / "component"
_HISTORY = st.components.v2.component(
    "acumap.quiz_history",
    js=(_HERE / "history.js").read_text(encoding="utf-8"),
    css=(_HERE / "history.css").read_text(encoding="utf-8"),
)


def _pairs(value: Any) -> list[tuple[str, bool]]:
    """Only well-formed (point id, correct) pairs: what comes from a browser is not trusted."""
    if not isinstance(value, list):
        return []
    return [
        (item[0], item[1])
        for item in value[-500:]
        if isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], bool)
    ]


def _known() -> Any:
    current = st.session_state.get(state.QUIZ_HISTORY)
    return current.get("history") if current is not None else None


def stored() -> list[tuple[str, bool]]:
    """The (point, correct) pairs this browser reported (empty until a `keep(..., report=True)` has run)."""
    return _pairs(_known())


def keep(record: list[tuple[str, int, str, bool]], report: bool) -> None:
    """Store `record` ([round, number, point, correct]) in the browser; with `report`, have the browser
    report its history (read it with `stored`) and show what is kept, with a button to forget it."""
    known = _known()
    _HISTORY(
        key=state.QUIZ_HISTORY,
        data={"record": [list(r) for r in record], "known": known, "report": report},
        default={"history": None},
        on_history_change=lambda: None,
        height="content" if report else 0,
    )
