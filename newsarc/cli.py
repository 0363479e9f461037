"""The command line: options, the archive to open, and exit codes. Logic lives in the modules.

Exit codes: 0 success; 1 nothing found, or some input failed (the rest was done); 2 usage error
or an archive that cannot be used; 130 interrupted; 141 stdout closed; 143 ingest terminated
(SIGTERM). Heavy modules are imported inside the commands that need them: `newsarc search`
runs in shell loops and pays for every import.

No `from __future__ import annotations` here: typer reads every command's annotations on each
call, and string annotations made it eval() them all (measured: building the commands took
9-15 ms with them, 3 ms without).
"""

import itertools
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer._types import TyperChoice
from typer.core import TyperCommand, TyperGroup

from newsarc import output
from newsarc.config import resolve_db_path
from newsarc.errors import NewsarcError, UsageError

if TYPE_CHECKING:
    from newsarc.dates import DateRange
    from newsarc.metafile import MetaTable
    from newsarc.models import Article
    from newsarc.store import Store


class NewsarcGroup(TyperGroup):
    """Errors become exit codes in one place: a domain error is one stderr line, never a trace."""

    def invoke(self, ctx: Any) -> Any:  # click.Context, vendored inside typer 0.28
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except NewsarcError as exc:
            _report(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("newsarc: interrupted\n")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(141) from None
        except ClickUsageError as exc:  # a missing argument, a value out of range: one line too
            sys.stderr.write(output.message("", exc.format_message()) + "\n")
            if exc.ctx is not None:
                sys.stderr.write(f"newsarc: hint: see `{exc.ctx.command_path} --help`\n")
            raise typer.Exit(exc.exit_code) from None
        except sqlite3.DatabaseError as exc:  # corruption found mid-query, a lock held too long
            from newsarc.store import archive_error

            error = archive_error(state.db, exc)
            _report(error)
            raise typer.Exit(error.exit_code) from None


def _report(error: NewsarcError) -> None:
    sys.stderr.write(output.message("", error.message) + "\n")
    if error.hint:
        sys.stderr.write(output.message("hint", error.hint) + "\n")


class QueryCommand(TyperCommand):
    """A command whose arguments are a free-text query, in which `-word` is an exclusion.

    Click alone cannot tell `-Iraq` (a query word) from an option, so this class sorts the
    arguments itself before click parses them:
    - every token starting with `--` is one of the command's own options, wherever it stands,
      also after `--`; an unknown one is a usage error suggesting the closest;
    - `--` alone is dropped (old scripts wrote `search -- -Iraq warehouse`);
    - `-h` is help; any other token, `-Iraq`, `-(IRGC`, `-"a phrase"`, is a query word.
    Option values are taken as declared, so `--limit -1` is a value (and gets click's range
    error). The options are read from the command's own parameters: a new query command needs
    only `@app.command(cls=QueryCommand)`, and may declare no short option (`-n` is a word).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        short = [name for p in self.params if p.param_type_name == "option"
                 for name in (*p.opts, *p.secondary_opts) if not name.startswith("--")]
        if short:
            raise TypeError(f"{self.name}: a query command takes no short option {short}: "
                            "a query word may start with -")

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # ctx: click.Context
        takes: dict[str, int] = {}  # each long option: how many values follow it
        for param in self.get_params(ctx):
            if param.param_type_name == "option":
                flag = getattr(param, "is_flag", False) or getattr(param, "count", False)
                takes.update((name, 0 if flag else param.nargs)
                             for name in (*param.opts, *param.secondary_opts))
        options: list[str] = []
        words: list[str] = []
        unknown: list[str] = []
        rest = iter(args)
        for token in rest:
            name, eq, _ = token.partition("=")
            if token == "--":
                continue
            if token in ctx.help_option_names:
                options.append(token)
            elif not token.startswith("--") or (name not in takes and ctx.resilient_parsing):
                words.append(token)  # a query word (or, in shell completion, one being typed)
            elif name not in takes:
                unknown.append(name)
            else:
                values = [] if eq else list(itertools.islice(rest, takes[name]))
                if not eq and len(values) < takes[name]:
                    raise UsageError(f"{name} needs a value")
                options += [token, *values]
        if unknown and not set(options) & set(ctx.help_option_names):  # help wins, as in click
            raise _no_such_option(unknown[0], takes)
        return super().parse_args(ctx, [*options, "--", *words])


def _no_such_option(name: str, known: Iterable[str]) -> UsageError:
    from difflib import get_close_matches

    close = get_close_matches(name, [k for k in known if k.startswith("--")], n=1)
    return UsageError(f"no such option {name}" + (f" (did you mean {close[0]}?)" if close else ""),
                      hint=None if close else "--help lists the options; to search for a word "
                      f"that starts with -, quote it: '\"{name}\"'")


class _FormatChoice(TyperChoice[str]):
    """--format's names. The view for a terminal is `rich` in every command, and `table` is
    another name for it (search and kwic used to call it that): help lists `rich` only."""

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        if isinstance(value, str) and value.casefold() == "table":
            value = "rich"
        return super().convert(value, param, ctx)


def _formats(formats: type[Enum]) -> _FormatChoice:
    return _FormatChoice([str(f.value) for f in formats])


def _no_overflow(n: int) -> int:
    """A count option's value: anything above 2**62 means "all" (0), which SQLite can hold."""
    return 0 if n > 2**62 else n


app = typer.Typer(
    cls=NewsarcGroup,
    name="newsarc",
    help="A news archive: ingest article text files into SQLite full-text search, then search, "
    "read and follow stories over time.",
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    # -h is safe for the query commands too: QueryCommand reads only `-h` itself as help, and
    # `newsarc search -hezbollah` stays an exclusion.
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
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=lambda on: _version() if on else None,
                     help="Print newsarc's version and exit."),
    ] = False,
) -> None:
    """newsarc: a command-line news archive."""
    state.db = resolve_db_path(db)


