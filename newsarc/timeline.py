"""Timelines: the articles in date order, or counted per day, ISO week, month or year.

Periods run from the first to the last with the empty ones included (count 0), so a gap in the
coverage shows as a gap. An article dated only to a month or a year has no single day: it is
counted in the period of its first day (`2024-02` in 2024-02-01, ISO week 2024-W05), or of the
`--since` day when its first day is earlier, so it always lands inside the range asked for.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta

from newsarc.dates import DateRange, period
from newsarc.errors import UsageError
from newsarc.models import UNDATED, Period, TimelineEntry
from newsarc.query import search
from newsarc.store import Store

UNITS = ("day", "week", "month", "year")
TOP_TITLES = 3
MAX_PERIODS = 100_000  # a century of days; more is a typo in --since, not a timeline


def entries(
    store: Store, query: str | None, within: DateRange, sections: bool = True
) -> list[TimelineEntry]:
    """The matching articles, oldest first, undated last; with a query (and `sections`), with
    each one's best-matching section, which only the list shows, not the counts per period."""
    if query is None:
        return [TimelineEntry(*row) for row in store.dated_articles(within.start, within.end)]
    hits = search(store, query, limit=0, date_range=within or None, snippets=False,
                  sections=sections)
    found = [TimelineEntry(h.date, h.id, h.title, h.section, h.score) for h in hits]
    return sorted(found, key=lambda e: (e.date is None, e.date or "", e.id))


def collapsed(store: Store, found: list[TimelineEntry]) -> list[TimelineEntry]:
    """Each story cluster once (issue 14): as its representative when that is among `found`
    (so the story counts in the period it was first reported), else as its earliest entry
    (the representative is outside the range or does not match). Oldest first."""
    cluster = store.clusters_of([e.id for e in found])
    kept: dict[str, TimelineEntry] = {}
    for entry in found:  # oldest first: the first of a cluster is its earliest match
        key = cluster.get(entry.id, entry.id)
        if key not in kept or entry.id == key:
            kept[key] = entry
    return sorted(kept.values(), key=lambda e: (e.date is None, e.date or "", e.id))


def periods(found: Iterable[TimelineEntry], by: str, within: DateRange) -> list[Period]:
    """One Period per `by` unit from the first to the last, empty ones included, then `undated`.

    The span is stretched to `--since`/`--until` when they are given, so a range asked for is
    shown whole even where the archive has nothing.
    """
    if by not in UNITS:
        raise UsageError(f"--by: expected one of {', '.join(UNITS)}, got {by!r}")
    floor = date.fromisoformat(within.start) if within.start else None
    dated: dict[date, list[TimelineEntry]] = {}
    undated: list[TimelineEntry] = []
    for entry in found:
        if entry.date is None:
            undated.append(entry)
            continue
        day = date.fromisoformat(period(entry.date)[0])
        if floor is not None and day < floor:
            day = floor
        dated.setdefault(_start(day, by), []).append(entry)
    first = _start(floor, by) if floor else min(dated, default=None)
    last = _start(date.fromisoformat(within.end), by) if within.end else max(dated, default=None)
    rows: list[Period] = []
    if first is not None and last is not None:
        if _count(first, last, by) > MAX_PERIODS:
            raise UsageError(
                f"--by {by}: more than {MAX_PERIODS} periods; narrow --since/--until "
                "or use a longer period"
            )
        start: date | None = first
        while start is not None and start <= last:
            following = _next(start, by)
            end = following - timedelta(days=1) if following else date.max
            rows.append(_period(_label(start, by), start.isoformat(), end.isoformat(),
                                dated.get(start, [])))
            start = following
    if undated:
        rows.append(_period(UNDATED, None, None, undated))
    return rows


Row = tuple[str | None, str, str, float | None]  # date, id, title, score (None: no query)


