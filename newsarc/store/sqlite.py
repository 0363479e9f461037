"""The SQLite archive: schema, migrations, writes and the FTS5 index.

The `Store` here is also the PostgreSQL store's (`newsarc.store.postgres` subclasses it):
its SQL is written in what both engines run (`RETURNING`, `ON CONFLICT`, a list of values as
one parameter through `TEXTS`/`INTS`/`values()`, no SQLite-only functions), with `?` for
parameters; what only SQLite does (FTS5, PRAGMAs, the checks of the file) is in methods the
PostgreSQL store overrides, and the SQL the query language composes is `Fts5Index`'s.

Layout (an ordinary SQLite file that `sqlite-utils` and Datasette open as it is):

- `articles`: one row per article (id, date at its precision, title, sha256, words ...):
  `source` is the path it was last read from (`stdin:ID` for standard input), kept current
  when its folder moves; `outlet`, `url`, `author`, `language` its metadata, `meta` a JSON
  object of any other metadata keys (m005).
- `sections`: the text, stored once: one row per section, position 0 the lede.
- `articles_fts`: an FTS5 index with one row per article (rowid = articles.rowid) over
  `title`, `headings`, `body`, the lede's `credit` and `dateline`, and `forms`, a hidden column
  of other forms of the text's words (acronyms as written in capitals, marked so that a query
  typed in capitals finds only them; names after O'/D'/L': see `normalise.forms()`). newsarc
  fills it itself in the same transaction as the rows, with text that went through
  `normalise.fold()`; content triggers halved ingest speed.
  It is contentless (`content=''`): it holds no copy of the text (that is in `sections`), so
  `SELECT * FROM articles_fts` gives the rowid and empty columns, and sqlite-utils' and
  Datasette's table pages, `rows` and `tables --counts` work on it. Its SQL carries the
  comment `content="articles"`, the spelling by which sqlite-utils' `detect_fts()` and
  Datasette find a table's index, so `sqlite-utils search archive.db articles QUERY` and
  Datasette's search box on `articles` use it. Their queries are phrases of the tokenizer's
  tokens (`"O'Sullivan"` is `o sullivan`): `forms` also holds the words that `fold()` changes
  as written (`normalise.folded_words()`), so they find those words too.
- `date_mentions`: the dates each article's text mentions (m008, issue 15), one row each:
  `article` (= articles.rowid), `position` (its section), `start`/`end` (offsets into that
  section's text), `surface`, `value`, `granularity`, `how`, and `first_day`/`last_day`, the
  ISO days the value covers, which filters and timelines compare.
- `places`, `place_names`, `place_mentions` (m009, issue 17): the gazetteer's places the
  articles name (`key` its GeoNames id, or `COUNTRY:name`; `kind` country/region/city;
  `admin1` a US state's code), every normalised spelling and demonym of each
  (`places.names_of()`), and those of the places that hold it (`within` 1: its country's,
  a US city's state's), so `place:NAME` needs no gazetteer; and one row per mention:
  `article`, `position`, `start`/`end` (offsets into that section's text), `surface`,
  `place`, `kind` (name/metonym/adjectival).
- `tags`: a user's tags on articles (m010, issue 19), one row per article and tag: `article`
  (= articles.rowid, kept by a re-ingest that updates it), `tag` as first written and `key`,
  its `str.casefold()`, which matching and identity use (`Iraq/Mosul` and `iraq/mosul` are one
  tag; `tag:iraq` finds `key = 'iraq'` and every key under `iraq/`).
- `saved_searches`: queries stored by name (m010): `name` as written, `key` its casefold,
  `query`, `since`/`until` as typed (read when used), `created`.
- `newsarc_meta`: keys of the archive's own (`timex_version`, `places_version`: the extractor
  versions that found the stored mentions; `newsarc reindex --dates`/`--places` finds them
  again when they change).
- `newsarc_migrations`: the named migrations applied, in order.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsarc.errors import ArchiveError, CorruptArchive, NotFound, UsageError
from newsarc.models import NO_META, Article, Mention, Meta, Place, PlaceCount, PlaceMention, Section
from newsarc.normalise import TOKENIZE, exact_in, fold, forms

if TYPE_CHECKING:
    from newsarc.extract.stories import Story
    from newsarc.userdata import SavedSearch, TagCount, Tagged

BUSY_TIMEOUT_MS = 10_000  # how long to wait for another newsarc's write lock
# bm25 weights of the index's columns: a match in a title or heading says more about an
# article than one in its body. Stored as the FTS5 table's `rank`, so sqlite-utils and
# Datasette, which order by rank, rank as newsarc does.
RANK_WEIGHTS = "10.0, 5.0, 1.0, 1.0, 1.0, 1.0"  # title, headings, body, credit, dateline, forms
QUICK_SHARE = 100  # `check --quick` checks one article in this many ...
QUICK_MIN = 100  # ... and at least this many (all of a smaller archive)
QUICK_WORDS = 12  # and of each column of their index rows, the first words
TAG_ORDER = "\x01"  # tags sort with `/` read as this: a parent before its children
PAGE_SIZE = 16384  # measured: 1.22x faster ingest and a smaller file than the 4096 default


# ---------------------------------------------------------------------------------------------
# Migrations: append only. Each takes a connection inside a transaction.


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run DDL statements one by one: executescript() would commit the migration's transaction."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


Progress = Callable[[int, int], None]  # (done, total): a long migration reports as it goes


def _no_progress(done: int, total: int) -> None:
    pass


def m001_initial(db: sqlite3.Connection, progress: Progress) -> None:
    _script(
        db,
        f"""
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            date TEXT,
            title TEXT NOT NULL,
            source TEXT,
            source_size INTEGER,
            source_mtime_ns INTEGER,
            sha256 TEXT NOT NULL,
            words INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_sha256 ON articles(sha256);
        CREATE INDEX articles_source ON articles(source);
        CREATE INDEX articles_date ON articles(date);
        CREATE TABLE sections (
            article_id TEXT NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            heading TEXT,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, headings, body,
            content='articles', tokenize='{TOKENIZE}'
        );
        INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)')
        """
    )


def m002_ingest_log(db: sqlite3.Connection, progress: Progress) -> None:
    """One row per ingest run, so `stats` can tell when the archive last took in files."""
    _script(
        db,
        """
        CREATE TABLE ingests (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            added INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            errors INTEGER NOT NULL
        )
        """,
    )


def m003_fts_found_by_sqlite_utils(db: sqlite3.Connection, progress: Progress) -> None:
    """Declare the index as content="articles" (double quotes): sqlite-utils and Datasette
    recognise only that spelling (or brackets) when they look for a table's full-text index,
    so `sqlite-utils search archive.db articles QUERY` works. Recreated (as it was then: the
    next migration recreates it again, and only the last one fills it)."""
    db.execute("DROP TABLE articles_fts")
    db.execute(_FTS_TABLE_M003)


def m004_news_index(db: sqlite3.Connection, progress: Progress) -> None:
    """News-aware search (issue 12): each article's dateline and credit, headings and titles
    read by the new rules, and an index with `credit`, `dateline` and `forms` columns.

    Every article is read again from its own canonical text (`articles.reread()`): a credit
    line or caption that the old rules took for a heading becomes the paragraph it is, and a
    title derived from a dateline (`MOSCOW, March 17.`) starts after it. The text itself is
    unchanged, so the sha256 stays what it was. The index is rebuilt from the stored text.
    """
    from newsarc.articles import reread

    db.execute("ALTER TABLE articles ADD COLUMN credit TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN dateline TEXT")
    db.execute("DROP TABLE articles_fts")
    db.execute(_FTS_TABLE)
    db.execute(_FTS_RANK)
    rows = db.execute("SELECT rowid, id, date, title, source, sha256 FROM articles").fetchall()
    for done, (rowid, id, date, title, source, sha256) in enumerate(rows, 1):
        old = Article(id, date, title, source, sha256, tuple(_read_sections(db, id)))
        article = reread(old)
        derived = derive(article)
        if article != old:
            db.execute("DELETE FROM sections WHERE article_id = ?", (id,))
            _insert_sections(db, id, article.sections)
        db.execute(
            "UPDATE articles SET title = ?, sha256 = ?, words = ?, credit = ?, dateline = ?"
            " WHERE rowid = ?",
            (article.title, article.sha256, derived.words, derived.credit, derived.dateline,
             rowid),
        )
        _insert_index_row(db, rowid, derived.index)
        progress(done, len(rows))


def _read_sections(db: sqlite3.Connection, id: str) -> list[Section]:
    rows = db.execute(
        "SELECT position, heading, text FROM sections WHERE article_id = ? ORDER BY position",
        (id,),
    )
    return [Section(*row) for row in rows]


def _insert_sections(db: sqlite3.Connection, id: str, sections: Iterable[Section]) -> None:
    db.executemany(
        "INSERT INTO sections (article_id, position, heading, text) VALUES (?, ?, ?, ?)",
        [(id, s.position, s.heading, s.text) for s in sections],
    )


_INDEX_COLUMNS = ("title", "headings", "body", "credit", "dateline", "forms")


def _insert_index_row(db: sqlite3.Connection, rowid: int | None, values: tuple[str, ...]) -> None:
    db.execute(
        f"INSERT INTO articles_fts (rowid, {', '.join(_INDEX_COLUMNS)})"
        f" VALUES (?, {', '.join('?' * len(_INDEX_COLUMNS))})",
        (rowid, *values),
    )


def _fill_index(db: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Index every stored article (into an empty index); return how many."""
    rows = db.execute("SELECT rowid, id, title FROM articles").fetchall()
    for done, (rowid, id, title) in enumerate(rows, 1):
        _insert_index_row(db, rowid, derive_index(title, _read_sections(db, id)).index)
        if progress is not None:
            progress(done, len(rows))
    return len(rows)


_FTS_TABLE_M003 = f"""
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, headings, body,
        content="articles", tokenize='{TOKENIZE}'
    )"""
_FTS_TABLE = f"""
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        {', '.join(_INDEX_COLUMNS)},
        content="articles", tokenize='{TOKENIZE}'
    )"""
_FTS_RANK = f"INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25({RANK_WEIGHTS})')"


def m005_metadata(db: sqlite3.Connection, progress: Progress) -> None:
    """Metadata (issue 13): each article's `outlet` (what a collection calls its source: the
    publisher), `url`, `author`, `language`, and `meta`, a JSON object of any other keys.

    `source` keeps its meaning: the path the article was last read from (`stdin:ID` for
    standard input), updated when its folder moves. Existing articles have no metadata: the
    new columns are empty and nothing else changes (the text, sha256 and index stay)."""
    for column in META_COLUMNS:
        db.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    db.execute("CREATE INDEX articles_outlet ON articles(outlet)")


META_COLUMNS = ("outlet", "url", "author", "language", "meta")


def m006_fts_for_other_tools(db: sqlite3.Connection, progress: Progress) -> None:
    """Issue 13: an index that sqlite-utils and Datasette can read and search.

    Before, the index declared `content="articles"`, a table without its `headings`, `body`
    and `forms` columns: `SELECT * FROM articles_fts` (Datasette's page of the table,
    `sqlite-utils rows`, `tables --counts`) failed with `no such column: T.headings`. Now it is
    contentless and names `content="articles"` in a comment (see the module docstring), and
    `forms` gains the words folding changes, as written. Rebuilt from the stored text; needs
    only the m001 columns (`rowid, id, title`), so it runs with or without later columns.
    """
    db.execute("DROP TABLE articles_fts")
    db.execute(_FTS_TABLE_M006)
    db.execute(_FTS_RANK)
    _fill_index(db, progress)


# The comment is part of the table's SQL in sqlite_master, where sqlite-utils and Datasette
# look for `content="articles"`; FTS5 itself reads `content=''`.
_FTS_TABLE_M006 = f"""
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        {', '.join(_INDEX_COLUMNS)},
        content='' /* the text of content="articles", folded: see newsarc/store/sqlite.py */,
        tokenize='{TOKENIZE}'
    )"""


def m007_story_clusters(db: sqlite3.Connection, progress: Progress) -> None:
    """Story clusters (issue 14): every article's cluster, the LSH keys that find its
    candidates, and the "same story" links between articles (`newsarc.extract.stories`).

    - `story_keys(key, article)`: an article's candidate keys (article = `articles.rowid`);
      the keys of an article are recomputed from its text to delete them, as its index row is.
      New keys go to `story_keys_recent`, moved into `story_keys` in key order when it holds
      `_Stories.RECENT` of them: keys are random, and each insert into a large table wrote
      one of its pages back at every commit (measured: 40% of ingest's writing time at
      100,000 articles); the small table's pages stay few;
    - `story_links(a, b, similarity)`, a < b: the pairs that are the same story;
    - `story_clusters(article, cluster)`: one row per article, `cluster` the rowid of its
      cluster's representative (the earliest dated member, ties by id).

    Existing articles are clustered here, with progress."""
    _script(db, _STORY_TABLES)
    _cluster_all(db, progress)


