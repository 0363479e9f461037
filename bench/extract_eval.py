"""How well ingest reads datelines, credits and headings: scores on the annotated cases, and a
listing of what it finds in real files for a person to check.

    python bench/extract_eval.py                     # precision / recall / F1 on the cases
    python bench/extract_eval.py --folder DIR ...    # what it finds in DIR's *.txt files

The cases are `tests/news_parse_cases.py`. Scores: (a) dateline: a dateline found where one is
annotated is a true positive (its place is reported apart); (b) credit: a credit found equal to
the annotated one is a true positive, a different or unexpected one a false positive; (c)
headings: an annotated heading found is a true positive, a heading found that is not annotated a
false positive. With --folder, each file with a dateline, a credit or a heading gets one line,
then the counts, and the time parsing took.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarc.articles import opening_paragraph, parse, read_file  # noqa: E402
from newsarc.errors import InputError  # noqa: E402
from newsarc.extract.credits import Dateline, find_dateline  # noqa: E402
from newsarc.models import Article  # noqa: E402
from tests.news_parse_cases import CASES  # noqa: E402


def dateline(article: Article) -> Dateline | None:
    return find_dateline(opening_paragraph(article.sections) or "")


def headings(article: Article) -> list[str]:
    return [s.heading for s in article.sections if s.heading is not None]


def scores(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def evaluate() -> None:
    count: Counter[str] = Counter()
    for case in CASES:
        a = parse(case.text, id=case.name).article
        found = dateline(a)
        expected = case.place is not None or case.credit is not None
        count["d_tp"] += bool(found) and expected
        count["d_fp"] += bool(found) and not expected
        count["d_fn"] += not found and expected
        count["places"] += bool(found) and expected
        count["place_ok"] += bool(found and expected and found.place == case.place)
        credit = found.credit if found else None
        count["c_tp"] += credit is not None and credit == case.credit
        count["c_fp"] += credit is not None and credit != case.credit
        count["c_fn"] += case.credit is not None and credit != case.credit
        got, want = set(headings(a)), set(case.headings)
        count["h_tp"] += len(got & want)
        count["h_fp"] += len(got - want)
        count["h_fn"] += len(want - got)
        count["t_ok"] += a.title == case.title
        problems = []
        if (found.place if found else None, credit) != (case.place, case.credit):
            problems.append(f"dateline {found} expected {case.place!r}, {case.credit!r}")
        if got != want:
            problems.append(f"headings {sorted(got)} expected {sorted(want)}")
        if a.title != case.title:
            problems.append(f"title {a.title!r} expected {case.title!r}")
        why = f"  [{case.known_miss}]" if case.known_miss else ""
        for problem in problems:
            print(f"  {case.name}: {problem}{why}")
    print(f"{len(CASES)} annotated cases "
          f"({sum(1 for c in CASES if c.place or c.credit)} with a dateline, "
          f"{sum(1 for c in CASES if c.credit)} with a credit, "
          f"{sum(len(c.headings) for c in CASES)} headings)")
    print(f"(a) dateline  {scores(count['d_tp'], count['d_fp'], count['d_fn'])}; "
          f"place right in {count['place_ok']} of {count['places']}")
    print(f"(b) credit    {scores(count['c_tp'], count['c_fp'], count['c_fn'])}")
    print(f"(c) headings  {scores(count['h_tp'], count['h_fp'], count['h_fn'])}")
    print(f"    titles    {count['t_ok']} of {len(CASES)} as annotated")


def survey(folders: list[Path]) -> None:
    files = sorted(p for folder in folders for p in folder.rglob("*.txt"))
    count: Counter[str] = Counter()
    credits: Counter[str] = Counter()
    heading_counts: Counter[str] = Counter()
    elapsed = 0.0
    for path in files:
        start = time.perf_counter()
        try:
            a = read_file(path, id=path.stem).article
        except InputError as exc:
            print(f"{path.name}\terror: {exc.message}")
            continue
        found = dateline(a)
        elapsed += time.perf_counter() - start
        found_headings = headings(a)
        count["files"] += 1
        count["datelines"] += found is not None
        count["headings"] += len(found_headings)
        count["with_headings"] += bool(found_headings)
        count["empty_sections"] += sum(1 for s in a.sections if s.heading and not s.text)
        heading_counts.update(found_headings)
        if found and found.credit:
            credits[found.credit] += 1
        if found or found_headings:
            line = [path.name]
            if found:
                opening = opening_paragraph(a.sections) or ""
                line.append(f"dateline {opening[found.start:found.end].strip()!r} -> "
                            f"place {found.place!r}, credit {found.credit!r}")
                line.append(f"title {a.title!r}")
            if found_headings:
                line.append(f"headings {found_headings}")
            print("\t".join(line))
    print(f"{count['files']} files: {count['datelines']} datelines "
          f"({', '.join(f'{k} {v}' for k, v in credits.most_common()) or 'no credits'}); "
          f"{count['headings']} headings in {count['with_headings']} files; "
          f"{count['empty_sections']} empty sections; "
          f"parsed in {elapsed:.2f} s")
    common = ", ".join(f"{h!r} {n}" for h, n in heading_counts.most_common(15))
    if common:
        print(f"most common headings: {common}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, nargs="+", help="list what is found in *.txt")
    args = parser.parse_args()
    if args.folder:
        survey(args.folder)
    else:
        evaluate()


if __name__ == "__main__":
    main()
