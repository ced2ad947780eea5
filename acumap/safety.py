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
