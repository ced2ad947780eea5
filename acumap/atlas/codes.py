"""Other ways schools and exams write the WHO point codes: UB18 for BL18, SJ5 for TE5, Du14 for GV14.

One table, read by the search, the quiz's typed answers and the point panel. Case never matters (`fold` in
acumap.search lowers it), so `Sp6` and `SP6` need no row of their own.
"""

from __future__ import annotations

import re

#: WHO meridian prefix -> the other prefixes in common use (English-language schools, older texts, pinyin).
ALTERNATIVE_PREFIXES: dict[str, tuple[str, ...]] = {
    "BL": ("UB",),
    "TE": ("SJ", "TW"),
    "GV": ("Du",),
    "CV": ("Ren",),
    "LR": ("Liv", "LV"),
    "KI": ("K",),
    "PC": ("P", "HC"),
    "HT": ("H",),
}

_CODE = re.compile(r"^([A-Z]+)(\d+)$")


def alternative_codes(code: str) -> tuple[str, ...]:
    """The other common spellings of a WHO code (`BL18` -> `UB18`); none for extra points (`EX-B2`)."""
    found = _CODE.match(code)
    if found is None:
        return ()
    prefix, number = found.groups()
    return tuple(f"{alt}{number}" for alt in ALTERNATIVE_PREFIXES.get(prefix, ()))


_FOLDED_ALIASES: dict[str, str] = {
    alt.lower(): who.lower() for who, alts in ALTERNATIVE_PREFIXES.items() for alt in alts
}
_FOLDED_CODE = re.compile(r"^([a-z]+)(\d+)$")


def who_code(folded: str) -> str:
    """A folded code in WHO form (`ub18` -> `bl18`, `liv3` -> `lr3`); anything else unchanged."""
    found = _FOLDED_CODE.match(folded)
    if found is None:
        return folded
    prefix, number = found.groups()
    return _FOLDED_ALIASES.get(prefix, prefix) + number
