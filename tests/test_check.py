"""`newsarc check` checks what the archive holds, and `newsarc salvage` copies out what a
damaged file still holds (issue 13, item 6)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsarc.store import open_archive
from newsarc.store import sqlite as store_mod
from newsarc.store.sqlite import _INDEX_COLUMNS, derive_index
from tests.archive import ON_POSTGRES, connect, location
from tests.conftest import Run
from tests.test_faults import make_corpus

VICTIM = "a16-warehouse-fire"


def _set_index_row(db: sqlite3.Connection, id: str, change: dict[int, str]) -> None:
    """Replace an article's index row by raw SQL: the values derive_index gives, changed."""
    rowid, title = db.execute("SELECT rowid, title FROM articles WHERE id = ?", (id,)).fetchone()
    sections = [store_mod.Section(*r) for r in db.execute(
        "SELECT position, heading, text FROM sections WHERE article_id = ? ORDER BY position",
        (id,))]
    values = derive_index(title, sections).index
    new = tuple(change.get(i, v) for i, v in enumerate(values))
    if ON_POSTGRES:  # the index row is one tsvector of the same values (store/postgres.py)
        from newsarc.store.postgres import tsvector

        db.execute("UPDATE articles_fts SET tsv = CAST(? AS tsvector) WHERE rowid = ?",
                   (tsvector(new), rowid))
        return
    columns = ", ".join(_INDEX_COLUMNS)
    marks = ", ".join("?" * len(values))
    db.execute(f"INSERT INTO articles_fts (articles_fts, rowid, {columns})"
               f" VALUES ('delete', ?, {marks})", (rowid, *values))
    db.execute(f"INSERT INTO articles_fts (rowid, {columns}) VALUES (?, {marks})", (rowid, *new))


@pytest.fixture
def db(corpus: Path, isolated_archive: Path) -> sqlite3.Connection:
    conn = connect(isolated_archive, isolation_level=None)
    yield conn
    conn.close()


def test_changed_text_is_reported(run: Run, db: sqlite3.Connection) -> None:
    db.execute("UPDATE sections SET text = replace(text, 'fire', 'fore')"
               " WHERE article_id = ? AND position = 0", (VICTIM,))
    for args in ((), ("--quick",)):
        result = run("check", *args)
        assert result.exit_code == 1
        assert result.stdout == f"article {VICTIM}: its text does not match its sha256\n"


@pytest.mark.parametrize("change", [
    {2: "a body that is not the text at all"},  # another text
    {0: "zzz"},  # one word of the title (same length)
    {5: "extra"},  # one token more in the hidden forms column
])
def test_an_index_row_edited_by_sql_is_reported(
    run: Run, db: sqlite3.Connection, change: dict[int, str]
) -> None:
    if 0 in change:
        title = db.execute("SELECT title FROM articles WHERE id = ?", (VICTIM,)).fetchone()[0]
        change = {0: "zzz " + " ".join(title.split()[1:])}
    _set_index_row(db, VICTIM, change)
    assert run("check").stdout == f"article {VICTIM}: its index row does not hold its text\n"
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    assert run("check").exit_code == 0


