"""First visit on a phone on slow Wi-Fi, through the deployment recipe: AcuMap against the minimal Streamlit app.

Both apps are served the way docs/deploy.md deploys AcuMap: two Streamlit processes behind HAProxy with
deploy/haproxy.cfg (`deploy.local.proxied_app`), once with the config's compression and once without it
(ACUMAP_NO_COMPRESSION), so a run says what compression buys. Chromium emulates the DevTools "Fast 3G" profile
(562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up) and a phone's CPU (4× slowdown), through the DevTools
protocol; a fresh browser context is a first visit (empty cache), a second navigation in it a returning visitor.

Every time is taken in the page with `performance.now()`, from navigation start to the first animation frame in
which the app can be used: AcuMap's map drawn and its overview heading shown; the minimal app's chart drawn and
"Clicked nothing" shown. Bytes on the wire are the DevTools protocol's encoded lengths of every HTTP response
(headers included, as compressed on the wire) plus the WebSocket messages received until ready (their
payloads after permessage-deflate is undone: Chromium reports them decompressed, so compression on the
WebSocket is not counted here).

    .venv/bin/python -m bench.first_load [--visits 4] [--json FILE]
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import platform
import statistics
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from bench.click_latency import ACUMAP_READY_JS, MINIMAL_READY_JS, chromium_version, first_render_init, p95
from deploy.local import proxied_app
from harness.serving import launch_chromium

#: Chromium DevTools' "Fast 3G" preset (front_end/core/sdk/NetworkManager.ts): 1.6 Mbit/s down and 750 kbit/s up
#: times 0.9, and 150 ms of round trip times 3.75.
FAST_3G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
CPU_SLOWDOWN = 4
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@dataclass
class Visit:
    ms: float
    http_bytes: int
    ws_bytes: int
    requests: int
    by_type: dict[str, int]


@dataclass
class Series:
    app: str
    compression: bool
    first: list[Visit] = field(default_factory=list)
    returning: list[Visit] = field(default_factory=list)


@contextmanager
def served(script: str, compression: bool) -> Iterator[str]:
    env = {} if compression else {"ACUMAP_NO_COMPRESSION": "1"}
    with proxied_app(script, proxy_env=env) as app:
        yield app.url


def visit(browser: Browser, url: str, ready_js: str, returning: bool) -> tuple[Visit, Visit | None]:
    """A first visit in a fresh context (and, if asked, a returning one in the same context)."""
    ctx = browser.new_context(**PHONE)  # type: ignore[arg-type]
    try:
        page = ctx.new_page()
        page.add_init_script(first_render_init(ready_js))
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", FAST_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        seen = {"http": 0, "ws": 0, "requests": 0}
        kinds: dict[str, str] = {}
        by_type: dict[str, int] = {}

        def on_response(event: dict[str, Any]) -> None:
            mime = event["response"].get("mimeType", "")
            kinds[event["requestId"]] = mime.split("/")[-1].replace("x-", "") or "other"

        def on_finished(event: dict[str, Any]) -> None:
            size = int(event.get("encodedDataLength") or 0)
            seen["http"] += size
            seen["requests"] += 1
            kind = kinds.get(event["requestId"], "other")
            by_type[kind] = by_type.get(kind, 0) + size

        def on_frame(event: dict[str, Any]) -> None:
            response = event["response"]
            data = response.get("payloadData", "")
            seen["ws"] += len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data.encode())

        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.webSocketFrameReceived", on_frame)
        runs: list[Visit] = []
        for _ in range(2 if returning else 1):
            seen.update(http=0, ws=0, requests=0)
            by_type.clear()
            page.goto(url, wait_until="commit", timeout=180_000)
            page.wait_for_function("() => window.__firstRender !== undefined", timeout=180_000, polling=100)
            ms = float(page.evaluate("() => window.__firstRender"))
            runs.append(Visit(ms, seen["http"], seen["ws"], seen["requests"], dict(by_type)))
        return runs[0], runs[1] if returning else None
    finally:
        ctx.close()


def stats(visits: list[Visit]) -> dict[str, Any]:
    times = [v.ms for v in visits]
    return {
        "n": len(visits),
        "median_ms": statistics.median(times),
        "p95_ms": p95(times),
        "http_bytes_median": statistics.median(v.http_bytes for v in visits),
        "ws_bytes_median": statistics.median(v.ws_bytes for v in visits),
        "requests_median": statistics.median(v.requests for v in visits),
        "bytes_by_type_first_sample": visits[0].by_type,
        "samples_ms": [round(t) for t in times],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    apps = (("acumap", "serve.py", ACUMAP_READY_JS), ("minimal", "bench/minimal_app.py", MINIMAL_READY_JS))
    series = {(a, c): Series(a, c) for a, _, _ in apps for c in (True, False)}
    with ExitStack() as stack:
        urls = {
            (name, c): stack.enter_context(served(script, c))
            for name, script, _ in apps
            for c in (True, False)
        }
        pw = stack.enter_context(sync_playwright())
        browser = launch_chromium(pw)
        stack.callback(browser.close)
        # Warm each server once (Streamlit's first run imports the app), unmeasured.
        for (name, _c), url in urls.items():
            visit(browser, url, dict((a, r) for a, _, r in apps)[name], returning=False)
        # The four setups take turns, visit by visit, the order rotating.
        keys = list(urls)
        for i in range(args.visits):
            for j in range(len(keys)):
                name, c = keys[(i + j) % len(keys)]
                first, again = visit(browser, urls[(name, c)], dict((a, r) for a, _, r in apps)[name], True)
                series[(name, c)].first.append(first)
                if again:
                    series[(name, c)].returning.append(again)
    results = {
        f"{s.app}_{'gzip' if s.compression else 'plain'}": {
            "first": stats(s.first),
            "returning": stats(s.returning),
        }
        for s in series.values()
    }
    a, m = results["acumap_gzip"], results["minimal_gzip"]
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after",
        "browser": chromium_version(),
        "profile": {"network": FAST_3G, "cpu_slowdown": CPU_SLOWDOWN, "viewport": PHONE["viewport"]},
        "visits": args.visits,
        "results": results,
        "ratios": {
            "first_median_vs_minimal": a["first"]["median_ms"] / m["first"]["median_ms"],
            "first_p95_vs_minimal": a["first"]["p95_ms"] / m["first"]["p95_ms"],
            "returning_median_vs_minimal": a["returning"]["median_ms"] / m["returning"]["median_ms"],
            "compression_first_median": a["first"]["median_ms"]
            / results["acumap_plain"]["first"]["median_ms"],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--visits", type=int, default=4, help="measured first visits per app and setting")
    parser.add_argument("--json", metavar="FILE", help="also write the JSON here")
    args = parser.parse_args()
    out = run(args)
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
