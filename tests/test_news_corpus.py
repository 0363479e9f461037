"""Sanity checks of the annotated news corpus itself (tests/news_corpus.py).

Nothing here tests search: these only check that the annotations are consistent with each other
and with the article text, so that the search tests built on them rest on a sound corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarc.articles import parse
from tests.news_corpus import ARTICLES, DATELINES, HEADINGS, HIGHLIGHTS, QUERIES, TRAILERS, write

_DATE = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) \S")


def test_every_annotated_id_is_an_article() -> None:
    for query, ids in QUERIES.items():
        assert ids <= ARTICLES.keys(), query
    assert DATELINES.keys() == ARTICLES.keys()
    assert HEADINGS.keys() == ARTICLES.keys()
    assert TRAILERS.keys() <= ARTICLES.keys()
    for query, (id, _) in HIGHLIGHTS.items():
        assert id in ARTICLES, query


def test_the_required_queries_are_annotated() -> None:
    required = [
        "US", "U.S.", "us", "IS", "WHO", "UN", "EU", "NATO", "Sessions", "=Sessions",
        '="Jeff Sessions"', "Wilders", "Connor", "O'Connor", "Aquila", "L'Aquila",
        "credit:TASS", "credit:Reuters", "credit:AP", "dateline:Moscow", '"U.S. military"',
        "Moscow", "Al-Qaim", "Mar-a-Lago", "US -EU", "WHO OR UN", "IS date:2017-02",
    ]
    assert [q for q in required if q not in QUERIES] == []
    assert all(QUERIES[q] for q in required)


def test_articles_are_news_of_2016_and_2017() -> None:
    assert 40 <= len(ARTICLES) <= 50
    for id, text in ARTICLES.items():
        m = _DATE.match(text)
        assert m, id
        assert m.group(1)[:4] in ("2016", "2017"), id
        blocks = [b for b in text.split("\n\n") if b.strip()]
        paragraphs = [b for b in blocks if b not in HEADINGS[id] and b not in TRAILERS.get(id, [])]
        assert 3 <= len(paragraphs) <= 8, id


def test_written_files_parse_with_their_dates(tmp_path: Path) -> None:
    paths = write(tmp_path)
    assert [p.stem for p in paths] == sorted(ARTICLES)
    for path in paths:
        id, text = path.stem, path.read_text(encoding="utf-8")
        assert text == ARTICLES[id]
        m = _DATE.match(text)
        assert m, id
        parsed = parse(text, id=id, source=str(path))
        assert parsed.article.date == m.group(1), id
        assert parsed.warnings == (), id


@pytest.mark.parametrize("id", sorted(ARTICLES))
def test_headings_are_the_parsed_ones_but_for_trailers(id: str) -> None:
    """Today's parser finds every annotated heading; the only others it finds are the trailing
    credits, captions and tweets that news-aware parsing must stop reading as headings."""
    parsed = parse(ARTICLES[id], id=id)
    headings = [s.heading for s in parsed.article.sections if s.heading is not None]
    expected = HEADINGS[id]
    assert headings[: len(expected)] == expected
    assert set(headings[len(expected):]) <= set(TRAILERS.get(id, []))
    trailers = TRAILERS.get(id, [])
    if trailers:  # the trailers are the article's last blocks
        assert ARTICLES[id].endswith("\n\n" + "\n\n".join(trailers)), id


def test_datelines_open_their_ledes() -> None:
    for id, (place, credit) in DATELINES.items():
        lede = ARTICLES[id].split(" ", 3)[3]  # " date D lede"
        if place is not None:
            assert lede.upper().startswith(place.upper()), id
            assert lede.startswith(place.upper()), id  # shouted, as wires write them
        if credit is not None:
            head = lede[:60]
            assert f"({credit})" in head or f"/{credit}/" in head, id


def test_dateline_and_credit_queries_follow_datelines() -> None:
    for query, ids in QUERIES.items():
        kind, _, value = query.partition(":")
        if kind == "credit":
            assert ids == {i for i, (_, c) in DATELINES.items() if c == value}, query
        elif kind == "dateline":
            assert ids == {i for i, (p, _) in DATELINES.items() if p == value}, query


def test_related_queries_agree() -> None:
    q = QUERIES
    assert q["US"] == q["U.S."]
    assert q["UN"] == q["U.N."]
    assert q["us"] == q["Us"]
    assert q["US"] <= q["us"]
    assert q["UN"] <= q["un"]
    assert q["EU"] < q["eu"]
    assert q["WHO"] < q["Who"]
    assert q["US -EU"] == q["US"] - q["EU"]
    assert q["WHO OR UN"] == q["WHO"] | q["UN"]
    assert q["IS date:2017-02"] == {i for i in q["IS"] if ARTICLES[i].startswith(" date 2017-02")}
    assert q['="Jeff Sessions"'] <= q["=Sessions"] < q["Sessions"]
    assert q["=Wilders"] < q["Wilders"]
    assert q["O'Connor"] < q["Connor"]
    assert q["L'Aquila"] < q["Aquila"]
    assert q["D'Amato"] < q["Amato"]
    assert q["Al-Qaim"] < q["Qaim"]
    assert q['"U.S. military"'] <= q["US"]
    assert q["dateline:Moscow"] < q["Moscow"]
    assert q["dateline:Rome"] < q["Rome"]
    assert q["dateline:Washington"] < q["Washington"]


def test_highlights_occur_in_their_articles_and_results() -> None:
    for query, (id, text) in HIGHLIGHTS.items():
        assert text in ARTICLES[id], query
        if query in QUERIES:
            assert id in QUERIES[query], query
