"""The archive file: migrations, refusal of files newsarc must not touch, read-only use,
`check` and `rm`."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarc.store import MIGRATIONS, open_archive
from tests.archive import ON_POSTGRES, connect
from tests.conftest import SEEDS, Run

FIXTURES = Path(__file__).parent / "fixtures"
SEED_ID = "000_f055cd5f58f7f2b2"
M001_TO_M004 = [
    "m001_initial", "m002_ingest_log", "m003_fts_found_by_sqlite_utils", "m004_news_index"
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_archive_records_every_migration(run: Run, isolated_archive: Path) -> None:
    assert run("ingest", str(SEEDS)).exit_code == 0
    db = connect(isolated_archive)
    names = [r[0] for r in db.execute("SELECT name FROM newsarc_migrations ORDER BY rowid")]
    if ON_POSTGRES:  # one migration of its own: the schema as SQLite's migrations left it
        from newsarc.store.postgres import MIGRATIONS as PG_MIGRATIONS

        assert names == [m.__name__ for m in PG_MIGRATIONS]
        return
    assert names == [m.__name__ for m in MIGRATIONS]
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_archive_from_the_first_schema_is_upgraded_on_open(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-m001.db", old)
    before = sqlite3.connect(old).execute("SELECT * FROM sections ORDER BY position").fetchall()
    result = run("--db", str(old), "search", "Al-Qaim", "--format", "ids")
    assert (result.exit_code, result.stdout) == (0, f"{SEED_ID}\n")
    db = sqlite3.connect(old)
    assert [r[0] for r in db.execute("SELECT name FROM newsarc_migrations ORDER BY rowid")] == [
        m.__name__ for m in MIGRATIONS
    ]
    assert M001_TO_M004 == [m.__name__ for m in MIGRATIONS[:4]]
    assert 'content="articles"' in db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
    ).fetchone()[0]
    assert db.execute("SELECT count(*) FROM ingests").fetchone() == (0,)
    assert db.execute("SELECT * FROM sections ORDER BY position").fetchall() == before
    for table in ("tags", "saved_searches"):  # m010 (issue 19): there, and empty
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    # and it takes new articles after the upgrade
    article = tmp_path / "new.txt"
    article.write_text(" date 2024-05-01 Upgraded archives still take articles.\n")
    assert run("--db", str(old), "ingest", str(article)).exit_code == 0
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    assert db.execute("SELECT added, errors FROM ingests").fetchall() == [(1, 0)]


@pytest.fixture
def archive_copy(tmp_path: Path, run: Run) -> Path:
    path = tmp_path / "copy.db"
    assert run("--db", str(path), "ingest", str(SEEDS)).exit_code == 0
    return path


def _refused(run: Run, path: Path, message: str) -> None:
    before = digest(path)
    for args in (("search", "Al-Qaim"), ("ingest", str(SEEDS)), ("check",), ("rm", SEED_ID)):
        result = run("--db", str(path), *args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert result.stderr.splitlines()[0] == message.format(path=path)
        assert "Traceback" not in result.stderr
    assert digest(path) == before


def test_archive_from_a_newer_newsarc_is_refused_untouched(run: Run, archive_copy: Path) -> None:
    db = sqlite3.connect(archive_copy)
    db.execute("INSERT INTO newsarc_migrations VALUES ('m999_future', '2030-01-01')")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    _refused(run, archive_copy, "newsarc: archive {path} was written by a newer newsarc"
             " (schema m999_future); upgrade newsarc to use it")


def test_file_that_is_not_sqlite_is_refused_untouched(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are my notes, not an archive\n" * 50)
    _refused(run, path, "newsarc: {path} is not a SQLite database")


def test_other_sqlite_database_is_refused_untouched(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE mine (x)")
    db.commit()
    db.close()
    _refused(run, path, "newsarc: {path} is a SQLite database but not a newsarc archive")


def test_corrupt_archive_is_refused_untouched(run: Run, archive_copy: Path) -> None:
    data = bytearray(archive_copy.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, after the header
    archive_copy.write_bytes(bytes(data))
    before = digest(archive_copy)
    result = run("--db", str(archive_copy), "search", "Al-Qaim")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newsarc: archive {archive_copy} is corrupt (")
    assert "newsarc: hint: `newsarc check` says what is damaged; `newsarc salvage" in result.stderr
    # check says what it can instead of failing the same way; salvage saves what it can
    result = run("--db", str(archive_copy), "check")
    assert result.exit_code == 1
    assert result.stdout.startswith("sqlite: ")
    result = run("salvage", str(archive_copy), str(archive_copy.with_name("new.db")))
    assert result.exit_code == 1
    assert "0 articles copied" in result.stderr
    assert digest(archive_copy) == before


@pytest.fixture
def immutable(archive_copy: Path) -> Iterator[Path]:
    """The archive and its folder made immutable: not writable even by root."""
    targets = [str(archive_copy), str(archive_copy.parent)]
    if subprocess.run(["chattr", "+i", *targets], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not supported on this filesystem")
    try:
        yield archive_copy
    finally:
        subprocess.run(["chattr", "-i", *targets], check=True)


def test_read_only_archive_serves_reads_and_refuses_writes(run: Run, immutable: Path) -> None:
    before = digest(immutable)
    result = run("--db", str(immutable), "search", "Al-Qaim", "--format", "ids")
    assert (result.exit_code, result.stdout) == (0, f"{SEED_ID}\n")
    assert run("--db", str(immutable), "check").exit_code == 0
    expected = {  # what each reading command must still show
        ("show", SEED_ID, "--format", "json"): f'"id": "{SEED_ID}"',
        ("timeline",): f"2024-02-03\t{SEED_ID}",
        ("stats",): "articles\t1\n",
        ("export",): f'"id": "{SEED_ID}"',
        ("sections", SEED_ID): "Broader Context",
    }
    for args, shown in expected.items():
        result = run("--db", str(immutable), *args)
        assert (result.exit_code, result.stderr) == (0, ""), args
        assert shown in result.stdout, args
    result = run("--db", str(immutable), "ingest", str(SEEDS))
    assert result.exit_code == 2
    assert result.stderr == (
        f"newsarc: archive {immutable} is read-only; ingest needs to write to it\n"
    )
    assert run("--db", str(immutable), "rm", SEED_ID).exit_code == 2
    assert digest(immutable) == before


# --- check and rm ----------------------------------------------------------------------------


def test_check_passes_on_a_sound_archive(run: Run, corpus: Path) -> None:
    result = run("check")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.endswith(": ok (30 articles)\n")


def test_check_finds_missing_index_rows_and_repair_restores_search(
    run: Run, corpus: Path, isolated_archive: Path
) -> None:
    db = connect(isolated_archive)
    rowid = db.execute("SELECT rowid FROM articles WHERE id = 'a16-warehouse-fire'").fetchone()[0]
    db.execute("DELETE FROM articles_fts" if ON_POSTGRES
               else "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    db.commit()
    db.close()
    assert run("search", "Marseille").exit_code == 1
    result = run("check")
    assert result.exit_code == 1
    assert "article a16-warehouse-fire is missing from the full-text index" in result.stdout
    assert rowid > 0
    result = run("check", "--repair")
    assert result.exit_code == 0
    assert "rebuilt the full-text index of 30 articles" in result.stderr
    assert run("check").exit_code == 0
    assert run("search", "Marseille", "--format", "ids").stdout == "a16-warehouse-fire\n"


def test_check_reports_articles_without_sections(
    run: Run, corpus: Path, isolated_archive: Path
) -> None:
    db = connect(isolated_archive)
    db.execute("DELETE FROM sections WHERE article_id = 'a10-sao-paulo'")
    db.commit()
    db.close()
    result = run("check")
    assert result.exit_code == 1
    assert "article a10-sao-paulo has no sections" in result.stdout


def test_rm_removes_article_sections_and_index_rows(
    run: Run, corpus: Path, isolated_archive: Path
) -> None:
    result = run("rm", "a16-warehouse-fire", "no-such-id")
    assert result.exit_code == 1
    assert result.stdout == "a16-warehouse-fire\n"
    assert result.stderr == "newsarc: no-such-id: no such article\n"
    assert run("search", "Marseille").exit_code == 1
    db = connect(isolated_archive)
    assert db.execute("SELECT count(*) FROM sections WHERE article_id = 'a16-warehouse-fire'"
                      ).fetchone() == (0,)
    assert run("check").exit_code == 0
    # ids piped from search
    assert run("rm", "-", input="a01-qaim-strike\tx\n").stdout == "a01-qaim-strike\n"
    assert run("search", "qaim", "--count").stdout == "3\n"


def test_store_api_refuses_writes_when_read_only(archive_copy: Path) -> None:
    store = open_archive(archive_copy, readonly=True)
    try:
        assert store.readonly
        assert store.count() == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM articles")
    finally:
        store.close()


@pytest.mark.sqlite_only  # sqlite-utils reads the SQLite file
def test_sqlite_utils_search_finds_the_index(run: Run, isolated_archive: Path) -> None:
    """Users open the archive with sqlite-utils and Datasette: its search must work as is."""
    assert run("ingest", str(SEEDS)).exit_code == 0
    result = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "search", str(isolated_archive), "articles",
         '"al qaim"', "-c", "id", "--csv"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["id", SEED_ID]


def test_archive_from_m003_is_read_again_by_the_news_rules(run: Run, tmp_path: Path) -> None:
    """m004: an archive written before issue 12 (a TASS dateline taken for the title, a credit
    line taken for a heading) is re-read from its own text; nothing stored is lost."""
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-m003.db", old)
    db = sqlite3.connect(old)
    sha_before = dict(db.execute("SELECT id, sha256 FROM articles"))
    text_before = {id: " ".join(t.split()) for id, t in db.execute(
        "SELECT article_id, group_concat(coalesce(heading, '') || ' ' || text, ' ')"
        " FROM sections GROUP BY article_id")}
    db.close()

    def found(query: str) -> list[str]:
        result = run("--db", str(old), "search", query, "--format", "ids")
        return result.stdout.split()

    assert found("credit:TASS") == ["old-tass"]
    db = sqlite3.connect(old)
    assert "m004_news_index" in [
        r[0] for r in db.execute("SELECT name FROM newsarc_migrations ORDER BY rowid")]
    assert dict(db.execute("SELECT id, sha256 FROM articles")) == sha_before
    assert dict(db.execute("SELECT id, title FROM articles")) == {
        "old-tass": "Russia's foreign ministry summoned the US ambassador on Friday over the"
                    " strike.",
        "old-who": "WHO warns on measles",  # a given title is kept
    }
    assert db.execute("SELECT id, credit, dateline FROM articles ORDER BY id").fetchall() == [
        ("old-tass", "TASS", "MOSCOW"), ("old-who", None, None)]
    # the credit line is a paragraph again; the real heading stays a heading
    assert db.execute("SELECT article_id, position, heading FROM sections ORDER BY 1, 2"
                      ).fetchall() == [("old-tass", 0, None), ("old-who", 0, None),
                                       ("old-who", 1, "WHO IS TO BLAME")]
    text_after = {id: " ".join(t.split()) for id, t in db.execute(
        "SELECT article_id, group_concat(coalesce(heading, '') || ' ' || text, ' ')"
        " FROM sections GROUP BY article_id")}
    assert text_after == text_before  # the same words, in the same order
    assert found("US") == ["old-tass"]
    assert found("WHO") == ["old-who"]
    assert found("dateline:Moscow") == ["old-tass"]
    assert found("Connor") == ["old-who"]
    assert found("=Sessions") == ["old-who"]
    assert run("--db", str(old), "check").exit_code == 0


def test_a_migration_reports_its_progress(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-m003.db", old)
    heard: list[tuple[int, int]] = []
    open_archive(old, progress=lambda done, total: heard.append((done, total))).close()
    # m004 re-reads the fixture's two articles, m006 re-indexes them, m007 clusters them,
    # m008 finds their date mentions, m009 their place mentions
    assert heard == [(1, 2), (2, 2)] * 5
    heard.clear()
    open_archive(old, progress=lambda done, total: heard.append((done, total))).close()
    assert heard == []  # nothing left to upgrade


def test_archive_from_m003_gains_metadata_columns_with_nothing_lost(run: Run, tmp_path: Path,
                                                                    ) -> None:
    """m005 (issue 13): an old archive, upgraded through m004 first, gains the outlet, url,
    author, language and meta columns; every article keeps its text, sha256 and path, and
    takes metadata from then on."""
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-m003.db", old)
    db = sqlite3.connect(old)
    before = db.execute("SELECT id, date, source, sha256 FROM articles ORDER BY id").fetchall()
    words = ("SELECT group_concat(coalesce(heading, '') || ' ' || text, ' ') FROM"
             " (SELECT * FROM sections ORDER BY article_id, position)")
    sections = " ".join(db.execute(words).fetchone()[0].split())
    db.close()
    assert run("--db", str(old), "search", "ambassador", "--format", "ids").exit_code == 0
    db = sqlite3.connect(old)
    names = [r[0] for r in db.execute("SELECT name FROM newsarc_migrations ORDER BY rowid")]
    assert names.index("m004_news_index") < names.index("m005_metadata")
    assert db.execute("SELECT id, date, source, sha256 FROM articles ORDER BY id"
                      ).fetchall() == before
    assert " ".join(db.execute(words).fetchone()[0].split()) == sections  # m004 regroups them
    assert db.execute("SELECT DISTINCT outlet, url, author, language, meta FROM articles"
                      ).fetchall() == [(None, None, None, None, None)]
    db.close()
    shown = json.loads(run("--db", str(old), "show", "old-tass", "--format", "json").stdout)
    assert (shown["outlet"], shown["meta"]) == (None, {})
    story = tmp_path / "new.md"
    story.write_text("---\nsource: TASS\nurl: https://tass.example/1\n---\n date 2024 Text.")
    assert run("--db", str(old), "ingest", str(story)).exit_code == 0
    assert run("--db", str(old), "search", "source:TASS", "--format", "ids").stdout == "new\n"
    assert run("--db", str(old), "check").exit_code == 0
