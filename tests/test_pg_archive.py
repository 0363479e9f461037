"""A PostgreSQL archive as its users meet it (issue 20): the failures, each one line with exit
2 that names the host and database and never the password; a role that may only read; a hot
standby; several writers at once; a server that goes away in the middle of an ingest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.pgserver import PgServer

NEWSARC = [sys.executable, "-m", "newsarc"]


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _write_many(folder: Path, n: int, tag: str = "") -> Path:
    """`n` short articles, each its own story (no two share a sentence)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{tag}{i:05d}.txt").write_text(
            f"date 2024-{i % 12 + 1:02d}-{i % 28 + 1:02d} Council vote number {tag}{i} in"
            f" Mosul\n\nThe council of district {tag}{i} voted {i * 7 % 101} to {i % 13} on"
            f" budget line {i * 31}, officials said on day {i}.\n", encoding="utf-8")
    return folder


def test_a_reading_command_on_an_empty_database_finds_no_archive(run: Run, pg_url: str) -> None:
    result = run("--db", pg_url, "search", "x")
    assert result.exit_code == 2
    assert _lines(result.stderr)[0].startswith("newsarc: no archive at postgresql://")


def test_unreachable_server_is_one_line_naming_host_and_database(run: Run, tmp_path: Path) -> None:
    url = f"postgresql://alice:s3cret@/news?host={tmp_path}&port=1"
    result = run("--db", url, "search", "x")
    assert result.exit_code == 2
    assert len(_lines(result.stderr)) <= 2  # the line, maybe a hint
    assert "news" in result.stderr and str(tmp_path) in result.stderr
    assert "s3cret" not in result.stderr + result.stdout


def test_a_refused_login_never_shows_the_password(run: Run, pg_server: PgServer,
                                                 pg_url: str) -> None:
    pg_server.psql("DROP ROLE IF EXISTS newsarc_pw")
    pg_server.psql("CREATE ROLE newsarc_pw LOGIN PASSWORD %s", ["right-one"])
    dbname = pg_url.split("/")[3].split("?")[0]
    url = pg_server.url(dbname, user="newsarc_pw", password="wrong-one")
    result = run("--db", url, "ingest", "-", input="date 2024-01-01 A title\n\nText.\n")
    assert result.exit_code == 2
    assert "wrong-one" not in result.stderr + result.stdout
    assert dbname in result.stderr


