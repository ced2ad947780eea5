"""The class check at scale (issue 19, "Speed and scale"): N students, a lesson of questions, the polling's cost.

A teacher page in Debian's Chromium starts a class on the class page; N student sessions spoken over Streamlit's
own websocket protocol (`bench/ws_client.py`, extended here with what the browser does: for `st.fragment(run_every=)`,
on an `auto_rerun` message it sends a fragment rerun every `interval` seconds, on `stop_auto_rerun` or a full run it
drops its timers; for the class page's follower (ui/component/follow.js), it fetches the class's route every 2 s and
triggers a redraw when the class changed) join by the class's link. Served by serve.py (the app and its route).
Then:

1. idle: everyone waits for the first question for `--idle` seconds (the students' followers fetch the route every
   2 s, the teacher's `live` fragment reruns every 1 s): the server CPU this costs, per process, per student and
   second;
2. `--questions` questions (BL18, BL23, BL13, SI11), each asked in Chromium ("Ask the class", then the "Point"
   menu and "Ask the next question"); each student taps near the point at a random moment within `--window`
   seconds of the ask (uniform, seeded; never before its page shows the question), the teacher's "Answered" count
   is read until it shows every answer, then the teacher reveals and the class waits `--pause` seconds.

Measured: per question, answers sent / stored (the database) / shown (the teacher's count); tap → stored (the
answer's `at` in the database minus the wall clock at sending: same machine, same clock) and tap → the run that
stored it finished (p50 / p95 / max); the teacher's count complete after the last tap; ask → the question shown on
the students' pages; server CPU (each Streamlit process, PostgreSQL, HAProxy, Chromium, this load client) per
phase; RSS per process before and after the students joined.

    .venv/bin/python -m bench.class_scale --setup pg2 --students 200      # two processes, HAProxy, PostgreSQL
    .venv/bin/python -m bench.class_scale --setup sqlite1 --students 100  # one process, SQLite (WAL)
    .venv/bin/python -m bench.class_scale --setup sqlite1 --students 100 --questions 0  # idle following only
Results: one JSON object on stdout and in `--json`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import platform
import random
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from sqlalchemy import select
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from acumap.atlas.data import load_atlas
from acumap.classroom import ClassStore
from acumap.classroom import answers as answers_table
from acumap.quiz import shown_marker
from bench.ws_client import SUCCESS, Session, SessionError, context_info, http_get_body
from harness.serving import launch_chromium, streamlit_server_process, wait_settled

ROOT = Path(__file__).resolve().parent.parent
POINTS = ("BL18", "BL23", "BL13", "SI11")
CLK = os.sysconf("SC_CLK_TCK")


# ---- processes ----------------------------------------------------------------------------------------------


def cpu_s(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return (int(stat[11]) + int(stat[12])) / CLK


def tree_cpu_s(root: int) -> float:
    """CPU seconds of a process and its live descendants (Chromium, PostgreSQL's backends)."""
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
        c = cpu_s(pid)
        if not math.isnan(c):
            total += c
    return total


def playwright_driver_pid() -> int | None:
    """The Playwright driver this process started (node ... run-driver); Chromium's processes are its children."""
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue
        if ppid == me and "run-driver" in cmd:
            return int(entry.name)
    return None


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return math.nan


def machine_jiffies() -> tuple[float, float]:
    fields = [float(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def pct(values: Sequence[float], p: float) -> float:
    data = sorted(values)
    if not data:
        return math.nan
    k = (len(data) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def dist(values: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": pct(values, 0.5),
        "p95": pct(values, 0.95),
        "max": max(values, default=math.nan),
    }


@dataclass
class Meter:
    """CPU of the measured processes between two moments."""

    pids: dict[str, int]  # name -> pid (whole process tree for "chromium" and "postgres")
    trees: tuple[str, ...] = ("chromium", "postgres")

    def read(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "t": time.perf_counter(),
            "machine": machine_jiffies(),
            "self": time.process_time(),
        }
        for name, pid in self.pids.items():
            out[name] = tree_cpu_s(pid) if name in self.trees else cpu_s(pid)
        return out

    @staticmethod
    def between(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        """Each process's CPU as a share of one core (1.0 = one core busy) over the interval; the machine's busy
        share of all its cores."""
        wall = b["t"] - a["t"]
        res: dict[str, Any] = {"wall_s": wall}
        for k in a:
            if k in ("t", "machine"):
                continue
            res[k] = (b[k] - a[k]) / wall if wall > 0 else math.nan
        busy = b["machine"][0] - a["machine"][0]
        total = b["machine"][1] - a["machine"][1]
        res["machine_busy"] = busy / total if total else math.nan
        return res


# ---- a student: the protocol session plus the browser's fragment timers ---------------------------------------


class Student(Session):
    """A student's phone: the page over the protocol, the `run_every` fragments polled as the browser does."""

    def __init__(self, url: str, name: str) -> None:
        super().__init__(url, name=name)
        self.timers: dict[str, tuple[float, asyncio.Task[None]]] = {}
        self.polls_sent = 0
        self.poll_sent_at: dict[str, list[float]] = {}
        self.poll_rtt: list[tuple[float, float]] = []  # (finished at, round trip s)
        self.full_runs: list[tuple[float, float]] = []  # (started, finished) of full-page runs
        self.follower: asyncio.Task[None] | None = None
        self.follow_fetches = 0
        self.follow_rtt: list[
            tuple[float, float]
        ] = []  # (answered at, round trip s) of the follower's fetches
        self.follow_triggers = 0
        self.posts: list[
            tuple[int, float]
        ] = []  # (status, round trip s) of the taps posted to the answer route

    async def open_class(self, code: str, timeout: float = 120) -> None:
        try:
            await self.open(query=f"join={code}", page="class", timeout=timeout)
        except SessionError as exc:
            if "no body map" not in str(exc):  # before the first question the page has no map: expected
                raise

    async def close(self) -> None:
        for _, task in self.timers.values():
            task.cancel()
        self.timers.clear()
        if self.follower is not None:
            self.follower.cancel()
        await super().close()

    async def _follow(self) -> None:
        """What ui/component/follow.js does: every `every` ms fetch the class's state from the route; when it
        differs from what the page was drawn for (and was not already reported), trigger `changed`."""
        sent = None
        while self.follow is not None and self.connected:
            comp, fragment, data = self.follow
            await asyncio.sleep(data["every"] / 1000)
            t0 = time.perf_counter()
            try:
                status, kind, body = await http_get_body(self.host, self.port, "/" + data["url"], timeout=10)
            except (OSError, TimeoutError):
                continue
            self.follow_fetches += 1
            self.follow_rtt.append((time.perf_counter(), time.perf_counter() - t0))
            del self.follow_rtt[:-20]
            if not kind.startswith("application/json"):
                raise SessionError(f"the follow route answered {status} {kind!r}: is serve.py running?")
            now = json.dumps(json.loads(body))
            comp, fragment, data = self.follow
            if now != json.dumps(data["drawn"]) and now != sent:
                sent = now
                self.follow_triggers += 1
                with contextlib.suppress(Exception):
                    await self.send_trigger(comp, fragment, "changed", json.loads(now))

    async def _poll(self, fragment: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            if not self.connected:
                return
            await self._send_auto_rerun(fragment)

    async def _send_auto_rerun(self, fragment: str) -> None:
        """What the browser's timer sends: every widget's state, the fragment's id, `is_auto_rerun`."""
        assert self._ws is not None
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        rerun.widget_states.SetInParent()
        rerun.widget_states.widgets.extend(self.widget_states())
        rerun.page_script_hash = self.page_script_hash
        rerun.fragment_id = fragment
        rerun.is_auto_rerun = True
        rerun.cached_message_hashes.extend(self.cache.keys())
        rerun.context_info.CopyFrom(
            context_info(self.url + self.page_name + (f"?{self.query_string}" if self.query_string else ""))
        )
        self.polls_sent += 1
        self.poll_sent_at.setdefault(fragment, []).append(time.perf_counter())
        with contextlib.suppress(Exception):
            await self._ws.send(msg.SerializeToString())

    def _on_message(self, raw: bytes, now: float) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "new_session" and not msg.metadata.run.fragment_ids:
            # A full run: the browser clears its timers (cleanupAutoReruns); the run sends them again.
            for _, task in self.timers.values():
                task.cancel()
            self.timers.clear()
        elif kind == "auto_rerun":
            frag, interval = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            known = self.timers.get(frag)
            if known is None or known[0] != interval:
                if known is not None:
                    known[1].cancel()
                self.timers[frag] = (
                    interval,
                    asyncio.get_running_loop().create_task(self._poll(frag, interval)),
                )
            return
        elif kind == "stop_auto_rerun":
            for frag in msg.stop_auto_rerun.fragment_ids:
                known = self.timers.pop(frag, None)
                if known is not None:
                    known[1].cancel()
            return
        current = self.current
        super()._on_message(raw, now)
        if self.follow is not None and self.follower is None:
            self.follower = asyncio.get_running_loop().create_task(self._follow())
        if kind == "script_finished" and current is not None and current.finished is not None:
            if current.fragment_ids:
                frag = current.fragment_ids[0]
                sent = self.poll_sent_at.get(frag)
                if sent:
                    self.poll_rtt.append((now, now - sent.pop(0)))
                    del sent[:-5]
            else:
                self.full_runs.append((current.started, now))

    def question_seen(self, number: int, since: float) -> float | None:
        """When a run started after `since` first carried the heading of question `number`."""
        prefix = f"Question {number}:"
        for run in self.runs:
            if run.started >= since:
                for text, at in run.headings.items():
                    if text.startswith(prefix):
                        return at
        return None

    async def wait_question(self, number: int, since: float, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while True:
            seen = self.question_seen(number, since)
            if seen is not None and self.map_id:
                return seen
            left = deadline - time.perf_counter()
            if left <= 0 or not self.connected:
                raise SessionError(f"question {number} not shown within {timeout:.0f} s")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))

    async def tap_run(self, view: str, x: float, y: float, timeout: float = 30) -> tuple[float, int | None]:
        """A tap; the time the run it started finished (the map's fragment, or the whole page if the map is
        not in a fragment) and its status."""
        sent = time.perf_counter()
        fragment = self.map_fragment
        posted = ""
        if (
            self.post
        ):  # what ui/component/map.js does on a class's live question: post the tap, then report it
            body = {
                "token": self.post["token"],
                "question": self.post["question"],
                "view": view,
                "x": x,
                "y": y,
            }
            try:
                status, _, said = await http_get_body(self.host, self.port, "/" + self.post["url"], 30, body)
            except (OSError, TimeoutError):
                status, said = 0, b""
            self.posts.append((status, time.perf_counter() - sent))
            if status == 200 and json.loads(said).get("stored") is True:
                posted = "stored"
            elif status == 409:
                posted = "late"
        await self._send_event("position", None, view, x, y, posted=posted)
        deadline = sent + timeout
        while True:
            for run in reversed(self.runs):
                if run.started < sent:
                    break
                ours = not run.fragment_ids or (fragment and fragment in run.fragment_ids)
                if ours and run.finished is not None and run.status in SUCCESS:
                    return run.finished, run.status
            left = deadline - time.perf_counter()
            if left <= 0 or not self.connected:
                raise SessionError(f"the tap's run did not finish within {timeout:.0f} s")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))


@dataclass
class Tap:
    student: str
    token_hint: str
    seen_s: float | None = None  # ask -> question shown
    sent_wall: float = 0.0
    sent_perf: float = 0.0
    finished_s: float | None = None  # sent -> the run that stored it finished
    late: bool = False  # its random moment came before its page showed the question
    problem: str = ""
    xy: tuple[float, float] = (0.0, 0.0)
    post_status: int | None = None  # what the answer route said (None: the page had no route to post to)
    post_s: float | None = None  # sent -> the answer route's reply


class Class:
    """The students, on an event loop in a thread of their own (Playwright's sync API holds the main one)."""

    def __init__(self, url: str, n: int, seed: int) -> None:
        self.url, self.n, self.rng = url, n, random.Random(seed)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.students: list[Student] = []
        self.join_problems: list[str] = []

    def run(self, coro: Any, timeout: float = 600) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    async def _join(self, code: str, parallel: int) -> None:
        gate = asyncio.Semaphore(parallel)

        async def one(i: int) -> None:
            async with gate:
                s = Student(self.url, f"student{i:03d}")
                try:
                    await s.open_class(code)
                except Exception as exc:
                    self.join_problems.append(f"{s.name}: {exc!r}")
                    await s.close()
                    return
                self.students.append(s)

        await asyncio.gather(*(one(i) for i in range(self.n)))

    def warm(self, code: str, direct_urls: Sequence[str]) -> None:
        """One student page opened and closed on each process directly (not counted): its imports and caches
        are loaded before anything is measured."""

        async def one(url: str) -> None:
            s = Student(url, "warm-up")
            await s.open_class(code)
            await s.close()

        async def all_() -> None:
            await asyncio.gather(*(one(u) for u in direct_urls))

        self.run(all_(), timeout=300)

    def join(self, code: str, parallel: int = 6) -> float:
        t0 = time.perf_counter()
        self.run(self._join(code, parallel), timeout=1800)
        return time.perf_counter() - t0

    async def _answer(
        self, number: int, asked: float, view: str, tx: float, ty: float, window: float
    ) -> list[Tap]:
        rng = self.rng
        plan = [
            (
                s,
                asked + rng.uniform(0, window),
                (tx * rng.choice((-1, 1)) + rng.gauss(0, 1.0), ty + rng.gauss(0, 1.3)),
            )
            for s in self.students
        ]

        async def one(s: Student, at: float, xy: tuple[float, float]) -> Tap:
            tap = Tap(s.name, s.sender, xy=xy)
            try:
                seen = await s.wait_question(number, asked, timeout=60)
            except SessionError as exc:
                tap.problem = str(exc)
                return tap
            tap.seen_s = seen - asked
            if at < seen + 0.2:
                tap.late, at = True, seen + 0.2
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            tap.sent_wall, tap.sent_perf = time.time(), time.perf_counter()
            try:
                finished, _ = await s.tap_run(view, *xy)
            except SessionError as exc:
                tap.problem = str(exc)
                return tap
            tap.finished_s = finished - tap.sent_perf
            if s.posts:
                tap.post_status, tap.post_s = s.posts[-1]
            return tap

        return list(await asyncio.gather(*(one(s, at, xy) for s, at, xy in plan)))

    def answer(self, number: int, asked: float, view: str, tx: float, ty: float, window: float) -> list[Tap]:
        taps: list[Tap] = self.run(self._answer(number, asked, view, tx, ty, window))
        return taps

    def poll_stats(self, since: float, until: float) -> dict[str, Any]:
        rtts = [r for s in self.students for (at, r) in s.poll_rtt if since <= at <= until]
        fetches = [r for s in self.students for (at, r) in s.follow_rtt if since <= at <= until]
        return {
            "polls_finished": len(rtts),
            "poll_rtt_ms": dist([r * 1000 for r in rtts]),
            "follow_fetches_kept": len(fetches),
            "follow_fetch_ms": dist([r * 1000 for r in fetches]),
            "follow_fetches_total": sum(s.follow_fetches for s in self.students),
            "follow_triggers_total": sum(s.follow_triggers for s in self.students),
        }

    def errors(self) -> list[str]:
        return [f"{s.name}: {e}" for s in self.students for e in s.errors]

    def close(self) -> None:
        async def all_closed() -> None:
            await asyncio.gather(*(s.close() for s in self.students), return_exceptions=True)

        with contextlib.suppress(Exception):
            self.run(all_closed(), timeout=120)
        self.loop.call_soon_threadsafe(self.loop.stop)


# ---- the servers --------------------------------------------------------------------------------------------


@dataclass
class Target:
    url: str
    db_url: str
    app_pids: dict[str, int]  # process name -> pid
    backends: dict[str, str] = field(default_factory=dict)  # name -> direct URL
    other_pids: dict[str, int] = field(default_factory=dict)  # haproxy, postgres
    description: str = ""


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().split()[0])


@contextmanager
def target(setup: str, script: str) -> Iterator[Target]:
    with ExitStack() as stack:
        if setup == "pg2":
            from deploy.local import CLASS_DB_ENV, proxied_app
            from harness.pgserver import postgres_server

            pg = stack.enter_context(postgres_server())
            db_url = stack.enter_context(pg.fresh_database())
            app = stack.enter_context(proxied_app(script=script, env={CLASS_DB_ENV: db_url}))
            yield Target(
                app.url,
                db_url,
                {b.name: b.pid for b in app.backends},
                {b.name: b.url for b in app.backends},
                {"haproxy": app.haproxy_pid, "postgres": postmaster_pid(pg.data)},
                "2 Streamlit processes behind HAProxy (deploy/haproxy.cfg), PostgreSQL (harness/pgserver.py)",
            )
        elif setup == "sqlite1":
            db = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="acumap-class-"))) / "classes.db"
            db_url = f"sqlite:///{db}"
            url, proc = stack.enter_context(
                streamlit_server_process(script, env={"ACUMAP_CLASS_DB": db_url}, timeout=120)
            )
            yield Target(
                url, db_url, {"app": proc.pid}, {"app": url}, {}, "1 Streamlit process, SQLite (WAL)"
            )
        else:
            raise SystemExit(f"unknown --setup {setup!r}")


