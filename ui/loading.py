"""Cached loading of the atlas and drawings; what a visitor sees when data is broken.

A bad row costs that row only (`acumap.atlas.data`): the pages get every good row, and a short notice lists what was
skipped and how to fix it. A table that cannot be used at all stops the pages that need it, with the reason in
plain words; the Safety page never needs it to show the red flags.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import streamlit as st

from acumap.anki import Deck, build_deck
from acumap.atlas.data import (
    DATA_DIR,
    LINKS_FILE,
    POINTS_FILE,
    Atlas,
    DataError,
    DataProblem,
    load_atlas,
    shown_name,
)
from acumap.atlas.placement import DIAGRAM_VIEWS, outside_diagrams
from acumap.atlas.regions import RegionChoice, parse_region
from acumap.drawing.assets import ASSET_DIR, ASSET_FILES, Drawing, load_drawing
from acumap.drawing.svg import MapPayload, view_box
from acumap.drawing.svg import map_payload as _compose_payload
from acumap.panel import Audience, PanelBook
from acumap.panel import panel_book as write_book
from acumap.region_view import RegionView, region_views
from acumap.region_view import patient_numbers as numbers_of
from ui.boundary import PageStopped
from ui.text import md

#: How many problems a notice lists before "…and N more" (the rest are in the server log and the CLI check).
SHOWN_PROBLEMS = 30


def data_dir() -> Path:
    """ACUMAP_DATA_DIR lets tests and forks point the app at other tables."""
    return Path(os.environ.get("ACUMAP_DATA_DIR", str(DATA_DIR)))


def asset_dir() -> Path:
    return Path(os.environ.get("ACUMAP_ASSET_DIR", str(ASSET_DIR)))


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _stamp() -> tuple[float, ...]:
    """Modification times of every input: a cached result is rebuilt as soon as a file is saved."""
    base, assets = data_dir(), asset_dir()
    return tuple(_mtime(base / name) for name in (POINTS_FILE, LINKS_FILE)) + tuple(
        _mtime(assets / ASSET_FILES[v]) for v in DIAGRAM_VIEWS
    )


@st.cache_resource(show_spinner=False)
def _drawing(view: str, path: str, stamp: float) -> Drawing:
    return load_drawing(view, path)


@st.cache_resource(show_spinner=False)
def _atlas(data_path: str, asset_path: str, stamp: tuple[float, ...]) -> Atlas:
    """The atlas minus the points that would fall outside their diagram (each one reported)."""
    atlas = load_atlas(data_path)
    boxes = {}
    for view, mtime in zip(DIAGRAM_VIEWS, stamp[2:], strict=True):
        try:
            boxes[view] = view_box(_drawing(view, asset_path, mtime))
        except DataError:
            continue  # a broken drawing is reported by the pages that draw it
    problems, ids = outside_diagrams(atlas, boxes, shown_name(Path(data_path) / POINTS_FILE))
    return atlas.without(problems, ids)


def _problem_lines(problems: tuple[DataProblem, ...]) -> str:
    lines = "\n".join(
        f"- **{md(p.file)}**"
        + (f", line {p.row}" if p.row is not None else "")
        + (f", column `{md(p.column)}`" if p.column else "")
        + f": {md(p.message)}"
        + (f" *How to fix:* {md(p.fix)}" if p.fix else "")
        for p in problems[:SHOWN_PROBLEMS]
    )
    more = len(problems) - SHOWN_PROBLEMS
    return lines + (
        f"\n\n…and {more} more (run `python -m acumap check` to see them all)." if more > 0 else ""
    )


def show_data_error(err: DataError) -> NoReturn:
    """Tell, in words, what is wrong and where; then end the page (no traceback; the shell still shows)."""
    st.error(
        "**AcuMap cannot show this page: a data file cannot be used.**\n\n"
        + _problem_lines(err.problems)
        + "\n\nFix the file(s) named above and reload the page. The Safety page works meanwhile.",
        icon="🛑",
    )
    st.page_link("views/safety.py", label="Safety: when back or neck pain needs a doctor", icon="🩺")
    raise PageStopped(str(err))


def show_skipped(atlas: Atlas) -> None:
    """A short notice when rows were skipped: the app works with the rest, the editor learns what to fix."""
    if not atlas.problems:
        return
    n = len(atlas.problems)
    with st.expander(
        f"⚠️ {n} {'row' if n == 1 else 'rows'} of the data could not be used and {'was' if n == 1 else 'were'} "
        "skipped. Everything else is shown.",
    ):
        st.markdown(_problem_lines(atlas.problems))


def atlas() -> Atlas:
    """The atlas for a page that needs it; stops the page with a clear message if a table is unusable."""
    try:
        result = _atlas(str(data_dir()), str(asset_dir()), _stamp())
    except DataError as err:
        show_data_error(err)
    show_skipped(result)
    return result


def atlas_or_none() -> Atlas | None:
    """For pages that work without the data (Safety): None, with a one-line note, if it cannot be read."""
    try:
        return _atlas(str(data_dir()), str(asset_dir()), _stamp())
    except DataError as err:
        first = err.problems[0]
        st.warning(
            f"The point list cannot be read ({md(first.file)}: {md(first.message)}), so the points are not "
            "listed here. Everything else on this page is.",
            icon="⚠️",
        )
        return None


def drawing(view: str) -> Drawing:
    base = asset_dir()
    try:
        return _drawing(view, str(base), _mtime(base / ASSET_FILES[view]))
    except DataError as err:
        show_data_error(err)


@st.cache_resource(show_spinner=False)
def _payload(data_path: str, asset_path: str, stamp: tuple[float, ...]) -> MapPayload:
    return _compose_payload(
        _atlas(data_path, asset_path, stamp),
        {v: _drawing(v, asset_path, s) for v, s in zip(DIAGRAM_VIEWS, stamp[2:], strict=True)},
    )


@st.cache_resource(show_spinner=False)
def _region_views(data_path: str, asset_path: str, stamp: tuple[float, ...]) -> dict[str, RegionView]:
    return region_views(_atlas(data_path, asset_path, stamp))


def region_view(choice: RegionChoice | None) -> RegionView | None:
    """The chosen region as every part of the page shows it (acumap.region_view), derived once per version of the
    data and passed to the map, the panel, the patient view and the downloads; None for no region."""
    if choice is None:
        return None
    return _region_views(str(data_dir()), str(asset_dir()), _stamp())[choice.id]


@st.cache_resource(show_spinner=False)
def _panel_book(data_path: str, asset_path: str, stamp: tuple[float, ...], audience: Audience) -> PanelBook:
    return write_book(
        _atlas(data_path, asset_path, stamp), _region_views(data_path, asset_path, stamp), audience
    )


def panel_book(audience: Audience) -> PanelBook:
    """Every panel the body map can show `audience` (acumap.panel), written once per version of the data."""
    return _panel_book(str(data_dir()), str(asset_dir()), _stamp(), audience)


def patient_numbers() -> dict[str, dict[str, str]]:
    """Each base region's points and their numbers in the patient list (the map labels its points with them)."""
    return _patient_numbers(str(data_dir()), str(asset_dir()), _stamp())


