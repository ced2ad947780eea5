"""AppTest on the point browser page: search, filters, a chosen point and its link."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import all_markdown, html_text, run_app


def _heading(at: AppTest) -> str:
    """The point's heading (written by acumap.panel, shown with st.html)."""
    (head,) = [html_text(h.proto.body) for h in at.get("html") if "<h3>" in h.proto.body]
    return head.splitlines()[0]


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
    assert _heading(at).startswith("BL43 · ")
    text = all_markdown(at)
    assert "Where it lies: " in text
    assert any('href="/points?point=BL43"' in h.proto.body for h in at.get("html"))
    assert at.query_params["point"] == "BL43"


def test_browser_deep_link_opens_the_point() -> None:
    at = browser({"point": "BL43"})
    assert _heading(at).startswith("BL43 · ")


def test_browser_marks_how_each_point_matched() -> None:
    at = browser()
    at.text_input(key="browser_query").input("ganshu").run()
    table = at.dataframe[0].value
    assert table["Point"].iloc[0] == "BL18"
    assert list(table["Match"]) == ["✔ exact"] + ["≈ similar (fuzzy)"] * (len(table) - 1)
    assert "only similar to your search (fuzzy match), listed last" in at.caption[0].value
