"""How well `newsarc.extract.places` finds and resolves place mentions, and how fast.

    python bench/places_eval.py                   # scores on the annotated cases, and speed
    python bench/places_eval.py --show FILE ...   # what it finds in seed files, for a person

The cases are `tests/place_cases.py` (the rules were written against them) and
`tests/place_heldout.py` (40 articles annotated apart, by someone who had not read the rules,
after they were written). Mention scores: a found mention matches an expected one with the same
offsets. Place-set F1: per article, the set of (place, country) found against the expected
one, averaged. Resolution: the share of matched mentions resolved to the expected place. Speed:
microseconds per article over the generated benchmark corpus (`bench/corpus.py`, about 3 KB an
article, generated in memory), over the Reuters development copy when it is there, and over the
files given with --show. The gazetteer's load is timed apart.

First run of the held-out set (v1, before any change made after seeing it): mentions P 0.909
R 0.981 F1 0.944 (tp 209, fp 21, fn 4), place sets F1 0.897, resolution 0.981 (205 of 209).
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
from newsarc.extract import places  # noqa: E402
from newsarc.extract.placenames import normalise  # noqa: E402
from newsarc.models import Article  # noqa: E402
from tests.place_cases import CASES, Case, Scores, expected_mentions, score  # noqa: E402
from tests.place_heldout import HELDOUT  # noqa: E402

REUTERS = ROOT.parent / "shared" / "devcorpus" / "reuters"


def found_mentions(case: Case) -> list[tuple[int, int, str, str]]:
    return [(m.start, m.end, normalise(m.place.name), m.place.country)
            for m in places.find_places(case.text, case.dateline)]


def evaluate(cases: tuple[Case, ...], verbose: bool) -> Scores:
    scores = Scores()
    for case in cases:
        gold, found = expected_mentions(case), found_mentions(case)
        score(scores, gold, found)
        if verbose and found != gold:
            missed = [(case.text[s:e], n, c) for s, e, n, c in gold if (s, e, n, c) not in found]
            extra = [(case.text[s:e], n, c) for s, e, n, c in found if (s, e, n, c) not in gold]
            print(f"  {case.name}: expected {missed}, found {extra}")
    return scores


def per_article_us(articles: list[Article], repeat: int = 3) -> float:
    work = [[s.text for s in a.sections] for a in articles]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for texts in work:
            for text in texts:
                places.find_places(text)
        best = min(best, time.perf_counter() - t0)
    return best / max(1, len(work)) * 1e6


def show(paths: list[Path]) -> list[Article]:
    articles = []
    for path in paths:
        article = read_file(path, id=path.stem).article
        articles.append(article)
        print(f"== {path.name}")
        for section in article.sections:
            for m in places.find_places(section.text):
                left = section.text[max(0, m.start - 30):m.start].replace("\n", " ")
                right = section.text[m.end:m.end + 25].replace("\n", " ")
                print(f"  {m.place.name[:22]:22} {m.place.country} {m.place.kind:7} {m.kind:10} "
                      f"…{left}[{m.surface}]{right}…")
    return articles


def report(label: str, cases: tuple[Case, ...], verbose: bool) -> None:
    if not cases:
        return
    s = evaluate(cases, verbose)
    total = sum(len(c.expected) for c in cases)
    print(f"places v{places.VERSION}: {len(cases)} {label} articles, {total} mentions")
    print(f"  mentions     {s.mentions}")
    print(f"  place sets   F1 {s.place_set_f1:.3f}")
    print(f"  resolution   {s.resolution:.3f} ({s.resolved} of {s.matched})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", nargs="+", type=Path, metavar="FILE",
                        help="seed files to read and list the mentions of")
    parser.add_argument("--n", type=int, default=1000, help="generated articles to time")
    parser.add_argument("-q", "--quiet", action="store_true", help="no per-case differences")
    args = parser.parse_args()
    t0 = time.perf_counter()
    places.gazetteer()
    load = (time.perf_counter() - t0) * 1e3
    if args.show:
        articles = show(args.show)
        print(f"{len(articles)} articles, {per_article_us(articles, 5):.1f} µs per article")
        return
    report("annotated", CASES, not args.quiet)
    report("held out", HELDOUT, not args.quiet)
    print(f"gazetteer: {load:.0f} ms to load (or build) in this process")
    articles = in_memory(args.n)
    size = sum(len(s.text) for a in articles for s in a.sections) / len(articles)
    print(f"speed: {per_article_us(articles):.1f} µs per generated article "
          f"({len(articles)} articles, {size:.0f} characters each)")
    if REUTERS.is_dir():
        real = [read_file(p, id=p.stem).article for p in sorted(REUTERS.glob("*.txt"))]
        size = sum(len(s.text) for a in real for s in a.sections) / len(real)
        print(f"speed: {per_article_us(real):.1f} µs per Reuters article "
              f"({len(real)} articles, {size:.0f} characters each)")


if __name__ == "__main__":
    main()