def _version() -> None:
    """`newsarc --version`: read from the installed package's metadata only when asked."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        number = installed("newsarc")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from newsarc import __version__ as number
    sys.stdout.write(f"newsarc {number}\n")
    raise typer.Exit(0)


class _UpgradeProgress:
    """An archive upgrade that takes over a second shows a progress bar on a terminal."""

    def __init__(self) -> None:
        self.started: float | None = None
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if self.started is None:
            self.started = now
        if self.bar is None and now - self.started > 1 and output.is_terminal(sys.stderr):
            from newsarc.render import UpgradeBar

            self.bar = UpgradeBar(total)
        if self.bar is not None:
            self.bar.update(done)


def open_store(create: bool = False, write: str | None = None) -> "Store":
    """The archive; `write` names a command that must be able to write to it."""
    from newsarc.store import ensure_writable, open_archive

    store = open_archive(state.db, create=create, progress=_UpgradeProgress())
    if write:
        ensure_writable(store, write)
    return store


def fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(output.message("", message) + "\n")
    raise typer.Exit(code)


def read_ids(ids: list[str]) -> Iterator[str]:
    """Ids from the arguments, as ingest stores them (`articles.clean_id`); `-` reads them from
    stdin, the first tab-separated field a line, so `newsarc search x | newsarc show -` works."""
    from newsarc.articles import clean_id
    from newsarc.browse import ids_from_lines

    if ids.count("-") > 1:
        raise UsageError("`-` (stdin) can be given once")

    def each() -> Iterator[str]:
        for item in ids:
            if item == "-":
                yield from map(clean_id, ids_from_lines(sys.stdin))
            else:
                yield clean_id(item)

    return each()


# ---------------------------------------------------------------------------------------------
# ingest


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


# ---------------------------------------------------------------------------------------------
# search


class SearchFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    ids = "ids"


class Sort(str, Enum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


SinceOption = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE",
                 help="From this date on (2024, 2024-02, 'Feb 2024', 2024-02-03, ISO week "
                 "2024-W05, 7d, 2w, 3m, 1y, today, yesterday, 'last week', 'last month'). A "
                 "partial date covers its whole period. Undated articles are left out."),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE",
                 help="Up to and including this date: --until 2024-02 includes 29 February."),
]

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
                           "it matches, the dates, the FTS5 expression) instead of hits.")
    ] = False,
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
        for line in output.explain_lines(q.explain(text)):
            sys.stdout.write(line + "\n")
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
        hits = q.search(store, text, limit=limit, sort=sort.value, date_range=dates,
                        section=section, raw=raw, snippets=snippets,
                        sections=snippets or "section" in wanted, collapse=collapse)
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


def env_collapse() -> bool:
    """$NEWSARC_COLLAPSE=1 collapses searches and timelines to one row per story."""
    return os.environ.get("NEWSARC_COLLAPSE", "").strip().lower() in ("1", "true", "yes", "on")


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
        lines = q.kwic(store, text, limit=limit, sort=sort.value, date_range=dates, width=width)
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


def _format(fmt: Enum | None, plain: str, pretty: str = "rich") -> str:
    """The format asked for, else the pretty one on a terminal and the plain one in a pipe."""
    if fmt is not None:
        return str(fmt.value)
    return pretty if output.is_terminal() else plain


# ---------------------------------------------------------------------------------------------
# Reading the archive: show, sections, timeline, stats, export
#
# Each command gathers plain data from browse/timeline/export and hands it to one render call.
# `rich` is the default on a terminal, the plain format in a pipe (output.is_terminal()).


class ShowFormat(str, Enum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


class RowFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class StatsFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


class Split(str, Enum):
    source = "source"
    outlet = "outlet"


class TimeUnit(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


def _emit(
    chosen: str, view: Callable[[], Any], rows: Iterable[dict[str, Any]], fields: tuple[str, ...]
) -> None:
    """The rich view on stdout, or the rows in the plain format chosen."""
    if chosen == "rich":
        from newsarc import render

        render.stdout_console().print(view())
    else:
        output.write_records(rows, fields, chosen, sys.stdout)


def _format_option(formats: type[Enum], plain: str, *others: str) -> Any:
    return typer.Option(
        "--format", click_type=_formats(formats),
        help=f"Default: rich on a terminal, {plain} in a pipe. {' '.join(others)}".strip(),
    )


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
                       "newsarc ingest -` stores the same article); json is one object per line."),
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
                render.print_paged(render.stdout_console(), render.article_view(shown),
                                   page=not no_pager)
        else:
            _write_articles(found, chosen, store)
    if worst:
        raise typer.Exit(worst)


def _write_articles(found: Iterable["Article"], chosen: str, store: "Store") -> None:
    """text, markdown or json, one article at a time so a long `show -` streams."""
    from newsarc import articles, render
    from newsarc.export import article_record, with_cluster

    for n, article in enumerate(found):
        if chosen == "json":
            record = with_cluster(store, article_record(article))
            sys.stdout.write(output.json_line(record) + "\n")
        elif chosen == "markdown":
            sys.stdout.write(("\n---\n\n" if n else "") + render.article_markdown(article))
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


@app.command(cls=QueryCommand)
def timeline(
    query: Annotated[
        list[str] | None,
        typer.Argument(help="A search (the search language); without one, the whole archive."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    by: Annotated[
        TimeUnit | None,
        typer.Option("--by", help="Count per day, ISO week, month or year, empty periods "
                     "included."),
    ] = None,
    fmt: Annotated[RowFormat | None, _format_option(RowFormat, "tsv")] = None,
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
                     "$NEWSARC_COLLAPSE (1 or 0), else off."),
    ] = None,
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
    with open_store() as store:
        found = core.entries(store, text, within, sections=by is None)
        if env_collapse() if collapse is None else collapse:
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
    periods = core.periods(found, by.value, within)
    machine = chosen in ("json", "jsonl")
    rows = (
        {"period": p.label, "count": p.count,
         "ids": list(p.ids) if machine else output.id_list(p.ids),
         "titles": " | ".join(p.titles)}
        for p in periods
    )
    _emit(chosen, lambda: render.periods_view(periods), rows,
          ("period", "count", "ids") + (() if machine else ("titles",)))
    if not found:  # the zero rows are printed, yet nothing matched: exit 1 as search does
        fail("no articles match")


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


class ClusterFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


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
    """Story clusters, largest first: size, first and last date, the representative's id and
    title.

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
    """The articles like ID: the other members of its story cluster, then the nearest
    articles outside it, each with its similarity, best first.

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
    `newsarc --db new.db ingest backup.jsonl` (same ids, dates, titles, sections and sha256).
    """
    from newsarc import export as core

    with open_store() as store:
        if fmt is ExportFormat.csv:
            output.write_records(core.section_rows(store), core.CSV_FIELDS, "csv", sys.stdout)
        else:
            output.write_records(core.records(store), core.ARTICLE_FIELDS, "jsonl", sys.stdout)


