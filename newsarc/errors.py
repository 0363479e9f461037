"""Domain errors. The core raises them; cli.py turns each into one stderr line and an exit code."""

from __future__ import annotations


class NewsarcError(Exception):
    """Base class: a failure the user can act on, never shown with a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(NewsarcError):
    """The user's arguments cannot be acted on (exit 2, like click's own usage errors)."""

    exit_code = 2


class ArchiveError(NewsarcError):
    """The archive file cannot be used: not SQLite, corrupt, from a newer newsarc, or busy."""

    exit_code = 2


class CorruptArchive(ArchiveError):
    """The archive file is damaged: `newsarc check` says where, `newsarc salvage` copies out
    what can be read."""


class NotFound(NewsarcError):
    """Nothing matched (exit 1, like grep)."""

    exit_code = 1


class InputError(NewsarcError):
    """One input file could not be read or parsed; ingest reports it and goes on."""

    exit_code = 1
