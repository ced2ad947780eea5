"""A class on one server: many sessions choosing regions at once, driven through Streamlit's own protocol.

Each protocol session (`bench/ws_client.py`, no browser) loads the page as a browser does, then every 2–4 s
(uniform, seeded) chooses a region other than the one shown, by sending exactly what the map component sends on a
click, and times click → the run carrying that region's panel (its h3 heading) has finished (`script_finished`).
A click is lost if that run never comes (10 s), does not carry the panel, leaves the map's state on another region,
or a later state (before the next click, and at the end) shows another region. Errors: exception elements,
script errors, unreadable or missing cached messages, disconnects, HTTP errors.

Alongside them, real Chromium pages (one browser, one context each, so each has its own cookies) click the back
view at the same cadence, timed in the page as `bench/click_latency.py` does (its SETUP_JS / SETTLED_JS / READ_JS:
`pointerdown` → the first frame showing the panel heading). They run in a separate process, so neither side's
Python loop delays the other's timing.

Before the load, a sanity check: one Chromium page clicks two regions and the protocol client repeats the same two
clicks; the widget states, fragment id, page hash, query string and cached-message hashes it sends must equal
Chromium's, and it must receive the same panel. The run stops if they differ, so the benchmark cannot silently
measure something else.

Memory: the server's RSS (VmRSS from /proc) right after the sanity check, then with 10, 30 and the full count of
protocol sessions connected and idle; memory per extra session is the least-squares slope. Server CPU is its user
+ system time over the click phase (100 % = one core).

    .venv/bin/python -m bench.load [--sessions 60] [--browsers 10] [--duration 120] [--set runner.fastReruns=false]
        [--proxy | --url URL [--server-pid PID ...]] [--label TEXT] [--json-out FILE] [--no-write]
    .venv/bin/python -m bench.load --compare a.json b.json ... [--title TEXT]   # side by side, saved runs

`--proxy` runs two processes behind HAProxy with deploy/haproxy.cfg (deploy/local.py) and checks that every
session's websocket reached the process its SERVERID cookie names. Writes a section at the end of BENCHMARKS.md
unless --no-write.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import queue
import random
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg

from acumap.atlas.regions import REGION_IDS, REGIONS, parse_region, region_at
from bench.click_latency import AIM_JS, READ_JS, SETTLED_JS, SETUP_JS, chromium_version
from bench.ws_client import Click, Session
from harness.mapdom import ON_REGIONS_JS
from harness.serving import ROOT, launch_chromium, process_cpu_seconds, streamlit_server_process, wait_settled

LABELS: dict[str, str] = {rid: choice.label for rid in REGION_IDS if (choice := parse_region(rid))}
CLICK_TIMEOUT_S = 10.0
VIEWPORT = {"width": 1280, "height": 720}
SANITY_REGIONS = ("middle_back_left", "upper_back_right")
GOAL_P95_MS = 1000.0
EXCEPTION_JS = "() => document.querySelectorAll('[data-testid=stException]').length"
# What the page shows when a click's panel did not come in time (to tell a slow page from a lost click).
DIAGNOSE_JS = """() => ({ headings: [...document.querySelectorAll('h3')].map((h) => h.textContent.trim()),
  stale: document.querySelectorAll('[data-stale="true"]').length,
  running: !!document.querySelector('[data-testid="stStatusWidget"]') })"""


# ---- where to click ---------------------------------------------------------------------------------------


def aim_candidates(region_id: str, step: float = 0.5, keep: int = 40) -> list[tuple[float, float]]:
    """Body positions (back view, cm) inside a region, nearest its middle first: where a pupil would click.

    The browser checks each against what is really under the pointer (no point marker, no label) before it clicks.
    """
    poly = next(r.polygon for r in REGIONS if r.id == region_id)
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    inside = []
    y = min(ys)
    while y <= max(ys):
        x = min(xs)
        while x <= max(xs):
            if region_at(x, y) == region_id:
                inside.append((round(x, 3), round(y, 3)))
            x += step
        y += step
    if not inside:
        raise ValueError(f"no grid position inside {region_id}")
    cx = statistics.fmean(p[0] for p in inside)
    cy = statistics.fmean(p[1] for p in inside)
    inside.sort(key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)
    spread = max(1, len(inside) // keep)
    return inside[::spread][:keep]


def aim(page: Any, region_id: str, candidates: Sequence[tuple[float, float]]) -> dict[str, Any] | None:
    """The first candidate whose pixel has the region (and no point or label) under it now, in page pixels."""
    for x, y in candidates:
        got = page.evaluate(AIM_JS, [x, y])
        if got["region"] == region_id and got["point"] is None:
            return {"x": got["x"], "y": got["y"], "body": (x, y)}
    return None


# ---- statistics ---------------------------------------------------------------------------------------------


def summary(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    data = sorted(values)

    def pct(p: float) -> float:
        k = (len(data) - 1) * p
        lo = int(k)
        hi = min(lo + 1, len(data) - 1)
        return data[lo] + (data[hi] - data[lo]) * (k - lo)

    return {
        "n": len(data),
        "p50": pct(0.5),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": data[-1],
        "mean": statistics.fmean(data),
    }


def slope(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of y over x."""
    if len(points) < 2:
        return None
    mx = statistics.fmean(p[0] for p in points)
    my = statistics.fmean(p[1] for p in points)
    den = sum((p[0] - mx) ** 2 for p in points)
    return sum((p[0] - mx) * (p[1] - my) for p in points) / den if den else None


