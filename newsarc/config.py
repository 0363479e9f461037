"""Where the archive lives: --db, else $NEWSARC_DB, else $XDG_DATA_HOME/newsarc/archive.db.

Either a file (SQLite) or a `postgresql://` URL (a PostgreSQL archive), which is kept as
typed: a path would fold its `//`."""

from __future__ import annotations

import os
from pathlib import Path

URL_SCHEMES = ("postgresql://", "postgres://")


def _location(text: str) -> Path | str:
    return text if text.startswith(URL_SCHEMES) else Path(text).expanduser()


def shown(db: Path | str) -> str:
    """The archive's location as messages name it: a URL with its password masked."""
    if isinstance(db, str) and db.startswith(URL_SCHEMES):
        from newsarc.pg import masked

        return masked(db)
    return str(db)


def default_db_path(environ: dict[str, str] | None = None) -> Path | str:
    env = os.environ if environ is None else environ
    if env.get("NEWSARC_DB"):
        return _location(env["NEWSARC_DB"])
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "newsarc" / "archive.db"


def resolve_db_path(option: str | None, environ: dict[str, str] | None = None) -> Path | str:
    return _location(option) if option else default_db_path(environ)
