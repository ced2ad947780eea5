"""Validation of the data files: every error names file, line and column; a bad row costs that row only.

And the shipped data's content.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from acumap.atlas.data import (
    DATA_DIR,
    POINT_COLUMNS,
    Atlas,
    DataError,
    DataProblem,
    load_atlas,
    shown_name,
    validate_points,
)
from acumap.atlas.placement import markers_for, outside_diagrams
from acumap.atlas.regions import BASE_REGIONS
from acumap.body import anatomy, neck
from acumap.plain import unexplained
from acumap.safety import CHEN_2018, CHOU_2015, MA_2022, NOT_A_SAFE_DEPTH, depth_notes, source_notes_for
from tests.builders import hand_row, point_row

MakeData = Callable[..., Path]
Found = list[tuple[str, int | None, str | None, str]]
LINK = {"region": "middle_back", "point_id": "BL18", "role": "local", "why": "On the painful area."}


def skipped(folder: Path) -> tuple[Atlas, Found]:
    """Load (it must succeed) and list the rows that were skipped."""
    atlas = load_atlas(folder)
    return atlas, [(p.file, p.row, p.column, p.message) for p in atlas.problems]


def fatal(folder: Path) -> Found:
    """Load (it must fail: a table is unusable) and list everything reported."""
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    return [(p.file, p.row, p.column, p.message) for p in info.value.problems]


def test_valid_fixture_loads(make_data: MakeData) -> None:
    atlas = load_atlas(make_data())
    assert [p.id for p in atlas.points] == ["BL18", "LI4"]
    assert atlas.point("BL18").offset_cun == 1.5
    assert atlas.problems == ()
    assert [(lk.point_id, lk.role) for lk in atlas.links_for("middle_back")] == [
        ("BL18", "local"),
        ("LI4", "distal"),
    ]


# --- partial loading: one bad row costs that row only ---------------------------------------------------


def test_one_bad_row_costs_that_row_only(make_data: MakeData) -> None:
    rows = [point_row(), hand_row(), hand_row(id="SI3", code="SI3", view="arm")]
    links = [LINK, {"region": "neck", "point_id": "SI3", "role": "distal", "why": "Classic."}]
    atlas, found = skipped(make_data(points=rows, links=links))
    assert [p.id for p in atlas.points] == ["BL18", "LI4"]
    assert [lk.point_id for lk in atlas.links] == ["BL18"]
    assert found[0] == (
        "points.csv",
        4,
        "view",
        "unknown view 'arm'; expected one of back, neck, hand, leg, head",
    )
    # The link to the skipped point goes too, and says why (not "does not exist").
    assert found[1][:3] == ("region_points.csv", 3, "point_id")
    assert "was skipped because its row (points.csv, line 4) has a problem" in found[1][3]
    assert len(found) == 2


def test_every_problem_is_reported_at_once(make_data: MakeData) -> None:
    rows = [point_row(), point_row(id="BL17", code="BL17", spine_level="X1"), hand_row(view="arm")]
    links = [LINK, {"region": "neck", "point_id": "NOPE", "role": "local", "why": "x"}]
    _, found = skipped(make_data(points=rows, links=links))
    assert {(f, r, c) for f, r, c, _ in found} == {
        ("points.csv", 3, "spine_level"),
        ("points.csv", 4, "view"),
        ("region_points.csv", 3, "point_id"),
    }


def test_every_problem_says_how_to_fix_it(make_data: MakeData) -> None:
    rows = [point_row(), point_row(id="BL17", code="BL 17", spine_level="X1"), point_row()]
    links = [LINK, {"region": "knee", "point_id": "BL99", "role": "near", "why": "x"}]
    atlas, _ = skipped(make_data(points=rows, links=links))
    assert len(atlas.problems) == 6
    assert all(p.fix for p in atlas.problems), [str(p) for p in atlas.problems if not p.fix]


def test_duplicate_id(make_data: MakeData) -> None:
    atlas, found = skipped(make_data(points=[point_row(), hand_row(), point_row()]))
    assert [p.id for p in atlas.points] == ["BL18", "LI4"]
    assert len(found) == 1
    file, row, column, message = found[0]
    assert (file, row, column) == ("points.csv", 4, "id")
    assert "duplicate id 'BL18'" in message and "line 2" in message


def test_unknown_spine_level(make_data: MakeData) -> None:
    _, found = skipped(make_data(points=[point_row(), hand_row(), point_row(id="X", spine_level="T13")]))
    assert found[0][:3] == ("points.csv", 4, "spine_level")
    assert "unknown spine level 'T13'" in found[0][3]


def test_negative_offset(make_data: MakeData) -> None:
    _, found = skipped(make_data(points=[hand_row(), point_row(), point_row(id="X", offset_cun="-1.5")]))
    assert found[0][:3] == ("points.csv", 4, "offset_cun")
    assert "outside 0..10" in found[0][3]


def test_offset_not_a_number(make_data: MakeData) -> None:
    _, found = skipped(make_data(points=[point_row(), hand_row(), point_row(id="X", offset_cun="one")]))
    assert found[0][:3] == ("points.csv", 4, "offset_cun")


def test_link_to_unknown_point(make_data: MakeData) -> None:
    links = [LINK, {"region": "middle_back", "point_id": "BL99", "role": "local", "why": "x"}]
    _, found = skipped(make_data(links=links))
    assert found == [("region_points.csv", 3, "point_id", "point 'BL99' does not exist in points.csv")]


@pytest.mark.parametrize(
    ("link", "column", "text"),
    [
        (
            {"region": "knee", "point_id": "BL18", "role": "local", "why": "x"},
            "region",
            "unknown region 'knee'",
        ),
        (
            {"region": "neck", "point_id": "BL18", "role": "nearby", "why": "x"},
            "role",
            "unknown role 'nearby'",
        ),
        ({"region": "neck", "point_id": "BL18", "role": "local", "why": ""}, "why", "why is empty"),
    ],
)
def test_bad_links(make_data: MakeData, link: dict[str, str], column: str, text: str) -> None:
    atlas, found = skipped(make_data(links=[LINK, link]))
    assert len(atlas.links) == 1
    assert found[0][:3] == ("region_points.csv", 3, column)
    assert text in found[0][3]


@pytest.mark.parametrize(
    ("row", "column", "text"),
    [
        (point_row(view="arm"), "view", "unknown view 'arm'"),
        (point_row(code="Liver 18"), "code", "not a WHO point code"),
        (point_row(cautions=""), "cautions", "None known"),
        (point_row(source=""), "source", "source is empty"),
        (point_row(plain=""), "plain", "plain is empty"),
        (point_row(plain="Used with BL17 for back pain."), "plain", "names a point code"),
        (point_row(spine_level=""), "spine_level", "needs a spine level"),
        (point_row(id="GV9", code="GV9", offset_cun="1"), "offset_cun", "midline"),
        (point_row(x="3", y="4"), "x", "never by x/y"),
        (point_row(caution_tags="pneumothorax;bleeding"), "caution_tags", "unknown caution tag 'bleeding'"),
        (point_row(meridian="Bladder Channel"), "meridian", "unknown meridian"),
        (hand_row(x=""), "x", "needs its x position"),
        (hand_row(y="left"), "y", "'left' is not a number"),
    ],
)
def test_bad_point_cells(make_data: MakeData, row: dict[str, str], column: str, text: str) -> None:
    good = [point_row(id="BL17", code="BL17", spine_level="T7"), hand_row(id="SI3", code="SI3")]
    links = [{**LINK, "point_id": "BL17"}]
    atlas, found = skipped(make_data(points=[row, *good], links=links))
    assert [p.id for p in atlas.points] == ["BL17", "SI3"]
    assert found[0][:3] == ("points.csv", 2, column)
    assert text in found[0][3]


def test_row_with_extra_cells_is_skipped(make_data: MakeData) -> None:
    folder = make_data()
    path = folder / "points.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("BL18", "BL17", 2) + ",stray")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    atlas, found = skipped(folder)
    assert [p.id for p in atlas.points] == ["BL18", "LI4"]
    assert found[0][:2] == ("points.csv", 4)
    assert "the extra cells are ['stray']" in found[0][3]


def test_point_outside_its_diagram_is_an_error() -> None:
    atlas = load_atlas()
    problems, ids = outside_diagrams(atlas, {"hand": (-11.0, -21.0, 5.0, 39.0)}, "data/points.csv")
    # LI4 (x -3.5) and SI3 (x 4.0) and TE5 (x 0) lie right of x = -6: all outside a box that ends there.
    assert ids == {p.id for p in atlas.points if p.view == "hand" and p.x is not None and p.x > -6}
    li4 = next(p for p in problems if "LI4" in p.message)
    assert (li4.file, li4.row, li4.column) == ("data/points.csv", atlas.point("LI4").line, "x")
    assert "outside the hand diagram" in li4.message
    pruned = atlas.without(problems, ids)
    assert not any(p.id in ids for p in pruned.points)
    assert not any(lk.point_id in ids for lk in pruned.links)
    assert pruned.problems == tuple(problems)


# --- a table that cannot be used: said in plain words --------------------------------------------------


def test_missing_column(make_data: MakeData) -> None:
    columns = [c for c in POINT_COLUMNS if c != "spine_level"]
    found = fatal(make_data(point_columns=columns))
    assert found[0][:4] == ("points.csv", 1, "spine_level", "required column is missing")


def test_duplicate_column(make_data: MakeData) -> None:
    found = fatal(make_data(point_columns=[*POINT_COLUMNS, "use"]))
    assert found[0][:3] == ("points.csv", 1, "use")
    assert "appears twice (columns 15 and 20)" in found[0][3]


def test_missing_file(tmp_path: Path) -> None:
    found = fatal(tmp_path)
    assert found[0][0] == "points.csv" and "missing" in found[0][3]
    assert all(str(tmp_path) not in message for *_, message in found)


def test_a_folder_instead_of_a_file(make_data: MakeData) -> None:
    folder = make_data()
    (folder / "points.csv").unlink()
    (folder / "points.csv").mkdir()
    found = fatal(folder)
    assert found == [("points.csv", None, None, "this is a folder, not a file.")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file: permissions cannot be tested as root")
def test_unreadable_file(make_data: MakeData) -> None:  # pragma: no cover - CI runs as root
    folder = make_data()
    (folder / "points.csv").chmod(0)
    assert "not allowed to read" in fatal(folder)[0][3]


def test_header_only_links_file(make_data: MakeData) -> None:
    found = fatal(make_data(links=[]))
    assert found == [("region_points.csv", None, None, "the file has a header but no rows.")]


def test_empty_file(make_data: MakeData) -> None:
    folder = make_data()
    (folder / "points.csv").write_text("", encoding="utf-8")
    assert fatal(folder)[0][:4] == ("points.csv", None, None, "the file is empty.")


def test_excel_utf8_with_bom_loads(make_data: MakeData) -> None:
    folder = make_data()
    path = folder / "points.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    atlas, found = skipped(folder)
    assert found == []
    assert [p.id for p in atlas.points] == ["BL18", "LI4"]
    assert atlas.point("BL18").hanzi == "肝俞"


def test_latin1_file_is_named_as_an_encoding_problem(make_data: MakeData) -> None:
    folder = make_data(points=[point_row(), hand_row(english="Union Vall\u00e9e")])
    path = folder / "points.csv"
    text = path.read_text(encoding="utf-8").replace("肝俞", "Gan").replace("合谷", "He")
    path.write_bytes(text.encode("latin-1"))
    found = fatal(folder)
    assert len(found) == 1  # no false "point does not exist" lines from the links file
    file, line, column, message = found[0]
    assert (file, line, column) == ("points.csv", 3, None)
    assert "not UTF-8 text (byte 0xE9" in message and "Latin-1" in message


def test_utf16_file(make_data: MakeData) -> None:
    folder = make_data()
    path = folder / "region_points.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert fatal(folder) == [
        ("region_points.csv", None, None, "the file is saved as UTF-16 text, not UTF-8.")
    ]


def test_every_row_bad_makes_the_table_unusable(make_data: MakeData) -> None:
    found = fatal(make_data(points=[point_row(view="arm"), hand_row(x="")]))
    assert found[0] == ("points.csv", None, None, "no row could be used: every row has a problem.")
    assert {r for f, r, _, _ in found if f == "points.csv" and r} == {2, 3}


def test_files_are_named_relative_to_the_project(tmp_path: Path) -> None:
    assert shown_name(DATA_DIR / "points.csv") == "data/points.csv"
    assert shown_name(tmp_path / "elsewhere" / "points.csv") == "points.csv"


def test_error_message_names_file_line_column(make_data: MakeData) -> None:
    atlas = load_atlas(make_data(points=[point_row(), hand_row(), point_row(id="X", offset_cun="-2")]))
    assert str(atlas.problems[0]).startswith("points.csv, line 4, column 'offset_cun':")


# --- the shipped data -------------------------------------------------------------------------------

ATLAS = load_atlas()
POINTS = {p.id: p for p in ATLAS.points}


def test_shipped_ids_are_unique_and_complete() -> None:
    expected = (
        {f"GV{i}" for i in range(3, 15)}
        | {"GV20"}
        | {f"BL{i}" for i in range(11, 27)}
        | {f"BL{i}" for i in range(41, 53)}
        | {"BL40", "BL60", "EX-B1", "GB21", "GB34", "GB39", "LI4", "SI3", "TE5", "LU7", "SP6", "ST36", "LR3"}
        | {f"SI{i}" for i in range(9, 16)}
        | {"GB20", "BL10", "EX-UE8", "SI6"}  # the neck (issue 11)
        | {f"JJ-C{n}" for n in range(2, 8)}
        | {"EX-HN15", "LI15", "TE14", "ST38"}  # commonly taught (issue 18)
        | {f"EX-B2-{level}" for level in anatomy.SPINE_LEVELS if level != "C7"}
    )
    assert set(POINTS) == expected
    assert len(POINTS) == len(ATLAS.points)


def test_points_per_meridian_match_the_list() -> None:
    counts = Counter(p.meridian for p in ATLAS.points)
    assert counts == {
        "Governor Vessel": 13,
        "Bladder": 31,
        "Extra": 26,
        "Small Intestine": 9,
        "Gallbladder": 4,
        "Large Intestine": 2,
        "Triple Energizer": 2,
        "Lung": 1,
        "Spleen": 1,
        "Stomach": 2,
        "Liver": 1,
    }


def test_every_back_point_is_placed_from_the_body_model() -> None:
    for p in ATLAS.points:
        if p.view == "back":
            assert (p.spine_level and p.offset_cun is not None) or p.landmark, p.id
            assert p.x is None and p.y is None
        elif p.view == "neck":
            assert p.landmark in neck.NECK_PLACEMENTS, p.id
            assert p.x is None and p.y is None and p.spine_level is None and p.offset_cun is None
        else:
            assert p.x is not None and p.y is not None, p.id


@pytest.mark.parametrize(
    ("pid", "level", "offset"),
    [
        ("GV14", "C7", 0),
        ("GV9", "T7", 0),
        ("GV6", "T11", 0),
        ("GV4", "L2", 0),
        ("GV3", "L4", 0),
        ("BL11", "T1", 1.5),
        ("BL17", "T7", 1.5),
        ("BL18", "T9", 1.5),
        ("BL20", "T11", 1.5),
        ("BL23", "L2", 1.5),
        ("BL26", "L5", 1.5),
        ("BL41", "T2", 3),
        ("BL43", "T4", 3),
        ("BL47", "T9", 3),
        ("BL52", "L2", 3),
        ("EX-B2-T5", "T5", 0.5),
        ("EX-B1", "C7", 0.5),
        ("GB21", "C7", 4),
        ("SI14", "T1", 3),
        ("SI15", "C7", 2),
    ],
)
def test_who_levels_and_offsets(pid: str, level: str, offset: float) -> None:
    assert (POINTS[pid].spine_level, POINTS[pid].offset_cun) == (level, offset)


def test_every_point_has_source_and_cautions() -> None:
    for p in ATLAS.points:
        assert p.source.strip(), p.id
        assert p.cautions.strip(), p.id


@pytest.mark.parametrize("pid", sorted(POINTS))
def test_every_point_has_its_own_plain_line_a_patient_understands(pid: str) -> None:
    """A line of its own (not another point's), long enough to say where and why, with no unexplained jargon."""
    line = POINTS[pid].plain
    assert 60 <= len(line) <= 240, len(line)
    assert [p.id for p in ATLAS.points if p.plain == line] == [pid]
    assert unexplained(line, ATLAS) == []


@pytest.mark.parametrize(
    ("pid", "tag"),
    [
        ("LI4", "pregnancy"),
        ("SP6", "pregnancy"),
        ("GB21", "pregnancy"),
        ("GB21", "pneumothorax"),
        ("BL43", "pneumothorax"),
        ("GV14", "spinal_cord"),
    ],
)
def test_key_cautions_are_tagged(pid: str, tag: str) -> None:
    assert tag in POINTS[pid].caution_tags


LUMBOSACRAL = ["GV3", "GV4", "GV5", "BL22", "BL23", "BL24", "BL25", "BL26", "BL51", "BL52"] + [
    f"EX-B2-L{i}" for i in range(1, 6)
]


@pytest.mark.parametrize("pid", LUMBOSACRAL)
def test_lumbosacral_points_carry_the_pregnancy_caution(pid: str) -> None:
    """Avoided after the third month in the common textbooks: tagged, said in the row, and its source named."""
    point = POINTS[pid]
    assert "pregnancy" in point.caution_tags
    assert "avoided in pregnancy after the third month" in point.cautions
    assert "Chinese Acupuncture and Moxibustion" in point.source


@pytest.mark.parametrize("pid", ["EX-B1"] + [f"EX-B2-T{i}" for i in range(1, 13)])
def test_paravertebral_points_carry_the_spinal_canal_caution(pid: str) -> None:
    point = POINTS[pid]
    assert "spinal_cord" in point.caution_tags
    assert "spinal canal" in point.cautions


def test_where_lists_disagree_on_lr3_in_pregnancy_the_app_says_so() -> None:
    lr3 = POINTS["LR3"]
    assert "pregnancy" not in lr3.caution_tags
    notes = source_notes_for(lr3.code, lr3.view, lr3.offset_cun, lr3.spine_level is not None)
    assert [n.topic for n in notes] == ["LR3 in pregnancy", "Pattern-based links"]
    assert "Chinese lists" in notes[0].text and "Western" in notes[0].text


def test_every_region_has_local_and_distal_points() -> None:
    for base in BASE_REGIONS:
        roles = {lk.role for lk in ATLAS.links_for(base)}
        assert roles == {"local", "distal"}, base


@pytest.mark.parametrize(
    ("region", "pid", "role"),
    [
        ("middle_back", "BL18", "local"),
        ("middle_back", "BL20", "local"),
        ("middle_back", "GV6", "local"),
        ("middle_back", "GV9", "local"),
        # BL23 (the middle back article lists it) lies at L2: a local point of the lower back, not of the middle
        # back, where role and reason disagreed (issue 11). See test_local_back_points_lie_in_their_region.
        ("lower_back", "BL23", "local"),
        ("middle_back", "LI4", "distal"),
        ("middle_back", "SP6", "distal"),
        ("shoulder", "GB21", "local"),
        ("upper_back", "GB21", "local"),
        ("neck", "SI3", "distal"),
        ("lower_back", "BL40", "distal"),
    ],
)
def test_the_articles_points_keep_their_place(region: str, pid: str, role: str) -> None:
    assert (pid, role) in {(lk.point_id, lk.role) for lk in ATLAS.links_for(region)}


@pytest.mark.parametrize(
    ("region", "span"),
    [("upper_back", ("T1", "T6")), ("middle_back", ("T7", "T12")), ("lower_back", ("L1", "L5"))],
)
def test_local_back_points_lie_in_their_region(region: str, span: tuple[str, str]) -> None:
    """A local point is on or beside the painful area: within the region's levels, or one level beyond them."""
    levels = anatomy.SPINE_LEVELS
    low, high = levels.index(span[0]) - 1, levels.index(span[1]) + 1
    outside = [
        (p.id, p.spine_level)
        for lk in ATLAS.links_for(region)
        if lk.role == "local" and (p := POINTS[lk.point_id]).spine_level is not None
        if not low <= levels.index(p.spine_level) <= high
    ]
    assert outside == []


def test_every_point_is_used_by_some_region() -> None:
    used = {lk.point_id for lk in ATLAS.links}
    assert set(POINTS) == used


def test_check_command_lists_every_problem(make_data: MakeData, capsys: pytest.CaptureFixture[str]) -> None:
    from acumap.__main__ import main

    assert main(["check"]) == 0
    assert capsys.readouterr().out.strip() == "The data files have no problems."
    folder = make_data(points=[point_row(), hand_row(), hand_row(id="SI3", code="SI3", x="40")])
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("points.csv, line 4, column 'x': SI3 would be drawn at x 40")
    assert out[-1] == "1 problem(s) found."


# --- issue 11: the neck above C7, the stiff-neck distal points, the reviewed links, the depth to the lung ----


def _role(region: str, pid: str) -> str | None:
    return next((lk.role for lk in ATLAS.links if lk.region == region and lk.point_id == pid), None)


@pytest.mark.parametrize(
    ("pid", "view", "role"),
    [
        ("GB20", "neck", "local"),
        ("BL10", "neck", "local"),
        ("EX-UE8", "hand", "distal"),
        ("SI6", "hand", "distal"),
    ],
)
def test_the_neck_points_are_drawn_and_linked(pid: str, view: str, role: str) -> None:
    assert POINTS[pid].view == view
    assert _role("neck", pid) == role


def test_the_neck_view_points_lie_above_c7() -> None:
    ys = [m.y for m in markers_for(ATLAS, "neck")]
    assert len(ys) == 18  # GB20, BL10, Bailao and the six cervical Jiaji, on both sides
    assert max(ys) < anatomy.level_y("T1")  # the lowest, JJ-C7, at the lower border of C7


@pytest.mark.parametrize(
    ("region", "pid", "role", "reason"),
    [
        ("lower_back", "SI3", "distal", "acute lumbar sprain"),
        ("upper_back", "GV14", "local", "upper spine"),
        ("upper_back", "SI11", "local", "shoulder-blade"),
    ],
)
def test_reviewed_links_are_added_with_their_reason(region: str, pid: str, role: str, reason: str) -> None:
    link = next(lk for lk in ATLAS.links if lk.region == region and lk.point_id == pid)
    assert link.role == role
    assert reason in link.why


def test_bl60_is_not_linked_to_the_middle_back_and_the_note_says_why() -> None:
    assert _role("middle_back", "BL60") is None
    notes = [n.topic for n in source_notes_for("BL60", "leg", None, False)]
    assert "BL60 and the middle back" in notes


def test_luozhen_names_its_who_entry() -> None:
    # Both names in the name fields: the WHO name first, the teaching name beside it.
    assert POINTS["EX-UE8"].pinyin == "Wàiláogōng (Luòzhěn)"
    assert POINTS["EX-UE8"].hanzi == "外劳宫 (落枕)"
    assert POINTS["EX-UE8"].english == "Outer Palace of Toil (Stiff Neck)"
    assert "Wailaogong" in POINTS["EX-UE8"].location
    assert [n.topic for n in source_notes_for("EX-UE8", "hand", None, False)] == ["Luozhen and Wailaogong"]


@pytest.mark.parametrize("pid", sorted(p.id for p in ATLAS.points if "pneumothorax" in p.caution_tags))
def test_every_point_over_the_lung_states_a_measured_depth_or_that_none_was_found(pid: str) -> None:
    point = POINTS[pid]
    notes = depth_notes(point.code, point.caution_tags)
    assert notes
    if pid not in ("GB21", "SI14", "SI15"):
        assert [(n.text.split(",")[0], n.source) for n in notes] == [
            (
                "No study measuring the depth from the skin to the pleura at this point in adults could be checked for AcuMap",
                MA_2022,
            )
        ]


#: Each depth: the figure, what it measured, its source. Chou et al. measured to "any tissues that would cause
#: possible/severe complications", never named as the lung; the pleura itself was measured at GB21 by ultrasound.
DEPTHS = [
    (
        "GB21",
        "17.4 mm on average in men and 14.6 mm in women",
        "pleural line",
        "ultrasound, 101 adults",
        CHEN_2018,
    ),
    ("GB21", "5.6 cm", "possible/severe complications", "MRI, 394 adults", CHOU_2015),
    ("SI14", "5.2 cm", "possible/severe complications", "MRI, 394 adults", CHOU_2015),
    ("SI15", "8.8 cm", "possible/severe complications", "MRI, 394 adults", CHOU_2015),
    ("GB20", "5.0 cm", "possible/severe complications", "MRI, 394 adults", CHOU_2015),
]


@pytest.mark.parametrize(("code", "figure", "measured", "method", "source"), DEPTHS)
def test_each_depth_gives_its_measure_method_source_and_that_it_is_no_safe_depth(
    code: str, figure: str, measured: str, method: str, source: str
) -> None:
    found = [n for n in depth_notes(code, POINTS[code].caution_tags) if n.source == source]
    assert len(found) == 1
    text = found[0].text
    assert text.startswith(figure)
    assert measured in text and method in text
    assert "not a safe depth" in text
    assert "top of the lung" not in text


def test_chou_is_never_said_to_have_measured_the_lung() -> None:
    for code in ("GB21", "SI14", "SI15", "GB20"):
        for note in depth_notes(code, POINTS[code].caution_tags):
            if note.source == CHOU_2015:
                assert "lung" not in note.text


def test_gb21_sets_the_pleura_beside_the_mri_figure() -> None:
    texts = [n.text for n in depth_notes("GB21", POINTS["GB21"].caution_tags)]
    assert len(texts) == 3
    assert "the lung itself is much closer than the MRI figure" in texts[2]


def test_no_depth_note_where_no_lung_lies_beneath() -> None:
    assert depth_notes("LI4", ()) == ()


_DEPTH_FIGURE = re.compile(r"\b\d+(?:\.\d+)?\s?(?:cm|mm)\b")


@pytest.mark.parametrize("pid", sorted(POINTS))
def test_no_point_row_gives_a_depth_figure_of_its_own(pid: str) -> None:
    # Depths live in acumap.safety.MEASURED_DEPTHS only, where each carries its method, source and the words
    # that a mean is not a safe depth; a figure in a data cell would reach the panel without them.
    point = POINTS[pid]
    for text in (point.location, point.needling, point.cautions, point.use, point.plain):
        assert not _DEPTH_FIGURE.search(text), text


def test_the_not_a_safe_depth_words_say_so() -> None:
    assert NOT_A_SAFE_DEPTH.startswith("This is an average, not a safe depth")


def test_a_links_patient_reason_is_read_and_checked(make_data: MakeData) -> None:
    good = {**LINK, "point_id": "LI4", "role": "distal", "plain": "Used to ease the pain."}
    bad = {"region": "neck", "point_id": "LI4", "role": "distal", "why": "Classic.", "plain": "eases pain"}
    atlas, found = skipped(make_data(links=[LINK, good, bad]))
    assert [(lk.region, lk.point_id, lk.plain) for lk in atlas.links] == [
        ("middle_back", "BL18", ""),
        ("middle_back", "LI4", "Used to ease the pain."),
    ]
    assert [f[:3] for f in found] == [("region_points.csv", 4, "plain")]


@pytest.mark.parametrize(
    ("view", "box", "point", "column"),
    [
        # A back point is placed from its level: the level is what to check. Its two sides are one problem.
        ("back", (-30.0, -10.0, 60.0, 20.0), "BL18", "spine_level"),
        # A neck point is placed from its landmark.
        ("neck", (-1.0, -1.0, 0.5, 0.5), "GB20", "landmark"),
        # Elsewhere the coordinate that is out: x beside the box, y below it.
        ("hand", (-11.0, -21.0, 5.0, 39.0), "LI4", "x"),
        ("hand", (-30.0, -30.0, 60.0, 20.0), "LI4", "y"),
    ],
)
def test_a_point_outside_its_diagram_names_what_to_check(
    view: str, box: tuple[float, float, float, float], point: str, column: str
) -> None:
    atlas = load_atlas()
    problems, ids = outside_diagrams(atlas, {view: box}, "data/points.csv")
    mine = [p for p in problems if p.message.startswith(f"{point} ")]
    assert len(mine) == 1 and point in ids
    assert (mine[0].row, mine[0].column) == (atlas.point(point).line, column)
    assert (
        mine[0].fix
        == f"check the point's {column}: the {view} diagram's coordinates are in docs/coordinates.md."
    )
    assert len(problems) == len(ids)  # one problem a point, however many sides it is drawn on


def test_a_point_on_its_diagrams_edge_is_inside() -> None:
    atlas = load_atlas()
    li4 = next(m for m in markers_for(atlas, "hand") if m.point.id == "LI4")
    for box in [(li4.x, li4.y, 0.0, 0.0), (li4.x - 1.0, li4.y - 1.0, 1.0, 1.0)]:
        _, ids = outside_diagrams(atlas, {"hand": box}, "data/points.csv")
        assert "LI4" not in ids
    problems, _ = outside_diagrams(atlas, {"hand": (li4.x + 0.5, li4.y, 1.0, 1.0)}, "data/points.csv")
    (li4_problem,) = [p for p in problems if p.message.startswith("LI4 ")]
    # The figures a data editor needs: where the point would be, and the diagram's extent.
    assert f"at x {li4.x:g}, y {li4.y:g} cm" in li4_problem.message
    assert f"(x {li4.x + 0.5:g} to {li4.x + 1.5:g}, y {li4.y:g} to {li4.y + 1.0:g})" in li4_problem.message


def test_a_point_on_the_x_edge_but_out_by_y_is_reported_by_y() -> None:
    atlas = load_atlas()
    li4 = next(m for m in markers_for(atlas, "hand") if m.point.id == "LI4")
    for x0 in (li4.x, li4.x - 1.0):  # the point on the box's left edge, then on its right edge
        problems, _ = outside_diagrams(atlas, {"hand": (x0, li4.y + 1.0, 1.0, 1.0)}, "data/points.csv")
        (mine,) = [p for p in problems if p.message.startswith("LI4 ")]
        assert mine.column == "y"


# --- issue 20: one broken row per rule (the problem names the file, the row's line and the column) ----------------
#
# Each case breaks one rule of points.csv in the first row (line 2), with two good rows after it. Exactly one
# problem is reported, on line 2 in the rule's column; the key fact (the value at fault, or what is missing)
# is in the message; message and fix read on from "file, line 2, column 'c':" and "Fix:", so both begin in
# lower case (after the value at fault, if they start with it). The wording is not pinned.

GOOD_ROWS = [point_row(id="BL17", code="BL17", spine_level="T7"), hand_row(id="SI3", code="SI3")]
GOOD_LINKS = [{**LINK, "point_id": "BL17"}, {**LINK, "point_id": "SI3", "role": "distal"}]
SCAPULAR = "infraspinous_fossa_one_third"  # SI11's landmark in the shipped data
OCCIPUT = "below_occiput_between_scm_and_trapezius"  # GB20's


def neck_row(**overrides: str) -> dict[str, str]:
    """A valid neck point row (GB20), placed from its landmark; override any column."""
    row = point_row(
        id="GB20",
        code="GB20",
        view="neck",
        spine_level="",
        offset_cun="",
        landmark=OCCIPUT,
        meridian="Gallbladder",
        pinyin="Fengchi",
        hanzi="风池",
        english="Wind Pool",
        plain="Below the skull at the back of the neck; used to ease a stiff neck.",
        caution_tags="",
    )
    row.update(overrides)
    return row


def scapular_row(**overrides: str) -> dict[str, str]:
    """A valid back point placed from a scapular landmark (SI11); override any column."""
    row = point_row(
        id="SI11",
        code="SI11",
        spine_level="",
        offset_cun="",
        landmark=SCAPULAR,
        meridian="Small Intestine",
        caution_tags="",
    )
    row.update(overrides)
    return row


#: The value at fault or the point code a message may begin with ('BL 18' is not ..., BL17 is linked ...).
_LEADING_VALUE = re.compile(r"^(?:'[^']*'|[A-Z]{2}\d+) ")


def _reads_on(text: str) -> bool:
    """Whether a message or a fix reads on from the words before it: after any leading value, in lower case."""
    return _LEADING_VALUE.sub("", text, count=1)[:1].islower()


def _one_problem(
    problems: tuple[Any, ...] | list[Any], file: str, line: int | None, column: str | None
) -> Any:
    """The only problem reported: at file, line and column, its message reading on from "file, line, column:"."""
    assert [(p.file, p.row, p.column) for p in problems] == [(file, line, column)], [str(p) for p in problems]
    (problem,) = problems
    assert _reads_on(problem.message), problem.message
    return problem


POINT_RULE_CASES = [
    # The cells every row needs.
    pytest.param(point_row(id=""), "id", "id is empty", id="id given"),
    pytest.param(point_row(code="Liver 18"), "code", "'Liver 18'", id="code a WHO code"),
    pytest.param(point_row(code="bl18"), "code", "'bl18'", id="code in capitals"),
    pytest.param(point_row(code="BL18a"), "code", "'BL18a'", id="code ends at its number"),
    pytest.param(point_row(code="xBL18"), "code", "'xBL18'", id="code starts at its letters"),
    pytest.param(point_row(view="arm"), "view", "'arm'", id="view known"),
    *[
        pytest.param(
            point_row(**{col: ""}),
            col,
            'cautions is empty (write "None known beyond standard clean-needle technique."'
            if col == "cautions"
            else f"{col} is empty",
            id=f"{col} given",
        )
        for col in (
            "meridian",
            "pinyin",
            "hanzi",
            "english",
            "plain",
            "location",
            "use",
            "needling",
            "cautions",
            "source",
        )
    ],
    pytest.param(
        point_row(plain="Used with BL17 for back pain."), "plain", "code", id="no WHO code in plain"
    ),
    pytest.param(
        point_row(plain="Used with EX-B2 for back pain."), "plain", "code", id="no extra code in plain"
    ),
    pytest.param(point_row(meridian="Bladder Channel"), "meridian", "'Bladder Channel'", id="meridian known"),
    pytest.param(
        point_row(caution_tags="pneumothorax; bleeding"), "caution_tags", "'bleeding'", id="tag known"
    ),
    pytest.param(point_row(offset_cun="one"), "offset_cun", "'one' is not a number", id="offset a number"),
    pytest.param(
        point_row(offset_cun="inf"), "offset_cun", "'inf' is not a finite number", id="offset finite"
    ),
    pytest.param(
        point_row(offset_cun="-1.5"), "offset_cun", "-1.5 cun is outside 0..10", id="offset not below 0"
    ),
    pytest.param(
        point_row(offset_cun="10.5"), "offset_cun", "10.5 cun is outside 0..10", id="offset up to 10"
    ),
    pytest.param(point_row(spine_level="T13"), "spine_level", "'T13'", id="spine level known"),
    # A back point: from a scapular landmark alone, or from its level and offset; never by x/y.
    pytest.param(scapular_row(landmark="armpit"), "landmark", "'armpit'", id="back landmark known"),
    pytest.param(scapular_row(spine_level="T4"), "landmark", "spine_level", id="back landmark without level"),
    pytest.param(scapular_row(offset_cun="3"), "landmark", "offset_cun", id="back landmark without offset"),
    pytest.param(point_row(spine_level=""), "spine_level", "spine level", id="back level given"),
    pytest.param(point_row(offset_cun=""), "offset_cun", "offset", id="back offset given"),
    pytest.param(
        point_row(id="GV9", code="GV9", offset_cun="1"),
        "offset_cun",
        "Governor Vessel point lies on the midline",
        id="GV on midline",
    ),
    pytest.param(point_row(x="3"), "x", "x/y", id="back not by x"),
    pytest.param(point_row(y="4"), "x", "x/y", id="back not by y"),
    # A neck point: from its landmark only.
    pytest.param(neck_row(landmark=""), "landmark", OCCIPUT, id="neck landmark given"),
    pytest.param(neck_row(landmark=SCAPULAR), "landmark", OCCIPUT, id="neck landmark a neck one"),
    pytest.param(neck_row(spine_level="C7"), "landmark", "spine_level", id="neck without level"),
    pytest.param(neck_row(offset_cun="1"), "landmark", "offset_cun", id="neck without offset"),
    pytest.param(neck_row(x="1"), "landmark", "x, y", id="neck without x"),
    pytest.param(neck_row(y="1"), "landmark", "x, y", id="neck without y"),
    # A hand, leg or head point: by its x and y on the diagram, never from the spine.
    pytest.param(hand_row(x=""), "x", "x position on the hand diagram", id="diagram x given"),
    pytest.param(hand_row(y=""), "y", "y position on the hand diagram", id="diagram y given"),
    pytest.param(hand_row(view="leg", x=""), "x", "x position on the leg diagram", id="leg x given"),
    pytest.param(hand_row(view="head", y=""), "y", "y position on the head diagram", id="head y given"),
    pytest.param(hand_row(x="left"), "x", "'left' is not a number", id="diagram x a number"),
    pytest.param(hand_row(y="nan"), "y", "'nan' is not a finite number", id="diagram y finite"),
    pytest.param(hand_row(spine_level="T1"), "spine_level", "hand point", id="diagram not by level"),
    pytest.param(hand_row(offset_cun="1"), "spine_level", "hand point", id="diagram not by offset"),
    pytest.param(hand_row(landmark=SCAPULAR), "spine_level", "hand point", id="diagram not by landmark"),
]


@pytest.mark.parametrize(("row", "column", "fact"), POINT_RULE_CASES)
def test_each_point_rule_names_file_line_and_column(
    make_data: MakeData, row: dict[str, str], column: str, fact: str
) -> None:
    atlas, _ = skipped(make_data(points=[row, *GOOD_ROWS], links=GOOD_LINKS))
    assert [p.id for p in atlas.points] == ["BL17", "SI3"]
    problem = _one_problem(atlas.problems, "points.csv", 2, column)
    assert fact in problem.message


@pytest.mark.parametrize(
    ("row", "column", "fix_fact"),
    [
        (point_row(id=""), "id", "BL18"),  # an example of an id
        (point_row(code="bl18"), "code", "capitals"),
        (point_row(spine_level="T13"), "spine_level", "spinous process"),
        (point_row(plain="Used with BL17 for back pain."), "plain", "without codes"),
    ],
)
def test_a_point_rules_fix_says_what_to_write(
    make_data: MakeData, row: dict[str, str], column: str, fix_fact: str
) -> None:
    atlas, _ = skipped(make_data(points=[row, *GOOD_ROWS], links=GOOD_LINKS))
    problem = _one_problem(atlas.problems, "points.csv", 2, column)
    assert fix_fact in problem.fix
    assert _reads_on(problem.fix), problem.fix


def test_only_an_empty_cautions_cell_is_told_what_to_write() -> None:
    """An empty text cell is said empty; for the cautions the message adds the words to write if none apply."""
    columns = (
        "meridian",
        "pinyin",
        "hanzi",
        "english",
        "plain",
        "location",
        "use",
        "needling",
        "cautions",
        "source",
    )
    said = {
        col: validate_points([{**point_row(**{col: ""}), "__line__": "2"}])[1][0].message for col in columns
    }
    assert [col for col in columns if said[col] != f"{col} is empty"] == ["cautions"]
    assert said["cautions"].startswith("cautions is empty (")


@pytest.mark.parametrize(
    ("row", "column", "fact"),
    [
        # A Governor Vessel offset that is no number, or out of range, is reported as such, once.
        (point_row(id="GV9", code="GV9", offset_cun="x"), "offset_cun", "'x' is not a number"),
        (point_row(id="GV9", code="GV9", offset_cun="-1"), "offset_cun", "-1 cun is outside"),
        # A neck point with an unknown landmark: said once, as the landmark (not as a landmark given with more).
        (neck_row(landmark="nape"), "landmark", "expected one of"),
    ],
)
def test_a_fault_is_reported_by_the_rule_it_breaks_only(
    make_data: MakeData, row: dict[str, str], column: str, fact: str
) -> None:
    atlas, _ = skipped(make_data(points=[row, *GOOD_ROWS], links=GOOD_LINKS))
    problem = _one_problem(atlas.problems, "points.csv", 2, column)
    assert fact in problem.message


def test_every_rule_broken_in_one_row_is_reported_in_order(make_data: MakeData) -> None:
    row = point_row(
        id="",
        code="bl18",
        view="hand",
        use="",
        plain="Used with BL17.",
        meridian="Channel",
        caution_tags="bleeding;fog",
        offset_cun="11",
        spine_level="Z1",
        x="",
        y="up",
    )
    atlas, _ = skipped(make_data(points=[*GOOD_ROWS, row], links=GOOD_LINKS))
    assert [(p.row, p.column) for p in atlas.problems] == [
        (4, "id"),
        (4, "code"),
        (4, "use"),
        (4, "plain"),
        (4, "meridian"),
        (4, "caution_tags"),
        (4, "caution_tags"),
        (4, "offset_cun"),
        (4, "spine_level"),
        (4, "x"),
        (4, "y"),
        (4, "spine_level"),
    ]
    assert "'fog'" in atlas.problems[6].message


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # A back point from its level and offset: the offset read as a number; the tags split and trimmed.
        (
            point_row(offset_cun="10", caution_tags=" pneumothorax ; organ ;"),
            ("BL18", "back", "T9", 10.0, None, None, None, ("pneumothorax", "organ")),
        ),
        (
            point_row(id="GV9", code="GV9", offset_cun="0"),
            ("GV9", "back", "T9", 0.0, None, None, None, ("pneumothorax",)),
        ),
        # From a scapular landmark: no level, no offset.
        (scapular_row(), ("SI11", "back", None, None, SCAPULAR, None, None, ())),
        # A neck point from its landmark.
        (neck_row(), ("GB20", "neck", None, None, OCCIPUT, None, None, ())),
        # A diagram point by x and y.
        (hand_row(x="-3.5", y="0"), ("LI4", "hand", None, None, None, -3.5, 0.0, ("pregnancy",))),
    ],
)
def test_a_good_row_is_read_as_written(
    make_data: MakeData, row: dict[str, str], expected: tuple[object, ...]
) -> None:
    atlas, found = skipped(make_data(points=[*GOOD_ROWS, row], links=GOOD_LINKS))
    assert found == []
    p = atlas.points[2]
    assert (p.id, p.view, p.spine_level, p.offset_cun, p.landmark, p.x, p.y, p.caution_tags) == expected
    assert (p.code, p.meridian, p.line) == (row["code"], row["meridian"], 4)
    assert (p.pinyin, p.hanzi, p.english, p.plain) == (
        row["pinyin"],
        row["hanzi"],
        row["english"],
        row["plain"],
    )
    assert (p.location, p.use, p.needling, p.cautions, p.source) == (
        row["location"],
        row["use"],
        row["needling"],
        row["cautions"],
        row["source"],
    )