class Counted:
    """`timeline --by` without --collapse or --split (issue 21): the matching articles read
    from SQL oldest first, undated last, and counted a period at a time, so memory holds one
    period's ids, not every article. Gives exactly the Periods of `periods(entries(...))`.

    `matched` and `dated` (some match has a date) are known before any period is made, so
    the command can choose the range to show. Measured at 100,000 articles: see the README.
    """

    def __init__(self, store: Store, query: str | None, within: DateRange) -> None:
        self.store = store
        self.rows: Iterator[Row]
        if query is None:
            self.rows = ((d, id, title, None) for d, id, title in
                         store.dated_articles(within.start, within.end))
        else:
            from newsarc.query import dated_matches

            self.rows = dated_matches(store, query, within)
        self.first = next(self.rows, None)

    def close(self) -> None:
        """Stop reading (before the store closes: a reader gone from a pipe stops early)."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()

    @property
    def matched(self) -> bool:
        return self.first is not None

    @property
    def dated(self) -> bool:
        return self.first is not None and self.first[0] is not None

    def periods(self, by: str, within: DateRange) -> Iterator[Period]:
        """The Periods of `periods()`, one at a time (a usage error before the first, as
        there, when they would be more than MAX_PERIODS)."""
        rows = self.rows if self.first is None else itertools.chain([self.first], self.rows)
        return streamed_periods(rows, by, within, self.store.last_date())


def streamed_periods(rows: Iterable[Row], by: str, within: DateRange, latest: str | None
                     ) -> Iterator[Period]:
    """`periods()` over rows sorted as `entries()` sorts them, made a period at a time.

    A period's start never decreases along the rows (a date sorts before the dates it holds,
    and its first day before theirs), so each period's rows come together. `latest`, a date
    no row is after, bounds the span for the MAX_PERIODS check before anything is made; when
    that bound is too far (a stray date centuries away) the rows are counted as before."""
    if by not in UNITS:
        raise UsageError(f"--by: expected one of {', '.join(UNITS)}, got {by!r}")
    floor = date.fromisoformat(within.start) if within.start else None
    rows = iter(rows)
    head = next(rows, None)
    first = _start(floor, by) if floor else (
        _day_start(head[0], floor, by) if head is not None and head[0] is not None else None)
    if within.end:
        bound: date | None = _start(date.fromisoformat(within.end), by)
    else:
        bound = _day_start(latest, floor, by) if latest is not None else first
    if first is not None and bound is not None and _count(first, bound, by) > MAX_PERIODS:
        found = [TimelineEntry(*row[:3], score=row[3]) for row in
                 itertools.chain([head] if head is not None else [], rows)]
        yield from periods(found, by, within)  # the exact span, or its usage error
        return
    if head is not None:
        rows = itertools.chain([head], rows)
    yield from _counted(rows, by, floor, first,
                        _start(date.fromisoformat(within.end), by) if within.end else None)


def _counted(rows: Iterator[Row], by: str, floor: date | None, first: date | None,
             last: date | None) -> Iterator[Period]:
    """The periods from `first` to `last` (or to the last row's), then `undated`."""
    starts: dict[str, date] = {}  # each date string's period, worked out once
    at = first  # the next period to make
    key: date | None = None  # the period being filled
    ids: list[str] = []
    best: list[tuple[float, str]] = []  # its top titles, best first
    row = None
    for row in rows:
        value, id, title, score = row
        if value is None:
            break
        start = starts.get(value)
        if start is None:
            start = starts[value] = _day_start(value, floor, by)
        if last is not None and start > last:
            continue  # --since after --until: no period holds it, as in periods()
        if start != key:
            if key is not None:
                yield _made(key, by, ids, best)
                at = _next(key, by)
            while at is not None and at < start:  # the empty periods before this one
                yield _made(at, by, [], [])
                at = _next(at, by)
            key, ids, best = start, [], []
        ids.append(id)
        _keep(best, score, title)
    else:
        row = None
    if key is not None:
        yield _made(key, by, ids, best)
        at = _next(key, by)
    while at is not None and last is not None and at <= last:
        yield _made(at, by, [], [])
        at = _next(at, by)
    if row is not None:  # the undated rows, by id
        ids, best = [], []
        for _, id, title, score in itertools.chain([row], rows):
            ids.append(id)
            _keep(best, score, title)
        yield Period(UNDATED, None, None, tuple(ids), tuple(t for _, t in best))


def _day_start(value: str, floor: date | None, by: str) -> date:
    """The period an article dated `value` is counted in (its first day, or `floor`)."""
    day = date.fromisoformat(period(value)[0])
    return _start(floor if floor is not None and day < floor else day, by)


def _keep(best: list[tuple[float, str]], score: float | None, title: str) -> None:
    """Keep `title` among a period's top titles as `_period()` chooses them: the best-scoring
    (the earlier first on a tie) with a query, else the earliest."""
    if score is None:
        if len(best) < TOP_TITLES:
            best.append((0.0, title))
        return
    if len(best) == TOP_TITLES and score <= best[-1][0]:
        return
    at = len(best)
    while at and best[at - 1][0] < score:
        at -= 1
    best.insert(at, (score, title))
    del best[TOP_TITLES:]


def _made(start: date, by: str, ids: list[str], best: list[tuple[float, str]]) -> Period:
    following = _next(start, by)
    end = following - timedelta(days=1) if following else date.max
    return Period(_label(start, by), start.isoformat(), end.isoformat(), tuple(ids),
                  tuple(t for _, t in best))


# How coarse each granularity of a date mention is, against the units a timeline counts by:
# a mention coarser than the unit (a year in a weekly timeline) is reported apart.
_GRAIN = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5,
          "decade": 6, "century": 7}
