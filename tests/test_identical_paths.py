"""Issue 21: the cheaper paths give exactly what the old computation gave.

`timeline --by` counts a period at a time from SQL (`timeline.Counted`, `streamed_periods()`)
instead of holding every match (`entries()` then `periods()`, still used by --collapse and
--split); `search --count` counts on the index alone when nothing else needs the articles;
`--sort newest/oldest` reads the date index and scores only the hits it returns. Each is
checked here against the old computation, through the CLI where the output is the point.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc import output, query
from newsarc import timeline as core
from newsarc.commands.reading import _asked_range
from newsarc.dates import DateRange, date_range
from newsarc.errors import UsageError
from newsarc.models import TimelineEntry
from newsarc.store import open_archive
from tests.archive import location
from tests.conftest import Run

# ---------------------------------------------------------------------------------------------
# streamed_periods() against periods(), on any rows

days = st.dates(min_value=date(1999, 11, 1), max_value=date(2001, 3, 1))
precisions = st.sampled_from([4, 7, 10])
scores = st.sampled_from([0.0, 1.5, 2.25, 3.0, 7.5])  # few values: ties are common


def _overlaps(value: str, within: DateRange) -> bool:
    """dates.range_sql()'s test, in Python: the date's period overlaps the range."""
    return (not within.start or value >= within.start[: len(value)]) and (
        not within.end or value <= within.end)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(days, precisions, scores), max_size=30),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["day", "week", "month", "year"]),
    st.one_of(st.none(), days),
    st.one_of(st.none(), days),
    st.booleans(),
    st.sampled_from([3, 40, core.MAX_PERIODS]),
)
def test_streamed_periods_are_the_periods(
    dated: list[tuple[date, int, float]], undated: int, by: str, since: date | None,
    until: date | None, scored: bool, most: int,
) -> None:
    within = DateRange(since.isoformat() if since else None,
                       until.isoformat() if until else None)
    found = [TimelineEntry(d.isoformat()[:n], f"id{i:02d}", f"t{i}", None,
                           s if scored else None) for i, (d, n, s) in enumerate(dated)]
    found = [e for e in found if not within or _overlaps(e.date or "", within)]
    if not within:
        found += [TimelineEntry(None, f"u{i}", f"ut{i}", None, 1.0 if scored else None)
                  for i in range(undated)]
    found.sort(key=lambda e: (e.date is None, e.date or "", e.id))  # as SQL orders them
    latest = max((e.date for e in found if e.date), default=None)
    rows = [(e.date, e.id, e.title, e.score) for e in found]
    old_limit = core.MAX_PERIODS
    core.MAX_PERIODS = most  # a small limit: both refuse, or the bound falls back to the old
    try:
        try:
            expected: list[object] = list(core.periods(found, by, within))
        except UsageError as exc:
            expected = [exc.message]
        try:
            got: list[object] = list(core.streamed_periods(rows, by, within, latest))
        except UsageError as exc:
            got = [exc.message]
    finally:
        core.MAX_PERIODS = old_limit
    assert got == expected


# ---------------------------------------------------------------------------------------------
# timeline --by through the CLI against entries() + periods()

# Texts alike (equal scores: ties; identical ones would be duplicates) at every precision,
# and more undated ones.
MORE = {
    "b01-tie": " date 2024-02-12 Ceasefire talks in Geneva.\n\nThe strike went on.",
    "b02-tie": " date 2024-02-12 Ceasefire talks in Geneva.\n\nThe strike went off.",
    "b03-tie": " date 2024-02 Ceasefire talks in Geneva.\n\nThe strike went up.",
    "b04-tie": " date 2024 Ceasefire talks in Geneva.\n\nThe strike went by.",
    "b05-tie": " date 2023-12 Ceasefire talks in Geneva.\n\nThe strike went in.",
    "b06-tie": "Ceasefire talks in Geneva.\n\nThe strike went at.",
    "b07-old": " date 2021-01-01 A strike in the first days of 2021, in ISO week 2020-W53.",
    "b08-old": " date 2021 A warehouse strike some time in 2021.",
}

QUERIES = [None, "strike", "ceasefire", "warehouse OR Syria", "strike -football",
           "strike OR -warehouse", "-warehouse", "=Strike", "credit:Reuters OR warehouse",
           "date:2024-01..2024-02 strike", "strike date:2024", "nothingmatchesthis"]
RANGES = [(None, None), ("2024-01-10", None), (None, "2024-02-15"), ("2023-12", "2024-02"),
          ("2024-02-12", "2024-02-12"), ("2030", None), ("2019", "2019-03")]


@pytest.fixture
def varied(run: Run, corpus: Path, tmp_path: Path) -> None:
    more = tmp_path / "more"
    more.mkdir()
    for id, text in MORE.items():
        (more / f"{id}.txt").write_text(text, encoding="utf-8")
    assert run("ingest", str(more), "--quiet").exit_code == 0


def _old_timeline(db: str, text: str | None, by: str, since: str | None, until: str | None,
                  fmt: str) -> tuple[int, str]:
    """What `timeline --by` printed before issue 21 (commands/reading.py then): the exit
    code and stdout."""
    within = date_range(since, until)
    with open_archive(db) as store:
        found = core.entries(store, text, within, sections=False)
    if not found and not within:
        return 1, ""
    if within and not any(e.date for e in found):
        within = _asked_range(since, until, within)
    machine = fmt in ("json", "jsonl")
    rows = ({"period": p.label, "count": p.count,
             "ids": list(p.ids) if machine else output.id_list(p.ids),
             "titles": " | ".join(p.titles)} for p in core.periods(found, by, within))
    out = io.StringIO()
    output.write_records(rows, ("period", "count", "ids") + (() if machine else ("titles",)),
                         fmt, out)
    return (0 if found else 1), out.getvalue()


@pytest.mark.parametrize("text", QUERIES)
def test_timeline_by_is_unchanged(run: Run, varied: None, isolated_archive: Path,
                                  text: str | None) -> None:
    for by in ("day", "week", "month", "year"):
        for since, until in RANGES:
            for fmt in ("tsv", "json") if by == "month" else ("tsv",):
                args = ["timeline", *([text] if text else []), "--by", by, "--format", fmt]
                args += ["--since", since] if since else []
                args += ["--until", until] if until else []
                result = run(*args)
                expected = _old_timeline(location(), text, by, since, until, fmt)
                assert (result.exit_code, result.stdout) == expected, args


def test_several_queries_and_collapse_keep_their_paths(run: Run, varied: None) -> None:
    """--collapse and --split still hold the matches (their story and outlet need them): the
    same periods as the counted path where clusters are single articles."""
    counted = run("timeline", "strike", "--by", "month", "--format", "json")
    series = run("timeline", "strike", "--by", "month", "--normalize", "--format", "json")
    months = {r["period"]: r["count"] for r in json.loads(counted.stdout)}
    assert {r["period"]: r["count"] for r in json.loads(series.stdout)} == months


# ---------------------------------------------------------------------------------------------
# search --count and --sort newest/oldest against the old SQL

SEARCHES = ["strike", "ceasefire", "warehouse OR Syria", "strike -football", "=Strike",
            "credit:Reuters OR warehouse", '"talks in Geneva"', "strik*", "-warehouse",
            "US", "strike OR -warehouse", "nothingmatchesthis", "date:2024-02 strike"]
WITHIN = [DateRange(), DateRange("2024-01-10", None), DateRange(None, "2024-02-15"),
          DateRange("2023-12-01", "2024-02-29")]


def _old_rows(store: object, text: str, sort: str, limit: int, dates: DateRange
              ) -> list[tuple[object, ...]]:
    ix = store.index  # type: ignore[attr-defined]
    compiled = query.compile_query(text, ix=ix)
    sql, params = query._select(ix, compiled, compiled.dates.intersect(dates), sort, limit)
    return query._run(store, sql, params, False).fetchall()  # type: ignore[arg-type]


@pytest.fixture(params=["chosen", "index", "walk", "short walk"])
def date_plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The date index as the rule chooses it, and always (on a small archive it seldom is);
    then with the matches first looked for in a span of the walk (`query._walk`), long enough
    or too short (the walk past it: every match again)."""
    if request.param != "chosen":
        monkeypatch.setattr(query, "DATE_ORDER_FACTOR", 10**9)
    if request.param == "walk":
        monkeypatch.setattr(query, "DATE_WALK", 1)
    if request.param == "short walk":
        monkeypatch.setattr(query, "DATE_WALK", 0)


