"""Validation of the data files: every error names file, line and column. And the shipped data's content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from acumap import anatomy
from acumap.data import POINT_COLUMNS, DataError, load_atlas
from acumap.regions import BASE_REGIONS
from tests.conftest import hand_row, point_row

MakeData = Callable[..., Path]


def problems_of(folder: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(DataError) as info:
        load_atlas(folder)
    return [(p.file, p.row, p.column, p.message) for p in info.value.problems]


def test_valid_fixture_loads(make_data: MakeData) -> None:
    atlas = load_atlas(make_data())
    assert [p.id for p in atlas.points] == ["BL18", "LI4"]
    assert atlas.point("BL18").offset_cun == 1.5
    assert [(lk.point_id, lk.role) for lk in atlas.links_for("middle_back")] == [
        ("BL18", "local"),
        ("LI4", "distal"),
    ]


def test_missing_column(make_data: MakeData) -> None:
    columns = [c for c in POINT_COLUMNS if c != "spine_level"]
    found = problems_of(make_data(point_columns=columns))
    assert ("points.csv", 1, "spine_level", "required column is missing") in found


def test_duplicate_id(make_data: MakeData) -> None:
    found = problems_of(make_data(points=[point_row(), hand_row(), point_row()]))
    assert len(found) == 1
    file, row, column, message = found[0]
    assert (file, row, column) == ("points.csv", 4, "id")
    assert "duplicate id 'BL18'" in message and "line 2" in message


def test_unknown_spine_level(make_data: MakeData) -> None:
    found = problems_of(make_data(points=[point_row(spine_level="T13"), hand_row()]))
    assert found[0][:3] == ("points.csv", 2, "spine_level")
    assert "unknown spine level 'T13'" in found[0][3]


def test_negative_offset(make_data: MakeData) -> None:
    found = problems_of(make_data(points=[hand_row(), point_row(offset_cun="-1.5")]))
    assert found[0][:3] == ("points.csv", 3, "offset_cun")
    assert "outside 0..10" in found[0][3]


def test_offset_not_a_number(make_data: MakeData) -> None:
    found = problems_of(make_data(points=[point_row(offset_cun="one and a half"), hand_row()]))
    assert found[0][:3] == ("points.csv", 2, "offset_cun")


def test_link_to_unknown_point(make_data: MakeData) -> None:
    links = [{"region": "middle_back", "point_id": "BL99", "role": "local", "why": "x"}]
    found = problems_of(make_data(links=links))
    assert found == [("region_points.csv", 2, "point_id", "point 'BL99' does not exist in points.csv")]


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
    found = problems_of(make_data(links=[link]))
    assert found[0][:3] == ("region_points.csv", 2, column)
    assert text in found[0][3]


@pytest.mark.parametrize(
    ("row", "column", "text"),
    [
        (point_row(view="arm"), "view", "unknown view 'arm'"),
        (point_row(code="Liver 18"), "code", "not a WHO point code"),
        (point_row(cautions=""), "cautions", "None known"),
        (point_row(source=""), "source", "source is empty"),
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
    found = problems_of(make_data(points=[row, hand_row(id="SI3", code="SI3")]))
    assert found[0][:3] == ("points.csv", 2, column)
    assert text in found[0][3]


def test_every_problem_is_reported_at_once(make_data: MakeData) -> None:
    rows = [point_row(spine_level="X1"), hand_row(view="arm")]
    links = [{"region": "neck", "point_id": "NOPE", "role": "local", "why": "x"}]
    found = problems_of(make_data(points=rows, links=links))
    assert {(f, r, c) for f, r, c, _ in found} >= {
        ("points.csv", 2, "spine_level"),
        ("points.csv", 3, "view"),
        ("region_points.csv", 2, "point_id"),
    }


def test_missing_file(tmp_path: Path) -> None:
    found = problems_of(tmp_path)
    assert found[0][0] == "points.csv" and "file not found" in found[0][3]


def test_error_message_names_file_line_column(make_data: MakeData) -> None:
    with pytest.raises(DataError) as info:
        load_atlas(make_data(points=[point_row(offset_cun="-2"), hand_row()]))
    assert str(info.value).startswith("points.csv, line 2, column 'offset_cun':")


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
        | {f"EX-B2-{level}" for level in anatomy.SPINE_LEVELS if level != "C7"}
    )
    assert set(POINTS) == expected
    assert len(POINTS) == len(ATLAS.points)


def test_points_per_meridian_match_the_list() -> None:
    counts = Counter(p.meridian for p in ATLAS.points)
    assert counts == {
        "Governor Vessel": 13,
        "Bladder": 30,
        "Extra": 18,
        "Small Intestine": 8,
        "Gallbladder": 3,
        "Large Intestine": 1,
        "Triple Energizer": 1,
        "Lung": 1,
        "Spleen": 1,
        "Stomach": 1,
        "Liver": 1,
    }


def test_every_back_point_is_placed_from_the_body_model() -> None:
    for p in ATLAS.points:
        if p.view == "back":
            assert (p.spine_level and p.offset_cun is not None) or p.landmark, p.id
            assert p.x is None and p.y is None
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
        ("middle_back", "BL23", "local"),
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


def test_every_point_is_used_by_some_region() -> None:
    used = {lk.point_id for lk in ATLAS.links}
    assert set(POINTS) == used
