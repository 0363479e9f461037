"""The query language: any text in, the index's match expression (FTS5 MATCH syntax on
SQLite, a tsquery on PostgreSQL: `Store.index` says which) and SQL filters out, then ranked
Hits. Both come from one parsed form (the syntax tree below).

Grammar (everything else is forgiven; only an empty or absurdly nested query is an error):

    query   := or ( stray ")" or )*
    or      := and ( "OR" and )*
    and     := unary+                       words side by side must all occur (AND)
    unary   := ( "-" | "NOT" ) unary | primary
    primary := "(" or ")"?  |  '"' phrase '"'?  |  word  |  word* (prefix)
             |  "=" word  |  '="' phrase '"'  (exact: unstemmed, any case)
             |  date:A..B  |  mentions:A..B  |  credit:X  |  dateline:X
             |  source:X  |  outlet:X  |  url:X   (metadata: SQL conditions, as dates)
             |  place:X  |  place:=X   (the text names a place: issue 17)

Precedence, loosest first: OR, then words side by side (AND), then `-`/NOT: `a OR b -c` is
`a OR (b AND NOT c)`. A double negation is the positive: `NOT -Merkel` is `Merkel`.

A word is a run of characters up to a space, quote or parenthesis. Punctuation inside a word
only separates its parts, which must occur side by side: `Al-Qaim`, `9/11` and `al-Assad` are
phrases, never operators; only a `-` at the start of a word excludes. Every word and phrase goes
through `normalise.fold()`, as the indexed text did, and reaches FTS5 as a quoted string, so no
character can be FTS5 syntax. `--raw` passes the query through untouched for experts.

What a word matches depends on how it is typed:
- in capitals, two or more (`US`, `WHO`, `NATO`), or dotted (`U.S.`): an acronym, found only
  where the text writes it in capitals or dotted (`normalise.forms()`), never stemmed;
- `=word`: the word as written, any case, unstemmed (`=Sessions` is not "session");
- otherwise: any case and accents, English stemming (`strike` finds "striking").

Most queries compile to one FTS5 expression. Dates inside OR or under NOT, and exact words,
compile to SQL over the articles as well (`Compiled.where`), anchored on the FTS5 expression
every hit must match where there is one.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsarc.dates import DateRange, env_dayfirst, query_range, range_sql
from newsarc.errors import UsageError
from newsarc.models import Hit, KwicLine
from newsarc.normalise import (
    ACRONYM_MARK,
    acronym_key,
    exact_pattern,
    fold,
    fold_case,
    is_query_acronym,
)
from newsarc.store import ArticleFilter, Store, mentions_sql, places_sql, tagged_sql
from newsarc.store.sqlite import Fts5Index

FTS5 = Fts5Index(None)  # the syntax a query compiles to when no store is given

if TYPE_CHECKING:
    from newsarc.userdata import SavedSearch

    Saved = Callable[[str], SavedSearch | None]  # a saved search by name (Store.saved_search)

SORTS = ("relevance", "newest", "oldest")
# Control characters, lone surrogates (undecodable bytes in argv) and the index's acronym
# mark cannot reach SQLite.
_UNSAYABLE = re.compile(rf"[\x00-\x1f\x7f-\x9f\ud800-\udfff{ACRONYM_MARK}]")
_BARE_WORD = re.compile(r'[^\s"()]+')  # up to a space, quote or parenthesis
_NEXT_WORD = re.compile(r'\s*([^\s"()]+)')
_TOKEN = re.compile(r"[^\W_]+")  # what the tokenizer takes for a token: letters and digits
FIELDS = ("credit", "dateline")  # index columns a query can name: credit:TASS
# Metadata a query can name, and the column each is: source:Reuters, outlet:Reuters, url:x.org
META_FIELDS = {"source": "outlet", "outlet": "outlet", "url": "url"}
MAX_DEPTH = 100  # brackets and NOTs nested deeper than this are a usage error
QUERY_FORMS = ('words, "a phrase", prefix*, =exact, OR, -exclude, (groups), date:2024-01..2024-03,'
               " mentions:2017-03..2017-04, place:Mosul")

# ---------------------------------------------------------------------------------------------
# Syntax tree


@dataclass(frozen=True)
class Term:
    """A word, phrase or prefix; `text` is already folded.

    `caps` are the parts typed as acronyms (each must be written in capitals in the text);
    `exact` terms match unstemmed; `column` restricts the term to one index column.
    """

    text: str
    prefix: bool = False
    exact: bool = False
    caps: tuple[str, ...] = ()
    column: str | None = None
    typed: str = ""

    @property
    def parts(self) -> list[str]:
        return _TOKEN.findall(self.text)

    def base(self) -> str:
        """FTS5 syntax for the term's words in any case: no acronym marks, no column."""
        return _quote(self.text) + ("*" if self.prefix else "")

    def fts(self) -> str:
        """FTS5 syntax for the articles this term can match (exact terms: a superset)."""
        base = self.base()
        if self.column:
            return f"{self.column} : {base}"
        if not self.caps:
            return base
        marks = [_quote(acronym_key(c)) for c in self.caps]
        if len(self.parts) == 1 and not self.prefix:
            return marks[0]  # the acronym alone: only its marked form
        return " AND ".join([f"({base})", *(f"({m})" for m in marks)])

    @property
    def kind(self) -> str:
        """How the term matches, in words (for --explain)."""
        if self.column:
            return f"{self.column}, any case"
        if self.exact:
            return "exact: as written, any case, not stemmed"
        parts = len(self.parts)
        if self.caps and parts == 1 and not self.prefix:
            return "capitals only: an acronym, not stemmed"
        kind = "prefix" if self.prefix else "stem, any case"
        if parts > 1:
            kind = ("phrase of parts" if " " not in self.text.strip() else "phrase") + ", " + kind
        if self.caps:
            kind += f"; {', '.join(self.caps)} in capitals only"
        return kind


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class Dates:
    """`date:A..B` where it cannot simply narrow the whole query (inside OR, under NOT)."""

    range: DateRange
    typed: str


