"""What trials found for acupuncture in neck and back pain, with numbers, comparators, certainty and sources.

Every figure here was read in a source named beside it (docs/research/issue11-evidence-notes.md, "Verification
pass"). Figures read only in a secondary source say so in `read`. A figure that a source does not state but
that is worked out from figures it does state is marked `derived`. Nothing here is rounded.

Effect sizes are standardised mean differences (SMD) in standard-deviation units, turned so that a positive
number means less pain with acupuncture (Cochrane reviews print the same result as a negative number).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SHAM = "sham acupuncture"
NO_ACUPUNCTURE = "no acupuncture"
#: The comparators in the order the chart and the table show them.
COMPARATORS: tuple[str, ...] = (SHAM, NO_ACUPUNCTURE)


@dataclass(frozen=True)
class Source:
    key: str
    short: str
    citation: str
    url: str


SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source(
            "vickers2012",
            "Vickers 2012",
            "Vickers AJ, Cronin AM, Maschino AC, Lewith G, MacPherson H, Foster NE, Sherman KJ, Witt CM, Linde K; "
            "Acupuncture Trialists' Collaboration. Acupuncture for chronic pain: individual patient data "
            "meta-analysis. Arch Intern Med 2012;172(19):1444-53. doi:10.1001/archinternmed.2012.3654",
            "https://pmc.ncbi.nlm.nih.gov/articles/PMC3658605/",
        ),
        Source(
            "vickers2018",
            "Vickers 2018",
            "Vickers AJ, Vertosick EA, Lewith G, MacPherson H, Foster NE, Sherman KJ, Irnich D, Witt CM, Linde K; "
            "Acupuncture Trialists' Collaboration. Acupuncture for chronic pain: update of an individual patient "
            "data meta-analysis. J Pain 2018;19(5):455-474. doi:10.1016/j.jpain.2017.11.005",
            "https://pubmed.ncbi.nlm.nih.gov/29198932/",
        ),
        Source(
            "trinh2016",
            "Trinh 2016 (Cochrane)",
            "Trinh K, Graham N, Irnich D, Cameron ID, Forget M. Acupuncture for neck disorders. Cochrane Database "
            "of Systematic Reviews 2016, Issue 5. Art. No.: CD004870. doi:10.1002/14651858.CD004870.pub4",
            "https://pmc.ncbi.nlm.nih.gov/articles/PMC6734124/",
        ),
        Source(
            "cuhk",
            "CUHK synopsis of Trinh 2016",
            "Centre for Evidence-Based Chinese Medicine, The Chinese University of Hong Kong. Synopsis: Are "
            "acupuncture and related therapies effective in reducing pain of neck disorders in short term?",
            "http://www.hkiim.cuhk.edu.hk/ceim/en/synopsis/detail/acupuncture-and-related-therapies/87",
        ),
        Source(
            "southerst2015",
            "Southerst 2015",
            "Southerst D, Marchand AA, Côté P, et al. The effectiveness of noninvasive interventions for "
            "musculoskeletal thoracic spine and chest wall pain: a systematic review by the Ontario Protocol for "
            "Traffic Injury Management (OPTIMa) collaboration. J Manipulative Physiol Ther 2015;38(7):521-531. "
            "doi:10.1016/j.jmpt.2015.06.001",
            "https://www.physiospot.com/research/the-effectiveness-of-noninvasive-interventions-for-"
            "musculoskeletal-thoracic-spine-and-chest-wall-pain/",
        ),
        Source(
            "ng59",
            "NICE NG59",
            "National Institute for Health and Care Excellence. Low back pain and sciatica in over 16s: "
            "assessment and management. NICE guideline NG59. Published 30 November 2016, last updated "
            "11 December 2020",
            "https://www.nice.org.uk/guidance/ng59",
        ),
        Source(
            "bmj_ng59",
            "BMJ on NG59",
            "Bernstein et al. Low back pain and sciatica: summary of NICE guidance. BMJ 2017;356:i6748; and BMJ "
            "news on the draft guideline, BMJ 2016;352:i1765",
            "http://www.bmj.com/content/352/bmj.i1765",
        ),
        Source(
            "ng193",
            "NICE NG193",
            "National Institute for Health and Care Excellence. Chronic pain (primary and secondary) in over 16s: "
            "assessment of all chronic pain and management of chronic primary pain. NICE guideline NG193. "
            "Published 7 April 2021",
            "https://www.nice.org.uk/guidance/ng193",
        ),
        Source(
            "baumler2021",
            "Bäumler 2021",
            "Bäumler P, Zhang W, Stübinger T, Irnich D. Acupuncture-related adverse events: systematic review and "
            "meta-analyses of prospective clinical studies. BMJ Open 2021;11:e045961. "
            "doi:10.1136/bmjopen-2020-045961",
            "https://bmjopen.bmj.com/lookup/pmidlookup?view=long&pmid=34489268",
        ),
        Source(
            "witt2009",
            "Witt 2009",
            "Witt CM, Pach D, Brinkhaus B, Wruck K, Tag B, Mank S, Willich SN. Safety of acupuncture: results of "
            "a prospective observational study with 229,230 patients and introduction of a medical information "
            "and consent form. Forsch Komplementmed 2009;16:91-97. doi:10.1159/000209315",
            "http://www.karger.com/Article/Abstract/209315",
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    """One pooled effect of acupuncture on pain against one comparator."""

    key: str
    condition: str
    comparator: str
    #: Standardised mean difference in SD units; positive = less pain with acupuncture.
    smd: float
    ci_low: float
    ci_high: float
    #: Trials and patients behind this figure; None where the source gives no count for it.
    trials: int | None
    patients: int | None
    #: GRADE certainty where the source gives one; otherwise "not graded".
    certainty: str
    source: str
    when: str
    #: Where the figures were read, and whether first-hand.
    read: str
    note: str = ""

    @property
    def label(self) -> str:
        """The chart's row name: the condition and its source."""
        return f"{self.condition} · {SOURCES[self.source].short}"


