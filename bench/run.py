"""`make bench`: newsarc against its peers on one synthetic corpus, in one run (issue 8).

    python bench/run.py              # 100,000 articles: under 7 minutes on 2 cores
    python bench/run.py --n 2000     # a quick look
    python bench/run.py --n 1000000  # about 45 minutes on 2 cores (+25 with --curve)

Measures, side by side on the same files and the same archive: ingest rate, peak memory and
archive size of `newsarc ingest` against the minimal stdlib ingest in baseline.py; re-ingest of
the unchanged corpus; the wall time of one `newsarc search ... --format ids` process for five
query classes against `python -c pass`, a stdlib-only FTS5 query script, warm `rg -il` and
`grep -ril` over the files, and sqlite-utils on the same archive; and newsarc's in-process
search against the raw FTS5 SQL it compiles to; ranked search with snippets against `--exact`,
and the paths promised identical against their raw SQL (ranking.py). Timings are medians of
runs interleaved in a shuffled order, so that a slow moment of the machine is shared by every
peer. The figures are ratios (absolute times are there for context); each is checked against
its goal from the issue.
Prints Markdown tables and writes bench/results.json (bench/results-N.json for another n).
External peers that are missing are skipped with a note.

At other sizes (issue 21): `--compare RESULTS` prints every figure of this run beside that
run's, with the growth of each (growth.py; by default against bench/results.json, the 100k
run, when this corpus is larger); `--curve` also adds the corpus's files into one archive in
three stretches (the first 10%, 30%, 100% of the articles by index: 0 -> 100k -> 300k -> 1M
at 1M) and reports each stretch's cost per article and peak memory, for newsarc and the
baseline, interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import baseline
import corpus as corpus_mod
from growth import curve_table, growth_table, markdown

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # the venv's own interpreter, never a `python3` shim
PYTHON = sys.executable
LIMIT = baseline.LIMIT  # newsarc's default --limit: every peer that ranks returns 20


@dataclass(frozen=True)
class Query:
    """One query class, spelled for each peer."""

    name: str
    text: str  # newsarc's query language
    match: str  # FTS5 MATCH syntax, for sqlite-utils and the stdlib script
    regex: str | None  # for rg and grep; None when they cannot express the query
    dates: tuple[str, str] | None = None


QUERIES = (
    Query("rare name", "Al-Qaim", '"al qaim"', "Al-Qaim"),
    Query("common word", corpus_mod.COMMON_WORD, corpus_mod.COMMON_WORD, corpus_mod.COMMON_WORD),
    Query("phrase", f'"{corpus_mod.PHRASE}"', f'"{corpus_mod.PHRASE}"', corpus_mod.PHRASE),
    Query("prefix", f"{corpus_mod.PREFIX}*", f"{corpus_mod.PREFIX}*", rf"\b{corpus_mod.PREFIX}"),
    Query("date-filtered", corpus_mod.COMMON_WORD, corpus_mod.COMMON_WORD, None,
          ("2019-01-01", "2019-12-31")),
)
RARE, COMMON = QUERIES[0], QUERIES[1]


Log = Callable[[str], None]


class BenchError(Exception):
    """A peer failed in a way that makes its figures meaningless."""


# ---------------------------------------------------------------------------------------------
# The one place that knows newsarc.query's API. When the query language grows (a compiled
# query with its own SQL, date filters as arguments), adapt this function and nothing else.

@dataclass(frozen=True)
class Calls:
    newsarc: Callable[[], object]  # newsarc's in-process search
    raw: Callable[[], object]  # the raw FTS5 query it compiles to
    matches: int  # articles that match, before the limit


def query_calls(store: Any, q: Query) -> Calls | str:
    """What to time in-process for `q`, or why it cannot be timed.

    newsarc's side is `query.search()` as `newsarc search --format ids` calls it (no
    snippets). The raw side is the FTS5 MATCH expression newsarc compiles the query to, run
    with the least SQL that answers the same question (baseline.py's): ranked by bm25(), the
    first LIMIT ids, and nothing else.
    """
    from newsarc import query
    from newsarc.dates import DateRange

    compiled = query.compile_query(q.text)
    if compiled.match is None:
        return "n/a: the query compiles to no MATCH expression"
    dates = DateRange(*q.dates) if q.dates else None
    sql = baseline.SEARCH_DATES if q.dates else baseline.SEARCH
    values = (compiled.match, *(q.dates or ()), LIMIT)
    count = store.conn.execute(
        "SELECT count(*) FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ?" + (" AND a.date BETWEEN ? AND ?" if q.dates else ""),
        values[:-1]).fetchone()[0]
    return Calls(
        lambda: query.search(store, q.text, limit=LIMIT, date_range=dates, snippets=False),
        lambda: store.conn.execute(sql, values).fetchall(),
        count,
    )


# ---------------------------------------------------------------------------------------------
# Running things


@dataclass
class Proc:
    wall: float
    cpu: float  # user + system seconds: steadier than wall on a shared machine
    returncode: int
    max_rss_mb: float
    output: str


def run_measured(argv: Sequence[str]) -> Proc:
    """Run to completion; wall time and this child's own peak RSS (wait4, not the maximum
    over every child so far that RUSAGE_CHILDREN would give)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes vs KiB
    cpu = usage.ru_utime + usage.ru_stime
    return Proc(wall, cpu, proc.returncode, usage.ru_maxrss / scale, text)