@pytest.mark.parametrize(
    ("row", "link", "column", "known"),
    [
        (
            point_row(meridian="Bladder Channel"),
            LINK,
            "meridian",
            "Governor Vessel, Bladder, Gallbladder, Small Intestine, Large Intestine, Triple Energizer, Lung, "
            "Spleen, Stomach, Liver, Extra",
        ),
        (
            point_row(caution_tags="bleeding"),
            LINK,
            "caution_tags",
            "pneumothorax, pregnancy, spinal_cord, vessel, organ",
        ),
        (
            neck_row(landmark="nape"),
            {**LINK, "point_id": "GB20"},
            "landmark",
            "below_occiput_between_scm_and_trapezius, level_with_c2_lateral_to_trapezius, "
            "two_cun_above_gv14_one_cun_lateral, beside_c2_spinous_process",
        ),
        (
            point_row(),
            {**LINK, "region": "knee"},
            "region",
            "neck, shoulder, upper_back, middle_back, lower_back",
        ),
    ],
    ids=["meridian", "caution tag", "neck landmark", "region"],
)
def test_an_unknown_value_is_answered_with_the_known_ones_listed(
    make_data: MakeData, row: dict[str, str], link: dict[str, str], column: str, known: str
) -> None:
    atlas, _ = skipped(make_data(points=[*GOOD_ROWS, row], links=[*GOOD_LINKS, link]))
    (problem,) = [p for p in atlas.problems if p.column == column]
    assert known in problem.message