_V2012_COUNTS = "29 trials and 17,922 patients in the whole analysis (all conditions); no count for this row"
_V2012_WHEN = "not stated in the abstract"
_V2012_READ = "Abstract of the paper (PMC3658605), read first-hand."
#: The abstract's exclusion of an outlying set of trials concerns the comparisons with sham: those trials were
#: sham-controlled. The no-acupuncture figures are given as the abstract gives them, with no such caveat.
_V2012_NOTE = (
    "As the abstract gives them, after excluding an outlying set of trials that strongly favoured acupuncture. "
    + _V2012_COUNTS
    + "."
)
_V2012_NOTE_NONE = "As the abstract gives them. " + _V2012_COUNTS + "."

FINDINGS: tuple[Finding, ...] = (
    Finding(
        "v2012_backneck_sham", "Back and neck pain", SHAM, 0.23, 0.13, 0.33, None, None,
        "not graded", "vickers2012", _V2012_WHEN, _V2012_READ, _V2012_NOTE,
    ),
    Finding(
        "v2012_oa_sham", "Osteoarthritis", SHAM, 0.16, 0.07, 0.25, None, None,
        "not graded", "vickers2012", _V2012_WHEN, _V2012_READ, _V2012_NOTE,
    ),
    Finding(
        "v2012_headache_sham", "Chronic headache", SHAM, 0.15, 0.07, 0.24, None, None,
        "not graded", "vickers2012", _V2012_WHEN, _V2012_READ, _V2012_NOTE,
    ),
    Finding(
        "trinh2016_neck_sham", "Chronic neck pain", SHAM, 0.23, 0.07, 0.40, 8, 560,
        "moderate (GRADE)", "trinh2016", "short term: 1 day to 3 months after treatment",
        "Estimate, trials, participants and certainty: the review's summary-of-findings table (PMC6734124), "
        "read first-hand. Interval: CUHK synopsis of the review (second-hand).",
        "The review prints the effect as -0.23 (negative = less pain); it is turned here so that right means "
        "better. Its own table prints the interval as '-0.20 to -0.07', which cannot contain -0.23, so the "
        "interval from the CUHK synopsis is shown. Population: chronic mechanical neck pain (over 90 days).",
    ),
    Finding(
        "v2012_backneck_none", "Back and neck pain", NO_ACUPUNCTURE, 0.55, 0.51, 0.58, None, None,
        "not graded", "vickers2012", _V2012_WHEN, _V2012_READ, _V2012_NOTE_NONE,
    ),
    Finding(
        "v2012_oa_none", "Osteoarthritis", NO_ACUPUNCTURE, 0.57, 0.50, 0.64, None, None,
        "not graded", "vickers2012", _V2012_WHEN, _V2012_READ, _V2012_NOTE_NONE,
    ),
    Finding(
        "v2012_headache_none", "Chronic headache", NO_ACUPUNCTURE, 0.42, 0.37, 0.46, None, None,
        "not graded", "vickers2012", _V2012_WHEN, _V2012_READ, _V2012_NOTE_NONE,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Meta2012:
    """The 2012 individual-patient meta-analysis as a whole (its abstract, read first-hand)."""

    trials: int = 29
    eligible: int = 31
    patients: int = 17_922
    conditions: str = "back and neck pain, osteoarthritis, chronic headache, and shoulder pain"
    #: JAMA Intern Med article page, Figure 2 caption (read first-hand).
    shoulder: str = (
        "there were fewer than 3 trials of shoulder pain against no acupuncture, so no pooled figure; the "
        "sham comparison has a shoulder panel whose numbers were not read for AcuMap"
    )
    source: str = "vickers2012"


VICKERS_2012 = Meta2012()


@dataclass(frozen=True)
class CochraneNeck:
    """Trinh 2016 beyond its main figure (summary-of-findings table and abstract, read first-hand)."""

    included: int = 27
    searched_to: str = "August 2015"
    population: str = "chronic mechanical neck pain (pain for more than 90 days)"
    #: Disability (Northwick Park questionnaire), short term, against sham; turned so positive = better.
    disability: tuple[float, float, float] = (0.38, 0.15, 0.62)
    disability_trials: int = 2
    disability_patients: int = 290
    disability_certainty: str = "low (GRADE)"
    newer: str = (
        "The Cochrane Library marks this 2016 version as not the most recent; a Cochrane protocol, 'Acupuncture "
        "for chronic neck pain' (CD013477), has been published, but no newer review with results was found."
    )
    source: str = "trinh2016"


TRINH_2016 = CochraneNeck()


@dataclass(frozen=True)
class Update:
    """The 2018 update of the individual-patient meta-analysis: pooled statements, no intervals in the abstract."""

    trials: int = 39
    patients: int = 20_827
    added_trials: int = 13
    vs_no_acupuncture: str = "close to .5 SDs"
    vs_sham: str = "close to .2 SDs"
    one_year_decrease: str = "approximately 15%"
    #: Derived: what is left of the effect at one year if it falls by about 15% (not stated in the paper).
    one_year_remaining_derived: str = "about 85%"
    conditions: str = "nonspecific musculoskeletal pain, osteoarthritis, chronic headache and shoulder pain"
    source: str = "vickers2018"
    control_note: str = (
        "effect sizes were smaller in sham-controlled trials that used a penetrating needle for the sham, and in "
        "trials with a high intensity of treatment in the control arm"
    )
    read: str = "Abstract of the paper (PubMed 29198932 and jpain.org), read first-hand."


VICKERS_2018 = Update()


@dataclass(frozen=True)
class Guideline:
    code: str
    title: str
    published: str
    position: str
    scope: str
    #: How the position was read: the wording itself, or as others report it.
    read: str
    sources: tuple[str, ...]


GUIDELINES: tuple[Guideline, ...] = (
    Guideline(
        "NG59",
        "Low back pain and sciatica in over 16s: assessment and management",
        "published 30 November 2016, last updated 11 December 2020",
        "Does not recommend acupuncture for managing low back pain with or without sciatica.",
        "Low back pain with or without sciatica, in people aged 16 and over. This remains NICE's guideline "
        "for low back pain.",
        "Position as reported by the BMJ ('acupuncture or electrotherapies should not be recommended', quoted "
        "from the BMJ summary of the guideline) and by the BMJ and NICE on the 2016 draft ('no longer "
        "recommended ... because evidence shows that it is no better than sham treatment'). The "
        "recommendation's own wording was not read for AcuMap.",
        ("ng59", "bmj_ng59"),
    ),
    Guideline(
        "NG193",
        "Chronic pain (primary and secondary) in over 16s",
        "published 7 April 2021",
        "Rec. 1.2.5: 'Consider a single course of acupuncture or dry needling, within a traditional Chinese or "
        "Western acupuncture system, for people aged 16 years and over to manage chronic primary pain', but "
        "only under conditions the guideline lists (one, as reported: no more than 5 hours of healthcare "
        "professional time).",
        "Chronic primary pain: pain lasting more than 3 months with no clear underlying condition, or whose "
        "pain or impact is out of proportion to any observable injury or disease. It does not replace NG59 "
        "for low back pain.",
        "The opening sentence of rec. 1.2.5 and the definition as quoted by third parties; the full list of "
        "conditions was not read for AcuMap.",
        ("ng193",),
    ),
)


@dataclass(frozen=True)
class Harm:
    """One rate of harm, with what it counts per (patients or treatments) and in whom."""

    key: str
    event: str
    rate: float
    unit: str
    ci_low: float | None
    ci_high: float | None
    studies: int | None
    population: str
    source: str
    read: str
    derived: bool = False
    note: str = ""


_BAUMLER_POP = (
    "a systematic review of 21 prospective studies of needle acupuncture published in English or German; each "
    "rate pools the studies that reported it (their number is given), and heterogeneity was substantial (I² over "
    "80%); the abstract gives no split by physician and non-physician practitioners"
)
_BAUMLER_READ = "Abstract (BMJ Open and DOAJ), read first-hand."

WITT_PATIENTS = 229_230
WITT_MEAN_TREATMENTS = 10.2
WITT_PNEUMOTHORACES = 2

HARMS: tuple[Harm, ...] = (
    Harm(
        "sae_patients", "Serious adverse events", 1.01, "per 10,000 patients", 0.23, 2.33, 11,
        _BAUMLER_POP, "baumler2021", _BAUMLER_READ,
    ),
    Harm(
        "sae_treatments", "Serious adverse events", 7.98, "per 1,000,000 treatments", 1.39, 20.00, 14,
        _BAUMLER_POP, "baumler2021", _BAUMLER_READ,
    ),
    Harm(
        "ae_needing_treatment", "Adverse events that needed treatment", 1.14, "per 1,000 patients", 0.00, 7.37,
        8, _BAUMLER_POP, "baumler2021", _BAUMLER_READ,
    ),
    Harm(
        "any_ae_patients", "At least one adverse event (half of all events were bleeding, pain or flare at the needle site)",
        9.31, "% of patients over a course of treatment", 5.10, 14.62, 11, _BAUMLER_POP, "baumler2021",
        _BAUMLER_READ,
    ),
    Harm(
        "pneumothorax_treatments", "Pneumothorax (collapsed lung)",
        WITT_PNEUMOTHORACES / (WITT_PATIENTS * WITT_MEAN_TREATMENTS) * 1_000_000, "per 1,000,000 treatments",
        None, None, 1,
        f"one German study: {WITT_PATIENTS:,} patients 'receiving conventional health care', who received "
        f"{WITT_MEAN_TREATMENTS} treatments on average, with acupuncture provided by physicians, and reported "
        "adverse effects themselves",
        "witt2009",
        f"Derived by AcuMap: {WITT_PNEUMOTHORACES} pneumothoraces ÷ ({WITT_PATIENTS:,} patients × "
        f"{WITT_MEAN_TREATMENTS} treatments). Patients, mean treatments, who treated and the "
        f"{WITT_PNEUMOTHORACES} pneumothoraces: the study's abstract, read first-hand.",
        derived=True,
        note="No source read for AcuMap gives a pooled pneumothorax rate per million treatments; this one comes "
        "from a single study of physicians' acupuncture, and rests on 2 events.",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Thoracic:
    statement: str
    detail: str
    trial: str
    source: str
    read: str


THORACIC = Thoracic(
    "Very little is known about acupuncture for upper- and middle-back (thoracic) pain.",
    "The one systematic review found (Southerst 2015) screened 6,988 articles for non-invasive treatments of "
    "thoracic spine and chest wall pain and kept 2 trials of low risk of bias. Only one of them tested needle "
    "acupuncture, against manipulation and a placebo device, in recent thoracic spine pain: 'There were no "
    "differences between acupuncture and placebo electrotherapy.'",
    "That trial: 114 people randomised and 109 analysed (manipulation 37, acupuncture 35, placebo 37); the "
    "placebo was "
    "interference electrotherapy with suction cups and no current; 4 treatments, pain measured 1 week "
    "after the last.",
    "southerst2015",
    "Review abstract and trial abstract as reproduced on physiospot.com (second-hand copies of the abstracts). "
    "The large meta-analyses pool 'back and neck pain' and give no result for the thoracic spine.",
)

#: One short line per base region, for the student's panel (figures from FINDINGS and GUIDELINES).
REGION_EVIDENCE: dict[str, str] = {
    "neck": "Chronic neck pain: 0.23 SD less pain than sham acupuncture (95% CI 0.07 to 0.40; 8 trials, "
    "560 people), up to 3 months after treatment; moderate certainty (Cochrane review, Trinh 2016).",
    "shoulder": "No separate figure for this area: shoulder pain was one of the conditions in Vickers 2012 and "
    "2018, but its own result was not read for AcuMap, and the back and neck figures do not carry over to it.",
    "upper_back": "Upper-back (thoracic) pain: very little evidence. The one good trial found (Southerst 2015 "
    "review) showed acupuncture no better than a placebo device.",
    "middle_back": "Middle-back (thoracic) pain: very little evidence. The one good trial found (Southerst 2015 "
    "review) showed acupuncture no better than a placebo device.",
    "lower_back": "Back and neck pain: 0.23 SD less pain than sham (95% CI 0.13 to 0.33) and 0.55 SD less than "
    "no acupuncture (0.51 to 0.58) (Vickers 2012). NICE NG59 does not recommend acupuncture for low back pain.",
}

#: The same in plain words for the patient view (checked by acumap.plain.unexplained: no jargon words).
REGION_EVIDENCE_PLAIN: dict[str, str] = {
    "neck": "What trials found: people with long-lasting neck pain had a little less pain after acupuncture "
    "than after pretend (sham) acupuncture, up to three months after treatment. The reviewers rated this "
    "evidence as moderate.",
    "shoulder": "What trials found: AcuMap has no checked trial result for pain in this area on its own.",
    "upper_back": "What trials found: very little research has looked at pain between the shoulder blades. "
    "The one good trial found that acupuncture did no better than a pretend treatment.",
    "middle_back": "What trials found: very little research has looked at pain in the middle of the back. "
    "The one good trial found that acupuncture did no better than a pretend treatment.",
    "lower_back": "What trials found: people with long-lasting back or neck pain had a little less pain after "
    "acupuncture than after pretend (sham) acupuncture, and more than a little less than people who had no "
    "acupuncture. NICE, which advises the NHS in England, does not recommend acupuncture for low back pain.",
}

#: Cohen's rule of thumb for an SMD, shown as a convention and nothing more.
COHEN: tuple[tuple[float, str], ...] = ((0.2, "small"), (0.5, "moderate"), (0.8, "large"))


def fmt(x: float) -> str:
    """A figure as the sources print them: two decimals (20.00, not 20)."""
    return f"{x:.2f}"


def interval(f: Finding) -> str:
    return f"{fmt(f.smd)} ({fmt(f.ci_low)} to {fmt(f.ci_high)})"


#: What a cell shows where the source gives no figure (never "None", "nan" or "<NA>").
MISSING = "–"
#: The page's table, in this order.
TABLE_COLUMNS: tuple[str, ...] = (
    "Condition",
    "Compared with",
    "SMD (95% CI)",
    "Trials",
    "Patients",
    "Certainty",
    "When",
    "Source",
)


def count_text(n: int | None) -> str:
    """A count as the page shows it: 17,922; MISSING where the source gives none."""
    return MISSING if n is None else f"{n:,}"


def shown_table() -> pd.DataFrame:
    """The page's table: one row per finding, every cell text, an empty count written as MISSING."""
    shown = effect_table().assign(  # the rows are FINDINGS, in order
        Trials=[count_text(f.trials) for f in FINDINGS], Patients=[count_text(f.patients) for f in FINDINGS]
    )
    return shown[list(TABLE_COLUMNS)]


@dataclass(frozen=True)
class FindingCard:
    """One finding as a small card for a narrow screen, where the table's eight columns do not fit."""

    title: str  # the condition and its source
    found: str  # what it found, in words and numbers
    strength: str  # how sure, and how many trials and patients
    when: str


def finding_card(f: Finding) -> FindingCard:
    """The table's row in sentences: "0.23 SD less pain than sham acupuncture (95% CI 0.13 to 0.33)"."""
    less = "less" if f.smd >= 0 else "more"
    return FindingCard(
        title=f.label,
        found=f"{fmt(abs(f.smd))} SD {less} pain than {f.comparator} (95% CI {fmt(f.ci_low)} to {fmt(f.ci_high)})",
        strength=f"Certainty: {f.certainty} · Trials: {count_text(f.trials)} · Patients: {count_text(f.patients)}",
        when=f"When: {f.when}",
    )


def effect_table() -> pd.DataFrame:
    """One row per finding: the chart's data and the page's table."""
    rows = [
        {
            "Condition": f.condition,
            "Compared with": f.comparator,
            "SMD": f.smd,
            "CI low": f.ci_low,
            "CI high": f.ci_high,
            "SMD (95% CI)": interval(f),
            "Trials": f.trials,
            "Patients": f.patients,
            "Certainty": f.certainty,
            "When": f.when,
            "Source": SOURCES[f.source].short,
            "Label": f.label,
        }
        for f in FINDINGS
    ]
    return pd.DataFrame(rows).astype({"Trials": "Int64", "Patients": "Int64"})
