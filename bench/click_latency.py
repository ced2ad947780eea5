"""Click latency, first render, bytes and server CPU per click: AcuMap against the minimal Streamlit echo app.

Three servers run side by side in one run, with the same configuration (the project's `.streamlit/config.toml`,
plus `--runner.postScriptGC` when `--gc on|off` is given): AcuMap on its data, AcuMap on a synthetic atlas of
400 points (the 78 real rows and 322 generated back points, linked to the regions of their spinal level, so a
region lights many more points), and `bench/minimal_app.py`, the floor. One Chromium, one page per app; the
apps take turns load by load and click by click, and each page is brought to the front before it is used
(Chromium throttles the frames of a page that is not in front).

Every time is taken in the page with `performance.now()`, never with Playwright round trips:

- click: a capture-phase `pointerdown` listener on `window` (time 0 of the click);
- highlight (AcuMap): the first animation frame after the target marker gets `data-lit` (a MutationObserver on
  the component's shadow root);
- panel: the first animation frame in which an `h3` with the expected heading is in the page (a
  MutationObserver on `document.body`); for the minimal app its "Clicked A" / "Clicked B" subheader;
- first render: navigation start (0) to the first frame in which the map is ready and the overview heading
  shown (the minimal app: its chart drawn and "Clicked nothing" shown), checked every frame from an init
  script.

Bytes per click are the payloads of the WebSocket frames the page received (Playwright's `framereceived`)
from the click until the panel was shown, the page settled and no frame came for 60 ms. Server CPU per click
is the server process's user + system CPU time over the click loop divided by the number of clicks.

    .venv/bin/python -m bench.click_latency [--clicks 40] [--loads 8] [--gc on|off|config] [--no-write]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, WebSocket, sync_playwright

from acumap.atlas.data import DATA_DIR, LINK_COLUMNS, LINKS_FILE, POINT_COLUMNS, POINTS_FILE
from acumap.body import anatomy
from harness.serving import (
    CHROMIUM,
    DATA_TO_PAGE_JS,
    MAP_READY_JS,
    ROOT,
    launch_chromium,
    process_cpu_seconds,
    streamlit_server_process,
)

SYNTHETIC_TOTAL = 400
MIN_CLICK_GAP_S = 0.5  # between two clicks on one page
OVERVIEW = "Where does it hurt?"

# AcuMap's click targets: (region id, heading, body position in cm on the back view, lit marker to watch).
# The marker is a local point of that region on that side only, so it is never lit before its click.
ACUMAP_TARGETS = (
    ("middle_back_left", "Middle back, left side", (-5.06, 27.54), '[data-point="BL18"][data-side="left"]'),
    ("upper_back_right", "Upper back, right side", (5.06, 10.71), '[data-point="BL13"][data-side="right"]'),
)
# The minimal app's markers (chart data coordinates) and the subheader each click shows.
MINIMAL_TARGETS = (("Clicked A", (0.0, 0.0)), ("Clicked B", (10.0, 0.0)))

# Offsets (cun) of the generated back points: never between 1.5 and 3 cun, where the benchmark clicks
# (2.25 cun), so a lit point is never under the pointer.
SYNTHETIC_OFFSETS = (
    0.25,
    0.5,
    0.75,
    1.0,
    1.25,
    1.5,
    3.0,
    3.25,
    3.5,
    3.75,
    4.0,
    4.25,
    4.5,
    4.75,
    5.0,
    5.5,
    6.0,
    6.5,
)


# ---- in-page instruments ---------------------------------------------------------------------------------

# Condition for "first render" (evaluated every frame from document start by FIRST_RENDER_INIT).
ACUMAP_READY_JS = f"""() => ({MAP_READY_JS})() &&
  [...document.querySelectorAll('h3')].some(h => h.textContent.trim() === {json.dumps(OVERVIEW)})"""
MINIMAL_READY_JS = """() => { const gd = document.querySelector('.st-key-chart .js-plotly-plot');
  return !!(gd && gd.data && gd._fullLayout && gd.querySelector('.scatterlayer .point'))
    && [...document.querySelectorAll('h3')].some(h => h.textContent.trim() === 'Clicked nothing'); }"""


# Every WebSocket message the page sends and receives, timed in the page: where a click's time goes (the browser
# before it sends, the server and network before the first answer, the answer's messages, the render after them).
WS_LOG_INIT = """(() => {
  const Orig = window.WebSocket;
  window.__ws = [];
  window.WebSocket = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.__ws.push(['r', performance.now()]));
    }
    send(data) { window.__ws.push(['s', performance.now()]); return super.send(data); }
  };
})();"""


def first_render_init(ready_js: str) -> str:
    """An init script: from document start, check `ready_js` every frame; note the first frame it holds."""
    return f"""(() => {{
  const ready = {ready_js};
  const tick = () => {{
    let ok = false;
    try {{ ok = !!ready(); }} catch (e) {{ ok = false; }}
    if (ok) {{ window.__firstRender = performance.now(); return; }}
    requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}})();"""


# Installed before each click: [marker selector or null, expected heading]. Returns what lies under the pointer
# is checked separately (AIM_JS).
SETUP_JS = """([target, heading]) => {
  const old = window.__bench;
  if (old) { old.observers.forEach((o) => o.disconnect()); window.removeEventListener('pointerdown', old.onDown, true); }
  const m = { t0: null, highlight: null, panel: null, lost: false, preLit: false, observers: [], lastMut: null, lastPanelMut: null };
  m.onDown = () => { if (m.t0 === null) m.t0 = performance.now(); };
  window.addEventListener('pointerdown', m.onDown, true);
  if (target) {
    const host = document.querySelector('.stBidiComponent [data-testid=stBidiComponentIsolated]');
    const root = host.shadowRoot;
    const isLit = () => { const el = root.querySelector(target); return !!(el && el.dataset.lit); };
    m.preLit = isLit();
    let seen = false;
    const mo = new MutationObserver(() => {
      if (m.t0 === null) return;
      const lit = isLit();
      if (lit && !seen) { seen = true; requestAnimationFrame(() => { m.highlight = performance.now(); }); }
      else if (seen && !lit) m.lost = true;
    });
    mo.observe(root, { attributes: true, subtree: true, attributeFilter: ['data-lit'] });
    m.observers.push(mo);
  }
  let pending = false;
  const check = () => {
    pending = false;
    if (m.t0 === null || m.panel !== null) return;
    for (const h of document.querySelectorAll('h3')) {
      if (h.textContent.trim() === heading) { m.panel = performance.now(); return; }
    }
  };
  const mo2 = new MutationObserver((records) => {
    if (m.t0 !== null) m.lastMut = performance.now();
    // AcuMap's panel itself (the minimal app's panel is its whole page).
    if (m.t0 !== null && records.some((r) => { const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      return el && el.closest('.acumap-panel'); })) m.lastPanelMut = performance.now();
    if (!pending) { pending = true; requestAnimationFrame(check); }
  });
  mo2.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  m.observers.push(mo2);
  window.__bench = m;
}"""

# The client position of a body position on the back view, and what the map has under it.
AIM_JS = """([x, y]) => {
  const root = document.querySelector('.stBidiComponent [data-testid=stBidiComponentIsolated]').shadowRoot;
  const svg = root.querySelector('svg[data-view="back"]');
  const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
  const el = root.elementFromPoint(p.x, p.y);
  const region = el && el.closest('[data-region]');
  const point = el && el.closest('[data-point]');
  return { x: p.x, y: p.y, region: region ? region.dataset.region : null, point: point ? point.dataset.point : null };
}"""

SETTLED_JS = """(needHighlight) => { const m = window.__bench;
  return !!m && m.panel !== null && (!needHighlight || m.highlight !== null)
    && document.querySelectorAll('[data-stale="true"]').length === 0
    && !document.querySelector('[data-testid="stStatusWidget"]'); }"""

READ_JS = """() => { const m = window.__bench; const ws = window.__ws || [];
  const send = ws.find(([k, t]) => k === 's' && t >= m.t0);
  const recv = send ? ws.filter(([k, t]) => k === 'r' && t >= send[1] && (m.panel === null || t <= m.panel)) : [];
  // The whole answer, up to the page's last change (AcuMap writes its panel before any answer comes).
  const all = send ? ws.filter(([k, t]) => k === 'r' && t >= send[1] && t <= (m.lastMut ?? Infinity)) : [];
  return { t0: m.t0, highlight: m.highlight, panel: m.panel, lost: m.lost, preLit: m.preLit, lastMut: m.lastMut, lastPanelMut: m.lastPanelMut,
           sent: send ? send[1] : null, firstRecv: recv.length ? recv[0][1] : null,
           lastRecv: recv.length ? recv[recv.length - 1][1] : null, messages: recv.length,
           firstAll: all.length ? all[0][1] : null, lastAll: all.length ? all[all.length - 1][1] : null,
           messagesAll: all.length }; }"""

# After the click has settled: is the target still lit and its region shape on?
FINAL_JS = """([target, region]) => {
  const root = document.querySelector('.stBidiComponent [data-testid=stBidiComponentIsolated]').shadowRoot;
  const el = root.querySelector(target);
  const shape = root.querySelector(`[data-region="${region}"]`);
  return { lit: !!(el && el.dataset.lit), on: !!(shape && shape.dataset.on === 'true'),
           litCount: root.querySelectorAll('[data-point][data-lit]').length };
}"""


# ---- the synthetic atlas -----------------------------------------------------------------------------------


def _region_of(level: str) -> str:
    if level == "C7":
        return "neck"
    if level.startswith("L"):
        return "lower_back"
    return "upper_back" if int(level[1:]) <= 6 else "middle_back"


def synthetic_points(count: int) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """`count` valid back points (Extra meridian, codes EX-ZA1...), each with a local link to its region."""
    cells = [(lvl, off) for off in SYNTHETIC_OFFSETS for lvl in anatomy.SPINE_LEVELS]
    if count > len(cells):
        raise ValueError(f"at most {len(cells)} synthetic points")
    for i, (level, offset) in enumerate(cells[:count]):
        code = f"EX-Z{chr(ord('A') + i // 99)}{i % 99 + 1}"
        point = dict.fromkeys(POINT_COLUMNS, "")
        point.update(
            id=code,
            code=code,
            view="back",
            spine_level=level,
            offset_cun=f"{offset:g}",
            meridian="Extra",
            pinyin=f"Héchéng {i + 1}",
            hanzi="合成",
            english=f"Synthetic point {i + 1}",
            location=f"Level with the lower border of {level}, {offset:g} cun from the midline.",
            use="Synthetic point for the benchmark: makes the atlas as large as the WHO set.",
            needling="Not for needling: a benchmark point.",
            cautions="None known beyond standard clean-needle technique.",
            source="Generated by bench/click_latency.py",
        )
        link = {
            "region": _region_of(level),
            "point_id": code,
            "role": "local",
            "why": "Synthetic local point",
        }
        yield point, link


def write_synthetic_atlas(folder: Path, total: int = SYNTHETIC_TOTAL) -> dict[str, int]:
    """The real tables plus generated back points up to `total` points, written into `folder`."""
    with (DATA_DIR / POINTS_FILE).open(encoding="utf-8", newline="") as fh:
        points = list(csv.DictReader(fh))
    with (DATA_DIR / LINKS_FILE).open(encoding="utf-8", newline="") as fh:
        links = list(csv.DictReader(fh))
    real = len(points)
    for point, link in synthetic_points(total - real):
        points.append(point)
        links.append(link)
    for name, columns, rows in ((POINTS_FILE, POINT_COLUMNS, points), (LINKS_FILE, LINK_COLUMNS, links)):
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return {"points": len(points), "real": real, "links": len(links)}


# ---- measuring ---------------------------------------------------------------------------------------------


@dataclass
class App:
    name: str
    label: str
    url: str
    pid: int
    page: Page
    acumap: bool
    received: list[int] = field(default_factory=lambda: [0])  # bytes received on the page's WebSockets
    highlight: list[float] = field(default_factory=list)
    panel: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    bytes: list[float] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)  # the last change to the page after the click
    panel_settled: list[float] = field(default_factory=list)  # the last change to the panel itself
    phases: list[dict[str, float]] = field(default_factory=list)  # where a click's time to the panel went
    cpu_ms: float = 0.0
    clicks: int = 0
    problems: list[str] = field(default_factory=list)
    lit_count: int = 0
    last_click: float = 0.0  # time.monotonic() of the app's last click


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"n": len(values), "median": statistics.median(values), "p95": p95(values)}


def count_frames(app: App, ws: WebSocket) -> None:
    def on_frame(payload: str | bytes) -> None:
        app.received[0] += len(payload.encode("utf-8") if isinstance(payload, str) else payload)

    ws.on("framereceived", on_frame)


def load_once(app: App) -> None:
    """A new navigation to the app; its first render time as the page measured it."""
    page = app.page
    page.bring_to_front()
    page.goto(app.url)
    page.wait_for_function("() => window.__firstRender !== undefined", timeout=60_000, polling=50)
    app.load.append(float(page.evaluate("() => window.__firstRender")))
    settle(page, need_highlight=False, installed=False)


def settle(page: Page, need_highlight: bool, installed: bool = True, timeout: float = 30_000) -> None:
    if installed:
        page.wait_for_function(SETTLED_JS, arg=need_highlight, timeout=timeout, polling=50)
    else:
        page.wait_for_function(
            "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"
            " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
            timeout=timeout,
            polling=50,
        )


def click_once(app: App, i: int, record: bool) -> None:
    """One click (the i-th of this app), measured in the page; recorded unless it is a warm-up."""
    page = app.page
    page.bring_to_front()
    start_bytes = quiet_total(app)
    if app.acumap:
        region, heading, (bx, by), target = ACUMAP_TARGETS[i % 2]
        aim = page.evaluate(AIM_JS, [bx, by])
        if aim["region"] != region or aim["point"] is not None:
            app.problems.append(
                f"click {i}: under the pointer at ({bx}, {by}) cm is region {aim['region']!r}, "
                f"point {aim['point']!r}, not {region}"
            )
        x, y = aim["x"], aim["y"]
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y)
    else:
        heading, (dx, dy) = MINIMAL_TARGETS[i % 2]
        target = None
        x, y = page.evaluate(DATA_TO_PAGE_JS, ["chart", dx, dy])
        page.mouse.move(x - 2, y - 2)
        page.mouse.move(x, y)
        page.wait_for_selector(".st-key-chart .hoverlayer .hovertext")
    page.evaluate(SETUP_JS, [target, heading])
    # Two clicks on one page closer than Plotly's double-click delay (300 ms) make the minimal app rerun twice.
    time.sleep(max(0.0, app.last_click + MIN_CLICK_GAP_S - time.monotonic()))
    app.last_click = time.monotonic()
    page.mouse.click(x, y)
    try:
        settle(page, need_highlight=app.acumap, timeout=15_000)
    except PlaywrightError:
        got = page.evaluate(READ_JS)
        app.problems.append(
            f"click {i} ({heading}): not settled within 15 s; highlight "
            f"{'seen' if got['highlight'] is not None else 'never seen'}, panel "
            f"{'shown' if got['panel'] is not None else f'never showed {heading!r}'}"
        )
        page.goto(app.url)  # back to the overview, so the next click changes the region again
        settle(page, need_highlight=False, installed=False)
        return
    got = page.evaluate(READ_JS)
    if got["preLit"]:
        app.problems.append(f"click {i}: the target marker was lit before the click")
    if got["lost"]:
        app.problems.append(f"click {i} ({heading}): the highlight went off again before the panel settled")
    if app.acumap:
        final = page.evaluate(FINAL_JS, [target, region])
        if not final["lit"] or not final["on"]:
            app.problems.append(
                f"click {i} ({heading}): after settling, marker lit={final['lit']}, region shape on={final['on']}"
            )
        app.lit_count = max(app.lit_count, int(final["litCount"]))
    if not record:
        return
    t0 = got["t0"]
    if app.acumap:
        app.highlight.append(got["highlight"] - t0)
    app.panel.append(got["panel"] - t0)
    app.bytes.append(float(quiet_total(app) - start_bytes))
    time.sleep(0.3)  # anything still changing the page after the panel, up to here, counts towards settled
    late = page.evaluate(READ_JS)
    settled = max(late["lastMut"] or got["panel"], got["panel"])
    app.settled.append(settled - t0)
    panel_end = max(late["lastPanelMut"] or got["panel"], got["panel"]) if app.acumap else settled
    app.panel_settled.append(panel_end - t0)
    # Python's answer: up to the panel when the panel waits for it (the minimal app), else up to the page's
    # last change (AcuMap writes its panel before any answer comes).
    if got["firstRecv"] is not None:
        first, last, end, count = got["firstRecv"], got["lastRecv"], got["panel"], got["messages"]
    else:
        first, last, end, count = late["firstAll"], late["lastAll"], settled, late["messagesAll"]
    if got["sent"] is not None and first is not None:
        app.phases.append(
            {
                "before_send": got["sent"] - t0,
                "server_and_network": first - got["sent"],
                "answer_messages": last - first,
                "render_after_last_message": end - last,
                "messages": count,
            }
        )


def quiet_total(app: App, step_ms: float = 60) -> int:
    """The bytes received so far, once no new frame has been reported for `step_ms`.

    Playwright may report a frame to Python after the page has already shown what it carried, so the count
    is read only when it has stopped growing.
    """
    last = -1
    while app.received[0] != last:
        last = app.received[0]
        app.page.wait_for_timeout(step_ms)
    return last


def git_rev(folder: Path) -> str:
    """The short commit a checkout is at, with '+changes' when its tracked files differ from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True
        ).stdout.strip()

    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + ("+changes" if dirty else "")


def chromium_version() -> str:
    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout
    return out.strip()


def run(args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    gc_args: tuple[str, ...] = (
        () if args.gc == "config" else ("--runner.postScriptGC", str(args.gc == "on").lower())
    )
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="acumap-bench-")))
        atlas_info = write_synthetic_atlas(tmp)
        specs: tuple[tuple[str, str, str, dict[str, str] | None, bool], ...] = (
            ("acumap", f"AcuMap ({atlas_info['real']} points)", "app.py", None, True),
            (
                "acumap400",
                f"AcuMap ({atlas_info['points']} points, synthetic)",
                "app.py",
                {"ACUMAP_DATA_DIR": str(tmp)},
                True,
            ),
            ("minimal", "minimal echo app", "bench/minimal_app.py", None, False),
        )
        cwds: dict[str, Path | None] = {}
        if args.baseline:
            # The same app from another checkout (the code before a change), measured in the same run.
            base = Path(args.baseline).resolve()
            rev = git_rev(base)
            specs += (
                ("base", f"AcuMap ({atlas_info['real']} points) at {rev}", "app.py", None, True),
                (
                    "base400",
                    f"AcuMap ({atlas_info['points']} points, synthetic) at {rev}",
                    "app.py",
                    {"ACUMAP_DATA_DIR": str(tmp)},
                    True,
                ),
            )
            cwds = {"base": base, "base400": base}
        servers = {
            name: stack.enter_context(streamlit_server_process(script, env, gc_args, cwd=cwds.get(name)))
            for name, _, script, env, _ in specs
        }
        pw = stack.enter_context(sync_playwright())
        browser = launch_chromium(pw)
        stack.callback(browser.close)
        ctx = browser.new_context(viewport={"width": 1280, "height": 720})
        apps: list[App] = []
        for name, label, _, _, is_acumap in specs:
            url, proc = servers[name]
            page = ctx.new_page()
            page.set_default_timeout(30_000)
            page.add_init_script(first_render_init(ACUMAP_READY_JS if is_acumap else MINIMAL_READY_JS))
            page.add_init_script(WS_LOG_INIT)
            app = App(name=name, label=label, url=url, pid=proc.pid, page=page, acumap=is_acumap)
            page.on("websocket", lambda ws, app=app: count_frames(app, ws))
            apps.append(app)

        # First render: new navigations, the apps taking turns (the order rotates each round).
        for k in range(args.loads):
            for j in range(len(apps)):
                load_once(apps[(j + k) % len(apps)])

        # Clicks: warm-ups (not recorded), then the measured loop, the apps taking turns click by click.
        for i in range(args.warmup):
            for app in apps:
                click_once(app, i, record=False)
        cpu0 = {app.name: process_cpu_seconds(app.pid) for app in apps}
        for i in range(args.warmup, args.warmup + args.clicks):
            for j in range(len(apps)):
                app = apps[(j + i) % len(apps)]
                click_once(app, i, record=True)
                app.clicks += 1
            time.sleep(0.05)
        for app in apps:
            app.cpu_ms = (process_cpu_seconds(app.pid) - cpu0[app.name]) * 1000 / max(1, app.clicks)

    return report(args, apps, atlas_info, load_before)