def test_a_point_id_may_appear_after_an_empty_id_and_an_empty_id_is_no_duplicate(make_data: MakeData) -> None:
    rows = [point_row(id=""), point_row(id="", code="BL19"), *GOOD_ROWS]
    atlas, found = skipped(make_data(points=rows, links=GOOD_LINKS))
    assert [p.id for p in atlas.points] == ["BL17", "SI3"]
    assert [(r, c) for _, r, c, _ in found] == [(2, "id"), (3, "id")]
    assert all("duplicate" not in m for *_, m in found)


LINK_RULE_CASES = [
    pytest.param({**LINK, "region": "knee"}, "region", "'knee'", id="region known"),
    pytest.param(
        {**LINK, "point_id": "BL99"}, "point_id", "'BL99' does not exist in points.csv", id="point exists"
    ),
    pytest.param({**LINK, "point_id": "BL18", "role": "nearby"}, "role", "'nearby'", id="role known"),
    pytest.param({**LINK, "why": ""}, "why", "why is empty", id="why given"),
    pytest.param({**LINK, "basis": "hunch"}, "basis", "'hunch'", id="basis known"),
    pytest.param({**LINK, "plain": "eases pain"}, "plain", "full stop", id="patient's reason a sentence"),
    pytest.param(
        {**LINK, "point_id": "BL17"},
        "point_id",
        "BL17 is linked to middle_back twice (first on line 2)",
        id="linked once",
    ),
]