def timed(argv: Sequence[str], ok: tuple[int, ...] = (0, 1)) -> float:
    start = time.perf_counter()
    rc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    if rc not in ok:
        raise BenchError(f"{' '.join(argv)} exited {rc}")
    return wall


def size_of(archive: Path) -> int:
    return sum(p.stat().st_size for p in (archive, Path(f"{archive}-wal"), Path(f"{archive}-shm"))
               if p.exists())


def remove_archive(archive: Path) -> None:
    for p in (archive, Path(f"{archive}-wal"), Path(f"{archive}-shm")):
        p.unlink(missing_ok=True)


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


# ---------------------------------------------------------------------------------------------
# 1, 2, 5: ingest, peak memory, archive size, re-ingest


@dataclass
class IngestRuns:
    newsarc: list[Proc] = field(default_factory=list)
    reingest: list[Proc] = field(default_factory=list)
    baseline: list[Proc] = field(default_factory=list)
    newsarc_size: int = 0
    baseline_size: int = 0


def expect(proc: Proc, pattern: str, count: int, what: str) -> None:
    m = re.search(pattern, proc.output)
    if proc.returncode != 0 or not m or int(m.group(1)) != count:
        raise BenchError(f"{what}: exit {proc.returncode}, expected {count}: {proc.output[-500:]}")


def measure_ingest(corpus: corpus_mod.Corpus, work: Path, rounds: int, deadline: float,
                   log: Log, later_rounds: int = 0) -> IngestRuns:
    """Interleaved rounds: up to `rounds`, but none that would end after `deadline` (a
    perf_counter() time) unless it is the first; `later_rounds`: the time of that many more
    rounds (the ingest curve's) is kept free before the deadline too. Keeps the last newsarc
    archive (work/newsarc.db) for the searches."""
    runs = IngestRuns()
    newsarc = str(BIN / "newsarc")
    began = time.perf_counter()
    for r in range(rounds):
        now = time.perf_counter()
        if r and now + (1 + later_rounds) * (now - began) / r > deadline:
            log(f"ingest: {r} round{'s' if r > 1 else ''}; one more would overrun the budget")
            break
        mine, base = work / "newsarc.db", work / "baseline.db"
        remove_archive(mine)
        for peer in (("baseline", "newsarc") if r % 2 == 0 else ("newsarc", "baseline")):
            if peer == "baseline":
                proc = run_measured([PYTHON, str(HERE / "baseline.py"), "ingest", str(base),
                                     str(corpus.path)])
                expect(proc, r"baseline: (\d+) articles", corpus.files, "baseline ingest")
                runs.baseline.append(proc)
                runs.baseline_size = size_of(base)
                remove_archive(base)
            else:
                argv = [newsarc, "--db", str(mine), "ingest", str(corpus.path)]
                proc = run_measured(argv)
                expect(proc, r"(\d+) added", corpus.files, "newsarc ingest")
                runs.newsarc.append(proc)
                runs.newsarc_size = size_of(mine)
                again = run_measured(argv)
                expect(again, r"(\d+) unchanged", corpus.files, "newsarc re-ingest")
                runs.reingest.append(again)
        log(f"ingest round {r + 1}/{rounds}: newsarc {runs.newsarc[-1].wall:.1f} s"
            f" (re-ingest {runs.reingest[-1].wall:.1f} s), baseline {runs.baseline[-1].wall:.1f} s")
    return runs


@dataclass
class Memory:
    """Peak RSS (MB) at a small and at the full size: flat means streaming, not holding."""

    small_n: int
    ingest_small: float
    ingest_large: float
    export_small: float
    export_large: float


def measure_memory(small: corpus_mod.Corpus, large_archive: Path, ingest: IngestRuns,
                   work: Path) -> Memory:
    """Ingest and export at 1,000 articles against the full-size runs. Each figure is one
    process's peak (wait4 also covers ingest's worker process, as the larger of the two)."""
    newsarc = str(BIN / "newsarc")
    db = work / "small.db"
    proc = run_measured([newsarc, "--db", str(db), "ingest", str(small.path)])
    expect(proc, r"(\d+) added", small.files, "newsarc ingest (small)")
    export_small = run_measured([newsarc, "--db", str(db), "export"])
    export_large = run_measured([newsarc, "--db", str(large_archive), "export"])
    remove_archive(db)
    return Memory(small.files, proc.max_rss_mb, max(p.max_rss_mb for p in ingest.newsarc),
                  export_small.max_rss_mb, export_large.max_rss_mb)


