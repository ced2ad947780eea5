"""The point browser: search and filter every point; choose one to see it on its diagram with its details.

On a phone the page is one column: the search box, the filters folded behind one line, the list (as tall as
its rows, up to a screen's worth), then the chosen point, which a choice in the list brings into view.
"""

from __future__ import annotations

import streamlit as st

from acumap.atlas.data import MERIDIANS, VIEWS
from acumap.atlas.regions import BASE_LABELS, BASE_REGIONS
from acumap.atlas.selection import MapMode
from acumap.drawing.describe import points_word
from acumap.export import to_csv_zip, to_json_text
from acumap.search import EXACT, MERIDIAN, PARTIAL, SIMILAR, Filters, Match, matches
from ui import loading, panels, state, styles
from ui.downloads import deferred_download
from ui.map_component import body_map
from ui.shell import bring_into_view
from ui.text import md

#: The table's geometry (Streamlit's default row height, and its border); the list scrolls inside itself only
#: beyond MAX_ROWS rows, so that on a phone the page, not the list, takes the thumb.
ROW_PX, BORDER_PX, MAX_ROWS = 35, 3, 12

MATCH_WORDS = {
    EXACT: "✔ exact",
    MERIDIAN: "✔ channel's name",
    PARTIAL: "starts with / contains",
    SIMILAR: "≈ similar (fuzzy)",
    "": "",
}


def table_height(rows: int) -> int:
    """The table's height in pixels: a header and its rows, at most MAX_ROWS of them."""
    return ROW_PX * (min(rows, MAX_ROWS) + 1) + BORDER_PX


def open_prompt(n: int) -> str:
    """The menu's prompt, counting the points listed now."""
    if n == 0:
        return "No point to open"
    if n == 1:
        return "Open the 1 point found…"
    return f"Open one of the {points_word(n)} found…"


def filters_label(active: int) -> str:
    return f"Filters ({active} active)" if active else "Filters: meridian, region, view, use"


def clear_filters() -> None:
    for key in state.BROWSER_FILTERS:
        st.session_state[key] = [] if key in (state.BROWSER_MERIDIANS, state.BROWSER_VIEWS) else ""


atlas = loading.atlas()
state.init_from_url(atlas, page="points")
state.show_notices()

st.markdown("#### Point browser")
# The search and the menu share the first line (the menu is written once the filters are read).
top = st.columns([0.55, 0.45], vertical_alignment="bottom")
query = top[0].text_input(
    "Search by code, name or channel",
    key=state.BROWSER_QUERY,
    placeholder="BL43, gaohuang, 膏肓, vital, liver…",
    help="A WHO code or an older one (UB18), a name in pinyin, 汉字 or English, or a channel's name "
    "(Liver, Gan, Du): case, tone marks and small typos do not matter.",
)
active = sum(bool(st.session_state.get(key)) for key in state.BROWSER_FILTERS)
# Folded behind one line (on a phone the open filters would fill the first screen); the label counts the
# active ones, so a filter is never forgotten behind it.
with st.expander(filters_label(active), key="browser_filters"):
    c = st.columns([0.34, 0.24, 0.24, 0.18], vertical_alignment="bottom")
    meridians = c[0].multiselect("Meridian", list(MERIDIANS.values()), key=state.BROWSER_MERIDIANS)
    region = c[1].selectbox(
        "Region",
        ["", *BASE_REGIONS],
        key=state.BROWSER_REGION,
        format_func=lambda r: BASE_LABELS.get(r, "Any region"),
    )
    views = c[2].multiselect("View", list(VIEWS), key=state.BROWSER_VIEWS)
    role = c[3].selectbox(
        "Use",
        ["", "local", "distal"],
        key=state.BROWSER_ROLE,
        format_func=lambda r: r.capitalize() if r else "Any",
    )
    if active:
        st.button("Clear the filters", key="browser_clear_filters", on_click=clear_filters, icon="✖️")
filters = Filters(meridians=tuple(meridians), views=tuple(views), region=region or None, role=role or None)
found_matches = matches(atlas, query, filters)
found = [m.point for m in found_matches]

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


def chosen_row(event: object) -> int | None:
    """The row a choice in the table picked: its row's box, or any cell of it (a finger taps a cell)."""
    try:
        selection = event["selection"]  # type: ignore[index]
        rows, cells = selection.get("rows") or [], selection.get("cells") or []
    except (KeyError, TypeError, AttributeError):
        return None
    if rows:
        return int(rows[0])
    return int(cells[0][0]) if cells else None


def on_row() -> None:
    picked = chosen_row(st.session_state.get(state.BROWSER_TABLE))
    if picked is not None and picked < len(found):
        state.set_point(found[picked].id)
        st.session_state[state.BROWSER_CHOSEN_HERE] = True


def on_pick() -> None:
    picked = st.session_state.get(state.BROWSER_PICK)
    if picked:
        state.set_point(picked)
        st.session_state[state.BROWSER_CHOSEN_HERE] = True
        st.session_state[state.BROWSER_PICK] = None


names = {p.id: f"{p.id} · {p.pinyin} {p.hanzi} · {p.english}" for p in found}
top[1].selectbox(
    "Open a point",
    list(names),
    index=None,
    key=state.BROWSER_PICK,
    format_func=lambda pid: names.get(pid, pid),
    placeholder=open_prompt(len(found)),
    on_change=on_pick,
    label_visibility="collapsed",
    disabled=not names,
)
left, right = st.columns([0.55, 0.45])
with left:
    similar = sum(m.kind == SIMILAR for m in found_matches)
    st.caption(
        f"{len(found)} of {points_word(len(atlas.points))}"
        + (f" · {similar} of them only similar to your search (fuzzy match), listed last" if similar else "")
        + " · choose a row to see the point"
    )
    if rows:
        st.space("xxsmall")  # room for the table's toolbar, which a touch screen always shows above it
        st.dataframe(
            rows,
            key=state.BROWSER_TABLE,
            on_select=on_row,
            selection_mode=("single-row", "single-cell"),
            hide_index=True,
            height=table_height(len(rows)),
            width="stretch",
        )
    else:
        st.warning(f"No point matches “{md(query)}” with these filters.", icon="🔎")

with right, st.container(key="browser_point"):
    pid = state.point_id()
    point = atlas.point(pid) if pid and atlas.has_point(pid) else None
    # On a phone the point is written below the list: a choice in the list or the menu brings it into view.
    bring_into_view(
        "browser_point",
        "browser_point",
        point.id if point else "",
        scroll=bool(st.session_state.pop(state.BROWSER_CHOSEN_HERE, False)),
    )
    if point is None:
        st.info(
            "Choose a row of the list: the point opens here, on its diagram, with its details.", icon="📍"
        )
    else:
        head, details = panels.point_page(atlas, point)
        st.html(styles.PANEL_CSS)  # fixed styling, no data in it
        panels.show_html(head)
        body_map(atlas, "browser_map", MapMode(views=(point.view,), taps="point"), state.view_state())
        # The details flow with the page (no scroll box inside it for a thumb to get caught in).
        with st.container(key="browser_details"):
            panels.show_html(details)

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