@pytest.mark.parametrize(("link", "column", "fact"), LINK_RULE_CASES)
def test_each_link_rule_names_file_line_and_column(
    make_data: MakeData, link: dict[str, str], column: str, fact: str
) -> None:
    atlas, _ = skipped(make_data(points=[point_row(), *GOOD_ROWS], links=[*GOOD_LINKS, link]))
    assert [(lk.region, lk.point_id) for lk in atlas.links] == [
        ("middle_back", "BL17"),
        ("middle_back", "SI3"),
    ]
    problem = _one_problem(atlas.problems, "region_points.csv", 4, column)
    assert fact in problem.message


def test_a_link_to_a_skipped_point_names_its_line_in_the_points_file(make_data: MakeData) -> None:
    rows = [*GOOD_ROWS, point_row(view="arm")]
    atlas, _ = skipped(make_data(points=rows, links=[*GOOD_LINKS, LINK]))
    assert [p.row for p in atlas.problems] == [4, 4]
    problem = _one_problem(atlas.problems[1:], "region_points.csv", 4, "point_id")
    assert "'BL18'" in problem.message and "points.csv, line 4" in problem.message
    assert "line 4 of points.csv" in problem.fix


def test_a_good_link_is_read_as_written(make_data: MakeData) -> None:
    links = [
        {**LINK, "point_id": "BL17", "basis": "pattern", "plain": "Eases the ache. "},
        {**LINK, "point_id": "SI3", "role": "distal", "basis": "", "plain": ""},
        {**LINK, "region": "neck", "point_id": "BL17", "basis": "textbook", "plain": ""},
    ]
    atlas, found = skipped(make_data(points=GOOD_ROWS, links=links))
    assert found == []
    assert [(lk.region, lk.point_id, lk.role, lk.why, lk.basis, lk.plain) for lk in atlas.links] == [
        ("middle_back", "BL17", "local", "On the painful area.", "pattern", "Eases the ache."),
        ("middle_back", "SI3", "distal", "On the painful area.", "textbook", ""),
        ("neck", "BL17", "local", "On the painful area.", "textbook", ""),
    ]


