"""Safety, landmarks and sources: what AcuMap is for, when to see a doctor, how sure the landmarks are."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from acumap.atlas.data import Atlas, Point
from acumap.atlas.regions import BASE_LABELS
from acumap.body import anatomy
from acumap.safety import (
    ASHI_BY_REGION,
    ASHI_NOTE,
    CAUTION_TAG_TEXT,
    DISCLAIMER,
    GB21_COMPARISON,
    MA_2022,
    MEASURED_DEPTHS,
    NO_MEASURED_DEPTH,
    NOT_A_SAFE_DEPTH,
    SOURCE_NOTES,
    named_runs,
    no_break_codes,
)
from ui import loading, state
from ui.panels import DISCLAIMER_KEY, red_flags_markdown
from ui.text import md


def point_link(pid: str) -> str:
    """A point's code as a link to it in the point browser; the code never breaks at its hyphen."""
    return f"[{md(no_break_codes(pid))}](/points?{urlencode({state.POINT: pid})})"


def points_with_names(points: list[Point]) -> str:
    """Each point's code, a link, with its name beside it; neighbours of one name (EX-B2-T1…T12) named once."""
    # No-break spaces keep a name with its code, and a separator at the end of its line, never the start.
    return "\u00a0· ".join(
        ", ".join(point_link(pid) for pid in run.ids) + f"\u00a0{md(run.name)}"
        for run in named_runs((p.id, p.pinyin) for p in points)
    )


def tagged(atlas: Atlas | None, tag: str) -> str:
    if atlas is None:
        return ""
    points = [p for p in atlas.points if tag in p.caution_tags]
    return points_with_names(points) if points else "No point in the atlas."


st.title("Safety, landmarks and sources")
with st.container(key=DISCLAIMER_KEY):
    st.warning(md(DISCLAIMER), icon="🩺")

# The red flags come first and need no data file: this page works even when the tables are broken.
st.header("When back or neck pain needs a doctor")
st.markdown(red_flags_markdown())

st.header("Cautions marked on the points")
atlas = loading.atlas_or_none()
for tag, text in CAUTION_TAG_TEXT.items():
    st.markdown(f"**{md(text)}**  \n{tagged(atlas, tag)}")

st.header("How deep is the lung, and what lies beneath the neck?")
st.markdown(
    "Pneumothorax (a collapsed lung) is the most common serious injury from needling the upper back. Where a "
    f"study of adults measured a depth beneath a point, AcuMap gives it with what was measured and how. "
    f"**{md(NOT_A_SAFE_DEPTH)}**"
)
for d in MEASURED_DEPTHS:
    st.markdown(
        f"- **{md(no_break_codes(d.code))}**: {md(d.text)}  \n  *Source: {md(d.source)}. {md(d.read)}*"
    )
st.markdown(f"**GB21, the two studies side by side.** {md(GB21_COMPARISON)}")
st.markdown(f"**The Bladder-line and Jiaji points of the upper and middle back:** {md(NO_MEASURED_DEPTH)}")
st.caption(f"Source: {md(MA_2022)}")

st.header("Counting vertebrae: what is taught, and what studies found")
for lm in anatomy.LANDMARKS:
    st.markdown(f"**{md(lm.label)}**: {md(lm.taught)}  \n*{md(lm.found)}*")
st.caption(
    "Heights of the spinous processes on the map follow skin-surface measurements from C7 to the posterior "
    "superior iliac spines (Ernst et al., BMC Research Notes 2013;6:58). Widths use proportional bone cun "
    "(B-cun): 3 cun from the midline to the inner border of the shoulder blade, 8 cun to the tip of the "
    "acromion. Sideways distances are measured from the midline, not from the edge of the spine."
)

st.header("Where sources disagree")
for note in SOURCE_NOTES:
    st.markdown(f"**{md(no_break_codes(note.topic))}.** {md(no_break_codes(note.text))}")

st.header("Ashi points")
st.markdown(md(ASHI_NOTE))
st.markdown("\n".join(f"- **{md(BASE_LABELS[r])}:** {md(t)}" for r, t in ASHI_BY_REGION.items()))

st.header("Sources")
st.markdown(
    "- World Health Organization, *WHO Standard Acupuncture Point Locations in the Western Pacific Region* (2008): "
    "every location.\n"
    "- Deadman, Al-Khafaji and Baker, *A Manual of Acupuncture*, 2nd ed.: needling depth and cautions.\n"
    "- Ernst et al., *BMC Research Notes* 2013;6:58: the vertical spacing of the spinous processes.\n"
    "- Each point row names its own source; see the point's details."
)
