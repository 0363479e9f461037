"""`newsarc export`, restoring an export with `newsarc ingest FILE.jsonl`, and closed pipes."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from newsarc import export
from newsarc.articles import make_article
from newsarc.models import Article, Meta, Section
from newsarc.store import open_archive
from tests.archive import location
from tests.conftest import SEEDS, Run
from tests.viewing import (
    HOSTILE,
    assert_inert,
    corpus_articles,
    inject_hostile,
    jsonl,
    section_dicts,
)


def test_jsonl_is_the_show_object_in_id_order(run: Run, corpus: Path) -> None:
    result = run("export")
    assert result.exit_code == 0
    lines = jsonl(result.stdout)
    expected = corpus_articles()
    assert [o["id"] for o in lines] == sorted(expected)
    for obj in lines:
        a = expected[obj["id"]]
        assert (obj["date"], obj["title"], obj["sha256"], obj["words"]) == (
            a.date, a.title, a.sha256, a.words)
        assert obj["sections"] == section_dicts(a)
    shown = run("show", *sorted(expected), "--format", "json").stdout
    assert shown == result.stdout


def test_csv_is_one_row_per_section(run: Run, corpus: Path) -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = corpus_articles()
    assert len(rows) == sum(len(a.sections) for a in expected.values())
    assert list(rows[0]) == ["id", "date", "title", "source", "outlet", "url", "author",
                             "language", "meta", "sha256", "position", "heading", "text"]
    for row in rows:
        a = expected[row["id"]]
        s = a.sections[int(row["position"])]
        assert (row["date"], row["title"], row["sha256"], row["heading"], row["text"]) == (
            a.date or "", a.title, a.sha256, s.heading or "", s.text)


def test_round_trip_through_a_fresh_archive(run: Run, corpus: Path, tmp_path: Path) -> None:
    assert run("ingest", str(SEEDS), "-q").exit_code == 0
    first = run("export").stdout
    backup = tmp_path / "backup.jsonl"
    backup.write_text(first, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    restored = run("--db", str(fresh), "ingest", str(backup))
    assert restored.exit_code == 0, restored.stderr
    assert "31 added" in restored.stderr
    again = run("--db", str(fresh), "export").stdout
    assert again == first
    stats = [json.loads(run(*db, "stats", "--format", "json").stdout)
             for db in ([], ["--db", str(fresh)])]
    keys = ("articles", "sections", "words", "first_date", "last_date", "undated")
    assert {k: stats[0][k] for k in keys} == {k: stats[1][k] for k in keys}


def test_restore_twice_changes_nothing(run: Run, corpus: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.jsonl"
    backup.write_text(run("export").stdout, encoding="utf-8")
    result = run("ingest", str(backup))
    assert result.exit_code == 0
    assert "30 unchanged" in result.stderr


def test_jsonl_files_in_a_folder_with_glob(run: Run, corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    shown = run("show", "a01", "--format", "json").stdout
    (folder / "one.jsonl").write_text(shown, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    result = run("--db", str(fresh), "ingest", str(folder), "--glob", "*.jsonl", "--format",
                 "jsonl")
    assert result.exit_code == 0
    [line] = jsonl(result.stdout)
    assert (line["path"], line["id"], line["status"]) == (
        f"{folder / 'one.jsonl'}:1", "a01-qaim-strike", "added")


def _line(**changes: object) -> str:
    a = corpus_articles()["a05-us-plain"]
    record = export.article_record(a)
    record.update(changes)
    return json.dumps(record)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "invalid JSON: Expecting value (column 1)"),
        ("[1, 2]", "not a JSON object (an export line is one article)"),
        (_line(title=None), "title: expected a string, got null"),
        (_line(id=""), "id and title must not be empty"),
        (_line(date="2024-02-30"), "date: expected null or 2024, 2024-02, 2024-02-03; got "
                                   "'2024-02-30'"),
        (_line(sections=[]), "sections: expected a non-empty list"),
        (_line(sections=[{"position": 0, "heading": None, "text": "a"}] * 2),
         "sections: position 0 given twice"),
        (_line(sections=[{"position": 1, "heading": None, "text": "a"}]),
         "sections: position 1 has no heading (only the lede may)"),
        (_line(sections=[{"position": -1, "heading": "h", "text": "a"}]),
         "sections: position must be a whole number >= 0, got -1"),
        (_line(sections=[{"position": 0, "heading": None}]), "no text"),
        (_line(outlet=5), "outlet: expected a string or null, got int"),
        (_line(meta=["a"]), "meta: expected an object, got list"),
        (_line(meta={"desk": 1}), "meta: desk: expected a string, got int"),
    ],
)
def test_a_bad_line_is_named_and_the_rest_restored(
    run: Run, tmp_path: Path, line: str, message: str
) -> None:
    backup = tmp_path / "mixed.jsonl"
    backup.write_text(_line(id="first") + "\n" + line + "\n\n" + _line(id="third", title="T")
                      + "\n", encoding="utf-8")
    result = run("ingest", str(backup))
    assert result.exit_code == 1
    assert f"newsarc: {backup}:2: {message}\n" in result.stderr
    assert "2 added" in result.stderr and "1 error\n" in result.stderr
    with open_archive(location()) as store:
        assert [a.id for a in store.iter_articles()] == ["first", "third"]


def test_control_characters_are_cleaned_with_a_warning(run: Run, tmp_path: Path) -> None:
    backup = tmp_path / "hostile.jsonl"
    backup.write_text(_line(id="h", title="Red \u001b[31malert", source=None) + "\n",
                      encoding="utf-8")
    result = run("ingest", str(backup))
    assert result.exit_code == 0
    assert "removed 1 control character" in result.stderr
    assert "sha256" in result.stderr  # the text is no longer what the export hashed
    obj = jsonl(run("show", "h", "--format", "json").stdout)[0]
    assert obj["title"] == "Red [31malert"
    assert obj["source"] is None


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_exports_pass_on_no_escape_sequence(
    run: Run, corpus: Path, isolated_archive: Path, fmt: str
) -> None:
    inject_hostile(isolated_archive)
    out = run("export", "--format", fmt).stdout
    assert_inert(out)
    assert "gnp.exe" in out
    if fmt == "jsonl":  # exact, as escapes
        a26 = next(o for o in jsonl(out) if o["id"] == "a26-markup")
        assert a26["title"].endswith(HOSTILE) and a26["sections"][1]["heading"].endswith(HOSTILE)


def test_parse_record_gives_back_the_article() -> None:
    a = make_article("x", "2024-02", "A title", "src", [Section(0, None, "One.\n\nTwo."),
                                                        Section(3, "Later", "Three.")])
    parsed = export.parse_record(json.dumps(export.article_record(a)).encode())
    assert parsed.article == a
    assert parsed.warnings == ()


def test_parse_record_gives_back_metadata_and_reads_older_exports() -> None:
    meta = Meta("Reuters", "https://example.org/a", "Jo Park", "en",
                (("desk", "World"), ("section_name", "Europe")))
    a = make_article("x", "2024-02", "A title", "src", [Section(0, None, "One.")], None, meta)
    record = export.article_record(a)
    assert parse_record_of(record) == a
    for key in ("outlet", "url", "author", "language", "meta"):  # before issue 13
        del record[key]
    older = parse_record_of({**record, "sha256": None})
    assert not older.meta and older.sections == a.sections


def parse_record_of(record: dict[str, object]) -> Article:
    return export.parse_record(json.dumps(record).encode()).article


def test_unreadable_jsonl_file(run: Run, tmp_path: Path) -> None:
    dangling = tmp_path / "gone.jsonl"
    dangling.symlink_to(tmp_path / "nowhere.jsonl")
    result = run("ingest", str(dangling))
    assert result.exit_code == 1
    assert f"newsarc: {dangling}: cannot read: No such file or directory\n" in result.stderr


# ---------------------------------------------------------------------------------------------
# Memory stays flat


def _fill(db: Path, n: int) -> None:
    with open_archive(db, create=True) as store:
        store.begin()
        for i in range(n):
            text = f"Paragraph {i} " + "word " * 150
            store.add(make_article(f"id{i:05d}", "2024-01-01", f"Title {i}", None,
                                   [Section(0, None, text), Section(1, "More", text)]))
        store.commit()


def _peak(db: Path) -> int:
    with open_archive(db) as store:
        out = io.StringIO()
        tracemalloc.start()
        from newsarc import output

        for record in export.records(store):
            out.write(output.json_line(record))
            out.seek(0)
            out.truncate()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_export_memory_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    small, large = tmp_path / "small.db", tmp_path / "large.db"
    _fill(small, 50)
    _fill(large, 1000)  # about 1.5 MB of text: held at once, it would show
    assert _peak(large) < _peak(small) + 300_000


# ---------------------------------------------------------------------------------------------
# Closing stdout early (`| head -1`) ends quietly, for every reading command


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "--format", "csv"],
        ["show", "a01", "a02", "--format", "json"],
        ["show", "a01", "--format", "markdown"],
        ["show", "a01", "--format", "rich"],
        ["sections", "--format", "tsv"],
        ["timeline", "--by", "day"],
        ["timeline", "--format", "rich"],
        ["stats", "--format", "json"],
        ["stats", "--format", "rich"],
        ["sections", "a01", "--format", "rich"],
        ["search", "qaim OR strike", "--format", "tsv"],
        ["search", "qaim OR strike", "--format", "table"],
        ["search", "qaim OR strike", "--format", "json"],
        ["search", "qaim", "--count"],
        ["ingest", "{corpus}", "--format", "jsonl"],
        ["rm", "a01-qaim-strike", "a02-qaim-apostrophe"],
        ["--help"],
        ["search", "--help"],
    ],
)
def test_closed_stdout_ends_quietly(corpus: Path, args: list[str]) -> None:
    args = [a.replace("{corpus}", str(corpus)) for a in args]
    proc = subprocess.Popen([sys.executable, "-m", "newsarc", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first write
    stderr = proc.stderr.read()
    code = proc.wait(timeout=30)
    if args[0] == "ingest":  # it stops storing: one line says how far it got (all here)
        assert re.fullmatch(rb"newsarc: output closed after \d+ files; (the batch in flight was"
                            rb" stored, run again to finish|all were stored)\n", stderr), stderr
    else:
        assert stderr == b""
    # 141 as from SIGPIPE, like grep or cat; help is printed by typer's own rich console,
    # whose broken-pipe handler exits 1 (quietly too).
    assert code == (1 if "--help" in args else 141)
    if args[0] == "rm":  # what rm did is done, whether or not anyone read its list
        assert subprocess.run([sys.executable, "-m", "newsarc", "search", "qaim", "--count"],
                              capture_output=True, text=True).stdout == "2\n"


def test_export_piped_into_ingest_copies_the_archive(
    run: Run, corpus: Path, tmp_path: Path
) -> None:
    exported = run("export").stdout
    copy = str(tmp_path / "copy.db")
    result = run("--db", copy, "ingest", "-", input=exported)
    assert result.exit_code == 0, result.stderr
    assert "30 added" in result.stderr
    assert run("--db", copy, "export").stdout == exported
    # the same again changes nothing
    assert "30 unchanged" in run("--db", copy, "ingest", "-", input=exported).stderr
