"""The link's words, in one home: read a link, write a link, share a link.

Every view is a link that can be shared, bookmarked and reloaded. The words a link uses (`region`, `point`,
`mode`, `audience`, `tour`, `round`, `a`, `join`, `teach`, `key`) and the pages' paths are named here and only
here; the UI layer reads and writes `st.query_params` through these names. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from acumap import home_plan, pain, tour
from acumap.atlas.data import Atlas, Point
from acumap.atlas.regions import RegionChoice, parse_region
from acumap.packing import LinkError

# ---- the words ---------------------------------------------------------------------------------------------

REGION = "region"
POINT = "point"
#: `?mode=present`: the presenter view (for a projector).
MODE = "mode"
#: `?audience=patient`: plain words and bigger type.
AUDIENCE = "audience"
#: `?tour=<step>`: a step of the guided tour (acumap.tour).
TOUR = "tour"
#: `?round=`: a quiz round (acumap.quiz.RoundSpec.encode), and `&a=`, its answers so far.
ROUND = "round"
ANSWERS = "a"
#: `?join=CODE`: a student joining a class; `?teach=CODE&key=KEY`: a teacher link to a second screen.
JOIN = "join"
TEACH = "teach"
KEY = "key"
#: `?pain=1.…`: a patient's pain drawing (acumap.pain.encode); `&earlier=1.…`: an earlier one to compare it with.
PAIN = "pain"
PAIN_EARLIER = "earlier"
#: `?plan=1.…`: a home plan (acumap.home_plan.encode_plan).
PLAN = "plan"

#: The values of `mode` and `audience` a link may carry. `projector` is the presenter view's older name.
PRESENT = "present"
PRESENT_NAMES = (PRESENT, "projector")
PATIENT = "patient"
#: Who the page speaks to: students and practitioners (the default) or a patient.
AUDIENCES = ("student", PATIENT)

#: The words the body map and the point browser read from a link.
MAP_PARAMS = (REGION, POINT, MODE, AUDIENCE, TOUR)
#: The words the pain drawing's page reads from a link.
PAIN_PARAMS = (PAIN, PAIN_EARLIER)
#: The words that describe a view when it is shared (the map's region and point, the audience, a quiz round, a
#: tour step, a class to join). Anything else is left out of a shared link -- the presenter mode too: it is the
#: projector's layout, and every phone that scans the code would get it; and never a teacher's key.
VIEW_PARAMS: tuple[str, ...] = (REGION, POINT, AUDIENCE, ROUND, ANSWERS, TOUR, JOIN, PAIN, PAIN_EARLIER, PLAN)


# ---- the pages' paths (app.py's st.Page url_path; "" is the body map, the default page) -----------------------

MAP_PAGE = ""
POINTS_PAGE = "points"
QUIZ_PAGE = "quiz"
CLASS_PAGE = "class"
EVIDENCE_PAGE = "evidence"
SAFETY_PAGE = "safety"
PAIN_PAGE = "pain"
#: The patient's own page of a home plan (`/plan?plan=1.…`), opened from its link or its QR code.
PLAN_PAGE = "plan"


# ---- read a link -------------------------------------------------------------------------------------------

#: Link values longer than this are cut short in a notice (a pasted paragraph must not fill the screen).
NOTICE_VALUE_CHARS = 40
#: At most this many notices for one link; the rest are counted in the last one.
MAX_NOTICES = 4


@dataclass(frozen=True)
class Selection:
    """The visible state a link asks for: a region and/or a point, the mode and audience, a tour step; notices
    for link values that were ignored."""

    region: RegionChoice | None = None
    point: Point | None = None
    projector: bool = False
    patient: bool = False
    notices: tuple[str, ...] = ()
    tour: str | None = None  # the guided tour's step (acumap.tour)


def short(text: str, limit: int = NOTICE_VALUE_CHARS) -> str:
    """A link value as shown in a notice: one line, at most `limit` characters."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def from_params(atlas: Atlas, params: Mapping[str, str | list[str]]) -> Selection:
    """Read `?region=`, `?point=`, `?mode=`, `?audience=` and `?tour=` from a link; ignore (with a notice) what
    is unknown.

    One notice per distinct problem (a value repeated, or an unknown key given twice, is one problem), long
    values cut short, and no more than MAX_NOTICES in all.
    """
    notices: list[str] = []

    def add(text: str) -> None:
        if text not in notices:
            notices.append(text)

    def first(key: str) -> str | None:
        value = params.get(key)
        values = value if isinstance(value, list) else [value] if value is not None else []
        given = list(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))
        if len(given) > 1:
            add(f"The link gives {key} more than once; the first (“{short(given[0])}”) was used.")
        return given[0] if given else None

    region_text = first(REGION)
    point_text = first(POINT)
    region = parse_region(region_text)
    if region_text and region is None:
        add(f"The link asked for region “{short(region_text)}”, which AcuMap does not know; it was ignored.")
    point = atlas.find_point(point_text) if point_text else None
    if point_text and point is None:
        add(f"The link asked for point “{short(point_text)}”, which AcuMap does not list; it was ignored.")
    tour_text = first(TOUR)
    tour_step = tour.step(tour_text)
    if tour_text and tour_step is None:
        add(
            f"The link asked for tour step “{short(tour_text)}”; AcuMap's tour has {', '.join(tour.KEYS)}. "
            "It was ignored."
        )
    if tour_step is not None and not region_text and not point_text:
        # `?tour=lines` alone opens the view of that step.
        region = parse_region(tour_step.region)
        point = atlas.find_point(tour_step.point) if tour_step.point else None
    mode_text = first(MODE)
    projector = mode_text is not None and mode_text.lower() in PRESENT_NAMES
    if mode_text and not projector:
        add(f"The link asked for mode “{short(mode_text)}”; AcuMap knows only “{PRESENT}”. It was ignored.")
    audience_text = first(AUDIENCE)
    patient = audience_text is not None and audience_text.lower() == PATIENT
    if audience_text and audience_text.lower() not in AUDIENCES:
        add(
            f"The link asked for audience “{short(audience_text)}”; AcuMap knows “patient” and “student”. "
            "It was ignored."
        )
    for key in params:
        if key not in MAP_PARAMS:
            add(f"The link parameter “{short(key)}” is not used by AcuMap; it was ignored.")
    if len(notices) > MAX_NOTICES:
        rest = len(notices) - (MAX_NOTICES - 1)
        notices = [*notices[: MAX_NOTICES - 1], f"…and {rest} more parts of the link were ignored."]
    return Selection(
        region=region,
        point=point,
        projector=projector,
        patient=patient,
        notices=tuple(notices),
        tour=tour_step.key if tour_step else None,
    )