def tree_cpu_seconds(root: int) -> float:
    """CPU time (user + system) of a process and all its descendants alive now (Chromium's processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        with suppress(OSError, IndexError, ValueError):
            total += process_cpu_seconds(pid)
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    fields = [float(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def rss_kib(pids: Sequence[int]) -> int:
    """Resident memory of the server processes (VmRSS from /proc/<pid>/status), in KiB."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


# ---- the servers --------------------------------------------------------------------------------------------


@dataclass
class Target:
    url: str
    pids: list[int]  # the Streamlit processes whose CPU and memory are measured (none for an unknown --url)
    backends: list[tuple[str, str]] = field(default_factory=list)  # (cookie value, direct URL) behind a proxy
    proxy_pid: int | None = None
    description: str = ""


def server_args(settings: Sequence[str]) -> tuple[str, ...]:
    """`--set runner.fastReruns=false` → ("--runner.fastReruns", "false")."""
    out: list[str] = []
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set wants KEY=VALUE, got {item!r}")
        out += [f"--{key}", value]
    return tuple(out)


@contextmanager
def target(args: argparse.Namespace) -> Iterator[Target]:
    extra = server_args(args.set)
    if args.url:
        yield Target(
            args.url.rstrip("/"), list(args.server_pid), description=f"existing server at {args.url}"
        )
    elif args.proxy:
        from deploy.local import proxied_app

        with proxied_app(extra_args=extra) as app:
            yield Target(
                app.url,
                [b.pid for b in app.backends],
                backends=[(b.name, b.url) for b in app.backends],
                proxy_pid=app.haproxy_pid,
                description=f"{len(app.backends)} Streamlit processes behind HAProxy (deploy/haproxy.cfg)",
            )
    else:
        with streamlit_server_process("app.py", extra_args=extra) as (url, proc):
            yield Target(url, [proc.pid], description="one Streamlit process")


# ---- sanity check: the protocol client sends what Chromium sends ---------------------------------------------


def browser_clicks(url: str) -> tuple[dict[str, tuple[float, float]], list[bytes]]:
    """Chromium loads the page and clicks SANITY_REGIONS; returns body positions that hit each region, and the
    BackMsgs it sent for the two clicks (serialized)."""
    from playwright.sync_api import sync_playwright

    frames: list[bytes] = []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_context(viewport=VIEWPORT).new_page()
            page.set_default_timeout(60_000)
            page.on(
                "websocket",
                lambda ws: ws.on(
                    "framesent", lambda p: frames.append(p if isinstance(p, bytes) else p.encode())
                ),
            )
            page.goto(url)
            wait_settled(page)
            aims: dict[str, tuple[float, float]] = {}
            for rid in REGION_IDS:
                hit = aim(page, rid, aim_candidates(rid))
                if hit is None:
                    raise SystemExit(f"sanity check: no position on the back view hits {rid} alone")
                aims[rid] = hit["body"]
            sent: list[bytes] = []
            for rid in SANITY_REGIONS:
                start = len(frames)
                hit = aim(page, rid, [aims[rid]])
                if hit is None:
                    raise SystemExit(f"sanity check: {rid} is covered after the first click")
                page.evaluate(SETUP_JS, [None, LABELS[rid]])
                page.mouse.click(hit["x"], hit["y"])
                page.wait_for_function(SETTLED_JS, arg=False, timeout=30_000)
                if page.evaluate(ON_REGIONS_JS) != [rid]:
                    raise SystemExit(f"sanity check: Chromium's click did not light {rid}")
                reruns = []
                for raw in frames[start:]:
                    msg = BackMsg()
                    msg.ParseFromString(raw)
                    if msg.WhichOneof("type") == "rerun_script":
                        reruns.append(raw)
                if len(reruns) != 1:
                    raise SystemExit(
                        f"sanity check: Chromium sent {len(reruns)} reruns for one click on {rid}"
                    )
                sent.append(reruns[0])
        finally:
            browser.close()
    return aims, sent


