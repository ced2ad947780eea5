"""The Streamlit layer shared by the pages: cached loading, state kept in session + URL, rendering helpers."""
