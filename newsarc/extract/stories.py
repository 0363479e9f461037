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
`sentences`: hashes of every sentence's content words, for sentences of at least
`SENTENCE_WORDS` of them (so a sentence whose function words a desk changed is still the same
sentence). For two articles:

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

**Candidates.** Comparing every pair is quadratic, so each article gets `keys()`: a bottom-k
sketch of its shingle hashes (the `BOTTOM` first in one fixed order of all hashes; two
articles sharing a part `J` of their shingles share some of them, on average about
`BOTTOM * J`) and the hashes of its `FIRST_SENTENCES` first sentences (a trimmed copy keeps
its opening) and of its `SENTENCE_KEYS` smallest other ones (a reworked reprint that keeps
some sentences shares one). Articles sharing `SHARED_KEYS` keys or more are compared: one
shared shingle or one shared stock sentence is what unrelated articles have in common, and
true copies share several keys. A run's hash is CPython's hash of a tuple of word codes
(crc32s): the same in every process and run, as the stored keys must be (see `_run_hash`).
Keys and the rule are symmetric, so the "same story" relation, and the clusters (its
connected components), do not depend on the order articles arrive in. (The archive compares
at most 32 candidates per article, those sharing the most keys: order-independence is exact
below that, which boilerplate removal and the function-word filter keep to archives that are
not mostly boilerplate.)

**Cost.** About 0.2 ms an article in pure Python (ingest computes it in its worker processes),
half of it in the per-word work that any word-based signature needs: the price of clustering
at ingest, stated in the README's Performance section.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import filterfalse

from newsarc.articles import lede_dateline
from newsarc.extract.credits import is_credit_line
from newsarc.models import Section
from newsarc.normalise import fold

# Stored keys and links depend on these rules: a change bumps VERSION and comes with a named
# migration that clusters every article again (`check` reports an archive clustered by
# another version).
VERSION = 1
SHINGLE = 3  # content words per shingle (`story()` computes runs of 3)
SENTENCE_WORDS = 5  # content words; a shorter sentence ("He declined to comment.") is not evidence
TRAILING_WORDS = 12  # trailing paragraphs shorter than this are footers
BOTTOM = 8  # shingle hashes of the bottom-k sketch, as candidate keys
SENTENCE_KEYS = 2  # the smallest sentence hashes, as candidate keys ...
FIRST_SENTENCES = 2  # ... and the first ones
SHARED_KEYS = 2  # articles are compared when they share this many keys
MIN_SHINGLES = 15
JACCARD = 0.5
CONTAINMENT = 0.6
SENTENCES = 0.25
JACCARD_CONTAINED = 0.4

_SENTENCE_TAG = 1 << 62  # set in sentence keys (crc32s): a shingle key equal to one is
# a 1 in 2**32 chance, and would only make a candidate

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
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
    """The text folded as the index folds it, lower case, without accents (`tokens()` splits
    it into words)."""
    text = fold(text).casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text


_ISE = (("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"),
        ("ises", "izes"), ("ise", "ize"))
_OUR = (("ouring", "oring"), ("oured", "ored"), ("ours", "ors"), ("our", "or"))


_BRITISH = tuple(old for old, _ in (*_ISE, *_OUR))


def american(word: str) -> str:
    """British `-ise`, `-isation`, `-our` spellings as American ones (`stabilise`,
    `organisation`, `labour`): applied to both copies, so over-reach (`hour`) is harmless."""
    if len(word) > 4 and word.endswith(_BRITISH):
        for old, new in _ISE:
            if word.endswith(old):
                return word[: -len(old)] + new
        for old, new in _OUR:
            if word.endswith(old) and word[-len(old) - 1] in "bhlmv":
                return word[: -len(old)] + new
    return word


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


_END = (1 << 64) - 1  # a sentence end's code: all ones, which no 8 bytes of word codes hold
_END_BYTES = _END.to_bytes(8, "little")
# A word (letters and digits), or a sentence end: `.!?`, closing quotes or brackets, then a
# space. One pass over the text finds both.
_TOKEN = re.compile(r"[^\W_]+|[.!?][\"'”’»)]*(?=\s)")
_SENTENCE_MARK = re.compile(r"[.!?][\"'”’»)]*(?=\s)")
# ASCII text: the bytes that are not a word's (`[^\W_]`) become spaces, but for \x01, the mark
# put for a sentence end (`_SENTENCE_MARK`).
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == 1 else 32 for c in range(128)) + \
    bytes(32 for _ in range(128))


def _code(token: str) -> int:
    """A token's code: the crc32 of a content word's American spelling (plus one, never 0);
    0 for a stop word; _END for a sentence end."""
    if token[0] in ".!?\x01":
        return _END
    spelled = american(token)
    return 0 if spelled in _STOP_WORDS else _hash(spelled) + 1


class _Codes(dict[str, int]):
    """The tokens' codes (`_code()`): news vocabulary is Zipfian, most words are met again.
    A dict whose `__getitem__` codes a token met for the first time: `map(__getitem__, ...)`
    reads the known ones without a Python call per token."""

    def __missing__(self, token: str) -> int:
        found = self[token] = _code(token)
        return found


_CODES = _Codes()
_CODES_KEPT = 200_000


