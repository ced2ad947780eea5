"""Plotly figures of the body views: (atlas, drawing, state) -> go.Figure, no I/O.

Styles are chosen to survive colour blindness and a washed-out projector: local and distal points differ in
shape as well as colour (Okabe-Ito palette), and everything not highlighted fades to grey.
Text from the data goes into hover labels escaped, so a stray `<` in a CSV is shown, never interpreted.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from acumap import anatomy
from acumap.assets import Drawing
from acumap.data import Atlas, Point
from acumap.regions import REGIONS, RegionChoice, click_grid, regions_for
from acumap.selection import highlights

# Okabe-Ito, safe for the common colour-vision deficiencies.
LOCAL_COLOUR = "#D55E00"  # vermillion
DISTAL_COLOUR = "#0072B2"  # blue
CHOSEN_COLOUR = "#F0E442"  # yellow, with a black rim
DIM_COLOUR = "rgba(120,120,120,0.35)"
INK = "#222222"
BONE = "#8a8f98"
MERIDIAN_COLOURS = {
    "Governor Vessel": "#CC79A7",
    "Bladder": "#0072B2",
    "Extra": "#7f7f7f",
    "Gallbladder": "#009E73",
    "Small Intestine": "#E69F00",
}
OTHER_MERIDIAN = "#56B4E9"
LOCAL_SYMBOL = "circle"
DISTAL_SYMBOL = "diamond"
CHOSEN_SYMBOL = "star"
FONT = dict(family="Inter, 'Noto Sans', 'Noto Sans CJK SC', Arial, sans-serif", size=14, color=INK)

#: Visible window of the back view (cm), fixed so that screen positions map linearly to body positions.
BACK_X_RANGE = (-27.0, 31.0)
BACK_Y_RANGE = (-8.0, 55.0)  # top, bottom (y grows downwards)
RULER_X = -24.0

VIEW_TITLES = {
    "back": "Back, seen from behind",
    "hand": "Hand: back of the right hand",
    "leg": "Leg: right knee, calf, ankle, foot",
    "head": "Head: seen from above",
}


#: Orientation labels of the distal diagrams: (x, y, text, anchor) in each diagram's own coordinates.
VIEW_LABELS: dict[str, tuple[tuple[float, float, str, str], ...]] = {
    "hand": ((-10.9, 14.0, "← thumb side", "left"),),
    "leg": (
        (-36.0, 47.2, "back", "center"),
        (-12.0, 47.2, "outer", "center"),
        (12.0, 47.2, "inner", "center"),
        (36.0, 47.2, "top", "center"),
    ),
    "head": ((-9.6, -11.8, "front ↑", "left"), (-9.6, 10.2, "back", "left")),
}


@dataclass(frozen=True)
class MapState:
    """What the figures show: a region choice and/or a chosen point (ids only); `scale` enlarges text and
    markers (projector mode)."""

    region: RegionChoice | None = None
    point_id: str | None = None
    scale: float = 1.0


_SCALED_PARENTS = {"font", "textfont", "marker", "hoverlabel", "title"}


def scale_sizes(obj: Any, k: float, parent: str = "") -> Any:
    """A copy of a figure part with every font and marker size multiplied by k (for projectors)."""
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if (key == "size" and parent in _SCALED_PARENTS and isinstance(value, int | float)) or (
                key == "arrowwidth" and isinstance(value, int | float)
            ):
                out[key] = value * k
            else:
                out[key] = scale_sizes(value, k, key)
        return out
    if isinstance(obj, list):
        return [scale_sizes(v, k, parent) for v in obj]
    return obj


@dataclass(frozen=True)
class Marker:
    """One drawn marker of a point (bilateral back points have two)."""

    point: Point
    x: float
    y: float
    side: str


def back_markers(atlas: Atlas) -> list[Marker]:
    """Every back point placed from the body model: spine level + cun, or a scapular landmark."""
    markers: list[Marker] = []
    for p in atlas.points:
        if p.view != "back":
            continue
        if p.landmark is not None:
            for side in ("left", "right"):
                x, y = anatomy.landmark_position(p.landmark, side)
                markers.append(Marker(p, x, y, side))
        elif p.spine_level is not None and p.offset_cun is not None:
            for side in anatomy.sides_for(p.offset_cun):
                x, y = anatomy.spine_point_position(p.code, p.spine_level, p.offset_cun, side)
                markers.append(Marker(p, x, y, "midline" if p.offset_cun == 0 else side))
    return markers


def view_markers(atlas: Atlas, view: str) -> list[Marker]:
    """Markers of a hand, leg or head diagram, at the diagram's own coordinates."""
    return [
        Marker(p, p.x, p.y, "right")
        for p in atlas.points
        if p.view == view and p.x is not None and p.y is not None
    ]


