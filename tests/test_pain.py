"""A pain drawing (acumap.pain): strokes -> cells, cells -> regions, sides, levels and areas; two drawings
compared; several regions' points lit together; the drawing's link and every way a link is refused."""

from __future__ import annotations

import base64
import zlib

import pytest

from acumap import pain
from acumap.atlas.data import Atlas, Link, Point
from acumap.drawing.svg import BACK_VIEW_BOX
from acumap.packing import LinkError, pack

Stroke = list[tuple[float, float]]


def drawn(strokes: list[Stroke], intensity: int = 7, brush: float = 1.0) -> pain.PainDrawing:
    d = pain.clear()
    for s in strokes:
        d = pain.shade(d, s, intensity, brush)
    return d


# ---- the grid and the brush --------------------------------------------------------------------------------


def test_the_grid_covers_the_back_maps_whole_window() -> None:
    # A stroke anywhere on the back diagram must land on a cell. If the map's window grows, this fails: the
    # link's grid is then a new format (pain.LINK_VERSION), not an edit of this one.
    x, y, w, h = BACK_VIEW_BOX
    assert pain.cell_of(x, y) == (0, 0)
    assert pain.cell_of(x + w - 0.01, y + h - 0.01) == (63, 81)
    assert pain.cell_of(x - 0.01, y) is None
    assert pain.cell_of(x, y + h) is None


@pytest.mark.parametrize(
    ("stroke", "brush", "cells"),
    [
        # A dab on a cell's centre: that cell and its four neighbours (1 cm away), not the diagonals (1.41).
        ([(-3.5, 10.5)], 1.0, {(28, 27), (27, 27), (29, 27), (28, 26), (28, 28)}),
        # A dab on a corner: the four cells around it (0.71 cm away).
        ([(0.0, 0.0)], 1.0, {(31, 16), (32, 16), (31, 17), (32, 17)}),
        # The smallest brush on a centre: that cell only.
        ([(-3.5, 10.5)], 0.5, {(28, 27)}),
        # A line along a row of centres, 2 cm long, thin brush: the three cells it passes.
        ([(-3.5, 10.5), (-1.5, 10.5)], 0.5, {(28, 27), (29, 27), (30, 27)}),
        ([], 1.0, set()),
    ],
)
def test_a_stroke_shades_the_cells_within_its_brush(
    stroke: Stroke, brush: float, cells: set[tuple[int, int]]
) -> None:
    assert set(pain.stroke_cells(stroke, brush)) == cells


@pytest.mark.parametrize("brush", [0.4, 5.1])
def test_a_brush_out_of_bounds_is_refused(brush: float) -> None:
    with pytest.raises(ValueError, match="brush"):
        pain.stroke_cells([(0.0, 0.0)], brush)


