"""Quiz scoring (table-driven: attempts at known offsets give known errors) and reproducible rounds."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import markers_for
from acumap.body import anatomy
from acumap.body.scales import CM_PER_CUN_ACROSS
from acumap.quiz import (
    Reading,
    RoundSpec,
    asked_code,
    decode_answers,
    decode_attempts,
    draw,
    encode_answers,
    hint,
    level_position,
    most_missed,
    nameable,
    pool,
    read_answer,
    score_attempt,
    score_name,
    summarise,
)
from tests.builders import hand_row, point_row

ATLAS = load_atlas()


def marker(pid: str, side: str) -> tuple[float, float]:
    m = next(m for m in markers_for(ATLAS, ATLAS.point(pid).view) if m.point.id == pid and m.side == side)
    return m.x, m.y


def level_step(level: str, levels: float) -> float:
    """The lower border of the level `levels` below `level` (whole levels; a fraction within its own gap)."""
    whole = math.floor(levels)
    at = anatomy.SPINE_LEVELS[anatomy.SPINE_LEVELS.index(level) + whole]
    gap = anatomy.level_y(anatomy.SPINE_LEVELS[anatomy.SPINE_LEVELS.index(at) + 1]) - anatomy.level_y(at)
    return anatomy.lower_border_y(at) + (levels - whole) * gap


@pytest.mark.parametrize(
    ("pid", "side", "dx_cun", "levels", "correct", "vertical", "sideways", "words"),
    [
        ("BL18", "left", 0.0, 0.0, True, 0.0, 0.0, ["On the point"]),
        ("BL18", "right", 0.0, 0.0, True, 0.0, 0.0, ["On the point"]),
        ("BL18", "left", 0.0, 1.0, False, 1.0, 0.0, ["one level too low"]),
        ("BL18", "right", 0.0, -1.0, False, -1.0, 0.0, ["one level too high"]),
        # dx is away from the midline on either side: 1 cun too far out.
        ("BL18", "left", 1.0, 0.0, False, 0.0, 1.0, ["1.0 cun too far from the midline"]),
        ("BL18", "right", -1.0, 0.0, False, 0.0, -1.0, ["1.0 cun too close to the midline"]),
        ("BL18", "right", 0.3, 0.3, True, 0.3, 0.3, ["Close enough: within half a cun"]),
        (
            "BL18",
            "left",
            1.5,
            2.0,
            False,
            2.0,
            1.5,
            ["2 levels too low", "1.5 cun too far from the midline"],
        ),
        ("GV9", "midline", 0.8, 0.0, False, 0.0, 0.8, ["0.8 cun off the midline, to the right"]),
    ],
)
def test_back_attempts_in_levels_and_cun(
    pid: str,
    side: str,
    dx_cun: float,
    levels: float,
    correct: bool,
    vertical: float,
    sideways: float,
    words: list[str],
) -> None:
    x, y = marker(pid, side)
    outwards = -1.0 if side == "left" else 1.0
    level = ATLAS.point(pid).spine_level
    assert level is not None
    ay = level_step(level, levels) + (y - anatomy.lower_border_y(level))
    s = score_attempt(ATLAS, pid, "back", x + outwards * dx_cun * anatomy.CM_PER_CUN, ay)
    assert s.correct is correct
    assert s.vertical == pytest.approx(vertical, abs=0.02)
    assert s.sideways == pytest.approx(sideways, abs=0.01)
    assert list(s.feedback) == words
    assert s.side == side


def test_bilateral_point_scores_against_the_nearer_side() -> None:
    x, y = marker("BL18", "left")
    s = score_attempt(ATLAS, "BL18", "back", -x, y)  # the mirror image: the right-hand point
    assert s.correct and s.side == "right"


@pytest.mark.parametrize(
    ("pid", "dx_cun", "dy_cun", "correct", "words"),
    [
        ("LI4", 0.0, 0.0, True, ["On the point"]),
        ("LI4", 0.0, 1.0, False, ["1.0 cun too far towards the elbow"]),
        ("LI4", -1.0, 0.0, False, ["1.0 cun too far towards the thumb side"]),
        ("ST36", 0.0, -1.0, False, ["1.0 cun too far towards the knee"]),
        ("SP6", 0.2, 0.2, True, ["Close enough: within half a cun"]),
        ("GV20", 0.0, 1.0, False, ["1.0 cun too far towards the back of the head"]),
    ],
)
def test_other_diagrams_in_their_own_cun(
    pid: str, dx_cun: float, dy_cun: float, correct: bool, words: list[str]
) -> None:
    point = ATLAS.point(pid)
    scale = CM_PER_CUN_ACROSS[point.view]
    assert point.x is not None and point.y is not None
    s = score_attempt(ATLAS, pid, point.view, point.x + dx_cun * scale, point.y + dy_cun * scale)
    assert s.correct is correct
    assert s.distance_cun == pytest.approx(math.hypot(dx_cun, dy_cun), abs=1e-6)
    assert list(s.feedback) == words


def test_an_attempt_on_the_wrong_diagram() -> None:
    s = score_attempt(ATLAS, "LI4", "back", 0.0, 10.0)
    assert s.wrong_view and not s.correct
    assert s.feedback == ("LI4 is on the hand diagram, not the back",)


def test_level_position_counts_the_ladder() -> None:
    assert level_position(anatomy.level_y("C7")) == pytest.approx(0.0)
    assert level_position(anatomy.level_y("T9")) == pytest.approx(9.0)
    assert level_position(anatomy.level_y("L5")) == pytest.approx(17.0)


def test_hints_come_from_the_body_model() -> None:
    assert hint(ATLAS.point("BL18")) == (
        "Count the spinous processes down from C7 (the prominent one at the base of the neck) to T9; "
        "BL18 is level with its lower border, on the inner Bladder line, 1.5 cun out."
    )
    assert hint(ATLAS.point("GV9")).endswith("GV9 is on the midline in the dip just below it.")


@pytest.mark.parametrize(
    ("pid", "beside_the_shoulder_blade"),
    [("BL42", True), ("BL44", True), ("BL46", True), ("BL47", False), ("BL48", False), ("BL52", False)],
)
def test_the_shoulder_blade_is_named_only_where_it_lies(pid: str, beside_the_shoulder_blade: bool) -> None:
    # Its inner edge runs beside the 3-cun line from about T2 down to its lower tip at T7, not below.
    said = "along the inner edge of the shoulder blade" in hint(ATLAS.point(pid))
    assert said is beside_the_shoulder_blade
    assert "the outer Bladder line, 3 cun out" in hint(ATLAS.point(pid))


def test_a_round_asks_at_most_two_points_of_a_shared_code() -> None:
    jiaji_per_round = []
    for seed in range(300):
        spec = RoundSpec(source="region", value="middle_back", seed=seed)
        ids = draw(ATLAS, spec)
        assert len(ids) == 10
        assert len(set(ids)) == 10
        jiaji_per_round.append(sum(ATLAS.point(pid).code == "EX-B2" for pid in ids))
    assert max(jiaji_per_round) == 2
    # Without the limit, a plain draw from this pool asks up to five of them.
    pool_ids = [lk.point_id for lk in ATLAS.links_for("middle_back")]
    assert sum(ATLAS.point(pid).code == "EX-B2" for pid in pool_ids) > 2


def test_rounds_are_seeded_and_reproducible() -> None:
    spec = RoundSpec(source="region", value="middle_back", seed=42)
    first = draw(ATLAS, spec)
    assert first == draw(ATLAS, spec)
    assert len(first) == 10 and len(set(first)) == 10
    linked = {lk.point_id for lk in ATLAS.links_for("middle_back")}
    assert set(first) <= linked
    assert draw(ATLAS, RoundSpec(source="region", value="middle_back", seed=43)) != first
    meridian = draw(ATLAS, RoundSpec(source="meridian", value="Governor Vessel", seed=1))
    assert all(ATLAS.point(p).meridian == "Governor Vessel" for p in meridian)
    hand = draw(ATLAS, RoundSpec(source="view", value="hand", seed=1))
    assert sorted(hand) == sorted(p.id for p in ATLAS.points if p.view == "hand")


@pytest.mark.parametrize(
    "spec",
    [
        RoundSpec(),
        RoundSpec("name", "region", "neck", 7, False),
        RoundSpec("find", "missed", "BL18,GV9,LI4", 123456789, True),
        # Ten misses with long ids: longer than any other value, and still a link that reads back.
        RoundSpec("find", "missed", ",".join(f"EX-B2-T{n}" for n in range(1, 11)), 5, False),
        RoundSpec("find", "meridian", "Governor Vessel", 3, True),
    ],
)
def test_round_link_round_trips(spec: RoundSpec) -> None:
    assert RoundSpec.decode(spec.encode()) == spec


@pytest.mark.parametrize(
    "text",
    [
        "",
        "find",
        "find.all.s1",
        "fly.all.s1.lm",
        "find.region-.s1.lm",
        "find.all.sx.lm",
        "find.region-<b>.s1.lm",
        "find.all-neck.s1.lm",
        "find.missed-BL18,<b>.s1.lm",
        "find.missed-" + ",".join(["BL18"] * 11) + ".s1.lm",  # more than a round
    ],
)
def test_bad_round_links_are_refused(text: str) -> None:
    assert RoundSpec.decode(text) is None


def test_most_missed_and_summary() -> None:
    history = [
        ("BL18", False),
        ("BL18", False),
        ("GV9", False),
        ("GV9", True),
        ("LI4", True),
        ("BL20", False),
    ]
    assert most_missed(history) == ["BL18", "BL20"]
    scores = [
        score_attempt(ATLAS, "BL18", "back", *marker("BL18", "left")),
        score_attempt(ATLAS, "LI4", "hand", 0.0, 0.0),
    ]
    summary = summarise(scores)
    assert (summary.answered, summary.correct, summary.to_practise) == (2, 1, ("LI4",))
    assert summary.mean_error_cun == pytest.approx(scores[1].distance_cun / 2)


def test_attempts_round_trip_through_the_link() -> None:
    from acumap.quiz import decode_attempts, encode_attempts

    attempts = [("back", -5.06, 25.5), ("hand", -3.5, -5.2)]
    assert decode_attempts(encode_attempts(attempts)) == attempts
    assert decode_attempts("arm:1:2") is None
    assert decode_attempts("back:1") is None


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("BL18", Reading("BL18")),
        ("bl 18", Reading("BL18")),  # case and spacing
        ("BL-18", Reading("BL18")),
        ("Gānshū", Reading("BL18")),  # tone marks
        ("ganshu", Reading("BL18")),
        ("Gansu", Reading("BL18")),  # one letter missing
        ("Ganshy", Reading("BL18")),  # one letter wrong
        ("liver shu", Reading("BL18")),  # the English name
        ("Liver Shoo", Reading("BL18")),  # two slips in a longer name
        ("肝俞", Reading("BL18")),  # hanzi
        ("Union Valley", Reading("LI4")),
        ("hegu", Reading("LI4")),
        ("Dazhui", Reading("GV14")),
        ("dazhu", Reading("BL11")),  # exact pinyin of BL11, not a typo of Dazhui
        (
            "Hanshu",
            Reading(None, ("BL18", "BL19"), tied=True),
        ),  # one letter from Ganshu and from Danshu: ask which
        ("BL17x", Reading(None, ("BL17",))),  # a code is never read past a slip, only offered
        ("EX-B2", Reading("EX-B2-T1")),  # the Jiaji code names every level: read as that code
        ("GB22", Reading(None, ("BL22", "GB21", "GB20"))),  # not in AcuMap: suggestions, not a tie
        ("Hegoo", Reading(None)),  # two slips in a short name: too far
        ("", Reading(None)),
    ],
)
def test_reading_a_typed_answer(typed: str, reading: Reading) -> None:
    assert read_answer(ATLAS, typed) == reading


@pytest.mark.parametrize(
    ("asked", "given", "correct", "words"),
    [
        ("BL18", "BL18", True, ("It is BL18 Gānshū (Liver Shu)",)),
        (
            "BL18",
            "BL19",
            False,
            ("This is BL18 Gānshū (Liver Shu), not BL19 Dǎnshū", "BL19 lies one level too low"),
        ),
        (
            "BL18",
            "BL17",
            False,
            ("This is BL18 Gānshū (Liver Shu), not BL17 Géshū", "BL17 lies 2 levels too high"),
        ),
        (
            "BL18",
            "BL47",
            False,
            (
                "This is BL18 Gānshū (Liver Shu), not BL47 Húnmén",
                "BL47 lies 1.5 cun too far from the midline",
            ),
        ),
        (
            "BL18",
            "LI4",
            False,
            ("This is BL18 Gānshū (Liver Shu), not LI4 Hégǔ", "LI4 is on the hand diagram"),
        ),
    ],
)
def test_naming_scores_and_tells_the_two_points_apart(
    asked: str, given: str, correct: bool, words: tuple[str, ...]
) -> None:
    result = score_name(ATLAS, asked, given)
    assert (result.correct, result.feedback) == (correct, words)
    assert math.isnan(result.distance_cun)


def test_named_answers_round_trip_through_the_link() -> None:
    ids = ["BL18", "LI4", "EX-B2_T5"]
    assert decode_answers(encode_answers(ids)) == ids
    assert decode_answers("BL18~<script>") is None


def test_summary_of_a_naming_round_has_no_distance() -> None:
    summary = summarise([score_name(ATLAS, "BL18", "BL18"), score_name(ATLAS, "BL20", "BL21")])
    assert (summary.correct, summary.answered, summary.mean_error_cun, summary.to_practise) == (
        1,
        2,
        None,
        ("BL20",),
    )


def test_naming_rounds_leave_out_points_that_share_a_code() -> None:
    every = set(draw(ATLAS, RoundSpec("name", "view", "back", 3), length=1000))
    assert not any(pid.startswith("EX-B2") for pid in every)
    assert any(
        pid.startswith("EX-B2") for pid in draw(ATLAS, RoundSpec("find", "view", "back", 3), length=1000)
    )
    assert "BL18" in every


@pytest.mark.parametrize("text", ["back:0:inf", "back:nan:nan", "back:1e999:0", "hand:0:900"])
def test_attempts_outside_any_diagram_are_refused(text: str) -> None:
    assert decode_attempts(text) is None


def test_a_shared_code_is_asked_with_its_level() -> None:
    assert asked_code(ATLAS, ATLAS.point("EX-B2-T5")) == "EX-B2 at T5"
    assert asked_code(ATLAS, ATLAS.point("BL18")) == "BL18"
    # Naming BL18 as the Jiaji code says which point it is, without a distance to one arbitrary level.
    assert score_name(ATLAS, "BL18", "EX-B2-T1").feedback == (
        "This is BL18 Gānshū (Liver Shu), not EX-B2 Huàtuó Jiájǐ",
    )


def test_the_results_chart_labels_only_the_misses_and_keeps_every_attempt_in_view() -> None:
    from acumap.charts.quiz import attempts_figure

    right = [score_attempt(ATLAS, pid, "back", *marker(pid, "left")) for pid in ("BL18", "BL20", "BL17")]
    x, y = marker("BL23", "right")
    missed = score_attempt(ATLAS, "BL23", "back", x + 2.0 * anatomy.CM_PER_CUN, y)  # 2 cun too far out
    assert [s.correct for s in right] == [True, True, True] and not missed.correct
    fig = attempts_figure([*right, missed])
    ok, off = fig.data
    # The right ones at the cross are not labelled (three labels on one spot); the legend counts them.
    assert (ok.mode, ok.name, off.mode, off.name) == ("markers", "right (3)", "markers+text", "missed (1)")
    assert list(off.text) == ["BL23"]
    assert off.cliponaxis is False  # a label at the edge is not cut
    # The furthest attempt and its label inside the axes; levels and cun not forced to one scale.
    assert fig.layout.xaxis.range[1] > missed.sideways + 0.5
    assert fig.layout.xaxis.range[0] == -fig.layout.xaxis.range[1]
    assert fig.layout.yaxis.range[1] >= 1.0
    assert fig.layout.yaxis.scaleanchor is None


def test_the_results_chart_draws_a_miss_where_it_fell_around_the_cross_with_its_own_shape() -> None:
    from acumap.charts.quiz import attempts_figure

    right = score_attempt(ATLAS, "BL18", "back", *marker("BL18", "left"))
    x, y = marker("BL23", "right")
    low = score_attempt(ATLAS, "BL23", "back", x, y + 6.0)  # well below the point: too low
    assert low.vertical > 0 and not low.correct
    fig = attempts_figure([right, low])
    ok, off = fig.data
    assert off.y[0] < 0  # too low is drawn below the cross
    assert off.x[0] == pytest.approx(0.0, abs=0.3)  # and not to either side
    assert fig.layout.yaxis.range[0] == -fig.layout.yaxis.range[1]
    # The cross: a line through zero each way.
    assert sorted((sh.type, sh.x0, sh.y0) for sh in fig.layout.shapes) == [("line", 0, 0), ("line", 0, 0)]
    assert {(sh.xref, sh.yref) for sh in fig.layout.shapes} == {("x domain", "y"), ("x", "y domain")}
    # Right and missed differ by shape as well as colour.
    assert ok.marker.symbol != off.marker.symbol
    assert "cun" in fig.layout.xaxis.title.text and "level" in fig.layout.yaxis.title.text


@pytest.mark.parametrize(
    ("spec", "ids"),
    [
        (
            RoundSpec(source="meridian", value="Small Intestine"),
            ["SI3", "SI9", "SI10", "SI11", "SI12", "SI13", "SI14", "SI15", "SI6"],
        ),
        (
            RoundSpec(source="view", value="leg"),
            ["BL40", "BL60", "GB34", "GB39", "SP6", "ST36", "LR3", "ST38"],
        ),
        # Missed points: known ids only, each once, in the order missed.
        (RoundSpec(source="missed", value="BL18,XX1,BL18,GV14"), ["BL18", "GV14"]),
        (RoundSpec(source="region", value="nowhere"), []),
    ],
    ids=["meridian", "view", "missed", "unknown-region"],
)
def test_a_round_draws_from_exactly_its_pool(spec: RoundSpec, ids: list[str]) -> None:
    assert [p.id for p in pool(ATLAS, spec)] == ids


def test_a_region_round_draws_the_region_s_points_and_all_draws_everything() -> None:
    neck = [p.id for p in pool(ATLAS, RoundSpec(source="region", value="neck"))]
    assert neck[:6] == ["GV14", "GV20", "BL11", "BL60", "EX-B1", "GB21"]
    assert len(neck) == 25
    assert len(pool(ATLAS, RoundSpec(source="all"))) == len(ATLAS.points) == 92


# --- rounds and links at their edges ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "find.missed-BL18.s1.lm",  # one missed point is a round
        "name.all.s1.nolm",
        "find.all.s123456789.lm",  # nine digits of seed
    ],
)
def test_good_round_links_are_read(text: str) -> None:
    spec = RoundSpec.decode(text)
    assert spec is not None
    assert spec.encode() == text


@pytest.mark.parametrize(
    "text",
    [
        "find.all.s1.xx",  # neither landmarks nor none
        "find.all.s1234567890.lm",  # ten digits of seed
        "find.all.s.lm",
        "find.missed.s1.lm",  # missed, but no point named
        "find.region.s1.lm",  # a region, but not which
    ],
)
def test_more_bad_round_links_are_refused(text: str) -> None:
    assert RoundSpec.decode(text) is None


@pytest.mark.parametrize(
    ("spec", "n", "facts"),
    [
        (RoundSpec("find", "region", "upper_back"), 10, ("Find", "10", "upper back")),
        (RoundSpec("name", "meridian", "Governor Vessel"), 7, ("Name", "7", "Governor Vessel meridian")),
        (RoundSpec("find", "view", "hand"), 3, ("Find", "3", "hand diagram")),
        (RoundSpec("name", "missed", "BL18"), 1, ("Name", "1", "missed")),
        (RoundSpec("find", "all"), 10, ("Find", "10", "every point")),
    ],
)
def test_a_rounds_label_says_its_mode_length_and_pool(
    spec: RoundSpec, n: int, facts: tuple[str, ...]
) -> None:
    label = spec.label(n)
    for fact in facts:
        assert fact in label, (fact, label)
    assert ("Name" in label) is (spec.mode == "name")


@pytest.mark.parametrize(
    ("history", "missed"),
    [
        # More misses first, whatever the id; a tie by id.
        ([("GV9", False), ("GV9", False), ("BL18", False)], ["GV9", "BL18"]),
        ([("GV9", False), ("BL18", False)], ["BL18", "GV9"]),
        # A hit cancels a miss, in either order.
        ([("GV9", True), ("GV9", False)], []),
        ([("GV9", False), ("GV9", True)], []),
        ([("GV9", False), ("GV9", False), ("GV9", True)], ["GV9"]),
    ],
)
def test_most_missed_counts_misses_minus_hits(history: list[tuple[str, bool]], missed: list[str]) -> None:
    assert most_missed(history) == missed


def test_most_missed_keeps_a_rounds_worth_by_default_and_the_limit_given() -> None:
    history = [(f"BL{n}", False) for n in range(11, 23)]  # twelve points missed once each
    assert most_missed(history) == [f"BL{n}" for n in range(11, 21)]
    assert most_missed(history, limit=2) == ["BL11", "BL12"]


@pytest.mark.parametrize(
    ("text", "attempts"),
    [
        ("back:500:-500", [("back", 500.0, -500.0)]),  # exactly at the largest diagram's edge
        ("back:-500:500", [("back", -500.0, 500.0)]),
        ("back:1:2~~hand:3:4~", [("back", 1.0, 2.0), ("hand", 3.0, 4.0)]),  # empty parts are skipped
        ("back:500.01:0", None),
        ("back:0:-500.01", None),
        ("back:1:2:3", None),
    ],
)
def test_attempts_from_the_link_at_the_edges(
    text: str, attempts: list[tuple[str, float, float]] | None
) -> None:
    assert decode_attempts(text) == attempts


def test_two_points_sharing_a_code_are_asked_with_their_level_and_never_named(
    make_data: Callable[..., Path],
) -> None:
    jiaji = {
        "code": "EX-B2",
        "offset_cun": "0.5",
        "pinyin": "Huatuo Jiaji",
        "english": "Huatuo's Paravertebral Points",
        "hanzi": "华佗夹脊",
    }
    atlas = load_atlas(
        make_data(
            points=[
                point_row(),
                hand_row(),
                point_row(id="EX-B2-T5", spine_level="T5", **jiaji),
                point_row(id="EX-B2-T6", spine_level="T6", **jiaji),
            ]
        )
    )
    assert asked_code(atlas, atlas.point("EX-B2-T6")) == "EX-B2 at T6"
    assert nameable(atlas) == ["BL18", "LI4"]


# --- reading a typed answer: how many slips a name allows ----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "point_id"),
    [
        ("kunlum", "BL60"),  # Kunlun: six letters, one slip allowed
        ("kinlum", None),  # two slips in six letters: too far
        ("zhuyeng", "GV9"),  # Zhiyang: seven letters, two slips allowed
        ("zhuyenk", None),  # three slips: too far
    ],
)
def test_a_name_of_seven_letters_or_more_allows_two_slips(typed: str, point_id: str | None) -> None:
    assert read_answer(ATLAS, typed).point_id == point_id


def test_a_start_of_a_code_offers_three_points_of_different_codes() -> None:
    assert read_answer(ATLAS, "BL1") == Reading(None, ("BL11", "BL12", "BL13"))


def test_a_name_two_codes_share_names_neither(make_data: Callable[..., Path]) -> None:
    atlas = load_atlas(make_data(points=[point_row(), hand_row(pinyin="Ganshu")]))
    assert read_answer(atlas, "ganshu") == Reading(None, ("BL18", "LI4"), tied=True)


def test_a_point_counts_its_nearest_name(make_data: Callable[..., Path]) -> None:
    # "Zhongfu" is one slip from LI4's first name and two from its second; two from BL18's: LI4 is meant.
    atlas = load_atlas(
        make_data(
            points=[
                point_row(pinyin="Shangfu", english="Upper Palace"),
                hand_row(pinyin="Zhongdu (Zhongzhu)", english="Middle Capital"),
            ]
        )
    )
    assert read_answer(atlas, "zhongfu") == Reading("LI4")


@pytest.mark.parametrize(
    ("pid", "starts", "where"),
    [
        # A point at C7 is found at C7 itself, not by counting down from C7 to C7.
        (
            "GB21",
            "Find C7, the prominent spinous process",
            "level with its lower border, 4 cun from the midline.",
        ),
        ("BL18", "Count the spinous processes down from C7", "on the inner Bladder line, 1.5 cun out."),
    ],
)
def test_a_back_hint_reads_as_a_sentence(pid: str, starts: str, where: str) -> None:
    text = hint(ATLAS.point(pid))
    assert text.startswith(starts)
    assert text.endswith(where)


@pytest.mark.parametrize("typed", ["?", " ... ", "-"])
def test_punctuation_alone_names_no_point(typed: str) -> None:
    assert read_answer(ATLAS, typed) == Reading(None)


@pytest.mark.parametrize(
    ("pid", "asked"),
    [("BL18", "BL18"), ("EX-B2-T5", "EX-B2 at T5"), ("JJ-C4", "JJ-C4"), ("JJ-C2", "JJ-C2")],
)
def test_a_question_names_one_point_even_where_points_share_a_code(pid: str, asked: str) -> None:
    assert asked_code(ATLAS, ATLAS.point(pid)) == asked