def test_a_links_file_without_the_optional_columns_reads_as_textbook(make_data: MakeData) -> None:
    atlas = load_atlas(make_data(points=GOOD_ROWS, links=GOOD_LINKS))
    assert [(lk.basis, lk.plain) for lk in atlas.links] == [("textbook", ""), ("textbook", "")]


@pytest.mark.parametrize(
    ("link", "column", "fix_fact"),
    [
        ({**LINK, "region": "knee"}, "region", "region names"),
        ({**LINK, "point_id": "BL99"}, "point_id", "spelling of the id"),
        ({**LINK, "role": "near"}, "role", "local or distal"),
        ({**LINK, "basis": "guess"}, "basis", "pattern"),
        ({**LINK, "plain": "eases pain"}, "plain", "full stop"),
        ({**LINK, "point_id": "BL17"}, "point_id", "delete one"),
    ],
)
def test_a_link_rules_fix_says_what_to_write(
    make_data: MakeData, link: dict[str, str], column: str, fix_fact: str
) -> None:
    atlas, _ = skipped(make_data(points=[point_row(), *GOOD_ROWS], links=[*GOOD_LINKS, link]))
    problem = _one_problem(atlas.problems, "region_points.csv", 4, column)
    assert fix_fact in problem.fix
    assert _reads_on(problem.fix), problem.fix


