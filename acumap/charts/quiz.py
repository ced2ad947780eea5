"""The quiz's results as a chart: each attempt placed relative to its true point."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from acumap.quiz import Score

#: Never less than this each way (a cun sideways, a level up and down), and room beyond the furthest attempt
#: for its label.
MIN_REACH = 1.0
PAD_X, PAD_Y = 0.6, 0.8


def attempts_figure(placed: Sequence[Score]) -> go.Figure:
    """Each attempt relative to its point. The right ones sit near the cross and are not labelled (their
    labels would lie on top of each other; the table lists them); the missed ones carry their code. Levels
    (up and down on the back) and cun (sideways) are different units: the axes are not drawn to one scale."""
    fig = go.Figure()
    fig.add_hline(y=0, line_color="#999")
    fig.add_vline(x=0, line_color="#999")
    for ok, name, colour in ((True, "right", "#007A5A"), (False, "missed", "#C2410C")):
        group = [s for s in placed if s.correct is ok]
        fig.add_scatter(
            x=[s.sideways for s in group],
            y=[-s.vertical for s in group],
            mode="markers" if ok else "markers+text",
            name=f"{name} ({len(group)})",
            text=[s.point_id for s in group],
            textposition="top center",
            cliponaxis=False,
            marker={"size": 13, "color": colour, "symbol": "circle" if ok else "x"},
            hovertemplate="%{text}<extra></extra>",
        )
    # Room round the furthest attempt for its label, and never less than a cun / a level each way.
    reach_x = max([MIN_REACH, *(abs(s.sideways) for s in placed)]) + PAD_X
    reach_y = max([MIN_REACH, *(abs(s.vertical) for s in placed)]) + PAD_Y
    fig.update_layout(
        xaxis_title="sideways, cun (back: + too far out)",
        yaxis_title="up / down (back: levels)",
        height=380,
        margin={"l": 56, "r": 16, "t": 36, "b": 50},
        font={"size": 14},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    fig.update_xaxes(range=[-reach_x, reach_x], zeroline=False)
    fig.update_yaxes(range=[-reach_y, reach_y], zeroline=False)
    return fig
