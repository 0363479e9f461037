"""Issue 13's smaller items, through the real CLI: file names in messages, unreadable folders,
recursive globs, pipes closed early, SIGTERM, reading commands that never write, formats and
the views at their edges."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.archive import ON_POSTGRES, connect, label, made
from tests.conftest import Run


def put(path: str | Path, text: str | bytes) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return p


def article(word: str, date: str = "2024-02-03") -> str:
    return f" date {date} A report about {word}.\n\nDetails\n\nMore about {word} here."


def jsonl(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


# ---------------------------------------------------------------------------------------------
# A file name is one line in every message


FORGED = ("x\nnewsarc: ingest: 99 added, 0 updated, 0 unchanged, 0 duplicates, 0 with warnings, "
          "0 errors")


def test_a_newline_in_a_file_name_cannot_break_or_forge_a_line(work: Path, run: Run) -> None:
    put(f"news/{FORGED}.txt", "")  # empty: an error, always reported
    put("news/tab\there\x1b[2J.txt", " date 2024-02-03 A lede.\n\nA lede.")  # a duplicate
    put("news/ok.txt", " date 2024-02-03 A lede.\n\nA lede.")
    result = run("ingest", "news")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "newsarc: news/tab\\there\\x1b[2J.txt: duplicate of ok",
        "newsarc: news/x\\nnewsarc: ingest: 99 added, 0 updated, 0 unchanged, 0 duplicates, "
        "0 with warnings, 0 errors.txt: empty file; skipped",
        "newsarc: ingest: 1 added, 0 updated, 0 unchanged, 1 duplicate, 0 with warnings, 1 error",
    ]
    # in jsonl the path is data: exact, as JSON escapes it
    again = run("ingest", "news", "--format", "jsonl")
    assert f"news/{FORGED}.txt" in [r["path"] for r in jsonl(again.stdout)]


def test_a_missing_path_with_a_newline_is_one_line(work: Path, run: Run) -> None:
    result = run("ingest", "nope\nnewsarc: fake.txt")
    assert result.exit_code == 2
    assert result.stderr == "newsarc: nope\\nnewsarc: fake.txt: no such file or directory\n"


# ---------------------------------------------------------------------------------------------
# A folder that cannot be read says so
#
# The tests run as root here, where mode 000 stops nothing: the in-process tests make the
# file system refuse (as it does for any other user), and the subprocess test runs newsarc as
# an unprivileged user when there is one to switch to.


def refuse(monkeypatch: pytest.MonkeyPatch, name: str, folder: Path) -> None:
    """Make os.<name> refuse every path inside `folder` (and `folder` itself for scandir), as
    the kernel does for another user when `folder` is at mode 000."""
    real = getattr(os, name)
    locked = os.path.abspath(folder)

    def guarded(path: Any, *args: Any, **kwargs: Any) -> Any:
        full = os.path.abspath(os.fsdecode(path)) if not isinstance(path, int) else ""
        inside = full.startswith(locked + os.sep) or (name == "scandir" and full == locked)
        if inside:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, guarded)


def test_a_file_in_a_folder_at_mode_000_is_unreadable_not_missing(
    work: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    put("locked/a.txt", article("alpha"))
    put("ok.txt", article("beta"))
    for name in ("lstat", "stat"):
        refuse(monkeypatch, name, work / "locked")
    result = run("ingest", "locked/a.txt", "ok.txt")
    assert result.exit_code == 1  # a file failed, the other was stored: not a usage error
    assert result.stderr.splitlines() == [
        "newsarc: locked/a.txt: cannot read: Permission denied",
        "newsarc: ingest: 1 added, 0 updated, 0 unchanged, 0 duplicates, 0 with warnings, 1 error",
    ]


def test_a_folder_at_mode_000_in_a_walk_is_named_with_the_reason(
    work: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    put("news/locked/a.txt", article("alpha"))
    put("news/ok.txt", article("beta"))
    refuse(monkeypatch, "scandir", work / "news" / "locked")
    result = run("ingest", "news")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "newsarc: news/locked: cannot read folder: Permission denied"
    )


def as_unprivileged_user() -> list[str] | None:
    """A command prefix that runs as an unprivileged user, or None when we are one already."""
    if os.geteuid() != 0:
        return []
    import pwd

    setpriv = shutil.which("setpriv")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        nobody = None
    if setpriv is None or nobody is None:
        return None
    return [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]


def test_mode_000_for_real_as_an_unprivileged_user() -> None:
    prefix = as_unprivileged_user()
    if prefix is None:  # root, with no way to become anyone else: say so, do not pass quietly
        pytest.fail("running as root without setpriv and a `nobody` user: mode 000 is untestable")
    top = Path(tempfile.mkdtemp(prefix="newsarc-mode000-"))
    try:
        top.chmod(0o777)
        put(top / "news" / "locked" / "a.txt", article("alpha"))
        put(top / "news" / "ok.txt", article("beta"))
        (top / "news").chmod(0o755)
        (top / "news" / "ok.txt").chmod(0o644)
        (top / "news" / "locked").chmod(0o000)
        env = {**os.environ, "NEWSARC_DB": str(top / "a.db"), "PYTHONDONTWRITEBYTECODE": "1"}
        cmd = [*prefix, sys.executable, "-m", "newsarc", "ingest"]
        walk = subprocess.run([*cmd, "news"], cwd=top, env=env, capture_output=True, text=True)
        named = subprocess.run([*cmd, "news/locked/a.txt"], cwd=top, env=env,
                               capture_output=True, text=True)
    finally:
        (top / "news" / "locked").chmod(0o755)
        shutil.rmtree(top)
    assert walk.returncode == 1, walk.stderr
    assert walk.stderr.splitlines()[0] == (
        "newsarc: news/locked: cannot read folder: Permission denied")
    assert named.returncode == 1, named.stderr
    assert named.stderr.splitlines()[0] == (
        "newsarc: news/locked/a.txt: cannot read: Permission denied")


# ---------------------------------------------------------------------------------------------
# Recursive glob patterns


@pytest.mark.parametrize(
    ("globs", "found"),
    [
        (["**/*.txt"], ["news/a.txt", "news/sub/b.txt", "news/sub/deeper/C.TXT"]),
        (["*.txt"], ["news/a.txt", "news/sub/b.txt", "news/sub/deeper/C.TXT"]),
        (["sub/*.txt"], ["news/sub/b.txt"]),
        (["./sub/**"], ["news/sub/b.txt", "news/sub/deeper/C.TXT", "news/sub/deeper/d.md"]),
        (["sub/**/*.md"], ["news/sub/deeper/d.md"]),
        (["**/deeper/*"], ["news/sub/deeper/C.TXT", "news/sub/deeper/d.md"]),
        (["*/*.txt"], ["news/sub/b.txt"]),
        (["**/*.rtf", "a.*"], ["news/a.txt"]),
    ],
)
def test_recursive_glob_patterns(work: Path, run: Run, globs: list[str], found: list[str]
                                 ) -> None:
    put("news/a.txt", article("alpha"))
    put("news/sub/b.txt", article("beta"))
    put("news/sub/deeper/C.TXT", article("gamma"))
    put("news/sub/deeper/d.md", article("delta"))
    result = run("ingest", "news", "--format", "jsonl", *(f"--glob={g}" for g in globs))
    assert result.exit_code == 0, result.stderr
    assert [r["path"] for r in jsonl(result.stdout)] == found


# ---------------------------------------------------------------------------------------------
# Reading commands never write


READERS = [
    ("search", "x"), ("search", "x", "--count"), ("show", "x"), ("sections",), ("timeline",),
    ("stats",), ("export",), ("kwic", "x"), ("check",), ("check", "--repair"), ("rm", "x"),
]


@pytest.mark.sqlite_only  # an empty file at the archive's path
@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_an_empty_file_is_no_archive_and_stays_empty(
    run: Run, isolated_archive: Path, args: tuple[str, ...]
) -> None:
    isolated_archive.touch()
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"newsarc: no archive at {isolated_archive}\n"
        f"newsarc: hint: {isolated_archive} is an empty file; run `newsarc ingest PATH` first, "
        "or pass --db\n"
    )
    assert isolated_archive.stat().st_size == 0
    assert sorted(p.name for p in isolated_archive.parent.iterdir()) == ["archive.db"]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_missing_archive_is_not_created(run: Run, isolated_archive: Path,
                                          args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newsarc: no archive at {label()}\n")
    assert not made()  # on PostgreSQL: its schema is left empty


@pytest.mark.sqlite_only  # an empty file at the archive's path
def test_ingest_makes_an_empty_file_an_archive(work: Path, run: Run, isolated_archive: Path
                                              ) -> None:
    isolated_archive.touch()
    put("a.txt", article("alpha"))
    assert run("ingest", "a.txt").exit_code == 0
    assert run("search", "alpha", "--format", "ids").stdout == "a\n"


# ---------------------------------------------------------------------------------------------
# Ingest stopped by a closed pipe or by SIGTERM: one line on stderr, a consistent archive


NEWSARC = [sys.executable, "-m", "newsarc"]


def make_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f" date 2024-{1 + i % 12:02d}-{1 + i % 28:02d} Article {i} reports on token{i}. "
            + ("Filler words for the body. " * 30).rstrip()
            + f"\n\nSection {i % 7}\n\nMore text about story{i % 50}.\n", encoding="utf-8")
    return folder


def stored(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_a_closed_pipe_stops_ingest_with_a_word_on_stderr(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    corpus = make_corpus(tmp_path / "corpus", 1600)
    proc = subprocess.Popen([*NEWSARC, "--db", str(db), "ingest", str(corpus), "--format",
                             "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert b'"status": "added"' in proc.stdout.readline()  # as `grep -m1 added` does
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    n = stored(db)
    assert 0 < n < 1600 and n % 500 == 0  # whole batches, each committed before it was told
    assert err == (f"newsarc: output closed after {n} files; the batch in flight was stored, "
                   "run again to finish\n")
    again = subprocess.run([*NEWSARC, "--db", str(db), "ingest", str(corpus)],
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stderr == (f"newsarc: ingest: {1600 - n} added, 0 updated, {n} unchanged, "
                            "0 duplicates, 0 with warnings, 0 errors\n")


def test_a_closed_pipe_at_the_end_says_all_were_stored(work: Path) -> None:
    put("news/a.txt", article("alpha"))
    put("news/b.txt", article("beta"))
    db = work / "a.db"
    cmd = f"{sys.executable} -m newsarc --db {db} ingest news --format jsonl | head -c0"
    result = subprocess.run(["bash", "-c", f"{cmd}; exit ${{PIPESTATUS[0]}}"],
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) in [
        (141, "newsarc: output closed after 2 files; all were stored\n"),
        # (with PYTHONUNBUFFERED set, the first line written finds the pipe closed)
        (141, "newsarc: output closed after 2 files; the batch in flight was stored, run again "
         "to finish\n"),
        (0, ""),  # head ended only after newsarc had written everything
    ]
    assert stored(db) == 2


@pytest.mark.parametrize("delay", [0.0, 0.1, 0.3, 0.5])
def test_sigterm_mid_ingest_rolls_back_quietly_and_exits_143(tmp_path: Path, delay: float
                                                             ) -> None:
    import time

    db = tmp_path / "archive.db"
    corpus = make_corpus(tmp_path / "corpus", 3000)
    log = tmp_path / "err.txt"
    env = {**os.environ, "NEWSARC_WORKERS": "2"}  # a pool of worker processes, as on most hosts
    proc = subprocess.Popen([*NEWSARC, "--db", str(db), "ingest", str(corpus)], env=env,
                            stdout=subprocess.DEVNULL, stderr=log.open("w"))
    deadline = time.monotonic() + 30
    while not (db.exists() and stored(db)) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    proc.terminate()
    returncode = proc.wait(timeout=60)
    err = log.read_text()
    n = stored(db)
    if returncode in (0, -signal.SIGTERM) and n == 3000:  # it had finished: nothing to stop
        return
    assert returncode == 143, err
    assert err == f"newsarc: terminated after {n} files; run again to finish\n"
    if n == 3000:  # stopped after its last commit (logging the run): nothing to roll back
        return
    assert n % 500 == 0  # the batch in flight was rolled back
    check = subprocess.run([*NEWSARC, "--db", str(db), "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    again = subprocess.run([*NEWSARC, "--db", str(db), "ingest", str(corpus), "--quiet"],
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert stored(db) == 3000


# ---------------------------------------------------------------------------------------------
# show --format text | ingest - is the same article, bidi marks and all


def test_show_text_of_an_article_with_bidi_marks_reads_back_as_a_duplicate(
    work: Path, run: Run
) -> None:
    put("rtl.txt", " date 2024-02-03 He said \u202bمرحبا\u202c and \u2067left\u2069.\n\n"
        "A \u202eHeading\n\nText \u202aunder\u202c it.\n")
    first = run("ingest", "rtl.txt")
    assert first.exit_code == 0
    assert "newsarc: rtl.txt: warning: removed 7 bidi control characters" in first.stderr
    text = run("show", "rtl", "--format", "text").stdout
    assert "مرحبا" in text and not any(c in text for c in "\u202a\u202b\u202c\u202e\u2067\u2069")
    again = run("ingest", "-", "--format", "jsonl", input=text.encode())
    assert [(r["status"], r["message"]) for r in jsonl(again.stdout)] == [
        ("duplicate", "duplicate of rtl")
    ]
    stored = json.loads(run("show", "rtl", "--format", "json").stdout)
    assert stored["sections"][1]["heading"] == "A Heading"


# ---------------------------------------------------------------------------------------------
# timeline --by: ids that read back, and the zero rows of a range with no match


def test_timeline_ids_with_spaces_and_quotes_read_back(work: Path, run: Run) -> None:
    import shlex

    put("news/a b.txt", article("alpha", "2024-02-03"))
    put("news/it's.txt", article("beta", "2024-05-03"))
    put("news/plain,id.txt", article("gamma", "2024-06-01"))
    put("news/other.txt", article("delta", "2023-01-01"))
    assert run("ingest", "news").exit_code == 0
    tsv = run("timeline", "--by", "year").stdout.splitlines()
    assert [line.split("\t")[:3] for line in tsv] == [
        ["2023", "1", "other"], ["2024", "3", "'a b' 'it'\"'\"'s' plain,id"]]
    assert shlex.split(tsv[1].split("\t")[2]) == ["a b", "it's", "plain,id"]
    xargs = subprocess.run(["xargs", "printf", "[%s]"], input=tsv[1].split("\t")[2],
                           capture_output=True, text=True)
    assert xargs.stdout == "[a b][it's][plain,id]"
    csv_rows = run("timeline", "--by", "year", "--format", "csv").stdout.splitlines()
    import csv

    [_, _, row] = list(csv.reader(csv_rows))
    assert shlex.split(row[2]) == ["a b", "it's", "plain,id"]
    as_json = json.loads(run("timeline", "--by", "year", "--format", "json").stdout)
    assert as_json[1]["ids"] == ["a b", "it's", "plain,id"]


def test_timeline_of_a_range_with_no_match_prints_its_zero_rows_and_exits_1(
    work: Path, run: Run
) -> None:
    put("news/m.txt", article("Merkel", "2017-02-03"))
    assert run("ingest", "news").exit_code == 0
    result = run("timeline", "Merkel", "--since", "2030", "--by", "month")
    assert result.exit_code == 1
    assert result.stdout == "".join(f"2030-{m:02d}\t0\t\t\n" for m in range(1, 13))
    assert result.stderr == "newsarc: no articles match\n"
    bounded = run("timeline", "Merkel", "--since", "2016-11", "--until", "2017-01", "--by",
                  "month", "--format", "json")
    assert bounded.exit_code == 1
    assert json.loads(bounded.stdout) == [
        {"period": p, "count": 0, "ids": []} for p in ("2016-11", "2016-12", "2017-01")]
    until = run("timeline", "nothing", "--until", "2016-03", "--by", "month")
    assert (until.exit_code, until.stdout) == (1, "2016-03\t0\t\t\n")
    # without --by, or without a range, there are no periods to show
    assert run("timeline", "Merkel", "--since", "2030").stdout == ""
    assert run("timeline", "nothing", "--by", "month").stdout == ""
    # and a match still exits 0
    assert run("timeline", "Merkel", "--since", "2017", "--by", "year").exit_code == 0


# ---------------------------------------------------------------------------------------------
# --format: one name for the terminal view everywhere, and rm and check have it too


@pytest.mark.parametrize(
    "args",
    [("search", "alpha"), ("kwic", "alpha"), ("show", "a"), ("sections", "a"), ("timeline",),
     ("stats",), ("rm", "a"), ("check",), ("ingest", "news")],
    ids=" ".join,
)
def test_rich_and_table_name_the_same_view_everywhere(
    work: Path, run: Run, args: tuple[str, ...]
) -> None:
    put("news/a.txt", article("alpha"))
    put("news/b.txt", article("beta"))
    assert run("ingest", "news").exit_code == 0
    outputs = []
    for name in ("rich", "table", "text" if args[0] == "show" else "tsv"):
        if args[0] == "rm":  # put it back
            assert run("ingest", "news", "--quiet").exit_code == 0
        result = run(*args, "--format", name) if name != "tsv" or args[0] != "ingest" else None
        assert result is None or result.exit_code == 0, result.stderr
        outputs.append(result and (result.stdout, result.stderr))
    assert outputs[0] == outputs[1]
    if args[0] not in ("ingest", "check"):
        assert outputs[0] != outputs[2]
    helped = run(args[0], "--help").stdout
    assert "rich" in helped and "table|" not in helped and "|table" not in helped


def test_rm_and_check_take_format(work: Path, run: Run) -> None:
    put("news/a b.txt", article("alpha"))
    put("news/b.txt", article("beta"))
    put("news/c.txt", article("gamma"))
    assert run("ingest", "news").exit_code == 0
    assert run("rm", "a b", "--format", "json").stdout == '[\n{"id": "a b"}\n]\n'
    assert run("rm", "b", "--format", "jsonl").stdout == '{"id": "b"}\n'
    assert run("rm", "c", "--format", "csv").stdout == "id\nc\n"
    none = run("rm", "zz", "--format", "json")
    assert (none.exit_code, none.stdout) == (1, "[]\n")
    ok = run("check", "--format", "json")
    assert (ok.exit_code, ok.stdout) == (0, "[]\n")
    assert run("check", "--format", "tsv").stdout == ""


def test_check_format_lists_problems_before_and_after_repair(
    work: Path, run: Run, isolated_archive: Path
) -> None:

    put("news/a.txt", article("alpha"))
    assert run("ingest", "news").exit_code == 0
    conn = connect(isolated_archive)
    conn.execute("DELETE FROM articles_fts" if ON_POSTGRES
                 else "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    found = run("check", "--format", "jsonl")
    assert found.exit_code == 1
    rows = jsonl(found.stdout)
    assert rows and all(set(r) == {"problem", "after_repair"} for r in rows)
    assert not any(r["after_repair"] for r in rows)
    tsv = run("check").stdout.splitlines()
    assert tsv == [r["problem"] for r in rows]
    repaired = run("check", "--repair", "--format", "json")
    assert repaired.exit_code == 0
    assert [r["after_repair"] for r in json.loads(repaired.stdout)] == [False] * len(rows)


# ---------------------------------------------------------------------------------------------
# search --section lede


def test_section_lede_finds_what_search_shows_as_lede(work: Path, run: Run) -> None:
    put("news/in-lede.txt", " date 2024-02-03 The strike hit a depot.\n\nAftermath\n\nCalm.")
    put("news/in-body.txt", " date 2024-02-03 A quiet day.\n\nLater\n\nThen a strike came.")
    put("news/both.txt", " date 2024-02-03 A strike at dawn.\n\nMore\n\nAnother strike, "
        "strike after strike.")
    assert run("ingest", "news").exit_code == 0
    shown = run("search", "strike", "--format", "json").stdout
    ledes = sorted(h["id"] for h in json.loads(shown) if h["section"] == "lede")
    assert ledes == ["in-lede"]
    result = run("search", "strike", "--section", "lede", "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert sorted(h["id"] for h in hits) == ["both", "in-lede"]  # a lede that matches
    assert {h["section"] for h in hits} == {"lede"}
    assert run("search", "strike", "--section", "LEDE", "--count").stdout == "2\n"
    assert run("search", "strike", "--section", "later", "--format", "ids").stdout == "in-body\n"


# ---------------------------------------------------------------------------------------------
# --version


def test_version_from_the_package_metadata(run: Run, isolated_archive: Path) -> None:
    from importlib.metadata import version

    result = run("--version")
    expected = f"newsarc {version('newsarc')}\n"
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert not made()


def test_version_costs_nothing_until_asked() -> None:
    code = ("import sys, newsarc.cli; "
            "print(sorted(m for m in sys.modules if m.startswith('importlib.metadata')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out == "[]\n"


# ---------------------------------------------------------------------------------------------
# search's table at 60 columns


def test_golden_search_table_narrow_and_wide() -> None:
    from newsarc import render
    from newsarc.models import Hit
    from tests.viewing import assert_golden, rendered

    hits = [
        Hit("a01-qaim-strike", "2024-02-03",
            "U.S. strike on a warehouse in Al-Qaim sets off explosions", "A Deliberate Strike",
            "The U.S. military reportedly conducted the airstrike as part of a series of "
            "operations in the region against militia", 1.0, highlights=((4, 8),)),
        Hit("a21-undated", None, "An undated piece", None,
            "In the early hours of the morning, a U.S. airstrike triggered a series", 0.5),
    ]
    narrow = rendered(render.hits_table(hits), width=60)
    assert "┃ id, date" in narrow and "U.S. strike on a warehouse in Al-Qaim" in narrow
    assert all(len(line) <= 60 for line in narrow.splitlines())
    assert_golden("search_60", narrow)
    assert_golden("search_120", rendered(render.hits_table(hits), width=120))


# ---------------------------------------------------------------------------------------------
# show: a title taken from the lede is said once


def test_show_says_a_derived_title_once_and_a_given_one_above(work: Path, run: Run) -> None:
    put("news/derived.txt", " date 2024-02-03 MOSCOW, March 17. /TASS/. The minister spoke "
        "at length today. He said more.\n\nLater\n\nText.")
    put("news/given.txt", "# A headline of its own\n\n date 2024-02-03 The minister spoke "
        "again. More.\n")
    assert run("ingest", "news").exit_code == 0
    derived = run("show", "derived", "--format", "rich", "--no-pager").stdout
    assert derived.count("The minister spoke at length today.") == 1
    assert derived.splitlines()[0] == "2024-02-03 · derived · 14 words"
    given = run("show", "given", "--format", "rich", "--no-pager").stdout
    assert given.splitlines()[0] == "A headline of its own"
    # text, markdown and json drop nothing
    text = run("show", "derived", "--format", "text").stdout
    assert "MOSCOW, March 17. /TASS/. The minister spoke at length today." in text
    md = run("show", "derived", "--format", "markdown").stdout
    assert md.startswith("# The minister spoke at length today.\n")


def test_the_derived_title_is_bold_where_the_lede_says_it() -> None:
    import io

    from rich.console import Console

    from newsarc import render
    from newsarc.articles import parse

    a = parse(" date 2024-02-03 MOSCOW, March 17. /TASS/. " + "A very long first sentence "
              "that goes on " * 6 + "and ends here. Then more.", id="x").article
    assert a.title.endswith("…")
    console = Console(file=io.StringIO(), width=300, color_system="standard",
                      force_terminal=True)
    console.print(render.article_view([a]))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "MOSCOW, March 17. /TASS/. \x1b[1mA very long first sentence" in out
    assert "and ends here.\x1b[0m Then more." in out
