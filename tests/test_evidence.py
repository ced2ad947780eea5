"""The Evidence page: every figure cited and consistent, the chart drawn from them, each region's line shown.

Pure tests check the figures in `acumap.evidence`; AppTest checks the page and the region panels; one browser
test (marker `browser`) checks that the chart is drawn in Chromium, fits a phone, and that a region links to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from acumap import links
from acumap.atlas.data import load_atlas
from acumap.atlas.regions import BASE_REGIONS, parse_region
from acumap.charts.evidence import AXIS_TITLE, effect_chart
from acumap.evidence import (
    COMPARATORS,
    FINDINGS,
    GUIDELINES,
    HARMS,
    MISSING,
    NO_ACUPUNCTURE,
    REGION_EVIDENCE,
    REGION_EVIDENCE_PLAIN,
    SHAM,
    SOURCES,
    TABLE_COLUMNS,
    THORACIC,
    VICKERS_2018,
    WITT_MEAN_TREATMENTS,
    WITT_PATIENTS,
    WITT_PNEUMOTHORACES,
    count_text,
    effect_table,
    finding_card,
    fmt,
    interval,
    shown_table,
)
from acumap.plain import unexplained
from acumap.safety import RED_FLAGS
from tests.apptest import all_markdown, html_text, panel_html, run_app
from tests.builders import ROOT

EVIDENCE = "views/evidence.py"
ATLAS = load_atlas()


def plain(text: str) -> str:
    """Markdown's escapes undone (the page escapes every special character of its text)."""
    return re.sub(r"\\(.)", r"\1", text)


def finding(key: str) -> Any:
    return next(f for f in FINDINGS if f.key == key)


def harm(key: str) -> Any:
    return next(h for h in HARMS if h.key == key)


# --- the figures themselves ----------------------------------------------------------------------------------


@pytest.mark.parametrize("f", FINDINGS, ids=lambda f: f.key)
def test_every_finding_is_sourced_and_its_interval_holds_the_estimate(f: Any) -> None:
    assert f.source in SOURCES
    assert f.read and f.when and f.certainty
    assert f.comparator in COMPARATORS
    assert f.ci_low < f.smd < f.ci_high
    assert f.certainty == "not graded" or f.certainty.endswith("(GRADE)")


@pytest.mark.parametrize(
    ("key", "smd", "low", "high", "certainty"),
    [
        # Vickers 2012 abstract (PMC3658605): back and neck pain against sham and against no acupuncture.
        ("v2012_backneck_sham", 0.23, 0.13, 0.33, "not graded"),
        ("v2012_backneck_none", 0.55, 0.51, 0.58, "not graded"),
        ("v2012_oa_sham", 0.16, 0.07, 0.25, "not graded"),
        ("v2012_oa_none", 0.57, 0.50, 0.64, "not graded"),
        ("v2012_headache_sham", 0.15, 0.07, 0.24, "not graded"),
        ("v2012_headache_none", 0.42, 0.37, 0.46, "not graded"),
        # Trinh 2016 summary-of-findings table (sign turned), interval from the CUHK synopsis.
        ("trinh2016_neck_sham", 0.23, 0.07, 0.40, "moderate (GRADE)"),
    ],
)
def test_cited_effect_sizes(key: str, smd: float, low: float, high: float, certainty: str) -> None:
    f = finding(key)
    assert (f.smd, f.ci_low, f.ci_high, f.certainty) == (smd, low, high, certainty)


def test_the_cochrane_neck_figure_names_its_trials_and_where_its_interval_came_from() -> None:
    f = finding("trinh2016_neck_sham")
    assert (f.trials, f.patients) == (8, 560)
    assert "CUHK synopsis" in f.read and "second-hand" in f.read
    assert "-0.20 to -0.07" in f.note  # the misprint in the review's own table is said, not hidden


def test_the_table_has_one_row_per_finding_with_its_numbers() -> None:
    df = effect_table()
    assert len(df) == len(FINDINGS)
    for (_, row), f in zip(df.iterrows(), FINDINGS, strict=True):
        assert (row["Condition"], row["Compared with"]) == (f.condition, f.comparator)
        assert (row["SMD"], row["CI low"], row["CI high"]) == (f.smd, f.ci_low, f.ci_high)
        assert row["SMD (95% CI)"] == interval(f)
        assert row["Source"] == SOURCES[f.source].short
        assert row["Certainty"] == f.certainty


