"""Several queries on one timeline (issue 18): counts per period and query, the share of the
period's articles each count is, and each query's peaks named by their top article.

`timeline "Al-Qaim" "Deir ez-Zor" --by week` gives one Series: every query over the same
periods (from the first match of any query to the last, stretched to --since/--until), empty
periods with count 0, `undated` last when any query has an undated match. The total of a period
is every article it holds (each story once with --collapse), or with `--within QUERY` those
matching QUERY; the queries then count only their matches inside that set, so a ratio is never
above 1. A period holding no article at all has ratio None (an empty cell), not 0/0.

PEAK_RULE says when a period is a peak; it is found on the counts, not the ratios.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from statistics import median

from newsarc.dates import DateRange, period
from newsarc.errors import UsageError
from newsarc.models import UNDATED, Period, Series, SeriesPoint, SeriesQuery, TimelineEntry
from newsarc.store import Store
from newsarc.timeline import _start, collapsed, entries, periods

PEAK_SPAN = 3  # the neighbours a period is compared with: 3 periods either side
PEAK_FACTOR = 2.0  # ... its count at least twice their median
PEAK_MIN = 3  # ... and at least 3 articles
PEAK_RULE = (
    f"a peak is a period whose count is at least {PEAK_MIN}, at least {PEAK_FACTOR:g}x the "
    f"median count of the {PEAK_SPAN} periods either side, and no lower than either neighbour "
    "(a plateau peaks once, at its first period)"
)

_LABEL = re.compile(r"([A-Za-z_][\w-]*)=(.+)", re.DOTALL)
_OPERATORS = ("OR", "AND", "NOT")


def parse_queries(positional: Sequence[str], options: Sequence[str]) -> list[SeriesQuery]:
    """The queries of a counting timeline: each positional argument one query, then each
    `--query`. `name=QUERY` labels one (else its label is its text).

    So that `timeline Iraq -Syria` and `timeline Iraq OR Iraqi` still count one query, a
    positional word that is an exclusion (`-Syria`) joins the query before it, and a bare
    operator (`OR`, `AND`, `NOT`) joins the words on either side of it, and a query that is
    only exclusions so far (`-Trump York`) takes the next word.
    """
    groups: list[list[str]] = []
    glue = False  # the previous word was an operator: this one joins the same query
    for word in positional:
        text = word.strip()
        if not text:
            continue
        joins = groups and (glue or text.startswith("-") or text in _OPERATORS
                            or all(w.startswith("-") for w in groups[-1]))
        if joins and not _LABEL.fullmatch(text):
            groups[-1].append(text)
        else:
            groups.append([text])
        glue = text in _OPERATORS
    found = [_labelled(" ".join(g)) for g in groups]
    found += [_labelled(q.strip()) for q in options if q.strip()]
    labels = Counter(q.label for q in found)
    twice = [label for label, n in labels.items() if n > 1]
    if twice:
        raise UsageError(f"the query {twice[0]!r} is given twice: label one (`name=QUERY`)")
    return found


def _labelled(text: str) -> SeriesQuery:
    match = _LABEL.fullmatch(text)
    if match and match.group(2).strip():
        return SeriesQuery(match.group(1), match.group(2).strip())
    return SeriesQuery(text, text)


def series(
    store: Store,
    queries: Sequence[SeriesQuery],
    by: str,
    within: DateRange,
    *,
    collapse: bool = False,
    within_query: str | None = None,
    span: DateRange | None = None,
) -> Series:
    """Every query counted per `by` period over the same periods, with totals and ratios.

    `span` (the command's range to show when nothing is dated) overrides the periods' span.
    """
    found: list[list[TimelineEntry]] = []
    for q in queries:
        own = entries(store, q.text, within, sections=False)
        found.append(collapsed(store, own) if collapse else own)
    totals: Counter[str | None]
    if within_query is not None or collapse:
        base = entries(store, within_query, within, sections=False)
        if collapse:
            base = collapsed(store, base)
        if within_query is not None:
            keep = {e.id for e in base}
            found = [[e for e in own if e.id in keep] for own in found]
        totals = _bucket(((e.date, 1) for e in base), by, within)
    else:
        totals = _bucket(store.date_counts(within.start, within.end), by, within)
    overall = periods([e for own in found for e in own], by, span or within)
    dated = [p for p in overall if p.start is not None]
    shown = DateRange(dated[0].start, dated[-1].end) if dated else within
    any_undated = any(p.start is None for p in overall)
    per_query: list[list[Period]] = []
    for own in found:
        rows = periods(own, by, shown) if dated or own else []
        rows = [p for p in rows if p.start is not None]
        if not rows and dated:  # no match of this query: the same periods, each empty
            rows = [Period(p.label, p.start, p.end) for p in dated]
        if any_undated:
            rows.append(Period(UNDATED, None, None, tuple(e.id for e in own if e.date is None)))
        per_query.append(rows)
    scores = {e.id: e.score or 0.0 for own in found for e in own}
    titles = {e.id: e.title for own in found for e in own}
    points: list[list[SeriesPoint]] = []
    for q, rows in zip(queries, per_query, strict=True):
        peaks = set(find_peaks([p.count for p in rows if p.start is not None]))
        column = []
        for n, p in enumerate(rows):
            total = totals.get(p.start, 0)
            top = max(p.ids, key=lambda id: scores[id]) if n in peaks and p.ids else None
            column.append(SeriesPoint(
                p.label, p.start, p.end, q.label, p.count, total,
                p.count / total if total else None,
                titles[top] if top else None, top))
        points.append(column)
    flat = tuple(pt for row in zip(*points, strict=True) for pt in row)
    return Series(tuple(queries), flat, by, within_query)


def _bucket(
    dates: Iterable[tuple[str | None, int]], by: str, within: DateRange
) -> Counter[str | None]:
    """Counts per period start (ISO day; None for undated), as periods() files an article:
    by its first day, or the --since day when that is later."""
    floor = date.fromisoformat(within.start) if within.start else None
    starts: dict[str, str] = {}  # each date string's period start, worked out once
    counts: Counter[str | None] = Counter()
    for value, n in dates:
        if value is None:
            counts[None] += n
            continue
        start = starts.get(value)
        if start is None:
            day = date.fromisoformat(period(value)[0])
            if floor is not None and day < floor:
                day = floor
            start = starts[value] = _start(day, by).isoformat()
        counts[start] += n
    return counts


def find_peaks(counts: Sequence[int]) -> list[int]:
    """The indexes of the peaks among a query's counts per period (PEAK_RULE)."""
    found = []
    for i, n in enumerate(counts):
        if n < PEAK_MIN:
            continue
        before = counts[max(0, i - PEAK_SPAN):i]
        after = counts[i + 1:i + 1 + PEAK_SPAN]
        if (before and before[-1] >= n) or (after and after[0] > n):
            continue  # not a local maximum, or not the first period of a plateau
        around = [*before, *after]
        if not around or n >= PEAK_FACTOR * median(around):
            found.append(i)
    return found


def wide_rows(found: Series, normalize: bool) -> tuple[list[dict[str, object]], tuple[str, ...]]:
    """`--wide`: one row per period, `period, start, end, total`, then a column per query
    named by its label (its count, or its ratio with `normalize`)."""
    labels = tuple(q.label for q in found.queries)
    fields = ("period", "start", "end", "total")
    clash = set(labels) & set(fields)
    if clash:
        raise UsageError(f"--wide: a query labelled {sorted(clash)[0]!r} would hide a column: "
                         "label it otherwise (`name=QUERY`)")
    rows: dict[str, dict[str, object]] = {}
    for p in found.points:
        row = rows.setdefault(p.period, {"period": p.period, "start": p.start, "end": p.end,
                                         "total": p.total})
        row[p.query] = p.ratio if normalize else p.count
    return list(rows.values()), fields + labels
