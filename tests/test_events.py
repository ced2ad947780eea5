"""Map events -> state: the one rule the browser mirrors (table-driven), and the parsing of its payloads."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from acumap.atlas.data import load_atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.atlas.regions import RegionChoice
from acumap.atlas.selection import (
    Ack,
    MapEvent,
    MapMode,
    ViewState,
    acknowledge,
    apply_event,
    highlights,
    parse_event,
)
from acumap.drawing.assets import load_drawing
from acumap.drawing.svg import map_payload
from tests.nodejs import run_js

ATLAS = load_atlas()
OVERVIEW = ViewState()


#: What each event does, from each state: Python's rule, and the browser's (rules.js) held to the same table.
EVENT_CASES = [
    # A region lights; the same region again goes back to the overview; another region replaces it.
    (OVERVIEW, MapEvent("region", "middle_back_left"), ViewState("middle_back_left")),
    (ViewState("middle_back_left"), MapEvent("region", "middle_back_left"), OVERVIEW),
    (
        ViewState("middle_back_left"),
        MapEvent("region", "upper_back_right"),
        ViewState("upper_back_right"),
    ),
    # Both sides chosen from the menu, then one side clicked: that side only.
    (ViewState("middle_back"), MapEvent("region", "middle_back_left"), ViewState("middle_back_left")),
    # A region click closes an open point.
    (ViewState("middle_back", "BL18"), MapEvent("region", "neck"), ViewState("neck")),
    # A point opens its details and keeps the region; the same point again closes them.
    (ViewState("middle_back"), MapEvent("point", "BL18"), ViewState("middle_back", "BL18")),
    (ViewState("middle_back", "BL18"), MapEvent("point", "BL18"), ViewState("middle_back")),
    (ViewState("middle_back", "BL18"), MapEvent("point", "LI4"), ViewState("middle_back", "LI4")),
    (OVERVIEW, MapEvent("point", "EX-B2-T5"), ViewState(None, "EX-B2-T5")),
    # A bare position changes nothing (the quiz reads it); clear (Escape) goes back to the overview.
    (ViewState("neck", "GB21"), MapEvent("position", None, "back", 1.0, 2.0), ViewState("neck", "GB21")),
    (ViewState("neck", "GB21"), MapEvent("clear"), OVERVIEW),
    # Unknown ids from a tampered payload change nothing.
    (ViewState("neck"), MapEvent("region", "knee"), ViewState("neck")),
    # A tap on the spine (within a quarter cun of the midline: 0.5625 cm) chooses both sides.
    (OVERVIEW, MapEvent("region", "middle_back_right", "back", 0.3, 25.0), ViewState("middle_back")),
    (OVERVIEW, MapEvent("region", "middle_back_left", "back", -0.5, 25.0), ViewState("middle_back")),
    (ViewState("middle_back"), MapEvent("region", "middle_back_left", "back", 0.0, 25.0), OVERVIEW),
    (
        OVERVIEW,
        MapEvent("region", "middle_back_right", "back", 0.6, 25.0),
        ViewState("middle_back_right"),
    ),
    (OVERVIEW, MapEvent("region", "upper_back_left", "back", -0.6, 12.0), ViewState("upper_back_left")),
    (
        OVERVIEW,
        MapEvent("region", "middle_back_right", "neck", 0.1, 25.0),
        ViewState("middle_back_right"),
    ),
    (ViewState("neck"), MapEvent("point", "XX99"), ViewState("neck")),
    # Exactly a quarter cun from the midline is off it: one side.
    (
        OVERVIEW,
        MapEvent("region", "middle_back_left", "back", -0.5625, 25.0),
        ViewState("middle_back_left"),
    ),
    (ViewState("neck"), MapEvent("point", None), ViewState("neck")),
    (ViewState("neck"), MapEvent("region", "neck", "back", 0.0, 2.0), OVERVIEW),
]


@pytest.mark.parametrize(("before", "event", "after"), EVENT_CASES)
def test_apply_event(before: ViewState, event: MapEvent, after: ViewState) -> None:
    assert apply_event(before, event, ATLAS) == after


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {"kind": "region", "id": "neck", "view": "back", "x": 0.5, "y": -4, "n": 3},
            MapEvent("region", "neck", "back", 0.5, -4.0),
        ),
        (
            {"kind": "point", "id": "BL18", "view": "back", "x": 3.4, "y": 26.2},
            MapEvent("point", "BL18", "back", 3.4, 26.2),
        ),
        (
            {"kind": "position", "id": None, "view": "hand", "x": -3, "y": 1},
            MapEvent("position", None, "hand", -3.0, 1.0),
        ),
        ({"kind": "clear", "id": None, "view": None, "x": None, "y": None}, MapEvent("clear")),
        # Keyboard choices carry no pointer position of their own but are still events.
        ({"kind": "region", "id": "neck"}, MapEvent("region", "neck")),
        # Malformed payloads are ignored.
        (None, None),
        ("region:neck", None),
        ({"kind": "explode"}, None),
        ({"kind": "region"}, None),
        ({"kind": "point", "id": ""}, None),
        ({"kind": "position", "view": "back", "x": "1", "y": 2}, None),
        ({"kind": "position", "view": "back", "x": True, "y": 2}, None),
        ({"kind": "position", "x": 1, "y": 2}, None),
        # What is not a string where a string belongs is dropped, the rest kept.
        (
            {"kind": "position", "id": 5, "view": "back", "x": 1, "y": 2},
            MapEvent("position", None, "back", 1.0, 2.0),
        ),
        (
            {"kind": "position", "id": "", "view": "back", "x": 1, "y": 2},
            MapEvent("position", None, "back", 1.0, 2.0),
        ),
        ({"kind": "clear", "view": 7}, MapEvent("clear")),
    ],
)
def test_parse_event(payload: object, expected: MapEvent | None) -> None:
    assert parse_event(payload) == expected


@pytest.mark.parametrize(
    ("last", "value", "expected"),
    [
        (Ack(), {"kind": "region", "id": "neck", "from": "a1", "n": 1}, Ack("a1", 1)),
        # A resend of an event already applied is applied once.
        (Ack("a1", 1), {"kind": "region", "id": "neck", "from": "a1", "n": 1, "resend": 1}, None),
        (Ack("a1", 3), {"kind": "region", "id": "neck", "from": "a1", "n": 2}, None),
        (Ack("a1", 1), {"kind": "region", "id": "neck", "from": "a1", "n": 2}, Ack("a1", 2)),
        # A new map instance (the page was opened again) counts from 1 again.
        (Ack("a1", 7), {"kind": "region", "id": "neck", "from": "b2", "n": 1}, Ack("b2", 1)),
        # Not from the map: ignored.
        (Ack(), {"kind": "region", "id": "neck"}, None),
        (Ack(), {"kind": "region", "id": "neck", "from": "a1", "n": True}, None),
        (Ack(), {"kind": "region", "id": "neck", "from": "", "n": 1}, None),
        (Ack(), "region", None),
    ],
)
def test_each_event_is_applied_once(last: Ack, value: object, expected: Ack | None) -> None:
    assert acknowledge(last, value) == expected


def test_an_acknowledgement_reads_as_the_browser_expects_it() -> None:
    """map.js reads `ack.from` and `ack.n` (ackOf)."""
    assert Ack("a1", 3).as_dict() == {"from": "a1", "n": 3}


def test_a_regions_points_are_listed_local_first_with_their_reasons(make_data: Any) -> None:
    """Whatever the order of the table's rows: a distal row first still lists the local point first."""
    folder = make_data(
        links=[
            {"region": "middle_back", "point_id": "LI4", "role": "distal", "why": "Classic distal point."},
            {"region": "middle_back", "point_id": "BL18", "role": "local", "why": "On the painful area."},
        ]
    )
    lit = highlights(load_atlas(folder), RegionChoice("middle_back", "middle_back", "both"))
    assert [(h.point.id, h.role, h.why) for h in lit] == [
        ("BL18", "local", "On the painful area."),
        ("LI4", "distal", "Classic distal point."),
    ]


