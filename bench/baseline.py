"""The floor newsarc is measured against: the least a stdlib-only program must do.

    python bench/baseline.py ingest ARCHIVE FOLDER
    python bench/baseline.py search ARCHIVE MATCH [SINCE UNTIL]

`ingest` is the minimal ingest of issue 8: read each `.txt` file, split its paragraphs, insert
it into an articles table and an external-content FTS5 table, in one transaction, WAL,
synchronous=NORMAL. It uses newsarc's tokenizer and new-archive page size, so that the ratio of
the two rates measures what newsarc adds (parsing, sections, folding, per-file checks), not a
pragma. It adds to an ARCHIVE that exists (run.py --curve adds its stretches so). `search` is
one ranked FTS5 query on newsarc's archive: the start-up floor of a search program that needs
nothing but Python and SQLite. Arguments are read by hand, not with argparse, to keep that
floor honest.
"""

from __future__ import annotations

import os
import sqlite3
import sys

TOKENIZE = "porter unicode61 remove_diacritics 2"  # as newsarc.normalise.TOKENIZE
PAGE_SIZE = 16384  # as newsarc.store.sqlite.PAGE_SIZE on a new archive

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, date TEXT, title TEXT, body TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='articles', tokenize='{TOKENIZE}'
);
"""


def files(folder: str) -> list[str]:
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        found += [os.path.join(parent, n) for n in sorted(names) if n.endswith(".txt")]
    return found


def ingest(archive: str, folder: str) -> int:
    db = sqlite3.connect(archive, isolation_level=None)
    db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript(SCHEMA)
    db.execute("BEGIN")
    count = 0
    for path in files(folder):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        first = paragraphs[0].split(" ", 2) if paragraphs else []
        date = first[1] if len(first) > 1 and first[0] == "date" else None
        if date is not None:
            paragraphs[0] = first[2] if len(first) > 2 else ""
        body = "\n\n".join(paragraphs)
        title = body[:80]
        id = os.path.splitext(os.path.basename(path))[0]
        cur = db.execute(
            "INSERT INTO articles (id, date, title, body) VALUES (?, ?, ?, ?)",
            (id, date, title, body),
        )
        db.execute(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            (cur.lastrowid, title, body),
        )
        count += 1
    db.execute("COMMIT")
    db.close()
    return count


SEARCH = (  # ranked on the FTS5 table alone, then only the top rows joined for their ids
    "SELECT a.id FROM (SELECT rowid, bm25(articles_fts) AS score FROM articles_fts"
    " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?) f"
    " JOIN articles a ON a.rowid = f.rowid ORDER BY f.score"
)
SEARCH_DATES = (  # a date filter needs the join before the ranking
    "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    " WHERE articles_fts MATCH ? AND a.date BETWEEN ? AND ?"
    " ORDER BY bm25(articles_fts) LIMIT ?"
)
LIMIT = 20


def search(archive: str, match: str, since: str | None, until: str | None) -> int:
    db = sqlite3.connect(archive)
    if since and until:
        rows = db.execute(SEARCH_DATES, (match, since, until, LIMIT))
    else:
        rows = db.execute(SEARCH, (match, LIMIT))
    ids = [row[0] for row in rows]
    sys.stdout.write("".join(id + "\n" for id in ids))
    return 0 if ids else 1


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "ingest":
        print(f"baseline: {ingest(argv[1], argv[2])} articles", file=sys.stderr)
        return 0
    if len(argv) in (3, 5) and argv[0] == "search":
        since, until = (argv[3], argv[4]) if len(argv) == 5 else (None, None)
        return search(argv[1], argv[2], since, until)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
