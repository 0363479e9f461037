"""Story signatures: which articles are copies of one story (issue 14).

Pure: an article's title-less text in, plain records out; no store, no CLI, no numpy.

**The text compared.** The sections' text without headings (a copy that drops them is the same
story), with boilerplate removed: the lede's dateline (`newsarc.articles.lede_dateline`: a copy
filed a day later elsewhere keeps its story), credit and byline paragraphs
(`extract.credits.is_credit_line`), editor's notes, paragraphs wholly in brackets (`(Reporting by
...)`), and short trailing paragraphs (footers, `© ...`, `Follow us ...`: under
`TRAILING_WORDS` words at the end). It is folded (`normalise.fold`), case- and accent-folded,
and British `-ise`/`-our` spellings are written as American ones; quotes and punctuation go
with the tokenising into words.

**Signals.** `shingles`: hashes of every `SHINGLE`-word run of the words, except runs made
only of function words (they link unrelated texts). `sentences`: hashes of every sentence of
at least `SENTENCE_WORDS` words. For two articles:

- Jaccard `J` = shared shingles / shingles of either;
- containment `C` = shared shingles / shingles of the smaller (a trimmed copy, or a copy with
  a paragraph inserted, is contained in the other);
- shared sentences `S` = shared sentences / sentences of the one with fewer.

**The rule.** Two articles are the same story when `J >= JACCARD` (most of the text is the
same), or when `C >= CONTAINMENT` and `S >= SENTENCES` (one is largely inside the other *and*
they share whole sentences). Separate reports of one event share names, places, dates and
stock phrases, hence some shingles, but their reporters write their own sentences: without
shared sentences, high containment alone does not join them. A text with fewer than
`MIN_SHINGLES` shingles (a flash of a line or two) joins another only by Jaccard: one word
swings it. `similarity()` reports `max(J, min(C, S))`, the number `newsarc similar` shows.

**Candidates.** Comparing every pair is quadratic, so each article gets `keys()`: the bands of
a one-permutation MinHash of its shingles (`BINS` bins, densified by rotation, `ROWS` bins a
band: two articles sharing half their shingles share a band with probability over 0.99) and
its `SENTENCE_KEYS` smallest sentence hashes (a reworked reprint that keeps a few sentences
shares one). Only articles sharing a key are compared. Keys and the rule are symmetric, so
the "same story" relation, and the clusters (its connected components), do not depend on
the order articles arrive in.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from newsarc.articles import lede_dateline
from newsarc.extract.credits import is_credit_line
from newsarc.models import Section
from newsarc.normalise import fold

SHINGLE = 4  # words per shingle
SENTENCE_WORDS = 8  # a shorter sentence ("He declined to comment.") is not evidence
TRAILING_WORDS = 12  # trailing paragraphs shorter than this are footers
BINS = 32  # one-permutation MinHash bins
ROWS = 2  # bins per LSH band: BINS // ROWS bands
SENTENCE_KEYS = 4  # the smallest sentence hashes, as candidate keys
MIN_SHINGLES = 15
JACCARD = 0.5
CONTAINMENT = 0.6
SENTENCES = 0.25

_MASK = (1 << 32) - 1
_BAND_SEED = 0x9E3779B1
_SENTENCE_TAG = 1 << 40  # sentence keys never equal band keys (those stay below 2**40)

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+")
_BRITISH_ISE = re.compile(r"(?<=\w\w)is(e|es|ed|ing|ation|ations)\b")
_BRITISH_OUR = re.compile(r"(?<=\w\w[bhlmv])our(s|ed|ing|ite|ites)?\b")
_EDITORS_NOTE = re.compile(r"^\W*(editor'?s|editors’|publisher'?s)\s+note\b", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its of on"
    " or our said she that the their them they this to was we were which who will with would"
    " not no so than then there these those also after before over into about up out more"
    " one two new".split()
)


@dataclass(frozen=True)
class Story:
    """What clustering needs of an article: its shingle and sentence hashes, and its keys."""

    shingles: frozenset[int]
    sentences: frozenset[int]
    keys: tuple[int, ...]


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float
    sentences: float
    same: bool  # the rule in the module docstring

    @property
    def score(self) -> float:
        return max(self.jaccard, min(self.containment, self.sentences))


def story_text(sections: Sequence[Section]) -> str:
    """The text compared: the sections' text, headings and boilerplate removed."""
    paragraphs: list[str] = []
    for section in sections:
        text = section.text
        if section.position == 0 and section.heading is None:
            _, skip = lede_dateline(text)
            text = text[skip:]
        for paragraph in text.split("\n\n"):
            paragraph = paragraph.strip()
            if not paragraph or _boilerplate(paragraph):
                continue
            paragraphs.append(paragraph)
    while len(paragraphs) > 1 and len(paragraphs[-1].split()) < TRAILING_WORDS:
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def _boilerplate(paragraph: str) -> bool:
    if _EDITORS_NOTE.match(paragraph):
        return True
    if paragraph[:1] in "([" and paragraph[-1:] in ")]":
        return True
    return "\n" not in paragraph and len(paragraph) < 200 and is_credit_line(paragraph)


