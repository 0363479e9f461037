"""Ranking a very common word (issue 21): past `query.RANK_ALL` matches, a ranked search ranks
only the matches with a word of the query in the title or a heading, each scored as in the
full ranking; `--exact` ranks every match. The threshold is lowered here so that a small
archive has a word past it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarc import query
from tests.conftest import Run

pytestmark = pytest.mark.sqlite_only  # the PostgreSQL store ranks every match (headline None)

# "harbour" in the title of 8 articles, in a heading of 2, and only in the body of 6; one of
# those, short and dense, is the best match of all by bm25 alone.
TITLED = {f"t{i:02}": f" date 2024-02-{i + 1:02} Harbour news number {i} from the coast.\n\n"
          f"Details\n\nCrews worked at the harbour on day {i}.\n" for i in range(8)}
HEADED = {f"h{i:02}": f" date 2024-03-{i + 1:02} Port report {i}.\n\nThe Harbour\n\n"
          f"Ships waited outside for hours, then for days.\n" for i in range(2)}
BODY = {f"b{i:02}": f" date 2024-04-{i + 1:02} Coast report {i} on the weather and trade.\n\n"
        f"Details\n\nA long day of work at the harbour for the crews, the ships, the tugs and"
        f" the pilots of the bay, said officials at the port authority.\n" for i in range(5)}
DENSE = {"dense": " date 2024-05-01 Storm.\n\nNight\n\n"
         + "Harbour, harbour, harbour, harbour," * 6 + " harbour.\n"}
FILLER = {f"f{i:02}": f" date 2023-01-{i + 1:02} Farm prices rose {i} percent.\n\nMarkets\n\n"
          f"Grain traders expected more.\n" for i in range(30)}
HEADLINE = set(TITLED) | set(HEADED)


@pytest.fixture
def harbour(tmp_path: Path, run: Run) -> Path:
    folder = tmp_path / "harbour"
    folder.mkdir()
    for name, text in {**TITLED, **HEADED, **BODY, **DENSE, **FILLER}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run("ingest", str(folder), "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.fixture
def low_threshold(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(query, "RANK_ALL", 5)  # harbour's 16 matches are past it
    return 5


def hits(run: Run, *args: str) -> list[tuple[str, float]]:
    result = run("search", *args, "--format", "json", "--fields", "id,score")
    assert result.exit_code in (0, 1), result.stderr
    return [(h["id"], h["score"]) for h in json.loads(result.stdout or "[]")]


def test_below_the_threshold_every_match_is_ranked(run: Run, harbour: Path) -> None:
    exact = hits(run, "harbour", "--exact", "--limit", "0")
    assert len(exact) == 16
    assert exact[0][0] == "dense"  # the best by bm25 has the word in its body only
    assert hits(run, "harbour", "--limit", "3") == exact[:3]


def test_past_the_threshold_only_headline_matches_are_ranked_exactly(
        run: Run, harbour: Path, low_threshold: int) -> None:
    exact = hits(run, "harbour", "--exact", "--limit", "0")
    fast = hits(run, "harbour", "--limit", "5")
    assert fast == [h for h in exact if h[0] in HEADLINE][:5]  # same scores, same order
    assert "dense" not in dict(fast)
    assert hits(run, "harbour", "--exact", "--limit", "5") == exact[:5]


def test_fewer_headline_matches_than_the_limit_rank_every_match(
        run: Run, harbour: Path, low_threshold: int) -> None:
    exact = hits(run, "harbour", "--exact", "--limit", "0")
    assert hits(run, "harbour", "--limit", "12") == exact[:12]  # only 10 are in a headline
    # a date range that leaves fewer than the limit: every match in it is ranked
    assert hits(run, "harbour", "--since", "2024-03", "--limit", "3") == hits(
        run, "harbour", "--since", "2024-03", "--limit", "3", "--exact")


def test_the_tier_keeps_every_condition_of_the_query(
        run: Run, harbour: Path, low_threshold: int) -> None:
    narrowed = ("harbour", '-"number 4"', "--since", "2024-02-03", "--until", "2024-02-06")
    exact = hits(run, *narrowed, "--exact", "--limit", "0")
    assert {id for id, _ in exact} == {"t02", "t03", "t05"}
    assert hits(run, *narrowed, "--limit", "2") == exact[:2]
    assert hits(run, "harbour OR grain", "--limit", "2") == [
        h for h in hits(run, "harbour OR grain", "--exact", "--limit", "0") if h[0] in HEADLINE
    ][:2]


def test_orders_by_date_and_full_lists_are_never_tiered(
        run: Run, harbour: Path, low_threshold: int) -> None:
    for sort in ("newest", "oldest"):
        assert hits(run, "harbour", "--sort", sort, "--limit", "4") == hits(
            run, "harbour", "--sort", sort, "--limit", "4", "--exact")
    assert hits(run, "harbour", "--limit", "0") == hits(run, "harbour", "--limit", "0",
                                                        "--exact")
    count = run("search", "harbour", "--count")
    assert count.stdout == "16\n"


def test_collapse_and_kwic_follow_the_same_rule(
        run: Run, harbour: Path, low_threshold: int) -> None:
    collapsed = run("search", "harbour", "--collapse", "--limit", "1", "--format", "ids")
    assert set(collapsed.stdout.split()) <= HEADLINE
    kwic = run("kwic", "harbour", "--limit", "2", "--format", "tsv")
    assert {line.split("\t")[0] for line in kwic.stdout.splitlines()} <= HEADLINE
    exact = run("kwic", "harbour", "--limit", "1", "--format", "tsv", "--exact")
    assert {line.split("\t")[0] for line in exact.stdout.splitlines()} == {"dense"}


def test_explain_says_which_matches_are_ranked(
        run: Run, harbour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = run("search", "--explain", "harbour").stdout.splitlines()
    assert "ranking: every match (16 articles in the index)" in lines
    monkeypatch.setattr(query, "RANK_ALL", 5)
    lines = run("search", "--explain", "harbour", "OR", "grain*").stdout.splitlines()
    assert ("ranking: 46 articles in the index, more than 5: only those with the query's"
            " rarest word (each alternative's) in the title or a heading are ranked (--exact"
            " ranks every match)") in lines
    assert ('ranked within: ({title headings} : ("harbour")) OR ({title headings} :'
            ' ("grain"*))') in lines
    # of words side by side, the one in the fewest articles: "ships" (7) before harbour (16)
    lines = run("search", "--explain", "harbour ships").stdout.splitlines()
    assert 'ranked within: {title headings} : ("ships")' in lines
    lines = run("search", "--explain", "ships harbour -grain").stdout.splitlines()
    assert 'ranked within: {title headings} : ("ships")' in lines
    lines = run("search", "--explain", "harbour", "--exact").stdout.splitlines()
    assert "ranking: every match (16 articles in the index)" in lines
    lines = run("search", "--explain", "harbour", "--sort", "newest").stdout.splitlines()
    assert not any(line.startswith("ranking") for line in lines)


def test_explain_without_an_archive_reads_the_query_only(run: Run) -> None:
    result = run("search", "--explain", "harbour")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["query: harbour", "  harbour  stem, any case",
                                          'fts5: "harbour"']


def test_a_date_range_finds_every_match_whatever_order_the_articles_came_in(
        run: Run, harbour: Path) -> None:
    # added by file name (b, dense, f, h, t) but dated f < t < h < b < dense: the rowids a
    # date range bounds the index to (Store.rowid_span) are not in date order
    march_on = {"h00", "h01", *BODY, "dense"}
    assert {id for id, _ in hits(run, "harbour", "--since", "2024-03", "--limit", "0")} == (
        march_on)
    assert run("search", "harbour", "--since", "2024-03", "--count").stdout == f"{len(march_on)}\n"
    timeline = run("timeline", "harbour", "--since", "2024-02", "--by", "month", "--format", "tsv")
    assert [line.split("\t")[:2] for line in timeline.stdout.splitlines()] == [
        ["2024-02", "8"], ["2024-03", "2"], ["2024-04", "5"], ["2024-05", "1"]]
