"""Plain language for patients: the words a practitioner may use, what a session feels like, self-care.

The patient view and the handout are written from here and from each point's own `plain` line. The rule they
keep (and `unexplained()` checks, for the tests and for anyone adding text): no point code without its name,
and no jargon word without its one-line explanation on the same page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from acumap.atlas.data import Atlas, Point
from acumap.atlas.regions import RegionChoice
from acumap.drawing.figure import Mark


@dataclass(frozen=True)
class Term:
    """A word a patient may hear, and what it means in one line."""

    word: str
    meaning: str
    #: Other spellings and inflections that count as the same word (matched as whole words, any case).
    forms: tuple[str, ...] = ()


#: Words a practitioner may use, each with its one-line explanation (shown in the patient view and handout).
GLOSSARY: tuple[Term, ...] = (
    Term("cun", "a measure proportional to the body, about a thumb's width."),
    Term(
        "qi",
        "in traditional Chinese medicine, the body's vital energy.",
        ("chi",),
    ),
    Term(
        "channel",
        "a line along the body on which, in traditional Chinese medicine, related points lie "
        "(also called a meridian).",
        ("channels", "meridian", "meridians"),
    ),
    Term("local point", "a point on or right beside the painful area.", ("local points",)),
    Term(
        "distal point",
        "a point far from the pain, often on the hand or leg, used together with the points near it.",
        ("distal points",),
    ),
    Term("ashi point", "a tender spot the practitioner finds by pressing the sore area.", ("ashi points",)),
    Term(
        "deqi",
        "the dull ache, heaviness, warmth or tingling that some people feel around a needle.",
        ("de qi",),
    ),
    Term("vertebra", "one of the bones of the spine.", ("vertebrae", "vertebral")),
    Term(
        "Shu",
        "in a point's name, a point on the back that traditional Chinese medicine links with an organ; it is "
        "used here for the back itself.",
        ("back-shu",),
    ),
)

#: Words that are jargon to a patient and are never explained in AcuMap's patient texts: they must not appear.
AVOID: tuple[str, ...] = (
    "spinous",
    "thoracic",
    "lumbar",
    "cervical",
    "sacral",
    "scapula",
    "scapular",
    "acromion",
    "iliac",
    "lateral",
    "medial",
    "proximal",
    "posterior",
    "anterior",
    "inferior",
    "superior",
    "dorsal",
    "dorsum",
    "palmar",
    "malleolus",
    "fibula",
    "tibia",
    "metacarpal",
    "metatarsal",
    "radial",
    "ulnar",
    "styloid",
    "popliteal",
    "intercostal",
    "pleura",
    "pneumothorax",
    "trapezius",
    "rhomboid",
    "erector",
    "tonify",
    "stagnation",
    "dampness",
    "yang",
    "yin",
    "needling",
    "perpendicular",
    "oblique",
    "occipital",
    "mastoid",
)

_CODE_RE = re.compile(r"\b(?:[A-Z]{2}\d{1,2}|EX-[A-Z]{1,3}\d{1,2}|JJ-C)\b")


def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", re.IGNORECASE)


def unexplained(text: str, atlas: Atlas) -> list[str]:
    """What a patient would not understand in `text`: codes without their name, jargon without its meaning.

    A code counts as named when the same line holds that point's English name or its pinyin. A glossary
    word counts as explained when its meaning appears anywhere in the text (the page's "words you may hear").
    A point's names are names, not jargon ("Lumbar Yang Gate"): they are left out of the word checks.
    """
    problems: list[str] = []
    names: dict[str, list[tuple[str, str]]] = {}
    for p in atlas.points:
        names.setdefault(p.code, []).append((p.english, p.pinyin))
    for line in text.splitlines():
        for code in _CODE_RE.findall(line):
            known = names.get(code, [])
            if not known:
                continue  # not a point's code (a guideline's number, NG59)
            if not any(english in line or pinyin in line for english, pinyin in known):
                problems.append(f"code {code} without its name: {line.strip()[:80]}")
    words = text
    for english, pinyin in sorted({n for known in names.values() for n in known}, key=lambda n: -len(n[0])):
        words = words.replace(english, " ").replace(pinyin, " ")
    for term in GLOSSARY:
        used = [f for f in (term.word, *term.forms) if _word_re(f).search(words)]
        if used and term.meaning not in text:
            problems.append(f"{used[0]!r} used without its explanation")
    for word in AVOID:
        if _word_re(word).search(words):
            problems.append(f"jargon word {word!r}")
    return problems


def glossary_used(text: str) -> tuple[Term, ...]:
    """The glossary terms that `text` uses (so a page explains exactly the words it shows)."""
    return tuple(t for t in GLOSSARY if any(_word_re(f).search(text) for f in (t.word, *t.forms)))


#: Each region in everyday words: where it is.
REGION_WHERE: dict[str, str] = {
    "neck": "the back of the neck, down to the big bump at its base",
    "shoulder": "the top of the shoulder and the shoulder blade",
    "upper_back": "between the shoulder blades, from the base of the neck to their lower tips",
    "middle_back": "from the lower tips of the shoulder blades down to the lowest ribs",
    "lower_back": "from the lowest ribs down to the flat bone at the base of the spine",
}


def region_heading(choice: RegionChoice) -> str:
    return f"{choice.label}: {REGION_WHERE[choice.base]}"


#: One plain line for a family of points that share a code and differ only by level (shown once in a list).
FAMILY_PLAIN: dict[str, str] = {
    "EX-B2": "A column of small points close beside the spine, about half a thumb's width out, one beside "
    "each spine bone. The ones level with the pain are used to relax the small muscles along the spine there.",
    "JJ-C": "A column of small points close beside the spine at the back of the neck, one beside each neck bone. "
    "The ones level with the pain are used for a stiff, sore neck.",
}


def entry_plain(group: Sequence[Mark]) -> str:
    """The plain line of a list entry (`figure.entries`): the point's own, or its family's when several levels
    share a code."""
    first = group[0].point
    line = FAMILY_PLAIN.get(first.code, first.plain) if len(group) > 1 else first.plain
    if group[0].why_plain:
        # The point's own reason may be for another region (SI3's is a stiff neck): the link's, for this one.
        line = f"{where_plain(first)} {group[0].why_plain}"
    return f"{line} {PATTERN_PLAIN}" if group[0].basis == "pattern" else line


def where_plain(point: Point) -> str:
    """The first sentence of a point's plain line: where it is (the rest says why it is used)."""
    head, _, _ = point.plain.partition(". ")
    return head if head.endswith(".") else f"{head}."


PATIENT_INTRO = (
    "A practitioner chooses a few of these points: some on your back or neck near the pain, others on the hand, leg "
    "or head, used together with them. The numbers match the picture."
)

#: What a session may feel like, during and after (MacPherson et al. 2001; White et al. 2001; NHS).
DURING: tuple[str, ...] = (
    "The needles are very fine, much thinner than one for an injection. Most people feel a brief prick, or "
    "nothing.",
    "Around a needle you may feel a dull ache, heaviness, warmth or a spreading tingle (practitioners call "
    "this deqi). Say at once if anything feels sharp, burning or like an electric shock.",
    "You usually rest for 15 to 30 minutes with the needles in. Tell the practitioner if you feel faint, "
    "dizzy or sick.",
)
AFTER: tuple[str, ...] = (
    "Many people feel relaxed or a little tired afterwards: take it easy for the rest of the day.",
    "A small bruise, a drop of blood where a needle went in, soreness for a day or two, or a short flare of "
    "your usual pain are the commonest effects, and they pass.",
    "Before a session, tell your practitioner if you are or may be pregnant, take blood thinners, have a "
    "bleeding disorder, a pacemaker or an allergy to metal, or an infection or broken skin where the needles "
    "would go.",
)

#: Self-care for neck and back pain, as the sources advise (NHS; NICE NG59).
SELF_CARE: tuple[tuple[str, str], ...] = (
    (
        "Keep moving",
        "Stay as active as you can and carry on with your daily life; long rest in bed tends to slow "
        "recovery.",
    ),
    (
        "Movement and stretching",
        "Gentle exercise and stretches, built up little by little, help many people: walking, swimming, yoga "
        "or pilates, and stretches that bend, arch and turn the back slowly.",
    ),
    (
        "Posture",
        "Sit and stand tall without slumping, with a screen at eye level; if you sit for long, get up and move "
        "every 30 to 60 minutes.",
    ),
    (
        "Heat",
        "A heat pad or a wrapped hot-water bottle can ease stiffness. Not too hot, not on numb skin, and not "
        "while you sleep.",
    ),
)

SOURCES = (
    "Point locations: WHO Standard Acupuncture Point Locations (2008). During and after a session: MacPherson "
    "H et al., The York acupuncture safety study, BMJ 2001;323:486-7; White A et al., Adverse events following "
    "acupuncture, BMJ 2001;323:485-6; NHS, Acupuncture (nhs.uk). Self-care: NHS, Back pain (nhs.uk); NICE "
    "guideline NG59, Low back pain and sciatica in over 16s."
)

RED_FLAGS_HEADING = "When neck or back pain needs a doctor, not an acupuncturist"

#: What each caution means for a patient, in plain words (the practitioner's wording is in points.csv).
PLAIN_CAUTIONS: dict[str, str] = {
    "pneumothorax": "Over the ribs: the lung lies close beneath, so a practitioner puts the needle in shallowly "
    "and at a slant here.",
    "pregnancy": "Traditionally avoided in pregnancy: tell your practitioner if you are or may be pregnant.",
    "spinal_cord": "On or just beside the spine: the needle goes in only a short way here.",
    "vessel": "Near a large blood vessel, which the practitioner avoids.",
    "organ": "Over an organ (such as a kidney), so the needle goes in only a short way here.",
}


#: A point linked to a region from a pattern of symptoms, not a standard use for that pain (the patient line).
PATTERN_PLAIN = "For this area it is an optional extra some practitioners choose, not a standard use for back or neck pain."


ASHI_PLAIN = (
    "A practitioner may also press around the sore area and use the tender spots found there, which have no "
    "fixed place."
)


# ---- how hard a text is to read ----------------------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s|$)")
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Syllables in an English word, counted as groups of vowels (a silent final "e" not counted; at least 1).
    An estimate, as every readability formula's is: good enough to tell a grade-6 sentence from a grade-12 one."""
    w = word.lower().replace("’", "'").split("'")[0]
    count = len(_VOWEL_GROUP_RE.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of a text: the US school grade a reader needs (0.39 x words per sentence +
    11.8 x syllables per word - 15.59). Patient texts aim at grade 6 to 8, as health-literacy guidance asks.
    An empty text is grade 0."""
    words = _WORD_RE.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END_RE.findall(text)))
    syllable_count = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
