"""Dates as users type them: `--since`, `--until` and `date:A..B` inside a query.

Every date names a period (a day, an ISO week, a month or a year); a bound covers its whole
period, so `--until 2024-02` includes 29 February, `--since 2024` starts on 1 January and
`--since 2024-W05` on Monday 29 January (`2024W05`, `2024-w05` too: the labels of
`timeline --by week`). Relative forms
count back from today: `7d`, `2w`, `3m`, `1y`, `today`, `yesterday`, `last week` (the previous
Monday-to-Sunday week), `last month` (the previous calendar month).

Article dates are stored at their own precision; an article matches a range when its period
overlaps it, so an article dated only `2024-02` is within `--since 2024-02-10`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newsarc.errors import UsageError

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$")  # matched on lower-cased text
_RELATIVE = re.compile(r"^(\d+)\s*([dwmy])$")

# The forms each error message suggests; tests check that every one is read where it is listed.
# `date:` inside a query ends at a space, so its forms have none ('last week' reads as `last`).
QUERY_FORMS = ("2024-02-03", "2024-02", "2024", "2024-W05", "7d", "2w", "3m", "1y", "today",
               "yesterday")
OPTION_FORMS = (*QUERY_FORMS, "'Feb 2024'", "'last week'", "'last month'")
_OPTION_TRY = ", ".join(OPTION_FORMS)
_QUERY_TRY = ", ".join(QUERY_FORMS) + "; a range: 2024-01..2024-03, 2024-02.., ..2024-W05"


@dataclass(frozen=True)
class DateRange:
    """Inclusive ISO day bounds; None is open."""

    start: str | None = None
    end: str | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def intersect(self, other: DateRange) -> DateRange:
        starts = [d for d in (self.start, other.start) if d]
        ends = [d for d in (self.end, other.end) if d]
        return DateRange(max(starts) if starts else None, min(ends) if ends else None)


def period(iso: str) -> tuple[str, str]:
    """First and last day of a stored date at its precision."""
    year = int(iso[:4])
    if len(iso) == 4:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(iso[5:7])
    if len(iso) == 7:
        last = calendar.monthrange(year, month)[1]
        return f"{iso}-01", f"{iso}-{last:02d}"
    return iso, iso


def parse_period(text: str, today: date | None = None) -> tuple[str, str] | None:
    """The (first day, last day) that `text` names, or None when it is not a date."""
    today = today or date.today()
    t = " ".join(text.strip().lower().split())
    if not t:
        return None
    m = _ISO_WEEK.match(t)
    if m:
        return _iso_week(int(m.group(1)), int(m.group(2)))
    m = _ISO.match(t)
    if m:
        try:
            datetime(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        except ValueError:
            return None
        if m.group(3):
            iso = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        elif m.group(2):
            iso = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        else:
            iso = m.group(1)
        return period(iso)
    rel = _relative(t, today)
    if rel is not None:
        return rel
    found = free_text_date(text)
    return period(found) if found else None


def _iso_week(year: int, week: int) -> tuple[str, str] | None:
    """Monday and Sunday of ISO week `week` of `year`; None for a week the year does not have
    (week 53 exists only in years with 53 ISO weeks)."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def _relative(t: str, today: date) -> tuple[str, str] | None:
    day = today.isoformat()
    if t == "today":
        return day, day
    if t == "yesterday":
        before = (today - timedelta(days=1)).isoformat()
        return before, before
    if t in ("last week", "lastweek"):
        monday = today - timedelta(days=today.weekday() + 7)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    if t in ("last month", "lastmonth"):
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1).isoformat(), last.isoformat()
    if t in ("last year", "lastyear"):
        year = today.year - 1
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    m = _RELATIVE.match(t)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if n > 100_000:
        return None
    if unit == "d":
        start = today - timedelta(days=n)
    elif unit == "w":
        start = today - timedelta(weeks=n)
    else:
        months = n * (12 if unit == "y" else 1)
        y, mo = divmod(today.year * 12 + today.month - 1 - months, 12)
        if y < 1:
            return None
        start = date(y, mo + 1, min(today.day, calendar.monthrange(y, mo + 1)[1]))
    return start.isoformat(), day


def free_text_date(text: str) -> str | None:
    """`Feb 3, 2024`, `3 February 2024`, `Feb 2024`: an ISO date at the precision given.

    python-dateutil fills missing fields from a default date; parsing with two different
    defaults shows which fields the text really gave, so `Feb 2024` stays a month and
    `Feb 3` (no year) is refused rather than given this year.
    """
    if not any(ch.isdigit() for ch in text) or len(text) > 60:
        return None
    from dateutil import parser as dateparser

    try:
        a = dateparser.parse(text, default=datetime(2000, 1, 1))
        b = dateparser.parse(text, default=datetime(2001, 2, 2))
    except Exception:  # dateutil on arbitrary text (even decimal.InvalidOperation): not a date
        return None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    return f"{a.year:04d}-{a.month:02d}-{a.day:02d}"


def date_range(
    since: str | None, until: str | None, today: date | None = None
) -> DateRange:
    """The range given by `--since`/`--until`; UsageError names the option it cannot read."""
    start = end = None
    if since is not None:
        p = parse_period(since, today)
        if p is None:
            raise UsageError(f"--since: cannot read {since!r} as a date (try {_OPTION_TRY})")
        start = p[0]
    if until is not None:
        p = parse_period(until, today)
        if p is None:
            raise UsageError(f"--until: cannot read {until!r} as a date (try {_OPTION_TRY})")
        end = p[1]
    if start and end and start > end:
        raise UsageError(f"--since {since!r} is after --until {until!r}: no date can match")
    return DateRange(start, end)


def query_range(spec: str, today: date | None = None) -> DateRange:
    """`date:2024-01..2024-03` in a query (either end may be open; one period alone is fine)."""
    first, dots, last = spec.partition("..")
    if not dots:
        return DateRange(*_query_period(spec, spec, today))
    start = _query_period(spec, first, today)[0] if first else None
    end = _query_period(spec, last, today)[1] if last else None
    if start and end and start > end:
        raise UsageError(f"date:{spec}: {first!r} is after {last!r}: no date can match")
    return DateRange(start, end)


def _query_period(spec: str, text: str, today: date | None) -> tuple[str, str]:
    """One end of `date:SPEC`. The query language ends a word at a space, so `date:last week`
    arrives as `last`: the error suggests only forms without a space."""
    p = parse_period(text, today)
    if p is None:
        hint = None
        if text.lower() == "last":
            hint = ("a date in a query ends at a space: write date:lastweek or date:lastmonth, "
                    "or use --since 'last week'")
        raise UsageError(f"date:{spec}: cannot read {text!r} as a date (try {_QUERY_TRY})",
                         hint=hint)
    return p


def range_sql(r: DateRange) -> tuple[str, list[str]]:
    """A WHERE fragment on `articles a` (undated articles excluded) and its parameters.

    An article's date is a prefix of every day in its period (`2024-02` of `2024-02-10`), so
    "its period overlaps [start, end]" is two string comparisons: the date is not after `end`
    (a prefix sorts before its extensions), and not before `start` cut to the date's length.
    """
    if not r:
        return "", []
    clauses, params = ["a.date IS NOT NULL"], []
    if r.start:
        clauses.append("a.date >= substr(?, 1, length(a.date))")
        params.append(r.start)
    if r.end:
        clauses.append("a.date <= ?")
        params.append(r.end)
    return " AND ".join(clauses), params