@pytest.mark.parametrize(("n", "shown"), [(None, "–"), (0, "0"), (8, "8"), (560, "560"), (17_922, "17,922")])
def test_a_count_is_shown_with_a_dash_where_the_source_gives_none(n: int | None, shown: str) -> None:
    assert count_text(n) == shown


def test_the_shown_table_is_all_text_with_a_dash_for_every_missing_count() -> None:
    df = shown_table()
    assert tuple(df.columns) == TABLE_COLUMNS
    assert all(isinstance(v, str) and v for v in df.to_numpy().ravel())
    for (_, row), f in zip(df.iterrows(), FINDINGS, strict=True):
        assert row["Trials"] == ("–" if f.trials is None else str(f.trials)), f.key
        assert row["Patients"] == ("–" if f.patients is None else f"{f.patients:,}"), f.key
    assert "None" not in df.to_string() and "nan" not in df.to_string().lower()


@pytest.mark.parametrize(
    ("key", "title", "found", "strength", "when"),
    [
        (
            "trinh2016_neck_sham",
            "Chronic neck pain · Trinh 2016 (Cochrane)",
            "0.23 SD less pain than sham acupuncture (95% CI 0.07 to 0.40)",
            "Certainty: moderate (GRADE) · Trials: 8 · Patients: 560",
            "When: short term: 1 day to 3 months after treatment",
        ),
        (
            "v2012_backneck_none",
            "Back and neck pain · Vickers 2012",
            "0.55 SD less pain than no acupuncture (95% CI 0.51 to 0.58)",
            "Certainty: not graded · Trials: – · Patients: –",
            "When: not stated in the abstract",
        ),
    ],
)
def test_a_finding_s_card_says_what_it_found_and_how_sure(
    key: str, title: str, found: str, strength: str, when: str
) -> None:
    card = finding_card(finding(key))
    assert (card.title, card.found, card.strength, card.when) == (title, found, strength, when)


def test_a_finding_against_acupuncture_says_more_pain_with_the_size_unsigned() -> None:
    worse = replace(finding("trinh2016_neck_sham"), smd=-0.2, ci_low=-0.4, ci_high=0.05)
    found = finding_card(worse).found
    assert found.startswith("0.20 SD more pain than")
    assert "less" not in found


@pytest.mark.parametrize("f", FINDINGS, ids=lambda f: f.key)
def test_no_card_prints_none(f: Any) -> None:
    card = finding_card(f)
    assert "None" not in " ".join((card.title, card.found, card.strength, card.when))
    assert MISSING == "–"


def chart_points(spec: dict[str, Any]) -> dict[str, tuple[float, float, float]]:
    """Each marker's row name and its estimate, lower and upper bound, read back from a figure's JSON."""
    points = {}
    for trace in spec["data"]:
        if trace.get("mode") != "markers":
            continue
        err = trace["error_x"]
        for label, x, plus, minus in zip(
            trace["y"], trace["x"], err["array"], err["arrayminus"], strict=True
        ):
            points[label] = (x, round(x - minus, 6), round(x + plus, 6))
    return points


def test_the_chart_draws_every_finding_with_its_interval_and_a_zero_line() -> None:
    fig = effect_chart(effect_table())
    spec = json.loads(fig.to_json())
    assert chart_points(spec) == {f.label: (f.smd, f.ci_low, f.ci_high) for f in FINDINGS}
    assert any(s["x0"] == 0 and s["x1"] == 0 for s in spec["layout"]["shapes"])
    titles = [a["text"] for a in spec["layout"]["annotations"]]
    assert f"<b>Against {SHAM}</b>" in titles and f"<b>Against {NO_ACUPUNCTURE}</b>" in titles
    xaxes = [v for k, v in spec["layout"].items() if k.startswith("xaxis")]
    assert [a["title"]["text"] for a in xaxes if "title" in a] == [AXIS_TITLE]
    assert "right = less pain with acupuncture" in AXIS_TITLE
    # Readable on a projector: no text under 14 px.
    sizes = [a["font"]["size"] for a in spec["layout"]["annotations"]]
    sizes += [a["tickfont"]["size"] for a in xaxes]
    assert min(sizes) >= 14


def test_the_chart_draws_each_interval_as_the_source_gives_it_first_row_at_the_top() -> None:
    spec = json.loads(effect_chart(effect_table()).to_json())
    for trace in spec["data"]:
        if trace.get("mode") == "markers":
            # Most intervals are not symmetric about the estimate: each side drawn as given.
            assert trace["error_x"]["symmetric"] is False
            panels = [[f.label for f in FINDINGS if f.comparator == c] for c in COMPARATORS]
            (order,) = [labels for labels in panels if set(labels) == set(trace["y"])]
            assert list(trace["y"]) == order[::-1]  # plotted bottom up: the table's first row on top


