"""Where a query's words occur in an article: its best section, the snippet around the match
with the matched words marked, and every occurrence for `newsarc kwic`.

"Occurs" means what it meant in the search. Stemming is the archive's own: the distinct words
of the sections at hand go into a scratch in-memory FTS5 table with the archive's tokenizer, and
FTS5 says which of them match each stemmed part of a query word. An acronym part (`US`) occurs
where `normalise.acronyms()` finds it written in capitals, an exact word (`=Sessions`) where the
word is the same but for case, and a word with punctuation inside (`Al-Qaim`, `9/11`) where its
parts stand side by side: the whole run is marked.
"""

from __future__ import annotations

import bisect
import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from newsarc.articles import lede_dateline
from newsarc.models import Hit, KwicLine, Section
from newsarc.normalise import (
    APOSTROPHES,
    TOKENIZE,
    acronym_key,
    acronym_of,
    fold,
    fold_case,
    forms,
    shouted,
)
from newsarc.store import Store

if TYPE_CHECKING:
    from newsarc.query import Term

SNIPPET_WORDS = 30
ANNOTATE_CHUNK = 500  # hits whose sections share one scratch table: memory stays flat
_SPACES = re.compile(r"\s+")
_JOIN = "[.'’ʼ‘`´]"  # what joins the parts of one word: U.S., Qa'im
_WORD = re.compile(rf"\w+(?:{_JOIN}\w+)*\.?")
_ELIDED = re.compile(rf"[OoDdLl][{APOSTROPHES}](?=\w\w)")

Span = tuple[int, int]
MAX_ALTERNATIVES = 64  # words one part may match and still be found by one regex


@functools.lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """A word as it is compared; news vocabulary repeats, so it is cached."""
    return fold(word).casefold()


def _surface(word: str) -> str:
    """A word as the text writes it, without the full stop after it (`said.`), keeping the last
    dot of `U.S.`."""
    return word[:-1] if word[-1] == "." and "." not in word[:-1] else word


def _part(word: str) -> str | None:
    """The name after O'/D'/L' (`connor` of O'Connor), which is findable alone."""
    elided = _ELIDED.match(word)
    return _key(word[elided.end():]) if elided else None


class Matcher:
    """Finds the occurrences of a query's positive terms in text.

    learn() sorts the distinct words of the texts at hand by the query part each matches;
    spans() then finds those words with one regular expression a part, so a long text costs a
    scan, not a Python step per word.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        # Each term as its parts: ("caps" | "exact" | "stem" | "prefix", folded part).
        self.terms: list[list[tuple[str, str]]] = []
        for t in terms:
            if t.column is not None or not t.parts:
                continue
            parts = t.parts
            kinds = []
            for i, part in enumerate(parts):
                if t.exact:
                    kinds.append(("exact", part.casefold()))
                elif part in t.caps:
                    kinds.append(("caps", acronym_key(part)))
                else:
                    last = i == len(parts) - 1
                    kinds.append(("prefix" if t.prefix and last else "stem", part))
            self.terms.append(kinds)
        self.parts = {p for kinds in self.terms for p in kinds}
        self.surfaces: dict[tuple[str, str], set[str]] = {p: set() for p in self.parts}
        self.known: set[str] = set()
        self.patterns: dict[tuple[str, str], re.Pattern[str] | None] = {}

    def learn(self, texts: Iterable[str]) -> None:
        """Sort the new words of `texts` by the parts they match; the stemmed parts are asked
        of a scratch FTS5 table with the archive's own tokenizer."""
        seen: set[str] = set()
        for text in texts:
            seen.update(_WORD.findall(text))
        new = {_surface(w) for w in seen} - self.known
        if not new or not self.parts:
            return
        self.known |= new
        self.patterns.clear()
        keys = {w: _key(w) for w in new}
        names = {w: _part(w) for w in new if "'" in w or "’" in w or "ʼ" in w or "‘" in w
                 or "`" in w or "´" in w}
        for kind, part in self.parts:
            if kind == "exact":
                self.surfaces[kind, part].update(w for w in new if keys[w] == part)
            elif kind == "caps":
                self.surfaces[kind, part].update(w for w in new if acronym_of(w) == part)
        stemmed = [p for p in self.parts if p[0] in ("stem", "prefix")]
        if not stemmed:
            return
        words = sorted(set(keys.values()) | {n for n in names.values() if n})
        scratch = sqlite3.connect(":memory:")
        try:
            scratch.execute(f"CREATE VIRTUAL TABLE w USING fts5(word, tokenize='{TOKENIZE}')")
            scratch.executemany("INSERT INTO w (rowid, word) VALUES (?, ?)", enumerate(words))
            for kind, part in stemmed:
                expr = '"' + part.replace('"', '""') + '"' + ("*" if kind == "prefix" else "")
                matching = {words[r] for (r,) in scratch.execute(
                    "SELECT rowid FROM w WHERE w MATCH ?", (expr,))}
                self.surfaces[kind, part].update(
                    w for w in new if keys[w] in matching or names.get(w) in matching)
        finally:
            scratch.close()

    def _pattern(self, piece: tuple[str, str]) -> re.Pattern[str] | None:
        """A regex of the words that match `piece`; None when there are too many for one (a
        short prefix): then every word of the text is looked at."""
        if piece not in self.patterns:
            words = sorted(self.surfaces[piece], key=len, reverse=True)
            self.patterns[piece] = re.compile(
                rf"(?<!\w)(?<!\w{_JOIN})(?:{'|'.join(map(re.escape, words))})(?!\w)(?!{_JOIN}\w)"
            ) if len(words) <= MAX_ALTERNATIVES else None
        return self.patterns[piece]

    def _starts(self, text: str, piece: tuple[str, str]) -> Iterator[tuple[int, int]]:
        """(start, end) of each word in `text` that matches `piece`."""
        if not self.surfaces[piece]:
            return
        pattern = self._pattern(piece)
        if pattern is not None:
            for m in pattern.finditer(text):
                yield m.span()
            return
        words = self.surfaces[piece]
        for m in _WORD.finditer(text):
            word = _surface(m.group())
            if word in words:
                yield m.start(), m.start() + len(word)

    def spans(self, text: str, skip: int = 0) -> list[Span]:
        """(start, end) of every occurrence in `text`, in order; a dateline before `skip` holds
        no acronyms. Call learn() with the text first."""
        found: set[Span] = set()
        for kinds in self.terms:
            for start, first_end in self._starts(text, kinds[0]):
                end = self._rest(text, first_end, kinds[1:], skip)
                if end is not None and (kinds[0][0] != "caps" or _capital(text, start, skip)):
                    found.add((start, end))
        return _merge(sorted(found))

    def _rest(self, text: str, end: int, kinds: list[tuple[str, str]], skip: int) -> int | None:
        """Where a phrase ends when its next parts follow `end` word by word, else None."""
        for piece in kinds:
            w = _WORD.search(text, end)
            if w is None:
                return None
            word = _surface(w.group())
            if word not in self.surfaces[piece] or (
                piece[0] == "caps" and not _capital(text, w.start(), skip)
            ):
                return None
            end = w.start() + len(word)
        return end


