"""`newsarc search` and `newsarc kwic`: the query language over the archive."""

import itertools
import sys
from collections.abc import Iterable
from enum import Enum
from typing import Annotated, Any

import typer

from newsarc import output
from newsarc.commands.base import (
    QueryCommand,
    SinceOption,
    Sort,
    UntilOption,
    _format,
    _formats,
    _no_overflow,
    app,
    env_collapse,
    fail,
    open_store,
    state,
)
from newsarc.errors import ArchiveError, UsageError

ExactOption = Annotated[
    bool, typer.Option("--exact", help="Rank every match. Without it, a query the index "
                       "matches in more than 100,000 articles ranks only those with its rarest "
                       "word in the title or a heading (--explain says which).")
]


class SearchFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    ids = "ids"


SEARCH_HELP = """Search the archive: one row per article, best first.

[bold]Query language[/bold] (matching ignores case and accents, and uses English stemming):

  [cyan]words side by side[/cyan]    all must occur somewhere in the article
  [cyan]"a quoted phrase"[/cyan]     the words in this order
  [cyan]prefix*[/cyan]               words starting with prefix
  [cyan]a OR b[/cyan]                either (OR in capitals)
  [cyan]-word[/cyan], [cyan]NOT word[/cyan]       articles without it
  [cyan]( ... )[/cyan]               grouping: (IRGC OR Hezbollah) -Syria
  [cyan]date:2024-01..2024-03[/cyan] a date range; either end may be open (date:2024-02..);
                        one period alone (date:2024-W05); no spaces inside
""" + (
    "  [cyan]US[/cyan], [cyan]WHO[/cyan], [cyan]U.S.[/cyan]         typed in capitals (or dotted):"
    " the acronym, written in capitals\n"
    "  [cyan]=Sessions[/cyan]             exact: the word as written, any case, not stemmed\n"
    "  [cyan]credit:TASS[/cyan]           the lede's wire credit; [cyan]dateline:Moscow[/cyan]"
    " its dateline\n"
    "  [cyan]source:Reuters[/cyan]        the outlet (metadata); [cyan]url:example.com[/cyan]"
    " in the URL\n\n"
    "Precedence, loosest first: OR, words side by side, then -/NOT ([cyan]a OR b -c[/cyan] is"
    " a OR (b -c)). [cyan]--explain[/cyan] prints how a query is read instead of hits.\n"
) + """
""" + (
    "A word with punctuation inside ([cyan]Al-Qaim[/cyan], [cyan]9/11[/cyan], [cyan]U.S.[/cyan]) "
    "is a phrase of its parts; [cyan]Qa'im[/cyan] matches Qaim and [cyan]U.S.[/cyan] matches US. "
    "Anything else is forgiven: an open quote ends at the end, stray brackets and operators are "
    "dropped.\n\n"
    "Options may stand anywhere, and a query may start with an exclusion: "
    "[cyan]newsarc search -Iraq warehouse --count[/cyan] ([cyan]--[/cyan] is no longer needed; "
    "it is ignored). Every [cyan]--word[/cyan] is an option and [cyan]-h[/cyan] is help; any "
    "other [cyan]-word[/cyan] is an exclusion, as [cyan]NOT word[/cyan] is. To search for a word "
    "that starts with [cyan]-[/cyan], quote it: [cyan]'\"-word\"'[/cyan]."
) + """

Exit 0 with hits, 1 with none (like grep), 2 for a usage error (an empty query, a bad date)."""


