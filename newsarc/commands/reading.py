"""Reading the archive: show, sections, timeline, stats, export.

Each command gathers plain data from browse/timeline/export and hands it to one render call.
`rich` is the default on a terminal, the plain format in a pipe (output.is_terminal()).
"""

import contextlib
import itertools
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsarc import output
from newsarc.errors import NewsarcError

if TYPE_CHECKING:
    from newsarc.dates import DateRange
    from newsarc.models import Article, Period, SeriesQuery
    from newsarc.store import Store
from newsarc.commands.base import (
    QueryCommand,
    RowFormat,
    SinceOption,
    TimelineCommand,
    UntilOption,
    _emit,
    _format,
    _format_option,
    _no_overflow,
    app,
    env_collapse,
    fail,
    open_store,
    read_ids,
    warn_stale_dates,
)


class ShowFormat(str, Enum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


class StatsFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


class TimelineFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Split(str, Enum):
    source = "source"
    outlet = "outlet"


class TimeUnit(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


@app.command()
def show(
    ids: Annotated[
        list[str],
        typer.Argument(help="Article ids or unique prefixes; `-` reads ids from stdin, the first "
                       "tab-separated field of each line (search's tsv pipes in)."),
    ],
    fmt: Annotated[
        ShowFormat | None,
        _format_option(ShowFormat, "text", "text is the seed format (`show X --format text | "
                       "newsarc ingest -` stores the same article), without tags; json is one "
                       "object per line, with `tags`; rich and markdown show them."),
    ] = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page the rich view.")
    ] = False,
) -> None:
    """Read articles. An unknown id is named on stderr and the others are still shown.

    Exit 0 when every id was shown, 1 when some id is unknown, 2 when a prefix is ambiguous.
    Article text is printed as data: markup and control characters are never interpreted.
    """
    from newsarc import browse, render

    chosen = _format(fmt, "text")
    worst = 0

    def report(exc: NewsarcError) -> None:
        nonlocal worst
        sys.stderr.write(output.message("", exc.message) + "\n")
        worst = max(worst, exc.exit_code)

    with open_store() as store:
        found = browse.lookup(store, read_ids(ids), report)
        if chosen == "rich":
            shown = list(found)
            if shown:
                dates = {a.id: store.mentions_of(a.id) for a in shown}
                places = {a.id: store.places_of(a.id) for a in shown}
                tags = {a.id: store.tags_of(a.id) for a in shown}
                render.print_paged(render.stdout_console(),
                                   render.article_view(shown, dates, tags, places),
                                   page=not no_pager)
        else:
            _write_articles(found, chosen, store)
    if worst:
        raise typer.Exit(worst)


def _write_articles(found: Iterable["Article"], chosen: str, store: "Store") -> None:
    """text, markdown or json, one article at a time so a long `show -` streams."""
    from newsarc import articles, render
    from newsarc.export import article_record, with_cluster, with_mentions

    for n, article in enumerate(found):
        if chosen == "json":
            record = with_mentions(store, article,
                                   with_cluster(store, article_record(article)))
            sys.stdout.write(output.json_line(record) + "\n")
        elif chosen == "markdown":
            sys.stdout.write(("\n---\n\n" if n else "")
                             + render.article_markdown(article, store.tags_of(article.id)))
        else:
            sys.stdout.write(("\n" if n else "") + output.safe(articles.write(article)) + "\n")


SUMMARY_FIELDS = ("position", "heading", "paragraphs", "words", "first_words")


SECTION_OF_FIELDS = ("id", "date", "heading", "text")


@app.command()
def sections(
    id: Annotated[
        str | None, typer.Argument(help="An article id or unique prefix; without one, every "
                                   "heading in the archive.")
    ] = None,
    heading: Annotated[
        str | None,
        typer.Option("--heading", metavar="TEXT",
                     help="The sections whose heading contains TEXT (any case), across articles "
                     "(or in ID), oldest first: id, date, heading, text."),
    ] = None,
    fmt: Annotated[RowFormat | None, _format_option(RowFormat, "tsv")] = None,
) -> None:
    """List an article's sections, the archive's headings, or one kind of section everywhere.

    With ID: one row per section (position, heading, paragraphs, words, first words); the lede
    is position 0, shown as "lede" on a terminal and empty (null in json) otherwise. Without
    ID: every heading with the number of articles that have it, most common first. Exit 1
    when nothing is listed.
    """
    from dataclasses import asdict

    from newsarc import browse, render
    from newsarc.articles import clean_id

    chosen = _format(fmt, "tsv")
    with open_store() as store:
        article = store.article(store.resolve(clean_id(id))) if id is not None else None
        if heading is not None:
            found = browse.sections_headed(store, heading, article.id if article else None)
            first = next(found, None)
            if first is None:
                fail(f"no section heading contains {heading!r}")
            every = itertools.chain([first], found)
            _emit(chosen, lambda: render.sections_of_view(every), map(asdict, every),
                  SECTION_OF_FIELDS)
        elif article is not None:
            rows = browse.summarise(article.sections)
            _emit(chosen, lambda: render.section_summaries_view(article, rows),
                  map(asdict, rows), SUMMARY_FIELDS)
        else:
            counts = browse.heading_counts(store)
            if not counts:
                fail("no headings in the archive")
            _emit(chosen, lambda: render.heading_counts_view(counts), map(asdict, counts),
                  ("heading", "articles"))


@app.command(cls=TimelineCommand)
def timeline(
    query: Annotated[
        list[str] | None,
        typer.Argument(help="A search (the search language); without one, the whole archive. "
                       "With --by, each argument is one query (`name=QUERY` labels it): "
                       "several give one series each."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    by: Annotated[
        TimeUnit | None,
        typer.Option("--by", help="Count per day, ISO week, month or year, empty periods "
                     "included."),
    ] = None,
    fmt: Annotated[TimelineFormat | None,
                   _format_option(TimelineFormat, "tsv", "markdown: with --story only.")] = None,
    split: Annotated[
        Split | None,
        typer.Option("--split", help="One series per outlet (source and outlet are the same): "
                     "with --by, one row per period and outlet (a column per outlet on a "
                     "terminal); without, the list grouped by outlet, with an outlet column."),
    ] = None,
    collapse: Annotated[
        bool | None,
        typer.Option("--collapse/--no-collapse",
                     help="Each story cluster once, in its representative's period (its "
                     "earliest article): a story reprinted ten times counts once. Default: "
                     "$NEWSARC_COLLAPSE (1 or 0), else off. With --events: each story once "
                     "a period it mentions."),
    ] = None,
    events: Annotated[
        bool,
        typer.Option("--events", help="Count by the dates the articles mention, not their "
                     "datelines: each article once per period it mentions (--by month unless "
                     "given); --since/--until filter the dates mentioned. Dates coarser than "
                     "the period (a year by week) are listed apart, as rows of kind `coarser`."),
    ] = False,
    story: Annotated[
        bool,
        typer.Option("--story", help="The story's key dates, oldest first, each with the "
                     "sentences that best say what happened that day and their sources' ids "
                     "(needs a query; --since/--until bound both the articles' dates and the "
                     "days chosen). json rows: date, sentences, ids, score; markdown: a "
                     "timeline to paste into a report."),
    ] = False,
    dates: Annotated[
        int | None, typer.Option("--dates", min=1, metavar="N",
                                 help="--story: how many dates (default 10).")
    ] = None,
    sentences: Annotated[
        int | None, typer.Option("--sentences", min=0, metavar="K",
                                 help="--story: at most K sentences per date (default 2).")
    ] = None,
    queries: Annotated[
        list[str] | None,
        typer.Option("--query", "-q", metavar="QUERY",
                     help="One more query (repeatable; `name=QUERY` labels it): one series "
                     "each, counted per period (--by month unless given)."),
    ] = None,
    normalize: Annotated[
        bool, typer.Option("--normalize", help="Each count as a share of the period's "
                           "articles (or of those matching --within): a percentage on a "
                           "terminal; the ratio in the plot and in --wide.")
    ] = False,
    within_query: Annotated[
        str | None, typer.Option("--within", metavar="QUERY",
                                 help="The totals are the articles matching QUERY (e.g. "
                                 "credit:Reuters), and each query counts only those.")
    ] = None,
    wide: Annotated[
        bool, typer.Option("--wide", help="csv/tsv/json: one row per period, a column per "
                           "query (its count, or its ratio with --normalize).")
    ] = False,
    peaks: Annotated[
        bool, typer.Option("--peaks", help="Only the peaks: periods whose count is at least 3,"
                           " twice the median of the 3 periods either side, and no lower than "
                           "either neighbour; each named by its top-ranked article's title.")
    ] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", metavar="FILE.svg|FILE.png", dir_okay=False,
                                  help="Also write a line chart, one line per query (needs "
                                  "matplotlib: pip install 'newsarc[plot]').")
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", metavar="NAME",
                                 help="Only articles that name this place (any spelling, or "
                                 "a GeoNames id) or, for a country or US state, a place "
                                 "within it: each query AND place:NAME.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="--place: the place itself only, not the regions "
                           "and cities within it (place:=NAME).")
    ] = False,
) -> None:
    """How a story unfolds: matching articles oldest first, or counted per period.

    Without --by: date, id, title (with a query, the best section's heading too); undated
    articles come last, under "undated".

    With --by: one row per period from the first to the last (stretched to --since/--until
    when given), empty periods shown with count 0, then an "undated" row if any undated
    article matches. Periods are `2024-02-03`, ISO weeks `2024-W05`, `2024-02`, `2024`.

    An article dated only to a month or a year is counted in the period of its first day
    (`2024-02` in 2024-02-01, week 2024-W05), or of the --since day when that is later.

    When nothing matches, --by with --since/--until still prints the periods asked for, each
    with count 0 (an open end runs to today, or through the --since period), and exits 1.

    With --story (and a query): the story's key dates instead, oldest first, each with the
    sentences that best say what happened and their sources' ids (--dates N, --sentences K);
    rows are date, sentences, ids, score, and --format markdown is a timeline for a report.

    json rows are period, count, ids; tsv and csv add the top titles, and write the ids
    separated by spaces, an id with a space or a quote in it quoted as a shell would
    (`xargs` and Python's shlex.split read them back). Exit 1 when no article matches, 2
    for a date that cannot be read.
    """
    from dataclasses import asdict

    from newsarc import render
    from newsarc import timeline as core
    from newsarc.dates import date_range, env_dayfirst

    chosen = _format(fmt, "tsv")
    within = date_range(since, until, dayfirst=env_dayfirst())
    text = " ".join(query or []).strip() or None
    several = _several(query or [], queries or [], by is not None and not (events or story),
                       normalize or wide or peaks
                       or within_query is not None or plot is not None)
    if strict and place is None:
        fail("--strict goes with --place", 2)
    if place is not None:
        from dataclasses import replace

        from newsarc.query import narrowed, place_clause

        clause = place_clause(place, strict)
        text = narrowed(text, clause)
        if several is not None:
            several = [replace(s, text=narrowed(s.text, clause)) for s in several]
    if several is not None:
        if story or events or split is not None or chosen == "markdown":
            fail("several queries, --normalize, --within, --wide, --peaks and --plot count "
                 "articles per period: they cannot be combined with " + (
                     "--story" if story else "--events" if events else "--split"
                     if split is not None else "--format markdown"), 2)
        if dates is not None or sentences is not None:
            fail(f"{'--dates' if dates is not None else '--sentences'} goes with --story", 2)
        _timeline_series(several, by or TimeUnit.month, within, (since, until), chosen,
                         env_collapse() if collapse is None else collapse, normalize,
                         within_query, wide, peaks, plot)
        return
    if not story:
        if dates is not None or sentences is not None:
            fail(f"{'--dates' if dates is not None else '--sentences'} goes with --story", 2)
        if chosen == "markdown":
            fail("--format markdown goes with --story", 2)
    else:
        if by is not None or split is not None or events or collapse is not None:
            fail("--story chooses its own dates: it cannot be combined with --by, --split, "
                 "--events or --collapse", 2)
        if text is None:
            fail("--story needs a query: the story to follow", 2)
        _timeline_story(text, within, 10 if dates is None else dates,
                        2 if sentences is None else sentences, chosen)
        return
    if events:
        if split is not None:
            fail("--events counts mentions: it cannot be combined with --split", 2)
        _timeline_events(text, by or TimeUnit.month, within, chosen,
                         env_collapse() if collapse is None else collapse)
        return
    collapse = env_collapse() if collapse is None else collapse
    if by is not None and split is None and not collapse:
        _timeline_counted(text, by, within, (since, until), chosen)
        return
    with open_store() as store:
        found = core.entries(store, text, within, sections=by is None)
        if collapse:
            found = core.collapsed(store, found)
        if split is not None:
            found = core.with_outlets(store, found)
    if not found and (by is None or not within):
        fail("no articles match")
    if split is not None:
        _timeline_split(found, by, within, text is not None, chosen)
        return
    if by is None:
        fields = ("date", "id", "title") + (("section",) if text is not None else ())
        from newsarc.models import UNDATED

        # tsv and csv name the undated group, as the rich view does; json keeps null.
        undated = None if chosen in ("json", "jsonl") else UNDATED
        rows = ({**asdict(e), "date": e.date or undated} for e in found)
        _emit(chosen, lambda: render.timeline_view(found, text is not None), rows, fields)
        return
    if within and not any(e.date for e in found):  # nothing dated: the range asked for
        within = _asked_range(since, until, within)
    _emit_periods(core.periods(found, by.value, within), chosen)
    if not found:  # the zero rows are printed, yet nothing matched: exit 1 as search does
        fail("no articles match")