def _rerun_view(raw: bytes | BackMsg) -> dict[str, Any]:
    """What matters in a rerun request, comparable between Chromium's and the client's."""
    if isinstance(raw, bytes):
        msg = BackMsg()
        msg.ParseFromString(raw)
    else:
        msg = raw
    r = msg.rerun_script
    widgets: dict[str, Any] = {}
    for w in r.widget_states.widgets:
        kind = w.WhichOneof("value")
        value = getattr(w, kind) if kind else None
        if kind == "json_trigger_value":
            # The map names itself with a random `from`: compare that it is there, not its value.
            payloads = json.loads(str(value))
            for p in payloads:
                v = p.get("value") if isinstance(p, dict) else None
                if isinstance(v, dict) and isinstance(v.get("from"), str) and v["from"]:
                    v["from"] = "<sender>"
            widgets[w.id] = payloads
        else:
            widgets[w.id] = (kind, value)
    ctx = r.context_info
    return {
        "widgets": widgets,
        "fragment_id": r.fragment_id,
        "page_script_hash": r.page_script_hash,
        "page_name": r.page_name,
        "query_string": r.query_string,
        "cached_message_hashes": sorted(r.cached_message_hashes),
        "context": (ctx.timezone, ctx.timezone_offset, ctx.locale, ctx.is_embedded, ctx.color_scheme),
    }


async def protocol_clicks(url: str, browser_sent: list[bytes]) -> tuple[list[dict[str, Any]], list[Click]]:
    """The protocol client repeats Chromium's two clicks (same positions); returns what it sent and got."""
    session = Session(url, name="sanity", record=True)
    await session.open()
    clicks = []
    try:
        for rid, raw in zip(SANITY_REGIONS, browser_sent, strict=True):
            value = _rerun_view(raw)["widgets"][session.trigger_id()][0]["value"]
            clicks.append(await session.click_region(rid, LABELS[rid], value["x"], value["y"]))
        views = [_rerun_view(m) for m in session.sent[1:]]
    finally:
        await session.close()
    if session.errors:
        raise SystemExit(f"sanity check: protocol session errors: {session.errors}")
    return views, clicks


def sanity_check(url: str) -> dict[str, tuple[float, float]]:
    aims, browser_sent = browser_clicks(url)
    views, clicks = asyncio.run(protocol_clicks(url, browser_sent))
    for rid, want_raw, got, click in zip(SANITY_REGIONS, browser_sent, views, clicks, strict=True):
        want = _rerun_view(want_raw)
        diff = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
        if diff:
            raise SystemExit(f"sanity check: the protocol click on {rid} differs from Chromium's: {diff}")
        if not click.ok:
            raise SystemExit(
                f"sanity check: the protocol click on {rid} did not show its panel: {click.problem}"
            )
    return aims


# ---- the Chromium pages (a separate process) ------------------------------------------------------------------


@dataclass
class _Page:
    page: Any
    rng: random.Random
    region: str | None = None
    next_at: float = 0.0
    pending: tuple[str, float] | None = None  # (region, deadline)
    held: bool = False  # the last click showed its panel and region


