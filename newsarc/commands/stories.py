"""Story clusters: `newsarc clusters`, `newsarc similar`, and a user's overrides: `newsarc join`,
`newsarc split`."""

from typing import Annotated

import typer

from newsarc.commands.base import (
    RowFormat,
    _emit,
    _format,
    _format_option,
    _no_overflow,
    app,
    fail,
    open_store,
)
from newsarc.errors import UsageError

CLUSTER_FIELDS = ("size", "first_date", "last_date", "cluster", "title")
SIMILAR_FIELDS = ("id", "date", "member", "similarity", "jaccard", "containment", "sentences",
                  "title")


@app.command()
def clusters(
    min_size: Annotated[int, typer.Option("--min-size", min=1,
                                          help="Only clusters of at least N articles.")] = 2,
    limit: Annotated[int, typer.Option("--limit", min=0, callback=_no_overflow,
                                       help="At most N clusters; 0 for all.")] = 0,
    fmt: Annotated[RowFormat | None, _format_option(RowFormat, "tsv")] = None,
) -> None:
    """Story clusters, largest first: size, first and last date, representative.

    Each row: size, first and last date, the representative's id and title.
    A cluster is the articles that are copies of one story (wire copies, re-filed updates,
    near-duplicates: see the README's "Story clusters"); its representative, whose id names
    it, is its earliest dated article (ties by id). By default only clusters of two or more
    articles; `--min-size 1` lists every article's. Exit 1 when none is listed.
    """
    from dataclasses import asdict

    from newsarc import clusters as core
    from newsarc import render

    chosen = _format(fmt, "tsv")
    with open_store() as store:
        found = core.clusters(store, min_size)
    if limit:
        found = found[:limit]
    if not found:
        fail(f"no story clusters of {min_size} or more articles")
    _emit(chosen, lambda: render.clusters_view(found), map(asdict, found), CLUSTER_FIELDS)


@app.command()
def similar(
    id: Annotated[str, typer.Argument(help="An article id or unique prefix.")],
    nearest: Annotated[int, typer.Option("--nearest", min=0,
                                         help="At most N articles outside its cluster.")] = 10,
    fmt: Annotated[RowFormat | None, _format_option(RowFormat, "tsv")] = None,
) -> None:
    """The articles like ID: its story cluster's other members, then the nearest others.

    Each with its similarity, best first.

    similarity is max(J, min(C, max(S, J + 0.2))): J the share of shingles (runs of three
    content words) the two share (Jaccard), C the share of the smaller one's shingles found in
    the other (containment), S the share of whole sentences they share. Exit 1 when nothing
    is like it.
    """
    from dataclasses import asdict

    from newsarc import clusters as core
    from newsarc import render
    from newsarc.articles import clean_id

    chosen = _format(fmt, "tsv")
    with open_store() as store:
        full = store.resolve(clean_id(id))
        found = core.similar(store, full, nearest)
    if not found:
        fail(f"no article is like {full}")
    _emit(chosen, lambda: render.similar_view(full, found), map(asdict, found), SIMILAR_FIELDS)


@app.command()
def join(
    ids: Annotated[list[str], typer.Argument(help="Two or more article ids (or unique prefixes).",
                                             metavar="ID OTHER...")],
) -> None:
    """Make articles one story, whatever the rule says: a copy the rule missed.

    The override is kept by article id: it outlives re-ingesting the files, travels in
    `export` (`joined`) and is forgotten by `rm` or `newsarc split ID --undo`. Prints the
    cluster's representative.
    """
    from newsarc.articles import clean_id

    if len(ids) < 2:
        raise UsageError("join needs two article ids or more")
    with open_store() as store:
        full = list(dict.fromkeys(store.resolve(clean_id(i)) for i in ids))
        if len(full) < 2:
            raise UsageError(f"join needs two different articles; got {full[0]} twice")
        rep = store.join_stories(full)
    print(rep)


@app.command()
def split(
    id: Annotated[str, typer.Argument(help="An article id or unique prefix.")],
    undo: Annotated[bool, typer.Option("--undo", help="Forget ID's overrides: the rule decides "
                                       "again.")] = False,
) -> None:
    """Keep an article apart from every other: a separate report the rule took for a copy.

    The article leaves its cluster (the others stay together if they are copies of each
    other) and no article joins it, now or at later ingests; its `join`s are forgotten. Kept
    by article id, in `export` (`apart`) too; `--undo` or `rm` forgets it.
    """
    from newsarc.articles import clean_id

    with open_store() as store:
        full = store.resolve(clean_id(id))
        store.split_story(full, undo=undo)
        rep = store.clusters_of([full]).get(full, full)
    print(rep)
