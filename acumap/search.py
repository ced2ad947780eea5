"""Find points by code, pinyin, hanzi or English name, or by their channel's name, tolerant of case, tone
marks, spacing and typos.

Uses rapidfuzz for the fuzzy part; exact and prefix matches of a code always rank first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from acumap.atlas.codes import ALTERNATIVE_PREFIXES, who_code
from acumap.atlas.data import MERIDIANS, Atlas, Point

#: Fuzzy matches below this score (0-100) are left out.
MIN_SCORE = 72.0
#: Beside an exact match, fuzzy matches below this score are left out too.
CLOSE_SCORE = 85.0
#: A point on the channel the query names: after an exact code or name, before a code's or name's start.
MERIDIAN_SCORE = 98.0


def fold(text: str) -> str:
    """Lower case, no tone marks or accents, no spaces, hyphens or dots: `Gānshū` -> `ganshu`, `BL 18` -> `bl18`."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isalnum())


def name_forms(name: str) -> list[str]:
    """A name field and, when it carries a second name in brackets (`Wàiláogōng (Luòzhěn)`), each name alone."""
    found = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", name)
    return [name, found.group(1), found.group(2)] if found else [name]


def folded_names(point: Point) -> list[str]:
    """The point's pinyin and English names, folded, each bracketed second name also alone."""
    return [fold(n) for text in (point.pinyin, point.english) for n in name_forms(text)]


#: The channels' other names, by WHO prefix: the organ's pinyin and hanzi, the channel's full pinyin name and
#: the English names other books use. The English name of the data (`MERIDIANS`) and the other code prefixes
#: (`Du`, `UB`, `SJ`, `Liv`: acumap.atlas.codes) are names too, read from their own tables.
MERIDIAN_NAMES: dict[str, tuple[str, ...]] = {
    "GV": ("Governing Vessel", "Dū Mài", "督脉"),
    "BL": ("Urinary Bladder", "Pángguāng", "膀胱", "Zú Tàiyáng Pángguāng Jīng"),
    "GB": ("Gall Bladder", "Dǎn", "胆", "Zú Shàoyáng Dǎn Jīng"),
    "SI": ("Xiǎocháng", "小肠", "Shǒu Tàiyáng Xiǎocháng Jīng"),
    "LI": ("Dàcháng", "大肠", "Shǒu Yángmíng Dàcháng Jīng"),
    "TE": ("Triple Burner", "Triple Warmer", "Sānjiāo", "三焦", "Shǒu Shàoyáng Sānjiāo Jīng"),
    "LU": ("Fèi", "肺", "Shǒu Tàiyīn Fèi Jīng"),
    "SP": ("Pí", "脾", "Zú Tàiyīn Pí Jīng"),
    "ST": ("Wèi", "胃", "Zú Yángmíng Wèi Jīng"),
    "LR": ("Gān", "肝", "Zú Juéyīn Gān Jīng"),
    "EX": ("Extra points", "Jīngwài Qíxué", "经外奇穴"),
}
#: Words a search may add to a channel's name ("liver channel", "bladder meridian", "gan jing").
_CHANNEL_WORDS = ("channel", "meridian", "jing", "经")


def _folded_meridian_names() -> dict[str, frozenset[str]]:
    return {
        english: frozenset(
            fold(n) for n in (english, *MERIDIAN_NAMES.get(code, ()), *ALTERNATIVE_PREFIXES.get(code, ()))
        )
        for code, english in MERIDIANS.items()
    }


#: The data's meridian (its English name) -> every name of its channel, folded.
_MERIDIAN_FORMS = _folded_meridian_names()


def names_meridian(meridian: str, query: str) -> bool:
    """Whether the query names the channel (`Liver`, `Gan`, `肝`, `liver channel`, `Governing Vessel`, `Du`),
    or the start of one of its names, five letters or more (`bladd`, `pangg`)."""
    q = fold(query)
    for word in _CHANNEL_WORDS:
        if q.endswith(word) and len(q) > len(word):
            q = q[: -len(word)]
            break
    forms = _MERIDIAN_FORMS.get(meridian, frozenset())
    return q in forms or (len(q) >= 5 and any(f.startswith(q) for f in forms))


@dataclass(frozen=True)
class Filters:
    """Browser filters; empty means 'any'."""

    meridians: tuple[str, ...] = ()
    views: tuple[str, ...] = ()
    region: str | None = None  # a base region: neck, shoulder, upper_back, middle_back, lower_back
    role: str | None = None  # local or distal (for the region, or for any region when none is chosen)


