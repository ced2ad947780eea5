"""Shared fixtures: small data sets built in code, and a broken-data builder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from acumap.atlas.data import LINK_COLUMNS, POINT_COLUMNS
from tests.builders import ROOT, hand_row, point_row, write_csv

DATA = ROOT / "data"


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """Write points.csv and region_points.csv into a fresh folder and return it."""

    def make(
        points: list[dict[str, str]] | None = None,
        links: list[dict[str, str]] | None = None,
        point_columns: tuple[str, ...] | list[str] = POINT_COLUMNS,
    ) -> Path:
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        pts = points if points is not None else [point_row(), hand_row()]
        lks = (
            links
            if links is not None
            else [
                {"region": "middle_back", "point_id": "BL18", "role": "local", "why": "On the painful area."},
                {
                    "region": "middle_back",
                    "point_id": "LI4",
                    "role": "distal",
                    "why": "Classic distal point.",
                },
            ]
        )
        write_csv(folder / "points.csv", point_columns, pts)
        # The optional columns (basis, plain) where a row has them.
        extra = [k for row in lks for k in row if k not in LINK_COLUMNS]
        write_csv(folder / "region_points.csv", [*LINK_COLUMNS, *dict.fromkeys(extra)], lks)
        return folder

    return make


@pytest.fixture
def real_data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data that a test may break."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    """The real app on a fresh Streamlit server (one per test module)."""
    from harness.serving import streamlit_server

    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (one per test module)."""
    from playwright.sync_api import sync_playwright

    from harness.serving import launch_chromium

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A throwaway PostgreSQL server from Debian's binaries, one per test session (harness/pgserver.py)."""
    from harness.pgserver import pg_bin, postgres_server

    if pg_bin() is None:
        pytest.skip("PostgreSQL is not installed (Debian package `postgresql`; scripts/test.sh installs it)")
    with postgres_server() as server:
        yield server


@pytest.fixture
def postgres_url(pg_server: Any) -> Iterator[str]:
    """The SQLAlchemy URL of a fresh, empty database on the session's PostgreSQL server (dropped afterwards)."""
    with pg_server.fresh_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def class_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty class database, once on each backend the class store serves: an SQLite file, and a new
    database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'classes.db'}"
    return str(request.getfixturevalue("postgres_url"))