@pytest.mark.parametrize("text", SEARCHES)
def test_count_and_date_order_are_unchanged(varied: None, isolated_archive: Path,
                                            date_plan: None, text: str) -> None:
    with open_archive(location()) as store:
        for dates in WITHIN:
            compiled = query.compile_query(text, ix=store.index)
            sql, params = query._select(store.index, compiled, compiled.dates.intersect(dates),
                                        "newest",
                                        ordered=False)
            old = query._run(store, f"SELECT count(*) FROM ({sql}) AS q", params, False).fetchone()
            assert query.count(store, text, date_range=dates) == old[0]
            for sort in ("newest", "oldest"):
                for limit in (1, 3, 20, 0):
                    hits = query.search(store, text, limit=limit, sort=sort, date_range=dates,
                                        snippets=False)
                    rows = _old_rows(store, text, sort, limit, dates)
                    assert [(h.id, h.date, h.title, h.score) for h in hits] == [
                        (id, d, title, -rank or 0.0) for _, id, d, title, rank in rows]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_order_through_the_cli(run: Run, varied: None, date_plan: None, sort: str
                                    ) -> None:
    """json carries the score: the date-ordered path scores the hits it returns as before."""
    for text in ("strike", "ceasefire", "warehouse OR Syria"):
        for limit in ("2", "5", "20"):
            new = run("search", text, "--sort", sort, "--limit", limit, "--format", "json")
            wide = run("search", text, "--sort", sort, "--limit", "0", "--format", "json")
            assert new.exit_code == wide.exit_code == 0
            assert json.loads(new.stdout) == json.loads(wide.stdout)[: int(limit)]


def test_collapsed_date_order_is_unchanged(run: Run, varied: None, date_plan: None) -> None:
    for sort in ("newest", "oldest"):
        few = run("search", "ceasefire", "--collapse", "--sort", sort, "--limit", "2",
                  "--format", "json")
        every = run("search", "ceasefire", "--collapse", "--sort", sort, "--limit", "0",
                    "--format", "json")
        assert json.loads(few.stdout) == json.loads(every.stdout)[:2]


def test_asked_range_is_used_when_nothing_is_dated(run: Run, varied: None) -> None:
    result = run("timeline", "ceasefire", "--by", "year", "--since", "2030", "--until", "2031")
    assert result.exit_code == 1
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()] == [
        ["2030", "0"], ["2031", "0"]]


def test_day_periods_end_where_dates_end() -> None:
    rows = [("9999-12-31", "x", "t", None)]
    got = list(core.streamed_periods(rows, "day", DateRange(), "9999-12-31"))
    assert [(p.label, p.end) for p in got] == [("9999-12-31", date.max.isoformat())]
