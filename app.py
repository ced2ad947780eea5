"""AcuMap: router only. Page config, the navigation, the page boundary and the disclaimer on every page."""

import streamlit as st

from acumap.safety import DISCLAIMER
from ui.boundary import page_boundary
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
    st.Page("views/safety.py", title="Safety & sources", icon="🩺", url_path="safety"),
]
page = st.navigation(pages, position="top")

# Fixed page styling (no data in it): less empty space above the map, so it fits a 1280x720 screen.
st.html(
    "<style>.stMainBlockContainer, .block-container {padding-top: 3.9rem; padding-bottom: 1rem;}"
    " h4 {padding-top: 0.2rem;}"
    # Captions darker than Streamlit's default grey: WCAG AA contrast (axe checks it in the tests).
    " [data-testid=stCaptionContainer], [data-testid=stCaptionContainer] p {color: #4a4f57 !important; opacity: 1 !important;}</style>"
)

with page_boundary(page.url_path or "body_map"):
    page.run()
# On every page, in view: what AcuMap is for (no hidden sidebar).
st.caption(f"🩺 {md(DISCLAIMER)}")