_UNIT_GRAIN = {"day": 0, "week": 1, "month": 2, "year": 5}


EVENT_SPAN = 1_000  # periods: a wider --events timeline without --since/--until lists only
# the periods with mentions


def _units_between(first: str | None, last: str | None, by: str) -> int:
    """About how many `by` units lie between two ISO days."""
    if not first or not last:
        return 0
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    return days // {"day": 1, "week": 7, "month": 28, "year": 365}[by]


def event_periods(
    store: Store, query: str | None, by: str, within: DateRange, collapse: bool = False
) -> tuple[list[Period], list[Period]]:
    """`timeline --events`: the articles counted by the dates they mention, not by their
    datelines. Returns (periods, coarser):

    - `periods`, one per `by` unit as `periods()` gives them, each with the articles that
      mention a date in it, each article once per period (a mention spanning several
      periods, `March 5-7` by day, counts in each);
    - `coarser`, one row per value mentioned that is coarser than the unit (a year, a
      quarter or a season by month; a week by day), with the articles that mention it,
      ordered by the date: such a mention is not spread over the periods it covers.

    `within` keeps the mentions whose days overlap it (and clips the periods to it). Without
    it, mentions spanning more than EVENT_SPAN periods give only the periods that have some.
    `collapse` counts each story cluster once a period (issue 14), by its first article there.
    """
    if by not in UNITS:
        raise UsageError(f"--by: expected one of {', '.join(UNITS)}, got {by!r}")
    articles = None
    if query is not None:
        from newsarc.query import article_filter

        articles = article_filter(store, query)
    unit = _UNIT_GRAIN[by]
    floor = date.fromisoformat(within.start) if within.start else date.min
    ceiling = date.fromisoformat(within.end) if within.end else date.max
    seen: set[tuple[date, str]] = set()
    entries: list[TimelineEntry] = []
    apart: dict[str, tuple[str, str, dict[str, str]]] = {}
    stories: dict[str, set[str]] = {}  # the stories each coarser value has counted
    found = store.mention_days(articles, within.start, within.end)
    cluster = store.clusters_of(sorted({row[0] for row in found})) if collapse else {}
    for id, _, title, value, granularity, first, last in found:
        key = cluster.get(id, id)  # the article itself, or with --collapse its story
        if _GRAIN.get(granularity, 7) > unit:
            if key not in stories.setdefault(value, set()):
                stories[value].add(key)
                apart.setdefault(value, (first, last, {}))[2].setdefault(id, title)
            continue
        start: date | None = _start(max(date.fromisoformat(first), floor), by)
        end = min(date.fromisoformat(last), ceiling)
        while start is not None and start <= end:
            if (start, key) not in seen:
                seen.add((start, key))
                entries.append(TimelineEntry(start.isoformat(), id, title))
            start = _next(start, by)
    entries.sort(key=lambda e: (e.date or "", e.id))
    if not within and entries and _units_between(entries[0].date, entries[-1].date, by) > \
            EVENT_SPAN:  # one "July 4, 1776" in a 2017 story: no centuries of empty rows
        groups: dict[str | None, list[TimelineEntry]] = {}
        for entry in entries:
            groups.setdefault(entry.date, []).append(entry)
        rows = [periods(group, by, within)[0] for group in groups.values()]
    else:
        rows = periods(entries, by, within) if entries or within else []
    coarser = [Period(value, first, last, tuple(found), tuple(list(found.values())[:TOP_TITLES]))
               for value, (first, last, found) in sorted(
                   apart.items(), key=lambda item: (item[1][0], item[1][1], item[0]))]
    return rows, coarser


