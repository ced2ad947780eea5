"""A throwaway PostgreSQL server for the tests, from Debian's binaries (package `postgresql`).

One server per test session: `initdb` into a temporary folder, trust authentication, TCP on a free port of
127.0.0.1 only (no Unix socket), started and stopped with `pg_ctl`. Each test gets a fresh, empty database
(`fresh_database()`); fault tests stop the server under a running class and start it again (`stop()`,
`start()`: same folder, same port, so every URL stays valid).

initdb and postgres refuse to run as root: as root, they run as Debian's `postgres` user (`runuser`), which is
created if it is missing; as any other user, they run as that user.

The server writes its data without fsync: the fault tests stop the server process, not the machine, and a
committed transaction is in the operating system's cache either way.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from harness.serving import free_port

#: Where Debian puts each major version's server binaries (/usr/lib/postgresql/15/bin); ACUMAP_PG_BIN overrides.
DEBIAN_PG = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
RUN_AS = "postgres"  # the operating-system user the server runs as when the tests run as root

SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    "max_connections": "300",  # 60 stores answering at once, each with its own pool, plus the app's processes
    "fsync": "off",
    "full_page_writes": "off",
    "shared_buffers": "32MB",
    "log_min_messages": "warning",
}


def pg_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres (the newest Debian version), or None if not installed."""
    if env := os.environ.get("ACUMAP_PG_BIN"):
        return Path(env)
    versions = sorted(
        (p for p in DEBIAN_PG.glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)],
    )
    if versions:
        return versions[-1]
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, listening on 127.0.0.1:`port`."""

    def __init__(self, root: Path, bin_dir: Path, port: int | None = None) -> None:
        self.root = root
        self.bin = bin_dir
        self.data = root / "data"
        self.logfile = root / "server.log"
        self.port = port or free_port()
        self.run_as = RUN_AS if os.geteuid() == 0 else None
        if self.run_as:
            _ensure_user(self.run_as)
            owner = pwd.getpwnam(self.run_as)
            os.chown(root, owner.pw_uid, owner.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"\n# harness/pgserver.py\nport = {self.port}\n")
            conf.writelines(f"{name} = {value}\n" for name, value in SETTINGS.items())

    # --- the server process ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: "fast" (clients cut off, clean shutdown) or "immediate" (as if it crashed: the next
        start recovers from its write-ahead log)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def running(self) -> bool:
        result = subprocess.run(
            self._cmd("pg_ctl", "-D", str(self.data), "status"), capture_output=True, check=False
        )
        return result.returncode == 0

    # --- databases ---------------------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server (psycopg 3)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new, empty database; its name."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, cutting off whoever is still connected to it."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextmanager
    def fresh_database(self) -> Iterator[str]:
        """A new, empty database for one test; its SQLAlchemy URL. Dropped afterwards (the server is started
        again first if a test left it stopped)."""
        name = self.create_database()
        try:
            yield self.url(name)
        finally:
            if not self.running():
                self.start()
            self.drop_database(name)

    def log_text(self) -> str:
        try:
            return self.logfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    # --- helpers -----------------------------------------------------------------------------------------

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql.encode())

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bin / tool), *args]
        return ["runuser", "-u", self.run_as, "--", *cmd] if self.run_as else cmd

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run(
            self._cmd(tool, *args), capture_output=True, text=True, check=False, cwd=self.root
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{tool} failed ({result.returncode}):\n{result.stdout}{result.stderr}\n"
                f"server log:\n{self.log_text()[-3000:]}"
            )


@contextmanager
def postgres_server(bin_dir: Path | None = None) -> Iterator[PostgresServer]:
    """A running throwaway server; stopped and deleted afterwards."""
    bin_dir = bin_dir or pg_bin()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL is missing: install Debian's postgresql package (scripts/test.sh does)"
        )
    root = Path(tempfile.mkdtemp(prefix="acumap-pg-"))
    try:
        server = PostgresServer(root, bin_dir)
        server.start()
        try:
            yield server
        finally:
            if server.running():
                server.stop("immediate")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _ensure_user(name: str) -> None:
    """Create the system user the server runs as, if this machine has none (Debian's package makes one)."""
    with contextlib.suppress(KeyError):
        pwd.getpwnam(name)
        return
    subprocess.run(
        ["useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        check=True,
    )
