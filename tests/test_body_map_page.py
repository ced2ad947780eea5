"""AppTest on the body map page: the overview, deep links, the region menu, a point's details, the presenter view, link text never markup."""

from __future__ import annotations

import pytest

from tests.apptest import (
    all_markdown,
    component_data,
    panel_boxes,
    panel_entries,
    panel_heading,
    panel_html,
    panel_text,
    run_app,
)


def test_overview_shows_safety_and_red_flags() -> None:
    at = run_app()
    text = all_markdown(at)
    assert "Where does it hurt?" in text
    # The overview's own safety box (not only the red-flags popup every page has): red flags and the disclaimer.
    (box,) = [b for b in panel_boxes(at, "warn") if "Call an ambulance now" in b]
    box = box.lower()
    assert "difficulty passing urine, or not being able to control your bladder or bowels" in box
    assert "only a trained, licensed practitioner should needle" in box


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
        # The role badge stands right before the code: "● LOCAL BL18 · …".
        assert panel_entries(at)[code].startswith(f"{'●' if role == 'LOCAL' else '◆'} {role} {code} ·"), code
    assert at.query_params["region"] == "middle_back"


def test_deep_link_to_one_side() -> None:
    at = run_app({"region": "upper_back_left"})
    assert "Upper back, left side" in all_markdown(at)


def test_deep_link_to_a_point_shows_its_details() -> None:
    at = run_app({"point": "bl18"})
    text = all_markdown(at)
    assert panel_heading(at).startswith("BL18 · Gānshū")
    assert "Where it lies: Level with the lower border of the T9 spinous process" in text
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
    assert panel_heading(at) == "Neck"
    assert at.query_params["region"] == "neck"
    at.button(key="clear").click().run()
    assert "Where does it hurt?" in all_markdown(at)
    assert at.selectbox(key="region_select").value == ""
    assert "region" not in at.query_params


def test_a_point_s_panel_in_a_region_says_why_it_is_used_there() -> None:
    at = run_app({"region": "middle_back", "point": "BL18"})
    text = panel_text(at)
    assert "● LOCAL for the middle back, both sides: Bladder point 1.5 cun beside T9" in text
    assert "Needling: Oblique insertion angled towards the spine" in text
    assert "Middle back, both sides" not in panel_heading(at)


def test_point_details_say_where_sources_disagree() -> None:
    at = run_app({"point": "EX-B2-T5"})
    text = panel_text(at)
    assert "sources differ: extra points and who 2008" in text.lower()
    at = run_app({"point": "LU7"})
    assert "abductor pollicis longus" in all_markdown(at)


def test_every_region_explains_ashi_points() -> None:
    for region in ("neck", "shoulder", "upper_back", "middle_back", "lower_back"):
        at = run_app({"region": region})
        assert any(b.startswith("Ashi points.") for b in panel_boxes(at, "info")), region


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
    assert said in panel_text(run_app({"point": pid}))


def test_a_neck_point_says_how_the_map_places_it() -> None:
    at = run_app({"point": "GB20"})
    assert panel_heading(at).startswith("GB20 · Fēngchí")
    text = panel_text(at)
    assert "level with GV16, directly below the external occipital protuberance" in text
    assert "pleura" not in text  # no lung beneath GB20: its one depth is to the tissues at risk
    assert "Measured depth: 5.0 cm" in text


def test_the_first_run_carries_its_panel_and_the_book_comes_after_the_map() -> None:
    at = run_app({"region": "neck", "point": "GB20"})
    first = component_data(at, "panel_map")
    assert first is not None
    assert first["first"].startswith("<h3>GB20 · Fēngchí")
    assert first["first"] == panel_html(at)  # the book's panel for the same state
    keys = [e.key for e in at.get("bidi_component")]
    assert keys.index("panel_book_map") > keys.index("panel_map") > keys.index("map")
    # Once this session has the book, the panel's element no longer carries a panel of its own.
    at.run()
    again = component_data(at, "panel_map")
    assert again is not None and again["first"] is None
