"""A chosen region as every part of a page shows it, derived once per version of the data: the points it lights
(local first, as the student's panel lists them), the same points numbered for a patient (the numbers of the map,
the patient's list, the handout and the pictures) and the patient list's entries (a shared code, the Jiaji column,
is one entry). The map, the panels, the patient view, the downloads and the handout all take it from here, so a
region is never worked out twice and its numbers can never differ between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from acumap.atlas.data import Atlas
from acumap.atlas.regions import BASE_REGIONS, RegionChoice, choice_ids, parse_region
from acumap.atlas.selection import Highlight, highlights
from acumap.drawing.figure import Audience, Mark, entries, number_chosen, number_marks


@dataclass(frozen=True)
class RegionView:
    """One region choice (a region, one side or both) and what it lights, numbered."""

    choice: RegionChoice
    lit: tuple[Highlight, ...]
    marks: tuple[Mark, ...]
    groups: tuple[tuple[Mark, ...], ...]

    def numbers(self) -> dict[str, str]:
        """Each lit point's number in the patient's list (points sharing a code share one)."""
        return {m.point.id: m.label for m in self.marks}

    def selected(self, chosen: Sequence[str] | None, audience: Audience = "patient") -> tuple[Mark, ...]:
        """The practitioner's selection of the points (None: all), each keeping its number in the whole list;
        for students labelled by their ids instead."""
        if chosen is None and audience == "patient":
            return self.marks
        return number_marks(self.lit, chosen, audience)

    def handout_marks(self, chosen: Sequence[str]) -> tuple[Mark, ...]:
        """The practitioner's ticked points for a handout: only those, numbered 1..n without repeats
        (`figure.number_chosen`), in reading order."""
        return number_chosen(number_marks(self.lit, chosen))

    def printed(self, chosen: Sequence[str]) -> tuple[Mark, ...]:
        """What a handout prints: every point of the region, numbered as on the screen (a shared code one
        entry), or, once the practitioner ticks points, only those, numbered 1..n without repeats."""
        return self.handout_marks(chosen) if chosen else self.marks

    def entry_of(self, point_id: str) -> tuple[Mark, ...] | None:
        """The list entry a point belongs to (with every point that shares its number), if it is lit here."""
        return next((g for g in self.groups if point_id in {m.point.id for m in g}), None)


def region_view(atlas: Atlas, choice: RegionChoice) -> RegionView:
    lit = highlights(atlas, choice)
    marks = number_marks(lit)
    return RegionView(choice, lit, marks, entries(marks))


def region_views(atlas: Atlas) -> dict[str, RegionView]:
    """Every region choice's view (each base region, each side), by the choice's id."""
    choices = [parse_region(cid) for cid in choice_ids()]
    return {c.id: region_view(atlas, c) for c in choices if c is not None}


def patient_numbers(views: dict[str, RegionView]) -> dict[str, dict[str, str]]:
    """Each base region's points and their numbers in the patient list, for the map to label its points."""
    return {base: views[base].numbers() for base in BASE_REGIONS}
