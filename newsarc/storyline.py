"""`newsarc timeline QUERY --story`: a story's key dates, each with the sentences that best say
what happened that day, and their sources (issue 16; timeline summarisation, "TLS").

Everything comes from the archive's own evidence: the articles the query finds that are dated
inside the window, their stored day mentions (`date_mentions`, granularity `day`, not ranges)
inside it, and their text. Articles of one story cluster (issue 14: the same copy in several
papers) count once.

**Which dates.** For every day d of the window:

- `back(d)`: the stories published after d that mention d. A day later articles look back to
  is a day that mattered: this is the strongest evidence, weight 1;
- `same(d)`: the stories published on d that mention d (`on Monday` in Monday's copy), weight 1;
- `ahead(d)`: the stories published before d that mention it (`will be sentenced on May 30`):
  a plan, which may not happen, weight `AHEAD` (0.5);
- `burst(d)`: the stories published on d and on the day after (a paper reports an event the
  next morning), beyond the story's usual daily coverage (its stories per day covered): a
  burst of coverage, weight `BURST` (1: a story more than usual counts as one mention).

score(d) = back + same + AHEAD·ahead + BURST·burst. The dates are then chosen greedily, best
first, spreading them over the story's span: once a day is chosen, the days next to it (±1,
usually the same event, dated by the report rather than the event) keep only `NEIGHBOUR` of
their score, and the days within `SPREAD` of a chosen day a little less than all of it.
The chosen days are returned oldest first.

**Which sentences.** For each chosen day: the sentences that mention it, and the sentences of
articles published on it that speak in the past tense and mention no other day. They are ranked
by how central they are to the story: the cosine of a sentence's word vector (content words,
weighted by idf over the story's sentences) with the centroid of all the story's sentences
(a sentence that names the day from the day or after counts whole, one only published on it
0.8, one that names it ahead, a plan, `AHEAD`). A
sentence seen in several articles (the same wire sentence in several papers: the same content
words, or nearly, `SAME_SENTENCE`) is given once, with every article's id.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsarc.dates import DateRange
from newsarc.errors import NotFound, UsageError
from newsarc.models import StoryDate, StorySentence
from newsarc.store import Store

AHEAD = 0.5  # a mention of a day still to come, against one looking back
BURST = 1.0  # a story published on the day (or the next) above the usual: as much as a mention
NEIGHBOUR = 0.3  # what a day next to a chosen one keeps of its score
SPREAD = 0.9  # ... and a day within a week of one
SPREAD_DAYS = 7
MENTIONED = 1.0  # a sentence's centrality counts whole when it names the day looking back
PUBLISHED = 0.8  # ... 0.8 of it when it was only published on the day (AHEAD: a plan)
SAME_SENTENCE = 0.7  # Jaccard of content words above which two sentences are one
MIN_WORDS = 4  # content words: a shorter sentence says too little to be an entry
MAX_CHARS = 400  # a longer "sentence" is a run of text the splitter could not cut

# Where a sentence may end: a full stop (question, exclamation mark), closing quotes, then
# spaces and a capital, a digit or an opening quote; or a line break. `_ABBREVIATION` vetoes a
# stop after an initial or a title (`U.S. officials`, `Mr. Smith`, `Jan. 5`).
_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:[A-Z]\.)+[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Gov|Sen|Rep"
    r"|Rev|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Mt|Ft|Pres|Supt|Det|Insp|Adm|Cmdr|Brig|Maj))\.$")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W_]+)?")
_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours said says say told tell according
mr mrs ms dr one two three new last first year years week weeks day days time told
monday tuesday wednesday thursday friday saturday sunday yesterday today
january february march april may june july august september october november december
""".split())
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|went|came|made|took|gave|won|lost|left|"
                   r"met|held|found|became|began|fell|rose|struck|died|ran|\w{2,}ed)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|shall|going to|plans? to|expected to|due to)\b", re.I)


@dataclass
class _Sentence:
    text: str
    words: frozenset[str]
    ids: list[str]
    weight: float  # MENTIONED, PUBLISHED or AHEAD: how it speaks of the day
    centrality: float = 0.0


def story(
    store: Store, query: str, within: DateRange, dates: int = 10, sentences: int = 2
) -> list[StoryDate]:
    """The `dates` key dates of the story `query` finds, oldest first, each with at most
    `sentences` sentences. NotFound when no article matches in the window, or none gives
    day-precise evidence."""
    if dates < 1 or sentences < 0:
        raise UsageError("--dates must be at least 1 and --sentences at least 0")
    from newsarc.query import article_filter

    matching = article_filter(store, query)
    found = store.story_articles(matching, within.start, within.end)
    if not found:
        raise NotFound("no articles match" + (" in that window" if within else ""))
    published = {id: when for id, when in found if when is not None}
    mentions = store.story_days(matching, within.start, within.end)
    story_of = store.clusters_of(list(published)) if published else {}
    scores = day_scores(published, [(id, day) for id, day, *_ in mentions], story_of, within)
    if not scores:
        raise NotFound("no dated evidence: the matching articles name no day and none is "
                       "dated to the day")
    chosen = choose(scores, dates)
    texts = {id: {s.position: s.text for s in sections}
             for id, sections in store.sections_of(sorted(published)).items()}
    return _with_sentences(chosen, scores, published, mentions, texts, sentences)


def day_scores(
    published: dict[str, str], mentions: Iterable[tuple[str, str]], story_of: dict[str, str],
    within: DateRange,
) -> dict[str, float]:
    """score(d) for every day with evidence (see the module docstring): `published` is each
    article's date, `mentions` (id, day) pairs, `story_of` each article's cluster."""
    back: dict[str, set[str]] = defaultdict(set)
    same: dict[str, set[str]] = defaultdict(set)
    ahead: dict[str, set[str]] = defaultdict(set)
    for id, day in mentions:
        when = published[id]
        key = story_of.get(id, id)
        (back if when[:10] > day else same if when == day else ahead)[day].add(key)
    on: dict[str, set[str]] = defaultdict(set)
    for id, when in published.items():
        if len(when) == 10:
            on[when].add(story_of.get(id, id))
    days = set(on) | set(back) | set(same) | set(ahead)
    # the usual daily coverage: stories per day over the days the story was covered at all
    usual = sum(len(s) for s in on.values()) / len(on) if on else 0.0
    scores: dict[str, float] = {}
    for day in days:
        if (within.start and day < within.start) or (within.end and day > within.end):
            continue
        after = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        covered = len(on.get(day, ())) + len(on.get(after, ()))
        burst = max(0.0, covered - usual)
        score = len(back[day]) + len(same[day]) + AHEAD * len(ahead[day]) + BURST * burst
        if score > 0:
            scores[day] = score
    return scores


def choose(scores: dict[str, float], n: int) -> list[str]:
    """The n best days, spread: after each choice the days next to it are discounted."""
    left = dict(scores)
    chosen: list[str] = []
    while left and len(chosen) < n:
        best = max(left, key=lambda d: (left[d], d))
        chosen.append(best)
        del left[best]
        pick = date.fromisoformat(best)
        for day in list(left):
            gap = abs((date.fromisoformat(day) - pick).days)
            if gap <= 1:
                left[day] *= NEIGHBOUR
            elif gap <= SPREAD_DAYS:
                left[day] *= SPREAD
    return sorted(chosen)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as (start, end) offsets, spaces trimmed. A full stop after an
    initial, an acronym or a title (`U.S. officials`, `Mr. Smith`, `Jan. 5`) ends none."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _BREAK.finditer(text):
        stop = m.start() + (0 if text[m.start()] == "\n" else 1)
        if text[m.start()] == "." and _ABBREVIATION.search(text, max(begin, m.start() - 12),
                                                            m.start() + 1):
            continue
        spans.append((begin, stop))
        begin = m.end()
    spans.append((begin, len(text)))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out


def content_words(text: str) -> list[str]:
    """The words of `text` that carry its content: lower case, no function words."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _STOP]


def _with_sentences(
    chosen: Sequence[str], scores: dict[str, float], published: dict[str, str],
    mentions: Sequence[tuple[str, str, int, int, int]],
    texts: dict[str, dict[int, str]], k: int,
) -> list[StoryDate]:
    wanted = set(chosen)
    # every sentence of the story, once per article: for the centroid and the candidates
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for id, sections in texts.items():
        for position, text in sections.items():
            spans[(id, position)] = split_sentences(text)
    days_in: dict[tuple[str, int, int], set[str]] = defaultdict(set)  # sentence -> days named
    for id, day, position, start, _ in mentions:
        found = _holding(spans.get((id, position), []), start)
        if found is not None:
            days_in[(id, position, found)].add(day)
    # day -> (id, sentence, weight): naming the day, looking back or on it, weighs most
    candidates: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for (id, position, index), days in days_in.items():
        start, end = spans[(id, position)][index]
        for day in days & wanted:
            weight = MENTIONED if published[id][:10] >= day else AHEAD
            candidates[day].append((id, texts[id][position][start:end], weight))
    for id, when in published.items():
        if when not in wanted:
            continue
        for position in texts.get(id, {}):
            for index, (start, end) in enumerate(spans[(id, position)]):
                named = days_in.get((id, position, index))
                sentence = texts[id][position][start:end]
                if named or not _PAST.search(sentence) or _FUTURE.search(sentence):
                    continue
                candidates[when].append((id, sentence, PUBLISHED))
    bags = [content_words(texts[id][position][start:end])
            for (id, position), cut in spans.items() for start, end in cut]
    idf = _idf(bags)
    centroid: dict[str, float] = defaultdict(float)
    for bag in bags:
        for w, v in _vector(bag, idf).items():
            centroid[w] += v
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    result: list[StoryDate] = []
    for day in chosen:
        ranked = _rank(candidates.get(day, []), centroid, norm, idf)
        picked = tuple(StorySentence(s.text, tuple(s.ids)) for s in ranked[:k])
        result.append(StoryDate(day, round(scores[day], 3), picked))
    return result


def _holding(spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    """The index of the span that holds `offset` (spans sorted)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(spans) and spans[lo][0] <= offset else None


def _idf(bags: Sequence[list[str]]) -> dict[str, float]:
    """Each word's inverse document frequency over the story's sentences (smoothed)."""
    seen: Counter[str] = Counter()
    for bag in bags:
        seen.update(set(bag))
    return {w: math.log((1 + len(bags)) / (1 + n)) + 1 for w, n in seen.items()}


def _vector(words: list[str], weight: dict[str, float]) -> dict[str, float]:
    """The unit tf-idf vector of a sentence's content words."""
    counts = Counter(words)
    vector = {w: n * weight.get(w, 1.0) for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


def _rank(
    found: Sequence[tuple[str, str, float]], centroid: dict[str, float], norm: float,
    idf: dict[str, float],
) -> list[_Sentence]:
    """The candidates as sentences, near-duplicates merged (their ids together), most central
    first."""
    merged: list[_Sentence] = []
    for id, text, weight in found:
        clean = " ".join(text.split())
        bag = content_words(clean)
        words = frozenset(bag)
        if len(words) < MIN_WORDS or len(clean) > MAX_CHARS:
            continue
        same = next((s for s in merged if _jaccard(s.words, words) >= SAME_SENTENCE), None)
        if same is not None:
            if id not in same.ids:
                same.ids.append(id)
            same.weight = max(same.weight, weight)
            continue
        vector = _vector(bag, idf)
        cosine = sum(v * centroid.get(w, 0.0) for w, v in vector.items()) / norm
        merged.append(_Sentence(clean, words, [id], weight, cosine))
    for s in merged:
        s.centrality *= s.weight
    return sorted(merged, key=lambda s: (-s.centrality, s.ids[0], s.text))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0
