"""Safety text shown around the map: what AcuMap is not, when to see a doctor, what the caution tags mean."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

DISCLAIMER = (
    "AcuMap is for learning and for explaining a treatment. It does not diagnose anything and is no "
    "substitute for a qualified practitioner or a doctor. Only a trained, licensed practitioner should needle."
)


@dataclass(frozen=True)
class RedFlagGroup:
    """Warning signs that call for the same action, most urgent first, with where the list comes from."""

    key: str  # "ambulance", "today" or "soon"
    heading: str  # what to do, in plain words
    flags: tuple[str, ...]
    source: str


#: Symptoms with neck or back pain that need a doctor, not an acupuncture chart: one list for the popup, the
#: patient view, the Safety page and the handout. Grouped by how fast to act, so a patient reads the
#: emergencies first. Wording is AcuMap's own. What was read, and how: NHS "Back pain" and "Neck pain" pages
#: (their 999 / urgent GP / GP lists, read as reproduced by NHS trusts' pages); the neck's own signs from the
#: NICE CKS "Neck pain - non-specific" red flags (arteries: dizziness, double vision, slurred speech,
#: difficulty swallowing, drop attacks; the cord: clumsy hands, unsteady walking), read as quoted in the
#: Belgian KCE report 119 (2009); cauda equina signs from NHS Norfolk and Waveney's community MSK advice; the
#: risk factors (age, immune system, drugs, steroids) from the NICE CKS "Back pain - low" red flags, read as
#: quoted; the one-week line from the article the project started from (upper back pain no better after a week).
RED_FLAG_GROUPS: tuple[RedFlagGroup, ...] = (
    RedFlagGroup(
        "ambulance",
        "Call an ambulance now (999 in the UK, 112 in Europe, 911 in North America) or go to A&E if neck or "
        "back pain comes with:",
        (
            "Chest pain, shortness of breath, or pain with sweating or feeling sick (the heart, the lungs or the "
            "main artery can cause pain felt in the back)",
            "Sudden dizziness, double vision, slurred speech, difficulty swallowing, or fainting (the arteries "
            "of the neck)",
            "A sudden, severe headache, or a stiff neck with a fever",
            "Difficulty passing urine, or not being able to control your bladder or bowels",
            "Numbness or tingling around your genitals, bottom or inner thighs, or new problems with erections "
            "or sexual sensation",
            "Pain, weakness, numbness or tingling in both legs",
            "Pain that began after a serious accident, a fall or a blow to the neck or back",
        ),
        "NHS, Back pain and Neck pain (nhs.uk); NICE CKS, Neck pain (red flags); NHS Norfolk and Waveney, "
        "cauda equina advice",
    ),
    RedFlagGroup(
        "today",
        "See a doctor today (an urgent GP appointment, or NHS 111 in the UK) if you have neck or back pain and:",
        (
            "Clumsy hands or unsteady walking (the spinal cord in the neck)",
            "Weakness, numbness or tingling in an arm or a leg that does not go away, or spreading round the chest",
            "A fever, feeling hot and shivery, or weight loss you cannot explain",
            "A lump or swelling on your back, or a change in its shape",
            "Pain between the shoulder blades rather than in the lower back",
            "Pain that is worse when you cough, sneeze or strain, does not ease with rest, or is worse at night",
            "You have had cancer, or have osteoporosis",
        ),
        "NHS, Back pain (nhs.uk); NICE CKS, Neck pain and Back pain - low (red flags)",
    ),
    RedFlagGroup(
        "soon",
        "See a doctor soon (a routine GP appointment) if:",
        (
            "Back pain is new and you are under 20 or over 50",
            "You have a weakened immune system, inject drugs, or have taken steroid tablets for a long time",
            "Pain in the upper or middle back is no better after a week",
            "Neck pain has not gone after a few weeks, or any back pain stops you doing your normal activities",
        ),
        "NICE CKS, Back pain - low (red flags); NHS, Neck pain and Back pain (nhs.uk)",
    ),
)

#: Every red flag, most urgent first (derived from the groups, never listed twice).
RED_FLAGS: tuple[str, ...] = tuple(flag for group in RED_FLAG_GROUPS for flag in group.flags)

#: A link chosen from a pattern of symptoms rather than a textbook indication (region_points.csv, basis).
PATTERN_BASED = "Pattern-based, not a textbook indication for back pain"
PATTERN_BASED_NOTE = (
    "chosen from a pattern of symptoms in traditional Chinese medicine; the standard textbooks do not list "
    "it for pain in this region."
)

#: What each caution tag in points.csv means, in plain words.
CAUTION_TAG_TEXT: dict[str, str] = {
    "pneumothorax": "Over the chest wall: deep or perpendicular needling can puncture the lung (pneumothorax). "
    "Needle obliquely and shallowly.",
    "pregnancy": "Traditionally avoided during pregnancy (the lumbosacral points after the third month).",
    "spinal_cord": "On or beside the spine: needling too deep on the midline, or angled steeply towards the midline "
    "beside it, can reach the spinal canal.",
    "vessel": "Lies over or beside a large blood vessel: avoid puncturing it.",
    "organ": "An organ (such as the kidney) lies beneath: no deep perpendicular needling.",
}

CAUTION_TAG_LABEL: dict[str, str] = {
    "pneumothorax": "Lung below (pneumothorax)",
    "pregnancy": "Avoid in pregnancy",
    "spinal_cord": "Spinal cord",
    "vessel": "Blood vessel",
    "organ": "Organ below",
}

ASHI_NOTE = (
    "Ashi points (“that's it!” points) are the tender spots a practitioner finds by pressing the painful "
    "area. They have no fixed place or code: in every region, the sore spots themselves may be treated "
    "alongside the named points."
)

#: Where to look for ashi points in each region (base region id -> one line).
ASHI_BY_REGION: dict[str, str] = {
    "neck": "Press along the muscles at the back and sides of the neck and where the neck meets the shoulders.",
    "shoulder": "Look over the shoulder blade, along the top of the shoulder and around the back of the shoulder joint.",
    "upper_back": "Look between the shoulder blades: beside the spine and along the inner edge of each shoulder blade.",
    "middle_back": "Look along the long muscles beside the spine below the shoulder blades and over the lower ribs.",
    "lower_back": "Look in the muscles beside the lumbar spine, along the top of the pelvis and over the sacroiliac joints.",
}


@dataclass(frozen=True)
class SourceNote:
    """Where sources disagree, and what AcuMap follows."""

    topic: str
    codes: tuple[str, ...]  # WHO codes it concerns (EX-B2 covers every level)
    text: str
    back_scope: str = ""  # "all": every back point; "lateral": back points off the midline


SOURCE_NOTES: tuple[SourceNote, ...] = (
    SourceNote(
        "Extra points and WHO 2008",
        ("EX-B1", "EX-B2"),
        "WHO 2008 standardises the 361 meridian points only. Dingchuan (EX-B1) and Huatuojiaji (EX-B2) are extra "
        "points: their codes and names come from the WHO nomenclature (1991) and their locations are as commonly "
        "taught. Texts differ on how far Huatuojiaji lie from the midline; AcuMap uses the usual 0.5 cun.",
    ),
    SourceNote(
        "Measuring the Bladder lines",
        (),
        "Some older texts measure the 1.5- and 3-cun lines from the edge of the spinous processes. WHO 2008, and "
        "AcuMap, measure every lateral distance from the posterior midline.",
        back_scope="lateral",
    ),
    SourceNote(
        "LU7 (Lieque)",
        ("LU7",),
        "WHO 2008 puts LU7 between the tendons of abductor pollicis longus and extensor pollicis brevis, in the "
        "groove of the abductor pollicis longus tendon. Several older textbooks describe it in a cleft above the "
        "radial styloid, between brachioradialis and abductor pollicis longus. AcuMap follows WHO.",
    ),
    SourceNote(
        "LR3 in pregnancy",
        ("LR3",),
        "Some Chinese lists of points to avoid or use with care in pregnancy include LR3 (Taichong); the main Western "
        "textbooks (Deadman et al., A Manual of Acupuncture) do not list it as contraindicated. AcuMap does not tag "
        "it and shows this note instead of choosing silently: a practitioner treating a pregnant patient decides.",
    ),
    SourceNote(
        "Luozhen and Wailaogong",
        ("EX-UE8",),
        "The WHO nomenclature (1991) lists the extra point on the back of the hand between the 2nd and 3rd "
        "metacarpals as EX-UE8, Wailaogong (外劳宫). Luozhen (落枕, 'stiff neck') is the name the point is taught by "
        "for an acute stiff neck; some texts number it separately, with the same location. AcuMap shows one point.",
    ),
    SourceNote(
        "BL10 (Tianzhu)",
        ("BL10",),
        "WHO 2008 places BL10 level with the upper border of the C2 spinous process, in the hollow lateral to the "
        "trapezius. Older texts give 1.3 cun lateral to GV15, 0.5 cun within the hairline. On AcuMap's neck these "
        "agree: the trapezius border is drawn 1.2 cun out at that level, and BL10 sits 1.3 cun out.",
    ),
    SourceNote(
        "BL60 and the middle back",
        ("BL60",),
        "BL60 is linked to the neck, upper back and lower back, not the middle back. The textbooks list it for "
        "a stiff neck, for stiffness of the shoulder and back and for lumbar and sacral pain, but none that AcuMap "
        "checked names pain of the middle back, so no link was added.",
    ),
    SourceNote(
        "GB39 (Xuanzhong)",
        ("GB39",),
        "WHO 2008 puts GB39 3 cun above the prominence of the lateral malleolus, anterior to the fibula. Deadman "
        "et al. (A Manual of Acupuncture) describe it at the same height but in the depression between the "
        "posterior border of the fibula and the peroneus tendons, behind the bone. AcuMap follows WHO.",
    ),
    SourceNote(
        "LI15 seen from behind",
        ("LI15",),
        "LI15 lies in the front hollow of the shoulder, between the front end of the acromion's outer edge and "
        "the humerus; TE14 lies in the back hollow. AcuMap's back view cannot show the front of the shoulder, so "
        "it draws LI15 at the outer edge of the shoulder, level with TE14. Find it from the front or the side.",
    ),
    SourceNote(
        "The cervical Jiaji points",
        ("JJ-C",),
        "WHO's Huatuojiaji (EX-B2) run from T1 to L5. Many teachers extend the column up the neck, 0.5 cun beside "
        "the lower border of each spinous process from C2 to C7; these have no WHO code or WHO location, so "
        "AcuMap labels them JJ-C. At C7 the point coincides with Dingchuan (EX-B1), counted on the back view.",
    ),
    SourceNote(
        "Pattern-based links",
        ("SP6", "ST36", "LI4", "GV20", "LR3"),
        "Seven distal links rest on pattern reasoning in traditional Chinese medicine rather than on a textbook "
        "indication for pain in that region: SP6 for the middle and lower back, ST36 for the middle back, LI4 "
        "for the upper and middle back, GV20 for the upper back and LR3 for the neck. AcuMap keeps them, marked "
        "'pattern-based' wherever they are listed, because students meet them in practice.",
    ),
    SourceNote(
        "BL43 name",
        ("BL43",),
        "WHO 2008 names BL43 Gaohuang; many textbooks call it Gaohuangshu. Same point, same place.",
    ),
    SourceNote(
        "Counting the vertebrae",
        (),
        "Every level on the back is found by counting spinous processes. The counting aids are less exact than "
        "taught: the most prominent process at the base of the neck is C7 in only about half of people, the "
        "inferior angle of the scapula lies level with T8 on average when standing (T4 to T11), and the top of "
        "the iliac crests is often felt at L3 rather than L4. Count from a second landmark to check.",
        back_scope="all",
    ),
)


#: Next to every depth AcuMap gives: an average is not a depth anyone may needle to.
NOT_A_SAFE_DEPTH = (
    "This is an average, not a safe depth: many of the people measured had less, thin people much less, and "
    "no figure replaces the point's needling angle and depth."
)


@dataclass(frozen=True)
class MeasuredDepth:
    """One study's measured depth beneath a point: what was measured, how, in whom, and its source."""

    code: str
    figure: str  # the study's own numbers, with their unit
    measured: str  # from where to where
    method: str  # the imaging and the people
    source: str
    read: str  # how AcuMap read it

    @property
    def text(self) -> str:
        """The depth in one paragraph, ending with the words that it is not a safe depth."""
        return f"{self.figure}, {self.measured} ({self.method}). {NOT_A_SAFE_DEPTH}"


