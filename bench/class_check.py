"""The live class check under load: 60 student sessions answer within ten seconds; every answer stored and shown.

One Streamlit server with its own SQLite class database (WAL). A teacher page in Debian's Chromium starts a class
and asks "Tap where BL18 is". Then N student sessions, each spoken over Streamlit's own websocket protocol
(`bench/ws_client.py`, no browser: 60 Chromium pages would not fit this machine), join by the class's link, wait
a random time in [0, window) s (uniform, seeded) and tap near BL18 exactly as the map sends it. Measured:

- per answer, the server's time from the tap sent to the run that stored it finished (p50, p95, max);
- stored: the answers in the database for the question (must equal N);
- shown: the teacher's count (its page polls every second) reaching N, and the time from the last tap to that;
- the reveal's mean error in cun, against the mean computed here from the taps sent;
- the server's CPU over the answering window (user + system, 100 % = one core).

    .venv/bin/python -m bench.class_check [--students 60] [--window 10] [--seed 7] [--no-write]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import os
import random
import re
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from acumap.body import anatomy
from acumap.classroom import ClassStore
from bench.ws_client import SUCCESS, Session
from harness.serving import launch_chromium, streamlit_server, wait_settled

ROOT = Path(__file__).resolve().parent.parent


def server_cpu_seconds(port: int) -> float:
    """User + system CPU seconds of the process listening on `port` (found through /proc)."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if int(parts[1].rsplit(":", 1)[1], 16) == port and parts[3] == "0A":
                inode = parts[9]
    if inode is None:
        raise RuntimeError(f"no process listens on port {port}")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            except OSError:
                continue
    raise RuntimeError(f"no process owns the socket on port {port}")


async def students(
    url: str, code: str, n: int, window: float, seed: int
) -> tuple[list[float], list[str], list[tuple[float, float]], float, float]:
    rng = random.Random(seed)
    bx, by = anatomy.spine_point_position("BL18", "T9", 1.5, "right")
    taps = [(rng.choice((-1, 1)) * bx + rng.gauss(0, 1.2), by + rng.gauss(0, 1.5)) for _ in range(n)]
    delays = [rng.uniform(0, window) for _ in range(n)]
    sessions = [Session(url, name=f"student{i}") for i in range(n)]
    await asyncio.gather(*(s.open(query=f"join={code}", page="class", timeout=120) for s in sessions))
    latencies: list[float] = []
    problems: list[str] = []
    start = time.perf_counter()
    last_sent = 0.0

    async def one(i: int) -> None:
        nonlocal last_sent
        await asyncio.sleep(delays[i])
        sent = time.perf_counter()
        last_sent = max(last_sent, sent)
        try:
            run = await sessions[i].tap("back", *taps[i], timeout=30)
        except Exception as exc:  # counted as a lost answer below
            problems.append(f"student{i}: {exc}")
            return
        if run.status not in SUCCESS or run.finished is None:
            problems.append(f"student{i}: run status {run.status}")
            return
        latencies.append((run.finished - sent) * 1000)

    await asyncio.gather(*(one(i) for i in range(n)))
    answered = time.perf_counter()
    for s in sessions:
        problems += [f"{s.name}: {e}" for e in s.errors]
        await s.close()
    return latencies, problems, taps, answered - start, last_sent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--students", type=int, default=60)
    ap.add_argument("--window", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    db = Path(tempfile.mkdtemp()) / "classes.db"
    url_db = f"sqlite:///{db}"
    with streamlit_server(env={"ACUMAP_CLASS_DB": url_db}) as url, sync_playwright() as pw:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        browser = launch_chromium(pw)
        teacher = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        teacher.goto(f"{url}/class")
        wait_settled(teacher, with_map=False)
        teacher.get_by_role("button", name="Start a class").click()
        code_el = teacher.get_by_text(re.compile(r"^Code: [A-Z2-9]{5}$"))
        code_el.wait_for(timeout=30_000)
        code = code_el.inner_text().split()[-1]
        teacher.get_by_role("button", name="Ask the class").click()
        teacher.get_by_text("Question 1: Tap where BL18 is").wait_for(timeout=30_000)

        cpu0 = server_cpu_seconds(port)
        t0 = time.perf_counter()
        # In a thread of its own: Playwright's sync API holds this thread's event loop.
        with ThreadPoolExecutor(1) as pool:
            latencies, problems, taps, answering_s, last_sent = pool.submit(
                asyncio.run, students(url, code, args.students, args.window, args.seed)
            ).result()
        cpu = (server_cpu_seconds(port) - cpu0) / (time.perf_counter() - t0)
        stored = ClassStore(url_db).count(code)
        # Shown: the teacher's page (polling every second) shows the count of all the answers.
        metric = teacher.get_by_test_id("stMetricValue").first
        deadline = time.perf_counter() + 30
        while metric.inner_text() != str(args.students) and time.perf_counter() < deadline:
            time.sleep(0.05)
        shown_at = time.perf_counter()
        shown = int(metric.inner_text())
        teacher.get_by_role("button", name="Reveal the answer").click()
        err_el = teacher.get_by_test_id("stMetricValue").nth(1)
        err_el.wait_for(timeout=30_000)
        shown_error = float(err_el.inner_text().split()[0])
        browser.close()

    bx, by = anatomy.spine_point_position("BL18", "T9", 1.5, "right")
    expected_error = statistics.fmean(math.hypot(abs(x) - bx, y - by) / anatomy.CM_PER_CUN for x, y in taps)
    q = statistics.quantiles(latencies, n=20) if len(latencies) >= 2 else [math.nan] * 19
    rows = {
        "students": args.students,
        "window_s": args.window,
        "answered": len(latencies),
        "stored": stored,
        "shown": shown,
        "lost": args.students - stored,
        "p50_ms": statistics.median(latencies) if latencies else math.nan,
        "p95_ms": q[18],
        "max_ms": max(latencies) if latencies else math.nan,
        "answering_s": answering_s,
        "shown_after_last_tap_s": shown_at - last_sent,
        "mean_error_shown": shown_error,
        "mean_error_expected": expected_error,
        "server_cpu": cpu,
        "problems": problems,
        "n_problems": len(problems),
    }
    for k, v in rows.items():
        print(f"{k}: {v}")
    if not args.no_write:
        write(rows)


def write(r: dict[str, Any]) -> None:
    day = dt.date.today().isoformat()
    text = f"""

## Class check under load ({day}, `python -m bench.class_check`)

{r["students"]} student sessions (Streamlit's websocket protocol, no browser) joined one class and each tapped
once at a random moment in a {r["window_s"]:g} s window; the teacher's page was Debian's Chromium. One server,
SQLite in WAL mode, on this 2-core machine.

| | |
|---|---|
| answers sent / stored / shown on the teacher's page | {r["answered"]} / {r["stored"]} / {r["shown"]} (lost: {r["lost"]}) |
| tap → the run that stored it finished: p50 / p95 / max | {r["p50_ms"]:.0f} / {r["p95_ms"]:.0f} / {r["max_ms"]:.0f} ms |
| all answered within | {r["answering_s"]:.1f} s of the first student's start |
| teacher's count showing all, after the last tap | {r["shown_after_last_tap_s"]:.1f} s (the page polls every second) |
| mean error shown on the reveal / computed from the taps sent | {r["mean_error_shown"]:.1f} / {r["mean_error_expected"]:.2f} cun |
| server CPU while answering | {float(r["server_cpu"]) * 100:.0f} % of one core |
| problems (errors, lost or failed runs) | {r["n_problems"]} |
"""
    with (ROOT / "BENCHMARKS.md").open("a", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
