"""Plain data passed between the layers; nothing here knows about SQLite or terminals."""

from __future__ import annotations

from dataclasses import dataclass, field

UNDATED = "undated"  # how every view names articles without a date


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
class Meta:
    """What a collection says about an article beside its text (a `--meta` CSV, front matter,
    a `Title:`/`Source:` header block): the outlet, its URL, author and language, and any
    other `key: value` pairs, in the order given (keys lower case, `[\\w.-]` only)."""

    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def items(self) -> list[tuple[str, str]]:
        """Every pair with a value, the named fields first: what front matter writes."""
        named = [("outlet", self.outlet), ("url", self.url), ("author", self.author),
                 ("language", self.language)]
        return [(k, v) for k, v in named if v] + list(self.extra)

    def __bool__(self) -> bool:
        return bool(self.items())


NO_META = Meta()


@dataclass(frozen=True)
class Article:
    """An article as parsed or as stored.

    `date` is an ISO date at the precision the source gave: `2024-02-03`, `2024-02` or `2024`.
    `sha256` is the hash of the canonical seed-format text, so identical content has one hash
    whatever its file's line endings or name (its metadata is part of that text: front matter).
    `source` is the path the article was last read from (`stdin:ID` for standard input); the
    outlet that published it is `meta.outlet`.
    """

    id: str
    date: str | None
    title: str
    source: str | None
    sha256: str
    sections: tuple[Section, ...]
    meta: Meta = NO_META

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)


@dataclass(frozen=True)
class Parsed:
    """An article plus what the parser had to forgive to read it."""

    article: Article
    warnings: tuple[str, ...] = ()
    # From an export line: the story overrides it records (kept apart, joined with these ids).
    apart: bool = False
    joined: tuple[str, ...] = ()
    tags: tuple[str, ...] | None = None  # from an export line: its tags (None: not given)


@dataclass
class FileResult:
    """What ingest did with one input: the row behind the summary and `--format jsonl`."""

    path: str
    status: str  # added | updated | unchanged | duplicate | error
    id: str | None = None
    message: str = ""
    warnings: list[str] = field(default_factory=list)



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
    copies: int | None = None  # with --collapse: the other articles of its story cluster


# ---------------------------------------------------------------------------------------------
# Reading the archive: show, sections, timeline, stats


@dataclass(frozen=True)
class SectionSummary:
    """One row of `newsarc sections ID`: enough to choose a section without reading it."""

    position: int
    heading: str | None  # None for the lede
    paragraphs: int
    words: int
    first_words: str


@dataclass(frozen=True)
class HeadingCount:
    """A heading and how many articles have a section under it."""

    heading: str
    articles: int


@dataclass(frozen=True)
class SectionOf:
    """A section with the article it belongs to, for reading one kind of section across a story."""

    id: str
    date: str | None
    title: str
    position: int
    heading: str | None
    text: str


@dataclass(frozen=True)
class TimelineEntry:
    """One article on a timeline; `section` and `score` come from a query, when there is one."""

    date: str | None
    id: str
    title: str
    section: str | None = None
    score: float | None = None
    outlet: str | None = None  # filled in for `timeline --split source`


@dataclass(frozen=True)
class Period:
    """One row of `timeline --by`: a day, ISO week, month or year, possibly empty.

    `label` is `2024-02-03`, `2024-W05`, `2024-02`, `2024`, or `undated` for the articles that
    belong to no period. `ids` are in date order; `titles` are the few to show, best first.
    """

    label: str
    start: str | None
    end: str | None
    ids: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class ArchiveStats:
    """What `newsarc stats` reports; the field names are its json keys."""

    db: str
    size_bytes: int
    articles: int
    sections: int
    words: int
    first_date: str | None
    last_date: str | None
    undated: int
    last_ingest: str | None
    outlets: tuple[tuple[str, int], ...] = ()  # articles per outlet, most first
    clusters: int = 0  # story clusters (issue 14): an article alone is one
    clustered: int = 0  # articles in clusters of more than one article


@dataclass(frozen=True)
class KwicLine:
    """One occurrence of a query's words (`newsarc kwic`): where it is and the text around it."""

    id: str
    date: str | None
    section: str | None  # heading of the section; None for the lede
    position: int
    left: str
    match: str
    right: str


