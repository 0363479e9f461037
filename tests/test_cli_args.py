"""How the query commands (search, timeline) read their arguments: every `--word` is an option,
wherever it stands; `-h` is help; any other `-word` is a query word. And numbers that cannot
overflow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from newsarc.cli import NewsarcGroup, QueryCommand, app
from tests.conftest import ROOT, Run

QUERY_COMMANDS = ("search", "timeline")


def ids(run: Run, *args: str) -> list[str]:
    result = run("search", *args, "--format", "ids", "--limit", "0")
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout.split()


# --- unknown and misplaced options -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "Merkel", "--limt", "3"], "no such option --limt (did you mean --limit?)"),
        (["search", "--", "Merkel", "--limt", "3"],
         "no such option --limt (did you mean --limit?)"),
        (["search", "Merkel", "--limt=3"], "no such option --limt (did you mean --limit?)"),
        (["search", "-Iraq", "--cuont"], "no such option --cuont (did you mean --count?)"),
        (["search", "x", "--hlep"], "no such option --hlep (did you mean --help?)"),
        (["timeline", "strike", "--bye", "week"], "no such option --bye (did you mean --by?)"),
        (["timeline", "--", "--sinse", "2024"], "no such option --sinse (did you mean --since?)"),
    ],
)
def test_unknown_option_is_a_usage_error_with_a_suggestion(
    run: Run, corpus: Path, args: list[str], message: str
) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"newsarc: {message}\n"


def test_unknown_option_without_a_close_one_says_how_to_search_for_it(run: Run) -> None:
    result = run("search", "x", "--zzzzzz")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "newsarc: no such option --zzzzzz",
        "newsarc: hint: --help lists the options; to search for a word that starts with -, "
        "quote it: '\"--zzzzzz\"'",
    ]


@pytest.mark.parametrize("dashdash", [[], ["--"]])
def test_options_after_the_query_and_after_dashdash_are_applied(
    run: Run, corpus: Path, dashdash: list[str]
) -> None:
    assert run("search", *dashdash, "qaim", "--count").stdout == "4\n"
    limited = run("search", *dashdash, "qaim", "--limit", "2", "--format", "ids")
    assert len(limited.stdout.split()) == 2
    assert run("search", *dashdash, "qaim", "--limit=1", "--format=ids").stdout.count("\n") == 1
    assert run("search", *dashdash, "qaim", "--sort", "oldest", "--format", "ids").stdout == (
        "a01-qaim-strike\na02-qaim-apostrophe\na03-qaim-modifier\na04-qaim-curly\n")
    rows = run("timeline", *dashdash, "qaim", "--by", "month").stdout.splitlines()
    assert [r.split("\t")[:2] for r in rows] == [["2024-02", "3"], ["2024-03", "1"]]


def test_dashdash_is_dropped_and_the_exclusion_kept(run: Run, corpus: Path) -> None:
    # The README used to recommend `--` before a query that starts with an exclusion.
    expected = ids(run, "warehouse NOT Iraq")
    assert expected == ["a16-warehouse-fire", "a21-undated"]
    assert ids(run, "--", "-Iraq", "warehouse") == expected
    assert ids(run, "-Iraq", "warehouse") == expected
    assert ids(run, "-Iraq", "--", "warehouse") == expected


def test_options_may_follow_a_query_that_starts_with_an_exclusion(run: Run, corpus: Path) -> None:
    # Two articles say New York; one of them is about Trump.
    assert run("search", "-Trump", "York", "--count").stdout == "1\n"
    assert run("search", "-Trump", "York", "--format", "ids").stdout == "a12-nine-eleven\n"
    rows = run("timeline", "-Trump", "York", "--by", "year", "--format", "tsv").stdout
    assert rows.splitlines()[0].split("\t")[:3] == ["2023", "1", "a12-nine-eleven"]


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        (["-Iraq", "warehouse"], "warehouse NOT Iraq"),
        (["warehouse", "-(Iraq", "OR", "Marseille)"], "warehouse NOT (Iraq OR Marseille)"),
        (["qaim", '-"towering plume"'], 'qaim NOT "towering plume"'),
        (["-hezbollah", "rockets"], "rockets NOT hezbollah"),  # -h... is not help
        (["-count", "strike"], "strike NOT count"),
        (["strike", "-"], "strike"),
    ],
)
def test_single_dash_words_are_query_words(
    run: Run, corpus: Path, query: list[str], same_as: str
) -> None:
    assert ids(run, *query) == ids(run, same_as)


def test_a_quoted_dash_word_is_searched_for(run: Run, corpus: Path) -> None:
    assert ids(run, '"-Iraq"') == ids(run, "Iraq") == ["a01-qaim-strike"]
    assert ids(run, '"--Iraq"') == ["a01-qaim-strike"]


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_dash_values_are_option_values(run: Run, corpus: Path, command: str) -> None:
    if command == "search":
        result = run(command, "strike", "--limit", "-1")
        assert result.exit_code == 2
        assert "-1 is not in the range x>=0" in result.stderr
    # --since takes text: `-3` is its value, read (and refused) as a date
    result = run(command, "strike", "--since", "-3")
    assert result.exit_code == 2
    assert result.stderr.startswith("newsarc: --since: cannot read '-3' as a date")


def test_option_without_its_value(run: Run) -> None:
    result = run("search", "strike", "--limit")
    assert (result.exit_code, result.stderr) == (2, "newsarc: --limit needs a value\n")


# --- help -------------------------------------------------------------------------------------


def commands() -> list[str]:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert set(QUERY_COMMANDS) <= set(names)
    return names


@pytest.mark.parametrize("command", commands())
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_h_and_help(run: Run, command: str, flag: str) -> None:
    result = run(command, flag)
    assert result.exit_code == 0, result.stderr
    assert f"Usage: newsarc {command}" in result.stdout


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_h_is_help_anywhere_in_a_query_command(run: Run, command: str) -> None:
    for args in (["strike", "-h"], ["--", "-h"], ["-Iraq", "-h", "--limit", "3"]):
        result = run(command, *args)
        assert result.exit_code == 0, args
        assert f"Usage: newsarc {command}" in result.stdout


def test_app_h(run: Run) -> None:
    result = run("-h")
    assert result.exit_code == 0
    assert "Usage: newsarc" in result.stdout


def test_search_help_says_how_to_search_for_a_dash_word(run: Run) -> None:
    text = " ".join(run("search", "--help").stdout.split())
    assert "quote it: '\"-word\"'" in text
    assert "-- is no longer needed" in text
    assert "NOT word" in text


# --- the class is generic: it reads the command's own options --------------------------------


def test_query_command_reads_its_own_declared_options() -> None:
    toy = typer.Typer(cls=NewsarcGroup)  # which turns newsarc's errors into exit codes

    @toy.command(cls=QueryCommand)
    def kwic(
        words: Annotated[list[str], typer.Argument()],
        width: Annotated[int, typer.Option("--width")] = 5,
        pair: Annotated[tuple[str, str], typer.Option("--pair")] = ("a", "b"),
        strict: Annotated[bool, typer.Option("--strict/--loose")] = False,
    ) -> None:
        typer.echo(f"{words} {width} {pair} {strict}")

    @toy.command()
    def other() -> None:
        pass

    runner = CliRunner()
    result = runner.invoke(toy, ["kwic", "-x", "--width", "-7", "y", "--pair", "-p", "--q",
                                 "--strict", "--", "--loose", "-z"])
    assert result.stdout == "['-x', 'y', '-z'] -7 ('-p', '--q') False\n"
    result = runner.invoke(toy, ["kwic", "x", "--wdith=3"])
    assert result.exit_code == 2
    assert result.stderr == "newsarc: no such option --wdith (did you mean --width?)\n"

    with pytest.raises(TypeError, match="no short option"):

        @toy.command(cls=QueryCommand)
        def short(
            words: Annotated[list[str], typer.Argument()],
            n: Annotated[int, typer.Option("--n", "-n")] = 5,
        ) -> None:
            pass

        typer.main.get_command(toy)


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "limit", [str(2**62), str(2**62 + 1), str(2**63), "99999999999999999999", "9" * 1000]
)
def test_huge_limits_mean_all(run: Run, corpus: Path, limit: str) -> None:
    everything = ids(run, "strike")
    for sort in ("relevance", "newest"):
        for section in ([], ["--section", ""]):
            result = run("search", "strike", "--limit", limit, "--sort", sort, *section,
                         "--format", "ids")
            assert result.exit_code == 0, result.stderr
            assert sorted(result.stdout.split()) == sorted(everything)


def test_a_number_too_long_to_read_is_a_usage_error(run: Run) -> None:
    result = run("search", "strike", "--limit", "9" * 5000)  # past Python's int() digit limit
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "Invalid value for '--limit'" in result.stderr


# --- argv as a shell passes it ----------------------------------------------------------------


def newsarc(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """The installed `newsarc` script, given its arguments as a shell would."""
    env = {**os.environ, "NEWSARC_DB": str(db), "NO_COLOR": "1"}
    return subprocess.run([str(Path(sys.executable).with_name("newsarc")), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_argv_through_a_real_process(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert newsarc("ingest", str(ROOT / "seeds"), "--quiet", db=db).returncode == 0
    found = newsarc("search", "-Ohio", "warehouse", "--count", db=db)
    assert (found.returncode, found.stdout) == (0, "1\n")
    excluded = newsarc("search", "--", "-Iraq", "warehouse", "--count", db=db)
    assert (excluded.returncode, excluded.stdout) == (1, "0\n")
    typo = newsarc("search", "Merkel", "--limt", "3", db=db)
    assert (typo.returncode, typo.stdout) == (2, "")
    assert typo.stderr == "newsarc: no such option --limt (did you mean --limit?)\n"
    helped = newsarc("search", "-h", db=db)
    assert helped.returncode == 0 and "Usage: newsarc search" in helped.stdout
    huge = newsarc("search", "warehouse", "--limit", "99999999999999999999", "--format", "ids",
                   db=db)
    assert (huge.returncode, huge.stderr) == (0, "")


# --- the program imports only the command it runs (issue 21: start-up) -----------------------


def test_cli_lists_the_commands_each_module_registers_in_help_order() -> None:
    from newsarc import cli

    registered = [(info.name or info.callback.__name__.replace("_", "-"),  # type: ignore[union-attr]
                   info.callback.__module__.rsplit(".", 1)[-1])  # type: ignore[union-attr]
                  for info in app.registered_commands]
    assert registered == [(command, module) for module, commands in cli.COMMANDS.items()
                          for command in commands]


@pytest.mark.parametrize(("args", "modules"), [
    (["search", "x"], ("search",)),
    (["--db", "a.db", "kwic", "x"], ("search",)),
    (["--db=a.db", "timeline"], ("reading",)),
    (["--db", "search", "ingest", "f"], ("ingest",)),  # `search` is --db's value here
    (["--help"], None), ([], None), (["serach", "x"], None), (["--db", "a.db"], None),
])
def test_the_program_registers_only_the_command_it_is_given(
        args: list[str], modules: tuple[str, ...] | None) -> None:
    from newsarc import cli

    assert cli.modules_for(args) == (modules or tuple(cli.COMMANDS))


def test_the_program_runs_a_command_with_only_its_module_and_lists_all_in_help(
        tmp_path: Path) -> None:
    code = ("import sys, atexit; from newsarc import cli; atexit.register(lambda: print("
            "sorted(m for m in sys.modules if m.startswith('newsarc.commands.')),"
            " file=sys.stderr)); cli.main()")
    env = {**os.environ, "NEWSARC_DB": str(tmp_path / "none.db")}
    found = subprocess.run([sys.executable, "-c", code, "search", "x", "--explain"],
                           capture_output=True, text=True, env=env)
    assert found.returncode == 0 and found.stdout.startswith("query: x")
    assert found.stderr.strip() == str(["newsarc.commands.base", "newsarc.commands.search"])
    helped = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True,
                            text=True, env={**env, "COLUMNS": "200"})
    for command in ("ingest", "kwic", "timeline", "tags", "similar", "places", "reindex"):
        assert f" {command} " in helped.stdout
