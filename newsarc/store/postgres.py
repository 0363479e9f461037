"""The PostgreSQL archive (issue 20): the SQLite archive's tables, rows and answers on a server
that several people and jobs share (`--db postgresql://user@host/dbname`).

What is shared and what is not:
- The store's methods are the SQLite store's (`newsarc.store.sqlite.Store`), whose SQL is
  written in the subset both engines run; `_Connection` only respells its `?` parameters as
  psycopg's `%s`. What only one engine can do is overridden here: the full-text index, lists
  of values as one parameter, the checks, the schema.
- The tables are SQLite's, with every text column `COLLATE "C"` (code point order, as SQLite
  compares), each article's `rowid` an identity column, and `articles_fts` one `tsvector` per
  article (`rowid`, `tsv`) under a GIN index.
- The index holds the lexemes SQLite's FTS5 index holds: Python produces them
  (`newsarc.tokens`, proven token for token against FTS5), so PostgreSQL neither tokenizes
  nor stems and every query finds the same articles on both engines. The columns are
  weighted as bm25's column weights are (title A, headings B, body/credit/dateline C, forms
  D) and each starts past the last position of the one before (no phrase spans two). A
  `credit:`/`dateline:` query finds the column's own copies of its words, marked (a
  private-use character before the lexeme). Queries are `tsquery` literals built from the
  same lexemes, quoted by `tokens.lexeme_literal()`: no user text is ever tsquery syntax.
- Ranking is `ts_rank_cd` with the column weights (10:5:1 as bm25's), so the order of
  equally good matches may differ from SQLite's; the articles found do not.

Limits of `tsvector` (PostgreSQL's, stated in the README): positions past 16,383 count as
16,383 and a lexeme keeps its first 256 positions, so a phrase deep inside a very long
article (over ~16,000 words) may be missed here and found on SQLite.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

from newsarc.errors import ArchiveError
from newsarc.models import Article
from newsarc.normalise import acronym_key, exact_in
from newsarc.store.sqlite import (
    _MENTION_TABLES,
    _PLACE_TABLES,
    _STORY_TABLES,
    _TAG_TABLES,
    ALL_ARTICLES,
    ALL_SECTIONS,
    Fts5Index,
    Progress,
    Store,
    _article,
    _joined,
    _no_progress,
    derive_index,
    now,
    sha256_matches,
)

# Index columns as derive_index() gives them: title, headings, body, credit, dateline, forms
WEIGHTS = "ABCCCD"
COLUMN_MARKS = {"credit": "\ue001", "dateline": "\ue002"}  # before the lexeme: prefixes work
_MARK_OF = ("", "", "", COLUMN_MARKS["credit"], COLUMN_MARKS["dateline"], "")
# ts_rank_cd weights for D, C, B, A: bm25's 1 (body, credit, dateline, forms), 5, 10, scaled
RANK = "'{0.1, 0.1, 0.5, 1.0}'"
MAX_POSITION = 16383  # tsvector's
MAX_POSITIONS = 256  # positions a tsvector keeps of one lexeme
NOTHING = "'\ue003'"  # a lexeme no text holds: a term without a token matches nothing


def tsvector(values: Sequence[str]) -> str:
    """The `tsvector` literal of an article's index row (`derive_index().index`)."""
    from newsarc.tokens import lexeme_literal, lexemes

    found: dict[str, list[str]] = {}
    position = 1
    for text, weight, mark in zip(values, WEIGHTS, _MARK_OF, strict=True):
        for lexeme in lexemes(text):
            at = f"{min(position, MAX_POSITION)}{weight}"
            for each in (lexeme, mark + lexeme) if mark else (lexeme,):
                places = found.setdefault(each, [])
                if len(places) < MAX_POSITIONS:
                    places.append(at)
            position += 1
        position += 1  # a gap: a phrase never runs from one column into the next
    return " ".join(f"{lexeme_literal(lexeme)}:{','.join(at)}" for lexeme, at in found.items())