def _fields(point: Point) -> list[str]:
    return [point.id, point.code, point.pinyin, point.hanzi, point.english]


def score(point: Point, query: str) -> float:
    """How well a point matches the query (0-100)."""
    q = fold(query)
    if not q:
        return 100.0
    hanzi_query = query.strip()
    if hanzi_query and hanzi_query in point.hanzi:
        return 100.0 if hanzi_query in name_forms(point.hanzi) else 95.0
    codes = [fold(point.id), fold(point.code)]
    as_who = who_code(q)  # UB18, SJ5, Du14, Liv3 ... are the WHO codes BL18, TE5, GV14, LR3
    if q in codes or as_who in codes:
        return 100.0
    if any(c.startswith(q) or c.startswith(as_who) for c in codes):
        return 97.0
    names = folded_names(point)
    if any(q == n for n in names):
        return 99.0
    if names_meridian(point.meridian, query):
        return MERIDIAN_SCORE
    if any(n.startswith(q) or (len(q) >= 3 and q in n) for n in names):
        return 93.0
    best = 0.0
    for name in names:
        best = max(best, fuzz.ratio(q, name))
        if 4 <= len(q) < len(name):  # a misspelt part of a longer name
            best = max(best, fuzz.partial_ratio(q, name))
    # English names as words: "union valey" against "union valley".
    words = point.english.lower()
    best = max(best, fuzz.token_sort_ratio(query.lower(), words))
    if len(q) >= 3:
        best = max(best, *(fuzz.ratio(q, c) for c in codes))
    # A fuzzy match never outranks an exact or prefix match.
    return min(float(best), 90.0)


def _passes(atlas: Atlas, point: Point, filters: Filters) -> bool:
    if filters.meridians and point.meridian not in filters.meridians:
        return False
    if filters.views and point.view not in filters.views:
        return False
    if filters.region or filters.role:
        links = [
            lk
            for lk in atlas.links
            if lk.point_id == point.id
            and (filters.region is None or lk.region == filters.region)
            and (filters.role is None or lk.role == filters.role)
        ]
        if not links:
            return False
    return True


#: How a point matched the query: the whole code or name, its channel's name, the start or a part of a code or
#: name, or only fuzzily.
EXACT, MERIDIAN, PARTIAL, SIMILAR = "exact", "meridian", "partial", "similar"


@dataclass(frozen=True)
class Match:
    point: Point
    kind: str  # EXACT, MERIDIAN, PARTIAL or SIMILAR ("" when there is no query)


def _kind(value: float) -> str:
    if value >= 99.0:
        return EXACT
    if value >= MERIDIAN_SCORE:
        return MERIDIAN
    return PARTIAL if value > 90.0 else SIMILAR


def matches(atlas: Atlas, query: str = "", filters: Filters = Filters()) -> list[Match]:
    """Points matching the query and filters, each with how it matched.

    An exact code or name (`BL43`, `Gaohuang`, `膏肓`) stands first and alone: when there is one, only the
    exact matches, the points of a channel the query names and the fuzzy ones follow (marked SIMILAR), never
    the prefix family (`BL43` does not list BL40-BL49). With no exact match: the points of the channel the
    query names (`liver`, `gan`, `Du`: MERIDIAN), partial matches (a code's start, a part of a name), then fuzzy
    ones. With no query: every point passing the filters, in the order of the data.
    """
    candidates: Iterable[Point] = (p for p in atlas.points if _passes(atlas, p, filters))
    if not fold(query) and not any(ch.isalnum() for ch in query):  # nothing to search by: "", "  ", "?"
        return [Match(p, "") for p in candidates]
    scored = [(score(p, query), i, p) for i, p in enumerate(candidates)]
    kept = [(s, i, p) for s, i, p in scored if s >= MIN_SCORE]
    kept.sort(key=lambda t: (-t[0], t[1]))
    found = [Match(p, _kind(s)) for s, _, p in kept]
    if any(m.kind == EXACT for m in found):
        # Beside an exact match only close fuzzy ones are worth a look (BL13 is not a misspelling of BL43).
        close = {id(p) for s, _, p in kept if s >= CLOSE_SCORE}
        found = [m for m in found if m.kind in (EXACT, MERIDIAN)] + [
            m for m in found if m.kind == SIMILAR and id(m.point) in close
        ]
    return found


def search(atlas: Atlas, query: str = "", filters: Filters = Filters()) -> list[Point]:
    """Points matching the query and filters, best first (see `matches`)."""
    return [m.point for m in matches(atlas, query, filters)]
