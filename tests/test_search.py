"""The point browser's search and filters: table-driven."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from acumap.atlas.data import MERIDIANS, load_atlas
from acumap.search import (
    EXACT,
    MERIDIAN,
    MERIDIAN_NAMES,
    PARTIAL,
    SIMILAR,
    Filters,
    fold,
    matches,
    names_meridian,
    score,
    search,
)
from tests.builders import hand_row, point_row

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
    # The atlas has no GV1 (not a point for the back): "GV1" is a prefix, and it lists the family GV10-GV14.
    assert ids == ["GV10", "GV11", "GV12", "GV13", "GV14"]


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


# --- a channel's name finds its points (issue 24: "liver" found only BL18, the Liver back-shu point) --------

ON = {m: {p.id for p in ATLAS.points if p.meridian == m} for m in MERIDIANS.values()}


@pytest.mark.parametrize(
    ("query", "meridian"),
    [
        ("Liver", "Liver"),
        ("liver", "Liver"),
        ("Gan", "Liver"),
        ("Gān", "Liver"),
        ("肝", "Liver"),
        ("liver channel", "Liver"),
        ("Gan jing", "Liver"),
        ("Liv", "Liver"),  # the older code prefix (acumap.atlas.codes)
        ("Bladder", "Bladder"),
        ("urinary bladder", "Bladder"),
        ("Pangguang", "Bladder"),
        ("Pángguāng", "Bladder"),
        ("bladder meridian", "Bladder"),
        ("UB", "Bladder"),
        ("Governor Vessel", "Governor Vessel"),
        ("Governing Vessel", "Governor Vessel"),
        ("Du", "Governor Vessel"),
        ("Du Mai", "Governor Vessel"),
        ("督脉", "Governor Vessel"),
        ("Gallbladder", "Gallbladder"),
        ("Dan", "Gallbladder"),
        ("Small Intestine", "Small Intestine"),
        ("Xiaochang", "Small Intestine"),
        ("Large Intestine", "Large Intestine"),
        ("Dachang", "Large Intestine"),
        ("Triple Energizer", "Triple Energizer"),
        ("San Jiao", "Triple Energizer"),
        ("triple burner", "Triple Energizer"),
        ("SJ", "Triple Energizer"),
        ("Lung", "Lung"),
        ("Fei", "Lung"),
        ("Spleen", "Spleen"),
        ("Pi", "Spleen"),
        ("Stomach", "Stomach"),
        ("Wei", "Stomach"),
        ("Extra", "Extra"),
        ("bladd", "Bladder"),  # the start of a name, five letters or more
        ("pangg", "Bladder"),
    ],
)
def test_a_channels_name_finds_all_its_points_first(query: str, meridian: str) -> None:
    found = matches(ATLAS, query)
    on = ON[meridian]
    assert on, meridian
    assert {m.point.id for m in found[: len(on)]} == on, [m.point.id for m in found[:8]]
    assert {m.kind for m in found[: len(on)]} == {MERIDIAN}


def test_liver_finds_the_liver_channel_then_the_liver_shu_point() -> None:
    assert [(m.point.id, m.kind) for m in matches(ATLAS, "liver")][:2] == [
        ("LR3", MERIDIAN),
        ("BL18", PARTIAL),
    ]
    assert [(m.point.id, m.kind) for m in matches(ATLAS, "gan")][:3] == [
        ("LR3", MERIDIAN),
        ("BL18", PARTIAL),
        ("BL48", PARTIAL),
    ]


@pytest.mark.parametrize(
    ("query", "meridian"),
    [
        ("Liver", "Bladder"),
        ("Lu", "Lung"),  # the WHO prefix is a code's start, found by the code (PARTIAL), not a channel's name
        ("bla", "Bladder"),  # too short to be the start of a name
        ("blad", "Bladder"),
        ("jing", "Extra"),  # "Jingwai Qixue" begins so, but "jing" is a word of many names
        ("shao", "Gallbladder"),
        ("Governor", "Bladder"),
        ("", "Liver"),
        ("channel", "Liver"),
    ],
)
def test_what_does_not_name_a_channel(query: str, meridian: str) -> None:
    assert not names_meridian(meridian, query)


def test_every_channel_of_the_data_has_its_other_names_and_no_stray_one() -> None:
    assert set(MERIDIAN_NAMES) == set(MERIDIANS)
    folded = [fold(n) for names in MERIDIAN_NAMES.values() for n in names]
    assert len(folded) == len(set(folded)), "a name of two channels"


def test_a_channels_name_with_a_filter_keeps_to_the_filter() -> None:
    local = Filters(region="middle_back", role="local")
    want = {p.id for p in search(ATLAS, "", local) if p.meridian == "Bladder"}
    assert want and {p.id for p in search(ATLAS, "bladder", local)} == want


def test_beside_an_exact_name_the_channels_points_stay(make_data: Callable[..., Path]) -> None:
    # A point called by a channel's pinyin name (none is, in the shipped data): its exact match does not hide
    # the channel's points, which follow it.
    atlas = load_atlas(
        make_data(
            points=[
                point_row(),
                hand_row(id="LR3", code="LR3", meridian="Liver", pinyin="Taichong", english="Great Surge"),
                hand_row(id="LI4", pinyin="Gan", english="Union Valley"),
            ],
            links=[{"region": "middle_back", "point_id": "BL18", "role": "local", "why": "On it."}],
        )
    )
    assert [(m.point.id, m.kind) for m in matches(atlas, "Gan")][:2] == [("LI4", EXACT), ("LR3", MERIDIAN)]


# --- at the edges: no query, the older codes, words in another order, a score exactly at the minimum ----------


def test_no_query_lists_every_point_in_the_datas_order_unmarked() -> None:
    found = matches(ATLAS)
    assert [m.point.id for m in found][:3] == ["GV3", "GV4", "GV5"]
    assert len(found) == 92
    assert {m.kind for m in found} == {""}
    assert [p.id for p in search(ATLAS)] == [m.point.id for m in found]


@pytest.mark.parametrize(
    ("query", "point_id"),
    [("UB18", "BL18"), ("Du14", "GV14"), ("SJ5", "TE5"), ("Liv3", "LR3")],
)
def test_an_older_code_is_an_exact_match(query: str, point_id: str) -> None:
    found = matches(ATLAS, query)
    assert (found[0].point.id, found[0].kind) == (point_id, EXACT)
    assert score(found[0].point, query) == 100.0


def test_an_older_codes_start_lists_the_family() -> None:
    assert {m.point.id for m in matches(ATLAS, "UB4") if m.kind == PARTIAL} == {
        f"BL{i}" for i in range(40, 50)
    }


@pytest.mark.parametrize(
    ("point_id", "query"),
    [("BL18", ""), ("BL18", "BL18"), ("BL18", "bl 18"), ("BL18", "肝俞"), ("LI4", "合谷")],
)
def test_the_top_of_the_scale_is_100(point_id: str, query: str) -> None:
    # An empty query matches every point fully; an exact code or hanzi is the best match there is.
    assert score(ATLAS.point(point_id), query) == 100.0


def test_the_kinds_of_match_rank_in_order() -> None:
    # An exact code, then an exact name, a channel's name, a code's start, a part of the hanzi, a part of a
    # name, a fuzzy match: each strictly below the one before.
    ladder = [
        ("BL18", "BL18"),
        ("BL18", "Ganshu"),
        ("LR3", "Gan"),
        ("BL18", "BL1"),
        ("BL18", "肝"),
        ("BL18", "gansh"),
        ("BL18", "gansu"),
    ]
    scores = [score(ATLAS.point(pid), query) for pid, query in ladder]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores), scores


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("valley union", "LI4"),  # Union Valley, its words in another order
        ("Valley Union", "LI4"),
        ("well shoulder", "GB21"),
        ("ganshuu", "BL18"),  # a letter too many: longer than the name, so no part of it
        ("sanyinjaio", "SP6"),  # two letters swapped
    ],
)
def test_fuzzy_matches_of_a_whole_name(query: str, first: str) -> None:
    found = matches(ATLAS, query)
    assert (found[0].point.id, found[0].kind) == (first, SIMILAR)


def test_a_misspelt_part_of_a_name_of_four_letters_is_found() -> None:
    # "jiej" is one letter from "jiaj", a part of Huatuo Jiaji and Jing Jiaji (EX-B2, the neck's JJ-C).
    found = {m.point.id for m in matches(ATLAS, "jiej")}
    assert {"EX-B2-T1", "EX-B2-L5", "JJ-C2"} <= found


def test_a_code_missing_a_digit_offers_the_codes_it_could_be() -> None:
    assert [(m.point.id, m.kind) for m in matches(ATLAS, "bl8")] == [("BL18", SIMILAR), ("BL48", SIMILAR)]


def test_a_fuzzy_score_exactly_at_the_minimum_is_kept() -> None:
    # A slip in BL46's Diaphragm Gate; BL17, Diaphragm Shu, scores exactly the minimum (72) and is offered too.
    assert score(ATLAS.point("BL17"), "diaphragmgete") == 72.0
    assert [m.point.id for m in matches(ATLAS, "diaphragmgete")] == ["BL46", "BL17"]


def test_a_channel_not_in_the_data_is_named_by_nothing() -> None:
    assert not names_meridian("Heart", "heart")
    assert not names_meridian("Heart", "Xin")


@pytest.mark.parametrize("query", ["?", " - ", "..."])
def test_punctuation_alone_is_no_query(query: str) -> None:
    found = matches(ATLAS, query)
    assert len(found) == len(ATLAS.points)
    assert {m.kind for m in found} == {""}
