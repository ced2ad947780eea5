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
from acumap.drawing.figure import Audience, Mark, entries
from acumap.handout import (
    MAX_APPOINTMENT_CHARS,
    MAX_NOTE_CHARS,
    PAGE_SIZES,
    diagrams_svg,
    figure_png,
    handout_pdf,
)
from acumap.region_view import RegionView
from ui import home_plan as home_plan_ui
from ui import loading
from ui.downloads import deferred_download
from ui.text import md


def _drawings() -> dict[str, Drawing]:
    return {v: loading.drawing(v) for v in DIAGRAM_VIEWS}


def _slug(choice: RegionChoice | None) -> str:
    return choice.id if choice else "overview"


def downloads(atlas: Atlas, view: RegionView | None, audience: Audience) -> None:
    """The handout (a region chosen) and the current diagrams as SVG and PNG, made only when asked for."""
    drawings = _drawings()
    chosen: list[str] = []
    choice = view.choice if view else None
    if view is not None and choice is not None:
        with st.expander("🖨️ Handout for the patient (PDF)", expanded=audience == "patient"):
            # Every point on its own (each level of the Jiaji column too), with its number on the screen.
            screen = view.numbers()
            options = list(dict.fromkeys(m.point.id for m in view.marks))
            names = {
                m.point.id: f"{screen[m.point.id]}. {m.point.english} ({m.point.id})" for m in view.marks
            }
            chosen = st.multiselect(
                "Points to include (leave empty for all)",
                options,
                key=f"handout_points_{choice.base}",
                format_func=lambda pid: names.get(pid, pid),
                placeholder="All the points for this area",
            )
            if chosen:
                printed = view.printed(chosen)
                st.caption(
                    "On the handout, numbered 1 to "
                    f"{len(printed)}: " + md(" · ".join(f"{m.label}. {m.point.english}" for m in printed))
                )
            page = st.radio("Paper", PAGE_SIZES, key="handout_page", horizontal=True)
            note = st.text_area(
                "Practitioner's note (printed on the handout)",
                key="handout_note",
                max_chars=MAX_NOTE_CHARS,
                height=80,
                placeholder="For example: walk for 20 minutes every day.",
            )
            appointment = st.text_input(
                "Next appointment (printed on the handout)",
                key="handout_appointment",
                max_chars=MAX_APPOINTMENT_CHARS,
                placeholder="For example: Tuesday 14 January, 10:30",
            )

            def make_pdf() -> bytes:
                marks = view.printed(chosen)
                return handout_pdf(
                    atlas, drawings, choice, marks, page, note=note, appointment=appointment
                ).pdf

            deferred_download(
                st,
                "Download the handout (PDF)",
                make_pdf,
                f"acumap-handout-{_slug(choice)}-{page.lower()}.pdf",
                "application/pdf",
                "handout_pdf",
                icon="📄",
            )
        home_plan_ui.practitioner_section(atlas, view, appointment)

    # The pictures follow the handout: for a patient the ticked points numbered as on it (students: their codes).
    if view is None:
        marks: tuple[Mark, ...] = ()
    elif audience == "patient":
        marks = view.printed(chosen)
    else:
        marks = view.selected(chosen or None, audience)

    def make_svg() -> str:
        return diagrams_svg(atlas, drawings, marks, choice, audience)

    if chosen:
        st.caption(
            f"The pictures show the {points_word(len(entries(marks)))} chosen for the handout, numbered as on it."
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