def test_the_chart_puts_each_comparator_in_its_own_panel() -> None:
    spec = json.loads(effect_chart(effect_table()).to_json())
    panels: dict[str, set[str]] = {}
    for trace in spec["data"]:
        if trace.get("mode") == "markers":
            panels.setdefault(trace["yaxis"], set()).update(trace["y"])
    assert sorted(panels.values(), key=len) == sorted(
        [{f.label for f in FINDINGS if f.comparator == c} for c in COMPARATORS], key=len
    )


def test_harms_keep_per_patient_and_per_treatment_apart() -> None:
    for h in HARMS:
        assert ("patients" in h.unit) != ("treatments" in h.unit), h.key
        assert h.source in SOURCES and h.population and h.read
        if h.ci_low is not None and h.ci_high is not None:
            assert h.ci_low <= h.rate <= h.ci_high, h.key


@pytest.mark.parametrize(
    ("key", "rate", "unit", "low", "high", "studies"),
    [
        # Bäumler 2021 abstract (BMJ Open), read first-hand.
        ("sae_patients", 1.01, "per 10,000 patients", 0.23, 2.33, 11),
        ("sae_treatments", 7.98, "per 1,000,000 treatments", 1.39, 20.00, 14),
        ("ae_needing_treatment", 1.14, "per 1,000 patients", 0.00, 7.37, 8),
    ],
)
def test_cited_harm_rates(key: str, rate: float, unit: str, low: float, high: float, studies: int) -> None:
    h = harm(key)
    assert (h.rate, h.unit, h.ci_low, h.ci_high) == (rate, unit, low, high)
    assert (h.studies, h.derived) == (studies, False)


def test_the_pneumothorax_rate_is_marked_derived_and_worked_out_from_its_inputs() -> None:
    h = harm("pneumothorax_treatments")
    assert h.derived
    assert (WITT_PATIENTS, WITT_MEAN_TREATMENTS, WITT_PNEUMOTHORACES) == (229_230, 10.2, 2)
    assert h.rate == pytest.approx(2 / (229_230 * 10.2) * 1_000_000)
    assert fmt(h.rate) == "0.86"
    assert "Derived by AcuMap" in h.read and "pneumothoraces: the study's abstract, read first-hand" in h.read


def test_the_one_year_figure_is_quoted_and_its_complement_is_marked_derived() -> None:
    assert VICKERS_2018.one_year_decrease == "approximately 15%"
    assert (VICKERS_2018.trials, VICKERS_2018.patients) == (39, 20_827)


def test_guidelines_and_the_thoracic_statement() -> None:
    codes = {g.code: g for g in GUIDELINES}
    assert set(codes) == {"NG59", "NG193"}
    assert codes["NG59"].position.startswith("Does not recommend acupuncture")
    assert "was not read" in codes["NG59"].read  # the wording is reported, not quoted
    assert "chronic primary pain" in codes["NG193"].position and "NG59" in codes["NG193"].scope
    assert THORACIC.statement.startswith("Very little is known")
    for g in GUIDELINES:
        assert all(s in SOURCES for s in g.sources)
    assert THORACIC.source in SOURCES


def test_every_region_has_an_evidence_line_for_students_and_one_in_plain_words() -> None:
    assert set(REGION_EVIDENCE) == set(BASE_REGIONS) == set(REGION_EVIDENCE_PLAIN)
    neck = finding("trinh2016_neck_sham")
    assert f"{fmt(neck.smd)} SD" in REGION_EVIDENCE["neck"]
    assert f"{fmt(neck.ci_low)} to {fmt(neck.ci_high)}" in REGION_EVIDENCE["neck"]
    assert "moderate certainty" in REGION_EVIDENCE["neck"]
    back = REGION_EVIDENCE["lower_back"]
    assert "0.23 SD" in back and "0.55 SD" in back and "NG59 does not recommend" in back
    for region in ("upper_back", "middle_back"):
        assert "very little evidence" in REGION_EVIDENCE[region]
        assert "no better than a placebo" in REGION_EVIDENCE[region]
    assert REGION_EVIDENCE["shoulder"].startswith("No separate figure")