# ---- a map's mode: what it shows of the page's state, and what a tap on it does ------------------------------

CHOSEN = ViewState("middle_back", "BL18")


@pytest.mark.parametrize(
    ("mode", "shown", "regions", "quiz"),
    [
        (MapMode(), CHOSEN, True, ""),  # the body map: everything chosen, regions tappable
        (MapMode(views=("hand",), taps="point"), ViewState(None, "BL18"), False, ""),  # the point browser
        (MapMode(views=("back",), taps="find"), ViewState(), False, "find"),  # a quiz: nothing shown
        (MapMode(views=("back",), taps="name", landmarks=False), ViewState(), False, "name"),
        (MapMode(taps="draw", patient=True), ViewState(), False, ""),  # a pain drawing: it lights its own
    ],
)
def test_a_maps_mode_decides_what_it_shows_and_what_a_tap_does(
    mode: MapMode, shown: ViewState, regions: bool, quiz: str
) -> None:
    assert (mode.shown(CHOSEN), mode.regions, mode.quiz) == (shown, regions, quiz)


def test_a_map_mode_names_what_it_does() -> None:
    assert MapMode().views == ("back", "neck", "hand", "leg", "head")
    with pytest.raises(ValueError, match="unknown map taps 'tap'"):
        MapMode(taps="tap")


def test_the_browser_applies_every_event_as_python_does() -> None:
    """The map lights in the frame of the click by rules.js's nextState: for every case of the table it reaches
    the state Python's apply_event reaches."""
    tables = map_payload(ATLAS, {v: load_drawing(v) for v in DIAGRAM_VIEWS}).data
    cases = [
        {"state": {"region": before.region, "point": before.point}, "event": dataclasses.asdict(event)}
        for before, event, _ in EVENT_CASES
    ]
    got = run_js(
        'import { nextState } from "./map/rules.js";',
        "data.cases.map((c) => nextState(c.state, c.event, data.tables))",
        {"cases": cases, "tables": tables},
    )
    assert got == [{"region": after.region, "point": after.point} for _, _, after in EVENT_CASES]
