"""The home plan (issue 23): the practitioner's section in the patient view, and the patient's own page of it.

The practitioner answers whether the patient could be pregnant, chooses the points the rules allow
(acumap.home_plan), sets how long and how often, and gets the plan's link and QR code, its PDF and a calendar
file of daily reminders. Everything the patient's page needs is in the link: nothing is stored on the server. The
practitioner's note goes on the PDF and in the calendar file, never into the link (a link is kept in a browser's
history and a server's logs).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path

import streamlit as st

from acumap import home_plan as hp
from acumap.atlas.data import Atlas
from acumap.atlas.placement import DIAGRAM_VIEWS
from acumap.drawing.assets import Drawing
from acumap.handout import MAX_NOTE_CHARS, PAGE_SIZES
from acumap.links import PLAN_PAGE, plan_link
from acumap.plain import RED_FLAGS_HEADING
from acumap.plan_sheet import (
    CARE_HEADING,
    EVIDENCE_HEADING,
    PLAN_TITLE,
    SELF_CARE_HEADING,
    card_alt,
    card_svg,
    plan_pdf,
    summary,
)
from acumap.region_view import RegionView
from acumap.share import qr_png
from ui import loading, styles
from ui.downloads import deferred_download
from ui.panels import red_flags_markdown
from ui.share import FALLBACK_URL
from ui.text import md

_HERE = Path(__file__).resolve().parent / "component"
_TIMER = st.components.v2.component(
    "acumap.press_timer",
    js=(_HERE / "timer.js").read_text(encoding="utf-8"),
    css=(_HERE / "timer.css").read_text(encoding="utf-8"),
)

PREGNANT_QUESTION = "Could the patient be pregnant?"
PREGNANT_ANSWERS = ("Yes", "No", "Not sure")
SECONDS_CHOICES = (15, 30, 45, 60, 90, 120, 180)
#: How wide a card's picture is on the patient's page (px): the hand, a tall picture, narrower.
PICTURE_PX = {"hand": 170, "head": 200}


def figure(svg: str, alt: str, caption: str, max_px: int) -> None:
    """A picture drawn by the core (an SVG whose every text it escaped) as an image with its text alternative
    (read instead of the drawing) and a short caption under it. An image, not inline SVG: Streamlit's HTML
    sanitiser removes inline SVG, and an SVG shown as an image can run nothing."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    st.html(
        f'<figure class="acumap-plan-figure" style="max-width: {int(max_px)}px">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}">'
        f'<figcaption aria-hidden="true">{html.escape(caption)}</figcaption></figure>'
    )


def _drawings() -> dict[str, Drawing]:
    return {v: loading.drawing(v) for v in DIAGRAM_VIEWS}


def _app_url() -> str:
    return st.context.url or FALLBACK_URL


