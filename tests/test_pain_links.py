"""The link's words for a pain drawing and a home plan (acumap.links): read with a plain notice for a value that
cannot be used, and kept when a view is shared."""

from __future__ import annotations

import pytest

from acumap import home_plan, links, pain
from acumap.atlas.data import load_atlas

ATLAS = load_atlas()
TODAY = pain.shade(pain.clear(), [(-4.0, 8.5), (-4.0, 13.0)], 6)
EARLIER = pain.shade(pain.clear(), [(4.0, 30.0)], 8)


@pytest.mark.parametrize(
    ("params", "today", "earlier", "notices"),
    [
        ({}, None, None, ()),
        ({"pain": pain.encode(TODAY)}, TODAY, None, ()),
        ({"pain": [pain.encode(TODAY)], "earlier": pain.encode(EARLIER)}, TODAY, EARLIER, ()),
        (
            {"pain": "2.abc", "earlier": pain.encode(EARLIER)},
            None,
            EARLIER,
            ("The pain drawing in the link was written in format 2; this AcuMap reads format 1.",),
        ),
        (
            {"pain": pain.encode(TODAY), "earlier": "1.@"},
            TODAY,
            None,
            (
                "Earlier drawing: The pain drawing in the link is damaged (it has characters a link of AcuMap "
                "never has).",
            ),
        ),
    ],
)
def test_the_pain_drawings_of_a_link(
    params: dict[str, str | list[str]],
    today: pain.PainDrawing | None,
    earlier: pain.PainDrawing | None,
    notices: tuple[str, ...],
) -> None:
    assert links.pain_from_params(params) == links.PainLink(today, earlier, notices)


def test_the_home_plan_of_a_link() -> None:
    plan = home_plan.HomePlan(("SI3", "GV20"), 60, 2)
    assert links.plan_from_params(ATLAS, {"plan": home_plan.encode_plan(plan)}) == (plan, None)
    assert links.plan_from_params(ATLAS, {}) == (None, None)
    assert links.plan_from_params(ATLAS, {"plan": "1.@"}) == (
        None,
        "The home plan in the link is damaged (it has characters a link of AcuMap never has).",
    )


def test_a_shared_view_keeps_the_drawings_and_the_plan() -> None:
    params = {
        "audience": "patient",
        "pain": "1.abcd",
        "earlier": "1.efgh",
        "plan": "1.ijkl",
        "mode": "present",
    }
    assert links.share_link("https://acumap.example/", "", params) == (
        "https://acumap.example/?audience=patient&pain=1.abcd&earlier=1.efgh&plan=1.ijkl"
    )
