"""What saved searches and tags cost (issue 19), on an archive you give it.

    python bench/tags.py --db /tmp/big.db          # an archive of the bench corpus, say 100k

1. `search @name` against the query it names: the search function in this process, the two
   interleaved (A, B, A, B ...), median of each, for a few queries; the difference is what
   expanding `@name` costs (a primary-key lookup and a parse).
2. Tagging every article from a pipe, as `newsarc tag +T -` runs: the ids of all articles
   written to the command's stdin (the tsv of `search` has them first on each line; here
   `id<TAB>title` lines), then removed again (`-T`), then a rename of the tag: wall time and
   the command's peak RSS (`wait4`), beside the peak RSS of `newsarc tags`, which opens the
   archive and does nothing else. A run of `newsarc search WORD --limit 0 | newsarc tag`
   measures the real pipe too.

The archive is changed only by what it undoes: the tag `bench-tags/...` and the saved search
`bench-tags` are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarc import query as q  # noqa: E402
from newsarc.saved import save  # noqa: E402
from newsarc.store import open_archive  # noqa: E402

NEWSARC = str(ROOT / ".venv" / "bin" / "newsarc")
QUERIES = ('"Mosul dam"', "strike -Iraq", "government", "(Mosul OR Raqqa) date:2017..")
TAG = "bench-tags/all"


def ab(db: Path, repeat: int) -> list[tuple[str, float, float]]:
    """(query, median ms of the query, median ms of @name) for each of QUERIES."""
    found = []
    with open_archive(db) as store:
        for text in QUERIES:
            save(store, "bench-tags", text, None, None)
            times: dict[str, list[float]] = {text: [], "@bench-tags": []}
            for _ in range(2):  # warm the page cache and the statement cache
                q.search(store, text, limit=20, snippets=False)
                q.search(store, "@bench-tags", limit=20, snippets=False)
            for _ in range(repeat):
                for which in times:
                    start = time.perf_counter()
                    q.search(store, which, limit=20, snippets=False)
                    times[which].append((time.perf_counter() - start) * 1000)
            found.append((text, statistics.median(times[text]),
                          statistics.median(times["@bench-tags"])))
        store.put_saved([], drop=["bench-tags"])
    return found


def timed(args: list[str], stdin: int | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of one newsarc command."""
    start = time.perf_counter()
    proc = subprocess.Popen([NEWSARC, *args], stdin=stdin, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss // 1024, proc.returncode


def piped(db: Path, word: str) -> tuple[float, int, int]:
    """`newsarc search WORD --limit 0 | newsarc tag +TAG -`: the tag side's time and RSS."""
    search = subprocess.Popen([NEWSARC, "--db", str(db), "search", word, "--limit", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert search.stdout is not None
    try:
        return timed(["--db", str(db), "tag", f"+{TAG}-piped", "-"], stdin=search.stdout.fileno())
    finally:
        search.stdout.close()
        search.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an existing archive")
    parser.add_argument("--repeat", type=int, default=30, help="A/B rounds per query")
    parser.add_argument("--word", default="government", help="the search of the real pipe")
    args = parser.parse_args()
    db: Path = args.db

    print("search @name against the query it names (ms, median, in process, --limit 20 ids)")
    for text, plain, named in ab(db, args.repeat):
        print(f"  {text:32} {plain:8.2f}  @name {named:8.2f}  difference {named - plain:+.2f}")

    with open_archive(db) as store:
        rows = store.conn.execute("SELECT id, title FROM articles").fetchall()
    with tempfile.TemporaryFile("w+") as ids:
        ids.writelines(f"{id}\t{title}\n" for id, title in rows)
        n = len(rows)
        del rows
        base = timed(["--db", str(db), "tags"])
        print(f"\nnewsarc tags (opens the archive): {base[0]:.2f} s, peak RSS {base[1]} MB")
        for label, change in ((f"tag +{TAG} - ({n} ids)", f"+{TAG}"),
                              (f"tag -{TAG} - ({n} ids)", f"-{TAG}")):
            ids.seek(0)
            seconds, rss, code = timed(["--db", str(db), "tag", change, "-"], ids.fileno())
            print(f"{label}: {seconds:.2f} s, peak RSS {rss} MB, exit {code}")
        ids.seek(0)
        timed(["--db", str(db), "tag", f"+{TAG}", "-"], ids.fileno())
    seconds, rss, code = timed(["--db", str(db), "tag", "--rename", "bench-tags",
                                "bench-tags-renamed"])
    print(f"tag --rename of {n} rows: {seconds:.2f} s, peak RSS {rss} MB, exit {code}")
    seconds, rss, code = piped(db, args.word)
    print(f"search {args.word} --limit 0 | tag -: {seconds:.2f} s, peak RSS {rss} MB, "
          f"exit {code}")
    with open_archive(db) as store, store.transaction():
        store.conn.execute("DELETE FROM tags WHERE key >= 'bench-tags' AND key < 'bench-tagt'")


if __name__ == "__main__":
    main()