def browser_worker(
    url: str,
    pages: int,
    seed: int,
    candidates: dict[str, list[tuple[float, float]]],
    out: Any,
    inbox: Any,
) -> None:
    """Run `pages` Chromium pages clicking regions; report through `out` ("ready", info), ("done", results)."""
    try:
        out.put(("done", _browser_run(url, pages, seed, candidates, out, inbox)))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def _browser_run(
    url: str,
    n_pages: int,
    seed: int,
    candidates: dict[str, list[tuple[float, float]]],
    out: Any,
    inbox: Any,
) -> dict[str, Any]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    res: dict[str, Any] = {"panel_ms": [], "clicks": 0, "lost": 0, "errors": 0, "late": 0, "problems": []}

    def problem(text: str) -> None:
        if len(res["problems"]) < 30:
            res["problems"].append(text)

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        pages: list[_Page] = []
        watching: list[bool] = []
        try:
            for i in range(n_pages):
                ctx = browser.new_context(viewport=VIEWPORT)
                page = ctx.new_page()
                page.set_default_timeout(60_000)

                def on_error(exc: Any, i: int = i) -> None:
                    res["errors"] += 1
                    problem(f"page {i}: JavaScript error {exc}")

                def on_ws(ws: Any, i: int = i) -> None:
                    def closed(_ws: Any) -> None:
                        if watching[i]:  # not while the page reloads on purpose, nor at the end
                            res["errors"] += 1
                            problem(f"page {i}: websocket closed")

                    ws.on("close", closed)

                watching.append(True)
                page.on("pageerror", on_error)
                page.on("websocket", on_ws)
                page.goto(url)
                wait_settled(page)
                pages.append(_Page(page, random.Random(seed * 7919 + i)))
            cookies = [{c["name"]: c["value"] for c in p.page.context.cookies()} for p in pages]
            out.put(("ready", {"cookies": cookies}))
            start, end = inbox.get(timeout=600)
            cpu0, wall0 = tree_cpu_seconds(os.getpid()), time.monotonic()
            for p in pages:
                p.next_at = start + p.rng.uniform(0.0, 4.0)

            def lose(p: _Page, text: str, reload: bool) -> None:
                res["lost"] += 1
                problem(text)
                p.held = False
                if reload:
                    i = pages.index(p)
                    watching[i] = False
                    try:
                        p.page.goto(url)
                        wait_settled(p.page)
                        p.region = None
                    except PlaywrightError as exc:
                        res["errors"] += 1
                        problem(f"page {i}: reload failed: {exc}")
                    watching[i] = True

            while True:
                now = time.monotonic()
                busy = False
                for i, p in enumerate(pages):
                    if p.pending is not None:
                        busy = True
                        region, deadline = p.pending
                        if p.page.evaluate(SETTLED_JS, False):
                            got = p.page.evaluate(READ_JS)
                            on = p.page.evaluate(ON_REGIONS_JS)
                            p.pending = None
                            if on != [region]:
                                lose(p, f"page {i}: panel for {region} shown but the map lights {on}", True)
                            else:
                                res["panel_ms"].append(got["panel"] - got["t0"])
                                p.region, p.held = region, True
                        elif now > deadline:
                            p.pending = None
                            seen = {
                                **p.page.evaluate(READ_JS),
                                **p.page.evaluate(DIAGNOSE_JS),
                                "on": p.page.evaluate(ON_REGIONS_JS),
                            }
                            lose(
                                p,
                                f"page {i}: no panel for {region} within {CLICK_TIMEOUT_S:.0f} s: {seen}",
                                True,
                            )
                    elif p.next_at < end and now >= p.next_at:
                        busy = True
                        if now - p.next_at > 0.25:
                            res["late"] += 1
                        if p.held and p.page.evaluate(ON_REGIONS_JS) != [p.region]:
                            lose(p, f"page {i}: {p.region} no longer shown before the next click", False)
                        choices = [r for r in REGION_IDS if r != p.region]
                        region = p.rng.choice(choices)
                        hit = aim(p.page, region, candidates[region])
                        if hit is None:
                            problem(f"page {i}: no free spot on {region}; skipped")
                        else:
                            p.page.evaluate(SETUP_JS, [None, LABELS[region]])
                            p.page.mouse.click(hit["x"], hit["y"])
                            res["clicks"] += 1
                            p.pending = (region, time.monotonic() + CLICK_TIMEOUT_S)
                        p.next_at += p.rng.uniform(2.0, 4.0)
                        p.next_at = max(p.next_at, time.monotonic())
                    elif p.next_at < end:
                        busy = True
                if not busy:
                    break
                time.sleep(0.02)
            res["cpu_percent"] = 100 * (tree_cpu_seconds(os.getpid()) - cpu0) / (time.monotonic() - wall0)
            watching[:] = [False] * len(watching)
            for i, p in enumerate(pages):
                if p.held and p.page.evaluate(ON_REGIONS_JS) != [p.region]:
                    lose(p, f"page {i}: {p.region} no longer shown at the end", False)
                shown = int(p.page.evaluate(EXCEPTION_JS))
                if shown:
                    res["errors"] += shown
                    problem(f"page {i}: {shown} exception element(s) on the page")
        finally:
            browser.close()
    res["pages"] = n_pages
    return res


# ---- the protocol sessions ----------------------------------------------------------------------------------


@dataclass
class Tally:
    clicks: int = 0
    lost: int = 0
    late: int = 0
    panel_ms: list[float] = field(default_factory=list)
    heading_ms: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        if len(self.problems) < 30:
            self.problems.append(text)


