"""Story clusters against the evaluation set of tests/story_cases.py (issue 14).

Prints pairwise precision, recall and F1 over same-cluster pairs, and the share of hard-negative
pairs (an event's wire story or one of its copies, and another outlet's own report of the same
event) that were merged. With --folder, also clusters a folder of real text files and lists the
multi-article clusters found, for reading by eye (nothing of it is stored).

    python bench/story_eval.py [--folder ../shared/devcorpus/reuters] [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarc.articles import parse_bytes, read_file  # noqa: E402
from newsarc.extract.stories import clusters, similarity, story  # noqa: E402
from tests.story_cases import Case, cases  # noqa: E402


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    hard_negatives: int
    hard_merged: int
    missed: tuple[tuple[str, str], ...]
    merged: tuple[tuple[str, str], ...]

    @property
    def hard_share(self) -> float:
        return self.hard_merged / self.hard_negatives if self.hard_negatives else 0.0


def evaluate(items: list[Case] | None = None) -> Scores:
    items = cases() if items is None else items
    stories = [(c.id, c.date, story(parse_bytes(c.text.encode(), id=c.id, source=None)
                                    .article.sections)) for c in items]
    found = clusters(stories)
    label = {c.id: c.story for c in items}
    event = {c.id: c.event for c in items}
    tp = fp = fn = hard = hard_merged = 0
    missed: list[tuple[str, str]] = []
    merged: list[tuple[str, str]] = []
    for a, b in itertools.combinations(label, 2):
        truth = label[a] == label[b]
        said = found[a] == found[b]
        tp += truth and said
        fp += said and not truth
        fn += truth and not said
        if truth and not said:
            missed.append((a, b))
        if event[a] == event[b] and not truth:
            hard += 1
            hard_merged += said
            if said:
                merged.append((a, b))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, hard, hard_merged, tuple(missed), tuple(merged))


def folder_clusters(folder: Path) -> list[list[str]]:
    stories = []
    for path in sorted(folder.glob("*.txt")):
        article = read_file(str(path), id=path.stem, source=None).article
        stories.append((article.id, article.date, story(article.sections)))
    found = clusters(stories)
    groups: dict[str, list[str]] = {}
    for id, rep in found.items():
        groups.setdefault(rep, []).append(id)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=len, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    scores = evaluate()
    print(f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  f1 {scores.f1:.3f}")
    print(f"hard negatives merged: {scores.hard_merged}/{scores.hard_negatives}"
          f" ({scores.hard_share:.1%})")
    if args.verbose:
        texts = {c.id: c for c in cases()}
        for a, b in scores.missed + scores.merged:
            sa = story(parse_bytes(texts[a].text.encode(), id=a, source=None).article.sections)
            sb = story(parse_bytes(texts[b].text.encode(), id=b, source=None).article.sections)
            s = similarity(sa, sb)
            kind = "missed" if (a, b) in scores.missed else "merged"
            print(f"{kind} {a} {b} J={s.jaccard:.2f} C={s.containment:.2f} S={s.sentences:.2f}")
    if args.folder:
        for group in folder_clusters(args.folder):
            print(" ".join(group))
    return 0


if __name__ == "__main__":
    sys.exit(main())
