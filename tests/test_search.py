"""The point browser's search and filters: table-driven."""

from __future__ import annotations

import pytest

from acumap.data import load_atlas
from acumap.search import EXACT, PARTIAL, SIMILAR, Filters, fold, matches, search

ATLAS = load_atlas()


@pytest.mark.parametrize(
    ("text", "folded"), [("Gānshū", "ganshu"), ("BL 18", "bl18"), ("EX-B2-T5", "exb2t5"), ("Hégǔ", "hegu")]
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("BL43", "BL43"),
        ("bl43", "BL43"),
        ("bl 18", "BL18"),
        ("ganshu", "BL18"),
        ("Gānshū", "BL18"),
        ("gansu", "BL18"),  # typo
        ("肝俞", "BL18"),
        ("合谷", "LI4"),
        ("union valley", "LI4"),
        ("union valey", "LI4"),  # typo
        ("hegu", "LI4"),
        ("HEGU", "LI4"),
        ("dazhui", "GV14"),
        ("shoulder well", "GB21"),
        ("ex-b2-t5", "EX-B2-T5"),
        ("dingchuan", "EX-B1"),
        ("sanyinjiao", "SP6"),
        ("san yin jiao", "SP6"),
    ],
)
def test_search_finds_the_point_first(query: str, first: str) -> None:
    found = search(ATLAS, query)
    assert found, query
    assert found[0].id == first, [p.id for p in found[:5]]


def test_search_prefix_lists_a_family() -> None:
    ids = [p.id for p in search(ATLAS, "GV1")]
    assert ids[:6] == ["GV10", "GV11", "GV12", "GV13", "GV14", "GV1"] or set(ids[:5]) == {
        "GV10",
        "GV11",
        "GV12",
        "GV13",
        "GV14",
    }


def test_nonsense_finds_nothing() -> None:
    assert search(ATLAS, "xyzzyq") == []


def test_empty_query_lists_everything() -> None:
    assert len(search(ATLAS, "")) == len(ATLAS.points)


@pytest.mark.parametrize(
    ("filters", "must", "must_not"),
    [
        (Filters(meridians=("Governor Vessel",)), {"GV9", "GV20"}, {"BL18"}),
        (Filters(views=("hand",)), {"LI4", "SI3", "TE5", "LU7"}, {"SP6"}),
        (Filters(region="middle_back"), {"BL18", "LI4", "SP6"}, {"GV14"}),
        (Filters(region="middle_back", role="distal"), {"LI4", "SP6"}, {"BL18"}),
        (Filters(role="distal"), {"LI4", "BL40", "GV20"}, {"BL18"}),
        (Filters(views=("leg",), region="neck"), {"GB39"}, {"BL40"}),
    ],
)
def test_filters(filters: Filters, must: set[str], must_not: set[str]) -> None:
    ids = {p.id for p in search(ATLAS, "", filters)}
    assert must <= ids
    assert not (must_not & ids)


def test_query_and_filter_combine() -> None:
    assert [p.id for p in search(ATLAS, "bl1", Filters(region="middle_back"))][:3] == ["BL17", "BL18", "BL19"]


@pytest.mark.parametrize(
    ("query", "exact"), [("BL43", "BL43"), ("bl 43", "BL43"), ("Gāohuāng", "BL43"), ("膏肓", "BL43")]
)
def test_an_exact_code_or_name_stands_first_and_alone(query: str, exact: str) -> None:
    found = matches(ATLAS, query)
    assert (found[0].point.id, found[0].kind) == (exact, EXACT)
    assert [m.kind for m in found[1:]] == [SIMILAR] * (len(found) - 1)  # only fuzzy ones follow, marked so


def test_fuzzy_matches_follow_an_exact_name_marked_as_such() -> None:
    found = [(m.point.id, m.kind) for m in matches(ATLAS, "ganshu")]
    assert found[0] == ("BL18", EXACT)
    assert len(found) > 1 and {kind for _, kind in found[1:]} == {SIMILAR}


def test_without_an_exact_match_the_family_is_listed() -> None:
    found = matches(ATLAS, "bl4")
    assert {m.point.id for m in found if m.kind == PARTIAL} == {f"BL{i}" for i in range(40, 50)}


def test_an_exact_code_is_not_buried_in_its_neighbours() -> None:
    # Before: "BL43" listed 14 points (BL13, BL40-BL49...), the exact one among them.
    assert [(m.point.id, m.kind) for m in matches(ATLAS, "BL43")] == [("BL43", EXACT)]
