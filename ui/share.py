"""'Share with the class': the view's link and a QR code big enough to scan from the back of a room."""

from __future__ import annotations

import streamlit as st

from acumap.links import share_link
from acumap.share import breakable_html, qr_png
from ui import styles
from ui.text import md

#: Where the app is, when the browser has not said (AppTest, or a script run without a browser).
FALLBACK_URL = "http://localhost:8501/"


def current_link(page_path: str) -> str:
    """The link to what is on screen now: this page and its parameters (region, point, mode, audience...)."""
    params = {k: st.query_params.get(k, "") for k in st.query_params}
    return share_link(st.context.url or FALLBACK_URL, page_path, params)


@st.dialog("Share this view with the class", width="large")
def share_dialog(link: str) -> None:
    st.html(styles.SHARE_CSS)
    code, words = st.columns([1, 1], vertical_alignment="center")
    code.image(qr_png(link), width=440)
    with words:
        with st.container(key="share_words"):
            st.markdown("Scan the code with a phone's camera, or type the address:")
            # The link escaped, with a break allowed only after / ? & = _ (never inside a word or a code).
            st.html(f'<p class="address">{breakable_html(link)}</p>')
        with st.container(key="share_link"):
            st.caption("To copy it:")
            st.code(link, language=None, wrap_lines=False)
        st.caption(
            md(
                "The link opens this page with the same region and point (phones get their own layout, not"
                " the presenter's). It holds nothing personal."
            )
        )


def share_button(page_path: str) -> None:
    """A button in the top bar, on every page: opens the dialog with this view's link and QR code."""
    with st.container(key="share"):
        if st.button("📣 Share", key="share_open", help="This view's link and a QR code for the class"):
            share_dialog(current_link(page_path))
