"""The panel beside the body map, written once per version of the data as safe HTML: the one source of its words.

Every state the map can be in (the overview, a region choice, a point with or without a region) has a panel, for
students and for patients. A panel is a list of pieces; a piece is HTML that several panels may share (a point's
details, the safety box, a region's list), stored once under the hash of its text. The browser holds the book and
swaps the panel in the frame of a click (ui/component/panel.js); Python never writes the panel a second way.

Every data text is escaped here (`html.escape`); the only markup is this module's own. Buttons carry what they do
as data attributes (`data-point`: open that point; `data-act`: "back" closes the point, "clear" goes to the
overview): the browser turns them into the map's own events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import Literal

from acumap.atlas.codes import alternative_codes
from acumap.atlas.data import Atlas, Point
from acumap.atlas.placement import placement_text
from acumap.atlas.regions import BASE_LABELS, BASE_SPANS, RegionChoice
from acumap.atlas.selection import Highlight
from acumap.drawing.figure import Mark
from acumap.evidence import REGION_EVIDENCE, REGION_EVIDENCE_PLAIN
from acumap.plain import (
    AFTER,
    ASHI_PLAIN,
    DURING,
    PATIENT_INTRO,
    PLAIN_CAUTIONS,
    REGION_WHERE,
    SELF_CARE,
    entry_plain,
    glossary_used,
)
from acumap.region_view import RegionView
from acumap.safety import (
    ASHI_BY_REGION,
    ASHI_NOTE,
    CAUTION_TAG_LABEL,
    CAUTION_TAG_TEXT,
    DISCLAIMER,
    PATTERN_BASED,
    PATTERN_BASED_NOTE,
    RED_FLAG_GROUPS,
    depth_notes,
    source_notes_for,
)

Audience = Literal["student", "patient"]

ROLE_BADGE = {"local": "● LOCAL", "distal": "◆ DISTAL"}

#: The class of the box that holds the disclaimer: while one is on the page, the footer's copy is hidden.
DISCLAIMER_CLASS = "acumap-disclaimer"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(role: str) -> str:
    return f'<span class="badge {_e(role)}">{_e(ROLE_BADGE[role])}</span>'


def _box(kind: str, icon: str, body: str, extra: str = "") -> str:
    """A coloured note (kind: warn, info, note), as Streamlit's alerts look; `body` is markup of this module."""
    return (
        f'<div class="box {kind}{" " + extra if extra else ""}" role="note">'
        f'<span class="icon" aria-hidden="true">{icon}</span><div>{body}</div></div>'
    )


def _buttons() -> str:
    return (
        '<div class="actions"><button type="button" data-act="back">← Back</button>'
        '<button type="button" data-act="clear">Overview</button></div>'
    )


# ---- the safety box: red flags and the disclaimer (every overview, every patient region) ------------------


def safety_html() -> str:
    groups = "".join(
        f"<p><strong>{_e(g.heading)}</strong></p><ul>"
        + "".join(f"<li>{_e(flag)}</li>" for flag in g.flags)
        + f'</ul><p class="source"><em>Source: {_e(g.source)}</em></p>'
        for g in RED_FLAG_GROUPS
    )
    return _box("warn", "🩺", groups + f"<p>{_e(DISCLAIMER)}</p>", DISCLAIMER_CLASS)


# ---- the student's panels ------------------------------------------------------------------------------


def overview_html(atlas: Atlas) -> str:
    counts: dict[str, int] = {}
    for p in atlas.points:
        counts[p.view] = counts.get(p.view, 0) + 1
    where = ", ".join(f"{n} on the {_e(view)}" for view, n in counts.items())
    return (
        "<h3>Where does it hurt?</h3>"
        "<p>Click or tap a region of the back (or pick one from the menu; with a keyboard, Tab to the map, arrow "
        'keys, Enter) to light up the points used there: <span class="badge local">● local</span> points on the '
        'painful area and <span class="badge distal">◆ distal</span> points on the hand, leg or head that are used '
        "with them. Click any point for its details; click the region again to come back here.</p>"
        f'<p class="caption">{len(atlas.points)} points: {where}. Locations follow the WHO Standard Acupuncture '
        "Point Locations (2008).</p>" + safety_html()
    )


def _tags(point: Point) -> str:
    return " ".join(
        f'<span class="badge caution">⚠ {_e(CAUTION_TAG_LABEL[t])}</span>' for t in point.caution_tags
    )


def _pattern(why: str) -> str:
    return f'<span class="badge pattern">{_e(PATTERN_BASED)}</span>: {_e(why)}'