async def session_loop(
    s: Session,
    rng: random.Random,
    start: float,
    end: float,
    aims: dict[str, tuple[float, float]],
    tally: Tally,
) -> None:
    next_at = start + rng.uniform(0.0, 4.0)
    last: Click | None = None
    while next_at < end and s.connected:
        delay = next_at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.25:
            tally.late += 1
        if last is not None and last.ok and s.state.get("region") != last.region:
            tally.lost += 1
            tally.problem(f"{s.name}: {last.region} no longer shown before the next click ({s.state})")
        region = rng.choice([r for r in REGION_IDS if r != s.state.get("region")])
        x, y = aims[region]
        click = await s.click_region(region, LABELS[region], x, y, timeout=CLICK_TIMEOUT_S)
        tally.clicks += 1
        if click.ok and click.panel_ms is not None and click.heading_ms is not None:
            tally.panel_ms.append(click.panel_ms)
            tally.heading_ms.append(click.heading_ms)
        else:
            tally.lost += 1
            tally.problem(f"{s.name} click {click.n} on {region}: {click.problem}")
        last = click
        next_at = max(next_at + rng.uniform(2.0, 4.0), time.monotonic())
    if last is not None and last.ok and s.state.get("region") != last.region:
        tally.lost += 1
        tally.problem(f"{s.name}: {last.region} no longer shown at the end ({s.state})")


async def open_sessions(url: str, sessions: list[Session], count: int, errors: list[str]) -> None:
    """Open sessions until there are `count`, a few at a time (a class arriving, not a thundering herd)."""
    gate = asyncio.Semaphore(4)

    async def one(i: int) -> Session | None:
        async with gate:
            s = Session(url, name=f"s{i:03d}")
            try:
                await s.open()
            except Exception as exc:
                errors.append(f"{s.name}: could not load the page: {exc!r}")
                await s.close()
                return None
            return s

    new = await asyncio.gather(*(one(i) for i in range(len(sessions), count)))
    sessions.extend(s for s in new if s is not None)


def _get_from(q: Any, timeout: float) -> Any:
    return q.get(timeout=timeout)


