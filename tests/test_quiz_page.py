"""AppTest on the quiz page: a round's link replayed, a broken link ignored with a notice."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import APP


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