_STORY_TABLES = """
    CREATE TABLE story_keys (
        key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)
    ) WITHOUT ROWID;
    CREATE TABLE story_keys_recent (
        key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)
    ) WITHOUT ROWID;
    CREATE TABLE story_links (
        a INTEGER NOT NULL, b INTEGER NOT NULL, similarity REAL NOT NULL, PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX story_links_b ON story_links(b);
    CREATE TABLE story_clusters (article INTEGER PRIMARY KEY, cluster INTEGER NOT NULL);
    CREATE INDEX story_clusters_cluster ON story_clusters(cluster);
    -- A user's word over the rule (`newsarc join`, `newsarc split`), by article id so that it
    -- outlives a re-ingest: `other` '' keeps `article` apart, else the two are one story.
    CREATE TABLE story_overrides (
        article TEXT NOT NULL, other TEXT NOT NULL, PRIMARY KEY (article, other)
    ) WITHOUT ROWID
"""


def _cluster_all(db: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Cluster every stored article from scratch (into empty story tables); return how many."""
    stories = _Stories(db)
    rows = db.execute("SELECT rowid FROM articles ORDER BY rowid").fetchall()
    for done, (rowid,) in enumerate(rows, 1):
        stories.link(rowid, stories.story(rowid))
        if progress is not None:
            progress(done, len(rows))
    parent = {rowid: rowid for (rowid,) in rows}

    def root(r: int) -> int:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for a, b in db.execute("SELECT a, b FROM story_links"):
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for rowid in parent:
        groups.setdefault(root(rowid), []).append(rowid)
    for members in groups.values():
        stories.set_cluster(members)
    from newsarc.extract.stories import VERSION

    db.execute("CREATE TABLE IF NOT EXISTS newsarc_meta (key TEXT PRIMARY KEY, value TEXT)")
    _set_meta(db, "stories_version", str(VERSION))
    return len(rows)


class _Stories:
    """Clustering inside the archive: the SQL of the story tables, and a cache of the
    signatures of articles recently compared (a wire story's copies arrive together).

    Adding an article links it to its candidates and merges their clusters (no walk of the
    links); removing one walks the links of its former neighbours, whose cluster may split."""

    CACHE = 256  # a signature holds a few hundred ints: ~30 KB
    # An upsert, not INSERT OR REPLACE: a REPLACE opens a statement journal, which makes
    # SQLite flush FTS5's pending index data at every article (measured: +0.1 ms an article).
    SET_CLUSTER = "INSERT INTO story_clusters (article, cluster) VALUES (?, ?)" \
                  " ON CONFLICT (article) DO UPDATE SET cluster = excluded.cluster"
    PER_KEY = 64  # articles read per candidate key (the most recent)
    RECENT = 50_000  # keys kept in story_keys_recent (about 4,000 articles' worth: 1 MB)
    CANDIDATES = 32  # articles compared, those sharing the most keys first

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.cache: OrderedDict[int, Story] = OrderedDict()
        self._overridden: bool | None = None
        self._recent: int | None = None

    def story(self, rowid: int) -> Story:
        found = self.cache.get(rowid)
        if found is None:
            from newsarc.extract.stories import story

            (id,) = self.db.execute("SELECT id FROM articles WHERE rowid = ?", (rowid,)).fetchone()
            found = story(_read_sections(self.db, id))
            self.remember(rowid, found)
        return found

    def remember(self, rowid: int, story: Story) -> None:
        if len(self.cache) >= self.CACHE:
            self.cache.popitem(last=False)
        self.cache[rowid] = story

    def candidates(self, rowid: int, keys: Sequence[int]) -> list[int]:
        """The articles that share at least SHARED_KEYS keys with this one, those sharing the
        most first (at most CANDIDATES). Most keys are an article's own: one lookup of them
        all answers; when it finds many rows, a key shared by very many articles (boilerplate,
        or a much-copied story) is read only PER_KEY deep, the most recent first."""
        from newsarc.extract.stories import SHARED_KEYS

        if len(keys) < SHARED_KEYS:
            return []
        marks = ",".join("?" * len(keys))
        found = self.db.execute(
            f"SELECT article FROM story_keys WHERE key IN ({marks}) UNION ALL"
            f" SELECT article FROM story_keys_recent WHERE key IN ({marks}) LIMIT ?",
            [*keys, *keys, self.PER_KEY + 1]).fetchall()
        if len(found) > self.PER_KEY:
            one = "SELECT * FROM (SELECT article FROM story_keys WHERE key = ? UNION ALL" \
                  " SELECT article FROM story_keys_recent WHERE key = ?" \
                  " ORDER BY article DESC LIMIT ?) AS k"
            params: list[int] = []
            for key in keys:
                params += [key, key, self.PER_KEY + 1]
            found = self.db.execute(" UNION ALL ".join([one] * len(keys)), params).fetchall()
        shared: dict[int, int] = {}
        for (other,) in found:
            if other != rowid:
                shared[other] = shared.get(other, 0) + 1
        chosen = [r for r, n in shared.items() if n >= SHARED_KEYS]
        return sorted(chosen, key=lambda r: (-shared[r], -r))[: self.CANDIDATES]

    @property
    def recent(self) -> int:
        """How many keys `story_keys_recent` holds (counted once, then kept up to date)."""
        if self._recent is None:
            self._recent = self.db.execute("SELECT count(*) FROM story_keys_recent").fetchone()[0]
        return self._recent

    @recent.setter
    def recent(self, value: int) -> None:
        self._recent = value

    def move_recent(self) -> None:
        """Move the recent keys into `story_keys`, in key order (each of its pages is written
        once)."""
        self.db.execute("INSERT INTO story_keys SELECT key, article FROM story_keys_recent"
                        " WHERE true ORDER BY key, article ON CONFLICT DO NOTHING")
        self.db.execute("DELETE FROM story_keys_recent")
        self.recent = 0

    def overridden(self) -> bool:
        """Whether the archive holds any override (read once: most never do)."""
        if self._overridden is None:
            self._overridden = self.db.execute(
                "SELECT EXISTS (SELECT 1 FROM story_overrides)").fetchone()[0] == 1
        return self._overridden

    def apart(self, rowids: Sequence[int]) -> set[int]:
        """The articles among `rowids` that a user keeps apart (`newsarc split`)."""
        if not rowids or not self.overridden():
            return set()
        return {r for (r,) in self.db.execute(
            "SELECT a.rowid FROM story_overrides o JOIN articles a ON a.id = o.article"
            f" WHERE o.other = '' AND a.rowid IN ({','.join('?' * len(rowids))})", rowids)}

    def joined(self, rowid: int) -> list[int]:
        """The stored articles a user made one story with this one (`newsarc join`)."""
        if not self.overridden():
            return []
        return [r for (r,) in self.db.execute(
            "SELECT b.rowid FROM articles a JOIN story_overrides o ON o.article = a.id"
            " JOIN articles b ON b.id = o.other WHERE a.rowid = ? UNION"
            " SELECT b.rowid FROM articles a JOIN story_overrides o ON o.other = a.id"
            " JOIN articles b ON b.id = o.article WHERE a.rowid = ?", (rowid, rowid))]

    def link(self, rowid: int, story: Story) -> list[int]:
        """Store an article's keys and its links to the candidates that are the same story,
        and to those a user joined it with (an article kept apart links to none); return the
        articles it linked to."""
        from newsarc.extract.stories import similarity

        keys = sorted(set(story.keys))
        linked: list[int] = []
        links = []
        candidates = self.candidates(rowid, keys)
        apart = self.apart([rowid, *candidates])
        for other in [] if rowid in apart else candidates:
            if other in apart:
                continue
            found = similarity(story, self.story(other))
            if found.same:
                linked.append(other)
                links.append((min(rowid, other), max(rowid, other), round(found.score, 4)))
        for other in self.joined(rowid):
            if other not in linked:
                linked.append(other)
                links.append((min(rowid, other), max(rowid, other), 1.0))
        self.db.executemany(
            "INSERT INTO story_keys_recent (key, article) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, rowid) for k in keys])
        self.recent += len(keys)
        if self.recent >= self.RECENT:
            self.move_recent()
        self.db.executemany(
            "INSERT INTO story_links (a, b, similarity) VALUES (?, ?, ?)"
            " ON CONFLICT (a, b) DO UPDATE SET similarity = excluded.similarity", links)
        return linked

    def add(self, rowid: int, story: Story) -> None:
        """Link a new article and merge the clusters it joins (their representative is the
        earliest of theirs and its own)."""
        linked = self.link(rowid, story)
        if not linked:  # a story of its own (most articles): no query for a representative
            self.db.execute(self.SET_CLUSTER, (rowid, rowid))
            return
        clusters = sorted({c for (c,) in self.db.execute(
            f"SELECT cluster FROM story_clusters WHERE article IN ({','.join('?' * len(linked))})",
            linked)}) if linked else []
        rep = self.earliest([rowid, *clusters])
        self.db.execute(self.SET_CLUSTER, (rowid, rep))
        for cluster in clusters:
            if cluster != rep:
                self.db.execute("UPDATE story_clusters SET cluster = ? WHERE cluster = ?",
                                (rep, cluster))

    def earliest(self, rowids: Sequence[int]) -> int:
        from newsarc.extract.stories import earliest

        found: dict[str, int] = {}
        dated: list[tuple[str | None, str]] = []
        for start in range(0, len(rowids), 500):
            part = list(rowids[start : start + 500])
            for rowid, id, date in self.db.execute(
                "SELECT rowid, id, date FROM articles WHERE rowid IN"
                f" ({','.join('?' * len(part))})", part):
                found[id] = rowid
                dated.append((date, id))
        return found[earliest(dated)[1]]

    def set_cluster(self, members: Sequence[int]) -> None:
        rep = self.earliest(members)
        self.db.executemany(self.SET_CLUSTER, [(rowid, rep) for rowid in members])

    def unlink(self, rowid: int, story: Story) -> list[int]:
        """Remove an article's keys, links and cluster row; return the articles it linked."""
        neighbours = self.neighbours(rowid)
        for table in ("story_keys", "story_keys_recent"):
            self.db.executemany(f"DELETE FROM {table} WHERE key = ? AND article = ?",
                                [(k, rowid) for k in set(story.keys)])
        self.db.execute("DELETE FROM story_links WHERE a = ? OR b = ?", (rowid, rowid))
        self.db.execute("DELETE FROM story_clusters WHERE article = ?", (rowid,))
        self.cache.pop(rowid, None)
        return neighbours

    def neighbours(self, rowid: int) -> list[int]:
        return [r for (r,) in self.db.execute(
            "SELECT b FROM story_links WHERE a = ? UNION SELECT a FROM story_links WHERE b = ?",
            (rowid, rowid))]

    def recluster(self, seeds: Iterable[int]) -> None:
        """After links changed (a removal, a rewrite, a join or split): the components of the
        seeds, each with its own representative."""
        done: set[int] = set()
        for seed in seeds:
            if seed in done:
                continue
            component = {seed}
            todo = [seed]
            while todo:
                for other in self.neighbours(todo.pop()):
                    if other not in component:
                        component.add(other)
                        todo.append(other)
            done |= component
            self.set_cluster(sorted(component))


def m008_date_mentions(db: sqlite3.Connection, progress: Progress) -> None:
    """Date mentions (issue 15): the dates each article's text mentions, found by
    `newsarc.extract.timex` (see the module docstring for the tables), and `newsarc_meta`,
    which records the extractor's version. Existing articles are read here, with progress."""
    _script(db, _MENTION_TABLES)
    _fill_mentions(db, progress)


_MENTION_TABLES = """
    CREATE TABLE date_mentions (
        article INTEGER NOT NULL,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        surface TEXT NOT NULL,
        value TEXT NOT NULL,
        granularity TEXT NOT NULL,
        how TEXT NOT NULL,
        first_day TEXT NOT NULL,
        last_day TEXT NOT NULL
    );
    CREATE INDEX date_mentions_article ON date_mentions(article);
    CREATE INDEX date_mentions_days ON date_mentions(first_day, last_day);
    CREATE INDEX date_mentions_last ON date_mentions(last_day);
    CREATE TABLE IF NOT EXISTS newsarc_meta (key TEXT PRIMARY KEY, value TEXT)
"""


def _insert_mentions(db: sqlite3.Connection, rowid: int, mentions: Iterable[Mention]) -> None:
    db.executemany(
        'INSERT INTO date_mentions (article, position, start, "end", surface, value,'
        " granularity, how, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(rowid, m.position, m.start, m.end, m.surface, m.value, m.granularity, m.how,
          m.first_day, m.last_day) for m in mentions],
    )


