"""The query language: any text in, an FTS5 MATCH expression out, then ranked Hits.

Grammar (everything else is forgiven, never a syntax error):

    query   := or ( stray ")" or )*
    or      := and ( "OR" and )*
    and     := unary+                       words side by side must all occur (AND)
    unary   := ( "-" | "NOT" ) unary | primary
    primary := "(" or ")"?  |  '"' phrase '"'?  |  word  |  word* (prefix)  |  date:A..B

A word is a run of characters up to a space, quote or parenthesis. Punctuation inside a word
only separates its parts, which must occur side by side: `Al-Qaim`, `9/11` and `al-Assad` are
phrases, never operators; only a `-` at the start of a word excludes. Every word and phrase goes
through `normalise.fold()`, as the indexed text did, and reaches FTS5 as a quoted string, so no
character can be FTS5 syntax. `--raw` passes the query through untouched for experts.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsarc.dates import DateRange, query_range, range_sql
from newsarc.errors import UsageError
from newsarc.models import Hit, Section
from newsarc.normalise import TOKENIZE, fold, fold_case
from newsarc.store import RANK_WEIGHTS, Store

SORTS = ("relevance", "newest", "oldest")
# Control characters and lone surrogates (undecodable bytes in argv) cannot reach SQLite.
_UNSAYABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BARE_WORD = re.compile(r'[^\s"()]+')  # up to a space, quote or parenthesis
_NEXT_WORD = re.compile(r'\s*([^\s"()]+)')
SNIPPET_WORDS = 30

# ---------------------------------------------------------------------------------------------
# Syntax tree


@dataclass(frozen=True)
class Term:
    """A word, phrase or prefix; `text` is already folded."""

    text: str
    prefix: bool = False

    def fts(self) -> str:
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or


@dataclass(frozen=True)
class Compiled:
    """What a query means: articles matching `match`, minus those matching `exclude`."""

    match: str | None
    exclude: str | None = None
    dates: DateRange = field(default_factory=DateRange)
    terms: tuple[Term, ...] = ()  # the positive terms, for finding sections and snippets
    ignored: tuple[str, ...] = ()  # exclusions beside OR, which FTS5 cannot express

    @property
    def empty(self) -> bool:
        return self.match is None and self.exclude is None and not self.dates


# ---------------------------------------------------------------------------------------------
# Lexer and parser


def _lex(query: str) -> Iterator[tuple[str, str]]:
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            text, i = query[i + 1 : end], end + 1
            if i < n and query[i] == "*":
                i += 1
                yield "PREFIX", text
            else:
                yield "PHRASE", text
        elif c in "()":
            i += 1
            yield c, c
        else:
            m = _BARE_WORD.match(query, i)
            assert m is not None
            word, i = m.group(), m.end()
            if word == "OR":
                yield "OR", word
            elif word == "NOT":
                yield "NOT", word
            elif word == "AND":
                continue  # words side by side are ANDed anyway
            elif word.lower().startswith("date:"):
                value = word[5:]
                if not value:  # `date: 2024`: the value is the next word
                    m = _NEXT_WORD.match(query, i)
                    if m:
                        value, i = m.group(1), m.end()
                yield "DATE", value
            elif word.startswith("-"):
                rest = word.lstrip("-")
                if rest or (i < n and query[i] in '"('):
                    yield "NOT", "-"
                if rest:
                    yield "WORD", rest
            else:
                yield "WORD", word


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = list(_lex(query))
        self.pos = 0
        self.dates: list[str] = []

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node | None:
        parts = [self.parse_or()]
        while self.peek() is not None:  # a stray ")" ends nothing: drop it and go on
            self.take()
            parts.append(self.parse_or())
        return _and([p for p in parts if p is not None])

    def parse_or(self) -> Node | None:
        children = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            children.append(self.parse_and())
        kept = tuple(c for c in children if c is not None)
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(kept)

    def parse_and(self) -> Node | None:
        items: list[Node] = []
        while self.peek() not in (None, ")", "OR"):
            node = self.parse_unary()
            if node is not None:
                items.append(node)
        return _and(items)

    def parse_unary(self) -> Node | None:
        kind = self.peek()
        if kind == "NOT":
            self.take()
            if self.peek() in (None, ")", "OR"):
                return None  # a dangling NOT is dropped
            child = self.parse_unary()
            return Not(child) if child is not None else None
        kind, value = self.take()
        if kind == "(":
            inner = self.parse_or()
            if self.peek() == ")":
                self.take()
            return inner
        if kind == "DATE":
            self.dates.append(value)
            return None
        if kind in ("WORD", "PHRASE", "PREFIX"):
            return _term(value, prefix=kind == "PREFIX")
        return None


def _and(items: list[Node]) -> Node | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else And(tuple(items))


def _has_token(text: str) -> bool:
    """Whether FTS5's unicode61 tokenizer finds a token: letters, numbers, private use."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


