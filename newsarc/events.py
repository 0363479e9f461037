"""`newsarc events`: the dates the articles mention, ordered by the date mentioned (issue 15).

The mentions were found at ingest (`newsarc.extract.mentions`) and stored; here they are read
back for the articles a query finds (all articles without one), filtered by the date they
mention (overlap of its days with `--since`/`--until`), each with the sentence around it.
"""

from __future__ import annotations

import re

from newsarc.dates import DateRange
from newsarc.models import Event
from newsarc.store import Store

ROOM = 200  # characters of context at most on either side of a mention
# Where a sentence ends: a full stop (question, exclamation mark) and spaces before a capital
# or a digit, or a paragraph break; a single line break is a soft one, inside a paragraph.
# "U.S. officials" splits wrongly; the sentence is context only.
_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


def events(store: Store, query: str | None, within: DateRange, limit: int = 0) -> list[Event]:
    """The date mentions in the articles `query` finds, ordered by the date mentioned (its
    first day, then its last: a day before the week that holds it), then the article's
    date and id, then text order. `limit` 0 is all."""
    articles = None
    if query is not None:
        from newsarc.query import article_filter

        articles = article_filter(store, query)
    rows = store.events(articles, within.start, within.end, limit)
    texts = store.sections_of(sorted({row[3] for row in rows}))
    found: list[Event] = []
    for value, first, last, id, date, surface, position, start, end, granularity in rows:
        text = next((s.text for s in texts.get(id, ()) if s.position == position), "")
        sentence, mark = sentence_around(text, start, end)
        found.append(Event(value, first, last, id, date, surface, sentence, mark, granularity))
    return found


def sentence_around(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The sentence of `text` that holds [start, end), on one line, and the span's place in
    it; at most ROOM characters either side of the span."""
    if not 0 <= start <= end <= len(text):
        return text[start:end], (0, end - start)
    begin = max(0, start - ROOM)
    for m in _BREAK.finditer(text, begin, start + 1):
        if m.end() <= start:
            begin = m.end()
    stop = min(len(text), end + ROOM)
    after = _BREAK.search(text, end, stop + 1)
    if after is not None:
        stop = after.start() + (1 if text[after.start()] != "\n" else 0)
    sentence = text[begin:stop].replace("\n", " ")
    lead = len(sentence) - len(sentence.lstrip())
    return sentence.strip(), (start - begin - lead, end - begin - lead)
