"""Cached loading of the atlas and drawings, and a friendly stop when data is broken."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from acumap.assets import ASSET_DIR, ASSET_FILES, Drawing, load_drawing
from acumap.data import DATA_DIR, LINKS_FILE, POINTS_FILE, Atlas, DataError, load_atlas
from acumap.placement import DIAGRAM_VIEWS
from acumap.svg import MapPayload
from acumap.svg import map_payload as _compose_payload
from ui.text import md


def data_dir() -> Path:
    """ACUMAP_DATA_DIR lets tests and forks point the app at other tables."""
    return Path(os.environ.get("ACUMAP_DATA_DIR", str(DATA_DIR)))


def asset_dir() -> Path:
    return Path(os.environ.get("ACUMAP_ASSET_DIR", str(ASSET_DIR)))


@st.cache_resource(show_spinner=False)
def _atlas(path: str, stamp: tuple[float, ...]) -> Atlas:
    return load_atlas(path)


@st.cache_resource(show_spinner=False)
def _drawing(view: str, path: str, stamp: float) -> Drawing:
    return load_drawing(view, path)


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def show_data_error(err: DataError) -> None:
    """Tell, in words, what is wrong and where; then stop the page (no traceback)."""
    lines = "\n".join(
        f"- **{p.file}**"
        + (f", line {p.row}" if p.row is not None else "")
        + (f", column `{p.column}`" if p.column else "")
        + f": {md(p.message)}"
        for p in err.problems[:30]
    )
    more = f"\n\n…and {len(err.problems) - 30} more." if len(err.problems) > 30 else ""
    st.error(
        "**AcuMap cannot show the map: a data file has a problem.**\n\n"
        + lines
        + more
        + "\n\nFix the file(s) named above and reload the page.",
        icon="🛑",
    )
    st.stop()


def atlas() -> Atlas:
    base = data_dir()
    stamp = tuple(_mtime(base / name) for name in (POINTS_FILE, LINKS_FILE))
    try:
        return _atlas(str(base), stamp)
    except DataError as err:
        show_data_error(err)
        raise  # unreachable: st.stop() raises


def drawing(view: str) -> Drawing:
    base = asset_dir()
    try:
        return _drawing(view, str(base), _mtime(base / ASSET_FILES[view]))
    except DataError as err:
        show_data_error(err)
        raise


@st.cache_resource(show_spinner=False)
def _payload(data_path: str, asset_path: str, stamp: tuple[float, ...]) -> MapPayload:
    return _compose_payload(
        _atlas(data_path, stamp[:2]),
        {v: _drawing(v, asset_path, s) for v, s in zip(DIAGRAM_VIEWS, stamp[2:], strict=True)},
    )


def map_payload() -> MapPayload:
    """The composed diagrams and lookup tables, built once per version of the data and drawings."""
    base, assets = data_dir(), asset_dir()
    stamp = tuple(_mtime(base / name) for name in (POINTS_FILE, LINKS_FILE)) + tuple(
        _mtime(assets / ASSET_FILES[v]) for v in DIAGRAM_VIEWS
    )
    atlas()  # shows a data error (and stops) before composing anything
    for view in DIAGRAM_VIEWS:
        drawing(view)
    return _payload(str(base), str(assets), stamp)
