"""Two runs of the bench side by side: every figure at both sizes and its growth (issue 21).

    python bench/growth.py bench/results.json bench/results-1000000.json

Reads the results files that bench/run.py writes and prints one Markdown table, the smaller
corpus first: figure | 100k | 1M | growth, where growth is the larger run's value over the
smaller one's (1.00× is flat; 10× is linear in the archive from 100k to 1M). The figures are
the goal figures of both runs and the absolute times behind them: ingest cost per article,
peak memory, archive bytes per article, every in-process query (newsarc and the raw FTS5 SQL),
every search process, and the ingest curve's stretches when the run measured it (--curve).
Pure functions of the results' JSON, so that they are tested without running anything.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Metric:
    name: str  # the same at every size: the corpus's n in a figure's name reads `n`
    value: float | None
    unit: str  # "×", " ms", " MB" ...


def size_label(n: int) -> str:
    """1000000 -> 1M, 100000 -> 100k, 2500 -> 2.5k, 999 -> 999."""
    for div, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= div:
            return f"{n / div:g}{suffix}"
    return str(n)


def _median(xs: Sequence[float] | None) -> float | None:
    return statistics.median(xs) if xs else None


def _per(total: float | None, count: int, scale: float = 1.0) -> float | None:
    return None if total is None or not count else total / count * scale


def metrics(data: dict[str, Any]) -> list[Metric]:
    """Every figure of one results file, in the order the run printed them."""
    n, files = data["corpus"]["n"], data["corpus"]["files"]
    out = [Metric(f["name"].replace(f"{n:,}", "n"), f["value"], f["unit"])
           for f in data.get("figures", [])]
    ingest = data.get("ingest", {})
    for peer, key in (("newsarc", "newsarc_s"), ("re-ingest", "reingest_s"),
                      ("baseline", "baseline_s")):
        out.append(Metric(f"ingest, {peer}: time per article",
                          _per(_median(ingest.get(key)), files, 1000), " ms"))
    for peer in ("newsarc", "baseline"):
        rss = ingest.get(f"{peer}_max_rss_mb")
        out.append(Metric(f"ingest, {peer}: peak memory", max(rss) if rss else None, " MB"))
        out.append(Metric(f"ingest, {peer}: archive per article",
                          _per(ingest.get(f"{peer}_archive_bytes"), files, 1 / 1000), " KB"))
    for q, r in data.get("in_process_s", {}).items():
        out.append(Metric(f"in-process {q}: matches", r.get("matches"), ""))
        for side in ("newsarc", "raw"):
            out.append(Metric(f"in-process {q}: {side}",
                              _per(_median(r.get(side)), 1, 1000), " ms"))
    for q, row in data.get("search_wall_s", {}).items():
        for peer, cell in row.items():
            if peer == "python -c pass" and q != "rare name":
                continue  # one floor, timed once a round
            median = cell.get("median")
            out.append(Metric(f"search process {q}: {peer}",
                              None if median is None else median * 1000, " ms"))
    for i, s in enumerate(data.get("curve", []), 1):
        for peer in ("newsarc", "baseline"):
            out.append(Metric(f"ingest curve, stretch {i}: {peer} time per article",
                              _per(s[f"{peer}_s"], s["articles"], 1000), " ms"))
        out.append(Metric(f"ingest curve, stretch {i}: newsarc peak memory",
                          s["newsarc_max_rss_mb"], " MB"))
    return out


def growth(small: float | None, large: float | None) -> float | None:
    if small is None or large is None or small == 0:
        return None
    return large / small


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if not unit and float(value).is_integer():  # a count
        return f"{int(value):,}"
    digits = 3 if abs(value) < 1 else 2 if abs(value) < 100 else 0
    return f"{value:,.{digits}f}{unit}"


def growth_rows(small: dict[str, Any], large: dict[str, Any]) -> list[list[str]]:
    """One row per figure of either run (the larger run's order first): name, the two values
    and the growth."""
    a = {m.name: m for m in metrics(small)}
    b = {m.name: m for m in metrics(large)}
    rows = []
    for name in [*b, *(k for k in a if k not in b)]:
        ma, mb = a.get(name), b.get(name)
        unit = (mb or ma).unit if (mb or ma) else ""
        va, vb = ma.value if ma else None, mb.value if mb else None
        g = growth(va, vb)
        rows.append([name, value_text(va, unit), value_text(vb, unit),
                     "n/a" if g is None else f"{g:,.2f}×"])
    return rows


def markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join(
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in lines)


def growth_table(one: dict[str, Any], other: dict[str, Any]) -> str:
    """The two runs side by side, the smaller corpus first, whichever order they come in."""
    small, large = sorted((one, other), key=lambda d: int(d["corpus"]["n"]))
    labels = [size_label(int(d["corpus"]["n"])) for d in (small, large)]
    return markdown(["figure", *labels, "growth"], growth_rows(small, large))


def curve_rows(curve: Sequence[dict[str, Any]]) -> list[list[str]]:
    """The ingest curve: each stretch's cost per article, and against the first stretch's."""
    firsts: dict[str, float] = {}
    rows = []
    for s in curve:
        row = [f"{s['start']:,} -> {s['stop']:,}", f"{s['articles']:,}"]
        for peer in ("newsarc", "baseline"):
            per = s[f"{peer}_s"] / s["articles"] * 1000
            first = firsts.setdefault(peer, per)
            row += [f"{s[f'{peer}_s']:,.1f}", f"{per:.3f}", f"{per / first:.2f}×",
                    f"{s[f'{peer}_max_rss_mb']:.0f}"]
        row.append(f"{s['newsarc_archive_bytes'] / 1e6:,.0f}")
        rows.append(row)
    return rows


CURVE_HEADER = ("articles added", "count", "newsarc s", "ms/article", "vs first", "peak MB",
                "baseline s", "ms/article", "vs first", "peak MB", "archive MB after")


def curve_table(curve: Sequence[dict[str, Any]]) -> str:
    return markdown(CURVE_HEADER, curve_rows(curve))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, nargs=2, help="two results files of bench/run.py")
    args = parser.parse_args(argv)
    one, other = (json.loads(p.read_text()) for p in args.results)
    print(growth_table(one, other))
    return 0


if __name__ == "__main__":
    sys.exit(main())
