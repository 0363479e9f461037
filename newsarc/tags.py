"""Tags (issue 19): names checked, a `newsarc tag` command line read, tags changed and renamed.

A tag is letters (any script), digits, `-` and `_`, in segments joined by `/`: `iraq/mosul`
is under `iraq`, so `tag:iraq` finds it. Tags are stored as first written and matched in any
case (`str.casefold()`): `Iraq` and `iraq` are one tag, spelled as the archive first had it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

from newsarc.errors import NotFound, UsageError
from newsarc.query import SAVED_NAME
from newsarc.store import Store
from newsarc.userdata import Tagged

NAME_RULE = "letters, digits, -, _ and / between parts (not first, not last, not twice)"


def check_name(name: str, what: str = "tag") -> str:
    """The name in NFC (`é` typed as e and an accent is `é`), or a UsageError naming it."""
    clean = unicodedata.normalize("NFC", name)
    if not SAVED_NAME.fullmatch(clean):
        why = "is empty" if not clean else f"may hold only {NAME_RULE}, and not start with -"
        raise UsageError(f"{what} {name!r} {why}")
    return clean


def changes(words: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """`+a -b ID ... -` -> (tags to add, tags to remove, ids and `-`). A word starting with
    `+` or `-` (but `-` alone, stdin) is a change; anything else an article id."""
    add: list[str] = []
    remove: list[str] = []
    ids: list[str] = []
    for word in words:
        if word[:1] == "+" or (word[:1] == "-" and word != "-"):
            (add if word[0] == "+" else remove).append(check_name(word[1:]))
        else:
            ids.append(word)
    if not add and not remove:
        raise UsageError("tag: say what to change: +TAG to add, -TAG to remove")
    if not ids:
        raise UsageError("tag: give article ids, or `-` to read them from stdin")
    both = {t.casefold() for t in add} & {t.casefold() for t in remove}
    if both:
        raise UsageError(f"tag: {sorted(both)[0]} is both added and removed")
    return list(dict.fromkeys(add)), list(dict.fromkeys(remove)), ids


def tag(store: Store, ids: Iterable[str], add: Sequence[str], remove: Sequence[str],
        missing: Callable[[str], None]) -> Tagged:
    """Change the tags of the articles `ids` names (one transaction, streamed)."""
    return store.tag_articles(ids, add, remove, missing)


def rename(store: Store, old: str, new: str) -> int:
    """Rename a tag and those under it; NotFound when no article carries it."""
    old, new = check_name(old), check_name(new)
    n = store.rename_tag(old, new)
    if not n:
        raise NotFound(f"no article is tagged {old}", hint="`newsarc tags` lists the tags")
    return n