@pytest.mark.parametrize("region", BASE_REGIONS)
def test_the_plain_lines_need_no_explaining(region: str) -> None:
    assert unexplained(REGION_EVIDENCE_PLAIN[region], ATLAS) == []


# --- the page ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> AppTest:
    return run_app(page=EVIDENCE)


@pytest.fixture(scope="module")
def text(page: AppTest) -> str:
    return plain(all_markdown(page) + "\n" + "\n".join(h.value for h in page.header))


def test_the_page_renders_without_exception(page: AppTest) -> None:
    assert not page.exception, page.exception
    assert not page.error
    assert page.title[0].value == "Evidence: what trials found"


def test_the_page_shows_the_chart_of_every_effect_size_and_interval(page: AppTest) -> None:
    charts = page.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert chart_points(spec) == {f.label: (f.smd, f.ci_low, f.ci_high) for f in FINDINGS}
    assert json.loads(charts[0].proto.config)["displayModeBar"] is False


def test_the_page_explains_the_numbers_first(page: AppTest, text: str) -> None:
    first = plain(page.markdown[3].value)  # after the red-flags popover's two blocks and the contents
    assert first.startswith("In short:")
    assert "0.2 is called small, 0.5 is called moderate" in text and "convention" in text


def test_the_page_shows_the_table_of_figures(page: AppTest) -> None:
    df = page.dataframe[0].value
    assert list(df["SMD (95% CI)"]) == [interval(f) for f in FINDINGS]
    assert list(df["Compared with"]) == [f.comparator for f in FINDINGS]
    row = df[df["Source"] == "Trinh 2016 (Cochrane)"].iloc[0]
    assert (row["Trials"], row["Patients"], row["Certainty"]) == ("8", "560", "moderate (GRADE)")
    # Where the source gives no count, the cell says so with a dash (Streamlit draws a missing value "None").
    assert list(df["Trials"]) == ["–", "–", "–", "8", "–", "–", "–"]
    assert not df.isna().to_numpy().any()


def test_the_page_opens_with_a_list_of_its_sections_each_linking_to_its_heading(page: AppTest) -> None:
    contents = page.markdown[2].value
    assert contents.startswith("**On this page**")
    links = re.findall(r"\[(.+?)\]\(#([a-z-]+)\)", contents)
    anchors = {h.proto.anchor: h.value for h in page.header}
    assert [a for _, a in links] == list(anchors)  # every section, in the page's order
    assert len(links) == 7
    assert anchors["harm"] == "Serious harm"
    assert anchors["neck"] == "Neck: the Cochrane review (Trinh 2016)"


def test_the_page_gives_each_finding_as_a_card_too(page: AppTest) -> None:
    text = plain(all_markdown(page))
    for f in FINDINGS:
        card = finding_card(f)
        assert f"**{card.title}**  \n{card.found}" in text
        assert f"{card.strength}  \n{card.when}" in text
    assert "Trials and patients show – where the source gives no count" in text


def test_the_page_gives_the_meta_analyses_and_the_one_year_effect(text: str) -> None:
    assert "29 of 31 eligible trials (17,922 patients)" in text
    assert "13 trials (39 trials, 20,827 patients)" in text
    assert "approximately 15% smaller at 1 year" in text
    assert "about 85% of it remained (derived by AcuMap" in text


def test_the_page_gives_the_cochrane_neck_review(text: str) -> None:
    assert "0.23 SD lower with acupuncture (95% CI 0.07 to 0.40; 8 trials, 560 participants)" in text
    assert "certainty moderate (GRADE)" in text


def test_the_page_says_how_little_is_known_for_the_thoracic_spine(page: AppTest, text: str) -> None:
    assert "Upper and middle back (thoracic spine): very little is known" in [h.value for h in page.header]
    assert THORACIC.statement in text
    assert "no differences between acupuncture and placebo electrotherapy" in text


def test_the_page_gives_both_guidelines(text: str) -> None:
    for g in GUIDELINES:
        assert f"NICE {g.code}: {g.title}" in text
        assert g.position in text
        assert g.read in text
    assert "NG193 is about chronic primary pain" in text


def test_the_page_gives_the_harm_rates_per_patient_and_per_treatment(page: AppTest) -> None:
    blocks = {plain(m.value).split("\n")[0]: plain(m.value) for m in page.markdown}
    per_patient, per_treatment = blocks["**Per patient**"], blocks["**Per treatment**"]
    assert "1.01 per 10,000 patients (95% CI 0.23 to 2.33), 11 studies (Bäumler 2021)" in per_patient
    assert "7.98 per 1,000,000 treatments (95% CI 1.39 to 20.00), 14 studies (Bäumler 2021)" in per_treatment
    assert "about 0.86 per 1,000,000 treatments (Witt 2009), **derived**" in per_treatment
    assert "treatments" not in per_patient.replace("needed treatment", "")
    assert "patients (" not in per_treatment