def with_outlets(store: Store, found: list[TimelineEntry]) -> list[TimelineEntry]:
    """The entries with each article's outlet (`timeline --split source`), grouped by outlet
    (most articles first, those without one last), oldest first within each."""
    about = store.metadata_of([e.id for e in found])
    entries = [replace(e, outlet=about[e.id][1].outlet if e.id in about else None)
               for e in found]
    order = {outlet: n for n, outlet in enumerate(_outlets(entries))}
    return sorted(entries, key=lambda e: order[e.outlet])  # stable: dates stay in order


def _outlets(found: Iterable[TimelineEntry]) -> list[str | None]:
    counts = Counter(e.outlet for e in found)
    return sorted(counts, key=lambda o: (o is None, -counts[o], o or ""))


def split_periods(
    found: list[TimelineEntry], by: str, within: DateRange
) -> list[tuple[str | None, list[Period]]]:
    """One series per outlet (entries from `with_outlets()`): the periods of `periods()` over
    the span of all of them, so every series has the same rows; `undated` where any has it."""
    overall = periods(found, by, within)
    dated = [p for p in overall if p.start is not None]
    span = DateRange(dated[0].start, dated[-1].end) if dated else within
    series: list[tuple[str | None, list[Period]]] = []
    any_undated = any(p.start is None for p in overall)
    for outlet in _outlets(found):
        own = [e for e in found if e.outlet == outlet]
        rows = periods(own, by, span)
        if any_undated and not any(p.start is None for p in rows):
            rows.append(Period(UNDATED, None, None))
        series.append((outlet, rows))
    return series


def _period(label: str, start: str | None, end: str | None, found: list[TimelineEntry]) -> Period:
    """Titles shown are the best-scoring with a query, else the earliest."""
    scored = found and all(e.score is not None for e in found)
    best = sorted(found, key=lambda e: -(e.score or 0.0)) if scored else found
    return Period(label, start, end, tuple(e.id for e in found),
                  tuple(e.title for e in best[:TOP_TITLES]))


def _start(day: date, by: str) -> date:
    """The first day of the period that holds `day`."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if by == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _count(first: date, last: date, by: str) -> int:
    """How many periods from the one starting `first` to the one starting `last`."""
    if by == "day":
        return (last - first).days + 1
    if by == "week":
        return (last - first).days // 7 + 1
    months = (last.year - first.year) * 12 + last.month - first.month
    return (months if by == "month" else last.year - first.year) + 1


def _next(start: date, by: str) -> date | None:
    """The first day of the following period; None after the last one `date` can hold."""
    try:
        if by == "day":
            return start + timedelta(days=1)
        if by == "week":
            return start + timedelta(days=7)
        if by == "month":
            return date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return date(start.year + 1, 1, 1)
    except (OverflowError, ValueError):
        return None


def _label(start: date, by: str) -> str:
    if by == "day":
        return start.isoformat()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if by == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"
