"""What the teacher's screen shows of a class check: the asked point's own diagram (the back, with its spine
ladder, for a back point or a "where does it hurt" question), every tap on it as a density layer and a dot, the
count, and (on the reveal) the true point, the class's mean error in cun, and an arrow from the point to where the
class put it on average when that is off by enough to say (`acumap.class_record.ABOUT_RIGHT`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from acumap.atlas.data import Atlas
from acumap.atlas.placement import Marker, point_markers
from acumap.body import anatomy
from acumap.class_record import systematic_offset
from acumap.classroom import Answer
from acumap.drawing.assets import Drawing
from acumap.drawing.figure import BACK_BOX
from acumap.drawing.geometry import PROCESS_HALF_WIDTH_CM, vertebrae

#: Where the ladder's level labels stand (cm from the midline, to the left of the body) and where its rungs start.
LADDER_LABEL_X = -26.0
LADDER_RUNG_X = -23.5

#: The arrow from the true point to where the class put it on average (Okabe-Ito vermilion: apart from the taps'
#: blue and the point's black).
ARROW_COLOR = "#D55E00"

#: The height shown: from just above C7 to below the sacrum (cm), so the back fills a projector's screen.
CROP_Y = (-7.0, 68.0)


def _ladder() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The spine ladder the students tapped on: each vertebra, its label and a faint rung (shapes, labels)."""
    shapes: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for v in vertebrae():
        shapes.append(
            {
                "type": "rect",
                "x0": -PROCESS_HALF_WIDTH_CM,
                "x1": PROCESS_HALF_WIDTH_CM,
                "y0": v.top,
                "y1": v.bottom,
                "line": {"color": "#5b5f66", "width": 1},
                "fillcolor": "#e6e2da",
                "layer": "below",
            }
        )
        shapes.append(
            {
                "type": "line",
                "x0": LADDER_RUNG_X,
                "x1": -0.9,
                "y0": v.y,
                "y1": v.y,
                "line": {"color": "#c9ccd1", "width": 1},
                "layer": "below",
            }
        )
        labels.append(
            {
                "x": LADDER_LABEL_X,
                "y": v.y,
                "text": v.level,
                "showarrow": False,
                "xanchor": "center",
                "font": {"size": 16, "color": "#1f2328"},
            }
        )
    return shapes, labels


def _arrows(atlas: Atlas, point_id: str, view: str, taps: Sequence[Answer]) -> list[dict[str, Any]]:
    """From each of the point's markers to where the class put it on average (a bilateral point's offset is
    away from the midline, so the left side's arrow is the right's mirror); none when it is about right."""
    offset = systematic_offset(atlas, point_id, taps)
    if offset is None or not offset.meaningful:
        return []
    dx, dy = offset.cm
    arrows = []
    for m in point_markers(atlas.point(point_id)):
        sign = -1.0 if offset.mirrored and m.side == "left" else 1.0
        arrows.append(
            {
                "x": m.x + sign * dx,
                "y": m.y + dy,
                "ax": m.x,
                "ay": m.y,
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "text": "",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.2,
                "arrowwidth": 3,
                "arrowcolor": ARROW_COLOR,
                "standoff": 2,
                "startstandoff": 14,  # from the star's edge: the true point stays visible
                "name": "placed on average",
            }
        )
    return arrows


#: After the reveal the chart closes in on the point and the taps: the margin around them (cm) per diagram.
ZOOM_PAD = {"back": 3.0, "neck": 1.5, "hand": 1.5, "leg": 2.5, "head": 1.5}


def _zoom(
    xs: Sequence[float], ys: Sequence[float], frame: tuple[float, float, float, float], pad: float
) -> tuple[float, float, float, float]:
    """The window (x, y, width, height) holding every position with `pad` around it, inside the diagram's
    frame and at least a quarter of its width and a third of its height (enough of the body to place it)."""
    fx, fy, fw, fh = frame
    left, right = min(xs) - pad, max(xs) + pad
    top, bottom = min(ys) - pad, max(ys) + pad
    w = min(fw, max(right - left, fw / 4))
    h = min(fh, max(bottom - top, fh / 3))
    cx, cy = (left + right) / 2, (top + bottom) / 2
    x = min(max(cx - w / 2, fx), fx + fw - w)
    y = min(max(cy - h / 2, fy), fy + fh - h)
    return x, y, w, h


