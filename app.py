"""AcuMap: router only. Page config, the navigation, the page boundary and the disclaimer on every page."""

import streamlit as st

from acumap.plain import RED_FLAGS_HEADING
from acumap.safety import DISCLAIMER
from ui.boundary import page_boundary
from ui.panels import DISCLAIMER_KEY, red_flags_markdown
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
    st.Page("views/point_browser.py", title="Point browser", icon="🔎", url_path="points"),
    st.Page("views/quiz.py", title="Quiz", icon="🎯", url_path="quiz"),
    st.Page("views/classroom.py", title="Class check", icon="📡", url_path="class"),
    st.Page("views/evidence.py", title="Evidence", icon="📊", url_path="evidence"),
    st.Page("views/safety.py", title="Safety & sources", icon="🩺", url_path="safety"),
]
page = st.navigation(pages, position="top")

# Fixed page styling (no data in it): less empty space above the map, so it fits a 1280x720 screen.
st.html(
    "<style>.stMainBlockContainer, .block-container {padding-top: 3.9rem; padding-bottom: 1rem;}"
    " h4 {padding-top: 0.2rem;}"
    # Captions darker than Streamlit's default grey: WCAG AA contrast (axe checks it in the tests).
    " [data-testid=stCaptionContainer], [data-testid=stCaptionContainer] p {color: #4a4f57 !important; opacity: 1 !important;}"
    # The red-flags button sits in the top bar, on every page, wherever the page is scrolled.
    " .st-key-redflags {position: fixed; top: 0.6rem; right: 3.5rem; z-index: 999991; width: auto !important;}"
    " .st-key-redflags button {background: #fdf1f0; border-color: #b3261e; color: #7d1a14; font-weight: 600;}"
    # The navigation ends before the pinned buttons, so they are never drawn over a page's link: Streamlit
    # moves the links that do not fit into its "N more" menu (tests/test_shell.py taps each page's link).
    " [data-testid=stTopNav] {max-width: calc(100vw - 25.5rem) !important; flex: 0 1 auto !important;}"
    # On a phone the pinned buttons step aside while the page menu is open (its close button is under them).
    " body:has([data-testid=stSidebar][data-collapsed=false]) .st-key-share,"
    " body:has([data-testid=stSidebar][data-collapsed=false]) .st-key-redflags {display: none;}"
    " .st-key-acumap_shell, [class*=st-key-focus_] {display: none;}"
    # What a script scrolls to (ui/shell.bring_into_view) stops below Streamlit's header, not under it.
    " [class*=st-key-] {scroll-margin-top: 4.2rem;}"
    # On a phone the panels flow with the page: no scroll box inside the page for a thumb to get caught in.
    " @media (max-width: 640px) {.st-key-region_points, .st-key-point_details, .st-key-overview,"
    " .st-key-patient_points, .st-key-browser_details"
    " {height: auto !important; max-height: none !important; overflow: visible !important;}}"
    # The share button sits beside it.
    " .st-key-share {position: fixed; top: 0.6rem; right: 18.3rem; z-index: 999991; width: auto !important;}"
    " @media (max-width: 640px) {.st-key-share {right: 16.1rem;}"
    " .st-key-share button {padding-left: 0.45rem; padding-right: 0.45rem;}}</style>"
)

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
st.html(f"<style>body:has(.st-key-{DISCLAIMER_KEY}) .st-key-footer {{display: none;}}</style>")
with st.container(key="footer"):
    st.caption(f"🩺 {md(DISCLAIMER)}")
