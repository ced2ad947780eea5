"""The evidence, honestly: what trials found, against what, how sure, and where each number was read."""

from __future__ import annotations

import streamlit as st

from acumap.charts.evidence import effect_chart
from acumap.evidence import (
    COHEN,
    FINDINGS,
    GUIDELINES,
    HARMS,
    MISSING,
    NO_ACUPUNCTURE,
    SHAM,
    SOURCES,
    THORACIC,
    TRINH_2016,
    VICKERS_2012,
    VICKERS_2018,
    Harm,
    effect_table,
    finding_card,
    fmt,
    interval,
    shown_table,
)
from ui import styles
from ui.text import md

neck = next(f for f in FINDINGS if f.key == "trinh2016_neck_sham")
back_sham = next(f for f in FINDINGS if f.key == "v2012_backneck_sham")
back_none = next(f for f in FINDINGS if f.key == "v2012_backneck_none")

#: The page's sections: anchor -> (the contents list's words, the heading). The anchors are set, not derived
#: from the headings, so a link to a section survives a reworded heading.
SECTIONS: dict[str, tuple[str, str]] = {
    "effect-sizes": ("Effect sizes: chart and table", "The effect sizes"),
    "meta-analyses": (
        "The two large meta-analyses (Vickers 2012, 2018)",
        "The two individual-patient meta-analyses (Vickers 2012 and 2018)",
    ),
    "neck": ("Neck: the Cochrane review", "Neck: the Cochrane review (Trinh 2016)"),
    "thoracic": ("Upper and middle back", "Upper and middle back (thoracic spine): very little is known"),
    "guidelines": ("Guidelines (NICE)", "Guidelines (NICE, England)"),
    "harm": ("Serious harm", "Serious harm"),
    "sources": ("Sources", "Sources"),
}


def section(anchor: str) -> None:
    st.header(SECTIONS[anchor][1], anchor=anchor)


st.html(styles.EVIDENCE_CSS)
st.title("Evidence: what trials found")
with st.container(key="evidence_contents"):
    st.markdown(
        "**On this page**\n\n" + "\n".join(f"- [{md(label)}](#{a})" for a, (label, _) in SECTIONS.items())
    )

st.markdown(
    md(
        "In short: in the largest pooled analyses of trials in long-lasting pain, people who had acupuncture "
        f"had less pain than people who had no acupuncture (for back and neck pain, {fmt(back_none.smd)} of a "
        f"standard deviation) and a little less than people who had sham acupuncture ({fmt(back_sham.smd)}). "
        "The authors read the difference from sham as showing that acupuncture is more than a placebo, and its "
        "modest size as suggesting that factors besides the needling itself contribute importantly to the "
        "effect. "
        f"For the neck, a Cochrane review rates the evidence against sham as {neck.certainty}. "
        "For the upper and middle back there is very little evidence at all. "
        "NICE does not recommend acupuncture for low back pain (NG59) and says to consider it for chronic "
        "primary pain (NG193). Serious harm is rare."
    )
)
section("effect-sizes")
st.markdown(
    "**What the numbers mean.** "
    + md(
        "Trials measure pain on different scales, so the results are put on one: the difference between the "
        "groups divided by the spread (standard deviation, SD) of the pain scores, a standardised mean "
        "difference (SMD). By a common convention (Cohen's), "
        + ", ".join(f"{v} is called {name}" for v, name in COHEN)
        + ". That is a rule of thumb, not a measure of what matters to a patient. The bars are 95% confidence "
        "intervals: the range of effects the data are compatible with. A bar crossing zero would fit no "
        "difference at all."
    )
)

table = effect_table()
st.plotly_chart(effect_chart(table), key="evidence_chart", config={"displayModeBar": False}, width="stretch")
st.caption(
    md(
        "Dotted lines: 0.2 and 0.5, Cohen's small and moderate (a convention). Vickers 2012: as its abstract "
        "gives them, after excluding an outlying set of trials that strongly favoured acupuncture. Trinh 2016: "
        "pain up to 3 months after treatment, sign turned so that right means better; the interval is from a "
        "synopsis of the review, because the review's own table misprints it."
    )
)
with st.container(key="evidence_table_wide"):
    st.dataframe(
        shown_table(),
        hide_index=True,
        key="evidence_table",
        column_config={c: st.column_config.TextColumn(alignment="right") for c in ("Trials", "Patients")},
    )
with st.container(key="evidence_cards"):
    for f in FINDINGS:
        card = finding_card(f)
        with st.container(border=True, key=f"evidence_card_{f.key}"):
            st.markdown(f"**{md(card.title)}**  \n{md(card.found)}")
            st.caption(f"{md(card.strength)}  \n{md(card.when)}")
st.caption(
    md(
        f"Trials and patients show {MISSING} where the source gives no count for that row: Vickers 2012 gives "
        f"{VICKERS_2012.trials} trials and {VICKERS_2012.patients:,} patients for the whole analysis only. "
        "Certainty is the GRADE rating where the source gives one."
    )
)

