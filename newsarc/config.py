"""Where the archive lives: --db, else $NEWSARC_DB, else $XDG_DATA_HOME/newsarc/archive.db."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("NEWSARC_DB"):
        return Path(env["NEWSARC_DB"]).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "newsarc" / "archive.db"


def resolve_db_path(option: str | None, environ: dict[str, str] | None = None) -> Path:
    return Path(option).expanduser() if option else default_db_path(environ)
