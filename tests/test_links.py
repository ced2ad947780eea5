"""Deep links: unknown values are ignored with one notice per distinct problem, long values cut short."""

from __future__ import annotations

import pytest

from acumap import links
from acumap.atlas.data import load_atlas
from acumap.links import MAX_NOTICES, NOTICE_VALUE_CHARS, from_params

ATLAS = load_atlas()


@pytest.mark.parametrize(
    ("params", "notices"),
    [
        ({"region": "neck", "point": "bl18"}, []),
        (
            {"region": "knee"},
            ["The link asked for region “knee”, which AcuMap does not know; it was ignored."],
        ),
        # The same value twice is one problem, not two.
        (
            {"region": ["knee", "knee"]},
            ["The link asked for region “knee”, which AcuMap does not know; it was ignored."],
        ),
        (
            {"region": ["neck", "middle_back"]},
            ["The link gives region more than once; the first (“neck”) was used."],
        ),
        ({"zoom": ["1", "2"]}, ["The link parameter “zoom” is not used by AcuMap; it was ignored."]),
        (
            {"mode": "disco"},
            ["The link asked for mode “disco”; AcuMap knows only “present”. It was ignored."],
        ),
        (
            {"audience": "robots"},
            ["The link asked for audience “robots”; AcuMap knows “patient” and “student”. It was ignored."],
        ),
    ],
)
def test_one_notice_per_distinct_problem(params: dict[str, str | list[str]], notices: list[str]) -> None:
    assert list(from_params(ATLAS, params).notices) == notices


@pytest.mark.parametrize(
    ("value", "patient"), [("patient", True), ("Patient", True), ("student", False), ("robots", False)]
)
def test_audience_patient_by_link(value: str, patient: bool) -> None:
    assert from_params(ATLAS, {"audience": value}).patient is patient


def test_long_values_are_cut_short() -> None:
    value = "x" * 5000 + "\n<script>"
    (notice,) = from_params(ATLAS, {"point": value}).notices
    quoted = notice.split("“")[1].split("”")[0]
    assert quoted == "x" * (NOTICE_VALUE_CHARS - 1) + "…"
    assert len(notice) < 120


def test_many_problems_are_counted_not_listed() -> None:
    params: dict[str, str | list[str]] = {f"p{i}": "1" for i in range(9)} | {"region": "knee"}
    notices = from_params(ATLAS, params).notices
    assert len(notices) == MAX_NOTICES
    assert notices[-1] == f"…and {10 - (MAX_NOTICES - 1)} more parts of the link were ignored."


def test_known_values_still_apply_next_to_unknown_ones() -> None:
    chosen = from_params(ATLAS, {"region": "middle_back_left", "point": "nope", "utm_source": "mail"})
    assert chosen.region is not None and chosen.region.id == "middle_back_left"
    assert chosen.point is None
    assert len(chosen.notices) == 2


# ---- writing links: what the pages put in the address, and the links a class uses ---------------------------


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ({}, {}),
        ({"region": "neck"}, {"region": "neck"}),
        ({"point": "BL18"}, {"point": "BL18"}),
        ({"region": "", "point": None}, {}),  # what is not set is left out
        ({"present": True}, {"mode": "present"}),
        ({"patient": True}, {"audience": "patient"}),
        ({"tour_step": "lines"}, {"tour": "lines"}),
        (
            {"region": "middle_back", "point": "BL18", "present": True, "patient": True, "tour_step": "c7"},
            {
                "region": "middle_back",
                "point": "BL18",
                "mode": "present",
                "audience": "patient",
                "tour": "c7",
            },
        ),
    ],
)
def test_map_params_writes_only_what_is_set(view: dict[str, object], expected: dict[str, str]) -> None:
    written = links.map_params(**view)  # type: ignore[arg-type]
    assert written == expected
    assert list(written) == list(expected)  # in the link's order


@pytest.mark.parametrize(
    ("view", "region", "point", "present", "patient", "tour_step"),
    [
        ({"region": "middle_back_left", "point": "BL18"}, "middle_back_left", "BL18", False, False, None),
        ({"present": True, "patient": True}, None, None, True, True, None),
        ({"tour_step": "scapula"}, "upper_back", None, False, False, "scapula"),  # the step's own view
    ],
)
def test_a_written_link_reads_back_as_the_same_view(
    view: dict[str, object],
    region: str | None,
    point: str | None,
    present: bool,
    patient: bool,
    tour_step: str | None,
) -> None:
    chosen = from_params(ATLAS, links.map_params(**view))  # type: ignore[arg-type]
    assert chosen.notices == ()
    assert (chosen.region.id if chosen.region else None, chosen.point.id if chosen.point else None) == (
        region,
        point,
    )
    assert (chosen.projector, chosen.patient, chosen.tour) == (present, patient, tour_step)


def test_quiz_params_carry_the_round_and_its_answers_only_when_there_are_some() -> None:
    assert links.quiz_params("find.all.s1.lm", "") == {"round": "find.all.s1.lm"}
    assert links.quiz_params("find.all.s1.lm", "x1") == {"round": "find.all.s1.lm", "a": "x1"}


def test_a_class_has_a_join_link_and_a_teacher_link() -> None:
    assert (
        links.join_link("https://acumap.example/school/", "AB234")
        == "https://acumap.example/school/class?join=AB234"
    )
    assert (
        links.teacher_link("https://acumap.example/class", "AB234", "k-_9")
        == "https://acumap.example/class?teach=AB234&key=k-_9"
    )
    # A shared view never carries a teacher's key, nor the presenter's mode.
    assert (
        links.share_link("http://h/", "class", {"teach": "AB234", "key": "k", "mode": "present"})
        == "http://h/class"
    )


def test_a_tour_step_alone_opens_its_point() -> None:
    chosen = from_params(ATLAS, {"tour": "back_shu"})
    assert (chosen.region.id if chosen.region else None, chosen.point.id if chosen.point else None) == (
        "middle_back",
        "BL18",
    )
    assert from_params(ATLAS, {"tour": "c7"}).point is not None


def test_exactly_as_many_notices_as_are_shown_are_all_listed() -> None:
    params = {f"x{i}": "1" for i in range(MAX_NOTICES)}
    notices = from_params(ATLAS, params).notices
    assert len(notices) == MAX_NOTICES
    assert not any("more parts of the link" in n for n in notices)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a  b\n c", "a b c"),  # one line, one space
        ("x" * NOTICE_VALUE_CHARS, "x" * NOTICE_VALUE_CHARS),  # exactly the limit: whole
        (
            "x" * (NOTICE_VALUE_CHARS - 2) + " yz",
            "x" * (NOTICE_VALUE_CHARS - 2) + "…",
        ),  # cut, no space before …
    ],
)
def test_a_link_value_is_shown_on_one_short_line(text: str, shown: str) -> None:
    assert links.short(text) == shown