def _open(point: Point) -> str:
    """A point's name as a button that opens its details."""
    return (
        f'<button type="button" class="open" data-point="{_e(point.id)}"><strong>{_e(point.id)}</strong> · '
        f"{_e(point.pinyin)} {_e(point.hanzi)} · {_e(point.english)}</button>"
    )


def _entry(h: Highlight) -> str:
    p = h.point
    why = _pattern(h.why) if h.basis == "pattern" else _e(h.why)
    tags = _tags(p)
    return (
        f'<li class="entry">{_badge(h.role)} {_open(p)}'
        f"<p><strong>Where:</strong> {_e(p.location)}<br><strong>Why here:</strong> {why}<br>"
        f"<strong>Care:</strong> {_e(p.cautions)}</p>"
        + (f'<p class="tags">{tags}</p>' if tags else "")
        + "</li>"
    )


def region_head_html(choice: RegionChoice, lit: Sequence[Highlight]) -> str:
    local = sum(1 for h in lit if h.role == "local")
    distal = sum(1 for h in lit if h.role == "distal")
    return (
        f"<h3>{_e(choice.label)}</h3>"
        f'<p class="caption">{_e(BASE_SPANS[choice.base])} · {local} local, {distal} distal points</p>'
    )


def region_body_html(base: str, lit: Sequence[Highlight]) -> str:
    """A region's points, distal first (few, and the ones a patient asks about), then local; the Ashi note and
    what trials found."""
    local = [h for h in lit if h.role == "local"]
    distal = [h for h in lit if h.role == "distal"]

    def group(title: str, items: list[Highlight]) -> str:
        return (
            f"<details open><summary>{title}</summary>"
            f'<ul class="entries">{"".join(_entry(h) for h in items)}</ul></details>'
        )

    return (
        _open_scroll("region")
        + group(f"◆ Distal points ({len(distal)}): on the hand, leg and head", distal)
        + group(f"● Local points ({len(local)}): on and beside the painful area", local)
        + _box(
            "info", "👆", f"<p><strong>Ashi points.</strong> {_e(ASHI_NOTE)} {_e(ASHI_BY_REGION[base])}</p>"
        )
        + f'<p class="caption">📊 {_e(REGION_EVIDENCE[base])} <a href="/evidence" target="_blank" rel="noopener">What trials '
        "found →</a></p></div>"
    )


def point_head_html(point: Point) -> str:
    also = alternative_codes(point.code)
    written = f" · also written {_e(', '.join(also))}" if also else ""
    return (
        f"<h3>{_e(point.id)} · {_e(point.pinyin)} {_e(point.hanzi)}</h3>"
        f"<p><strong>{_e(point.english)}</strong> · {_e(point.meridian)} channel{written}</p>"
    )


def role_html(choice: RegionChoice, h: Highlight) -> str:
    """Why a point is used for the chosen region (the point's panel, a region chosen)."""
    line = f"{_badge(h.role)} for the {_e(choice.label.lower())}: {_e(h.why)}"
    if h.basis == "pattern":
        line += f"<br><strong>{_e(PATTERN_BASED)}</strong>: {_e(PATTERN_BASED_NOTE)}"
    return f'<p class="role">{line}</p>'


def point_details_html(atlas: Atlas, point: Point) -> str:
    """Everything about one point: location, use, needling, cautions, depths, regions, sources, links."""
    parts = [f"<p><strong>Where it lies:</strong> {_e(point.location)}</p>"]
    placed = placement_text(point)
    if placed:
        parts.append(f'<p class="caption">On the map: {_e(placed)}</p>')
    parts += [
        f"<p><strong>Why it is used:</strong> {_e(point.use)}</p>",
        f"<p><strong>Needling:</strong> {_e(point.needling)}</p>",
        f"<p><strong>Care:</strong> {_e(point.cautions)}</p>",
    ]
    parts += [_box("warn", "⚠️", f"<p>{_e(CAUTION_TAG_TEXT[tag])}</p>") for tag in point.caution_tags]
    parts += [
        f"<p><strong>{_e(d.label)}:</strong> {_e(d.text)}<br><em>Source: {_e(d.source)}</em></p>"
        for d in depth_notes(point.code, point.caution_tags)
    ]
    used = [link for link in atlas.links if link.point_id == point.id]
    if used:
        parts.append(
            "<p><strong>Used for:</strong> "
            + "; ".join(
                f"{_e(BASE_LABELS[link.region].lower())} ({_e(link.role)}"
                + (f", {_e(PATTERN_BASED.lower())})" if link.basis == "pattern" else ")")
                for link in used
            )
            + "</p>"
        )
    parts += [
        f"<p><strong>Sources differ: {_e(n.topic.lower())}.</strong> {_e(n.text)}</p>"
        for n in source_notes_for(point.code, point.view, point.offset_cun, point.spine_level is not None)
    ]
    parts.append(f'<p class="caption">Source: {_e(point.source)}</p>')
    return "".join(parts)


