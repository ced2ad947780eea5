"""The handout of ticked points (issue #23): only the ticked points, numbered 1..n without repeats; the Jiaji column
(one code, a point at each level) no longer prints one number at every level."""

from __future__ import annotations

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.regions import parse_region
from acumap.drawing.figure import entries
from acumap.region_view import RegionView, region_view

ATLAS = load_atlas()


def view(cid: str) -> RegionView:
    choice = parse_region(cid)
    assert choice is not None
    return region_view(ATLAS, choice)


def test_the_jiaji_column_shares_one_number_in_the_whole_list_today() -> None:
    # What the handout printed for ticked points: "2" at each ticked level of the column.
    chosen = ["GV9", "EX-B2-T7", "EX-B2-T8", "EX-B2-T9", "LI4"]
    assert [(m.point.id, m.label) for m in view("middle_back").selected(chosen)] == [
        ("GV9", "1"),
        ("EX-B2-T7", "2"),
        ("EX-B2-T8", "2"),
        ("EX-B2-T9", "2"),
        ("LI4", "16"),
    ]


@pytest.mark.parametrize(
    ("cid", "chosen", "numbered"),
    [
        (
            "middle_back",
            [
                "LI4",
                "EX-B2-T9",
                "GV9",
                "EX-B2-T7",
                "EX-B2-T8",
            ],  # ticked in any order: numbered in reading order
            [("GV9", "1"), ("EX-B2-T7", "2"), ("EX-B2-T8", "3"), ("EX-B2-T9", "4"), ("LI4", "5")],
        ),
        ("middle_back_left", ["BL40", "BL18"], [("BL18", "1"), ("BL40", "2")]),
        ("middle_back", [], []),
        ("middle_back", ["not-a-point"], []),
    ],
)
def test_a_handout_numbers_only_the_ticked_points_without_repeats(
    cid: str, chosen: list[str], numbered: list[tuple[str, str]]
) -> None:
    marks = view(cid).handout_marks(chosen)
    assert [(m.point.id, m.label) for m in marks] == numbered
    assert len(entries(marks)) == len(numbered)  # each ticked point is an entry of its own


def test_numbering_the_ticked_points_keeps_their_roles_and_reasons() -> None:
    v = view("middle_back")
    before = {m.point.id: (m.role, m.basis, m.why_plain) for m in v.selected(["GV9", "LI4"])}
    after = {m.point.id: (m.role, m.basis, m.why_plain) for m in v.handout_marks(["GV9", "LI4"])}
    assert after == before
    assert [m.role for m in v.handout_marks(["GV9", "LI4"])] == ["local", "distal"]
