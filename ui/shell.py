"""The app's shell in the browser: what Streamlit's own page menu needs on a phone (ui/component/shell.js)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_SHELL = st.components.v2.component(
    "acumap.shell", js=(Path(__file__).parent / "component" / "shell.js").read_text(encoding="utf-8")
)


def mount_shell() -> None:
    """Mount the shell's script once per page run (it registers its listener once per browser tab)."""
    _SHELL(key="acumap_shell")