def _fill_mentions(db: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Find the date mentions of every stored article (into an empty table), record the
    extractor's version; return how many articles."""
    from newsarc.extract.mentions import VERSION, section_mentions

    rows = db.execute("SELECT rowid, id, date FROM articles").fetchall()
    for done, (rowid, id, date) in enumerate(rows, 1):
        _insert_mentions(db, rowid, section_mentions(date, _read_sections(db, id)))
        if progress is not None:
            progress(done, len(rows))
    _set_meta(db, "timex_version", str(VERSION))
    return len(rows)


def m009_place_mentions(db: sqlite3.Connection, progress: Progress) -> None:
    """Place mentions (issue 17): the places each article's text names, found by
    `newsarc.extract.places` (see the module docstring for the tables). Existing articles
    are read here, with progress."""
    _script(db, _PLACE_TABLES)
    _fill_places(db, progress)


_PLACE_TABLES = """
    CREATE TABLE places (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        country TEXT NOT NULL,
        kind TEXT NOT NULL,
        geonameid INTEGER,
        admin1 TEXT NOT NULL,
        lat REAL,
        lon REAL,
        population INTEGER NOT NULL
    );
    CREATE INDEX places_country ON places(country, admin1);
    CREATE INDEX places_geonameid ON places(geonameid);
    CREATE TABLE place_names (
        key TEXT NOT NULL,
        place INTEGER NOT NULL,
        within INTEGER NOT NULL,
        PRIMARY KEY (key, place)
    ) WITHOUT ROWID;
    CREATE TABLE place_mentions (
        article INTEGER NOT NULL,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        surface TEXT NOT NULL,
        place INTEGER NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE INDEX place_mentions_article ON place_mentions(article);
    CREATE INDEX place_mentions_place ON place_mentions(place, article)
"""


_ADD_OVERRIDE = "INSERT INTO story_overrides (article, other) VALUES (?, ?) ON CONFLICT DO NOTHING"


class _Places:
    """Writes place mentions: each place the archive meets is stored once, with the keys
    `place:NAME` finds it by (the gazetteer is loaded only when a new place comes)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.ids: dict[str, int] = {}

    def id_of(self, place: Place) -> int:
        found = self.ids.get(place.key)
        if found is None:
            row = self.db.execute("SELECT id FROM places WHERE key = ?", (place.key,)).fetchone()
            if row is None:
                from newsarc.extract.places import names_of, within_of

                row = self.db.execute(
                    "INSERT INTO places (key, name, country, kind, geonameid, admin1, lat, lon,"
                    " population) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (place.key, place.name, place.country, place.kind, place.geonameid,
                     place.admin1, place.lat, place.lon, place.population)).fetchone()
                own = names_of(place)
                self.db.executemany(
                    "INSERT INTO place_names (key, place, within) VALUES (?, ?, ?)",
                    [(key, row[0], 0) for key in sorted(own)]
                    + [(key, row[0], 1) for key in sorted(within_of(place) - own)])
            found = self.ids[place.key] = int(row[0])
        return found

    def insert(self, rowid: int, mentions: Iterable[PlaceMention]) -> None:
        self.db.executemany(
            'INSERT INTO place_mentions (article, position, start, "end", surface, place, kind)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rowid, m.position, m.start, m.end, m.surface, self.id_of(m.place), m.kind)
             for m in mentions])

    def forget(self) -> None:
        """After a rollback: the ids cached may be of rows that are gone."""
        self.ids.clear()


def _fill_places(db: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Find the place mentions of every stored article (into an empty table), record the
    extractor's version; return how many articles."""
    from newsarc.extract.places import VERSION, article_places

    writer = _Places(db)
    rows = db.execute("SELECT rowid, id FROM articles").fetchall()
    for done, (rowid, id) in enumerate(rows, 1):
        writer.insert(rowid, article_places(_read_sections(db, id)))
        if progress is not None:
            progress(done, len(rows))
    _set_meta(db, "places_version", str(VERSION))
    return len(rows)


def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT INTO newsarc_meta (key, value) VALUES (?, ?)"
               " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def m010_tags_and_saved_searches(db: sqlite3.Connection, progress: Progress) -> None:
    """Tags and saved searches (issue 19): two new tables, empty (see the module docstring).
    Named m010: m009 is another branch's (places); migrations are known by name, so an
    archive takes each once whatever order they were written in."""
    _script(db, _TAG_TABLES)


_TAG_TABLES = """
    -- The primary key's columns first: SQLite 3.40's integrity_check misreads a WITHOUT
    -- ROWID table whose key columns come after others ("NULL value in tags.tag").
    CREATE TABLE tags (
        key TEXT NOT NULL, article INTEGER NOT NULL, tag TEXT NOT NULL,
        PRIMARY KEY (key, article)
    ) WITHOUT ROWID;
    CREATE INDEX tags_article ON tags(article);
    CREATE TABLE saved_searches (
        key TEXT PRIMARY KEY, name TEXT NOT NULL, query TEXT NOT NULL, since TEXT,
        until TEXT, created TEXT NOT NULL
    )
"""


MIGRATIONS: list[Callable[[sqlite3.Connection, Progress], None]] = [
    m001_initial,
    m002_ingest_log,
    m003_fts_found_by_sqlite_utils,
    m004_news_index,
    m005_metadata,
    m006_fts_for_other_tools,
    m007_story_clusters,
    m008_date_mentions,
    m009_place_mentions,
    m010_tags_and_saved_searches,
]


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    """What ingest needs to know about an article already stored."""

    rowid: int
    id: str
    source: str | None
    sha256: str
    source_size: int | None
    source_mtime_ns: int | None


class Fts5Index:
    """The SQL of the full-text index that the query language composes (`newsarc.query`),
    for FTS5: each `?` in these takes the compiled match expression (`syntax`, the FTS5 query
    syntax), except where noted. The PostgreSQL store has its own (`newsarc.store.postgres`)."""

    syntax = "fts5"
    raw = True  # `search --raw` passes the query to FTS5 as it is
    # the rowids of the articles that match
    members = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    count = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    # the best `?` (second parameter) matches, as (rowid, score), lowest score best
    top = (f"SELECT rowid, bm25(articles_fts, {RANK_WEIGHTS}) AS score FROM articles_fts"
           " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?")
    # every match joined to its article (`a`) with its score (`rank`), the match condition
    # the first of the WHERE clause: `ranked_from` then `ranked_where`
    rank = f"bm25(articles_fts, {RANK_WEIGHTS})"
    ranked_from = "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    ranked_where = "articles_fts MATCH ?"
    # `top` and `ranked_where` kept to the articles a second match finds (its parameter
    # follows the first's): the candidates a ranked search of a very common word ranks
    # (`newsarc.query.RANK_ALL`). `+rowid`: a test on each match, not a lookup per candidate.
    top_within = (f"SELECT rowid, bm25(articles_fts, {RANK_WEIGHTS}) AS score FROM articles_fts"
                  " WHERE articles_fts MATCH ? AND +rowid IN"
                  " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                  " ORDER BY score LIMIT ?")
    # and to a span of rowids (`Store.rowid_span()` of a date range): the least, the greatest
    ranked_span = "articles_fts.rowid BETWEEN ? AND ?"
    ranked_within = ("+articles_fts.rowid IN"
                     " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
    # the scores of given matches: the match, the least and greatest rowid, the rowids
    scores = (f"SELECT rowid, bm25(articles_fts, {RANK_WEIGHTS}) FROM articles_fts"
              " WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?"
              " AND +rowid IN (SELECT value FROM json_each(?))")
    # an exact word or phrase (`=Sessions`), checked on the stored text of the articles the
    # index finds: the pattern (`normalise.exact_pattern()`) three times
    exact = ("(newsarc_exact(a.title, ?) OR EXISTS (SELECT 1 FROM sections s"
             " WHERE s.article_id = a.id AND (newsarc_exact(s.heading, ?)"
             " OR newsarc_exact(s.text, ?))))")

    def __init__(self, store: Store | None) -> None:
        self.store = store

    # The syntax of a match expression, which `newsarc.query` composes from its terms: a
    # term's own, and the operators between (bracketed) parts
    OR, AND, AND_NOT = " OR ", " AND ", " NOT "

    def term(self, term: Any) -> str:
        """A `newsarc.query.Term`: FTS5 syntax (`Term.fts()`)."""
        return str(term.fts())

    def any_of(self, parts: Sequence[str]) -> str:
        return self.OR.join(f"({p})" for p in parts)

    def all_of(self, parts: Sequence[str]) -> str:
        return self.AND.join(f"({p})" for p in parts)

    def but_not(self, expr: str, excluded: str) -> str:
        return f"({expr}){self.AND_NOT}({excluded})"

    tiered = True  # a very common word is ranked among its headline matches (RANK_ALL)

    @property
    def members_between(self) -> str:
        """`members` within a span of rowids: the match, the least and the greatest rowid."""
        return f"{self.members} AND rowid BETWEEN ? AND ?"

    def headline(self, term: str) -> str:
        """The match syntax for the articles with `term` (a term's syntax) in the title or a
        heading."""
        return f"{{title headings}} : ({term})"

    def exact_sql(self, match: str, pattern: str) -> tuple[str, list[object]]:
        """The condition on `articles a` for an exact term: the index's `match`, then the
        text."""
        return (f"(a.rowid IN ({self.members}) AND {self.exact})",
                [match, pattern, pattern, pattern])

    def outlet_sql(self, pattern: str) -> tuple[str, list[object]]:
        """The condition for `outlet:X`: the outlet holds the words, whole and in order."""
        return "newsarc_exact(a.outlet, ?)", [pattern]


class Store:
    """An open archive. Construct with `open_archive()`."""

    FEW_IDS = 10_000  # more ids than this are matched in one pass over the story clusters
    why_readonly: str | None = None  # what makes a read-only archive so, when known
    # A list of values as a table with one column, `value` (`values()` gives the parameter)
    TEXTS = INTS = "json_each(?)"

    def __init__(
        self, conn: sqlite3.Connection, path: Path, readonly: bool, damaged: bool = False
    ) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.damaged = damaged  # opened by open_damaged(): read what can be read
        self.stories = _Stories(conn)
        self.places = _Places(conn)
        self.index = self.make_index()
        if isinstance(conn, sqlite3.Connection):
            conn.create_function("newsarc_exact", 2, exact_in, deterministic=True)

    @property
    def file_errors(self) -> tuple[type[BaseException], ...]:
        """The database's errors about one file's rows, which ingest reports for that file
        alone (the rest of the batch is stored)."""
        return (sqlite3.IntegrityError, sqlite3.DataError, sqlite3.InterfaceError)

    def make_index(self) -> Fts5Index:
        return Fts5Index(self)

    def values(self, values: Iterable[object]) -> object:
        """The parameter for `TEXTS`/`INTS`: a list of values in one (JSON for SQLite)."""
        import json

        return json.dumps(list(values))

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        # Read again inside each write transaction: another process may have changed them.
        self.stories._overridden = self.stories._recent = None

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.rolled_back()

    def rolled_back(self) -> None:
        """Forget what was cached of rows a rollback undid (their rowids may be reused)."""
        self.stories.cache.clear()
        self.places.forget()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed whole, or (on any exception) rolled back whole."""
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    # -- lookups -----------------------------------------------------------------------------

    _EXISTING = "SELECT rowid, id, source, sha256, source_size, source_mtime_ns FROM articles"

    def by_source(self, source: str) -> Existing | None:
        row = self.conn.execute(self._EXISTING + " WHERE source = ? LIMIT 1", (source,)).fetchone()
        return Existing(*row) if row else None

    def by_sha256(self, sha256: str) -> Existing | None:
        row = self.conn.execute(self._EXISTING + " WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        return Existing(*row) if row else None

    def by_id(self, id: str) -> Existing | None:
        row = self.conn.execute(self._EXISTING + " WHERE id = ?", (id,)).fetchone()
        return Existing(*row) if row else None

    # -- writes (call inside begin()/commit()) ----------------------------------------------

    def add(
        self,
        article: Article,
        size: int | None = None,
        mtime_ns: int | None = None,
        derived: Derived | None = None,
    ) -> None:
        derived = derived or derive(article)
        rowid = int(self.conn.execute(
            "INSERT INTO articles (id, date, title, source, source_size, source_mtime_ns, sha256,"
            " words, ingested_at, credit, dateline, outlet, url, author, language, meta)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid",
            (article.id, article.date, article.title, article.source, size, mtime_ns,
             article.sha256, derived.words, now(), derived.credit, derived.dateline,
             *_meta_values(article.meta)),
        ).fetchone()[0])
        _insert_sections(self.conn, article.id, article.sections)
        self._index(rowid, derived.index, derived.index_row)
        self._cluster(rowid, derived.story)
        _insert_mentions(self.conn, rowid, _mentions(article, derived))
        self.places.insert(rowid, _places(article, derived))

    def replace(
        self,
        old: Existing,
        article: Article,
        size: int | None,
        mtime_ns: int | None,
        derived: Derived | None = None,
    ) -> None:
        """Update an article in place: same id and rowid, new text and index rows."""
        derived = derived or derive(article)
        self._unindex(old.rowid, old.id)
        neighbours = self.stories.unlink(old.rowid, self.stories.story(old.rowid))
        self.conn.execute("DELETE FROM sections WHERE article_id = ?", (old.id,))
        self.conn.execute(
            "UPDATE articles SET date = ?, title = ?, source = ?, source_size = ?,"
            " source_mtime_ns = ?, sha256 = ?, words = ?, ingested_at = ?, credit = ?,"
            " dateline = ?, outlet = ?, url = ?, author = ?, language = ?, meta = ?"
            " WHERE rowid = ?",
            (article.date, article.title, article.source, size, mtime_ns, article.sha256,
             derived.words, now(), derived.credit, derived.dateline,
             *_meta_values(article.meta), old.rowid),
        )
        _insert_sections(self.conn, old.id, article.sections)
        self._index(old.rowid, derived.index, derived.index_row)
        self._cluster(old.rowid, derived.story, neighbours)
        self.conn.execute("DELETE FROM date_mentions WHERE article = ?", (old.rowid,))
        _insert_mentions(self.conn, old.rowid, _mentions(article, derived))
        self.conn.execute("DELETE FROM place_mentions WHERE article = ?", (old.rowid,))
        self.places.insert(old.rowid, _places(article, derived))

    def _cluster(self, rowid: int, story: Story | None, others: Sequence[int] = ()) -> None:
        """Cluster a new (or rewritten) article: its keys and links, then the clusters of its
        component and of the components it used to join (`others`)."""
        if story is None:
            story = self.stories.story(rowid)
        else:
            self.stories.remember(rowid, story)
        self.stories.recluster(others)
        self.stories.add(rowid, story)

    def touch(self, old: Existing, size: int | None, mtime_ns: int | None) -> None:
        """Record a file's new size and mtime when its content turned out unchanged."""
        self.conn.execute(
            "UPDATE articles SET source_size = ?, source_mtime_ns = ? WHERE rowid = ?",
            (size, mtime_ns, old.rowid),
        )

    def relocate(
        self, old: Existing, source: str | None, size: int | None, mtime_ns: int | None
    ) -> None:
        """Record where an unchanged article is read from now (its folder moved, or is reached
        through a symlink), with the file's size and mtime."""
        self.conn.execute(
            "UPDATE articles SET source = ?, source_size = ?, source_mtime_ns = ? WHERE rowid = ?",
            (source, size, mtime_ns, old.rowid),
        )

    def remove_many(self, ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """Remove articles in one transaction; return (removed, not found)."""
        removed: list[str] = []
        missing: list[str] = []
        with self.transaction():
            for id in ids:
                (removed if self.remove(id) else missing).append(id)
        return removed, missing

    def remove(self, id: str) -> bool:
        old = self.by_id(id)
        if old is None:
            return False
        self._unindex(old.rowid, old.id)
        neighbours = self.stories.unlink(old.rowid, self.stories.story(old.rowid))
        self.conn.execute("DELETE FROM sections WHERE article_id = ?", (id,))
        self.conn.execute("DELETE FROM date_mentions WHERE article = ?", (old.rowid,))
        self.conn.execute("DELETE FROM place_mentions WHERE article = ?", (old.rowid,))
        self.conn.execute("DELETE FROM articles WHERE rowid = ?", (old.rowid,))
        self.conn.execute("DELETE FROM tags WHERE article = ?", (old.rowid,))
        self.drop_overrides(id)
        self.stories.recluster(neighbours)
        return True

    # A function (picklable) that puts an index row in the form `_index()` stores, which
    # ingest's workers then make beside the rest (None: the values as they are).
    index_row: Callable[[tuple[str, ...]], str] | None = None

    def _index(self, rowid: int | None, values: tuple[str, ...], row: str | None = None) -> None:
        _insert_index_row(self.conn, rowid, values)

    def _unindex(self, rowid: int, id: str) -> None:
        """FTS5 removes an external-content row only when given the exact values indexed."""
        title = self.conn.execute("SELECT title FROM articles WHERE rowid = ?", (rowid,)).fetchone()
        if title is None:
            return
        values = derive_index(title[0], self.sections(id)).index
        self.conn.execute(
            f"INSERT INTO articles_fts (articles_fts, rowid, {', '.join(_INDEX_COLUMNS)})"
            f" VALUES ('delete', ?, {', '.join('?' * len(values))})",
            (rowid, *values),
        )

    # -- reads -------------------------------------------------------------------------------

    def sections(self, id: str) -> list[Section]:
        return _read_sections(self.conn, id)

    def sections_of(self, ids: list[str]) -> dict[str, list[Section]]:
        """The sections of many articles, by id, in a few queries."""
        found: dict[str, list[Section]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            rows = self.conn.execute(
                "SELECT article_id, position, heading, text FROM sections WHERE article_id IN"
                f" ({','.join('?' * len(part))}) ORDER BY article_id, position",
                part,
            )
            for id, position, heading, text in rows:
                found.setdefault(id, []).append(Section(position, heading, text))
        return found

    def article(self, id: str) -> Article:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {id!r}")
        return _article(row, self.sections(id))

    def resolve(self, id_or_prefix: str) -> str:
        """A full id, or the one id that starts with the prefix."""
        if self.by_id(id_or_prefix) is not None:
            return id_or_prefix
        rows = self.conn.execute(  # a case-sensitive range on the primary key
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 11",
            (id_or_prefix, id_or_prefix + "\U0010ffff"),
        ).fetchall()
        ids = [r[0] for r in rows]
        if not ids:
            raise NotFound(f"no article with id {id_or_prefix!r}")
        if len(ids) > 1:
            shown = ", ".join(ids[:10]) + (", …" if len(ids) > 10 else "")
            raise UsageError(f"id prefix {id_or_prefix!r} is ambiguous: {shown}")
        return str(ids[0])

    def iter_articles(self) -> Iterator[Article]:
        """Every article in id order, streamed: one article's rows in memory at a time."""
        yield from _joined(self.conn.execute(ALL_ARTICLES), self.conn.execute(ALL_SECTIONS))

    def metadata_of(self, ids: list[str]) -> dict[str, tuple[str | None, Meta]]:
        """The path (`source`) and metadata of many articles, by id, in a few queries."""
        found: dict[str, tuple[str | None, Meta]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            rows = self.conn.execute(
                f"SELECT id, source, {', '.join(META_COLUMNS)} FROM articles WHERE id IN"
                f" ({','.join('?' * len(part))})",
                part,
            )
            for id, source, *meta in rows:
                found[id] = (source, _meta(*meta))
        return found

    # -- story clusters --------------------------------------------------------------------

    def clusters_of(self, ids: Sequence[str]) -> dict[str, str]:
        """The cluster (its representative's id) of the stored articles among `ids`; an article
        left out is a cluster of its own. A few ids are looked up by the index, in one query
        (they go in as one JSON parameter); many are matched against the members of clusters
        of more than one, read in one pass (at 100,000 articles, 63,000 ids: 0.33 -> 0.02 s)."""
        if len(ids) <= self.FEW_IDS:
            return dict(self.conn.execute(
                f"SELECT a.id, r.id FROM {self.TEXTS} j JOIN articles a ON a.id = j.value"
                " JOIN story_clusters c ON c.article = a.rowid"
                " JOIN articles r ON r.rowid = c.cluster", (self.values(ids),)))
        wanted = set(ids)
        return {id: rep for id, rep in self.conn.execute(
            "SELECT a.id, r.id FROM (SELECT cluster FROM story_clusters GROUP BY cluster"
            " HAVING count(*) > 1) m JOIN story_clusters c ON c.cluster = m.cluster"
            " JOIN articles a ON a.rowid = c.article JOIN articles r ON r.rowid = c.cluster")
            if id in wanted}

    def cluster_sizes(self, ids: Sequence[str]) -> dict[str, int]:
        """How many articles each cluster (by representative id) among `ids` holds."""
        return dict(self.conn.execute(
            f"SELECT r.id, count(*) FROM {self.TEXTS} j JOIN articles r ON r.id = j.value"
            " JOIN story_clusters m ON m.cluster = r.rowid GROUP BY r.rowid",
            (self.values(ids),)))

    def cluster_sizes_by_rowid(self, clusters: Sequence[int]) -> dict[int, int]:
        """How many articles each cluster (by its representative's rowid) of more than one
        holds; a cluster of one is not listed. Many clusters are read in one pass over the
        clusters' index (12 ms at 100,000 articles), a few each by the index."""
        if len(clusters) > self.FEW_IDS:
            return dict(self.conn.execute(
                "SELECT cluster, count(*) FROM story_clusters GROUP BY cluster"
                " HAVING count(*) > 1"))
        return dict(self.conn.execute(
            "SELECT cluster, count(*) FROM story_clusters WHERE cluster IN"
            f" (SELECT value FROM {self.INTS} v) GROUP BY cluster HAVING count(*) > 1",
            (self.values(clusters),)))

    def cluster_members(self, id: str) -> list[tuple[str, str | None, str]]:
        """(id, date, title) of every article in `id`'s cluster, oldest first."""
        rows = self.conn.execute(
            "SELECT a.id, a.date, a.title FROM articles x"
            " JOIN story_clusters cx ON cx.article = x.rowid"
            " JOIN story_clusters c ON c.cluster = cx.cluster"
            " JOIN articles a ON a.rowid = c.article"
            " WHERE x.id = ? ORDER BY a.date IS NULL, a.date, a.id", (id,))
        return [(i, d, t) for i, d, t in rows]

    def story_of(self, id: str) -> Story:
        """The story signature of a stored article."""
        (rowid,) = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (id,)).fetchone()
        return self.stories.story(int(rowid))

    def story_candidates(self, id: str) -> list[str]:
        """The articles that share a candidate key with `id` (`extract.stories`), by id."""
        keys = sorted(set(self.story_of(id).keys))
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            "SELECT DISTINCT a.id FROM (SELECT article FROM story_keys WHERE key IN"
            f" ({marks}) UNION ALL SELECT article FROM story_keys_recent WHERE key IN ({marks}))"
            " k JOIN articles a ON a.rowid = k.article WHERE a.id != ?", [*keys, *keys, id])
        return [i for (i,) in rows]

    def cluster_list(self, min_size: int = 1) -> list[tuple[str, int, str | None, str | None, str]]:
        """Every cluster of at least `min_size` articles, largest first: (representative id,
        size, first date, last date, representative title)."""
        rows = self.conn.execute(
            "SELECT r.id, g.n, g.first, g.last, r.title FROM (SELECT c.cluster, count(*) AS n,"
            " min(a.date) AS first, max(a.date) AS last FROM story_clusters c"
            " JOIN articles a ON a.rowid = c.article GROUP BY c.cluster HAVING count(*) >= ?) g"
            " JOIN articles r ON r.rowid = g.cluster ORDER BY g.n DESC, g.first IS NULL,"
            " g.first, r.id", (min_size,))
        return [(i, n, f, last, t) for i, n, f, last, t in rows]

    def cluster_counts(self) -> tuple[int, int]:
        """(clusters, articles in clusters of more than one article)."""
        row = self.conn.execute(
            "SELECT count(*), coalesce(sum(CASE WHEN n > 1 THEN n END), 0)"
            " FROM (SELECT count(*) AS n FROM story_clusters GROUP BY cluster) AS g").fetchone()
        return int(row[0]), int(row[1])

    def rebuild_clusters(self, progress: Progress | None = None) -> int:
        """Cluster every article again from its text, in one transaction."""
        with self.transaction():
            for table in ("story_keys", "story_keys_recent", "story_links", "story_clusters"):
                self.conn.execute(f"DELETE FROM {table}")
            self.stories.cache.clear()
            self.stories._recent = None
            return _cluster_all(self.conn, progress)

    def join_stories(self, ids: Sequence[str]) -> str:
        """Make the articles one story whatever the rule says (each joined to the first; none
        kept apart any more); return the cluster's representative."""
        with self.transaction():
            self.conn.executemany("DELETE FROM story_overrides WHERE article = ? AND other = ''",
                                  [(id,) for id in ids])
            self.conn.executemany(
                _ADD_OVERRIDE,
                [(min(ids[0], id), max(ids[0], id)) for id in ids[1:] if id != ids[0]])
            self._recluster_around(ids)
        return self.clusters_of([ids[0]]).get(ids[0], ids[0])

    def split_story(self, id: str, undo: bool = False) -> None:
        """Keep an article apart from every other (its joins forgotten); with `undo`, forget
        every override of it and cluster it by the rule again."""
        with self.transaction():
            self.conn.execute("DELETE FROM story_overrides WHERE article = ? OR other = ?",
                              (id, id))
            if not undo:
                self.conn.execute(
                    "INSERT INTO story_overrides (article, other) VALUES (?, '')", (id,))
            self._recluster_around([id])

    def _recluster_around(self, ids: Sequence[str]) -> None:
        """Link the articles again under the current overrides, then set the clusters of
        their components and of those they leave."""
        stories = self.stories
        stories._overridden = None
        rowids = [self.by_id(id).rowid for id in ids]  # type: ignore[union-attr]
        before: set[int] = set()
        for rowid in rowids:
            story = stories.story(rowid)
            before.update(stories.unlink(rowid, story))
            stories.remember(rowid, story)
        for rowid in rowids:
            before.update(stories.link(rowid, stories.story(rowid)))
        stories.recluster([*rowids, *before])

    def restore_overrides(self, id: str, apart: bool, joined: Sequence[str]) -> None:
        """Record overrides read from an export, before the article is clustered (the
        articles it was joined with may come before or after it)."""
        if not apart and not joined:
            return
        rows = [(id, "")] if apart else []
        rows += [(min(id, other), max(id, other)) for other in joined if other != id]
        self.conn.executemany(
            _ADD_OVERRIDE, rows)
        self.stories._overridden = True

    def override_rows(self) -> list[tuple[str, str]]:
        """Every override row, as far as a (maybe damaged) archive can still read them."""
        try:
            return [(a, b) for a, b in self.conn.execute(
                "SELECT article, other FROM story_overrides")]
        except sqlite3.Error:  # no such table (an older archive), or damaged
            return []

    def add_override_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        """Override rows read from another archive (`salvage`), before its articles arrive."""
        with self.transaction():
            self.conn.executemany(
                _ADD_OVERRIDE, rows)
        self.stories._overridden = None

    def drop_overrides(self, id: str) -> None:
        """Forget an article's overrides (it was removed)."""
        self.conn.execute("DELETE FROM story_overrides WHERE article = ? OR other = ?", (id, id))

    def overrides_of(self, id: str) -> tuple[bool, list[str]]:
        """(kept apart, the ids it was joined with), for export."""
        rows = self.conn.execute(
            "SELECT article, other FROM story_overrides WHERE article = ? OR other = ?",
            (id, id)).fetchall()
        apart = any(other == "" for _, other in rows)
        return apart, sorted(b if a == id else a for a, b in rows if b != "")

    def outlet_counts(self) -> list[tuple[str, int]]:
        """Articles per outlet, most first; articles without one are not counted."""
        rows = self.conn.execute(
            "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY n DESC, outlet"
        )
        return [(outlet, n) for outlet, n in rows]

    def date_counts(self, start: str | None = None, end: str | None = None
                    ) -> list[tuple[str | None, int]]:
        """How many articles hold each date (None: undated), for a timeline's totals. With
        `start`/`end` (ISO days), the dated articles whose period overlaps them, as
        dates.range_sql() keeps them (undated ones left out)."""
        where, params = _dated_in(start, end) if start or end else ("true", [])
        rows = self.conn.execute(
            f"SELECT a.date, count(*) FROM articles a WHERE {where} GROUP BY a.date", params)
        return [(date, int(n)) for date, n in rows]

    def dated_articles(self, start: str | None = None, end: str | None = None
                       ) -> Iterator[tuple[str | None, str, str]]:
        """(date, id, title) of every article, or of those whose period overlaps `start`/`end`
        (ISO days; undated ones then left out), oldest first, undated last, by id within a
        date: streamed, for timelines (issue 21: a period at a time, not the archive)."""
        where, params = _dated_in(start, end) if start or end else ("true", [])
        yield from self.conn.execute(
            f"SELECT a.date, a.id, a.title FROM articles a WHERE {where}"
            " ORDER BY a.date IS NULL, a.date, a.id", params)

    def has_undated(self) -> bool:
        """Whether some article has no date (read from the date index)."""
        return self.conn.execute(
            "SELECT 1 FROM articles WHERE date IS NULL LIMIT 1").fetchone() is not None

    def rowid_bound(self) -> int:
        """The largest rowid: about how many articles there are, without counting them."""
        row = self.conn.execute("SELECT max(rowid) FROM articles").fetchone()
        return int(row[0] or 0)

    def rowid_span(self, start: str | None, end: str | None) -> tuple[int, int]:
        """The least and greatest rowid of the articles dated within [start, end] (read from
        the date index): a date range bounds the part of the full-text index a search reads,
        which pays where articles were added in about date order. (1, 0) when there are
        none."""
        where, params = _dated_in(start, end)
        if start:  # where the date index seeks to: no date before the start's year is inside
            where += " AND a.date >= substr(?, 1, 4)"
            params.append(start)
        low, high = self.conn.execute("SELECT min(a.rowid), max(a.rowid) FROM articles a"
                                      f" WHERE {where}", params).fetchone()
        return (1, 0) if low is None else (int(low), int(high))

    def last_date(self) -> str | None:
        """The latest date stored (at its precision; read from the date index)."""
        row = self.conn.execute("SELECT max(date) FROM articles").fetchone()
        return row[0] if row else None

    def size_bytes(self) -> int:
        """What the archive takes on disk: the database file plus its write-ahead log."""
        total = 0
        for p in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                total += p.stat().st_size
            except OSError:
                pass
        return total

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def last_ingest(self) -> str | None:
        row = self.conn.execute("SELECT max(finished_at) FROM ingests").fetchone()
        if row and row[0]:
            return str(row[0])
        row = self.conn.execute("SELECT max(ingested_at) FROM articles").fetchone()
        return str(row[0]) if row and row[0] else None

    def stamps(self) -> dict[str, tuple[int | None, int | None, str]]:
        """Each article's file size and mtime as last read, and when it was stored, by id
        (`newsarc copy` keeps them)."""
        return {id: (size, mtime, at) for id, size, mtime, at in self.conn.execute(
            "SELECT id, source_size, source_mtime_ns, ingested_at FROM articles")}

    def set_stamps(self, stamps: dict[str, tuple[int | None, int | None, str]]) -> None:
        """Record what `stamps()` gave for the articles stored here (inside a transaction)."""
        self.conn.executemany(
            "UPDATE articles SET source_size = ?, source_mtime_ns = ?, ingested_at = ?"
            " WHERE id = ?", [(*stamp, id) for id, stamp in stamps.items()])

    _INGEST_COLUMNS = "started_at, finished_at, added, updated, unchanged, duplicates, errors"

    def ingest_rows(self) -> list[tuple[Any, ...]]:
        """The ingest log, oldest first."""
        return self.conn.execute(f"SELECT {self._INGEST_COLUMNS} FROM ingests ORDER BY id"
                                 ).fetchall()

    def add_ingest_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        with self.transaction():
            self.conn.executemany(f"INSERT INTO ingests ({self._INGEST_COLUMNS}) VALUES"
                                  " (?, ?, ?, ?, ?, ?, ?)", rows)

    def log_ingest(self, started_at: str, counts: dict[str, int]) -> None:
        """Record a finished ingest run (its own short transaction)."""
        self.conn.execute(
            "INSERT INTO ingests (started_at, finished_at, added, updated, unchanged, duplicates,"
            " errors) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (started_at, now(), counts.get("added", 0), counts.get("updated", 0),
             counts.get("unchanged", 0), counts.get("duplicate", 0), counts.get("error", 0)),
        )

    def check(self, quick: bool = False) -> list[str]:
        """Everything wrong with the archive, one line each; empty when it is sound.

        Besides SQLite's and FTS5's own checks, every article's text is checked against its
        sha256 and its index row against the text it should hold (`check_articles()`);
        `quick` checks a sample of the articles (`QUICK_SHARE`). What cannot be checked on
        this archive is listed by `unchecked()`.
        """
        if not self.damaged:
            try:
                return self._check_structure() + self.check_articles(quick)
            except sqlite3.DatabaseError as exc:
                if not isinstance(archive_error(self.path, exc), CorruptArchive):
                    raise
                self.damaged = True  # found while reading: check what can still be read
        return self._check_damaged()

    def unchecked(self) -> list[str]:
        """What `check()` leaves out on this archive, one phrase each."""
        if self.damaged:
            return ["the full-text index (the file is damaged: `newsarc salvage` copies every"
                    " readable article into a new archive, which it indexes)"]
        if self.readonly:
            return ["FTS5's own integrity-check (it needs write access: the index rows were"
                    " still compared with the text)"]
        return []

    def _engine_checks(self) -> list[str]:
        """SQLite's and FTS5's own integrity checks, and that other tools find the index."""
        problems: list[str] = []
        for (line,) in self.conn.execute("PRAGMA integrity_check"):
            if line != "ok":
                problems.append(f"sqlite: {line}")
        if not self.readonly:
            try:
                self.conn.execute(
                    "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')"
                )
            except sqlite3.DatabaseError as exc:
                problems.append(f"full-text index: {exc}")
        # The archive promises that sqlite-utils and Datasette find its index: ask sqlite-utils.
        from sqlite_utils import Database

        found = Database(self.conn, recursive_triggers=False).table("articles").detect_fts()
        if found != "articles_fts":
            problems.append("sqlite-utils and Datasette cannot find the full-text index")
        return problems

    # the table of the index's rows and its rowid column (for the checks of missing rows)
    _INDEXED = ("articles_fts_docsize", "id")

    def _check_structure(self) -> list[str]:
        problems = self._engine_checks()
        table, rowid = self._INDEXED
        checks = [
            ("SELECT id FROM articles a WHERE NOT EXISTS"
             " (SELECT 1 FROM sections s WHERE s.article_id = a.id)",
             "article {} has no sections"),
            ("SELECT DISTINCT article_id FROM sections s WHERE NOT EXISTS"
             " (SELECT 1 FROM articles a WHERE a.id = s.article_id)",
             "sections of a missing article {}"),
            ("SELECT id FROM articles a WHERE NOT EXISTS"
             f" (SELECT 1 FROM {table} d WHERE d.{rowid} = a.rowid)",
             "article {} is missing from the full-text index"),
            (f"SELECT d.{rowid} FROM {table} d WHERE NOT EXISTS"
             f" (SELECT 1 FROM articles a WHERE a.rowid = d.{rowid})",
             "the full-text index has a row {} for no article"),
            ("SELECT id FROM articles a WHERE NOT EXISTS"
             " (SELECT 1 FROM story_clusters c WHERE c.article = a.rowid)",
             "article {} has no story cluster"),
            ("SELECT c.article FROM story_clusters c WHERE NOT EXISTS"
             " (SELECT 1 FROM articles a WHERE a.rowid = c.cluster)"
             " OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.rowid = c.article)",
             "story cluster row {} names a missing article"),
            *((f"SELECT DISTINCT k.article FROM {table} k WHERE NOT EXISTS"
               " (SELECT 1 FROM articles a WHERE a.rowid = k.article)",
               f"{table} holds keys of a missing article {{}}")
              for table in ("story_keys", "story_keys_recent")),
            ("SELECT l.a || '-' || l.b FROM story_links l WHERE NOT EXISTS"
             " (SELECT 1 FROM articles a WHERE a.rowid = l.a)"
             " OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.rowid = l.b)",
             "story link {} names a missing article"),
            ("SELECT DISTINCT m.article FROM date_mentions m WHERE NOT EXISTS"
             " (SELECT 1 FROM articles a WHERE a.rowid = m.article)",
             "date mentions of a missing article {}"),
            ("SELECT DISTINCT m.article FROM place_mentions m WHERE NOT EXISTS"
             " (SELECT 1 FROM articles a WHERE a.rowid = m.article)",
             "place mentions of a missing article {}"),
            ("SELECT DISTINCT m.place FROM place_mentions m WHERE NOT EXISTS"
             " (SELECT 1 FROM places p WHERE p.id = m.place)",
             "place mentions name a missing place {}"),
            (f"SELECT DISTINCT t.article FROM tags t WHERE {_ORPHAN_TAG}",
             "tags of a missing article {}: check --repair removes them"),
        ]
        for sql, template in checks:
            for (value,) in self.conn.execute(sql):
                problems.append(template.format(value))
        problems += self._check_clusters()
        from newsarc.extract.stories import VERSION

        made = self.meta("stories_version")
        if made is not None and made != str(VERSION):
            problems.append(f"story clusters were made by signature version {made}, this newsarc"
                            f" has {VERSION}: check --repair clusters every article again")
        return problems

    def _check_clusters(self) -> list[str]:
        """Every article's cluster is the representative (earliest dated, ties by id) of its
        component of the story links: what clustering keeps, and `check --repair` rebuilds."""
        from newsarc.extract.stories import earliest

        parent: dict[int, int] = {}

        def root(r: int) -> int:
            parent.setdefault(r, r)
            while parent[r] != r:
                parent[r] = parent[parent[r]]
                r = parent[r]
            return r

        for a, b in self.conn.execute("SELECT a, b FROM story_links"):
            parent[root(a)] = root(b)
        members: dict[int, list[tuple[str | None, str, int]]] = {}
        clusters: dict[int, int] = {}
        for rowid, id, date, cluster in self.conn.execute(
                "SELECT a.rowid, a.id, a.date, c.cluster FROM articles a"
                " JOIN story_clusters c ON c.article = a.rowid"):
            members.setdefault(root(rowid), []).append((date, id, rowid))
            clusters[rowid] = cluster
        problems = []
        for group in members.values():
            _, rep_id = earliest([(d, i) for d, i, _ in group])
            rep = next(r for d, i, r in group if i == rep_id)
            problems += [f"article {i} is not in its story's cluster (that of {rep_id})"
                         for _, i, r in group if clusters[r] != rep]
        return problems

    def check_articles(self, quick: bool = False) -> list[str]:
        """Each article's text against its sha256, and its index row against the index row
        `derive_index()` gives for that text, one line per article found wrong.

        The expected rows go into a temporary FTS5 table with the same columns and tokenizer
        (so this works on a read-only archive), and the two indexes are compared: the token
        count of each column of each row (FTS5's `docsize`), and then every token with its
        article, column and position (`fts5vocab` instance tables), term by term, first by a
        checksum per term and then, for a term whose checksums differ, instance by instance.
        `quick`: one article in QUICK_SHARE (at least QUICK_MIN), their token counts and the
        first words of each column (an FTS5 `^"phrase"` per row) instead of every token.
        """
        rows = self.conn.execute(f"SELECT rowid, {_ARTICLE_COLUMNS} FROM articles").fetchall()
        if quick and len(rows) > QUICK_MIN:
            import random

            rows = random.sample(rows, max(QUICK_MIN, len(rows) // QUICK_SHARE))
        problems: dict[str, str] = {}
        expected: dict[int, tuple[str, tuple[str, ...]]] = {}  # rowid -> (id, index values)
        with self._expected_index() as insert:
            for rowid, *row in rows:
                id, title = row[0], row[2]
                sections = self.sections(id)
                if not sha256_matches(_article(tuple(row), sections)):
                    problems[id] = f"article {id}: its text does not match its sha256"
                values = derive_index(title, sections).index
                insert(rowid, values)
                expected[rowid] = (id, values if quick else ())  # memory: text if used
            stale = self._compare_sizes(expected)
            stale |= self._compare_starts(expected) if quick else self._compare_tokens(expected)
        for rowid in sorted(stale, key=lambda r: expected[r][0]):
            id = expected[rowid][0]
            problems.setdefault(id, f"article {id}: its index row does not hold its text")
        return [problems[id] for id in sorted(problems)]

    @contextmanager
    def _expected_index(self) -> Iterator[Callable[[int, tuple[str, ...]], None]]:
        """A temporary FTS5 table like the index, and a function that adds a row to it."""
        db = self.conn
        db.execute("DROP TABLE IF EXISTS temp.newsarc_expected")
        db.execute(_FTS_TABLE_M006.replace("articles_fts", "temp.newsarc_expected", 1))
        db.execute("CREATE VIRTUAL TABLE temp.newsarc_expected_vocab"
                   " USING fts5vocab(temp, newsarc_expected, 'instance')")
        db.execute("CREATE VIRTUAL TABLE temp.newsarc_index_vocab"
                   " USING fts5vocab(main, articles_fts, 'instance')")
        insert = (f"INSERT INTO temp.newsarc_expected (rowid, {', '.join(_INDEX_COLUMNS)})"
                  f" VALUES (?, {', '.join('?' * len(_INDEX_COLUMNS))})")

        def add(rowid: int, values: tuple[str, ...]) -> None:
            db.execute(insert, (rowid, *values))

        db.execute("SAVEPOINT newsarc_check")  # one transaction for the temporary inserts
        try:
            yield add
        finally:
            db.execute("ROLLBACK TO newsarc_check")
            db.execute("RELEASE newsarc_check")
            for table in ("newsarc_index_vocab", "newsarc_expected_vocab", "newsarc_expected"):
                db.execute(f"DROP TABLE temp.{table}")

    def _compare_sizes(self, expected: dict[int, Any]) -> set[int]:
        """Rowids whose token counts per column differ from the expected rows'."""
        rows = self.conn.execute(
            "SELECT e.id FROM temp.newsarc_expected_docsize e"
            " LEFT JOIN main.articles_fts_docsize m ON m.id = e.id WHERE m.sz IS NOT e.sz"
        )
        return {rowid for (rowid,) in rows}

    def _compare_tokens(self, expected: dict[int, Any]) -> set[int]:
        """Rowids whose tokens (term, column, position) differ from the expected rows'."""
        checksum = (  # per term: instances, and two sums over (article, column, position)
            "SELECT term, count(*), sum((doc % 1000003) * 7919 + offset * 31 + length(col)),"
            " sum(doc * 3 + offset + instr('{cols}', col)) FROM temp.{vocab} GROUP BY term"
        )
        cols = " ".join(_INDEX_COLUMNS)
        index = {r[0]: r[1:] for r in self.conn.execute(
            checksum.format(cols=cols, vocab="newsarc_index_vocab"))}
        wanted = {r[0]: r[1:] for r in self.conn.execute(
            checksum.format(cols=cols, vocab="newsarc_expected_vocab"))}
        differ = {t for t in index.keys() | wanted.keys() if index.get(t) != wanted.get(t)}
        stale: set[int] = set()
        instances = "SELECT doc, col, offset FROM temp.{} WHERE term = ?"
        for term in differ:
            have = set(self.conn.execute(instances.format("newsarc_index_vocab"), (term,)))
            want = set(self.conn.execute(instances.format("newsarc_expected_vocab"), (term,)))
            stale |= {doc for doc, _, _ in have ^ want if doc in expected}
        return stale

    def _compare_starts(self, expected: dict[int, tuple[str, tuple[str, ...]]]) -> set[int]:
        """Rowids whose index row does not start each column with its expected first words."""
        stale: set[int] = set()
        for rowid, (_, values) in expected.items():
            starts = [f"({column} : ^{_phrase(' '.join(value.split()[:QUICK_WORDS]))})"
                      for column, value in zip(_INDEX_COLUMNS, values, strict=True)
                      if _TOKEN_CHAR.search(value)]
            if starts and self.conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                (" AND ".join(starts), rowid),
            ).fetchone() == (0,):
                stale.add(rowid)
        return stale

    # -- a damaged file ----------------------------------------------------------------------

    def _check_damaged(self) -> list[str]:
        """What a damaged file still tells: SQLite's integrity check, then every article that
        can be named, read and checked against its sha256."""
        problems: list[str] = []
        try:
            problems += [f"sqlite: {line}" for (line,) in self.conn.execute(
                "PRAGMA integrity_check(100)") if line != "ok"]
        except sqlite3.DatabaseError as exc:
            problems.append(f"sqlite: {exc}")
        for id, article, problem in self.rescue():
            if problem:
                problems.append(f"article {id}: {problem}" if id else problem)
            elif article is not None and not sha256_matches(article):
                problems.append(f"article {id}: its text does not match its sha256")
        return problems

    def rescue(self) -> Iterator[tuple[str, Article | None, str]]:
        """Every article that can be read from a possibly damaged file, by id:
        (id, article, "") or (id, None, why it cannot be read); ("", None, what) for a part of
        the file that could not be read to name the articles in it.

        The ids come from wherever they can still be read: the articles table (from both
        ends, so a damaged stretch in the middle loses only the ids inside it), its id index,
        and the sections' own index of article ids.
        """
        ids: dict[str, None] = {}
        scans = {
            "the articles table": "SELECT id FROM articles NOT INDEXED ORDER BY rowid {}",
            "the articles' id index": "SELECT id FROM articles INDEXED BY"
            " sqlite_autoindex_articles_1 ORDER BY id {}",
            "the sections' index": "SELECT DISTINCT article_id FROM sections INDEXED BY"
            " sqlite_autoindex_sections_1 ORDER BY article_id {}",
        }
        unreadable: dict[str, str] = {}
        for name, sql in scans.items():
            for order in ("", "DESC"):
                try:
                    for (id,) in self.conn.execute(sql.format(order)):
                        ids[id] = None
                except sqlite3.DatabaseError as exc:
                    unreadable[name] = str(exc)
        for name, error in unreadable.items():
            yield "", None, f"{name} cannot be read whole ({error}): ids in it may be missing"
        # An archive from before m005 has no metadata columns: read them as empty.
        try:
            self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles LIMIT 0")
            columns = _ARTICLE_COLUMNS
        except sqlite3.OperationalError:
            columns = "id, date, title, source, sha256" + ", NULL" * len(META_COLUMNS)
        for id in sorted(ids):
            try:
                row = self.conn.execute(
                    f"SELECT {columns} FROM articles WHERE id = ?", (id,)
                ).fetchone()
                sections = self.sections(id)
            except sqlite3.DatabaseError as exc:
                yield id, None, f"cannot be read ({exc})"
                continue
            if row is None:
                yield id, None, "has sections but no article row"
            elif not sections:
                yield id, None, "has no sections"
            else:
                yield id, _article(row, sections), ""

    # -- maintenance -------------------------------------------------------------------------

    def rebuild_index(self, progress: Progress | None = None) -> int:
        """Refill the FTS5 index from the stored text, in one transaction (FTS5's own 'rebuild'
        would read the wrong columns: the index holds folded text only newsarc can produce)."""
        with self.transaction():
            self.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
            return _fill_index(self.conn, progress)

    # -- date mentions (issue 15) ------------------------------------------------------------

    def mentions_of(self, id: str) -> list[Mention]:
        """An article's stored date mentions, in text order (offsets into its sections)."""
        rows = self.conn.execute(
            'SELECT m.position, m.start, m."end", m.surface, m.value, m.granularity, m.how,'
            " m.first_day, m.last_day FROM date_mentions m JOIN articles a"
            " ON a.rowid = m.article WHERE a.id = ? ORDER BY m.position, m.start",
            (id,),
        )
        return [Mention(*row) for row in rows]

    def meta(self, key: str) -> str | None:
        """A value of the archive's own (`newsarc_meta`): None when not recorded."""
        try:
            row = self.conn.execute("SELECT value FROM newsarc_meta WHERE key = ?",
                                    (key,)).fetchone()
        except sqlite3.OperationalError:  # an archive older than the table
            return None
        return None if row is None else str(row[0])

    def dates_version(self) -> int | None:
        """The extractor version that found the stored date mentions (None: never recorded)."""
        return self._version("timex_version")

    def places_version(self) -> int | None:
        """The extractor version that found the stored place mentions (None: never recorded)."""
        return self._version("places_version")

    def _version(self, key: str) -> int | None:
        value = self.meta(key)
        return int(value) if value is not None and value.isdigit() else None

    def rebuild_mentions(self, progress: Progress | None = None) -> int:
        """Find every article's date mentions again from its text, in one transaction."""
        with self.transaction():
            self.conn.execute("DELETE FROM date_mentions")
            return _fill_mentions(self.conn, progress)

    # -- place mentions (issue 17) -----------------------------------------------------------

    def places_of(self, id: str) -> list[PlaceMention]:
        """An article's stored place mentions, in text order (offsets into its sections)."""
        rows = self.conn.execute(
            'SELECT m.position, m.start, m."end", m.surface, m.kind, p.key, p.name, p.country,'
            " p.kind, p.geonameid, p.admin1, p.lat, p.lon, p.population FROM place_mentions m"
            " JOIN places p ON p.id = m.place JOIN articles a ON a.rowid = m.article"
            " WHERE a.id = ? ORDER BY m.position, m.start",
            (id,),
        )
        return [PlaceMention(p, s, e, surface, kind, Place(*place))
                for p, s, e, surface, kind, *place in rows]

    def rebuild_places(self, progress: Progress | None = None) -> int:
        """Find every article's place mentions again from its text, in one transaction (the
        places no article names any more are dropped)."""
        with self.transaction():
            for table in ("place_mentions", "place_names", "places"):
                self.conn.execute(f"DELETE FROM {table}")
            self.places.forget()
            return _fill_places(self.conn, progress)

    def place_counts(self, articles: ArticleFilter | None, country: str | None = None,
                     kind: str | None = None, limit: int = 0) -> list[PlaceCount]:
        """The places the articles (all, or those `articles` selects) name, with how many
        articles name each and how many times: most articles first, then most mentions."""
        where: list[str] = []
        params: list[object] = []
        if articles is not None:
            where.append(f"m.article IN ({articles[0]})")
            params.extend(articles[1])
        if country:
            where.append("p.country = ?")
            params.append(country.upper())
        if kind:
            where.append("p.kind = ?")
            params.append(kind)
        sql = ("SELECT p.name, p.country, p.kind, p.geonameid, p.lat, p.lon,"
               " count(DISTINCT m.article) AS n, count(*) AS mentions FROM place_mentions m"
               " JOIN places p ON p.id = m.place"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " GROUP BY p.id ORDER BY n DESC, mentions DESC, p.name, p.country")
        if limit > 0:
            sql += " LIMIT ?"
            params.append(limit)
        return [PlaceCount(*row) for row in self.conn.execute(sql, params)]

    def places_named(self, name: str, strict: bool = False) -> tuple[list[Place], int]:
        """The archive's places `place:NAME` means by that name (any spelling the gazetteer
        knows, a demonym, or a GeoNames id), and (unless `strict`) how many places it holds
        within them; for --explain."""
        where, params = _named(name, strict=True)
        rows = self.conn.execute(
            "SELECT key, name, country, kind, geonameid, admin1, lat, lon, population"
            f" FROM places WHERE id IN ({where}) ORDER BY kind, name, country", params)
        if strict:
            return [Place(*row) for row in rows], 0
        within, more = _named(name, strict=False)
        (n,) = self.conn.execute(f"SELECT count(*) FROM ({within} AND within = 1) AS w",
                                 more).fetchone()
        return [Place(*row) for row in rows], int(n)

    _EVENT_COLUMNS = ('m.value, m.first_day, m.last_day, a.id, a.date, m.surface, m.position,'
                      ' m.start, m."end", m.granularity')

    def events(
        self, articles: ArticleFilter | None, start: str | None, end: str | None,
        limit: int = 0,
    ) -> list[tuple[Any, ...]]:
        """Date mentions ordered by the date mentioned: (value, first_day, last_day, id,
        date, surface, position, start, end, granularity). `articles` limits them to the
        articles an SQL query selects (their rowids); `start`/`end` keep those whose days
        overlap [start, end]; `limit` 0 is all."""
        where, params = _mention_filter(articles, start, end)
        sql = (f"SELECT {self._EVENT_COLUMNS} FROM date_mentions m JOIN articles a"
               f" ON a.rowid = m.article{where} ORDER BY m.first_day, m.last_day,"
               ' a.date, a.id, m.position, m.start')
        if limit > 0:
            sql += " LIMIT ?"
            params.append(limit)
        return self.conn.execute(sql, params).fetchall()

    def mention_days(
        self, articles: ArticleFilter | None, start: str | None, end: str | None
    ) -> list[tuple[str, str | None, str, str, str, str, str]]:
        """For timelines by the dates mentioned: (id, date, title, value, granularity,
        first_day, last_day) of every mention, filtered as `events()`, by article."""
        where, params = _mention_filter(articles, start, end)
        rows = self.conn.execute(
            "SELECT a.id, a.date, a.title, m.value, m.granularity, m.first_day, m.last_day"
            f" FROM date_mentions m JOIN articles a ON a.rowid = m.article{where}"
            " ORDER BY a.date IS NULL, a.date, a.id", params)
        return rows.fetchall()

    def story_days(
        self, articles: ArticleFilter, start: str | None, end: str | None
    ) -> list[tuple[str, str, int, int, int]]:
        """For story timelines (issue 16): (id, day, position, start, end) of every mention of
        one calendar day (granularity `day`, not a range) inside [start, end] (either open), in
        the dated articles an SQL query selects whose own date is inside it too."""
        where, params = _mention_filter(articles, start, end)
        dated, dated_params = _dated_in(start, end)
        rows = self.conn.execute(
            'SELECT a.id, m.first_day, m.position, m.start, m."end"'
            f" FROM date_mentions m JOIN articles a ON a.rowid = m.article{where}"
            " AND m.granularity = 'day' AND m.first_day = m.last_day"
            f" AND {dated} ORDER BY a.id, m.position, m.start", [*params, *dated_params])
        return rows.fetchall()

    def story_articles(
        self, articles: ArticleFilter, start: str | None, end: str | None
    ) -> list[tuple[str, str | None]]:
        """(id, date) of the articles an SQL query selects that are dated inside [start, end],
        oldest first, then (without a window) the undated: the articles a story timeline
        reads."""
        dated, params = _dated_in(start, end) if start or end else ("true", [])
        rows = self.conn.execute(
            f"SELECT a.id, a.date FROM articles a WHERE a.rowid IN ({articles[0]}) AND {dated}"
            " ORDER BY a.date IS NULL, a.date, a.id", [*articles[1], *params])
        return rows.fetchall()


    # -- tags and saved searches (issue 19) --------------------------------------------------

    TAG_CHUNK = 500  # ids looked up and tagged per statement

    def tag_articles(
        self, ids: Iterable[str], add: Sequence[str], remove: Sequence[str],
        missing: Callable[[str], None],
    ) -> Tagged:
        """Add and remove tags on the articles `ids` names, in one transaction, reading the
        ids as they come (TAG_CHUNK at a time): a pipe of 100,000 ids is never held whole.
        An id that names no article goes to `missing`. A tag the archive already holds in
        another case keeps its spelling (`+Mosul` on an archive that has `mosul`)."""
        added = dict.fromkeys(add, 0)
        removed = dict.fromkeys(remove, 0)
        seen = absent = 0
        with self.transaction():
            spelled = [(tag, self._spelling(tag)) for tag in add]
            chunk: list[str] = []

            def flush() -> None:
                nonlocal seen, absent
                marks = ",".join("?" * len(chunk))
                found = {id for (id,) in self.conn.execute(
                    f"SELECT id FROM articles WHERE id IN ({marks})", chunk)}
                for id in dict.fromkeys(chunk):
                    if id in found:
                        seen += 1
                    else:
                        absent += 1
                        missing(id)
                for typed, tag in spelled:
                    added[typed] += self.conn.execute(
                        "INSERT INTO tags (article, tag, key) SELECT rowid, ?, ?"
                        f" FROM articles WHERE id IN ({marks}) ON CONFLICT DO NOTHING",
                        [tag, tag.casefold(), *chunk]).rowcount
                for tag in remove:
                    removed[tag] += self.conn.execute(
                        f"DELETE FROM tags WHERE key = ? AND article IN (SELECT rowid FROM"
                        f" articles WHERE id IN ({marks}))", [tag.casefold(), *chunk]).rowcount
                chunk.clear()

            for id in ids:
                chunk.append(id)
                if len(chunk) >= self.TAG_CHUNK:
                    flush()
            if chunk:
                flush()
        from newsarc.userdata import Tagged

        return Tagged(tuple(added.items()), tuple(removed.items()), seen, absent)

    def _spelling(self, tag: str) -> str:
        row = self.conn.execute("SELECT tag FROM tags WHERE key = ? LIMIT 1",
                                (tag.casefold(),)).fetchone()
        return tag if row is None else str(row[0])

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag and every tag under it (`old/x` becomes `new/x`), in one transaction;
        return how many (article, tag) rows were renamed. Where an article already carries
        the new name, the two become one."""
        key = old.casefold()
        depth = old.count("/") + 1
        match = "key = ? OR (key > ? AND key < ?)"
        with self.transaction():
            self.conn.execute("DROP TABLE IF EXISTS newsarc_renamed")
            self.conn.execute("CREATE TEMP TABLE newsarc_renamed AS SELECT article, tag FROM"
                              f" tags WHERE {match}", (key, *_below(key)))
            n = self.conn.execute(f"DELETE FROM tags WHERE {match}", (key, *_below(key))).rowcount
            for (tag,) in self.conn.execute(
                    "SELECT DISTINCT tag FROM newsarc_renamed").fetchall():
                renamed = "/".join([new, *tag.split("/")[depth:]])
                self.conn.execute(
                    "INSERT INTO tags (article, tag, key) SELECT article, ?, ?"
                    " FROM newsarc_renamed WHERE tag = ? ON CONFLICT DO NOTHING",
                    (renamed, renamed.casefold(), tag))
            self.conn.execute("DROP TABLE newsarc_renamed")
        return n

    def tag_counts(self) -> list[TagCount]:
        """Every tag with the number of articles that carry it, in tag order (a parent before
        its children)."""
        rows = self.conn.execute(
            "SELECT min(tag), count(*) FROM tags GROUP BY key ORDER BY replace(key, '/', ?)",
            (TAG_ORDER,))
        from newsarc.userdata import TagCount

        return [TagCount(tag, n) for tag, n in rows]

    def tags_of(self, id: str) -> list[str]:
        """An article's tags, in tag order."""
        rows = self.conn.execute(
            "SELECT t.tag FROM articles a JOIN tags t ON t.article = a.rowid WHERE a.id = ?"
            " ORDER BY replace(t.key, '/', ?)", (id, TAG_ORDER))
        return [tag for (tag,) in rows]

    def set_tags(self, id: str, tags: Sequence[str]) -> None:
        """An article's tags become exactly `tags` (an export read back; inside a
        transaction)."""
        row = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (id,)).fetchone()
        if row is None:
            return
        self.conn.execute("DELETE FROM tags WHERE article = ?", (row[0],))
        self.conn.executemany(
            "INSERT INTO tags (article, tag, key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(row[0], tag, tag.casefold()) for tag in tags])

    def tag_rows(self) -> list[tuple[str, str]]:
        """(article id, tag) of every tag, as far as a (maybe damaged) archive can still read
        them (`salvage`)."""
        try:
            return [(id, tag) for id, tag in self.conn.execute(
                "SELECT a.id, t.tag FROM tags t JOIN articles a ON a.rowid = t.article")]
        except sqlite3.Error:  # no such table (an older archive), or damaged
            return []

    def add_tag_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        """(article id, tag) rows read from another archive (`salvage`), in one transaction;
        those of an article not here are left out."""
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO tags (article, tag, key) SELECT rowid, ?, ? FROM articles"
                " WHERE id = ? ON CONFLICT DO NOTHING",
                [(tag, tag.casefold(), id) for id, tag in rows])

    def drop_orphan_tags(self) -> int:
        """Remove the tags of articles that are gone (`check --repair`); return how many."""
        with self.transaction():
            return int(self.conn.execute(f"DELETE FROM tags AS t WHERE {_ORPHAN_TAG}").rowcount)

    def saved_search(self, name: str) -> SavedSearch | None:
        """The saved search of that name (any case), or None."""
        row = self.conn.execute(f"SELECT {_SAVED_COLUMNS} FROM saved_searches WHERE key = ?",
                                (name.casefold(),)).fetchone()
        if row is None:
            return None
        from newsarc.userdata import SavedSearch

        return SavedSearch(*row)

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search (as far as a damaged archive can read them), by name."""
        from newsarc.userdata import SavedSearch

        try:
            rows = self.conn.execute(f"SELECT {_SAVED_COLUMNS} FROM saved_searches ORDER BY key")
            return [SavedSearch(*row) for row in rows]
        except sqlite3.Error:
            return []

    def put_saved(self, searches: Sequence[SavedSearch], drop: Sequence[str] = ()) -> None:
        """Store saved searches (replacing any of the same name) and forget those named in
        `drop`, in one transaction (a rename rewrites the searches that refer to it)."""
        with self.transaction():
            self.conn.executemany("DELETE FROM saved_searches WHERE key = ?",
                                  [(name.casefold(),) for name in drop])
            self.restore_saved(searches)

    def restore_saved(self, searches: Iterable[SavedSearch]) -> None:
        """Store saved searches as given (inside a transaction: an export read back)."""
        self.conn.executemany(
            "INSERT INTO saved_searches (key, name, query, since, until, created)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
            " query = excluded.query, since = excluded.since, until = excluded.until,"
            " created = excluded.created",
            [(s.name.casefold(), s.name, s.query, s.since, s.until, s.created or now())
             for s in searches])


def _dated_in(start: str | None, end: str | None) -> tuple[str, list[object]]:
    """An SQL condition on `articles a`: dated, and its date's first day inside [start, end]."""
    clauses: list[str] = ["a.date IS NOT NULL"]
    params: list[object] = []
    if start:
        clauses.append("a.date >= substr(?, 1, length(a.date))")
        params.append(start)
    if end:
        clauses.append("a.date <= ?")
        params.append(end)
    return " AND ".join(clauses), params


ArticleFilter = tuple[str, list[object]]  # SQL selecting article rowids, and its parameters
_SAVED_COLUMNS = "name, query, since, until, created"


def _mention_filter(
    articles: ArticleFilter | None, start: str | None, end: str | None
) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if articles is not None:
        clauses.append(f"m.article IN ({articles[0]})")
        params.extend(articles[1])
    if start:
        clauses.append("m.last_day >= ?")
        params.append(start)
    if end:
        clauses.append("m.first_day <= ?")
        params.append(end)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def tagged_sql(key: str) -> tuple[str, list[object]]:
    """An SQL condition on `articles a`: the article carries the tag `key` (casefolded) or
    one under it (`key/...`), for the query language's `tag:`."""
    return ("a.rowid IN (SELECT article FROM tags WHERE key = ? OR (key > ? AND key < ?))",
            [key, *_below(key)])


def _below(key: str) -> tuple[str, str]:
    """The bounds of the keys under `key`: `key/` < `key/...` < `key0` (`0` follows `/`)."""
    return key + "/", key + "0"


_ORPHAN_TAG = "NOT EXISTS (SELECT 1 FROM articles a WHERE a.rowid = t.article)"


def mentions_sql(start: str | None, end: str | None) -> tuple[str, list[object]]:
    """An SQL condition on `articles a`: the article mentions a date overlapping
    [start, end] (either open), for the query language's `mentions:`."""
    where, params = _mention_filter(None, start, end)
    return "EXISTS (SELECT 1 FROM date_mentions m WHERE m.article = a.rowid" + (
        f" AND {where.removeprefix(' WHERE ')}" if where else "") + ")", params


_ARTICLE_COLUMNS = "id, date, title, source, sha256, " + ", ".join(META_COLUMNS)
# every article, and every section, in id order (`iter_articles()` joins them as they stream)
ALL_ARTICLES = f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id"
ALL_SECTIONS = ("SELECT article_id, position, heading, text FROM sections"
                " ORDER BY article_id, position")

_TOKEN_CHAR = re.compile(r"[^\W_]")


def _named(name: str, strict: bool) -> tuple[str, list[object]]:
    """SQL selecting the ids of the places `name` names (a spelling, a demonym, a GeoNames
    id) and, unless `strict`, of the places within them."""
    from newsarc.extract.placenames import query_keys

    keys = query_keys(name)
    return (f"SELECT place FROM place_names WHERE key IN ({', '.join('?' * len(keys))})"
            + (" AND within = 0" if strict else ""), list(keys))


def places_sql(name: str, strict: bool) -> tuple[str, list[object]]:
    """An SQL condition on `articles a`: the article names the place `name` (any spelling
    the gazetteer knows, a demonym, a GeoNames id) or, unless `strict`, a place within it
    (a country's regions and cities, a US state's cities); for the query language's
    `place:`."""
    named, params = _named(name, strict)
    return (f"a.rowid IN (SELECT m.article FROM place_mentions m WHERE m.place IN ({named}))",
            params)



def _joined(articles: Iterable[tuple[Any, ...]], sections: Iterable[tuple[Any, ...]]
            ) -> Iterator[Article]:
    """Article rows and section rows, both in id order, joined as they stream."""
    rows = iter(sections)
    pending = next(rows, None)
    for row in articles:
        own: list[Section] = []
        while pending is not None and pending[0] < row[0]:
            pending = next(rows, None)  # orphan sections: `check` reports them
        while pending is not None and pending[0] == row[0]:
            own.append(Section(*pending[1:]))
            pending = next(rows, None)
        yield _article(row, own)


def sha256_matches(article: Article) -> bool:
    """Whether the article's text is the text its sha256 was computed from: its canonical
    text with a `# Title` line, or without one when the title was derived from the text
    (`articles.reread()`)."""
    from newsarc.articles import make_article

    return any(
        make_article(article.id, article.date, article.title, article.source,
                     article.sections, derived, article.meta).sha256 == article.sha256
        for derived in (True, False)
    )


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _article(row: tuple[Any, ...], sections: list[Section]) -> Article:
    id, date, title, source, sha256, *meta = row
    return Article(id, date, title, source, sha256, tuple(sections), _meta(*meta))


def _meta(outlet: str | None, url: str | None, author: str | None, language: str | None,
          extra: str | None) -> Meta:
    if outlet is None and url is None and author is None and language is None and not extra:
        return NO_META
    import json

    pairs = tuple(json.loads(extra).items()) if extra else ()
    return Meta(outlet, url, author, language, pairs)


def _meta_values(meta: Meta) -> tuple[str | None, ...]:
    """The META_COLUMNS of an article: `meta` is a JSON object, or NULL when there is none."""
    extra: str | None = None
    if meta.extra:
        import json

        extra = json.dumps(dict(meta.extra), ensure_ascii=False)
    return (meta.outlet, meta.url, meta.author, meta.language, extra)


@dataclass(frozen=True)
class Derived:
    """What the archive derives from an article's text: its word count, the lede's dateline
    and credit, and its FTS5 row. Pure work on the text, so ingest's worker processes compute
    it while this one writes."""

    words: int
    index: tuple[str, ...]  # the values of _INDEX_COLUMNS
    credit: str | None = None
    dateline: str | None = None
    story: Story | None = None  # its story signature, when ingest computed it
    dates: tuple[Mention, ...] | None = None  # its date mentions, when ingest computed them
    places: tuple[PlaceMention, ...] | None = None  # its place mentions, likewise
    index_row: str | None = None  # `index` in the store's own form (Store.index_row), if made


def _mentions(article: Article, derived: Derived) -> tuple[Mention, ...]:
    if derived.dates is not None:
        return derived.dates
    from newsarc.extract.mentions import article_mentions

    return article_mentions(article)


def _places(article: Article, derived: Derived) -> Sequence[PlaceMention]:
    if derived.places is not None:
        return derived.places
    from newsarc.extract.places import article_places

    return article_places(article.sections)


def derive(article: Article) -> Derived:
    return derive_index(article.title, article.sections)


def derive_index(title: str, sections: Sequence[Section]) -> Derived:
    """The index row of an article (title, headings, body, credit, dateline, forms), as it is
    written and, to delete it, written again: a pure function of the stored title and text."""
    headings: list[str] = []
    body: list[str] = []
    for s in sections:
        if s.heading:
            headings.append(s.heading)
        body.append(s.text)
    # Imported here: `newsarc search` opens the store and never parses (hashlib, the dateline
    # patterns: 5 ms of start-up).
    from newsarc.articles import lede_dateline

    lede = sections[0].text if sections and sections[0].heading is None else ""
    found, skip = lede_dateline(lede)
    place = found.place if found else None
    credit = found.credit if found else None
    text = "\n\n".join(body)  # the lede comes first: `skip` is an offset into `text` too
    extra = " ".join(f for f in (forms(title), forms("\n".join(headings)), forms(text, skip)) if f)
    index = (fold(title), fold("\n".join(headings)), fold(text), credit or "", place or "", extra)
    return Derived(sum(s.words for s in sections), index, credit, place)


# ---------------------------------------------------------------------------------------------


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def open_archive(
    path: Path, *, create: bool = False, readonly: bool = False, progress: Progress | None = None
) -> Store:
    """Open (and on first use create) the archive, applying pending migrations.

    Refuses, before writing a byte, a file that is not SQLite, is corrupt, is some other
    application's database, or was made by a newer newsarc. A file the user cannot write (or
    `readonly=True`) is opened read-only: reads still work, writes are refused. `progress`
    hears how far a long migration has come.
    """
    exists = path.exists()
    if not create and (not exists or _empty_file(path)):  # a reading command writes nothing
        raise ArchiveError(
            f"no archive at {path}", hint=(f"{path} is an empty file; " if exists else "")
            + "run `newsarc ingest PATH` first, or pass --db"
        )
    if exists:
        if path.is_dir():
            raise ArchiveError(f"{path} is a directory, not an archive")
        if path.stat().st_size and not _is_sqlite_file(path):
            raise ArchiveError(f"{path} is not a SQLite database")
    readonly = readonly or (exists and not os.access(path, os.W_OK))
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(f"cannot create {path.parent}: {exc.strerror}") from None
    new = not exists or path.stat().st_size == 0
    try:
        conn = _connect_readonly(path) if readonly else sqlite3.connect(
            path, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise archive_error(path, exc) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        store = Store(conn, path, readonly)
        _prepare(store, new, progress or _no_progress)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise archive_error(path, exc) from None
        raise
    return store


def open_damaged(path: Path) -> Store:
    """The archive as it is, read-only, however damaged: no migration, no refusal. For
    `check` on a file that `open_archive()` calls corrupt, and for `salvage`."""
    if not path.is_file():
        raise ArchiveError(f"no archive at {path}")
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
        # A truncated file is shorter than its header says: SQLite refuses to read it at all
        # unless the schema is "writable", which on a read-only connection writes nothing.
        conn.execute("PRAGMA writable_schema = ON")
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError:  # no -shm beside a WAL file in a read-only folder
            conn.close()
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True,
                                   isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA writable_schema = ON")
        except sqlite3.DatabaseError:
            pass  # damaged: what can be read is found query by query
    except sqlite3.Error as exc:
        raise archive_error(path, exc) from None
    return Store(conn, path, readonly=True, damaged=True)


def _empty_file(path: Path) -> bool:
    """A file of 0 bytes (`touch archive.db`) holds no archive, unless its write-ahead log
    does (a new archive whose first pages are not yet copied back to the file)."""
    try:
        if not path.is_file() or path.stat().st_size:
            return False
        wal = path.with_name(path.name + "-wal")
        return not (wal.exists() and wal.stat().st_size)
    except OSError:
        return False


def busy_timeout_ms() -> int:
    """$NEWSARC_BUSY_TIMEOUT_MS lets a script fail fast instead of waiting for a lock."""
    try:
        return max(0, int(os.environ.get("NEWSARC_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Read-only, and without the -shm file a WAL archive needs when its folder is read-only
    too: then the file is opened as immutable (it cannot change under a user who cannot
    write it)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                               check_same_thread=False)


def archive_error(path: Path | str, exc: sqlite3.Error) -> ArchiveError:
    """One line for a database error that reaches the user, naming the archive."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ArchiveError(
            f"archive {path} is busy: another process held its write lock for over"
            f" {busy_timeout_ms() / 1000:g} s; nothing was changed by this command, try again"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return CorruptArchive(
            f"archive {path} is corrupt ({text})",
            hint="`newsarc check` says what is damaged; `newsarc salvage BROKEN.db NEW.db`"
            " copies every readable article into a new archive",
        )
    if "readonly" in text or "read-only" in text:
        return ArchiveError(f"archive {path} is read-only; this command needs to write to it")
    if "disk is full" in text or "disk I/O" in text:
        return ArchiveError(f"archive {path}: {text}; nothing of the current batch was stored")
    return ArchiveError(f"archive {path}: {text}")


def _prepare(store: Store, new: bool, progress: Progress) -> None:
    """Check the file is a newsarc archive we understand, then upgrade it. Reads come first,
    so a corrupt, foreign or newer file is refused before anything is written to it."""
    db = store.conn
    if new:
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    applied = _applied(db)
    known = [m.__name__ for m in MIGRATIONS]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise ArchiveError(
            f"archive {store.path} was written by a newer newsarc (schema {unknown[-1]});"
            " upgrade newsarc to use it"
        )
    if not applied and not new and _has_tables(db):
        raise ArchiveError(f"{store.path} is a SQLite database but not a newsarc archive")
    if not store.readonly:
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    pending = [m for m in MIGRATIONS if m.__name__ not in applied]
    if not pending:
        return
    if store.readonly:
        raise ArchiveError(f"archive {store.path} needs an upgrade but is read-only")
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(
            "CREATE TABLE IF NOT EXISTS newsarc_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        # Another newsarc may have migrated while we waited for the lock: look again.
        applied = _applied(db)
        pending = [m for m in MIGRATIONS if m.__name__ not in applied]
        for migration in pending:
            migration(db, progress)
            db.execute("INSERT INTO newsarc_migrations VALUES (?, ?)", (migration.__name__, now()))
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _applied(db: sqlite3.Connection) -> list[str]:
    try:
        return [r[0] for r in db.execute("SELECT name FROM newsarc_migrations ORDER BY rowid")]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise


def _has_tables(db: sqlite3.Connection) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])


def ensure_writable(store: Store, command: str) -> None:
    if store.readonly:
        store.close()
        why = f" ({store.why_readonly})" if store.why_readonly else ""
        raise ArchiveError(f"archive {store.path} is read-only{why}; {command} needs to write"
                           " to it")
