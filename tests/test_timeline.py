"""`newsarc timeline`: articles in date order, and counts per period with the empty ones shown.

Golden files: tests/golden/timeline_*.txt (see tests/viewing.py to regenerate them).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc import render
from newsarc.dates import DateRange, period
from newsarc.errors import UsageError
from newsarc.models import TimelineEntry
from newsarc.timeline import periods
from tests.conftest import SEED, SEEDS, Run
from tests.viewing import (
    assert_golden,
    assert_inert,
    corpus_articles,
    inject_hostile,
    jsonl,
    rendered,
    sort_key,
    tsv,
)


def label(iso: str, by: str) -> str:
    """The period an article counts in, worked out independently of newsarc.timeline."""
    day = date.fromisoformat(period(iso)[0])
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()[: 7 if by == "month" else 4]


# ---------------------------------------------------------------------------------------------
# The seed


@pytest.fixture
def seeded(run: Run) -> None:
    assert run("ingest", str(SEEDS), "--quiet").exit_code == 0


def test_seed_one_row(run: Run, seeded: None) -> None:
    result = run("timeline")
    assert result.exit_code == 0
    [row] = tsv(result.stdout)
    assert row[:2] == ["2024-02-03", SEED.stem]


def test_seed_by_month_since_november(run: Run, seeded: None) -> None:
    result = run("timeline", "--by", "month", "--since", "2023-11")
    assert result.exit_code == 0
    rows = tsv(result.stdout)
    assert [r[:3] for r in rows] == [
        ["2023-11", "0", ""], ["2023-12", "0", ""], ["2024-01", "0", ""],
        ["2024-02", "1", SEED.stem],
    ]
    as_json = json.loads(run("timeline", "--by", "month", "--since", "2023-11", "--format",
                             "json").stdout)
    assert as_json == [
        {"period": "2023-11", "count": 0, "ids": []},
        {"period": "2023-12", "count": 0, "ids": []},
        {"period": "2024-01", "count": 0, "ids": []},
        {"period": "2024-02", "count": 1, "ids": [SEED.stem]},
    ]
    rich = run("timeline", "--by", "month", "--since", "2023-11", "--format", "rich").stdout
    bars = [line for line in rich.splitlines() if "█" in line]
    assert len(bars) == 1 and "2024-02" in bars[0]


# ---------------------------------------------------------------------------------------------
# The corpus, without --by


def test_articles_oldest_first_undated_last(run: Run, corpus: Path) -> None:
    expected = sorted(corpus_articles().values(), key=lambda a: sort_key(a.date, a.id))
    result = run("timeline")
    assert result.exit_code == 0
    # tsv names the undated group as the issue and the rich view do; json keeps null
    assert tsv(result.stdout) == [[a.date or "undated", a.id, a.title] for a in expected]
    rows = json.loads(run("timeline", "--format", "json").stdout)
    assert [r["id"] for r in rows] == [a.id for a in expected]
    assert [r["date"] for r in rows][-2:] == [None, None]
    assert list(rows[0]) == ["date", "id", "title"]


def test_rich_list_puts_undated_last(run: Run, corpus: Path) -> None:
    out = run("timeline", "--format", "rich").stdout
    rows = [line for line in out.splitlines() if line.startswith("│ ") and "│ a" in line]
    assert len(rows) == 30
    assert rows[0].startswith("│ 2023 ") and "a20-year-only" in rows[0]
    assert [r.split("│")[2].strip() for r in rows[-2:]] == ["a21-undated", "a22-undated-strike"]
    assert all(r.startswith("│ undated ") for r in rows[-2:])


def test_since_until_overlap_mixed_precision(run: Run, corpus: Path) -> None:
    rows = tsv(run("timeline", "--since", "2024-02-10", "--until", "2024-02-28").stdout)
    # a19 is dated only 2024-02, which overlaps the range; a01 (02-03) does not
    assert [r[1] for r in rows] == ["a19-month-only", "a03-qaim-modifier",
                                    "a13-trump-possessive", "a14-trump-plain",
                                    "a23-heading-match"]


def test_csv_and_jsonl(run: Run, corpus: Path) -> None:
    out = run("timeline", "--until", "2023-06", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["date", "id", "title"],
                    ["2023", "a20-year-only", corpus_articles()["a20-year-only"].title],
                    ["2023-04-14", "a17-quds-day", "Crowds marched in Tehran on Quds Day."],
                    ["2023-06-02", "a18-quadrant", "Astronomers mapped a new quadrant of the sky."]]
    lines = jsonl(run("timeline", "--until", "2023-06", "--format", "jsonl").stdout)
    assert [r["id"] for r in lines] == [r[1] for r in rows[1:]]


# ---------------------------------------------------------------------------------------------
# --by


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_counts_per_period_match_what_was_ingested(run: Run, corpus: Path, by: str) -> None:
    articles = corpus_articles().values()
    expected = Counter(label(a.date, by) for a in articles if a.date)
    result = run("timeline", "--by", by, "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows[-1] == {"period": "undated", "count": 2,
                        "ids": ["a21-undated", "a22-undated-strike"]}
    dated = rows[:-1]
    assert {r["period"]: r["count"] for r in dated if r["count"]} == dict(expected)
    assert sum(r["count"] for r in dated) == 28
    assert dated[0]["period"] == min(expected) and dated[-1]["period"] == max(expected)
    labels = [r["period"] for r in dated]
    assert labels == sorted(labels) and len(set(labels)) == len(labels)
    for r in dated:  # ids in date order, and each article where its date puts it
        assert r["ids"] == sorted(r["ids"], key=lambda i: sort_key(corpus_articles()[i].date, i))
        assert all(label(corpus_articles()[i].date or "", by) == r["period"] for i in r["ids"])


def test_empty_periods_fill_the_gaps(run: Run, corpus: Path) -> None:
    months = [r[0] for r in tsv(run("timeline", "--by", "month").stdout)]
    expected = [f"2023-{m:02d}" for m in range(1, 13)] + ["2024-01", "2024-02", "2024-03"]
    assert months == expected + ["undated"]
    days = tsv(run("timeline", "--by", "day").stdout)
    assert len(days) == (date(2024, 3, 22) - date(2023, 1, 1)).days + 1 + 1
    assert days[0][:3] == ["2023-01-01", "1", "a20-year-only"]  # year-only: its first day
    assert ["2024-02-01", "1", "a19-month-only"] == days[396][:3]


def test_iso_weeks(run: Run, corpus: Path) -> None:
    rows = {r[0]: r for r in tsv(run("timeline", "--by", "week").stdout)}
    assert rows["2022-W52"][2] == "a20-year-only"  # 2023-01-01 is a Sunday: ISO 2022-W52
    assert rows["2024-W05"][2] == "a19-month-only a01-qaim-strike"  # 2024-02-01 is in W05
    assert rows["2023-W52"][1] == "0"  # 2023 has 52 ISO weeks
    assert "2023-W53" not in rows
    assert "2024-W01" in rows and rows["2024-W01"][1] == "0"


def test_since_moves_early_articles_into_the_first_period(run: Run, corpus: Path) -> None:
    rows = json.loads(run("timeline", "--by", "month", "--since", "2023-06", "--format",
                          "json").stdout)
    assert rows[0] == {"period": "2023-06", "count": 2, "ids": ["a20-year-only", "a18-quadrant"]}
    assert rows[-1]["period"] == "2024-03"  # undated articles are outside any range


def test_until_stretches_the_span(run: Run, corpus: Path) -> None:
    rows = tsv(run("timeline", "--by", "year", "--since", "2022", "--until", "2026").stdout)
    assert [(r[0], r[1]) for r in rows] == [
        ("2022", "0"), ("2023", "9"), ("2024", "19"), ("2025", "0"), ("2026", "0")]


def test_top_titles_in_tsv_and_rich(run: Run, corpus: Path) -> None:
    row = next(r for r in tsv(run("timeline", "--by", "week").stdout) if r[0] == "2024-W09")
    assert row[1] == "4"
    titles = row[3].split(" | ")
    assert len(titles) == 3  # the first three of four
    assert titles[0] == "Negotiators in Geneva resumed talks on a ceasefire."
    rich = run("timeline", "--by", "month", "--format", "rich").stdout
    feb = next(line for line in rich.splitlines() if line.startswith("│ 2024-02 "))
    assert "█" * 24 in feb  # the largest period fills the bar
    jan = next(line for line in rich.splitlines() if line.startswith("│ 2024-01 "))
    assert jan.count("█") == 13  # 5 of 9


def test_with_a_query(run: Run, corpus: Path) -> None:
    hits = {r[0] for r in tsv(run("search", "strike", "--limit", "0", "--format", "tsv").stdout)}
    assert hits
    rows = tsv(run("timeline", "strike").stdout)
    assert {r[1] for r in rows} == hits
    arts = corpus_articles()
    assert [r[1] for r in rows] == sorted(hits, key=lambda i: sort_key(arts[i].date, i))
    assert all(len(r) == 4 for r in rows)  # date, id, title, section
    by = json.loads(run("timeline", "strike", "--by", "year", "--format", "json").stdout)
    assert sum(r["count"] for r in by) == len(hits)


def test_query_with_a_range(run: Run, corpus: Path) -> None:
    rows = tsv(run("timeline", "qaim", "--since", "2024-02-04", "--until", "2024-02-29").stdout)
    assert [r[1] for r in rows] == ["a02-qaim-apostrophe", "a03-qaim-modifier"]


def test_nothing_matches(run: Run, corpus: Path) -> None:
    result = run("timeline", "--since", "2030")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "newsarc: no articles match\n"
    assert run("timeline", "zzzyzx", "--by", "month").exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "whenever"], "newsarc: --since: cannot read 'whenever' as a date"),
        (["--until", "2024-13"], "newsarc: --until: cannot read '2024-13' as a date"),
        (["--since", "2024-03", "--until", "2024-01"],
         "newsarc: --since '2024-03' is after --until '2024-01': no date can match"),
        (["--since", "0001", "--until", "9999", "--by", "day"], "newsarc: --by day: more than"),
    ],
)
def test_usage_errors(run: Run, corpus: Path, args: list[str], message: str) -> None:
    result = run("timeline", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_bad_unit_is_refused_by_the_option(run: Run, corpus: Path) -> None:
    result = run("timeline", "--by", "fortnight")
    assert result.exit_code == 2
    assert "fortnight" in result.stderr


@pytest.mark.parametrize("fmt", ["rich", "tsv", "csv", "json", "jsonl"])
def test_markup_and_escapes_are_never_interpreted(
    run: Run, corpus: Path, isolated_archive: Path, fmt: str
) -> None:
    inject_hostile(isolated_archive)
    for args in ([], ["--by", "week"]):
        out = run("timeline", "--since", "2024-03-20", "--until", "2024-03-20", *args,
                  "--format", fmt).stdout
        assert_inert(out)
        if not (args and fmt in ("json", "jsonl")):  # json periods carry ids, not titles
            assert "[bold red]markup[/bold red]" in " ".join(out.split())


# ---------------------------------------------------------------------------------------------
# periods() itself


def test_month_and_year_dates_at_the_end_of_time() -> None:
    rows = periods([TimelineEntry("9999-12", "x", "t"), TimelineEntry("9999", "y", "t")],
                   "month", DateRange())
    assert [(p.label, p.count) for p in rows][0] == ("9999-01", 1)
    assert (rows[-1].label, rows[-1].end, rows[-1].count) == ("9999-12", "9999-12-31", 1)
    assert len(rows) == 12


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
precisions = st.sampled_from([4, 7, 10])


@settings(max_examples=40, deadline=None)
@given(days, days, st.sampled_from(["day", "week", "month", "year"]))
def test_the_period_limit_is_exact(a: date, b: date, by: str) -> None:
    from newsarc import timeline

    within = DateRange(min(a, b).isoformat(), max(a, b).isoformat())
    n = len(periods([], by, within))
    original = timeline.MAX_PERIODS
    try:
        timeline.MAX_PERIODS = n
        assert len(periods([], by, within)) == n
        timeline.MAX_PERIODS = n - 1
        with pytest.raises(UsageError, match=f"more than {n - 1} periods"):
            periods([], by, within)
    finally:
        timeline.MAX_PERIODS = original


def test_unknown_unit() -> None:
    with pytest.raises(UsageError):
        periods([], "fortnight", DateRange())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(days, precisions), min_size=1, max_size=25),
    st.sampled_from(["day", "week", "month", "year"]),
    st.integers(min_value=0, max_value=3),
)
def test_periods_are_contiguous_and_count_every_article(
    dated: list[tuple[date, int]], by: str, undated: int
) -> None:
    entries = [TimelineEntry(d.isoformat()[:n], f"id{i}", "t") for i, (d, n) in enumerate(dated)]
    entries += [TimelineEntry(None, f"u{i}", "t") for i in range(undated)]
    rows = periods(entries, by, DateRange())
    span = rows[:-1] if undated else rows
    assert sum(p.count for p in span) == len(dated)
    if undated:
        assert (rows[-1].label, rows[-1].count) == ("undated", undated)
    assert "undated" not in [p.label for p in span]
    for a, b in zip(span, span[1:], strict=False):  # no gaps, no overlaps
        assert b.start == (date.fromisoformat(a.end or "") + timedelta(days=1)).isoformat()
    for p in span:
        for i in p.ids:
            e = entries[int(i[2:])]
            assert p.label == label(e.date or "", by)
            assert (p.start or "") <= period(e.date or "")[0] <= (p.end or "")
    assert span[0].count and span[-1].count  # from the first period with an article to the last


# ---------------------------------------------------------------------------------------------
# Golden renders


def test_golden_views() -> None:
    arts = sorted(corpus_articles().values(), key=lambda a: sort_key(a.date, a.id))
    listed = [TimelineEntry(a.date, a.id, a.title) for a in arts]
    assert_golden("timeline_list", rendered(render.timeline_view(listed[-8:], False)))
    with_query = [TimelineEntry(a.date, a.id, a.title, a.sections[-1].heading, 1.0)
                  for a in arts[-5:]]
    assert_golden("timeline_query", rendered(render.timeline_view(with_query, True)))
    assert_golden("timeline_month",
                  rendered(render.periods_view(periods(listed, "month", DateRange()))))
    in_2024 = [e for e in listed if e.date and e.date >= "2024"]
    weeks = periods(in_2024, "week", DateRange("2024-01-01", "2024-03-31"))
    assert_golden("timeline_week", rendered(render.periods_view(weeks), width=100))


def test_help_says_where_coarse_dates_go(run: Run) -> None:
    result = run("timeline", "--help")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "An article dated only to a month or a year is counted in the period of its first" \
        " day" in flat
    assert "ISO weeks `2024-W05`" in flat
