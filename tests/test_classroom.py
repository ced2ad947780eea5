"""The class store on both backends (an SQLite file in WAL mode, a PostgreSQL database: the `class_store_url`
fixture): many sessions, expiry, ending, old databases; and the aggregation. Concurrency and a database that goes
away: tests/test_class_db.py."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from sqlalchemy import text

from acumap.atlas.data import load_atlas
from acumap.body import anatomy
from acumap.charts.class_results import results_figure
from acumap.class_record import results
from acumap.classroom import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Answer,
    ClassStore,
    mean_error_cun,
    new_session_token,
    new_teacher_key,
    normalise,
)
from acumap.drawing.assets import load_drawing

ATLAS = load_atlas()


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(class_store_url: str, clock: Clock) -> ClassStore:
    return ClassStore(class_store_url, ttl=600, clock=clock)


def test_an_sqlite_database_is_in_wal_mode(tmp_path: Path) -> None:
    store = ClassStore(f"sqlite:///{tmp_path / 'classes.db'}")
    with store.engine.connect() as db:
        assert db.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_class_has_a_short_readable_code_and_starts_with_no_question(store: ClassStore) -> None:
    code = store.start()
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    state = store.get(code.lower())  # typed in lower case
    assert state is not None and state.question == 0
    with pytest.raises(ValueError, match="no question yet"):
        store.answer(code, "s1", "back", 0, 0)


def test_answers_from_many_sessions_are_each_counted_once(store: ClassStore, clock: Clock) -> None:
    code = store.start()
    assert store.ask(code, "point", "BL18") == 1
    for i in range(30):
        clock.now += 0.1
        store.answer(code, f"s{i}", "back", float(i), 20.0)
    clock.now += 1
    store.answer(code, "s3", "back", 9.0, 9.0)  # a second tap replaces the first
    got = store.answers(code)
    assert store.count(code) == len(got) == 30
    assert [(a.x, a.y) for a in got if a.session == "s3"] == [(9.0, 9.0)]
    assert store.ask(code, "pain") == 2  # the next question starts empty
    assert store.count(code) == 0
    assert len(store.answers(code, question=1)) == 30


def test_a_class_expires_with_its_answers(store: ClassStore, clock: Clock) -> None:
    old = store.start()
    store.ask(old, "pain")
    store.answer(old, "s1", "back", 1.0, 2.0)
    clock.now += 601
    assert store.get(old) is None
    with pytest.raises(LookupError, match="may have expired"):
        store.answer(old, "s2", "back", 1.0, 2.0)
    assert store.purge() == 1
    with store.engine.connect() as db:
        assert db.execute(text("SELECT count(*) FROM answers")).scalar() == 0


def test_unknown_questions_are_refused(store: ClassStore) -> None:
    code = store.start()
    with pytest.raises(ValueError, match="unknown question kind"):
        store.ask(code, "essay")
    with pytest.raises(ValueError, match="names its point"):
        store.ask(code, "point")


def _tap(x: float, y: float, session: str = "s") -> Answer:
    return Answer(session, "back", x, y, 0.0)


def test_the_mean_error_is_in_cun_from_the_nearest_side() -> None:
    x, y = anatomy.spine_point_position("BL18", "T9", 1.5, "right")
    taps = [_tap(x, y, "a"), _tap(-x, y, "b"), _tap(x + anatomy.cun_to_cm(1), y, "c")]  # 0, 0 and 1 cun off
    got = results(ATLAS, "BL18", taps)
    assert got.count == 3
    assert got.mean_error_cun == pytest.approx(1 / 3, abs=1e-6)
    assert got.correct == 2


def test_a_pain_question_has_no_error() -> None:
    assert results(ATLAS, None, [_tap(0, 10)]).mean_error_cun is None


def test_the_figure_shows_the_taps_as_a_density_layer_and_the_truth_only_when_revealed() -> None:
    back = load_drawing("back")
    taps = [_tap(3.0, 20.0, "a"), _tap(3.5, 21.0, "b"), _tap(-3.2, 20.5, "c")]
    hidden = results_figure(ATLAS, back, taps, "BL18", reveal=False)
    assert [t.type for t in hidden.data] == ["histogram2dcontour", "scatter"]
    assert list(hidden.data[1].x) == [3.0, 3.5, -3.2]
    shown = results_figure(ATLAS, back, taps, "BL18", reveal=True)
    assert [t.name for t in shown.data] == ["where the class tapped", "BL18", "a tap"]
    assert len(shown.data[1].x) == 2  # both sides
    assert list(shown.data[-1].x) == [3.0, 3.5, -3.2]  # the taps drawn last: on top of the star


def test_the_figure_draws_the_spine_ladder_the_students_tapped_on() -> None:
    fig = results_figure(ATLAS, load_drawing("back"), [], None, reveal=False)
    labels = {a.text: a.y for a in fig.layout.annotations}
    assert list(labels) == list(anatomy.SPINE_LEVELS)
    assert labels["T9"] == anatomy.level_y("T9")
    vertebrae = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(v.y0, v.y1) for v in vertebrae] == [
        (anatomy.upper_border_y(lv), anatomy.lower_border_y(lv)) for lv in anatomy.SPINE_LEVELS
    ]


def test_an_ended_class_is_said_to_have_ended_and_takes_nothing_more(store: ClassStore) -> None:
    code = store.start()
    store.ask(code, "point", "BL18")
    store.answer(code, "s1", "back", 3.0, 20.0)
    store.end(code)
    state = store.get(code)
    assert state is not None and state.ended
    with pytest.raises(LookupError, match="has ended"):
        store.answer(code, "s2", "back", 3.0, 20.0)
    with pytest.raises(LookupError, match="has ended"):
        store.ask(code, "pain")
    assert [a.session for a in store.answers(code)] == ["s1"]  # the record stays until it expires


def test_no_answer_is_taken_once_the_answer_is_shown(store: ClassStore) -> None:
    code = store.start()
    store.ask(code, "point", "BL18")
    store.answer(code, "s1", "back", 3.0, 20.0)
    store.reveal(code)
    with pytest.raises(ValueError, match="has been shown"):
        store.answer(code, "s1", "back", 9.0, 9.0)
    assert [(a.x, a.y) for a in store.answers(code)] == [(3.0, 20.0)]


def test_a_database_from_before_the_end_of_a_class_gains_the_column(class_store_url: str) -> None:
    url = class_store_url
    old = ClassStore(url)
    with old.engine.begin() as db:
        db.execute(text("ALTER TABLE classes DROP COLUMN ended"))
        db.execute(
            text(
                "INSERT INTO classes (code, created, expires, question, kind, revealed)"
                " VALUES ('ABCDE', 0, 9e12, 1, 'pain', FALSE)"
            )
        )
    old.engine.dispose()
    store = ClassStore(url)
    state = store.get("ABCDE")
    assert state is not None and not state.ended
    store.end("ABCDE")
    assert store.get("ABCDE").ended  # type: ignore[union-attr]


def test_a_code_as_typed_on_a_phone() -> None:
    assert normalise(" ab 2c\t3 ") == "AB2C3"


def test_the_mean_error_leaves_out_the_wrong_diagram_and_says_none_for_nobody() -> None:
    assert mean_error_cun([1.0, math.inf, 2.0]) == 1.5
    assert mean_error_cun([]) is None
    assert mean_error_cun([math.inf]) is None


def test_an_ended_class_takes_no_answers(clock: Clock) -> None:
    store = ClassStore("sqlite://", clock=clock)
    code = store.start()
    state = store.get(code)
    assert state is not None and store.open_for_answers(state)
    store.end(code)
    ended = store.get(code)
    assert ended is not None and not store.open_for_answers(ended)


def test_tokens_and_keys_are_random_and_fit_their_columns() -> None:
    tokens = {new_session_token() for _ in range(50)}
    assert len(tokens) == 50
    assert {len(t) for t in tokens} == {16}  # 64 random bits, in the answers table's 32-character column
    keys = {new_teacher_key() for _ in range(50)}
    assert len(keys) == 50
    assert {len(k) for k in keys} == {22}  # 128 random bits, URL-safe (it travels in the teacher link)