class TsIndex(Fts5Index):
    """The full-text index on PostgreSQL: `tsquery` literals and their SQL (see the module
    docstring; the attributes mean what Fts5Index's do)."""

    syntax = "tsquery"
    raw = False
    tiered = False  # every match is ranked (newsarc.query.RANK_ALL is measured on FTS5)
    members = "SELECT rowid FROM articles_fts WHERE tsv @@ newsarc_q(?)"
    count = "SELECT count(*) FROM articles_fts WHERE tsv @@ newsarc_q(?)"
    top = (f"SELECT f.rowid, -ts_rank_cd({RANK}, f.tsv, q) AS score"
           " FROM articles_fts f, newsarc_q(?) q WHERE f.tsv @@ q ORDER BY score LIMIT ?")
    rank = f"-ts_rank_cd({RANK}, articles_fts.tsv, q)"
    ranked_from = ("articles_fts CROSS JOIN newsarc_q(?) q"
                   " JOIN articles a ON a.rowid = articles_fts.rowid")
    ranked_where = "articles_fts.tsv @@ q"
    scores = (f"SELECT f.rowid, -ts_rank_cd({RANK}, f.tsv, newsarc_q(?)) FROM articles_fts f"
              " WHERE f.rowid BETWEEN ? AND ? AND f.rowid = ANY(CAST(? AS bigint[]))")

    OR, AND, AND_NOT = " | ", " & ", " & !"

    def term(self, term: Any) -> str:
        """A `newsarc.query.Term` as a tsquery: its lexemes as a phrase (`<->`), the last a
        prefix (`:*`) for `word*`; in a column's own copies for `credit:`/`dateline:`; with
        the marked forms of the parts typed in capitals (acronyms), as `Term.fts()`."""
        from newsarc.tokens import lexeme_literal, lexemes

        mark = COLUMN_MARKS.get(term.column or "", "")
        words = [mark + lexeme for lexeme in lexemes(term.text)]
        if not words:
            return NOTHING
        quoted = [lexeme_literal(w) for w in words]
        if term.prefix:
            quoted[-1] += ":*"
        phrase = " <-> ".join(quoted)
        if term.column or not term.caps:
            return phrase
        marks = [" <-> ".join(lexeme_literal(w) for w in lexemes(acronym_key(c))) or NOTHING
                 for c in term.caps]
        if len(term.parts) == 1 and not term.prefix:
            return marks[0]
        return self.all_of([phrase, *marks])

    def exact_sql(self, match: str, pattern: str) -> tuple[str, list[object]]:
        """An exact term: the articles the index finds whose stored text has it, found here
        (`normalise.exact_in()`, as SQLite's newsarc_exact) and given as a list. Without a
        store (`search --explain` reads a query without opening the archive), what it means."""
        if self.store is None:
            return super().exact_sql(match, pattern)
        conn = self.store.conn
        found = []
        for rowid, id, title in conn.execute(
                f"SELECT a.rowid, a.id, a.title FROM articles a WHERE a.rowid IN ({self.members})"
                " ORDER BY a.rowid", (match,)).fetchall():
            if exact_in(title, pattern) or any(
                    exact_in(s.heading, pattern) or exact_in(s.text, pattern)
                    for s in self.store.sections(id)):
                found.append(rowid)
        return "a.rowid = ANY(CAST(? AS bigint[]))", [found]

    def outlet_sql(self, pattern: str) -> tuple[str, list[object]]:
        if self.store is None:
            return super().outlet_sql(pattern)
        rows = self.store.conn.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")
        outlets = [o for (o,) in rows if exact_in(o, pattern)]
        return "a.outlet = ANY(CAST(? AS text[]))", [outlets]


# ---------------------------------------------------------------------------------------------
# The connection: SQLite's spelling of parameters, psycopg underneath


@functools.lru_cache(maxsize=1024)
def _spelled(sql: str) -> str:
    """psycopg's spelling of the store's SQL: `%s` for `?` (no `?` or `%` appears in the
    store's SQL but as a parameter or an operator), `BEGIN` for SQLite's `BEGIN IMMEDIATE`."""
    if sql == "BEGIN IMMEDIATE":
        return "BEGIN"
    return sql.replace("%", "%%").replace("?", "%s")


# The rows a write transaction only appends, which nothing reads back before it ends: held
# and sent with COPY (one stream per table) before the next statement that names the table,
# a savepoint, or the commit. Measured at 20,000 articles: ingest 53.5 -> 47.2 s.
_DEFERRED = {
    "INSERT INTO sections (article_id, position, heading, text) VALUES (?, ?, ?, ?)":
        "sections (article_id, position, heading, text)",
    'INSERT INTO date_mentions (article, position, start, "end", surface, value,'
    " granularity, how, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)":
        'date_mentions (article, position, start, "end", surface, value, granularity, how,'
        " first_day, last_day)",
    'INSERT INTO place_mentions (article, position, start, "end", surface, place, kind)'
    " VALUES (?, ?, ?, ?, ?, ?, ?)":
        'place_mentions (article, position, start, "end", surface, place, kind)',
    "INSERT INTO articles_fts (rowid, tsv) VALUES (?, CAST(? AS tsvector))":
        "articles_fts (rowid, tsv)",
}
_TABLES = {target.split(" ")[0] for target in _DEFERRED.values()}


