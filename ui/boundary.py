"""The page boundary: an unexpected error is logged in full on the server and shown to a visitor in words.

Streamlit's own stop and rerun signals derive from BaseException, so they pass through untouched. With
`client.showErrorDetails = "none"` (config.toml) Streamlit hides any traceback that still escaped; this
boundary makes the message useful as well: what happened, that nothing is lost, what to do.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec

import streamlit as st

LOG = logging.getLogger("acumap")
P = ParamSpec("P")

MESSAGE = (
    "**Something went wrong while drawing this part of AcuMap.** The details were written to the server's "
    "log for whoever runs it. Your choices are kept: reload the page, or pick another region or page."
)


class PageStopped(Exception):
    """The page has said why it cannot go on (e.g. a data file is unusable); the shell still renders.

    Unlike `st.stop()`, which ends the whole run, this ends only the page: the navigation and the disclaimer
    that app.py draws after the page still appear.
    """


@contextmanager
def page_boundary(where: str) -> Iterator[None]:
    """Catch any error of the block: log the traceback (server only), show a plain message instead."""
    try:
        yield
    except PageStopped:
        pass
    except Exception:
        LOG.exception("AcuMap: unexpected error in %s", where)
        st.error(MESSAGE, icon="⚠️")


def guarded(func: Callable[P, None]) -> Callable[P, None]:
    """The same boundary around a fragment, whose reruns do not pass through the page's boundary."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        with page_boundary(func.__qualname__):
            func(*args, **kwargs)

    return wrapper