def _capital(text: str, pos: int, skip: int) -> bool:
    """An acronym at `pos` counts: after the dateline, on a line not in capitals throughout."""
    return pos >= skip and not shouted(text, pos)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _skip(section: Section) -> int:
    """Where acronyms can start in a section: after the lede's dateline."""
    if section.position != 0 or section.heading is not None:
        return 0
    return lede_dateline(section.text)[1]


# ---------------------------------------------------------------------------------------------
# Best section and snippet


def annotate(
    store: Store,
    hits: list[Hit],
    terms: Iterable[Term],
    heading: str | None = None,
    snippets: bool = True,
) -> list[Hit]:
    """Fill in each hit's best-matching section and (with `snippets`) a snippet around the match.

    The sections of the hits go into a scratch in-memory FTS5 table with the archive's own
    tokenizer and its hidden `forms` column, so "matches" means exactly what it meant in the
    search, without a second copy of any text in the archive; a few hundred hits at a time,
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
    sections = store.sections_of([h.id for h in hits])
    best = _best_sections(sections, terms, heading)
    chosen: dict[str, Section | None] = {}
    for hit in hits:
        if hit.id in best:
            chosen[hit.id] = best[hit.id]
        elif heading is None:
            secs = sections.get(hit.id, [])
            chosen[hit.id] = secs[0] if secs else None
        else:
            chosen[hit.id] = None
    matcher = Matcher(terms)
    if snippets:
        matcher.learn(s.text or s.heading or "" for s in chosen.values() if s)
    out = []
    for hit in hits:
        sec = chosen[hit.id]
        if sec is None:
            out.append(Hit(hit.id, hit.date, hit.title, None, "", hit.score, position=-1))
            continue
        snippet, marks = "", tuple[Span, ...]()
        if snippets:
            text = sec.text or sec.heading or ""
            snippet, marks = make_snippet(text, matcher.spans(text, _skip(sec) if sec.text else 0))
        out.append(Hit(hit.id, hit.date, hit.title, sec.heading, snippet, hit.score,
                       position=sec.position, highlights=marks))
    return out


def _best_sections(
    sections: dict[str, list[Section]], terms: tuple[Term, ...], heading: str | None
) -> dict[str, Section]:
    """The section of each article that matches the terms best (bm25, headings weighing
    more), among those whose heading contains `heading` when given."""
    if not terms:
        return {}
    keys = [(id, sec) for id, secs in sections.items() for sec in secs]
    scratch = sqlite3.connect(":memory:")
    best: dict[str, tuple[float, Section]] = {}
    try:
        scratch.execute(
            f"CREATE VIRTUAL TABLE s USING fts5(heading, body, forms, tokenize='{TOKENIZE}')"
        )
        scratch.executemany(
            "INSERT INTO s (rowid, heading, body, forms) VALUES (?, ?, ?, ?)",
            [(i, fold(sec.heading or ""), fold(sec.text),
              forms(sec.heading or "") + " " + forms(sec.text, _skip(sec)))
             for i, (_, sec) in enumerate(keys)],
        )
        match = " OR ".join(f"({t.fts()})" for t in terms)
        for rowid, rank in scratch.execute(
            "SELECT rowid, bm25(s, 5.0, 1.0, 1.0) FROM s WHERE s MATCH ?", (match,)
        ):
            id, sec = keys[rowid]
            # the lede is headed `lede`, as search shows it, so `--section lede` finds it
            if heading is not None and heading not in fold_case(sec.heading or "lede"):
                continue
            if id not in best or (rank, sec.position) < (best[id][0], best[id][1].position):
                best[id] = (rank, sec)
    finally:
        scratch.close()
    return {id: sec for id, (_, sec) in best.items()}


def make_snippet(
    text: str, spans: Sequence[Span], size: int = SNIPPET_WORDS
) -> tuple[str, tuple[Span, ...]]:
    """About `size` words of `text` around the densest run of matches, on one line.

    `spans` are the (start, end) offsets of the matches in `text`. Returns the snippet and
    the offsets of the matches in it, for highlighting.
    """
    words = [m.span() for m in _WORD.finditer(text)]
    if not words:
        return " ".join(text.split())[:200], ()
    starts = [s for s, _ in words]
    # The word each match starts in; the window starts 5 words before the match that has the
    # most matches in the `size` words from there.
    hit_words = sorted({bisect.bisect_right(starts, s) - 1 for s, _ in spans})
    first = 0
    if hit_words:
        best_count = 0
        for i, w in enumerate(hit_words):
            count = bisect.bisect_left(hit_words, w + size - 5) - i
            if count > best_count:
                best_count, first = count, max(0, w - 5)
    last = min(len(words), first + size)
    begin = words[first][0]
    end = words[last - 1][1] if last < len(words) else len(text.rstrip())
    # Matches that straddle the window's edge are cut to it.
    inside = [(max(s, begin), min(e, end)) for s, e in spans if e > begin and s < end]
    snippet, marks = _squeeze(text, begin, end, inside)
    if first > 0:
        snippet, marks = "… " + snippet, [(s + 2, e + 2) for s, e in marks]
    if last < len(words):
        snippet += " …"
    return snippet, tuple(marks)


def _squeeze(text: str, begin: int, end: int, spans: list[Span]) -> tuple[str, list[Span]]:
    """text[begin:end] with each run of white space as one space, and `spans` moved to match."""
    pieces: list[str] = []
    shift: list[tuple[int, int]] = []  # (offset in text, how much shorter the snippet is there)
    removed = 0
    last = begin
    for m in _SPACES.finditer(text, begin, end):
        pieces.append(text[last:m.start()])
        pieces.append(" ")
        removed += len(m.group()) - 1
        shift.append((m.end(), removed))
        last = m.end()
    pieces.append(text[last:end])

    def moved(offset: int) -> int:
        less = 0
        for at, by in shift:
            if at > offset:
                break
            less = by
        return offset - begin - less

    return "".join(pieces), [(moved(s), moved(e)) for s, e in spans]


# ---------------------------------------------------------------------------------------------
# Keyword in context


def kwic_lines(
    store: Store, hits: Sequence[Hit], terms: Iterable[Term], width: int = 40
) -> Iterator[KwicLine]:
    """Every occurrence of the terms in each hit's headings and text, in article order then
    text order, with `width` characters of context on each side."""
    matcher = Matcher(terms)
    for start in range(0, len(hits), ANNOTATE_CHUNK):
        chunk = hits[start : start + ANNOTATE_CHUNK]
        sections = store.sections_of([h.id for h in chunk])
        matcher.learn(t for secs in sections.values() for s in secs for t in (s.heading or "",
                                                                              s.text))
        for hit in chunk:
            for sec in sections.get(hit.id, []):
                for text, skip in ((sec.heading or "", 0), (sec.text, _skip(sec))):
                    for s, e in matcher.spans(text, skip):
                        yield KwicLine(hit.id, hit.date, sec.heading, sec.position,
                                       _left(text[:s], width), " ".join(text[s:e].split()),
                                       _right(text[e:], width))


def _left(text: str, width: int) -> str:
    tail = " ".join(text[-(width * 3):].split()) if text else ""
    if text[-1:].isspace():
        tail += " "
    if len(tail) <= width:
        return tail
    return "…" + tail[-(width - 1):]


def _right(text: str, width: int) -> str:
    head = " ".join(text[: width * 3].split())
    if text[:1].isspace():
        head = " " + head
    if len(head) <= width:
        return head
    return head[: width - 1] + "…"
