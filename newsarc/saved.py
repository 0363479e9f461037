"""Saved searches (issue 19): `newsarc save NAME QUERY`, then `@NAME` wherever a query goes.

A saved search is checked when it is saved: its query must compile, with every `@name` it
uses known and none leading back to itself (`query.py` expands them and finds the cycle).
Its `--since`/`--until` are kept as typed, so `--since 30d` stays the last 30 days.
"""

from __future__ import annotations

import dataclasses

from newsarc.errors import NotFound, UsageError
from newsarc.store import Store, now
from newsarc.userdata import SavedRow, SavedSearch


def _name(name: str) -> str:
    from newsarc.tags import check_name

    return check_name(name.removeprefix("@"), "saved search name")


def _found(store: Store, name: str) -> SavedSearch:
    found = store.saved_search(name.removeprefix("@"))
    if found is None:
        raise NotFound(f"no saved search @{name.removeprefix('@')}",
                       hint="`newsarc saved` lists them")
    return found


def save(store: Store, name: str, query: str, since: str | None, until: str | None
         ) -> tuple[SavedSearch, SavedSearch | None]:
    """Store (or replace) a saved search after checking it; return it and the one replaced."""
    from newsarc.dates import date_range, env_dayfirst
    from newsarc.query import compile_query

    name = _name(name)
    if not query.strip():
        raise UsageError(f"save: give the query that @{name} stands for")
    date_range(since, until, dayfirst=env_dayfirst())  # a date that cannot be read: now
    new = SavedSearch(name, query, since, until, now())
    old = store.saved_search(name)

    def lookup(wanted: str) -> SavedSearch | None:
        return new if wanted.casefold() == name.casefold() else store.saved_search(wanted)

    compile_query(f"@{name}", lookup)  # unknown names, cycles and empty queries are refused
    # Another search that uses this one must still compile (it may now lead back to itself).
    for other in store.saved_searches():
        if other.name.casefold() != name.casefold():
            compile_query(f"@{other.name}", lookup)
    store.put_saved([new])
    return new, old


def delete(store: Store, name: str) -> SavedSearch:
    """Forget a saved search; refused while another one uses it."""
    from newsarc.query import references

    found = _found(store, name)
    users = [s.name for s in store.saved_searches()
             if s.name != found.name
             and found.name.casefold() in (r.casefold() for r in references(s.query))]
    if users:
        raise UsageError(f"saved search @{found.name} is used by "
                         + ", ".join(f"@{u}" for u in users),
                         hint="change or delete those first")
    store.put_saved([], drop=[found.name])
    return found


def rename(store: Store, old: str, new: str) -> list[str]:
    """Rename a saved search, and write the new name into the searches that use it; return
    their names."""
    from newsarc.query import references, rename_reference

    found = _found(store, old)
    new = _name(new)
    taken = store.saved_search(new)
    if taken is not None and taken.name.casefold() != found.name.casefold():
        raise UsageError(f"a saved search @{taken.name} exists already",
                         hint=f"`newsarc save --delete {taken.name}` first")
    users = [dataclasses.replace(s, query=rename_reference(s.query, found.name, new))
             for s in store.saved_searches()
             if s.name != found.name
             and found.name.casefold() in (r.casefold() for r in references(s.query))]
    store.put_saved([dataclasses.replace(found, name=new), *users], drop=[found.name])
    return [u.name for u in users]


def rows(store: Store) -> list[SavedRow]:
    """Every saved search with how many articles it finds now (None: it cannot run)."""
    from newsarc.query import count

    found: list[SavedRow] = []
    for s in store.saved_searches():
        try:
            hits: int | None = count(store, f"@{s.name}")
        except UsageError:
            hits = None
        found.append(SavedRow(s.name, s.query, s.since, s.until, hits, s.created))
    return found