# ---------------------------------------------------------------------------------------------
# check, salvage, rm


@app.command()
def check(
    repair: Annotated[
        bool, typer.Option("--repair", help="Rebuild the full-text index and the story clusters "
                           "from the stored text.")
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
    """Verify the archive; --repair rebuilds its full-text index.

    Checks SQLite's integrity and FTS5's, that every article has its sections and its index
    row, every article's text against its sha256, and every index row against the text it
    should hold. On a damaged file, reports what can still be read. Problems go to stdout,
    one a line. Exit 0 when sound (or repaired), 1 when problems remain.
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
    broken: Annotated[Path, typer.Argument(help="The damaged archive (only read).")],
    new: Annotated[Path, typer.Argument(help="The new archive to create.")],
) -> None:
    """Copy every readable article of a damaged archive into a new one.

    Each article that can be read whole goes into NEW with its sections, indexed. What could
    not be read is reported on stdout, one line each. Exit 0 when every article was copied
    intact, 1 when something was lost or damaged.
    """
    from newsarc.salvage import salvage as core

    result = core(broken, new)
    for line in result.problems:
        sys.stdout.write(output.safe(line) + "\n")
    sys.stderr.write(output.safe(
        f"newsarc: salvage: {result.copied} articles copied to {new},"
        f" {len(result.problems)} problems") + "\n")
    if result.problems:
        raise typer.Exit(1)


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
