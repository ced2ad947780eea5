"""The follower on a student's class page (ui/component/follow.js): it polls the class's route (ui/class_route.py,
mounted by serve.py) and asks Python to redraw the student's part of the page only when the class changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from acumap.classroom import normalise
from ui.class_route import PATH

#: How often a student's page asks (ms): a question reaches the phones within this.
EVERY_MS = 2000

_HERE = Path(__file__).resolve().parent / "component"
_FOLLOW = st.components.v2.component(
    "acumap.class_follow", js=(_HERE / "follow.js").read_text(encoding="utf-8")
)


def follow(code: str, drawn: dict[str, Any]) -> None:
    """Draw the follower for the class `code` on a page drawn for `drawn` (`following`'s state, or
    UNREACHABLE): when the class changes, the fragment it is in reruns."""
    _FOLLOW(
        key="class_follow",
        data={"url": f"{PATH}/{normalise(code)}", "drawn": drawn, "every": EVERY_MS},
        on_changed_change=lambda: None,
        height=0,
    )
