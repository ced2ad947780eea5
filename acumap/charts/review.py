"""The spaced review's progress: reviews a day, and how well each region's points are recalled now."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from acumap.atlas.regions import BASE_LABELS
from acumap.review import Progress

INK = "#1f2328"
BAR = "#0072B2"


def progress_figure(p: Progress) -> go.Figure:
    """Two small bar charts side by side: reviews per day (the last 14 days with any), and each region's recall
    (the mean chance, by FSRS, of recalling its seen cards now; regions with no seen card left out)."""
    days = list(p.per_day)[-14:]
    regions = [(BASE_LABELS.get(r, r), v) for r, v in p.recall_by_region if v is not None]
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("Reviews a day", "Recall now, by region"), horizontal_spacing=0.18
    )
    fig.add_bar(
        x=[d.isoformat() for d, _ in days],
        y=[n for _, n in days],
        marker_color=BAR,
        hovertemplate="%{x}: %{y} reviews<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_bar(
        x=[round(v * 100) for _, v in regions],
        y=[name for name, _ in regions],
        orientation="h",
        marker_color=BAR,
        hovertemplate="%{y}: %{x} %<extra></extra>",
        row=1,
        col=2,
    )
    fig.update_xaxes(type="category", row=1, col=1)
    fig.update_xaxes(range=[0, 100], ticksuffix=" %", row=1, col=2)
    fig.update_yaxes(automargin=True, row=1, col=2)
    fig.update_layout(
        height=260,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        showlegend=False,
        font={"size": 14, "color": INK},
        plot_bgcolor="#ffffff",
    )
    return fig
