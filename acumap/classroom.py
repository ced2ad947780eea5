"""The live class check: a class (short code), its current question, and the students' anonymous taps.

One small storage module. Its database URL is SQLAlchemy's: the default is an embedded SQLite file in WAL mode
(readers never wait for the writer; each answer is one short transaction), and `postgresql+psycopg://...` serves one
class from several server processes. Answers carry no name: only a random per-browser-session token, so a student
who taps again replaces their own answer and is counted once. A class expires `ttl` after it was started; its
answers go with it.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
from sqlalchemy.exc import IntegrityError

DEFAULT_URL = "sqlite:///classes.db"
#: A class lasts this long after it is started (seconds).
DEFAULT_TTL = 3 * 60 * 60
#: Class codes: 5 characters without the ones that are misread on a projector (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5
#: What a question asks: where a point is, or (a demonstration) where the student's back hurts.
KINDS = ("point", "pain")

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


@dataclass(frozen=True)
class Answer:
    session: str
    view: str
    x: float
    y: float
    at: float


class ClassStore:
    """Classes and answers in one database (see the module's docstring)."""

    def __init__(
        self, url: str = DEFAULT_URL, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.time
    ):
        self.ttl = ttl
        self.clock = clock
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        _meta.create_all(self.engine)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """A database made by an earlier version lacks the `ended` column: add it (false for every class)."""
        have = {c["name"] for c in inspect(self.engine).get_columns("classes")}
        if "ended" not in have:
            with self.engine.begin() as db:
                db.execute(text("ALTER TABLE classes ADD COLUMN ended BOOLEAN NOT NULL DEFAULT FALSE"))

    # --- a class ---------------------------------------------------------------------------------------

    def start(self) -> str:
        """A new class; its short code."""
        now = self.clock()
        self.purge()
        for _ in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                with self.engine.begin() as db:
                    db.execute(insert(classes).values(code=code, created=now, expires=now + self.ttl))
                return code
            except IntegrityError:  # the code is taken: draw another
                continue
        raise RuntimeError("could not find a free class code")

    def get(self, code: str) -> ClassState | None:
        """The class (ended or not), or None if there is none with this code or it has expired."""
        with self.engine.connect() as db:
            row = db.execute(select(classes).where(classes.c.code == normalise(code))).first()
        if row is None or row.expires <= self.clock():
            return None
        return ClassState(
            row.code, row.expires, row.question, row.kind, row.point_id, row.revealed, bool(row.ended)
        )

    def end(self, code: str) -> None:
        """End the class: no more questions or answers; its students are told it has ended. It is deleted
        with its answers when it expires."""
        state = self._live(code)
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.code == state.code).values(ended=True))

    def ask(self, code: str, kind: str, point_id: str | None = None) -> int:
        """Start the next question ("point": where is `point_id`; "pain": where does your back hurts)."""
        if kind not in KINDS:
            raise ValueError(f"unknown question kind {kind!r}; expected one of {', '.join(KINDS)}")
        if kind == "point" and not point_id:
            raise ValueError("a point question names its point")
        state = self._live(code)
        with self.engine.begin() as db:
            db.execute(
                update(classes)
                .where(classes.c.code == state.code)
                .values(question=state.question + 1, kind=kind, point_id=point_id, revealed=False)
            )
        return state.question + 1

    def reveal(self, code: str) -> None:
        state = self._live(code)
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.code == state.code).values(revealed=True))

    # --- answers ---------------------------------------------------------------------------------------

    def answer(self, code: str, session: str, view: str, x: float, y: float) -> None:
        """Store a student's tap for the current question (a second tap replaces their first)."""
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError("a tap's position must be finite")
        state = self._live(code)
        if state.question == 0:
            raise ValueError("the class has no question yet")
        if state.revealed:
            raise ValueError("the answer to this question has been shown: no more answers to it")
        now = self.clock()
        key = {"code": state.code, "question": state.question, "session": session}
        values = {"view": view, "x": x, "y": y, "at": now}
        try:
            with self.engine.begin() as db:
                db.execute(insert(answers).values(**key, **values))
        except IntegrityError:  # this session already answered: its new tap replaces the old one
            with self.engine.begin() as db:
                db.execute(
                    update(answers)
                    .where(answers.c.code == state.code, answers.c.question == state.question)
                    .where(answers.c.session == session)
                    .values(**values)
                )

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

    def count(self, code: str) -> int:
        state = self._get(code)
        with self.engine.connect() as db:
            n = db.execute(
                select(func.count())
                .select_from(answers)
                .where(answers.c.code == state.code, answers.c.question == state.question)
            ).scalar_one()
        return int(n)

    def purge(self) -> int:
        """Delete the expired classes and their answers; how many classes went."""
        now = self.clock()
        with self.engine.begin() as db:
            gone = [r.code for r in db.execute(select(classes.c.code).where(classes.c.expires <= now))]
            if gone:
                db.execute(delete(answers).where(answers.c.code.in_(gone)))
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


def normalise(code: str) -> str:
    """A code as typed: case and spaces do not matter."""
    return "".join(code.split()).upper()


def new_session_token() -> str:
    return secrets.token_hex(8)


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