section("meta-analyses")
st.markdown(
    md(
        f"Vickers 2012 pooled the raw data of each patient from {VICKERS_2012.trials} of "
        f"{VICKERS_2012.eligible} eligible trials ({VICKERS_2012.patients:,} patients) of "
        f"{VICKERS_2012.conditions}, choosing only trials whose allocation concealment was clearly adequate. "
        "With all trials included, acupuncture was better than both sham and no acupuncture for each condition "
        "(P < .001). After an outlying set of trials that strongly favoured acupuncture was excluded, the "
        "effects were similar across conditions: "
        + "; ".join(
            f"{f.condition.lower()} {interval(f)} against {f.comparator}"
            for f in FINDINGS
            if f.source == "vickers2012"
        )
        + f". Shoulder pain: {VICKERS_2012.shoulder}."
    )
)
u = VICKERS_2018
st.markdown(
    md(
        f"Vickers 2018 added {u.added_trials} trials ({u.trials} trials, {u.patients:,} patients) of "
        f"{u.conditions}. Acupuncture was better than sham and than no acupuncture for each condition, with "
        f"differences '{u.vs_no_acupuncture}' against no acupuncture and '{u.vs_sham}' against sham (the "
        "abstract gives no intervals for these pooled statements, so they are not on the chart). "
        f"Also: {u.control_note}."
    )
)
st.markdown(
    "**At 12 months.** "
    + md(
        f"The effect lasted: the treatment effect was {u.one_year_decrease} smaller at 1 year (Vickers 2018). "
        f"So {u.one_year_remaining_derived} of it remained (derived by AcuMap: 100% minus "
        f"{u.one_year_decrease}; the paper does not state this figure)."
    )
)

section("neck")
d, d_lo, d_hi = TRINH_2016.disability
st.markdown(
    md(
        f"The review included {TRINH_2016.included} trials (searched to {TRINH_2016.searched_to}). Its main "
        f"comparison is acupuncture against sham in {TRINH_2016.population}: pain {fmt(neck.smd)} SD lower with "
        f"acupuncture (95% CI {fmt(neck.ci_low)} to {fmt(neck.ci_high)}; {neck.trials} trials, "
        f"{neck.patients} participants), {neck.when}, certainty {neck.certainty}. Disability (Northwick Park "
        f"questionnaire) {fmt(d)} SD lower ({fmt(d_lo)} to {fmt(d_hi)}; {TRINH_2016.disability_trials} trials, "
        f"{TRINH_2016.disability_patients} participants), certainty {TRINH_2016.disability_certainty}."
    )
)
st.caption(md(f"{neck.read} {neck.note} {TRINH_2016.newer}"))

section("thoracic")
st.markdown(f"**{md(THORACIC.statement)}** {md(THORACIC.detail)}")
st.caption(md(f"{THORACIC.trial} {THORACIC.read}"))

section("guidelines")
for g in GUIDELINES:
    st.markdown(
        f"**NICE {md(g.code)}: {md(g.title)}** ({md(g.published)})  \n"
        f"{md(g.position)}  \n*Covers:* {md(g.scope)}"
    )
    st.caption(md(g.read))
st.markdown(
    md(
        "The two do not contradict each other: NG193 is about chronic primary pain, while low back pain with "
        "or without sciatica has its own guideline, NG59, which stands."
    )
)

section("harm")
st.markdown(
    md(
        "A rate of harm depends on what it counts: per patient (over a course of treatment) or per treatment "
        "(one session), and in whom. The two are kept apart here."
    )
)


def harm_line(h: Harm) -> str:
    """One rate: the figure, its interval and studies, its source; a derived figure says how it was worked out."""
    sep = "" if h.unit.startswith("%") else " "
    pct = "%" if h.unit.startswith("%") else ""
    ci = (
        f" (95% CI {fmt(h.ci_low)}{pct} to {fmt(h.ci_high)}{pct})"
        if h.ci_low is not None and h.ci_high is not None
        else ""
    )
    studies = f", {h.studies} studies" if h.studies and h.studies > 1 else ""
    line = f"- **{md(h.event)}:** {md(('about ' if h.derived else '') + fmt(h.rate) + sep + h.unit + ci + studies)}"
    line += f" ({md(SOURCES[h.source].short)})"
    if h.derived:
        line += f", **derived**.  \n  {md(h.population[:1].upper() + h.population[1:])}. *{md(h.read)}* {md(h.note)}"
    return line


per_patient = [h for h in HARMS if "patients" in h.unit]
per_treatment = [h for h in HARMS if "treatments" in h.unit]
st.markdown("**Per patient**\n\n" + "\n".join(harm_line(h) for h in per_patient))
st.markdown("**Per treatment**\n\n" + "\n".join(harm_line(h) for h in per_treatment))
pooled = next(h for h in HARMS if h.source == "baumler2021")
st.caption(
    md(f"Bäumler 2021: {pooled.population}. {pooled.read} Heterogeneity between studies was substantial.")
)
st.markdown(
    "**Who gave the treatment.** "
    + md(
        "Bäumler 2021 pools its studies whoever gave the treatment and gives no split by physician and "
        "non-physician practitioners in its abstract; the Witt 2009 abstract, as read, does not say who the "
        "acupuncturists were. So no rate here can be given for one group of practitioners. Two UK surveys "
        "from 2001, of traditional "
        "acupuncturists and of doctors and physiotherapists, are often quoted, but their results were not read "
        "for AcuMap, so none is given here. The points of the upper and middle back lie over the lungs:"
    )
    + " see the cautions on the [Safety page](/safety)."
)

section("sources")
st.markdown(
    "\n".join(
        f"{i}. {md(s.citation)}. [{md(s.short)}]({s.url})" for i, s in enumerate(SOURCES.values(), start=1)
    )
)
st.caption(
    md(
        "Every figure on this page is kept, with where it was read, in acumap/evidence.py; the quotations are in "
        f"docs/research/issue11-evidence-notes.md. Comparators: {SHAM}, {NO_ACUPUNCTURE}."
    )
)
