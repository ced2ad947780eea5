"""The patient view's panel, the handout and the diagram downloads.

Every word here comes from `acumap.plain` and the points' own `plain` lines: no code without its name, no
jargon without its meaning (tests/test_patient.py checks the page's text with `acumap.plain.unexplained`).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.atlas.regions import RegionChoice
from acumap.drawing.assets import Drawing
from acumap.drawing.describe import points_word
from acumap.drawing.figure import Audience, Mark, entries
from acumap.evidence import REGION_EVIDENCE_PLAIN
from acumap.handout import PAGE_SIZES, diagrams_svg, figure_png, handout_pdf
from acumap.plain import (
    AFTER,
    ASHI_PLAIN,
    DURING,
    PATIENT_INTRO,
    PLAIN_CAUTIONS,
    REGION_WHERE,
    SELF_CARE,
    entry_plain,
    glossary_used,
)
from acumap.region_view import RegionView
from ui import loading, state
from ui.downloads import deferred_download
from ui.panels import safety_box
from ui.text import md


def _entry(group: Sequence[Mark]) -> str:
    p = group[0].point
    plain = entry_plain(group)
    return f"**{md(group[0].label)}. {md(p.english)}** ({md(p.pinyin)}, {md(p.code)})  \n{md(plain)}"


def _words(text: str) -> None:
    terms = glossary_used(text)
    if terms:
        st.markdown(
            "**Words you may hear**\n\n" + "\n".join(f"- **{md(t.word)}**: {md(t.meaning)}" for t in terms)
        )


def patient_panel(view: RegionView, height: int) -> None:
    """The chosen region for a patient: its points by number (as on the map), why each is used, what to expect."""
    choice, groups = view.choice, view.groups
    near = [g for g in groups if g[0].role == "local"]
    far = [g for g in groups if g[0].role != "local"]
    st.subheader(md(choice.label))
    st.markdown(f"**Where:** {md(REGION_WHERE[choice.base])}.")
    with st.container(height=height, key="patient_points"):
        st.markdown(md(PATIENT_INTRO))
        if near:
            st.markdown(f"#### ● Near the pain, on your back and neck ({len(near)})")
            st.markdown("\n\n".join(_entry(g) for g in near))
        if far:
            st.markdown(f"#### ◆ Far from the pain: hand, leg or head ({len(far)})")
            st.markdown("\n\n".join(_entry(g) for g in far))
        st.markdown(f"**Tender spots.** {md(ASHI_PLAIN)}")
        with st.expander("What you may feel, during and after a session"):
            st.markdown("**During**\n\n" + "\n".join(f"- {md(t)}" for t in DURING))
            st.markdown("**Afterwards**\n\n" + "\n".join(f"- {md(t)}" for t in AFTER))
        with st.expander("Looking after yourself"):
            st.markdown("\n".join(f"- **{md(title)}.** {md(text)}" for title, text in SELF_CARE))
        shown = " ".join(
            [PATIENT_INTRO, ASHI_PLAIN, *DURING, *AFTER, *(g[0].point.english for g in groups)]
            + [entry_plain(g) for g in groups]
            + [REGION_EVIDENCE_PLAIN[choice.base]]
        )
        _words(shown)
        safety_box()
        st.markdown(f"📊 {md(REGION_EVIDENCE_PLAIN[choice.base])} [More about the research →](/evidence)")


def patient_overview(height: int) -> None:
    with st.container(height=height, border=False, key="overview"):
        st.subheader("Where does it hurt?")
        st.markdown(
            "Tap or click the painful area on the back (or choose it from the menu). The map then shows the "
            "points a practitioner may use for it, numbered, and this panel says in plain words why each is used."
        )
        safety_box()


def patient_point(point: Point, view: RegionView | None) -> None:
    """One point for a patient: its names, where and why in plain words, and what care it needs. With a
    region chosen, its number in the region's list (the map's, the handout's) and the reason for that region."""
    entry = view.entry_of(point.id) if view else None
    number = f"{md(entry[0].label)}. " if entry else ""
    st.subheader(f"{number}{md(point.english)}")
    st.markdown(f"{md(point.pinyin)} {md(point.hanzi)} · {md(point.code)}")
    plain = entry_plain([m for m in entry if m.point.id == point.id]) if entry else point.plain
    st.markdown(md(plain))
    for tag in point.caution_tags:
        st.info(md(PLAIN_CAUTIONS[tag]), icon="ℹ️")
    cols = st.columns(2)
    cols[0].button("← Back", key="point_back", on_click=state.set_point, args=(None,), width="stretch")
    cols[1].button("Overview", key="point_clear", on_click=state.clear, width="stretch")
    _words(point.english + " " + plain)


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
