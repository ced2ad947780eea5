"""The back's drawn scaffolding, shared by the map's SVG (svg.py), the printed figure (figure.py) and the class's
results chart (acumap/charts/class_results.py): the spine's
ladder of vertebrae, the guide lines at each cun offset and the side labels. Each drawing styles them its own
way (screen pixels on the map, millimetres on paper); where they are is decided once, here."""

from __future__ import annotations

from dataclasses import dataclass

from acumap.body import anatomy

#: Half the width of a spinous process as drawn on the ladder (cm).
PROCESS_HALF_WIDTH_CM = 0.75

#: How far the guide lines run beyond the spine ladder, above and below (cm).
GUIDE_OVERHANG_CM = 1.5

#: The back's side labels for each audience: a patient reads "your left" (the back is seen from behind).
SIDE_LABELS = {"patient": ("Your left", "Your right"), "student": ("L (left)", "(right) R")}


@dataclass(frozen=True)
class Vertebra:
    """One rung of the spine ladder: its level, its spinous process from `top` to `bottom` (cm), its middle `y`."""

    level: str
    top: float
    bottom: float
    y: float


@dataclass(frozen=True)
class GuideLine:
    """A vertical guide at `cun` from the midline, on one side (`x` in cm, negative on the left); `main` is the
    Bladder line at 1.5 cun, which both drawings stress."""

    cun: float
    x: float
    main: bool


def vertebrae() -> tuple[Vertebra, ...]:
    """The spine ladder, C7 to L5."""
    return tuple(
        Vertebra(level, anatomy.upper_border_y(level), anatomy.lower_border_y(level), anatomy.level_y(level))
        for level in anatomy.SPINE_LEVELS
    )


def guide_span() -> tuple[float, float]:
    """Where the guide lines start and end (cm, top to bottom): from above C7's middle to below L5's lower border."""
    levels = anatomy.SPINE_LEVELS
    return (
        anatomy.level_y(levels[0]) - GUIDE_OVERHANG_CM,
        anatomy.lower_border_y(levels[-1]) + GUIDE_OVERHANG_CM,
    )


def guide_lines() -> tuple[GuideLine, ...]:
    """Each guide line on both sides, left first."""
    return tuple(
        GuideLine(cun, sign * anatomy.cun_to_cm(cun), cun == anatomy.MAIN_LINE_CUN)
        for cun in anatomy.GUIDE_LINES_CUN
        for sign in (-1, 1)
    )
