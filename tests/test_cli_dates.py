"""Dates through the CLI: ISO weeks wherever a date is accepted, and error messages that list
only forms the same path accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.viewing import tsv


def suggested(stderr: str) -> list[str]:
    """The forms an error's `(try A, B, ...; a range: C, D)` lists, as a user would type them."""
    m = re.search(r"\(try (.*)\)$", stderr.splitlines()[0])
    assert m, stderr
    return [form.strip("'") for form in re.split(r", |; a range: ", m.group(1))]


@pytest.mark.parametrize(
    ("command", "option"),
    [("search", "--since"), ("search", "--until"), ("timeline", "--since"),
     ("timeline", "--until")],
)
def test_every_form_an_option_error_lists_is_read_by_that_option(
    run: Run, corpus: Path, command: str, option: str
) -> None:
    result = run(command, "strike", option, "sometime")
    assert result.exit_code == 2
    forms = suggested(result.stderr)
    assert {"2024-W05", "Feb 2024", "last week", "last month"} <= set(forms)
    for form in forms:
        result = run(command, "strike", option, form)
        assert result.exit_code in (0, 1), (form, result.stderr)


@pytest.mark.parametrize("command", ["search", "timeline"])
@pytest.mark.parametrize("bad", ["date:sometime", "date:last week", "date:Feb 2024",
                                 "date:2024-01..soon", "date:2017-W54"])
def test_every_form_a_query_error_lists_is_read_inside_a_query(
    run: Run, corpus: Path, command: str, bad: str
) -> None:
    result = run(command, f"strike {bad}")
    assert result.exit_code == 2
    assert result.stderr.startswith("newsarc: date:")
    forms = suggested(result.stderr)
    assert "2024-W05" in forms and "2024-01..2024-03" in forms
    assert not [f for f in forms if " " in f]  # `date:` ends at a space
    hint = result.stderr.splitlines()[1:]
    if bad == "date:last week":  # arrives as `last`: the hint offers forms that do work
        assert hint == ["newsarc: hint: a date in a query ends at a space: write date:lastweek "
                        "or date:lastmonth, or use --since 'last week'"]
        forms += ["lastweek", "lastmonth"]
        assert run(command, "strike", "--since", "last week").exit_code in (0, 1)
    for form in forms:
        result = run(command, f"strike date:{form}")
        assert result.exit_code in (0, 1), (form, result.stderr)


def test_a_range_backwards_in_a_query_says_so(run: Run, corpus: Path) -> None:
    result = run("search", "strike date:2024..2023")
    assert result.exit_code == 2
    assert result.stderr == "newsarc: date:2024..2023: '2024' is after '2023': no date can match\n"


# --- ISO weeks --------------------------------------------------------------------------------


@pytest.fixture
def week9() -> list[str]:
    """2024-W09, Monday 26 February to Sunday 3 March 2024, oldest first: an article dated
    only 2024-02 overlaps it."""
    return ["a19-month-only", "a23-heading-match", "a24-title-weight", "a25-leap-day",
            "a04-qaim-curly"]


def test_week_in_since_until_and_date(run: Run, corpus: Path, week9: list[str]) -> None:
    for args in (["-zzzz", "--since", "2024-W09", "--until", "2024-W09"],
                 ["-zzzz", "--since", "2024-w09", "--until", "2024W09"],
                 ["date:2024-W09"], ["date:2024w09..2024-W09"]):
        result = run("search", "--sort", "oldest", "--format", "ids", "--limit", "0", *args)
        assert result.stdout.split() == week9, args
    result = run("search", "strike", "--since", "2024-W54")
    assert result.exit_code == 2
    assert result.stderr.startswith("newsarc: --since: cannot read '2024-W54' as a date")


def test_timeline_week_labels_are_dates(run: Run, corpus: Path, week9: list[str]) -> None:
    """Every label `timeline --by week` prints is read back by --since and --until as exactly
    that week: the span then starts (or ends) with that label, holding its articles."""
    weeks = [r for r in tsv(run("timeline", "--by", "week").stdout) if r[0] != "undated"]
    labels = [r[0] for r in weeks]
    assert len(labels) > 60 and {"2022-W52", "2023-W01", "2024-W09"} <= set(labels)
    first, last = labels[0], labels[-1]
    for label, _, listed, *_ in weeks:
        assert re.fullmatch(r"\d{4}-W\d\d", label)
        since = tsv(run("timeline", "--by", "week", "--since", label, "--until", last).stdout)
        assert since[0][0] == label and set(listed.split()) <= set(since[0][2].split())
        until = tsv(run("timeline", "--by", "week", "--since", first, "--until", label).stdout)
        assert until[-1][0] == label and set(listed.split()) <= set(until[-1][2].split())
    rows = tsv(run("timeline", "--by", "week", "--since", "2024-W09", "--until", "2024-W09")
               .stdout)
    assert [r[:3] for r in rows] == [["2024-W09", "5", " ".join(week9)]]
