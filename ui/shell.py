"""The app's shell in the browser: what Streamlit's page menu needs on a phone (ui/component/shell.js), and
bringing a part of the page into view after a tap on a phone (ui/component/focus.js)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_HERE = Path(__file__).parent / "component"
_SHELL = st.components.v2.component("acumap.shell", js=(_HERE / "shell.js").read_text(encoding="utf-8"))
_FOCUS = st.components.v2.component("acumap.focus", js=(_HERE / "focus.js").read_text(encoding="utf-8"))


def mount_shell() -> None:
    """Mount the shell's script once per page run (it registers its listener once per browser tab)."""
    _SHELL(key="acumap_shell")


def bring_into_view(name: str, key: str, token: str, scroll: bool = True, phone_only: bool = True) -> None:
    """When `token` changes (a new answer, a new region or point) in a run that `scroll`s (one that follows
    the reader's tap), scroll the element with Streamlit key `key` to the top of the screen, unless it is
    already in view; with `phone_only`, only on a phone, where
    Streamlit stacks the columns and what a tap changed is written below the map. Keep the call in the same
    place in the page on every run (an empty token when there is nothing to show)."""
    _FOCUS(
        key=f"focus_{name}",
        data={
            "name": name,
            "selector": f".st-key-{key}",
            "token": token,
            "scroll": scroll,
            "phone": phone_only,
        },
    )
