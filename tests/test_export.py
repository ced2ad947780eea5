"""The open export: JSON valid against its schema, CSV loadable by the app, both round-trip to the same atlas."""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from acumap.__main__ import main
from acumap.atlas.data import LINKS_FILE, POINTS_FILE, DataError, load_atlas
from acumap.export import atlas_from_json, body_landmark, to_csv, to_csv_zip, to_json, to_json_text

ATLAS = load_atlas()
SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "schema" / "acumap-export.schema.json").read_text()
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_json_export_is_valid_against_its_schema() -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(to_json(ATLAS))]
    assert errors == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("points", 0, "laterality"), "left"),
        (("points", 0, "code"), "Liver 18"),
        (("points", 0, "caution_tags"), ["bleeding"]),
        (("links", 0, "role"), "nearby"),
        (("points", 0, "body_landmark", "distance"), {"value": 1.5, "unit": "cm"}),
    ],
)
def test_schema_rejects_a_broken_export(path: tuple[str | int, ...], value: object) -> None:
    doc = copy.deepcopy(to_json(ATLAS))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(VALIDATOR.iter_errors(doc)) != []


def test_json_round_trip_gives_the_same_atlas() -> None:
    back = atlas_from_json(json.loads(to_json_text(ATLAS)))
    assert back.points == ATLAS.points
    assert back.links == ATLAS.links


def test_csv_round_trip_gives_the_same_atlas(tmp_path: Path) -> None:
    for name, text in to_csv(ATLAS).items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    back = load_atlas(tmp_path)
    assert back.problems == ()
    assert back.points == ATLAS.points
    assert back.links == ATLAS.links


def test_a_broken_json_export_is_refused_with_the_app_s_own_messages() -> None:
    doc = to_json(ATLAS)
    doc["points"][0]["view"] = "arm"
    with pytest.raises(DataError) as err:
        atlas_from_json(doc)
    assert "unknown view 'arm'" in str(err.value)


@pytest.mark.parametrize(
    ("pid", "landmark", "direction", "cun"),
    [
        ("BL18", "lower border of the spinous process of T9", "lateral, level with it", 1.5),
        ("BL43", "lower border of the spinous process of T4", "lateral, level with it", 3.0),
        ("GV9", "depression below the spinous process of T7", "on the posterior midline", None),
        ("ST36", "ST35 (knee line, lateral to the patellar ligament)", "inferior", 3.0),
        ("TE5", "dorsal wrist crease", "proximal", 2.0),
        ("GV20", "anterior hairline", "posterior", 5.0),
        ("LI4", "second metacarpal bone", "radial side", None),
        # A neck point from the neck model's landmark; a scapular back point at its landmark, in words.
        ("BL10", "the upper border of the C2 spinous process", "lateral, level with it", 1.3),
        ("GB20", "GV16, directly below the external occipital protuberance", "lateral, level with it", 2.4),
        ("SI10", "inferior to scapular spine above axillary fold", "at the landmark", None),
    ],
)
def test_each_location_is_a_landmark_a_direction_and_a_distance(
    pid: str, landmark: str, direction: str, cun: float | None
) -> None:
    where = body_landmark(ATLAS.point(pid))
    assert where["landmark"] == landmark
    assert where["direction"].startswith(direction)
    assert (where["distance"] or {}).get("value") == cun


def test_laterality_in_the_export() -> None:
    by_id = {p["id"]: p for p in to_json(ATLAS)["points"]}
    assert by_id["GV9"]["laterality"] == "midline"
    assert by_id["BL18"]["laterality"] == "bilateral"
    assert by_id["LI4"]["laterality"] == "bilateral"


def test_cli_export_json_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "acumap.json"
    assert main(["export", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(doc)) == []
    assert doc == json.loads(to_json_text(ATLAS))
    folder = tmp_path / "csv"
    assert main(["export", "--format", "csv", "--out", str(folder)]) == 0
    assert load_atlas(folder).points == ATLAS.points


def test_csv_zip_holds_both_tables() -> None:
    names = zipfile.ZipFile(io.BytesIO(to_csv_zip(ATLAS))).namelist()
    assert names == ["acumap/points.csv", "acumap/region_points.csv"]


def test_a_point_without_a_landmark_rule_is_exported_as_its_written_location() -> None:
    point = replace(ATLAS.point("LI4"), id="LI4-unruled")
    assert body_landmark(point) == {"landmark": point.location, "direction": "as described", "distance": None}


def _csv_rows(text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize(("pid", "distance"), [("BL18", "1.5"), ("BL43", "3"), ("GV9", ""), ("LI4", "")])
def test_the_csv_gives_each_point_s_distance_in_cun_or_nothing(pid: str, distance: str) -> None:
    assert _csv_rows(to_csv(ATLAS)[POINTS_FILE])[pid]["distance_cun"] == distance


def test_the_csv_links_write_basis_as_the_data_file_does_empty_for_a_textbook_link() -> None:
    exported = list(csv.DictReader(io.StringIO(to_csv(ATLAS)[LINKS_FILE])))
    basis = {(row["region"], row["point_id"]): row["basis"] for row in exported}
    assert set(basis.values()) == {"", "pattern"}
    assert basis[("lower_back", "GV3")] == ""
    assert basis[("middle_back", "SP6")] == "pattern"


def test_the_json_text_keeps_the_chinese_names_as_characters() -> None:
    text = to_json_text(ATLAS)
    assert "肝俞" in text
    assert "\\u" not in text


@pytest.mark.parametrize(
    ("table", "index", "column", "value", "row"),
    [
        # The entries are numbered as the rows of the CSV export: the first below the header is row 2.
        ("points", 0, "view", "arm", 2),
        ("points", 2, "view", "arm", 4),
        ("links", 0, "role", "nearby", 2),
        ("links", 2, "role", "nearby", 4),
    ],
)
def test_one_broken_entry_alone_is_refused_naming_the_export_and_its_row(
    table: str, index: int, column: str, value: str, row: int
) -> None:
    doc = copy.deepcopy(to_json(ATLAS))
    doc[table][index][column] = value
    with pytest.raises(DataError) as err:
        atlas_from_json(doc)
    assert (err.value.file, err.value.row) == ("export.json", row)