def hover_text(point: Point) -> str:
    """Hover label: code, names, where it lies. Data is escaped."""
    e = html.escape
    where = e(point.location)
    if len(where) > 90:
        where = where[:87].rsplit(" ", 1)[0] + "…"
    text = (
        f"<b>{e(point.code)}</b>  {e(point.pinyin)} {e(point.hanzi)}<br>{e(point.english)}<br><i>{where}</i>"
    )
    return text


def _roles(atlas: Atlas, state: MapState) -> dict[str, str]:
    if state.region is None:
        return {}
    return {h.point.id: h.role for h in highlights(atlas, state.region)}


def _marker_lit(marker: Marker, role: str | None, state: MapState) -> bool:
    if role is None:
        return False
    if state.region is None or marker.point.view != "back":
        return True
    return marker.side == "midline" or state.region.shows_side(marker.side)


Trace = dict[str, Any]


def _scatter(**kwargs: Any) -> Trace:
    """A scatter trace as a plain dict: the figure is validated once, when it is assembled."""
    return {"type": "scatter", **kwargs}


def _point_traces(
    markers: Sequence[Marker], atlas: Atlas, state: MapState, label_side: str = "right"
) -> list[Trace]:
    """Points grouped into legend traces: overview by meridian; with a region, local / distal / other."""
    roles = _roles(atlas, state)
    groups: dict[str, list[Marker]] = {}
    for m in markers:
        if state.region is None:
            key = m.point.meridian
        else:
            role = roles.get(m.point.id)
            key = role if _marker_lit(m, role, state) and role else "other"
        groups.setdefault(key, []).append(m)

    def scatter(name: str, ms: list[Marker], colour: str, symbol: str, size: float, show_text: bool) -> Trace:
        texts = [m.point.code if (show_text and m.side in ("midline", label_side)) else "" for m in ms]
        return _scatter(
            x=[m.x for m in ms],
            y=[m.y for m in ms],
            mode="markers+text" if show_text else "markers",
            name=name,
            text=texts,
            textposition=[
                "middle left" if m.point.view == "hand" and m.x < -2 else "middle right" for m in ms
            ],
            textfont=dict(size=12, color=INK),
            marker=dict(color=colour, symbol=symbol, size=size, line=dict(color="white", width=1.2)),
            customdata=[f"point:{m.point.id}" for m in ms],
            hovertext=[hover_text(m.point) for m in ms],
            hovertemplate="%{hovertext}<extra></extra>",
            cliponaxis=False,
        )

    traces: list[Trace] = []
    if state.region is None:
        for meridian, ms in groups.items():
            colour = MERIDIAN_COLOURS.get(meridian, OTHER_MERIDIAN)
            size = 7.0 if meridian == "Extra" else 10.0
            symbol = "diamond" if meridian == "Governor Vessel" else "circle"
            label = f"{meridian} (midline)" if meridian == "Governor Vessel" else meridian
            traces.append(scatter(label, ms, colour, symbol, size, show_text=markers[0].point.view != "back"))
    else:
        if "other" in groups:
            traces.append(
                scatter("Other points", groups["other"], DIM_COLOUR, "circle", 7.0, show_text=False)
            )
        if "local" in groups:
            traces.append(
                scatter("Local point", groups["local"], LOCAL_COLOUR, LOCAL_SYMBOL, 14.0, show_text=False)
            )
        if "distal" in groups:
            traces.append(
                scatter("Distal point", groups["distal"], DISTAL_COLOUR, DISTAL_SYMBOL, 16.0, show_text=True)
            )
    chosen = [m for m in markers if m.point.id == state.point_id]
    if chosen:
        traces.append(
            _scatter(
                x=[m.x for m in chosen],
                y=[m.y for m in chosen],
                mode="markers+text",
                name="Chosen point",
                text=[m.point.code if m.side != "left" else "" for m in chosen],
                textposition="top center",
                textfont=dict(size=15, color=INK),
                marker=dict(
                    color=CHOSEN_COLOUR, symbol=CHOSEN_SYMBOL, size=24, line=dict(color="black", width=2)
                ),
                customdata=[f"point:{m.point.id}" for m in chosen],
                hovertext=[hover_text(m.point) for m in chosen],
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    return traces


def _outline_shapes(drawing: Drawing) -> list[dict[str, object]]:
    styles = {
        "outline": dict(color=INK, width=2.2),
        "bone": dict(color=BONE, width=1.4, dash="dot"),
        "crease": dict(color="#9b7d6a", width=1.2, dash="dash"),
        "detail": dict(color="#a0a0a0", width=1.0),
    }
    fills = {
        "outline": "rgba(247,232,216,0.55)",
        "bone": "rgba(0,0,0,0)",
        "crease": "rgba(0,0,0,0)",
        "detail": "rgba(0,0,0,0)",
    }
    shapes: list[dict[str, object]] = []
    for path in drawing.paths:
        closed = path.d.rstrip().upper().endswith("Z")
        shapes.append(
            dict(
                type="path",
                path=path.d,
                layer="below",
                line=styles[path.kind],
                fillcolor=fills[path.kind] if closed else None,
                xref="x",
                yref="y",
            )
        )
    return shapes


Layout = dict[str, Any]


def _base_layout(x_range: tuple[float, float], y_range: tuple[float, float], height: int) -> Layout:
    """Fixed axes (no zoom, no drag), equal scale, y downwards as in the SVGs."""
    return dict(
        height=height,
        margin=dict(l=4, r=4, t=8, b=4),
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=FONT,
        dragmode=False,
        hovermode="closest",
        hoverdistance=18,
        clickmode="event+select",
        showlegend=False,
        hoverlabel=dict(bgcolor="white", font=dict(size=14, color=INK)),
        xaxis=dict(range=list(x_range), visible=False, fixedrange=True, constrain="domain"),
        yaxis=dict(
            range=[y_range[1], y_range[0]],
            visible=False,
            fixedrange=True,
            scaleanchor="x",
            scaleratio=1,
            constrain="domain",
        ),
    )


def _region_traces(state: MapState, markers: Iterable[Marker]) -> list[Trace]:
    traces: list[Trace] = []
    lit = {r.id for r in regions_for(state.region)} if state.region else set()
    for r in REGIONS:
        xs = [x for x, _ in r.polygon] + [r.polygon[0][0]]
        ys = [y for _, y in r.polygon] + [r.polygon[0][1]]
        on = r.id in lit
        traces.append(
            _scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor="rgba(213,94,0,0.16)" if on else "rgba(0,0,0,0)",
                line=dict(
                    color=LOCAL_COLOUR if on else "rgba(90,90,90,0.28)",
                    width=2.5 if on else 1,
                    dash="solid" if on else "dot",
                ),
                hoverinfo="skip",
                name=r.label,
            )
        )
    cells = _click_cells(tuple((m.x, m.y) for m in markers))
    labels = {r.id: r.label for r in REGIONS}
    traces.append(
        _scatter(
            x=[c[0] for c in cells],
            y=[c[1] for c in cells],
            mode="markers",
            name="Pain regions",
            marker=dict(color="rgba(0,0,0,0)", size=10),
            customdata=[f"region:{c[2]}" for c in cells],
            hovertext=[f"{labels[c[2]]}: click to show its points" for c in cells],
            hovertemplate="%{hovertext}<extra></extra>",
            hoverlabel=dict(bgcolor="rgba(255,255,255,0.9)", font=dict(size=13)),
        )
    )
    return traces


@lru_cache(maxsize=8)
def _click_cells(points: tuple[tuple[float, float], ...]) -> list[tuple[float, float, str]]:
    return click_grid(avoid=[*points, *_landmark_xy()])


def _landmark_xy() -> list[tuple[float, float]]:
    return [(anatomy.cun_to_cm(lm.x_cun), anatomy.level_y(lm.level)) for lm in anatomy.LANDMARKS]


def _spine_ladder(shapes: list[Layout], annotations: list[Layout]) -> None:
    for level in anatomy.SPINE_LEVELS:
        top, bottom = anatomy.upper_border_y(level), anatomy.lower_border_y(level)
        shapes.append(
            dict(
                type="rect",
                x0=-0.75,
                x1=0.75,
                y0=top,
                y1=bottom,
                line=dict(color="#5b5f66", width=1.2),
                fillcolor="#e6e2da",
                layer="below",
            )
        )
        y = anatomy.level_y(level)
        shapes.append(
            dict(
                type="line",
                x0=RULER_X + 2.0,
                x1=-0.9,
                y0=y,
                y1=y,
                line=dict(color="rgba(80,80,80,0.10)", width=1),
                layer="below",
            )
        )
        annotations.append(
            dict(
                x=RULER_X,
                y=y,
                text=level,
                showarrow=False,
                xanchor="center",
                font=dict(size=13, color="#333"),
            )
        )
    annotations.append(
        dict(x=RULER_X, y=-2.6, text="<b>Spine</b>", showarrow=False, font=dict(size=12, color="#333"))
    )


def _guide_lines(shapes: list[Layout], annotations: list[Layout]) -> None:
    y_top, y_bottom = -1.0, anatomy.lower_border_y("L5") + 1.5
    for cun in anatomy.GUIDE_LINES_CUN:
        main = cun == anatomy.MAIN_LINE_CUN
        for sign in (-1, 1):
            x = sign * anatomy.cun_to_cm(cun)
            shapes.append(
                dict(
                    type="line",
                    x0=x,
                    x1=x,
                    y0=y_top,
                    y1=y_bottom,
                    line=dict(
                        color="rgba(0,114,178,0.75)" if main else "rgba(0,114,178,0.45)",
                        width=2.6 if main else 1.2,
                        dash="solid" if main else "dot",
                    ),
                    layer="below",
                )
            )
        annotations.append(
            dict(
                x=anatomy.cun_to_cm(cun),
                y=y_bottom + 0.3,
                text=f"<b>{cun:g}</b>" if main else f"{cun:g}",
                showarrow=False,
                yanchor="top",
                font=dict(size=12, color="#0b4f7c"),
            )
        )
    annotations.append(
        dict(
            x=anatomy.cun_to_cm(4.6),
            y=y_bottom + 0.3,
            text="cun",
            showarrow=False,
            yanchor="top",
            font=dict(size=12, color="#0b4f7c"),
        )
    )
    # Scale: 3 cun = midline to the medial border of the scapula.
    y = -3.6
    x3 = anatomy.cun_to_cm(anatomy.SCAPULA_MEDIAL_BORDER_CUN)
    scale = dict(color="#0b4f7c", width=2)
    shapes.append(dict(type="line", x0=0, x1=x3, y0=y, y1=y, line=scale))
    for x in (0.0, x3):
        shapes.append(dict(type="line", x0=x, x1=x, y0=y - 0.6, y1=y + 0.6, line=scale))
    annotations.append(
        dict(
            x=x3 + 0.4,
            y=y,
            text="3 cun: midline to scapula",
            showarrow=False,
            xanchor="left",
            font=dict(size=12, color="#0b4f7c"),
        )
    )


LANDMARK_NOTES = {
    "c7": "C7: most prominent? only in ~½",
    "scapular_spine_root": "Scapular spine root · taught T3",
    "inferior_angle": "Inferior angle · taught T7 (avg T8)",
    "iliac_crest": "Iliac crest tops · taught L4",
}
_NOTE_Y = {"c7": 1.2, "scapular_spine_root": 7.0, "inferior_angle": 18.0, "iliac_crest": 41.5}


def _landmarks(annotations: list[Layout], notes: bool = True) -> Trace:
    xs, yvals, hovers = [], [], []
    for lm in anatomy.LANDMARKS:
        x = anatomy.cun_to_cm(lm.x_cun)
        y = anatomy.level_y(lm.level)
        xs.append(x)
        yvals.append(y)
        hovers.append(
            f"<b>{html.escape(lm.label)}</b><br>{html.escape(lm.taught)}<br><i>{html.escape(lm.found)}</i>"
        )
        if not notes:
            continue
        annotations.append(
            dict(
                x=x,
                y=y,
                ax=30.5,
                ay=_NOTE_Y[lm.key],
                axref="x",
                ayref="y",
                text=LANDMARK_NOTES[lm.key],
                showarrow=True,
                arrowhead=0,
                arrowwidth=1,
                arrowcolor="#6b6f76",
                xanchor="right",
                align="right",
                font=dict(size=12, color="#3d4047"),
                bgcolor="rgba(255,255,255,0.8)",
            )
        )
    return _scatter(
        x=xs,
        y=yvals,
        mode="markers",
        name="Landmarks",
        marker=dict(symbol="circle-open", size=13, color="#3d4047", line=dict(width=2)),
        hovertext=hovers,
        hovertemplate="%{hovertext}<extra></extra>",
    )


@lru_cache(maxsize=8)
def _back_static(drawing: Drawing, landmark_notes: bool) -> tuple[Layout, Trace]:
    """Everything of the back view that does not depend on the selection (built once per variant).

    The landmark notes are written out in the overview only: with a region lit they would cover its points
    (the landmarks keep their circles and hover text).
    """
    shapes = _outline_shapes(drawing)
    annotations: list[Layout] = []
    _spine_ladder(shapes, annotations)
    _guide_lines(shapes, annotations)
    landmarks = _landmarks(annotations, notes=landmark_notes)
    for x, text, anchor in (
        (BACK_X_RANGE[0] + 0.5, "L  (left)", "left"),
        (BACK_X_RANGE[1] - 0.5, "(right)  R", "right"),
    ):
        annotations.append(
            dict(
                x=x,
                y=BACK_Y_RANGE[0] + 0.1,
                text=f"<b>{text}</b>",
                showarrow=False,
                xanchor=anchor,
                yanchor="top",
                font=dict(size=16, color=INK),
            )
        )
    annotations.append(
        dict(
            x=0,
            y=BACK_Y_RANGE[0] + 0.1,
            text="seen from behind",
            showarrow=False,
            yanchor="top",
            font=dict(size=12, color="#555"),
        )
    )
    layout = _base_layout(BACK_X_RANGE, BACK_Y_RANGE, height=580)
    layout.update(shapes=shapes, annotations=annotations)
    return layout, landmarks


def back_figure(atlas: Atlas, drawing: Drawing, state: MapState, height: int = 580) -> go.Figure:
    """The posterior view: outline, spine ladder, cun lines, landmarks, regions and points."""
    layout, landmarks = _back_static(drawing, state.region is None)
    markers = back_markers(atlas)
    traces = [*_region_traces(state, markers), landmarks, *_point_traces(markers, atlas, state)]
    layout = copy.deepcopy(layout)
    layout["height"] = height
    return _figure(layout, traces, state)


def _view_layer(
    atlas: Atlas, drawing: Drawing, state: MapState, ax: str = ""
) -> tuple[list[Layout], list[Layout], list[Trace]]:
    """A distal view's outline shapes, orientation labels and point traces, on the axes x{ax}/y{ax}."""
    refs = {"xref": f"x{ax}", "yref": f"y{ax}"}
    shapes = [{**shape, **refs} for shape in _outline_shapes(drawing)]
    labels = [
        dict(x=lx, y=ly, **refs, text=text, showarrow=False, xanchor=anchor, font=dict(size=12, color="#555"))
        for lx, ly, text, anchor in VIEW_LABELS.get(drawing.view, ())
    ]
    markers = view_markers(atlas, drawing.view)
    traces = [
        {**trace, "xaxis": f"x{ax}", "yaxis": f"y{ax}", "meta": drawing.view}
        for trace in (_point_traces(markers, atlas, state) if markers else [])
    ]
    return shapes, labels, traces


def _figure(layout: Layout, traces: list[Trace], state: MapState) -> go.Figure:
    """Assemble (and validate) the figure once, enlarged for a projector if asked."""
    if state.scale != 1.0:
        layout, traces = scale_sizes(layout, state.scale), scale_sizes(traces, state.scale)
    return go.Figure(data=traces, layout=layout)


def view_figure(atlas: Atlas, drawing: Drawing, state: MapState, height: int = 300) -> go.Figure:
    """A distal view (hand, leg, head): its drawing and its points, highlighted as on the back."""
    x, y, w, h = drawing.view_box
    layout = _base_layout((x, x + w), (y, y + h), height=height)
    layout["margin"] = dict(l=4, r=4, t=26, b=4)
    layout["title"] = dict(
        text=f"<b>{html.escape(VIEW_TITLES[drawing.view])}</b>",
        x=0.01,
        y=0.99,
        yanchor="top",
        font=dict(size=14),
    )
    layout["shapes"], layout["annotations"], traces = _view_layer(atlas, drawing, state)
    return _figure(layout, traces, state)


def distal_figure(
    atlas: Atlas, drawings: Sequence[Drawing], state: MapState, heights: Sequence[int]
) -> go.Figure:
    """The distal views stacked in one figure (one subplot each), so a click redraws one chart, not three.

    Each view keeps its own axes, equal scale and coordinates, so its SVG and its points line up as in
    `view_figure`.
    """
    title_px = 24
    total = sum(heights) + title_px * len(drawings)
    layout = _base_layout((0, 1), (0, 1), height=total)
    del layout["xaxis"], layout["yaxis"]
    layout["margin"] = dict(l=4, r=4, t=4, b=4)
    shapes: list[Layout] = []
    annotations: list[Layout] = []
    traces: list[Trace] = []
    top = 1.0
    for i, (drawing, h_px) in enumerate(zip(drawings, heights, strict=True), start=1):
        x, y, w, h = drawing.view_box
        title_top = top
        top -= title_px / total
        bottom = top - h_px / total
        ax = "" if i == 1 else str(i)
        layout[f"xaxis{ax}"] = dict(
            range=[x, x + w],
            visible=False,
            fixedrange=True,
            constrain="domain",
            domain=[0, 1],
            anchor=f"y{ax}",
        )
        layout[f"yaxis{ax}"] = dict(
            range=[y + h, y],
            visible=False,
            fixedrange=True,
            scaleanchor=f"x{ax}",
            scaleratio=1,
            constrain="domain",
            domain=[max(bottom, 0.0), top],
            anchor=f"x{ax}",
        )
        annotations.append(
            dict(
                x=0.01,
                y=title_top,
                xref="paper",
                yref="paper",
                yanchor="top",
                xanchor="left",
                showarrow=False,
                text=f"<b>{html.escape(VIEW_TITLES[drawing.view])}</b>",
                font=dict(size=14, color=INK),
            )
        )
        view_shapes, view_labels, view_traces = _view_layer(atlas, drawing, state, ax)
        shapes += view_shapes
        annotations += view_labels
        traces += view_traces
        top = bottom
    layout["shapes"] = shapes
    layout["annotations"] = annotations
    return _figure(layout, traces, state)


def alt_text(atlas: Atlas, view: str, state: MapState) -> str:
    """A text alternative for a figure: what it shows and what is highlighted."""
    if view == "back":
        text = (
            "Diagram of the back seen from behind (the person's left on the left): the spine as a ladder of "
            "vertebrae C7, T1 to T12 and L1 to L5, Bladder lines at 0.5, 1.5 and 3 cun each side of the midline, "
            "the shoulder blades and the top of the pelvis, with clickable pain regions."
        )
    else:
        text = f"Diagram: {VIEW_TITLES[view]}."
    on_view = {p.id for p in atlas.points if p.view == view}
    if state.region is not None:
        found = [h for h in highlights(atlas, state.region) if h.point.id in on_view]
        local = [h.point.code if h.point.code != "EX-B2" else h.point.id for h in found if h.role == "local"]
        distal = [h.point.code for h in found if h.role == "distal"]
        text += f" Highlighted for the {state.region.label.lower()}:"
        text += f" local points {', '.join(local)};" if local else ""
        text += f" distal points {', '.join(distal)};" if distal else ""
        if not local and not distal:
            text += " no points on this diagram;"
        text = text.rstrip(";") + "."
    else:
        codes = sorted({p.code for p in atlas.points if p.view == view})
        text += f" Points shown: {', '.join(codes)}."
    if state.point_id is not None and state.point_id in on_view:
        text += f" Chosen point: {state.point_id}."
    return text