CHOU_2015 = (
    "Chou PC, Huang YC, Hsueh CJ, Lin JG, Chu HY. Retrospective study using MRI to measure depths of acupuncture "
    "points in neck and shoulder region. BMJ Open 2015;5:e007819. doi:10.1136/bmjopen-2015-007819"
)
CHEN_2018 = (
    "Chen HN, Chang CY, Chen LZ, Chang YJ, Lin JG. Using ultrasonography measurements to determine the depth "
    "of the GB 21 acupoint to prevent pneumothorax. J Acupunct Meridian Stud 2018;11(6):355-360"
)
CHU_2018 = (
    "Chu H, Kim J, Ha W, et al. Change of safe needling depth at acupoint GB21 according to posture and "
    "breathing. Evid Based Complement Alternat Med 2018"
)
#: What Chou et al. measured, in their words: not the lung, and not named per point.
_CHOU_MEASURED = (
    "from the skin to the nearest of 'any tissues that would cause possible/severe complications' if injured "
    "(the study does not say which tissue that was at each point)"
)
_CHOU_METHOD = "MRI, 394 adults in Taiwan; the mean of all participants; greater with a higher BMI and in men"
_CHOU_READ = "Abstract (BMJ Open; Dryad data record), read first-hand."

#: Depths measured in adults, for the points where a study exists; several studies may measure one point.
MEASURED_DEPTHS: tuple[MeasuredDepth, ...] = (
    MeasuredDepth(
        "GB21",
        "17.4 mm on average in men and 14.6 mm in women",
        "from the skin straight down to the pleural line at the top (apex) of the lung",
        "ultrasound, 101 adults in Taiwan, 41 men and 60 women, median age 29; deeper with greater weight, "
        "height and BMI",
        CHEN_2018,
        "Abstract (J Acupunct Meridian Stud, DOAJ and KoreaScience), read first-hand.",
    ),
    MeasuredDepth("GB21", "5.6 cm", _CHOU_MEASURED, _CHOU_METHOD, CHOU_2015, _CHOU_READ),
    MeasuredDepth("SI14", "5.2 cm", _CHOU_MEASURED, _CHOU_METHOD, CHOU_2015, _CHOU_READ),
    MeasuredDepth("SI15", "8.8 cm", _CHOU_MEASURED, _CHOU_METHOD, CHOU_2015, _CHOU_READ),
    MeasuredDepth("GB20", "5.0 cm", _CHOU_MEASURED, _CHOU_METHOD, CHOU_2015, _CHOU_READ),
)

