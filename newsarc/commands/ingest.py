"""`newsarc ingest`: files, folders, stdin and exports into the archive."""

import os
import signal
import sys
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsarc import output
from newsarc.errors import NewsarcError, UsageError

if TYPE_CHECKING:
    from newsarc.metafile import MetaTable
from newsarc.commands.base import (
    _formats,
    _quiet_pipe,
    app,
    fail,
    open_store,
)


class IngestFormat(str, Enum):
    rich = "rich"
    jsonl = "jsonl"


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files and folders to ingest; `-` reads one article from stdin."),
    ] = None,
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", help="File name pattern for folders, any case (repeatable). "
                     "A pattern with / matches the path below the folder, ** any folders: "
                     "'**/*.txt', '2024/**/*.md'. Default: *.txt and *.md."),
    ] = None,
    files_from: Annotated[
        str | None,
        typer.Option("--files-from", metavar="FILE",
                     help="Read paths to ingest from FILE, one a line or NUL-separated "
                     "(`-` for stdin)."),
    ] = None,
    id: Annotated[
        str | None, typer.Option("--id", help="The id of the article read from stdin (`-`).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    fmt: Annotated[
        IngestFormat, typer.Option("--format", click_type=_formats(IngestFormat),
                                   help="rich: a summary; jsonl: one object per file.")
    ] = IngestFormat.rich,
    dayfirst: Annotated[
        bool | None,
        typer.Option("--dayfirst/--monthfirst",
                     help="Read numeric dates (05.03.2017, 07/02/2017) day first or month first. "
                     "Default: $NEWSARC_DAYFIRST (1 or 0), else day first, with a warning for "
                     "each date the other order could read."),
    ] = None,
    meta: Annotated[
        str | None,
        typer.Option("--meta", metavar="FILE.csv",
                     help="Metadata for the files: a CSV with a file (or filename, path, id) "
                     "column and any of title, date, source/outlet, url, author, language; "
                     "other columns are kept as metadata too."),
    ] = None,
) -> None:
    """Store articles in the archive; unchanged files are skipped, changed ones updated.

    Folders are searched recursively (hidden ones skipped). Problems go to stderr, one line
    each: `newsarc: PATH: reason`. Exit 0 when every file was stored (warnings allowed), 1 when
    some file failed (the others are stored), 2 for usage errors such as a path that does not
    exist. Ctrl-C stops after the batch in flight, reports what was stored, and exits 130; so
    does a closed stdout (`--format jsonl | grep -m1 added`), exiting 141. SIGTERM stops at
    once, rolling back the batch in flight, and exits 143.
    """

    from newsarc import ingest as core
    from newsarc import render
    from newsarc.articles import printable
    from newsarc.dates import env_dayfirst
    from newsarc.store import now

    plan = core.plan(list(paths or []), files_from, id, glob, sys.stdin.buffer)
    dayfirst = env_dayfirst() if dayfirst is None else dayfirst
    for p in plan.missing[:-1]:
        sys.stderr.write(output.message(printable(p), "no such file or directory") + "\n")
    if plan.missing:
        raise UsageError(f"{printable(plan.missing[-1])}: no such file or directory")
    table = _meta_table(meta, dayfirst)

    interrupted = False
    closed = early = False  # stdout's reader went away (`| grep -m1 added`): stop as Ctrl-C
    terminated = False

    def on_sigint(signum: int, frame: Any) -> None:
        nonlocal interrupted
        if interrupted:  # a second Ctrl-C: stop now; the open batch is rolled back
            raise KeyboardInterrupt
        interrupted = True

    def on_sigterm(signum: int, frame: Any) -> None:
        """Stop now. Inside a transaction, raise: the batch in flight is rolled back. Else
        (parsing, or telling the results of a batch just committed) at the next file, so
        that every file counted is one the archive holds."""
        nonlocal terminated
        terminated = True
        if store.conn.in_transaction:
            raise _Terminated

    def stop() -> bool:
        if terminated:
            raise _Terminated
        return interrupted or closed

    counts: dict[str, int] = {}
    warned = 0
    tty = output.is_terminal(sys.stderr) and fmt is IngestFormat.rich and not quiet
    store = open_store(create=True, write="ingest")
    previous = signal.signal(signal.SIGINT, on_sigint)
    previous_term = signal.signal(signal.SIGTERM, on_sigterm)
    started = now()
    failure: NewsarcError | None = None
    try:
        # On a terminal, list the files first: the progress bar needs a total for its ETA.
        # (Not for stdin or an export: their Sources carry the data, and would all be held.)
        prelist = tty and not plan.streams_data
        todo: Iterable[core.Source] = list(plan.sources()) if prelist else plan.sources()
        with render.ingest_progress(tty) as progress:
            total = len(todo) if isinstance(todo, list) else None
            task = progress.add_task("ingest", total=total) if progress else None
            for result in core.ingest(store, todo, stop=stop, dayfirst=dayfirst, meta=table):
                counts[result.status] = counts.get(result.status, 0) + 1
                warned += bool(result.warnings) and result.status != "error"
                for line in output.file_messages(result, quiet):
                    if progress:
                        progress.console.print(render.text(line), highlight=False)
                    else:
                        sys.stderr.write(line + "\n")
                if fmt is IngestFormat.jsonl and not closed:
                    closed = not _write_or_closed(output.result_json(result) + "\n")
                if progress and task is not None:
                    progress.advance(task)
        early = closed
        closed = closed or not _write_or_closed("", flush=True)
        store.log_ingest(started, counts)
    except NewsarcError as exc:  # the archive failed (busy, full): say what was stored first
        failure = exc
    except _Terminated:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous)
        store.close()
    done = sum(counts.values())
    files = f"{done} file{'s' if done != 1 else ''}"
    if terminated:
        fail(f"terminated after {files}; run again to finish", 143)
    if closed and failure is None:  # each file counted is stored: reported after its commit
        fail(f"output closed after {files}; " + ("the batch in flight was stored, run again to "
             "finish" if early else "all were stored"), 141)
    if table is not None and not interrupted and failure is None and not quiet:
        _unused_rows(table)
    if fmt is IngestFormat.rich and not quiet and done:
        if output.is_terminal():
            render.ingest_summary(counts, warned, render.stdout_console())
        else:
            sys.stderr.write(output.ingest_summary_line(counts, warned) + "\n")
    if failure is not None:
        raise failure
    if interrupted:
        fail(f"interrupted after {files}; run again to finish", 130)
    if done == 0:
        walked = any(os.path.isdir(p) for p in (*plan.paths, *plan.listed))
        fail("no input files found" + (f" (looked for {', '.join(plan.globs)})" if walked else ""))
    if counts.get("error"):
        raise typer.Exit(1)


def _meta_table(path: str | None, dayfirst: bool | None) -> "MetaTable | None":
    """The --meta CSV, read before the archive is opened (a bad CSV writes nothing)."""
    if path is None:
        return None
    from newsarc.metafile import read_meta

    return read_meta(path, dayfirst)


def _unused_rows(table: "MetaTable") -> None:
    for row in table.unused():
        sys.stderr.write(output.message(f"{table.display}:{row.line}",
                                        f"warning: no ingested file matches {row.names!r}")
                         + "\n")


class _Terminated(BaseException):
    """SIGTERM during ingest (a BaseException: nothing on the way takes it for a file's
    failure, and the transaction it interrupts is rolled back)."""


def _write_or_closed(text: str, flush: bool = False) -> bool:
    """Write to stdout; False when its reader has gone away (the rest is thrown away)."""
    try:
        sys.stdout.write(text)
        if flush:
            sys.stdout.flush()
        return True
    except BrokenPipeError:
        _quiet_pipe()
        return False
