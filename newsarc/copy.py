"""`newsarc copy SRC DST`: a whole archive into a new one, between any two backends (SQLite
file -> PostgreSQL, back, or the same kind), exactly: every article with its id, text, date,
metadata, the file it was read from (with its size and time) and when it was stored; the
user's story overrides, tags and saved searches; the ingest log. What ingest derives from the
text (index, clusters, date and place mentions) is derived again in DST by the same code
(`Store.add()`), so DST answers every query as SRC does (tests/test_copy.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsarc.config import shown
from newsarc.errors import UsageError
from newsarc.models import Article
from newsarc.store import Store, open_archive

BATCH = 500  # articles per transaction in DST


@dataclass(frozen=True)
class Copied:
    articles: int
    tags: int
    saved: int


def copy_archive(src: Path | str, dst: Path | str,
                 progress: Callable[[int, int], None] | None = None) -> Copied:
    """Copy the archive at `src` into `dst`, which must hold no article yet (it is created
    when missing)."""
    if str(src) == str(dst) or (isinstance(src, Path) and isinstance(dst, Path)
                                and dst.exists() and dst.resolve() == src.resolve()):
        raise UsageError("copy writes another archive: give two different archives")
    with open_archive(src, readonly=True) as source:
        target = open_archive(dst, create=True)
        try:
            if target.readonly:
                raise UsageError(f"{shown(dst)} is read-only: copy needs to write to it")
            if target.count():
                raise UsageError(f"{shown(dst)} already holds articles: copy into a new archive")
            return _copy(source, target, progress)
        finally:
            target.close()


def _copy(source: Store, target: Store, progress: Callable[[int, int], None] | None) -> Copied:
    total = source.count()
    stamps = source.stamps()
    target.add_override_rows(source.override_rows())  # a user's joins and splits, first
    batch: list[Article] = []
    done = 0

    def flush() -> None:
        nonlocal done
        with target.transaction():
            for article in batch:
                target.add(article)
            target.set_stamps({a.id: stamps[a.id] for a in batch})
        done += len(batch)
        batch.clear()
        if progress is not None:
            progress(done, total)

    for article in source.iter_articles():
        batch.append(article)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    tags = source.tag_rows()
    target.add_tag_rows(tags)
    saved = source.saved_searches()
    target.put_saved(saved)
    target.add_ingest_rows(source.ingest_rows())
    return Copied(done, len(tags), len(saved))
