"""Dates as users type them, against a fixed today."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.dates import DateRange, date_range, parse_period, period, query_range, range_sql
from newsarc.errors import UsageError

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", ("2024-01-01", "2024-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-02", ("2023-02-01", "2023-02-28")),
        ("2024-02-03", ("2024-02-03", "2024-02-03")),
        ("2024-2-3", ("2024-02-03", "2024-02-03")),
        ("Feb 2024", ("2024-02-01", "2024-02-29")),
        ("February 3, 2024", ("2024-02-03", "2024-02-03")),
        ("3 February 2024", ("2024-02-03", "2024-02-03")),
        ("today", ("2026-11-26", "2026-11-26")),
        ("yesterday", ("2026-11-25", "2026-11-25")),
        ("7d", ("2026-11-19", "2026-11-26")),
        ("2w", ("2026-11-12", "2026-11-26")),
        ("3m", ("2026-08-26", "2026-11-26")),
        ("1y", ("2025-11-26", "2026-11-26")),
        ("last week", ("2026-11-16", "2026-11-22")),
        ("Last  Month", ("2026-10-01", "2026-10-31")),
    ],
)
def test_parse_period(text: str, expected: tuple[str, str]) -> None:
    assert parse_period(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["", "Feb", "Feb 3", "2024-13", "2024-02-30", "soon", "7x", "0000"]
)
def test_unreadable_or_yearless_dates_are_refused(text: str) -> None:
    # "Feb 3" has no year: dateutil would silently take this year's; newsarc refuses instead.
    assert parse_period(text, TODAY) is None


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert parse_period("1m", date(2024, 3, 31)) == ("2024-02-29", "2024-03-31")


def test_date_range_names_the_option() -> None:
    assert date_range("2024-02", "2024-02", TODAY) == DateRange("2024-02-01", "2024-02-29")
    with pytest.raises(UsageError, match="^--until: cannot read 'later'"):
        date_range(None, "later", TODAY)


def test_query_range_forms() -> None:
    assert query_range("2024-01..2024-03", TODAY) == DateRange("2024-01-01", "2024-03-31")
    assert query_range("..2024", TODAY) == DateRange(None, "2024-12-31")
    assert query_range("2024-02", TODAY) == DateRange("2024-02-01", "2024-02-29")
    with pytest.raises(UsageError, match="date:x..y"):
        query_range("x..y", TODAY)


def test_period_of_stored_dates() -> None:
    assert period("2024") == ("2024-01-01", "2024-12-31")
    assert period("2024-02") == ("2024-02-01", "2024-02-29")
    assert period("2024-02-03") == ("2024-02-03", "2024-02-03")


@settings(max_examples=300, deadline=None)
@given(
    stored=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    precision=st.sampled_from([4, 7, 10]),
    bounds=st.tuples(st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31)),
                     st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31))),
)
def test_range_sql_is_period_overlap(
    stored: date, precision: int, bounds: tuple[date | None, date | None]
) -> None:
    """The SQL's string comparisons agree with the plain definition: the stored date's
    period overlaps the range."""
    iso = stored.isoformat()[:precision]
    r = DateRange(*(b.isoformat() if b else None for b in bounds))
    where, params = range_sql(r)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE articles (date TEXT)")
    db.execute("INSERT INTO articles VALUES (?)", (iso,))
    found = bool(db.execute(f"SELECT count(*) FROM articles a WHERE {where or '1'}", params
                            ).fetchone()[0])
    first, last = period(iso)
    expected = (r.start is None or last >= r.start) and (r.end is None or first <= r.end)
    assert found == expected
