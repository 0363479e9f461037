"""Tags (issue 19): `newsarc tag`, `newsarc tags`, `tag:` in queries, and tags kept through
re-ingest, rm, export -> ingest, salvage and check."""

from __future__ import annotations

import json
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from newsarc.store import open_archive
from tests.archive import ON_POSTGRES, connect, location
from tests.conftest import Run

FIXTURES = Path(__file__).parent / "fixtures"


def ids(run: Run, *query: str) -> list[str]:
    result = run("search", *query, "--format", "ids", "--limit", "0", "--sort", "oldest")
    assert result.exit_code in (0, 1), result.stderr
    return sorted(result.stdout.split())


def tag_rows(db: Path) -> list[tuple[str, str]]:
    conn = connect(db)
    try:
        return sorted(conn.execute(
            "SELECT a.id, t.tag FROM tags t JOIN articles a ON a.rowid = t.article").fetchall())
    finally:
        conn.close()


@pytest.fixture
def tagged(run: Run, corpus: Path) -> None:
    for args in (("+iraq/al-qaim", "+to-read", "a01-qaim-strike"),
                 ("+iraq", "a02-qaim-apostrophe"),
                 ("+france/marseille", "+to-read", "a16-warehouse-fire")):
        result = run("tag", *args)
        assert result.exit_code == 0, result.stderr


def test_tag_adds_and_removes_and_tags_counts(run: Run, corpus: Path,
                                              isolated_archive: Path) -> None:
    result = run("tag", "+mosul", "+to-read", "-inbox", "a01-qaim-strike", "a02-qaim-apostrophe")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == ("newsarc: 2 articles: +mosul (2 added), +to-read (2 added),"
                             " -inbox (0 removed)\n")
    assert run("tag", "+inbox", "a16-warehouse-fire").exit_code == 0
    result = run("tag", "-mosul", "-inbox", "+done", "a02-qaim-apostrophe", "a16-warehouse-fire")
    assert result.exit_code == 0
    assert "-mosul (1 removed), -inbox (1 removed)" in result.stderr
    assert tag_rows(isolated_archive) == [
        ("a01-qaim-strike", "mosul"), ("a01-qaim-strike", "to-read"),
        ("a02-qaim-apostrophe", "done"), ("a02-qaim-apostrophe", "to-read"),
        ("a16-warehouse-fire", "done")]
    result = run("tags")
    assert (result.exit_code, result.stdout) == (0, "done\t2\nmosul\t1\nto-read\t2\n")
    assert json.loads(run("tags", "--format", "json").stdout) == [
        {"tag": "done", "articles": 2}, {"tag": "mosul", "articles": 1},
        {"tag": "to-read", "articles": 2}]
    assert run("tags", "--format", "csv").stdout.splitlines() == [
        "tag,articles", "done,2", "mosul,1", "to-read,2"]
    assert "to-read" in run("tags", "--format", "rich").stdout


def test_no_tags_lists_nothing_and_exits_1(run: Run, corpus: Path) -> None:
    result = run("tags")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "no tags" in result.stderr


def test_an_unknown_id_is_named_and_the_rest_are_tagged(run: Run, corpus: Path,
                                                       isolated_archive: Path) -> None:
    result = run("tag", "+x", "a01-qaim-strike", "no-such-id", "a02-qaim-apostrophe")
    assert result.exit_code == 1
    assert "newsarc: no-such-id: no such article\n" in result.stderr
    assert tag_rows(isolated_archive) == [("a01-qaim-strike", "x"), ("a02-qaim-apostrophe", "x")]


