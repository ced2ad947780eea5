"""Server time and bytes of the patient handout and the diagram downloads, per region, side by side in one run.

The files are made only when a download button is pressed (Streamlit's deferred download), so this time is
paid by the person who asks for the file, never by a click on the map. Run:

    .venv/bin/python -m bench.handout [repeats]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.atlas.regions import BASE_REGIONS, RegionChoice
from acumap.drawing.assets import load_drawing
from acumap.drawing.figure import marks_for
from acumap.handout import diagrams_svg, figure_pdf, figure_png, handout_pdf


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    atlas = load_atlas()
    drawings = {v: load_drawing(v) for v in DIAGRAM_VIEWS}
    handout_pdf(atlas, drawings, RegionChoice("neck", "neck", "both"), (), "A4")  # fonts registered once
    print(
        "| region | entries | handout A4 ms | kB | compact | scale | handout Letter ms | SVG ms | kB | PNG ms | kB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for base in BASE_REGIONS:
        choice = RegionChoice(base, base, "both")
        marks = marks_for(atlas, choice)
        a4 = handout_pdf(atlas, drawings, choice, marks, "A4")
        a4_ms = median_ms(partial(handout_pdf, atlas, drawings, choice, marks, "A4"), repeats)
        letter_ms = median_ms(partial(handout_pdf, atlas, drawings, choice, marks, "Letter"), repeats)
        svg = diagrams_svg(atlas, drawings, marks, choice, "patient")
        svg_ms = median_ms(partial(diagrams_svg, atlas, drawings, marks, choice, "patient"), repeats)
        png = figure_png(svg)
        png_ms = median_ms(partial(figure_png, svg), repeats)
        entries = len({m.label for m in marks})
        print(
            f"| {base} | {entries} | {a4_ms:.0f} | {len(a4.pdf) / 1024:.0f} | {'yes' if a4.compact else 'no'} | "
            f"{a4.scale:.2f} | {letter_ms:.0f} | {svg_ms:.1f} | {len(svg) / 1024:.0f} | {png_ms:.0f} | "
            f"{len(png) / 1024:.0f} |"
        )
    # Where a PNG's time goes: the SVG -> vector PDF step (svglib + ReportLab) and the raster step (PDFium).
    choice = RegionChoice("middle_back", "middle_back", "both")
    svg = diagrams_svg(atlas, drawings, marks_for(atlas, choice), choice, "patient")
    pdf_ms = median_ms(lambda: figure_pdf(svg), repeats)
    png_ms = median_ms(lambda: figure_png(svg), repeats)
    print(f"\nmiddle back PNG: {png_ms:.0f} ms, of which SVG -> vector PDF {pdf_ms:.0f} ms")


if __name__ == "__main__":
    main()
