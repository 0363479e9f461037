"""`newsarc copy SRC DST`: a whole archive into a new one, between any two backends (SQLite
file -> PostgreSQL, back, or the same kind), exactly: every article with its id, text, date,
metadata, the file it was read from (with its size and time) and when it was stored; the
user's story overrides, tags and saved searches; the ingest log. What ingest derives from the
text (index, clusters, date and place mentions) is derived again in DST by the same code
(`Store.add()`), so DST answers every query as SRC does (tests/test_copy.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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


Stamps = dict[str, tuple[int | None, int | None, str]]  # Store.stamps()


def add_all(target: Store, articles: Iterable[Article], stamps: Stamps | None = None
            ) -> Iterator[int]:
    """Store `articles` in `target`, BATCH to a transaction (with their `stamps`, when given);
    yield how many are stored after each batch. `copy` and `salvage` fill their DST so."""
    batch: list[Article] = []
    done = 0
    for article in articles:
        batch.append(article)
        if len(batch) >= BATCH:
            done += _store(target, batch, stamps)
            yield done
    if batch:
        done += _store(target, batch, stamps)
        yield done


def _store(target: Store, batch: list[Article], stamps: Stamps | None) -> int:
    """One batch in one transaction; return how many, and empty the batch."""
    with target.transaction():
        for article in batch:
            target.add(article)
        if stamps is not None:
            target.set_stamps({a.id: stamps[a.id] for a in batch})
    n = len(batch)
    batch.clear()
    return n


def _copy(source: Store, target: Store, progress: Callable[[int, int], None] | None) -> Copied:
    total = source.count()
    target.add_override_rows(source.override_rows())  # a user's joins and splits, first
    done = 0
    for done in add_all(target, source.iter_articles(), source.stamps()):
        if progress is not None:
            progress(done, total)
    tags = source.tag_rows()
    target.add_tag_rows(tags)
    saved = source.saved_searches()
    target.put_saved(saved)
    target.add_ingest_rows(source.ingest_rows())
    return Copied(done, len(tags), len(saved))