@pytest.mark.parametrize("args, message", [
    (("+a//b", "a01-qaim-strike"), "tag 'a//b' may hold only"),
    (("+/a", "a01-qaim-strike"), "tag '/a' may hold only"),
    (("+a/", "a01-qaim-strike"), "tag 'a/' may hold only"),
    (("+a.b", "a01-qaim-strike"), "tag 'a.b' may hold only"),
    (("+", "a01-qaim-strike"), "tag '' is empty"),
    (("+-x", "a01-qaim-strike"), "tag '-x' may hold only"),
    (("a01-qaim-strike",), "say what to change"),
    (("+x",), "give article ids"),
    (("+x", "-X", "a01-qaim-strike"), "x is both added and removed"),
    (("--rename", "a"), "tag --rename takes OLD NEW"),
])
def test_bad_tag_arguments_are_one_line_usage_errors(
    run: Run, corpus: Path, isolated_archive: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("tag", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert tag_rows(isolated_archive) == []


def test_tag_in_queries_is_hierarchical_and_any_case(run: Run, tagged: None) -> None:
    assert ids(run, "tag:iraq") == ["a01-qaim-strike", "a02-qaim-apostrophe"]
    assert ids(run, "tag:IRAQ/Al-Qaim") == ["a01-qaim-strike"]
    assert ids(run, "tag:iraq/") == ["a01-qaim-strike", "a02-qaim-apostrophe"]
    assert ids(run, "tag:ira") == []  # a prefix of a name is not its parent
    assert ids(run, "tag:iraq/al") == []
    assert ids(run, "tag:to-read") == ["a01-qaim-strike", "a16-warehouse-fire"]
    # combined with words, OR, and excluded
    assert ids(run, "warehouse", "tag:to-read") == ["a01-qaim-strike", "a16-warehouse-fire"]
    assert ids(run, "warehouse", "-tag:iraq") == ["a16-warehouse-fire", "a21-undated"]
    assert ids(run, "tag:france OR tag:iraq/al-qaim") == ["a01-qaim-strike",
                                                          "a16-warehouse-fire"]
    assert ids(run, "Qaim", "-tag:iraq") == ["a03-qaim-modifier", "a04-qaim-curly"]
    assert len(ids(run, "-tag:to-read")) == 28
    assert run("search", "tag:nothing", "--count").stdout == "0\n"
    explained = run("search", "Qaim", "-tag:iraq", "--explain").stdout
    assert "tag:iraq  tagged so, or with a tag under it, any case" in explained


def test_tag_filters_timeline_and_events(run: Run, tagged: None) -> None:
    rows = json.loads(run("timeline", "tag:iraq", "--format", "json").stdout)
    assert [r["id"] for r in rows] == ["a01-qaim-strike", "a02-qaim-apostrophe"]


def test_non_ascii_tags(run: Run, corpus: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Zürich")
    assert run("tag", "+Stadt/München", f"+{decomposed}", "+العراق", "a29-zurich").exit_code == 0
    assert run("tags").stdout == "Stadt/München\t1\nZürich\t1\nالعراق\t1\n"
    assert ids(run, "tag:stadt/münchen") == ["a29-zurich"]
    assert ids(run, "tag:STADT") == ["a29-zurich"]
    assert ids(run, "tag:zürich") == ["a29-zurich"]
    assert ids(run, "tag:العراق") == ["a29-zurich"]
    shown = json.loads(run("show", "a29-zurich", "--format", "json").stdout)
    assert shown["tags"] == ["Stadt/München", "Zürich", "العراق"]


def test_a_tag_keeps_the_spelling_the_archive_has(run: Run, corpus: Path) -> None:
    assert run("tag", "+Mosul", "a01-qaim-strike").exit_code == 0
    assert run("tag", "+MOSUL", "a02-qaim-apostrophe").exit_code == 0
    assert run("tags").stdout == "Mosul\t2\n"
    assert run("tag", "-mosul", "a01-qaim-strike").exit_code == 0
    assert run("tags").stdout == "Mosul\t1\n"


def test_ids_from_stdin_as_search_prints_them_in_a_pipe(run: Run, corpus: Path,
                                                         isolated_archive: Path) -> None:
    piped = run("search", "warehouse").stdout  # the default in a pipe: tsv, id first
    first = piped.split("\t", 1)[0]  # the best ranked: each engine ranks in its own way
    assert piped.count("\t") > 3 and first == (
        "a01-qaim-strike" if ON_POSTGRES else "a16-warehouse-fire")
    result = run("tag", "+dam", "-", input=piped + "\n  \n")
    assert result.exit_code == 0, result.stderr
    assert ids(run, "tag:dam") == ids(run, "warehouse") == [
        "a01-qaim-strike", "a16-warehouse-fire", "a21-undated"]
    result = run("tag", "-dam", "a21-undated", "-", input="a01-qaim-strike\n")
    assert result.exit_code == 0
    assert tag_rows(isolated_archive) == [("a16-warehouse-fire", "dam")]
    assert run("tag", "+x", "-", "-", input="").exit_code == 2


def test_tagging_is_one_transaction(corpus: Path, isolated_archive: Path) -> None:
    def ids_then_failure():  # type: ignore[no-untyped-def]
        yield "a01-qaim-strike"
        yield "a02-qaim-apostrophe"
        raise RuntimeError("the pipe broke")

    with open_archive(location()) as store:
        store.TAG_CHUNK = 1  # the first id is written before the failure
        with pytest.raises(RuntimeError):
            store.tag_articles(ids_then_failure(), ["x"], [], lambda id: None)
        assert store.tag_counts() == []


def test_rename_renames_the_tags_under_it(run: Run, tagged: None,
                                          isolated_archive: Path) -> None:
    assert run("tag", "+iraqi", "+iraq/al-qaim/town", "a03-qaim-modifier").exit_code == 0
    result = run("tag", "--rename", "iraq", "Irak")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "newsarc: renamed iraq to Irak on 3 article tags\n"
    assert tag_rows(isolated_archive) == [
        ("a01-qaim-strike", "Irak/al-qaim"), ("a01-qaim-strike", "to-read"),
        ("a02-qaim-apostrophe", "Irak"),
        ("a03-qaim-modifier", "Irak/al-qaim/town"), ("a03-qaim-modifier", "iraqi"),
        ("a16-warehouse-fire", "france/marseille"), ("a16-warehouse-fire", "to-read")]
    assert ids(run, "tag:irak") == ["a01-qaim-strike", "a02-qaim-apostrophe",
                                    "a03-qaim-modifier"]
    assert ids(run, "tag:iraq") == []
    # into a tag an article already has: one row; under itself: no loop
    assert run("tag", "--rename", "france/marseille", "to-read").exit_code == 0
    assert run("tag", "--rename", "to-read", "to-read/now").exit_code == 0
    assert run("tags").stdout == ("Irak\t1\nIrak/al-qaim\t1\nIrak/al-qaim/town\t1\niraqi\t1\n"
                                  "to-read/now\t2\n")
    result = run("tag", "--rename", "nothing", "x")
    assert result.exit_code == 1 and "no article is tagged nothing" in result.stderr
    assert run("tag", "--rename", "Irak", "a//b").exit_code == 2


def test_show_carries_tags_in_rich_markdown_and_json(run: Run, tagged: None) -> None:
    shown = json.loads(run("show", "a01-qaim-strike", "--format", "json").stdout)
    assert shown["tags"] == ["iraq/al-qaim", "to-read"]
    assert list(shown)[-5:] == ["joined", "tags", "sections", "dates", "places"]
    assert "tags: iraq/al-qaim, to-read" in run("show", "a01-qaim-strike", "--format",
                                                "rich", "--no-pager").stdout
    markdown = run("show", "a01-qaim-strike", "--format", "markdown").stdout
    assert markdown.splitlines()[2].endswith(" · tags: iraq/al-qaim, to-read*")
    untagged = json.loads(run("show", "a05-us-plain", "--format", "json").stdout)
    assert untagged["tags"] == []
    # text is the seed format: ingest reads it back as the same article, without tags
    assert "to-read" not in run("show", "a01-qaim-strike", "--format", "text").stdout


def test_rm_removes_an_articles_tags(run: Run, tagged: None, isolated_archive: Path) -> None:
    assert run("rm", "a01-qaim-strike").exit_code == 0
    assert tag_rows(isolated_archive) == [("a02-qaim-apostrophe", "iraq"),
                                          ("a16-warehouse-fire", "france/marseille"),
                                          ("a16-warehouse-fire", "to-read")]
    assert run("check").exit_code == 0


def test_tags_survive_reingest_of_an_updated_file(run: Run, tmp_path: Path,
                                                  isolated_archive: Path) -> None:
    story = tmp_path / "news" / "dam-report.txt"
    story.parent.mkdir()
    story.write_text(" date 2017-03-01 Engineers inspected the Mosul dam.\n")
    assert run("ingest", str(story.parent)).exit_code == 0
    assert run("tag", "+dam", "+iraq/mosul", "dam-report").exit_code == 0
    story.write_text(" date 2017-03-02 Engineers inspected the Mosul dam again, and the"
                     " spillway.\n")
    result = run("ingest", str(story.parent), "--format", "jsonl")
    assert json.loads(result.stdout)["status"] == "updated"
    assert tag_rows(isolated_archive) == [("dam-report", "dam"), ("dam-report", "iraq/mosul")]
    assert ids(run, "spillway", "tag:iraq") == ["dam-report"]


def test_export_then_ingest_restores_tags_and_saved_searches(run: Run, tagged: None,
                                                             tmp_path: Path) -> None:
    assert run("save", "qaim", "Qaim", "--since", "2024-02-04").exit_code == 0
    assert run("save", "to/read", "tag:to-read", "-@qaim").exit_code == 0
    assert run("tag", "+Stadt/München", "a29-zurich").exit_code == 0
    exported = run("export").stdout
    lines = [json.loads(line) for line in exported.splitlines()]
    assert lines[-2:] == [
        {"kind": "saved", "name": "qaim", "query": "Qaim", "since": "2024-02-04",
         "until": None, "created": lines[-2]["created"]},
        {"kind": "saved", "name": "to/read", "query": "tag:to-read -@qaim", "since": None,
         "until": None, "created": lines[-1]["created"]}]
    backup = tmp_path / "backup.jsonl"
    backup.write_text(exported)
    restored = tmp_path / "restored.db"
    result = run("--db", str(restored), "ingest", str(backup))
    assert result.exit_code == 0, result.stderr
    assert "2 saved searches" in result.stderr
    assert run("--db", str(restored), "export").stdout == exported
    assert run("--db", str(restored), "saved").stdout == run("saved").stdout
    assert run("--db", str(restored), "search", "@to/read", "--format", "ids").stdout == \
        run("search", "@to/read", "--format", "ids").stdout
    # through stdin too (an export's first line may be a saved search: an archive of none)
    again = tmp_path / "again.db"
    assert run("--db", str(again), "ingest", "-", input=exported).exit_code == 0
    assert run("--db", str(again), "export").stdout == exported
    only = tmp_path / "only.db"
    saved_lines = "".join(line + "\n" for line in exported.splitlines()[-2:])
    result = run("--db", str(only), "ingest", "-", input=saved_lines)
    assert result.exit_code == 0, result.stderr
    assert [r.split("\t")[0] for r in run("--db", str(only), "saved").stdout.splitlines()] \
        == ["qaim", "to/read"]


def test_ingest_of_an_export_sets_the_tags_it_records(run: Run, tagged: None,
                                                      tmp_path: Path) -> None:
    """Read back into the same archive, an export's tags are the articles' tags again; a
    record without `tags` (an export from before issue 19) leaves them as they are."""
    backup = tmp_path / "backup.jsonl"
    backup.write_text(run("export").stdout)
    assert run("tag", "+later", "-to-read", "a01-qaim-strike").exit_code == 0
    assert run("ingest", str(backup), "--quiet").exit_code == 0
    assert json.loads(run("show", "a01-qaim-strike", "--format", "json").stdout)["tags"] == [
        "iraq/al-qaim", "to-read"]
    old = [json.loads(line) for line in backup.read_text().splitlines()]
    for record in old:
        record.pop("tags", None)
    backup.write_text("".join(json.dumps(r) + "\n" for r in old))
    assert run("tag", "+later", "a01-qaim-strike").exit_code == 0
    assert run("ingest", str(backup), "--quiet").exit_code == 0
    assert "later" in json.loads(run("show", "a01-qaim-strike", "--format", "json").stdout)[
        "tags"]


def test_a_bad_tag_in_an_export_is_left_out_with_a_warning(run: Run, tmp_path: Path) -> None:
    record = {"id": "x1", "title": "T", "date": "2024", "tags": ["ok", "a//b", 3],
              "sections": [{"position": 0, "heading": None, "text": "Some text."}]}
    line = json.dumps(record) + "\n" + json.dumps({"kind": "saved", "name": "a b",
                                                    "query": "x"}) + "\n"
    result = run("ingest", "-", input=line)
    assert result.exit_code == 1
    assert "tags: tag 'a//b' may hold only" in result.stderr
    assert "saved search name 'a b' may hold only" in result.stderr
    assert json.loads(run("show", "x1", "--format", "json").stdout)["tags"] == ["ok"]


def test_salvage_keeps_tags_and_saved_searches(run: Run, tagged: None, isolated_archive: Path,
                                               tmp_path: Path) -> None:
    assert run("save", "qaim", "Qaim", "-tag:iraq").exit_code == 0
    new = tmp_path / "salvaged.db"
    result = run("salvage", location(), str(new))
    assert result.exit_code == 0, result.stdout
    assert tag_rows(new) == tag_rows(isolated_archive)
    assert run("--db", str(new), "saved", "--format", "json").stdout == \
        run("saved", "--format", "json").stdout
    assert run("--db", str(new), "check").exit_code == 0


def test_check_reports_orphan_tags_and_repair_removes_them(run: Run, tagged: None,
                                                           isolated_archive: Path) -> None:
    conn = connect(isolated_archive, isolation_level=None)
    conn.execute("INSERT INTO tags (article, tag, key) VALUES (9999, 'Gone', 'gone')")
    conn.close()
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout == "tags of a missing article 9999: check --repair removes them\n"
    result = run("check", "--repair")
    assert result.exit_code == 0, result.stdout
    assert "removed 1 tags of missing articles" in result.stderr
    assert run("check").exit_code == 0
    assert len(tag_rows(isolated_archive)) == 5  # the others are kept


@pytest.mark.parametrize("fixture", ["archive-m001.db", "archive-m003.db"])
def test_an_old_archive_gains_empty_tag_tables(run: Run, tmp_path: Path, fixture: str) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / fixture, old)
    before = sqlite3.connect(old).execute("SELECT id, sha256 FROM articles ORDER BY id").fetchall()
    assert run("--db", str(old), "tags").exit_code == 1  # upgraded, and none yet
    conn = sqlite3.connect(old)
    names = [r[0] for r in conn.execute("SELECT name FROM newsarc_migrations ORDER BY rowid")]
    assert names[-1] == "m010_tags_and_saved_searches"
    assert conn.execute("SELECT count(*) FROM tags").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM saved_searches").fetchone() == (0,)
    assert conn.execute("SELECT id, sha256 FROM articles ORDER BY id").fetchall() == before
    conn.close()
    first = before[0][0]
    assert run("--db", str(old), "tag", "+old", first).exit_code == 0
    assert run("--db", str(old), "search", "tag:old", "--format", "ids").stdout == f"{first}\n"
    assert run("--db", str(old), "check").exit_code == 0