def _timeline_counted(text: str | None, by: TimeUnit, within: "DateRange",
                      asked: tuple[str | None, str | None], chosen: str) -> None:
    """`timeline --by` (without --collapse or --split): the periods made one at a time as
    the matching articles stream from the archive (issue 21), written as they are made."""
    from newsarc import timeline as core

    with open_store() as store, contextlib.closing(core.Counted(store, text, within)) as counted:
        if not counted.matched and not within:
            fail("no articles match")
        if within and not counted.dated:  # nothing dated: the range asked for
            within = _asked_range(*asked, within)
        _emit_periods(counted.periods(by.value, within), chosen)
    if not counted.matched:  # the zero rows are printed, yet nothing matched: exit 1
        fail("no articles match")


def _emit_periods(periods: "Iterable[Period]", chosen: str) -> None:
    """The periods of `timeline --by`: a rich table, or rows written as they come."""
    from newsarc import render

    machine = chosen in ("json", "jsonl")
    rows = (
        {"period": p.label, "count": p.count,
         "ids": list(p.ids) if machine else output.id_list(p.ids),
         "titles": " | ".join(p.titles)}
        for p in periods
    )
    _emit(chosen, lambda: render.periods_view(list(periods)), rows,
          ("period", "count", "ids") + (() if machine else ("titles",)))


