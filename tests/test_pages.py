"""AppTest: every page renders; deep links select; broken data shows a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, point_row, write_csv

APP = str(ROOT / "app.py")
PAGES = ["views/body_map.py", "views/point_browser.py", "views/safety.py"]


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
    assert "loss of control of the bladder or bowel" in text.lower()


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


def test_broken_data_file_shows_file_row_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    from acumap.data import LINK_COLUMNS, POINT_COLUMNS

    write_csv(folder / "points.csv", POINT_COLUMNS, [point_row(), point_row(spine_level="T13", id="BL19")])
    write_csv(folder / "region_points.csv", LINK_COLUMNS, [])
    monkeypatch.setenv("ACUMAP_DATA_DIR", str(folder))
    at = run_app()
    assert not at.exception
    message = at.error[0].value
    assert (
        "points.csv" in message and "line 3" in message and "spine\\_level" in message
    ) or "spine_level" in message
    assert "T13" in message


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


def test_projector_mode_from_link_and_toggle() -> None:
    at = run_app({"mode": "projector", "region": "neck"})
    assert at.toggle(key="projector").value is True
    assert at.query_params["mode"] == "projector"
    at.toggle(key="projector").set_value(False).run()
    assert "mode" not in at.query_params
    assert at.query_params["region"] == "neck"


def test_unknown_mode_is_ignored_with_a_notice() -> None:
    at = run_app({"mode": "disco"})
    assert any("mode “disco”" in i.value for i in at.info)
    assert at.toggle(key="projector").value is False


def test_link_text_is_never_rendered_as_markup() -> None:
    evil = "<b>x</b>[click](javascript:alert(1))**bold**"
    at = run_app({"region": evil})
    notice = next(i.value for i in at.info if "does not know" in i.value)
    # Every Markdown/HTML character from the link is escaped, so it is shown as text.
    assert "\\<b\\>" in notice and "\\[click\\]\\(javascript" in notice and "\\*\\*bold\\*\\*" in notice


def test_core_never_imports_streamlit_and_pages_never_allow_raw_html() -> None:
    import ast

    for path in (ROOT / "acumap").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.split(".")[0] == "streamlit" for name in imported), path
    for path in [*(ROOT / "views").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text and "unsafe_allow_javascript" not in text, path
