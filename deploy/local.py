"""AcuMap behind HAProxy on this machine: two Streamlit processes and Debian's haproxy with deploy/haproxy.cfg.

    .venv/bin/python -m deploy.local [--port 8080] [--class-db URL]   # then open http://127.0.0.1:8080/ ; Ctrl-C stops

It runs the production config file itself: only the addresses come from the environment (ACUMAP_BIND,
ACUMAP_APP1, ACUMAP_APP2), ACUMAP_LOCAL leaves out the production-only global settings, and HAProxy's log goes to
its standard output (a file here). The two processes are started like every benchmark's server
(`harness.serving.streamlit_server_process`) with one shared `server.cookieSecret` and, with `--class-db`, one
class database (ACUMAP_CLASS_DB, e.g. postgresql+psycopg://acumap@127.0.0.1/acumap). The browser tests
(tests/test_deploy_browser.py, tests/test_class_deploy_browser.py) and `bench/load.py --proxy` use `proxied_app()`.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from harness.serving import free_port, stop_process, streamlit_server_process, wait_until_answers

CONFIG = Path(__file__).resolve().with_name("haproxy.cfg")
#: The `server` lines of the config, in order: the names HAProxy logs and writes into the sticky cookie.
SERVERS = ("app1", "app2")
COOKIE = "SERVERID"
#: The class store's database URL for the Streamlit processes (ui/class_store.py reads it).
CLASS_DB_ENV = "ACUMAP_CLASS_DB"


@dataclass(frozen=True)
class Backend:
    name: str  # the server's name in haproxy.cfg, and its cookie value
    url: str  # the process itself, not through the proxy
    pid: int


@dataclass(frozen=True)
class ProxiedApp:
    url: str  # through HAProxy
    backends: tuple[Backend, ...]
    haproxy_pid: int
    log: Path  # HAProxy's log (one line per request, server name and the SERVERID cookie sent)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def haproxy_binary() -> str | None:
    """The haproxy executable, or None when the Debian package is not installed."""
    return shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if os.access("/usr/sbin/haproxy", os.X_OK) else None
    )


def haproxy_env(port: int, backends: dict[str, str]) -> dict[str, str]:
    """The environment that points deploy/haproxy.cfg at local processes (host:port per server name)."""
    env = {
        **os.environ,
        "ACUMAP_LOCAL": "1",
        "ACUMAP_HAPROXY_LOG": "stdout",
        "ACUMAP_BIND": f"127.0.0.1:{port}",
    }
    for name, address in backends.items():
        env[f"ACUMAP_{name.upper()}"] = address
    return env


def _host_port(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}"


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    wait_until_answers(url, proc, "haproxy", lambda: log.read_text(errors="replace"), timeout)


@contextmanager
def proxied_app(
    script: str | Path = "serve.py",
    extra_args: tuple[str, ...] = (),
    port: int | None = None,
    config: Path = CONFIG,
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
    proxy_env: dict[str, str] | None = None,
) -> Iterator[ProxiedApp]:
    """Start one Streamlit process per server of the config, then HAProxy in front of them; stop all afterwards.

    `env`: more environment for every Streamlit process (ACUMAP_CLASS_DB: the class database they share);
    `proxy_env`: more for HAProxy (ACUMAP_NO_COMPRESSION: the config without its compression, for a benchmark)."""
    binary = haproxy_binary()
    if binary is None:
        raise RuntimeError("haproxy is missing: install Debian's haproxy package")
    # One secret for every process, so a cookie signed by one (st.login) is valid on the others. Streamlit takes
    # it from its config file or the environment only, never from the command line.
    app_env = {**(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    with ExitStack() as stack:
        servers = [
            stack.enter_context(streamlit_server_process(script, env=app_env, extra_args=extra_args))
            for _ in SERVERS
        ]
        port = port or free_port()
        hp_env = haproxy_env(
            port, {name: _host_port(u) for name, (u, _) in zip(SERVERS, servers, strict=True)}
        ) | (proxy_env or {})
        subprocess.run([binary, "-c", "-q", "-f", str(config)], env=hp_env, check=True)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="acumap-haproxy-")))
        log = tmp / "haproxy.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [binary, "-db", "-f", str(config)], env=hp_env, stdout=out, stderr=subprocess.STDOUT
            )

        stack.callback(stop_process, proc)
        url = f"http://127.0.0.1:{port}"
        _wait_http(f"{url}/_stcore/health", proc, log, timeout)
        backends = tuple(Backend(name, u, p.pid) for name, (u, p) in zip(SERVERS, servers, strict=True))
        yield ProxiedApp(url=url, backends=backends, haproxy_pid=proc.pid, log=log)


# One line of HAProxy's `option httplog` format, as far as it is read here: the server that served the request,
# the SERVERID cookie the browser sent ("-" for none), and the request line.
LOG_LINE = re.compile(
    r"\s(?P<backend>[\w.-]+)/(?P<server>[\w.<>-]+)\s\S+\s-?\d+\s\+?\d+\s(?P<cookie>\S+)\s\S+\s.*\"(?P<method>[A-Z]+) (?P<path>\S+)"
)


def served(log_text: str) -> list[dict[str, str]]:
    """Every request HAProxy logged: server, the SERVERID value the browser sent ('' for none), method, path."""
    rows = []
    for line in log_text.splitlines():
        m = LOG_LINE.search(line)
        if m:
            cookie = m["cookie"]
            value = cookie.split("=", 1)[1] if cookie.startswith(f"{COOKIE}=") else ""
            rows.append({"server": m["server"], "cookie": value, "method": m["method"], "path": m["path"]})
    return rows


def active_sessions(backend_url: str) -> int:
    """How many websocket sessions a Streamlit process has open now (its /_stcore/metrics)."""
    with urllib.request.urlopen(f"{backend_url}/_stcore/metrics?families=active_sessions", timeout=5) as resp:
        text = resp.read().decode("utf-8")
    for line in text.splitlines():
        if line.startswith("active_sessions"):
            return int(float(line.split()[-1]))
    raise ValueError(f"no active_sessions in {backend_url}/_stcore/metrics:\n{text}")


def sessions_per_process(app: ProxiedApp) -> dict[str, int]:
    """How many websocket sessions each of the app's processes has open now, by server name."""
    return {b.name: active_sessions(b.url) for b in app.backends}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1")
    parser.add_argument(
        "--class-db",
        metavar="URL",
        help="the class database every process shares (ACUMAP_CLASS_DB), e.g. postgresql+psycopg://acumap@127.0.0.1/acumap",
    )
    args = parser.parse_args()
    env = {CLASS_DB_ENV: args.class_db} if args.class_db else None
    with proxied_app(port=args.port, env=env) as app:
        for b in app.backends:
            print(f"{b.name}: {b.url} (pid {b.pid})")
        print(
            f"AcuMap through HAProxy: {app.url}/  (HAProxy pid {app.haproxy_pid}, log {app.log}); Ctrl-C stops"
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