def point_links_html(point: Point) -> str:
    pid = _e(point.id)
    return (
        f'<p><a href="/?point={pid}" target="_blank" rel="noopener">Show on the body map</a> · '
        f'<a href="/points?point={pid}" target="_blank" rel="noopener">Link to this point</a></p>'
    )


def point_page_html(atlas: Atlas, point: Point) -> str:
    """A point's details as the point browser shows them (its heading is above its diagram there)."""
    return point_details_html(atlas, point) + point_links_html(point)


# ---- the patient's panels ------------------------------------------------------------------------------


def _words(text: str) -> str:
    terms = glossary_used(text)
    if not terms:
        return ""
    return (
        "<p><strong>Words you may hear</strong></p><ul>"
        + "".join(f"<li><strong>{_e(t.word)}</strong>: {_e(t.meaning)}</li>" for t in terms)
        + "</ul>"
    )


def _plain_entry(group: Sequence[Mark]) -> str:
    p = group[0].point
    return (
        f'<li class="entry"><button type="button" class="open" data-point="{_e(p.id)}"><strong>{_e(group[0].label)}. '
        f"{_e(p.english)}</strong> ({_e(p.pinyin)}, {_e(p.code)})</button><p>{_e(entry_plain(group))}</p></li>"
    )


def patient_overview_html() -> str:
    return (
        "<h3>Where does it hurt?</h3>"
        "<p>Tap or click the painful area on the back (or choose it from the menu). The map then shows the points "
        "a practitioner may use for it, numbered, and this panel says in plain words why each is used.</p>"
        + safety_html()
    )


def patient_region_html(view: RegionView) -> str:
    """The chosen region for a patient: its points by number (as on the map), why each is used, what to expect."""
    choice, groups = view.choice, view.groups
    near = [g for g in groups if g[0].role == "local"]
    far = [g for g in groups if g[0].role != "local"]
    parts = [
        f"<h3>{_e(choice.label)}</h3><p><strong>Where:</strong> {_e(REGION_WHERE[choice.base])}.</p>",
        _open_scroll("patient"),
        f"<p>{_e(PATIENT_INTRO)}</p>",
    ]
    if near:
        parts.append(f"<h4>● Near the pain, on your back and neck ({len(near)})</h4>")
        parts.append(f'<ul class="entries">{"".join(_plain_entry(g) for g in near)}</ul>')
    if far:
        parts.append(f"<h4>◆ Far from the pain: hand, leg or head ({len(far)})</h4>")
        parts.append(f'<ul class="entries">{"".join(_plain_entry(g) for g in far)}</ul>')
    parts.append(f"<p><strong>Tender spots.</strong> {_e(ASHI_PLAIN)}</p>")
    parts.append(
        "<details><summary>What you may feel, during and after a session</summary>"
        "<p><strong>During</strong></p><ul>" + "".join(f"<li>{_e(t)}</li>" for t in DURING) + "</ul>"
        "<p><strong>Afterwards</strong></p><ul>"
        + "".join(f"<li>{_e(t)}</li>" for t in AFTER)
        + "</ul></details>"
    )
    parts.append(
        "<details><summary>Looking after yourself</summary><ul>"
        + "".join(f"<li><strong>{_e(title)}.</strong> {_e(text)}</li>" for title, text in SELF_CARE)
        + "</ul></details>"
    )
    shown = " ".join(
        [PATIENT_INTRO, ASHI_PLAIN, *DURING, *AFTER, *(g[0].point.english for g in groups)]
        + [entry_plain(g) for g in groups]
        + [REGION_EVIDENCE_PLAIN[choice.base]]
    )
    parts.append(_words(shown))
    parts.append(safety_html())
    parts.append(
        f'<p>📊 {_e(REGION_EVIDENCE_PLAIN[choice.base])} <a href="/evidence" target="_blank" rel="noopener">More about the '
        "research →</a></p></div>"
    )
    return "".join(parts)