# ---------------------------------------------------------------------------------------------
# The ingest curve (issue 21): the corpus added into one archive in stretches

CURVE = (0.1, 0.3, 1.0)  # where each stretch ends, as a share of the articles


def curve_bounds(n: int) -> list[tuple[int, int]]:
    """(start, stop) article indexes of each stretch: 0-100k, 100k-300k, 300k-1M at 1M."""
    ends = [0, *dict.fromkeys(max(1, round(n * share)) for share in CURVE)]
    return list(zip(ends, ends[1:], strict=False))


def article_index(path: str) -> int:
    """corpus.py names article i `YYYY/YYYY-MM-DD-<i>.txt`."""
    return int(Path(path).stem.rpartition("-")[2])


def link_stretches(folder: str, bounds: list[tuple[int, int]], work: str) -> list[int]:
    """work/stretch-<i>/: a hard link (a symbolic one where the file system refuses) to each
    of stretch i's articles under its own name, so that both ingests walk a folder as in a
    round and keep their ids; how many articles in each. The corpus itself is only read."""
    counts = [0] * len(bounds)
    for year in sorted(os.scandir(folder), key=lambda e: e.name):
        if not year.is_dir():
            continue
        for i in range(len(bounds)):
            os.makedirs(os.path.join(work, f"stretch-{i + 1}", year.name))
        for entry in os.scandir(year.path):
            index = article_index(entry.name)
            i = next(i for i, (start, stop) in enumerate(bounds) if start <= index < stop)
            target = os.path.join(work, f"stretch-{i + 1}", year.name, entry.name)
            try:
                os.link(entry.path, target)
            except OSError:
                os.symlink(entry.path, target)
            counts[i] += 1
    return counts


def measure_curve(corpus: corpus_mod.Corpus, work: Path, log: Log) -> list[dict[str, Any]]:
    """Each stretch's articles added to one newsarc archive and one baseline archive, the two
    interleaved; wall and CPU time, peak memory and the archives' size after each. Each
    stretch is a folder of links to its articles (every date in each), ingested as a folder
    is in a round (a `--files-from` list of 700,000 paths would be held in memory at once).

    Runs while this process is small, before the in-process searches: a child's ru_maxrss
    starts at its parent's peak (Linux keeps the larger across the exec of a vfork), so the
    million files are linked in a forked process, not here."""
    bounds = curve_bounds(corpus.files)
    with ProcessPoolExecutor(1) as pool:
        counts = pool.submit(link_stretches, str(corpus.path), bounds, str(work)).result()
    mine, base = work / "curve.db", work / "curve-baseline.db"
    newsarc = str(BIN / "newsarc")
    out: list[dict[str, Any]] = []
    for i, ((start, stop), count) in enumerate(zip(bounds, counts, strict=True)):
        stretch = work / f"stretch-{i + 1}"
        row: dict[str, Any] = {"start": start, "stop": stop, "articles": count}
        for peer in ("baseline", "newsarc") if i % 2 == 0 else ("newsarc", "baseline"):
            if peer == "baseline":
                proc = run_measured([PYTHON, str(HERE / "baseline.py"), "ingest", str(base),
                                     str(stretch)])
                expect(proc, r"baseline: (\d+) articles", count, "baseline curve")
            else:
                proc = run_measured([newsarc, "--db", str(mine), "ingest", str(stretch)])
                expect(proc, r"(\d+) added", count, "newsarc curve")
            row.update({f"{peer}_s": proc.wall, f"{peer}_cpu_s": proc.cpu,
                        f"{peer}_max_rss_mb": proc.max_rss_mb})
        row.update(newsarc_archive_bytes=size_of(mine), baseline_archive_bytes=size_of(base))
        out.append(row)
        shutil.rmtree(stretch)  # the links only
        log(f"ingest curve {start:,} -> {stop:,}: newsarc {row['newsarc_s']:.1f} s"
            f" ({row['newsarc_s'] / count * 1000:.2f} ms/article, peak"
            f" {row['newsarc_max_rss_mb']:.0f} MB), baseline {row['baseline_s']:.1f} s")
    remove_archive(mine)
    remove_archive(base)
    return out


def curve_figures(curve: list[dict[str, Any]]) -> list[Figure]:
    """The issue's goals for the curve: the last stretch's cost per article within 10% of the
    first's, and peak memory <= 150 MB."""
    def per(s: dict[str, Any], peer: str) -> float:
        return float(s[f"{peer}_s"]) / s["articles"] * 1000

    first, last = curve[0], curve[-1]
    steps = " -> ".join(f"{per(s, 'newsarc'):.2f}" for s in curve)
    base = per(last, "baseline") / per(first, "baseline")
    return [
        Figure("ingest curve: cost per article, last stretch / first (newsarc)",
               per(last, "newsarc") / per(first, "newsarc"), "<= 1.1",
               context=f"{steps} ms/article; baseline {base:.2f}×"),
        Figure("ingest curve: peak memory (newsarc)",
               max(s["newsarc_max_rss_mb"] for s in curve), "<= 150", " MB",
               context=" -> ".join(f"{s['newsarc_max_rss_mb']:.0f}" for s in curve)
               + f" MB; baseline {max(s['baseline_max_rss_mb'] for s in curve):.0f} MB"),
    ]


