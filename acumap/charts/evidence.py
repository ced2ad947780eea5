"""The Evidence page's forest plot of effect sizes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from acumap.evidence import COHEN, COMPARATORS, NO_ACUPUNCTURE, SHAM, fmt

COMPARATOR_COLOUR = {SHAM: "#0072B2", NO_ACUPUNCTURE: "#D55E00"}
AXIS_TITLE = "Standardised mean difference<br>(SD units; right = less pain with acupuncture)"
_INK = "#222"
_X_RANGE = (-0.1, 0.75)


def effect_chart(df: pd.DataFrame) -> go.Figure:
    """The effect sizes with their 95% intervals, one panel per comparator, a line at zero (no difference).

    Each row's name stands above its bar, not beside it, so a phone keeps the whole width for the bars; the
    estimate is written at the right end of its interval.
    """
    counts = [int((df["Compared with"] == c).sum()) for c in COMPARATORS]
    fig = make_subplots(
        rows=len(COMPARATORS),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.14,
        row_heights=counts,
        subplot_titles=[f"<b>Against {c}</b>" for c in COMPARATORS],
    )
    fig.update_annotations(font={"size": 16, "color": _INK}, x=0, xanchor="left")  # the panel titles
    for row, comparator in enumerate(COMPARATORS, start=1):
        part = df[df["Compared with"] == comparator].iloc[::-1]  # first row at the top
        # Plain lists, so the figure's JSON holds the numbers as numbers (not base64 arrays) for any reader.
        # The error bars are distances from the estimate; round() only removes float noise (0.1000000003).
        smd, low, high = (part[c].tolist() for c in ("SMD", "CI low", "CI high"))
        labels = part["Label"].tolist()
        colour = COMPARATOR_COLOUR[comparator]
        fig.add_scatter(
            x=smd,
            y=labels,
            mode="markers",
            name=f"against {comparator}",
            marker={"size": 13, "color": colour, "symbol": "square"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [round(h - m, 10) for h, m in zip(high, smd, strict=True)],
                "arrayminus": [round(m - lo, 10) for m, lo in zip(smd, low, strict=True)],
                "thickness": 2.5,
                "width": 7,
                "color": colour,
            },
            customdata=part[["SMD (95% CI)", "Source"]].values.tolist(),
            hovertemplate="%{y}<br>%{customdata[0]}<extra></extra>",
            row=row,
            col=1,
        )
        fig.add_scatter(
            x=high,
            y=labels,
            mode="text",
            text=[f"  {fmt(v)}" for v in smd],
            textposition="middle right",
            textfont={"size": 14, "color": _INK},
            hoverinfo="skip",
            row=row,
            col=1,
        )
        for label in labels:
            fig.add_annotation(
                x=_X_RANGE[0],
                y=label,
                text=label,
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                yshift=9,
                font={"size": 14, "color": _INK},
                bgcolor="white",  # readable where the zero and dotted lines cross it
                row=row,
                col=1,
            )
        # Room above the top row for its name.
        fig.update_yaxes(range=[-0.45, len(labels) - 0.35], row=row, col=1)
        fig.add_vline(x=0, line_color="#333", line_width=2, layer="below", row=row, col=1)
        for value, _ in COHEN[:2]:
            fig.add_vline(x=value, line_color="#888", line_dash="dot", layer="below", row=row, col=1)
    fig.update_xaxes(
        range=list(_X_RANGE), dtick=0.2, tick0=0, tickfont={"size": 14, "color": _INK}, zeroline=False
    )
    fig.update_xaxes(
        title={"text": AXIS_TITLE, "font": {"size": 14, "color": _INK}}, row=len(COMPARATORS), col=1
    )
    fig.update_yaxes(showticklabels=False)
    fig.update_layout(
        height=130 + 66 * len(df),
        margin={"l": 10, "r": 10, "t": 40, "b": 80},
        font={"size": 15, "color": _INK},
        showlegend=False,
    )
    return fig
