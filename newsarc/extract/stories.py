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

**Signals.** `shingles`: hashes of every `SHINGLE`-word run of the content words alone (no
function words, numbers-only runs are kept; attribution verbs and `per cent` are left out):
what a desk keeps when it rewords sentences (`the` -> `its`, `said` -> `told reporters`, `and`
-> `as well as`), and what does not link unrelated texts through `of the` and `it was`.
`sentences`: hashes of every sentence of at least `SENTENCE_WORDS` words. For two articles:

- Jaccard `J` = shared shingles / shingles of either;
- containment `C` = shared shingles / shingles of the smaller (a trimmed copy, or a copy with
  a paragraph inserted, is contained in the other);
- shared sentences `S` = shared sentences / sentences of the one with fewer.

**The rule.** Two articles are the same story when `J >= JACCARD` (most of the text is the
same), or when `C >= CONTAINMENT` and either `S >= SENTENCES` or `J >= JACCARD_CONTAINED`
(one is largely inside the other, *and* they share whole sentences, or most of the longer
one's runs too). Separate reports of one event share names, places, dates and stock phrases,
hence some shingles, but their reporters write their own sentences and put their facts in
their own order: containment alone does not join them. A text with fewer than
`MIN_SHINGLES` shingles (a flash of a line or two) joins another only by Jaccard: one word
swings it. `similarity()` reports `max(J, min(C, max(S, J + 0.2)))`, the number `newsarc
similar` shows. Accepted risk: a follow-up that repeats most of an outlet's earlier story in
the same words joins it.

**Candidates.** Comparing every pair is quadratic, so each article gets `keys()`: its
bottom-k sketch (the `BOTTOM` smallest of its shingle hashes: two articles sharing a part `J`
of their shingles share one of them with probability about `1 - (1 - J) ** BOTTOM`, over 0.99
at `J = 0.5`, 0.96 for a copy cut to a third of the text) and the hashes of its
`FIRST_SENTENCES` first sentences (a trimmed copy keeps its opening) and of its
`SENTENCE_KEYS` smallest other ones (a reworked reprint that keeps some sentences shares
one). Shingle hashes are crc32s of the words combined by arithmetic: the same in every
process and run (the keys are stored). Only articles sharing a key are compared. Keys and the
rule are symmetric, so the "same story" relation, and the clusters (its connected components),
do not depend on the order articles arrive in. (The archive compares at most 32 candidates per
article, those sharing the most keys: order-independence is exact below that, which boilerplate
removal and the function-word filter keep to archives that are not mostly boilerplate.)
"""

from __future__ import annotations

import heapq
import re
import unicodedata
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from newsarc.articles import lede_dateline
from newsarc.extract.credits import is_credit_line
from newsarc.models import Section
from newsarc.normalise import fold

SHINGLE = 3  # content words per shingle (`story()` computes runs of 3)
SENTENCE_WORDS = 8  # a shorter sentence ("He declined to comment.") is not evidence
TRAILING_WORDS = 12  # trailing paragraphs shorter than this are footers
BOTTOM = 8  # shingle hashes of the bottom-k sketch, as candidate keys
SENTENCE_KEYS = 2  # the smallest sentence hashes, as candidate keys ...
FIRST_SENTENCES = 2  # ... and the first ones
MIN_SHINGLES = 15
JACCARD = 0.5
CONTAINMENT = 0.6
SENTENCES = 0.25
JACCARD_CONTAINED = 0.4

_MASK = (1 << 32) - 1
_SENTENCE_TAG = 1 << 40  # sentence keys never equal shingle keys (those stay below 2**32)

_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+")
_EDITORS_NOTE = re.compile(r"^\W*(editor'?s|editors’|publisher'?s)\s+note\b", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its of on"
    " or our said she that the their them they this to was we were which who will with would"
    " not no so than then there these those also after before over into about up out more"
    " one two new".split()
)
# Shingles leave out these words: what a desk changes when it rewords a sentence.
_STOP_WORDS = _FUNCTION_WORDS | frozenset(
    "am any around being both can could did do does down during each few further here him how"
    " if just me most my nor now off once only other own same should some such too under until"
    " very what when where while whom why you your well per cent percent told says say saying"
    " according added may might must shall upon via yet just still while".split()
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
        return max(self.jaccard, min(self.containment, max(self.sentences, self.jaccard + 0.2)))


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


def normalised(text: str) -> str:
    """The text folded as the index folds it, lower case, without accents; its words are
    `_WORD.findall()`, and `american()` spells each as the other copies may."""
    text = fold(text).casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text


_ISE = (("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"),
        ("ises", "izes"), ("ise", "ize"))
_OUR = (("ouring", "oring"), ("oured", "ored"), ("ours", "ors"), ("our", "or"))


def american(word: str) -> str:
    """British `-ise`, `-isation`, `-our` spellings as American ones (`stabilise`,
    `organisation`, `labour`): applied to both copies, so over-reach (`hour`) is harmless."""
    if len(word) > 4:
        for old, new in _ISE:
            if word.endswith(old):
                return word[: -len(old)] + new
        for old, new in _OUR:
            if word.endswith(old) and word[-len(old) - 1] in "bhlmv":
                return word[: -len(old)] + new
    return word


def words(text: str) -> list[str]:
    """The text's words, normalised (`normalised()`, `american()`)."""
    return [american(w) for w in _WORD.findall(normalised(text))]


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


_MULT = 0x01000193  # FNV's prime: combines word hashes into a run's hash
_STOP = 1 << 32  # marks the hash of a word shingles leave out
_END = (1 << 64) - 1  # the "hash" of a sentence end (`_TOKEN`'s other kind of token)
_END_BYTES = _END.to_bytes(8, "little")
# A word (`_WORD`), or a sentence end: `.!?`, closing quotes or brackets, then a space. One
# pass over the text finds both; `_SENTENCE_END` splits the text at the same places.
_TOKEN = re.compile(r"[^\W_]+|[.!?][\"'”’»)]*(?=\s)")
_SENTENCE_MARK = re.compile(r"[.!?][\"'”’»)]*(?=\s)")
# ASCII text: the bytes that are not a word's (`[^\W_]`) become spaces, but for \x01, the mark
# put for a sentence end (`_SENTENCE_MARK`).
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == 1 else 32 for c in range(128)) + \
    bytes(32 for _ in range(128))


def _word(word: str) -> int:
    """A token's hash: a word's (of its American spelling), with _STOP set for a stop word;
    _END for a sentence end."""
    if word[0] in ".!?\x01":
        return _END
    spelled = american(word)
    return _hash(spelled) | (_STOP if spelled in _STOP_WORDS else 0)


class _Hashes(dict[str, int]):
    """The tokens' hashes (`_word()`): news vocabulary is Zipfian, most words are met again.
    A dict whose `__getitem__` hashes a token met for the first time: `map(__getitem__, ...)`
    reads the known ones without a Python call per token."""

    def __missing__(self, token: str) -> int:
        found = self[token] = _word(token)
        return found


_WORD_HASHES = _Hashes()
_WORD_CACHE = 200_000


def _hashes(tokens: list[str]) -> list[int]:
    """The tokens' hashes (`_word()`), cached per process."""
    if len(_WORD_HASHES) >= _WORD_CACHE:
        _WORD_HASHES.clear()
    return list(map(_WORD_HASHES.__getitem__, tokens))


def tokens(text: str) -> list[str]:
    """The words of a `normalised()` text, and a token for each sentence end (`_TOKEN`: `.`,
    `?"` ...; `\x01` in ASCII text)."""
    if text.isascii() and "\x01" not in text:  # the same hashes, 2x faster: C passes over
        marked = _SENTENCE_MARK.sub(" \x01 ", text).encode("ascii")  # the bytes, no regex a word
        return marked.translate(_ASCII_WORDS).decode("ascii").split()
    return _TOKEN.findall(text)


def story(sections: Sequence[Section]) -> Story:
    """An article's signature (see the module docstring)."""
    every = _hashes(tokens(normalised(story_text(sections))))
    # A sentence's hash is the crc32 of its words' hashes as 8-byte integers: the sentences are
    # the runs between _END's bytes (all ones: no 8 bytes of word hashes, under 2**33, are).
    sentences = dict.fromkeys(  # in text order
        [zlib.crc32(run) for run in array("Q", every).tobytes().split(_END_BYTES)
         if len(run) >= 8 * SENTENCE_WORDS])
    content = list(filter(_STOP.__gt__, every))  # neither stop words nor sentence ends
    if len(content) >= SHINGLE:  # 3 words: `& _MASK` once is `& _MASK` at each step
        runs = [(((a * _MULT) ^ b) * _MULT ^ c) & _MASK
                for a, b, c in zip(content, content[1:], content[2:], strict=False)]
    else:  # one run of all the words of a shorter text
        runs = content[:1]
        for w in content[1:]:
            runs = [((runs[0] * _MULT) ^ w) & _MASK]
    shingles = frozenset(runs)
    return Story(shingles, frozenset(sentences), _keys(shingles, list(sentences)))


def _keys(shingles: frozenset[int], sentences: Sequence[int]) -> tuple[int, ...]:
    """The bottom-k sketch of `shingles` (its `BOTTOM` smallest hashes: two articles sharing
    a good part of their shingles share one of them); the first sentences (a trimmed copy keeps
    them) and the smallest sentence hashes (any copy that keeps most sentences shares one)."""
    keys = heapq.nsmallest(BOTTOM, shingles)
    chosen = dict.fromkeys([*sentences[:FIRST_SENTENCES], *sorted(sentences)])
    keys += [_SENTENCE_TAG | h for h in list(chosen)[:FIRST_SENTENCES + SENTENCE_KEYS]]
    return tuple(keys)


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
        same = jaccard >= JACCARD or (containment >= CONTAINMENT and (
            sentences >= SENTENCES or jaccard >= JACCARD_CONTAINED))
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