def _several(positional: list[str], options: list[str], by: bool, asked: bool
             ) -> "list[SeriesQuery] | None":
    """The queries of a several-query timeline, or None for the one-query timeline of old:
    without --by the positional words are one query (the list of matching articles), as they
    are with --by when they make one unlabelled query and nothing of issue 18 is asked, and
    with --events and --story (`by` is False then)."""
    if not (by or options or asked):
        return None
    from newsarc.series import parse_queries

    found = parse_queries(positional, options)
    if not found:
        if options or asked:
            fail("--query, --normalize, --within, --wide, --peaks and --plot need a query", 2)
        return None
    if len(found) == 1 and not (options or asked) and found[0].label == found[0].text:
        return None
    return found


SERIES_FIELDS = ("period", "query", "count", "total", "ratio", "start", "end", "peak")


def _timeline_series(
    queries: "list[SeriesQuery]", by: TimeUnit, within: "DateRange",
    asked: tuple[str | None, str | None], chosen: str, collapse: bool, normalize: bool,
    within_query: str | None, wide: bool, peaks: bool, plot: "Path | None",
) -> None:
    """`timeline` with several queries (issue 18): a row per period and query, or a column
    per query with --wide; --plot writes a chart too."""
    from dataclasses import asdict

    from newsarc import series as core

    if wide and peaks:
        fail("--wide lists every period: it cannot be combined with --peaks", 2)
    if wide and chosen == "rich":
        fail("--wide is a layout for csv, tsv, json and jsonl: add --format", 2)
    if plot is not None:
        from newsarc import plot as charts

        charts.check(plot)
    with open_store() as store:
        found = core.series(store, queries, by.value, within, collapse=collapse,
                            within_query=within_query)
        matched = any(p.count for p in found.points)
        if not matched and within:
            found = core.series(store, queries, by.value, within, collapse=collapse,
                                within_query=within_query,
                                span=_asked_range(*asked, within))
    if not matched and not within:
        fail("no articles match")
    points = [p for p in found.points if p.peak] if peaks else list(found.points)
    if wide:
        rows, fields = core.wide_rows(found, normalize)
        output.write_records(rows, fields, chosen, sys.stdout)
    else:
        from newsarc import render

        _emit(chosen, lambda: render.series_view(found, points, normalize),
              (asdict(p) for p in points), SERIES_FIELDS)
    if plot is not None:
        from newsarc import plot as charts

        charts.write(found, plot, normalize)
        sys.stderr.write(output.message("", f"wrote {plot}") + "\n")
    if not matched:
        fail("no articles match")


