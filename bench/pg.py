"""`make bench BENCH_ARGS=--pg` (issue 20): the PostgreSQL archive beside the SQLite one.

On the synthetic corpus of `make bench` (bench/corpus.py), in the same run:
- ingest into a SQLite file, into PostgreSQL with one writer, and with two writers at once
  (each ingesting half the corpus's folders into the same database): articles per second;
- every query class of `make bench`, in-process (`query.search()`, ids only, as `newsarc
  search --format ids` calls it), median ms on each archive, and the PostgreSQL/SQLite ratio.

The server is a throwaway one started here (tests/pgserver.py: initdb in a temporary folder,
Unix socket only, fsync off, as the tests run it). Results go to bench/results-pg-N.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import corpus as corpus_mod  # noqa: E402
from run import LIMIT, QUERIES  # noqa: E402

NEWSARC = [sys.executable, "-m", "newsarc"]


def _ingest(db: str, folders: list[list[Path]]) -> float:
    """Wall seconds for one `newsarc ingest` per list of folders, all at once."""
    env = {**os.environ, "NEWSARC_DB": db}
    start = time.perf_counter()
    procs = [subprocess.Popen([*NEWSARC, "ingest", *map(str, f), "--quiet"], env=env)
             for f in folders]
    codes = [p.wait() for p in procs]
    wall = time.perf_counter() - start
    if any(c not in (0, 1) for c in codes):
        raise SystemExit(f"ingest into {db} failed: exit codes {codes}")
    return wall


def _in_process(db: str, runs: int) -> dict[str, float]:
    from newsarc import query
    from newsarc.dates import DateRange
    from newsarc.store import open_archive

    medians: dict[str, float] = {}
    with open_archive(db) as store:
        for q in QUERIES:
            dates = DateRange(*q.dates) if q.dates else None

            def call(text: str = q.text, dates: DateRange | None = dates) -> object:
                return query.search(store, text, limit=LIMIT, date_range=dates, snippets=False)

            call()
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                call()
                samples.append(time.perf_counter() - start)
            medians[q.name] = sorted(samples)[len(samples) // 2] * 1000
    return medians


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    from tests import pgserver

    corpus = corpus_mod.ensure(args.n)
    years = sorted(p for p in corpus.path.iterdir() if p.is_dir())
    halves = [years[0::2], years[1::2]]
    server = pgserver.start(pgserver.find_bindir())
    results: dict[str, Any] = {"n": args.n, "date": time.strftime("%Y-%m-%d"),
                               "load_at_start": os.getloadavg()[0]}
    try:
        with tempfile.TemporaryDirectory(prefix="pgbench-") as tmp:
            sqlite = str(Path(tmp) / "archive.db")
            wall = _ingest(sqlite, [[corpus.path]])
            results["sqlite_ingest_per_s"] = args.n / wall
            for name, folders in (("pg_ingest_per_s", [[corpus.path]]), ("pg2_ingest_per_s",
                                                                           halves)):
                server.createdb(name)
                wall = _ingest(server.url(name), folders)
                results[name] = args.n / wall
                print(f"{name}: {results[name]:,.0f} articles/s", file=sys.stderr)
            results["two_writers_vs_one"] = results["pg2_ingest_per_s"] / results[
                "pg_ingest_per_s"]
            results["sqlite_ms"] = _in_process(sqlite, args.runs)
            results["pg_ms"] = _in_process(server.url("pg_ingest_per_s"), args.runs)
    finally:
        server.stop()
    results["load_at_end"] = os.getloadavg()[0]
    lines = [f"PostgreSQL beside SQLite, {args.n:,} articles (bench/pg.py):", "",
             "| figure | SQLite | PostgreSQL | ratio |", "|---|---|---|---|",
             f"| ingest, one writer (articles/s) | {results['sqlite_ingest_per_s']:,.0f} |"
             f" {results['pg_ingest_per_s']:,.0f} |"
             f" {results['pg_ingest_per_s'] / results['sqlite_ingest_per_s']:.2f}× |",
             f"| ingest, two writers at once (articles/s) | – |"
             f" {results['pg2_ingest_per_s']:,.0f} | {results['two_writers_vs_one']:.2f}× one"
             " writer |"]
    for q in QUERIES:
        a, b = results["sqlite_ms"][q.name], results["pg_ms"][q.name]
        lines.append(f"| {q.name} `{q.text}`, in-process ms | {a:.1f} | {b:.1f} | {b / a:.1f}× |")
    print("\n".join(lines))
    out = HERE / ("results-pg.json" if args.n == 100_000 else f"results-pg-{args.n}.json")
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