@dataclass(frozen=True)
class PainLink:
    """The pain drawings a link carries (today's and an earlier one), and a notice for each that was refused."""

    drawing: pain.PainDrawing | None = None
    earlier: pain.PainDrawing | None = None
    notices: tuple[str, ...] = ()


def pain_from_params(params: Mapping[str, str | list[str]]) -> PainLink:
    """Read `?pain=` and `?earlier=`; a value that cannot be read is left out with its plain notice."""
    found: dict[str, pain.PainDrawing | None] = {}
    notices: list[str] = []
    for key in (PAIN, PAIN_EARLIER):
        value = params.get(key)
        text = value[0] if isinstance(value, list) and value else value if isinstance(value, str) else None
        found[key] = None
        if text:
            try:
                found[key] = pain.decode(text)
            except LinkError as e:
                notices.append(str(e) if key == PAIN else f"Earlier drawing: {e}")
    return PainLink(found[PAIN], found[PAIN_EARLIER], tuple(notices))


def unknown_params(params: Mapping[str, object], known: tuple[str, ...]) -> tuple[str, ...]:
    """A notice for each word of a link that a page does not read (it is ignored, never an error)."""
    return tuple(
        f"The link parameter “{short(key)}” is not used on this page; it was ignored."
        for key in params
        if key not in known
    )[:MAX_NOTICES]


