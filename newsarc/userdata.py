"""Plain data of what a user adds to the archive (issue 19): saved searches and tags.

Apart from models.py so that the commands that never use them do not build them: a frozen
dataclass costs about 0.5 ms to create at import, and `newsarc search` runs in shell loops.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SavedSearch:
    """A query stored by name (issue 19): `@name` stands for it wherever a query goes.
    `since`/`until` are kept as typed (`7d` stays relative) and read when it is used."""

    name: str
    query: str
    since: str | None = None
    until: str | None = None
    created: str = ""


@dataclass(frozen=True)
class SavedRow:
    """A line of `newsarc saved`: the search and how many articles it finds now (None when
    it cannot be run, e.g. it names a saved search that is gone)."""

    name: str
    query: str
    since: str | None
    until: str | None
    hits: int | None
    created: str


@dataclass(frozen=True)
class TagCount:
    """A line of `newsarc tags`: a tag and the articles that carry it."""

    tag: str
    articles: int


@dataclass(frozen=True)
class Tagged:
    """What `newsarc tag` did: rows added and removed per tag, the articles seen, and the
    ids that name no article."""

    added: tuple[tuple[str, int], ...]
    removed: tuple[tuple[str, int], ...]
    articles: int
    missing: int