def words(text: str) -> list[str]:
    """The text's words, folded as the index folds them, lower case, without accents, with
    British spellings written as American ones."""
    text = unicodedata.normalize("NFKD", fold(text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _BRITISH_OUR.sub(r"or\1", _BRITISH_ISE.sub(r"iz\1", text))
    return _WORD.findall(text)


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def story(sections: Sequence[Section]) -> Story:
    """An article's signature (see the module docstring)."""
    text = story_text(sections)
    tokens = words(text)
    shingles: set[int] = set()
    for i in range(max(0, len(tokens) - SHINGLE + 1)):
        run = tokens[i : i + SHINGLE]
        if all(w in _FUNCTION_WORDS or w.isdigit() for w in run):
            continue
        shingles.add(_hash(" ".join(run)))
    if 0 < len(tokens) < SHINGLE:
        shingles.add(_hash(" ".join(tokens)))
    sentences: set[int] = set()
    for sentence in _SENTENCE_END.split(text.replace("\n\n", " \n\n ")):
        found = words(sentence)
        if len(found) >= SENTENCE_WORDS:
            sentences.add(_hash(" ".join(found)))
    return Story(frozenset(shingles), frozenset(sentences), _keys(shingles, sentences))


def _keys(shingles: set[int], sentences: set[int]) -> tuple[int, ...]:
    keys: list[int] = []
    if shingles:
        bins: list[int | None] = [None] * BINS
        for h in shingles:
            mixed = (h * _BAND_SEED) & _MASK
            b, value = mixed % BINS, mixed // BINS
            current = bins[b]
            if current is None or value < current:
                bins[b] = value
        filled = _densify(bins)
        for band in range(BINS // ROWS):
            row = filled[band * ROWS : (band + 1) * ROWS]
            keys.append(_hash(f"{band}:{':'.join(map(str, row))}") | (band << 32))
    keys += [_SENTENCE_TAG | h for h in sorted(sentences)[:SENTENCE_KEYS]]
    return tuple(keys)


def _densify(bins: list[int | None]) -> list[int]:
    """An empty bin takes the value of the next filled one (circularly), marked by distance,
    so that short texts still have a value in every band (Shrivastava and Li, 2014)."""
    n = len(bins)
    out: list[int] = []
    for i in range(n):
        for step in range(n):
            value = bins[(i + step) % n]
            if value is not None:
                out.append(value * 64 + step)
                break
    return out


def similarity(a: Story, b: Story) -> Similarity:
    """The signals and the rule of the module docstring; symmetric in `a` and `b`."""
    shared = len(a.shingles & b.shingles)
    union = len(a.shingles) + len(b.shingles) - shared
    smaller = min(len(a.shingles), len(b.shingles))
    jaccard = shared / union if union else 0.0
    containment = shared / smaller if smaller else 0.0
    fewer = min(len(a.sentences), len(b.sentences))
    sentences = len(a.sentences & b.sentences) / fewer if fewer else 0.0
    if smaller < MIN_SHINGLES:
        same = jaccard >= JACCARD and shared > 0
    else:
        same = jaccard >= JACCARD or (containment >= CONTAINMENT and sentences >= SENTENCES)
    return Similarity(jaccard, containment, sentences, same)


def earliest(members: Sequence[tuple[str | None, str]]) -> tuple[str | None, str]:
    """A cluster's representative among (date, id) pairs: the earliest dated, ties by id;
    undated articles only when none is dated."""
    return min(members, key=lambda m: (m[0] is None, m[0] or "", m[1]))


def clusters(stories: Sequence[tuple[str, str | None, Story]]) -> dict[str, str]:
    """Each article's cluster, by id: the representative (`earliest()`) of its connected
    component of the "same story" relation, over the pairs that share a key. What the archive
    computes incrementally, here at once (for evaluation and tests)."""
    by_key: dict[int, list[int]] = {}
    for i, (_, _, s) in enumerate(stories):
        for key in s.keys:
            by_key.setdefault(key, []).append(i)
    parent = list(range(len(stories)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (min(i, j), max(i, j))
                if pair in seen:
                    continue
                seen.add(pair)
                if similarity(stories[i][2], stories[j][2]).same:
                    parent[root(i)] = root(j)
    groups: dict[int, list[tuple[str | None, str]]] = {}
    for i, (id, date, _) in enumerate(stories):
        groups.setdefault(root(i), []).append((date, id))
    found: dict[str, str] = {}
    for group in groups.values():
        rep = earliest(group)[1]
        for _, id in group:
            found[id] = rep
    return found
