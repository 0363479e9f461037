"""The command line: options, the archive to open, and exit codes. Logic lives in the modules.

Exit codes: 0 success; 1 nothing found, or some input failed (the rest was done); 2 usage error
or an archive that cannot be used; 130 interrupted. Heavy modules are imported inside the
commands that need them: `newsarc search` runs in shell loops and pays for every import.
"""

from __future__ import annotations

import os
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from newsarc.config import resolve_db_path
from newsarc.errors import NewsarcError, UsageError

if TYPE_CHECKING:
    from newsarc.store import Store


class NewsarcGroup(TyperGroup):
    """Errors become exit codes in one place: a domain error is one stderr line, never a trace."""

    def invoke(self, ctx: Any) -> Any:  # click.Context, vendored inside typer 0.28
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except NewsarcError as exc:
            from newsarc.render import safe

            sys.stderr.write(safe(f"newsarc: {exc.message}") + "\n")
            if exc.hint:
                sys.stderr.write(safe(f"newsarc: hint: {exc.hint}") + "\n")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("newsarc: interrupted\n")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(141) from None


app = typer.Typer(
    cls=NewsarcGroup,
    name="newsarc",
    help="A news archive: ingest article text files into SQLite full-text search, then search, "
    "read and follow stories over time.",
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    db: Path


state = State()


@app.callback()
def _global(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="The archive file. Default: $NEWSARC_DB, else "
            "$XDG_DATA_HOME/newsarc/archive.db (~/.local/share/newsarc/archive.db).",
        ),
    ] = None,
) -> None:
    """newsarc: a command-line news archive."""
    state.db = resolve_db_path(db)


def open_store(create: bool = False) -> Store:
    from newsarc.store import open_archive

    return open_archive(state.db, create=create)


def fail(message: str, code: int = 1) -> None:
    from newsarc.render import safe

    sys.stderr.write(safe(f"newsarc: {message}") + "\n")
    raise typer.Exit(code)


# ---------------------------------------------------------------------------------------------
# ingest


