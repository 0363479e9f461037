"""`newsarc timeline` with several queries (issue 18): counts, totals and ratios per period and
query, long and wide output, peaks, and the chart, checked against a hand-made corpus in which
every number is known (ISO week 2020-W53, the leap day 2024-02-29, periods with no article at
all, undated articles)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from newsarc.series import find_peaks, parse_queries
from tests.conftest import Run

# id -> text: ` date DAY Title` then the body; no date line is an undated article.
ARTICLES = {
    "w52-alpha": " date 2020-12-21 Alpha one reported from the coast\n\nFishermen saw the "
                 "alpha signal.",
    "w52-filler": " date 2020-12-21 Weather calm on the coast\n\nNothing else happened.",
    "w53-alpha-top": " date 2020-12-30 Alpha summit: alpha leaders meet on alpha plan\n\nThe "
                     "alpha plan was discussed by alpha leaders at the alpha summit.",
    "w53-alpha2": " date 2020-12-31 Year ends quietly\n\nAn alpha note was filed.",
    "w53-alpha3": " date 2021-01-01 New year parade\n\nMarchers carried an alpha banner.",
    "w53-alpha4": " date 2021-01-02 Markets closed\n\nTraders mentioned alpha once.",
    "w53-beta": " date 2021-01-03 Beta launch delayed\n\nThe beta rocket stayed on the pad.",
    "w53-filler": " date 2021-01-03 Snow in the hills\n\nRoads were closed.",
    "w02-beta": " date 2021-01-11 Beta launch succeeds\n\nThe beta rocket flew.",
    "w02-filler": " date 2021-01-11 Council meets\n\nThe budget passed.",
    "leap-alpha": " date 2024-02-28 Alpha returns\n\nAlpha is back.",
    "leap-both": " date 2024-02-29 Leap day alpha and beta\n\nBoth alpha and beta were seen "
                 "on the leap day.",
    "leap-filler": " date 2024-03-01 March begins\n\nSpring is near.",
    "undated-alpha": "Alpha in the archive notes\n\nAn undated alpha note.",
    "undated-filler": "Undated notes from the archive\n\nNothing to see.",
}
TOP = "Alpha summit: alpha leaders meet on alpha plan"
HEADER = ["period", "query", "count", "total", "ratio", "start", "end", "peak"]


@pytest.fixture
def hand(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "hand"
    folder.mkdir()
    for id, text in ARTICLES.items():
        (folder / f"{id}.txt").write_text(text, encoding="utf-8")
    result = run("ingest", str(folder), "--quiet")
    assert result.exit_code == 0, result.stderr


def table(stdout: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(stdout)))
    return rows


def numbers(rows: list[dict[str, str]]) -> list[tuple[str, str, int, int, float | None]]:
    return [(r["period"], r["query"], int(r["count"]), int(r["total"]),
             round(float(r["ratio"]), 6) if r["ratio"] else None) for r in rows]


def rounded(rows: list[tuple[str, str, int, int, float | None]]
            ) -> list[tuple[str, str, int, int, float | None]]:
    return [(*row[:4], None if row[4] is None else round(row[4], 6)) for row in rows]


WEEKS = [
    ("2020-W52", "alpha", 1, 2, 0.5), ("2020-W52", "beta", 0, 2, 0.0),
    ("2020-W53", "alpha", 4, 6, 4 / 6), ("2020-W53", "beta", 1, 6, 1 / 6),
    ("2021-W01", "alpha", 0, 0, None), ("2021-W01", "beta", 0, 0, None),  # no article at all
    ("2021-W02", "alpha", 0, 2, 0.0), ("2021-W02", "beta", 1, 2, 0.5),
]


def test_weekly_long_csv_through_week_53(run: Run, hand: None) -> None:
    result = run("timeline", "alpha", "beta", "--by", "week", "--until", "2021-01-17",
                 "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split(",") == HEADER
    rows = table(result.stdout)
    assert numbers(rows) == rounded(WEEKS)
    w53 = [r for r in rows if r["period"] == "2020-W53"]
    assert {(r["start"], r["end"]) for r in w53} == {("2020-12-28", "2021-01-03")}
    assert [r["peak"] for r in rows] == ["", "", TOP, "", "", "", "", ""]


def test_repeated_query_option_and_labels_are_the_same_series(run: Run, hand: None) -> None:
    args = ("--by", "week", "--until", "2021-01-17", "--format", "csv")
    positional = run("timeline", "alpha", "beta", *args).stdout
    assert run("timeline", "-q", "alpha", "--query", "beta", *args).stdout == positional
    assert run("timeline", "alpha", "-q", "beta", *args).stdout == positional
    labelled = table(run("timeline", "a=alpha", "b=beta OR gamma", *args).stdout)
    assert [r["query"] for r in labelled][:2] == ["a", "b"]
    assert [r["count"] for r in labelled] == [str(w[2]) for w in WEEKS]


def test_yearly_normalised_with_empty_years_and_undated(run: Run, hand: None) -> None:
    result = run("timeline", "alpha", "beta", "--by", "year", "--normalize", "--format", "csv")
    assert numbers(table(result.stdout)) == rounded([
        ("2020", "alpha", 3, 4, 0.75), ("2020", "beta", 0, 4, 0.0),
        ("2021", "alpha", 2, 6, 2 / 6), ("2021", "beta", 2, 6, 2 / 6),
        ("2022", "alpha", 0, 0, None), ("2022", "beta", 0, 0, None),
        ("2023", "alpha", 0, 0, None), ("2023", "beta", 0, 0, None),
        ("2024", "alpha", 2, 3, 2 / 3), ("2024", "beta", 1, 3, 1 / 3),
        ("undated", "alpha", 1, 2, 0.5), ("undated", "beta", 0, 2, 0.0),
    ])
    rich = run("timeline", "alpha", "beta", "--by", "year", "--normalize", "--format", "rich")
    assert "75.0%" in rich.stdout and "alpha" in rich.stdout.splitlines()[0]


def test_leap_day_by_day_with_a_period_without_articles(run: Run, hand: None) -> None:
    result = run("timeline", "alpha", "beta", "--by", "day", "--since", "2024-02-27",
                 "--until", "2024-03-01", "--format", "csv")
    assert numbers(table(result.stdout)) == rounded([
        ("2024-02-27", "alpha", 0, 0, None), ("2024-02-27", "beta", 0, 0, None),
        ("2024-02-28", "alpha", 1, 1, 1.0), ("2024-02-28", "beta", 0, 1, 0.0),
        ("2024-02-29", "alpha", 1, 1, 1.0), ("2024-02-29", "beta", 1, 1, 1.0),
        ("2024-03-01", "alpha", 0, 1, 0.0), ("2024-03-01", "beta", 0, 1, 0.0),
    ])


def test_within_is_the_denominator(run: Run, hand: None) -> None:
    result = run("timeline", "alpha", "--within", "alpha OR beta", "--by", "year",
                 "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["period"], r["count"], r["total"]) for r in rows] == [
        ("2020", 3, 3), ("2021", 2, 4), ("2022", 0, 0), ("2023", 0, 0), ("2024", 2, 2),
        ("undated", 1, 1)]
    assert rows[2]["ratio"] is None


def test_wide(run: Run, hand: None) -> None:
    args = ("timeline", "alpha", "beta", "--by", "week", "--until", "2021-01-17", "--wide",
            "--format", "csv")
    assert run(*args).stdout.splitlines() == [
        "period,start,end,total,alpha,beta",
        "2020-W52,2020-12-21,2020-12-27,2,1,0",
        "2020-W53,2020-12-28,2021-01-03,6,4,1",
        "2021-W01,2021-01-04,2021-01-10,0,0,0",
        "2021-W02,2021-01-11,2021-01-17,2,0,1",
    ]
    ratios = table(run(*args, "--normalize").stdout)
    assert [r["beta"] for r in ratios] == ["0.0", str(1 / 6), "", "0.5"]


def test_peaks_only(run: Run, hand: None) -> None:
    result = run("timeline", "alpha", "beta", "--by", "week", "--until", "2021-01-17",
                 "--peaks", "--format", "json")
    [peak] = json.loads(result.stdout)
    assert (peak["period"], peak["query"], peak["count"], peak["peak"]) == (
        "2020-W53", "alpha", 4, TOP)


@pytest.mark.parametrize(("counts", "peaks"), [
    ([1, 4, 0, 0], [1]),
    ([2, 2, 2, 2], []),  # below the minimum
    ([5, 6, 5, 6, 5], []),  # not twice the neighbours' median
    ([0, 3, 3, 0, 0, 0, 0], [1]),  # a plateau peaks once, at its first period
    ([0, 0, 0, 9, 0, 0, 0, 0, 8, 0], [3, 8]),
    ([10, 1, 1, 1], [0]),
])
def test_peak_rule(counts: list[int], peaks: list[int]) -> None:
    assert find_peaks(counts) == peaks


@pytest.mark.parametrize(("words", "queries"), [
    (["Al-Qaim", "Deir ez-Zor"], ["Al-Qaim", "Deir ez-Zor"]),
    (["Iraq", "-Syria"], ["Iraq -Syria"]),
    (["-Trump", "York"], ["-Trump York"]),
    (["Iraq", "OR", "Iraqi", "Raqqa"], ["Iraq OR Iraqi", "Raqqa"]),
    (["Al-Qaim wall"], ["Al-Qaim wall"]),
])
def test_each_argument_one_query(words: list[str], queries: list[str]) -> None:
    assert [q.text for q in parse_queries(words, [])] == queries


def test_usage_errors(run: Run, hand: None) -> None:
    for args in (["alpha", "beta", "--by", "week", "--split", "source"],
                 ["alpha", "-q", "beta", "--events"],
                 ["alpha", "--normalize", "--story"],
                 ["alpha", "alpha", "--by", "week"],
                 ["--normalize", "--by", "week"],
                 ["alpha", "beta", "--by", "week", "--wide", "--peaks", "--format", "csv"],
                 ["alpha", "--by", "week", "--plot", "chart.pdf"]):
        result = run("timeline", *args)
        assert result.exit_code == 2, args
        assert len(result.stderr.splitlines()) <= 2 and not result.stdout, args


def test_one_query_keeps_the_old_rows(run: Run, hand: None) -> None:
    rows = run("timeline", "alpha", "--by", "year", "--format", "csv").stdout.splitlines()
    assert rows[0] == "period,count,ids,titles"


def test_nothing_matches_exit_1(run: Run, hand: None) -> None:
    assert run("timeline", "zzz", "yyy", "--by", "week").exit_code == 1


def test_collapse_composes(run: Run, hand: None) -> None:
    result = run("timeline", "alpha", "beta", "--by", "year", "--collapse", "--format", "csv")
    assert result.exit_code == 0
    assert [r["count"] for r in table(result.stdout)][:2] == ["3", "0"]


# ---------------------------------------------------------------------------------------------
# The chart


def test_timeline_does_not_import_matplotlib(run: Run, hand: None) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] == "matplotlib"]:
        del sys.modules[name]
    run("timeline", "alpha", "beta", "--by", "week", "--normalize", "--format", "csv")
    assert "matplotlib" not in sys.modules


def test_plot_without_matplotlib_says_how_to_install(
    run: Run, hand: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    result = run("timeline", "alpha", "--by", "week", "--plot", str(tmp_path / "c.svg"))
    assert result.exit_code == 2
    assert "pip install 'newsarc[plot]'" in result.stderr
    assert not (tmp_path / "c.svg").exists()


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_plot_writes_the_chart(run: Run, hand: None, tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / f"chart{suffix}"
    result = run("timeline", "first=alpha", "second=beta", "--by", "week", "--until",
                 "2021-01-17", "--normalize", "--plot", str(chart), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("period,query")
    data = chart.read_bytes()
    if suffix == ".svg":
        assert data.startswith(b"<?xml") and b"<svg" in data
        assert b"Alpha summit" in data  # the peak's label
    else:
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    for label in (b"first", b"second"):
        assert label in data


def test_long_csv_loads_in_pandas(run: Run, hand: None) -> None:
    pd = pytest.importorskip("pandas")
    result = run("timeline", "alpha", "beta", "--by", "week", "--until", "2021-01-17",
                 "--format", "csv")
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == HEADER
    assert frame["count"].tolist() == [w[2] for w in WEEKS]
    assert frame["ratio"].isna().tolist() == [w[4] is None for w in WEEKS]
