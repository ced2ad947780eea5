"""AcuMap behind HAProxy with the deployment's own config (deploy/haproxy.cfg): two Streamlit processes, one
address, each browser kept on one process by the SERVERID cookie, websockets through the proxy.

Runs in CI (marker `browser`) with Debian's `haproxy` package (scripts/test.sh installs it); skipped only when the
haproxy binary is absent. Which process holds a browser's websocket is read from the processes themselves
(`/_stcore/metrics`, active sessions), and where every request went from HAProxy's log.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from acumap.body import anatomy
from deploy.local import (
    COOKIE,
    SERVERS,
    ProxiedApp,
    haproxy_binary,
    proxied_app,
    served,
    sessions_per_process,
)
from harness.mapdom import client_xy
from harness.serving import wait_for, wait_settled

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        haproxy_binary() is None, reason="haproxy is not installed (Debian package `haproxy`)"
    ),
]
TIMEOUT = 30_000
MIDDLE_BACK_LEFT = (-anatomy.cun_to_cm(2.25), anatomy.level_y("T10"))


@pytest.fixture
def proxied() -> Iterator[ProxiedApp]:
    with proxied_app() as app:
        yield app


def open_app(browser: Any, url: str) -> tuple[BrowserContext, Page]:
    """A new browser profile (its own cookies) with the body map loaded through the proxy."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{url}/")
    wait_settled(page)
    return ctx, page


def sticky_cookie(ctx: BrowserContext) -> dict[str, Any]:
    found = [c for c in ctx.cookies() if c["name"] == COOKIE]
    assert len(found) == 1, f"no {COOKIE} cookie set by the proxy: {ctx.cookies()}"
    return dict(found[0])


def test_cookie_keeps_each_browser_on_one_process_and_spreads_browsers(
    proxied: ProxiedApp, browser: Any
) -> None:
    # A first browser: the proxy sets SERVERID on the page, and the websocket is open on that process only.
    ctx1, page1 = open_app(browser, proxied.url)
    first = sticky_cookie(ctx1)
    assert first["value"] in SERVERS
    assert first["httpOnly"], "the sticky cookie is for the proxy only: HttpOnly"
    other = next(s for s in SERVERS if s != first["value"])
    wait_for(
        lambda: sessions_per_process(proxied) == {first["value"]: 1, other: 0},
        f"one websocket session on {first['value']}, none on {other}",
    )

    # The app works through the proxy: a click on the map shows the region's panel (over the websocket).
    page1.mouse.click(*client_xy(page1, "back", *MIDDLE_BACK_LEFT))
    expect(page1.get_by_role("heading", name="Middle back, left side")).to_be_visible()

    # A second browser from the same address (one school network: one IP) lands on the other process.
    ctx2, _page2 = open_app(browser, proxied.url)
    second = sticky_cookie(ctx2)
    assert second["value"] == other, "two browsers from one IP address must be spread over the processes"
    wait_for(
        lambda: sessions_per_process(proxied) == {first["value"]: 1, other: 1},
        "one websocket session on each process",
    )

    # A reload keeps its process: same cookie, and the first process again holds one session, the other one.
    page1.reload()
    wait_settled(page1)
    expect(
        page1.get_by_role("heading", name="Middle back, left side")
    ).to_be_visible()  # the link kept the region
    assert sticky_cookie(ctx1)["value"] == first["value"]
    wait_for(
        lambda: sessions_per_process(proxied) == {first["value"]: 1, other: 1},
        "after a reload, still one websocket session on each process",
    )
    ctx1.close()
    ctx2.close()

    # HAProxy's log: every request that carried the cookie (page assets, health, host config, the websocket) was
    # served by the process it names; both browsers' websockets went through. (A websocket is logged when it
    # closes, hence after the contexts are closed.)
    def logged_streams() -> list[dict[str, str]]:
        return [r for r in served(proxied.log_text()) if r["path"].startswith("/_stcore/stream")]

    streams = wait_for(lambda: len(logged_streams()) >= 3 and logged_streams(), "three websockets in the log")
    assert {(r["cookie"], r["server"]) for r in streams} == {(first["value"], first["value"]), (other, other)}
    with_cookie = [r for r in served(proxied.log_text()) if r["cookie"]]
    assert len(with_cookie) > 20, "the browsers' asset requests carried the cookie"
    strays = [r for r in with_cookie if r["cookie"] != r["server"]]
    assert not strays, f"requests served by another process than their cookie names: {strays[:5]}"


def test_a_dead_process_is_taken_out_and_its_browsers_move(proxied: ProxiedApp, browser: Any) -> None:
    ctx, page = open_app(browser, proxied.url)
    gone = sticky_cookie(ctx)["value"]
    backend = next(b for b in proxied.backends if b.name == gone)
    os.kill(backend.pid, signal.SIGKILL)
    # The health check notices (Streamlit's /_stcore/health no longer answers) and takes the process out.
    wait_for(lambda: f"acumap/{gone} is DOWN" in proxied.log_text(), f"HAProxy marks {gone} DOWN")

    # The same browser reloads: the proxy ignores its stale cookie, serves it from the live process, and says so.
    page.reload()
    wait_settled(page)
    moved = sticky_cookie(ctx)["value"]
    assert moved != gone
    page.mouse.click(*client_xy(page, "back", *MIDDLE_BACK_LEFT))
    expect(page.get_by_role("heading", name="Middle back, left side")).to_be_visible()
    ctx.close()
