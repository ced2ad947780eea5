"""The patient view, the handout and the red flags in Debian's Chromium: by link and by toggle, real downloads,
the PDF rendered with poppler's pdftoppm."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from playwright.sync_api import Page, expect

from acumap.atlas.data import load_atlas
from acumap.atlas.regions import parse_region
from acumap.body import anatomy
from acumap.drawing.figure import marks_for
from acumap.export import atlas_from_json
from acumap.safety import RED_FLAGS
from harness.mapdom import client_xy
from harness.serving import wait_scroll_still, wait_settled
from tests.screens import SIZES, reachable

pytestmark = pytest.mark.browser
TIMEOUT = 30_000
ATLAS = load_atlas()

#: Label text of every lit point on the map, and how many point markers are shown at all.
LABELS_JS = """() => {
  const root = [...document.querySelectorAll('*')].map(e => e.shadowRoot || e)
    .find(r => r.querySelector && r.querySelector('svg[data-view=back]')) || document;
  const shown = [...root.querySelectorAll('[data-point]')].filter(e => getComputedStyle(e).display !== 'none');
  return {
    labels: [...root.querySelectorAll('g.lbl text')].map(t => t.textContent),
    shown: [...new Set(shown.map(e => e.dataset.point))].sort(),
    caption: root.querySelector('figcaption[data-view=back]').textContent,
  };
}"""


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT)
    yield pg
    ctx.close()


def expected_numbers(region: str) -> dict[str, str]:
    choice = parse_region(region)
    assert choice is not None
    return {m.point.id: m.label for m in marks_for(ATLAS, choice)}


def test_patient_view_by_link_numbers_only_the_regions_points(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?region=middle_back_left&audience=patient")
    wait_settled(page)
    expect(page.get_by_role("heading", name="Near the pain, on your back")).to_be_visible()
    numbers = expected_numbers("middle_back_left")
    page.wait_for_function(f"({LABELS_JS})().labels.length > 0")
    state = page.evaluate(LABELS_JS)
    # Only the region's points are drawn, and each label is its number in the list, never a code.
    assert state["shown"] == sorted(numbers)
    assert state["labels"] and all(label.isdigit() for label in state["labels"])
    assert set(state["labels"]) <= set(numbers.values())
    assert "cun" not in state["caption"]
    expect(page.locator(".st-key-patient input")).to_be_checked()


def test_patient_view_by_toggle_and_back(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?region=neck")
    wait_settled(page)
    page.wait_for_function(f"({LABELS_JS})().labels.includes('GB21')")
    page.get_by_text("Patient view", exact=True).click()
    expect(page).to_have_url(f"{app_url}/?region=neck&audience=patient")
    expect(page.get_by_role("heading", name="Near the pain, on your back")).to_be_visible()
    numbers = expected_numbers("neck")
    page.wait_for_function(f"({LABELS_JS})().labels.includes('{numbers['GB21']}')")
    assert "GB21" not in page.evaluate(LABELS_JS)["labels"]
    page.get_by_text("Patient view", exact=True).click()
    expect(page).to_have_url(f"{app_url}/?region=neck")
    page.wait_for_function(f"({LABELS_JS})().labels.includes('GB21')")


def test_handout_and_png_download_and_render(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(f"{app_url}/?region=middle_back&audience=patient")
    wait_settled(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the handout (PDF)").click()
    download = info.value
    assert download.suggested_filename == "acumap-handout-middle_back-a4.pdf"
    pdf = tmp_path / "handout.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    # Render the page as a reader's PDF viewer would (poppler), and read its text.
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "page")], check=True)
    # Two pages: the points, then the warning signs first.
    assert sorted(p.name for p in tmp_path.glob("page*.png")) == ["page-1.png", "page-2.png"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Liver Shu" in flat and "Union Valley" in flat
    assert " ".join(RED_FLAGS[0].split()) in flat

    with page.expect_download() as info:
        page.get_by_role("button", name="Diagrams (PNG)").click()
    png = tmp_path / "diagrams.png"
    info.value.save_as(png)
    assert info.value.suggested_filename == "acumap-middle_back.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") > 1000


def test_letter_handout_of_chosen_points(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(f"{app_url}/?region=upper_back_left&audience=patient")
    wait_settled(page)
    page.get_by_text("Letter", exact=True).click()
    box = page.get_by_role("combobox", name="Points to include")
    for name in ("Lung Shu", "Union Valley"):
        box.click()
        box.press_sequentially(name)
        page.get_by_role("option", name=name).click()
    page.keyboard.press("Escape")
    # Leave the box (its last change is sent on blur) and let that run finish before asking for the file.
    page.get_by_text("Paper", exact=True).click()
    expect(page.get_by_text("On the handout, numbered 1 to 2: 1. Lung Shu · 2. Union Valley")).to_be_visible()
    wait_settled(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the handout (PDF)").click()
    assert info.value.suggested_filename == "acumap-handout-upper_back_left-letter.pdf"
    pdf = tmp_path / "letter.pdf"
    info.value.save_as(pdf)
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "612 x 792 pts (letter)" in out and "Pages:           2" in out
    flat = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    # Only the ticked points, numbered 1..n in reading order (issue 23).
    assert "1. Lung Shu" in flat and "2. Union Valley" in flat
    assert "Heart Shu" not in flat


#: The patient map's labels, brackets, the spine ladder's ticks shown and the side words shown.
FIGURE_JS = """() => {
  const root = [...document.querySelectorAll('*')].map(e => e.shadowRoot || e)
    .find(r => r.querySelector && r.querySelector('svg[data-view=back]')) || document;
  const back = root.querySelector('svg[data-view=back]');
  const shown = (sel) => [...back.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== 'none'
    && !e.closest('[style*="display: none"]'));
  return {
    labels: [...back.querySelectorAll('g.lbl text')].map(t => t.textContent),
    brackets: [...back.querySelectorAll('g.lbl .bracket')].map(b => b.closest('g.lbl').dataset.label),
    ticks: shown('.ladder .tick').length,
    sides: shown('.side').map(t => t.textContent),
  };
}"""


def test_patient_map_labels_a_shared_number_once_and_drops_the_ladder_ticks(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?region=middle_back&audience=patient")
    wait_settled(page)
    page.wait_for_function(f"({LABELS_JS})().labels.length > 0")
    fig = page.evaluate(FIGURE_JS)
    numbers = expected_numbers("middle_back")
    jiaji = numbers["EX-B2-T9"]
    assert sum(1 for pid, n in numbers.items() if n == jiaji) >= 5  # one number for the column's points
    assert fig["labels"].count(jiaji) == 1
    (bracket,) = fig["brackets"]
    assert set(bracket.split()) == {pid for pid, n in numbers.items() if n == jiaji}
    assert fig["ticks"] == 0 and fig["sides"] == ["Your left", "Your right"]
    # A student's map keeps a label per level, the ticks and the ladder's words.
    page.goto(f"{app_url}/?region=middle_back")
    wait_settled(page)
    page.wait_for_function(f"({LABELS_JS})().labels.includes('BL18')")
    fig = page.evaluate(FIGURE_JS)
    assert "EX-B2-T9" in fig["labels"] and fig["brackets"] == []
    assert fig["ticks"] == 18 and fig["sides"] == ["L (left)", "(right) R"]


@pytest.mark.parametrize(
    "path",
    ["", "?audience=patient", "?mode=projector", "points", "quiz", "safety", "quiz?round=find.all.s1.lm"],
)
def test_red_flags_one_click_away_everywhere(page: Page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_settled(page, with_map=path in ("", "?audience=patient", "?mode=projector"))
    button = page.get_by_role("button", name="When to see a doctor")
    expect(button).to_be_in_viewport()
    button.click()
    expect(page.get_by_text(RED_FLAGS[0], exact=True).last).to_be_visible()
    expect(page.get_by_text("It does not diagnose anything", exact=False).last).to_be_visible()


def test_export_download_is_valid_and_loads(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(f"{app_url}/points")
    wait_settled(page, with_map=False)
    page.get_by_text("Download every point and region link").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Atlas (JSON)").click()
    assert info.value.suggested_filename == "acumap.json"
    path = tmp_path / "acumap.json"
    info.value.save_as(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads(
        (Path(__file__).resolve().parent.parent / "schema" / "acumap-export.schema.json").read_text()
    )
    jsonschema.validate(doc, schema)
    assert atlas_from_json(doc).points == ATLAS.points


# How far the handout's first control may be below the tapped region: the tablet's panel scrolls beside the map
# (within a screen); on a phone the patient's list flows with the page, so the handout comes after it.
@pytest.mark.parametrize(("size", "max_scroll"), [("phone", 12_000), ("tablet", None)])
def test_handout_and_pictures_of_chosen_points_on_a_phone_and_a_tablet(
    browser: Any, app_url: str, size: str, max_scroll: int | None, tmp_path: Path
) -> None:
    """The practitioner's task beside the patient: tap the sore area, pick the points, take the pictures: each
    next control within a screen and uncovered; the pictures carry the chosen points with their screen numbers."""
    width, height, touch = SIZES[size]
    ctx = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch, accept_downloads=True
    )
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        page.goto(f"{app_url}/?audience=patient")
        wait_settled(page)
        page.touchscreen.tap(*client_xy(page, "back", 0.3, anatomy.level_y("T10")))
        expect(page.get_by_role("heading", name="Middle back, both sides")).to_be_visible()
        wait_scroll_still(page)
        box = page.get_by_role("combobox", name="Points to include")
        reachable(box, max_scroll=max_scroll)
        for name in ("Liver Shu", "Union Valley"):
            box.click()
            box.press_sequentially(name)
            page.get_by_role("option", name=re.compile(name)).click()
        page.keyboard.press("Escape")
        page.get_by_text("Paper", exact=True).click()
        caption = page.get_by_text("The pictures show the 2 points chosen for the handout")
        expect(caption).to_be_visible()
        wait_settled(page)
        # The points' list has closed (it closes as it animates out, after the page's run has settled).
        expect(page.get_by_role("listbox")).to_have_count(0)
        svg_button = page.get_by_role("button", name="Diagrams (SVG)")
        reachable(svg_button)
        reachable(page.get_by_role("button", name="Diagrams (PNG)"))
        with page.expect_download() as info:
            svg_button.click()
        svg = Path(info.value.path()).read_text(encoding="utf-8")
        key = re.search(r'<g class="key">(.*?)</g>', svg)
        assert key is not None
        # Numbered as on the handout: the ticked points 1..n (issue 23), not their numbers in the whole list.
        assert re.findall(r">([^<]+)</text>", key.group(1))[1:] == [
            "1  Liver Shu (BL18)",
            "2  Union Valley (LI4)",
        ]
        with page.expect_download() as info:
            page.get_by_role("button", name="Diagrams (PNG)").click()
        assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        reachable(page.get_by_role("button", name="Download the handout (PDF)"))
    finally:
        ctx.close()
