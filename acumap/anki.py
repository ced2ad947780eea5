"""The atlas as an Anki deck (.apkg, built with genanki): a student takes the points into the spaced-repetition
tool many already use.

One note per point, two cards: *Find it* (front: "Where is BL18?" on its diagram with no point drawn, the back's
numbered landmarks to count from; back: the diagram with the point marked, where it lies in words, its names)
and *Name it* (front: the diagram with the point marked; back: its code and names). The diagrams are the printed
figure's SVG (acumap.drawing.figure), one file per point and one blank per diagram.

Ids are fixed, so importing a newer deck updates the notes a student already studies rather than adding copies:
the note type's and each deck's ids are constants or derived from the deck's scope, a note's guid from its point
id; the build's timestamp is fixed too, so the same atlas gives the same file. Every text from the data is
HTML-escaped: Anki shows a field as HTML.
"""

from __future__ import annotations

import hashlib
import html
import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from acumap.atlas.data import Atlas, Point
from acumap.atlas.regions import BASE_LABELS, RegionChoice
from acumap.atlas.selection import highlights
from acumap.body import anatomy
from acumap.drawing.assets import Drawing
from acumap.drawing.describe import VIEW_TITLES
from acumap.drawing.figure import Mark, diagram_svg
from acumap.quiz import asked_code

#: The note type's id: fixed for good (a new id would make Anki see a new note type and duplicate every note).
MODEL_ID = 1_734_021_907
#: Decks' ids are this plus a number derived from the deck's scope ("all", or a base region).
DECK_ID_BASE = 1_734_100_000
#: A fixed build time (2026-12-07 00:00 UTC): the same atlas gives the same notes and cards, ids included.
BUILD_TIMESTAMP = 1_796_601_600.0

#: A note's fields; the first (the code as the quiz asks it: "EX-B2 at T5" where several points share one) is
#: unique, as Anki expects of a note's first field.
FIELDS = ("Code", "Names", "Where", "Channel", "Used for", "Landmarks", "Blank", "Marked", "Source")

CSS = """.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.4; color: #1f2328;
  background: #fff; text-align: left; max-width: 38em; margin: 0 auto; }
.ask { font-size: 1.3em; font-weight: 700; margin: 0.3em 0; }
img { max-width: 100%; height: auto; max-height: 70vh; display: block; margin: 0.4em auto; }
.names { font-size: 1.1em; } .small { font-size: 0.85em; color: #57606a; }
ol.landmarks { font-size: 0.85em; padding-left: 1.4em; }"""

FIND_FRONT = '<p class="ask">Where is {{Code}}?</p>{{Blank}}{{Landmarks}}'
FIND_BACK = (
    '<p class="ask">Where is {{Code}}?</p>{{Marked}}<hr id="answer"><p class="names">{{Names}}</p>'
    '<p><b>Where:</b> {{Where}}</p><p class="small">{{Channel}} · {{Used for}}</p><p class="small">{{Source}}</p>'
)
NAME_FRONT = '<p class="ask">Which point is this?</p>{{Marked}}'
NAME_BACK = (
    '<p class="ask">Which point is this?</p>{{Marked}}<hr id="answer"><p class="ask">{{Code}}</p>'
    '<p class="names">{{Names}}</p><p><b>Where:</b> {{Where}}</p><p class="small">{{Source}}</p>'
)


def note_model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        "AcuMap point",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {"name": "Find it", "qfmt": FIND_FRONT, "afmt": FIND_BACK},
            {"name": "Name it", "qfmt": NAME_FRONT, "afmt": NAME_BACK},
        ],
        css=CSS,
        sort_field_index=0,
    )


def deck_id(scope: str) -> int:
    """A deck's id from its scope ("all" or a base region's id): stable from one build to the next."""
    return DECK_ID_BASE + int(hashlib.sha256(f"acumap-deck:{scope}".encode()).hexdigest()[:6], 16)


