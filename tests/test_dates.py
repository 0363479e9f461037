"""Dates as users type them, against a fixed today."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.dates import (
    QUERY_FORMS,
    AmbiguousDate,
    DateRange,
    NumericDate,
    date_range,
    env_dayfirst,
    numeric_date,
    parse_period,
    period,
    query_range,
    range_sql,
)
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


# --- ISO weeks --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2017-W10", "2017-w10", "2017W10", "2017w10", " 2017-W10 "])
def test_iso_week_forms(text: str) -> None:
    assert parse_period(text, TODAY) == ("2017-03-06", "2017-03-12")  # Monday..Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-W01", ("2018-12-31", "2019-01-06")),  # week 1 may start in the year before
        ("2020-W53", ("2020-12-28", "2021-01-03")),  # 2020 has 53 ISO weeks
        ("2015-W53", ("2015-12-28", "2016-01-03")),
        ("2024-W05", ("2024-01-29", "2024-02-04")),
    ],
)
def test_iso_weeks_across_years(text: str, expected: tuple[str, str]) -> None:
    assert parse_period(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2017-W54", "2017-W53", "2021-W53", "2017-W00", "2017-W99",
                                  "2017-W", "2017-W100", "0000-W01", "2017-W10-1"])
def test_weeks_a_year_does_not_have_are_refused(text: str) -> None:
    assert parse_period(text, TODAY) is None


def test_week_53_exactly_where_the_year_has_one() -> None:
    for year in range(1900, 2101):
        has_53 = date(year, 12, 28).isocalendar()[1] == 53  # 28 December is in the last week
        assert (parse_period(f"{year}-W53", TODAY) is not None) == has_53, year


@settings(max_examples=300, deadline=None)
@given(day=st.dates(date(1, 1, 8), date(9999, 12, 24)))
def test_a_week_label_names_the_week_of_its_days(day: date) -> None:
    year, week, weekday = day.isocalendar()
    first, last = parse_period(f"{year:04d}-W{week:02d}", TODAY) or ("", "")
    assert first == (day - timedelta(days=weekday - 1)).isoformat()
    assert last == (day + timedelta(days=7 - weekday)).isoformat()


def test_query_range_takes_weeks() -> None:
    assert query_range("2017-W10", TODAY) == DateRange("2017-03-06", "2017-03-12")
    assert query_range("2017-W10..2017w12", TODAY) == DateRange("2017-03-06", "2017-03-26")
    assert query_range("..2017-w10", TODAY) == DateRange(None, "2017-03-12")
    with pytest.raises(UsageError, match="^date:2017-W54: cannot read '2017-W54'"):
        query_range("2017-W54", TODAY)


# --- error messages name the end that cannot be read, and forms that work there ----------------


def test_query_range_names_the_unreadable_end() -> None:
    with pytest.raises(UsageError, match="^date:2024-01..soon: cannot read 'soon' as a date"):
        query_range("2024-01..soon", TODAY)
    with pytest.raises(UsageError, match="^date:2024..2023: '2024' is after '2023'"):
        query_range("2024..2023", TODAY)


def test_query_message_lists_no_form_with_a_space() -> None:
    with pytest.raises(UsageError) as caught:
        query_range("last", TODAY)  # what the query parser passes for `date:last week`
    assert "last week" not in caught.value.message and "Feb 2024" not in caught.value.message
    assert caught.value.hint is not None and "date:lastweek" in caught.value.hint
    assert all(" " not in form for form in QUERY_FORMS)


# --- numeric dates (issue 13): day first unless chosen; a typed date read two ways is refused --


@pytest.mark.parametrize(
    ("text", "dayfirst", "iso", "others", "order"),
    [
        ("05.03.2017", None, "2017-03-05", ("2017-05-03",), "day first"),
        ("05.03.2017", True, "2017-03-05", (), "day first"),
        ("05.03.2017", False, "2017-05-03", (), "month first"),
        ("13.03.2017", None, "2017-03-13", (), "day first"),
        ("13.03.2017", False, "2017-03-13", (), "day first"),  # only one order reads it
        ("03/13/2017", None, "2017-03-13", (), "month first"),
        ("07/02/2017", None, "2017-02-07", ("2017-07-02",), "day first"),
        ("07/02/2017", False, "2017-07-02", (), "month first"),
        ("7-2-2017", None, "2017-02-07", ("2017-07-02",), "day first"),
        ("05.05.2017", None, "2017-05-05", (), "day first"),
        ("07/02/17", None, "2017-02-07", ("2017-07-02",), "day first"),
        ("07/02/98", True, "1998-02-07", (), "day first"),
        ("2017/02/07", None, "2017-02-07", (), "year first"),
        ("2017-02-07", None, "2017-02-07", (), "year first"),
        ("17-02-07", None, None, ("2007-02-17", "2017-02-07"), "day first"),
        ("17-02-07", False, None, ("2007-02-17", "2017-02-07"), "day first"),
        ("99-12-31", None, "1999-12-31", (), "year first"),
        ("31.02.2017", None, None, (), "day first"),
        ("13.13.2017", None, None, (), "day first"),
    ],
)
def test_numeric_date(
    text: str, dayfirst: bool | None, iso: str | None, others: tuple[str, ...], order: str
) -> None:
    assert numeric_date(text, dayfirst, TODAY) == NumericDate(text, iso, others, order)


def test_numeric_date_is_only_three_numbers() -> None:
    assert numeric_date("2017-02", None) is None
    assert numeric_date("05.03.2017.", None) is None
    assert numeric_date("05/03-2017", None) is None


def test_numeric_date_problems() -> None:
    assert numeric_date("13.03.2017", None).problem() is None  # type: ignore[union-attr]
    assert numeric_date("05.03.2017", None).problem() == (  # type: ignore[union-attr]
        "ambiguous date '05.03.2017' read as 2017-03-05 (day first)")
    assert numeric_date("31.02.2017", None).problem() == (  # type: ignore[union-attr]
        "impossible date '31.02.2017'")


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("05.03.2017", True, ("2017-03-05", "2017-03-05")),
        ("05.03.2017", False, ("2017-05-03", "2017-05-03")),
        ("13.03.2017", None, ("2017-03-13", "2017-03-13")),
        ("07/02/2017", False, ("2017-07-02", "2017-07-02")),
    ],
)
def test_numeric_periods_follow_the_order_chosen(
    text: str, dayfirst: bool | None, expected: tuple[str, str]
) -> None:
    assert parse_period(text, TODAY, dayfirst) == expected


@pytest.mark.parametrize("text", ["05.03.2017", "07/02/2017", "17-02-07"])
def test_an_ambiguous_typed_date_is_refused_unless_the_order_is_chosen(text: str) -> None:
    with pytest.raises(AmbiguousDate):
        parse_period(text, TODAY)
    with pytest.raises(UsageError, match=f"^--since: ambiguous date '{text}': ") as caught:
        date_range(text, None, TODAY)
    assert caught.value.hint == ("write it as YYYY-MM-DD, or set NEWSARC_DAYFIRST=1 (day first) "
                                 "or 0 (month first)")
    with pytest.raises(UsageError, match=f"^date:..{text}: ambiguous date '{text}': "):
        query_range(f"..{text}", TODAY)


def test_an_ambiguous_typed_date_names_its_readings() -> None:
    with pytest.raises(UsageError) as caught:
        date_range(None, "05.03.2017", TODAY)
    assert caught.value.message == ("--until: ambiguous date '05.03.2017': 2017-03-05 (day first) "
                                    "or 2017-05-03 (month first)?")
    with pytest.raises(UsageError) as caught:
        query_range("17-02-07", TODAY)
    assert caught.value.message == ("date:17-02-07: ambiguous date '17-02-07': 2007-02-17 or "
                                    "2017-02-07?")


def test_since_and_date_follow_the_order_chosen() -> None:
    assert date_range("05.03.2017", None, TODAY, dayfirst=True).start == "2017-03-05"
    assert date_range(None, "05.03.2017", TODAY, dayfirst=False).end == "2017-05-03"
    assert query_range("05.03.2017..", TODAY, dayfirst=True) == DateRange("2017-03-05", None)
    assert query_range("13.03.2017", TODAY) == DateRange("2017-03-13", "2017-03-13")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("0", False), ("no", False), ("", None), (None, None)],
)
def test_env_dayfirst(value: str | None, expected: bool | None) -> None:
    env = {} if value is None else {"NEWSARC_DAYFIRST": value}
    assert env_dayfirst(env) is expected


def test_env_dayfirst_refuses_what_it_cannot_read() -> None:
    with pytest.raises(UsageError, match="^NEWSARC_DAYFIRST='maybe': use 1"):
        env_dayfirst({"NEWSARC_DAYFIRST": "maybe"})
