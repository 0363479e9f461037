"""News-aware search on the hand-annotated news corpus (tests/news_corpus.py): each annotated
query returns exactly its set, and the highlights fall on what the annotation names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsarc.cli import app
from tests import news_corpus


@pytest.fixture(scope="module")
def news_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    news_corpus.write(folder / "files")
    db = folder / "news.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(folder / "files")])
    assert result.exit_code == 0, result.stderr
    return db


def search(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(db), "search", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("query", sorted(news_corpus.QUERIES))
def test_annotated_query_finds_exactly_its_articles(news_archive: Path, query: str) -> None:
    code, out = search(news_archive, query, "--format", "ids", "--limit", "0")
    expected = news_corpus.QUERIES[query]
    assert set(out.split()) == expected
    assert code == (0 if expected else 1)


@pytest.mark.parametrize("query", sorted(news_corpus.HIGHLIGHTS))
def test_snippet_marks_the_match(news_archive: Path, query: str) -> None:
    id, marked = news_corpus.HIGHLIGHTS[query]
    code, out = search(news_archive, query, "--format", "json", "--limit", "0")
    hit = next(h for h in json.loads(out) if h["id"] == id)
    assert marked in [hit["snippet"][a:b] for a, b in hit["highlights"]], hit


def test_acronyms_survive_repair_and_export_restore(news_archive: Path, tmp_path: Path) -> None:
    queries = ["US", "WHO", "IS", "Connor", "credit:TASS", "dateline:Moscow"]
    before = {q: search(news_archive, q, "--format", "ids", "--limit", "0")[1] for q in queries}
    copy = tmp_path / "copy.db"
    copy.write_bytes(news_archive.read_bytes())
    runner = CliRunner()
    repaired = runner.invoke(app, ["--db", str(copy), "check", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    exported = runner.invoke(app, ["--db", str(copy), "export"]).stdout
    backup = tmp_path / "backup.jsonl"
    backup.write_text(exported)
    restored = tmp_path / "restored.db"
    assert runner.invoke(app, ["--db", str(restored), "ingest", str(backup)]).exit_code == 0
    for db in (copy, restored):
        assert {q: search(db, q, "--format", "ids", "--limit", "0")[1] for q in queries} == before
    assert runner.invoke(app, ["--db", str(restored), "check"]).exit_code == 0


def test_show_and_export_carry_dateline_and_credit(news_archive: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", str(news_archive), "show", "n01-tass-lavrov-zones",
                                "--format", "json"])
    record = json.loads(shown.stdout)
    assert (record["dateline"], record["credit"]) == ("MOSCOW", "TASS")
    assert not record["title"].startswith("MOSCOW")
    exported = [json.loads(line) for line in
                runner.invoke(app, ["--db", str(news_archive), "export"]).stdout.splitlines()]
    for line in exported:
        place, credit = news_corpus.DATELINES.get(line["id"], (None, None))
        assert (line["dateline"] or "").casefold() == (place or "").casefold(), line["id"]
        assert line["credit"] == credit, line["id"]