@dataclass(frozen=True)
class StoryCluster:
    """One row of `newsarc clusters`: a story and how many articles carry it."""

    cluster: str  # the representative's id: the earliest dated article, ties by id
    size: int
    first_date: str | None
    last_date: str | None
    title: str  # the representative's


@dataclass(frozen=True)
class SimilarArticle:
    """One row of `newsarc similar ID`: an article, whether it is in ID's cluster, and how
    alike the two are (`extract.stories.Similarity`)."""

    id: str
    date: str | None
    title: str
    member: bool
    similarity: float
    jaccard: float
    containment: float
    sentences: float


@dataclass(frozen=True)
class Mention:
    """A date the text mentions (issue 15), as stored: `start`/`end` are offsets into the text
    of the section at `position`; `value` is TimeML-style (`2017-03-20`, `2017-W12`, `2017`,
    `2016-03/2016-05`), covering the ISO days `first_day`..`last_day`; `how` is `explicit`,
    `anchored` or `relative` (see `newsarc.extract.timex`)."""

    position: int
    start: int
    end: int
    surface: str
    value: str
    granularity: str
    how: str
    first_day: str
    last_day: str


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer (issue 17): a country, a region (a US state, or a first-level
    division of a country news covers most) or a city of more than 15,000 people. `key` is
    its GeoNames id as text, or `COUNTRY:name` for a region GeoNames' tables leave out;
    `admin1` is a US state's code for the state and its cities ("" elsewhere); `lat`/`lon` a
    city's own point, a country's capital's, a US state's largest city's (None for other
    regions)."""

    key: str
    name: str
    country: str  # ISO 3166 alpha-2
    kind: str  # country | region | city
    geonameid: int | None
    admin1: str
    lat: float | None
    lon: float | None
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A place the text names (issue 17), as stored: `start`/`end` are offsets into the text
    of the section at `position`; `kind` is how the text names it: `name` (`Baghdad`),
    `metonym` (`Moscow denied`: a capital for its government) or `adjectival` (`Iraqi`)."""

    position: int
    start: int
    end: int
    surface: str
    kind: str
    place: Place


@dataclass(frozen=True)
class PlaceCount:
    """One row of `newsarc places`: a place and how often the matching articles name it."""

    name: str
    country: str
    kind: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    articles: int
    mentions: int


@dataclass(frozen=True)
class Event:
    """One row of `newsarc events`: a dated mention, the article that makes it, and the
    sentence around it (`mark` is the mention's span in `sentence`)."""

    value: str
    first_day: str
    last_day: str
    id: str
    date: str | None
    surface: str
    sentence: str
    mark: tuple[int, int]
    granularity: str = ""


@dataclass(frozen=True)
class StoryDate:
    """One date of a story's timeline (`timeline --story`, issue 16): the day, how strongly the
    archive's evidence points at it (`score`), and the sentences that best say what happened,
    each with the ids of the articles that carry it (a wire sentence printed by several papers
    is one sentence with several ids); `ids` is every source, in sentence order."""

    date: str
    score: float
    sentences: tuple[StorySentence, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(id for s in self.sentences for id in s.ids))


@dataclass(frozen=True)
class StorySentence:
    text: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class SeriesQuery:
    """One query of a several-query timeline (issue 18): its label (`iraq` of `iraq=Iraq OR
    Iraqi`, else the query itself) and its text in the search language."""

    label: str
    text: str


@dataclass(frozen=True)
class SeriesPoint:
    """One row of a several-query timeline: a period and a query.

    `total` is the articles of the period (or those matching `--within`), `ratio` the share
    `count / total` (None when the period holds no article at all). `peak` is the title of the
    period's top-ranked match when the period is one of the query's peaks (see series.PEAK_RULE).
    `start`/`end` are the period's ISO days (None for `undated`).
    """

    period: str
    start: str | None
    end: str | None
    query: str
    count: int
    total: int
    ratio: float | None
    peak: str | None = None
    peak_id: str | None = None


@dataclass(frozen=True)
class Series:
    """A several-query timeline: the queries in order, and one point per period and query,
    period by period (every query over the same periods; `undated` last)."""

    queries: tuple[SeriesQuery, ...]
    points: tuple[SeriesPoint, ...]
    by: str
    within: str | None = None  # the --within query that gives the totals, if any

