"""The point browser: search and filter every point; choose one to see it on its diagram with its details."""

from __future__ import annotations

import streamlit as st

from acumap.data import MERIDIANS, VIEWS
from acumap.export import to_csv_zip, to_json_text
from acumap.regions import BASE_LABELS, BASE_REGIONS
from acumap.search import EXACT, PARTIAL, SIMILAR, Filters, Match, matches
from ui import loading, panels, state
from ui.downloads import deferred_download
from ui.map_component import body_map
from ui.text import md

atlas = loading.atlas()
state.init_from_url(atlas, page="points")
state.show_notices()

st.markdown("#### Point browser")
c = st.columns([0.34, 0.22, 0.16, 0.16, 0.12], vertical_alignment="bottom")
query = c[0].text_input(
    "Search", key="browser_query", placeholder="Code, pinyin, 汉字 or English: BL43, gaohuang, 膏肓, vital…"
)
meridians = c[1].multiselect("Meridian", list(MERIDIANS.values()), key="browser_meridians")
region = c[2].selectbox(
    "Region",
    ["", *BASE_REGIONS],
    key="browser_region",
    format_func=lambda r: BASE_LABELS.get(r, "Any region"),
)
views = c[3].multiselect("View", list(VIEWS), key="browser_views")
role = c[4].selectbox(
    "Use", ["", "local", "distal"], key="browser_role", format_func=lambda r: r.capitalize() if r else "Any"
)
filters = Filters(meridians=tuple(meridians), views=tuple(views), region=region or None, role=role or None)
found_matches = matches(atlas, query, filters)
found = [m.point for m in found_matches]
MATCH_WORDS = {EXACT: "✔ exact", PARTIAL: "starts with / contains", SIMILAR: "≈ similar (fuzzy)", "": ""}

regions_of: dict[str, list[str]] = {}
for link in atlas.links:
    regions_of.setdefault(link.point_id, []).append(f"{BASE_LABELS[link.region].lower()} ({link.role})")


def row(match: Match) -> dict[str, str]:
    p = match.point
    how = {"Match": MATCH_WORDS[match.kind]} if query.strip() else {}
    return {
        "Point": p.id,
        **how,
        "Pinyin": p.pinyin,
        "Hanzi": p.hanzi,
        "English": p.english,
        "Meridian": p.meridian,
        "View": p.view,
        "Used for": "; ".join(regions_of.get(p.id, [])),
    }


rows = [row(m) for m in found_matches]


def on_row() -> None:
    event = st.session_state.get("browser_table")
    try:
        picked = event["selection"]["rows"]  # type: ignore[index]
    except (KeyError, TypeError):
        return
    if picked and picked[0] < len(found):
        state.set_point(found[picked[0]].id)


def on_pick() -> None:
    picked = st.session_state.get("browser_pick")
    if picked:
        state.set_point(picked)
        st.session_state["browser_pick"] = ""


names = {p.id: f"{p.id} · {p.pinyin} {p.hanzi} · {p.english}" for p in found}
left, right = st.columns([0.55, 0.45])
with left:
    st.selectbox(
        "Open a point",
        ["", *names],
        key="browser_pick",
        format_func=lambda pid: names.get(pid, f"Open one of the {len(found)} points found…"),
        on_change=on_pick,
        label_visibility="collapsed",
    )
    similar = sum(m.kind == SIMILAR for m in found_matches)
    st.caption(
        f"{len(found)} of {len(atlas.points)} points"
        + (f" · {similar} of them only similar to your search (fuzzy match), listed last" if similar else "")
        + " · choose a row (or use the menu above) to see the point"
    )
    if rows:
        st.dataframe(
            rows,
            key="browser_table",
            on_select=on_row,
            selection_mode="single-row",
            hide_index=True,
            height=470,
            width="stretch",
        )
    else:
        st.warning(f"No point matches “{md(query)}” with these filters.", icon="🔎")

with right:
    pid = state.point_id()
    point = atlas.point(pid) if pid and atlas.has_point(pid) else None
    if point is None:
        st.info(
            "Search or filter the list, then choose a row: the point appears on its diagram here.", icon="👈"
        )
    else:
        panels.point_header(point)
        body_map(atlas, key="browser_map", views=(point.view,), regions=False)
        with st.container(height=260, key="browser_details"):
            panels.point_details(atlas, point)

with st.expander("⬇️ Download every point and region link (open data)"):
    st.markdown(
        "Code, names, meridian, laterality, the landmark, direction and distance in cun that fix each location, "
        "cautions and source, for other tools and teachers. The JSON follows `schema/acumap-export.schema.json`; "
        "the CSV holds `points.csv` and `region_points.csv`. The same as `python -m acumap export`."
    )
    cols = st.columns(2)
    deferred_download(
        cols[0], "Atlas (JSON)", lambda: to_json_text(atlas), "acumap.json", "application/json", "export_json"
    )
    deferred_download(
        cols[1],
        "Atlas (CSV, zip)",
        lambda: to_csv_zip(atlas),
        "acumap-csv.zip",
        "application/zip",
        "export_csv",
    )

state.sync_url((state.POINT,))
