"""The archive behind one interface, on SQLite (a file) or PostgreSQL (a server URL).

`open_archive(db)` opens either: `db` is a path for SQLite (`newsarc.store.sqlite`), or a
`postgresql://` URL for PostgreSQL (`newsarc.store.postgres`, which needs the optional
`psycopg`: `pip install 'newsarc[postgres]'`). Both return a `Store`, and the modules above
the store ask it for data through its named methods; the few SQL fragments the query language
composes (the index match, the rank) come from the store's `index` (`store.index`).
"""

from __future__ import annotations

from pathlib import Path

from newsarc.store.sqlite import (
    MIGRATIONS,
    RANK_WEIGHTS,
    ArticleFilter,
    Derived,
    Existing,
    Fts5Index,
    Progress,
    Store,
    archive_error,
    derive,
    derive_index,
    ensure_writable,
    mentions_sql,
    now,
    places_sql,
    sha256_matches,
    tagged_sql,
)
from newsarc.store.sqlite import open_archive as _open_sqlite
from newsarc.store.sqlite import open_damaged as _open_damaged_sqlite

__all__ = [
    "MIGRATIONS", "RANK_WEIGHTS", "ArticleFilter", "Derived", "Existing", "Fts5Index",
    "Progress", "Store", "archive_error", "derive", "derive_index", "ensure_writable",
    "index_syntax", "is_url", "mentions_sql", "now", "open_archive", "open_damaged",
    "open_for_check", "places_sql", "sha256_matches", "tagged_sql",
]


def is_url(db: Path | str) -> bool:
    """Whether `db` names a PostgreSQL archive (`postgresql://...`) rather than a file."""
    text = str(db)
    return text.startswith(("postgresql://", "postgres://"))


def index_syntax(db: Path | str) -> Fts5Index:
    """The full-text index's syntax for the archive at `db`, without opening it (for
    `search --explain`, which needs no archive unless the query names a saved search)."""
    if is_url(db):
        from newsarc.store.postgres import TsIndex

        return TsIndex(None)
    return Fts5Index(None)


def open_archive(
    db: Path | str, *, create: bool = False, readonly: bool = False,
    progress: Progress | None = None,
) -> Store:
    """Open (and on first use create) the archive at `db`, applying pending migrations."""
    if is_url(db):
        from newsarc.store.postgres import open_pg_archive

        return open_pg_archive(str(db), create=create, readonly=readonly, progress=progress)
    return _open_sqlite(Path(db), create=create, readonly=readonly, progress=progress)


def open_damaged(db: Path | str) -> Store:
    """The archive as it is, read-only, however damaged (`check`, `salvage`); a PostgreSQL
    archive is opened as it is, its server answering for its pages."""
    if is_url(db):
        return open_archive(db, readonly=True)
    return _open_damaged_sqlite(Path(db))


def open_for_check(db: Path | str, progress: Progress | None = None) -> Store:
    """The archive, or if it is corrupt, the damaged file as it is (`open_damaged()`)."""
    from newsarc.errors import CorruptArchive

    try:
        return open_archive(db, progress=progress)
    except CorruptArchive:
        return open_damaged(db)