@dataclass(frozen=True)
class Mentions:
    """`mentions:A..B` (issue 15): the article's text mentions a date overlapping the range
    (stored date mentions, `newsarc.extract.timex`). An SQL condition, as `Dates` inside OR."""

    range: DateRange
    typed: str


@dataclass(frozen=True)
class PlaceField:
    """`place:Mosul` (issue 17): the text names the place, by any spelling the gazetteer
    knows, a demonym (`place:Iraqi`) or its GeoNames id, or (for a country or US state) a
    place within it; `place:=Iraq` the place itself only. An SQL condition on the stored
    place mentions, as `Mentions`."""

    name: str
    strict: bool
    typed: str

    def sql(self) -> tuple[str, list[object]]:
        return places_sql(self.name, self.strict)


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Field:
    """`source:Reuters` / `outlet:Reuters` (the outlet holds those words, whole and in order,
    any case and accents) or `url:example.com` (the URL contains it, any case): conditions on
    the article's metadata columns, in SQL, as `Dates` are. And `tag:iraq` (issue 19): the
    article carries the tag or one under it (`iraq/mosul`), any case (`value` casefolded)."""

    column: str  # outlet | url | tag
    value: str
    typed: str

    def sql(self, index: Index) -> tuple[str, list[object]]:
        if self.column == "tag":
            return tagged_sql(self.value)
        if self.column == "url":
            return "coalesce(instr(lower(a.url), ?), 0) > 0", [self.value.lower()]
        return index.outlet_sql(exact_pattern(fold(self.value)))


Node = Term | Dates | Mentions | Field | PlaceField | Not | And | Or
Index = Fts5Index  # the store's full-text index (`Store.index`): the syntax and SQL of a match


@dataclass(frozen=True)
class Compiled:
    """What a query means: articles matching `match`, minus those matching `exclude`, within
    `dates`; when `where` is set, also the SQL condition `where` (on `articles a`, with
    `params`), and then `match` is only what every hit must match (None: no such thing)."""

    match: str | None
    exclude: str | None = None
    dates: DateRange = field(default_factory=DateRange)
    terms: tuple[Term, ...] = ()  # the positive terms, for finding sections and snippets
    where: str | None = None
    params: tuple[object, ...] = ()
    root: Node | None = None

    @property
    def empty(self) -> bool:
        return (self.match is None and self.exclude is None and self.where is None
                and not self.dates)


# ---------------------------------------------------------------------------------------------
# Lexer and parser


def _lex(query: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, value, start, end) of each token: where it stands, for `rename_reference()`."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        start = i
        if c.isspace():
            i += 1
        elif c == '"' or (c == "=" and query.startswith('="', i)):
            kind = "EXACT_PHRASE" if c == "=" else "PHRASE"
            i += 1 if c == '"' else 2
            end = query.find('"', i)
            end = n if end < 0 else end
            text, i = query[i:end], end + 1
            if kind == "PHRASE" and i < n and query[i] == "*":
                i += 1
                kind = "PREFIX"
            yield kind, text, start, i
        elif c in "()":
            i += 1
            yield c, c, start, i
        elif c == "-":
            while i < n and query[i] == "-":
                i += 1
            if i < n and not query[i].isspace():
                yield "NOT", "-", start, i  # a run of dashes before a word, quote or bracket
        else:
            m = _BARE_WORD.match(query, i)
            assert m is not None
            word, i = m.group(), m.end()
            name, colon, value = word.partition(":")
            name = name.lower()
            if word in ("OR", "NOT"):
                yield word, word, start, i
            elif word == "AND":
                continue  # words side by side are ANDed anyway
            elif word.startswith("@") and SAVED_NAME.fullmatch(word[1:]):
                yield "SAVED", word[1:], start, i
            elif colon and (name in ("date", "mentions", "tag", "place") or name in FIELDS
                            or name in META_FIELDS):
                quotable = name in FIELDS or name in META_FIELDS or name == "place"
                if name == "place" and query.startswith('="', i - 1) and value == "=":
                    value, i = "", i - 1  # `place:="New York"`: quoted after the `=`
                if name == "place" and not value and query.startswith('="', i):
                    end = query.find('"', i + 2)
                    end = n if end < 0 else end
                    value, i = "=" + query[i + 2 : end], end + 1
                if not value and query.startswith('"', i) and quotable:
                    end = query.find('"', i + 1)
                    end = n if end < 0 else end
                    value, i = query[i + 1 : end], end + 1
                elif not value:  # `date: 2024`: the value is the next word
                    m = _NEXT_WORD.match(query, i)
                    if m:
                        value, i = m.group(1), m.end()
                yield name.upper(), value, start, i
            elif word.startswith("="):
                if word[1:]:
                    yield "EXACT", word[1:], start, i
            else:
                yield "WORD", word, start, i


