"""Shared fixtures. Every test gets its own archive: none ever touches the user's real one."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from typer.testing import CliRunner, Result

from newsarc.cli import app

if TYPE_CHECKING:
    from tests.pgserver import PgServer

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


@pytest.fixture(scope="session")
def suite_database(request: pytest.FixtureRequest) -> str:
    """On PostgreSQL: the database the suite's archives are made in (a schema each), on the
    session's throwaway server (or the server $NEWSARC_TEST_PG names, a postgres URL)."""
    import psycopg

    given = os.environ.get("NEWSARC_TEST_PG")
    server = given or request.getfixturevalue("pg_server").url("postgres")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS newsarc_suite")
        conn.execute("CREATE DATABASE newsarc_suite")
    return server.replace("/postgres?", "/newsarc_suite?")


@pytest.fixture(autouse=True)
def isolated_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     request: pytest.FixtureRequest) -> Path:
    """Point $NEWSARC_DB and $XDG_DATA_HOME into tmp_path for every test (on PostgreSQL,
    $NEWSARC_DB is a new empty schema of the suite's database)."""
    db = tmp_path / "archive.db"
    monkeypatch.setenv("NEWSARC_DB", str(db))
    if ON_POSTGRES:
        base = request.getfixturevalue("suite_database")
        schema = f"t{os.getpid()}_{next(_schemas)}"  # newsarc creates it on first use
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


# A real PostgreSQL server (issue 20): tests/pgserver.py starts one per session, on demand.
# Without the server's programs or psycopg, the tests that use it skip with one line, unless
# NEWSARC_REQUIRE_PG=1 (CI), where they fail instead.

REQUIRE_PG = "NEWSARC_REQUIRE_PG"


def pg_unavailable(reason: str) -> NoReturn:
    """Skip the test (or fail it, under NEWSARC_REQUIRE_PG=1) for want of PostgreSQL."""
    if os.environ.get(REQUIRE_PG) == "1":
        pytest.fail(f"{reason} ({REQUIRE_PG}=1)", pytrace=False)
    pytest.skip(f"{reason}; set {REQUIRE_PG}=1 to fail instead")


def pg_missing() -> str | None:
    """Why this machine cannot run the PostgreSQL tests, or None."""
    import importlib.util

    from tests import pgserver

    if importlib.util.find_spec("psycopg") is None:
        return "psycopg is not installed (pip install 'newsarc[postgres]')"
    try:
        pgserver.find_bindir()
    except pgserver.Unavailable as exc:
        return str(exc)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, skip the tests marked sqlite_only. Without PostgreSQL, mark the tests
    that need its server skipped before they start: pytest then folds their reports into
    one line per file (`SKIPPED [12] tests/test_pg.py: ...`)."""
    if ON_POSTGRES:  # the suite on PostgreSQL: tests about the SQLite file itself are skipped
        only = pytest.mark.skip(reason="about the SQLite file itself (NEWSARC_TEST_BACKEND)")
        for item in items:
            if item.get_closest_marker("sqlite_only"):
                item.add_marker(only)
    needing = [item for item in items if "pg_server" in getattr(item, "fixturenames", ())]
    if not needing or os.environ.get(REQUIRE_PG) == "1":
        return
    reason = pg_missing()
    if reason is not None:
        skip = pytest.mark.skip(reason=f"{reason}; set {REQUIRE_PG}=1 to fail instead")
        for item in needing:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server for the whole session (tests/pgserver.py): `.url(dbname,
    user="postgres", password=None)`, `.createdb(name)`, `.dropdb(name)`, `.fresh_db()`,
    `.psql(sql, params, db="postgres")`, `.standby()` (a hot standby with the same methods
    and `.catch_up()`)."""
    from tests import pgserver

    reason = pg_missing()
    if reason is not None:
        pg_unavailable(reason)
    try:
        server = pgserver.start(pgserver.find_bindir())
    except pgserver.Unavailable as exc:  # root, with no way to run the server as another user
        pg_unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test: its URL.
    libpq's environment (PGHOST, PGPASSWORD, ...) and ~/.pgpass are the test's own."""
    for name in list(os.environ):
        if name.startswith("PG"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    dbname = pg_server.fresh_db()
    yield pg_server.url(dbname)
    pg_server.dropdb(dbname)


@pytest.fixture(scope="module")
def pg_module_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh database for a whole test module (an archive its tests share, read only)."""
    dbname = pg_server.fresh_db()
    yield pg_server.url(dbname)
    pg_server.dropdb(dbname)