#: GB21: the two studies measured different things, and the lung is much closer than the MRI figure.
GB21_COMPARISON = (
    "At GB21 the lung itself is much closer than the MRI figure: the ultrasound study measured the pleura, at "
    "about a third of the MRI study's depth. A second ultrasound study (52 adults) found the depth changed with "
    "posture and breathing and varied widely between people of the same sex and BMI, so a depth cannot be read "
    "off a person's sex or build."
)

#: For the other points over the chest wall: what is (and is not) known about the depth to the pleura.
NO_MEASURED_DEPTH = (
    "No study measuring the depth from the skin to the pleura at this point in adults could be checked for "
    "AcuMap, so no figure is given. CT studies of adults' back points found the depth depends above all on "
    "body mass index, more than on age or sex (Ma, Lin et al., Taiwan J Chin Med 2022): it is shallower in thin "
    "people. Keep to oblique, shallow needling."
)
MA_2022 = (
    "Ma YC, Lin JG, Peng CT, Huang YC. Safe needling depths of chest and back acupoints in adults, measured by "
    "computed tomography (以電腦斷層測量成人胸背部穴位之安全深度). 中醫藥研究論叢 (Taiwan Journal of Chinese Medicine) "
    "2022;25(4):1-14. doi:10.6516/TJTCM.202212_25(4).0001"
)