def test_a_repeated_point_id_costs_that_row_only_and_says_how_to_fix_it(make_data: MakeData) -> None:
    rows = [point_row(), point_row(code="BL17"), *GOOD_ROWS]
    atlas, _ = skipped(make_data(points=rows, links=GOOD_LINKS))
    assert [p.id for p in atlas.points] == ["BL18", "BL17", "SI3"]
    problem = _one_problem(atlas.problems, "points.csv", 3, "id")
    assert "'BL18'" in problem.message and "line 2" in problem.message
    assert "own id" in problem.fix
    assert _reads_on(problem.fix), problem.fix


# --- reading a file: what stops a table being used, said with the file (and line) -------------------------------


def test_a_file_the_server_may_not_read(make_data: MakeData, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_data()

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    problems = info.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("points.csv", None, None),
        ("region_points.csv", None, None),
    ]
    assert "not allowed to read" in problems[0].message and "readable" in problems[0].fix
    assert _reads_on(problems[0].message) and _reads_on(problems[0].fix)


@pytest.mark.parametrize(
    ("break_it", "fix_fact"),
    [
        (lambda path: path.unlink(), "README"),  # the README's Data section says what the file holds
        (lambda path: path.unlink() or path.mkdir(), "CSV file"),
        (lambda path: path.write_text(",".join(POINT_COLUMNS) + "\n", encoding="utf-8"), "add the rows"),
    ],
    ids=["missing", "a folder", "no rows"],
)
def test_a_file_that_cannot_be_used_says_how_to_fix_it(
    make_data: MakeData, break_it: Callable[[Path], object], fix_fact: str
) -> None:
    folder = make_data()
    break_it(folder / "points.csv")
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    problem = _one_problem(info.value.problems, "points.csv", None, None)
    assert fix_fact in problem.fix
    assert _reads_on(problem.fix), problem.fix