# ---------------------------------------------------------------------------------------------
# 3: one search, one process


@dataclass
class Peer:
    """A program that answers a query class from the command line."""

    name: str
    argv: Callable[[Query], list[str] | None]  # None: it cannot answer this class
    note: str = ""


def peers(archive: Path, corpus: corpus_mod.Corpus, notes: list[str]) -> list[Peer]:
    db = str(archive)
    newsarc = str(BIN / "newsarc")
    help_text = subprocess.run([newsarc, "search", "--help"], capture_output=True,
                               text=True).stdout
    has_dates = "--since" in help_text and "--until" in help_text
    if not has_dates:
        notes.append("`newsarc search` has no --since/--until yet: date-filtered figures are n/a.")

    def newsarc_argv(q: Query) -> list[str] | None:
        if q.dates and not has_dates:
            return None
        dates = ["--since", q.dates[0], "--until", q.dates[1]] if q.dates else []
        return [newsarc, "--db", db, "search", q.text, "--format", "ids", *dates]

    found: list[Peer] = [
        Peer("newsarc", newsarc_argv),
        Peer("python -c pass", lambda q: [PYTHON, "-c", "pass"]),
        Peer("stdlib FTS5 script", lambda q: [PYTHON, str(HERE / "baseline.py"), "search", db,
                                              q.match, *(q.dates or ())]),
    ]
    for tool, flags in (("rg", "-il"), ("grep", "-ril")):
        exe = shutil.which(tool)
        if exe is None:
            hint = " (apt-get install ripgrep)" if tool == "rg" else ""
            notes.append(f"`{tool}` is not installed{hint}: its column is skipped.")
            continue
        found.append(Peer(f"{tool} {flags}", grep_argv(exe, flags, corpus.path)))
    sqlite_utils = sqlite_utils_peer(db, notes)
    if sqlite_utils:
        found.append(sqlite_utils)
    return found


def grep_argv(exe: str, flags: str, folder: Path) -> Callable[[Query], list[str] | None]:
    return lambda q: [exe, flags, q.regex, str(folder)] if q.regex else None


SQLITE_UTILS_SQL = (  # what `sqlite-utils search --sql` prints, with a limit and dates
    "with original as (select rowid, * from articles) select original.* from original"
    " join articles_fts on original.rowid = articles_fts.rowid"
    " where articles_fts match :query{dates} order by articles_fts.rank limit {limit}"
)


def sqlite_utils_peer(db: str, notes: list[str]) -> Peer | None:
    """`sqlite-utils search` when it can find newsarc's FTS table; `sqlite-utils query` with
    the SQL that `search` runs when it cannot, and always for dates (search has no filter)."""
    exe = BIN / "sqlite-utils"
    if not exe.exists():
        notes.append("sqlite-utils CLI not found beside the interpreter: its column is skipped.")
        return None
    probe = subprocess.run([str(exe), "search", db, "articles", RARE.match, "--limit", "1"],
                           capture_output=True, text=True)
    works = probe.returncode == 0
    if not works:
        notes.append("`sqlite-utils search ARCHIVE articles ...` fails on newsarc's archive ("
                     f"{probe.stderr.strip() or probe.stdout.strip()}); its column times "
                     "`sqlite-utils query` running the same SQL that `search` runs.")
    notes.append("sqlite-utils' date-filtered query is `sqlite-utils query` with search's SQL "
                 "plus `date BETWEEN`: `search` has no filter option.")

    def argv(q: Query) -> list[str]:
        if works and not q.dates:
            return [str(exe), "search", db, "articles", q.match, "--limit", str(LIMIT)]
        sql = SQLITE_UTILS_SQL.format(
            dates=" and original.date between :since and :until" if q.dates else "", limit=LIMIT)
        dates = ["-p", "since", q.dates[0], "-p", "until", q.dates[1]] if q.dates else []
        return [str(exe), "query", db, sql, "-p", "query", q.match, *dates]

    return Peer("sqlite-utils", argv, "search" if works else "query (search fails)")


@dataclass
class Cell:
    samples: list[float] = field(default_factory=list)
    hits: int | None = None
    note: str = ""

    @property
    def ms(self) -> float | None:
        return median(self.samples) * 1000 if self.samples else None


