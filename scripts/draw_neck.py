"""Draw assets/neck.svg (the back of the head and neck) from the neck model in acumap/body/neck.py.

.venv/bin/python scripts/draw_neck.py   (writes assets/neck.svg; tests/test_positions.py checks it is current)

The bones, the hairline and the muscle borders are computed from the same numbers that place GB20 and BL10,
so the drawing and the points cannot disagree. Smooth lines pass exactly through the model's points
(Catmull-Rom curves written as cubic Béziers).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from acumap.body import neck

Pt = tuple[float, float]
VIEW_BOX = (-13.0, -15.5, 26.0, 19.5)


def n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if round(v, 2) else "0"


def p(pt: Pt) -> str:
    return f"{n(pt[0])},{n(pt[1])}"


def smooth(points: Sequence[Pt]) -> str:
    """A curve through every point (Catmull-Rom, as cubic Béziers)."""
    return f"M {p(points[0])} {curve(points)}"


def curve(points: Sequence[Pt]) -> str:
    """The segments of `smooth` without its move-to: a curve continuing from the first point."""
    out = []
    for i in range(len(points) - 1):
        p0 = points[i - 1] if i else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < len(points) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append(f"C {p(c1)} {p(c2)} {p(p2)}")
    return " ".join(out)


def mirror(points: Sequence[Pt]) -> list[Pt]:
    return [(-x, y) for x, y in points]


def ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    k = 0.5523
    return (
        f"M {p((cx, cy - ry))} C {p((cx + k * rx, cy - ry))} {p((cx + rx, cy - k * ry))} {p((cx + rx, cy))} "
        f"C {p((cx + rx, cy + k * ry))} {p((cx + k * rx, cy + ry))} {p((cx, cy + ry))} "
        f"C {p((cx - k * rx, cy + ry))} {p((cx - rx, cy + k * ry))} {p((cx - rx, cy))} "
        f"C {p((cx - rx, cy - k * ry))} {p((cx - k * rx, cy - ry))} {p((cx, cy - ry))} Z"
    )


def cm(border: Sequence[tuple[float, float]]) -> list[Pt]:
    return [(neck.cun_x(c), y) for c, y in border]


def both_sides(pid: str, kind: str, label: str, right: Sequence[Pt]) -> list[tuple[str, str, str, str]]:
    """A line drawn on the person's right (x > 0) and its mirror on the left, in that order."""
    return [
        (f"{pid}-right", kind, f"{label} (right)", smooth(right)),
        (f"{pid}-left", kind, f"{label} (left)", smooth(mirror(right))),
    ]


def paths() -> list[tuple[str, str, str, str]]:
    """(id, class, label, d) of every drawn line."""
    mx, my = neck.MASTOID_TIP
    # The silhouette, the person's right side (x > 0): the head, under the ear, down the neck, out along the
    # top of the trapezius to the shoulder; mirrored for the left. The drawing is cropped at the top (mid-skull) and at the sides and bottom (the shoulders): the outline
    # is left open across the top, so its fill closes there without a stroke.
    x0, y0, w, h = VIEW_BOX
    side = [(mx - 0.1, my - 0.4), (5.35, -5.0), (5.45, -2.8), (7.6, -0.6), (11.0, 1.2), (x0 + w, 2.1)]
    head = [(7.47, y0), (7.65, -13.0), (7.0, -10.0), (mx - 0.1, my - 0.4)]
    right = head + side[1:]
    bottom = y0 + h
    outline = (
        f"{smooth(mirror(right))} L {p((x0, bottom))} L {p((x0 + w, bottom))} L {p(right[-1])} "
        f"{curve(list(reversed(right)))}"
    )
    ear = [(7.45, -13.6), (8.55, -13.3), (8.85, -11.6), (8.4, -10.0), (7.35, -9.6)]
    nuchal = [(0.55, neck.EOP_Y + 0.05), (2.6, neck.EOP_Y + 0.05), neck.NUCHAL_LINE_END]
    mastoid = [
        (mx - 0.75, neck.NUCHAL_LINE_END[1] - 0.2),
        (mx - 0.55, my + 0.1 - 0.6),
        (mx, my),
        (mx + 0.45, my - 0.7),
        (mx + 0.5, neck.NUCHAL_LINE_END[1] - 0.5),
    ]
    hairline = [(-5.3, -7.95), (-3.3, -6.45), (0.0, neck.HAIRLINE_Y), (3.3, -6.45), (5.3, -7.95)]
    out: list[tuple[str, str, str, str]] = [
        ("neck-outline", "outline", "Back of the head, neck and shoulders", outline),
        *both_sides("ear", "outline", "Ear", ear),
        (
            "occipital-protuberance",
            "bone",
            "External occipital protuberance",
            smooth([(-0.75, neck.EOP_Y + 0.15), (0.0, neck.EOP_Y - 0.35), (0.75, neck.EOP_Y + 0.15)]),
        ),
        *both_sides("nuchal-line", "bone", "Superior nuchal line", nuchal),
        *both_sides("mastoid", "bone", "Mastoid process", mastoid),
    ]
    for level in neck.NECK_LEVELS:
        y = neck.level_y(level)
        rx, ry = (0.8, 0.45) if level == "C2" else (0.7, 0.45) if level == "C7" else (0.55, 0.33)
        out.append((f"spinous-{level}", "bone", f"Spinous process of {level}", ellipse(0.0, y, rx, ry)))
    out += [
        ("hairline", "crease", "Posterior hairline", smooth(hairline)),
        *both_sides("trapezius", "detail", "Lateral border of trapezius", cm(neck.TRAPEZIUS_BORDER)),
        *both_sides("scm", "detail", "Posterior border of sternocleidomastoid", cm(neck.SCM_BORDER)),
    ]
    return out


def svg() -> str:
    box = " ".join(n(v) for v in VIEW_BOX)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}">',
    ]
    lines.append("  <!-- Drawn by scripts/draw_neck.py from acumap/body/neck.py: do not edit by hand. -->")
    for pid, kind, label, d in paths():
        lines.append(f'  <path id="{pid}" class="{kind}" data-label="{label}" d="{d}"/>')
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


TARGET = Path(__file__).resolve().parent.parent / "assets" / "neck.svg"

if __name__ == "__main__":
    TARGET.write_text(svg(), encoding="utf-8")
    print(f"wrote {TARGET}")
