"""The guided tour of the back: five steps, each a deep link (`?tour=<step>` with the view it shows).

A teacher walks a class through the landmarks with next/previous (or the arrow keys); each step's link opens
that step, so a student can come back to it later. The landmark facts come from `acumap.body.anatomy`.
"""

from __future__ import annotations

from dataclasses import dataclass

from acumap.body import anatomy

_LM = {lm.key: lm for lm in anatomy.LANDMARKS}


@dataclass(frozen=True)
class Step:
    """One step: its key in the link, a title, what to say, and the view it shows (region and point ids)."""

    key: str
    title: str
    text: str
    region: str | None = None
    point: str | None = None


STEPS: tuple[Step, ...] = (
    Step(
        "c7",
        "Find C7, then count down",
        "Every level on the back is counted from one spinous process. "
        f"{_LM['c7'].taught} {_LM['c7'].found} Ask the person to bend the head forward, find the bump, then "
        "count the processes below it one by one (T1, T2, T3 ...) down to the level you want. GV14, starred on the "
        "map, lies in the hollow just below C7. Landmark 1 on the map marks it.",
        point="GV14",
    ),
    Step(
        "scapula",
        "The shoulder blade as a check, and what imaging found",
        f"{_LM['scapular_spine_root'].taught} {_LM['scapular_spine_root'].found} "
        f"{_LM['inferior_angle'].taught} {_LM['inferior_angle'].found} "
        "Use the shoulder blade to check your count, never instead of it (landmarks 2 and 3).",
        region="upper_back",
    ),
    Step(
        "lines",
        "The 0.5, 1.5 and 3 cun lines",
        "Distances across the back are measured in proportional cun from the midline (WHO 2008), not from the "
        "edge of the spine. The scale is the person's own: 3 cun is the distance from the midline to the inner "
        f"edge of the shoulder blade with the arms hanging (drawn as {anatomy.cun_to_cm(3):g} cm). The Jiaji points "
        "lie 0.5 cun out, the inner Bladder line 1.5 cun out (the thick blue line) and the outer Bladder line "
        "3 cun out, along the inner edge of the shoulder blade.",
        region="middle_back_left",
    ),
    Step(
        "back_shu",
        "The back-shu points",
        "On the inner Bladder line, 1.5 cun out, each organ has a back-shu point level with the lower border of "
        "one vertebra: the lung (BL13) at T3, the heart (BL15) at T5, the diaphragm (BL17) at T7, the liver (BL18) "
        "at T9, the gallbladder (BL19) at T10, the spleen (BL20) at T11 and the stomach (BL21) at T12. Count to "
        "the level first, then measure 1.5 cun out. BL18 is starred.",
        region="middle_back",
        point="BL18",
    ),
    Step(
        "local_distal",
        "Local and distal points for a region",
        "Choose where it hurts: the neck here. Local points (orange circles) lie on or beside the painful area. "
        "Distal points (blue diamonds) lie far from it, on the hand, leg or head, on channels that run through the "
        "neck, and are used together with the local ones. The panel says why each is used.",
        region="neck",
    ),
)

KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)


def step(key: str | None) -> Step | None:
    """The step with this key (case and spaces ignored), or None."""
    if not key:
        return None
    wanted = key.strip().lower()
    return next((s for s in STEPS if s.key == wanted), None)


def index(key: str) -> int:
    return KEYS.index(key)


def neighbour(key: str, offset: int) -> Step:
    """The step `offset` steps away, kept within the tour (no wrapping round)."""
    return STEPS[max(0, min(len(STEPS) - 1, index(key) + offset))]