class IngestFormat(str, Enum):
    table = "table"
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
                     "Default: *.txt and *.md."),
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
        IngestFormat, typer.Option("--format", help="table: a summary; jsonl: one object per file.")
    ] = IngestFormat.table,
) -> None:
    """Store articles in the archive; unchanged files are skipped, changed ones updated.

    Folders are searched recursively (hidden ones skipped). Problems go to stderr, one line
    each: `newsarc: PATH: reason`. Exit 0 when every file was stored (warnings allowed), 1 when
    some file failed (the others are stored), 2 for usage errors such as a path that does not
    exist. Ctrl-C stops after the batch in flight, reports what was stored, and exits 130.
    """
    from collections.abc import Iterable, Iterator

    from newsarc import ingest as core
    from newsarc import render
    from newsarc.articles import MAX_BYTES
    from newsarc.store import ensure_writable

    paths = list(paths or [])
    globs = tuple(glob or core.DEFAULT_GLOBS)
    if files_from is None and not paths:
        raise UsageError("nothing to ingest: give PATH... or --files-from FILE")
    if paths.count("-") > 1:
        raise UsageError("`-` (stdin) can be given once")
    if files_from == "-" and "-" in paths:
        raise UsageError("`-` and `--files-from -` cannot both read stdin")
    if id is not None and "-" not in paths:
        raise UsageError("--id names the article read from stdin; give `-` as a PATH")
    if id is not None and not id.strip():
        raise UsageError("--id cannot be empty")
    missing = core.missing_paths(paths)
    for p in missing[:-1]:
        sys.stderr.write(render.message(core.printable(p), "no such file or directory") + "\n")
    if missing:
        raise UsageError(f"{core.printable(missing[-1])}: no such file or directory")
    listed: list[str] = []
    if files_from is not None:
        try:
            if files_from == "-":
                listed = core.read_path_list(sys.stdin.buffer.read())
            else:
                with open(files_from, "rb") as f:
                    listed = core.read_path_list(f.read())
        except OSError as exc:
            raise UsageError(f"--files-from {files_from}: {exc.strerror}") from None

    def sources() -> Iterator[core.Source]:
        for p in paths:
            if p == "-":  # one byte more than allowed is enough to say "too large"
                yield core.stdin_source(sys.stdin.buffer.read(MAX_BYTES + 1), id)
            else:
                yield from core.discover([p], globs)
        yield from core.discover(listed, globs)

    interrupted = False

    def on_sigint(signum: int, frame: Any) -> None:
        nonlocal interrupted
        if interrupted:  # a second Ctrl-C: stop now; the open batch is rolled back
            raise KeyboardInterrupt
        interrupted = True

    counts: dict[str, int] = {}
    warned = 0
    tty = render.is_terminal(sys.stderr) and fmt is IngestFormat.table and not quiet
    store = open_store(create=True)
    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        ensure_writable(store)
        # On a terminal, list the files first: the progress bar needs a total for its ETA.
        todo: Iterable[core.Source] = list(sources()) if tty else sources()
        with render.ingest_progress(tty) as progress:
            total = len(todo) if isinstance(todo, list) else None
            task = progress.add_task("ingest", total=total) if progress else None
            for result in core.ingest(store, todo, stop=lambda: interrupted):
                counts[result.status] = counts.get(result.status, 0) + 1
                warned += bool(result.warnings) and result.status != "error"
                for line in render.file_messages(result, quiet):
                    if progress:
                        progress.console.print(render.text(line), highlight=False)
                    else:
                        sys.stderr.write(line + "\n")
                if fmt is IngestFormat.jsonl:
                    sys.stdout.write(render.result_json(result) + "\n")
                if progress and task is not None:
                    progress.advance(task)
    finally:
        signal.signal(signal.SIGINT, previous)
        store.close()
    done = sum(counts.values())
    if fmt is IngestFormat.table and not quiet and done:
        if render.is_terminal():
            render.ingest_summary(counts, warned, render.stdout_console())
        else:
            sys.stderr.write(render.ingest_summary_line(counts, warned) + "\n")
    if interrupted:
        fail(f"interrupted after {done} file{'s' if done != 1 else ''}; run again to finish", 130)
    if done == 0:
        walked = any(os.path.isdir(p) for p in (*paths, *listed))
        fail("no input files found" + (f" (looked for {', '.join(globs)})" if walked else ""))
    if counts.get("error"):
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------
# search


class SearchFormat(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    ids = "ids"


HIT_FIELDS = ("id", "date", "title", "section", "snippet", "score")


@app.command()
def search(
    query: Annotated[list[str], typer.Argument(help="What to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most N hits; 0 for all.")] = 20,
    fmt: Annotated[
        SearchFormat | None,
        typer.Option("--format", "-f", help="Default: table on a terminal, tsv in a pipe."),
    ] = None,
) -> None:
    """Search the archive. Exit 0 with hits, 1 with none, 2 for a usage error."""
    from newsarc import query as q

    with open_store() as store:
        hits = q.search(store, " ".join(query), limit=limit)
    if not hits:
        raise typer.Exit(1)
    from newsarc import render

    chosen = fmt.value if fmt else ("table" if render.is_terminal() else "tsv")
    rows = [
        {"id": h.id, "date": h.date, "title": h.title, "section": h.section or "lede",
         "snippet": h.snippet, "score": round(h.score, 4)}
        for h in hits
    ]
    if chosen == "table":
        from rich.table import Table

        table = Table(show_lines=False)
        for f in ("id", "date", "title", "section"):
            table.add_column(f)
        for r in rows:
            cells = (render.text(str(r[f] or "")) for f in ("id", "date", "title", "section"))
            table.add_row(*cells)
        render.stdout_console().print(table)
    else:
        render.write_records(rows, HIT_FIELDS, chosen, sys.stdout, header=True)


# ---------------------------------------------------------------------------------------------


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # raised while click itself wrote, e.g. --help | head -1
        _quiet_pipe()
        sys.exit(141)


def _quiet_pipe() -> None:
    """The reader went away (`| head`): stop quietly, and keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
