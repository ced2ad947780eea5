"""The live class check: a class (short code), its current question, and the students' anonymous taps.

One small storage module. Its database URL is SQLAlchemy's: the default is an embedded SQLite file in WAL mode
(readers never wait for the writer; each answer is one short transaction), and `postgresql+psycopg://...` serves one
class from several server processes. Answers carry no name: only a random per-browser-session token, so a student
who taps again replaces their own answer and is counted once. A class expires `ttl` after it was started; its
answers go with it.

A class is a lesson: a sequence of questions (any point on any diagram, or "where does your back hurt"),
asked one after another (live) or all open at once for a set time (homework). Whoever starts a class holds its
teacher key, a secret separate from the students' join code: only its hash is stored, and the key gives the
class back after a reload, on a second device or after a server restart. A database that cannot be reached
raises `StoreUnavailable`; nothing already stored is touched.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

DEFAULT_URL = "sqlite:///classes.db"
#: A class lasts this long after it is started (seconds).
DEFAULT_TTL = 3 * 60 * 60
#: Class codes: 5 characters without the ones that are misread on a projector (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5
#: What a question asks: where a point is, or (a demonstration) where the student's back hurts.
KINDS = ("point", "pain")
#: How a class runs: the teacher asks one question at a time, or every question is open until it closes.
MODES = ("live", "homework")
#: How long homework's results stay for the teacher after it closes (seconds).
HOMEWORK_RESULTS_KEPT = 7 * 24 * 60 * 60
#: How long homework may stay open (seconds): at most two weeks.
HOMEWORK_LONGEST = 14 * 24 * 60 * 60

_meta = MetaData()
classes = Table(
    "classes",
    _meta,
    Column("code", String(CODE_LENGTH), primary_key=True),
    Column("created", Float, nullable=False),
    Column("expires", Float, nullable=False, index=True),
    Column("question", Integer, nullable=False, default=0),  # 0: no question yet; 1, 2, ...: the current one
    Column("kind", String(8), nullable=False, default="point"),
    Column("point_id", String(16)),
    Column("revealed", Boolean, nullable=False, default=False),
    Column("ended", Boolean, nullable=False, default=False),  # the teacher ended it: students are told so
    Column("teacher_hash", String(64)),  # sha256 of the teacher key; the key itself is never stored
    Column("mode", String(10), nullable=False, default="live", server_default="live"),
    Column("closes", Float),  # homework: no answers after this time
)
questions = Table(
    "questions",
    _meta,
    Column("code", String(CODE_LENGTH), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("point_id", String(16)),
    Column("asked", Float, nullable=False),
    Column("revealed", Boolean, nullable=False, default=False),
)
answers = Table(
    "answers",
    _meta,
    Column("code", String(CODE_LENGTH), primary_key=True),
    Column("question", Integer, primary_key=True),
    Column("session", String(32), primary_key=True),  # anonymous: a random token per browser session
    Column("view", String(8), nullable=False),
    Column("x", Float, nullable=False),
    Column("y", Float, nullable=False),
    Column("at", Float, nullable=False),
)


@dataclass(frozen=True)
class ClassState:
    code: str
    expires: float
    question: int
    kind: str
    point_id: str | None
    revealed: bool
    ended: bool = False
    mode: str = "live"
    closes: float | None = None  # homework: when it stops taking answers

    @property
    def homework(self) -> bool:
        return self.mode == "homework"


@dataclass(frozen=True)
class Question:
    """One question of a class's lesson, in the order asked (1, 2, ...)."""

    number: int
    kind: str  # "point" (where is point_id) or "pain" (where does your back hurt)
    point_id: str | None
    asked: float  # when it was asked (seconds since the epoch)
    revealed: bool = False


class StoreUnavailable(RuntimeError):
    """The class database cannot be reached (down, or the network to it lost): nothing was stored or read."""