def measure_search(found: list[Peer], runs: int, log: Log) -> dict[str, dict[str, Cell]]:
    """Warm every peer once (and count its hits), then `runs` shuffled rounds of everything."""
    cells: dict[str, dict[str, Cell]] = {q.name: {} for q in QUERIES}
    items: list[tuple[Query, Peer, list[str]]] = []
    for q in QUERIES:
        for peer in found:
            argv = peer.argv(q)
            cell = cells[q.name].setdefault(peer.name, Cell())
            if argv is None:
                cell.note = "n/a"
                continue
            if peer.name == "python -c pass" and q is not RARE:
                continue  # the floor does not depend on the query: time it once a round
            warm = subprocess.run(argv, capture_output=True, text=True)
            if warm.returncode not in (0, 1):
                raise BenchError(f"{' '.join(argv)} exited {warm.returncode}: {warm.stderr}")
            cell.hits = count_hits(peer.name, warm.stdout)
            items.append((q, peer, argv))
    for r in range(runs):
        random.Random(r).shuffle(items)
        for q, peer, argv in items:
            cells[q.name][peer.name].samples.append(timed(argv))
        log(f"search round {r + 1}/{runs} done")
    floor = cells[RARE.name]["python -c pass"]
    for q in QUERIES[1:]:
        cells[q.name]["python -c pass"] = floor
    return cells


def count_hits(peer: str, stdout: str) -> int | None:
    if peer == "python -c pass":
        return None
    if peer == "sqlite-utils":
        return len(json.loads(stdout or "[]"))
    return len(stdout.splitlines())


# ---------------------------------------------------------------------------------------------
# 4: in-process search against the raw FTS5 query


@dataclass
class InProcess:
    newsarc: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    matches: int = 0
    note: str = ""


def measure_in_process(archive: Path, runs: int) -> dict[str, InProcess]:
    from newsarc.store import open_archive

    results: dict[str, InProcess] = {}
    with open_archive(archive) as store:
        for q in QUERIES:
            result = results[q.name] = InProcess()
            calls = query_calls(store, q)
            if isinstance(calls, str):
                result.note = calls
                continue
            result.matches = calls.matches
            pair = [(result.newsarc, calls.newsarc), (result.raw, calls.raw)]
            for _, call in pair:
                call()  # warm the page cache and the statement cache
            for r in range(runs):
                for samples, call in pair if r % 2 == 0 else reversed(pair):
                    start = time.perf_counter()
                    call()
                    samples.append(time.perf_counter() - start)
    return results


# ---------------------------------------------------------------------------------------------
# Figures against the goals of issue 8


@dataclass
class Figure:
    name: str
    value: float | None
    goal: str  # the comparison and the bound: ">= 0.8"
    unit: str = "×"
    context: str = ""

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        op, bound = self.goal.split()
        ops: dict[str, Callable[[float, float], bool]] = {
            ">=": float.__ge__, "<=": float.__le__, ">": float.__gt__}
        return ops[op](float(self.value), float(bound))


def fmt(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:,.{digits}f}"


def versus(name: str, a: float | None, b: float | None, goal: str, digits: int = 0) -> Figure:
    """The ratio a / b of two times in ms, with both in the context."""
    value = a / b if a is not None and b else None
    return Figure(name, value, goal, context=f"{fmt(a, digits)} vs {fmt(b, digits)} ms")


def ms(samples: Sequence[float]) -> float | None:
    return median(samples) * 1000 if samples else None


def measure_clusters(archive: Path) -> list[Figure]:
    """Story clusters (issue 14) in the archive ingested: the story tables' share of its size,
    and the share of articles put in a multi-article cluster. The synthetic corpus has no two
    articles of one story, so every such article is a false merge."""
    import sqlite3

    db = sqlite3.connect(archive)
    try:
        total = db.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0] or 1
        story = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'story%'"
                           ).fetchone()[0] or 0
        n, clustered = db.execute(
            "SELECT count(*), coalesce(sum(CASE WHEN k > 1 THEN 1 END), 0) FROM (SELECT"
            " (SELECT count(*) FROM story_clusters m WHERE m.cluster = c.cluster) AS k"
            " FROM story_clusters c)").fetchone()
    finally:
        db.close()
    return [
        Figure("story cluster tables / archive size", story / total, "<= 0.15",
               context=f"{story / 1e6:,.1f} MB of {total / 1e6:,.0f} MB"),
        Figure("articles merged into clusters (synthetic: all distinct)", clustered / max(n, 1),
               "<= 0.01", context=f"{clustered:,} of {n:,} articles"),
    ]


def measure_events(archive: Path, runs: int) -> list[Figure]:
    """Date mentions (issue 15): `events` and `timeline --events` for the rare name, wall
    time of the whole command (start-up included), median of `runs`."""
    newsarc = str(BIN / "newsarc")
    out = []
    for name, args in (("events", ["events", RARE.text, "--limit", "0"]),
                       ("timeline --events", ["timeline", RARE.text, "--events"])):
        walls = [timed([newsarc, "--db", str(archive), *args, "--format", "tsv"])
                 for _ in range(max(runs, 3))]
        out.append(Figure(f"{name} {RARE.text} wall", ms(walls), "<= 500", " ms"))
    return out