def report(
    args: argparse.Namespace, apps: list[App], atlas_info: dict[str, int], load_before: float
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for app in apps:
        results[app.name] = {
            "label": app.label,
            "highlight_ms": summary(app.highlight),
            "panel_ms": summary(app.panel),
            "settled_ms": summary(app.settled),
            "panel_settled_ms": summary(app.panel_settled),
            "phases_median_ms": {
                k: statistics.median(p[k] for p in app.phases) for k in (app.phases[0] if app.phases else {})
            },
            "first_render_ms": summary(app.load),
            "bytes_per_click": summary(app.bytes),
            "server_cpu_ms_per_click": app.cpu_ms,
            "clicks": app.clicks,
            "max_points_lit": app.lit_count if app.acumap else None,
            "problems": app.problems,
            "samples": {
                "highlight_ms": [round(v, 1) for v in app.highlight],
                "panel_ms": [round(v, 1) for v in app.panel],
                "first_render_ms": [round(v, 1) for v in app.load],
                "bytes": app.bytes,
            },
        }
    a, big, m = results["acumap"], results["acumap400"], results["minimal"]

    def ratio(x: dict[str, float] | None, y: dict[str, float] | None, stat: str) -> float | None:
        return x[stat] / y[stat] if x and y and y[stat] else None

    if "base" in results:
        b, b400 = results["base"], results["base400"]
        results["vs_baseline"] = {
            f"{which}_{key}_{stat}": ratio(now[key], then[key], stat)
            for which, now, then in (("78", a, b), ("400", big, b400))
            for key in (
                "highlight_ms",
                "panel_ms",
                "panel_settled_ms",
                "settled_ms",
                "first_render_ms",
                "bytes_per_click",
            )
            for stat in ("median", "p95")
        }
    ratios = {
        "panel_p95_vs_minimal": ratio(a["panel_ms"], m["panel_ms"], "p95"),
        "panel_median_vs_minimal": ratio(a["panel_ms"], m["panel_ms"], "median"),
        "panel_settled_p95_vs_minimal": ratio(a["panel_settled_ms"], m["panel_settled_ms"], "p95"),
        "page_settled_p95_vs_minimal": ratio(a["settled_ms"], m["settled_ms"], "p95"),
        "400_panel_settled_p95_vs_minimal": ratio(big["panel_settled_ms"], m["panel_settled_ms"], "p95"),
        "first_render_median_vs_minimal": ratio(a["first_render_ms"], m["first_render_ms"], "median"),
        "first_render_p95_vs_minimal": ratio(a["first_render_ms"], m["first_render_ms"], "p95"),
        "400_panel_p95_vs_minimal": ratio(big["panel_ms"], m["panel_ms"], "p95"),
        "400_first_render_median_vs_minimal": ratio(big["first_render_ms"], m["first_render_ms"], "median"),
        "400_vs_78_highlight_p95": ratio(big["highlight_ms"], a["highlight_ms"], "p95"),
        "400_vs_78_panel_p95": ratio(big["panel_ms"], a["panel_ms"], "p95"),
        "400_vs_78_first_render_median": ratio(big["first_render_ms"], a["first_render_ms"], "median"),
        "400_vs_78_bytes_median": ratio(big["bytes_per_click"], a["bytes_per_click"], "median"),
        "400_vs_78_cpu": (big["server_cpu_ms_per_click"] / a["server_cpu_ms_per_click"])
        if a["server_cpu_ms_per_click"]
        else None,
    }

    def goal(value: float | None, limit: float) -> dict[str, Any]:
        return {"value": value, "limit": limit, "met": value is not None and value <= limit}

    hp95 = a["highlight_ms"]["p95"] if a["highlight_ms"] else None
    hp95_400 = big["highlight_ms"]["p95"] if big["highlight_ms"] else None
    # Issue 21's goals: the highlight in one frame (16 ms), the panel and the settled panel within 1.1x.
    goals = {
        "highlight_p95_ms": goal(hp95, 16.0),
        "400_highlight_p95_ms": goal(hp95_400, 16.0),
        "panel_p95_vs_minimal": goal(ratios["panel_p95_vs_minimal"], 1.1),
        "panel_settled_p95_vs_minimal": goal(ratios["panel_settled_p95_vs_minimal"], 1.1),
        "first_render_median_vs_minimal": goal(ratios["first_render_median_vs_minimal"], 1.2),
        "400_vs_78_highlight_p95": goal(ratios["400_vs_78_highlight_p95"], 1.1),
        "400_vs_78_panel_p95": goal(ratios["400_vs_78_panel_p95"], 1.1),
        "400_vs_78_first_render_median": goal(ratios["400_vs_78_first_render_median"], 1.1),
    }
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · load average {load_before:.2f} before the run",
        "browser": chromium_version(),
        "settings": {
            "clicks": args.clicks,
            "warmup": args.warmup,
            "loads": args.loads,
            "gc": args.gc,
            "synthetic_atlas": atlas_info,
        },
        "results": results,
        "ratios": ratios,
        "goals": goals,
    }


