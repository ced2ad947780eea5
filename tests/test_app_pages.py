"""AppTest: every page renders; broken data and unexpected errors are said in words, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apptest import all_markdown, panel_entries, run_app
from tests.builders import write_csv

PAGES = [
    "views/body_map.py",
    "views/point_browser.py",
    "views/quiz.py",
    "views/classroom.py",
    "views/evidence.py",
    "views/safety.py",
    "views/pain.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page: str) -> None:
    at = run_app(page=page)
    assert not at.exception, at.exception
    assert not at.error


def break_row(folder: Path, pid: str, column: str, value: str) -> int:
    """Set one cell of a point's row in a copy of the shipped data; return the row's line number."""
    import csv

    path = folder / "points.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    line = next(i for i, row in enumerate(rows, start=2) if row["id"] == pid)
    rows[line - 2][column] = value
    write_csv(path, list(rows[0]), rows)
    return line


def test_one_bad_row_costs_that_row_only(real_data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = break_row(real_data_copy, "BL18", "spine_level", "T13")
    monkeypatch.setenv("ACUMAP_DATA_DIR", str(real_data_copy))
    at = run_app({"region": "middle_back"})
    assert not at.exception
    assert not at.error
    # The region is shown with every other point; BL18 is gone, and the notice says where and why.
    listed = panel_entries(at)
    assert "BL20" in listed and "GV9" in listed and "LI4" in listed
    assert "BL18" not in listed
    assert at.expander[0].label.startswith("⚠️ 2 rows of the data could not be used")
    notice = at.expander[0].markdown[0].value
    assert f"**points\\.csv**, line {line}, column `spine\\_level`: unknown spine level 'T13'" in notice
    assert "*How to fix:*" in notice
    assert "region\\_points\\.csv" in notice and "was skipped because its row" in notice


def latin1_points(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Save the points table as Latin-1, as a spreadsheet set to Western encoding does."""
    path = folder / "points.csv"
    path.write_bytes(
        path.read_text(encoding="utf-8").replace("肝俞", "Ganshu é").encode("latin-1", "replace")
    )
    monkeypatch.setenv("ACUMAP_DATA_DIR", str(folder))


@pytest.mark.parametrize("page", ["views/body_map.py", "views/point_browser.py"])
def test_unusable_table_is_said_in_words(
    page: str, real_data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    latin1_points(real_data_copy, monkeypatch)
    at = run_app(page=page)
    assert not at.exception
    assert str(real_data_copy) not in all_markdown(at)  # never a server path
    message = at.error[0].value
    assert message.startswith("**AcuMap cannot show this page: a data file cannot be used.**")
    assert "**points\\.csv**, line" in message and "not UTF\\-8 text" in message
    assert "does not exist" not in message  # no false link errors under the real one
    assert "does not diagnose" in at.caption[-1].value  # the shell (disclaimer) is still drawn


def test_safety_page_works_without_the_data(real_data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    latin1_points(real_data_copy, monkeypatch)
    at = run_app(page="views/safety.py")
    assert not at.exception
    assert not at.error
    assert "difficulty passing urine, or not being able to control your bladder or bowels" in all_markdown(
        at
    ).lower().replace("\\", "")
    assert at.warning[1].value.startswith(
        "The point list cannot be read (points\\.csv: the file is not UTF\\-8"
    )


def test_an_unexpected_error_is_logged_and_explained(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import ui.loading

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail /srv/acumap")

    monkeypatch.setattr(ui.loading, "region_view", broken)
    with caplog.at_level("ERROR", logger="acumap"):
        at = run_app({"region": "neck"})
    assert not at.exception
    from ui.boundary import MESSAGE

    assert [e.value for e in at.error] == [MESSAGE]
    assert "secret detail" not in all_markdown(at)
    assert "secret detail /srv/acumap" in caplog.text  # the detail is in the server log
    # The shell survives: the disclaimer is still under the page.
    assert "does not diagnose" in at.caption[-1].value
