"""AppTest: every page renders; deep links select; broken data shows a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, write_csv

APP = str(ROOT / "app.py")
PAGES = [
    "views/body_map.py",
    "views/point_browser.py",
    "views/quiz.py",
    "views/classroom.py",
    "views/evidence.py",
    "views/safety.py",
]


def run_app(params: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        # st.navigation must have run once before AppTest can switch to one of its pages.
        at.run()
        at.switch_page(page)
    at.run()
    return at


def all_markdown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption]
    parts += [e.value for e in at.info] + [e.value for e in at.warning] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page: str) -> None:
    at = run_app(page=page)
    assert not at.exception, at.exception
    assert not at.error


def test_overview_shows_safety_and_red_flags() -> None:
    at = run_app()
    text = all_markdown(at)
    assert "Where does it hurt?" in text
    assert (
        "difficulty passing urine, or not being able to control your bladder or bowels"
        in text.lower().replace("\\", "")
    )


def test_deep_link_selects_region_and_lists_its_points() -> None:
    at = run_app({"region": "middle_back"})
    assert not at.exception
    assert at.selectbox(key="region_select").value == "middle_back"
    text = all_markdown(at)
    assert "Middle back, both sides" in text
    # Each highlighted point is named by its code and marked local or distal on its own line.
    for code, role in (
        ("BL18", "LOCAL"),
        ("BL20", "LOCAL"),
        ("GV6", "LOCAL"),
        ("GV9", "LOCAL"),
        ("LI4", "DISTAL"),
    ):
        # The role badge stands right before the code: "…LOCAL**] **BL18** · …".
        assert any(f"{role}**] **{code}** ·" in m.value for m in at.markdown), code
    assert at.query_params["region"] == "middle_back"


def test_deep_link_to_one_side() -> None:
    at = run_app({"region": "upper_back_left"})
    assert "Upper back, left side" in all_markdown(at)


def test_deep_link_to_a_point_shows_its_details() -> None:
    at = run_app({"point": "bl18"})
    text = all_markdown(at)
    assert at.subheader[0].value.startswith("BL18 · Gānshū")
    assert "Where it lies:" in text
    assert "Where it lies" in text
    assert at.query_params["point"] == "BL18"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"region": "knee"}, "region “knee”"),
        ({"point": "BL99"}, "point “BL99”"),
        ({"zoom": "3"}, "parameter “zoom”"),
    ],
)
def test_unknown_link_values_are_ignored_with_a_notice(params: dict[str, str], notice: str) -> None:
    at = run_app(params)
    assert not at.exception
    assert any(notice in i.value for i in at.info), [i.value for i in at.info]
    assert "Where does it hurt?" in all_markdown(at)  # the overview, not a crash


def test_region_menu_selects_and_clear_button_returns_to_overview() -> None:
    at = run_app()
    at.selectbox(key="region_select").set_value("neck").run()
    assert "Neck" in [s.value for s in at.subheader]
    assert at.query_params["region"] == "neck"
    at.button(key="clear").click().run()
    assert "Where does it hurt?" in all_markdown(at)
    assert at.selectbox(key="region_select").value == ""
    assert "region" not in at.query_params


def test_details_button_opens_a_point(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app({"region": "middle_back"})
    at.selectbox(key="region_point_pick").set_value("BL18").run()
    assert "Needling" in all_markdown(at)
    at.button(key="point_back").click().run()
    assert "Middle back, both sides" in all_markdown(at)


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
    text = all_markdown(at)
    assert "**BL20**" in text and "**GV9**" in text and "**LI4**" in text
    assert "**BL18**" not in text
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


def browser(params: dict[str, str] | None = None) -> AppTest:
    return run_app(params, page="views/point_browser.py")


def test_browser_search_tolerates_case_and_typos() -> None:
    at = browser()
    at.text_input(key="browser_query").input("GAOHUANG").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Point"].iloc[0] == "BL43"
    at.text_input(key="browser_query").input("union valey").run()
    assert at.dataframe[0].value["Point"].iloc[0] == "LI4"


def test_browser_filters_by_meridian_region_view_and_role() -> None:
    at = browser()
    at.multiselect(key="browser_meridians").set_value(["Governor Vessel"]).run()
    points = set(at.dataframe[0].value["Point"])
    assert points == {f"GV{i}" for i in range(3, 15)} | {"GV20"}
    at.selectbox(key="browser_region").set_value("middle_back").run()
    at.selectbox(key="browser_role").set_value("local").run()
    assert set(at.dataframe[0].value["Point"]) == {"GV6", "GV7", "GV8", "GV9"}
    at.multiselect(key="browser_meridians").set_value([]).run()
    at.multiselect(key="browser_views").set_value(["leg"]).run()
    at.selectbox(key="browser_role").set_value("distal").run()
    assert set(at.dataframe[0].value["Point"]) == {"SP6", "BL40", "GB34", "ST36", "LR3"}


def test_browser_nothing_found_says_so() -> None:
    at = browser()
    at.text_input(key="browser_query").input("xyzzyq").run()
    assert any("No point matches" in w.value for w in at.warning)


def test_browser_select_shows_the_point_and_its_link() -> None:
    at = browser()
    at.text_input(key="browser_query").input("bl43").run()
    at.selectbox(key="browser_pick").set_value("BL43").run()
    assert not at.exception
    assert at.subheader[0].value.startswith("BL43 · ")
    text = all_markdown(at)
    assert "Where it lies" in text and "/points?point=BL43" in text
    assert at.query_params["point"] == "BL43"


def test_browser_deep_link_opens_the_point() -> None:
    at = browser({"point": "BL43"})
    assert at.subheader[0].value.startswith("BL43 · ")


def test_point_details_say_where_sources_disagree() -> None:
    at = run_app({"point": "EX-B2-T5"})
    text = all_markdown(at)
    assert "sources differ: extra points and who 2008" in text.lower().replace("\\", "")
    at = run_app({"point": "LU7"})
    assert "abductor pollicis longus" in all_markdown(at)


def test_every_region_explains_ashi_points() -> None:
    for region in ("neck", "shoulder", "upper_back", "middle_back", "lower_back"):
        at = run_app({"region": region})
        assert any("Ashi points" in i.value for i in at.info), region


def test_safety_page_lists_disagreements_and_landmark_truths() -> None:
    at = run_app(page="views/safety.py")
    text = all_markdown(at).replace("\\", "")
    assert "level with T8 on average" in text
    assert "Extra points and WHO 2008" in text


@pytest.mark.parametrize("mode", ["present", "Present", "projector"])  # "projector": older links
def test_presenter_view_from_link_and_toggle(mode: str) -> None:
    at = run_app({"mode": mode, "region": "neck"})
    assert at.toggle(key="projector").value is True
    assert at.query_params["mode"] == "present"
    assert not any("mode “" in i.value for i in at.info)
    at.toggle(key="projector").set_value(False).run()
    assert "mode" not in at.query_params
    assert at.query_params["region"] == "neck"


def test_unknown_mode_is_ignored_with_a_notice() -> None:
    at = run_app({"mode": "disco"})
    assert any("mode “disco”" in i.value for i in at.info)
    assert at.toggle(key="projector").value is False


def test_link_text_is_never_rendered_as_markup() -> None:
    evil = "<b>x</b>[a](javascript:x)**b**"
    at = run_app({"region": evil})
    notice = next(i.value for i in at.info if "does not know" in i.value)
    # Every Markdown/HTML character from the link is escaped, so it is shown as text.
    assert "\\<b\\>" in notice and "\\[a\\]\\(javascript" in notice and "\\*\\*b\\*\\*" in notice


def test_core_never_imports_streamlit_and_pages_never_allow_raw_html() -> None:
    import ast

    core = sorted((ROOT / "acumap").rglob("*.py"))  # every module, in sub-packages too
    assert len(core) >= 20
    for path in core:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.split(".")[0] == "streamlit" for name in imported), path
    shown = [
        *(ROOT / "views").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        ROOT / "app.py",
        ROOT / "serve.py",
    ]
    for path in shown:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text and "unsafe_allow_javascript" not in text, path


def test_no_legacy_pages_folder() -> None:
    # A `pages/` folder beside app.py puts Streamlit in its legacy multipage mode until st.navigation has run
    # once in the process (test_shell.py shows what a fresh server then does).
    assert not (ROOT / "pages").exists()


def test_browser_marks_how_each_point_matched() -> None:
    at = browser()
    at.text_input(key="browser_query").input("ganshu").run()
    table = at.dataframe[0].value
    assert table["Point"].iloc[0] == "BL18"
    assert list(table["Match"]) == ["✔ exact"] + ["≈ similar (fuzzy)"] * (len(table) - 1)
    assert "only similar to your search (fuzzy match), listed last" in at.caption[0].value


def quiz(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()  # st.navigation must have run once before AppTest can switch pages
    at.switch_page("views/quiz.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def test_quiz_round_link_is_replayed_exactly() -> None:
    from acumap.atlas.data import load_atlas
    from acumap.atlas.placement import markers_for
    from acumap.quiz import RoundSpec, draw

    atlas = load_atlas()
    spec = RoundSpec("find", "region", "middle_back", 42, True)
    first, second = draw(atlas, spec)[:2]
    view = atlas.point(first).view
    m = next(m for m in markers_for(atlas, view) if m.point.id == first)
    at = quiz({"round": spec.encode(), "a": f"{view}:{m.x:.2f}:{m.y:.2f}"})
    assert not at.exception
    # One attempt made (on the point): the round resumes at the second point, the first counted.
    headings = [m.value for m in at.markdown if m.value.startswith("#### Quiz")]
    assert headings[0].startswith(f"#### Quiz · Find {atlas.point(second).code} — ")
    assert at.query_params["round"] == spec.encode()
    assert "Point 2 of 10" in str(at.get("progress")[0].proto)


def test_a_broken_quiz_link_is_ignored_with_a_notice() -> None:
    at = quiz({"round": "find.region-<b>.s1.lm"})
    assert not at.exception
    assert "could not be read" in at.info[0].value
    assert at.button(key="quiz_start").label == "Start a round"


def test_a_naming_round_link_replays_to_its_summary() -> None:
    from acumap.atlas.data import load_atlas
    from acumap.quiz import RoundSpec, draw

    spec = RoundSpec("name", "missed", "BL18,LI4", 9, False)
    order = draw(load_atlas(), spec)
    answers = {"BL18": "BL19", "LI4": "LI4"}
    at = quiz({"round": spec.encode(), "a": "~".join(answers[pid] for pid in order)})
    assert not at.exception
    assert at.subheader[0].value == "Score: 1 of 2"
    table = at.dataframe[0].value
    assert dict(zip(table["Point"], table["Your answer"], strict=True)) == answers
    assert "Points to practise:** BL18" in at.markdown[-1].value


def test_a_naming_link_with_a_bad_answer_is_ignored_with_a_notice() -> None:
    at = quiz({"round": "name.missed-BL18.s1.lm", "a": "BL18<b>"})
    assert not at.exception
    assert "could not be read" in at.info[0].value


@pytest.mark.parametrize(
    ("pid", "said"),
    [
        ("GB21", "Measured depth: 17.4 mm on average in men"),
        ("SI15", "Measured depth: 8.8 cm, from the skin"),
        ("BL13", "Depth to the pleura: No study measuring the depth from the skin to the pleura"),
        ("EX-B2-T5", "Depth to the pleura: No study measuring the depth from the skin to the pleura"),
    ],
)
def test_a_point_over_the_lung_says_how_deep_the_lung_was_measured(pid: str, said: str) -> None:
    text = all_markdown(run_app({"point": pid})).replace("\\", "")  # md() escapes "." and ":"
    assert said in text.replace("**", "")


def test_a_neck_point_says_how_the_map_places_it() -> None:
    at = run_app({"point": "GB20"})
    assert at.subheader[0].value.startswith("GB20 · Fēngchí")
    text = all_markdown(at).replace("\\", "")
    assert "level with GV16, directly below the external occipital protuberance" in text
    assert "pleura" not in text  # no lung beneath GB20: its one depth is to the tissues at risk
    assert "Measured depth:** 5.0 cm" in text


def test_the_safety_page_gives_the_measured_depths_and_says_where_none_was_found() -> None:
    text = all_markdown(run_app(page="views/safety.py")).replace("\\", "")
    assert "**GB21**: 5.6 cm, from the skin" in text
    assert "No study measuring the depth from the skin to the pleura" in text