def test_quick_checks_a_sample(
    run: Run, db: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [r[0] for r in db.execute("SELECT id FROM articles")]
    result = run("check", "--quick")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.endswith(": ok (30 articles; text and index rows of a sample checked)\n")
    for id in ids:  # every index row stale: the first word of its body changed
        body = derive_index(*_title_and_sections(db, id)).index[2]
        _set_index_row(db, id, {2: "zzz " + body.split(" ", 1)[-1]})
    monkeypatch.setattr(store_mod, "QUICK_MIN", 5)
    monkeypatch.setattr(store_mod, "QUICK_SHARE", 6)
    result = run("check", "--quick")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 5
    assert len(run("check").stdout.splitlines()) == 30


def _title_and_sections(db: sqlite3.Connection, id: str) -> tuple[str, list[store_mod.Section]]:
    title = db.execute("SELECT title FROM articles WHERE id = ?", (id,)).fetchone()[0]
    return title, [store_mod.Section(*r) for r in db.execute(
        "SELECT position, heading, text FROM sections WHERE article_id = ? ORDER BY position",
        (id,))]


def test_read_only_archive_is_checked_too(db: sqlite3.Connection, isolated_archive: Path) -> None:
    db.execute("UPDATE sections SET text = text || '!' WHERE article_id = 'a01-qaim-strike'")
    _set_index_row(db, VICTIM, {2: "another text"})
    store = open_archive(location(), readonly=True)
    try:
        assert store.check() == [
            "article a01-qaim-strike: its text does not match its sha256",
            f"article {VICTIM}: its index row does not hold its text",
        ]
        assert store.unchecked() == ([] if ON_POSTGRES else [  # FTS5's own check writes
            "FTS5's own integrity-check (it needs write access: the index rows were still"
            " compared with the text)"
        ])
    finally:
        store.close()


# --- a damaged file ------------------------------------------------------------------------


@pytest.fixture
def truncated(run: Run, tmp_path: Path) -> tuple[Path, dict[str, dict[str, object]]]:
    """A multi-page archive of 400 articles, its export, and the file cut off at 3/4."""
    path = tmp_path / "big.db"
    assert run("--db", str(path), "ingest", str(make_corpus(tmp_path / "c", 400))).exit_code == 0
    exported = {json.loads(line)["id"]: json.loads(line)
                for line in run("--db", str(path), "export").stdout.splitlines()}
    size = path.stat().st_size
    assert not Path(f"{path}-wal").exists() and size > 40 * 16384
    with path.open("r+b") as f:
        # Three quarters: the first forty-odd pages are the empty tables and indexes of
        # every migration, made before the first article.
        f.truncate(size * 3 // 4 // 16384 * 16384)
    return path, exported


def test_check_says_what_is_wrong_with_a_truncated_file(run: Run, truncated: tuple) -> None:
    path, _ = truncated
    result = run("--db", str(path), "check")
    assert result.exit_code == 1
    assert result.stdout.startswith("sqlite: ")
    assert "not checked: the full-text index (the file is damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_salvage_copies_the_readable_articles_of_a_truncated_file(
    run: Run, truncated: tuple, tmp_path: Path
) -> None:
    path, exported = truncated
    new = tmp_path / "new.db"
    result = run("salvage", str(path), str(new))
    assert result.exit_code == 1
    lost = result.stdout.splitlines()
    assert lost and all(": " in line for line in lost)
    copied = {json.loads(line)["id"]: json.loads(line)
              for line in run("--db", str(new), "export").stdout.splitlines()}
    assert 0 < len(copied) < 400
    assert f"salvage: {len(copied)} articles copied to {new}" in result.stderr
    for id, record in copied.items():
        assert record == exported[id]  # whole and unchanged, same sha256
    named = {line.split(": ")[0] for line in lost}
    assert len(copied) + len(named & exported.keys()) <= 400
    assert run("--db", str(new), "check").exit_code == 0
    some = next(iter(copied))
    found = run("--db", str(new), "search", f"token{int(some)}", "--format", "ids")
    assert found.stdout == f"{some}\n"


def test_salvage_of_a_sound_archive_copies_everything(
    run: Run, corpus: Path, isolated_archive: Path, tmp_path: Path
) -> None:
    story = tmp_path / "with-meta.md"  # metadata is copied too, and checks out
    story.write_text("---\nsource: TASS\nurl: https://tass.example/1\nauthor: A. Writer\n---\n"
                     " date 2024-02-03 MOSCOW, Feb 3. /TASS/. Talks went on.")
    assert run("ingest", str(story)).exit_code == 0
    assert run("check").exit_code == 0
    new = tmp_path / "new.db"
    result = run("salvage", location(), str(new))
    assert (result.exit_code, result.stdout) == (0, "")
    assert run("--db", str(new), "export").stdout == run("export").stdout
    again = run("salvage", location(), str(new))
    assert again.exit_code == 2
    assert "already holds articles" in again.stderr


def test_salvage_reports_an_article_whose_text_changed(
    run: Run, db: sqlite3.Connection, isolated_archive: Path, tmp_path: Path
) -> None:
    db.execute("UPDATE sections SET text = text || '!' WHERE article_id = ?", (VICTIM,))
    result = run("salvage", location(), str(tmp_path / "new.db"))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{VICTIM}: its text does not match its sha256")
    assert "30 articles copied" in result.stderr