class _Connection:
    """What the store uses of a `sqlite3.Connection`, on a psycopg connection in autocommit
    mode (the store opens its transactions itself, as on SQLite). An error of the server's
    becomes one line naming the archive (`_archive_error()`), except those of one file's
    rows (`FILE_ERRORS`), which ingest reports for that file alone. Inside a transaction the
    rows of `_DEFERRED` are held and copied (`flush()`)."""

    def __init__(self, raw: Any, label: str) -> None:
        self.raw = raw
        self.label = label
        self.held: dict[str, list[Sequence[object]]] = {}

    def execute(self, sql: str, params: Sequence[object] | Iterable[object] = ()) -> Any:
        import psycopg

        if self.held:
            self._before(sql)
        try:
            return self.raw.execute(_spelled(sql), tuple(params) or None)
        except FILE_ERRORS():
            raise
        except psycopg.Error as exc:
            raise _archive_error(self.label, exc) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> Any:
        import psycopg

        rows = list(rows)
        target = _DEFERRED.get(sql)
        if target is not None and self.in_transaction:
            self.held.setdefault(target, []).extend(rows)
            return None
        if self.held:
            self._before(sql)
        cur = self.raw.cursor()
        if not rows:
            return cur
        try:
            many = _values_of(sql)
            if many is not None and len(rows) > 1:
                # one statement of many VALUES rows: one round trip, not one a row (an
                # article's story keys: 0.41 -> 0.17 ms; ingest of 20,000: 47.2 -> 36.8 s)
                for start in range(0, len(rows), MANY_ROWS):
                    part = rows[start:start + MANY_ROWS]
                    cur.execute(many[0] + ", ".join([many[1]] * len(part)) + many[2],
                                [v for row in part for v in row])
                return cur
            cur.executemany(_spelled(sql), rows)
        except FILE_ERRORS():
            raise
        except psycopg.Error as exc:
            raise _archive_error(self.label, exc) from None
        return cur

    def _before(self, sql: str) -> None:
        """Rows held are copied before a statement that may read or change their tables, a
        savepoint or the commit; a rollback drops them (they were never sent)."""
        if sql.startswith(("ROLLBACK", "ROLLBACK TO")):
            self.held.clear()
        elif sql.startswith(("COMMIT", "SAVEPOINT", "RELEASE")) or any(
                table in sql for table in _TABLES):
            self.flush()

    def flush(self) -> None:
        import psycopg

        held, self.held = self.held, {}
        try:
            cur = self.raw.cursor()
            for target, rows in held.items():
                with cur.copy(f"COPY {target} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        except FILE_ERRORS():
            raise
        except psycopg.Error as exc:
            raise _archive_error(self.label, exc) from None

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()


MANY_ROWS = 1000  # rows in one INSERT of many VALUES


@functools.lru_cache(maxsize=256)
def _values_of(sql: str) -> tuple[str, str, str] | None:
    """An `INSERT ... VALUES (?, ...) [ON CONFLICT ...]` split around its row of values, in
    psycopg's spelling, so that many rows go in one statement; None for any other."""
    found = re.fullmatch(r"(INSERT INTO .*? VALUES )(\((?:\?, )*\?\))(.*)", sql, re.DOTALL)
    if found is None or "?" in found.group(1) + found.group(3):
        return None
    head, row, tail = (_spelled(part) for part in found.groups())
    return head, row, tail


def FILE_ERRORS() -> tuple[type[BaseException], ...]:  # noqa: N802 (a constant, made late)
    """The errors of one file's rows (a NUL character PostgreSQL cannot store, a value out of
    range): ingest stores the other files of the batch."""
    import psycopg

    return (psycopg.IntegrityError, psycopg.DataError, ValueError)


def _archive_error(label: str, exc: Exception) -> ArchiveError:
    import psycopg
    from psycopg import errors

    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return ArchiveError(f"archive {label} is read-only (a hot standby, or a read-only"
                            " session); this command needs to write to it")
    if isinstance(exc, errors.InsufficientPrivilege):
        return ArchiveError(f"archive {label} is read-only for this role ({first}); this"
                            " command needs to write to it")
    if isinstance(exc, (errors.DiskFull, errors.OutOfMemory, errors.ProgramLimitExceeded)):
        return ArchiveError(f"archive {label}: {first}; nothing of the current batch was stored")
    if isinstance(exc, psycopg.OperationalError):
        return ArchiveError(f"archive {label}: the server went away ({first}); nothing of the"
                            " current batch was stored, run the command again")
    return ArchiveError(f"archive {label}: {first}")


def _load_numeric(raw: Any) -> None:
    """`sum()` and `avg()` give `numeric`, which psycopg reads as Decimal: read it as SQLite
    gives it, an int when whole, else a float."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data: Any) -> Any:
            text = bytes(data).decode()
            try:
                return int(text)
            except ValueError:
                return float(text)

    raw.adapters.register_loader("numeric", NumericLoader)


# ---------------------------------------------------------------------------------------------
# The store


class PostgresStore(Store):
    """An open PostgreSQL archive. Construct with `open_pg_archive()`."""

    TEXTS = "(SELECT unnest(CAST(? AS text[])) AS value)"
    INTS = "(SELECT unnest(CAST(? AS bigint[])) AS value)"
    _INDEXED = ("articles_fts", "rowid")

    def __init__(self, conn: _Connection, label: str, readonly: bool,
                 why_readonly: str | None = None) -> None:
        super().__init__(cast(Any, conn), cast(Any, label), readonly)
        self.why_readonly = why_readonly

    def begin(self) -> None:
        """A write transaction, one writer at a time, as on SQLite (`BEGIN IMMEDIATE`): an
        advisory lock held to its end. Without it, two ingests could both find a file's
        article missing and store it twice, or two copies of one story, written at once,
        would each miss the other's story keys. Parsing and extraction, most of the work,
        still run side by side."""
        super().begin()
        self.conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))

    def size_bytes(self) -> int:
        """The archive's tables and their indexes, as the server stores them."""
        return int(self.conn.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'").fetchone()[0])

    def make_index(self) -> TsIndex:
        return TsIndex(self)

    @property
    def file_errors(self) -> tuple[type[BaseException], ...]:
        return FILE_ERRORS()

    def values(self, values: Iterable[object]) -> object:
        return list(values)

    index_row = staticmethod(tsvector)

    def _index(self, rowid: int | None, values: tuple[str, ...], row: str | None = None) -> None:
        self.conn.executemany(
            "INSERT INTO articles_fts (rowid, tsv) VALUES (?, CAST(? AS tsvector))",
            [(rowid, row if row is not None else tsvector(values))])

    def _unindex(self, rowid: int, id: str) -> None:
        self.conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))

    def rebuild_index(self, progress: Progress | None = None) -> int:
        with self.transaction():
            self.conn.execute("DELETE FROM articles_fts")
            rows = self.conn.execute("SELECT rowid, id, title FROM articles").fetchall()
            for done, (rowid, id, title) in enumerate(rows, 1):
                self._index(rowid, derive_index(title, self.sections(id)).index)
                if progress is not None:
                    progress(done, len(rows))
            return len(rows)

    # -- checks ------------------------------------------------------------------------------

    def iter_articles(self) -> Iterator[Article]:
        """Every article in id order, streamed through server-side cursors (psycopg's own
        fetch whole results), in one read transaction: `export` and `copy` hold a few
        hundred articles at a time, however large the archive."""
        raw = cast(_Connection, self.conn).raw
        with raw.transaction():
            articles, sections = raw.cursor(name="newsarc_articles"), raw.cursor(
                name="newsarc_sections")
            articles.itersize = sections.itersize = 500
            articles.execute(ALL_ARTICLES)
            sections.execute(ALL_SECTIONS)
            yield from _joined(articles, sections)

    def rescue(self) -> Iterator[tuple[str, Article | None, str]]:
        """`salvage` from a PostgreSQL archive: the server answers for its pages, so every
        article reads whole (or the command fails with the server's error)."""
        for article in self.iter_articles():
            yield article.id, article, ""

    def _engine_checks(self) -> list[str]:
        return []

    def unchecked(self) -> list[str]:
        return []

    def check_articles(self, quick: bool = False) -> list[str]:
        """Every article's text against its sha256 and its index row against the row its
        text gives (a sample with `quick`, as on SQLite)."""
        from newsarc.store.sqlite import _ARTICLE_COLUMNS, QUICK_MIN, QUICK_SHARE

        total = self.count()
        step = max(1, min(QUICK_SHARE, total // QUICK_MIN)) if quick else 1
        problems: list[str] = []
        rows = self.conn.execute(
            f"SELECT a.rowid, {_ARTICLE_COLUMNS}, f.tsv::text FROM articles a"
            " LEFT JOIN articles_fts f ON f.rowid = a.rowid WHERE a.rowid % ? = 0"
            " ORDER BY a.id", (step,) if step > 1 else (1,)).fetchall()
        for _, *row, stored in rows:
            id, title = row[0], row[2]
            sections = self.sections(id)
            if not sha256_matches(_article(tuple(row), sections)):
                problems.append(f"article {id}: its text does not match its sha256")
                continue  # one line an article, as on SQLite
            if stored is None:
                continue  # reported by the structure checks
            expected = self.conn.execute(
                "SELECT CAST(? AS tsvector)::text",
                (tsvector(derive_index(title, sections).index),)).fetchone()[0]
            if expected != stored:
                problems.append(f"article {id}: its index row does not hold its text")
        return problems


# ---------------------------------------------------------------------------------------------
# Schema: the SQLite archive's tables after m010, in PostgreSQL's words


def _text_in_c(sql: str) -> str:
    """Every text column compared as SQLite compares (code points), whatever the database's
    own collation."""
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)


def _from_sqlite(sql: str) -> str:
    """SQLite's DDL in PostgreSQL's words, for the tables whose migration SQLite's store
    spells once (story clusters, date and place mentions, tags): 64-bit integers, a rowid
    alias as an identity column, double precision, no `WITHOUT ROWID`."""
    sql = sql.replace(") WITHOUT ROWID", ")")
    sql = re.sub(r"\bINTEGER PRIMARY KEY\b",
                 "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)


_SHARED = ";\n".join(_from_sqlite(tables).strip() for tables in (
    _STORY_TABLES, _MENTION_TABLES, _PLACE_TABLES, _TAG_TABLES))

_SCHEMA = _text_in_c(_SHARED + """;

    CREATE TABLE articles (
        rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
        id TEXT PRIMARY KEY,
        date TEXT,
        title TEXT NOT NULL,
        source TEXT,
        source_size BIGINT,
        source_mtime_ns BIGINT,
        sha256 TEXT NOT NULL,
        words BIGINT NOT NULL,
        ingested_at TEXT NOT NULL,
        credit TEXT, dateline TEXT, outlet TEXT, url TEXT, author TEXT, language TEXT, meta TEXT
    );
    CREATE INDEX articles_sha256 ON articles(sha256);
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_date ON articles(date);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE sections (
        article_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        heading TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    );
    CREATE TABLE articles_fts (rowid BIGINT PRIMARY KEY, tsv TSVECTOR NOT NULL);
    CREATE INDEX articles_fts_tsv ON articles_fts USING gin (tsv);
    CREATE TABLE ingests (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        added BIGINT NOT NULL,
        updated BIGINT NOT NULL,
        unchanged BIGINT NOT NULL,
        duplicates BIGINT NOT NULL,
        errors BIGINT NOT NULL
    );
    -- A tsquery literal made by newsarc (never user text: newsarc.tokens quotes each lexeme)
    CREATE FUNCTION newsarc_q(text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT $1::tsquery $$;
    -- SQLite's instr(), which the store's shared SQL uses
    CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
        PARALLEL SAFE AS $$ SELECT strpos($1, $2) $$
""")


def pg001_schema(db: _Connection, progress: Progress) -> None:
    """The whole schema of a new PostgreSQL archive (SQLite's m001-m010 as they stand), with
    the versions of the extractors whose rows it will hold."""
    from newsarc.extract.mentions import VERSION as DATES
    from newsarc.extract.places import VERSION as PLACES
    from newsarc.extract.stories import VERSION as STORIES

    for statement in _SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
    db.executemany("INSERT INTO newsarc_meta (key, value) VALUES (?, ?)",
                   [("stories_version", str(STORIES)), ("timex_version", str(DATES)),
                    ("places_version", str(PLACES))])


MIGRATIONS = [pg001_schema]
_LOCK = 7_346_114_201  # pg_advisory_xact_lock keys: one newsarc migrates at a time,
WRITE_LOCK = 7_346_114_202  # and one writes at a time


def open_pg_archive(url: str, *, create: bool = False, readonly: bool = False,
                    progress: Progress | None = None) -> PostgresStore:
    """Open (and, when the role may, create) the archive in the database at `url`."""
    from newsarc import pg

    label = pg.where(url)
    raw = pg.connect(url)
    raw.autocommit = True
    _load_numeric(raw)
    conn = _Connection(raw, label)
    try:
        if create and not readonly and conn.execute(
                "SELECT current_schema()").fetchone()[0] is None:
            _create_schema(conn)
        why = pg.read_only(raw)
        store = PostgresStore(conn, label, readonly or why is not None, why)
        _prepare(store, create, progress or _no_progress)
    except BaseException:
        raw.close()
        raise
    return store


def _applied(db: _Connection) -> list[str] | None:
    """The migrations applied, or None when the database holds no newsarc archive."""
    exists = db.execute("SELECT to_regclass('newsarc_migrations')").fetchone()[0]
    if exists is None:
        return None
    return [r[0] for r in db.execute("SELECT name FROM newsarc_migrations ORDER BY rowid")]


def _create_schema(db: _Connection) -> None:
    """The schema the URL's search_path names first (`?options=-csearch_path%3Dnews2`: a
    second archive in the same database), created on first use as the archive is."""
    from psycopg import errors, sql

    path = db.execute("SELECT current_setting('search_path')").fetchone()[0]
    name = path.split(",")[0].strip().strip('"')
    try:
        db.raw.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(name)))
    except errors.UniqueViolation:
        pass  # another newsarc made it at the same moment (IF NOT EXISTS does not lock)