def _timeline_story(text: str, within: "DateRange", dates: int, sentences: int,
                    chosen: str) -> None:
    """`timeline --story`: the key dates with their sentences and sources."""
    from newsarc import storyline

    with open_store() as store:
        warn_stale_dates(store)
        found = storyline.story(store, text, within, dates, sentences)
    machine = chosen in ("json", "jsonl")
    if chosen == "markdown":
        sys.stdout.write(output.story_markdown(found, text))
        return
    from newsarc import render

    _emit(chosen, lambda: render.story_view(found),
          (output.story_row(entry, machine) for entry in found), output.STORY_FIELDS)


def _timeline_events(text: str | None, by: TimeUnit, within: "DateRange", chosen: str,
                     collapse: bool) -> None:
    """`timeline --events`: periods by the dates mentioned, then the coarser mentions."""
    from newsarc import render
    from newsarc import timeline as core

    with open_store() as store:
        warn_stale_dates(store)
        periods, coarser = core.event_periods(store, text, by.value, within, collapse)
    machine = chosen in ("json", "jsonl")
    rows = (
        {"period": p.label, "kind": kind, "count": p.count,
         "ids": list(p.ids) if machine else output.id_list(p.ids),
         "titles": " | ".join(p.titles)}
        for kind, group in (("period", periods), ("coarser", coarser)) for p in group
    )
    _emit(chosen, lambda: render.coarser_view(periods, coarser, by.value), rows,
          ("period", "kind", "count", "ids") + (() if machine else ("titles",)))
    if not any(p.count for p in periods) and not coarser:
        fail("no dates mentioned in the matching articles")


