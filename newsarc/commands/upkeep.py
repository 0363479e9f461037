"""Looking after the archive: check, salvage, copy, rm, reindex."""

import sys
from collections.abc import Iterable
from typing import Annotated, Any

import typer

from newsarc import output
from newsarc.commands.base import (
    RowFormat,
    _emit,
    _format,
    _format_option,
    _UpgradeProgress,
    app,
    open_store,
    read_ids,
    state,
)


@app.command()
def check(
    repair: Annotated[
        bool, typer.Option("--repair", help="Rebuild the full-text index, the story clusters "
                           "and the date and place mentions from the stored text; remove "
                           "the tags of missing articles.")
    ] = False,
    quick: Annotated[
        bool, typer.Option("--quick", help="Check the text and index rows of a sample of the "
                           "articles (one in 100, at least 100) instead of all.")
    ] = False,
    fmt: Annotated[
        RowFormat | None,
        _format_option(RowFormat, "tsv", "tsv is one problem a line (`still: ...` after "
                       "--repair); the others have the fields problem, after_repair."),
    ] = None,
) -> None:
    """Verify the archive; --repair rebuilds what is derived from the text.

    Checks SQLite's integrity and FTS5's, that every article has its sections and its index
    row, every article's text against its sha256, every index row against the text it
    should hold, and the story clusters, date and place mentions and tags against the
    articles. --repair rebuilds the full-text index, the story clusters and the date and place
    mentions, and removes the tags of articles that are gone. On a damaged
    file, reports what can still be read. Problems go to stdout, one a line. Exit 0 when
    sound (or repaired), 1 when problems remain.
    """
    from newsarc.store import ensure_writable, open_for_check

    chosen = _format(fmt, "tsv")
    found: list[dict[str, Any]] = []

    def report(lines: Iterable[str], after_repair: bool) -> None:
        for line in lines:
            if chosen == "tsv":  # as found: a long check shows its problems as it goes
                sys.stdout.write(output.one_line(f"still: {line}" if after_repair else line)
                                 + "\n")
            else:
                found.append({"problem": line, "after_repair": after_repair})

    with open_for_check(state.db, progress=_UpgradeProgress()) as store:
        problems = store.check(quick=quick)
        report(problems, False)
        if repair:
            ensure_writable(store, "check --repair")
            n = store.rebuild_index()
            sys.stderr.write(f"newsarc: rebuilt the full-text index of {n} articles\n")
            n = store.rebuild_clusters()
            sys.stderr.write(f"newsarc: clustered {n} articles into stories again\n")
            n = store.rebuild_mentions()
            sys.stderr.write(f"newsarc: found the date mentions of {n} articles again\n")
            n = store.rebuild_places()
            sys.stderr.write(f"newsarc: found the place mentions of {n} articles again\n")
            n = store.drop_orphan_tags()
            if n:
                sys.stderr.write(f"newsarc: removed {n} tags of missing articles\n")
            problems = store.check(quick=quick)
            report(problems, True)
        for skipped in store.unchecked():
            sys.stderr.write(output.safe(f"newsarc: not checked: {skipped}") + "\n")
        if not problems:
            sample = "; text and index rows of a sample checked" if quick else ""
            ok = output.message(str(store.path), f"ok ({store.count()} articles{sample})")
            sys.stderr.write(ok + "\n")
    if chosen != "tsv" and (found or chosen != "rich"):
        from newsarc import render

        _emit(chosen, lambda: render.lines_view(
            "problem", [("still: " if r["after_repair"] else "") + r["problem"] for r in found]),
            found, ("problem", "after_repair"))
    if problems:
        raise typer.Exit(1)