class _Parser:
    def __init__(self, query: str, saved: Saved | None = None, chain: tuple[str, ...] = (),
                 depth: int = 0) -> None:
        self.tokens = [(kind, value) for kind, value, _, _ in _lex(query)]
        self.pos = 0
        self.dates: list[str] = []
        self.depth = depth
        self.saved = saved
        self.chain = chain  # the saved searches being expanded, outermost first
        self.expanded: set[int] = set()  # ids of And nodes that stand for a saved search

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
            if isinstance(node, And) and id(node) in self.expanded:
                items.extend(node.children)  # `@name -x`: its dates can narrow the whole query
            elif node is not None:
                items.append(node)
        return _and(items)

    def parse_unary(self) -> Node | None:
        negations = 0  # a run of NOTs is read in a loop: 500 of them cost no recursion
        while self.peek() == "NOT":
            self.take()
            negations += 1
        if negations and self.peek() in (None, ")", "OR"):
            return None  # a dangling NOT is dropped
        node = self.parse_primary()
        if node is None or negations % 2 == 0:
            return node
        return _not(node)

    def parse_primary(self) -> Node | None:
        kind, value = self.take()
        if kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise UsageError(f"the query nests brackets more than {MAX_DEPTH} deep")
            inner = self.parse_or()
            self.depth -= 1
            if self.peek() == ")":
                self.take()
            return inner
        if kind == "DATE":
            # `date:05.03.2017`: the query language has no option for the order of day and
            # month; $NEWSARC_DAYFIRST gives it, as it does for --since/--until.
            return Dates(query_range(value, dayfirst=env_dayfirst()), f"date:{value}")
        if kind == "SAVED":
            return self.expand(value)
        if kind == "TAG":
            key = tag_key(value)
            return Field("tag", key, f"tag:{value}") if key else None
        if kind == "MENTIONS":
            return Mentions(query_range(value, dayfirst=env_dayfirst(), field="mentions"),
                            f"mentions:{value}")
        if kind == "PLACE":
            strict = value.startswith("=")
            name = " ".join(value.lstrip("=").replace('"', " ").split())
            if not _has_token(name):
                return None
            shown = f'"{name}"' if " " in name else name
            return PlaceField(name, strict, f"place:{'=' if strict else ''}{shown}")
        if kind.lower() in META_FIELDS:
            value = " ".join(value.replace('"', " ").split())
            if not _has_token(fold(value)):
                return None
            typed = f'{kind.lower()}:"{value}"' if " " in value else f"{kind.lower()}:{value}"
            return Field(META_FIELDS[kind.lower()], value, typed)
        if kind in FIELDS_UPPER:
            return _term(value, column=kind.lower(), typed=f"{kind.lower()}:{value}")
        if kind in ("WORD", "PHRASE", "PREFIX", "EXACT", "EXACT_PHRASE"):
            return _term(value, prefix=kind == "PREFIX", exact=kind.startswith("EXACT"),
                         phrase=kind in ("PHRASE", "PREFIX", "EXACT_PHRASE"))
        return None


    def expand(self, name: str) -> Node | None:
        """`@name`: the saved search's query, parsed here (an implicit group), within its
        --since/--until. A name already being expanded is a cycle: a usage error."""
        keys = [n.casefold() for n in self.chain]
        if name.casefold() in keys:
            loop = self.chain[keys.index(name.casefold()):]
            cycle = " -> ".join(f"@{n}" for n in (*loop, loop[0]))
            raise UsageError(f"saved search @{loop[0]} refers to itself ({cycle})")
        found = self.saved(name) if self.saved is not None else None
        if found is None:
            raise UsageError(f"no saved search @{name}", hint="`newsarc saved` lists them; to "
                             f"search for the word, quote it: '\"@{name}\"'")
        if self.depth + len(self.chain) > MAX_DEPTH:
            raise UsageError(f"saved searches refer to others more than {MAX_DEPTH} deep")
        inner = _Parser(_UNSAYABLE.sub(" ", found.query), self.saved,
                        (*self.chain, found.name), self.depth + 1)
        node = inner.parse()
        if found.since is None and found.until is None:
            if isinstance(node, And):
                self.expanded.add(id(node))
            return node
        from newsarc.dates import date_range

        within = Dates(date_range(found.since, found.until, dayfirst=env_dayfirst()),
                       f"date:{found.since or ''}..{found.until or ''}")
        grouped = And((*(node.children if isinstance(node, And) else (node,) if node else ()),
                       within))
        self.expanded.add(id(grouped))
        return grouped


FIELDS_UPPER = tuple(f.upper() for f in FIELDS)
# A saved search's name, and a tag's: letters (any script), digits, `-`, `_`, in segments
# joined by `/`; the first character is no `-`.
SAVED_NAME = re.compile(r"(?!-)[\w-]+(?:/[\w-]+)*")


def tag_key(name: str) -> str:
    """A tag as `tag:` matches it: NFC, casefolded, without a `/` at either end."""
    return unicodedata.normalize("NFC", name).casefold().strip("/")


def _and(items: Sequence[Node]) -> Node | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else And(tuple(items))


def _not(node: Node) -> Node:
    """NOT, with a double negation read as the positive: `-(-Merkel)` is `Merkel`."""
    return node.child if isinstance(node, Not) else Not(node)


def _has_token(text: str) -> bool:
    """Whether FTS5's unicode61 tokenizer finds a token: letters, numbers, private use."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


def _term(
    word: str, prefix: bool = False, exact: bool = False, phrase: bool = False,
    column: str | None = None, typed: str | None = None,
) -> Term | None:
    shown = typed if typed is not None else (
        ("=" if exact else "") + (f'"{word}"' if phrase else word) + ("*" if prefix else "")
    )
    if not phrase and word.endswith("*"):
        prefix, word = True, word.rstrip("*")
    folded = fold(word)
    text = " ".join(folded.replace('"', " ").split())
    if not _has_token(text):
        return None
    caps: tuple[str, ...] = ()
    if not exact and column is None:
        # Acronyms as typed: `U.S.` folds to `US`; each part of `COVID-19` is looked at alone;
        # the part a prefix ends with (`NAT*`) is a prefix of any case.
        parts = _TOKEN.findall(text)
        if prefix:
            parts = parts[:-1]
        caps = tuple(dict.fromkeys(p for p in parts if is_query_acronym(p)))
    return Term(text, prefix, exact, caps, column, shown)


# ---------------------------------------------------------------------------------------------
# Compiling to FTS5 and SQL


def _pure(node: Node) -> bool:
    """Whether FTS5 alone can say which articles match: no dates, no exact words, and every
    exclusion beside something to exclude from (FTS5 has `a NOT b`, not `a OR NOT b`)."""
    if isinstance(node, Term):
        return not node.exact
    if isinstance(node, (Dates, Mentions, Field, PlaceField)):
        return False
    if isinstance(node, Not):
        return False
    if isinstance(node, Or):
        return all(_pure(c) for c in node.children)
    positive = [c for c in node.children if not isinstance(c, Not)]
    negative = [c.child for c in node.children if isinstance(c, Not)]
    return bool(positive) and all(_pure(c) for c in positive + negative)


def _fts(node: Node, ix: Index) -> str:
    """The index's match syntax (FTS5's, or PostgreSQL's tsquery) for a node that `_pure()`
    accepts."""
    if isinstance(node, Term):
        return ix.term(node)
    if isinstance(node, Or):
        return ix.any_of([_fts(c, ix) for c in node.children])
    assert isinstance(node, And)
    expr = ix.all_of([_fts(c, ix) for c in node.children if not isinstance(c, Not)])
    for c in node.children:
        if isinstance(c, Not):
            expr = ix.but_not(expr, _fts(c.child, ix))
    return expr


def _negation(node: Node, ix: Index) -> str | None:
    """For a purely negative node, the match syntax for the articles it excludes: `-a`
    excludes a; `-a OR -b` (not both) excludes a AND b; `-a -b` excludes a OR b. None
    otherwise."""
    if isinstance(node, Not):
        return _fts(node.child, ix) if _pure(node.child) else None
    if isinstance(node, (And, Or)) and node.children:
        parts = [_negation(c, ix) for c in node.children]
        if all(parts):
            found = [p for p in parts if p]
            return ix.all_of(found) if isinstance(node, Or) else ix.any_of(found)
    return None


def _in_index(ix: Index) -> str:
    return f"a.rowid IN ({ix.members})"


def _sql(node: Node, ix: Index) -> tuple[str, list[object]]:
    """An SQL condition on `articles a` for any node."""
    if isinstance(node, Term):
        if node.exact:
            return ix.exact_sql(ix.term(node), exact_pattern(node.text))
        return _in_index(ix), [ix.term(node)]
    if isinstance(node, Dates):
        where, dates = range_sql(node.range)
        return f"({where})", list[object](dates)
    if isinstance(node, Field):
        where, values = node.sql(ix)
        return f"({where})", values
    if isinstance(node, PlaceField):
        where, values = node.sql()
        return f"({where})", values
    if isinstance(node, Mentions):
        where, values = mentions_sql(node.range.start, node.range.end)
        return f"({where})", values
    if isinstance(node, Not):
        inner, params = _sql(node.child, ix)
        return f"NOT {inner}", params
    if _pure(node):
        return _in_index(ix), [_fts(node, ix)]
    parts = [_sql(c, ix) for c in node.children]
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(p for p, _ in parts) + ")", [v for _, ps in parts for v in ps]


def _anchor(node: Node, ix: Index) -> str | None:
    """The match syntax that every article matching `node` matches too, or None (`-a`,
    `date:`)."""
    if isinstance(node, Term):
        return ix.term(node)
    if isinstance(node, (Not, Dates, Mentions, Field, PlaceField)):
        return None
    anchors = [_anchor(c, ix) for c in node.children]
    kept = [a for a in anchors if a]
    if isinstance(node, And):
        return ix.all_of(kept) if kept else None
    if len(kept) == len(anchors):
        return ix.any_of(kept)
    return None


def _split(node: Node, ix: Index) -> tuple[str | None, str, list[object]]:
    """For a node FTS5 cannot answer alone: the FTS5 expression every hit must match, and the
    SQL condition for the rest. Words beside an exact word or a date stay in FTS5."""
    if isinstance(node, And):
        fts = [c for c in node.children if _pure(c)]
        fts += [c for c in node.children if isinstance(c, Not) and _pure(c.child)]
        if any(not isinstance(c, Not) for c in fts):
            rest = [c for c in node.children if c not in fts]
            parts = [_sql(c, ix) for c in rest]
            return (_fts(And(tuple(fts)), ix), " AND ".join(p for p, _ in parts),
                    [v for _, ps in parts for v in ps])
    where, params = _sql(node, ix)
    return _anchor(node, ix), where, params


def _positive_terms(node: Node | None) -> Iterator[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, (And, Or)):
        for c in node.children:
            yield from _positive_terms(c)


def _hoist_dates(root: Node | None) -> tuple[Node | None, DateRange]:
    """`date:` beside the words narrows the whole query: a range, as `--since` is."""
    dates = DateRange()
    if isinstance(root, Dates):
        return None, root.range
    if isinstance(root, And):
        rest = []
        for c in root.children:
            if isinstance(c, Dates):
                dates = dates.intersect(c.range)  # disjoint ranges: start > end, no article
            else:
                rest.append(c)
        return _and(rest), dates
    return root, dates


def narrowed(query: str | None, clause: str) -> str:
    """`query` AND `clause` (a query too), whatever brackets `query` leaves open or closes too
    often: every open bracket is closed, then one more `)` ends the query (the parser drops a
    stray `)` and ANDs what follows). Options such as `timeline --place` use it."""
    if query is None or not query.strip():
        return clause
    depth = 0
    for kind, *_ in _lex(query):
        depth = depth + 1 if kind == "(" else max(0, depth - 1) if kind == ")" else depth
    return f"{query} {')' * (depth + 1)} {clause}"


def place_clause(name: str, strict: bool = False) -> str:
    """The query-language form of `--place NAME` (`--strict`: the place itself only)."""
    return f'place:{"=" if strict else ""}"{" ".join(name.replace(chr(34), " ").split())}"'


def compile_query(query: str, saved: Saved | None = None, ix: Index = FTS5) -> Compiled:
    """Turn what the user typed into what the index (`ix`, FTS5 unless a store's is given)
    and the database run. Only an empty query is an error (and one nested deeper than
    MAX_DEPTH, a bad date, an unknown `@name` or a saved search that refers to itself).
    `saved` finds the saved searches `@name` stands for."""
    root = _Parser(_UNSAYABLE.sub(" ", query), saved).parse()
    rest, dates = _hoist_dates(root)
    terms = tuple(t for t in _positive_terms(rest) if t.column is None)
    if rest is None:
        compiled = Compiled(None, None, dates, terms, root=root)
    elif _pure(rest):
        compiled = Compiled(_fts(rest, ix), None, dates, terms, root=root)
    elif (excluded := _negation(rest, ix)) is not None:
        compiled = Compiled(None, excluded, dates, terms, root=root)  # `-Iraq`: all but those
    else:
        match, where, params = _split(rest, ix)
        compiled = Compiled(match, None, dates, terms, where, tuple(params), root=root)
    if compiled.empty:
        raise UsageError(f"the query {query!r} has no words to search for", hint=QUERY_FORMS)
    return compiled


# ---------------------------------------------------------------------------------------------
# --explain


@dataclass(frozen=True)
class Explained:
    """How a query was read: each word and what it matches, the dates, what SQLite runs."""

    words: tuple[tuple[str, str, str], ...]  # (as typed, as searched, how it matches)
    dates: DateRange
    match: str | None
    exclude: str | None
    where: str | None
    reading: str  # the query written back with its grouping made explicit
    places: tuple[tuple[str, bool], ...] = ()  # the `place:` names (and strict?) to look up
    syntax: str = "fts5"  # what `match` is written in: fts5, or tsquery (PostgreSQL)


def explain(query: str, saved: Saved | None = None, ix: Index = FTS5) -> Explained:
    compiled = compile_query(query, saved, ix)
    leaves = list(_leaves(compiled.root))
    words = tuple((t.typed, t.text, t.kind) for t in leaves if isinstance(t, Term))
    words += tuple((f.typed, f.value, _FIELD_KINDS[f.column]) for f in leaves
                   if isinstance(f, Field))
    words += tuple((m.typed, f"{m.range.start or '…'}..{m.range.end or '…'}",
                    "the text mentions a date in this range (date mentions, not the dateline)")
                   for m in leaves if isinstance(m, Mentions))
    places = [p for p in leaves if isinstance(p, PlaceField)]
    words += tuple((p.typed, p.name, "the text names this place itself (any spelling)"
                    if p.strict else "the text names this place (any spelling) or one within"
                    " it: a country's regions and cities, a US state's cities") for p in places)
    return Explained(words, compiled.dates, compiled.match, compiled.exclude, compiled.where,
                     _show(compiled.root) if compiled.root is not None else "",
                     tuple(dict.fromkeys((p.name, p.strict) for p in places)), ix.syntax)


_FIELD_KINDS = {"outlet": "the outlet's words, any case", "url": "in the URL, any case",
                "tag": "tagged so, or with a tag under it, any case"}


def _leaves(node: Node | None) -> Iterator[Node]:
    """The words, fields and dates of a query, excluded ones too, in the order typed."""
    if isinstance(node, Not):
        yield from _leaves(node.child)
    elif isinstance(node, (And, Or)):
        for c in node.children:
            yield from _leaves(c)
    elif node is not None:
        yield node


def _show(node: Node) -> str:
    """A node written back in the query language, with its grouping made explicit."""
    if isinstance(node, Term):
        return node.typed
    if isinstance(node, (Dates, Mentions, Field, PlaceField)):
        return node.typed
    if isinstance(node, Not):
        return "NOT " + _show(node.child)
    joiner = " OR " if isinstance(node, Or) else " AND "
    return "(" + joiner.join(_show(c) for c in node.children) + ")"


# ---------------------------------------------------------------------------------------------
# Running it


def _select(
    ix: Index, compiled: Compiled, dates: DateRange, sort: str, limit: int = 0,
    ordered: bool = True, clusters: bool = False, within: str | None = None,
    span: tuple[int, int] | None = None,
) -> tuple[str, list[object]]:
    """The SQL for a search; `limit` > 0 is applied in it; `ordered=False` for counting;
    `clusters` adds each row's story cluster (its representative's rowid) as a sixth column;
    `within`, the match syntax of the only articles ranked (`ranking()`); `span`, the
    rowids the index's matches are read within (`_span()`)."""
    cluster = ", c.cluster" if clusters else ""
    join = " LEFT JOIN story_clusters c ON c.article = a.rowid" if clusters else ""
    where: list[str] = []
    params: list[object] = []
    if compiled.match is not None and compiled.exclude is None and compiled.where is None and (
        not dates and sort == "relevance" and limit > 0
    ):
        # The common case: rank on the index alone and join only the rows kept (measured at
        # 100k articles: a phrase 17.7 -> 10.6 ms, a common word 69 -> 58 ms).
        top, params = (ix.top, [compiled.match]) if within is None else (
            ix.top_within, [compiled.match, within])
        sql = (
            f"SELECT a.rowid, a.id, a.date, a.title, f.score{cluster} FROM ({top}) f"
            f" JOIN articles a ON a.rowid = f.rowid{join} ORDER BY f.score, a.id"
        )
        return sql, [*params, limit]
    if compiled.match is not None:
        sql = (f"SELECT a.rowid, a.id, a.date, a.title, {ix.rank} AS rank{cluster}"
               f" FROM {ix.ranked_from}{join}")
        where.append(ix.ranked_where)
        params.append(compiled.match)
        if span is not None:
            where.append(ix.ranked_span)
            params.extend(span)
        if within is not None:
            where.append(ix.ranked_within)
            params.append(within)
    else:
        sql = f"SELECT a.rowid, a.id, a.date, a.title, 0.0 AS rank{cluster} FROM articles a{join}"
    _filters(ix, compiled, dates, where, params)
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