def _prepare(store: PostgresStore, create: bool, progress: Progress) -> None:
    """Refuse a database that holds something else or a newer newsarc's archive; create the
    schema on first use (when the role may) and apply pending migrations, one newsarc at a
    time (an advisory lock)."""
    db = cast(_Connection, store.conn)
    known = [m.__name__ for m in MIGRATIONS]
    if db.execute("SELECT current_schema()").fetchone()[0] is None:
        # the URL's search_path names no schema there is (a writer made it on opening)
        raise ArchiveError(f"no archive at {store.path}",
                           hint="run `newsarc ingest PATH` first, or pass --db")
    applied = _applied(db)
    if applied is None:
        tables = db.execute("SELECT count(*) FROM pg_catalog.pg_tables"
                            " WHERE schemaname = current_schema()").fetchone()[0]
        # another newsarc may have committed the archive's tables (newsarc_migrations with
        # them) between the two reads: look again before calling them foreign
        applied = _applied(db) if tables else None
        if tables and applied is None:
            raise ArchiveError(f"{store.path} is a PostgreSQL database but not a newsarc archive"
                               " (it has tables of its own)")
        if applied is None and not create:
            raise ArchiveError(f"no archive at {store.path}",
                               hint="run `newsarc ingest PATH` first, or pass --db")
    unknown = [name for name in applied or [] if name not in known]
    if unknown:
        raise ArchiveError(f"archive {store.path} was written by a newer newsarc (schema"
                           f" {unknown[-1]}); upgrade newsarc to use it")
    if applied is not None and not [m for m in MIGRATIONS if m.__name__ not in applied]:
        return
    if store.readonly:
        raise ArchiveError(f"archive {store.path} needs "
                           + ("creating" if applied is None else "an upgrade")
                           + f" but is read-only ({store.why_readonly or 'opened read-only'})")
    db.execute("BEGIN")
    try:
        db.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK,))
        db.execute("CREATE TABLE IF NOT EXISTS newsarc_migrations (rowid BIGINT GENERATED"
                   ' ALWAYS AS IDENTITY, name TEXT COLLATE "C" PRIMARY KEY, applied_at TEXT)')
        applied = _applied(db) or []  # another newsarc may have migrated meanwhile
        for migration in [m for m in MIGRATIONS if m.__name__ not in applied]:
            migration(db, progress)
            db.execute("INSERT INTO newsarc_migrations (name, applied_at) VALUES (?, ?)",
                       (migration.__name__, now()))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise

