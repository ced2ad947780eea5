"""Deep links: unknown values are ignored with one notice per distinct problem, long values cut short."""

from __future__ import annotations

import pytest

from acumap.data import load_atlas
from acumap.selection import MAX_NOTICES, NOTICE_VALUE_CHARS, from_params

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