# `--sort newest/oldest` reads the date index, newest (or oldest) first, keeping the articles
# the index matches until it has `limit` (issue 21), then scores only those. That pays when
# the matches are many: at about limit * articles / matches rows read against every match
# joined and scored, the date index wins once matches² > limit * articles / DATE_ORDER_FACTOR
# (measured at 100k: a common word 119 -> 16 ms, a rare name 0.3 ms either way, 8.7 ms by
# the index). Above DATE_ORDER_MAX hits the old plan is as good.
DATE_ORDER_FACTOR = 10
DATE_ORDER_MAX = 1000


def _date_ordered(store: Store, compiled: Compiled, dates: DateRange, sort: str, limit: int,
                  raw: bool, clusters: bool) -> list[tuple[Any, ...]] | None:
    """The rows `_select(compiled, dates, sort, limit, clusters=clusters)` gives, read
    through the date index; None when the plain query is the cheaper (or the only) way."""
    if compiled.match is None or sort == "relevance" or not 0 < limit <= DATE_ORDER_MAX:
        return None
    ix = store.index
    matches = _run(store, ix.count, [compiled.match], raw).fetchone()[0]
    articles = store.rowid_bound()
    if matches * matches * DATE_ORDER_FACTOR <= limit * articles:
        return None
    cluster = ", c.cluster" if clusters else ""
    join = " LEFT JOIN story_clusters c ON c.article = a.rowid" if clusters else ""
    where: list[str] = []
    params: list[object] = []
    _filters(ix, compiled, dates, where, params)
    if dates.start:  # a bound the index can seek to: no date before the start's year overlaps
        where.append("a.date >= substr(?, 1, 4)")
        params.append(dates.start)
    order = " ORDER BY a.date" + (" DESC" if sort == "newest" else "") + ", a.id"
    sql = f"SELECT a.rowid, a.id, a.date, a.title{cluster} FROM articles a{join} WHERE "
    # `+a.rowid`: not a lookup per match, a test on each article the date index gives; first
    # against the matches among the articles a walk of the date index is expected to need
    rows = None
    walked = _walk(store, dates, order, limit * DATE_WALK * articles // matches + limit, articles)
    if walked is not None:
        low, high, last = walked
        rows = _run(store, sql + " AND ".join(["a.rowid BETWEEN ? AND ?",
                                               f"+a.rowid IN ({ix.members_between})", *where,
                                               "a.date IS NOT NULL"]) + order + " LIMIT ?",
                    [low, high, compiled.match, low, high, *params, limit], raw).fetchall()
        if last is not None and not (len(rows) == limit and _before(rows[-1], last, sort)):
            rows = None  # the walk went further than expected: every match, as before
    member = f"+a.rowid IN ({ix.members})"
    if rows is None:
        rows = _run(store, sql + " AND ".join([member, *where, "a.date IS NOT NULL"]) + order
                    + " LIMIT ?", [compiled.match, *params, limit], raw).fetchall()
    if len(rows) < limit and not dates and store.has_undated():
        rows += _run(store, sql + " AND ".join([member, *where, "a.date IS NULL"])
                     + " ORDER BY a.id LIMIT ?",
                     [compiled.match, *params, limit - len(rows)], raw).fetchall()
    if not rows:
        return []
    rowids = [r[0] for r in rows]  # scored in one pass over their span of the index
    scores = dict(_run(store, ix.scores, [compiled.match, min(rowids), max(rowids),
                                          store.values(rowids)], raw))
    return [(*r[:4], scores[r[0]], *r[4:]) for r in rows]


# Ranking a very common word (issue 21). FTS5 scores every match before it keeps the best,
# about 0.7 µs a match: a word in most of a million articles took half a second. So when the
# index matches more than RANK_ALL articles, a ranked search (`--sort relevance` with a
# limit) ranks only the matches with the query's word in the title or a heading: those are
# the ones the column weights (title 10, headings 5, the rest 1) put first, and each is
# scored exactly as in the full ranking. Of words side by side, the word is the one in the
# fewest articles: bm25 gives a word in most articles almost no weight, so a headline that
# has only that word says little (measured on real news: 15 of 20 hits shared with the full
# ranking when any word would do). Of alternatives (OR), each one's. When fewer than the
# limit of those pass the search's other conditions, or with `--exact`, every match is
# ranked. `search --explain` says which.
RANK_ALL = 100_000


@dataclass(frozen=True)
class Ranking:
    """What a ranked search ranks: `matches`, the articles the index matches (before dates
    and other conditions); `within`, the match syntax of the candidates ranked, or None when
    every match is."""

    matches: int | None
    within: str | None = None


def ranking(store: Store, compiled: Compiled, *, sort: str = "relevance", limit: int = 20,
            exact: bool = False) -> Ranking:
    """Which matches a search with these options ranks (see RANK_ALL)."""
    if sort != "relevance" or limit <= 0 or compiled.match is None or not compiled.terms:
        return Ranking(None)
    ix = store.index
    if not ix.tiered:
        return Ranking(None)

    def count(match: str) -> int:
        return int(store.conn.execute(ix.count, [match]).fetchone()[0])

    matches = count(compiled.match)
    if exact or matches <= RANK_ALL:
        return Ranking(matches)
    return Ranking(matches, _headline(compiled.root, ix, count))


def _headline(node: Node | None, ix: Index, count: Callable[[str], int]) -> str | None:
    """The match syntax for the articles with `node`'s word in the title or a heading: a
    term's own; each alternative's; of words side by side, the one in the fewest articles.
    None when a part cannot be told so (an alternative that is a date)."""
    if isinstance(node, Term):
        return None if node.column else ix.headline(node.base())
    if isinstance(node, Or):
        parts = [_headline(c, ix, count) for c in node.children]
        return ix.any_of([p for p in parts if p]) if all(parts) else None
    if isinstance(node, And):
        words = [c for c in node.children if not isinstance(c, Not) and _anchor(c, ix)]
        if len(words) > 1:  # the rarest first
            words.sort(key=lambda c: count(_anchor(c, ix) or ""))
        for c in words:
            if found := _headline(c, ix, count):
                return found
    return None


def rank_plan(store: Store, query: str, *, sort: str = "relevance", limit: int = 20,
              exact: bool = False) -> Ranking:
    """`ranking()` for a query as typed (`search --explain`)."""
    return ranking(store, _compile(query, False, store), sort=sort, limit=limit, exact=exact)


def _span(store: Store, compiled: Compiled, dates: DateRange) -> tuple[int, int] | None:
    """For a search of words within dates, the rowids of the articles in the range: the
    index's matches are read within them. Where articles were added in about date order
    that is a fraction of the matches (at 1,000,000 articles, a common word within one year
    of ten: 218 -> 75 ms, and 8-17 ms to find the span); elsewhere it costs that lookup, a
    read of the range's part of the date index."""
    if compiled.match is None or not dates:
        return None
    return store.rowid_span(dates.start, dates.end)


# The walk of the date index reads about limit * articles / matches articles before it has
# `limit` hits. Where articles were added in about date order, DATE_WALK times that many lie
# in a narrow span of rowids (at most DATE_SPAN times as wide as their number), and the hits
# are first looked for there: the articles of the span, the matches of the index within it.
DATE_WALK = 4
DATE_SPAN = 4


def _walk(store: Store, dates: DateRange, order: str, articles: int, bound: int
          ) -> tuple[int, int, tuple[str, str] | None] | None:
    """The least and greatest rowid of the first `articles` dated articles within `dates` in
    `order`, and the (date, id) of the last of them; None for its last when they are all the
    dated articles there are. None when there is no narrow span (a walk past a third of the
    archive, `bound` its largest rowid, or articles not added in date order)."""
    if articles * 3 > bound:
        return None
    where, params = range_sql(dates)
    if dates.start:  # where the index seeks to, as in `_date_ordered()`
        where += " AND a.date >= substr(?, 1, 4)"
        params.append(dates.start)
    rows = store.conn.execute(
        "SELECT a.rowid, a.date, a.id FROM articles a WHERE a.date IS NOT NULL"
        + (f" AND {where}" if where else "") + order + " LIMIT ?",
        [*params, articles]).fetchall()
    if not rows:
        return 1, 0, None
    low, high = min(r[0] for r in rows), max(r[0] for r in rows)
    if high - low >= DATE_SPAN * len(rows):
        return None
    return low, high, (rows[-1][1], rows[-1][2]) if len(rows) == articles else None


def _before(row: tuple[Any, ...], last: tuple[str, str], sort: str) -> bool:
    """Whether a row (rowid, id, date, ...) comes no later than the article (date, id) in
    the order of `sort` (dates newest or oldest first, then ids)."""
    date, id = row[2], row[1]
    if date == last[0]:
        return bool(id <= last[1])
    return bool(date > last[0]) if sort == "newest" else bool(date < last[0])


def _fetch(store: Store, compiled: Compiled, dates: DateRange, sort: str, limit: int,
           raw: bool, clusters: bool = False, exact: bool = False) -> list[tuple[Any, ...]]:
    """The rows of a search (`_select()`'s columns), by the cheaper of the plans that give
    them."""
    rows = _date_ordered(store, compiled, dates, sort, limit, raw, clusters)
    if rows is not None:
        return rows
    span = _span(store, compiled, dates)
    if store.rowid_bound() > RANK_ALL:  # a smaller archive cannot match more
        within = ranking(store, compiled, sort=sort, limit=limit, exact=exact).within
        if within is not None:
            sql, params = _select(store.index, compiled, dates, sort, limit,
                                  clusters=clusters, within=within, span=span)
            rows = _run(store, sql, params, raw).fetchall()
            if len(rows) == limit:
                return rows
    sql, params = _select(store.index, compiled, dates, sort, limit, clusters=clusters,
                          span=span)
    return _run(store, sql, params, raw).fetchall()


def article_filter(store: Store, query: str) -> ArticleFilter:
    """SQL selecting the rowids of the articles a query finds (unranked), and its parameters:
    for the store's date mentions (`events`, `timeline --events`)."""
    compiled = compile_query(query, store.saved_search, store.index)
    where: list[str] = []
    params: list[object] = []
    if compiled.match is not None:
        where.append(_in_index(store.index))
        params.append(compiled.match)
    _filters(store.index, compiled, compiled.dates, where, params)
    return "SELECT a.rowid FROM articles a WHERE " + (" AND ".join(where) or "true"), params


def _filters(ix: Index, compiled: Compiled, dates: DateRange, where: list[str],
             params: list[object]) -> None:
    """Add the conditions a search applies beside its MATCH: the excluded words, the fields
    (`credit:`, `mentions:` ...) and the date range."""
    if compiled.exclude is not None:
        where.append(f"a.rowid NOT IN ({ix.members})")
        params.append(compiled.exclude)
    if compiled.where is not None:
        where.append(compiled.where)
        params.extend(compiled.params)
    date_sql, date_params = range_sql(dates)
    if date_sql:
        where.append(date_sql)
        params.extend(date_params)


def _compile(query: str, raw: bool, store: Store) -> Compiled:
    if not raw:
        return compile_query(query, store.saved_search, store.index)
    if not store.index.raw:
        raise UsageError("--raw passes FTS5 syntax, which only a SQLite archive runs;"
                         " drop --raw to use newsarc's query language")
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
    collapse: bool = False,
    exact: bool = False,
) -> list[Hit]:
    """Ranked hits, one per article. `limit` 0 means all. `collapse`: one per story cluster,
    its best-ranked member, with `copies`, the number of other articles in its cluster.
    `exact`: rank every match, however many (see RANK_ALL).

    The best-matching section (`sections`, by default as `snippets`) and the snippet are
    worked out only for the hits returned and only when asked, so `--format ids` costs no
    more than the FTS5 query itself, and a timeline gets its sections without snippets.
    """
    if sort not in SORTS:
        raise UsageError(f"--sort must be one of {', '.join(SORTS)}")
    if raw and section is not None:
        raise UsageError("--section cannot be used with --raw: newsarc cannot tell which words "
                         "of an FTS5 query a section must match")
    compiled = _compile(query, raw, store)
    if collapse:
        return _collapsed(store, query, compiled, limit=limit, sort=sort, date_range=date_range,
                          section=section, raw=raw, snippets=snippets, sections=sections,
                          exact=exact)
    dates = compiled.dates.intersect(date_range or DateRange())
    if section is None:
        rows = _fetch(store, compiled, dates, sort, limit, raw, exact=exact)
        hits = [Hit(id, date, title, None, "", -rank or 0.0) for _, id, date, title, rank in rows]
        if sections is None:
            sections = snippets
        if not sections:
            return hits
        from newsarc.matches import annotate  # not needed by `--format ids`: start-up matters

        return annotate(store, hits, compiled.terms, snippets=snippets)
    sql, params = _select(store.index, compiled, dates, sort, 0)
    return _search_sections(store, _run(store, sql, params, raw), compiled.terms, section, limit,
                            snippets)


