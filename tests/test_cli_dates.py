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


# --- date lines and numeric dates at ingest (issue 13) ----------------------------------------


def dates_of(run: Run) -> dict[str, str]:
    rows = tsv(run("search", "strike", "--format", "tsv", "--limit", "0").stdout)
    return {row[0]: row[1] for row in rows}


@pytest.fixture
def numeric(tmp_path: Path) -> Path:
    folder = tmp_path / "numeric"
    folder.mkdir()
    (folder / "dotted.txt").write_text("date 05.03.2017 The strike began.\n")
    (folder / "one-way.txt").write_text("date 13.03.2017 The strike went on.\n")
    (folder / "slashed.txt").write_text("date: 07/02/2017 \u2014 The strike ended.\n")
    (folder / "iso.txt").write_text(" date 2017-02-08 The strike was over.\n")
    return folder


def test_ambiguous_dates_are_read_day_first_with_a_warning(run: Run, numeric: Path) -> None:
    result = run("ingest", str(numeric))
    assert result.exit_code == 0
    hint = "use --dayfirst/--monthfirst to choose"
    assert result.stderr.splitlines()[:2] == [
        f"newsarc: {numeric / 'dotted.txt'}: warning: ambiguous date '05.03.2017' read as "
        f"2017-03-05 (day first); {hint}",
        f"newsarc: {numeric / 'slashed.txt'}: warning: ambiguous date '07/02/2017' read as "
        f"2017-02-07 (day first); {hint}",
    ]
    assert "2 with warnings" in result.stderr
    assert dates_of(run) == {"dotted": "2017-03-05", "one-way": "2017-03-13",
                             "slashed": "2017-02-07", "iso": "2017-02-08"}
    shown = run("show", "slashed", "--format", "text").stdout
    assert shown.startswith(" date 2017-02-07 The strike ended.")  # the dash left the lede


@pytest.mark.parametrize(
    ("args", "env", "dotted", "slashed"),
    [
        (["--dayfirst"], None, "2017-03-05", "2017-02-07"),
        (["--monthfirst"], None, "2017-05-03", "2017-07-02"),
        ([], "1", "2017-03-05", "2017-02-07"),
        ([], "0", "2017-05-03", "2017-07-02"),
        (["--dayfirst"], "0", "2017-03-05", "2017-02-07"),  # the option wins
    ],
)
def test_the_order_chosen_is_read_without_a_warning(
    run: Run, numeric: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
    env: str | None, dotted: str, slashed: str,
) -> None:
    if env is not None:
        monkeypatch.setenv("NEWSARC_DAYFIRST", env)
    result = run("ingest", str(numeric), *args)
    assert result.exit_code == 0
    assert "warning:" not in result.stderr and "0 with warnings" in result.stderr
    assert dates_of(run) == {"dotted": dotted, "one-way": "2017-03-13", "slashed": slashed,
                             "iso": "2017-02-08"}


def test_worker_processes_read_in_the_order_chosen(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsarc.ingest import CHUNK

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(3 * CHUNK):
        (folder / f"f{n:03d}.txt").write_text(f"date 07/02/2017 The strike, day {n}.\n")
    monkeypatch.setenv("NEWSARC_WORKERS", "2")
    result = run("ingest", str(folder), "--monthfirst", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert set(dates_of(run).values()) == {"2017-07-02"}


def test_a_two_digit_year_that_could_be_first_or_last_is_stored_undated(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "short.txt"
    path.write_text("date 17-02-07 The strike began.\n")
    result = run("ingest", str(path))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"newsarc: {path}: warning: ambiguous date '17-02-07' (2007-02-17 or 2017-02-07); "
        "stored undated")
    assert dates_of(run) == {"short": ""}


def test_headline_time_and_dash_on_the_date_line(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "lines"
    folder.mkdir()
    (folder / "euro.txt").write_text(
        "Is this the end of the euro?\n\n date 2017-02-07 The strike spread.\n")
    (folder / "gmt.txt").write_text("date 7 Feb 2017 12:30 GMT The strike grew.\n")
    (folder / "dash.txt").write_text("date: Feb 7th, 2017 \u2014 The strike ended.\n")
    result = run("ingest", str(folder))
    assert (result.exit_code, "0 with warnings" in result.stderr) == (0, True), result.stderr
    rows = {r[0]: r[1:4] for r in tsv(run("search", "strike", "--format", "tsv").stdout)}
    assert rows == {
        "euro": ["2017-02-07", "Is this the end of the euro?", "lede"],
        "gmt": ["2017-02-07", "The strike grew.", "lede"],
        "dash": ["2017-02-07", "The strike ended.", "lede"],
    }


@pytest.mark.parametrize("command", ["search", "timeline"])
@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--since", "05.03.2017"], "newsarc: --since: ambiguous date '05.03.2017': 2017-03-05 "
         "(day first) or 2017-05-03 (month first)?"),
        (["--until", "07/02/2017"], "newsarc: --until: ambiguous date '07/02/2017': 2017-02-07 "
         "(day first) or 2017-07-02 (month first)?"),
        (["strike date:05.03.2017.."], "newsarc: date:05.03.2017..: ambiguous date "
         "'05.03.2017': 2017-03-05 (day first) or 2017-05-03 (month first)?"),
        (["--since", "17-02-07"], "newsarc: --since: ambiguous date '17-02-07': 2007-02-17 or "
         "2017-02-07?"),
    ],
)
def test_an_ambiguous_typed_date_is_a_usage_error(
    run: Run, numeric: Path, command: str, args: list[str], stderr: str
) -> None:
    run("ingest", str(numeric), "--quiet")
    result = run(command, *(["strike", *args] if args[0].startswith("-") else args))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        stderr, "newsarc: hint: write it as YYYY-MM-DD, or set NEWSARC_DAYFIRST=1 (day first) "
        "or 0 (month first)"]


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ("1", ["--since", "05.03.2017"], ["dotted", "one-way"]),
        ("0", ["--since", "05.03.2017"], []),
        ("0", ["--until", "07/02/2017"], ["slashed", "iso", "dotted", "one-way"]),
        ("1", ["strike date:..07/02/2017"], ["slashed"]),
        (None, ["--since", "13.03.2017"], ["one-way"]),  # one reading: no choice needed
    ],
)
def test_since_until_and_date_follow_newsarc_dayfirst(
    run: Run, numeric: Path, monkeypatch: pytest.MonkeyPatch, env: str | None,
    args: list[str], expected: list[str],
) -> None:
    run("ingest", str(numeric), "--dayfirst", "--quiet")
    if env is not None:
        monkeypatch.setenv("NEWSARC_DAYFIRST", env)
    if args[0].startswith("-"):
        args = ["strike", *args]
    result = run("search", *args, "--format", "ids", "--sort", "oldest")
    assert result.exit_code == (0 if expected else 1), result.stderr
    assert sorted(result.stdout.split()) == sorted(expected)


def test_a_bad_newsarc_dayfirst_is_a_usage_error(
    run: Run, numeric: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSARC_DAYFIRST", "maybe")
    result = run("ingest", str(numeric))
    assert result.exit_code == 2
    assert result.stderr == ("newsarc: NEWSARC_DAYFIRST='maybe': use 1 (day first) or 0 "
                             "(month first)\n")
