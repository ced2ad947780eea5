"""AppTest on the Safety & sources page: disagreements, landmark truths and the measured depths."""

from __future__ import annotations

from tests.apptest import all_markdown, run_app


def test_safety_page_lists_disagreements_and_landmark_truths() -> None:
    at = run_app(page="views/safety.py")
    text = all_markdown(at).replace("\\", "")
    assert "level with T8 on average" in text
    assert "Extra points and WHO 2008" in text


def test_the_safety_page_gives_the_measured_depths_and_says_where_none_was_found() -> None:
    text = all_markdown(run_app(page="views/safety.py")).replace("\\", "")
    assert "**GB21**: 5.6 cm, from the skin" in text
    assert "No study measuring the depth from the skin to the pleura" in text


def test_the_safety_page_lists_every_red_flag_under_its_heading() -> None:
    """The red flags themselves, in the page's own list (not only in the popup every page carries)."""
    at = run_app(page="views/safety.py")
    assert [h.value for h in at.header].count("When back or neck pain needs a doctor") == 1
    (listed,) = [m.value for m in at.markdown if m.value.startswith("**Call an ambulance now")]
    listed = listed.replace("\\", "").lower()
    for flag in (
        "difficulty passing urine, or not being able to control your bladder or bowels",
        "clumsy hands or unsteady walking",
        "back pain is new and you are under 20 or over 50",
    ):
        assert flag in listed
