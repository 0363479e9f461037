"""newsarc.extract.timex: date mentions in text, on the annotated articles and rule by rule."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.extract import timex
from newsarc.extract.timex import Anchor, DateMention, find_dates, period
from tests.timex_cases import CASES, HELD_OUT, Case, Score, add_scores, expected_mentions


def found(text: str, anchor: str | date | None) -> list[tuple[str, str]]:
    return [(m.surface, m.value) for m in find_dates(text, anchor)]


def one(text: str, anchor: str | date | None) -> DateMention:
    mentions = find_dates(text, anchor)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --- The annotated articles -------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES + HELD_OUT, ids=[c.name for c in CASES + HELD_OUT])
def test_annotated_articles(case: Case) -> None:
    got = [(m.start, m.end, m.value) for m in find_dates(case.text, case.anchor)]
    want = expected_mentions(case)
    assert [(case.text[s:e], v) for s, e, v in got] == [(case.text[s:e], v) for s, e, v in want]
    assert got == want


def test_the_annotated_set_is_big_and_varied_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)
    values = [v for c in CASES for _, v in c.expected]
    kinds = {timex.period(v) and _granularity_of(v) for v in values}
    assert kinds >= {"day", "week", "weekend", "month", "season", "quarter", "half", "year",
                     "decade", "century", "range"}
    assert any(c.anchor is None for c in CASES) and any(c.anchor and len(c.anchor) == 7
                                                        for c in CASES)


def _granularity_of(value: str) -> str:
    if "/" in value:
        return "range"
    if value.endswith("-WE"):
        return "weekend"
    if len(value) == 2:
        return "century"
    if value.endswith("X"):
        return "decade"
    if len(value) == 4:
        return "year"
    rest = value[5:]
    return {"W": "week", "Q": "quarter", "H": "half"}.get(rest[0], "season" if rest[0] in "SFW"
                                                           else "month" if len(rest) == 2
                                                           else "day")


def scores() -> dict[str, Score]:
    totals: dict[str, Score] = {}
    for case in CASES + HELD_OUT:
        add_scores(totals, expected_mentions(case),
                   [(m.start, m.end, m.value) for m in find_dates(case.text, case.anchor)])
    return totals


def test_figures_on_the_annotated_set() -> None:
    """Span and value F1, strict (same offsets) and relaxed (overlapping), over every case."""
    s = scores()
    assert s["span strict"].f1 >= 0.95, s["span strict"]
    assert s["span relaxed"].f1 >= 0.97, s["span relaxed"]
    assert s["value strict"].f1 >= 0.93, s["value strict"]
    assert s["value relaxed"].f1 >= 0.95, s["value relaxed"]


def test_scoring_counts_what_it_should() -> None:
    totals: dict[str, Score] = {}
    gold = [(0, 6, "2017-03-20"), (10, 19, "2017-W11")]
    add_scores(totals, gold, [(0, 6, "2017-03-27"), (15, 19, "2017-W11"), (30, 34, "2016")])
    assert (totals["span strict"].tp, totals["span strict"].fp, totals["span strict"].fn) == (
        1, 2, 1)
    assert totals["span relaxed"].tp == 2 and totals["value relaxed"].tp == 1
    assert totals["value strict"].tp == 0
    assert totals["span relaxed"].precision == pytest.approx(2 / 3)


# --- Explicit dates -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "surface", "value", "granularity"),
    [
        ("Filed on 2017-03-22 in Oslo.", "2017-03-22", "2017-03-22", "day"),
        ("It opened on March 22, 2017.", "March 22, 2017", "2017-03-22", "day"),
        ("It opened on Mar. 22, 2017.", "Mar. 22, 2017", "2017-03-22", "day"),
        ("It opened on 22 March 2017.", "22 March 2017", "2017-03-22", "day"),
        ("It opened on the 22nd of March, 2017.", "the 22nd of March, 2017", "2017-03-22", "day"),
        ("It opened on January 5th, 2017.", "January 5th, 2017", "2017-01-05", "day"),
        ("It opened on Wednesday, March 22, 2017.", "Wednesday, March 22, 2017", "2017-03-22",
         "day"),
        ("It opened in March 2017.", "March 2017", "2017-03", "month"),
        ("It opened in March of 2014.", "March of 2014", "2014-03", "month"),
        ("It opened in 2016.", "2016", "2016", "year"),
        ("It opened in mid-2014.", "mid-2014", "2014", "year"),
        ("It closed in late 2015.", "late 2015", "2015", "year"),
        ("It closed at the end of 2015.", "the end of 2015", "2015", "year"),
        ("Built in the 1990s.", "the 1990s", "199X", "decade"),
        ("Built in the early 1990s.", "the early 1990s", "199X", "decade"),
        ("Built in the 1900s.", "the 1900s", "190X", "decade"),
        ("Built in the nineties.", "the nineties", "199X", "decade"),
        ("Built in the '80s.", "the '80s", "198X", "decade"),
        ("Built in the 20th century.", "the 20th century", "19", "century"),
        ("Built in the twenty-first century.", "the twenty-first century", "20", "century"),
        ("Sales in the summer of 2016 rose.", "the summer of 2016", "2016-SU", "season"),
        ("Sales in winter 2016 rose.", "winter 2016", "2016-WI", "season"),
        ("Profit in the third quarter of 2016 rose.", "the third quarter of 2016", "2016-Q3",
         "quarter"),
        ("Profit in Q3 2016 rose.", "Q3 2016", "2016-Q3", "quarter"),
        ("Profit in 2016 Q3 rose.", "2016 Q3", "2016-Q3", "quarter"),
        ("Profit in the first half of 2016 rose.", "the first half of 2016", "2016-H1", "half"),
        ("Profit for fiscal 2016 rose.", "fiscal 2016", "2016", "year"),
        ("Profit for FY2016 rose.", "FY2016", "2016", "year"),
    ],
)
def test_explicit_forms(text: str, surface: str, value: str, granularity: str) -> None:
    for anchor in ("2017-03-22", None):
        m = one(text, anchor)
        assert (m.surface, m.value, m.granularity, m.how) == (surface, value, granularity,
                                                                "explicit")
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Output from 2014 to 2016 rose.", "from 2014 to 2016", "2014/2016"),
        ("Output between 2014 and 2016 rose.", "between 2014 and 2016", "2014/2016"),
        ("The 2014-2016 plan.", "2014-2016", "2014/2016"),
        ("The 2014-16 plan.", "2014-16", "2014/2016"),
        ("The 1987/88 crop.", "1987/88", "1987/1988"),
        ("The 1999-00 season.", "1999-00", "1999/2000"),
        ("From March to May 2016 it rained.", "From March to May 2016", "2016-03/2016-05"),
        ("From November 2015 to January 2016.", "From November 2015 to January 2016",
         "2015-11/2016-01"),
        ("Talks ran from March 5 to April 2, 2016.", "from March 5 to April 2, 2016",
         "2016-03-05/2016-04-02"),
        ("Talks ran March 5-7, 2016.", "March 5-7, 2016", "2016-03-05/2016-03-07"),
    ],
)
def test_explicit_ranges(text: str, surface: str, value: str) -> None:
    m = one(text, "2017-03-22")
    assert (m.surface, m.value, m.is_range) == (surface, value, True)
    assert one(text, None).value == value


# --- Relative to the dateline ------------------------------------------------------------------
# 2017-03-22 is a Wednesday in ISO week 12.

@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("It rained yesterday.", "yesterday", "2017-03-21"),
        ("It rains today.", "today", "2017-03-22"),
        ("It will rain tomorrow.", "tomorrow", "2017-03-23"),
        ("It rained the day before yesterday.", "the day before yesterday", "2017-03-20"),
        ("It rained two days ago.", "two days ago", "2017-03-20"),
        ("It rained 10 days ago.", "10 days ago", "2017-03-12"),
        ("It rained three weeks ago.", "three weeks ago", "2017-W09"),
        ("It rained a month ago.", "a month ago", "2017-02"),
        ("It rained 14 months ago.", "14 months ago", "2016-01"),
        ("It rained two years ago.", "two years ago", "2015"),
        ("It rained a decade ago.", "a decade ago", "200X"),
        ("It rained this week.", "this week", "2017-W12"),
        ("It rained last week.", "last week", "2017-W11"),
        ("It will rain next week.", "next week", "2017-W13"),
        ("It rained last weekend.", "last weekend", "2017-W11-WE"),
        ("It will rain this weekend.", "this weekend", "2017-W12-WE"),
        ("It rained last month.", "last month", "2017-02"),
        ("It rained earlier this month.", "earlier this month", "2017-03"),
        ("It will rain next month.", "next month", "2017-04"),
        ("It rained last year.", "last year", "2016"),
        ("It rained earlier this year.", "earlier this year", "2017"),
        ("It will rain later this year.", "later this year", "2017"),
        ("It rained late last year.", "late last year", "2016"),
        ("It will rain at the end of the year.", "the end of the year", "2017"),
        ("It will rain next year.", "next year", "2018"),
        ("Growth slowed last quarter.", "last quarter", "2016-Q4"),
        ("Growth slowed in the current quarter.", "current quarter", "2017-Q1"),
        ("It rained last summer.", "last summer", "2016-SU"),
        ("It will rain next spring.", "next spring", "2018-SP"),
        ("It rained this decade.", "this decade", "201X"),
        ("It rained last Monday.", "last Monday", "2017-03-20"),
        ("It rained last Wednesday.", "last Wednesday", "2017-03-15"),
        ("It will rain next Wednesday.", "next Wednesday", "2017-03-29"),
        ("It will rain next Thursday.", "next Thursday", "2017-03-23"),
        ("It rained this Monday.", "this Monday", "2017-03-20"),
        ("Prices fell in May last year.", "May last year", "2016-05"),
        ("Prices fell on May 5 last year.", "May 5 last year", "2016-05-05"),
        ("Prices will fall in June next year.", "June next year", "2018-06"),
        ("The first half of next year.", "The first half of next year", "2018-H1"),
        ("The fourth quarter of last year.", "The fourth quarter of last year", "2016-Q4"),
    ],
)
def test_relative_forms(text: str, surface: str, value: str) -> None:
    m = one(text, "2017-03-22")
    assert (m.surface, m.value) == (surface, value)
    assert m.how == "relative"


def test_relative_forms_need_an_anchor() -> None:
    for text in ("It rained yesterday.", "It rained last week.", "It rained two days ago.",
                 "It rained last Monday.", "It rained on Monday.", "It rained in May.",
                 "It rained on March 5.", "It rained this year.", "The first quarter."):
        assert found(text, None) == [], text


def test_iso_weeks_at_year_ends() -> None:
    assert found("Markets fell last week.", "2018-01-01") == [("last week", "2017-W52")]
    assert found("Markets fell this week.", "2021-01-02") == [("this week", "2020-W53")]
    assert found("Markets will rise next week.", "2020-12-28") == [("next week", "2021-W01")]


# --- Weekdays and the tense around them ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "tense"),
    [
        # dateline Tuesday 2017-03-21
        ("The council voted on Friday.", "2017-03-17", "past"),
        ("The council will vote on Friday.", "2017-03-24", "future"),
        ("The council meets on Friday.", "2017-03-24", "future"),
        ("The council is scheduled to vote on Friday.", "2017-03-24", "future"),
        ("The council said on Monday it would vote.", "2017-03-20", "past"),
        ("The council said on Tuesday it would vote.", "2017-03-21", "past"),
        ("The vote, due on Thursday, was delayed.", "2017-03-23", "future"),
        ("Shares jumped Monday after the report.", "2017-03-20", "past"),
        ("On Monday, the board will vote again.", "2017-03-27", "future"),
        ("On Sunday, the board voted again.", "2017-03-19", "past"),
        ("Talks ended on Wednesday.", "2017-03-15", "past"),
        ("Talks begin on Wednesday.", "2017-03-22", "future"),
        ("Talks resume on Tuesday.", "2017-03-21", "future"),  # the dateline's own day
        ("The mayor said in a statement on Sunday that she will resign.", "2017-03-19", ""),
        ("The offer to begin Thursday was welcomed.", "2017-03-23", "future"),
        ("The board, which met on Monday, will vote on the plan.", "2017-03-20", "past"),
        ("Police were told the suspect was arrested Sunday and will appear in court.",
         "2017-03-19", "past"),
    ],
)
def test_weekday_tense(text: str, value: str, tense: str) -> None:
    m = one(text, "2017-03-21")
    assert (m.value, m.tense, m.how) == (value, tense, "anchored")


def test_weekday_on_the_dateline_day_is_that_day() -> None:
    assert found("Stocks rose on Monday.", "2017-03-20") == [("Monday", "2017-03-20")]
    assert found("Stocks will rise on Monday.", "2017-03-20") == [("Monday", "2017-03-20")]
    assert found("Stocks rose last Monday.", "2017-03-20") == [("last Monday", "2017-03-13")]
    assert found("Stocks will rise next Monday.", "2017-03-20") == [
        ("next Monday", "2017-03-27")]


def test_a_weekday_wants_a_day_anchor() -> None:
    assert found("Stocks rose on Monday.", "2017-03") == []
    assert found("Stocks rose on Monday.", "2017") == []
    assert found("Stocks rose on Monday.", date(2017, 3, 22)) == [("Monday", "2017-03-20")]


# --- Months and days without their year --------------------------------------------------------

@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        ("2017-01-09", "Sales rose in December.", "2016-12"),
        ("2017-01-09", "Sales will rise in December.", "2017-12"),
        ("2017-01-09", "Sales rose in January.", "2017-01"),
        ("2016-12-14", "The tax takes effect in January.", "2017-01"),
        ("2016-12-14", "The tax took effect in January.", "2016-01"),
        ("2017-03-22", "Sales rose in April.", "2016-04"),
        ("2017-03-22", "Sales will rise in April.", "2017-04"),
        ("2017-03-22", "Sales in April look higher.", "2017-04"),  # no cue: the nearest
        ("2017-03-22", "Sales in October look higher.", "2016-10"),  # no cue: the nearest
        ("2017-03-22", "Sales in October are seen higher.", "2017-10"),
        ("2017-03-22", "The October figures are in the report.", "2016-10"),
        ("2017-03-02", "The office will publish February figures.", "2017-02"),  # reported
        ("2017-01-09", "Sales will rise in December.", "2017-12"),
        ("2017-02-10", "It will report fourth-quarter results.", "2016-Q4"),
        ("2017-03-22", "It opened in mid-March.", "2017-03"),
        ("2017-03-22", "It will open in late April.", "2017-04"),
        ("2017-03-22", "It opened last March.", "2016-03"),
        ("2017-05-22", "It opened last March.", "2017-03"),
        ("2017-03-22", "It opens next March.", "2018-03"),
        ("2017-03-22", "It opened on March 5.", "2017-03-05"),
        # a date written without its year is this year's unless the tense moves it less
        # than six months: next year's would be written with its year
        ("2017-03-22", "It will open on March 5.", "2017-03-05"),
        ("2017-12-20", "It will open on January 5.", "2018-01-05"),
        ("2017-03-22", "It opened on Dec. 28.", "2016-12-28"),
        ("2017-01-03", "It opened on December 28.", "2016-12-28"),
        ("2016-12-28", "It opens on January 3.", "2017-01-03"),
        ("2017-03-02", "Holders of record on February 18 will be paid.", "2017-02-18"),
        ("2017-03-22", "The 12th of February was cold.", "2017-02-12"),
        ("2017-03-22", "It was cold on 12 February.", "2017-02-12"),
        ("2017-03", "It opened on March 5.", "2017-03-05"),
        ("2017-03", "It will open on April 5.", "2017-04-05"),
        ("2017", "It opened on March 5.", "2017-03-05"),
        ("2017", "It opened in March.", "2017-03"),
    ],
)
def test_months_and_days_get_their_year(anchor: str, text: str, value: str) -> None:
    assert one(text, anchor).value == value


def test_february_29() -> None:
    assert found("It opened on February 29.", "2016-03-10") == [("February 29", "2016-02-29")]
    assert found("It opened on February 29.", "2017-03-10") == [("February 29", "2016-02-29")]
    assert found("It opened on February 30.", "2017-03-10") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theresa May said in May that she would stay.", [("May", "2016-05")]),
        ("Mrs May said the vote would come in June.", [("June", "2017-06")]),
        ("Prime Minister May spoke.", []),
        ("May's government fell.", []),
        ("It may rain in March.", [("March", "2017-03")]),
        ("Protesters joined the March on Washington.", []),
        ("A march through London drew crowds.", []),
        ("The Women's March drew crowds.", []),
        ("An august body met.", []),
        ("August Wilson wrote plays.", []),
        ("Director April Reign spoke.", []),
        ("Sales in August rose.", [("August", "2016-08")]),
        ("Sales between March and May rose.", [("between March and May", "2016-03/2016-05")]),
        ("March/April sales were weak.", [("March/April", "2016-03/2016-04")]),
        ("Cocoa was booked for March shipment.", [("March", "2017-03")]),
        ("The December accord held.", [("December", "2016-12")]),
        ("The December OPEC accord held.", [("December", "2016-12")]),
        ("January was mild.", [("January", "2017-01")]),
        ("SALES FELL IN MARCH", [("MARCH", "2016-03")]),
        ("SALES WILL RISE IN MARCH", [("MARCH", "2017-03")]),
    ],
)
def test_month_words_and_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "2017-02-20") == expected


# --- What is not a date ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 10 a.m. and ends at 4 p.m.",
        "Trading halted at 1930 GMT.",
        "He has worked there for three years.",
        "Prices have risen over the past year.",
        "The last year has been hard.",
        "Prices rose in the past week.",
        "Volunteers meet every Monday.",
        "The shop is closed on Mondays.",
        "He visits each year.",
        "The 45-year-old driver was unhurt.",
        "A man in his 60s was arrested.",
        "More than 2016 people signed.",
        "Some 1900 homes lost power.",
        "The plant made 1950 tonnes.",
        "Flight 2017 landed safely.",
        "Resolution 1973 was adopted.",
        "It cost $2016 in all.",
        "Turnout was 1987 pct higher.",
        "It happened the day before.",
        "They met the following week.",
        "Profit rose from a year earlier.",
        "The fall of the government was swift.",
        "Prices fell in recent years.",
        "Shares rose 3 percent on Black Friday.",
        "He scored in the first half of the match.",
        "He may come.",
    ],
)
def test_not_dates(text: str) -> None:
    assert found(text, "2017-03-22") == []


def test_time_of_day_keeps_its_day() -> None:
    assert found("He was arrested at 6:30 a.m. Monday.", "2017-03-22") == [
        ("Monday", "2017-03-20")]


# --- Anchors, values, periods ------------------------------------------------------------------

def test_anchor_of() -> None:
    assert Anchor.of("2017-03-22") == Anchor(date(2017, 3, 22), "day")
    assert Anchor.of("2017-03") == Anchor(date(2017, 3, 1), "month")
    assert Anchor.of("2017") == Anchor(date(2017, 1, 1), "year")
    assert Anchor.of(date(2017, 3, 22)) == Anchor(date(2017, 3, 22), "day")
    assert Anchor.of(None) is None
    for bad in ("17-03-22", "2017-3-x", "March 2017", "2017-13"):
        with pytest.raises(ValueError):
            Anchor.of(bad)


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2017-03-22", "2017-03-22", "2017-03-22"),
        ("2017-W12", "2017-03-20", "2017-03-26"),
        ("2017-W12-WE", "2017-03-25", "2017-03-26"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
        ("2016-02", "2016-02-01", "2016-02-29"),
        ("2017-SP", "2017-03-01", "2017-05-31"),
        ("2017-SU", "2017-06-01", "2017-08-31"),
        ("2017-FA", "2017-09-01", "2017-11-30"),
        ("2016-WI", "2016-12-01", "2017-02-28"),
        ("2017-Q1", "2017-01-01", "2017-03-31"),
        ("2017-Q4", "2017-10-01", "2017-12-31"),
        ("2017-H2", "2017-07-01", "2017-12-31"),
        ("2017", "2017-01-01", "2017-12-31"),
        ("199X", "1990-01-01", "1999-12-31"),
        ("19", "1900-01-01", "1999-12-31"),
        ("2016-03/2016-05", "2016-03-01", "2016-05-31"),
        ("2014/2016", "2014-01-01", "2016-12-31"),
    ],
)
def test_periods(value: str, first: str, last: str) -> None:
    assert tuple(d.isoformat() for d in period(value)) == (first, last)
    m = DateMention(0, 1, "x", value, "day", "explicit")
    assert (m.first_day, m.last_day) == (first, last)
    assert m.is_range == ("/" in value)


def test_every_found_value_has_a_period_and_its_surface() -> None:
    for case in CASES:
        for m in find_dates(case.text, case.anchor):
            assert case.text[m.start:m.end] == m.surface
            assert m.first_day <= m.last_day
            assert m.granularity in {"day", "week", "month", "season", "quarter", "half",
                                     "year", "decade", "century"}
            assert m.how in {"explicit", "anchored", "relative"}
            assert m.tense in {"", "past", "future"}
            assert m.mod in {"", "early", "mid", "late"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    list("abcdefgMTWSJFAOND0123456789 ,.-/'\n") + [
        " March ", " May ", " Monday ", " last week ", " 2016 ", " ago ", " the ", " quarter ",
        " summer ", " between ", " and ", " to ", " from ", " 1987/88 ", " mid-", " year ",
        " will ", " said ", " first ", " two days", " in "]),
    max_size=80).map("".join), st.sampled_from(
        ["2017-03-22", "2017-03", "2017", None,  # and placeholder datelines at the calendar's
         "0001-01-01", "0001-01-02", "0001-01", "0001", "9999-12-31", "9999-12-30", "9999-12",
         "9999"]))  # ends: `next week` from 9999-12-30 is no date, not a crash
def test_any_text_gives_ordered_mentions_and_never_raises(text: str, anchor: str | None
                                                             ) -> None:
    mentions = find_dates(text, anchor)
    for m in mentions:
        assert text[m.start:m.end] == m.surface
        if not anchor or anchor[:4] not in ("0001", "9999"):
            period(m.value)
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start


@pytest.mark.parametrize("anchor", ["0001-01-02", "0001-01", "9999-12-30", "9999-12-31",
                                    "9999-12"])
def test_relative_dates_past_the_calendar_are_left_out(anchor: str) -> None:
    text = ("It happened last week and 800 weeks ago; it resumes next week, next summer and "
            "last winter, from next week to next month.")
    for m in find_dates(text, anchor):
        assert text[m.start:m.end] == m.surface


# --- A pure module, fast enough for ingest -------------------------------------------------------

def test_timex_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(timex.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= {"__future__", "calendar", "collections", "dataclasses", "datetime",
                        "functools", "itertools", "re"}


@pytest.mark.parametrize("text", ["The 2016-11 figures", "x" * 50 + " 2016-11", "2016-11"])
def test_a_year_and_month_joined_by_a_hyphen_is_that_month(text: str) -> None:
    """`2016-11` anywhere in a text (at its end, the check of the character before the month
    once read past the text and raised)."""
    assert [(m.surface, m.value) for m in find_dates(text, None)] == [("2016-11", "2016-11")]