# ---- BENCHMARKS.md -----------------------------------------------------------------------------------------

HEADER = """# Benchmarks

Speed is measured here, never in timed tests. Newest run first.

The body map is a Streamlit custom component (`st.components.v2`, in an open shadow root): the diagrams are
SVG composed once by the core, and a click lights the region and its points in the browser in the frame of
the click. Since issue 21 the panel beside it is written in that same frame too, from every panel the core wrote
once (acumap/panel.py); then the event goes to Python and the map-and-panel fragment reruns for the link, the
region menu and the downloads. A click is measured as click → highlight, click → panel (compared with the
minimal echo app, whose click is one plain rerun) and click → settled (the panel's, and the whole page's, last
change). Sections before the component (Plotly map) are kept
below for the record; their figures are not comparable with the new ones.

"""

GC_LABEL = {"on": "GC after each run on", "off": "GC after each run off", "config": "GC as configured"}


def _ms(d: dict[str, float] | None, stat: str) -> str:
    return f"{d[stat]:.0f} ms" if d else "–"


def _x(v: float | None) -> str:
    return f"{v:.2f}×" if v is not None else "–"


def markdown_section(out: dict[str, Any]) -> str:
    r, q, g, s = out["results"], out["ratios"], out["goals"], out["settings"]
    a, big, m = r["acumap"], r["acumap400"], r["minimal"]

    def mark(key: str, text: str) -> str:
        return f"**{'met' if g[key]['met'] else 'not met'}** ({text})"

    rows = [
        "| measure | AcuMap, 78 points | AcuMap, 400 points | minimal echo app | 78 pts ÷ minimal | 400 ÷ 78 |",
        "|---|---|---|---|---|---|",
    ]
    for label, key in (
        ("click → highlight", "highlight_ms"),
        ("click → panel", "panel_ms"),
        ("click → panel settled (its last change)", "panel_settled_ms"),
        ("click → page settled (its last change)", "settled_ms"),
        ("first render", "first_render_ms"),
    ):
        for stat in ("median", "p95"):

            def ratio(x: dict[str, float] | None, y: dict[str, float] | None, stat: str = stat) -> str:
                return _x(x[stat] / y[stat]) if x and y and y[stat] else "–"

            rows.append(
                f"| {label}, {stat} | {_ms(a[key], stat)} | {_ms(big[key], stat)} | {_ms(m[key], stat)} "
                f"| {ratio(a[key], m[key])} | {ratio(big[key], a[key])} |"
            )
    b78, b400, bm = a["bytes_per_click"], big["bytes_per_click"], m["bytes_per_click"]

    def kb(d: dict[str, float] | None) -> str:
        return f"{d['median'] / 1024:.1f} KiB" if d else "–"

    rows.append(
        f"| bytes received per click, median | {kb(b78)} | {kb(b400)} | {kb(bm)} "
        f"| {_x(b78['median'] / bm['median'] if b78 and bm else None)} | {_x(q['400_vs_78_bytes_median'])} |"
    )
    c78, c400, cm = (x["server_cpu_ms_per_click"] for x in (a, big, m))
    rows.append(
        f"| server CPU per click | {c78:.1f} ms | {c400:.1f} ms | {cm:.1f} ms "
        f"| {_x(c78 / cm if cm else None)} | {_x(q['400_vs_78_cpu'])} |"
    )
    problems = [f"- {name}: {p}" for name in ("acumap", "acumap400", "minimal") for p in r[name]["problems"]]
    lit = f"{a['max_points_lit']} markers lit at most with 78 points, {big['max_points_lit']} with 400"
    gc_opt = {"on": " --gc on", "off": " --gc off", "config": ""}[s["gc"]]
    lines = [
        f"## Component map: click latency and first render, {GC_LABEL[s['gc']]} ({out['date']})",
        "",
        f"Machine: {out['machine']}; {out['browser']}. Command: "
        f"`.venv/bin/python -m bench.click_latency --clicks {s['clicks']} --loads {s['loads']}{gc_opt}`.",
        f"Three servers with the same config (`runner.postScriptGC` {s['gc']}) side by side, one Chromium, "
        f"one page each, taking turns: AcuMap on its data; AcuMap on a synthetic atlas of "
        f"{s['synthetic_atlas']['points']} points (the {s['synthetic_atlas']['real']} real ones and "
        f"{s['synthetic_atlas']['points'] - s['synthetic_atlas']['real']} generated back points, each a local "
        f"point of its level's region; {lit}); and the minimal echo app (`bench/minimal_app.py`). "
        f"{s['clicks']} measured clicks per app after {s['warmup']} warm-up click{'s' if s['warmup'] != 1 else ''}, alternating middle back left "
        f"and upper back right (minimal app: markers A and B); {s['loads']} first renders per app. Times are "
        "`performance.now()` in the page from the `pointerdown` (a load: from navigation start) to the first "
        "frame showing the result (settled: the last change to the panel, or to the page, within 300 ms); bytes are the WebSocket frames received per click; CPU is the server "
        "process's user + system time over the click loop ÷ clicks.",
        "",
        *rows,
        "",
        "Goals:",
        "",
        f"- click → highlight p95 ≤ 16 ms (one frame): 78 points "
        f"{mark('highlight_p95_ms', _ms(a['highlight_ms'], 'p95'))}; 400 points "
        f"{mark('400_highlight_p95_ms', _ms(big['highlight_ms'], 'p95'))}",
        f"- click → panel p95 ≤ 1.1× the minimal app: {mark('panel_p95_vs_minimal', _x(q['panel_p95_vs_minimal']))}",
        f"- click → panel settled p95 ≤ 1.1× the minimal app (whose panel is its page): "
        f"{mark('panel_settled_p95_vs_minimal', _x(q['panel_settled_p95_vs_minimal']))}; the whole page "
        f"settled (the region menu, the Clear button and the downloads, rewritten by Python's rerun): "
        f"{_x(q['page_settled_p95_vs_minimal'])}",
        f"- first render (median) ≤ 1.2× the minimal app: "
        f"{mark('first_render_median_vs_minimal', _x(q['first_render_median_vs_minimal']))}",
        f"- 400 points within 10 % of 78 (≤ 1.10×): highlight p95 "
        f"{mark('400_vs_78_highlight_p95', _x(q['400_vs_78_highlight_p95']))}; panel p95 "
        f"{mark('400_vs_78_panel_p95', _x(q['400_vs_78_panel_p95']))}; first render median "
        f"{mark('400_vs_78_first_render_median', _x(q['400_vs_78_first_render_median']))}",
        "",
    ]
    if problems:
        lines += ["Problems seen while measuring:", "", *problems, ""]
    return "\n".join(lines)


def write_markdown(out: dict[str, Any]) -> None:
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = "\n## "
    body = old[old.index(marker) + 1 :] if marker in old else ""
    path.write_text(HEADER + markdown_section(out) + "\n" + body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clicks", type=int, default=40, help="measured clicks per app")
    parser.add_argument("--loads", type=int, default=8, help="first renders per app")
    parser.add_argument("--warmup", type=int, default=2, help="unrecorded clicks per app before measuring")
    parser.add_argument(
        "--gc",
        choices=("on", "off", "config"),
        default="config",
        help="pass --runner.postScriptGC true/false to every server (config: leave the config file's value)",
    )
    parser.add_argument("--no-write", action="store_true", help="print the JSON only; leave BENCHMARKS.md")
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        help="another checkout (e.g. a git worktree of the code before a change): its app, 78 and 400 points, "
        "is measured in the same run; the JSON gains results['vs_baseline'] (now ÷ then)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the JSON here")
    args = parser.parse_args()
    out = run(args)
    print(json.dumps(out, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    if not args.no_write:
        write_markdown(out)


if __name__ == "__main__":
    main()