class WrongKey(LookupError):
    """A teacher key that is not this class's."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _reachable(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A database error that is not about the data (the server down, the connection lost) becomes
    StoreUnavailable; the caller says so plainly and tries again later."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except IntegrityError:
            raise
        except DBAPIError as err:
            raise StoreUnavailable(
                f"the class database cannot be reached ({type(err.orig).__name__})"
            ) from err

    return wrapper


@dataclass(frozen=True)
class Answer:
    session: str
    view: str
    x: float
    y: float
    at: float


#: Columns an earlier version's database lacks, and how to add them (every old class: a live one).
_ADDED_COLUMNS = {
    "ended": "ended BOOLEAN NOT NULL DEFAULT FALSE",
    "teacher_hash": "teacher_hash VARCHAR(64)",
    "mode": "mode VARCHAR(10) NOT NULL DEFAULT 'live'",
    "closes": "closes FLOAT",
}


class ClassStore:
    """Classes and answers in one database (see the module's docstring)."""

    def __init__(
        self, url: str = DEFAULT_URL, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.time
    ):
        self.ttl = ttl
        self.clock = clock
        connect_args: dict[str, Any] = {"connect_timeout": 5} if url.startswith("postgresql") else {}
        self.engine: Engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._create()

    @_reachable
    def _create(self) -> None:
        _meta.create_all(self.engine)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """A database made by an earlier version lacks the newer columns: add them."""
        have = {c["name"] for c in inspect(self.engine).get_columns("classes")}
        with self.engine.begin() as db:
            for name, ddl in _ADDED_COLUMNS.items():
                if name not in have:
                    db.execute(text(f"ALTER TABLE classes ADD COLUMN {ddl}"))

    # --- a class ---------------------------------------------------------------------------------------

    @_reachable
    def start(
        self,
        key: str | None = None,
        homework: Sequence[tuple[str, str | None]] = (),
        open_for: float | None = None,
    ) -> str:
        """A new class; its short code. `key` (from `new_teacher_key`) is the teacher's: only its hash is kept.

        Homework: `homework` lists every question (kind, point) and the class takes answers to all of them for
        `open_for` seconds; its results stay for the teacher a week after it closes.
        """
        now = self.clock()
        self.purge()
        values: dict[str, Any] = {"created": now, "expires": now + self.ttl, "mode": "live"}
        if key is not None:
            values["teacher_hash"] = _key_hash(key)
        if homework:
            if open_for is None or not 0 < open_for <= HOMEWORK_LONGEST:
                raise ValueError("homework stays open for a set time: more than nothing, at most two weeks")
            for kind, point_id in homework:
                _check_question(kind, point_id)
            values.update(
                mode="homework",
                closes=now + open_for,
                expires=now + open_for + HOMEWORK_RESULTS_KEPT,
                question=len(homework),
                kind=homework[-1][0],
                point_id=homework[-1][1],
            )
        for _ in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                with self.engine.begin() as db:
                    db.execute(insert(classes).values(code=code, **values))
                    for number, (kind, point_id) in enumerate(homework, start=1):
                        db.execute(
                            insert(questions).values(
                                code=code, number=number, kind=kind, point_id=point_id, asked=now
                            )
                        )
                return code
            except IntegrityError:  # the code is taken: draw another
                continue
        raise RuntimeError("could not find a free class code")

    @_reachable
    def get(self, code: str) -> ClassState | None:
        """The class (ended or not), or None if there is none with this code or it has expired."""
        with self.engine.connect() as db:
            row = db.execute(select(classes).where(classes.c.code == normalise(code))).first()
        if row is None or row.expires <= self.clock():
            return None
        return ClassState(
            row.code,
            row.expires,
            row.question,
            row.kind,
            row.point_id,
            row.revealed,
            bool(row.ended),
            row.mode or "live",
            row.closes,
        )

    @_reachable
    def resume(self, code: str, key: str) -> ClassState:
        """The class for its teacher: the same class, in the same state, wherever the key is used.

        Raises LookupError when there is no such class (or it expired), WrongKey when the key is not its own.
        """
        state = self._get(code)
        with self.engine.connect() as db:
            stored = db.execute(select(classes.c.teacher_hash).where(classes.c.code == state.code)).scalar()
        if not stored or not hmac.compare_digest(stored, _key_hash(key)):
            raise WrongKey(f"that is not the teacher key of class {state.code!r}")
        return state

    @_reachable
    def questions(self, code: str) -> list[Question]:
        """The lesson's questions so far, in the order asked."""
        state = self._get(code)
        with self.engine.connect() as db:
            rows = db.execute(
                select(questions).where(questions.c.code == state.code).order_by(questions.c.number)
            ).all()
        return [Question(r.number, r.kind, r.point_id, r.asked, bool(r.revealed)) for r in rows]

    def open_for_answers(self, state: ClassState) -> bool:
        """Whether the class takes answers now (homework: until it closes)."""
        if state.ended:
            return False
        return not (state.homework and state.closes is not None and self.clock() >= state.closes)

    @_reachable
    def end(self, code: str) -> None:
        """End the class: no more questions or answers; its students are told it has ended. It is deleted
        with its answers when it expires."""
        state = self._live(code)
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.code == state.code).values(ended=True))

    @_reachable
    def ask(self, code: str, kind: str, point_id: str | None = None) -> int:
        """Start the next question ("point": where is `point_id`; "pain": where does your back hurts)."""
        _check_question(kind, point_id)
        state = self._live(code)
        if state.homework:
            raise ValueError("homework's questions are set when it starts")
        number = state.question + 1
        with self.engine.begin() as db:
            db.execute(
                update(classes)
                .where(classes.c.code == state.code)
                .values(question=number, kind=kind, point_id=point_id, revealed=False)
            )
            db.execute(
                insert(questions).values(
                    code=state.code, number=number, kind=kind, point_id=point_id, asked=self.clock()
                )
            )
        return number

    @_reachable
    def reveal(self, code: str) -> None:
        state = self._live(code)
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.code == state.code).values(revealed=True))
            db.execute(
                update(questions)
                .where(questions.c.code == state.code, questions.c.number == state.question)
                .values(revealed=True)
            )

    # --- answers ---------------------------------------------------------------------------------------

    @_reachable
    def answer(
        self, code: str, session: str, view: str, x: float, y: float, question: int | None = None
    ) -> None:
        """Store a student's tap for the current question, or (homework) for question `question`; a second tap
        replaces their first, in one statement (an upsert), however fast the taps come."""
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError("a tap's position must be finite")
        state = self._live(code)
        if state.question == 0:
            raise ValueError("the class has no question yet")
        if state.homework:
            if not self.open_for_answers(state):
                raise ValueError("this homework has closed: no more answers")
            if question is None or not 1 <= question <= state.question:
                raise ValueError(f"homework has questions 1 to {state.question}")
            number = question
        else:
            if question not in (None, state.question):
                raise ValueError(f"question {question} is over: the class is on question {state.question}")
            if state.revealed:
                raise ValueError("the answer to this question has been shown: no more answers to it")
            number = state.question
        values = {"view": view, "x": x, "y": y, "at": self.clock()}
        upsert = (pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert)(answers).values(
            code=state.code, question=number, session=session, **values
        )
        with self.engine.begin() as db:
            db.execute(
                upsert.on_conflict_do_update(index_elements=["code", "question", "session"], set_=values)
            )

    @_reachable
    def answers(self, code: str, question: int | None = None) -> list[Answer]:
        """The answers to a question (the current one by default), oldest first (an ended class's too)."""
        state = self._get(code)
        q = state.question if question is None else question
        with self.engine.connect() as db:
            rows = db.execute(
                select(answers)
                .where(answers.c.code == state.code, answers.c.question == q)
                .order_by(answers.c.at, answers.c.session)
            ).all()
        return [Answer(r.session, r.view, r.x, r.y, r.at) for r in rows]

    @_reachable
    def answer_of(self, code: str, session: str, question: int | None = None) -> Answer | None:
        """One student's answer to a question (the current one by default), or None: one row read, however
        large the class (a student's page asks this on every run)."""
        state = self._get(code)
        q = state.question if question is None else question
        with self.engine.connect() as db:
            r = db.execute(
                select(answers).where(
                    answers.c.code == state.code, answers.c.question == q, answers.c.session == session
                )
            ).first()
        return None if r is None else Answer(r.session, r.view, r.x, r.y, r.at)

    @_reachable
    def count(self, code: str) -> int:
        state = self._get(code)
        with self.engine.connect() as db:
            n = db.execute(
                select(func.count())
                .select_from(answers)
                .where(answers.c.code == state.code, answers.c.question == state.question)
            ).scalar_one()
        return int(n)

    @_reachable
    def purge(self) -> int:
        """Delete the expired classes, their questions and answers; how many classes went."""
        now = self.clock()
        with self.engine.begin() as db:
            gone = [r.code for r in db.execute(select(classes.c.code).where(classes.c.expires <= now))]
            if gone:
                db.execute(delete(answers).where(answers.c.code.in_(gone)))
                db.execute(delete(questions).where(questions.c.code.in_(gone)))
                db.execute(delete(classes).where(classes.c.code.in_(gone)))
        return len(gone)

    def _get(self, code: str) -> ClassState:
        state = self.get(code)
        if state is None:
            raise LookupError(f"no class {normalise(code)!r} (it may have expired)")
        return state

    def _live(self, code: str) -> ClassState:
        """The class, if it is still going (not ended, not expired)."""
        state = self._get(code)
        if state.ended:
            raise LookupError(f"class {state.code!r} has ended")
        return state


