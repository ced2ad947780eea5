"""A pain drawing in a patient's words: what it covers, the points it lights, and the change since an earlier one.

Short sentences in everyday words (the tests hold every text to `acumap.plain.unexplained` and a reading grade of
8 or below). The spine's levels keep their names (T7, L1), each said with how they are counted. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from acumap import pain
from acumap.atlas.regions import parse_region
from acumap.plain import FAMILY_PLAIN, where_plain

#: The page's opening lines.
INTRO = (
    "Shade where it hurts on the back with your finger, a pen or the mouse. "
    "Set how strong the pain is first: 0 is no pain and 10 is the worst you can think of. "
    "The map then shows the points used for each area you shade."
)
#: What the link is for (nothing is kept on the server).
KEEP = (
    "Your drawing is kept only in this page's link. Save the link to open it again at your next visit. "
    "Nothing is stored on our server."
)
OUTSIDE_LABEL = "Outside the areas the map knows"


def area_label(region_id: str) -> str:
    """A region (one side, or both) as the page names it: "Middle back, left side"."""
    if region_id == pain.OUTSIDE:
        return OUTSIDE_LABEL
    choice = parse_region(region_id)
    if choice is None:
        raise ValueError(f"unknown region {region_id!r}")
    return choice.label


def _cm2(value: float) -> str:
    return f"{value:g} cm²"


def cover_line(c: pain.RegionCover) -> str:
    """One shaded area: "Middle back, left side: about 15% of it (34 cm²). Strongest pain: 7 out of 10.\""""
    share = max(1, round(c.share * 100))
    return (
        f"{area_label(c.region)}: about {share}% of it ({_cm2(c.area_cm2)}). "
        f"Strongest pain: {c.strongest} out of 10."
    )


def levels_line(levels: Sequence[str]) -> str | None:
    """The spine's levels the drawing spans, or None when it spans none."""
    if not levels:
        return None
    span = levels[0] if len(levels) == 1 else f"{levels[0]} to {levels[-1]}"
    return (
        f"Along the spine: beside {span}. The bones of the spine are counted down from the big bump at the "
        "base of the neck."
    )


def change_words(change: pain.AreaChange) -> str:
    """One area before and now, and the change: "Middle back, left side: 34 cm² before, 20 cm² now (14 cm² less).\""""
    diff = change.change_cm2
    label = "In all" if change.region == "total" else area_label(change.region)
    said = "no change" if diff == 0 else f"{_cm2(abs(diff))} {'more' if diff > 0 else 'less'}"
    if change.region == "total" and change.before_cm2 and diff:
        said += f", {round(abs(diff) / change.before_cm2 * 100)}% {'more' if diff > 0 else 'less'}"
    return f"{label}: {_cm2(change.before_cm2)} before, {_cm2(change.after_cm2)} now ({said})."


@dataclass(frozen=True)
class Entry:
    """One entry of the list of lit points: a point, or a family of points that share a code (the small points
    beside the spine, one at each level), with its number on the map."""

    number: int
    points: tuple[pain.LitPoint, ...]

    @property
    def areas(self) -> int:
        """For how many of the patient's areas (the two sides of one area count once) it is used."""
        return len({pain.region_base(choice) for p in self.points for choice, _ in p.uses})

    def choices(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(choice for p in self.points for choice, _ in p.uses))

    def role(self, choice: str) -> str:
        roles = {role for p in self.points for c, role in p.uses if c == choice}
        return "local" if "local" in roles else "distal"

    def line(self) -> str:
        """Its name (English, pinyin, code) and where it is, as the patient reads it."""
        first = self.points[0].point
        where = (
            FAMILY_PLAIN[first.code]
            if len(self.points) > 1 and first.code in FAMILY_PLAIN
            else where_plain(first)
        )
        shared = f" Used for {self.areas} of your areas." if self.areas > 1 else ""
        return f"{self.number}. {first.english} ({first.pinyin}, {first.code}): {where}{shared}"


def entries(lit: Sequence[pain.LitPoint]) -> tuple[Entry, ...]:
    """The lit points as the list shows them, numbered 1..n in order (a code's family is one entry)."""
    by_code: dict[str, list[pain.LitPoint]] = {}
    for p in lit:
        by_code.setdefault(p.point.code, []).append(p)
    return tuple(Entry(i, tuple(group)) for i, group in enumerate(by_code.values(), start=1))


def numbers(found: Sequence[Entry]) -> dict[str, str]:
    """Each lit point's number on the map (point id -> number), as in the list."""
    return {p.point.id: str(e.number) for e in found for p in e.points}


#: The two kinds of points under each area, in the patient's words.
ROLE_WORDS = {"local": "Near the pain", "distal": "Further away, used with them"}


def picture_alt(title: str, d: pain.PainDrawing) -> str:
    """A small picture's text alternative: what it shows, in words ("Your pain drawing today: Middle back, left
    side, 34 cm²; …")."""
    covered = pain.covers(d)
    if d.empty:
        return f"{title}: nothing shaded."
    parts = [f"{area_label(c.region)}, {_cm2(c.area_cm2)}" for c in covered]
    outside = len(pain.outside_cells(d)) * pain.CELL_AREA_CM2
    if outside:
        parts.append(f"{OUTSIDE_LABEL.lower()}, {_cm2(outside)}")
    return f"{title}: {'; '.join(parts)}."
