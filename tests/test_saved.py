"""Saved searches (issue 19): `newsarc save`, `newsarc saved`, and `@name` wherever a query
goes: alone, inside other queries, in several-query timelines, in --explain."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsarc.query import compile_query, references, rename_reference
from newsarc.userdata import SavedSearch
from tests.conftest import Run

QAIM = ["a01-qaim-strike", "a02-qaim-apostrophe", "a03-qaim-modifier", "a04-qaim-curly"]
TRUMP = ["a13-trump-possessive", "a14-trump-plain"]


def ids(run: Run, *query: str) -> list[str]:
    result = run("search", *query, "--format", "ids", "--limit", "0")
    assert result.exit_code in (0, 1), result.stderr
    return sorted(result.stdout.split())


def saved(run: Run, *args: str) -> None:
    result = run("save", *args)
    assert result.exit_code == 0, result.stderr


def test_save_then_search_by_name(run: Run, corpus: Path) -> None:
    result = run("save", "qaim", "Qaim")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "newsarc: saved @qaim: 4 articles match now\n"
    assert ids(run, "@qaim") == ids(run, "Qaim") == QAIM
    assert run("search", "@qaim", "--count").stdout == "4\n"
    assert run("search", "@QAIM", "--count").stdout == "4\n"  # names match in any case
    # the same ranking and rows as the query itself
    assert run("search", "@qaim").stdout == run("search", "Qaim").stdout
    assert run("kwic", "@qaim").stdout == run("kwic", "Qaim").stdout


def test_a_saved_search_inside_other_queries(run: Run, corpus: Path) -> None:
    saved(run, "qaim", "Qaim")
    saved(run, "trump", "Trump")
    assert ids(run, "@qaim", "-Syria") == ["a02-qaim-apostrophe", "a04-qaim-curly"]
    assert ids(run, "-@qaim", "warehouse") == ["a16-warehouse-fire", "a21-undated"]
    assert ids(run, "(@qaim OR @trump) date:2024-02-06..") == [
        "a03-qaim-modifier", "a04-qaim-curly", *TRUMP]
    assert ids(run, "@qaim OR @trump") == sorted(QAIM + TRUMP)
    saved(run, "both", "@qaim OR @trump")
    assert ids(run, "@both") == sorted(QAIM + TRUMP)
    # a saved query is a group: `@both -Ohio` is (Qaim OR Trump) without Ohio
    assert ids(run, "@both -Ohio") == sorted(QAIM + ["a13-trump-possessive"])


def test_since_and_until_apply_to_the_saved_query_only(run: Run, corpus: Path) -> None:
    saved(run, "late-qaim", "Qaim", "--since", "2024-02-06", "--until", "2024-02")
    assert ids(run, "@late-qaim") == ["a03-qaim-modifier"]
    assert ids(run, "@late-qaim OR Trump") == ["a03-qaim-modifier", *TRUMP]
    assert ids(run, "@late-qaim", "--since", "2024-02-11") == []
    explained = run("search", "@late-qaim", "--explain").stdout
    assert "dates: 2024-02-06 .. 2024-02-29" in explained
    result = run("save", "bad", "Qaim", "--since", "someday")
    assert result.exit_code == 2 and "--since" in result.stderr
    assert run("saved", "--format", "json").stdout.count('"name"') == 1


def test_a_saved_search_that_refers_to_itself_is_a_usage_error(run: Run, corpus: Path) -> None:
    result = run("save", "a", "Qaim", "@a")
    assert result.exit_code == 2
    assert result.stderr == "newsarc: saved search @a refers to itself (@a -> @a)\n"
    saved(run, "b", "Trump")
    saved(run, "c", "@b -Ohio")
    saved(run, "a", "@c")
    result = run("save", "b", "Qaim OR @a")
    assert result.exit_code == 2
    assert result.stderr == "newsarc: saved search @b refers to itself (@b -> @a -> @c -> @b)\n"
    assert ids(run, "@a") == ["a13-trump-possessive"]  # nothing changed


def test_a_cycle_made_behind_newsarcs_back_is_found_when_used(tmp_path: Path) -> None:
    searches = {"x": SavedSearch("x", "Qaim @y"), "y": SavedSearch("y", "(@x)")}
    with pytest.raises(Exception, match=r"saved search @x refers to itself \(@x -> @y -> @x\)"):
        compile_query("@x", searches.get)
    with pytest.raises(Exception, match=r"saved search @y refers to itself \(@y -> @x -> @y\)"):
        compile_query("Trump OR @y", searches.get)


def test_an_unknown_name_is_a_usage_error(run: Run, corpus: Path) -> None:
    result = run("search", "@nosuch", "Qaim")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "newsarc: no saved search @nosuch",
        "newsarc: hint: `newsarc saved` lists them; to search for the word, quote it:"
        " '\"@nosuch\"'"]
    assert run("search", '"@nosuch"', "Qaim", "--count").exit_code == 1  # quoted: a word
    assert run("save", "x", "@nosuch").exit_code == 2
    assert run("timeline", "@nosuch", "--by", "month").exit_code == 2


@pytest.mark.parametrize("name", ["a.b", "a b", "-x", "a//b", "/a", "a/", "@", ""])
def test_bad_names_are_refused(run: Run, corpus: Path, name: str) -> None:
    result = run("save", name, "Qaim")
    assert result.exit_code == 2
    assert "saved search name" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_names_with_slashes_and_other_scripts(run: Run, corpus: Path) -> None:
    saved(run, "iraq/qaim", "Qaim")
    saved(run, "@zürich", "Zürich")  # `@` before the name is allowed when saving
    assert ids(run, "@iraq/qaim") == QAIM
    assert ids(run, "(@iraq/qaim)") == QAIM
    assert ids(run, "@Zürich") == ["a29-zurich"]
    assert references("@iraq/qaim OR (@zürich) x@y \"@z\" -@w") == ["iraq/qaim", "zürich", "w"]


def test_saved_lists_them_in_every_format(run: Run, corpus: Path) -> None:
    saved(run, "qaim", "Qaim", "--since", "2024-02-04")
    saved(run, "trump", "Trump -Ohio")
    rows = json.loads(run("saved", "--format", "json").stdout)
    assert [{k: r[k] for k in ("name", "query", "since", "until", "hits")} for r in rows] == [
        {"name": "qaim", "query": "Qaim", "since": "2024-02-04", "until": None, "hits": 3},
        {"name": "trump", "query": "Trump -Ohio", "since": None, "until": None, "hits": 1}]
    assert all(r["created"].endswith("Z") for r in rows)
    tsv = run("saved").stdout.splitlines()
    assert [line.split("\t")[:5] for line in tsv] == [
        ["qaim", "Qaim", "2024-02-04", "", "3"], ["trump", "Trump -Ohio", "", "", "1"]]
    table = list(csv.DictReader(io.StringIO(run("saved", "--format", "csv").stdout)))
    assert [r["name"] for r in table] == ["qaim", "trump"]
    assert list(table[0]) == ["name", "query", "since", "until", "hits", "created"]
    assert len(run("saved", "--format", "jsonl").stdout.splitlines()) == 2
    assert "@trump" in run("saved", "--format", "rich").stdout
    result = run("save", "qaim", "Qaim OR Trump")
    assert "replaced: Qaim" in result.stderr
    assert json.loads(run("saved", "--format", "json").stdout)[0]["since"] is None


def test_saved_with_none_exits_1(run: Run, corpus: Path) -> None:
    result = run("saved")
    assert (result.exit_code, result.stdout) == (1, "")


def test_delete(run: Run, corpus: Path) -> None:
    saved(run, "qaim", "Qaim")
    saved(run, "more", "@qaim OR Trump")
    result = run("save", "--delete", "qaim")
    assert result.exit_code == 2
    assert "saved search @qaim is used by @more" in result.stderr
    assert run("save", "--delete", "@more").exit_code == 0
    assert run("save", "--delete", "qaim").exit_code == 0
    assert run("saved").exit_code == 1
    result = run("save", "--delete", "qaim")
    assert result.exit_code == 1 and "no saved search @qaim" in result.stderr
    assert run("save", "--delete", "a", "b").exit_code == 2


def test_rename_rewrites_the_searches_that_use_it(run: Run, corpus: Path) -> None:
    saved(run, "qaim", "Qaim")
    saved(run, "more", '@qaim OR "@qaim" OR (-@QAIM Trump)')
    result = run("save", "--rename", "qaim", "iraq/qaim")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "newsarc: renamed @qaim to @iraq/qaim; rewritten in @more\n"
    rows = {r["name"]: r["query"] for r in json.loads(run("saved", "--format", "json").stdout)}
    assert rows == {"iraq/qaim": "Qaim", "more": '@iraq/qaim OR "@qaim" OR (-@iraq/qaim Trump)'}
    assert ids(run, "@more") == sorted(QAIM + TRUMP)
    saved(run, "other", "Ohio")
    result = run("save", "--rename", "other", "more")
    assert result.exit_code == 2 and "@more exists already" in result.stderr
    assert run("save", "--rename", "nosuch", "x").exit_code == 1
    assert run("save", "--rename", "other", "Other").exit_code == 0  # a change of case
    assert run("save", "--rename", "other").exit_code == 2
    assert run("save", "--rename", "--delete", "a", "b").exit_code == 2


def test_rename_reference_keeps_the_rest_as_typed() -> None:
    assert rename_reference('x  @a (@A) "@a" -@a @ab', "a", "b/c") == \
        'x  @b/c (@b/c) "@a" -@b/c @ab'


def test_timeline_with_several_saved_searches(run: Run, corpus: Path) -> None:
    saved(run, "qaim", "Qaim")
    saved(run, "trump", "Trump")
    result = run("timeline", "@qaim", "@trump", "--by", "month", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    counts = {(r["period"], r["query"]): r["count"] for r in rows}
    assert counts[("2024-02", "@qaim")] == 3 and counts[("2024-03", "@qaim")] == 1
    assert counts[("2024-02", "@trump")] == 2
    listed = json.loads(run("timeline", "@qaim", "--format", "json").stdout)
    assert sorted(r["id"] for r in listed) == QAIM


def test_explain_shows_the_saved_query(run: Run, corpus: Path) -> None:
    saved(run, "qaim", "Qaim -Syria")
    explained = run("search", "@qaim", "Iraq", "--explain").stdout
    assert explained.splitlines()[0] == "query: (Qaim AND NOT Syria AND Iraq)"


def test_a_saved_search_that_cannot_run_is_listed_without_hits(run: Run, tmp_path: Path,
                                                                corpus: Path) -> None:
    line = json.dumps({"kind": "saved", "name": "orphan", "query": "@gone", "since": None,
                       "until": None, "created": "2024-01-01T00:00:00Z"})
    assert run("ingest", "-", input=line + "\n").exit_code == 0
    result = run("saved", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["hits"] is None
    assert "@orphan: cannot run" in result.stderr
    result = run("search", "@orphan")
    assert result.exit_code == 2 and "no saved search @gone" in result.stderr