@app.command(cls=QueryCommand, help=SEARCH_HELP)
def search(
    query: Annotated[list[str], typer.Argument(help="The query; several words are joined.")],
    limit: Annotated[int, typer.Option("--limit", min=0, callback=_no_overflow,
                                       help="At most N hits; 0 for all.")] = 20,
    sort: Annotated[Sort, typer.Option("--sort", help="Order of the hits.")] = Sort.relevance,
    count: Annotated[
        bool, typer.Option("--count", help="Print only the number of matching articles.")
    ] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    section: Annotated[
        str | None,
        typer.Option("--section", metavar="TEXT",
                     help="Keep articles whose matching section's heading contains TEXT "
                     "(the first section's heading is `lede`)."),
    ] = None,
    raw: Annotated[
        bool, typer.Option("--raw", help="Pass the query to FTS5 as it is (FTS5 syntax).")
    ] = False,
    fmt: Annotated[
        SearchFormat | None,
        typer.Option("--format", click_type=_formats(SearchFormat),
                     help="Default: rich (a table) on a terminal, tsv in a pipe; json and "
                     "jsonl add `highlights`, the [start, end] of each match in the snippet."),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Print how the query is read (each word and what "
                           "it matches, the dates, the FTS5 expression, which matches are "
                           "ranked) instead of hits.")
    ] = False,
    exact: ExactOption = False,
    fields: Annotated[
        str | None,
        typer.Option("--fields", metavar="A,B,...",
                     help="The columns of tsv, csv, json and jsonl, in order: id, date, title, "
                     "section, snippet, score, highlights (json), source (the file), outlet, "
                     "url, author, language, meta, copies (--collapse). Without --format: tsv."),
    ] = None,
    collapse: Annotated[
        bool | None,
        typer.Option("--collapse/--no-collapse",
                     help="One row per story cluster: its best-ranked article, with `copies`, "
                     "the number of other articles of the same story (`+N copies` in the "
                     "table). Default: $NEWSARC_COLLAPSE (1 or 0), else off."),
    ] = None,
) -> None:
    from newsarc import query as q
    from newsarc.dates import date_range, env_dayfirst

    text = " ".join(query)
    dates = date_range(since, until, dayfirst=env_dayfirst())
    if fields is not None and fmt is None:
        fmt = SearchFormat.tsv  # columns chosen: the plain format, on a terminal too
    if fields is not None and fmt in (SearchFormat.rich, SearchFormat.ids):
        raise UsageError(f"--fields chooses the columns of tsv, csv, json and jsonl, not "
                         f"--format {fmt.value if fmt else ''}")
    machine = fmt in (SearchFormat.json, SearchFormat.jsonl)
    columns = output.choose_fields(fields, machine) if fields is not None else None
    if explain:
        _explain(text, sort=sort.value, limit=limit, exact=exact)
        return
    with open_store() as store:
        if count:
            n = q.count(store, text, date_range=dates, section=section, raw=raw)
            sys.stdout.write(f"{n}\n")
            raise typer.Exit(0 if n else 1)
        chosen = _format(fmt, "tsv")
        wanted = set(columns or ())
        snippets = chosen != "ids" and (columns is None or bool({"snippet", "highlights"} & wanted))
        collapse = env_collapse() if collapse is None else collapse
        if "copies" in wanted and not collapse:
            raise UsageError("--fields copies: the copies are counted by --collapse; add it")
        hits = q.search(store, text, limit=limit, sort=sort.value, date_range=dates,
                        section=section, raw=raw, snippets=snippets,
                        sections=snippets or "section" in wanted, collapse=collapse,
                        exact=exact)
        about = (store.metadata_of([h.id for h in hits])
                 if wanted & set(output.META_FIELDS) else {})
    if not hits:
        raise typer.Exit(1)
    if chosen == "rich":
        from newsarc import render

        render.stdout_console().print(render.hits_table(hits))
    else:
        json = chosen in ("json", "jsonl")
        rows: Iterable[dict[str, Any]] = map(output.hit_json if json else output.hit_row, hits)
        if about:
            from newsarc.models import NO_META

            rows = ({**row, **output.meta_row(*about.get(row["id"], (None, NO_META)), json)}
                    for row in rows)
        copies = ("copies",) if collapse else ()
        output.write_records(rows, columns or output.HIT_FIELDS + copies + (
            ("highlights",) if json else ()), chosen, sys.stdout)


def _explain(text: str, *, sort: str, limit: int, exact: bool) -> None:
    """`search --explain`: how the query is read, and with an archive at --db (which only
    a query naming a saved search needs), how many articles it matches, which of them are
    ranked, and what each `place:` name means there."""
    from newsarc import query as q
    from newsarc.store import index_syntax

    try:
        store = open_store()
    except ArchiveError:
        if "@" in text:  # saved searches are the archive's
            raise
        store = None
    try:
        explained = q.explain(text, store.saved_search if store else None,
                              store.index if store else index_syntax(state.db))
        places = ranking = None
        if store is not None:
            places = {name: store.places_named(name, strict)
                      for name, strict in explained.places}
            ranking = q.rank_plan(store, text, sort=sort, limit=limit, exact=exact)
        for line in output.explain_lines(explained, places, ranking):
            sys.stdout.write(line + "\n")
    finally:
        if store is not None:
            store.close()


class KwicFormat(str, Enum):
    rich = "rich"
    text = "text"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


@app.command(cls=QueryCommand)
def kwic(
    query: Annotated[list[str], typer.Argument(help="The query (the search language).")],
    limit: Annotated[
        int, typer.Option("--limit", min=0, callback=_no_overflow,
                          help="Occurrences in at most N articles, best first; 0 for all.")
    ] = 20,
    sort: Annotated[Sort, typer.Option("--sort", help="Order of the articles.")] = Sort.relevance,
    since: SinceOption = None,
    until: UntilOption = None,
    width: Annotated[
        int, typer.Option("--width", min=5, max=500, clamp=True,
                          help="Characters of context on each side.")
    ] = 40,
    fmt: Annotated[
        KwicFormat | None,
        typer.Option("--format", click_type=_formats(KwicFormat),
                     help="Default: rich (a table) on a terminal, tsv in a pipe (id, date, "
                     "section, left, match, right); text is one aligned line each."),
    ] = None,
    exact: ExactOption = False,
) -> None:
    """Keyword in context: every occurrence of the query's words, one line each.

    Each line names the article (id, date, section) and shows the words around the match,
    aligned on it, so that you see why each article matched. Occurrences are found as the
    search matched: stems, acronyms in capitals only, exact words, phrases of parts. Exit 1
    when nothing occurs.
    """
    from newsarc import query as q
    from newsarc.dates import date_range, env_dayfirst

    text = " ".join(query)
    dates = date_range(since, until, dayfirst=env_dayfirst())
    chosen = _format(fmt, "tsv")
    with open_store() as store:
        lines = q.kwic(store, text, limit=limit, sort=sort.value, date_range=dates, width=width,
                       exact=exact)
        first = next(lines, None)
        if first is None:
            fail("no occurrences")
        every = itertools.chain([first], lines)
        if chosen == "rich":
            from newsarc import render

            render.stdout_console().print(render.kwic_view(every, width))
        elif chosen == "text":
            output.kwic_text(every, width, sys.stdout)
        else:
            output.write_records(map(output.kwic_row, every), output.KWIC_FIELDS, chosen,
                                 sys.stdout)