EVENT_FIELDS = ("value", "first_day", "last_day", "id", "date", "surface", "sentence")


@app.command(name="events", cls=QueryCommand)
def events_command(
    query: Annotated[
        list[str] | None,
        typer.Argument(help="A search (the search language); without one, the whole archive."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE",
                     help="Mentions of dates from this one on (their days overlap it): 2017, "
                     "2017-03, 'March 2017', 2017-03-05, 2017-W10 ..."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE",
                     help="Mentions of dates up to and including this one."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, callback=_no_overflow,
                                       help="At most N mentions; 0 for all.")] = 100,
    fmt: Annotated[RowFormat | None, _format_option(RowFormat, "tsv")] = None,
) -> None:
    """What happened when: the dates the matching articles mention, by the date mentioned.

    One row per mention: the value (`2017-03-20`, `2017-W12`, `2017-03`, `2017-Q1`, `2017`,
    `2016-03/2016-05`), its first and last day, the article's id and date, the words as
    written, and the sentence around them (the date highlighted on a terminal). Ordered by
    the date mentioned (its first day, then its last), then the article's date and id.
    `--since`/`--until` keep mentions whose days overlap the range; `date:` in the query
    filters the articles by their own dates. Exit 1 when nothing is found, 2 for a date that
    cannot be read.
    """
    from dataclasses import asdict

    from newsarc import render
    from newsarc.dates import date_range, env_dayfirst
    from newsarc.events import events as core

    chosen = _format(fmt, "tsv")
    within = date_range(since, until, dayfirst=env_dayfirst())
    text = " ".join(query or []).strip() or None
    with open_store() as store:
        warn_stale_dates(store)
        found = core(store, text, within, limit)
    if not found:
        fail("no dates mentioned" + (" in the matching articles" if text else ""))
    _emit(chosen, lambda: render.events_view(found), map(asdict, found), EVENT_FIELDS)