@dataclass(frozen=True)
class DepthNote:
    """What the panel says about the depth beneath a point: each study's figure, or why there is none."""

    text: str
    source: str
    label: str = "Measured depth"


def depth_notes(code: str, tags: tuple[str, ...]) -> tuple[DepthNote, ...]:
    """Each measured depth beneath a point (with its method, source and the words that it is not a safe
    depth); for a point over the chest wall with no study, why no figure is given; otherwise nothing."""
    found = [DepthNote(d.text, d.source) for d in MEASURED_DEPTHS if d.code == code]
    if code == "GB21":
        found.append(DepthNote(GB21_COMPARISON, CHU_2018, "The two depths at GB21"))
    if not found and "pneumothorax" in tags:
        found.append(DepthNote(NO_MEASURED_DEPTH, MA_2022, "Depth to the pleura"))
    return tuple(found)


def source_notes_for(
    code: str, view: str, offset_cun: float | None, from_spine: bool
) -> tuple[SourceNote, ...]:
    """The disagreements that concern a point (by its WHO code and how it is placed)."""
    found = []
    for note in SOURCE_NOTES:
        if (
            code in note.codes
            or (note.back_scope == "all" and view == "back" and from_spine)
            or (note.back_scope == "lateral" and view == "back" and from_spine and (offset_cun or 0) > 0)
        ):
            found.append(note)
    return tuple(found)


