"""The SVG outlines: parsed into path data; anything unusable is a clear error naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acumap.atlas.data import DataError
from acumap.drawing.assets import ASSET_DIR, ASSET_FILES, load_drawing

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("view", list(ASSET_FILES))
def test_shipped_drawings_load(view: str) -> None:
    drawing = load_drawing(view)
    assert drawing.paths and all(p.kind in ("outline", "bone", "crease", "detail") for p in drawing.paths)
    assert any(p.kind == "outline" for p in drawing.paths)


def write(tmp_path: Path, body: str) -> Path:
    for name in ASSET_FILES.values():
        shutil.copy(ASSET_DIR / name, tmp_path / name)
    (tmp_path / "hand.svg").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            SVG.format('<path id="a" class="outline" d="M 0 0 a 1 1 0 0 1 2 2"/>'),
            "a uses commands Plotly cannot draw",
        ),
        (SVG.format('<path id="b" class="shiny" d="M 0 0 L 1 1"/>'), "unknown class 'shiny'"),
        (SVG.format('<path id="c" class="outline"/>'), "c has no path data"),
        (SVG.format(""), "no <path> elements"),
        ("<svg", "not valid SVG"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><path d="M 0 0 L 1 1"/></svg>', "viewBox of four numbers"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 10"><path d="M 0 0 L 1 1"/></svg>',
            "width and height must be above zero (found 0 by 10)",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 -4"><path d="M 0 0 L 1 1"/></svg>',
            "width and height must be above zero (found 10 by -4)",
        ),
    ],
)
def test_broken_svg_names_the_file(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(DataError) as info:
        load_drawing("hand", write(tmp_path, body))
    assert info.value.file == "hand.svg"
    assert message in str(info.value)


def test_a_folder_instead_of_a_drawing(tmp_path: Path) -> None:
    folder = write(tmp_path, SVG.format(""))
    (folder / "hand.svg").unlink()
    (folder / "hand.svg").mkdir()
    with pytest.raises(DataError) as info:
        load_drawing("hand", folder)
    assert str(info.value) == "hand.svg: this is a folder, not an SVG file. Fix: replace it with the file."


def test_broken_svg_in_the_app_shows_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.builders import ROOT

    monkeypatch.setenv(
        "ACUMAP_ASSET_DIR",
        str(write(tmp_path, SVG.format('<path id="z" class="outline" d="M 0 0 A 1 1 0 0 1 2 2"/>'))),
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "**hand\\.svg**, column `d`: z uses commands Plotly cannot draw" in at.error[0].value


@pytest.mark.parametrize(
    ("body", "row", "column"),
    [
        ("<svg\n<path/>", 2, None),  # the parser's line
        ('<svg xmlns="http://www.w3.org/2000/svg"><path d="M 0 0 L 1 1"/></svg>', None, "viewBox"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 0"><path d="M 0 0"/></svg>',
            None,
            "viewBox",
        ),
        (SVG.format('<path id="c" class="outline"/>'), None, "d"),
        (SVG.format('<path id="b" class="shiny" d="M 0 0 L 1 1"/>'), None, "class"),
    ],
)
def test_a_broken_drawing_points_at_the_line_or_attribute_to_fix(
    tmp_path: Path, body: str, row: int | None, column: str | None
) -> None:
    with pytest.raises(DataError) as info:
        load_drawing("hand", write(tmp_path, body))
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("hand.svg", row, column)


@pytest.mark.parametrize(
    "body",
    [
        "<svg",
        SVG.format("").replace('viewBox="0 0 10 10"', ""),
        SVG.format('<path d="M 0 0"/>').replace('viewBox="0 0 10 10"', 'viewBox="0 0 ten 10"'),
        SVG.format('<path d="M 0 0"/>').replace('viewBox="0 0 10 10"', 'viewBox="0 0 10 0"'),
    ],
)
def test_a_broken_drawing_says_how_to_fix_it(tmp_path: Path, body: str) -> None:
    with pytest.raises(DataError) as info:
        load_drawing("hand", write(tmp_path, body))
    assert info.value.problems[0].fix


def test_a_missing_drawing_is_named_with_its_fix(tmp_path: Path) -> None:
    folder = write(tmp_path, SVG.format(""))
    (folder / "hand.svg").unlink()
    with pytest.raises(DataError) as info:
        load_drawing("hand", folder)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("hand.svg", None, None)
    assert "missing" in problem.message
    assert problem.fix


def test_every_bad_path_is_reported_each_by_its_id_or_number(tmp_path: Path) -> None:
    paths = '<path class="outline"/><path id="x" class="shiny" d="M 0 0"/><path d="M 0 0 a 1 1 0 0 1 2 2"/>'
    paths += '<path class="outline" d="M 0 0 L 1 1"/><path id="y" class="outline"/>'
    with pytest.raises(DataError) as info:
        load_drawing("hand", write(tmp_path, SVG.format(paths)))
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 4
    assert messages[0].startswith("path #1 ")
    assert messages[1].startswith("x ")
    assert messages[2].startswith("path #1 ")  # still none drawn before it
    assert messages[3].startswith("y ")


def test_a_path_s_class_defaults_to_outline_and_its_label_and_id_are_kept(tmp_path: Path) -> None:
    body = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1,-2,0.5,0.5">'
    body += '<path id="p" d="M 0 0 L 1 1" data-label="thumb"/></svg>'
    drawing = load_drawing("hand", write(tmp_path, body))
    (path,) = drawing.paths
    assert (path.id, path.kind, path.label) == ("p", "outline", "thumb")
    assert drawing.view_box == (-1.0, -2.0, 0.5, 0.5)
