"""Faults around an ingest: concurrent writers and readers, SIGKILL, Ctrl-C.

These run real processes against a real archive, as users do: a SQLite file, or with
NEWSARC_TEST_BACKEND=postgres the test's PostgreSQL schema (tests/archive.py).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsarc.ingest import BATCH_FILES
from tests.archive import ON_POSTGRES, connect, errors, location, made

NEWSARC = [sys.executable, "-m", "newsarc"]


def make_corpus(folder: Path, n: int, tag: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{tag}{i:05d}.txt").write_text(
            f" date 2024-{1 + i % 12:02d}-{1 + i % 28:02d} Article {tag}{i} reports on"
            f" token{i} in Al-Qaim and elsewhere. " + ("Filler words for the body. " * 30).rstrip()
            + f"\n\nSection {i % 7}\n\nMore text about story{i % 50} and its aftermath.\n",
            encoding="utf-8",
        )
    return folder


def newsarc(db: Path | str, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEWSARC, "--db", str(db), *args], capture_output=True, text=True,
                          **kwargs)  # type: ignore[call-overload]


def assert_sound(db: Path | str) -> None:
    if not ON_POSTGRES:  # the file's own checks (the server answers for its pages)
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        conn.close()
    result = newsarc(db, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def ids_in(db: Path | str) -> list[str]:
    conn = connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    except errors():  # the first ingest has not created the schema yet
        return []
    finally:
        conn.close()


def test_two_ingests_and_searches_at_once(tmp_path: Path) -> None:
    db = location()  # the test's archive: tmp_path / "archive.db" on SQLite
    a = make_corpus(tmp_path / "a", 700, "a")
    b = make_corpus(tmp_path / "b", 700, "b")
    shared = make_corpus(tmp_path / "a" / "shared", 200, "s")  # ingested by both
    logs = [tmp_path / "err-a.txt", tmp_path / "err-b.txt"]
    writers = [
        subprocess.Popen([*NEWSARC, "--db", str(db), "ingest", *paths],
                         stdout=subprocess.DEVNULL, stderr=log.open("w"))
        for paths, log in zip([[str(a)], [str(b), str(shared)]], logs, strict=True)
    ]
    searches = 0
    while any(w.poll() is None for w in writers):
        if made():
            result = newsarc(db, "search", "Al-Qaim", "--count")
            assert result.returncode in (0, 1, 2), result.stderr
            if result.returncode == 2:  # only before the first ingest created the schema
                assert "no archive" in result.stderr or "not a newsarc" in result.stderr
            assert "locked" not in result.stderr and "Traceback" not in result.stderr
            searches += 1
    for w, log in zip(writers, logs, strict=True):
        w.wait()
        err = log.read_text()
        assert w.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
    assert searches > 0
    ids = ids_in(db)
    assert len(ids) == len(set(ids)) == 1600
    assert newsarc(db, "search", "Al-Qaim", "--count").stdout == "1600\n"
    assert_sound(db)


@pytest.mark.parametrize("delay", [0.4, 0.8, 1.3, 2.0])
def test_sigkill_mid_ingest_leaves_a_sound_archive_that_the_next_run_completes(
    tmp_path: Path, delay: float
) -> None:
    db = location()  # the test's archive: tmp_path / "archive.db" on SQLite
    corpus = make_corpus(tmp_path / "corpus", 1500)
    proc = subprocess.Popen([*NEWSARC, "--db", str(db), "ingest", str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if made():
        assert_sound(db)
        stored = ids_in(db)
        assert len(stored) % BATCH_FILES == 0 or len(stored) == 1500  # whole batches only
    result = newsarc(db, "ingest", str(corpus), "--quiet")
    assert result.returncode == 0, result.stderr
    ids = ids_in(db)
    assert ids == sorted(f"{i:05d}" for i in range(1500))
    assert newsarc(db, "search", "token1499", "--format", "ids").stdout == "01499\n"
    assert_sound(db)


def test_ctrl_c_stops_after_the_batch_in_flight_and_exits_130(tmp_path: Path) -> None:
    db = location()  # the test's archive: tmp_path / "archive.db" on SQLite
    corpus = make_corpus(tmp_path / "corpus", 3000)
    log = tmp_path / "err.txt"
    proc = subprocess.Popen([*NEWSARC, "--db", str(db), "ingest", str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=log.open("w"))
    deadline = time.monotonic() + 30
    while not (made() and ids_in(db)) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    err = log.read_text()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    stored = len(ids_in(db))
    assert 0 < stored < 3000
    assert f"newsarc: interrupted after {stored} files; run again to finish" in err
    assert_sound(db)
    assert newsarc(db, "ingest", str(corpus), "--quiet").returncode == 0
    assert len(ids_in(db)) == 3000


@pytest.mark.sqlite_only  # SQLite's write lock and busy timeout
def test_archive_busy_past_the_timeout_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                    ) -> None:
    db = tmp_path / "archive.db"
    make_corpus(tmp_path / "c", 3)
    assert newsarc(db, "ingest", str(tmp_path / "c")).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        env = {**os.environ, "NEWSARC_BUSY_TIMEOUT_MS": "300"}
        result = newsarc(db, "ingest", str(make_corpus(tmp_path / "d", 2, "d")), env=env)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(f"newsarc: archive {db} is busy")
    assert "Traceback" not in result.stderr
