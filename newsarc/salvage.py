"""`newsarc salvage BROKEN NEW`: every readable article of a damaged archive, into a new one.

The damaged file is only read (`store.open_damaged()`), never written. Each article that can
be read whole (its row and its sections) goes into the new archive through the ordinary
`Store.add()`, so the new archive is complete: indexed, checked by `newsarc check`. A user's
story overrides, tags and saved searches come along, as far as they can be read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsarc.articles import make_article
from newsarc.config import shown
from newsarc.errors import UsageError
from newsarc.models import Article
from newsarc.store import Store, open_archive, open_damaged, sha256_matches


@dataclass
class Salvaged:
    copied: int = 0
    problems: list[str] = field(default_factory=list)  # one line each: what was lost or damaged


def salvage(broken: Path | str, new: Path | str,
            progress: Callable[[int], None] | None = None) -> Salvaged:
    """Copy what can be read from `broken` into the new archive `new` (which must not hold
    articles yet); report every article that could not be read, and every one whose text
    no longer matches its sha256 (copied as it reads, hashed anew)."""
    if str(new) == str(broken) or (
            isinstance(new, Path) and isinstance(broken, Path) and new.exists()
            and broken.exists() and new.resolve() == broken.resolve()):
        raise UsageError("salvage writes a new archive: give another path than the damaged one")
    source = open_damaged(broken)
    try:
        target = open_archive(new, create=True)
        try:
            if target.count():
                raise UsageError(f"{shown(new)} already holds articles: salvage into a new archive")
            return _copy(source, target, progress)
        finally:
            target.close()
    finally:
        source.close()


def _copy(source: Store, target: Store, progress: Callable[[int], None] | None) -> Salvaged:
    from newsarc.copy import add_all

    result = Salvaged()
    target.add_override_rows(source.override_rows())  # a user's joins and splits, first

    def readable() -> Iterator[Article]:
        for id, article, problem in source.rescue():
            if article is None:
                result.problems.append(f"{id}: {problem}" if id else problem)
                continue
            if not sha256_matches(article):
                result.problems.append(f"{id}: its text does not match its sha256 (changed or"
                                       " damaged before salvage); copied as it reads")
                article = make_article(article.id, article.date, article.title, article.source,
                                       article.sections)
            yield article

    for result.copied in add_all(target, readable()):
        if progress is not None:
            progress(result.copied)
    # A user's tags and saved searches (issue 19), once their articles are in.
    target.add_tag_rows(source.tag_rows())
    target.put_saved(source.saved_searches())
    return result
