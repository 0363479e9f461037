"""Date mentions through the CLI (issue 15): stored at ingest, shown with offsets into the
article's text, listed by `events`, counted by `timeline --events`, queried with `mentions:`,
and kept right by rm, re-ingest, check --repair, export -> ingest, reindex --dates and the
upgrade of an old archive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.archive import connect, delete_every_second, location
from tests.conftest import ROOT, Run
from tests.viewing import ingest_texts, modules_loaded_by, shown, write

FIXTURES = Path(__file__).parent / "fixtures"

# Each article written for these tests, with the dates it mentions: (surface, value) in order.
ARTICLES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "talks": (
        "# Ceasefire talks resume in Geneva\n\n"
        " date 2017-03-22 GENEVA, March 22 (Reuters) - Negotiators met on Monday and will meet"
        " again on Friday. The offensive began on March 1, 2017, officials said.\n\n"
        "Background\n\n"
        "The dispute dates from 2014. Theresa May said last week that the talks would end in"
        " May.\n",
        [("Monday", "2017-03-20"), ("Friday", "2017-03-24"), ("March 1, 2017", "2017-03-01"),
         ("2014", "2014"), ("last week", "2017-W11"), ("May", "2017-05")],
    ),
    "harvest": (
        "---\noutlet: Farm Weekly\n---\n"
        "# Harvest falls short\n\n"
        " date 2017-01-09 Wheat output fell in December, and a smaller crop is expected in the"
        " first quarter.\n\n"
        "Exports recovered in 2016 after the drought of the 1990s.\n\n"
        "## Outlook\n\n"
        "Growers will meet on Thursday. Two days ago the ministry cut its forecast.\n",
        [("December", "2016-12"), ("the first quarter", "2017-Q1"), ("2016", "2016"),
         ("the 1990s", "199X"), ("Thursday", "2017-01-12"), ("Two days ago", "2017-01-07")],
    ),
    "undated": (
        "# A look back\n\n"
        " date unknown The treaty was signed on March 22, 2017. Talks resumed on Monday.\n",
        [("March 22, 2017", "2017-03-22")],
    ),
    "plain": (
        "# Nothing dated\n\n"
        " date 2017-03-10 Some 2016 people marched in the March on Washington, every Monday.\n",
        [],
    ),
}


@pytest.fixture
def dated(tmp_path: Path, run: Run) -> Path:
    return ingest_texts(run, tmp_path / "dated", {n: t for n, (t, _) in ARTICLES.items()})


def dates_of(run: Run, id: str) -> list[dict[str, object]]:
    return shown(run, id, "dates")


def all_mentions(db: Path) -> list[tuple[object, ...]]:
    conn = connect(db)
    try:
        return conn.execute(
            "SELECT a.id, m.position, m.start, m.\"end\", m.surface, m.value, m.granularity,"
            " m.how, m.first_day, m.last_day FROM date_mentions m JOIN articles a"
            " ON a.rowid = m.article ORDER BY a.id, m.position, m.start").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("id", list(ARTICLES))
def test_show_json_dates_are_offsets_into_show_text(run: Run, dated: Path, id: str) -> None:
    text = run("show", id, "--format", "text").stdout
    dates = dates_of(run, id)
    for d in dates:
        assert text[int(str(d["start"])):int(str(d["end"]))] == d["surface"]
        assert set(d) == {"start", "end", "surface", "value", "granularity", "how"}
    assert [(d["surface"], d["value"]) for d in dates] == ARTICLES[id][1]


def test_the_seed_file_is_what_show_text_prints(run: Run, dated: Path) -> None:
    """For a seed file in canonical form, the offsets are offsets into the file itself."""
    source = ARTICLES["talks"][0]
    assert run("show", "talks", "--format", "text").stdout == source
    for d in dates_of(run, "talks"):
        assert source[int(str(d["start"])):int(str(d["end"]))] == d["surface"]


def test_the_ledes_own_dateline_is_not_a_mention(run: Run, dated: Path) -> None:
    assert "March 22" not in [d["surface"] for d in dates_of(run, "talks")]


def test_events_are_ordered_by_the_date_mentioned(run: Run, dated: Path) -> None:
    result = run("events", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    firsts = [(r["first_day"], r["last_day"]) for r in rows]
    assert firsts == sorted(firsts)
    assert rows[0]["value"] == "199X"
    assert set(rows[0]) == {"value", "first_day", "last_day", "id", "date", "surface",
                            "sentence"}
    monday = next(r for r in rows if r["surface"] == "Monday")
    assert monday == {"value": "2017-03-20", "first_day": "2017-03-20",
                      "last_day": "2017-03-20", "id": "talks", "date": "2017-03-22",
                      "surface": "Monday", "sentence": "GENEVA, March 22 (Reuters) - "
                      "Negotiators met on Monday and will meet again on Friday."}


def test_events_with_a_query_and_a_range(run: Run, dated: Path) -> None:
    result = run("events", "Geneva", "--since", "2017-03-20", "--until", "2017-03")
    assert result.exit_code == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(f[0], f[3], f[5]) for f in lines] == [
        ("2017-03-20", "talks", "Monday"), ("2017-03-24", "talks", "Friday")]
    # overlap: a week and a quarter that start before --since are kept
    result = run("events", "--since", "2017-03-19", "--until", "2017-03-19", "--format", "csv")
    assert result.stdout.splitlines()[0] == "value,first_day,last_day,id,date,surface,sentence"
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == [
        "2017-Q1", "2017-W11"]


def test_events_formats_limit_and_exit_codes(run: Run, dated: Path) -> None:
    result = run("events", "--limit", "2", "--format", "jsonl")
    assert [json.loads(line)["value"] for line in result.stdout.splitlines()] == ["199X", "2014"]
    none = run("events", "Geneva", "--since", "2030")
    assert none.exit_code == 1 and none.stdout == ""
    assert none.stderr == "newsarc: no dates mentioned in the matching articles\n"
    bad = run("events", "--since", "sometime")
    assert bad.exit_code == 2 and "--since" in bad.stderr and "Traceback" not in bad.stderr
    rich = run("events", "Geneva", "--format", "rich")
    assert rich.exit_code == 0 and "Negotiators met on Monday" in rich.stdout


def test_timeline_events_counts_each_article_once_per_period(run: Run, dated: Path) -> None:
    result = run("timeline", "--events", "--by", "month", "--since", "2016-12",
                 "--until", "2017-05", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {(r["period"], r["kind"]): r for r in json.loads(result.stdout)}
    assert rows[("2016-12", "period")]["ids"] == ["harvest"]
    assert rows[("2017-01", "period")]["ids"] == ["harvest"]  # Thursday and two days ago: once
    assert rows[("2017-03", "period")]["ids"] == ["talks", "undated"]
    assert rows[("2017-04", "period")]["count"] == 0
    assert rows[("2017-05", "period")]["ids"] == ["talks"]
    # a quarter and a year are coarser than a month: apart, not spread over their months
    assert rows[("2017-Q1", "coarser")]["ids"] == ["harvest"]
    assert ("2016", "coarser") in rows and ("2016", "period") not in rows
    assert rows[("2017-02", "period")]["count"] == 0


def test_timeline_events_by_week_lists_a_month_apart(run: Run, dated: Path) -> None:
    result = run("timeline", "Geneva", "--events", "--by", "week", "--since", "2017-03-13",
                 "--until", "2017-03-26")
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[:3] for line in result.stdout.splitlines()] == [
        ["2017-W11", "period", "1"], ["2017-W12", "period", "1"]]
    result = run("timeline", "Geneva", "--events", "--by", "day", "--since", "2017-03-19",
                 "--until", "2017-03-20")
    assert [line.split("\t")[:3] for line in result.stdout.splitlines()] == [
        ["2017-03-19", "period", "0"], ["2017-03-20", "period", "1"],
        ["2017-W11", "coarser", "1"]]
    assert run("timeline", "--events", "--split", "outlet").exit_code == 2
    assert run("timeline", "nothingatall", "--events").exit_code == 1


@pytest.mark.parametrize(("query", "ids"), [
    ("mentions:2017-03..2017-04", ["harvest", "talks", "undated"]),  # 2017-Q1 overlaps March
    ("mentions:2017-W11", ["harvest", "talks"]),
    ("mentions:2017-04", []),
    ("mentions:2017-05..", ["talks"]),
    ("mentions:1995", ["harvest"]),
    ("treaty mentions:2017", ["undated"]),
    ("-mentions:2017-03", ["plain"]),
    ("Geneva -mentions:2017-05", []),
    ("(mentions:2014 OR wheat)", ["harvest", "talks"]),
])
def test_mentions_in_the_query_language(run: Run, dated: Path, query: str, ids: list[str]
                                        ) -> None:
    result = run("search", query, "--format", "ids", "--limit", "0")
    assert sorted(result.stdout.split()) == ids
    assert result.exit_code == (0 if ids else 1)


@pytest.mark.parametrize("query", ["mentions:2017-13", "mentions:2017-05..2017-03"])
def test_a_bad_mentions_range_is_named_in_the_error(run: Run, dated: Path, query: str) -> None:
    result = run("search", query)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newsarc: {query}: ")


def test_explain_names_mentions(run: Run, dated: Path) -> None:
    result = run("search", "Geneva mentions:2017-03..2017-04", "--explain")
    assert "mentions:2017-03..2017-04" in result.stdout
    assert "2017-03-01..2017-04-30" in result.stdout


def test_reindex_dates_restores_exactly(run: Run, dated: Path, isolated_archive: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    before = all_mentions(isolated_archive)
    assert before
    conn = connect(isolated_archive)
    conn.execute("DELETE FROM date_mentions")
    conn.execute("UPDATE newsarc_meta SET value = '0' WHERE key = 'timex_version'")
    conn.commit()
    conn.close()
    from newsarc.extract import mentions, timex

    monkeypatch.setattr(timex, "VERSION", 99)
    monkeypatch.setattr(mentions, "VERSION", 99)
    stale = run("events", "--format", "tsv")  # an upgraded newsarc says what to run
    assert stale.exit_code == 1
    assert "found by extractor version 0 (this newsarc has 99): run `newsarc reindex --dates`" \
        in stale.stderr
    result = run("reindex", "--dates")
    assert result.exit_code == 0, result.stderr
    assert "version 99 (they were found by version 0)" in result.stderr
    assert all_mentions(isolated_archive) == before
    conn = connect(isolated_archive)
    assert conn.execute("SELECT value FROM newsarc_meta WHERE key = 'timex_version'"
                        ).fetchone() == ("99",)
    conn.close()
    fresh = run("events", "--format", "tsv")
    assert fresh.exit_code == 0 and "reindex" not in fresh.stderr
    assert run("reindex").exit_code == 2


def test_reindex_on_an_unusable_archive_exits_2(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all, just text")
    result = run("--db", str(bad), "reindex", "--dates")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_rm_reingest_repair_and_export_keep_mentions_right(
        run: Run, dated: Path, isolated_archive: Path, tmp_path: Path) -> None:
    before = all_mentions(isolated_archive)
    assert run("rm", "plain", "talks").exit_code == 0
    assert {row[0] for row in all_mentions(isolated_archive)} == {"harvest", "undated"}
    # a changed file replaces its article's mentions
    write(dated, "undated", ARTICLES["undated"][0].replace("March 22, 2017", "June 1, 2015"))
    assert run("ingest", str(dated), "--quiet").exit_code == 0
    assert [d["value"] for d in dates_of(run, "undated")] == ["2015-06-01"]
    write(dated, "undated", ARTICLES["undated"][0])
    assert run("ingest", str(dated), "--quiet").exit_code == 0
    assert sorted(all_mentions(isolated_archive)) == sorted(before)
    # check --repair rebuilds them
    conn = connect(isolated_archive)
    conn.execute(delete_every_second("date_mentions"))
    conn.commit()
    conn.close()
    repaired = run("check", "--repair")
    assert "found the date mentions of 4 articles again" in repaired.stderr
    assert sorted(all_mentions(isolated_archive)) == sorted(before)
    # export carries them; a fresh archive ingesting the export finds them again
    exported = run("export")
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert {r["id"]: [(d["surface"], d["value"]) for d in r["dates"]] for r in records} == {
        id: expected for id, (_, expected) in ARTICLES.items()}
    backup = tmp_path / "backup.jsonl"
    backup.write_text(exported.stdout)
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "ingest", str(backup), "--quiet").exit_code == 0
    assert run("--db", str(fresh), "export").stdout == exported.stdout


def test_an_old_archive_gains_its_mentions_on_upgrade(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-m003.db", old)
    assert run("--db", str(old), "stats").exit_code == 0  # upgraded
    stored = all_mentions(old)
    from newsarc.extract.mentions import article_mentions
    from newsarc.store import open_archive

    with open_archive(old) as store:
        expected = sorted(
            (a.id, m.position, m.start, m.end, m.surface, m.value, m.granularity, m.how,
             m.first_day, m.last_day)
            for a in store.iter_articles() for m in article_mentions(a))
        assert store.dates_version() is not None
    assert sorted(stored) == expected
    assert expected  # the fixture's articles mention dates


def test_every_command_is_in_the_readme(run: Run) -> None:
    from newsarc.cli import app

    readme = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"newsarc {name}" in readme, name


def test_search_does_not_import_the_extractor(dated: Path, isolated_archive: Path) -> None:
    """Start-up matters for `newsarc search`: the date extractor is imported only by the
    commands that find dates (ingest, reindex)."""
    loaded = modules_loaded_by("--db", location(), "search", "Geneva")
    assert not {m for m in loaded  # newsarc's own (psycopg loads asyncio.events)
                if m.startswith("newsarc.") and m.endswith(("timex", "mentions", "events"))}


def test_the_sentence_around_a_mention_runs_over_a_soft_line_break() -> None:
    from newsarc.events import sentence_around

    text = "The talks resumed on March 5.\n\nThey end on\nMarch 9. Then a vote."
    start = text.index("March 9")
    sentence, (a, b) = sentence_around(text, start, start + len("March 9"))
    assert sentence == "They end on March 9."
    assert sentence[a:b] == "March 9"


def test_a_historical_date_does_not_fill_centuries_of_empty_rows(run: Run, tmp_path: Path
                                                                 ) -> None:
    folder = tmp_path / "history"
    folder.mkdir()
    (folder / "reading.txt").write_text(
        " date 2017-03-20 The declaration of July 4, 1776 was read again on Monday.\n",
        encoding="utf-8")
    assert run("ingest", str(folder), "--quiet").exit_code == 0
    rows = run("timeline", "--events", "--by", "day", "--format", "tsv").stdout.splitlines()
    assert [r.split("\t")[:3] for r in rows] == [["1776-07-04", "period", "1"],
                                                 ["2017-03-20", "period", "1"]]
    window = run("timeline", "--events", "--by", "month", "--since", "1776-06", "--until",
                 "1776-08", "--format", "tsv").stdout.splitlines()
    assert [r.split("\t")[2] for r in window] == ["0", "1", "0"]  # a window keeps empty ones