def test_a_file_that_cannot_be_read_says_why(make_data: MakeData, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_data()

    def fail(self: Path) -> bytes:
        raise OSError(5, "Input/output error", str(self))

    monkeypatch.setattr(Path, "read_bytes", fail)
    found = fatal(folder)
    assert found[0][:3] == ("points.csv", None, None)
    assert "(Input/output error)" in found[0][3]
    assert str(folder) not in found[0][3]


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["little-endian", "big-endian"])
def test_a_utf16_file_is_named_as_such(make_data: MakeData, bom: bytes) -> None:
    folder = make_data()
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    path = folder / "points.csv"
    path.write_bytes(bom + path.read_text(encoding="utf-8").encode(codec))
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("points.csv", None, None)
    assert "UTF-16" in problem.message and "UTF-8" in problem.fix


def test_a_bad_byte_is_named_on_its_line(make_data: MakeData) -> None:
    folder = make_data()
    path = folder / "region_points.csv"
    path.write_bytes(path.read_bytes() + b"neck,LI4,distal,caf\xe9\n")
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    problem = _one_problem(info.value.problems, "region_points.csv", 4, None)
    assert re.findall(r"0x([0-9A-F]+)", problem.message) == ["E9"]  # the one byte at fault
    assert "saved as Latin-1 or Windows-1252" in problem.message
    assert "UTF-8" in problem.fix


def test_a_blank_file_is_empty_and_the_fix_gives_the_header(make_data: MakeData) -> None:
    folder = make_data()
    (folder / "region_points.csv").write_text(" \n\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    problem = _one_problem(info.value.problems, "region_points.csv", None, None)
    assert problem.message == "the file is empty."
    assert problem.fix.endswith("region,point_id,role,why")


def test_every_missing_column_is_named_with_the_header_line(make_data: MakeData) -> None:
    columns = [c for c in POINT_COLUMNS if c not in ("view", "source")]
    with pytest.raises(DataError) as info:
        load_atlas(make_data(point_columns=columns))
    problems = info.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("points.csv", 1, "view"),
        ("points.csv", 1, "source"),
    ]
    assert "'view'" in problems[0].fix
    assert "(columns: id, code, view, spine_level, offset_cun," in problems[0].fix
    assert _reads_on(problems[0].message) and _reads_on(problems[0].fix)


def test_a_doubled_column_names_both_places_and_is_fatal(make_data: MakeData) -> None:
    found = fatal(make_data(point_columns=["id", *POINT_COLUMNS, "x", "x"]))
    assert [(f, r, c) for f, r, c, _ in found] == [
        ("points.csv", 1, "id"),
        ("points.csv", 1, "x"),
        ("points.csv", 1, "x"),
    ]
    assert "(columns 1 and 2)" in found[0][3]
    assert "(columns 8 and 21)" in found[1][3] and "(columns 8 and 22)" in found[2][3]


def test_a_doubled_column_says_why_it_matters_and_how_to_fix_it(make_data: MakeData) -> None:
    with pytest.raises(DataError) as info:
        load_atlas(make_data(point_columns=[*POINT_COLUMNS, "use"]))
    problem = _one_problem(info.value.problems, "points.csv", 1, "use")
    assert "which one holds the data" in problem.message
    assert problem.message.endswith(".")  # one sentence, ending with its full stop
    assert "delete or rename" in problem.fix
    assert _reads_on(problem.fix), problem.fix


def test_header_cells_are_trimmed(make_data: MakeData) -> None:
    folder = make_data()
    path = folder / "region_points.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("region,point_id", " region , point_id", 1), encoding="utf-8"
    )
    atlas, found = skipped(folder)
    assert found == []
    assert [lk.point_id for lk in atlas.links] == ["BL18", "LI4"]


def test_blank_lines_are_passed_over_and_lines_keep_their_numbers(make_data: MakeData) -> None:
    folder = make_data(
        points=GOOD_ROWS, links=[*GOOD_LINKS, {**LINK, "region": "neck", "point_id": "BL17", "role": "near"}]
    )
    path = folder / "region_points.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "", " , ,", *lines[1:]]) + "\n", encoding="utf-8")
    atlas, found = skipped(folder)
    assert [(f, r, c) for f, r, c, _ in found] == [("region_points.csv", 6, "role")]
    assert len(atlas.links) == 2


def test_a_short_row_is_read_with_its_missing_cells_empty(make_data: MakeData) -> None:
    folder = make_data(points=GOOD_ROWS, links=GOOD_LINKS)
    path = folder / "region_points.csv"
    path.write_text(path.read_text(encoding="utf-8") + "neck,SI3,distal\n", encoding="utf-8")
    atlas, found = skipped(folder)
    assert [(f, r, c) for f, r, c, _ in found] == [("region_points.csv", 4, "why")]
    assert len(atlas.links) == 2


