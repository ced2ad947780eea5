"""AcuMap's server: `streamlit run serve.py`. The app itself (app.py, the router) and one small route beside
Streamlit's own that a class's phones poll to follow the teacher (ui/class_follow.py)."""

import streamlit as st

from ui.class_route import routes

app = st.App("app.py", routes=routes())
