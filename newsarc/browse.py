"""Read-side queries behind `show`, `sections` and `stats`: plain functions returning dataclasses.

Everything here only reads. Dates sort as stored strings: `2024` < `2024-02` < `2024-02-03`, which
is the order of their first days with the coarser date first, so no conversion is needed to put
mixed-precision dates in order; undated articles always go last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from newsarc.errors import NewsarcError
from newsarc.models import (
    ArchiveStats,
    Article,
    HeadingCount,
    Section,
    SectionOf,
    SectionSummary,
)
from newsarc.normalise import fold_case
from newsarc.store import Store

FIRST_WORDS = 8


def ids_from_lines(lines: Iterable[str]) -> Iterator[str]:
    """The first tab-separated field of each non-blank line: search's tsv pipes straight in."""
    for line in lines:
        first = line.rstrip("\r\n").split("\t", 1)[0].strip()
        if first:
            yield first


def lookup(
    store: Store, given: Iterable[str], on_error: Callable[[NewsarcError], None]
) -> Iterator[Article]:
    """Each id or unique prefix as an Article, in the order given.

    An unknown or ambiguous id goes to `on_error` and the rest are still read, so one stale id
    in a list from a pipe does not hide the others.
    """
    for id in given:
        try:
            yield store.article(store.resolve(id))
        except NewsarcError as exc:
            on_error(exc)


def first_words(text: str, n: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def summarise(sections: Iterable[Section]) -> list[SectionSummary]:
    return [
        SectionSummary(s.position, s.heading, s.paragraphs, s.words, first_words(s.text))
        for s in sections
    ]


def heading_counts(store: Store) -> list[HeadingCount]:
    """Every heading with the number of articles that use it, most common first."""
    rows = store.conn.execute(
        "SELECT heading, count(DISTINCT article_id) AS n FROM sections"
        " WHERE heading IS NOT NULL GROUP BY heading ORDER BY n DESC, lower(heading),"
        " heading"
    )
    return [HeadingCount(heading, n) for heading, n in rows]


def sections_headed(store: Store, text: str, id: str | None = None) -> Iterator[SectionOf]:
    """The sections whose heading contains `text` (any case, any accents), oldest first;
    streamed, so reading one kind of section across a large archive holds one at a time.

    Matched in Python with fold_case(), as `search --section` matches: SQLite's LIKE and
    lower() fold ASCII only, and a story's headings are often not ASCII (`Réactions`).
    """
    needle = fold_case(text)
    sql = (
        "SELECT a.id, a.date, a.title, s.position, s.heading, s.text"
        " FROM sections s JOIN articles a ON a.id = s.article_id WHERE s.heading IS NOT NULL"
    )
    params: list[str] = []
    if id is not None:
        sql += " AND a.id = ?"
        params.append(id)
    sql += " ORDER BY a.date IS NULL, a.date, a.id, s.position"
    for row in store.conn.execute(sql, params):
        if needle in fold_case(row[4]):
            yield SectionOf(*row)


def stats(store: Store) -> ArchiveStats:
    """Counts for `newsarc stats`."""
    articles, words, undated, first, last = store.conn.execute(
        "SELECT count(*), coalesce(sum(words), 0), count(*) - count(date), min(date), max(date)"
        " FROM articles"
    ).fetchone()
    sections = store.conn.execute("SELECT count(*) FROM sections").fetchone()[0]
    clusters, clustered = store.cluster_counts()
    return ArchiveStats(
        db=str(store.path),
        size_bytes=store.size_bytes(),
        articles=articles,
        sections=sections,
        words=words,
        first_date=first,
        last_date=last,
        undated=undated,
        last_ingest=store.last_ingest(),
        outlets=tuple(store.outlet_counts()),
        clusters=clusters,
        clustered=clustered,
    )

