"""`newsarc ingest` through the real CLI: what users see on stdout and stderr, the exit code,
and the rows in the archive."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsarc import ingest as core
from newsarc import output
from newsarc.articles import MAX_BYTES
from newsarc.store import Store
from tests.archive import ON_POSTGRES, connect, label, made
from tests.conftest import SEED, Run

LINE = re.compile(r"^newsarc: (?P<path>[^:]+): (?P<reason>.+)$")




@pytest.fixture
def db(isolated_archive: Path) -> Callable[..., list[tuple[Any, ...]]]:
    """Query the test's archive: db("SELECT ...", params) -> rows."""

    def query(sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with connect(isolated_archive) as conn:
            return conn.execute(sql, params).fetchall()

    return query


def put(path: str | Path, text: str | bytes) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    p.write_bytes(text)
    return p


def article(word: str, date: str = "2024-02-03") -> str:
    return f" date {date} A report about {word}.\n\nDetails\n\nMore about {word} here."


def jsonl(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def stderr_lines(stderr: str) -> list[str]:
    return stderr.splitlines()


def ids(db: Callable[..., list[tuple[Any, ...]]]) -> list[str]:
    return [r[0] for r in db("SELECT id FROM articles ORDER BY id")]


def fts(db: Callable[..., list[tuple[Any, ...]]], word: str) -> list[str]:
    """The articles whose index row holds `word`, asked of the index itself."""
    if ON_POSTGRES:
        from newsarc.tokens import lexeme_literal, lexemes

        query = " & ".join(lexeme_literal(w) for w in lexemes(word))
        return [r[0] for r in db(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts.tsv @@ CAST(? AS tsquery) ORDER BY a.id", query)]
    return [r[0] for r in db(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY a.id", word)]


# ---------------------------------------------------------------------------------------------
# Finding files


def test_folders_are_walked_recursively_skipping_hidden(work: Path, run: Run, db: Any) -> None:
    put("news/a.txt", article("alpha"))
    put("news/sub/b.md", article("beta"))
    put("news/sub/deeper/C.TXT", article("gamma"))
    put("news/notes.rtf", article("rtf"))
    put("news/.hidden/h.txt", article("hidden"))
    put("news/.h.txt", article("dotfile"))
    result = run("ingest", "news", "--format", "jsonl")
    assert result.exit_code == 0
    assert [(r["path"], r["id"], r["status"]) for r in jsonl(result.stdout)] == [
        ("news/a.txt", "a", "added"),
        ("news/sub/b.md", "b", "added"),
        ("news/sub/deeper/C.TXT", "C", "added"),
    ]
    assert ids(db) == ["C", "a", "b"]
    assert result.stderr == ""  # with --format jsonl the objects are the summary


def test_glob_chooses_the_files_in_folders(work: Path, run: Run, db: Any) -> None:
    put("news/a.txt", article("alpha"))
    put("news/b.rtf", article("beta"))
    put("news/c.text", article("gamma"))
    assert run("ingest", "news", "--glob", "*.rtf", "--glob", "*.text").exit_code == 0
    assert ids(db) == ["b", "c"]


def test_a_file_named_explicitly_is_taken_whatever_its_name(work: Path, run: Run, db: Any) -> None:
    put("notes.rtf", article("alpha"))
    put(".hidden.txt", article("beta"))
    assert run("ingest", "notes.rtf", ".hidden.txt").exit_code == 0
    assert ids(db) == [".hidden", "notes"]


def test_symlink_loops_are_survived(work: Path, run: Run, db: Any) -> None:
    put("news/a.txt", article("alpha"))
    put("news/sub/b.txt", article("beta"))
    os.symlink("..", "news/sub/up")  # news/sub/up/sub/up/... forever
    os.symlink(work / "news", "news/self")
    result = run("ingest", "news", "--format", "jsonl")
    assert result.exit_code == 0
    assert [r["path"] for r in jsonl(result.stdout)] == ["news/a.txt", "news/sub/b.txt"]


def test_an_empty_folder_finds_nothing(work: Path, run: Run) -> None:
    Path("empty").mkdir()
    put("empty/readme.rtf", "not an article")
    result = run("ingest", "empty")
    assert result.exit_code == 1
    assert result.stderr == "newsarc: no input files found (looked for *.txt, *.md)\n"


# ---------------------------------------------------------------------------------------------
# Standard input and --files-from


def test_stdin_without_id_is_named_by_its_hash(work: Path, run: Run, db: Any) -> None:
    result = run("ingest", "-", "--format", "jsonl", input=SEED.read_bytes())
    assert result.exit_code == 0
    [row] = jsonl(result.stdout)
    assert re.fullmatch(r"stdin-[0-9a-f]{12}", row["id"])
    assert row == {"path": "<stdin>", "id": row["id"], "status": "added", "message": ""}
    [(id, sha, source)] = db("SELECT id, sha256, source FROM articles")
    assert (id, source) == (row["id"], f"stdin:{row['id']}")
    assert id == f"stdin-{sha[:12]}"
    again = run("ingest", "-", "--format", "jsonl", input=SEED.read_bytes())
    assert jsonl(again.stdout)[0]["status"] == "unchanged"


def test_stdin_with_id_is_updated_in_place(work: Path, run: Run, db: Any) -> None:
    first = run("ingest", "-", "--id", "mine", "--format", "jsonl", input=article("alpha"))
    assert jsonl(first.stdout)[0]["id"] == "mine"
    second = run("ingest", "-", "--id", "mine", "--format", "jsonl", input=article("omega"))
    assert jsonl(second.stdout)[0]["status"] == "updated"
    assert ids(db) == ["mine"]
    assert fts(db, "omega") == ["mine"]
    assert fts(db, "alpha") == []


def test_files_from_a_file_and_from_stdin(work: Path, run: Run, db: Any) -> None:
    put("a.txt", article("alpha"))
    put("dir with space/b.txt", article("beta"))
    put("c.txt", article("gamma"))
    put("list.txt", "a.txt\n\ndir with space/b.txt\r\n")
    assert run("ingest", "--files-from", "list.txt").exit_code == 0
    assert ids(db) == ["a", "b"]
    result = run("ingest", "--files-from", "-", "--format", "jsonl", input="c.txt\na.txt\n")
    assert [(r["path"], r["status"]) for r in jsonl(result.stdout)] == [
        ("c.txt", "added"), ("a.txt", "unchanged")
    ]
    nul = run("ingest", "--files-from", "-", "--format", "jsonl", input=b"a.txt\0c.txt\0")
    assert [r["status"] for r in jsonl(nul.stdout)] == ["unchanged", "unchanged"]


def test_files_from_with_a_missing_file_stores_the_others(work: Path, run: Run, db: Any) -> None:
    put("a.txt", article("alpha"))
    result = run("ingest", "--files-from", "-", input="gone.txt\na.txt\n")
    assert result.exit_code == 1
    assert stderr_lines(result.stderr)[0] == (
        "newsarc: gone.txt: cannot read: No such file or directory"
    )
    assert ids(db) == ["a"]


# ---------------------------------------------------------------------------------------------
# Ids, re-ingest, updates, duplicates


def test_id_collision_gets_a_hash_suffix_and_overwrites_nothing(
    work: Path, run: Run, db: Any
) -> None:
    put("one/story.txt", article("alpha"))
    put("two/story.txt", article("beta"))
    result = run("ingest", "one", "two", "--format", "jsonl")
    assert result.exit_code == 0
    rows = dict(db("SELECT id, sha256 FROM articles"))
    [suffixed] = set(rows) - {"story"}
    assert suffixed == f"story-{rows[suffixed][:6]}"
    assert fts(db, "alpha") == ["story"]
    assert fts(db, "beta") == [suffixed]
    assert stderr_lines(result.stderr) == [
        f"newsarc: two/story.txt: warning: id story is taken; stored as {suffixed}"
    ]
    assert [r["id"] for r in jsonl(result.stdout)] == ["story", suffixed]
    # Both sources are known now: a second run changes nothing.
    again = run("ingest", "one", "two", "--format", "jsonl")
    assert [r["status"] for r in jsonl(again.stdout)] == ["unchanged", "unchanged"]


def test_reingesting_unchanged_files_writes_nothing(work: Path, run: Run, db: Any) -> None:
    put("news/a.txt", article("alpha"))
    put("news/b.txt", article("beta"))
    assert run("ingest", "news").exit_code == 0
    db_path = os.environ["NEWSARC_DB"]
    with connect(db_path) as conn:  # a marker that any rewrite of the rows would lose
        conn.execute("UPDATE articles SET ingested_at = 'marker'")
    before = db("SELECT rowid, * FROM articles ORDER BY id")
    sections = db("SELECT * FROM sections ORDER BY article_id, position")
    result = run("ingest", "news")
    assert result.exit_code == 0
    assert result.stderr == (
        "newsarc: ingest: 0 added, 0 updated, 2 unchanged, 0 duplicates, 0 with warnings,"
        " 0 errors\n"
    )
    assert db("SELECT rowid, * FROM articles ORDER BY id") == before
    assert db("SELECT * FROM sections ORDER BY article_id, position") == sections
    # Touched but not changed: still unchanged; only the remembered mtime moves on.
    os.utime("news/a.txt", ns=(1_000_000_000, 1_000_000_000))
    touched = run("ingest", "news", "--format", "jsonl")
    assert [r["status"] for r in jsonl(touched.stdout)] == ["unchanged", "unchanged"]
    assert db("SELECT ingested_at, source_mtime_ns FROM articles WHERE id = 'a'") == [
        ("marker", 1_000_000_000)
    ]


def test_a_changed_file_is_updated_in_place(work: Path, run: Run, db: Any) -> None:
    put("a.txt", article("alpha"))
    put("b.txt", article("beta"))
    run("ingest", ".")
    [(rowid,)] = db("SELECT rowid FROM articles WHERE id = 'a'")
    put("a.txt", " date 2024-03-04 Zeppelins return.\n\nNew Heading\n\nAirships over the bay.")
    result = run("ingest", ".", "--format", "jsonl")
    assert result.exit_code == 0
    assert [(r["id"], r["status"]) for r in jsonl(result.stdout)] == [
        ("a", "updated"), ("b", "unchanged")
    ]
    assert db("SELECT rowid, date, title FROM articles WHERE id = 'a'") == [
        (rowid, "2024-03-04", "Zeppelins return.")
    ]
    assert db("SELECT position, heading, text FROM sections WHERE article_id = 'a'") == [
        (0, None, "Zeppelins return."), (1, "New Heading", "Airships over the bay.")
    ]
    assert fts(db, "zeppelin") == ["a"]
    assert fts(db, "airships") == ["a"]
    assert fts(db, "alpha") == []
    assert fts(db, "beta") == ["b"]


def test_same_content_under_another_name_is_a_duplicate(work: Path, run: Run, db: Any) -> None:
    put("a.txt", article("alpha"))
    put("copies/a-copy.txt", article("alpha").replace("\n", "\r\n"))  # same text, CRLF
    result = run("ingest", "a.txt", "copies", "--format", "jsonl")
    assert result.exit_code == 0
    assert jsonl(result.stdout)[1] == {
        "path": "copies/a-copy.txt", "id": "a", "status": "duplicate", "message": "duplicate of a"
    }
    assert stderr_lines(result.stderr) == ["newsarc: copies/a-copy.txt: duplicate of a"]
    assert ids(db) == ["a"]
    again = run("ingest", "copies")
    assert stderr_lines(again.stderr) == [
        "newsarc: copies/a-copy.txt: duplicate of a",
        "newsarc: ingest: 0 added, 0 updated, 0 unchanged, 1 duplicate, 0 with warnings, 0 errors",
    ]


# ---------------------------------------------------------------------------------------------
# Output, messages, exit codes


def messy_folder() -> None:
    put("in/good.txt", article("alpha"))
    put("in/crlf.txt", article("beta").replace("\n", "\r\n"))
    put("in/undated.txt", "Just a lede.\n")
    put("in/month.txt", "Date: February 2024\n\nOnly the month is known.")
    put("in/latin1.txt", "date 2024 Caf\xe9 society.".encode("cp1252"))
    put("in/empty.txt", b"")
    put("in/binary.txt", b"GIF89a\x00\x01\x02")
    with open("in/huge.txt", "wb") as f:  # sparse
        f.truncate(MAX_BYTES + 1)


MESSY_STDERR = [
    "newsarc: in/binary.txt: binary file (contains NUL bytes); skipped",
    "newsarc: in/crlf.txt: warning: converted CRLF line endings",
    "newsarc: in/empty.txt: empty file; skipped",
    "newsarc: in/huge.txt: file is over 20 MB; skipped",
    "newsarc: in/latin1.txt: warning: not valid UTF-8; decoded 1 byte as Windows-1252",
    "newsarc: in/undated.txt: warning: no date line; stored undated",
    "newsarc: ingest: 5 added, 0 updated, 0 unchanged, 0 duplicates, 3 with warnings, 3 errors",
]


def test_bad_files_are_reported_and_the_good_ones_stored(work: Path, run: Run, db: Any) -> None:
    messy_folder()
    result = run("ingest", "in")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert stderr_lines(result.stderr) == MESSY_STDERR
    assert ids(db) == ["crlf", "good", "latin1", "month", "undated"]
    assert db("SELECT id, date FROM articles ORDER BY id") == [
        ("crlf", "2024-02-03"), ("good", "2024-02-03"), ("latin1", "2024"),
        ("month", "2024-02"), ("undated", None)
    ]
    assert db("SELECT text FROM sections WHERE article_id = 'latin1'") == [("Café society.",)]
    for line in stderr_lines(result.stderr)[:-1]:
        assert LINE.match(line), line


def test_quiet_prints_errors_only(work: Path, run: Run, db: Any) -> None:
    messy_folder()
    result = run("ingest", "in", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert stderr_lines(result.stderr) == [
        line for line in MESSY_STDERR if "warning:" not in line and "ingest:" not in line
    ]
    assert len(ids(db)) == 5


def test_jsonl_has_one_object_per_file(work: Path, run: Run) -> None:
    messy_folder()
    result = run("ingest", "in", "--format", "jsonl")
    assert result.exit_code == 1
    rows = jsonl(result.stdout)
    assert all(list(r) == ["path", "id", "status", "message"] for r in rows)
    assert [(r["path"], r["id"], r["status"], r["message"]) for r in rows] == [
        ("in/binary.txt", None, "error", "binary file (contains NUL bytes); skipped"),
        ("in/crlf.txt", "crlf", "added", "converted CRLF line endings"),
        ("in/empty.txt", None, "error", "empty file; skipped"),
        ("in/good.txt", "good", "added", ""),
        ("in/huge.txt", None, "error", "file is over 20 MB; skipped"),
        ("in/latin1.txt", "latin1", "added", "not valid UTF-8; decoded 1 byte as Windows-1252"),
        ("in/month.txt", "month", "added", ""),
        ("in/undated.txt", "undated", "added", "no date line; stored undated"),
    ]
    assert "newsarc: ingest:" not in result.stderr  # the objects are the summary


def test_summary_table_on_a_terminal(
    work: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    put("a.txt", article("alpha"))
    put("b.txt", "no date.")
    monkeypatch.setattr(output, "is_terminal", lambda stream=None: True)
    result = run("ingest", ".")
    assert result.exit_code == 0
    header, values = [line for line in result.stdout.splitlines() if line.startswith("┃")
                      or line.startswith("│")]
    assert header.split("┃")[1:-1] == [
        " added ", " updated ", " unchanged ", " duplicates ", " warnings ", " errors "
    ]
    assert [v.strip() for v in values.split("│")[1:-1]] == ["2", "0", "0", "0", "1", "0"]
    # (rich's live display, here on a console that is not really a terminal, adds blank lines)
    assert [line for line in stderr_lines(result.stderr) if line] == [
        "newsarc: ./b.txt: warning: no date line; stored undated"
    ]


def test_special_and_unreadable_files(work: Path, run: Run, db: Any) -> None:
    os.mkfifo("pipe.txt")
    Path("news").mkdir()
    os.symlink("nowhere.txt", "news/dangling.txt")
    result = run("ingest", "pipe.txt", "news")
    assert result.exit_code == 1
    assert stderr_lines(result.stderr)[:2] == [
        "newsarc: pipe.txt: not a regular file; skipped",
        "newsarc: news/dangling.txt: cannot read: No such file or directory",
    ]


def test_file_names_that_are_not_utf8(work: Path, run: Run, db: Any) -> None:
    Path("news").mkdir()
    put(os.fsdecode(b"news/caf\xe9.txt"), article("alpha"))
    result = run("ingest", "news", "--format", "jsonl")
    assert result.exit_code == 0
    assert jsonl(result.stdout)[0]["path"] == "news/caf\\xe9.txt"
    assert ids(db) == ["caf\\xe9"]
    assert db("SELECT source FROM articles")[0][0].endswith("/news/caf\\xe9.txt")
    again = run("ingest", "news", "--format", "jsonl")
    assert jsonl(again.stdout)[0]["status"] == "unchanged"


def test_missing_paths_are_a_usage_error_before_anything_is_stored(
    work: Path, run: Run, isolated_archive: Path
) -> None:
    put("a.txt", article("alpha"))
    result = run("ingest", "a.txt", "nope.txt", "also/nope")
    assert result.exit_code == 2
    assert stderr_lines(result.stderr) == [
        "newsarc: nope.txt: no such file or directory",
        "newsarc: also/nope: no such file or directory",
    ]
    assert not made()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "nothing to ingest: give PATH... or --files-from FILE"),
        (("-", "-"), "`-` (stdin) can be given once"),
        (("-", "--files-from", "-"), "`-` and `--files-from -` cannot both read stdin"),
        (("a.txt", "--id", "x"), "--id names the article read from stdin; give `-` as a PATH"),
        (("-", "--id", " "), "--id cannot be empty"),
        (("--files-from", "no-list.txt"), "--files-from no-list.txt: No such file or directory"),
    ],
)
def test_bad_option_combinations_exit_2(
    work: Path, run: Run, isolated_archive: Path, args: tuple[str, ...], message: str
) -> None:
    put("a.txt", article("alpha"))
    result = run("ingest", *args, input="")
    assert result.exit_code == 2
    assert result.stderr == f"newsarc: {message}\n"
    assert not made()


def test_unknown_format_is_a_usage_error(work: Path, run: Run) -> None:
    result = run("ingest", ".", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'rich', 'jsonl'" in result.stderr


# ---------------------------------------------------------------------------------------------
# Whole or not at all


def fail_on(monkeypatch: pytest.MonkeyPatch, word: str, error: Exception) -> Any:
    """Make storing any article that contains `word` fail after its rows were written;
    returns the real method and the class it is on, to put back."""
    kind: type[Store] = Store
    if ON_POSTGRES:
        from newsarc.store.postgres import PostgresStore

        kind = PostgresStore
    original = kind._index

    def index(self: Store, rowid: int | None, values: tuple[str, str, str],
              row: str | None = None) -> None:
        original(self, rowid, values, row)
        if word in values[2]:  # the body
            if ON_POSTGRES and not isinstance(error, self.file_errors):
                from newsarc.store.postgres import _archive_error

                raise _archive_error(self.conn.label, error)  # as its connection gives it
            raise error

    monkeypatch.setattr(kind, "_index", index)
    return original, kind


def test_a_file_that_cannot_be_stored_leaves_no_rows(
    work: Path, run: Run, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    put("a.txt", article("alpha"))
    put("b.txt", article("poison"))
    put("c.txt", article("gamma"))
    error: Exception = sqlite3.IntegrityError("CHECK constraint failed: demo")
    if ON_POSTGRES:
        import psycopg

        error = psycopg.IntegrityError("CHECK constraint failed: demo")
    fail_on(monkeypatch, "poison", error)
    result = run("ingest", ".")
    assert result.exit_code == 1
    assert stderr_lines(result.stderr) == [
        "newsarc: ./b.txt: cannot store: CHECK constraint failed: demo",
        "newsarc: ingest: 2 added, 0 updated, 0 unchanged, 0 duplicates, 0 with warnings, 1 error",
    ]
    assert ids(db) == ["a", "c"]
    assert db("SELECT DISTINCT article_id FROM sections ORDER BY 1") == [("a",), ("c",)]
    assert fts(db, "poison") == []
    assert fts(db, "gamma") == ["c"]


def test_an_archive_failure_keeps_committed_batches_and_the_next_run_completes(
    work: Path, run: Run, db: Any, monkeypatch: pytest.MonkeyPatch, isolated_archive: Path
) -> None:
    for i, word in enumerate(["alpha", "beta", "gamma", "full", "epsilon"]):
        put(f"{i}.txt", article(word))
    monkeypatch.setattr(core, "BATCH_FILES", 2)
    if ON_POSTGRES:  # the server gone mid-batch
        import psycopg

        error: Exception = psycopg.OperationalError("server closed the connection unexpectedly")
        said = (f"newsarc: archive {label()}: the server went away (server closed"
                " the connection unexpectedly); nothing of the current batch was stored, run"
                " the command again\n")
    else:
        error = sqlite3.OperationalError("database or disk is full")
        said = (f"newsarc: archive {isolated_archive}: database or disk is full;"
                " nothing of the current batch was stored\n")
    real, kind = fail_on(monkeypatch, "full", error)
    result = run("ingest", ".", "--format", "jsonl")
    assert result.exit_code == 2
    assert [r["path"] for r in jsonl(result.stdout)] == ["./0.txt", "./1.txt"]
    assert result.stderr == said
    assert ids(db) == ["0", "1"]  # the batch in flight (2, 3) was rolled back whole
    assert db("SELECT count(*) FROM sections WHERE article_id NOT IN ('0', '1')") == [(0,)]
    monkeypatch.setattr(kind, "_index", real)  # the disk has room again
    again = run("ingest", ".", "--format", "jsonl")
    assert again.exit_code == 0
    assert [r["status"] for r in jsonl(again.stdout)] == [
        "unchanged", "unchanged", "added", "added", "added"
    ]


def test_ctrl_c_stores_the_batch_in_flight_and_exits_130(
    work: Path, run: Run, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(6):
        put(f"{i}.txt", article(f"word{i}"))
    check = core._check
    calls = 0

    def check_then_interrupt(store: Store, source: core.Source) -> Any:
        nonlocal calls
        calls += 1
        if calls == 3:
            os.kill(os.getpid(), signal.SIGINT)  # as if the user pressed Ctrl-C here
        return check(store, source)

    monkeypatch.setattr(core, "_check", check_then_interrupt)
    result = run("ingest", ".", "--format", "jsonl")
    assert result.exit_code == 130
    # The files are read in chunks; ingest stops at the first file it sees after Ctrl-C,
    # storing the batch it holds (here, that one file) and leaving the rest to the next run.
    assert [r["status"] for r in jsonl(result.stdout)] == ["added"]
    assert result.stderr == "newsarc: interrupted after 1 file; run again to finish\n"
    assert ids(db) == ["0"]


def test_a_file_edited_into_a_copy_of_another_keeps_its_article(
    work: Path, run: Run, db: Any
) -> None:
    put("a.txt", article("alpha"))
    put("b.txt", article("bravo"))
    assert run("ingest", ".").exit_code == 0
    os.utime(put("a.txt", article("bravo")), ns=(2 * 10**18, 2 * 10**18))  # surely changed
    result = run("ingest", ".", "--format", "jsonl")
    assert [(r["path"], r["status"], r["message"]) for r in jsonl(result.stdout)] == [
        ("./a.txt", "duplicate", "duplicate of b; a keeps its earlier text"),
        ("./b.txt", "unchanged", ""),
    ]
    # nothing is overwritten or deleted, and the file is not read again until it changes
    assert ids(db) == ["a", "b"]
    again = run("ingest", ".", "--format", "jsonl")
    assert [r["status"] for r in jsonl(again.stdout)] == ["unchanged", "unchanged"]


def test_a_folder_named_twice_is_walked_once(work: Path, run: Run) -> None:
    put("f/a.txt", article("alpha"))
    result = run("ingest", "f", "f", "--format", "jsonl")
    assert [(r["path"], r["status"]) for r in jsonl(result.stdout)] == [("f/a.txt", "added")]


# ---------------------------------------------------------------------------------------------
# Identity that survives moves and corrections (issue 13)


def _statuses(stdout: str) -> dict[str, tuple[str, str | None]]:
    return {r["path"]: (r["status"], r["id"]) for r in jsonl(stdout)}


def test_a_moved_folder_is_unchanged_and_its_new_path_recorded(
    run: Run, work: Path, db: Callable[..., list[tuple[Any, ...]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for n in range(3):
        put(f"news/na-000{n}.txt", article(f"topic{n}"))
    assert run("ingest", "news").exit_code == 0
    os.rename("news", "moved")
    result = run("ingest", "moved", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert {s for s, _ in _statuses(result.stdout).values()} == {"unchanged"}
    assert "duplicate" not in result.stderr
    assert all(src.startswith(str(work / "moved")) for (src,) in db("SELECT source FROM articles"))
    # the path is current again, so the next run does not even open the files

    def no_reading(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(core, "read_file", no_reading)
    again = run("ingest", "moved", "--format", "jsonl")
    assert {s for s, _ in _statuses(again.stdout).values()} == {"unchanged"}


def test_a_correction_to_a_moved_file_updates_it_in_place(
    run: Run, work: Path, db: Callable[..., list[tuple[Any, ...]]]
) -> None:
    put("news/na-0001.txt", article("floods"))
    assert run("ingest", "news").exit_code == 0
    os.rename("news", "moved")
    with open("moved/na-0001.txt", "a") as f:
        f.write("\n\nCorrection: an earlier version misstated the river's name.")
    result = run("ingest", "moved", "--format", "jsonl")
    assert _statuses(result.stdout) == {"moved/na-0001.txt": ("updated", "na-0001")}
    assert ids(db) == ["na-0001"]
    assert fts(db, "misstated") == ["na-0001"]
    assert db("SELECT source FROM articles") == [(str(work / "moved" / "na-0001.txt"),)]


def test_a_folder_through_a_symlink_is_unchanged(
    run: Run, work: Path, db: Callable[..., list[tuple[Any, ...]]]
) -> None:
    put("news/a.txt", article("alpha"))
    put("news/b.txt", article("beta"))
    assert run("ingest", "news").exit_code == 0
    os.symlink("news", "link")
    result = run("ingest", "link", "--format", "jsonl")
    assert {s for s, _ in _statuses(result.stdout).values()} == {"unchanged"}
    assert result.stderr == ""
    assert db("SELECT source FROM articles WHERE id = 'a'") == [(str(work / "link" / "a.txt"),)]
    # a correction reached through either path updates the one article
    with open("news/a.txt", "a") as f:
        f.write("\n\nCorrection: alpha was beta.")
    result = run("ingest", "news", "--format", "jsonl")
    assert _statuses(result.stdout)["news/a.txt"] == ("updated", "a")
    assert ids(db) == ["a", "b"]


def test_a_correction_appended_in_place_updates(
    run: Run, work: Path, db: Callable[..., list[tuple[Any, ...]]]
) -> None:
    put("news/na-0001.txt", article("floods"))
    assert run("ingest", "news").exit_code == 0
    with open("news/na-0001.txt", "a") as f:
        f.write("\n\nCorrection: a later version.")
    result = run("ingest", "news", "--format", "jsonl")
    assert _statuses(result.stdout) == {"news/na-0001.txt": ("updated", "na-0001")}
    assert ids(db) == ["na-0001"]


def test_two_files_claiming_one_id(
    run: Run, work: Path, db: Callable[..., list[tuple[Any, ...]]]
) -> None:
    """Both still exist: the first keeps the id, the second is `id-<6 hex>` (or a duplicate
    when its text is the same), in one run and across runs; each then stays itself."""
    put("a/story.txt", article("first"))
    put("b/story.txt", article("second"))
    put("c/story.txt", article("first"))
    result = run("ingest", "a", "b", "c", "--format", "jsonl")
    got = _statuses(result.stdout)
    assert got["a/story.txt"] == ("added", "story")
    status, other = got["b/story.txt"]
    assert status == "added" and other is not None and re.fullmatch(r"story-[0-9a-f]{6}", other)
    assert got["c/story.txt"] == ("duplicate", "story")
    assert "id story is taken" in result.stderr
    again = run("ingest", "a", "b", "c", "--format", "jsonl")
    assert {s for s, _ in _statuses(again.stdout).values()} == {"unchanged", "duplicate"}
    # a correction of the second file updates its own article, not the first
    with open("b/story.txt", "a") as f:
        f.write("\n\nCorrection.")
    result = run("ingest", "b", "--format", "jsonl")
    assert _statuses(result.stdout) == {"b/story.txt": ("updated", other)}
    # across runs: a new file with a taken id, whose holder still exists
    put("d/story.txt", article("fourth"))
    result = run("ingest", "d", "--format", "jsonl")
    status, fourth = _statuses(result.stdout)["d/story.txt"]
    assert status == "added" and fourth not in ("story", other)
    assert len(ids(db)) == 3


def test_an_extractor_failing_on_a_text_is_a_warning_not_a_stop(
        work: Path, run: Run, db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault of newsarc's in finding the places of one text: that article is stored without
    them, with a warning naming the file; the others are stored whole."""
    from newsarc.extract import places

    real = places.article_places

    def failing(sections: Any) -> Any:
        if "Mosul" in sections[0].text:
            raise IndexError("string index out of range")
        return real(sections)

    monkeypatch.setattr(places, "article_places", failing)
    put(work / "a.txt", " date 2017-03-20 Engineers reached Mosul on Monday.\n")
    put(work / "b.txt", " date 2017-03-21 Engineers reached Baghdad on Tuesday.\n")
    result = run("ingest", str(work))
    assert result.exit_code == 0, result.stderr
    assert "a.txt" in result.stderr and "the places in the text were not found: newsarc " \
        "failed on this text (IndexError: string index out of range); please report it" in \
        result.stderr
    assert "Traceback" not in result.stderr
    assert db("SELECT count(*) FROM articles") == [(2,)]
    assert db("SELECT a.id, p.name FROM place_mentions m JOIN articles a ON a.rowid = m.article"
              " JOIN places p ON p.id = m.place") == [("b", "Baghdad")]