#: U+2011 NON-BREAKING HYPHEN: looks like "-", but a line never breaks at it (the page fonts, Source Sans,
#: DejaVu and Noto, all draw it), so "EX-B2-" never ends a line with "T2" below it, read as a vertebra.
NO_BREAK_HYPHEN = "\u2011"
#: An extra point's code or id inside text: EX-B1, EX-B2, EX-B2-T5, EX-UE8, EX-HN15, JJ-C, JJ-C2.
_HYPHENATED_CODE = re.compile(r"\b(?:EX|JJ)(?:-[A-Z]{1,3}\d{0,2})+\b")


def no_break_codes(text: str) -> str:
    """The text with every hyphen inside a point code made non-breaking; every other hyphen kept as it is.

    For display only: a code for a link, a search or a file keeps its ASCII hyphen.
    """
    return _HYPHENATED_CODE.sub(lambda m: m.group(0).replace("-", NO_BREAK_HYPHEN), text)


@dataclass(frozen=True)
class NamedRun:
    """Points listed one after another that share one name (the Huatuojiaji at each level): named once."""

    name: str
    ids: tuple[str, ...]


def named_runs(points: Iterable[tuple[str, str]]) -> tuple[NamedRun, ...]:
    """(id, name) pairs in their order, each run of neighbours with the same name gathered into one.

    A list of points with their names then reads "EX-B2-T1, EX-B2-T2, … Huàtuó Jiájǐ" instead of giving the
    same name twelve times.
    """
    runs: list[NamedRun] = []
    for pid, name in points:
        if runs and runs[-1].name == name:
            runs[-1] = NamedRun(name, (*runs[-1].ids, pid))
        else:
            runs.append(NamedRun(name, (pid,)))
    return tuple(runs)
