"""The Anki deck: the .apkg opens (a zip holding an SQLite collection and the media), one note per point with two
cards, stable ids so a re-import updates, the diagrams as images (the point marked only where it should be, and
never labelled with its answer), every data text escaped."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from acumap.anki import build_deck, deck_points
from acumap.atlas.data import Atlas, load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.atlas.regions import parse_region
from acumap.atlas.selection import highlights
from acumap.drawing.assets import load_drawing
from acumap.drawing.figure import LOCAL

ATLAS = load_atlas()
DRAWINGS = {v: load_drawing(v) for v in DIAGRAM_VIEWS}


def opened(apkg: bytes, tmp_path: Path) -> dict[str, Any]:
    """What Anki reads from a package: the collection's notes, cards, note types and decks, and the media."""
    with zipfile.ZipFile(BytesIO(apkg)) as z:
        names = set(z.namelist())
        media_map = json.loads(z.read("media"))
        media = {name: z.read(index).decode("utf-8") for index, name in media_map.items()}
        (tmp_path / "collection.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = db.execute("select id, guid, mid, flds from notes").fetchall()
        cards = db.execute("select nid, ord, did from cards").fetchall()
        models, decks = db.execute("select models, decks from col").fetchone()
    finally:
        db.close()
    return {
        "names": names,
        "media": media,
        "notes": [{"id": i, "guid": g, "mid": m, "fields": f.split("\x1f")} for i, g, m, f in notes],
        "cards": cards,
        "models": json.loads(models),
        "decks": json.loads(decks),
    }


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return opened(build_deck(ATLAS, DRAWINGS).apkg, tmp_path_factory.mktemp("whole"))


@pytest.fixture(scope="module")
def middle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    choice = parse_region("middle_back")
    return opened(build_deck(ATLAS, DRAWINGS, choice).apkg, tmp_path_factory.mktemp("middle"))


def by_code(pkg: dict[str, Any]) -> dict[str, list[str]]:
    return {n["fields"][0]: n["fields"] for n in pkg["notes"]}


def test_the_package_holds_a_collection_and_its_media(whole: dict[str, Any]) -> None:
    assert {"collection.anki2", "media"} <= whole["names"]
    # One note per point, two cards a note (find it, name it).
    assert len(whole["notes"]) == len(ATLAS.points) == 92
    assert sorted(o for _, o, _ in whole["cards"]) == [0] * 92 + [1] * 92
    (model,) = whole["models"].values()
    assert [t["name"] for t in model["tmpls"]] == ["Find it", "Name it"]
    assert "Where is {{Code}}?" in model["tmpls"][0]["qfmt"]
    assert "Which point is this?" in model["tmpls"][1]["qfmt"]
    assert "AcuMap::All points" in {d["name"] for d in whole["decks"].values()}


def test_a_point_note_carries_its_code_names_location_and_source(whole: dict[str, Any]) -> None:
    code, names, where, channel, used, landmarks, blank, marked, source = by_code(whole)["BL18"]
    assert code == "BL18"
    assert names == "Gānshū · 肝俞 · Liver Shu"
    assert where == ATLAS.point("BL18").location
    assert channel == "Bladder channel"
    assert "middle back (local)" in used
    assert "Inferior angle of the scapula" in landmarks  # the back's landmarks to count from
    assert source.startswith("Location: WHO")
    assert re.fullmatch(r'<img src="acumap-blank-back\.svg" alt="[^"]+">', blank)
    assert re.fullmatch(r'<img src="acumap-BL18-back\.svg" alt="[^"]+">', marked)
    # A hand point: its own diagram, no back landmarks.
    # Points that share a code (the Jiaji) are asked by code and level: every note's first field is unique.
    assert by_code(whole)["EX-B2 at T5"][2] == ATLAS.point("EX-B2-T5").location
    assert len(by_code(whole)) == 92
    li4 = by_code(whole)["LI4"]
    assert li4[5] == ""
    assert 'src="acumap-LI4-hand.svg"' in li4[7]


def test_each_diagram_is_in_the_media_and_marks_only_its_point(whole: dict[str, Any]) -> None:
    media = whole["media"]
    assert set(media) == {f"acumap-blank-{v}.svg" for v in DIAGRAM_VIEWS} | {
        f"acumap-{p.id}-{p.view}.svg" for p in ATLAS.points
    }
    marker = f'fill="{LOCAL}"'
    # BL18 is bilateral: marked on both sides; GV9 on the midline: once; the blank back: none.
    assert media["acumap-BL18-back.svg"].count(marker) == 2
    assert media["acumap-GV9-back.svg"].count(marker) == 1
    assert media["acumap-blank-back.svg"].count(marker) == 0
    # The "name it" front shows the marked diagram: it must not name the point, nor show the others.
    for pid in ("BL18", "LI4", "GB20"):
        svg = media[f"acumap-{pid}-{ATLAS.point(pid).view}.svg"]
        assert f">{pid}<" not in svg
        assert 'fill="#9aa0a6"' not in svg  # no grey dots of the other points


def test_ids_are_stable_so_a_reimport_updates(
    whole: dict[str, Any], middle: dict[str, Any], tmp_path: Path
) -> None:
    again = opened(build_deck(ATLAS, DRAWINGS).apkg, tmp_path)
    guid = {n["fields"][0]: n["guid"] for n in whole["notes"]}
    assert {n["fields"][0]: n["guid"] for n in again["notes"]} == guid
    assert len(set(guid.values())) == 92
    # A region's deck carries the same notes (same guids, same note type) as the whole atlas's.
    assert {n["fields"][0]: n["guid"] for n in middle["notes"]} == {
        code: guid[code] for code in by_code(middle)
    }
    assert {n["mid"] for n in middle["notes"]} == {n["mid"] for n in whole["notes"]}
    # ... in a deck of its own, whose id stays the same from one build to the next.
    assert {d["name"]: d["id"] for d in middle["decks"].values() if d["name"].startswith("AcuMap")} == {
        d["name"]: d["id"]
        for d in opened(build_deck(ATLAS, DRAWINGS, parse_region("middle_back")).apkg, tmp_path)[
            "decks"
        ].values()
        if d["name"].startswith("AcuMap")
    }
    assert {d["name"] for d in middle["decks"].values()} >= {"AcuMap::Middle back"}
    whole_ids = {d["id"] for d in whole["decks"].values() if d["name"].startswith("AcuMap")}
    middle_ids = {d["id"] for d in middle["decks"].values() if d["name"].startswith("AcuMap")}
    assert whole_ids.isdisjoint(middle_ids)


def test_a_region_deck_holds_the_regions_points() -> None:
    choice = parse_region("middle_back_left")
    assert choice is not None
    got = [p.id for p in deck_points(ATLAS, choice)]
    assert set(got) == {h.point.id for h in highlights(ATLAS, choice)}
    assert len(got) == len(set(got)) == 26
    assert len(deck_points(ATLAS, None)) == 92


def test_data_text_is_escaped_in_the_fields(tmp_path: Path) -> None:
    evil = replace(ATLAS.point("BL18"), pinyin='<img src=x onerror="alert(1)">', location="A & B <b>")
    atlas = Atlas(points=tuple(evil if p.id == "BL18" else p for p in ATLAS.points), links=ATLAS.links)
    fields = by_code(opened(build_deck(atlas, DRAWINGS).apkg, tmp_path))["BL18"]
    assert fields[1].startswith("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")
    assert fields[2] == "A &amp; B &lt;b&gt;"


def test_the_ids_are_the_ones_decks_already_carry(whole: dict[str, Any], middle: dict[str, Any]) -> None:
    """The ids a student's Anki already holds: a change to any of them would make a re-import add copies instead
    of updating (the values written here are those of the first deck AcuMap published)."""
    guid = {n["fields"][0]: n["guid"] for n in whole["notes"]}
    assert (guid["BL18"], guid["EX-B2 at T5"]) == ("mqVH=fd12R", "C`X8rj_-~:")
    assert set(whole["models"]) == {"1734021907"}
    assert {d["name"]: d["id"] for d in whole["decks"].values() if d["name"].startswith("AcuMap")} == {
        "AcuMap::All points": 1748960254
    }
    assert {d["name"]: d["id"] for d in middle["decks"].values() if d["name"].startswith("AcuMap")} == {
        "AcuMap::Middle back": 1750037397
    }


def test_every_field_a_card_shows_is_a_field_of_the_note(whole: dict[str, Any]) -> None:
    (model,) = whole["models"].values()
    fields = [f["name"] for f in model["flds"]]
    assert fields == [
        "Code",
        "Names",
        "Where",
        "Channel",
        "Used for",
        "Landmarks",
        "Blank",
        "Marked",
        "Source",
    ]
    shown = {
        name
        for t in model["tmpls"]
        for side in (t["qfmt"], t["afmt"])
        for name in re.findall(r"\{\{([^}]+)\}\}", side)
        if name != "FrontSide"
    }
    assert shown <= set(fields)
    assert {"Code", "Blank", "Marked", "Where", "Names"} <= shown
