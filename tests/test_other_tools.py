"""The README's promise: sqlite-utils and Datasette open the archive as it is (issue 13).

Their table pages, `sqlite-utils rows` and `tables --counts` work on every table, and their
full-text search (a query quoted into a phrase of the tokenizer's tokens) finds what newsarc
finds for plain words and for names with apostrophes, hyphens and dots.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

# Every test opens the SQLite file with sqlite-utils or Datasette, tools of SQLite files.
pytestmark = pytest.mark.sqlite_only

FIXTURES = Path(__file__).parent / "fixtures"

# id -> lede. Spellings vary as in real copy: straight and curly apostrophes, dotted and
# undotted abbreviations, possessives.
ARTICLES = {
    "t01": "Coach Ronan O'Sullivan praised the squad in Dublin.",
    "t02": "O’Sullivan’s late goal settled the match in Cork.",
    "t03": "The cosmetics group L'Oreal reported higher sales in Paris.",
    "t04": "Trump's advisers met in Washington on Tuesday.",
    "t05": "Donald Trump spoke to reporters in Florida.",
    "t06": "A U.S. airstrike hit a warehouse in Al-Qaim near the border.",
    "t07": "US officials said the strike on Al Qaim was planned for weeks.",
    "t08": "Sullivan County officials approved the budget.",
    "t09": "The warehouse fire in Marseille burned for hours.",
}

# Every test opens the SQLite file with sqlite-utils or Datasette (tools of SQLite files).
pytestmark = pytest.mark.sqlite_only


def _write(folder: Path) -> Path:
    folder.mkdir()
    for id, lede in ARTICLES.items():
        (folder / f"{id}.txt").write_text(f" date 2024-02-03 {lede}\n\nMore\n\nA paragraph.\n")
    return folder


@pytest.fixture
def archive(run: Run, tmp_path: Path, isolated_archive: Path) -> Path:
    assert run("ingest", str(_write(tmp_path / "news")), "--quiet").exit_code == 0
    return isolated_archive


def sqlite_utils(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sqlite_utils", *args],
                          capture_output=True, text=True)


def newsarc_ids(run: Run, query: str) -> set[str]:
    result = run("search", query, "--format", "ids", "--limit", "0")
    assert result.exit_code in (0, 1), result.stderr
    return set(result.stdout.split())


def tables(archive: Path) -> list[str]:
    result = sqlite_utils("tables", str(archive), "--csv", "--no-headers")
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_sqlite_utils_reads_every_table(archive: Path) -> None:
    names = tables(archive)
    assert "articles_fts" in names
    for name in names:
        result = sqlite_utils("rows", str(archive), name, "--limit", "2")
        assert result.returncode == 0, (name, result.stderr)
    result = sqlite_utils("tables", str(archive), "--counts", "--csv")
    assert result.returncode == 0, result.stderr
    assert "articles,9" in result.stdout.splitlines()
    assert "articles_fts,9" in result.stdout.splitlines()


# A query and the articles that write it as typed (any case, accents, apostrophe style). For
# names these are newsarc's own hits; where newsarc's language finds more by design (`Trump's`
# is stemmed `trump`, so it also finds "Trump"; `U.S.` is the acronym, so it also finds "US"),
# the other tools find exactly the articles that write the word so.
AS_WRITTEN = {
    "warehouse": {"t06", "t09"},
    "officials": {"t07", "t08"},
    "O'Sullivan": {"t01", "t02"},
    "O’Sullivan": {"t01", "t02"},
    "L'Oreal": {"t03"},
    "Al-Qaim": {"t06", "t07"},
    "Trump's": {"t04"},
    "U.S.": {"t06"},
}
NEWSARC_FINDS_MORE = {"Trump's": {"t05"}, "U.S.": {"t07"}}


def test_sqlite_utils_search_finds_what_newsarc_finds(run: Run, archive: Path) -> None:
    for query, expected in AS_WRITTEN.items():
        result = sqlite_utils("search", str(archive), "articles", query, "--quote",
                              "-c", "id", "--csv", "--no-headers")
        assert result.returncode == 0, (query, result.stderr)
        assert set(result.stdout.split()) == expected, query
        assert newsarc_ids(run, query) == expected | NEWSARC_FINDS_MORE.get(query, set()), query


def test_sqlite_utils_python_api_search(archive: Path) -> None:
    from sqlite_utils import Database

    db = Database(archive)
    table = db.table("articles")
    assert table.detect_fts() == "articles_fts"
    found = {row["id"] for row in table.search(db.quote_fts("O'Sullivan"), columns=["id"])}
    assert found == {"t01", "t02"}


def _datasette_get(archive: Path, *paths: str) -> list[Any]:
    datasette = pytest.importorskip("datasette.app", reason="datasette is not installed")

    async def get_all() -> list[Any]:
        ds = datasette.Datasette([str(archive)])
        await ds.invoke_startup()
        results = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
            results.append(response.json())
        return results

    return asyncio.run(get_all())


def test_datasette_table_pages_and_search(run: Run, archive: Path) -> None:
    name = archive.stem
    (listing,) = _datasette_get(archive, f"/{name}.json")
    names = [t["name"] for t in listing["tables"]]
    assert {"articles", "sections", "articles_fts"} <= set(names)
    pages = _datasette_get(archive, *(f"/{name}/{t}.json?_shape=array" for t in names))
    counts = {t: len(page) for t, page in zip(names, pages, strict=True)}
    assert counts["articles"] == counts["articles_fts"] == 9
    for query, expected in AS_WRITTEN.items():
        (rows,) = _datasette_get(
            archive, f"/{name}/articles.json?_search={_url(query)}&_shape=array&_col=id")
        assert {row["id"] for row in rows} == expected, query


def _url(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def test_m006_rebuilds_an_old_index_for_other_tools(run: Run, tmp_path: Path) -> None:
    """An archive from before issue 13 (index declared content="articles") is upgraded: the
    same newsarc hits, and sqlite-utils can read and search the new index."""
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-m003.db", old)
    for query, hits in {"credit:TASS": "old-tass\n", "WHO measles": "old-who\n"}.items():
        result = run("--db", str(old), "search", query, "--format", "ids")
        assert result.stdout == hits, query
    db = sqlite3.connect(old)
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "content=''" in sql and 'content="articles"' in sql
    assert ("m006_fts_for_other_tools",) in db.execute("SELECT name FROM newsarc_migrations")
    count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == count
    assert run("--db", str(old), "check").exit_code == 0
    rows = sqlite_utils("rows", str(old), "articles_fts", "--limit", "1")
    assert rows.returncode == 0, rows.stderr
    assert json.loads(rows.stdout)[0].keys() >= {"title", "body", "forms"}
