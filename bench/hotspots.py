"""Where newsarc's time goes: import times, and cProfile of one search and of one ingest.

    python bench/hotspots.py              # on the 5,000-article corpus
    python bench/hotspots.py --n 20000 --top 30

Three views, each of a real `newsarc` process on the venv's interpreter:
1. `python -X importtime -c "import newsarc.cli"`, and the same for a whole
   `newsarc search ... --format ids` run: what start-up imports, slowest first;
2. `newsarc search` under cProfile;
3. `newsarc ingest` of the corpus into a fresh archive under cProfile.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import corpus as corpus_mod

import newsarc

PYTHON = sys.executable


def importtime(argv: list[str], top: int) -> str:
    """The slowest imports by cumulative time, each shown once at its outermost level."""
    stderr = subprocess.run([PYTHON, "-X", "importtime", *argv], capture_output=True,
                            text=True).stderr
    rows = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    total = sum(cum for cum, _, depth, _ in rows if depth == 0)
    lines = [f"total {total / 1000:.1f} ms of imports; slowest (cumulative ms, self ms, depth):"]
    for cum, own, depth, name in sorted(rows, reverse=True)[:top]:
        lines.append(f"  {cum / 1000:7.1f} {own / 1000:7.1f}  {'  ' * depth}{name}")
    return "\n".join(lines)


def cprofile(argv: list[str], top: int, out: Path) -> str:
    """Three listings: every function by own time; newsarc's own functions by cumulative time
    (the framework frames above them say nothing); and who spends the time in SQLite."""
    subprocess.run([PYTHON, "-m", "cProfile", "-o", str(out), "-m", "newsarc", *argv],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    package = str(Path(newsarc.__file__).parent)
    report = []
    for key, restriction in (("tottime", ""), ("cumulative", re.escape(package))):
        stream = _Capture()
        stats = pstats.Stats(str(out), stream=stream)  # type: ignore[arg-type]
        if not restriction:
            stats.strip_dirs()
        stats.sort_stats(key).print_stats(restriction, top)
        body = stream.text.split("   ncalls", 1)[-1].replace(package + os.sep, "newsarc/")
        title = "every function by own time" if not restriction else "newsarc's, by cumulative"
        report.append(f"-- {title}\n   ncalls{body.rstrip()}")
    stream = _Capture()
    stats = pstats.Stats(str(out), stream=stream)  # type: ignore[arg-type]
    stats.strip_dirs().print_callers(r"method 'execute")
    body = stream.text.split("was called by...", 1)[-1]
    report.append(f"-- callers of sqlite3 execute (ncalls, tottime, cumtime)\n{body.strip()}")
    return "\n".join(report)


class _Capture:
    def __init__(self) -> None:
        self.text = ""

    def write(self, s: str) -> int:
        self.text += s
        return len(s)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="articles to ingest")
    parser.add_argument("--top", type=int, default=25, help="rows in each listing")
    parser.add_argument("--query", default="Al-Qaim", help="the query to profile")
    args = parser.parse_args()
    corpus = corpus_mod.ensure(args.n)
    with tempfile.TemporaryDirectory(dir=corpus.path.parent, prefix="profile-") as tmp:
        db = str(Path(tmp) / "archive.db")
        ingest = cprofile(["--db", db, "ingest", str(corpus.path)], args.top,
                          Path(tmp) / "ingest.prof")
        search_argv = ["--db", db, "search", args.query, "--format", "ids"]
        print("== python -X importtime -c 'import newsarc.cli'")
        print(importtime(["-c", "import newsarc.cli"], args.top))
        print(f"\n== python -X importtime -m newsarc {' '.join(search_argv[2:])}")
        print(importtime(["-m", "newsarc", *search_argv], args.top))
        print(f"\n== cProfile: newsarc {' '.join(search_argv[2:])}")
        print(cprofile(search_argv, args.top, Path(tmp) / "search.prof"))
        print(f"\n== cProfile: newsarc ingest ({corpus.files:,} files, fresh archive)")
        print(ingest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