def dated_matches(store: Store, query: str, date_range: DateRange
                  ) -> Iterator[tuple[str | None, str, str, float]]:
    """(date, id, title, score) of every article `query` finds within `date_range`, oldest
    first, undated last, by id within a date: the hits of `search(limit=0)` in timeline
    order, scored as there, streamed from SQLite rather than held (issue 21)."""
    compiled = _compile(query, False, store)
    dates = compiled.dates.intersect(date_range)
    sql, params = _select(store.index, compiled, dates, "oldest",
                          span=_span(store, compiled, dates))
    for _, id, date, title, rank in _run(store, sql, params, False):
        yield date, id, title, -rank or 0.0


COLLAPSE_FETCH = 4  # a collapsed search first ranks this many hits per row it shows


def _collapsed(store: Store, query: str, compiled: Compiled, *, limit: int, sort: str,
               date_range: DateRange | None, section: str | None, raw: bool, snippets: bool,
               sections: bool | None, exact: bool) -> list[Hit]:
    """`search --collapse`: rank more hits than shown (COLLAPSE_FETCH per row, then all if
    copies filled them), keep each cluster's first, then find snippets for those alone.
    Clusters are looked up by rowid, as the search's rows give them (at 100,000 articles,
    `--limit 0` over a common word: 63,000 hits in one query each way)."""
    if section is not None:
        return _collapsed_sections(store, query, limit=limit, sort=sort, date_range=date_range,
                                   section=section, raw=raw, snippets=snippets)
    dates = compiled.dates.intersect(date_range or DateRange())
    fetch = limit * COLLAPSE_FETCH
    while True:
        rows = _fetch(store, compiled, dates, sort, fetch, raw, clusters=True, exact=exact)
        kept: dict[int, tuple[str, str | None, str, float]] = {}
        for rowid, id, date, title, rank, cluster in rows:
            if (cluster or rowid) not in kept:
                kept[cluster or rowid] = (id, date, title, -rank or 0.0)
        if not fetch or len(rows) < fetch or len(kept) >= limit:
            break
        fetch = 0 if fetch >= 1 << 20 else fetch * COLLAPSE_FETCH
    chosen = list(kept.items())[:limit] if limit else list(kept.items())
    sizes = store.cluster_sizes_by_rowid([key for key, _ in chosen])
    hits = [Hit(id, date, title, None, "", score, 0, (), sizes.get(key, 1) - 1)
            for key, (id, date, title, score) in chosen]
    if not (snippets if sections is None else sections):
        return hits
    from newsarc.matches import annotate

    copies = {h.id: h.copies for h in hits}
    return [Hit(h.id, h.date, h.title, h.section, h.snippet, h.score, h.position, h.highlights,
                copies[h.id]) for h in annotate(store, hits, compiled.terms, snippets=snippets)]