def practitioner_section(atlas: Atlas, view: RegionView, appointment: str = "") -> None:
    """The practitioner's home plan for the chosen region: the questions, the points, and the plan to hand over.
    `appointment`: the next appointment as typed for the handout, printed on the plan's PDF too."""
    choice = view.choice
    with st.expander("🏠 Home plan: points the patient can press at home", expanded=False):
        answer = st.radio(
            PREGNANT_QUESTION,
            PREGNANT_ANSWERS,
            index=2,
            key="plan_pregnant",
            horizontal=True,
            help="Points traditionally avoided in pregnancy go on a home plan only after a clear No.",
        )
        not_pregnant = answer == "No"
        points = [atlas.point(pid) for pid in dict.fromkeys(m.point.id for m in view.marks)]
        allowed = hp.home_points(points, not_pregnant)
        names = {p.id: f"{p.english} ({p.id})" for p in points}
        key = f"plan_points_{choice.base}"
        held = st.session_state.get(key) or []
        kept = [pid for pid in held if pid in {p.id for p in allowed}]
        if (
            kept != held
        ):  # a changed answer left off a point already chosen (written only then: a write resets
            st.session_state[key] = kept  # the widget in the browser, and would close its open list)
        chosen = st.multiselect(
            "Points to press at home",
            [p.id for p in allowed],
            key=key,
            format_func=lambda pid: names.get(pid, pid),
            max_selections=hp.MAX_PLAN_POINTS,
            placeholder="Choose the points for the plan",
        )
        left_off = [(p, hp.reasons_left_off(p, not_pregnant)) for p in points if p not in allowed]
        if left_off:
            # One line per reason, the points it leaves off after it (a long list of points would push the
            # controls off a phone's screen).
            by_rule: dict[str, tuple[str, list[str]]] = {}
            for p, reasons in left_off:
                for rule, reason in reasons.items():
                    by_rule.setdefault(rule, (reason, []))[1].append(names[p.id])
            with st.container(key="plan_left_off"):
                st.markdown(
                    f"**Left off this plan ({len(left_off)})**\n\n"
                    + "\n".join(
                        f"- {md(reason)} *{md(', '.join(pts))}*" for rule, (reason, pts) in by_rule.items()
                    )
                )
        cols = st.columns(2, vertical_alignment="bottom")  # a wrapped label keeps the sliders level
        seconds = cols[0].select_slider(
            "Seconds per press", SECONDS_CHOICES, value=hp.DEFAULT_SECONDS, key="plan_seconds"
        )
        times = cols[1].select_slider(
            "Times a day",
            tuple(range(hp.MIN_TIMES, hp.MAX_TIMES + 1)),
            value=hp.DEFAULT_TIMES,
            key="plan_times",
        )
        note = st.text_area(
            "Note for the patient (on the PDF and in the reminders, not in the link)",
            key="plan_note",
            max_chars=MAX_NOTE_CHARS,
            height=80,
            placeholder="For example: start with the hand point.",
        )
        if not chosen:
            st.caption("Choose at least one point to make the plan's link, QR code, PDF and reminders.")
            return
        try:
            plan = hp.make_plan(atlas, chosen, int(seconds), int(times), not_pregnant)
        except hp.PlanError as e:
            st.warning(md(e))
            return
        _hand_over(atlas, plan, note, appointment, choice.id)


def _hand_over(atlas: Atlas, plan: hp.HomePlan, note: str, appointment: str, slug: str) -> None:
    """The plan's link and QR code, its PDF and its calendar file."""
    link = plan_link(_app_url(), hp.encode_plan(plan))
    st.html(styles.PLAN_CSS)  # fixed styling, no data in it
    st.markdown(f"**The patient's plan** · {md(summary(atlas, plan))}")
    # Stacked, not side by side: beside the map the panel is narrow (a third of a laptop's screen).
    qr = base64.b64encode(qr_png(link, scale=6)).decode("ascii")
    st.html(
        f'<figure class="acumap-plan-qr"><img src="data:image/png;base64,{qr}" '
        'alt="QR code of the link to the patient\'s plan"><figcaption>Scan to keep the plan on a phone'
        "</figcaption></figure>"
    )
    with st.container(key="plan_link"):
        st.caption("Or send the patient this link:")
        st.code(link, language=None, wrap_lines=True)
        st.link_button("Open the patient's page", link, icon="🏠", width="stretch")
    page = st.radio("Paper", PAGE_SIZES, key="plan_page", horizontal=True)
    if appointment.strip():
        st.caption(f"The PDF has the next appointment typed for the handout: {md(appointment.strip())}")
    drawings = _drawings()
    today = dt.date.today()
    deferred_download(
        st,
        "Home plan (PDF)",
        lambda: plan_pdf(atlas, drawings, plan, link, page, note, appointment),
        f"acumap-home-plan-{slug}-{page.lower()}.pdf",
        "application/pdf",
        "plan_pdf",
        icon="📄",
    )
    deferred_download(
        st,
        "Daily reminders (calendar)",
        lambda: hp.plan_ics(atlas, plan, today, dt.datetime.now(dt.UTC), note=note),
        "acumap-home-plan.ics",
        "text/calendar",
        "plan_ics",
        icon="⏰",
    )


