"""The teacher key of the class this browser runs, kept in the browser (localStorage), never in the projected
address: a reload, a sleeping laptop or a restarted server gives the teacher the same class back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from ui import state

_HERE = Path(__file__).resolve().parent / "component"
_TEACHER = st.components.v2.component(
    "acumap.teacher_key", js=(_HERE / "teacher.js").read_text(encoding="utf-8")
)


def _held(value: Any) -> tuple[str, str] | None:
    """A well-formed (code, key) pair: what comes from a browser is not trusted."""
    if not isinstance(value, dict):
        return None
    code, key = value.get("code"), value.get("key")
    if isinstance(code, str) and isinstance(key, str) and 0 < len(code) <= 8 and 0 < len(key) <= 64:
        return code, key
    return None


def held() -> tuple[str, str] | None:
    """The class and key this browser holds (None until the browser has reported, or when it holds none)."""
    current = st.session_state.get(state.TEACHER_KEY)
    return _held(current.get("held")) if current is not None else None


def sync(keep: tuple[str, str] | None = None, forget: bool = False) -> None:
    """Store `keep` (code, key) in the browser, or forget what it holds; the browser reports what it holds."""
    current = st.session_state.get(state.TEACHER_KEY)
    _TEACHER(
        key=state.TEACHER_KEY,
        data={
            "keep": {"code": keep[0], "key": keep[1]} if keep else None,
            "forget": forget,
            "held": current.get("held") if current is not None else None,
        },
        default={"held": None},
        on_held_change=lambda: None,
        height=0,
    )
