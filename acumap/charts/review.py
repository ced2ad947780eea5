"""The spaced review's progress: reviews a day, and how well each region's points are recalled now. Two small
figures, so a page can set them side by side on a wide screen and one under the other on a phone."""

from __future__ import annotations

import plotly.graph_objects as go

from acumap.atlas.regions import BASE_LABELS
from acumap.review import Progress

INK = "#1f2328"
BAR = "#0072B2"


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 16}},
        height=240,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        showlegend=False,
        font={"size": 14, "color": INK},
        plot_bgcolor="#ffffff",
    )
    return fig


def reviews_figure(p: Progress) -> go.Figure:
    """Reviews a day: the last 14 days that had any."""
    days = list(p.per_day)[-14:]
    fig = go.Figure(
        go.Bar(
            x=[f"{d:%b} {d.day}" for d, _ in days],
            y=[n for _, n in days],
            marker_color=BAR,
            hovertemplate="%{x}: %{y} reviews<extra></extra>",
        )
    )
    fig.update_xaxes(type="category")
    return _layout(fig, "Reviews a day")


def recall_figure(p: Progress) -> go.Figure:
    """Each region's recall now: FSRS's mean chance of recalling its seen cards (regions with none left out)."""
    regions = [(BASE_LABELS.get(r, r), v) for r, v in p.recall_by_region if v is not None]
    fig = go.Figure(
        go.Bar(
            x=[round(v * 100) for _, v in regions],
            y=[name for name, _ in regions],
            orientation="h",
            marker_color=BAR,
            hovertemplate="%{y}: %{x} %<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 100], ticksuffix=" %")
    fig.update_yaxes(automargin=True)
    return _layout(fig, "Recall now, by region")