def measure_places(archive: Path, runs: int) -> list[Figure]:
    """Place mentions (issue 17): the place tables' share of the archive, and `place:Al-Qaim`
    against the rare word `Al-Qaim` (the same articles: the corpus names the town only so),
    in-process (`--format ids`, interleaved, median of `runs`) and as a whole command."""
    import sqlite3

    from newsarc import query
    from newsarc.store import open_archive

    db = sqlite3.connect(archive)
    try:
        total = db.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0] or 1
        places = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'place%'"
                            ).fetchone()[0] or 0
    finally:
        db.close()
    place, word = f"place:{RARE.text}", RARE.text
    times: dict[str, list[float]] = {place: [], word: []}
    with open_archive(archive) as store:
        found = {text: len(query.search(store, text, limit=LIMIT, snippets=False))
                 for text in times}
        for r in range(runs):
            for text in (place, word) if r % 2 == 0 else (word, place):
                start = time.perf_counter()
                query.search(store, text, limit=LIMIT, snippets=False)
                times[text].append(time.perf_counter() - start)
    newsarc = str(BIN / "newsarc")
    walls: dict[str, list[float]] = {place: [], word: []}
    for r in range(max(runs // 3, 3)):
        for text in (place, word) if r % 2 == 0 else (word, place):
            walls[text].append(timed([newsarc, "--db", str(archive), "search", text,
                                      "--format", "ids"]))
    return [
        Figure("place tables / archive size", places / total, "<= 0.1",
               context=f"{places / 1e6:,.1f} MB of {total / 1e6:,.0f} MB"),
        versus(f"in-process {place} / {word}", ms(times[place]), ms(times[word]), "<= 1.5", 3),
        versus(f"search {place} wall / {word} wall", ms(walls[place]), ms(walls[word]),
               "<= 1.1", 0),
        Figure(f"articles found, {place} / {word}", found[place] / max(found[word], 1),
               ">= 0.9", context=f"{found[place]} vs {found[word]} (first {LIMIT})"),
    ]


def figures(corpus: corpus_mod.Corpus, ingest: IngestRuns, search: dict[str, dict[str, Cell]],
            inproc: dict[str, InProcess], memory: Memory) -> list[Figure]:
    n = corpus.files
    t_new = median([p.wall for p in ingest.newsarc])
    t_base = median([p.wall for p in ingest.baseline])
    t_again = median([p.wall for p in ingest.reingest])
    rss_base = max(p.max_rss_mb for p in ingest.baseline)
    cpu = median([p.cpu for p in ingest.baseline]) / median([p.cpu for p in ingest.newsarc])
    out = [
        Figure("ingest rate, newsarc / baseline", t_base / t_new, ">= 0.8",
               context=f"{n / t_new:,.0f} vs {n / t_base:,.0f} articles/s;"
               f" by CPU time {cpu:.2f}×"),
        Figure("ingest peak memory (newsarc)", max(p.max_rss_mb for p in ingest.newsarc),
               "<= 100", " MB", context=f"baseline {rss_base:.0f} MB"),
        Figure("archive size / raw text", ingest.newsarc_size / corpus.bytes, "<= 2.3",
               context=f"{ingest.newsarc_size / 1e6:,.0f} MB for {corpus.bytes / 1e6:,.0f} MB;"
               f" baseline {ingest.baseline_size / corpus.bytes:.2f}×"),
        Figure("re-ingest unchanged / first ingest", t_again / t_new, "<= 0.2",
               context=f"{t_again:.1f} s vs {t_new:.1f} s"),
        Figure(f"peak memory, {memory.small_n:,} -> {n:,} articles (ingest, export)",
               max(memory.ingest_large, memory.export_large), "<= 300", " MB",
               context=f"ingest {memory.ingest_small:.0f} -> {memory.ingest_large:.0f} MB,"
               f" export {memory.export_small:.0f} -> {memory.export_large:.0f} MB"),
    ]
    rare = search[RARE.name]
    out.append(versus("search Al-Qaim wall / python -c pass", rare["newsarc"].ms,
                      rare["python -c pass"].ms, "<= 8"))
    for peer, goals in (("rg -il", ((RARE, ">= 5"), (COMMON, ">= 3"))),
                        ("sqlite-utils", [(q, "> 1") for q in QUERIES])):
        for q, goal in goals:
            row = search[q.name]
            name = f"{'warm ' if peer == 'rg -il' else ''}{peer} / newsarc search, {q.name}"
            fig = versus(name, row[peer].ms if peer in row else None, row["newsarc"].ms, goal)
            if peer not in row:
                fig.context = f"{peer.split()[0]} is not installed"
            out.append(fig)
    for q in QUERIES:
        ip = inproc[q.name]
        fig = versus(f"in-process newsarc / raw FTS5, {q.name}", ms(ip.newsarc), ms(ip.raw),
                     "<= 1.5", 3)
        fig.context = ip.note or fig.context
        out.append(fig)
    for f in out:  # a fast answer that finds nothing meets no goal
        for q in QUERIES:
            if f.name.endswith(f", {q.name}") and not inproc[q.name].note \
                    and inproc[q.name].matches == 0:
                f.value, f.context = None, f"newsarc finds nothing for `{q.text}`: not comparable"
    return out


# ---------------------------------------------------------------------------------------------
# Output


def goals_table(figs: list[Figure]) -> str:
    rows = []
    for f in figs:
        value = "n/a" if f.value is None else f"{f.value:,.2f}{f.unit}"
        goal = f.goal.replace(">=", "≥").replace("<=", "≤") + f.unit
        met = {True: "met", False: "NOT met", None: "n/a"}[f.met]
        rows.append([f.name, value, goal, met, f.context])
    return markdown(["figure", "value", "goal", "", "context"], rows)


def search_table(search: dict[str, dict[str, Cell]], inproc: dict[str, InProcess]) -> str:
    names = list(next(iter(search.values())))
    header = ["query", "matches", "rg files", *names, "in-process newsarc", "raw FTS5"]
    rows = []
    for q in QUERIES:
        row = search[q.name]
        ip = inproc[q.name]
        rg = row.get("rg -il")
        cells = [fmt(row[p].ms, 0) if row[p].samples else row[p].note or "n/a" for p in names]
        rows.append([f"{q.name} `{q.text}`", f"{ip.matches:,}" if not ip.note else "n/a",
                     f"{rg.hits:,}" if rg and rg.hits is not None else "n/a", *cells,
                     fmt(ms(ip.newsarc)), fmt(ms(ip.raw))])
    return markdown(header, rows)


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "rg": tool_version(["rg", "--version"]),
        "grep": tool_version(["grep", "--version"]),
        "locale": os.environ.get("LC_ALL") or os.environ.get("LANG") or "",
    }


def tool_version(argv: list[str]) -> str | None:
    if shutil.which(argv[0]) is None:
        return None
    return subprocess.run(argv, capture_output=True, text=True).stdout.split("\n")[0]



def default_budget(n: int, curve: bool) -> float:
    """540 s up to 100,000 articles (there: two or three ingest rounds and the searches);
    above, 3,600 s at 1M in proportion to n (at 1M one ingest round, ~25 min on 2 cores, and
    the searches, ~20 min, fit; a second round would not); half as much again with --curve."""
    return max(540.0, 3600 * n / 1_000_000) * (1.5 if curve else 1.0)


def search_reserve(n: int) -> float:
    """The seconds kept for everything after the ingest rounds: 150 s at 100,000 articles."""
    return 150 * n / 100_000


def default_compare(n: int) -> Path | None:
    """bench/results.json (the 100k run) when this run's corpus is larger than its."""
    path = HERE / "results.json"
    try:
        other = json.loads(path.read_text())["corpus"]["n"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if other < n else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--pg" in argv:  # the PostgreSQL archive beside SQLite (issue 20): bench/pg.py
        import pg

        return pg.main([a for a in argv if a != "--pg"])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles in the corpus")
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each search peer")
    parser.add_argument("--ingest-runs", type=int, default=3,
                        help="interleaved ingest rounds (each: baseline, newsarc, re-ingest)")
    parser.add_argument("--budget", type=float, default=None, metavar="SECONDS",
                        help="the whole run's time, not counting a first generation of the"
                        " corpus: ingest rounds after the first are skipped when they would"
                        " leave the searches (150 s per 100,000 articles) and the --curve too"
                        " little of it; the first round always runs. Default: 540 s up to"
                        " 100,000 articles (two or three rounds), 3,600 s at 1,000,000 (one"
                        " round: ~25 min on 2 cores; the whole run ~45 min) and in proportion"
                        " between; x1.5 with --curve (the run ~70 min at 1M)")
    parser.add_argument("--curve", action="store_true",
                        help="also add the corpus into one archive in three stretches (0 ->"
                        " 10%% -> 30%% -> 100%% of the articles: 0 -> 100k -> 300k -> 1M at 1M),"
                        " newsarc and the baseline interleaved: cost per article and peak"
                        " memory of each stretch")
    parser.add_argument("--compare", type=Path, default=None, metavar="RESULTS",
                        help="a results file of another size: print every figure of both side"
                        " by side with its growth. Default: bench/results.json when its corpus"
                        " is smaller than this one")
    parser.add_argument("--out", type=Path, default=None,
                        help="default: bench/results.json at 100,000 articles,"
                        " bench/results-N.json at another n")
    args = parser.parse_args(argv)
    budget = args.budget if args.budget is not None else default_budget(args.n, args.curve)
    out = args.out or HERE / ("results.json" if args.n == 100_000 else f"results-{args.n}.json")
    compare = args.compare or default_compare(args.n)
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f} s] {message}", file=sys.stderr, flush=True)

    load = os.getloadavg()[0]
    corpus = corpus_mod.ensure(args.n)
    log(f"corpus: {corpus.files:,} files, {corpus.bytes / 1e6:,.1f} MB in {corpus.path};"
        f" budget {budget:,.0f} s from here")
    notes: list[str] = []
    curve: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=corpus.path.parent, prefix="work-") as tmp:
        work = Path(tmp)
        deadline = time.perf_counter() + budget - search_reserve(args.n)
        ingest = measure_ingest(corpus, work, args.ingest_runs, deadline, log,
                                later_rounds=1 if args.curve else 0)
        if args.curve:
            curve = measure_curve(corpus, work, log)
        archive = work / "newsarc.db"
        memory = measure_memory(corpus_mod.ensure(min(1000, args.n)), archive, ingest, work)
        log(f"memory: ingest {memory.ingest_small:.0f} -> {memory.ingest_large:.0f} MB, export"
            f" {memory.export_small:.0f} -> {memory.export_large:.0f} MB")
        search = measure_search(peers(archive, corpus, notes), args.runs, log)
        inproc = measure_in_process(archive, max(args.runs, 15))
        log("in-process queries done")
        clustering = measure_clusters(archive)
        clustering += measure_events(archive, args.runs)
        clustering += measure_places(archive, max(args.runs, 15))
        import ranking  # ranked search past RANK_ALL and the identical-result paths (issue 21)

        clustering += ranking.measure(archive, max(args.runs, 15))
        log("ranking and identical-result paths done")
    if curve:
        clustering += curve_figures(curve)
    figs = figures(corpus, ingest, search, inproc, memory) + clustering
    command = "make bench" if args.n == 100_000 else f"python bench/run.py --n {args.n}"
    command += " --curve" if args.curve else ""
    tables = goals_table(figs) + "\n\n" + search_table(search, inproc)
    if curve:
        tables += "\n\nIngest curve, added into one archive:\n\n" + curve_table(curve)
    print(f"\n{tables}\n")
    print(f"Ingest: medians of {len(ingest.newsarc)} interleaved rounds (peak memory: the"
          f" highest). Search wall times: median ms of {args.runs} interleaved runs;"
          f" in-process: median ms of {max(args.runs, 15)}.")
    for note in notes:
        print(f"- {note}")
    notes.append(f"Load average (1 min) {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the"
                 " end: other work on the machine slows every peer alike, not their ratios.")
    print(f"- {notes[-1]}")
    met = sum(f.met is True for f in figs)
    print(f"\n{met} of {len(figs)} goals met. {command}: {time.perf_counter() - began:.0f} s.")
    data = results(command, corpus, figs, ingest, search, inproc, notes)
    if curve:
        data["curve"] = curve
    if compare is not None:
        other = json.loads(compare.read_text())
        data["compared_with"] = str(compare)
        print(f"\nEvery figure beside {compare} ({other['command']}, {other['date']}):\n")
        print(growth_table(other, data))
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    log(f"wrote {out}")
    return 0