def _asked_range(since: str | None, until: str | None, within: "DateRange") -> "DateRange":
    """With no dated match, the periods to show for --since/--until: an open end runs to
    today, or to the end of the --since period when that is later (`--since 2030` is the year
    2030); an open start is the start of the --until period."""
    from datetime import date

    from newsarc.dates import DateRange, date_range

    start = within.start or date_range(until, until).start
    end = within.end or max(date.today().isoformat(), date_range(since, since).end or "")
    return DateRange(start, end)


def _timeline_split(
    found: list[Any], by: TimeUnit | None, within: Any, with_section: bool, chosen: str
) -> None:
    """`timeline --split source`: the list with an outlet column, or one series per outlet."""
    from dataclasses import asdict

    from newsarc import render
    from newsarc import timeline as core

    machine = chosen in ("json", "jsonl")
    if by is None:
        fields = ("date", "outlet", "id", "title") + (("section",) if with_section else ())
        rows = ({**asdict(e), "date": e.date or (None if machine else "undated")} for e in found)
        _emit(chosen, lambda: render.timeline_view(found, with_section, outlets=True), rows,
              fields)
        return
    series = core.split_periods(found, by.value, within)
    split_rows = (
        {"period": p.label, "outlet": outlet, "count": p.count,
         "ids": list(p.ids) if machine else output.id_list(p.ids), "titles": " | ".join(p.titles)}
        for rows in zip(*(periods for _, periods in series), strict=True)
        for (outlet, _), p in zip(series, rows, strict=True)
    )
    _emit(chosen, lambda: render.split_periods_view(series), split_rows,
          ("period", "outlet", "count", "ids") + (() if machine else ("titles",)))


STATS_FIELDS = ("db", "size_bytes", "articles", "sections", "words", "first_date", "last_date",
                "undated", "last_ingest")


@app.command()
def stats(fmt: Annotated[StatsFormat | None, _format_option(StatsFormat, "tsv")] = None) -> None:
    """The archive in numbers.

    Path, size on disk (the file and its write-ahead log), articles, sections, words, first and
    last date, undated articles, the last ingest time, story clusters and the articles in
    clusters of more than one, and articles per outlet (most first).
    tsv is one `key<TAB>value` line each (`outlet:Reuters<TAB>12`); json has `outlets`, an
    object of outlet and count.
    """
    from dataclasses import asdict

    from newsarc import browse, render

    chosen = _format(fmt, "tsv")
    with open_store() as store:
        numbers = browse.stats(store)
    if chosen == "rich":
        render.stdout_console().print(render.stats_view(numbers))
    elif chosen == "json":
        sys.stdout.write(output.json_line({**asdict(numbers), "outlets": dict(numbers.outlets)})
                         + "\n")
    else:
        rows = [{"key": k, "value": v} for k, v in asdict(numbers).items() if k != "outlets"]
        rows += [{"key": f"outlet:{name}", "value": n} for name, n in numbers.outlets]
        output.write_records(rows, ("key", "value"), "tsv", sys.stdout)


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", help="jsonl: one article a line, as `show --format json` "
                     "(`newsarc ingest FILE.jsonl` restores it); csv: one row per section."),
    ] = ExportFormat.jsonl,
) -> None:
    """Every article to stdout, in id order, for backups and other tools.

    Streamed: memory stays flat however large the archive. Back up with
    `newsarc export > backup.jsonl`; restore into a fresh archive with
    `newsarc --db new.db ingest backup.jsonl` (same ids, dates, titles, sections and sha256,
    tags and story overrides). jsonl ends with one line per saved search (`"kind":
    "saved"`), which ingest restores too; csv holds the articles only.
    """
    from newsarc import export as core

    with open_store() as store:
        if fmt is ExportFormat.csv:
            output.write_records(core.section_rows(store), core.CSV_FIELDS, "csv", sys.stdout)
        else:
            output.write_records(core.records(store), core.ARTICLE_FIELDS, "jsonl", sys.stdout)
            output.write_records(core.saved_records(store), core.SAVED_FIELDS, "jsonl",
                                 sys.stdout)