def test_the_page_lists_every_source(text: str) -> None:
    for s in SOURCES.values():
        assert s.citation in text, s.key


def test_the_page_carries_the_red_flags(page: AppTest, text: str) -> None:
    for flag in RED_FLAGS:
        assert flag in text
    assert "does not diagnose" in page.caption[-1].value


def test_the_page_is_in_the_navigation_before_safety() -> None:
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    pages = re.findall(r'st\.Page\("([^"]+)"', app)
    assert pages.index(EVIDENCE) == len(pages) - 2 and pages[-1] == "views/safety.py"
    assert 'title="Evidence", icon="📊", url_path=links.EVIDENCE_PAGE' in app
    assert links.EVIDENCE_PAGE == "evidence"  # the page's address, as links to it are written


# --- each region's line, in the student's panel and the patient's --------------------------------------------


@pytest.mark.parametrize("region", [*BASE_REGIONS, "upper_back_left", "shoulder_right"])
def test_each_region_panel_shows_its_evidence_line_and_links_to_the_page(region: str) -> None:
    at = run_app({"region": region})
    assert not at.exception
    choice = parse_region(region)
    assert choice is not None
    html = panel_html(at)
    assert f"📊 {REGION_EVIDENCE[choice.base]} What trials found →" in html_text(html).splitlines()
    assert html.count('<a href="/evidence" target="_blank" rel="noopener">What trials found →</a>') == 1


@pytest.mark.parametrize("region", [*BASE_REGIONS, "middle_back_left"])
def test_each_patient_panel_shows_the_plain_line(region: str) -> None:
    at = run_app({"region": region, "audience": "patient"})
    choice = parse_region(region)
    assert choice is not None
    html = panel_html(at)
    assert (
        f"📊 {REGION_EVIDENCE_PLAIN[choice.base]} More about the research →" in html_text(html).splitlines()
    )
    assert html.count('<a href="/evidence" target="_blank" rel="noopener">More about the research →</a>') == 1


# --- in Chromium ---------------------------------------------------------------------------------------------


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


@pytest.mark.browser
def test_the_chart_is_drawn_and_fits_a_phone(phone: Any, app_url: str) -> None:
    from harness.serving import wait_settled

    phone.goto(f"{app_url}/evidence")
    wait_settled(phone, with_map=False)
    chart = phone.locator(".js-plotly-plot").first
    chart.locator(".main-svg").first.wait_for()
    # One marker per finding, each with its error bar.
    assert chart.locator(".scatterlayer .trace .points path").count() == len(FINDINGS)
    assert chart.locator(".errorbar").count() == len(FINDINGS)
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Every row name is drawn, whole, inside the chart (none cut off at the phone's edge).
    drawn = chart.locator(".annotation-text").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [e.textContent, r.left, r.right]; })"
    )
    names = {name: (left, right) for name, left, right in drawn}
    for f in FINDINGS:
        left, right = names[f"{f.condition} · {SOURCES[f.source].short}"]
        assert box["x"] <= left and right <= box["x"] + box["width"], f.key


@pytest.mark.browser
def test_a_region_panel_links_to_the_evidence_page(browser: Any, app_url: str) -> None:
    from harness.serving import wait_settled

    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    try:
        pg.goto(f"{app_url}/?region=neck")
        wait_settled(pg)
        # Like the app's other text links, it opens in a new tab, so the map keeps its state.
        with pg.expect_popup() as popup:
            pg.get_by_role("link", name="What trials found →").click()
        evidence = popup.value
        evidence.get_by_role("heading", name="Evidence: what trials found").wait_for()
        assert evidence.url == f"{app_url}/evidence"
    finally:
        ctx.close()


@pytest.mark.browser
def test_the_page_has_no_serious_or_critical_axe_violation(browser: Any, app_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from harness.serving import wait_settled

    pg = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        pg.goto(f"{app_url}/evidence")
        wait_settled(pg, with_map=False)
        pg.locator(".js-plotly-plot .main-svg").first.wait_for()
        violations = Axe().run(pg).response["violations"]
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, "\n".join(bad)
    finally:
        pg.close()