def test_a_row_with_extra_cells_names_them_and_the_fix_is_the_quotes(make_data: MakeData) -> None:
    folder = make_data(points=GOOD_ROWS, links=GOOD_LINKS)
    path = folder / "region_points.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "neck,SI3,distal,Classic, for the neck\nneck,BL17,local,Nearby.\n",
        encoding="utf-8",
    )
    atlas, _ = skipped(folder)
    problem = _one_problem(atlas.problems, "region_points.csv", 4, None)
    assert "5 cells" in problem.message and "has 4" in problem.message
    assert "[' for the neck']" in problem.message
    assert "double quotes" in problem.fix
    assert _reads_on(problem.fix), problem.fix
    # The row after it is read.
    assert [(lk.region, lk.point_id) for lk in atlas.links] == [
        ("middle_back", "BL17"),
        ("middle_back", "SI3"),
        ("neck", "BL17"),
    ]


def test_an_unreadable_csv_names_its_line(make_data: MakeData) -> None:
    folder = make_data(points=GOOD_ROWS, links=GOOD_LINKS)
    path = folder / "region_points.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "neck,SI3,distal," + "x" * 140_000 + "\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    problem = _one_problem(info.value.problems, "region_points.csv", 4, None)
    assert "field larger than field limit" in problem.message
    assert "quotes" in problem.fix
    assert _reads_on(problem.fix), problem.fix


def test_a_file_with_old_mac_line_ends_is_read_line_by_line(make_data: MakeData) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends lines with a bare carriage return."""
    folder = make_data(
        points=GOOD_ROWS, links=[*GOOD_LINKS, {**LINK, "region": "neck", "point_id": "BL17", "role": "near"}]
    )
    path = folder / "region_points.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\r").replace(b"\n", b"\r"))
    atlas, found = skipped(folder)
    assert [(lk.region, lk.point_id) for lk in atlas.links] == [
        ("middle_back", "BL17"),
        ("middle_back", "SI3"),
    ]
    assert [(f, r, c) for f, r, c, _ in found] == [("region_points.csv", 4, "role")]


def test_a_header_without_rows_is_fatal_but_rows_all_skipped_for_extra_cells_say_so(
    make_data: MakeData,
) -> None:
    folder = make_data(points=GOOD_ROWS, links=[])
    path = folder / "region_points.csv"
    path.write_text(path.read_text(encoding="utf-8") + "neck,SI3,distal,a,b\n", encoding="utf-8")
    found = fatal(folder)
    assert [(f, r) for f, r, _, _ in found] == [("region_points.csv", None), ("region_points.csv", 2)]
    assert found[0][3] == "no row could be used: every row has a problem."


# --- the whole load: what is fatal, what is skipped, in which order ---------------------------------------------


def test_when_both_tables_are_unusable_both_are_said_fatal_first(make_data: MakeData) -> None:
    found = fatal(make_data(points=[point_row(view="arm")], links=[{**LINK, "role": "near"}]))
    # The fatal problems first (each file's), then the rows skipped, in file order.
    assert [(f, r, c) for f, r, c, _ in found] == [
        ("points.csv", None, None),
        ("region_points.csv", None, None),
        ("points.csv", 2, "view"),
        ("region_points.csv", 2, "point_id"),
        ("region_points.csv", 2, "role"),
    ]


def test_when_every_link_is_bad_the_links_file_is_unusable(make_data: MakeData) -> None:
    with pytest.raises(DataError) as info:
        load_atlas(make_data(links=[{**LINK, "role": "near"}]))
    error = info.value
    assert [(p.file, p.row, p.column) for p in error.problems] == [
        ("region_points.csv", None, None),
        ("region_points.csv", 2, "role"),
    ]
    assert (error.file, error.row, error.column) == ("region_points.csv", None, None)
    assert str(error).splitlines()[1].startswith("region_points.csv, line 2, column 'role': ")


def test_a_fatal_points_file_hides_the_links_faults_but_a_fatal_links_file_keeps_the_points_ones(
    make_data: MakeData,
) -> None:
    folder = make_data(points=[point_row(), hand_row(view="arm")], links=[{**LINK, "role": "near"}])
    found = fatal(folder)
    assert [(f, r, c) for f, r, c, _ in found] == [
        ("region_points.csv", None, None),
        ("points.csv", 3, "view"),
        ("region_points.csv", 2, "role"),
    ]
    (folder / "points.csv").unlink()
    assert [(f, r, c) for f, r, c, _ in fatal(folder)] == [("points.csv", None, None)]


def test_a_data_problem_reads_file_line_column_message_and_fix() -> None:
    assert str(DataProblem("points.csv", 4, "x", "x is bad.", "write a number.")) == (
        "points.csv, line 4, column 'x': x is bad. Fix: write a number."
    )
    assert (
        str(DataProblem("points.csv", None, None, "the file is missing."))
        == "points.csv: the file is missing."
    )
    assert str(DataProblem("points.csv", 1, None, "bad.")) == "points.csv, line 1: bad."


# --- the atlas: finding points and links ---------------------------------------------------------------------


def test_the_atlas_finds_a_point_by_id_or_code_in_any_case(make_data: MakeData) -> None:
    rows = [
        point_row(id="EX-B2-T5", code="EX-B2", spine_level="T5", offset_cun="0.5", meridian="Extra"),
        hand_row(),
    ]
    atlas = load_atlas(make_data(points=rows, links=[{**LINK, "point_id": "LI4"}]))
    assert atlas.find_point(" ex-b2-t5 ") is atlas.point("EX-B2-T5")
    assert atlas.find_point("ex-b2") is atlas.point("EX-B2-T5")
    assert atlas.find_point("li4") is atlas.point("LI4")
    assert atlas.find_point("BL99") is None
    assert atlas.has_point("LI4") and not atlas.has_point("li4")


def test_an_id_is_found_before_another_points_code(make_data: MakeData) -> None:
    rows = [point_row(id="A1", code="BL18"), point_row(id="BL18", code="BL17", spine_level="T7")]
    atlas = load_atlas(make_data(points=rows, links=[{**LINK, "point_id": "A1"}]))
    assert atlas.find_point("bl18") is atlas.point("BL18")


@pytest.mark.parametrize(
    ("row", "bilateral"),
    [
        (point_row(offset_cun="1.5"), True),
        (point_row(id="GV9", code="GV9", offset_cun="0"), False),
        (scapular_row(), True),
        (neck_row(), True),
        (hand_row(), True),
    ],
)
def test_a_point_is_bilateral_unless_on_the_back_midline(
    make_data: MakeData, row: dict[str, str], bilateral: bool
) -> None:
    atlas = load_atlas(make_data(points=[row], links=[{**LINK, "point_id": row["id"]}]))
    assert atlas.points[0].bilateral is bilateral


def test_a_points_name_is_pinyin_hanzi_and_english(make_data: MakeData) -> None:
    atlas = load_atlas(make_data())
    assert atlas.point("BL18").name == "Ganshu 肝俞 (Liver Shu)"


def test_without_nothing_dropped_is_the_same_atlas(make_data: MakeData) -> None:
    atlas = load_atlas(make_data())
    assert atlas.without([], {"BL18"}) is atlas


def test_every_problem_names_the_file_as_the_project_names_it(
    make_data: MakeData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files inside the project are named from its top (data/points.csv), in every message that names one."""
    monkeypatch.setattr("acumap.atlas.data.PROJECT_DIR", tmp_path.resolve())
    links = [*GOOD_LINKS, LINK, {**LINK, "point_id": "BL99"}]
    _, found = skipped(make_data(points=[point_row(view="arm"), *GOOD_ROWS], links=links))
    assert [(f, r, c) for f, r, c, _ in found] == [
        ("data/points.csv", 2, "view"),
        ("data/region_points.csv", 4, "point_id"),
        ("data/region_points.csv", 5, "point_id"),
    ]
    assert "(data/points.csv, line 2)" in found[1][3]
    assert "does not exist in data/points.csv" in found[2][3]
    unusable = fatal(make_data(points=[point_row(view="arm")], links=[{**LINK, "role": "near"}]))
    assert [f for f, r, _, _ in unusable if r is None] == ["data/points.csv", "data/region_points.csv"]
