"""A download button whose file is made only when it is pressed (Streamlit's deferred download).

The callable runs on the press, not on every rerun, and the press does not rerun the page: a handout or an
export costs nothing to a click on the map (bench/handout.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def deferred_download(
    where: Any,
    label: str,
    make: Callable[[], bytes | str],
    file_name: str,
    mime: str,
    key: str,
    icon: str | None = None,
) -> None:
    """`where` is `st` or a container (a column); the button fills its width."""
    where.download_button(
        label,
        data=make,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=icon,
        width="stretch",
    )
