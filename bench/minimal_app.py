"""The floor: a minimal Streamlit app that only echoes the clicked marker of a Plotly chart."""

import plotly.graph_objects as go
import streamlit as st

fig = go.Figure(
    go.Scatter(x=[0, 10], y=[0, 0], mode="markers", marker=dict(size=40), customdata=["A", "B"], name="m")
)
fig.update_layout(height=400, dragmode=False, hovermode="closest", clickmode="event+select")
fig.update_xaxes(range=[-5, 15], fixedrange=True)
fig.update_yaxes(range=[-5, 5], fixedrange=True)


def on_select() -> None:
    points = st.session_state["chart"]["selection"]["points"]
    if points:
        st.session_state["clicked"] = points[0]["customdata"]


st.plotly_chart(fig, key="chart", on_select=on_select, selection_mode="points")
st.subheader(f"Clicked {st.session_state.get('clicked', 'nothing')}")
