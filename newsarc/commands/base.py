"""What every command shares: the Typer app and its group (errors become exit codes in one
place), the query commands' argument parsing, the archive to open, output formats and options.

No `from __future__ import annotations` in the commands: typer reads every command's annotations
on each call, and string annotations made it eval() them all (measured: building the commands
took 9-15 ms with them, 3 ms without).
"""

import itertools
import os
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

    shorts: tuple[str, ...] = ()  # short options a subclass allows (token exactly `-q`)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        short = [name for p in self.params if p.param_type_name == "option"
                 for name in (*p.opts, *p.secondary_opts)
                 if not name.startswith("--") and name not in self.shorts]
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
            elif token in self.shorts and token in takes:  # `-q QUERY`: the value follows
                values = list(itertools.islice(rest, takes[token]))
                if len(values) < takes[token]:
                    raise UsageError(f"{token} needs a value")
                options += [token, *values]
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


class TimelineCommand(QueryCommand):
    """`timeline`: a query command that also takes `-q QUERY` (issue 18); `-q` alone is never
    a useful query word (an exclusion of the letter q)."""

    shorts = ("-q",)


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
    db: Path | str


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
    """An archive upgrade that takes over a second shows a progress bar on a terminal (`what`
    names the work; `delay` 0 shows it at once)."""

    def __init__(self, what: str = "upgrading the archive", delay: float = 1) -> None:
        self.started: float | None = None
        self.bar: Any = None
        self.what = what
        self.delay = delay

    def __call__(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if self.started is None:
            self.started = now
        if (self.bar is None and now - self.started >= self.delay
                and output.is_terminal(sys.stderr)):
            from newsarc.render import UpgradeBar

            self.bar = UpgradeBar(total, self.what)
        if self.bar is not None:
            self.bar.update(done)


def open_store(create: bool = False, write: str | None = None) -> "Store":
    """The archive; `write` names a command that must be able to write to it."""
    from newsarc.store import ensure_writable, open_archive

    store = open_archive(state.db, create=create, progress=_UpgradeProgress())
    if write:
        ensure_writable(store, write)
    return store


def warn_stale_dates(store: "Store") -> None:
    """A note on stderr when the archive's date mentions were found by an older extractor
    than this newsarc's: `newsarc reindex --dates` finds them again."""
    from newsarc.extract.mentions import VERSION

    _warn_stale("dates", store.dates_version(), VERSION)


def warn_stale_places(store: "Store") -> None:
    """The same for place mentions: `newsarc reindex --places`."""
    from newsarc.extract.places import VERSION

    _warn_stale("places", store.places_version(), VERSION)


def _warn_stale(what: str, found: int | None, version: int) -> None:
    if found is not None and found != version:
        sys.stderr.write(f"newsarc: the {what} in the text were found by extractor version {found}"
                         f" (this newsarc has {version}): run `newsarc reindex --{what}`\n")


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


def _format(fmt: Enum | None, plain: str, pretty: str = "rich") -> str:
    """The format asked for, else the pretty one on a terminal and the plain one in a pipe."""
    if fmt is not None:
        return str(fmt.value)
    return pretty if output.is_terminal() else plain


class RowFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


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


def _quiet_pipe() -> None:
    """The reader went away (`| head`): stop quietly, and keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def env_collapse() -> bool:
    """$NEWSARC_COLLAPSE=1 collapses searches and timelines to one row per story."""
    return os.environ.get("NEWSARC_COLLAPSE", "").strip().lower() in ("1", "true", "yes", "on")
