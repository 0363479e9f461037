"""Datelines and wire credits at the start of a lede. Placeholder: the parser branch brings the
real reader; until it is merged no dateline is found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dateline:
    place: str | None
    credit: str | None
    start: int
    end: int


def dateline_of(lede: str) -> Dateline | None:
    return None
