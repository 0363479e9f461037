"""Story clusters read back: `newsarc similar`, `newsarc clusters`, and collapsing a list of
articles to one per cluster (issue 14). Clustering itself happens at ingest
(`store._Stories`, by the rule of `extract.stories`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from newsarc.models import SimilarArticle, StoryCluster
from newsarc.store import Store

NEAREST = 10  # non-members `similar` lists at most

T = TypeVar("T")


def clusters(store: Store, min_size: int = 1) -> list[StoryCluster]:
    """Every cluster of at least `min_size` articles, largest first."""
    return [StoryCluster(*row) for row in store.cluster_list(min_size)]


def similar(store: Store, id: str, nearest: int = NEAREST) -> list[SimilarArticle]:
    """The other members of `id`'s cluster, then up to `nearest` articles that share a
    candidate key with it but are not in it; each group best first."""
    from newsarc.extract.stories import similarity

    mine = store.story_of(id)
    members = {i: (d, t) for i, d, t in store.cluster_members(id) if i != id}
    others = [i for i in store.story_candidates(id) if i not in members and i != id]
    found: list[SimilarArticle] = []
    for other in [*members, *others]:
        s = similarity(mine, store.story_of(other))
        if other in members:
            date, title = members[other]
        else:
            article = store.article(other)
            date, title = article.date, article.title
        found.append(SimilarArticle(other, date, title, other in members, round(s.score, 3),
                                    round(s.jaccard, 3), round(s.containment, 3),
                                    round(s.sentences, 3)))
    found.sort(key=lambda a: (not a.member, -a.similarity, a.id))
    return [a for a in found if a.member] + [a for a in found if not a.member][:nearest]


def collapse(store: Store, items: Sequence[T], id_of: Callable[[T], str]
             ) -> list[tuple[T, int]]:
    """One item per cluster, the first of each (the list's best), with how many other items
    of its cluster the list held."""
    cluster = store.clusters_of([id_of(i) for i in items])
    kept: dict[str, int] = {}
    found: list[tuple[T, int]] = []
    for item in items:
        key = cluster.get(id_of(item), id_of(item))
        if key in kept:
            index = kept[key]
            found[index] = (found[index][0], found[index][1] + 1)
        else:
            kept[key] = len(found)
            found.append((item, 0))
    return found