def following(state: ClassState | None) -> dict[str, Any]:
    """What a student's page follows: the class's question, whether its answer is shown, whether it has ended
    (or that there is no such class). Nothing about anyone's answers: the same a student sees on the page."""
    if state is None:
        return {"gone": True}
    return {"question": state.question, "revealed": state.revealed, "ended": state.ended}


#: A student's page that could not read the class (its database unreachable) follows this instead.
UNREACHABLE = {"unavailable": True}


def normalise(code: str) -> str:
    """A code as typed: case and spaces do not matter."""
    return "".join(code.split()).upper()


def new_session_token() -> str:
    return secrets.token_hex(TOKEN_HEX // 2)


#: A session token as `new_session_token` makes it: 16 hex digits.
TOKEN_HEX = 16
#: How far a tap may lie from a diagram's origin (cm): every diagram is smaller; anything beyond is not a tap.
TAP_REACH_CM = 500.0


@dataclass(frozen=True)
class Tap:
    """A student's tap as their phone posts it to the class's answer route (ui/class_route.py): who (the
    session's anonymous token), which question they saw, and where on which diagram."""

    session: str
    question: int
    view: str
    x: float
    y: float


def read_tap(body: object, views: Sequence[str]) -> Tap | None:
    """A tap posted by a phone, or None if the body is not one: anything malformed is refused, never trusted.

    The route stores it at once, before the page's own run (which then only redraws), so a tap is stored within
    milliseconds even while a class's hundred phones redraw together (bench/class_scale.py)."""
    if not isinstance(body, dict):
        return None
    token, question, view = body.get("token"), body.get("question"), body.get("view")
    x, y = body.get("x"), body.get("y")
    if not (
        isinstance(token, str) and len(token) == TOKEN_HEX and all(c in "0123456789abcdef" for c in token)
    ):
        return None
    if not (isinstance(question, int) and not isinstance(question, bool) and question >= 1):
        return None
    if view not in views:
        return None
    coords = (x, y)
    if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coords):
        return None
    if not all(math.isfinite(c) and abs(c) <= TAP_REACH_CM for c in coords):  # type: ignore[arg-type]
        return None
    return Tap(token, question, str(view), float(x), float(y))  # type: ignore[arg-type]


def new_teacher_key() -> str:
    """A teacher key: 128 random bits, URL-safe (it travels in the teacher's link)."""
    return secrets.token_urlsafe(16)


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _check_question(kind: str, point_id: str | None) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown question kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind == "point" and not point_id:
        raise ValueError("a point question names its point")


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def mean_error_cun(errors: Sequence[float]) -> float | None:
    """The class's mean error (cun), or None when nobody answered."""
    finite = [e for e in errors if math.isfinite(e)]
    return sum(finite) / len(finite) if finite else None
