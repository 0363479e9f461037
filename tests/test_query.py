"""The query language compiled to FTS5: each rule, and that no input is a syntax error."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.dates import DateRange
from newsarc.errors import UsageError
from newsarc.normalise import TOKENIZE
from newsarc.query import compile_query


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ("Al-Qaim", '"Al-Qaim"'),
        ("al qaim", '("al") AND ("qaim")'),
        ("U.S. airstrike", '("us\ue000") AND ("airstrike")'),
        ("u.s. airstrike", '("us") AND ("airstrike")'),
        ("Qa'im", '"Qaim"'),
        ("Qa’im", '"Qaim"'),
        ("Trump's", '"Trumps"'),
        ('"towering plume"', '"towering plume"'),
        ("Quds*", '"Quds"*'),
        ("Irgc OR Hezbollah", '("Irgc") OR ("Hezbollah")'),
        ("IRGC OR Hezbollah", '("irgc\ue000") OR ("Hezbollah")'),
        ("warehouse -Syria", '(("warehouse")) NOT ("Syria")'),
        ("warehouse NOT Syria", '(("warehouse")) NOT ("Syria")'),
        ("(irgc OR Hezbollah) strike", '(("irgc") OR ("Hezbollah")) AND ("strike")'),
        ("9/11", '"9/11"'),
        ('"unterminated phrase', '"unterminated phrase"'),
        ("a ) b", '("a") AND ("b")'),
        ("OR a OR", '"a"'),
        ("a AND b", '("a") AND ("b")'),
        ('say "near" x', '("say") AND ("near") AND ("x")'),
        ('quote"inside', '("quote") AND ("inside")'),
        ("col:umn", '"col:umn"'),
        ("x -", '"x"'),
        ("-(a OR b) c", '(("c")) NOT (("a") OR ("b"))'),
    ],
)
def test_compiles_to_fts5(query: str, match: str) -> None:
    assert compile_query(query).match == match


def test_only_exclusions_become_an_exclude_list() -> None:
    compiled = compile_query("-Iraq -Syria")
    assert compiled.match is None
    assert compiled.exclude == '("Iraq") OR ("Syria")'


def test_date_token_is_a_filter_not_a_word() -> None:
    compiled = compile_query("strike date:2024-01..2024-02")
    assert compiled.match == '"strike"'
    assert compiled.dates == DateRange("2024-01-01", "2024-02-29")
    assert compile_query("date:..2023").dates == DateRange(None, "2023-12-31")
    assert compile_query("date:2024-02-03..").dates == DateRange("2024-02-03", None)


@pytest.mark.parametrize("query", ["", "   ", "((", ")", "OR", "NOT", "-", '""', "!!! ???", "-"])
def test_empty_queries_are_usage_errors(query: str) -> None:
    with pytest.raises(UsageError, match="no words to search for"):
        compile_query(query)


def test_unreadable_query_date_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="date:soon"):
        compile_query("x date:soon")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_compiles_to_valid_fts5(query: str) -> None:
    """Whatever the user types, FTS5 accepts what newsarc makes of it."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, tokenize='{TOKENIZE}')")
    db.execute("INSERT INTO t VALUES ('some text')")
    try:
        compiled = compile_query(query)
    except UsageError:
        return
    for expr in (compiled.match, compiled.exclude):
        if expr is not None:
            db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()
