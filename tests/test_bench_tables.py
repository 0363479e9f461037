"""The bench's growth and ingest-curve tables (bench/growth.py) and the curve's stretches
(bench/run.py): pure functions of results files, no timing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import growth  # noqa: E402
import run  # noqa: E402


def results(n: int, scale: float, curve: bool = False) -> dict[str, Any]:
    """A results file as run.py writes it, its times `scale` times those at the first size."""
    data: dict[str, Any] = {
        "command": f"python bench/run.py --n {n}",
        "corpus": {"n": n, "files": n, "bytes": 3000 * n},
        "figures": [
            {"name": "ingest rate, newsarc / baseline", "value": 0.5 / scale, "unit": "×"},
            {"name": f"peak memory, 1,000 -> {n:,} articles (ingest, export)", "value": 90.0,
             "unit": " MB"},
            {"name": "warm rg -il / newsarc search, rare name", "value": None, "unit": "×"},
        ],
        "ingest": {"newsarc_s": [n / 1000 * scale, n / 1000 * scale * 3],
                   "baseline_s": [n / 4000], "reingest_s": [],
                   "newsarc_max_rss_mb": [80.0, 90.0], "baseline_max_rss_mb": [28.0],
                   "newsarc_archive_bytes": 6500 * n, "baseline_archive_bytes": 5500 * n},
        "in_process_s": {"common word": {"newsarc": [0.05 * n / 100_000], "raw": [0.05],
                                         "matches": n // 2}},
        "search_wall_s": {"rare name": {"newsarc": {"median": 0.12}, "python -c pass":
                                        {"median": 0.016}},
                          "common word": {"python -c pass": {"median": 0.016}}},
    }
    if curve:
        data["curve"] = [
            {"start": 0, "stop": n // 10, "articles": n // 10, "newsarc_s": n / 10_000,
             "baseline_s": n / 40_000, "newsarc_max_rss_mb": 80.0, "baseline_max_rss_mb": 28.0,
             "newsarc_archive_bytes": 650 * n},
            {"start": n // 10, "stop": n, "articles": n - n // 10,
             "newsarc_s": (n - n // 10) / 1000 * 1.2, "baseline_s": (n - n // 10) / 4000,
             "newsarc_max_rss_mb": 95.0, "baseline_max_rss_mb": 29.0,
             "newsarc_archive_bytes": 6500 * n},
        ]
    return data


def rows_by_name(small: dict[str, Any], large: dict[str, Any]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in growth.growth_rows(small, large)}


def test_size_labels() -> None:
    assert [growth.size_label(n) for n in (1_000_000, 100_000, 20_000, 2500, 999)] == [
        "1M", "100k", "20k", "2.5k", "999"]


def test_every_figure_side_by_side_with_its_growth() -> None:
    rows = rows_by_name(results(100_000, 1.0), results(1_000_000, 2.0))
    assert rows["ingest rate, newsarc / baseline"] == ["0.500×", "0.250×", "0.50×"]
    # the corpus's size in a figure's name is read as n, so the two runs' figures pair up
    assert rows["peak memory, 1,000 -> n articles (ingest, export)"][2] == "1.00×"
    assert rows["warm rg -il / newsarc search, rare name"] == ["n/a", "n/a", "n/a"]
    # absolute figures behind the ratios: cost per article (median of the rounds) ...
    assert rows["ingest, newsarc: time per article"] == ["2.00 ms", "4.00 ms", "2.00×"]
    assert rows["ingest, re-ingest: time per article"][2] == "n/a"
    assert rows["ingest, newsarc: archive per article"] == ["6.50 KB", "6.50 KB", "1.00×"]
    # ... every in-process query, its matches, and each search process (one python floor)
    assert rows["in-process common word: newsarc"] == ["50.00 ms", "500 ms", "10.00×"]
    assert rows["in-process common word: matches"] == ["50,000", "500,000", "10.00×"]
    assert rows["search process rare name: python -c pass"][2] == "1.00×"
    assert "search process common word: python -c pass" not in rows


def test_table_puts_the_smaller_corpus_first_whatever_the_order() -> None:
    small, large = results(2000, 1.0), results(20_000, 1.0)
    table = growth.growth_table(large, small)
    assert table == growth.growth_table(small, large)
    header = table.splitlines()[0]
    assert [c.strip() for c in header.strip("|").split("|")] == ["figure", "2k", "20k", "growth"]


def test_figures_of_one_run_only_are_listed_with_na() -> None:
    rows = rows_by_name(results(100_000, 1.0), results(1_000_000, 1.0, curve=True))
    assert rows["ingest curve, stretch 2: newsarc time per article"][0] == "n/a"
    assert rows["ingest curve, stretch 2: newsarc time per article"][2] == "n/a"


def test_curve_table_and_figures() -> None:
    curve = results(1_000_000, 1.0, curve=True)["curve"]
    rows = growth.curve_rows(curve)
    assert rows[0][:6] == ["0 -> 100,000", "100,000", "100.0", "1.000", "1.00×", "80"]
    assert rows[1][3:5] == ["1.200", "1.20×"]
    assert rows[1][7:9] == ["0.250", "1.00×"]  # the baseline flat
    cost, memory = run.curve_figures(curve)
    assert (round(cost.value or 0, 2), cost.met) == (1.2, False)
    assert (memory.value, memory.met) == (95.0, True)


def test_curve_stretches() -> None:
    assert run.curve_bounds(1_000_000) == [(0, 100_000), (100_000, 300_000),
                                           (300_000, 1_000_000)]
    assert run.curve_bounds(2000) == [(0, 200), (200, 600), (600, 2000)]
    assert run.curve_bounds(5) == [(0, 1), (1, 2), (2, 5)]
    assert run.article_index("/c/n2000-v1/2019/2019-03-04-001234.txt") == 1234


def test_default_budget_fits_one_ingest_round_at_1m() -> None:
    assert run.default_budget(100_000, curve=False) == 540
    assert run.default_budget(2000, curve=True) == 810
    assert run.default_budget(1_000_000, curve=False) == 3600
    assert run.default_budget(1_000_000, curve=True) == 5400
    # 1M: a round of ~1,500 s (20 min newsarc, 4 min baseline, re-ingest) leaves no second one
    deadline = run.default_budget(1_000_000, curve=False) - run.search_reserve(1_000_000)
    assert 1500 < deadline < 2 * 1500