# ---- the patient's page -------------------------------------------------------------------------------------


def patient_page(atlas: Atlas, plan: hp.HomePlan) -> None:
    """The plan as the patient keeps it on their phone: a step card per point with its picture and a press timer,
    then what to watch for, what is known, self-care and the warning signs."""
    drawings = _drawings()
    st.html(styles.PLAN_CSS)  # fixed styling, no data in it
    st.markdown(f"### {md(PLAN_TITLE)}")
    st.markdown(md(summary(atlas, plan)))
    st.markdown(f"**How to press:** {md(hp.PRESS_FEEL)}")
    for card in hp.step_cards(atlas, plan):
        point = atlas.point(card.point_id)
        with st.container(border=True, key=f"plan_card_{card.number}"):
            st.markdown(f"#### {card.number}. {md(point.english)}")
            pic, words = st.columns([0.3, 0.7])
            with pic:
                figure(
                    card_svg(atlas, drawings, card),
                    card_alt(atlas, card),
                    f"Point {card.number} on the picture",
                    PICTURE_PX.get(point.view, 240),
                )
            with words:
                st.markdown(f"**Where:** {md(card.where)}")
                st.markdown(f"**How:** {md(' '.join(card.how.replace(hp.PRESS_FEEL, '').split()))}")
                st.markdown(f"**How long:** {card.seconds} seconds, {md(card.how_often)}.")
                _TIMER(key=f"timer_{card.number}", data={"seconds": card.seconds, "name": point.english})
    st.markdown(f"#### {md(CARE_HEADING)}")
    st.markdown("\n".join(f"- {md(t)}" for t in hp.HOME_CAUTIONS))
    st.markdown(f"#### {md(EVIDENCE_HEADING)}")
    st.markdown(md(hp.EVIDENCE_PLAIN))
    st.markdown(f"#### {md(SELF_CARE_HEADING)}")
    st.markdown("\n".join(f"- **{md(title)}.** {md(text)}" for title, text in hp.HOME_SELF_CARE))
    with st.container(key="plan_red_flags", border=True):
        st.markdown(f"#### 🩺 {md(RED_FLAGS_HEADING)}\n\n" + red_flags_markdown())
    _keep(atlas, plan)


def _keep(atlas: Atlas, plan: hp.HomePlan) -> None:
    """The patient's own copies: the plan as a PDF, and daily reminders for their calendar."""
    link = plan_link(_app_url(), hp.encode_plan(plan))
    drawings = _drawings()
    today = dt.date.today()
    st.markdown("#### Keep this plan")
    st.markdown(
        "The whole plan is in this page's address. Bookmark it, or add it to your home screen, to come back to it."
    )
    page = st.radio("Paper", PAGE_SIZES, key="plan_page", horizontal=True)
    cols = st.columns(2)
    deferred_download(
        cols[0],
        "Print the plan (PDF)",
        lambda: plan_pdf(atlas, drawings, plan, link, page),
        f"acumap-home-plan-{page.lower()}.pdf",
        "application/pdf",
        "plan_pdf",
        icon="📄",
    )
    deferred_download(
        cols[1],
        "Daily reminders (calendar)",
        lambda: hp.plan_ics(atlas, plan, today, dt.datetime.now(dt.UTC)),
        "acumap-home-plan.ics",
        "text/calendar",
        "plan_ics",
        icon="⏰",
    )


def no_plan(notice: str | None) -> None:
    """The page opened without a usable plan: say why, and where a plan comes from."""
    st.markdown(f"### {md(PLAN_TITLE)}")
    if notice:
        st.warning(md(notice))
    st.info(
        "A home plan comes from your practitioner: they make it in AcuMap and give you its link or QR code. "
        "Ask them for a new one."
    )


__all__ = ["PLAN_PAGE", "no_plan", "patient_page", "practitioner_section"]
