"""AcuMap: router only. Page config, the navigation, the page boundary and the disclaimer on every page."""

import streamlit as st

from acumap import links
from acumap.plain import RED_FLAGS_HEADING
from acumap.safety import DISCLAIMER
from ui import styles
from ui.boundary import page_boundary
from ui.panels import red_flags_markdown
from ui.share import share_button
from ui.shell import mount_shell
from ui.text import md

st.set_page_config(
    page_title="AcuMap: acupuncture points for neck and back pain",
    page_icon="🩻",
    layout="wide",
)

pages = [
    st.Page("views/body_map.py", title="Body map", icon="🗺️", default=True),
    st.Page("views/point_browser.py", title="Point browser", icon="🔎", url_path=links.POINTS_PAGE),
    st.Page("views/pain.py", title="Pain drawing", icon="✏️", url_path=links.PAIN_PAGE),
    st.Page("views/quiz.py", title="Quiz", icon="🎯", url_path=links.QUIZ_PAGE),
    st.Page("views/classroom.py", title="Class check", icon="📡", url_path=links.CLASS_PAGE),
    # A patient's home plan: opened from its link or QR code, not from the top navigation.
    st.Page("views/plan.py", title="Home plan", icon="🏠", url_path=links.PLAN_PAGE, visibility="hidden"),
    st.Page("views/evidence.py", title="Evidence", icon="📊", url_path=links.EVIDENCE_PAGE),
    st.Page("views/safety.py", title="Safety & sources", icon="🩺", url_path=links.SAFETY_PAGE),
]
page = st.navigation(pages, position="top")

st.html(styles.APP_CSS)

# The red flags and what AcuMap is for: one click away on every page, in every mode, pinned to the top bar.
with (
    st.container(key="redflags"),
    st.popover("🩺 When to see a doctor", help="Symptoms with neck or back pain that need a doctor"),
):
    st.markdown(f"#### {md(RED_FLAGS_HEADING)}\n\n" + red_flags_markdown())
    st.markdown(md(DISCLAIMER))
    st.page_link(pages[-1], label="More on safety and sources", icon="🩺")

with page_boundary(page.url_path or "body_map"):
    page.run()
# Pinned to the top bar (after the page in the script, so the page's own elements keep their places).
share_button(page.url_path)
mount_shell()
# On every page: what AcuMap is for (no hidden sidebar); once, so hidden while the page shows it itself.
st.html(styles.FOOTER_CSS)
with st.container(key="footer"):
    st.caption(f"🩺 {md(DISCLAIMER)}")