def patient_point_html(point: Point, view: RegionView | None) -> str:
    """One point for a patient: its names, where and why in plain words, and what care it needs. With a region
    chosen, its number in the region's list (the map's, the handout's) and the reason for that region."""
    entry = view.entry_of(point.id) if view else None
    number = f"{_e(entry[0].label)}. " if entry else ""
    plain = entry_plain([m for m in entry if m.point.id == point.id]) if entry else point.plain
    parts = [
        f"<h3>{number}{_e(point.english)}</h3>",
        f"<p>{_e(point.pinyin)} {_e(point.hanzi)} · {_e(point.code)}</p>",
        f"<p>{_e(plain)}</p>",
    ]
    parts += [_box("info", "ℹ️", f"<p>{_e(PLAIN_CAUTIONS[tag])}</p>") for tag in point.caution_tags]
    parts.append(_buttons())
    parts.append(_words(point.english + " " + plain))
    return "".join(parts)


# ---- the book: every panel of one audience, by the map's state ------------------------------------------


def state_key(region: str | None, point: str | None) -> str:
    """The book's key of a map state (a region choice id and a point id, either may be missing)."""
    return f"{region or ''}|{point or ''}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class PanelBook:
    """Every panel of one audience: `panels` maps a state key to its pieces' ids, `pieces` an id to its HTML.

    A point with a region chosen has its own panel only when the region lights it; otherwise the point's panel
    without a region is shown, then the region's, then the overview (`keys_for`: the browser looks a state up
    the same way, ui/component/panel.js)."""

    audience: Audience
    pieces: dict[str, str] = field(default_factory=dict)
    panels: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def _add(self, html: str) -> str:
        pid = _digest(html)
        self.pieces[pid] = html
        return pid

    def put(self, key: str, parts: Iterable[str]) -> None:
        self.panels[key] = tuple(self._add(p) for p in parts)

    def html(self, region: str | None, point: str | None) -> str:
        """The panel shown for a map state."""
        for key in keys_for(region, point):
            if key in self.panels:
                return "".join(self.pieces[i] for i in self.panels[key])
        raise KeyError(state_key(region, point))  # the overview is always in the book

    @cached_property
    def digest(self) -> str:
        """A name for this book's contents (the browser builds a book's panels once)."""
        return _digest("".join(f"{k}={','.join(v)};" for k, v in sorted(self.panels.items())))

    def payload(self) -> dict[str, object]:
        """The book as the browser takes it (JSON)."""
        return {"audience": self.audience, "pieces": self.pieces, "panels": self.panels}


def keys_for(region: str | None, point: str | None) -> tuple[str, ...]:
    """The keys a state's panel is looked up by, most specific first."""
    return tuple(
        dict.fromkeys([state_key(region, point), state_key(None, point), state_key(region, None), "|"])
    )


def panel_book(atlas: Atlas, views: Mapping[str, RegionView], audience: Audience) -> PanelBook:
    """Every panel the body map can show one audience, once per version of the data."""
    book = PanelBook(audience)
    if audience == "patient":
        book.put("|", [_scroll("overview", patient_overview_html())])
        for cid, view in views.items():
            book.put(state_key(cid, None), [patient_region_html(view)])
            for group in view.groups:
                for m in group:
                    book.put(state_key(cid, m.point.id), [patient_point_html(m.point, view)])
        for p in atlas.points:
            book.put(state_key(None, p.id), [patient_point_html(p, None)])
        return book
    book.put("|", [_scroll("overview", overview_html(atlas))])
    for cid, view in views.items():
        book.put(
            state_key(cid, None),
            [region_head_html(view.choice, view.lit), region_body_html(view.choice.base, view.lit)],
        )
        for h in view.lit:
            book.put(
                state_key(cid, h.point.id),
                [point_head_html(h.point), role_html(view.choice, h), _details(atlas, h.point), _buttons()],
            )
    for p in atlas.points:
        book.put(state_key(None, p.id), [point_head_html(p), _details(atlas, p), _buttons()])
    return book


#: What each scrolling box holds, for a screen reader (a box that scrolls is a tab stop, so a keyboard scrolls it).
SCROLL_LABELS = {
    "overview": "Where does it hurt?",
    "region": "The region's points",
    "patient": "The points for this area",
    "point": "About this point",
}


def _open_scroll(kind: str) -> str:
    return f'<div class="scroll" data-scroll="{kind}" tabindex="0" role="region" aria-label="{SCROLL_LABELS[kind]}">'


def _scroll(kind: str, html: str) -> str:
    return f"{_open_scroll(kind)}{html}</div>"


def _details(atlas: Atlas, point: Point) -> str:
    return _scroll("point", point_page_html(atlas, point))
