"""One taking of a quiz round, as a value: what was asked, what was answered, whether the last answer's verdict is
showing, and which answers were made here (not brought by a link). The quiz page keeps one of these in the session
and replaces it with what each step returns, as the map does with `acumap.atlas.selection.apply_event`: every
decision of the round is here, tested with tables of cases, and the page only draws."""

from __future__ import annotations

from dataclasses import dataclass, replace

from acumap import links
from acumap.quiz import (
    ROUND_LENGTH,
    RoundSpec,
    decode_answers,
    decode_attempts,
    encode_answers,
    encode_attempts,
)

#: An attempt at finding a point: the diagram tapped and where on it (cm).
AttemptAt = tuple[str, float, float]


@dataclass(frozen=True)
class QuizRound:
    """A round being taken. `attempts` (find) or `names` (name) are the answers so far, in the order of the
    round's points; `live` the indices answered in this browser (what its history keeps); `run` tells one taking
    of the same link from another."""

    spec: RoundSpec
    attempts: tuple[AttemptAt, ...] = ()
    names: tuple[str, ...] = ()
    feedback: bool = False
    live: tuple[int, ...] = ()
    run: str = ""

    @property
    def naming(self) -> bool:
        return self.spec.mode == "name"

    @property
    def answered(self) -> int:
        return len(self.names) if self.naming else len(self.attempts)

    def showing_verdict(self) -> bool:
        """Whether the last answer's verdict is on screen (never before the first answer)."""
        return self.feedback and self.answered > 0

    def done(self, n_points: int) -> bool:
        """Every point answered and the last verdict moved past: the summary."""
        return self.answered >= n_points and not self.showing_verdict()

    def current(self) -> int:
        """The index of the point on screen: the one just answered while its verdict shows, else the next."""
        return self.answered - 1 if self.showing_verdict() else self.answered

    def can_answer(self, n_points: int) -> bool:
        return not self.feedback and self.answered < n_points

    def attempt(self, n_points: int, view: str, x: float, y: float) -> QuizRound:
        """A tap on the diagram: the current point's answer, its verdict shown. Ignored in a naming round, while a
        verdict shows (a second tap does not answer the next point) and once every point is answered."""
        if self.naming or not self.can_answer(n_points):
            return self
        return replace(
            self,
            attempts=(*self.attempts, (view, x, y)),
            live=(*self.live, len(self.attempts)),
            feedback=True,
        )

    def name(self, n_points: int, point_id: str) -> QuizRound:
        """A point named (typed and read, or picked): the current point's answer, its verdict shown. Ignored in a
        finding round, while a verdict shows and once every point is answered."""
        if not self.naming or not self.can_answer(n_points):
            return self
        return replace(self, names=(*self.names, point_id), live=(*self.live, len(self.names)), feedback=True)

    def next(self) -> QuizRound:
        """Past the verdict: the next point (or, after the last, the summary)."""
        return replace(self, feedback=False)

    def link_params(self) -> dict[str, str]:
        """The round and its answers so far, for the address: a reload or a shared link replays it exactly."""
        answers = encode_answers(list(self.names)) if self.naming else encode_attempts(list(self.attempts))
        return links.quiz_params(self.spec.encode(), answers)

    def kept(self, point_ids: list[str], correct: list[bool]) -> list[tuple[str, int, str, bool]]:
        """What this browser's history keeps of the round: the answers made here (not those a link brought),
        each as (this taking, index, point, right or wrong)."""
        taking = f"{self.spec.encode()}#{self.run}"
        return [(taking, i, point_ids[i], correct[i]) for i in self.live if i < len(correct)]


def start(spec: RoundSpec, run: str) -> QuizRound:
    """A new taking of a round: nothing answered yet."""
    return QuizRound(spec, run=run)


def from_link(round_text: str, answers_text: str, run: str) -> QuizRound | None:
    """The round a link carries, with its answers (at most a round's length of them, none of them made here), or
    None if either cannot be read."""
    spec = RoundSpec.decode(round_text)
    if spec is None:
        return None
    if spec.mode == "name":
        names = decode_answers(answers_text)
        return None if names is None else QuizRound(spec, names=tuple(names[:ROUND_LENGTH]), run=run)
    attempts = decode_attempts(answers_text)
    return None if attempts is None else QuizRound(spec, attempts=tuple(attempts[:ROUND_LENGTH]), run=run)