def sessions_per_process(tgt: Target) -> dict[str, int]:
    from deploy.local import active_sessions

    out = {}
    for name, url in tgt.backends.items():
        try:
            out[name] = active_sessions(url)
        except Exception:
            out[name] = -1
    return out


# ---- the teacher -------------------------------------------------------------------------------------------


def answered_count(page: Any) -> int | None:
    metric = page.get_by_test_id("stMetric").filter(has_text="Answered").get_by_test_id("stMetricValue")
    try:
        return int(metric.first.inner_text(timeout=2000))
    except Exception:
        return None


def wait_until_settled(page: Any, timeout: float = 60_000) -> None:
    page.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=timeout,
    )


def choose_point(page: Any, pid: str) -> None:
    """Pick the next question's point in the "Point" menu (a react-aria combobox: type, then click the option)."""
    box = page.get_by_role("combobox", name="Point")
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(pid)
    page.get_by_role("option", name=re.compile(rf"^{pid} ·")).first.click()
    page.wait_for_function(
        "(pid) => (document.querySelector('input[aria-label=Point]')?.value || '').startsWith(pid + ' ')",
        arg=pid,
    )
    wait_until_settled(page)


def reveal(page: Any, store: ClassStore, code: str, number: int) -> float | str:
    """Click "Reveal the answer" and wait for the mean error; the seconds it took, or what went wrong (a
    second click after 30 s; the page's screenshot in /tmp when even that did not show it)."""
    t0 = time.perf_counter()
    for attempt in range(2):
        try:
            page.get_by_role("button", name="Reveal the answer").click(timeout=30_000)
        except Exception as exc:
            note(f"reveal click {attempt + 1} failed: {exc!r}"[:300])
        try:
            page.get_by_test_id("stMetric").filter(has_text="Mean error").wait_for(timeout=30_000)
            return time.perf_counter() - t0
        except Exception:
            note(f"Q{number}: no mean error 30 s after reveal click {attempt + 1}")
    shot = f"/tmp/class_scale_reveal_q{number}.png"
    with contextlib.suppress(Exception):
        page.screenshot(path=shot)
    state = store.get(code)
    return f"not shown within 60 s (database: revealed={state.revealed if state else None}; {shot})"


