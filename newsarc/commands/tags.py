"""Saved searches and tags (issue 19): save, saved, tag, tags."""

import sys
from typing import Annotated

import typer

from newsarc import output
from newsarc.commands.base import (
    QueryCommand,
    RowFormat,
    SinceOption,
    UntilOption,
    _emit,
    _format,
    _format_option,
    app,
    fail,
    open_store,
    read_ids,
)
from newsarc.errors import UsageError

SAVED_FIELDS = ("name", "query", "since", "until", "hits", "created")


@app.command(cls=QueryCommand)
def save(
    words: Annotated[
        list[str], typer.Argument(metavar="NAME QUERY...",
                                  help="The name, then the query (the search language).")],
    since: SinceOption = None,
    until: UntilOption = None,
    delete: Annotated[
        bool, typer.Option("--delete", help="Forget the saved search NAME.")] = False,
    rename: Annotated[
        bool, typer.Option("--rename", help="`save --rename OLD NEW`: rename it, and write "
                           "the new name into the saved searches that use it.")] = False,
) -> None:
    """Save a query by name: then `@NAME` stands for it wherever a query goes.

    `newsarc save mosul Mosul offensive --since 2016-10`, then `newsarc search @mosul`,
    `newsarc search @mosul -Tabqa`, `newsarc search "(@mosul OR @raqqa) date:2017-03.."`,
    `newsarc timeline @mosul @raqqa --by week`. --since/--until are kept as typed and apply
    to this query wherever it is used (`--since 30d` stays the last 30 days). Names are
    letters, digits, -, _ and /. Saving a name again replaces it. A saved search may use
    others, but none may lead back to itself. Exit 0 when saved, 1 for an unknown name
    (--delete, --rename), 2 for a usage error.
    """
    from newsarc import saved as core

    if delete and rename:
        raise UsageError("save: --delete and --rename cannot be combined")
    if (delete or rename) and (since is not None or until is not None):
        raise UsageError(f"save: --since and --until go with a query, not with "
                         f"{'--delete' if delete else '--rename'}")
    if delete:
        if len(words) != 1:
            raise UsageError("save --delete takes one NAME")
        with open_store(write="save") as store:
            gone = core.delete(store, words[0])
        sys.stderr.write(output.message("", f"deleted @{gone.name} (was: {gone.query})") + "\n")
        return
    if rename:
        if len(words) != 2:
            raise UsageError("save --rename takes OLD NEW")
        with open_store(write="save") as store:
            users = core.rename(store, *words)
        also = f"; rewritten in {', '.join('@' + u for u in users)}" if users else ""
        sys.stderr.write(output.message("", f"renamed @{words[0].removeprefix('@')} to "
                                        f"@{words[1].removeprefix('@')}{also}") + "\n")
        return
    if len(words) < 2:
        raise UsageError("save takes NAME QUERY...: the name, then the query")
    from newsarc import query as q

    with open_store(write="save") as store:
        new, old = core.save(store, words[0], " ".join(words[1:]), since, until)
        n = q.count(store, f"@{new.name}")
    was = f" (replaced: {old.query})" if old is not None else ""
    sys.stderr.write(output.message("", f"saved @{new.name}{was}: {n} article"
                                    f"{' matches' if n == 1 else 's match'} now") + "\n")


@app.command()
def saved(
    fmt: Annotated[
        RowFormat | None,
        _format_option(RowFormat, "tsv", "The fields: name, query, since, until, hits (the "
                       "articles it finds now), created."),
    ] = None,
) -> None:
    """List the saved searches: name, query, since, until, hits now, created.

    Exit 1 when there are none.
    """
    from dataclasses import asdict

    from newsarc import render
    from newsarc import saved as core

    chosen = _format(fmt, "tsv")
    with open_store() as store:
        rows = core.rows(store)
    if not rows:
        fail("no saved searches (`newsarc save NAME QUERY` saves one)")
    for row in rows:
        if row.hits is None:
            sys.stderr.write(output.message(f"@{row.name}", "cannot run: it uses a saved "
                                            "search that is gone, or leads back to itself")
                             + "\n")
    _emit(chosen, lambda: render.saved_view(rows), map(asdict, rows), SAVED_FIELDS)


@app.command(cls=QueryCommand)
def tag(
    words: Annotated[
        list[str], typer.Argument(metavar="+TAG|-TAG... ID...",
                                  help="+TAG adds, -TAG removes; then article ids, or `-` "
                                  "to read them from stdin (the first tab-separated field "
                                  "of each line: search's tsv pipes in).")],
    rename: Annotated[
        bool, typer.Option("--rename", help="`tag --rename OLD NEW`: rename a tag on every "
                           "article, and the tags under it (old/x becomes new/x).")] = False,
) -> None:
    """Add and remove tags: `newsarc tag +mosul +to-read -inbox ID...`.

    `newsarc search "Mosul dam" | newsarc tag +dam -` tags every hit. Tags are letters (any
    script), digits, -, _, and / for a hierarchy: `tag:iraq` in a query finds `iraq` and
    `iraq/mosul`; `-tag:iraq` leaves them out. Tags match in any case. All the changes are
    one transaction. An unknown id is named on stderr and the others are tagged (exit 1).
    """
    from newsarc import tags as core

    if rename:
        if len(words) != 2:
            raise UsageError("tag --rename takes OLD NEW")
        with open_store(write="tag") as store:
            n = core.rename(store, *words)
        sys.stderr.write(output.message("", f"renamed {words[0]} to {words[1]} on {n} "
                                        f"article tag{'s' if n != 1 else ''}") + "\n")
        return
    add, remove, ids = core.changes(words)

    def missing(id: str) -> None:
        sys.stderr.write(output.message(id, "no such article") + "\n")

    with open_store(write="tag") as store:
        done = core.tag(store, read_ids(ids), add, remove, missing)
    changed = [f"+{t} ({n} added)" for t, n in done.added]
    changed += [f"-{t} ({n} removed)" for t, n in done.removed]
    sys.stderr.write(output.message("", f"{done.articles} article"
                                    f"{'s' if done.articles != 1 else ''}: "
                                    + ", ".join(changed)) + "\n")
    if done.missing:
        raise typer.Exit(1)


@app.command()
def tags(
    fmt: Annotated[
        RowFormat | None,
        _format_option(RowFormat, "tsv", "The fields: tag, articles."),
    ] = None,
) -> None:
    """List the tags, each with the number of articles that carry it (a tag under another,
    `iraq/mosul`, is counted apart from `iraq`). Exit 1 when there are none."""
    from dataclasses import asdict

    from newsarc import render

    chosen = _format(fmt, "tsv")
    with open_store() as store:
        counts = store.tag_counts()
    if not counts:
        fail("no tags (`newsarc tag +TAG ID...` adds one)")
    _emit(chosen, lambda: render.tag_counts_view(counts), map(asdict, counts),
          ("tag", "articles"))