@app.command()
def salvage(
    broken: Annotated[str, typer.Argument(help="The damaged archive (only read).")],
    new: Annotated[str, typer.Argument(help="The new archive to create.")],
) -> None:
    """Copy every readable article of a damaged archive into a new one.

    Each article that can be read whole goes into NEW with its sections, indexed. What could
    not be read is reported on stdout, one line each. Exit 0 when every article was copied
    intact, 1 when something was lost or damaged.
    """
    from newsarc.config import resolve_db_path, shown
    from newsarc.salvage import salvage as core

    result = core(resolve_db_path(broken), resolve_db_path(new))
    for line in result.problems:
        sys.stdout.write(output.safe(line) + "\n")
    sys.stderr.write(output.safe(
        f"newsarc: salvage: {result.copied} articles copied to {shown(resolve_db_path(new))},"
        f" {len(result.problems)} problems") + "\n")
    if result.problems:
        raise typer.Exit(1)


@app.command()
def copy(
    src: Annotated[str, typer.Argument(help="The archive to copy: a file, or a postgresql://"
                                            " URL (only read).")],
    dst: Annotated[str, typer.Argument(help="The new archive: a file or a postgresql:// URL,"
                                            " holding no article yet.")],
) -> None:
    """Copy a whole archive into a new one, SQLite or PostgreSQL either side.

    Every article (id, text, date, metadata, source file), the story overrides, tags, saved
    searches and ingest log; the index, clusters and mentions are derived again in DST.
    """
    from newsarc.config import resolve_db_path, shown
    from newsarc.copy import copy_archive

    source, target = resolve_db_path(src), resolve_db_path(dst)
    result = copy_archive(source, target, _UpgradeProgress("copying", delay=0.5))
    sys.stderr.write(output.safe(
        f"newsarc: copy: {result.articles} articles, {result.tags} tags and {result.saved}"
        f" saved searches copied to {shown(target)}") + "\n")


@app.command()
def rm(
    ids: Annotated[list[str], typer.Argument(help="Full article ids; `-` reads them from stdin.")],
    fmt: Annotated[
        RowFormat | None,
        _format_option(RowFormat, "tsv", "tsv is one id a line; the others have the field id."),
    ] = None,
) -> None:
    """Remove articles, with their sections and index rows.

    Prints each id removed. Exit 1 if some id was unknown (the others are removed):
    `newsarc search x --format ids | newsarc rm -`.
    """
    chosen = _format(fmt, "tsv")
    with open_store(write="rm") as store:
        removed, missing = store.remove_many(read_ids(ids))
    for id in missing:
        sys.stderr.write(output.message(id, "no such article") + "\n")
    if removed or chosen != "rich":  # after the commit: a closed pipe cannot undo it
        from newsarc import render

        _emit(chosen, lambda: render.lines_view("removed", removed),
              ({"id": id} for id in removed), ("id",))
    if missing:
        raise typer.Exit(1)


@app.command()
def reindex(
    dates: Annotated[
        bool, typer.Option("--dates", help="Find the dates every article mentions again, with "
                           "this newsarc's extractor (after an upgrade that changed its rules).")
    ] = False,
    places: Annotated[
        bool, typer.Option("--places", help="Find the places every article names again, with "
                           "this newsarc's gazetteer and rules.")
    ] = False,
) -> None:
    """Work out again what ingest derives from the text, without ingesting it again.

    `--dates`: the date mentions of every article (`events`, `timeline --events`,
    `mentions:`); `--places`: the place mentions (`places`, `place:`, `timeline --place`);
    with a progress bar on a terminal. Exit 0 when done, 2 when the archive cannot be used
    (or nothing was asked for).
    """
    from newsarc.errors import UsageError
    from newsarc.extract import mentions
    from newsarc.extract import places as place_rules

    if not dates and not places:
        raise UsageError("reindex: say what to find again: --dates, --places")
    with open_store(write="reindex") as store:
        jobs = [("date", store.dates_version, store.rebuild_mentions, mentions.VERSION)] * dates
        jobs += [("place", store.places_version, store.rebuild_places,
                  place_rules.VERSION)] * places
        for what, version_of, rebuild, version in jobs:
            before = version_of()
            n = rebuild(_UpgradeProgress(f"finding {what}s", delay=0))
            was = (f" (they were found by version {before})" if before not in (None, version)
                   else "")
            sys.stderr.write(f"newsarc: found the {what} mentions of {n} articles again with"
                             f" extractor version {version}{was}\n")
