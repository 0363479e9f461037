"""The command line: options, the archive to open, and exit codes. Logic lives in the modules.

Exit codes: 0 success; 1 nothing found, or some input failed (the rest was done); 2 usage error
or an archive that cannot be used; 130 interrupted; 141 stdout closed; 143 ingest terminated
(SIGTERM). Heavy modules are imported inside the commands that need them: `newsarc search`
runs in shell loops and pays for every import.

The commands live in `newsarc/commands/`, one module per area, registered on the one app in
`newsarc.commands.base` when their module is imported. `newsarc.cli.app` is the whole app
(every module imported, in the order `--help` lists them). `main()`, the `newsarc` program,
imports only the module of the command it is given, when it is given one: typer makes a click
command of every registered command on each start (issue 21: start-up).
"""

import importlib
import sys
from typing import Any

from newsarc.commands import base
from newsarc.commands.base import NewsarcGroup, QueryCommand, _quiet_pipe

__all__ = ["NewsarcGroup", "QueryCommand", "main"]  # and `app`, made on first use

# The command modules, in the order --help lists their commands, and the commands of each
# (tests/test_cli_args.py checks these against what the modules register).
COMMANDS = {
    "ingest": ("ingest",),
    "search": ("search", "kwic"),
    "reading": ("show", "sections", "timeline", "events", "stats", "export"),
    "tags": ("save", "saved", "tag", "tags"),
    "stories": ("clusters", "similar", "join", "split"),
    "places": ("places",),
    "upkeep": ("check", "salvage", "copy", "rm", "reindex"),
}
GLOBAL_VALUES = ("--db",)  # the app's options that take a value (`--db PATH`)


def _register(modules: tuple[str, ...]) -> None:
    for name in modules:
        importlib.import_module(f"newsarc.commands.{name}")


def __getattr__(name: str) -> Any:
    """`newsarc.cli.app`: the app with every command."""
    if name == "app":
        _register(tuple(COMMANDS))
        return base.app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def modules_for(args: list[str]) -> tuple[str, ...]:
    """The command modules a command line needs: the one of the command it names, or every
    one (`--help`, no command, a misspelt one: typer then lists or suggests them all)."""
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        i += 2 if args[i] in GLOBAL_VALUES else 1
    if i < len(args):
        for module, commands in COMMANDS.items():
            if args[i] in commands:
                return (module,)
    return tuple(COMMANDS)


def main() -> None:
    _register(modules_for(sys.argv[1:]))
    try:
        base.app()
    except BrokenPipeError:  # raised while click itself wrote, e.g. --help | head -1
        _quiet_pipe()
        sys.exit(141)
