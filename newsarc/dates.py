"""Dates as users type them: `--since`, `--until` and `date:A..B` inside a query.

Every date names a period (a day, an ISO week, a month or a year); a bound covers its whole
period, so `--until 2024-02` includes 29 February, `--since 2024` starts on 1 January and
`--since 2024-W05` on Monday 29 January (`2024W05`, `2024-w05` too: the labels of
`timeline --by week`). Relative forms
count back from today: `7d`, `2w`, `3m`, `1y`, `today`, `yesterday`, `last week` (the previous
Monday-to-Sunday week), `last month` (the previous calendar month).

Article dates are stored at their own precision; an article matches a range when its period
overlaps it, so an article dated only `2024-02` is within `--since 2024-02-10`.

Numeric dates (`05.03.2017`, `07/02/2017`, `5-3-17`) are read by `numeric_date()`, in an order
the caller passes as `dayfirst` (True, False, or None when the user has not chosen; the CLI
takes it from `--dayfirst`/`--monthfirst` or `$NEWSARC_DAYFIRST`, see `env_dayfirst()`).
Unchosen, the order is day first: dotted and dashed numeric dates are day-first wherever they
are written, and so are slashed ones everywhere but North America and a few others; one
default for every separator also means a file's date line and a `--since` typed beside it
agree. A date whose day and month could be swapped (both at most 12, and different) is
ambiguous: ingest warns and names the reading taken; `--since`, `--until` and `date:` refuse
it (a usage error), since a typed date can be retyped as ISO at once while a wrong guess
would silently change what is found. A two-digit year is the last number (`07/02/17`), but in
a dashed date (`17-02-07`) it may be the first, as in ISO order: when both readings are
possible the date is refused too.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newsarc.errors import UsageError

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$")  # matched on lower-cased text
_RELATIVE = re.compile(r"^(\d+)\s*([dwmy])$")
# Three numbers with one separator: `05.03.2017`, `7/2/17`, `2017/02/07`, `17-02-07`.
NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})")

DAYFIRST_ENV = "NEWSARC_DAYFIRST"
DAY_FIRST, MONTH_FIRST = "day first", "month first"
_CHOOSE_HINT = f"write it as YYYY-MM-DD, or set {DAYFIRST_ENV}=1 (day first) or 0 (month first)"

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


@dataclass(frozen=True)
class NumericDate:
    """How `numeric_date()` read three numbers: `iso` is the reading taken (None when there is
    none: an impossible date, or a year that could be the first number or the last); `others`
    the other readings the text allows when `iso` was a guess (or when no guess was made),
    best first; `order` says how `iso` was read (`day first`, `month first`, `year first`)."""

    text: str
    iso: str | None
    others: tuple[str, ...] = ()
    order: str = DAY_FIRST

    @property
    def ambiguous(self) -> bool:
        return bool(self.others)

    def problem(self) -> str | None:
        """What to tell the user, or None for a date read one way only."""
        if self.iso is None and not self.others:
            return f"impossible date {self.text!r}"
        if self.iso is None:
            return f"ambiguous date {self.text!r} ({' or '.join(self.others)})"
        if self.others:
            return f"ambiguous date {self.text!r} read as {self.iso} ({self.order})"
        return None

    def choices(self) -> str:
        """The readings of an ambiguous date, for a message: `2017-03-05 (day first) or
        2017-05-03 (month first)`."""
        if self.iso is None:
            return " or ".join(self.others)
        other = MONTH_FIRST if self.order == DAY_FIRST else DAY_FIRST
        return f"{self.iso} ({self.order}) or {self.others[0]} ({other})"


def numeric_date(text: str, dayfirst: bool | None, today: date | None = None
                 ) -> NumericDate | None:
    """Read `text` when it is three numbers with one separator (`.`, `/` or `-`); None when
    it is not. A four-digit first number is the year (`2017/02/07`: year, month, day);
    otherwise the last is (`05.03.2017`), its day and month in the order `dayfirst` gives
    (None: not chosen, read day first; see the module docstring). A date only one order can
    read (`13.03.2017`) is read that way whatever was chosen. A two-digit year is within the
    century up to this year (`17` is 2017, `99` 1999)."""
    m = NUMERIC.fullmatch(text)
    if m is None:
        return None
    first, sep, middle, last = m.groups()
    if len(first) == 4:
        iso = _day(int(first), int(middle), int(last))
        return NumericDate(text, iso, (), "year first")
    if len(first) == 3 or len(last) not in (2, 4):
        return NumericDate(text, None)
    year = _full_year(last, today)
    order = DAY_FIRST if dayfirst is None or dayfirst else MONTH_FIRST
    by_day = _day(year, int(middle), int(first))
    by_month = _day(year, int(first), int(middle))
    chosen, swapped = (by_day, by_month) if order == DAY_FIRST else (by_month, by_day)
    if chosen is None and swapped is not None:  # only one order reads it: no choice to make
        chosen, swapped = swapped, None
        order = MONTH_FIRST if order == DAY_FIRST else DAY_FIRST
    others = [d for d in (swapped,) if d is not None and d != chosen and dayfirst is None]
    if sep == "-" and len(last) == 2:  # `17-02-07` may be ISO's order, the year first
        by_year = _day(_full_year(first, today), int(middle), int(last))
        if by_year is not None and by_year != chosen:
            if chosen is None:
                return NumericDate(text, by_year, (), "year first")
            return NumericDate(text, None, tuple(d for d in (chosen, *others, by_year) if d))
    return NumericDate(text, chosen, tuple(others), order)


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _full_year(digits: str, today: date | None) -> int:
    if len(digits) != 2:
        return int(digits)
    this = (today or date.today()).year
    year = this // 100 * 100 + int(digits)
    return year if year <= this else year - 100


def env_dayfirst(environ: dict[str, str] | None = None) -> bool | None:
    """`$NEWSARC_DAYFIRST`: 1 reads numeric dates day first, 0 month first; unset or empty,
    not chosen. UsageError for any other value."""
    value = (os.environ if environ is None else environ).get(DAYFIRST_ENV, "").strip().lower()
    if not value:
        return None
    if value in ("1", "true", "yes", "day"):
        return True
    if value in ("0", "false", "no", "month"):
        return False
    raise UsageError(f"{DAYFIRST_ENV}={value!r}: use 1 (day first) or 0 (month first)")


class AmbiguousDate(ValueError):
    """A typed date that can be read more than one way (`NumericDate.problem()` says how)."""


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


def parse_period(
    text: str, today: date | None = None, dayfirst: bool | None = None
) -> tuple[str, str] | None:
    """The (first day, last day) that `text` names, or None when it is not a date.
    AmbiguousDate for a numeric date that the order of day and month (`dayfirst`, None when
    not chosen) or the place of its year leaves open."""
    today = today or date.today()
    t = " ".join(text.strip().lower().split())
    if not t:
        return None
    numeric = numeric_date(t, dayfirst, today)
    if numeric is not None:
        if numeric.ambiguous:
            raise AmbiguousDate(f"ambiguous date {text.strip()!r}: {numeric.choices()}?")
        return period(numeric.iso) if numeric.iso else None
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
    since: str | None, until: str | None, today: date | None = None,
    dayfirst: bool | None = None,
) -> DateRange:
    """The range given by `--since`/`--until`; UsageError names the option it cannot read,
    or whose numeric date is ambiguous (`dayfirst`: see `numeric_date()`)."""
    start = end = None
    if since is not None:
        start = _option_period("--since", since, today, dayfirst)[0]
    if until is not None:
        end = _option_period("--until", until, today, dayfirst)[1]
    if start and end and start > end:
        raise UsageError(f"--since {since!r} is after --until {until!r}: no date can match")
    return DateRange(start, end)


def _option_period(
    option: str, text: str, today: date | None, dayfirst: bool | None
) -> tuple[str, str]:
    try:
        p = parse_period(text, today, dayfirst)
    except AmbiguousDate as exc:
        raise UsageError(f"{option}: {exc}", hint=_CHOOSE_HINT) from None
    if p is None:
        raise UsageError(f"{option}: cannot read {text!r} as a date (try {_OPTION_TRY})")
    return p


def query_range(
    spec: str, today: date | None = None, dayfirst: bool | None = None, field: str = "date"
) -> DateRange:
    """`date:2024-01..2024-03` in a query (either end may be open; one period alone is fine),
    or another `field` that takes a range (`mentions:`), which errors name. `dayfirst` as for
    `numeric_date()`: `date:05.03.2017` is refused unless it is chosen."""
    name = f"{field}:{spec}"
    first, dots, last = spec.partition("..")
    if not dots:
        return DateRange(*_query_period(name, spec, today, dayfirst))
    start = _query_period(name, first, today, dayfirst)[0] if first else None
    end = _query_period(name, last, today, dayfirst)[1] if last else None
    if start and end and start > end:
        raise UsageError(f"{name}: {first!r} is after {last!r}: no date can match")
    return DateRange(start, end)


def _query_period(
    name: str, text: str, today: date | None, dayfirst: bool | None
) -> tuple[str, str]:
    """One end of `date:SPEC` (`name`, as errors say it). The query language ends a word at a
    space, so `date:last week` arrives as `last`: the error suggests only forms without a
    space."""
    try:
        p = parse_period(text, today, dayfirst)
    except AmbiguousDate as exc:
        raise UsageError(f"{name}: {exc}", hint=_CHOOSE_HINT) from None
    if p is None:
        hint = None
        if text.lower() == "last":
            hint = ("a date in a query ends at a space: write date:lastweek or date:lastmonth, "
                    "or use --since 'last week'")
        raise UsageError(f"{name}: cannot read {text!r} as a date (try {_QUERY_TRY})",
                         hint=hint)
    return p


def range_sql(r: DateRange) -> tuple[str, list[str]]:
    """A WHERE fragment on `articles a` (undated articles excluded) and its parameters.

    An article's date is a prefix of every day in its period (`2024-02` of `2024-02-10`), so
    "its period overlaps [start, end]" is two string comparisons: the date is not after `end`
    (a prefix sorts before its extensions), and not before `start` cut to the date's length.
    The cut is made only for a date before `start` itself (`a.date >= ? OR ...`: a day in
    the range passes on the first test; at 100k articles a year's range took 24.6 -> 22.4 ms
    over a common word's matches, against 20.1 for a plain BETWEEN). A NULL date fails both.
    """
    if not r:
        return "", []
    clauses, params = ["a.date IS NOT NULL"], []
    if r.start:
        clauses.append("(a.date >= ? OR a.date >= substr(?, 1, length(a.date)))")
        params.extend([r.start, r.start])
    if r.end:
        clauses.append("a.date <= ?")
        params.append(r.end)
    return " AND ".join(clauses), params
