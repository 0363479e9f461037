"""Story clusters (issue 14): the signature and rule (`extract/stories.py`), the evaluation set
(`tests/story_cases.py`, `bench/story_eval.py`), and clustering in the archive: incremental,
independent of ingest order, kept right by rm, replace, check --repair and migration."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from pathlib import Path

import pytest

from newsarc.articles import parse_bytes
from newsarc.extract.stories import _tuple_hash, clusters, similarity, story, story_text
from newsarc.ingest import discover, ingest
from newsarc.models import Section
from newsarc.store import Store, open_archive
from tests.archive import connect, location
from tests.conftest import Run
from tests.story_cases import EVENTS, cases, wire

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from story_eval import evaluate  # noqa: E402


def sections_of(text: str) -> tuple[Section, ...]:
    return parse_bytes(text.encode(), id="x", source=None).article.sections


def test_the_evaluation_set_meets_the_goals() -> None:
    scores = evaluate()
    assert scores.f1 >= 0.95, (scores.missed, scores.merged)
    assert scores.hard_negatives >= 60
    assert scores.hard_share <= 0.02, scores.merged


def test_every_variant_is_the_same_story_and_the_other_report_is_not() -> None:
    for event in EVENTS:
        own = {c.id: story(sections_of(c.text)) for c in cases() if c.event == event.key}
        base = own[f"{event.key}-wire"]
        for id, other in own.items():
            assert similarity(base, other).same is (not id.endswith("-other")), id


def test_the_rule_is_symmetric() -> None:
    stories = [story(sections_of(c.text)) for c in cases()[:12]]
    for a in stories:
        for b in stories:
            assert similarity(a, b) == similarity(b, a)


def test_boilerplate_is_not_compared() -> None:
    text = story_text(sections_of(
        "By Jane Roe\n\nLONDON, March 3 (Reuters) - The story proper starts here and goes on "
        "for a while.\n\nEditor's note: corrected.\n\nA second paragraph of the story that is "
        "long enough to stay in.\n\n(Reporting by Jane Roe; Editing by Tom Doe)\n\nFollow us "
        "online.\n"))
    assert text.startswith("The story proper")
    assert "Editor" not in text and "Reporting" not in text and "Follow" not in text
    assert "second paragraph" in text


def test_a_trimmed_copy_joins_and_a_short_flash_needs_jaccard() -> None:
    full = story(sections_of(wire(EVENTS[0])))
    flash = story(sections_of("HARTWELL (Wire) - A bridge collapsed in Hartwell on Monday."))
    assert not similarity(full, flash).same
    assert similarity(flash, flash).same


def test_clusters_do_not_depend_on_the_order() -> None:
    items = [(c.id, c.date, story(sections_of(c.text))) for c in cases()]
    first = clusters(items)
    for seed in range(3):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert clusters(shuffled) == first


# ---------------------------------------------------------------------------------------------
# In the archive


def write_cases(folder: Path, order: list[int] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    items = cases()
    paths = []
    for i in order if order is not None else range(len(items)):
        c = items[i]
        path = folder / f"{c.id}.txt"
        path.write_text(f"date {c.date}\n\n{c.text}")
        paths.append(path)
    return paths


def ingest_paths(store: Store, paths: list[Path]) -> None:
    for path in paths:  # one at a time, in this order
        list(ingest(store, discover([str(path)]), workers=0))


def archive_clusters(store: Store) -> dict[str, str]:
    ids = [row[0] for row in store.conn.execute("SELECT id FROM articles")]
    return store.clusters_of(ids)


def expected() -> dict[str, str]:
    items = [(c.id, c.date, story(sections_of(c.text))) for c in cases()]
    return clusters(items)


def test_a_shuffled_ingest_gives_identical_clusters(tmp_path: Path) -> None:
    paths = write_cases(tmp_path / "news")
    results = []
    for seed in (1, 2):
        order = paths[:]
        random.Random(seed).shuffle(order)
        with open_archive(tmp_path / f"{seed}.db", create=True) as store:
            ingest_paths(store, order)
            results.append(archive_clusters(store))
    assert results[0] == results[1]
    stored = set(results[0])
    assert {k: v for k, v in expected().items() if k in stored} == results[0]
    # the wire story (earliest date, then first id) represents its copies
    assert results[0]["bridge-short"] == "bridge-a-day-later" or results[0]["bridge-short"] in {
        "bridge-byline", "bridge-a-day-later"}
    assert results[0]["bridge-other"] == "bridge-other"


def test_rm_never_leaves_a_cluster_pointing_at_a_removed_article(tmp_path: Path) -> None:
    paths = write_cases(tmp_path / "news")
    with open_archive(tmp_path / "a.db", create=True) as store:
        ingest_paths(store, paths)
        before = archive_clusters(store)
        rep = before["bridge-short"]
        removed, _ = store.remove_many([rep])
        assert removed == [rep]
        after = archive_clusters(store)
        assert rep not in after.values()
        copies = {after[i] for i in after if i.startswith("bridge-") and i != "bridge-other"}
        assert len(copies) == 1
        assert store.check() == []


def test_check_finds_and_repair_rebuilds_clusters(tmp_path: Path) -> None:
    paths = write_cases(tmp_path / "news")
    with open_archive(tmp_path / "a.db", create=True) as store:
        ingest_paths(store, paths)
        before = archive_clusters(store)
        store.conn.execute("DELETE FROM story_clusters WHERE rowid IN "
                           "(SELECT rowid FROM story_clusters LIMIT 3)")
        assert any("no story cluster" in p for p in store.check())
        store.rebuild_clusters()
        assert store.check() == []
        assert archive_clusters(store) == before


@pytest.mark.parametrize("damage, said", [
    ("DELETE FROM story_links", "is not in its story's cluster"),
    ("UPDATE story_clusters SET cluster = (SELECT min(rowid) FROM articles)",
     "is not in its story's cluster"),
    ("INSERT INTO story_keys VALUES (1, 99999)", "story_keys holds keys of a missing article"),
    ("INSERT INTO story_keys_recent VALUES (1, 99999)", "story_keys_recent holds keys of a"),
    ("INSERT INTO story_links VALUES (1, 99999, 1.0)", "story link 1-99999 names a missing"),
    ("INSERT INTO date_mentions (article, position, start, \"end\", surface, value,"
     " granularity, how, first_day, last_day) VALUES (99999, 0, 0, 4, '2017', '2017', 'year',"
     " 'explicit', '2017-01-01', '2017-12-31')", "date mentions of a missing article 99999"),
])
def test_check_finds_damaged_story_and_date_tables_and_repair_mends_them(
    run: Run, stories: Path, isolated_archive: Path, damage: str, said: str
) -> None:
    before = run("export").stdout
    conn = connect(isolated_archive)
    conn.execute(damage)
    conn.commit()
    conn.close()
    result = run("check")
    assert result.exit_code == 1 and said in result.stdout, result.stdout
    assert run("check", "--repair").exit_code == 0
    assert run("check").exit_code == 0
    assert run("export").stdout == before


def test_an_existing_archive_is_clustered_on_upgrade(tmp_path: Path) -> None:
    paths = write_cases(tmp_path / "news")
    db = tmp_path / "a.db"
    with open_archive(db, create=True) as store:
        list(ingest(store, discover([str(tmp_path / "news")]), workers=0))
        before = archive_clusters(store)
    conn = sqlite3.connect(db)  # back to m006: no story tables
    for table in ("story_keys", "story_keys_recent", "story_links", "story_clusters",
                  "story_overrides"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM newsarc_migrations WHERE name = 'm007_story_clusters'")
    conn.commit()
    conn.close()
    seen: list[tuple[int, int]] = []
    with open_archive(db, progress=lambda done, total: seen.append((done, total))) as store:
        assert archive_clusters(store) == before
    assert seen and seen[-1] == (len(paths) - 1, len(paths) - 1)  # one text is a duplicate


@pytest.mark.parametrize("fixture", ["archive-m001.db", "archive-m003.db"])
def test_old_fixtures_upgrade_with_clusters(tmp_path: Path, fixture: str) -> None:
    source = Path(__file__).parent / "fixtures" / fixture
    db = tmp_path / fixture
    db.write_bytes(source.read_bytes())
    with open_archive(db) as store:
        found = archive_clusters(store)
        assert set(found) == {r[0] for r in store.conn.execute("SELECT id FROM articles")}
        assert store.check() == []


# ---------------------------------------------------------------------------------------------
# The commands


@pytest.fixture
def stories(tmp_path: Path, run: Run) -> Path:
    folder = tmp_path / "news"
    write_cases(folder)
    result = run("ingest", str(folder), "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder


def test_show_and_export_carry_the_cluster(run: Run, stories: Path, tmp_path: Path) -> None:
    copy = json.loads(run("show", "bridge-short", "--format", "json").stdout)
    assert copy["cluster"] == "bridge-byline" and copy["copy_of"] == "bridge-byline"
    rep = json.loads(run("show", "bridge-byline", "--format", "json").stdout)
    assert rep["cluster"] == "bridge-byline" and rep["copy_of"] is None  # earliest, then by id
    exported = run("export").stdout
    lines = [json.loads(line) for line in exported.splitlines()]
    assert {r["id"]: r["cluster"] for r in lines}["bridge-heavy"] == "bridge-byline"
    restored = tmp_path / "restored.db"
    (tmp_path / "backup.jsonl").write_text(exported)
    assert run("--db", str(restored), "ingest", str(tmp_path / "backup.jsonl"),
               "--quiet").exit_code == 0
    again = [json.loads(line) for line in run("--db", str(restored), "export").stdout.splitlines()]
    assert again == lines


def test_search_collapse(run: Run, stories: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = run("search", "Hartwell", "bridge", "--format", "ids").stdout.split()
    assert len(plain) == 13
    rows = run("search", "Hartwell", "bridge", "--collapse", "--format", "tsv").stdout
    found = [line.split("\t") for line in rows.splitlines()]
    assert len(found) == 2
    assert sorted(int(r[-1]) for r in found) == [0, 11]
    monkeypatch.setenv("NEWSARC_COLLAPSE", "1")
    as_json = json.loads(run("search", "Hartwell", "bridge", "--format", "json").stdout)
    assert sorted(h["copies"] for h in as_json) == [0, 11]
    assert len(run("search", "Hartwell", "bridge", "--no-collapse", "--format", "ids")
               .stdout.split()) == 13
    table = run("search", "Hartwell", "bridge", "--format", "rich").stdout
    assert "+11 copies" in table
    monkeypatch.delenv("NEWSARC_COLLAPSE")
    bare = run("search", "Hartwell", "--fields", "id,copies")
    assert bare.exit_code == 2 and "--collapse" in bare.stderr


def test_timeline_collapse_counts_each_story_once(run: Run, stories: Path) -> None:
    plain = run("timeline", "--by", "month", "--format", "json").stdout
    collapsed = run("timeline", "--by", "month", "--format", "json", "--collapse").stdout
    counts = {r["period"]: r["count"] for r in json.loads(plain)}
    once = {r["period"]: r["count"] for r in json.loads(collapsed)}
    assert counts["2024-03"] == 13 and once["2024-03"] == 2
    assert "bridge-byline" in next(r["ids"] for r in json.loads(collapsed)
                                 if r["period"] == "2024-03")


def test_similar_lists_members_then_the_nearest_others(run: Run, stories: Path) -> None:
    rows = [json.loads(line) for line in
            run("similar", "bridge-wire", "--format", "jsonl").stdout.splitlines()]
    members = [r for r in rows if r["member"]]
    assert len(members) == 11
    assert [r["similarity"] for r in members] == sorted((r["similarity"] for r in members),
                                                        reverse=True)
    assert all(not r["member"] for r in rows[len(members):])
    assert run("similar", "nope").exit_code == 1


def test_clusters_and_stats(run: Run, stories: Path) -> None:
    rows = [line.split("\t") for line in run("clusters").stdout.splitlines()]
    assert len(rows) == 6 and rows[0][0] == "12"
    assert len(run("clusters", "--min-size", "1", "--format", "csv")
               .stdout.splitlines()) == 1 + 12
    assert run("clusters", "--min-size", "50").exit_code == 1
    assert "bridge-byl" in run("clusters", "--format", "rich").stdout
    stats = json.loads(run("stats", "--format", "json").stdout)
    assert stats["clusters"] == 12 and stats["clustered"] == 6 * 12 - 1  # vaccine-quotes is
    # the wire story byte for byte: a duplicate, not stored


def test_rm_of_a_representative_hands_the_cluster_on(run: Run, stories: Path) -> None:
    assert run("rm", "bridge-byline").exit_code == 0
    copy = json.loads(run("show", "bridge-short", "--format", "json").stdout)
    assert copy["cluster"] not in ("bridge-byline", None)
    assert run("check").exit_code == 0


def test_run_hashes_do_not_depend_on_the_interpreter() -> None:
    """Stored keys are hashes of tuples of word codes: the Python copy of CPython's tuple hash
    (used where the interpreter's differs) gives the same numbers."""
    rng = random.Random(7)
    for _ in range(2000):
        values = tuple(rng.choice([rng.getrandbits(33), (1 << 64) - 1, rng.getrandbits(64), 0])
                       for _ in range(rng.choice([1, 3, 5])))
        assert _tuple_hash(values) == hash(values)


@pytest.mark.parametrize("few", [0, 10_000])
def test_collapse_reads_clusters_alike_for_few_and_many_hits(
    run: Run, stories: Path, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    monkeypatch.setattr(Store, "FEW_IDS", few)
    rows = run("search", "Hartwell", "bridge", "--collapse", "--limit", "0", "--fields",
               "id,copies").stdout
    assert sorted(int(line.split("\t")[1]) for line in rows.splitlines()) == [0, 11]
    once = json.loads(run("timeline", "--by", "month", "--format", "json", "--collapse").stdout)
    assert {r["period"]: r["count"] for r in once}["2024-03"] == 2


def cluster_of(run: Run, id: str) -> str:
    return str(json.loads(run("show", id, "--format", "json").stdout)["cluster"])


def bridge_size(run: Run) -> int:
    rows = [line.split("\t") for line in run("clusters").stdout.splitlines()]
    return next(int(r[0]) for r in rows if r[3] == "bridge-byline")


def test_split_keeps_an_article_apart_and_undo_lets_the_rule_decide(
    run: Run, stories: Path
) -> None:
    assert cluster_of(run, "bridge-short") == "bridge-byline"
    result = run("split", "bridge-short")
    assert result.exit_code == 0 and result.stdout.strip() == "bridge-short"
    assert cluster_of(run, "bridge-short") == "bridge-short"
    assert cluster_of(run, "bridge-wire") == "bridge-byline"  # the others stay one story
    assert bridge_size(run) == 11
    # Kept through a re-ingest of the changed file, check --repair and a new copy arriving.
    assert run("check", "--repair").exit_code == 0
    assert cluster_of(run, "bridge-short") == "bridge-short"
    path = stories / "bridge-short.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line of text here.\n",
                    encoding="utf-8")
    assert "1 updated" in run("ingest", str(stories)).stderr
    assert cluster_of(run, "bridge-short") == "bridge-short"
    assert run("check").exit_code == 0
    assert run("split", "bridge-short", "--undo").exit_code == 0
    assert cluster_of(run, "bridge-short") == "bridge-byline"
    assert bridge_size(run) == 12


def test_join_makes_one_story_and_travels_in_export(
    run: Run, stories: Path, tmp_path: Path
) -> None:
    other = next(c.id for c in cases() if c.event == "bridge" and c.id.endswith("-other"))
    assert cluster_of(run, other) == other
    result = run("join", other, "bridge-wire")
    assert result.exit_code == 0 and result.stdout.strip() == "bridge-byline"
    assert cluster_of(run, other) == "bridge-byline"
    assert run("check", "--repair").exit_code == 0 and cluster_of(run, other) == "bridge-byline"
    exported = run("export").stdout
    records = {r["id"]: r for r in map(json.loads, exported.splitlines())}
    assert records["bridge-wire"]["joined"] == [other] and records[other]["joined"] == [
        "bridge-wire"]
    assert records["bridge-short"]["joined"] == [] and records["bridge-short"]["apart"] is False
    restored = tmp_path / "restored.db"
    (tmp_path / "backup.jsonl").write_text(exported)
    assert run("--db", str(restored), "ingest", str(tmp_path / "backup.jsonl")).exit_code == 0
    assert run("--db", str(restored), "export").stdout == exported
    assert run("rm", "bridge-wire").exit_code == 0  # rm forgets the override: the report of
    assert cluster_of(run, other) == other  # its own is alone again
    assert run("check").exit_code == 0


def test_join_and_split_refuse_what_they_cannot_do(run: Run, stories: Path) -> None:
    assert run("join", "bridge-wire").exit_code == 2
    assert run("join", "bridge-wire", "bridge-wire").exit_code == 2
    missing = run("join", "bridge-wire", "no-such-article")
    assert missing.exit_code == 1 and "no-such-article" in missing.stderr  # as `show`
    assert run("split", "no-such-article").exit_code == 1


def test_keys_moved_from_the_recent_table_still_find_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New keys go to a small table, moved in bulk into the large one: clusters are the same
    whenever the move happens."""
    from newsarc.store.sqlite import _Stories

    write_cases(tmp_path / "news")
    found = []
    for recent in (1, 10**9):
        monkeypatch.setattr(_Stories, "RECENT", recent)
        with open_archive(tmp_path / f"{recent}.db", create=True) as store:
            list(ingest(store, discover([str(tmp_path / "news")]), workers=0))
            found.append(archive_clusters(store))
            assert store.check() == []
    assert found[0] == found[1]
    assert len(set(found[0].values())) < len(found[0])


def test_similar_prints_an_id_as_text_never_as_markup(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "markup"
    folder.mkdir()
    wire = next(c for c in cases() if c.id.endswith("-wire"))
    (folder / "x[red]y.txt").write_text(wire.text, encoding="utf-8")
    (folder / "plain.txt").write_text(wire.text.replace(" date ", " date ", 1) + "\nMore.\n",
                                      encoding="utf-8")
    assert run("ingest", str(folder), "--quiet").exit_code == 0
    result = run("similar", "x[red]y", "--format", "rich")
    assert result.exit_code == 0, result.stderr
    assert "like x[red]y" in result.stdout


def test_salvage_keeps_a_users_overrides(run: Run, stories: Path, isolated_archive: Path,
                                        tmp_path: Path) -> None:
    other = next(c.id for c in cases() if c.event == "bridge" and c.id.endswith("-other"))
    assert run("join", other, "bridge-wire").exit_code == 0
    assert run("split", "bridge-short").exit_code == 0
    new = tmp_path / "salvaged.db"
    assert run("salvage", location(), str(new)).exit_code == 0
    assert run("--db", str(new), "export").stdout == run("export").stdout
    assert run("--db", str(new), "check").exit_code == 0


def test_check_reports_clusters_made_by_another_signature_version(
    run: Run, stories: Path, isolated_archive: Path
) -> None:
    conn = connect(isolated_archive)
    assert conn.execute("SELECT value FROM newsarc_meta WHERE key = 'stories_version'"
                        ).fetchone() == ("1",)
    conn.execute("UPDATE newsarc_meta SET value = '0' WHERE key = 'stories_version'")
    conn.commit()
    conn.close()
    result = run("check")
    assert result.exit_code == 1 and "signature version 0" in result.stdout
    assert run("check", "--repair").exit_code == 0
    assert run("check").exit_code == 0


def test_timeline_events_collapse_counts_each_story_once_a_period(run: Run, stories: Path
                                                                  ) -> None:
    def counts(*extra: str) -> dict[str, int]:
        rows = run("timeline", "Hartwell", "bridge", "--events", "--by", "day", "--format",
                   "json", *extra).stdout
        return {r["period"]: r["count"] for r in json.loads(rows) if r["count"]}

    plain, once = counts(), counts("--collapse")
    assert plain and once.keys() == plain.keys()
    assert max(plain.values()) > 2 and set(once.values()) <= {1, 2}  # two stories at most:
    # the wire story's copies and the other outlet's own report
