"""How well `newsarc.extract.timex` finds and resolves date mentions, and how fast.

    python bench/timex_eval.py                   # P/R/F1 on the annotated cases, and speed
    python bench/timex_eval.py --show FILE ...   # what it finds in seed files, for a person

The cases are `tests/timex_cases.py` (CASES, and HELD_OUT: written after the rules, scored
once before any change; the first run is noted there). Span scores: a found mention matches an
expected one with the same offsets (strict) or overlapping it (relaxed), one to one. Value
scores: a match whose value is equal too. Speed: microseconds per article over the generated
benchmark corpus (`bench/corpus.py`, about 3 KB an article, generated in memory) and over the
files given with --show; each article's sections are read the way ingest reads them, with the
date as anchor.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import in_memory  # noqa: E402
from newsarc.articles import read_file  # noqa: E402
from newsarc.extract.timex import VERSION, find_dates  # noqa: E402
from newsarc.models import Article  # noqa: E402
from tests.timex_cases import CASES, HELD_OUT, Case, Score, add_scores, expected_mentions  # noqa: E402,E501


def evaluate(cases: tuple[Case, ...], verbose: bool) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for case in cases:
        found = [(m.start, m.end, m.value) for m in find_dates(case.text, case.anchor)]
        gold = expected_mentions(case)
        add_scores(scores, gold, found)
        if verbose and found != gold:
            missed = [(case.text[s:e], v) for s, e, v in gold if (s, e, v) not in found]
            extra = [(case.text[s:e], v) for s, e, v in found if (s, e, v) not in gold]
            print(f"  {case.name}: expected {missed}, found {extra}")
    return scores


def article_texts(article: Article) -> list[str]:
    return [s.text for s in article.sections]


def per_article_us(articles: list[Article], repeat: int = 3) -> float:
    """Best of `repeat` runs: microseconds per article to find the dates in all its sections."""
    work = [(article_texts(a), a.date) for a in articles]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for texts, anchor in work:
            for text in texts:
                find_dates(text, anchor)
        best = min(best, time.perf_counter() - t0)
    return best / max(1, len(work)) * 1e6


def show(paths: list[Path]) -> list[Article]:
    articles = []
    for path in paths:
        article = read_file(path, id=path.stem).article
        articles.append(article)
        print(f"== {path.name}  date {article.date}")
        for section in article.sections:
            for m in find_dates(section.text, article.date):
                left = section.text[max(0, m.start - 40):m.start].replace("\n", " ")
                right = section.text[m.end:m.end + 30].replace("\n", " ")
                extra = " ".join(x for x in (m.how, m.tense, m.mod) if x)
                print(f"  {m.value:22} {m.granularity:8} {extra:22} "
                      f"…{left}[{m.surface}]{right}…")
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", nargs="+", type=Path, metavar="FILE",
                        help="seed files to read and list the mentions of")
    parser.add_argument("--n", type=int, default=2000, help="generated articles to time")
    parser.add_argument("-q", "--quiet", action="store_true", help="no per-case differences")
    args = parser.parse_args()
    if args.show:
        articles = show(args.show)
        count = sum(len(find_dates(t, a.date)) for a in articles for t in article_texts(a))
        size = sum(len(t) for a in articles for t in article_texts(a)) / max(1, len(articles))
        print(f"{len(articles)} articles, {count} mentions, "
              f"{per_article_us(articles, 5):.1f} µs per article ({size:.0f} characters)")
        return
    for label, cases in (("annotated", CASES), ("held out", HELD_OUT)):
        scores = evaluate(cases, not args.quiet)
        total = sum(len(c.expected) for c in cases)
        print(f"timex v{VERSION}: {len(cases)} {label} articles, {total} mentions")
        for name in ("span strict", "span relaxed", "value strict", "value relaxed"):
            print(f"  {name:14} {scores[name]}")
    articles = in_memory(args.n)
    size = sum(len(t) for a in articles for t in article_texts(a)) / len(articles)
    print(f"speed: {per_article_us(articles):.1f} µs per generated article "
          f"({len(articles)} articles, {size:.0f} characters each)")


if __name__ == "__main__":
    main()