async def load(args: argparse.Namespace, tgt: Target, aims: dict[str, tuple[float, float]]) -> dict[str, Any]:
    errors: list[str] = []
    sessions: list[Session] = []
    memory: list[tuple[int, int]] = []  # (sessions connected, RSS KiB)

    async def settle_and_measure(n: int) -> None:
        await asyncio.sleep(3.0)
        if tgt.pids:
            memory.append((n, rss_kib(tgt.pids)))

    await settle_and_measure(0)
    steps = sorted({n for n in (10, 30, 60) if n < args.sessions} | {args.sessions})
    for n in steps:
        await open_sessions(tgt.url, sessions, n, errors)
        await settle_and_measure(len(sessions))

    sticky: dict[str, Any] | None = None
    if tgt.backends:
        from deploy.local import COOKIE, active_sessions

        by_cookie = Counter(s.cookies.get(COOKIE, "") for s in sessions)
        live = {name: await asyncio.to_thread(active_sessions, u) for name, u in tgt.backends}
        sticky = {"cookies": dict(by_cookie), "active_sessions": live, "ok": dict(by_cookie) == live}
        if not sticky["ok"]:
            errors.append(f"stickiness: cookies {dict(by_cookie)} but active sessions {live}")

    # The Chromium pages: load them (another process), then start everyone together.
    worker = None
    ctx = mp.get_context("spawn")
    out_q: Any = ctx.Queue()
    in_q: Any = ctx.Queue()
    browser_info: dict[str, Any] = {}
    if args.browsers:
        cands = {rid: [aims[rid], *aim_candidates(rid)] for rid in REGION_IDS}
        worker = ctx.Process(
            target=browser_worker, args=(tgt.url, args.browsers, args.seed, cands, out_q, in_q), daemon=True
        )
        worker.start()
        kind, info = await asyncio.to_thread(_get_from, out_q, 600)
        if kind != "ready":
            raise SystemExit(f"browser worker failed:\n{info}")
        browser_info = info
        await asyncio.sleep(2.0)
    rss_with_browsers = rss_kib(tgt.pids) if tgt.pids else None

    start = time.monotonic() + 1.0
    end = start + args.duration
    if worker is not None:
        in_q.put((start, end))
    tally = Tally()
    machine0 = machine_cpu()
    cpu0 = sum(process_cpu_seconds(p) for p in tgt.pids)
    wire0 = sum(s.wire_bytes for s in sessions)
    data0 = sum(s.bytes_received for s in sessions)
    proxy_cpu0 = process_cpu_seconds(tgt.proxy_pid) if tgt.proxy_pid else 0.0
    client_cpu0 = time.process_time()
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    wall0 = time.monotonic()
    await asyncio.gather(
        *(
            session_loop(s, random.Random(args.seed * 1_000_003 + i), start, end, aims, tally)
            for i, s in enumerate(sessions)
        )
    )
    wall = time.monotonic() - wall0
    cpu = sum(process_cpu_seconds(p) for p in tgt.pids) - cpu0
    wire = sum(s.wire_bytes for s in sessions) - wire0
    data = sum(s.bytes_received for s in sessions) - data0
    proxy_cpu = (process_cpu_seconds(tgt.proxy_pid) - proxy_cpu0) if tgt.proxy_pid else None
    client_cpu = time.process_time() - client_cpu0
    machine1 = machine_cpu()
    busy = (machine1[0] - machine0[0]) / max(1.0, machine1[1] - machine0[1])

    browser_res: dict[str, Any] | None = None
    if worker is not None:
        while True:
            try:
                kind, info = await asyncio.to_thread(_get_from, out_q, args.duration + 300)
            except queue.Empty:
                errors.append("browser worker did not report")
                break
            if kind == "done":
                browser_res = info
                break
            if kind == "error":
                errors.append(f"browser worker failed: {info}")
                break
        worker.join(timeout=30)

    for s in sessions:
        for e in s.errors:
            errors.append(f"{s.name}: {e}")
    disconnected = sum(1 for s in sessions if not s.connected)
    await asyncio.gather(*(s.close() for s in sessions))

    per_session = slope([(n, kib / 1024) for n, kib in memory])
    return {
        "sessions_connected": len(sessions),
        "memory": {
            "rss_mib": {str(n): round(kib / 1024, 1) for n, kib in memory},
            "per_session_kib": per_session * 1024 if per_session is not None else None,
            "rss_with_browsers_mib": round(rss_with_browsers / 1024, 1) if rss_with_browsers else None,
        },
        "protocol": {
            "sessions": len(sessions),
            "clicks": tally.clicks,
            "lost": tally.lost,
            "late": tally.late,
            "errors": len(errors),
            "disconnected": disconnected,
            "panel_ms": summary(tally.panel_ms),
            "heading_ms": summary(tally.heading_ms),
            "problems": tally.problems,
            "error_samples": errors[:30],
            "kib_per_click_wire": wire / 1024 / max(1, tally.clicks),
            "kib_per_click_messages": data / 1024 / max(1, tally.clicks),
        },
        "browser": None
        if browser_res is None
        else {
            "pages": browser_res["pages"],
            "clicks": browser_res["clicks"],
            "lost": browser_res["lost"],
            "late": browser_res["late"],
            "errors": browser_res["errors"],
            "panel_ms": summary(browser_res["panel_ms"]),
            "problems": browser_res["problems"],
            "cookies": browser_info.get("cookies"),
        },
        "server_cpu": {
            "seconds": cpu,
            "percent_of_one_core": 100 * cpu / wall if wall and tgt.pids else None,
            "wall_s": wall,
            "ms_per_click": 1000 * cpu / max(1, tally.clicks + (browser_res or {}).get("clicks", 0)),
        },
        "proxy_cpu_percent": 100 * proxy_cpu / wall if proxy_cpu is not None and wall else None,
        "client_cpu_percent": 100 * client_cpu / wall if wall else None,
        "browsers_cpu_percent": (browser_res or {}).get("cpu_percent"),
        "machine_busy_percent": 100 * busy,
        "stickiness": sticky,
    }


# ---- the run -----------------------------------------------------------------------------------------------


def command_line(args: argparse.Namespace) -> str:
    parts = [".venv/bin/python -m bench.load", f"--sessions {args.sessions}", f"--browsers {args.browsers}"]
    parts.append(f"--duration {args.duration:g}")
    parts += [f"--set {s}" for s in args.set]
    if args.proxy:
        parts.append("--proxy")
    if args.url:
        parts.append(f"--url {args.url}")
    return " ".join(parts)