def results(command: str, corpus: corpus_mod.Corpus, figs: list[Figure], ingest: IngestRuns,
            search: dict[str, dict[str, Cell]], inproc: dict[str, InProcess],
            notes: list[str]) -> dict[str, Any]:
    """What results.json holds; a run with --curve adds "curve", one with --compare
    "compared_with"."""
    return {
        "command": command,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "corpus": {"n": corpus.n, "files": corpus.files, "bytes": corpus.bytes,
                   "rare_articles": corpus.rare_articles, "generator_version": corpus.version},
        "figures": [{"name": f.name, "value": f.value, "unit": f.unit, "goal": f.goal,
                     "met": f.met, "context": f.context} for f in figs],
        "ingest": {
            "newsarc_s": [p.wall for p in ingest.newsarc],
            "reingest_s": [p.wall for p in ingest.reingest],
            "baseline_s": [p.wall for p in ingest.baseline],
            "newsarc_cpu_s": [p.cpu for p in ingest.newsarc],
            "reingest_cpu_s": [p.cpu for p in ingest.reingest],
            "baseline_cpu_s": [p.cpu for p in ingest.baseline],
            "newsarc_max_rss_mb": [p.max_rss_mb for p in ingest.newsarc],
            "baseline_max_rss_mb": [p.max_rss_mb for p in ingest.baseline],
            "newsarc_archive_bytes": ingest.newsarc_size,
            "baseline_archive_bytes": ingest.baseline_size,
        },
        "search_wall_s": {q: {p: {"median": median(c.samples) if c.samples else None,
                                  "runs": c.samples, "hits": c.hits, "note": c.note}
                              for p, c in row.items()} for q, row in search.items()},
        "in_process_s": {q: {"newsarc": r.newsarc, "raw": r.raw, "matches": r.matches,
                             "note": r.note} for q, r in inproc.items()},
        "notes": notes,
    }


if __name__ == "__main__":
    sys.exit(main())
