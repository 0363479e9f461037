"""The command line: options, the archive to open, and exit codes. Logic lives in the modules.

Exit codes: 0 success; 1 nothing found, or some input failed (the rest was done); 2 usage error
or an archive that cannot be used; 130 interrupted; 141 stdout closed; 143 ingest terminated
(SIGTERM). Heavy modules are imported inside the commands that need them: `newsarc search`
runs in shell loops and pays for every import.

The commands live in `newsarc/commands/`, one module per area, registered on the one app in
`newsarc.commands.base` when this module imports them, in the order `--help` lists them.
"""

import importlib
import sys

from newsarc.commands.base import NewsarcGroup, QueryCommand, _quiet_pipe, app

__all__ = ["NewsarcGroup", "QueryCommand", "app", "main"]

# The command modules, in the order --help lists their commands.
COMMANDS = ("ingest", "search", "reading", "tags", "stories", "places", "upkeep")
for _name in COMMANDS:
    importlib.import_module(f"newsarc.commands.{_name}")


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # raised while click itself wrote, e.g. --help | head -1
        _quiet_pipe()
        sys.exit(141)