def tokens(text: str) -> list[str]:
    """The words of a `normalised()` text, and a token for each sentence end (`_TOKEN`: `.`,
    `?"` ...; `\x01` in ASCII text)."""
    if text.isascii() and "\x01" not in text:  # the same tokens, 2x faster: C passes over
        marked = _SENTENCE_MARK.sub(" \x01 ", text).encode("ascii")  # the bytes, no regex a word
        return marked.translate(_ASCII_WORDS).decode("ascii").split()
    return _TOKEN.findall(text)


# A run's hash is the hash of a tuple of codes. CPython hashes a tuple of ints with xxHash's
# rounds (since 3.8), in C: 3x faster than combining the codes in Python, and the same in every
# process and run (an int's hash is itself), which the stored keys need. `_tuple_hash()` is
# that function in Python; if this interpreter's differs, it is used instead, so keys stay the
# same whatever Python reads the archive.
_P1, _P2, _P5 = 11400714785074694791, 14029467366897019727, 2870177450012600261
_M64 = (1 << 64) - 1
_MODULUS = (1 << 61) - 1  # an int's hash is the int modulo this (sys.hash_info.modulus)


def _tuple_hash(values: tuple[int, ...]) -> int:
    """CPython's hash of a tuple of ints (Objects/tupleobject.c, 64-bit)."""
    acc = _P5
    for value in values:
        lane = value % _MODULUS if value >= 0 else -((-value) % _MODULUS)
        lane = -2 if lane == -1 else lane
        acc = (acc + (lane & _M64) * _P2) & _M64
        acc = ((acc << 31) | (acc >> 33)) & _M64
        acc = (acc * _P1) & _M64
    acc = (acc + (len(values) ^ (_P5 ^ 3527539))) & _M64
    if acc == _M64:
        return 1546275796
    return acc - (1 << 64) if acc >= 1 << 63 else acc


_SAMPLE = ((1, 2, 3), (4294967297, 0, _END), (_END, 7, 123456789), (2**61, 2**62, 5))
_run_hash: Callable[[tuple[int, ...]], int] = \
    hash if all(hash(t) == _tuple_hash(t) for t in _SAMPLE) else _tuple_hash


@dataclass(frozen=True)
class Story:
    """What clustering needs of an article: its shingle and sentence hashes (packed: ingest's
    workers send them to the process that writes, which unpacks them only to compare), and
    its candidate keys."""

    keys: tuple[int, ...]
    packed_shingles: bytes  # array("q")
    packed_sentences: bytes  # array("L")

    @cached_property
    def shingles(self) -> frozenset[int]:
        return frozenset(array("q", self.packed_shingles))

    @cached_property
    def sentences(self) -> frozenset[int]:
        return frozenset(array("L", self.packed_sentences))


def story(sections: Sequence[Section]) -> Story:
    """An article's signature (see the module docstring)."""
    if len(_CODES) >= _CODES_KEPT:
        _CODES.clear()
    # Content words and sentence ends; stop words (code 0) dropped by the C filter.
    content = list(filter(None, map(_CODES.__getitem__, tokens(normalised(story_text(sections))))))
    # A sentence's hash is the crc32 of its content words' codes as 8-byte integers.
    sentences = dict.fromkeys(  # in text order
        [zlib.crc32(run) for run in array("Q", content).tobytes().split(_END_BYTES)
         if len(run) >= 8 * SENTENCE_WORDS])
    if len(content) >= SHINGLE:  # runs across a sentence end hold its code
        runs = list(map(_run_hash, zip(content, content[1:], content[2:], strict=False)))
    else:  # one run of all the words of a shorter text
        runs = [_run_hash(tuple(content))] if content else []
    return Story(_keys(runs, list(sentences)), array("q", runs).tobytes(),
                 array("L", sentences).tobytes())


_SAMPLED = 3  # a shingle hash with these bits clear comes first in the keys' order


def _keys(shingles: list[int], sentences: Sequence[int]) -> tuple[int, ...]:
    """The bottom-k sketch of `shingles`: its `BOTTOM` first hashes in the order "sampled
    ones (`h & _SAMPLED == 0`, a quarter) by value, then the others by value" (any fixed
    order of the hashes makes a bottom-k sketch; this one sorts a quarter of them). Two
    articles sharing a good part of their shingles share some of these. Then the first
    sentences (a trimmed copy keeps them) and the smallest sentence hashes (any copy that
    keeps most sentences shares one), tagged apart."""
    sample = sorted(set(filterfalse(_SAMPLED.__and__, shingles)))
    if len(sample) < BOTTOM:  # a short text: the others fill the sketch
        sample += sorted({h for h in shingles if h & _SAMPLED})
    keys = sample[:BOTTOM]
    chosen = dict.fromkeys([*sentences[:FIRST_SENTENCES], *sorted(sentences)])
    keys += [_SENTENCE_TAG | h for h in list(chosen)[:FIRST_SENTENCES + SENTENCE_KEYS]]
    return tuple(keys)


def similarity(a: Story, b: Story) -> Similarity:
    """The signals and the rule of the module docstring; symmetric in `a` and `b`."""
    sa, sb = a.shingles, b.shingles
    shared = len(sa & sb)
    union = len(sa) + len(sb) - shared
    smaller = min(len(sa), len(sb))
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
    component of the "same story" relation, over the pairs that share SHARED_KEYS keys. What
    the archive computes incrementally, here at once (for evaluation and tests)."""
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

    shared: dict[tuple[int, int], int] = {}
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (min(i, j), max(i, j))
                shared[pair] = shared.get(pair, 0) + 1
    for (i, j), n in shared.items():
        if n >= SHARED_KEYS and similarity(stories[i][2], stories[j][2]).same:
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
