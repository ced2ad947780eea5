"""The handout and the diagram downloads under the body map's panel (the panel itself: acumap.panel).

The patient's words come from `acumap.plain` and the points' own `plain` lines: no code without its name, no
jargon without its meaning (tests/test_patient.py checks the page's text with `acumap.plain.unexplained`).
"""

from __future__ import annotations

import streamlit as st

from acumap.atlas.data import Atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.atlas.regions import RegionChoice
from acumap.drawing.assets import Drawing
from acumap.drawing.describe import points_word
from acumap.drawing.figure import Audience, entries
from acumap.handout import PAGE_SIZES, diagrams_svg, figure_png, handout_pdf
from acumap.region_view import RegionView
from ui import loading
from ui.downloads import deferred_download


def _drawings() -> dict[str, Drawing]:
    return {v: loading.drawing(v) for v in DIAGRAM_VIEWS}


def _slug(choice: RegionChoice | None) -> str:
    return choice.id if choice else "overview"


def downloads(atlas: Atlas, view: RegionView | None, audience: Audience) -> None:
    """The handout (a region chosen) and the current diagrams as SVG and PNG, made only when asked for."""
    drawings = _drawings()
    wanted: list[str] | None = None
    choice = view.choice if view else None
    if view is not None and choice is not None:
        with st.expander("🖨️ Handout for the patient (PDF)", expanded=audience == "patient"):
            groups = view.groups
            options = [g[0].point.id for g in groups]
            names = {g[0].point.id: f"{g[0].label}. {g[0].point.english} ({g[0].point.code})" for g in groups}
            chosen = st.multiselect(
                "Points to include (leave empty for all)",
                options,
                key=f"handout_points_{choice.base}",
                format_func=lambda pid: names.get(pid, pid),
                placeholder="All the points for this area",
            )
            page = st.radio("Paper", PAGE_SIZES, key="handout_page", horizontal=True)
            # A chosen entry brings every point of it (the Jiaji column: one entry, a point at each level).
            wanted = (
                sorted(m.point.id for g in groups if g[0].point.id in chosen for m in g) if chosen else None
            )

            def make_pdf() -> bytes:
                return handout_pdf(atlas, drawings, choice, view.selected(wanted), page).pdf

            deferred_download(
                st,
                "Download the handout (PDF)",
                make_pdf,
                f"acumap-handout-{_slug(choice)}-{page.lower()}.pdf",
                "application/pdf",
                "handout_pdf",
                icon="📄",
            )

    # The pictures follow the handout: the chosen points, with the numbers they have on the screen.
    marks = view.selected(wanted, audience) if view else ()

    def make_svg() -> str:
        return diagrams_svg(atlas, drawings, marks, choice, audience)

    if wanted:
        st.caption(
            f"The pictures show the {points_word(len(entries(marks)))} chosen for the handout, numbered as above."
        )
    cols = st.columns(2)
    deferred_download(
        cols[0], "Diagrams (SVG)", make_svg, f"acumap-{_slug(choice)}.svg", "image/svg+xml", "diagrams_svg"
    )
    deferred_download(
        cols[1],
        "Diagrams (PNG)",
        lambda: figure_png(make_svg()),
        f"acumap-{_slug(choice)}.png",
        "image/png",
        "diagrams_png",
    )
