"""Safety text shown around the map: what AcuMap is not, when to see a doctor, what the caution tags mean."""

from __future__ import annotations

from dataclasses import dataclass

DISCLAIMER = (
    "AcuMap is for learning and for explaining a treatment. It does not diagnose anything and is no "
    "substitute for a qualified practitioner or a doctor. Only a trained, licensed practitioner should needle."
)

#: Symptoms with back or neck pain that need a doctor, not an acupuncture chart.
RED_FLAGS: tuple[str, ...] = (
    "Weakness, numbness or tingling in the arms or legs, or numbness or tingling spreading into the chest",
    "Loss of control of the bladder or bowel, or numbness around the groin and buttocks",
    "Chest pain, shortness of breath, or pain that comes with sweating or nausea (heart or lungs can refer pain to the back)",
    "Fever, feeling unwell, or weight loss you cannot explain",
    "Pain after a fall, an accident or a blow to the back",
    "Constant pain that does not ease with rest or wakes you at night, or a history of cancer or osteoporosis",
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


@dataclass(frozen=True)
class MeasuredDepth:
    """How deep, in a study of adults, the structure at risk lay beneath a point."""

    code: str
    mean_cm: float
    text: str
    source: str


CHOU_2015 = (
    "Chou PC, Huang YC, Hsueh CJ, Lin JG, Chu HY. Retrospective study using MRI to measure depths of acupuncture "
    "points in neck and shoulder region. BMJ Open 2015. doi:10.1136/bmjopen-2015-007819"
)
_CHOU_METHOD = (
    "an MRI study of 394 adults, from the skin to the nearest tissue that needling could injure (here the top "
    "of the lung)"
)

#: Depths measured in adults, for the points where a study exists (the mean of all participants).
MEASURED_DEPTHS: dict[str, MeasuredDepth] = {
    "GB21": MeasuredDepth("GB21", 5.6, _CHOU_METHOD, CHOU_2015),
    "SI14": MeasuredDepth("SI14", 5.2, _CHOU_METHOD, CHOU_2015),
    "SI15": MeasuredDepth("SI15", 8.8, _CHOU_METHOD, CHOU_2015),
}

#: For the other points over the chest wall: what is (and is not) known about the depth to the pleura.
NO_MEASURED_DEPTH = (
    "No study measuring the depth from the skin to the pleura at this point in adults could be checked for "
    "AcuMap, so no figure is given. CT studies of adults' back points found the safe depth depends above all on "
    "body mass index, more than on age or sex (Ma, Lin et al., Taiwan J Chin Med 2022): it is shallower in thin "
    "people. Keep to oblique, shallow needling."
)
MA_2022 = (
    "Ma YC, Lin JG, Peng CT, Huang YC. Safe needling depths of chest and back acupoints in adults, measured by "
    "computed tomography (以電腦斷層測量成人胸背部穴位之安全深度). 中醫藥研究論叢 (Taiwan Journal of Chinese Medicine) "
    "2022;25(4):1-14. doi:10.6516/TJTCM.202212_25(4).0001"
)


def depth_note(code: str, tags: tuple[str, ...]) -> tuple[str, str] | None:
    """(text, source) on the measured depth to the pleura at a point over the chest wall, or None."""
    measured = MEASURED_DEPTHS.get(code)
    if measured is not None:
        return (
            f"Measured depth: {measured.mean_cm:g} cm on average, in {measured.text}. It was greater with a higher "
            "body mass index and in men: thin people have less.",
            measured.source,
        )
    if "pneumothorax" in tags:
        return NO_MEASURED_DEPTH, MA_2022
    return None


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