def results_figure(
    atlas: Atlas,
    drawing: Drawing,
    taps: Sequence[Answer],
    point_id: str | None,
    reveal: bool,
    height: int = 620,
) -> go.Figure:
    """The diagram `drawing` (pass the one `question_view` names) with the taps made on it as a density layer
    and each tap a dot; the back also with the spine ladder. Once revealed: the true point and, when the class
    was off on average by enough to say, an arrow from it to where the class put it. Taps on other diagrams are
    counted in a note, not drawn."""
    view = drawing.view
    x0, y0, w, h = BACK_BOX if view == "back" else drawing.view_box
    if view == "back":
        y0, h = CROP_Y
    fig = go.Figure()
    # Shapes and labels are gathered as plain dicts and set once: Plotly's add_shape revalidates every shape
    # already there, so adding ~50 one by one took ~0.7 s, every second, on the teacher's live view.
    shapes, notes = _ladder() if view == "back" else ([], [])
    for p in drawing.paths:
        shapes.append(
            {
                "type": "path",
                "path": p.d,
                "line": {
                    "color": "#1f2328" if p.kind == "outline" else "#8a8f98",
                    "width": 2 if p.kind == "outline" else 1,
                },
                "fillcolor": "rgba(247, 232, 216, 0.5)" if p.kind == "outline" else None,
                "layer": "below",
            }
        )
    xs, ys = [t.x for t in taps if t.view == view], [t.y for t in taps if t.view == view]
    elsewhere = len(taps) - len(xs)
    if len(xs) >= 2:
        fig.add_trace(
            go.Histogram2dContour(
                x=xs,
                y=ys,
                name="where the class tapped",
                colorscale=[
                    [0, "rgba(0,114,178,0)"],
                    [0.3, "rgba(0,114,178,0.35)"],
                    [1, "rgba(0,60,120,0.85)"],
                ],
                showscale=False,
                contours={"coloring": "fill", "showlines": False},
                ncontours=12,
                hoverinfo="skip",
            )
        )
    truth: list[Marker] = []
    if reveal and point_id is not None:
        truth = [m for m in point_markers(atlas.point(point_id)) if m.point.view == view]
        fig.add_trace(
            go.Scatter(
                x=[m.x for m in truth],
                y=[m.y for m in truth],
                mode="markers+text",
                name=point_id,
                text=[point_id if m.side != "left" else "" for m in truth],
                textposition="middle right",
                textfont={"size": 26, "color": "#000"},
                marker={
                    "size": 24,
                    "symbol": "star-open",
                    "color": "#000",
                    "line": {"color": "#000", "width": 3},
                },
                hoverinfo="skip",
            )
        )
        if truth:
            notes += _arrows(atlas, point_id, view, taps)
    # Each tap a dot, drawn last: on top of the true point's star, never hidden by it.
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            name="a tap",
            marker={"size": 11, "color": "#0072B2", "line": {"color": "white", "width": 1.5}},
            hoverinfo="skip",
        )
    )
    if elsewhere:
        notes.append(
            {
                "x": 0.01,
                "y": 0.99,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "text": f"{elsewhere} tap{'s' if elsewhere != 1 else ''} on another diagram",
                "font": {"size": 16, "color": "#3d4047"},
                "name": "elsewhere",
            }
        )
    if reveal and point_id is not None and truth:
        # Close in on the point and the taps, so the class's spread and the arrow read from the back row.
        x0, y0, w, h = _zoom(
            [m.x for m in truth] + xs, [m.y for m in truth] + ys, (x0, y0, w, h), ZOOM_PAD[view]
        )
        if view == "back" and x0 > LADDER_LABEL_X - 1:  # the ladder's own labels are out of the window
            for level in anatomy.SPINE_LEVELS:
                y = anatomy.level_y(level)
                if y0 < y < y0 + h:
                    notes.append(
                        {
                            "x": x0,
                            "y": y,
                            "text": level,
                            "showarrow": False,
                            "xanchor": "left",
                            "font": {"size": 18},
                            "name": "level",
                        }
                    )
    fig.update_xaxes(range=[x0, x0 + w], visible=False)
    fig.update_yaxes(range=[y0 + h, y0], visible=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(
        shapes=shapes,
        annotations=notes,
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        plot_bgcolor="white",
        font={"size": 18},
    )
    return fig
