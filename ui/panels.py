"""Panels beside the map: a region's points, one point's details, the overview and the safety box."""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from acumap.atlas.codes import alternative_codes
from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import placement_text
from acumap.atlas.regions import BASE_LABELS, BASE_SPANS, RegionChoice
from acumap.atlas.selection import Highlight
from acumap.evidence import REGION_EVIDENCE
from acumap.safety import (
    ASHI_BY_REGION,
    ASHI_NOTE,
    CAUTION_TAG_LABEL,
    CAUTION_TAG_TEXT,
    DISCLAIMER,
    PATTERN_BASED,
    PATTERN_BASED_NOTE,
    RED_FLAG_GROUPS,
    depth_notes,
    source_notes_for,
)
from ui import state
from ui.text import md

ROLE_BADGE = {"local": "● LOCAL", "distal": "◆ DISTAL"}
ROLE_COLOUR = {"local": "orange", "distal": "blue"}


def _badge(role: str) -> str:
    return f":{ROLE_COLOUR[role]}-background[**{ROLE_BADGE[role]}**]"


def _tags(point: Point) -> str:
    return "  ".join(f":red-background[⚠ {CAUTION_TAG_LABEL[t]}]" for t in point.caution_tags)


def _entry(h: Highlight) -> str:
    p = h.point
    tags = _tags(p)
    why = f":violet-background[**{md(PATTERN_BASED)}**]: {md(h.why)}" if h.basis == "pattern" else md(h.why)
    return (
        f"{_badge(h.role)} **{md(p.id)}** · {md(p.pinyin)} {md(p.hanzi)} · {md(p.english)}  \n"
        f"**Where:** {md(p.location)}  \n**Why here:** {why}  \n"
        f"**Care:** {md(p.cautions)}" + (f"  \n{tags}" if tags else "")
    )


def region_panel(choice: RegionChoice, lit: tuple[Highlight, ...], height: int = 430) -> None:
    """A region's points: distal ones first (few, and the ones a patient asks about), then the local ones."""
    local = [h for h in lit if h.role == "local"]
    distal = [h for h in lit if h.role == "distal"]
    st.subheader(md(choice.label))
    st.caption(f"{md(BASE_SPANS[choice.base])} · {len(local)} local, {len(distal)} distal points")
    st.selectbox(
        "Open a point's details",
        ["", *[h.point.id for h in lit]],
        key=state.REGION_POINT_PICK,
        format_func=lambda pid: pid if pid else "Open a point's details…",
        on_change=_pick_point,
        label_visibility="collapsed",
    )
    with st.container(height=height - 120, key="region_points"):
        # One Markdown block per group, not per point: a region lists up to thirty points, and each element
        # costs the browser a render on every click (bench/click_latency.py).
        with st.expander(f"◆ Distal points ({len(distal)}): on the hand, leg and head", expanded=True):
            st.markdown("\n\n---\n\n".join(_entry(h) for h in distal))
        with st.expander(f"● Local points ({len(local)}): on and beside the painful area", expanded=True):
            st.markdown("\n\n---\n\n".join(_entry(h) for h in local))
        st.info(f"**Ashi points.** {md(ASHI_NOTE)} {md(ASHI_BY_REGION[choice.base])}", icon="👆")
        st.caption(f"📊 {md(REGION_EVIDENCE[choice.base])} [What trials found →](/evidence)")


def _pick_point() -> None:
    pid = st.session_state.get(state.REGION_POINT_PICK)
    st.session_state[state.REGION_POINT_PICK] = ""
    if pid:
        state.set_point(pid)


def point_panel(
    atlas: Atlas, point: Point, choice: RegionChoice | None, lit: tuple[Highlight, ...], height: int = 420
) -> None:
    role_line = ""
    if choice is not None:
        for h in lit:
            if h.point.id == point.id:
                role_line = f"{_badge(h.role)} for the {md(choice.label.lower())}: {md(h.why)}"
                if h.basis == "pattern":
                    role_line += f"  \n**{md(PATTERN_BASED)}**: {md(PATTERN_BASED_NOTE)}"
    point_header(point)
    if role_line:
        st.markdown(role_line)
    with st.container(height=height, key="point_details"):
        point_details(atlas, point)
    cols = st.columns(2)
    cols[0].button("← Back", key="point_back", on_click=state.set_point, args=(None,), width="stretch")
    cols[1].button("Overview", key="point_clear", on_click=state.clear, width="stretch")


