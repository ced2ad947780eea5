"""A region as every part of a page shows it (acumap.region_view): the same points, numbers and entries as each part
used to work out for itself, and worked out once per version of the data, not on every run."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from acumap.atlas.data import load_atlas
from acumap.atlas.regions import RegionChoice, choice_ids, parse_region
from acumap.atlas.selection import highlights
from acumap.drawing.figure import entries, marks_for
from acumap.region_view import patient_numbers, region_view, region_views
from tests.apptest import panel_text
from tests.builders import ROOT

ATLAS = load_atlas()


def choice(cid: str) -> RegionChoice:
    c = parse_region(cid)
    assert c is not None
    return c


@pytest.mark.parametrize("cid", choice_ids())
def test_a_region_view_is_what_each_part_worked_out_for_itself(cid: str) -> None:
    view = region_view(ATLAS, choice(cid))
    assert view.choice == choice(cid)
    assert view.lit == highlights(ATLAS, choice(cid))
    assert view.marks == marks_for(ATLAS, choice(cid))
    assert view.groups == entries(marks_for(ATLAS, choice(cid)))
    assert view.lit  # every region lights something


def test_every_choice_has_its_view_and_the_map_its_numbers() -> None:
    views = region_views(ATLAS)
    assert sorted(views) == sorted(choice_ids())
    numbers = patient_numbers(views)
    assert sorted(numbers) == ["lower_back", "middle_back", "neck", "shoulder", "upper_back"]
    # The Jiaji column is one entry: every level's point has the same number.
    jiaji = {pid: n for pid, n in numbers["middle_back"].items() if pid.startswith("EX-B2-")}
    assert len(jiaji) > 1 and len(set(jiaji.values())) == 1


def test_a_selection_keeps_each_points_number_and_a_student_reads_ids() -> None:
    view = region_view(ATLAS, choice("middle_back"))
    whole = view.numbers()
    picked = view.selected(["BL18", "LI4"])
    assert [(m.point.id, m.label) for m in picked] == [("BL18", whole["BL18"]), ("LI4", whole["LI4"])]
    assert picked == marks_for(ATLAS, choice("middle_back"), ["BL18", "LI4"])
    assert view.selected(None) == view.marks
    students = view.selected(None, "student")
    assert [m.label for m in students] == [m.point.id for m in students]


def test_a_points_entry_is_found_with_the_points_sharing_its_number() -> None:
    view = region_view(ATLAS, choice("middle_back"))
    entry = view.entry_of("EX-B2-T9")
    assert entry is not None and len(entry) > 1 and {m.label for m in entry} == {view.numbers()["EX-B2-T9"]}
    assert view.entry_of("BL18") == (next(m for m in view.marks if m.point.id == "BL18"),)
    assert view.entry_of("GB20") is None  # not lit for the middle back


def test_a_patients_runs_do_not_work_the_region_out_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every function that works a region out, counted over two runs of the patient view after the first: none
    is called (before, each run worked the region out about nine times: the map's numbers for every region, the
    panel, the downloads)."""
    import acumap.atlas.selection
    import acumap.drawing.figure
    import acumap.region_view
    from ui import loading

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["region"] = "middle_back"
    at.query_params["audience"] = "patient"
    at.run()  # the first run builds what is cached
    assert not at.exception
    calls: list[str] = []

    def counting(name: str, real: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        return wrapped

    for module in (acumap.atlas.selection, acumap.drawing.figure, acumap.region_view):
        monkeypatch.setattr(module, "highlights", counting("highlights", module.highlights))
    monkeypatch.setattr(
        acumap.drawing.figure, "marks_for", counting("marks_for", acumap.drawing.figure.marks_for)
    )
    at.run()
    at.selectbox(key="region_select").set_value("neck").run()
    assert not at.exception
    assert calls == []
    assert "● Near the pain, on your back and neck (" in panel_text(at)  # the patient's list is on the page
    loading._region_views.clear()
