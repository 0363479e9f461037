"""The query language -> an FTS5 MATCH expression, and ranked Hits."""

from __future__ import annotations

import re

from newsarc.errors import UsageError
from newsarc.models import Hit
from newsarc.normalise import fold
from newsarc.store import Store


def compile_query(query: str) -> str:
    """Every word a quoted FTS5 phrase of its folded parts, so punctuation is never syntax."""
    phrases = []
    for word in query.split():
        parts = re.findall(r"\w+", fold(word))
        if parts:
            phrases.append('"' + " ".join(parts) + '"')
    if not phrases:
        raise UsageError("the query is empty once punctuation is removed")
    return " AND ".join(phrases)


def search(store: Store, query: str, limit: int = 20) -> list[Hit]:
    match = compile_query(query)
    rows = store.conn.execute(
        "SELECT a.id, a.date, a.title, bm25(articles_fts, 10.0, 5.0, 1.0) AS score"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
        (match, limit if limit > 0 else -1),
    ).fetchall()
    return [Hit(id, date, title, None, "", -score) for id, date, title, score in rows]
