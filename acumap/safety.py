"""Safety text shown around the map: what AcuMap is not, when to see a doctor, what the caution tags mean."""

from __future__ import annotations

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
    "pregnancy": "Traditionally avoided during pregnancy.",
    "spinal_cord": "On the midline between the spinous processes: deep needling can reach the spinal canal.",
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
