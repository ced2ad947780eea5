"""The class store for this server (one per process) and this browser session's anonymous token."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import streamlit as st

from acumap.classroom import ClassStore, new_session_token
from ui import state

#: The database: ACUMAP_CLASS_DB (a SQLAlchemy URL; PostgreSQL when several server processes serve one class),
#: or an SQLite file in the system's temporary folder.
ENV = "ACUMAP_CLASS_DB"


def database_url() -> str:
    return os.environ.get(ENV) or f"sqlite:///{Path(tempfile.gettempdir()) / 'acumap-classes.db'}"


@functools.cache  # one per process; the follow route (ui/class_route.py) shares it outside a script run
def _store(url: str) -> ClassStore:
    return ClassStore(url)


def store() -> ClassStore:
    return _store(database_url())


def session_token() -> str:
    """A random token for this browser session: it ties a student's taps together, and says nothing about them."""
    token = st.session_state.get(state.CLASS_TOKEN)
    if not isinstance(token, str):
        token = st.session_state[state.CLASS_TOKEN] = new_session_token()
    return token