def test_without_psycopg_the_user_is_told_how_to_install(run: Run, pg_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patched:
        patched.setitem(sys.modules, "psycopg", None)  # import psycopg fails
        result = run("--db", pg_url, "stats")
    assert result.exit_code == 2
    assert "pip install 'newsarc[postgres]'" in result.stderr


def test_a_foreign_or_newer_database_is_refused(run: Run, pg_server: PgServer, pg_url: str,
                                               work: Path) -> None:
    dbname = pg_url.split("/")[3].split("?")[0]
    pg_server.psql("CREATE TABLE payroll (x int)", db=dbname)
    result = run("--db", pg_url, "ingest", str(_write_many(work / "a", 2)))
    assert result.exit_code == 2
    assert "not a newsarc archive" in result.stderr
    pg_server.psql("DROP TABLE payroll", db=dbname)
    assert run("--db", pg_url, "ingest", str(work / "a"), "--quiet").exit_code == 0
    pg_server.psql("INSERT INTO newsarc_migrations (name) VALUES ('pg999_future')", db=dbname)
    result = run("--db", pg_url, "search", "council")
    assert result.exit_code == 2
    assert "newer newsarc" in result.stderr


def test_a_role_that_may_only_read_reads_and_is_refused_writes(
        run: Run, pg_server: PgServer, pg_url: str, work: Path) -> None:
    assert run("--db", pg_url, "ingest", str(_write_many(work / "a", 5)), "--quiet"
               ).exit_code == 0
    dbname = pg_url.split("/")[3].split("?")[0]
    pg_server.psql("DROP ROLE IF EXISTS reader")
    pg_server.psql("CREATE ROLE reader LOGIN")
    pg_server.psql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader", db=dbname)
    reader = pg_server.url(dbname, user="reader")
    for args in (("search", "council", "--format", "ids"), ("timeline", "council"),
                 ("export",), ("check",), ("places",), ("sections",)):
        owner, other = run("--db", pg_url, *args), run("--db", reader, *args)
        assert (other.exit_code, other.stdout) == (owner.exit_code, owner.stdout), args
    for args in (("ingest", str(_write_many(work / "b", 1, "b"))), ("rm", "00001"),
                 ("tag", "+x", "00001"), ("save", "c", "council")):
        result = run("--db", reader, *args)
        assert result.exit_code == 2, args
        assert "read-only" in _lines(result.stderr)[0]
    assert run("--db", pg_url, "search", "council", "--count").stdout.strip() == "5"


def test_a_hot_standby_answers_reads_as_the_primary_and_refuses_ingest(
        run: Run, pg_server: PgServer, pg_url: str, work: Path) -> None:
    assert run("--db", pg_url, "ingest", str(_write_many(work / "a", 20)), "--quiet"
               ).exit_code == 0
    standby = pg_server.standby()
    standby.catch_up()
    dbname = pg_url.split("/")[3].split("?")[0]
    replica = standby.url(dbname)
    for args in (("search", "council", "--format", "ids", "--sort", "newest"),
                 ("search", "place:Mosul", "--count"), ("timeline", "council", "--by", "month"),
                 ("export",), ("show", "00003"), ("check",)):
        primary, other = run("--db", pg_url, *args), run("--db", replica, *args)
        assert (other.exit_code, other.stdout) == (primary.exit_code, primary.stdout), args
    result = run("--db", replica, "ingest", str(_write_many(work / "b", 1, "b")))
    assert result.exit_code == 2
    assert len(_lines(result.stderr)) == 1
    assert "read-only" in result.stderr and "standby" in result.stderr


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_ingests_lose_and_double_nothing(pg_url: str, work: Path,
                                                   writers: int) -> None:
    """Each writer ingests its own files and the files every writer shares: each article is
    stored once, and every run reports each shared file as added by one writer only."""
    shared = _write_many(work / "shared", 60, "s")
    env = {**os.environ, "NEWSARC_DB": pg_url}
    procs = [subprocess.Popen(
        [*NEWSARC, "ingest", str(shared), str(_write_many(work / f"own{w}", 40, f"w{w}-")),
         "--format", "jsonl"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True) for w in range(writers)]
    outs = [p.communicate(timeout=240) for p in procs]
    assert [p.returncode for p in procs] == [0] * writers, [e for _, e in outs]
    import json

    added = [json.loads(line)["id"] for out, _ in outs for line in out.splitlines()
             if json.loads(line)["status"] == "added"]
    assert len(added) == len(set(added)) == 60 + 40 * writers
    count = subprocess.run([*NEWSARC, "search", "council", "--count"], env=env,
                           capture_output=True, text=True)
    assert count.stdout.strip() == str(60 + 40 * writers)
    check = subprocess.run([*NEWSARC, "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_searches_answer_during_an_ingest(pg_url: str, work: Path) -> None:
    env = {**os.environ, "NEWSARC_DB": pg_url}
    first = subprocess.run([*NEWSARC, "ingest", str(_write_many(work / "a", 30, "a")),
                            "--quiet"], env=env)
    assert first.returncode == 0
    ingest = subprocess.Popen([*NEWSARC, "ingest", str(_write_many(work / "b", 400, "b")),
                               "--quiet"], env=env)
    seen = []
    while ingest.poll() is None:
        found = subprocess.run([*NEWSARC, "search", "council", "--count"], env=env,
                               capture_output=True, text=True)
        assert found.returncode == 0, found.stderr
        seen.append(int(found.stdout))
    assert ingest.wait() == 0
    assert seen == sorted(seen) and all(30 <= n <= 430 for n in seen)  # whole batches only


def test_a_server_that_goes_away_mid_ingest_loses_only_the_batch_in_flight(
        work: Path) -> None:
    """Its own server (stopping the session's would end the other tests'): stopped while an
    ingest runs, the ingest says so in one line (exit 2); started again, the next run
    completes the archive and `check` finds it sound."""
    from tests import pgserver

    try:
        server = pgserver.start(pgserver.find_bindir())
    except pgserver.Unavailable as exc:
        pytest.skip(str(exc))
    try:
        server.createdb("gone")
        env = {**os.environ, "NEWSARC_DB": server.url("gone")}
        folder = _write_many(work / "many", 3000)
        ingest = subprocess.Popen([*NEWSARC, "ingest", str(folder), "--quiet"], env=env,
                                  stderr=subprocess.PIPE, text=True)
        while True:  # until some batch is in
            n = server.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'articles'",
                            db="gone")[0][0]
            if n and server.psql("SELECT count(*) FROM articles", db="gone")[0][0]:
                break
            assert ingest.poll() is None, ingest.stderr.read() if ingest.stderr else ""
        server.stop_server()
        _, err = ingest.communicate(timeout=120)
        assert ingest.returncode == 2
        assert len(_lines(err)) == 1 and "gone" in err
        server.start_server()
        again = subprocess.run([*NEWSARC, "ingest", str(folder), "--quiet"], env=env,
                               capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        count = subprocess.run([*NEWSARC, "search", "council", "--count"], env=env,
                               capture_output=True, text=True)
        assert count.stdout.strip() == "3000"
        check = subprocess.run([*NEWSARC, "check"], env=env, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    finally:
        server.stop()
