"""A pain drawing as a small picture: the back's outline and the shaded cells, coloured by strength.

The comparison of two drawings shows two of these side by side; the map colours its cells with the same
STRENGTH_COLOURS (sent in the map's data), so a strength has one colour everywhere. Pure: no Streamlit.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from acumap import pain
from acumap.drawing.assets import Drawing
from acumap.drawing.geometry import SIDE_LABELS

#: The colour of each strength, 0 to 10: pale yellow to deep red (a sequential scale that stays in order for
#: the common colour-vision deficiencies; ColorBrewer YlOrRd, extended to eleven steps).
STRENGTH_COLOURS = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#a50026",
    "#800026",
    "#5c0019",
)

#: How each kind of the outline's contours is drawn (the picture carries no stylesheet).
_PATH_STYLE = {
    "outline": 'fill="#f7e8d8" stroke="#1f2328" stroke-width="0.25"',
    "bone": 'fill="none" stroke="#8a8f98" stroke-width="0.15" stroke-dasharray="0.4 0.5"',
    "crease": 'fill="none" stroke="#9b7d6a" stroke-width="0.12" stroke-dasharray="0.6 0.5"',
}


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def drawing_svg(back: Drawing, d: pain.PainDrawing, title: str, width_px: int = 220) -> str:
    """The back's outline with the drawing's cells, as a standalone SVG (viewBox in the back's cm, the grid's
    extent); `title` is its accessible name (escaped)."""
    x0, y0 = pain.GRID_X0, pain.GRID_Y0
    w, h = pain.GRID_COLS * pain.CELL_CM, pain.GRID_ROWS * pain.CELL_CM
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_n(x0)} {_n(y0)} {_n(w)} {_n(h)}" '
        f'width="{width_px}" height="{round(width_px * h / w)}" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>{_picture(back, d)}</svg>"
    )


#: The gap between two pictures side by side, and the height of the caption above each, cm of the diagram.
_GAP_CM = 4.0
_CAPTION_CM = 7.0


def pair_svg(
    back: Drawing, pictures: tuple[tuple[str, pain.PainDrawing], tuple[str, pain.PainDrawing]], title: str
) -> str:
    """Two drawings side by side in one picture, each under its caption (escaped): side by side on every
    screen, a phone's too (two images would stack there)."""
    x0, y0 = pain.GRID_X0, pain.GRID_Y0
    w, h = pain.GRID_COLS * pain.CELL_CM, pain.GRID_ROWS * pain.CELL_CM
    total_w, total_h = 2 * w + _GAP_CM, h + _CAPTION_CM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(total_w)} {_n(total_h)}" '
        f'width="{round(total_w * 5)}" height="{round(total_h * 5)}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
    ]
    for i, (caption, d) in enumerate(pictures):
        left = i * (w + _GAP_CM)
        parts.append(
            f'<text x="{_n(left + w / 2)}" y="{_n(_CAPTION_CM - 2)}" text-anchor="middle" font-family="sans-serif" '
            f'font-size="4.5" font-weight="700" fill="#1f2328">{escape(caption)}</text>'
            f'<g transform="translate({_n(left - x0)} {_n(_CAPTION_CM - y0)})">{_picture(back, d)}'
            f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(h)}" fill="none" stroke="#b0b4ba" '
            'stroke-width="0.2"/></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _picture(back: Drawing, d: pain.PainDrawing) -> str:
    x0, y0 = pain.GRID_X0, pain.GRID_Y0
    w, h = pain.GRID_COLS * pain.CELL_CM, pain.GRID_ROWS * pain.CELL_CM
    parts = [f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(h)}" fill="#ffffff"/>']
    for p in back.paths:
        parts.append(f"<path {_PATH_STYLE.get(p.kind, _PATH_STYLE['bone'])} d={quoteattr(p.d)}/>")
    parts.append('<g fill-opacity="0.8">')
    for (col, row), intensity in d.cells:
        parts.append(
            f'<rect x="{_n(x0 + col * pain.CELL_CM)}" y="{_n(y0 + row * pain.CELL_CM)}" '
            f'width="{_n(pain.CELL_CM)}" height="{_n(pain.CELL_CM)}" fill="{STRENGTH_COLOURS[intensity]}"/>'
        )
    parts.append("</g>")
    # The sides as the patient's own: we look at their back.
    left, right = SIDE_LABELS["patient"]
    parts.append(
        f'<g font-family="sans-serif" font-size="3.2" font-weight="700" fill="#1f2328">'
        f'<text x="{_n(x0 + 1)}" y="{_n(y0 + 4)}">{escape(left)}</text>'
        f'<text x="{_n(x0 + w - 1)}" y="{_n(y0 + 4)}" text-anchor="end">{escape(right)}</text></g>'
    )
    return "".join(parts)