def note_guid(point_id: str) -> str:
    """A point's note id in every deck and every build: a re-import updates the note."""
    return str(genanki.guid_for("acumap", point_id))


def media_name(point_id: str | None, view: str) -> str:
    """The image file of a point's marked diagram, or of a blank diagram (`point_id` None)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in point_id) if point_id else ""
    return f"acumap-{safe}-{view}.svg" if point_id else f"acumap-blank-{view}.svg"


@dataclass(frozen=True)
class Deck:
    """A built deck: its file, its name and what it holds."""

    apkg: bytes
    name: str
    points: tuple[str, ...]
    media: tuple[str, ...]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _landmarks_html(view: str) -> str:
    if view != "back":
        return ""
    items = "".join(f"<li>{_esc(lm.label)}: {_esc(lm.taught)}</li>" for lm in anatomy.LANDMARKS)
    return f'<p class="small">Landmarks on the diagram:</p><ol class="landmarks">{items}</ol>'


def _fields(atlas: Atlas, point: Point) -> list[str]:
    used = sorted(
        {
            f"{BASE_LABELS[link.region].lower()} ({link.role})"
            for link in atlas.links
            if link.point_id == point.id
        }
    )
    names = " · ".join(_esc(n) for n in (point.pinyin, point.hanzi, point.english) if n)
    return [
        _esc(asked_code(atlas, point)),
        names,
        _esc(point.location),
        _esc(f"{point.meridian} channel"),
        _esc("Used for the " + "; the ".join(used)) if used else "",
        _landmarks_html(point.view),
        f'<img src="{media_name(None, point.view)}" alt="{_esc(VIEW_TITLES[point.view])}, no point drawn">',
        f'<img src="{media_name(point.id, point.view)}" alt="{_esc(VIEW_TITLES[point.view])}, with {_esc(point.code)} marked">',
        _esc(f"Location: {point.source}. From AcuMap."),
    ]


def deck_points(atlas: Atlas, choice: RegionChoice | None) -> tuple[Point, ...]:
    """The points of a deck: a region's (local, then distal, as the map lists them) or the whole atlas."""
    if choice is None:
        return atlas.points
    seen: dict[str, Point] = {}
    for h in highlights(atlas, choice):
        seen.setdefault(h.point.id, h.point)
    return tuple(seen.values())


def build_deck(atlas: Atlas, drawings: dict[str, Drawing], choice: RegionChoice | None = None) -> Deck:
    """The deck of a region's points, or of the whole atlas."""
    points: Sequence[Point] = deck_points(atlas, choice)
    scope = choice.base if choice else "all"
    name = f"AcuMap::{BASE_LABELS[choice.base]}" if choice else "AcuMap::All points"
    deck = genanki.Deck(
        deck_id(scope), name, description=_esc("Acupuncture points for neck and back pain, from AcuMap.")
    )
    model = note_model()
    with tempfile.TemporaryDirectory(prefix="acumap-anki-") as tmp:
        folder = Path(tmp)
        media: dict[str, str] = {}
        for point in points:
            view = point.view
            media.setdefault(
                media_name(None, view),
                diagram_svg(atlas, drawings[view], [], audience="student", others=False, landmarks=True),
            )
            mark = Mark(point, point.code, "local")
            media[media_name(point.id, view)] = diagram_svg(
                atlas,
                drawings[view],
                [mark],
                audience="student",
                others=False,
                labelled=False,
                landmarks=True,
            )
            deck.add_note(genanki.Note(model=model, fields=_fields(atlas, point), guid=note_guid(point.id)))
        for file_name, svg in media.items():
            (folder / file_name).write_text(svg, encoding="utf-8")
        package = genanki.Package(deck)
        package.media_files = [str(folder / n) for n in sorted(media)]
        out = io.BytesIO()
        package.write_to_file(out, timestamp=BUILD_TIMESTAMP)
    return Deck(out.getvalue(), name, tuple(p.id for p in points), tuple(sorted(media)))