def pain_params(drawing: pain.PainDrawing, earlier: pain.PainDrawing | None = None) -> dict[str, str]:
    """The pain page's link parameters: the drawing (if anything is shaded) and the earlier one (if kept)."""
    wanted: dict[str, str] = {}
    if not drawing.empty:
        wanted[PAIN] = pain.encode(drawing)
    if earlier is not None:
        wanted[PAIN_EARLIER] = pain.encode(earlier)
    return wanted


def plan_from_params(
    atlas: Atlas, params: Mapping[str, str | list[str]]
) -> tuple[home_plan.HomePlan | None, str | None]:
    """Read `?plan=`: the home plan, or None and the plain notice saying why it was not used."""
    value = params.get(PLAN)
    text = value[0] if isinstance(value, list) and value else value if isinstance(value, str) else None
    if not text:
        return None, None
    try:
        return home_plan.decode_plan(text, atlas), None
    except LinkError as e:
        return None, str(e)


# ---- write a link ------------------------------------------------------------------------------------------


def map_params(
    region: str | None = None,
    point: str | None = None,
    present: bool = False,
    patient: bool = False,
    tour_step: str | None = None,
) -> dict[str, str]:
    """The map's or point browser's link parameters for a view: only what is set, in the link's order."""
    wanted: dict[str, str] = {}
    if region:
        wanted[REGION] = region
    if point:
        wanted[POINT] = point
    if present:
        wanted[MODE] = PRESENT
    if patient:
        wanted[AUDIENCE] = PATIENT
    if tour_step:
        wanted[TOUR] = tour_step
    return wanted


def tour_link(s: tour.Step) -> str:
    """A tour step's deep link (relative to the app): its key and the view it shows."""
    params = [(TOUR, s.key)]
    if s.region:
        params.append((REGION, s.region))
    if s.point:
        params.append((POINT, s.point))
    return "/?" + urlencode(params)


def quiz_params(round_text: str, answers: str) -> dict[str, str]:
    """A quiz round's link parameters: the round, and its answers so far if there are any."""
    return {ROUND: round_text, **({ANSWERS: answers} if answers else {})}


# ---- share a link ------------------------------------------------------------------------------------------


def share_link(app_url: str, page: str, params: Mapping[str, str]) -> str:
    """The address of this view: the app's base address, the page's path and the view's parameters in order."""
    scheme, netloc, path, _, _ = urlsplit(app_url)
    page = page.strip("/")
    base = path.rstrip("/")
    # The browser's address may already end with the page's path (Streamlit does not always trim it).
    if page and base.endswith(f"/{page}"):
        base = base[: -len(page) - 1]
    full_path = f"{base}/{page}" if page else f"{base}/"
    query = urlencode([(k, params[k]) for k in VIEW_PARAMS if params.get(k)], safe=",~:")
    return urlunsplit((scheme, netloc, full_path, query, ""))


def plan_link(app_url: str, plan_text: str) -> str:
    """The link to a home plan's own page (the patient scans its QR code): the plan and nothing else."""
    return share_link(app_url, PLAN_PAGE, {PLAN: plan_text})


def join_link(app_url: str, code: str) -> str:
    """The link a student joins a class by (its QR code is projected)."""
    return share_link(app_url, CLASS_PAGE, {JOIN: code})


def teacher_link(app_url: str, code: str, key: str) -> str:
    """The teacher link that opens the same class on a second screen (never projected: it carries the key)."""
    base = share_link(app_url, CLASS_PAGE, {})
    return f"{base}?{urlencode([(TEACH, code), (KEY, key)])}"
