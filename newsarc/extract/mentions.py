"""The date mentions of a whole article (issue 15): `timex.find_dates()` run on each section,
anchored on the article's date, without the date of the lede's own dateline
(`MOSCOW, March 17 (Reuters) -` dates the copy; it is not a date the story mentions).

Pure work on the text: ingest's worker processes run it, and the store saves its records.
"""

from __future__ import annotations

from newsarc.articles import lede_dateline
from newsarc.extract import timex
from newsarc.models import Article, Mention, Section

VERSION = timex.VERSION


def anchor_of(date: str | None) -> timex.Anchor | None:
    """The extractor's anchor for an article date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); None for an
    undated article (or a date the extractor cannot read), which keeps explicit dates only."""
    if not date:
        return None
    try:
        return timex.Anchor.of(date)
    except ValueError:
        return None


def article_mentions(article: Article) -> tuple[Mention, ...]:
    return section_mentions(article.date, article.sections)


def section_mentions(date: str | None, sections: tuple[Section, ...] | list[Section]
                     ) -> tuple[Mention, ...]:
    """Every date mention of the sections, in order, with offsets into each section's text."""
    anchor = anchor_of(date)
    found: list[Mention] = []
    for section in sections:
        skip = 0
        if section.position == 0 and section.heading is None:
            skip = lede_dateline(section.text)[1]
        for m in timex.find_dates(section.text, anchor):
            if m.start < skip:
                continue
            try:
                first, last = timex.period(m.value)
            except (ValueError, OverflowError):  # a value no calendar holds: not a date to store
                continue
            found.append(Mention(section.position, m.start, m.end, m.surface, m.value,
                                 m.granularity, m.how, first.isoformat(),
                                 last.isoformat()))
    return tuple(found)