def _collapsed_sections(store: Store, query: str, *, limit: int, sort: str,
                        date_range: DateRange | None, section: str, raw: bool,
                        snippets: bool) -> list[Hit]:
    """`search --collapse --section`: the same over the hits of a section search."""
    from newsarc.clusters import collapse

    fetch = limit * COLLAPSE_FETCH
    while True:
        hits = search(store, query, limit=fetch, sort=sort, date_range=date_range,
                      section=section, raw=raw, snippets=snippets, sections=True)
        kept = [hit for hit, _ in collapse(store, hits, lambda h: h.id)]
        if not fetch or len(hits) < fetch or len(kept) >= limit:
            break
        fetch = 0 if fetch >= 1 << 20 else fetch * COLLAPSE_FETCH
    kept = kept[:limit] if limit else kept
    cluster = store.clusters_of([h.id for h in kept])
    sizes = store.cluster_sizes(list(cluster.values()))
    return [Hit(h.id, h.date, h.title, h.section, h.snippet, h.score, h.position, h.highlights,
                max(0, sizes.get(cluster.get(h.id, h.id), 1) - 1)) for h in kept]


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
    compiled = _compile(query, raw, store)
    dates = compiled.dates.intersect(date_range or DateRange())
    if compiled.match is not None and compiled.exclude is None and compiled.where is None and (
        not dates
    ):
        # Nothing but the index decides (issue 21): count its matches without joining each
        # to its article (100k articles, a common word: 8.4 -> 1.7 ms).
        sql, params = store.index.count, list[object]([compiled.match])
    else:
        sql, params = _select(store.index, compiled, dates, "newest", ordered=False,
                              span=_span(store, compiled, dates))
        sql = f"SELECT count(*) FROM ({sql}) AS matches"
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
        from newsarc.matches import annotate

        for hit in annotate(store, found, terms, heading=wanted, snippets=snippets):
            if hit.position >= 0:
                hits.append(hit)
                if 0 < limit <= len(hits):
                    return hits


