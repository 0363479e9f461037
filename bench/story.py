"""Date-F1 of `newsarc timeline QUERY --story` on a timeline-summarisation corpus (issue 16),
through the command line, with two baselines computed the same way.

    .venv/bin/python bench/story.py --corpus ../shared/devcorpus/tls-entities [--topics a,b]

The corpus: `topics.json` ({topic: {"query": ...}}), and per topic `articles/*.txt` (seed
format) and `timelines.json` ([{"name", "dates": {"YYYY-MM-DD": [...]}}]). The protocol
(news-tls, experiments/evaluate.py): per topic, the articles are ingested into a temporary
archive; per gold timeline with L dates, only the articles dated within the gold span +-7 days
are used (`--since/--until`), exactly L dates are predicted, and Date-F1 = |predicted & gold| /
L; the mean over a topic's timelines, then over topics. Methods:

- `story`: `timeline Q --story --dates L --since A --until B`;
- `pubcount`: `timeline Q --by day --since A --until B`, the L days with most articles;
- `mentions`: `timeline Q date:A..B --events --by day --since A --until B`, the L days
  mentioned by most articles.

Ties are broken by the earlier day. Prints a table, and `--json` writes the numbers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

NEWSARC = str(Path(sys.executable).with_name("newsarc"))
METHODS = ("story", "pubcount", "mentions")


def cli(db: Path, *args: str) -> tuple[int, str]:
    done = subprocess.run([NEWSARC, "--db", str(db), *args], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"newsarc {' '.join(args)}: exit {done.returncode}: {done.stderr}")
    return done.returncode, done.stdout


def top(rows: list[dict[str, object]], n: int) -> list[str]:
    counted = [(str(r["period"]), int(str(r["count"]))) for r in rows
               if r.get("kind", "period") == "period" and int(str(r["count"])) > 0]
    counted.sort(key=lambda pc: (-pc[1], pc[0]))
    return [p for p, _ in counted[:n]]


def predict(method: str, db: Path, query: str, since: str, until: str, n: int) -> list[str]:
    window = ("--since", since, "--until", until)
    if method == "story":
        code, out = cli(db, "timeline", query, "--story", "--dates", str(n), "--sentences", "1",
                        *window, "--format", "json")
        return [r["date"] for r in json.loads(out)] if code == 0 else []
    if method == "pubcount":
        code, out = cli(db, "timeline", query, "--by", "day", *window, "--format", "json")
    else:
        code, out = cli(db, "timeline", f"{query} date:{since}..{until}", "--events", "--by",
                        "day", *window, "--format", "json")
    return top(json.loads(out), n) if out.strip() else []


def evaluate(corpus: Path, topic: str, query: str, work: Path) -> dict[str, float]:
    db = work / f"{topic}.db"
    folder = corpus / topic / "articles"
    subprocess.run([NEWSARC, "--db", str(db), "ingest", str(folder), "--quiet"], check=True,
                   capture_output=True)
    timelines = json.loads((corpus / topic / "timelines.json").read_text())
    scores: dict[str, list[float]] = {m: [] for m in METHODS}
    for timeline in timelines:
        gold = set(timeline["dates"])
        first, last = min(gold), max(gold)
        since = (date.fromisoformat(first) - timedelta(days=7)).isoformat()
        until = (date.fromisoformat(last) + timedelta(days=7)).isoformat()
        for method in METHODS:
            found = predict(method, db, query, since, until, len(gold))
            scores[method].append(len(set(found) & gold) / len(gold))
    return {m: sum(s) / len(s) for m, s in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--topics", help="comma-separated topic names (default: all)")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    topics = json.loads((args.corpus / "topics.json").read_text())
    names = args.topics.split(",") if args.topics else sorted(topics)
    results: dict[str, dict[str, float]] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newsarc-story-") as work:
        print(f"{'topic':<26}" + "".join(f"{m:>10}" for m in METHODS))
        for name in names:
            results[name] = evaluate(args.corpus, name, topics[name]["query"], Path(work))
            print(f"{name:<26}" + "".join(f"{results[name][m]:>10.3f}" for m in METHODS),
                  flush=True)
    mean = {m: sum(r[m] for r in results.values()) / len(results) for m in METHODS}
    print(f"{'mean':<26}" + "".join(f"{mean[m]:>10.3f}" for m in METHODS))
    print(f"({len(results)} topics, {time.monotonic() - started:.1f} s)", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"topics": results, "mean": mean}, indent=1) + "\n")


if __name__ == "__main__":
    main()
