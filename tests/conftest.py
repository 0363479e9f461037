"""Shared fixtures. Every test gets its own archive: none ever touches the user's real one."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsarc.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_f055cd5f58f7f2b2.txt"


# `NEWSARC_TEST_BACKEND=postgres`: the suite's archive (`$NEWSARC_DB`) is a PostgreSQL one,
# each test's its own schema on the test server (tests/pgserver.py); the tests that are about
# a SQLite file itself are marked `sqlite_only` and skipped (issue 20).
ON_POSTGRES = os.environ.get("NEWSARC_TEST_BACKEND") == "postgres"
_schemas = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about the SQLite file itself; skipped on PostgreSQL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ON_POSTGRES:
        skip = pytest.mark.skip(reason="about the SQLite file itself (NEWSARC_TEST_BACKEND)")
        for item in items:
            if item.get_closest_marker("sqlite_only"):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def suite_database() -> Iterator[str]:
    """On PostgreSQL: the database the suite's archives are made in (a schema each)."""
    server = os.environ["NEWSARC_TEST_PG"]
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS newsarc_suite")
        conn.execute("CREATE DATABASE newsarc_suite")
    yield server.replace("/postgres?", "/newsarc_suite?")


@pytest.fixture(autouse=True)
def isolated_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     request: pytest.FixtureRequest) -> Path:
    """Point $NEWSARC_DB and $XDG_DATA_HOME into tmp_path for every test (on PostgreSQL,
    $NEWSARC_DB is a new empty schema of the suite's database)."""
    db = tmp_path / "archive.db"
    monkeypatch.setenv("NEWSARC_DB", str(db))
    if ON_POSTGRES:
        import psycopg

        base = request.getfixturevalue("suite_database")
        schema = f"t{os.getpid()}_{next(_schemas)}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        monkeypatch.setenv("NEWSARC_DB", f"{base}&options=-csearch_path%3D{schema}")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NEWSARC_DAYFIRST", raising=False)  # the user's own choice
    monkeypatch.delenv("NEWSARC_COLLAPSE", raising=False)
    return db


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the real CLI in-process: run("search", "x", input=...)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def corpus(tmp_path: Path, run: Run) -> Path:
    """The test corpus (tests/corpus.py) ingested into this test's archive; returns its folder."""
    from tests.corpus import write_corpus

    folder = write_corpus(tmp_path / "corpus")
    result = run("ingest", str(folder), "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to build inputs in, and the current directory, so paths print short."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder
