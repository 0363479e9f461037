"""Ranked search past RANK_ALL matches, and the paths promised identical (issue 21).

    python bench/ranking.py ARCHIVE   # an archive of the synthetic corpus, made by `ingest`

`make bench` runs this on the archive it has just ingested; run alone, it measures an archive
that exists (bench/results-ranking-N.json). In-process, medians of interleaved runs:

- each ranked query class, top 20 with snippets as a terminal shows them, against the same
  search with `--exact` (every match ranked), and how many of the 20 hits the two share;
- `--count` against the raw FTS5 count; `--sort newest`/`oldest` of the common word; the
  date-filtered common word with `--exact` against the raw SQL; `timeline WORD --by month`
  against the raw SQL count per month, and its peak memory as a whole command. Each of these
  must give exactly what its raw SQL gives: the ids, the count, the counts per month. A
  difference is a figure that fails, not a note.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WEIGHTS = "10.0, 5.0, 1.0, 1.0, 1.0, 1.0"  # newsarc's column weights (store.RANK_WEIGHTS)
JOIN = ("FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ?")
EXACT_SQL = {  # what newsarc's answer must equal, written plainly
    "count": "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
    "newest": f"SELECT a.id {JOIN} ORDER BY a.date IS NULL, a.date DESC, a.id LIMIT 20",
    "oldest": f"SELECT a.id {JOIN} ORDER BY a.date IS NULL, a.date, a.id LIMIT 20",
    "dates": f"SELECT a.id {JOIN} AND a.date BETWEEN ? AND ?"
             f" ORDER BY bm25(articles_fts, {WEIGHTS}), a.id LIMIT 20",
    "months": f"SELECT substr(a.date, 1, 7), count(*) {JOIN} AND a.date IS NOT NULL"
              " GROUP BY 1 ORDER BY 1",
}


def interleaved(calls: dict[str, Callable[[], Any]], runs: int) -> dict[str, float]:
    """Median ms of each call, run in turn (reversed every other round), after one warm-up."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()
    for r in range(runs):
        for name in (list(calls) if r % 2 == 0 else list(reversed(calls))):
            start = time.perf_counter()
            calls[name]()
            samples[name].append(time.perf_counter() - start)
    return {name: sorted(s)[len(s) // 2] * 1000 for name, s in samples.items()}


def measure(archive: Path, runs: int = 15) -> list[Any]:
    """The figures (run.Figure) of ranked search and of the identical-result paths."""
    from run import BIN, COMMON, LIMIT, QUERIES, Figure, run_measured

    from newsarc import query, timeline
    from newsarc.dates import DateRange
    from newsarc.store import open_archive

    out: list[Figure] = []
    with open_archive(archive) as store:
        db = store.conn
        for q in QUERIES:
            dates = DateRange(*q.dates) if q.dates else None
            compiled = query.compile_query(q.text)
            plan = query.ranking(store, compiled)

            def search(exact: bool, text: str = q.text, dates: Any = dates) -> list[str]:
                return [h.id for h in query.search(store, text, limit=LIMIT, date_range=dates,
                                                   exact=exact)]

            fast, exact = search(False), search(True)
            ms = interleaved({"fast": lambda: search(False), "exact": lambda: search(True)}, runs)
            rule = ("only title/heading matches ranked" if plan.within is not None
                    else "every match ranked")
            out.append(Figure(f"ranked, top 20 with snippets, {q.name}", ms["fast"], "<= 150",
                              " ms", context=f"{plan.matches:,} matches, {rule};"
                              f" --exact {ms['exact']:,.1f} ms"))
            shared = len(set(fast) & set(exact))
            out.append(Figure(f"top 20 shared with --exact, {q.name}", float(shared),
                              f">= {min(18, len(exact))}", f" of {len(exact)}",
                              context="the same order" if fast == exact else "another order"))
        word = COMMON.text
        match = query.compile_query(word).match
        counts = interleaved({"newsarc": lambda: query.count(store, word),
                              "raw": lambda: db.execute(EXACT_SQL["count"], [match]).fetchone()},
                             runs)
        same = query.count(store, word) == db.execute(EXACT_SQL["count"], [match]).fetchone()[0]
        out.append(identical(Figure, f"--count / raw FTS5 count, {word}",
                             counts["newsarc"] / counts["raw"], "<= 1.2", same,
                             f"{counts['newsarc']:.1f} vs {counts['raw']:.1f} ms"))
        for sort in ("newest", "oldest"):
            ids = [h.id for h in query.search(store, word, limit=LIMIT, sort=sort)]
            raw = [r[0] for r in db.execute(EXACT_SQL[sort], [match])]
            ms = interleaved({"newsarc": lambda sort=sort: query.search(  # type: ignore[misc]
                store, word, limit=LIMIT, sort=sort)}, runs)
            out.append(identical(Figure, f"--sort {sort} with snippets, {word}", ms["newsarc"],
                                 "<= 100", ids == raw, "", " ms"))
        since, until = next(q.dates for q in QUERIES if q.dates)
        within = DateRange(since, until)
        ids = [h.id for h in query.search(store, word, limit=LIMIT, date_range=within,
                                          snippets=False, exact=True)]
        raw = [r[0] for r in db.execute(EXACT_SQL["dates"], [match, since, until])]
        ms = interleaved({
            "newsarc": lambda: query.search(store, word, limit=LIMIT, date_range=within,
                                            snippets=False, exact=True),
            "raw": lambda: db.execute(EXACT_SQL["dates"], [match, since, until]).fetchall()},
            runs)
        out.append(identical(Figure, f"date-filtered --exact / raw SQL, {word}",
                             ms["newsarc"] / ms["raw"], "<= 1.1", ids == raw,
                             f"{ms['newsarc']:.1f} vs {ms['raw']:.1f} ms"))

        def months() -> list[tuple[str, int]]:
            found = timeline.Counted(store, word, DateRange())
            try:
                return [(p.label, p.count) for p in found.periods("month", DateRange())
                        if p.count]
            finally:
                found.close()

        got = [p for p in months() if p[0] != timeline.UNDATED]
        raw_months = [tuple(r) for r in db.execute(EXACT_SQL["months"], [match])]
        few = max(3, runs // 5)
        ms = interleaved({"newsarc": months,
                          "raw": lambda: db.execute(EXACT_SQL["months"], [match]).fetchall()},
                         few)
        out.append(identical(Figure, f"timeline {word} --by month / raw SQL count per month",
                             ms["newsarc"] / ms["raw"], "<= 1.5", got == raw_months,
                             f"{ms['newsarc']:,.0f} vs {ms['raw']:,.0f} ms, median of {few}"))
    start = time.perf_counter()
    proc = run_measured([sys.executable, "-c", PEAK, str(BIN / "newsarc"), "--db", str(archive),
                         "timeline", word, "--by", "month", "--format", "tsv"])
    wall = time.perf_counter() - start
    kib = 1024 if sys.platform == "darwin" else 1  # ru_maxrss: bytes there, KiB on Linux
    out.append(Figure(f"timeline {word} --by month peak memory", int(proc.output) / kib / 1024,
                      "<= 100", " MB", context=f"{wall:.2f} s as a command"))
    return out


# A process's peak memory as its parent reads it (wait4) counts what it shared with the parent
# before exec: a bench that has held a large archive's pages reads 1.3 GB for a 34 MB command.
# A small process in between runs the command and prints its child's own peak, in KiB.
PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
        " check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def identical(figure: Any, name: str, value: float, goal: str, same: bool, context: str,
              unit: str = "×") -> Any:
    """A figure of a path promised identical: no value, so it fails, when it is not."""
    if not same:
        return figure(name, float("nan"), goal, unit,
                      context="DIFFERENT from the raw SQL's answer")
    return figure(name, value, goal, unit, context=(context + "; " if context else "")
                  + "identical to the raw SQL's answer")


def main(argv: list[str]) -> int:
    from run import goals_table

    archive = Path(argv[0])
    figs = measure(archive)
    print(goals_table(figs))
    import sqlite3

    n = sqlite3.connect(archive).execute("SELECT count(*) FROM articles").fetchone()[0]
    out = Path(__file__).resolve().parent / f"results-ranking-{n}.json"
    out.write_text(json.dumps({
        "command": f"python bench/ranking.py ARCHIVE ({n:,} articles)",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "figures": [{"name": f.name, "value": f.value, "unit": f.unit, "goal": f.goal,
                     "met": f.met, "context": f.context} for f in figs]}, indent=1,
        ensure_ascii=False) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
