"""Plain data passed between the layers; nothing here knows about SQLite or terminals."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One part of an article: position 0 is the lede (no heading), then one per heading."""

    position: int
    heading: str | None
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def paragraphs(self) -> int:
        return len([p for p in self.text.split("\n\n") if p.strip()])


@dataclass(frozen=True)
class Article:
    """An article as parsed or as stored.

    `date` is an ISO date at the precision the source gave: `2024-02-03`, `2024-02` or `2024`.
    `sha256` is the hash of the canonical seed-format text, so identical content has one hash
    whatever its file's line endings or name.
    """

    id: str
    date: str | None
    title: str
    source: str | None
    sha256: str
    sections: tuple[Section, ...]

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)


@dataclass(frozen=True)
class Parsed:
    """An article plus what the parser had to forgive to read it."""

    article: Article
    warnings: tuple[str, ...] = ()


@dataclass
class FileResult:
    """What ingest did with one input: the row behind the summary and `--format jsonl`."""

    path: str
    status: str  # added | updated | unchanged | duplicate | error
    id: str | None = None
    message: str = ""
    warnings: list[str] = field(default_factory=list)


INGEST_STATUSES = ("added", "updated", "unchanged", "duplicate", "error")


@dataclass(frozen=True)
class Hit:
    """One search result: an article and where in it the query matched best."""

    id: str
    date: str | None
    title: str
    section: str | None  # heading of the best-matching section; None for the lede
    snippet: str
    score: float
    position: int = 0  # of the best-matching section
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) of matched words in snippet