@pytest.mark.parametrize("intensity", [-1, 11])
def test_a_strength_outside_0_to_10_is_refused(intensity: int) -> None:
    with pytest.raises(ValueError, match="expected 0 to 10"):
        pain.shade(pain.clear(), [(0.0, 0.0)], intensity)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ((((64, 0), 3),), "off the 64 by 82 grid"),
        ((((0, 82), 3),), "off the 64 by 82 grid"),
        ((((-1, 0), 3),), "off the 64 by 82 grid"),
        ((((0, 0), 11),), "expected 0 to 10"),
        ((((0, 0), 3), ((0, 0), 4)), "given twice"),
    ],
)
def test_a_drawing_holds_only_cells_on_the_grid_with_a_strength(
    cells: tuple[tuple[tuple[int, int], int], ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        pain.PainDrawing(cells)


def test_a_later_stroke_sets_the_strength_the_eraser_unshades_and_clear_empties() -> None:
    d = pain.shade(pain.clear(), [(-3.5, 10.5)], 4, 0.5)
    d = pain.shade(d, [(-3.5, 10.5), (-2.5, 10.5)], 9, 0.5)
    assert d.as_dict() == {(28, 27): 9, (29, 27): 9}
    assert pain.erase(d, [(-2.5, 10.5)], 0.5).as_dict() == {(28, 27): 9}
    assert pain.clear().empty
    assert not d.empty


# ---- what a drawing covers ----------------------------------------------------------------------------------

# Heights on the back (docs/coordinates.md): T3 8.03, T5 13.77, T7 19.89, T10 27.54, L4 43.86, L5 46.41 cm.
SHAPES = {
    # one region: a line down the left of the upper back, T3 to T5
    "one region": (
        [[(-4.0, 8.5), (-4.0, 13.0)]],
        1.0,
        {"upper_back_left": (12, 12 / 136)},
        ("T3", "T4", "T5"),
        ("upper_back_left",),
        0.0,
    ),
    # two regions: a line down the right, from the upper back into the middle back
    "two regions": (
        [[(4.0, 14.0), (4.0, 24.0)]],
        1.0,
        {"upper_back_right": (12, 12 / 136), "middle_back_right": (12, 12 / 220)},
        ("T5", "T6", "T7", "T8", "T9"),
        ("upper_back_right", "middle_back_right"),
        0.0,
    ),
    # across the midline: both sides of the middle back -> its both-sides choice
    "across the midline": (
        [[(-5.0, 30.0), (5.0, 30.0)]],
        1.0,
        {"middle_back_left": (12, 12 / 220), "middle_back_right": (12, 12 / 220)},
        ("T10", "T11"),
        ("middle_back",),
        0.0,
    ),
    # on the midline only (its cells are on the person's left): both sides, as a tap on the midline
    "on the midline": (
        [[(-0.5, 30.0), (-0.5, 32.0)]],
        0.5,
        {"middle_back_left": (4, 4 / 220)},
        ("T10", "T11", "T12"),
        ("middle_back",),
        0.0,
    ),
    # outside the body: nothing covered, the area reported as outside
    "outside the body": ([[(-28.0, 60.0)]], 1.0, {}, (), (), 4.0),
    # partly below the regions (the hips): the part inside counted, the rest reported
    "partly outside": (
        [[(-8.0, 45.0), (-8.0, 58.0)]],
        1.0,
        {"lower_back_left": (18, 18 / 261)},
        ("L4", "L5"),
        ("lower_back_left",),
        12.0,
    ),
    # the neck above C7: the neck, and no level of the back's ladder
    "neck above C7": ([[(-3.0, -6.0), (3.0, -6.0)]], 1.0, {"neck": (16, 16 / 160)}, (), ("neck",), 0.0),
    # the shoulder: its side, and no spine level (shoulder pain is not at a level of the spine)
    "shoulder": ([[(14.0, 5.0)]], 1.0, {"shoulder_right": (4, 4 / 241)}, (), ("shoulder_right",), 0.0),
}


@pytest.mark.parametrize("name", SHAPES)
def test_a_drawing_maps_onto_regions_sides_and_levels(name: str) -> None:
    strokes, brush, regions, levels, choices, outside = SHAPES[name]
    d = drawn(strokes, brush=brush)
    summary = pain.summarize(d)
    assert {c.region: (c.cells, c.share) for c in summary.covers} == regions
    assert summary.levels == levels
    assert summary.choices == choices
    assert summary.outside_cm2 == outside
    assert summary.area_cm2 == sum(cells for cells, _ in regions.values()) + outside


def test_a_whole_region_shaded_is_all_of_it() -> None:
    # upper_back_left: 8 cells across (the region is 8.1 cm wide) by 17 down (T1's upper border, 1.88 cm, to
    # T7's, 19.13 cm): 136 cells.
    whole = pain.drawing(dict.fromkeys(pain.region_cells()["upper_back_left"], 5))
    (cover,) = pain.covers(whole)
    assert (cover.region, cover.cells, cover.share, cover.area_cm2) == ("upper_back_left", 136, 1.0, 136.0)


def test_the_strongest_pain_of_each_region() -> None:
    d = pain.shade(drawn([[(-4.0, 8.5), (-4.0, 13.0)]], intensity=3), [(-3.5, 10.5)], 8, 0.5)
    d = pain.shade(d, [(4.0, 30.0)], 2)
    assert {c.region: c.strongest for c in pain.covers(d)} == {"upper_back_left": 8, "middle_back_right": 2}


@pytest.mark.parametrize(
    ("strokes", "notice"),
    [
        ([], "Nothing is shaded yet: shade where it hurts on the back or neck."),
        (
            [[(-28.0, 60.0)]],
            "The shading (4 cm²) lies outside the areas of the back and neck AcuMap knows, so no points are "
            "shown. Shade on the back or the neck.",
        ),
        (
            [[(-8.0, 45.0), (-8.0, 58.0)]],
            "12 cm² of the shading lies outside the areas of the back and neck AcuMap knows.",
        ),
        ([[(-4.0, 8.5), (-4.0, 13.0)]], None),
    ],
)
def test_a_drawing_that_covers_nothing_gets_a_plain_notice(strokes: list[Stroke], notice: str | None) -> None:
    assert pain.summarize(drawn(strokes)).notice == notice


# ---- two drawings -------------------------------------------------------------------------------------------


def test_two_drawings_compared_per_region_and_in_total() -> None:
    before = drawn([[(-4.0, 8.5), (-4.0, 13.0)], [(-28.0, 60.0)]])  # upper back left 12, outside 4
    after = drawn([[(-4.0, 10.5), (-4.0, 13.0)], [(4.0, 30.0)]])  # upper back left 8, middle back right 4
    result = pain.compare(before, after)
    assert [(r.region, r.before_cm2, r.after_cm2, r.change_cm2) for r in result.regions] == [
        ("upper_back_left", 12.0, 8.0, -4.0),
        ("middle_back_right", 0.0, 4.0, 4.0),
        ("outside", 4.0, 0.0, -4.0),
    ]
    assert (result.total.before_cm2, result.total.after_cm2, result.total.change_cm2) == (16.0, 12.0, -4.0)


def test_no_change_between_a_drawing_and_itself() -> None:
    d = drawn([[(-4.0, 8.5), (-4.0, 13.0)]])
    result = pain.compare(d, d)
    assert [(r.region, r.change_cm2) for r in result.regions] == [("upper_back_left", 0.0)]
    assert result.total.change_cm2 == 0.0


# ---- several regions lit together ---------------------------------------------------------------------------


def point(pid: str, view: str = "back", level: str | None = "T9", offset: float | None = 1.5) -> Point:
    on_back = view == "back"
    return Point(
        id=pid,
        code=pid,
        view=view,
        spine_level=level if on_back else None,
        offset_cun=offset if on_back else None,
        landmark=None,
        x=None if on_back else 0.0,
        y=None if on_back else 0.0,
        meridian="Bladder",
        pinyin=pid,
        hanzi="",
        english=pid,
        plain="Somewhere. Used for something.",
        location="",
        use="",
        needling="",
        cautions="",
        caution_tags=(),
        source="test",
    )


ATLAS = Atlas(
    points=(point("BL13", level="T3"), point("BL18"), point("LI4", view="hand"), point("BL40", view="leg")),
    links=(
        Link("upper_back", "BL13", "local", ""),
        Link("upper_back", "LI4", "distal", ""),
        Link("middle_back", "BL18", "local", ""),
        Link("middle_back", "LI4", "distal", ""),
        Link("middle_back", "BL40", "distal", ""),
    ),
)


def test_several_regions_light_their_points_together_shared_ones_marked() -> None:
    lit = pain.lit_points(ATLAS, ("upper_back_left", "middle_back_right"))
    assert [(p.point.id, p.role, p.uses, p.sides, p.shared) for p in lit] == [
        ("BL13", "local", (("upper_back_left", "local"),), ("left",), False),
        ("BL18", "local", (("middle_back_right", "local"),), ("right",), False),
        (
            "LI4",
            "distal",
            (("upper_back_left", "distal"), ("middle_back_right", "distal")),
            ("left", "right"),
            True,
        ),
        ("BL40", "distal", (("middle_back_right", "distal"),), ("right",), False),
    ]


def test_both_sides_of_one_region_are_one_region_not_a_shared_point() -> None:
    lit = pain.lit_points(ATLAS, ("middle_back",))
    assert [(p.point.id, p.sides, p.shared) for p in lit] == [
        ("BL18", ("left", "right"), False),
        ("LI4", ("left", "right"), False),
        ("BL40", ("left", "right"), False),
    ]


def test_an_unknown_region_choice_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown region choice 'elbow'"):
        pain.lit_points(ATLAS, ("elbow",))


# ---- the link -----------------------------------------------------------------------------------------------

ROUND_TRIPS = {
    "empty": pain.clear(),
    "strength 0 kept apart from unshaded": pain.drawing({(10, 10): 0}),
    "the grid's corners at 10": pain.drawing({(0, 0): 10, (63, 81): 10, (63, 0): 1, (0, 81): 5}),
    "strokes": drawn([[(-4.0, 8.5), (-4.0, 13.0)], [(-5.0, 30.0), (5.0, 30.0)]], intensity=6),
    "every cell, every strength": pain.drawing(
        {(c, r): (c * 7 + r * 3) % 11 for c in range(64) for r in range(82)}
    ),
}


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_a_drawing_survives_its_link(name: str) -> None:
    d = ROUND_TRIPS[name]
    text = pain.encode(d)
    assert text.startswith("1.")
    assert set(text[2:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert pain.decode(text) == d
    assert len(text) <= 4096


def test_a_drawing_of_a_few_strokes_is_a_short_link() -> None:
    assert len(pain.encode(ROUND_TRIPS["strokes"])) < 80


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


GRID_BYTES = 64 * 82 // 2
GOOD = zlib.compress(bytes(GRID_BYTES))

REFUSALS = {
    "another version": (
        "2." + b64(GOOD),
        "The pain drawing in the link was written in format 2; this AcuMap reads format 1.",
    ),
    "no version": (
        "eNpjYBgFo2A",
        "The pain drawing in the link does not start with a version number; it cannot be read.",
    ),
    "characters a link never has": (
        "1.abc$def",
        "The pain drawing in the link is damaged (it has characters a link of AcuMap never has).",
    ),
    "nothing after the version": (
        "1.",
        "The pain drawing in the link is damaged (it has characters a link of AcuMap never has).",
    ),
    "base64 of an impossible length": (
        "1.abcde",
        "The pain drawing in the link is damaged (it has characters a link of AcuMap never has).",
    ),
    "not a packed value": (
        "1." + b64(b"hello there"),
        "The pain drawing in the link is damaged; it cannot be read.",
    ),
    "cut short": (
        "1." + b64(GOOD[:-6]),
        "The pain drawing in the link is cut short (part of it is missing); copy the whole link.",
    ),
    "bytes after its end": (
        "1." + b64(GOOD + b"xyz"),
        "The pain drawing in the link has extra characters after its end; it was not read.",
    ),
    "too few cells": (
        pack(1, bytes(GRID_BYTES - 1)),
        "The pain drawing in the link has 2623 bytes where AcuMap writes 2624; it was not read.",
    ),
    "too many cells": (
        pack(1, bytes(GRID_BYTES + 1)),
        "The pain drawing in the link is larger than AcuMap ever writes; it was not read.",
    ),
    "a huge value in a short text": (
        pack(1, bytes(1_000_000)),
        "The pain drawing in the link is larger than AcuMap ever writes; it was not read.",
    ),
    "a strength of 11": (
        pack(1, bytes([0x0C]) + bytes(GRID_BYTES - 1)),
        "The pain drawing in the link has a strength above 10; it was not read.",
    ),
    "too long a text": (
        "1." + "A" * 4095,
        "The pain drawing in the link is too long to be one of AcuMap's (4097 characters).",
    ),
}


@pytest.mark.parametrize("name", REFUSALS)
def test_a_link_that_cannot_be_read_is_refused_in_plain_words(name: str) -> None:
    text, message = REFUSALS[name]
    with pytest.raises(LinkError) as refused:
        pain.decode(text)
    assert str(refused.value) == message


def test_the_largest_strength_and_the_last_cell_are_read() -> None:
    # 0x0B is strength 10, the highest a link may hold; the last nibble is cell (63, 81).
    assert pain.decode(pack(1, bytes(GRID_BYTES - 1) + bytes([0x0B]))).as_dict() == {(63, 81): 10}