def point_header(point: Point) -> None:
    st.subheader(f"{md(point.id)} · {md(point.pinyin)} {md(point.hanzi)}")
    also = alternative_codes(point.code)
    written = f" · also written {md(', '.join(also))}" if also else ""
    st.markdown(f"**{md(point.english)}** · {md(point.meridian)} channel{written}")


def point_details(atlas: Atlas, point: Point) -> None:
    """Everything about one point: location, use, needling, cautions, regions, source, links."""
    st.markdown(f"**Where it lies:** {md(point.location)}")
    placed = placement_text(point)
    if placed:
        st.caption(f"On the map: {md(placed)}")
    st.markdown(f"**Why it is used:** {md(point.use)}")
    st.markdown(f"**Needling:** {md(point.needling)}")
    st.markdown(f"**Care:** {md(point.cautions)}")
    for tag in point.caution_tags:
        st.warning(md(CAUTION_TAG_TEXT[tag]), icon="⚠️")
    for depth in depth_notes(point.code, point.caution_tags):
        st.markdown(f"**{md(depth.label)}:** {md(depth.text)}  \n*Source: {md(depth.source)}*")
    used = [link for link in atlas.links if link.point_id == point.id]
    if used:
        st.markdown(
            "**Used for:** "
            + "; ".join(
                f"{md(BASE_LABELS[link.region].lower())} ({link.role}"
                + (f", {md(PATTERN_BASED.lower())})" if link.basis == "pattern" else ")")
                for link in used
            )
        )
    for note in source_notes_for(point.code, point.view, point.offset_cun, point.spine_level is not None):
        st.markdown(f"**Sources differ: {md(note.topic.lower())}.** {md(note.text)}")
    st.caption(f"Source: {md(point.source)}")
    pid = quote(point.id)
    st.markdown(f"[Show on the body map](/?point={pid}) · [Link to this point](/points?point={pid})")


def overview_panel(atlas: Atlas, height: int = 520) -> None:
    with st.container(height=height, border=False, key="overview"):
        _overview(atlas)


def _overview(atlas: Atlas) -> None:
    st.subheader("Where does it hurt?")
    st.markdown(
        "Click or tap a region of the back (or pick one from the menu; with a keyboard, Tab to the map, "
        "arrow keys, Enter) to light up the points used there: "
        ":orange-background[**● local**] points on the painful area and :blue-background[**◆ distal**] "
        "points on the hand, leg or head that are used with them. Click any point for its details; "
        "click the region again to come back here."
    )
    counts: dict[str, int] = {}
    for p in atlas.points:
        counts[p.view] = counts.get(p.view, 0) + 1
    st.caption(
        f"{len(atlas.points)} points: "
        + ", ".join(f"{n} on the {view}" for view, n in counts.items())
        + ". Locations follow the WHO Standard Acupuncture Point Locations (2008)."
    )
    safety_box()


def red_flags_markdown() -> str:
    """The red flags as Markdown, group by group (most urgent first), each group with its source."""
    return "\n\n".join(
        f"**{md(group.heading)}**\n\n"
        + "\n".join(f"- {md(flag)}" for flag in group.flags)
        + f"\n\n*Source: {md(group.source)}*"
        for group in RED_FLAG_GROUPS
    )


#: A page part holding the disclaimer itself: while one is on screen, the footer's copy is hidden (app.py).
DISCLAIMER_KEY = "disclaimer_shown"


def safety_box() -> None:
    with st.container(key=DISCLAIMER_KEY):
        st.warning(red_flags_markdown() + "\n\n" + md(DISCLAIMER), icon="🩺")