def _term(word: str, prefix: bool = False) -> Term | None:
    if word.endswith("*"):
        prefix, word = True, word.rstrip("*")
    text = " ".join(fold(word).replace('"', " ").split())
    return Term(text, prefix) if _has_token(text) else None


# ---------------------------------------------------------------------------------------------
# Compiling to FTS5


def _fts(node: Node, ignored: list[str]) -> str | None:
    """FTS5 syntax for the articles a node matches; None for a purely negative node (an
    exclusion has nothing to exclude from on its own: see `_negation`)."""
    if isinstance(node, Term):
        return node.fts()
    if _negation(node, ignored) is not None:
        return None
    if isinstance(node, Or):
        parts = []
        for c in node.children:
            p = _fts(c, ignored)
            if p:
                parts.append(p)
            elif isinstance(c, Not):
                ignored.append(_show(c))  # FTS5 has no "a OR NOT b"
        return " OR ".join(f"({p})" for p in parts) if parts else None
    assert isinstance(node, And)
    positive = [p for p in (_fts(c, ignored) for c in node.children) if p]
    if not positive:
        return None
    expr = " AND ".join(f"({p})" for p in positive)
    for c in node.children:
        excluded = _negation(c, ignored)
        if excluded:
            expr = f"({expr}) NOT ({excluded})"
    return expr


def _negation(node: Node, ignored: list[str]) -> str | None:
    """For a purely negative node, FTS5 syntax for the articles it excludes: `-a` excludes a;
    `-a OR -b` (not both) excludes a AND b; `-a -b` excludes a OR b. None otherwise."""
    if isinstance(node, Not):
        return _fts(node.child, ignored)
    if isinstance(node, (And, Or)) and node.children:
        parts = [_negation(c, ignored) for c in node.children]
        if all(parts):
            joiner = " AND " if isinstance(node, Or) else " OR "
            return joiner.join(f"({p})" for p in parts)
    return None


def _show(node: Node) -> str:
    """A node written back in the query language, for messages."""
    if isinstance(node, Term):
        return (f'"{node.text}"' if " " in node.text else node.text) + ("*" if node.prefix else "")
    if isinstance(node, Not):
        return "-" + _show(node.child)
    joiner = " OR " if isinstance(node, Or) else " "
    return "(" + joiner.join(_show(c) for c in node.children) + ")"


def _positive_terms(node: Node | None) -> Iterator[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, (And, Or)):
        for c in node.children:
            yield from _positive_terms(c)


def compile_query(query: str) -> Compiled:
    """Turn what the user typed into what FTS5 runs. Only an empty query is an error."""
    parser = _Parser(_UNSAYABLE.sub(" ", query))
    root = parser.parse()
    dates = DateRange()
    for spec in parser.dates:
        dates = dates.intersect(query_range(spec))
    ignored: list[str] = []
    match = _fts(root, ignored) if root is not None else None
    # Only exclusions, like `-Iraq`: every article but those.
    exclude = _negation(root, ignored) if root is not None and match is None else None
    compiled = Compiled(match, exclude, dates, tuple(_positive_terms(root)), tuple(ignored))
    if compiled.empty:
        raise UsageError(
            f"the query {query!r} has no words to search for",
            hint='words, "a phrase", prefix*, OR, -exclude, (groups), date:2024-01..2024-03',
        )
    return compiled


