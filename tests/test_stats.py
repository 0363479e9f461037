"""`newsarc stats`: the archive in numbers.

Golden file: tests/golden/stats.txt (see tests/viewing.py to regenerate it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsarc import render
from newsarc.models import ArchiveStats
from tests.archive import ON_POSTGRES, label
from tests.conftest import SEEDS, Run
from tests.viewing import assert_golden, corpus_articles, rendered, seed_article, tsv

KEYS = ["db", "size_bytes", "articles", "sections", "words", "first_date", "last_date",
        "undated", "last_ingest", "outlets", "clusters", "clustered"]
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def on_disk(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def test_seed(run: Run, isolated_archive: Path) -> None:
    assert run("ingest", str(SEEDS), "-q").exit_code == 0
    result = run("stats", "--format", "json")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert list(stats) == KEYS
    if ON_POSTGRES:  # the archive is named by its URL (no password), its size the server's
        assert stats["db"] == label()
        assert stats["size_bytes"] > 0
    else:
        assert stats["db"] == str(isolated_archive)
        assert stats["size_bytes"] == on_disk(isolated_archive)
    assert (stats["articles"], stats["sections"], stats["words"]) == (1, 4, seed_article().words)
    assert (stats["first_date"], stats["last_date"], stats["undated"]) == (
        "2024-02-03", "2024-02-03", 0)
    assert ISO_TIME.match(stats["last_ingest"])


def test_corpus(run: Run, corpus: Path) -> None:
    articles = corpus_articles().values()
    stats = json.loads(run("stats", "--format", "json").stdout)
    assert stats["articles"] == 30
    assert stats["sections"] == sum(len(a.sections) for a in articles)
    assert stats["words"] == sum(a.words for a in articles)
    assert stats["first_date"] == "2023"  # the year-only article: it starts on 1 January
    assert stats["last_date"] == "2024-03-22"
    assert stats["undated"] == 2


def test_tsv_is_key_value_lines(run: Run, corpus: Path) -> None:
    result = run("stats")
    assert result.exit_code == 0
    rows = dict(tsv(result.stdout))
    assert list(rows) == [k for k in KEYS if k != "outlets"]  # outlets: `outlet:NAME` lines
    assert rows["articles"] == "30" and rows["undated"] == "2"
    assert rows == {k: "" if v is None else str(v)
                    for k, v in json.loads(run("stats", "--format", "json").stdout).items()
                    if k != "outlets"}


def test_rich(run: Run, corpus: Path, isolated_archive: Path) -> None:
    out = run("stats", "--format", "rich").stdout
    assert re.search(r"│ articles\s+│ 30\s+│", out)
    assert re.search(r"│ undated\s+│ 2\s+│", out)
    assert re.search(r"│ first date\s+│ 2023\s+│", out)
    # the location (on PostgreSQL a long URL, which the table wraps: its start)
    assert (label() if not label().startswith("postgresql://") else "postgresql://") in out


def test_no_archive(run: Run) -> None:
    result = run("stats")
    assert result.exit_code == 2
    assert result.stderr.startswith("newsarc: no archive at ")


def test_human_size() -> None:
    assert [render.human_size(n) for n in (0, 999, 1000, 229_376, 5_000_000, 7 * 10**12)] == [
        "0 bytes", "999 bytes", "1.0 kB", "229.4 kB", "5.0 MB", "7000.0 GB"]


def test_golden() -> None:
    stats = ArchiveStats(db="/data/newsarc/archive.db", size_bytes=1_234_567, articles=12_345,
                         sections=61_000, words=9_876_543, first_date="1998-07",
                         last_date="2024-03-22", undated=17, last_ingest="2024-03-23T08:00:00Z")
    assert_golden("stats", rendered(render.stats_view(stats)))
    empty = ArchiveStats("/tmp/a.db", 0, 0, 0, 0, None, None, 0, None)
    assert_golden("stats_empty", rendered(render.stats_view(empty)))
