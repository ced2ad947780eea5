"""What the person has chosen (a region, a point) and what it lights up.

Pure functions over the validated atlas: the page layer keeps the state, this module decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import DIAGRAM_VIEWS, Marker
from acumap.atlas.regions import RegionChoice, parse_region
from acumap.body import anatomy


@dataclass(frozen=True)
class Highlight:
    """A point lit up for a region: local or distal, and why it is used there."""

    point: Point
    role: str
    why: str
    basis: str = "textbook"  # or "pattern" (acumap.atlas.data.Link.basis)
    plain: str = ""  # why, in a patient's words (acumap.atlas.data.Link.plain; may be empty)


def highlights(atlas: Atlas, choice: RegionChoice) -> tuple[Highlight, ...]:
    """Points used for a region, local first, each group in the order of the data."""
    found = [
        Highlight(atlas.point(link.point_id), link.role, link.why, link.basis, link.plain)
        for link in atlas.links_for(choice.base)
    ]
    return tuple(sorted(found, key=lambda h: 0 if h.role == "local" else 1))


def lights_marker(side: str, marker: Marker) -> bool:
    """Whether a region chosen on `side` (left, right or both) lights this marker of one of its points: on the
    back, the chosen side's markers and the midline's; on every other diagram, each marker."""
    return marker.point.view != "back" or side == "both" or marker.side in (side, "midline")


def toggle_region(current: str | None, clicked: str) -> str | None:
    """Clicking the region already shown goes back to the overview; any other click shows that region."""
    return None if current == clicked else clicked


EVENT_KINDS = ("region", "point", "position", "clear")


@dataclass(frozen=True)
class MapEvent:
    """What the map reported: a region, a point, a bare position on a diagram, or a request to clear.

    Every click or tap carries where it landed (view and x, y in that diagram's cm), whatever it hit.
    """

    kind: str
    id: str | None = None
    view: str | None = None
    x: float | None = None
    y: float | None = None


def parse_event(value: object) -> MapEvent | None:
    """Read the browser's event payload; anything malformed is ignored (None), never trusted."""
    if not isinstance(value, dict):
        return None
    kind = value.get("kind")
    if kind not in EVENT_KINDS:
        return None
    ident = value.get("id")
    view = value.get("view")
    x, y = value.get("x"), value.get("y")
    has_xy = isinstance(x, int | float) and isinstance(y, int | float) and not isinstance(x, bool)
    if kind in ("region", "point") and not (isinstance(ident, str) and ident):
        return None
    if kind == "position" and not (isinstance(view, str) and has_xy):
        return None
    return MapEvent(
        kind=kind,
        id=ident if isinstance(ident, str) and ident else None,
        view=view if isinstance(view, str) else None,
        x=float(x) if has_xy else None,  # type: ignore[arg-type]
        y=float(y) if has_xy else None,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Ack:
    """The last event applied from a map instance in the browser: its sender id and event number."""

    sender: str = ""
    n: int = 0

    def as_dict(self) -> dict[str, str | int]:
        return {"from": self.sender, "n": self.n}


def acknowledge(last: Ack, value: object) -> Ack | None:
    """The acknowledgement for an event just received, or None if it must not be applied.

    The browser sends an event again until it is acknowledged (a click can be lost while a restarted server
    reruns the page), so the same (sender, n) can arrive twice: it is applied once. A payload without a
    sender and a number is not from the map and is ignored.
    """
    if not isinstance(value, dict):
        return None
    sender, n = value.get("from"), value.get("n")
    if not isinstance(sender, str) or not sender or not isinstance(n, int) or isinstance(n, bool):
        return None
    if sender == last.sender and n <= last.n:
        return None
    return Ack(sender, n)


@dataclass(frozen=True)
class ViewState:
    """The visible choice on the map: a region id (as in links) and a point id, each optional."""

    region: str | None = None
    point: str | None = None


def apply_event(state: ViewState, event: MapEvent, atlas: Atlas) -> ViewState:
    """The one rule for what a map event does (the browser mirrors it to highlight at once).

    A region toggles (the same region again goes back to the overview) and closes any open point; a tap on
    the back's midline (anatomy.on_midline) chooses both sides of the region it landed in; a point
    opens its details (the same point again closes them) and keeps the region; a bare position changes
    nothing; clear (Escape) goes back to the overview. Unknown ids change nothing.
    """
    if event.kind == "clear":
        return ViewState()
    if event.kind == "region":
        choice = parse_region(event.id)
        if choice is None:
            return state
        chosen = choice.id
        if (
            choice.side != "both"
            and event.view == "back"
            and event.x is not None
            and anatomy.on_midline(event.x)
        ):
            chosen = choice.base
        return ViewState(region=toggle_region(state.region, chosen), point=None)
    if event.kind == "point":
        if event.id is None or not atlas.has_point(event.id):
            return state
        return ViewState(region=state.region, point=None if state.point == event.id else event.id)
    return state


#: What a tap on a map does. "explore": regions and points light (the body map); "point": the chosen point only,
#: region taps ignored (the point browser); "find": the points hidden, a tap is a quiz attempt; "name": one point
#: shown, taps do nothing (naming it is done in the page); "draw": a finger, pen or mouse on the back shades a pain
#: drawing (acumap.pain), taps choose nothing and the page says what is lit.
TAPS = ("explore", "point", "find", "name", "draw")


@dataclass(frozen=True)
class MapMode:
    """How a map is drawn and what a tap on it does: one value for the page to pass, instead of eleven flags.

    `views` are the diagrams shown; `landmarks` the numbered landmarks; `patient` the patient's drawing (only the
    chosen region's points, numbered as in the patient's list); `present` the presenter's; `throttle_ms` how
    often a class's attempts may reach Python (the last always); `scale` the screen-pixel parts' size."""

    views: tuple[str, ...] = DIAGRAM_VIEWS
    taps: str = "explore"
    landmarks: bool = True
    patient: bool = False
    present: bool = False
    throttle_ms: int = 0
    scale: float = 1.0

    def __post_init__(self) -> None:
        if self.taps not in TAPS:
            raise ValueError(f"unknown map taps {self.taps!r}; expected one of {', '.join(TAPS)}")

    @property
    def regions(self) -> bool:
        """Whether a tap on a region chooses it."""
        return self.taps == "explore"

    @property
    def quiz(self) -> str:
        """The quiz the map takes part in ("find", "name") or ""."""
        return self.taps if self.taps in ("find", "name") else ""

    @property
    def draws(self) -> bool:
        """Whether strokes on the back shade a pain drawing."""
        return self.taps == "draw"

    def shown(self, view: ViewState) -> ViewState:
        """What the map lights of the page's state: all of it, the point alone, or (a quiz, a drawing) nothing."""
        if self.quiz or self.draws:
            return ViewState()
        return view if self.regions else ViewState(point=view.point)
