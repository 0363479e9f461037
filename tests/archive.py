"""The test's archive as a database connection, on whichever backend the suite runs (issue 20).

`connect(isolated_archive)` is `sqlite3.connect(isolated_archive)` on SQLite; with
`NEWSARC_TEST_BACKEND=postgres` it is a connection to the test's PostgreSQL schema
(`$NEWSARC_DB`), in autocommit, that takes the same SQL with `?` parameters. Any other path is a
SQLite file on both backends (an old archive a test builds, the target of a salvage).

`location()` is the archive as the CLI names it (`--db`, salvage's source, messages): the
path on SQLite, the URL on PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

ON_POSTGRES = os.environ.get("NEWSARC_TEST_BACKEND") == "postgres"


def location() -> str:
    """The test's archive as `$NEWSARC_DB` names it: a path, or a PostgreSQL URL."""
    return os.environ["NEWSARC_DB"]


def label() -> str:
    """The test's archive as newsarc names it in messages and `stats`: its path, or on
    PostgreSQL its URL without a password (`newsarc.pg.where()`)."""
    if ON_POSTGRES:
        from newsarc.pg import where

        return where(location())
    return location()


def _is_the_archive(db: Path | str) -> bool:
    """Is `db` the test's own archive (conftest's `isolated_archive`, `tmp_path/archive.db`,
    which on PostgreSQL names no file: `$NEWSARC_DB` is a schema there)?"""
    if str(db) == location():
        return True
    xdg = os.environ.get("XDG_DATA_HOME")  # conftest's tmp_path / "xdg"
    return xdg is not None and Path(db) == Path(xdg).parent / "archive.db"


def made() -> bool:
    """Has anything made the test's archive (a file at its path; on PostgreSQL, a table in
    its schema)? For the commands that must not create one."""
    if not ON_POSTGRES:
        return Path(location()).exists()
    with PgConnection(location()) as conn:
        return bool(conn.execute("SELECT count(*) FROM pg_catalog.pg_tables"
                                 " WHERE schemaname = current_schema()").fetchone()[0])


def fingerprint() -> str:
    """A digest of all the test's archive holds: its file's bytes; on PostgreSQL, every row of
    every table of its schema (for the commands that must change nothing)."""
    import hashlib

    if not ON_POSTGRES:
        return hashlib.sha256(Path(location()).read_bytes()).hexdigest()
    digest = hashlib.sha256()
    with PgConnection(location()) as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
            " ORDER BY tablename")]
        for table in tables:
            rows = conn.execute(f'SELECT t::text FROM "{table}" t ORDER BY 1').fetchall()
            digest.update(repr((table, rows)).encode())
    return digest.hexdigest()


class PgConnection:
    """What the tests use of a `sqlite3.Connection`, on psycopg in autocommit: `?`
    parameters, `execute()`/`executemany()` giving cursors, `commit()`/`rollback()` as no-ops
    (every statement commits, unless the test says BEGIN itself), a context manager that
    closes."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.raw = psycopg.connect(url, autocommit=True)

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        from newsarc.store.postgres import _spelled

        if not params:  # no parameters: psycopg reads the SQL as written (`%` is itself)
            return self.raw.execute(sql)
        return self.raw.execute(_spelled(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> Any:
        from newsarc.store.postgres import _spelled

        cur = self.raw.cursor()
        cur.executemany(_spelled(sql), list(rows))
        return cur

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def connect(db: Path | str | None = None, **kwargs: Any) -> Any:
    """The archive `db` (default: the test's own) as a DB-API-ish connection: a
    `sqlite3.Connection` (with `kwargs`, e.g. isolation_level=None), or on PostgreSQL, for the
    test's own archive, a `PgConnection`."""
    target = location() if db is None else db
    if ON_POSTGRES and _is_the_archive(target):
        return PgConnection(location())
    return sqlite3.connect(target, **kwargs)


def errors() -> tuple[type[BaseException], ...]:
    """The errors a statement on the test's archive may raise, on either backend."""
    if ON_POSTGRES:
        import psycopg

        return (sqlite3.Error, psycopg.Error)
    return (sqlite3.Error,)


def delete_every_second(table: str, where: str = "") -> str:
    """A DELETE of every second row of `table` in the order they were written (SQLite's
    rowid; on PostgreSQL, whose mention tables have no rowid, their place on disk), among
    those `where` allows: damage that spans several articles."""
    also = f" AND {where}" if where else ""
    if ON_POSTGRES:
        inner = f" WHERE {where}" if where else ""
        return (f"DELETE FROM {table} WHERE ctid IN (SELECT ctid FROM (SELECT ctid,"
                f" row_number() OVER (ORDER BY ctid) AS n FROM {table}{inner}) AS r"
                " WHERE n % 2 = 0)")
    return f"DELETE FROM {table} WHERE rowid % 2 = 0{also}"
