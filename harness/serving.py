"""Run a real Streamlit server and Debian's Chromium for browser tests, screenshots and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ACUMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(
    script: str | Path = "serve.py", env: dict[str, str] | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """Start `streamlit run script` on a free loopback port; yield its URL; stop it afterwards."""
    with streamlit_server_process(script, env=env, timeout=timeout) as (url, _proc):
        yield url


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium through Playwright; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium package (scripts/test.sh does)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# JavaScript that turns a data coordinate of a Plotly chart (found by its Streamlit key) into page pixels;
# n picks a subplot's axes (2 for xaxis2/yaxis2).
DATA_TO_PAGE_JS = """
([key, x, y, n]) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  if (!gd || !gd._fullLayout) return null;
  const fl = gd._fullLayout, box = gd.getBoundingClientRect();
  const xa = fl['xaxis' + (n || '')], ya = fl['yaxis' + (n || '')];
  return [box.left + xa._offset + xa.d2p(x), box.top + ya._offset + ya.d2p(y)];
}
"""


def wait_settled(page: Any, with_map: bool = True, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished its run (no stale elements) and, if asked, the map is laid out."""
    page.wait_for_selector("[data-testid='stMainBlockContainer'] :is(h1, h2, h3, h4)", timeout=timeout)
    if with_map:
        page.wait_for_function(MAP_READY_JS, timeout=timeout)
        page.wait_for_selector("[data-testid=stSelectbox]", timeout=timeout)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        # The app's own styles (app.py's st.html, whose element Streamlit loads a moment after the text it
        # styles: until then a caption has Streamlit's grey, 3.9:1, which axe rightly fails).
        " && [...document.querySelectorAll('style')].some((s) => s.textContent.includes('.st-key-redflags'))",
        timeout=timeout,
    )


# JavaScript: true once the map component has drawn its diagrams and scaled its pixel layer.
MAP_READY_JS = """() => [...document.querySelectorAll('.stBidiComponent [data-testid=stBidiComponentIsolated]')]
  .map((host) => host.shadowRoot && host.shadowRoot.querySelector('svg[data-view]'))
  .some((svg) => !!(svg && svg.style.getPropertyValue('--u')))"""


@contextmanager
def streamlit_server_process(
    script: str | Path = "serve.py",
    env: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
    timeout: float = 60.0,
    port: int | None = None,
    cwd: Path | None = None,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start `streamlit run script` (plus extra command-line options); yield (URL, server process).

    `port` (default: a free one) lets a test restart a server at the same address; `cwd` (default: this checkout)
    runs another checkout's app, so a benchmark can measure the code before a change beside the code after it.

    The server's output goes to a temporary file (never an unread pipe that could fill and block it), so a
    benchmark can read the process's CPU time while it runs for as long as it likes.
    """
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        *extra_args,
    ]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            cmd, cwd=cwd or ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_answers(f"{url}/_stcore/health", proc, "streamlit", lambda: _read(log), timeout)
            yield url, proc
        finally:
            stop_process(proc)


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a process, and kill it if it has not ended within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _read(log: Any) -> str:
    log.seek(0)
    return str(log.read().decode("utf-8", "replace"))


def wait_until_answers(
    url: str, proc: subprocess.Popen[bytes], name: str, output: Callable[[], str], timeout: float
) -> None:
    """Poll `url` until it answers 200; fail with the process's output if it exits, or after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited early:\n{output()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{name} did not answer on {url} within {timeout:.0f} s")
        time.sleep(0.2)


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux, from /proc/<pid>/stat), in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    # After the command name: state is field 3 of stat(5); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


SCROLL_STILL_JS = """() => new Promise((done) => {
  const main = document.querySelector('[data-testid=stMain]');
  let last = -1, still = 0;
  const tick = () => {
    const now = scrollY + (main ? main.scrollTop : 0);
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 10) done(true); else requestAnimationFrame(tick);
  };
  tick();
})"""


def wait_scroll_still(page: Any) -> None:
    """Wait until a smooth scroll has ended (the page has not moved for ten frames)."""
    page.evaluate(SCROLL_STILL_JS)


def wait_for(check: Callable[[], Any], what: str, timeout: float = 15.0) -> Any:
    """Poll `check` until it returns something true; fail with the last value after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still {got!r} after {timeout:.0f} s")
        time.sleep(0.2)