def kwic(
    store: Store,
    query: str,
    *,
    limit: int = 20,
    sort: str = "relevance",
    date_range: DateRange | None = None,
    width: int = 40,
    exact: bool = False,
) -> Iterator[KwicLine]:
    """Keyword in context: every occurrence of the query's words in the articles it finds (at
    most `limit`, 0 for all), in the order `sort` gives, then in text order; `exact` as for
    `search()`."""
    from newsarc.matches import kwic_lines

    compiled = _compile(query, False, store)
    hits = search(store, query, limit=limit, sort=sort, date_range=date_range, snippets=False,
                  exact=exact)
    return kwic_lines(store, hits, compiled.terms, width)


# ---------------------------------------------------------------------------------------------
# Saved searches named in a query (issue 19)


def references(query: str) -> list[str]:
    """The saved searches a query names itself (`@name`), in the order typed."""
    return [value for kind, value, _, _ in _lex(query) if kind == "SAVED"]


def rename_reference(query: str, old: str, new: str) -> str:
    """The query with each `@old` (any case) written `@new`; the rest exactly as typed."""
    parts: list[str] = []
    at = 0
    for kind, value, start, end in _lex(query):
        if kind == "SAVED" and value.casefold() == old.casefold():
            parts += [query[at:start], f"@{new}"]
            at = end
    return "".join(parts) + query[at:]