# ---------------------------------------------------------------------------------------------
# Running it


def _select(
    compiled: Compiled, dates: DateRange, sort: str, limit: int = 0, ordered: bool = True
) -> tuple[str, list[object]]:
    """The SQL for a search; `limit` > 0 is applied in it; `ordered=False` for counting."""
    where: list[str] = []
    params: list[object] = []
    date_sql, date_params = range_sql(dates)
    if compiled.match is not None and compiled.exclude is None and not date_sql and (
        sort == "relevance" and limit > 0
    ):
        # The common case: rank on the index alone and join only the rows kept (measured at
        # 100k articles: a phrase 17.7 -> 10.6 ms, a common word 69 -> 58 ms).
        sql = (
            "SELECT a.rowid, a.id, a.date, a.title, f.score FROM (SELECT rowid,"
            f" bm25(articles_fts, {RANK_WEIGHTS}) AS score FROM articles_fts"
            " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?) f"
            " JOIN articles a ON a.rowid = f.rowid ORDER BY f.score, a.id"
        )
        return sql, [compiled.match, limit]
    if compiled.match is not None:
        sql = (
            "SELECT a.rowid, a.id, a.date, a.title,"
            f" bm25(articles_fts, {RANK_WEIGHTS}) AS rank"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        )
        where.append("articles_fts MATCH ?")
        params.append(compiled.match)
    else:
        sql = "SELECT a.rowid, a.id, a.date, a.title, 0.0 AS rank FROM articles a"
    if compiled.exclude is not None:
        where.append("a.rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(compiled.exclude)
    if date_sql:
        where.append(date_sql)
        params.extend(date_params)
    if where:
        sql += " WHERE " + " AND ".join(where)
    if not ordered:
        return sql, params
    if sort == "relevance" and compiled.match is not None:
        sql += " ORDER BY rank, a.id"
    elif sort == "oldest":
        sql += " ORDER BY a.date IS NULL, a.date, a.id"
    else:
        sql += " ORDER BY a.date IS NULL, a.date DESC, a.id"
    if limit > 0:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def _compile(query: str, raw: bool) -> Compiled:
    if not raw:
        return compile_query(query)
    if not query.strip():
        raise UsageError("the query is empty")
    return Compiled(query)


def _run(store: Store, sql: str, params: list[object], raw: bool) -> sqlite3.Cursor:
    try:
        return store.conn.execute(sql, params)
    except sqlite3.OperationalError as exc:
        archive_trouble = any(w in str(exc) for w in ("locked", "busy", "malformed", "disk"))
        if raw and not archive_trouble:
            raise UsageError(
                f"--raw: FTS5 cannot run this query: {exc}",
                hint="quote words with punctuation (\"Al-Qaim\"), or drop --raw to use"
                " newsarc's forgiving query language",
            ) from None
        raise


def search(
    store: Store,
    query: str,
    *,
    limit: int = 20,
    sort: str = "relevance",
    date_range: DateRange | None = None,
    section: str | None = None,
    raw: bool = False,
    snippets: bool = True,
    sections: bool | None = None,
) -> list[Hit]:
    """Ranked hits, one per article. `limit` 0 means all.

    The best-matching section (`sections`, by default as `snippets`) and the snippet are
    worked out only for the hits returned and only when asked, so `--format ids` costs no
    more than the FTS5 query itself, and a timeline gets its sections without snippets.
    """
    if sort not in SORTS:
        raise UsageError(f"--sort must be one of {', '.join(SORTS)}")
    if raw and section is not None:
        raise UsageError("--section cannot be used with --raw: newsarc cannot tell which words "
                         "of an FTS5 query a section must match")
    compiled = _compile(query, raw)
    dates = compiled.dates.intersect(date_range or DateRange())
    sql, params = _select(compiled, dates, sort, limit if section is None else 0)
    if section is None:
        rows = _run(store, sql, params, raw).fetchall()
        hits = [Hit(id, date, title, None, "", -rank or 0.0) for _, id, date, title, rank in rows]
        if sections is None:
            sections = snippets
        if not sections:
            return hits
        return annotate(store, hits, compiled.terms, snippets=snippets)
    return _search_sections(store, _run(store, sql, params, raw), compiled.terms, section, limit,
                            snippets)


def count(
    store: Store,
    query: str,
    *,
    date_range: DateRange | None = None,
    section: str | None = None,
    raw: bool = False,
) -> int:
    """How many articles match, without ranking or fetching them."""
    if section is not None:
        return len(search(store, query, limit=0, date_range=date_range, section=section,
                          raw=raw, snippets=False))
    compiled = _compile(query, raw)
    dates = compiled.dates.intersect(date_range or DateRange())
    sql, params = _select(compiled, dates, "newest", ordered=False)
    sql = f"SELECT count(*) FROM ({sql})"
    return int(_run(store, sql, params, raw).fetchone()[0])


def _search_sections(
    store: Store,
    rows: sqlite3.Cursor,
    terms: tuple[Term, ...],
    section: str,
    limit: int,
    snippets: bool,
) -> list[Hit]:
    """`--section TEXT`: keep articles whose matching section's heading contains TEXT."""
    wanted = fold_case(section)
    hits: list[Hit] = []
    while True:
        chunk = rows.fetchmany(200)
        if not chunk:
            return hits
        found = [Hit(id, date, title, None, "", -rank or 0.0) for _, id, date, title, rank in chunk]
        for hit in annotate(store, found, terms, heading=wanted, snippets=snippets):
            if hit.position >= 0:
                hits.append(hit)
                if 0 < limit <= len(hits):
                    return hits


# ---------------------------------------------------------------------------------------------
# Best section and snippet


_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:[.'’ʼ‘`´]\w+)*\.?")


ANNOTATE_CHUNK = 500  # hits whose sections share one scratch table: memory stays flat


def annotate(
    store: Store,
    hits: list[Hit],
    terms: Iterable[Term],
    heading: str | None = None,
    snippets: bool = True,
) -> list[Hit]:
    """Fill in each hit's best-matching section and (with `snippets`) a snippet around the match.

    The sections of the hits go into a scratch in-memory FTS5 table with the archive's own
    tokenizer, so "matches" means exactly what it meant in the search (stemming, accents,
    folding) without a second copy of any text in the archive; a few hundred hits at a time,
    so that `--limit 0` over a common word does not hold every article at once. With
    `heading`, only sections whose heading contains it count, and a hit without one gets
    position -1.
    """
    terms = tuple(terms)
    out: list[Hit] = []
    for start in range(0, len(hits), ANNOTATE_CHUNK):
        out.extend(_annotate(store, hits[start : start + ANNOTATE_CHUNK], terms, heading,
                             snippets))
    return out


def _annotate(
    store: Store, hits: list[Hit], terms: tuple[Term, ...], heading: str | None, snippets: bool
) -> list[Hit]:
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(f"CREATE VIRTUAL TABLE s USING fts5(heading, body, tokenize='{TOKENIZE}')")
        scratch.execute(f"CREATE VIRTUAL TABLE w USING fts5(word, tokenize='{TOKENIZE}')")
        sections = store.sections_of([h.id for h in hits])
        keys = [(id, sec) for id, secs in sections.items() for sec in secs]
        scratch.executemany(
            "INSERT INTO s (rowid, heading, body) VALUES (?, ?, ?)",
            [(i, fold(sec.heading or ""), fold(sec.text)) for i, (_, sec) in enumerate(keys)],
        )
        best: dict[str, tuple[float, Section]] = {}
        if terms:
            match = " OR ".join(f"({t.fts()})" for t in terms)
            for rowid, rank in scratch.execute(
                "SELECT rowid, bm25(s, 5.0, 1.0) FROM s WHERE s MATCH ?", (match,)
            ):
                id, sec = keys[rowid]
                if heading is not None and heading not in fold_case(sec.heading or ""):
                    continue
                if id not in best or (rank, sec.position) < (best[id][0], best[id][1].position):
                    best[id] = (rank, sec)
        chosen: dict[str, Section | None] = {}
        for hit in hits:
            if hit.id in best:
                chosen[hit.id] = best[hit.id][1]
            elif heading is None:
                secs = sections.get(hit.id, [])
                chosen[hit.id] = secs[0] if secs else None
            else:
                chosen[hit.id] = None
        matched = _matching_words(scratch, chosen.values(), terms) if snippets else set()
    finally:
        scratch.close()
    out = []
    for hit in hits:
        sec = chosen[hit.id]
        if sec is None:
            out.append(Hit(hit.id, hit.date, hit.title, None, "", hit.score, position=-1))
            continue
        snippet, marks = make_snippet(sec.text or sec.heading or "", matched) if snippets else (
            "", ()
        )
        out.append(Hit(hit.id, hit.date, hit.title, sec.heading, snippet, hit.score,
                       position=sec.position, highlights=marks))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """A word as the snippet code compares it; news vocabulary repeats, so it is cached."""
    return fold(word).casefold()


def _matching_words(
    scratch: sqlite3.Connection, sections: Iterable[Section | None], terms: tuple[Term, ...]
) -> set[str]:
    """Which words of these sections match a query term, by the archive's tokenizer."""
    if not terms:
        return set()
    words = sorted({_key(m.group()) for s in sections if s for m in _WORD.finditer(s.text)})
    scratch.executemany("INSERT INTO w (rowid, word) VALUES (?, ?)", enumerate(words))
    parts = []
    for t in terms:
        pieces = t.text.split()
        for i, piece in enumerate(pieces):
            parts.append(Term(piece, t.prefix and i == len(pieces) - 1).fts())
    match = " OR ".join(parts)
    return {words[r] for (r,) in scratch.execute("SELECT rowid FROM w WHERE w MATCH ?", (match,))}


def make_snippet(
    text: str, matched: set[str], size: int = SNIPPET_WORDS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About `size` words of `text` around the densest run of matches, on one line.

    Returns the snippet and the (start, end) offsets of matched words in it, for highlighting.
    """
    spans = list(_WORD.finditer(text))
    if not spans:
        return " ".join(text.split())[:200], ()
    hit = [_key(m.group()) in matched for m in spans]
    start = 0
    if any(hit):
        window = sum(hit[:size])
        best_count, best = window, 0
        for i in range(1, max(1, len(spans) - size + 1)):
            window += hit[i + size - 1] - hit[i - 1] if i + size - 1 < len(spans) else -hit[i - 1]
            if window > best_count:
                best_count, best = window, i
        first = next(i for i in range(best, len(spans)) if hit[i])
        start = max(0, min(best, first - 5))
    end = min(len(spans), start + size)
    pieces: list[str] = ["… "] if start > 0 else []
    marks: list[tuple[int, int]] = []
    length = len(pieces[0]) if pieces else 0
    for i in range(start, end):
        if i > start:
            gap = text[spans[i - 1].end() : spans[i].start()]
            gap = _SPACES.sub(" ", gap)
            pieces.append(gap)
            length += len(gap)
        word = spans[i].group()
        if hit[i]:
            marks.append((length, length + len(word)))
        pieces.append(word)
        length += len(word)
    tail = text[spans[end - 1].end() :]
    if end < len(spans):
        pieces.append(" …")
    elif tail.strip():
        pieces.append(_SPACES.sub(" ", tail.rstrip()))
    return "".join(pieces), tuple(marks)
