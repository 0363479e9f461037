"""newsarc: a command-line news archive on SQLite FTS5."""

__version__ = "0.1.0"