def run(args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()
    with target(args) as tgt:
        aims = sanity_check(tgt.url)
        result = asyncio.run(load(args, tgt, aims))
    load_after = os.getloadavg()
    p, b = result["protocol"], result["browser"]
    p95s = [x["panel_ms"]["p95"] for x in (p, b) if x and x["panel_ms"]]
    goals = {
        "no_error": p["errors"] == 0 and (b is None or b["errors"] == 0),
        "no_lost_click": p["lost"] == 0 and (b is None or b["lost"] == 0),
        "panel_p95_under_1s": bool(p95s) and max(p95s) < GOAL_P95_MS,
    }
    return {
        "label": args.label or "",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after",
        "browser_version": chromium_version() if args.browsers else None,
        "command": command_line(args),
        "settings": {
            "sessions": args.sessions,
            "browsers": args.browsers,
            "duration_s": args.duration,
            "server_args": list(server_args(args.set)),
            "server": tgt.description,
            "seed": args.seed,
        },
        "sanity_check": "passed: the protocol client's two clicks sent the same widget states, fragment, page hash, "
        "query and cached-message hashes as Chromium's, and received the same panels",
        **result,
        "goals": goals,
    }


# ---- report ------------------------------------------------------------------------------------------------


def _ms(d: dict[str, float] | None) -> str:
    return f"{d['p50']:.0f} / {d['p95']:.0f} / {d['max']:.0f} ms" if d else "–"


def markdown_section(out: dict[str, Any]) -> str:
    s, p, b, m, c = out["settings"], out["protocol"], out["browser"], out["memory"], out["server_cpu"]
    rows = [
        "| | protocol sessions | Chromium pages |",
        "|---|---|---|",
        f"| sessions | {p['sessions']} | {b['pages'] if b else 0} |",
        f"| clicks | {p['clicks']} | {b['clicks'] if b else '–'} |",
        f"| errors | {p['errors']} | {b['errors'] if b else '–'} |",
        f"| lost clicks | {p['lost']} | {b['lost'] if b else '–'} |",
        f"| click → panel p50 / p95 / max | {_ms(p['panel_ms'])} | {_ms(b['panel_ms'] if b else None)} |",
        f"| clicks sent late (previous one still running) | {p['late']} | {b['late'] if b else '–'} |",
    ]
    rss = m["rss_mib"]
    mem = ", ".join(f"{v:.0f} MiB with {k}" for k, v in rss.items())
    per = f"{m['per_session_kib']:.0f} KiB" if m["per_session_kib"] is not None else "–"
    cpu = c["percent_of_one_core"]
    g = out["goals"]

    def mark(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    lines = [
        f"## Load: {s['sessions']} protocol sessions + {s['browsers']} Chromium pages, {s['server']}"
        f"{' (' + out['label'] + ')' if out['label'] else ''} ({out['date']})",
        "",
        f"Machine: {out['machine']}"
        + (f"; {out['browser_version']}" if out["browser_version"] else "")
        + ".",
        f"Command: `{out['command']}`. Server options beyond the project's config: "
        f"`{' '.join(s['server_args']) or 'none'}` (plus `--server.fileWatcherType none --server.runOnSave false` "
        "from harness/serving.py).",
        f"Each session chooses another region every 2–4 s for {s['duration_s']:g} s through Streamlit's own "
        "websocket protocol (bench/ws_client.py; the sanity check before the run compares its requests with "
        "Chromium's); the Chromium pages click the back view at the same cadence. Protocol times: click sent → "
        "the fragment run carrying the region's panel has finished; Chromium times: `pointerdown` → the first "
        "frame showing the panel heading.",
        "",
        *rows,
        "",
        f"Server CPU over the click phase: {cpu:.0f} % of one core ({os.cpu_count()} cores = "
        f"{100 * (os.cpu_count() or 1)} %), {c['ms_per_click']:.1f} ms per click; a protocol click received "
        f"{p['kib_per_click_wire']:.1f} KiB on the wire ({p['kib_per_click_messages']:.1f} KiB of messages); "
        "load client "
        f"{out['client_cpu_percent']:.0f} %"
        + (f"; Chromium {out['browsers_cpu_percent']:.0f} %" if out.get("browsers_cpu_percent") else "")
        + (f"; HAProxy {out['proxy_cpu_percent']:.1f} %" if out.get("proxy_cpu_percent") is not None else "")
        + f"; the whole machine {out['machine_busy_percent']:.0f} % busy (of all cores).",
        f"Server memory (RSS, idle sessions): {mem}; **{per} per extra session** (least-squares slope)"
        + (
            f"; {m['rss_with_browsers_mib']:.0f} MiB with the Chromium pages too."
            if m["rss_with_browsers_mib"] and s["browsers"]
            else "."
        ),
    ]
    if out.get("stickiness"):
        st = out["stickiness"]
        lines.append(
            f"Stickiness: SERVERID cookies {st['cookies']}, open sessions per process {st['active_sessions']} "
            f"({'every websocket on the process its cookie names' if st['ok'] else 'MISMATCH'})."
        )
    lines += [
        "",
        f"Goals: no error {mark(g['no_error'])}; no lost click {mark(g['no_lost_click'])}; click → panel p95 "
        f"under 1 s {mark(g['panel_p95_under_1s'])}.",
        "",
    ]
    problems = [*p["problems"], *p["error_samples"], *((b or {}).get("problems") or [])]
    if problems:
        lines += ["Problems seen:", "", *(f"- {x}" for x in problems[:15]), ""]
    return "\n".join(lines)


def compare_table(runs: list[dict[str, Any]]) -> str:
    head = "| measure | " + " | ".join(r["label"] or r["command"] for r in runs) + " |"
    rows = [head, "|---|" + "---|" * len(runs)]

    def row(name: str, f: Any) -> None:
        cells = []
        for r in runs:
            try:
                cells.append(f(r))
            except (KeyError, TypeError):
                cells.append("–")
        if any(c != "–" for c in cells):
            rows.append(f"| {name} | " + " | ".join(cells) + " |")

    row("sessions + Chromium pages", lambda r: f"{r['protocol']['sessions']} + {r['settings']['browsers']}")
    row(
        "clicks (protocol + Chromium)",
        lambda r: f"{r['protocol']['clicks']} + {(r['browser'] or {}).get('clicks', 0)}",
    )
    row("errors", lambda r: f"{r['protocol']['errors'] + (r['browser'] or {}).get('errors', 0)}")
    row("lost clicks", lambda r: f"{r['protocol']['lost'] + (r['browser'] or {}).get('lost', 0)}")
    for stat in ("p50", "p95", "max"):
        row(
            f"protocol click → panel {stat}", lambda r, stat=stat: f"{r['protocol']['panel_ms'][stat]:.0f} ms"
        )
    for stat in ("p50", "p95", "max"):
        row(f"Chromium click → panel {stat}", lambda r, stat=stat: f"{r['browser']['panel_ms'][stat]:.0f} ms")
    row("server CPU (% of one core)", lambda r: f"{r['server_cpu']['percent_of_one_core']:.0f} %")
    row("server CPU per click", lambda r: f"{r['server_cpu']['ms_per_click']:.1f} ms")
    row(
        "received per protocol click, on the wire", lambda r: f"{r['protocol']['kib_per_click_wire']:.1f} KiB"
    )
    row("Chromium CPU (% of one core)", lambda r: f"{r['browsers_cpu_percent']:.0f} %")
    row("machine busy (all cores)", lambda r: f"{r['machine_busy_percent']:.0f} %")
    row("RSS idle, most sessions", lambda r: f"{list(r['memory']['rss_mib'].values())[-1]:.0f} MiB")
    row("memory per extra session", lambda r: f"{r['memory']['per_session_kib']:.0f} KiB")
    row(
        "websockets on the process their SERVERID cookie names",
        lambda r: (
            ", ".join(f"{k}: {v}" for k, v in r["stickiness"]["active_sessions"].items())
            + (" (all)" if r["stickiness"]["ok"] else " (MISMATCH)")
        ),
    )
    row("load average before → after", lambda r: r["machine"].split("load average ")[1])
    return "\n".join(rows)


def append_markdown(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(old.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=60, help="protocol sessions (no browser)")
    parser.add_argument("--browsers", type=int, default=10, help="Chromium pages alongside them")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of clicking")
    parser.add_argument("--seed", type=int, default=1, help="seed of the regions and the 2–4 s gaps")
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a Streamlit option for the server(s)"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--proxy", action="store_true", help="two processes behind HAProxy (deploy/haproxy.cfg)"
    )
    where.add_argument("--url", help="an existing server or proxy instead of starting one")
    parser.add_argument(
        "--server-pid", type=int, action="append", default=[], help="with --url: a process to measure"
    )
    parser.add_argument("--label", default="", help="a name for this run in tables")
    parser.add_argument("--json-out", type=Path, help="also save the results as JSON here")
    parser.add_argument("--compare", type=Path, nargs="+", help="print a side-by-side table of saved runs")
    parser.add_argument("--title", default="", help="with --compare: a section heading for the table")
    parser.add_argument("--no-write", action="store_true", help="leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    if args.compare:
        runs = [json.loads(p.read_text(encoding="utf-8")) for p in args.compare]
        text = compare_table(runs)
        if args.title:
            dates = sorted({r["date"] for r in runs})
            text = (
                f"## {args.title} ({dates[0]} to {dates[-1]})\n\n"
                + "Commands: "
                + "; ".join(f"`{r['command']}`" for r in runs)
                + f". Machine: {runs[0]['machine'].split(' · load')[0]}.\n\n"
                + text
            )
        print(text)
        if not args.no_write:
            append_markdown(text)
        return
    out = run(args)
    print(json.dumps(out, indent=2, ensure_ascii=False))
    if args.json_out:
        args.json_out.write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    print(markdown_section(out), file=sys.stderr)
    if not args.no_write:
        append_markdown(markdown_section(out))


if __name__ == "__main__":
    main()
