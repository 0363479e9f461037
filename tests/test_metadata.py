"""Metadata in (issue 13): `ingest --meta FILE.csv`, front matter and header blocks, through
the real CLI; and metadata out: show, search (source:, url:, --fields), stats, timeline
--split source, export and restore."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.archive import connect, made
from tests.conftest import Run


def put(path: str, text: str) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with connect(db) as conn:
        return conn.execute(sql, params).fetchall()


CSV = (
    "Filename,Headline,Date,Source,URL,Author,Language,Desk,Section Name\n"
    "a.txt,Port closes after floods,2017-02-07,Reuters,https://www.Example.com/port,"
    "Jo Park,en,World,Europe\n"
    "sub/b.txt,Ships wait,,Reuters,https://news.example.org/b,,,Markets,\n"
    "c.txt,,,AP,,,,,\n"
    "missing.txt,Nobody,,,,,,,\n"
)


@pytest.fixture
def archive(run: Run, work: Path, isolated_archive: Path) -> Path:
    """Three files with a CSV beside them, one with front matter, one with a header block."""
    put("news/a.txt", " date 2024-02-03 Rain fell on the port all night. Ships waited.")
    put("news/sub/b.txt", " date 2024-02-04 Ships waited outside the port. More came.")
    put("news/c.txt", " date unknown The harbour master spoke. He was calm.")
    put("news/d.md", "---\ntitle: Storm hits the coast\ndate: 2024-03-09\nsource: BBC News\n"
                     "url: https://bbc.example/storm\nauthor: Sam Lee\nlanguage: en\n---\n\n"
                     "Winds reached the coast at dawn. Roofs were torn off.")
    put("news/e.txt", "Title: Talks resume\nSource: AP\nDate: 5 March 2024\n"
                      "URL: https://apnews.example/talks\n\nDelegates met again on Monday.")
    put("news/meta.csv", CSV)
    result = run("ingest", "news", "--meta", "news/meta.csv", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert {json.loads(line)["status"] for line in result.stdout.splitlines()} == {"added"}
    assert result.stderr == "newsarc: news/meta.csv:5: warning: no ingested file matches " \
                            "'missing.txt'\n"
    return isolated_archive


def test_csv_front_matter_and_header_block_give_metadata(archive: Path) -> None:
    got = rows(archive, "SELECT id, date, title, outlet, url, author, language, meta"
                        " FROM articles ORDER BY id")
    assert got == [
        ("a", "2017-02-07", "Port closes after floods", "Reuters", "https://www.Example.com/port",
         "Jo Park", "en", '{"desk": "World", "section_name": "Europe"}'),
        ("b", "2024-02-04", "Ships wait", "Reuters", "https://news.example.org/b", None, None,
         '{"desk": "Markets"}'),
        ("c", None, "The harbour master spoke.", "AP", None, None, None, None),
        ("d", "2024-03-09", "Storm hits the coast", "BBC News", "https://bbc.example/storm",
         "Sam Lee", "en", None),
        ("e", "2024-03-05", "Talks resume", "AP", "https://apnews.example/talks", None, None,
         None),
    ]
    # the source column stays the path each was read from
    assert all(path.endswith(f"/news/{sub}") for path, sub in zip(
        [r[0] for r in rows(archive, "SELECT source FROM articles ORDER BY id")],
        ["a.txt", "sub/b.txt", "c.txt", "d.md", "e.txt"], strict=True))


def test_csv_rows_match_by_path_as_given_base_name_or_id(run: Run, work: Path,
                                                         isolated_archive: Path) -> None:
    put("deep/x/one.txt", " date 2024 One text.")
    put("deep/y/two.txt", " date 2024 Two text.")
    put("deep/three.txt", " date 2024 Three text.")
    put("elsewhere/meta.csv", "path,outlet\ndeep/x/one.txt,Given\ntwo.txt,Named\n")
    put("ids.csv", "ID;Source\nthree;ByID\n")
    assert run("ingest", "deep", "--meta", "elsewhere/meta.csv").exit_code == 0
    assert run("ingest", "deep", "--meta", "ids.csv").exit_code == 0
    assert rows(isolated_archive, "SELECT id, outlet FROM articles ORDER BY id") == [
        ("one", "Given"), ("three", "ByID"), ("two", "Named")]


def test_csv_id_beside_a_file_column_names_the_article(run: Run, work: Path,
                                                       isolated_archive: Path) -> None:
    put("n/file-1.txt", " date 2024 Text.")
    put("m.csv", "file,id,title\nfile-1.txt,reuters-123,A title\n")
    assert run("ingest", "n", "--meta", "m.csv").exit_code == 0
    assert rows(isolated_archive, "SELECT id, title FROM articles") == [("reuters-123", "A title")]
    # unchanged on the next run, and a changed CSV row updates the article in place
    result = run("ingest", "n", "--meta", "m.csv", "--format", "jsonl")
    assert json.loads(result.stdout)["status"] == "unchanged"
    put("m.csv", "file,id,title\nfile-1.txt,reuters-123,A better title\n")
    result = run("ingest", "n", "--meta", "m.csv", "--format", "jsonl")
    assert (json.loads(result.stdout)["status"], json.loads(result.stdout)["id"]) == (
        "updated", "reuters-123")
    assert rows(isolated_archive, "SELECT id, title FROM articles") == [
        ("reuters-123", "A better title")]


@pytest.mark.parametrize("content, error", [
    (None, "newsarc: --meta meta.csv: No such file or directory\n"),
    ("title,outlet\nx,y\n", "newsarc: --meta meta.csv: no file, filename, path or id column "
                            "(columns: title, outlet)\n"),
    ("", "newsarc: --meta meta.csv: no file, filename, path or id column (columns: none)\n"),
])
def test_an_unreadable_csv_is_a_usage_error_and_writes_nothing(
    run: Run, work: Path, isolated_archive: Path, content: str | None, error: str
) -> None:
    put("n/a.txt", " date 2024 Text.")
    if content is not None:
        put("meta.csv", content)
    result = run("ingest", "n", "--meta", "meta.csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] + "\n" == error
    assert not made()


def test_show_prints_metadata_and_text_round_trips_to_a_duplicate(run: Run, archive: Path) -> None:
    shown = json.loads(run("show", "a", "--format", "json").stdout)
    assert {k: shown[k] for k in ("title", "outlet", "url", "author", "language", "meta")} == {
        "title": "Port closes after floods", "outlet": "Reuters",
        "url": "https://www.Example.com/port", "author": "Jo Park", "language": "en",
        "meta": {"desk": "World", "section_name": "Europe"}}
    text = run("show", "a", "--format", "text").stdout
    assert text.startswith("---\noutlet: Reuters\nurl: https://www.Example.com/port\n")
    again = run("ingest", "-", input=text)
    assert again.stderr.startswith("newsarc: <stdin>: duplicate of a\n")
    rich = run("show", "a", "--format", "rich", "--no-pager").stdout
    assert "Reuters · by Jo Park · en · https://www.Example.com/port · desk: World" in rich


@pytest.mark.parametrize("query, expected", [
    ("source:Reuters", ["a", "b"]),
    ("outlet:reuters", ["a", "b"]),
    ('source:"BBC News"', ["d"]),
    ("source:bbc", ["d"]),
    ("source:BB", []),  # the outlet's words, whole
    ("-source:Reuters", ["c", "d", "e"]),
    ("port source:Reuters", ["a", "b"]),
    ("source:AP OR source:BBC", ["c", "d", "e"]),
    ("url:example.com", ["a"]),
    ("url:EXAMPLE", ["a", "b", "d", "e"]),
    ("url:example.org -source:AP", ["b"]),
])
def test_source_and_url_in_the_query_language(run: Run, archive: Path, query: str,
                                              expected: list[str]) -> None:
    result = run("search", query, "--format", "ids", "--sort", "oldest", "--limit", "0")
    assert sorted(result.stdout.split()) == expected
    assert result.exit_code == (0 if expected else 1)


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
def test_search_fields_choose_the_columns(run: Run, archive: Path, fmt: str) -> None:
    result = run("search", "port", "--fields", "id,outlet,url,meta,title", "--format", fmt,
                 "--sort", "oldest")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "tsv":
        got = [line.split("\t") for line in out.splitlines()]
        assert got[0] == ["a", "Reuters", "https://www.Example.com/port",
                          '{"desk": "World", "section_name": "Europe"}',
                          "Port closes after floods"]
    elif fmt == "csv":
        got_rows = list(csv.DictReader(io.StringIO(out)))
        assert list(got_rows[0]) == ["id", "outlet", "url", "meta", "title"]
        assert json.loads(got_rows[0]["meta"]) == {"desk": "World", "section_name": "Europe"}
    else:
        objs = json.loads(out) if fmt == "json" else [json.loads(x) for x in out.splitlines()]
        assert list(objs[0]) == ["id", "outlet", "url", "meta", "title"]
        assert objs[1]["meta"] == {"desk": "Markets"}


def test_search_fields_errors(run: Run, archive: Path) -> None:
    result = run("search", "port", "--fields", "id,bogus")
    assert result.exit_code == 2 and "unknown field 'bogus'" in result.stderr
    result = run("search", "port", "--fields", "id", "--format", "table")
    assert result.exit_code == 2


def test_stats_count_articles_per_outlet(run: Run, archive: Path) -> None:
    numbers = json.loads(run("stats", "--format", "json").stdout)
    assert numbers["outlets"] == {"AP": 2, "Reuters": 2, "BBC News": 1}
    lines = run("stats", "--format", "tsv").stdout.splitlines()
    assert lines[-3:] == ["outlet:AP\t2", "outlet:Reuters\t2", "outlet:BBC News\t1"]
    rich = run("stats", "--format", "rich").stdout
    assert "outlets" in rich and "2  Reuters" in rich


def test_timeline_split_source(run: Run, archive: Path) -> None:
    listed = run("timeline", "--split", "source").stdout.splitlines()
    assert [line.split("\t")[:3] for line in listed] == [
        ["2024-03-05", "AP", "e"], ["undated", "AP", "c"], ["2017-02-07", "Reuters", "a"],
        ["2024-02-04", "Reuters", "b"], ["2024-03-09", "BBC News", "d"]]
    series = json.loads(run("timeline", "--split", "outlet", "--by", "year", "--format",
                            "json").stdout)
    assert [(r["period"], r["outlet"], r["count"]) for r in series if r["count"]] == [
        ("2017", "Reuters", 1), ("2024", "AP", 1), ("2024", "Reuters", 1),
        ("2024", "BBC News", 1), ("undated", "AP", 1)]
    periods = {r["period"] for r in series}
    assert periods == {str(y) for y in range(2017, 2025)} | {"undated"}
    assert len(series) == len(periods) * 3  # every outlet over every period
    rich = run("timeline", "--split", "source", "--by", "year", "--format", "rich").stdout
    assert "Reuters" in rich and "BBC News" in rich and "total" in rich


def test_export_restores_every_metadata_field(run: Run, archive: Path, tmp_path: Path) -> None:
    exported = run("export").stdout
    restored = tmp_path / "restored.db"
    result = run("--db", str(restored), "ingest", "-", input=exported)
    assert result.exit_code == 0, result.stderr
    assert run("--db", str(restored), "export").stdout == exported
    columns = "SELECT id, date, title, source, outlet, url, author, language, meta, sha256" \
              " FROM articles ORDER BY id"
    assert rows(restored, columns) == rows(archive, columns)
    # and back into the same archive: every article is unchanged
    again = run("ingest", "-", "--format", "jsonl", input=exported)
    assert {json.loads(x)["status"] for x in again.stdout.splitlines()} == {"unchanged"}
    sections_csv = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert sections_csv[0]["outlet"] == "Reuters"