def note(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


# ---- the run -----------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    atlas = load_atlas()
    script = "serve.py"
    load_before = os.getloadavg()
    out: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join([".venv/bin/python -m bench.class_scale", *sys.argv[1:]]),
        "settings": vars(args),
        "code_version": code_version(),
    }
    with target(args.setup, script) as tgt, sync_playwright() as pw:
        out["server"] = tgt.description
        browser = launch_chromium(pw)
        # Chromium runs under Playwright's driver: measured as one tree.
        chromium_pid = playwright_driver_pid()
        pids = {**tgt.app_pids, **tgt.other_pids}
        if chromium_pid:
            pids["chromium"] = chromium_pid
        meter = Meter(pids)
        ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
        if args.setup == "pg2":
            ctx.add_cookies([{"name": "SERVERID", "value": "app1", "url": tgt.url}])
        teacher = ctx.new_page()
        teacher.set_default_timeout(60_000)
        started = time.perf_counter()
        teacher.goto(f"{tgt.url}/class")
        wait_settled(teacher, with_map=False)
        teacher.get_by_role("button", name="Start a class").click()
        code_el = teacher.get_by_text(re.compile(r"^Code: [A-Z2-9]{5}$"))
        code_el.wait_for(timeout=60_000)
        code = code_el.inner_text().split()[-1]
        out["code"] = code
        klass = Class(tgt.url, args.students, args.seed)
        klass.warm(code, list(tgt.backends.values()))  # every process has loaded the app once
        time.sleep(3)
        rss0 = {n: rss_mib(p) for n, p in tgt.app_pids.items()}
        m = meter.read()
        time.sleep(args.baseline)
        m0 = meter.read()
        out["baseline_teacher_only"] = Meter.between(m, m0)

        note(f"class {code}: teacher only measured; joining {args.students} students")
        out["join_s"] = klass.join(code, args.parallel_join)
        note(f"joined {len(klass.students)} in {out['join_s']:.0f} s; idle {args.idle:.0f} s")
        m1 = meter.read()
        out["join_cpu"] = Meter.between(m0, m1)
        out["joined"] = len(klass.students)
        out["join_problems"] = klass.join_problems[:20]
        time.sleep(3)
        out["sessions_per_process"] = sessions_per_process(tgt)
        rss1 = {n: rss_mib(p) for n, p in tgt.app_pids.items()}
        # Idle: everyone polls, nobody taps.
        m2 = meter.read()
        time.sleep(args.idle)
        m3 = meter.read()
        out["idle"] = {**Meter.between(m2, m3), **klass.poll_stats(m2["t"], m3["t"])}
        out["rss_mib"] = {"before_students": rss0, "with_students": rss1}

        store = ClassStore(tgt.db_url)
        questions: list[dict[str, Any]] = []
        for k, pid in enumerate(POINTS[: args.questions], start=1):
            view = atlas.point(pid).view
            mk = shown_marker(atlas, pid)
            if k > 1:
                choose_point(teacher, pid)
            qa = meter.read()
            note(f"Q{k} {pid}: asking")
            label = "Ask the class" if k == 1 else "Ask the next question"
            asked = time.perf_counter()
            teacher.get_by_role("button", name=label).click()
            taps = klass.answer(k, asked, view, mk.x, mk.y, args.window)
            qb = meter.read()
            sent = [t for t in taps if t.sent_perf]
            last_sent = max((t.sent_perf for t in sent), default=asked)
            expected = len(sent)
            shown = answered_count(teacher)
            deadline = time.perf_counter() + 30
            while (shown or 0) < expected and time.perf_counter() < deadline:
                time.sleep(0.05)
                shown = answered_count(teacher)
            shown_after = time.perf_counter() - last_sent
            qc = meter.read()
            # Stored, and when: the database's own record of each answer.
            with store.engine.connect() as db:
                rows = db.execute(
                    select(answers_table.c.x, answers_table.c.y, answers_table.c.at).where(
                        answers_table.c.code == code, answers_table.c.question == k
                    )
                ).all()
            stored = len(rows)
            # tap -> stored: each answer's `at` (the server's clock as it stored it) minus the wall clock as its tap
            # was sent, matched by the tap's position (every tap's is drawn at random, so each is its own).
            at_by_xy = {(round(r.x, 9), round(r.y, 9)): r.at for r in rows}
            stored_lat = [
                at_by_xy[key] - t.sent_wall
                for t in sent
                if (key := (round(t.xy[0], 9), round(t.xy[1], 9))) in at_by_xy
            ]
            unmatched = len(sent) - len(stored_lat)
            revealed_in = reveal(teacher, store, code, k)
            time.sleep(args.pause)
            qd = meter.read()
            questions.append(
                {
                    "number": k,
                    "point": pid,
                    "students": len(klass.students),
                    "sent": expected,
                    "stored": stored,
                    "shown": shown,
                    "late": sum(t.late for t in taps),
                    "problems": [f"{t.student}: {t.problem}" for t in taps if t.problem][:10],
                    "n_problems": sum(bool(t.problem) for t in taps),
                    "seen_s": dist([t.seen_s for t in taps if t.seen_s is not None]),
                    "tap_to_run_finished_ms": dist(
                        [t.finished_s * 1000 for t in taps if t.finished_s is not None]
                    ),
                    "tap_to_stored_ms": dist([x * 1000 for x in stored_lat]),
                    "posted": {
                        str(code): sum(t.post_status == code for t in taps)
                        for code in sorted({t.post_status for t in taps if t.post_status is not None})
                    },
                    "tap_to_route_answered_ms": dist([t.post_s * 1000 for t in taps if t.post_s is not None]),
                    "raw": {
                        "tap_to_stored_ms": [round(x * 1000, 1) for x in stored_lat],
                        "tap_to_run_finished_ms": [
                            round(t.finished_s * 1000, 1) for t in taps if t.finished_s is not None
                        ],
                        "seen_s": [round(t.seen_s, 3) for t in taps if t.seen_s is not None],
                    },
                    "taps_not_found_in_db": unmatched,
                    "answering_s": last_sent - asked,
                    "shown_after_last_tap_s": shown_after,
                    "reveal_shown_s": revealed_in,
                    "cpu_answering": Meter.between(qa, qb),
                    "cpu_until_shown": Meter.between(qb, qc),
                    "cpu_reveal_and_pause": Meter.between(qc, qd),
                }
            )
            out["questions"] = questions
            if args.json:
                args.json.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
            brief = {k: v for k, v in questions[-1].items() if k != "raw" and not k.startswith("cpu")}
            print(json.dumps(brief, default=str), file=sys.stderr, flush=True)
        out["questions"] = questions
        out["class_wall_s"] = (
            time.perf_counter() - started
        )  # the teacher's page opened -> the last pause ended
        out["rss_mib"]["end"] = {n: rss_mib(p) for n, p in tgt.app_pids.items()}
        out["sessions_per_process_end"] = sessions_per_process(tgt)
        out["client_errors"] = klass.errors()[:20]
        out["n_client_errors"] = len(klass.errors())
        out["polls_sent"] = sum(s.polls_sent for s in klass.students)
        out["client_wire_mib"] = sum(s.wire_bytes for s in klass.students) / 2**20
        klass.close()
        browser.close()
    load_after = os.getloadavg()
    out["machine"] = (
        f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    return out


def code_version() -> str:
    """HEAD, and whether the pages and the UI layer had uncommitted edits (others work in this tree)."""
    import hashlib
    import subprocess

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "views", "ui", "acumap", "app.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    page = hashlib.sha256((ROOT / "views" / "classroom.py").read_bytes()).hexdigest()[:10]
    edited = [f for f in dirty if "/" in f or f.endswith(".py")]
    return (
        f"HEAD {head.stdout.strip()}; uncommitted: {', '.join(edited) or 'none'}; views/classroom.py {page}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--setup", choices=("pg2", "sqlite1"), default="pg2")
    ap.add_argument("--students", type=int, default=200)
    ap.add_argument("--questions", type=int, default=4)
    ap.add_argument(
        "--window", type=float, default=10.0, help="each student taps within this many seconds of the ask"
    )
    ap.add_argument(
        "--idle", type=float, default=30.0, help="seconds of idle polling measured before the first question"
    )
    ap.add_argument("--baseline", type=float, default=10.0, help="seconds measured with the teacher only")
    ap.add_argument("--pause", type=float, default=10.0, help="seconds after each reveal")
    ap.add_argument("--parallel-join", type=int, default=6)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    out = run(args)
    text = json.dumps(out, indent=1, default=str)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