@st.cache_resource(show_spinner=False)
def _patient_numbers(data_path: str, asset_path: str, stamp: tuple[float, ...]) -> dict[str, dict[str, str]]:
    return numbers_of(_region_views(data_path, asset_path, stamp))


def map_payload() -> MapPayload:
    """The composed diagrams and lookup tables, built once per version of the data and drawings.

    One cached call per run (each costs a hash of its arguments, and a class's phones all run this at once);
    only when it fails are the drawings asked one by one, so the error names the broken one."""
    try:
        return _payload(str(data_dir()), str(asset_dir()), _stamp())
    except DataError as err:
        for view in DIAGRAM_VIEWS:
            drawing(view)  # shows a broken drawing's error (and stops)
        show_data_error(err)


@st.cache_resource(show_spinner=False, max_entries=12)
def _anki_deck(data_path: str, asset_path: str, stamp: tuple[float, ...], scope: str) -> Deck:
    atlas = _atlas(data_path, asset_path, stamp)
    drawings = {v: _drawing(v, asset_path, s) for v, s in zip(DIAGRAM_VIEWS, stamp[2:], strict=True)}
    return build_deck(atlas, drawings, None if scope == "all" else parse_region(scope))


def anki_deck(scope: str) -> Deck:
    """The Anki deck of a base region's points, or of every point ("all"), built once per version of the data."""
    return _anki_deck(str(data_dir()), str(asset_dir()), _stamp(), scope)
